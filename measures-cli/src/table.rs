//! A short human-readable rendering of a chart for the terminal.

use measures_core::{Chart, Method};
use std::io::{self, Write};

/// A number with enough digits to read, or "-" where there is none.
fn num(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else if x != 0.0 && x.abs() < 1.0 {
        format!("{x:.4}")
    } else {
        format!("{x:.2}")
    }
}

fn words(name: &str) -> String {
    name.replace('_', " ")
}

/// Write the chart as a table of points followed by its phases, signals and notes.
pub fn write(out: &mut impl Write, chart: &Chart) -> io::Result<()> {
    let rules = chart
        .options
        .rules
        .expect("finish() records the rules used");
    let mut lengths = Vec::new();
    if let Some(s) = rules.shift {
        lengths.push(format!("shift {s}"));
    }
    if let Some(t) = rules.trend {
        lengths.push(format!("trend {t}"));
    }
    let method = match &chart.method {
        Method::Xmr(x) => format!(
            ", {} centre, {} moving range{}",
            words(&format!("{:?}", x.centre).to_lowercase()),
            if x.spread == measures_core::Spread::MeanMovingRange {
                "mean"
            } else {
                "median"
            },
            if x.screen_moving_ranges {
                " (screened)"
            } else {
                ""
            }
        ),
        Method::Run => String::new(),
        other => format!(", {}", serde_json::to_string(other).unwrap_or_default()),
    };
    writeln!(
        out,
        "{} chart: {} points, {} phase{}; rules {}{}{}",
        chart.chart_type.name(),
        chart.len(),
        chart.phases.len(),
        if chart.phases.len() == 1 { "" } else { "s" },
        words(&format!("{:?}", rules.set).to_lowercase()),
        if lengths.is_empty() {
            String::new()
        } else {
            format!(" ({})", lengths.join(", "))
        },
        method
    )?;
    write!(out, "variation: {}", words(chart.variation.name()))?;
    match (chart.assurance, chart.options.target) {
        (Some(a), Some(t)) => {
            writeln!(out, "; assurance: {} (target {})", words(a.name()), num(t))?
        }
        _ => writeln!(out)?,
    }
    writeln!(out)?;

    let label_width = chart
        .labels
        .as_ref()
        .map_or(0, |l| {
            l.iter().map(|s| s.chars().count()).max().unwrap_or(0)
        })
        .max(5);
    writeln!(
        out,
        "{:>5}  {:<label_width$}  {:>10}  {:>10}  {:>10}  {:>10}  {:>5}  {:<30}  signals",
        "#", "label", "value", "centre", "lower", "upper", "phase", "point type"
    )?;
    let by_point = chart.signals_by_point();
    for i in 0..chart.len() {
        let label = chart.labels.as_ref().map_or("", |l| l[i].as_str());
        let signals: Vec<&str> = by_point[i]
            .iter()
            .map(|&s| chart.signals[s].rule.name())
            .collect();
        let mark = if chart.excluded[i] { " (excluded)" } else { "" };
        writeln!(
            out,
            "{:>5}  {:<label_width$}  {:>10}  {:>10}  {:>10}  {:>10}  {:>5}  {:<30}  {}{}",
            i + 1,
            label,
            num(chart.values[i]),
            num(chart.centre[i]),
            num(chart.lower[i]),
            num(chart.upper[i]),
            chart.phase[i],
            words(chart.point_type[i].name()),
            signals.join(", "),
            mark
        )?;
    }

    writeln!(out, "\nphases")?;
    for p in &chart.phases {
        let runs = &p.runs;
        writeln!(
            out,
            "  {}: rows {}-{}, {} used; centre {}, limits {} to {}{}; longest run {} (max {}), crossings {} (min {})",
            p.index,
            p.first + 1,
            p.last + 1,
            p.points_used,
            num(p.centre),
            num(p.lower),
            num(p.upper),
            if p.moving_range.is_nan() {
                String::new()
            } else {
                format!("; moving range {} ({} screened)", num(p.moving_range), p.moving_ranges_screened)
            },
            runs.longest_run,
            runs.longest_run_max,
            runs.crossings,
            runs.crossings_min
        )?;
    }
    writeln!(out, "\nsignals")?;
    if chart.signals.is_empty() {
        writeln!(out, "  none: common-cause variation only")?;
    }
    for s in &chart.signals {
        writeln!(out, "  phase {}: {}", s.phase + 1, chart.describe_signal(s))?;
    }
    if !chart.notes.is_empty() {
        writeln!(out, "\nnotes")?;
        for n in &chart.notes {
            writeln!(out, "  {n}")?;
        }
    }
    Ok(())
}
