//! The demand report as one self-contained HTML file, written for the people who
//! run the service: a few sentences generated from the numbers, a summary table of
//! every measure (the latest complete period, before and after each change, the
//! process limits, the icons), then each measure's chart with its statement, and
//! the open cases by age. Inline CSS and SVG only: no scripts, fonts or files
//! fetched; it prints on A4 with each chart whole.

use crate::durations::durations_svg;
use crate::svg::{chart_svg, nice_ticks, number, pareto_svg, SvgOptions, FONT};
use crate::text::{escape, words};
use crate::view::ChartView;
use measures_core::capability::{Finding, Predictability};
use measures_core::change::PhaseSuggestions;
use measures_core::demand::{
    long_date, AgeProfile, DemandReport, GroupCapability, MeasureSummary, Pareto, VolumeChart,
};
use measures_core::demand::{PilotReport, UnitComparison};
use measures_core::funnel::Funnel;
use measures_core::{Chart, Variation};
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
color:#231F20;margin:2rem auto;max-width:1000px;padding:0 1rem;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #005EB8;padding-bottom:.2rem}\
h3{font-size:1.05rem;margin-top:1.6rem}\
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}th,td{border:1px solid #D9D9D9;padding:.3rem .55rem;text-align:left;vertical-align:top}\
th{background:#F2F2F2}td.num{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0}figcaption{margin-top:.4rem}\
.statement{font-weight:600}.muted{color:#595959}.icon{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.35rem;vertical-align:middle}\
.brief{background:#F0F4F5;border-left:4px solid #005EB8;padding:.6rem 1rem;margin:1rem 0}.brief li{margin:.25rem 0}\
nav.toc{columns:2;font-size:.92rem;margin:.6rem 0}nav.toc a{color:#005EB8}\
svg{max-width:100%;height:auto}\
@page{size:A4;margin:14mm}\
@media print{body{margin:0;max-width:none;font-size:10.5pt}nav.toc{display:none}h2{break-after:avoid;page-break-after:avoid}\
figure,table,.brief{break-inside:avoid;page-break-inside:avoid}a{color:inherit;text-decoration:none}}";

fn icon_colour(name: &str) -> &'static str {
    if name.contains("improving") || name == "consistently_pass" {
        "#289DE0"
    } else if name.contains("concerning") || name == "consistently_fail" {
        "#FAB428"
    } else if name.contains("neither") {
        "#361475"
    } else {
        "#7B7D7D"
    }
}

fn icon(class: &str, name: Option<&str>) -> String {
    match name {
        None => "<span class=\"muted\">–</span>".into(),
        Some(n) => format!(
            "<span class=\"{class}\" data-icon=\"{}\"><span class=\"icon\" style=\"background:{}\"></span>{}</span>",
            escape(n),
            icon_colour(n),
            escape(&words(n))
        ),
    }
}

/// A number as a table shows it: shares as percentages, others to one decimal.
fn value(x: f64, unit: &str) -> String {
    if !x.is_finite() {
        "–".into()
    } else if unit == "share" {
        format!("{:.1}%", 100.0 * x)
    } else {
        format!("{x:.1}")
    }
}

fn figure(chart: &Chart, title: &str, y_label: &str, caption: &str) -> String {
    let svg = chart_svg(
        &ChartView::from_chart(chart),
        &SvgOptions {
            title: Some(title.into()),
            y_label: Some(y_label.into()),
            ..SvgOptions::default()
        },
    );
    format!("<figure>{svg}<figcaption>{caption}</figcaption></figure>")
}

/// Where the system changed: phase starts suggested by the period charts'
/// sustained signals, with their evidence; never applied.
fn changes_section(out: &mut String, report: &DemandReport) {
    let found: Vec<(&str, &PhaseSuggestions)> = [
        ("Demand per period", report.volume.suggested_phases.as_ref()),
        (
            "Failure demand",
            report
                .failure_demand
                .as_ref()
                .and_then(|f| f.suggested_phases.as_ref()),
        ),
    ]
    .into_iter()
    .filter_map(|(name, s)| s.map(|s| (name, s)))
    .collect();
    if found.is_empty() {
        return;
    }
    out.push_str(
        "<h3 id=\"changes\">Where the system changed (suggested)</h3><ul class=\"brief\">",
    );
    for (name, s) in found {
        if s.suggestions.is_empty() {
            let _ = write!(
                out,
                "<li>{}: no sustained change {}.</li>",
                escape(name),
                if s.phase_starts.is_empty() {
                    "found"
                } else {
                    "beyond the changes given"
                }
            );
        }
        for x in &s.suggestions {
            let _ = write!(out, "<li>{}: {}.</li>", escape(name), escape(&x.text));
        }
    }
    out.push_str(
        "</ul><p class=\"muted\">Suggested from sustained signals (a shift, run or trend) and confirmed by a stable new phase and a change of level beyond chance; \
         never applied. To recalculate the limits from one, give it as a change (<code>--change DATE</code>). Method and error rates: docs/phase-suggestions.md.</p>",
    );
}

/// The pilot against the rest: each measure's two charts, the verdict, and whether
/// the change is holding.
fn pilot_section(out: &mut String, p: &PilotReport, unit: &str) {
    let _ = write!(
        out,
        "<h2 id=\"pilot\">Pilot against the rest</h2><p>{} piloted a change from {}. Each group's limits come from its \
         periods before the change; after it, a sustained signal confirmed by a move in level beyond chance says the group changed.</p><ul class=\"brief\">",
        escape(&p.pilot.join(", ")),
        long_date(p.change)
    );
    for h in &p.holding {
        let _ = write!(out, "<li>{}</li>", escape(h));
    }
    out.push_str("</ul>");
    for (title, c, y) in [
        (
            "Failure demand",
            &p.failure_demand,
            "failure share".to_string(),
        ),
        ("End-to-end time", &p.end_to_end, format!("mean {unit}")),
    ] {
        let Some(c) = c else { continue };
        let svg = crate::compare::compare_svg(
            c,
            &SvgOptions {
                title: Some(format!("{title}: pilot against the rest")),
                y_label: Some(y),
                ..SvgOptions::default()
            },
        );
        let _ = write!(
            out,
            "<figure>{svg}<figcaption>{}</figcaption></figure>",
            escape(&c.text)
        );
    }
    for note in &p.notes {
        let _ = write!(out, "<p class=\"muted\">{}</p>", escape(note));
    }
}

/// Units (teams, areas) compared on funnels: each measure's picture, then its units
/// ranked by z with the sentence that says which differ beyond chance.
fn units_section(out: &mut String, c: &UnitComparison, unit: &str) {
    let _ = write!(
        out,
        "<h2 id=\"units\">Units compared</h2><p>Each of the {} units against the whole service, with limits for its \
         number of cases: a unit beyond the limits differs by more than chance; one within them does not, whatever its rank. \
         Ranked by z-score, never by the raw share.</p>",
        c.units.len()
    );
    let threshold = format!("{} {unit}", c.threshold_words());
    for (f, title, y) in [
        (
            &c.failure_demand,
            "Failure demand by unit".to_string(),
            "failure share",
        ),
        (
            &c.within_threshold,
            format!("Cases completed within {threshold}, by unit"),
            "share within",
        ),
    ] {
        let Some(f) = f else { continue };
        let svg = unit_funnel_svg(f, &title, y);
        let _ = write!(
            out,
            "<figure>{svg}<figcaption>{}</figcaption></figure>",
            escape(&f.summary)
        );
        out.push_str("<table class=\"by-type\"><tr><th>unit</th><th>cases</th><th>share</th><th>z</th><th>against the limits</th></tr>");
        for u in f.units.iter().rev() {
            let reading = match f.variation(u) {
                Variation::ImprovingHigh | Variation::ImprovingLow => "better beyond chance",
                Variation::ConcerningHigh | Variation::ConcerningLow => "worse beyond chance",
                _ => "within",
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}%</td><td class=\"num\">{:.2}</td><td>{reading}</td></tr>",
                escape(&u.unit),
                u.denominator,
                u.value * 100.0,
                u.z
            );
        }
        out.push_str("</table>");
        for note in &f.notes {
            let _ = write!(out, "<p class=\"muted\">{}</p>", escape(note));
        }
    }
    for note in &c.notes {
        let _ = write!(out, "<p class=\"muted\">{}</p>", escape(note));
    }
}

fn unit_funnel_svg(f: &Funnel, title: &str, y_label: &str) -> String {
    crate::funnel::funnel_svg(
        f,
        &SvgOptions {
            title: Some(title.into()),
            y_label: Some(y_label.into()),
            ..SvgOptions::default()
        },
    )
}

/// The summary table: one row per measure.
fn summary_table(out: &mut String, summary: &[MeasureSummary], period: &str) {
    let changes: Vec<chrono::NaiveDate> = summary
        .iter()
        .flat_map(|m| m.changes.iter().map(|c| c.change))
        .fold(Vec::new(), |mut v, d| {
            if !v.contains(&d) {
                v.push(d);
            }
            v
        });
    let mut head =
        format!("<table class=\"summary\"><tr><th>measure</th><th>latest complete {period}</th>");
    for d in &changes {
        let _ = write!(
            head,
            "<th>before → after<br><span class=\"muted\">change on {}</span></th>",
            d.format("%-d %b %Y")
        );
    }
    head.push_str("<th>process limits now</th><th>variation</th><th>verdict</th></tr>");
    out.push_str(&head);
    for m in summary {
        let unit = if m.unit == "share" {
            ""
        } else {
            m.unit.as_str()
        };
        let latest = m.latest.map_or("–".into(), |(d, v)| {
            format!(
                "{}<br><span class=\"muted\">{}</span>",
                value(v, &m.unit),
                d.format("%-d %b %Y")
            )
        });
        let _ = write!(
            out,
            "<tr class=\"measure\"><td>{}<br><span class=\"muted\">{}{}</span></td><td class=\"num\">{latest}</td>",
            escape(&m.measure),
            escape(unit),
            if m.better == "neither" {
                String::new()
            } else {
                format!(", {} is better", m.better)
            }
        );
        for d in &changes {
            match m.changes.iter().find(|c| c.change == *d) {
                Some(c) => {
                    let _ = write!(
                        out,
                        "<td class=\"num change\" data-sustained=\"{}\">{} → {}<br><span class=\"muted\">{}</span></td>",
                        c.sustained,
                        value(c.before, &m.unit),
                        value(c.after, &m.unit),
                        if c.sustained {
                            "sustained shift"
                        } else {
                            "not sustained"
                        }
                    );
                }
                None => out.push_str("<td class=\"muted\">–</td>"),
            }
        }
        let verdict = match m.predictable {
            Some(true) => "predictable",
            Some(false) => "not predictable",
            None => "",
        };
        let _ = write!(
            out,
            "<td class=\"num\">{} to {}</td><td>{}</td><td>{verdict}</td></tr>",
            value(m.lower, &m.unit),
            value(m.upper, &m.unit),
            icon("variation", Some(m.variation.name())),
        );
    }
    out.push_str("</table>");
}

fn pareto_section(out: &mut String, p: &Pareto, title: &str) {
    if p.rows.is_empty() {
        let _ = write!(out, "<p class=\"muted\">{}: no cases.</p>", escape(title));
        return;
    }
    let rows: Vec<(String, usize)> = p
        .rows
        .iter()
        .map(|r| (r.demand_type.clone(), r.count))
        .collect();
    let _ = write!(out, "<figure>{}</figure>", pareto_svg(&rows, title));
    out.push_str("<table class=\"pareto\"><tr><th>demand type</th><th>cases</th><th>share</th><th>cumulative</th></tr>");
    for r in &p.rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}%</td><td class=\"num\">{:.1}%</td></tr>",
            escape(&r.demand_type),
            r.count,
            r.share * 100.0,
            r.cumulative_share * 100.0
        );
    }
    out.push_str("</table>");
}

