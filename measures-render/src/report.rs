//! The demand report as one self-contained HTML file: a summary table of every
//! measure with its icons, then the end-to-end capability charts and statements,
//! demand volume, failure demand, the Pareto of demand types, flow and the open
//! cases. Inline CSS and SVG only: no scripts, fonts or files fetched.

use crate::svg::{chart_svg, pareto_svg, SvgOptions};
use crate::view::ChartView;
use crate::{escape, words};
use measures_core::demand::{DemandReport, GroupCapability, Pareto, VolumeChart};
use measures_core::{Chart, Column};
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
color:#231F20;margin:2rem auto;max-width:1000px;padding:0 1rem;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #005EB8;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}th,td{border:1px solid #D9D9D9;padding:.3rem .55rem;text-align:left;vertical-align:top}\
th{background:#F2F2F2}td.num{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0}figcaption{margin-top:.4rem}\
.statement{font-weight:600}.muted{color:#595959}.icon{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.35rem;vertical-align:middle}\
svg{max-width:100%;height:auto}@media print{h2{page-break-before:auto}figure{page-break-inside:avoid}}";

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

fn num(x: f64) -> String {
    if !x.is_finite() {
        "–".into()
    } else if x != 0.0 && x.abs() < 1.0 {
        format!("{x:.3}") // rates and shares
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

/// One row of the summary table from a chart: the latest point's value, centre and
/// limits (which may vary point to point on a p chart), and the icons.
fn summary_row(out: &mut String, measure: &str, chart: &Chart) {
    let last = chart.len().saturating_sub(1);
    let at = |column: &Column<f64>| column.get(last).unwrap_or(f64::NAN);
    let _ = write!(
        out,
        "<tr class=\"measure\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td><td>{}</td><td>{}</td></tr>",
        escape(measure),
        num(chart.values.get(last).copied().unwrap_or(f64::NAN)),
        num(at(&chart.centre)),
        num(at(&chart.lower)),
        num(at(&chart.upper)),
        icon("variation", Some(chart.variation.name())),
        icon("assurance", chart.assurance.map(|a| a.name())),
    );
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

fn capability_figure(out: &mut String, g: &GroupCapability, unit: &str, title: &str) {
    match (&g.chart, &g.capability) {
        (Some(chart), Some(c)) => {
            let caption = format!(
                "<span class=\"statement\">{}</span> <span class=\"muted\">{} closed, {} still open.</span>",
                escape(&c.statement.text),
                g.closed,
                g.open
            );
            out.push_str(&figure(chart, title, unit, &caption));
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
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("class=\"measures-chart\""));
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
        report.from.local_date,
        report.as_of.local_date,
        report.open.count,
        report.as_of.local_date
    );

    // Summary table of every measure with its icons.
    out.push_str("<h2 id=\"summary\">Summary of measures</h2><table class=\"summary\"><tr><th>measure</th><th>latest</th><th>centre</th><th>process limits</th><th>variation</th><th>assurance</th></tr>");
    if let Some(c) = &report.end_to_end.chart {
        summary_row(
            &mut out,
            &format!("End-to-end time, all demand ({unit})"),
            c,
        );
    }
    if let Some(c) = &report.volume.chart {
        summary_row(&mut out, &format!("Demand per {period}"), c);
    }
    if let Some(f) = &report.failure_demand {
        summary_row(&mut out, "Failure demand (share of demand)", &f.chart);
    }
    for g in &report.end_to_end_by_type {
        if let Some(c) = &g.chart {
            summary_row(
                &mut out,
                &format!("End-to-end time, {} ({unit})", g.group),
                c,
            );
        }
    }
    out.push_str("</table>");

    out.push_str(
        "<h2 id=\"end-to-end\">End-to-end time: what the process predictably delivers</h2>",
    );
    capability_figure(
        &mut out,
        &report.end_to_end,
        unit,
        &format!("End-to-end time, all demand ({unit})"),
    );

    out.push_str("<h2 id=\"demand\">Demand</h2>");
    let volume_figure = |out: &mut String, v: &VolumeChart, title: &str| {
        match &v.chart {
        Some(c) => out.push_str(&figure(
            c,
            title,
            "cases",
            "Cases received per period; incomplete first and last periods are plotted but kept out of the limits.",
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

    out.push_str("<h2 id=\"pareto\">Pareto of demand types</h2>");
    pareto_section(&mut out, &report.pareto_value, "Value demand by type");
    pareto_section(&mut out, &report.pareto_failure, "Failure demand by type");

    out.push_str("<h2 id=\"by-type\">End-to-end time by demand type</h2>");
    for g in &report.end_to_end_by_type {
        capability_figure(
            &mut out,
            g,
            unit,
            &format!("End-to-end time, {} ({unit})", g.group),
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
        "<h2 id=\"open\">Open cases</h2><p>{} cases were open on {}; median age {} {unit}. They are not in the end-to-end charts, \
         which show closed cases only, and are listed here oldest first.</p>",
        report.open.count,
        report.as_of.local_date,
        num(report.open.median_age)
    );
    if !report.open.cases.is_empty() {
        out.push_str("<table class=\"open\"><tr><th>case</th><th>age</th></tr>");
        for c in report.open.cases.iter().take(50) {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&c.id),
                num(c.age)
            );
        }
        out.push_str("</table>");
        if report.open.cases.len() > 50 {
            let _ = write!(
                out,
                "<p class=\"muted\">and {} more.</p>",
                report.open.cases.len() - 50
            );
        }
    }
    if !report.notes.is_empty() {
        out.push_str("<h2 id=\"notes\">Notes</h2><ul>");
        for n in &report.notes {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul>");
    }
    out.push_str("<p class=\"muted\">Made by measures: Making Data Count rules and icons; capability from the latest phase of each chart.</p></body></html>");
    out
}
