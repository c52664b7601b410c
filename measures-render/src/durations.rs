//! The end-to-end time chart a manager can read at any size: time (the date each
//! case was received) along the x axis; per period, the median case as a line and
//! the middle 80% of cases as a band; the individual cases behind them while they
//! stay legible (a few thousand), otherwise the band stands for them; each phase's
//! process limits for individual cases, floored at zero with the floor drawn; the
//! changes marked; and what the verdict found (a shift, a cluster) shaded where it
//! lies. Every period and every case drawn carries a tooltip (`<title>`).

use crate::svg::{nice_ticks, number, FONT, GREY, ORANGE};
use crate::text::escape;
use chrono::NaiveDate;
use measures_core::capability::Finding;
use measures_core::demand::{long_date, GroupCapability, Period, PeriodTimes};
use std::fmt::Write;

/// Individual cases are drawn behind the periods up to this many.
const MAX_CASES_DRAWN: usize = 4_000;
/// Cases drawn up to this many each get their own tooltip.
const MAX_CASE_TOOLTIPS: usize = 800;

const BAND: &str = "#C6DBEF";
const MEDIAN: &str = "#005EB8";
const CASE: &str = "#7B7D7D";
const SHADE: &str = "#FDE9C4";

/// The chart of one group's end-to-end times (see the module documentation).
///
/// ```
/// use measures_core::demand::{demand_report, Case, CaseLog, DemandClass, DemandOptions, Period};
/// use measures_core::demand::time::Timestamp;
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let cases: Vec<Case> = (0..60).map(|d| {
///     let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(d);
///     Case::new(d.to_string(), t(&day.to_string()), Some(t(&(day + chrono::Duration::days(3 + d % 5)).to_string())), DemandClass::Value)
/// }).collect();
/// let report = demand_report(&CaseLog::new(cases)?, &DemandOptions::default())?;
/// let svg = measures_render::durations_svg(&report.end_to_end, "days", Period::Week, &[], "End-to-end time");
/// assert!(svg.contains("class=\"median\"") && svg.contains("<title"));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn durations_svg(
    g: &GroupCapability,
    unit: &str,
    period: Period,
    changes: &[NaiveDate],
    title: &str,
) -> String {
    let (w, h) = (800.0, 400.0);
    let (left, right, top, bottom) = (64.0, w - 176.0, 44.0, h - 64.0);
    let mut s = String::with_capacity(64 * 1024);
    let statement = g.capability.as_ref().map(|c| &c.statement);
    let desc = statement.map_or_else(|| g.error.clone().unwrap_or_default(), |st| st.text.clone());
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         class=\"measures-chart durations\" data-chart-type=\"end_to_end\" font-family=\"{FONT}\" font-size=\"12\">\
         <title>{}</title><desc>{}</desc><rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\
         <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">{}</text>",
        escape(title),
        escape(&desc),
        escape(title)
    );
    let Some(chart) = g.chart.as_ref() else {
        let _ = write!(
            s,
            "<text x=\"{left}\" y=\"{:.0}\" fill=\"#595959\">No chart: {}</text></svg>",
            (top + bottom) / 2.0,
            escape(g.error.as_deref().unwrap_or("no closed cases"))
        );
        return s;
    };
    let periods: Vec<&PeriodTimes> = g.periods.iter().collect();
    let dates: Vec<Option<NaiveDate>> = chart
        .labels
        .as_ref()
        .map(|l| (0..l.len()).map(|i| l.date(i)).collect())
        .unwrap_or_default();
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        s.push_str("</svg>");
        return s;
    };
    let t0 = first.start;
    let t1 = period.next(last.start);
    let span = ((t1 - t0).num_days() as f64).max(1.0);
    let x = |d: NaiveDate| left + (d - t0).num_days() as f64 / span * (right - left);
    let x_mid = |p: &PeriodTimes| {
        let end = period.next(p.start);
        (x(p.start) + x(end)) / 2.0
    };

    // The y range: the limits, the bands and nearly every case; the few beyond it
    // are drawn at the top edge as triangles (their tooltips give the value).
    let mut values: Vec<f64> = chart
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    values.sort_unstable_by(f64::total_cmp);
    let high_case = values
        .get(((values.len() as f64) * 0.995) as usize)
        .or(values.last())
        .copied()
        .unwrap_or(1.0);
    let hi = chart
        .phases
        .iter()
        .map(|p| p.upper)
        .chain(periods.iter().map(|p| p.p90))
        .chain([high_case])
        .filter(|v| v.is_finite())
        .fold(1.0f64, f64::max);
    let ticks = nice_ticks(0.0, hi, 5.0);
    let y_max = *ticks.last().unwrap_or(&hi);
    let y = |v: f64| bottom - (v.clamp(0.0, y_max) / y_max) * (bottom - top);

    // Axes, y ticks and label.
    let _ = write!(
        s,
        "<g class=\"axes\" stroke=\"#BFBFBF\"><line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\"/></g><g class=\"y-ticks\" fill=\"#4D4D4D\" text-anchor=\"end\">"
    );
    for &t in &ticks {
        let ty = y(t);
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{ty:.1}\" x2=\"{right}\" y2=\"{ty:.1}\" stroke=\"#EEEEEE\"/><text x=\"{}\" y=\"{:.1}\">{}</text>",
            left - 6.0,
            ty + 4.0,
            number(t)
        );
    }
    let _ = write!(
        s,
        "</g><text class=\"y-label\" transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#4D4D4D\">{}</text>",
        (top + bottom) / 2.0,
        escape(unit)
    );
    // X ticks: the first of each month, thinned to at most about ten.
    let mut months = Vec::new();
    let mut m =
        NaiveDate::from_ymd_opt(chrono::Datelike::year(&t0), chrono::Datelike::month(&t0), 1)
            .unwrap_or(t0);
    while m <= t1 && months.len() < 10_000 {
        if m >= t0 {
            months.push(m);
        }
        m = Period::Month.next(m);
    }
    let every = months.len().div_ceil(10).max(1);
    s.push_str("<g class=\"x-ticks\" fill=\"#4D4D4D\" text-anchor=\"middle\">");
    for d in months.iter().step_by(every) {
        let _ = write!(
            s,
            "<line x1=\"{0:.1}\" y1=\"{bottom}\" x2=\"{0:.1}\" y2=\"{1}\" stroke=\"#BFBFBF\"/><text x=\"{0:.1}\" y=\"{2}\">{3}</text>",
            x(*d),
            bottom + 4.0,
            bottom + 17.0,
            d.format("%b %Y")
        );
    }
    let _ = write!(
        s,
        "</g><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#4D4D4D\">date received</text>",
        (left + right) / 2.0,
        bottom + 34.0
    );

    let _ = write!(
        s,
        "<g class=\"plot\" data-y-min=\"0\" data-y-max=\"{y_max}\" data-top=\"{top}\" data-bottom=\"{bottom}\" data-left=\"{left}\" data-right=\"{right}\" data-n=\"{}\" data-from=\"{t0}\" data-to=\"{t1}\">",
        chart.len()
    );
    // What the verdict found, shaded where it lies.
    if let Some(st) = statement {
        for t in st
            .verdict
            .tests
            .iter()
            .filter(|t| t.fired && t.test != Finding::Outlier)
        {
            let (Some(Some(a)), Some(Some(b))) = (dates.get(t.first), dates.get(t.last)) else {
                continue;
            };
            let (xa, xb) = (x(*a), x(*b + chrono::Duration::days(1)));
            let _ = write!(
                s,
                "<rect class=\"finding {}\" x=\"{xa:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{SHADE}\">\
                 <title>{}: {} to {}, median {} {unit} against {}</title></rect>",
                t.test.name(),
                (xb - xa).max(1.0),
                bottom - top,
                if t.test == Finding::Shift { "Sustained shift" } else { "Cluster" },
                long_date(*a),
                long_date(*b),
                number(t.median_inside),
                number(t.median_outside)
            );
        }
    }
    // Changes: a line on the date of each change that starts a later phase (the
    // phase itself starts with the first case received on or after it).
    for p in chart.phases.iter().skip(1) {
        if let Some(Some(first)) = dates.get(p.first) {
            let change = changes
                .iter()
                .copied()
                .filter(|c| c <= first)
                .max()
                .unwrap_or(*first);
            let px = x(change);
            let _ = write!(
                s,
                "<g class=\"change\"><line x1=\"{px:.1}\" y1=\"{top}\" x2=\"{px:.1}\" y2=\"{bottom}\" stroke=\"#231F20\" stroke-dasharray=\"2 3\"/>\
                 <text x=\"{:.1}\" y=\"{}\" fill=\"#231F20\">change on {}: phase {}</text></g>",
                px + 4.0,
                top + 12.0,
                change.format("%-d %b %Y"),
                p.index + 1
            );
        }
    }
    // The band of the middle 80% of each period, one polygon per run of periods.
    let mut runs: Vec<Vec<&PeriodTimes>> = Vec::new();
    for p in &periods {
        match runs.last_mut() {
            Some(run)
                if p.cases > 0
                    && run
                        .last()
                        .is_some_and(|q| q.phase == p.phase && q.cases > 0) =>
            {
                run.push(p)
            }
            _ if p.cases > 0 => runs.push(vec![p]),
            _ => {}
        }
    }
    for run in &runs {
        let mut d = String::new();
        for (k, p) in run.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if k == 0 { "M" } else { "L" },
                x_mid(p),
                y(p.p90)
            );
        }
        for p in run.iter().rev() {
            let _ = write!(d, "L{:.1},{:.1}", x_mid(p), y(p.p10));
        }
        let _ = write!(
            s,
            "<path class=\"band\" d=\"{d}Z\" fill=\"{BAND}\" fill-opacity=\"0.7\"/>"
        );
    }
    // The cases themselves, while legible.
    let outliers: Vec<usize> = statement.map_or_else(Vec::new, |st| st.verdict.outliers.clone());
    if chart.len() <= MAX_CASES_DRAWN {
        let ids = &g.ids;
        s.push_str("<g class=\"cases\">");
        for (i, &v) in chart.values.iter().enumerate() {
            let Some(Some(d)) = dates.get(i) else {
                continue;
            };
            // Spread the day's cases across the day's width so they do not stack.
            let day = (right - left) / span;
            let px = x(*d) + day * ((i * 7919 % 97) as f64 / 97.0);
            let above = v > y_max;
            let excluded = !chart.used[i];
            let title = if chart.len() <= MAX_CASE_TOOLTIPS || outliers.contains(&i) {
                format!(
                    "<title>{}: received {d}, {} {unit}{}</title>",
                    escape(ids.get(i).unwrap_or("")),
                    number(v),
                    if excluded {
                        " (kept out of the limits)"
                    } else {
                        ""
                    }
                )
            } else {
                String::new()
            };
            if above {
                let _ = write!(
                    s,
                    "<path class=\"case beyond\" d=\"M{:.1},{:.1}l-3,6h6z\" fill=\"{CASE}\">{title}</path>",
                    px,
                    top
                );
            } else {
                let _ = write!(
                    s,
                    "<circle class=\"case\" cx=\"{px:.1}\" cy=\"{:.1}\" r=\"1.6\" fill=\"{CASE}\" fill-opacity=\"0.35\">{title}</circle>",
                    y(v)
                );
            }
        }
        s.push_str("</g>");
    }
    // Each phase's process limits for individual cases, and its centre.
    let mut floored = false;
    for p in &chart.phases {
        let (Some(Some(a)), Some(Some(b))) = (dates.get(p.first), dates.get(p.last)) else {
            continue;
        };
        let (xa, xb) = (x(period.start(*a)), x(period.next(period.start(*b))));
        floored |= p.lower <= 0.0 && chart.lower_clamped[p.first];
        for (class, v, dash, colour, what) in [
            (
                "limit upper",
                p.upper,
                " stroke-dasharray=\"6 4\"",
                GREY,
                "upper process limit",
            ),
            (
                "limit lower",
                p.lower,
                " stroke-dasharray=\"6 4\"",
                GREY,
                "lower process limit",
            ),
            ("centre", p.centre, "", "#231F20", "typical case (centre)"),
        ] {
            if v.is_finite() {
                let ly = y(v);
                let _ = write!(
                    s,
                    "<line class=\"{class}\" data-phase=\"{}\" data-value=\"{v}\" x1=\"{xa:.1}\" y1=\"{ly:.1}\" x2=\"{xb:.1}\" y2=\"{ly:.1}\" \
                     stroke=\"{colour}\" stroke-width=\"1.4\"{dash}><title>{what}, phase {}: {} {unit}</title></line>",
                    p.index,
                    p.index + 1,
                    number(v)
                );
            }
        }
    }
    if floored {
        let _ = write!(
            s,
            "<g class=\"floor\"><line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#231F20\" stroke-width=\"2\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#231F20\" font-size=\"11\">floor 0: the lower limit cannot go below it</text></g>",
            left + 4.0,
            bottom - 4.0
        );
    }
    // The median of each period, with its tooltip; incomplete periods hollow.
    let mut d = String::new();
    let mut pen = false;
    for p in &periods {
        if p.cases == 0 {
            pen = false;
            continue;
        }
        let _ = write!(
            d,
            "{}{:.1},{:.1}",
            if pen { "L" } else { "M" },
            x_mid(p),
            y(p.median)
        );
        pen = true;
    }
    let _ = write!(s, "<path class=\"median-line\" d=\"{d}\" fill=\"none\" stroke=\"{MEDIAN}\" stroke-width=\"1.8\"/>");
    let name = period.name();
    for p in &periods {
        if p.cases == 0 {
            continue;
        }
        let open = if p.open > 0 {
            format!("; {} still open", p.open)
        } else {
            String::new()
        };
        let incomplete = if p.complete {
            ""
        } else {
            " (incomplete: kept out of the limits)"
        };
        let _ = write!(
            s,
            "<circle class=\"median{}\" data-start=\"{}\" data-value=\"{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\" stroke=\"{MEDIAN}\" stroke-width=\"1.2\">\
             <title>{} of {}: {} closed cases, median {} {unit}, 80% between {} and {}{open}{incomplete}</title></circle>",
            if p.complete { "" } else { " incomplete" },
            p.start,
            p.median,
            x_mid(p),
            y(p.median),
            if p.complete { MEDIAN } else { "#FFFFFF" },
            capitalised(name),
            long_date(p.start),
            p.cases,
            number(p.median),
            number(p.p10),
            number(p.p90)
        );
    }
    // Outliers the verdict found, marked on top.
    for &i in &outliers {
        let (Some(Some(d)), Some(&v)) = (dates.get(i), chart.values.get(i)) else {
            continue;
        };
        let _ = write!(
            s,
            "<circle class=\"case outlier\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{ORANGE}\"><title>{}: received {}, {} {unit}: an outlier</title></circle>",
            x(*d),
            y(v),
            escape(g.ids.get(i).unwrap_or("")),
            d,
            number(v)
        );
    }
    s.push_str("</g>");
    legend(
        &mut s,
        w,
        top,
        statement.map(|st| st.predictable),
        name,
        chart.len() <= MAX_CASES_DRAWN,
    );
    s.push_str("</svg>");
    s
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The key, and the verdict as a badge, in the panel right of the plot.
fn legend(s: &mut String, w: f64, top: f64, predictable: Option<bool>, period: &str, cases: bool) {
    let x0 = w - 160.0;
    let (badge, colour) = match predictable {
        Some(true) => ("Predictable", "#289DE0"),
        Some(false) => ("Not predictable", ORANGE),
        None => ("No verdict", GREY),
    };
    let _ = write!(
        s,
        "<g class=\"verdict\" data-predictable=\"{}\"><rect x=\"{x0}\" y=\"{top}\" width=\"150\" height=\"26\" rx=\"13\" fill=\"#FFFFFF\" stroke=\"{colour}\" stroke-width=\"3\"/>\
         <text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\" font-weight=\"700\" fill=\"#231F20\">{badge}</text></g><g class=\"legend\" font-size=\"11\" fill=\"#231F20\">",
        predictable.map_or("unknown".into(), |p| p.to_string()),
        x0 + 75.0,
        top + 17.0
    );
    // (swatch at row y, words), one row each.
    type Swatch = Box<dyn Fn(f64) -> String>;
    let mut items: Vec<(Swatch, String)> = vec![
        (
            Box::new(move |r| {
                format!("<line x1=\"{x0}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"{MEDIAN}\" stroke-width=\"2\"/><circle cx=\"{}\" cy=\"{r}\" r=\"3\" fill=\"{MEDIAN}\"/>", x0 + 20.0, x0 + 10.0)
            }),
            format!("median case per {period}"),
        ),
        (
            Box::new(move |r| {
                format!(
                    "<rect x=\"{x0}\" y=\"{}\" width=\"20\" height=\"10\" fill=\"{BAND}\"/>",
                    r - 5.0
                )
            }),
            "middle 80% of cases".into(),
        ),
    ];
    if cases {
        items.push((
            Box::new(move |r| {
                format!(
                    "<circle cx=\"{}\" cy=\"{r}\" r=\"2\" fill=\"{CASE}\" fill-opacity=\"0.5\"/>",
                    x0 + 10.0
                )
            }),
            "one case".into(),
        ));
    }
    items.extend([
        (
            Box::new(move |r: f64| format!("<line x1=\"{x0}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"#231F20\" stroke-width=\"1.4\"/>", x0 + 20.0)) as Swatch,
            "typical case (centre)".to_string(),
        ),
        (
            Box::new(move |r: f64| format!("<line x1=\"{x0}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"{GREY}\" stroke-width=\"1.4\" stroke-dasharray=\"6 4\"/>", x0 + 20.0)),
            "process limits (cases)".into(),
        ),
        (
            Box::new(move |r: f64| format!("<rect x=\"{x0}\" y=\"{}\" width=\"20\" height=\"10\" fill=\"{SHADE}\"/>", r - 5.0)),
            "shift or cluster found".into(),
        ),
        (
            Box::new(move |r: f64| format!("<circle cx=\"{}\" cy=\"{r}\" r=\"4\" fill=\"{ORANGE}\"/>", x0 + 10.0)),
            "outlier".into(),
        ),
        (
            Box::new(move |r: f64| format!("<circle cx=\"{}\" cy=\"{r}\" r=\"3\" fill=\"#FFFFFF\" stroke=\"{MEDIAN}\"/>", x0 + 10.0)),
            format!("incomplete {period}"),
        ),
    ]);
    for (k, (swatch, text)) in items.iter().enumerate() {
        let r = top + 50.0 + 20.0 * k as f64;
        let _ = write!(
            s,
            "{}<text x=\"{}\" y=\"{:.0}\">{}</text>",
            swatch(r),
            x0 + 26.0,
            r + 4.0,
            escape(text)
        );
    }
    s.push_str("</g>");
}
