//! SVG drawings in the Making Data Count style (NHS England, "Making Data Count:
//! getting started", and the NHSRplotthedots plots): the data as a grey line with
//! points, the mean as a solid line and the process limits as dashed lines per phase
//! (stepped where they vary point to point), special-cause points coloured by
//! improving (blue), concerning (orange) or neither (purple), the target as a red
//! dotted line, and the variation and assurance icons beside the plot.
//!
//! Every number a test may want to check is in the markup: the plot area carries its
//! y range and pixel bounds (`data-y-min`, `data-y-max`, `data-top`, `data-bottom`),
//! each point its index and value, each limit path its phase.

use crate::text::{escape, words};
use crate::view::ChartView;
use std::fmt::Write;

/// Size and wording of a drawing.
///
/// ```
/// let o = measures_render::SvgOptions::default();
/// assert_eq!((o.width, o.height), (800.0, 380.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Width in pixels.
    pub width: f64,
    /// Height in pixels.
    pub height: f64,
    /// Title shown above the plot and read by screen readers; the chart type when `None`.
    pub title: Option<String>,
    /// Label of the y axis, e.g. "working days".
    pub y_label: Option<String>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 800.0,
            height: 380.0,
            title: None,
            y_label: None,
        }
    }
}

/// Making Data Count colours.
pub(crate) const GREY: &str = "#7B7D7D";
const BLUE: &str = "#289DE0";
pub(crate) const ORANGE: &str = "#FAB428";
const PURPLE: &str = "#361475";
const RED: &str = "#DE1B1B";
pub(crate) const FONT: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

pub(crate) fn colour(point_type: &str) -> &'static str {
    if point_type.contains("improving") {
        BLUE
    } else if point_type.contains("concerning") {
        ORANGE
    } else if point_type.contains("neither") {
        PURPLE
    } else {
        GREY
    }
}

fn kind(point_type: &str) -> &'static str {
    if point_type.contains("improving") {
        "improving"
    } else if point_type.contains("concerning") {
        "concerning"
    } else if point_type.contains("neither") {
        "neither"
    } else {
        "common"
    }
}