/// The verdict's three tests, as a small table under the statement.
fn verdict_table(out: &mut String, v: &Predictability, unit: &str, chart: &Chart) {
    out.push_str("<table class=\"verdict\"><tr><th>the verdict asks</th><th>answer</th><th>p-value (held to)</th></tr>");
    for t in &v.tests {
        let question = match t.test {
            Finding::Shift => "a sustained shift?",
            Finding::Cluster => "a cluster of high or low times?",
            Finding::Outlier => "an outlier beyond chance?",
        };
        let answer = if let Some(why) = &t.skipped {
            format!("not tested: {why}")
        } else if !t.fired {
            "no".to_string()
        } else {
            let way = match t.side {
                Some(measures_core::Side::High) => "longer",
                _ => "shorter",
            };
            match t.test {
                Finding::Outlier => format!("yes: {} cases far out", v.outliers.len()),
                _ => format!(
                    "yes: {way} from {} to {} (median {} against {} {unit})",
                    chart.point_name(t.first),
                    chart.point_name(t.last),
                    number(t.median_inside),
                    number(t.median_outside)
                ),
            }
        };
        let _ = write!(
            out,
            "<tr><td>{question}</td><td>{}</td><td class=\"num\">{} ({})</td></tr>",
            escape(&answer),
            if t.p_value.is_nan() {
                "–".into()
            } else {
                format!("{:.3}", t.p_value)
            },
            t.alpha
        );
    }
    out.push_str("</table>");
}

