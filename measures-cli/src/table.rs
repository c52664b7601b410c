//! A short human-readable rendering of a chart for the terminal.

use measures_core::change::PhaseSuggestions;
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

/// An option's name as JSON spells it, in words ("western_electric" → "western electric").
fn name_of<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(words))
        .unwrap_or_default()
}

fn numbers(v: &[f64]) -> String {
    v.iter().map(|x| num(*x)).collect::<Vec<_>>().join(", ")
}

/// The chart's method and settings in words, after the rule set.
fn method_words(method: &Method) -> String {
    let xmr = |x: &measures_core::XmrOptions| {
        format!(
            ", {} centre, {} moving range{}, {} constant",
            name_of(&x.centre),
            if x.spread == measures_core::Spread::MeanMovingRange {
                "mean"
            } else {
                "median"
            },
            if x.screen_moving_ranges {
                " (screened)"
            } else {
                ""
            },
            name_of(&x.constant)
        )
    };
    match method {
        Method::Xmr(x) => xmr(x),
        Method::T(x) => format!("{}; on times^(1/3.6)", xmr(x)),
        Method::TransformedXmr { xmr: x, transform } => {
            let lambda = match transform {
                measures_core::transform::Transform::YeoJohnson { lambda } => *lambda,
                measures_core::transform::Transform::Power { power } => 1.0 / power,
            };
            format!("{}; on the Yeo-Johnson scale, lambda {lambda:.3}", xmr(x))
        }
        Method::Run => ", median centre".into(),
        Method::G(g) => format!(
            ", {} centre, limits from the mean",
            match g.centre {
                measures_core::GCentre::Median => "median",
                measures_core::GCentre::Geometric => "geometric (0.693 × mean)",
            }
        ),
        Method::Subgroup(o) => format!(", sigma from the {}", name_of(&o.estimator)),
        Method::Attribute(a) => {
            if a.screen_moving_ranges {
                ", moving ranges of z screened".into()
            } else {
                String::new()
            }
        }
        Method::Cusum(c) => format!(
            ", k {}, h {}, head start {}, target {}, sigma {}",
            num(c.k),
            num(c.h),
            num(c.head_start),
            numbers(&c.targets),
            numbers(&c.sigmas)
        ),
        Method::Ewma(e) => format!(
            ", lambda {}, L {}, target {}, sigma {}",
            num(e.lambda),
            num(e.l),
            numbers(&e.targets),
            numbers(&e.sigmas)
        ),
    }
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
    let method = method_words(&chart.method);
    writeln!(
        out,
        "{} chart: {} points, {} phase{}; rules {}{}{}",
        chart.chart_type.name(),
        chart.len(),
        chart.phases.len(),
        if chart.phases.len() == 1 { "" } else { "s" },
        name_of(&rules.set),
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
    for (i, on) in by_point.iter().enumerate() {
        let label = chart
            .labels
            .as_ref()
            .and_then(|l| l.get(i))
            .unwrap_or_default();
        let signals: Vec<&str> = on.iter().map(|&s| chart.signals[s].rule.name()).collect();
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
            chart.phase[i] + 1,
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
            p.index + 1,
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

/// A writer for the terminal that shows control characters instead of passing them
/// on: text from a CSV (labels, demand types, case references) could otherwise
/// carry escape sequences that move the cursor, recolour or retitle the terminal.
/// C0 controls other than tab, line feed and carriage return, DEL and the C1
/// controls (U+0080–U+009F) are written as `\x1b`, `\u{9b}` and so on.
pub struct Printable<W: Write> {
    inner: W,
    /// A 0xC2 byte held back: it may begin a C1 control split across two writes.
    pending_c2: bool,
}

impl<W: Write> Printable<W> {
    /// Wrap a writer.
    pub fn new(inner: W) -> Self {
        Printable {
            inner,
            pending_c2: false,
        }
    }

    /// Show control characters in `text` as escapes (for messages written whole).
    pub fn clean(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\t' | '\n' | '\r' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{7f}' => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c if (0x80..=0x9f).contains(&(c as u32)) => {
                    out.push_str(&format!("\\u{{{:x}}}", c as u32))
                }
                c => out.push(c),
            }
        }
        out
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
                    continue;
                }
                out.push(0xc2);
            }
            match b {
                b'\t' | b'\n' | b'\r' => out.push(b),
                0xc2 => self.pending_c2 = true,
                b if b < 0x20 || b == 0x7f => {
                    out.extend_from_slice(format!("\\x{b:02x}").as_bytes())
                }
                b => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Printable<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// The suggested phase starts under a chart's table: each with its evidence, and
/// the option that would apply them.
pub fn write_suggestions(out: &mut impl Write, found: &PhaseSuggestions) -> io::Result<()> {
    if found.suggestions.is_empty() {
        return writeln!(
            out,
            "\nsuggested phases: none (no sustained change confirmed)"
        );
    }
    writeln!(out, "\nsuggested phases (not applied):")?;
    for s in &found.suggestions {
        writeln!(out, "  {}", s.text)?;
    }
    let starts: Vec<String> = found
        .suggestions
        .iter()
        .map(|s| {
            format!(
                "--phase-at {}",
                s.label.clone().unwrap_or_else(|| (s.start + 1).to_string())
            )
        })
        .collect();
    writeln!(out, "  to apply: {}", starts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        let mut buf = Vec::new();
        {
            let mut p = Printable::new(&mut buf);
            // An escape sequence, a C1 CSI split across two writes, and ordinary text.
            p.write_all("a\u{1b}[31mb\t\n".as_bytes()).unwrap();
            let csi = "\u{9b}".as_bytes();
            p.write_all(&csi[..1]).unwrap();
            p.write_all(&csi[1..]).unwrap();
            p.write_all("é£".as_bytes()).unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap(), "a\\x1b[31mb\t\n\\u{9b}é£");
        assert_eq!(
            Printable::<Vec<u8>>::clean("x\u{7}y\u{85}"),
            "x\\x07y\\u{85}"
        );
    }
}