/// A tick step of 1, 2 or 5 × 10^k giving about `count` ticks over `range`.
fn nice_step(range: f64, count: f64) -> f64 {
    let raw = (range / count).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Tick values covering `lo..=hi`: multiples of a 1-2-5 step, about `count` of
/// them, always at least two and never more than fifty, whatever the magnitudes.
/// A flat or nearly flat range is widened first, relative to its size, so that a
/// step is never absorbed by the numbers it is added to (1e16 + 1 = 1e16).
pub(crate) fn nice_ticks(lo: f64, hi: f64, count: f64) -> Vec<f64> {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let scale = lo.abs().max(hi.abs()).max(1.0);
    if hi - lo < 1e-9 * scale {
        let pad = 1e-3 * scale;
        (lo, hi) = (lo - pad, hi + pad);
    }
    let step = nice_step(hi - lo, count);
    let (first, last) = ((lo / step).floor(), (hi / step).ceil());
    let n = ((last - first) as usize).clamp(1, 50);
    (0..=n).map(|k| (first + k as f64) * step).collect()
}

pub(crate) fn number(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    if x != 0.0 && !(1e-6..1e12).contains(&x.abs()) {
        return format!("{x:.3e}");
    }
    let r = (x * 1e6).round() / 1e6;
    if r == r.trunc() && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Draw a chart as a standalone SVG document.
///
/// ```
/// use measures_render::{chart_svg, ChartView, SvgOptions};
/// use measures_core::{xmr_chart, ChartOptions, Direction, Series, XmrOptions};
/// let v = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 30.0];
/// let options = ChartOptions { direction: Direction::LowerIsBetter, ..Default::default() };
/// let chart = xmr_chart(Series::new(&v)?, &options, &XmrOptions::default())?;
/// let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions { title: Some("Days".into()), ..Default::default() });
/// assert!(svg.contains("class=\"point special concerning\""));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn chart_svg(view: &ChartView, options: &SvgOptions) -> String {
    let (w, h) = (options.width, options.height);
    let (left, right, top, bottom) = (64.0, w - 170.0, 44.0, h - 78.0);
    let n = view.len().max(1);
    let finite = view
        .values
        .iter()
        .chain(&view.centre)
        .chain(&view.upper)
        .chain(&view.lower)
        .chain(view.target.iter())
        .copied()
        .filter(|x| x.is_finite());
    let (mut lo, mut hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let ticks = nice_ticks(lo, hi, 5.0);
    let (y_min, y_max) = (ticks[0], ticks[ticks.len() - 1]);
    let y = |v: f64| bottom - (v - y_min) / (y_max - y_min) * (bottom - top);
    let dx = (right - left) / n as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * dx;

    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("{} chart", view.chart_type.replace('_', " ")));
    let specials = view
        .point_type
        .iter()
        .filter(|t| *t != "common_cause")
        .count();
    let desc = format!(
        "{} of {} points. Latest point: {}. Assurance: {}. {} special-cause points.",
        title,
        view.len(),
        words(&view.variation),
        view.assurance.as_deref().map_or("none".to_string(), words),
        specials
    );
    let mut s = String::with_capacity(4096 + 160 * view.len());
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"chart-title chart-desc\" class=\"measures-chart\" data-chart-type=\"{}\" \
         font-family=\"{FONT}\" font-size=\"12\">",
        escape(&view.chart_type)
    );
    let _ = write!(
        s,
        "<title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        escape(&title),
        escape(&desc)
    );
    let _ = write!(
        s,
        "<rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/><text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">{}</text>",
        escape(&title)
    );

    // Axes and y ticks.
    let _ = write!(
        s,
        "<g class=\"axes\" stroke=\"#BFBFBF\" stroke-width=\"1\"><line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\"/></g>"
    );
    s.push_str("<g class=\"y-ticks\" fill=\"#4D4D4D\" text-anchor=\"end\">");
    for &tick in &ticks {
        let ty = y(tick);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{ty:.2}\" x2=\"{right}\" y2=\"{ty:.2}\" stroke=\"#EEEEEE\"/><text x=\"{}\" y=\"{:.2}\">{}</text>",
            left,
            left - 6.0,
            ty + 4.0,
            number(tick)
        );
    }
    s.push_str("</g>");
    if let Some(label) = &options.y_label {
        let _ = write!(
            s,
            "<text class=\"y-label\" transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#4D4D4D\">{}</text>",
            (top + bottom) / 2.0,
            escape(label)
        );
    }
    // X labels: up to about 12, rotated.
    if let Some(labels) = &view.labels {
        let every = (view.len() as f64 / 12.0).ceil().max(1.0) as usize;
        s.push_str("<g class=\"x-ticks\" fill=\"#4D4D4D\" text-anchor=\"end\">");
        for i in (0..view.len()).step_by(every) {
            let _ = write!(
                s,
                "<text transform=\"translate({:.2} {:.1}) rotate(-40)\">{}</text>",
                x(i),
                bottom + 14.0,
                escape(&labels.get(i).unwrap_or_default())
            );
        }
        s.push_str("</g>");
    }

    let _ = write!(
        s,
        "<g class=\"plot\" data-y-min=\"{y_min}\" data-y-max=\"{y_max}\" data-top=\"{top}\" data-bottom=\"{bottom}\" data-left=\"{left}\" data-right=\"{right}\" data-n=\"{}\">",
        view.len()
    );
    // Centre and limits per phase, stepped.
    let phases = phase_ranges(&view.phase);
    for (p, (a, b)) in phases.iter().enumerate() {
        for (class, column, stroke, dash) in [
            ("centre", &view.centre, "#231F20", ""),
            (
                "limit upper",
                &view.upper,
                GREY,
                " stroke-dasharray=\"6 4\"",
            ),
            (
                "limit lower",
                &view.lower,
                GREY,
                " stroke-dasharray=\"6 4\"",
            ),
        ] {
            let d = stepped(&column[*a..=*b], *a, &x, &y, dx);
            if !d.is_empty() {
                let _ = write!(
                    s,
                    "<path class=\"{class}\" data-phase=\"{p}\" d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.4\"{dash}/>"
                );
            }
        }
    }
    if let Some(t) = view.target.filter(|t| t.is_finite()) {
        let _ = write!(
            s,
            "<line class=\"target\" data-value=\"{t}\" x1=\"{left}\" y1=\"{:.2}\" x2=\"{right}\" y2=\"{:.2}\" stroke=\"{RED}\" stroke-width=\"1.4\" stroke-dasharray=\"2 3\"/>",
            y(t),
            y(t)
        );
    }
    // The data line, broken where a value is missing. With more points than about
    // four per pixel, each pixel column draws the range of its points (a min–max
    // envelope): the same picture, at a size a browser can open for a million cases.
    let mut d = String::new();
    let columns = (right - left).max(1.0) as usize;
    if view.len() > 4 * columns {
        let column_of = |i: usize| ((i as f64 + 0.5) * columns as f64 / view.len() as f64) as usize;
        let mut current: Option<(usize, f64, f64)> = None;
        let flush = |d: &mut String, c: Option<(usize, f64, f64)>| {
            if let Some((col, lo, hi)) = c {
                let px = left + (col as f64 + 0.5) * (right - left) / columns as f64;
                let _ = write!(d, "M{px:.2},{:.2}L{px:.2},{:.2}", y(lo), y(hi) - 0.5);
            }
        };
        for (i, &v) in view.values.iter().enumerate() {
            if !v.is_finite() {
                continue;
            }
            let col = column_of(i);
            match current {
                Some((c, lo, hi)) if c == col => current = Some((c, lo.min(v), hi.max(v))),
                other => {
                    flush(&mut d, other);
                    current = Some((col, v, v));
                }
            }
        }
        flush(&mut d, current);
    } else {
        let mut pen_down = false;
        for (i, &v) in view.values.iter().enumerate() {
            if v.is_finite() {
                let _ = write!(
                    d,
                    "{}{:.2},{:.2}",
                    if pen_down { "L" } else { "M" },
                    x(i),
                    y(v)
                );
                pen_down = true;
            } else {
                pen_down = false;
            }
        }
    }
    let _ = write!(
        s,
        "<path class=\"data\" d=\"{d}\" fill=\"none\" stroke=\"{GREY}\" stroke-width=\"1.6\"/>"
    );
    // Points: all of them on short charts, the special-cause ones always. With more
    // than about four points per pixel, each pixel column shows one marker per kind
    // of special cause, at its point furthest from the centre.
    let radius = if view.len() <= 120 {
        3.5
    } else if view.len() <= 600 {
        2.2
    } else {
        1.6
    };
    let dense = view.len() > 4 * columns;
    let mut shown: Vec<usize> = Vec::new();
    if dense {
        let mut best: std::collections::HashMap<(usize, &str), usize> =
            std::collections::HashMap::new();
        for (i, t) in view.point_type.iter().enumerate() {
            if t == "common_cause" || !view.values[i].is_finite() {
                continue;
            }
            let col = ((i as f64 + 0.5) * columns as f64 / view.len() as f64) as usize;
            let distance = |k: usize| (view.values[k] - view.centre[k]).abs();
            best.entry((col, kind(t)))
                .and_modify(|b| {
                    if distance(i) > distance(*b) {
                        *b = i;
                    }
                })
                .or_insert(i);
        }
        shown = best.into_values().collect();
        shown.sort_unstable();
    }
    let candidates: Box<dyn Iterator<Item = usize>> = if dense {
        Box::new(shown.into_iter())
    } else {
        Box::new(0..view.len())
    };
    for i in candidates {
        let v = view.values[i];
        let t = view
            .point_type
            .get(i)
            .map_or("common_cause", String::as_str);
        let special = t != "common_cause";
        if !v.is_finite() || (!special && view.len() > 600) {
            continue;
        }
        let label = view.labels.as_ref().map_or(String::new(), |l| {
            format!("{}: ", l.get(i).unwrap_or_default())
        });
        let px = if dense {
            let col = ((i as f64 + 0.5) * columns as f64 / view.len() as f64) as usize;
            left + (col as f64 + 0.5) * (right - left) / columns as f64
        } else {
            x(i)
        };
        let _ = write!(
            s,
            "<circle class=\"point{}\" data-index=\"{i}\" data-value=\"{v}\" cx=\"{px:.2}\" cy=\"{:.2}\" r=\"{}\" fill=\"{}\"><title>{}{} ({})</title></circle>",
            if special { format!(" special {}", kind(t)) } else { String::new() },
            y(v),
            if special { radius + 1.2 } else { radius },
            colour(t),
            escape(&label),
            number(v),
            words(t)
        );
    }
    s.push_str("</g>");
    icons(&mut s, view, w, top);
    s.push_str("</svg>");
    s
}