fn capability_figure(
    out: &mut String,
    g: &GroupCapability,
    report: &DemandReport,
    title: &str,
    details: bool,
) {
    let unit = report.options.unit.words();
    let svg = durations_svg(
        g,
        unit,
        report.options.period,
        &report.options.changes,
        title,
    );
    match (&g.chart, &g.capability) {
        (Some(chart), Some(c)) => {
            let censored = g.censored_from.map_or(String::new(), |d| {
                format!(
                    " Cases received from {} on are drawn but kept out of the limits and the verdict: enough of them are still open that those closed so far are the quick ones.",
                    long_date(d)
                )
            });
            let _ = write!(
                out,
                "<figure>{svg}<figcaption><span class=\"statement\">{}</span> \
                 <span class=\"muted\">{} closed, {} still open; {:.1}% of the cases judged lie within the range.{}</span></figcaption></figure>",
                escape(&c.statement.text),
                g.closed,
                g.open,
                100.0 * c.statement.coverage,
                escape(&censored)
            );
            if details {
                verdict_table(out, &c.statement.verdict, unit, chart);
            }
        }
        _ => {
            let _ = write!(
                out,
                "<p class=\"muted\">{}: no chart ({}); {} closed, {} open.</p>",
                escape(title),
                escape(g.error.as_deref().unwrap_or("no data")),
                g.closed,
                g.open
            );
        }
    }
}

/// Stacked bars of open cases per age band, one colour per demand type.
fn age_profile_svg(p: &AgeProfile, unit: &str) -> String {
    const COLOURS: [&str; 8] = [
        "#005EB8", "#41B6E6", "#FAB428", "#768692", "#ED8B00", "#00A499", "#330072", "#AE2573",
    ];
    let (w, h) = (800.0, 300.0);
    let (left, right, top, bottom) = (64.0, w - 200.0, 40.0, h - 56.0);
    let max = p.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let ticks = nice_ticks(0.0, max, 4.0);
    let y_max = *ticks.last().unwrap_or(&max);
    let y = |v: f64| bottom - v / y_max * (bottom - top);
    let slot = (right - left) / p.bands.len().max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" class=\"measures-ages\" \
         font-family=\"{FONT}\" font-size=\"12\"><title>Open cases by age ({unit})</title><rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\
         <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">Open cases by age ({unit})</text>"
    );
    for &t in &ticks {
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{right}\" y2=\"{0:.1}\" stroke=\"#EEEEEE\"/><text x=\"{1}\" y=\"{2:.1}\" text-anchor=\"end\" fill=\"#4D4D4D\">{3}</text>",
            y(t),
            left - 6.0,
            y(t) + 4.0,
            number(t)
        );
    }
    // Types beyond the palette share its last colour, as "other".
    let named = p.by_type.len().min(COLOURS.len());
    for (b, band) in p.bands.iter().enumerate() {
        let x0 = left + b as f64 * slot + slot * 0.15;
        let mut base = 0.0;
        for (k, (name, counts)) in p.by_type.iter().enumerate() {
            let c = counts[b] as f64;
            if c == 0.0 {
                continue;
            }
            let colour = COLOURS[k.min(COLOURS.len() - 1)];
            let _ = write!(
                s,
                "<rect class=\"age-bar\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{}: {} open, aged {} {unit}</title></rect>",
                y(base + c),
                slot * 0.7,
                y(base) - y(base + c),
                escape(name),
                counts[b],
                escape(band)
            );
            base += c;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4D4D4D\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"600\">{}</text>",
            x0 + slot * 0.35,
            bottom + 16.0,
            escape(band),
            x0 + slot * 0.35,
            y(base) - 4.0,
            p.counts[b]
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#BFBFBF\"/><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#4D4D4D\">age ({unit})</text><g class=\"legend\" font-size=\"11\">",
        (left + right) / 2.0,
        bottom + 36.0
    );
    for (k, (name, _)) in p.by_type.iter().take(named).enumerate() {
        let label = if k == COLOURS.len() - 1 && p.by_type.len() > COLOURS.len() {
            "other types".to_string()
        } else {
            name.clone()
        };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            right + 16.0,
            top + 18.0 * k as f64,
            COLOURS[k],
            right + 34.0,
            top + 18.0 * k as f64 + 10.0,
            escape(&label)
        );
    }
    s.push_str("</g></svg>");
    s
}