/// Consecutive runs of equal phase numbers, as inclusive index ranges.
fn phase_ranges(phase: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, &p) in phase.iter().enumerate() {
        match out.last_mut() {
            Some(last) if phase[last.0] == p => last.1 = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// A stepped path over one phase's column: flat across each point's slot, one
/// segment per run of equal values (so a constant limit is one line however long).
fn stepped(
    column: &[f64],
    first: usize,
    x: &impl Fn(usize) -> f64,
    y: &impl Fn(f64) -> f64,
    dx: f64,
) -> String {
    let mut d = String::new();
    // The value of the current run and where its segment has reached.
    let mut run: Option<(f64, f64)> = None;
    let close = |d: &mut String, run: Option<(f64, f64)>| {
        if let Some((v, end)) = run {
            let _ = write!(d, "L{end:.2},{:.2}", y(v));
        }
    };
    for (k, &v) in column.iter().enumerate() {
        let (x0, x1) = (x(first + k) - dx / 2.0, x(first + k) + dx / 2.0);
        match run {
            _ if !v.is_finite() => {
                close(&mut d, run);
                run = None;
            }
            Some((r, _)) if r == v => run = Some((r, x1)),
            Some(_) => {
                close(&mut d, run);
                let _ = write!(d, "L{x0:.2},{:.2}", y(v));
                run = Some((v, x1));
            }
            None => {
                let _ = write!(d, "M{x0:.2},{:.2}", y(v));
                run = Some((v, x1));
            }
        }
    }
    close(&mut d, run);
    d
}

/// The variation and assurance icons, in the panel right of the plot.
fn icons(s: &mut String, view: &ChartView, w: f64, top: f64) {
    let cx = w - 85.0;
    let variation = &view.variation;
    let letter = if variation.ends_with("_high") {
        "H"
    } else if variation.ends_with("_low") {
        "L"
    } else {
        ""
    };
    let v_words = words(variation);
    let _ = write!(
        s,
        "<g class=\"icon variation\" data-icon=\"{}\" role=\"img\" aria-label=\"Variation: {}\"><title>Variation: {}</title>\
         <circle cx=\"{cx}\" cy=\"{:.1}\" r=\"26\" fill=\"#FFFFFF\" stroke=\"{}\" stroke-width=\"4\"/>",
        escape(variation),
        escape(&v_words),
        escape(&v_words),
        top + 34.0,
        colour(variation)
    );
    if letter.is_empty() {
        let _ = write!(
            s,
            "<path d=\"M{:.1},{:.1}h32\" stroke=\"{GREY}\" stroke-width=\"3\"/>",
            cx - 16.0,
            top + 34.0
        );
    } else {
        let _ = write!(
            s,
            "<text x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"22\" font-weight=\"700\" fill=\"{}\">{letter}</text>",
            top + 42.0,
            colour(variation)
        );
    }
    let _ = write!(
        s,
        "<text class=\"icon-label\" x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#231F20\">{}</text></g>",
        top + 76.0,
        escape(&short(variation))
    );
    let (a_name, a_letter, a_colour, a_words) = match view.assurance.as_deref() {
        Some("consistently_pass") => ("consistently_pass", "P", BLUE, "consistently passing"),
        Some("consistently_fail") => ("consistently_fail", "F", ORANGE, "consistently failing"),
        Some("hit_and_miss") => ("hit_and_miss", "?", GREY, "hit and miss"),
        _ => ("none", "", "#D9D9D9", "no target"),
    };
    let _ = write!(
        s,
        "<g class=\"icon assurance\" data-icon=\"{a_name}\" role=\"img\" aria-label=\"Assurance: {a_words}\"><title>Assurance: {a_words}</title>\
         <circle cx=\"{cx}\" cy=\"{:.1}\" r=\"26\" fill=\"#FFFFFF\" stroke=\"{a_colour}\" stroke-width=\"4\"/>\
         <text x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"22\" font-weight=\"700\" fill=\"{a_colour}\">{a_letter}</text>\
         <text class=\"icon-label\" x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#231F20\">{a_words}</text></g>",
        top + 124.0,
        top + 132.0,
        top + 166.0
    );
}

fn short(variation: &str) -> String {
    match variation {
        "common_cause" => "common cause".into(),
        other => other.trim_start_matches("special_cause_").replace('_', " "),
    }
}

/// A Pareto chart: bars of counts in descending order with the cumulative share as
/// a line (right axis, 0–100 %).
///
/// ```
/// let svg = measures_render::pareto_svg(&[("leak".into(), 6), ("damp".into(), 3), ("chase".into(), 1)], "Value demand by type");
/// assert!(svg.contains("class=\"bar\"") && svg.contains("Value demand by type"));
/// ```
pub fn pareto_svg(rows: &[(String, usize)], title: &str) -> String {
    let (w, h) = (800.0, 340.0);
    let (left, right, top, bottom) = (64.0, w - 60.0, 44.0, h - 110.0);
    let total: usize = rows.iter().map(|r| r.1).sum();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let n = rows.len().max(1) as f64;
    let slot = (right - left) / n;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-labelledby=\"pareto-title\" class=\"measures-pareto\" font-family=\"{FONT}\" font-size=\"12\">\
         <title id=\"pareto-title\">{}</title><rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\
         <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">{}</text>",
        escape(title),
        escape(title)
    );
    let mut running = 0usize;
    let mut line = String::new();
    for (k, (name, count)) in rows.iter().enumerate() {
        running += count;
        let x0 = left + k as f64 * slot + slot * 0.12;
        let bar_h = *count as f64 / max * (bottom - top);
        let cumulative = if total == 0 {
            0.0
        } else {
            running as f64 / total as f64
        };
        let _ = write!(
            s,
            "<rect class=\"bar\" data-count=\"{count}\" x=\"{x0:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{bar_h:.2}\" fill=\"{BLUE}\"><title>{}: {count}</title></rect>\
             <text transform=\"translate({:.2} {:.1}) rotate(-35)\" text-anchor=\"end\" fill=\"#4D4D4D\">{}</text>",
            bottom - bar_h,
            slot * 0.76,
            escape(name),
            x0 + slot * 0.38,
            bottom + 14.0,
            escape(name)
        );
        let cy = bottom - cumulative * (bottom - top);
        let _ = write!(
            line,
            "{}{:.2},{cy:.2}",
            if k == 0 { "M" } else { "L" },
            x0 + slot * 0.38
        );
    }
    let _ = write!(
        s,
        "<path class=\"cumulative\" d=\"{line}\" fill=\"none\" stroke=\"{ORANGE}\" stroke-width=\"2\"/>\
         <line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#BFBFBF\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#4D4D4D\">100%</text><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#4D4D4D\">0%</text></svg>",
        right + 6.0,
        top + 4.0,
        right + 6.0,
        bottom + 4.0
    );
    s
}