/// The whole demand report as an HTML document.
///
/// ```
/// use measures_core::demand::{demand_report, Case, CaseLog, DemandClass, DemandOptions, Period};
/// use measures_core::demand::time::Timestamp;
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let cases: Vec<Case> = (1..=28).map(|d| Case::new(d.to_string(), t(&format!("2024-02-{d:02}")),
///     Some(t(&format!("2024-03-{d:02}"))), if d % 4 == 0 { DemandClass::Failure } else { DemandClass::Value })).collect();
/// let report = demand_report(&CaseLog::new(cases)?, &DemandOptions { period: Period::Day, ..Default::default() })?;
/// let html = measures_render::report::demand_html(&report, "Repairs", "cases.csv");
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("class=\"measures-chart"));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn demand_html(report: &DemandReport, title: &str, source: &str) -> String {
    let unit = report.options.unit.words();
    let period = report.options.period.name();
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1>\
         <p class=\"muted\">From <code>{}</code>: {} cases received {} to {}; <strong>{} still open</strong> on {}. \
         Times in {unit}; demand counted per {period}.</p>",
        escape(title),
        escape(title),
        escape(source),
        report.cases,
        long_date(report.from.local_date),
        long_date(report.as_of.local_date),
        report.open.count,
        long_date(report.as_of.local_date)
    );
    let _ = write!(
        out,
        "<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#brief\">In brief</a><br><a href=\"#summary\">Summary of measures</a><br>\
         <a href=\"#end-to-end\">End-to-end time</a><br><a href=\"#demand\">Demand</a><br><a href=\"#failure-demand\">Failure demand</a><br>{}\
         <a href=\"#pareto\">Pareto of demand types</a><br><a href=\"#by-type\">End-to-end time by demand type</a><br><a href=\"#flow\">Flow</a><br>\
         <a href=\"#open\">Open cases</a><br><a href=\"#method\">How to read this report</a></nav>",
        match (report.units.is_some(), report.pilot.is_some()) {
            (true, true) => "<a href=\"#units\">Units compared</a><br><a href=\"#pilot\">Pilot against the rest</a><br>",
            (true, false) => "<a href=\"#units\">Units compared</a><br>",
            (false, true) => "<a href=\"#pilot\">Pilot against the rest</a><br>",
            (false, false) => "",
        }
    );
    out.push_str("<h2 id=\"brief\">In brief</h2><ul class=\"brief\">");
    for sentence in &report.narrative {
        let _ = write!(out, "<li>{}</li>", escape(sentence));
    }
    out.push_str("</ul>");

    out.push_str("<h2 id=\"summary\">Summary of measures</h2>");
    summary_table(&mut out, &report.summary, period);
    let _ = write!(
        out,
        "<p class=\"muted\">Latest: the latest {period} wholly in the log and not cut short by cases still open \
         (for end-to-end times, the median case received in it). Variation icons come from that {period}, never from one kept \
         out of the limits; for end-to-end times from the verdict.</p>"
    );

    changes_section(&mut out, report);

    out.push_str(
        "<h2 id=\"end-to-end\">End-to-end time: what the process predictably delivers</h2>",
    );
    capability_figure(
        &mut out,
        &report.end_to_end,
        report,
        &format!("End-to-end time, all demand ({unit})"),
        true,
    );

    out.push_str("<h2 id=\"demand\">Demand</h2>");
    let volume_figure = |out: &mut String, v: &VolumeChart, title: &str| {
        match &v.chart {
        Some(c) => out.push_str(&figure(
            c,
            title,
            "cases",
            &format!("Cases received per {period}; incomplete first and last {period}s are plotted but kept out of the limits."),
        )),
        None => {
            let _ = write!(
                out,
                "<p class=\"muted\">{}: {}</p>",
                escape(title),
                escape(v.error.as_deref().unwrap_or("no chart"))
            );
        }
    }
    };
    volume_figure(&mut out, &report.volume, &format!("Demand per {period}"));

    out.push_str("<h2 id=\"failure-demand\">Failure demand</h2>");
    match &report.failure_demand {
        Some(f) => {
            let caption = format!(
                "{} of {} classified cases were failure demand ({:.1}%). {} chart{}.",
                f.failure,
                f.failure + f.value,
                f.rate * 100.0,
                if f.laney { "Laney p′" } else { "p" },
                if f.unclassified > 0 {
                    format!("; {} cases had no class", f.unclassified)
                } else {
                    String::new()
                }
            );
            out.push_str(&figure(
                &f.chart,
                "Failure demand as a share of all demand",
                "share",
                &escape(&caption),
            ));
            out.push_str("<table class=\"by-type\"><tr><th>demand type</th><th>value</th><th>failure</th><th>failure share</th></tr>");
            for t in &f.by_type {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    escape(&t.demand_type),
                    t.value,
                    t.failure,
                    if t.failure_share.is_finite() {
                        format!("{:.1}%", t.failure_share * 100.0)
                    } else {
                        "–".into()
                    }
                );
            }
            out.push_str("</table>");
        }
        None => {
            out.push_str("<p class=\"muted\">No case is classified as value or failure demand.</p>")
        }
    }

    if let Some(c) = &report.units {
        units_section(&mut out, c, unit);
    }
    if let Some(p) = &report.pilot {
        pilot_section(&mut out, p, unit);
    }

    out.push_str("<h2 id=\"pareto\">Pareto of demand types</h2>");
    pareto_section(&mut out, &report.pareto_value, "Value demand by type");
    pareto_section(&mut out, &report.pareto_failure, "Failure demand by type");

    out.push_str("<h2 id=\"by-type\">End-to-end time by demand type</h2>");
    for g in &report.end_to_end_by_type {
        let _ = write!(out, "<h3>{}</h3>", escape(&g.group));
        capability_figure(
            &mut out,
            g,
            report,
            &format!("End-to-end time, {} ({unit})", g.group),
            false,
        );
    }

    out.push_str("<h2 id=\"flow\">Flow</h2><table class=\"flow\">");
    if let Some(f) = &report.flow.first_contact_resolution {
        let _ = write!(
            out,
            "<tr><th>resolved at first contact</th><td class=\"num\">{:.1}% ({:.1}% to {:.1}%)</td></tr>",
            f.value * 100.0,
            f.lower * 100.0,
            f.upper * 100.0
        );
    }
    if let Some(m) = report.flow.mean_handoffs {
        let _ = write!(
            out,
            "<tr><th>handoffs per case</th><td class=\"num\">{m:.2}</td></tr>"
        );
    }
    let _ = write!(
        out,
        "<tr><th>repeat demand (linked to an earlier case)</th><td class=\"num\">{} ({:.1}%)</td></tr></table>",
        report.flow.repeat_cases,
        report.flow.repeat_share.value * 100.0
    );

    let _ = write!(
        out,
        "<h2 id=\"open\">Open cases</h2><p>{} cases were still open on {}; median age {} {unit}. They are not in the end-to-end charts, \
         which show closed cases only.</p>",
        report.open.count,
        long_date(report.as_of.local_date),
        number(report.open.median_age)
    );
    if report.open.count > 0 {
        let _ = write!(
            out,
            "<figure>{}</figure>",
            age_profile_svg(&report.open_profile, unit)
        );
        out.push_str("<table class=\"open\"><tr><th>oldest open cases</th><th>demand type</th><th>received</th><th>age</th></tr>");
        for c in &report.open_profile.oldest {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{} {unit}</td></tr>",
                escape(&c.id),
                escape(c.demand_type.as_deref().unwrap_or("–")),
                long_date(c.received),
                number(c.age)
            );
        }
        out.push_str("</table>");
    }

    out.push_str(
        "<h2 id=\"method\">How to read this report</h2><ul>\
         <li><strong>Phases.</strong> Each change to the system starts a new phase, with its own limits. A case belongs to the phase \
         in which it was <em>received</em>: the system it went through. Cases received before a change count in the phase before it, however late they closed.</li>\
         <li><strong>End-to-end times</strong> are drawn by the date each case was received: per period, the median case and the middle 80% of cases; \
         the process limits describe individual cases. They are computed on a scale where the times are near symmetric (Yeo–Johnson), \
         so they are uneven about the centre, and never below 0.</li>\
         <li><strong>Predictable or not.</strong> The verdict asks three questions of the latest phase, each held to a small false-alarm rate \
         whatever the number of cases: is there a sustained shift (Pettitt's rank test), a cluster of long or short times (a rank scan over \
         consecutive stretches), or a case further out than chance gives among so many? A stable process is called predictable about 95 times in 100. \
         The chart's point rules (Making Data Count) still mark points for reading the chart; on thousands of cases some always fire.</li>\
         <li><strong>Volume and failure demand</strong> are charted per period with Making Data Count's rules and icons; incomplete periods are plotted but kept out of the limits.</li></ul>",
    );
    if !report.notes.is_empty() {
        out.push_str("<h2 id=\"notes\">Notes</h2><ul>");
        for n in &report.notes {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul>");
    }
    out.push_str("<p class=\"muted\">Made by measures: Making Data Count rules and icons; end-to-end verdicts and statements for the latest phase of each chart.</p></body></html>");
    out
}
