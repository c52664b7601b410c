//! The funnel plot as SVG: each unit a point at its size (log scale) and value, the
//! target as a line, each band's limits as curves, and the units beyond the widest
//! band coloured by the improvement direction (improving blue, concerning orange,
//! neither purple). Hovering a point names the unit, its value, size and z.
//!
//! Every number a test may want is in the markup: the plot area carries its ranges
//! (`data-x-min`, `data-x-max` as sizes, `data-y-min`, `data-y-max`), each point its
//! unit, z and side (`data-outside`: 1 above, −1 below, 0 within the widest band).

use crate::svg::{colour, nice_ticks, number, SvgOptions, FONT, GREY};
use crate::text::escape;
use measures_core::funnel::{Funnel, FunnelKind};
use std::fmt::Write;

/// Draw a funnel plot as a standalone SVG document.
///
/// ```
/// use measures_core::funnel::{funnel, FunnelData, FunnelOptions};
/// use measures_render::{funnel_svg, SvgOptions};
/// let units: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
/// let f = funnel(&FunnelData { units: &units, numerators: &[10.0, 30.0, 21.0, 80.0],
///     denominators: &[100.0, 200.0, 150.0, 250.0], sd: None }, &FunnelOptions::default())?;
/// let svg = funnel_svg(&f, &SvgOptions::default());
/// assert!(svg.starts_with("<svg") && svg.contains("data-unit=\"D\""));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn funnel_svg(f: &Funnel, options: &SvgOptions) -> String {
    let (w, h) = (options.width, options.height);
    let (left, right, top, bottom) = (70.0, w - 150.0, 48.0, h - 52.0);
    let sizes: Vec<f64> = f.units.iter().map(|u| u.denominator).collect();
    let (n_min, n_max) = sizes
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &n| (a.min(n), b.max(n)));
    let (lx0, lx1) = if n_max > n_min {
        // A little room either side, so the smallest and largest units sit off the
        // plot's edges.
        let pad = 0.04 * (n_max.log10() - n_min.log10());
        (n_min.log10() - pad, n_max.log10() + pad)
    } else {
        (n_min.log10() - 0.5, n_min.log10() + 0.5)
    };
    let widest = f.levels.len().saturating_sub(1);
    // The y range: every unit and the narrowest part of the widest band worth showing
    // (the band at the smallest unit can run far beyond the data).
    let mut lo = f.units.iter().map(|u| u.value).fold(f.target, f64::min);
    let mut hi = f.units.iter().map(|u| u.value).fold(f.target, f64::max);
    if let (Some(l), Some(u)) = (f.curve.lower.get(widest), f.curve.upper.get(widest)) {
        let mid = l.len() / 4;
        lo = lo.min(l.get(mid).copied().unwrap_or(lo));
        hi = hi.max(u.get(mid).copied().unwrap_or(hi));
    }
    if f.kind == FunnelKind::Proportion {
        (lo, hi) = (lo.max(0.0), hi.min(1.0));
    }
    let ticks = nice_ticks(lo, hi, 6.0);
    let (y0, y1) = (ticks[0], ticks[ticks.len() - 1]);
    let x = |n: f64| left + (n.log10() - lx0) / (lx1 - lx0) * (right - left);
    let y = |v: f64| bottom - (v - y0) / (y1 - y0) * (bottom - top);
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| "Funnel plot".into());
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-labelledby=\"funnel-title funnel-desc\" class=\"measures-funnel\" font-family=\"{FONT}\" font-size=\"12\">\
         <title id=\"funnel-title\">{t}</title><desc id=\"funnel-desc\">{d}</desc>\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\
         <text x=\"{left}\" y=\"26\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">{t}</text>\
         <g class=\"plot\" data-x-min=\"{n_min}\" data-x-max=\"{n_max}\" data-y-min=\"{y0}\" data-y-max=\"{y1}\" \
         data-top=\"{top}\" data-bottom=\"{bottom}\" data-left=\"{left}\" data-right=\"{right}\">",
        t = escape(&title),
        d = escape(&f.summary),
    );
    for &v in &ticks {
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{yy:.2}\" y2=\"{yy:.2}\" stroke=\"#EEEEEE\"/>\
             <text x=\"{:.1}\" y=\"{:.2}\" text-anchor=\"end\" fill=\"#4D4D4D\">{}</text>",
            left - 6.0,
            y(v) + 4.0,
            number(v),
            yy = y(v)
        );
    }
    // Sizes on a log axis: 1, 2, 5 × powers of ten within the range; units of much
    // the same size (a few teams) get plain ticks between them instead.
    let within = |n: f64| n >= 10f64.powf(lx0) * 0.999 && n <= 10f64.powf(lx1) * 1.001;
    let mut x_ticks = Vec::new();
    let mut decade = 10f64.powf(lx0.floor());
    while decade <= 10f64.powf(lx1) {
        x_ticks.extend(
            [1.0, 2.0, 5.0]
                .map(|m| decade * m)
                .into_iter()
                .filter(|&n| within(n)),
        );
        decade *= 10.0;
    }
    if x_ticks.len() < 3 {
        x_ticks = nice_ticks(10f64.powf(lx0), 10f64.powf(lx1), 4.0)
            .into_iter()
            .filter(|&n| n > 0.0 && within(n))
            .collect();
    }
    for n in x_ticks {
        let xx = x(n);
        let _ = write!(
            s,
            "<line x1=\"{xx:.2}\" x2=\"{xx:.2}\" y1=\"{bottom}\" y2=\"{:.1}\" stroke=\"#BFBFBF\"/>\
             <text x=\"{xx:.2}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4D4D4D\">{}</text>",
            bottom + 4.0,
            bottom + 18.0,
            number(n)
        );
    }
    let clip = |v: f64| v.clamp(y0, y1);
    let dashes = ["6 4", "2 3", "8 3 2 3"];
    for (k, level) in f.levels.iter().enumerate() {
        for (side, line) in [("upper", &f.curve.upper[k]), ("lower", &f.curve.lower[k])] {
            let d: String = f
                .curve
                .n
                .iter()
                .zip(line.iter())
                .enumerate()
                .map(|(j, (&n, &v))| {
                    format!(
                        "{}{:.2},{:.2}",
                        if j == 0 { "M" } else { "L" },
                        x(n),
                        y(clip(v))
                    )
                })
                .collect();
            let _ = write!(
                s,
                "<path class=\"limit {side}\" data-level=\"{level}\" d=\"{d}\" fill=\"none\" stroke=\"{GREY}\" \
                 stroke-width=\"1.2\" stroke-dasharray=\"{}\"/>",
                dashes[k % dashes.len()]
            );
        }
    }
    let _ = write!(
        s,
        "<line class=\"target\" data-value=\"{}\" x1=\"{left}\" x2=\"{right}\" y1=\"{ty:.2}\" y2=\"{ty:.2}\" stroke=\"#231F20\" stroke-width=\"1.2\"/>",
        f.target,
        ty = y(f.target)
    );
    // A unit's colour is its Making Data Count reading against the widest band.
    let side_colour = |side: i8| colour(f.side_variation(side).name());
    for u in &f.units {
        let side = u.outside.get(widest).copied().unwrap_or(0);
        let _ = write!(
            s,
            "<circle class=\"unit\" data-unit=\"{name}\" data-z=\"{z}\" data-outside=\"{side}\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"4\" \
             fill=\"{}\" fill-opacity=\"0.85\"><title>{name}: {} of size {}, z = {:.2}</title></circle>",
            x(u.denominator),
            y(clip(u.value)),
            colour(f.variation(u).name()),
            number(u.value),
            number(u.denominator),
            u.z,
            name = escape(&u.unit),
            z = u.z,
        );
    }
    let _ = write!(
        s,
        "</g><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4D4D4D\">size (log scale)</text>",
        (left + right) / 2.0,
        h - 12.0
    );
    if let Some(label) = &options.y_label {
        let _ = write!(
            s,
            "<text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#4D4D4D\">{}</text>",
            (top + bottom) / 2.0,
            escape(label)
        );
    }
    // Legend: the target, each band, the units by side.
    enum Mark {
        Line(&'static str, &'static str),
        Dot(&'static str),
    }
    let mut entries = vec![(Mark::Line("#231F20", ""), "target".to_string())];
    for (k, level) in f.levels.iter().enumerate() {
        entries.push((
            Mark::Line(GREY, dashes[k % dashes.len()]),
            format!("{}% limits", number(level * 100.0)),
        ));
    }
    for (side, text) in [(0i8, "unit"), (1, "above"), (-1, "below")] {
        entries.push((Mark::Dot(side_colour(side)), text.to_string()));
    }
    let lx = right + 16.0;
    for (j, (mark, text)) in entries.iter().enumerate() {
        let ly = top + 8.0 + 18.0 * j as f64;
        let _ = match mark {
            Mark::Line(stroke, dash) => write!(
                s,
                "<line x1=\"{lx}\" x2=\"{:.1}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{stroke}\" stroke-dasharray=\"{dash}\"/>",
                lx + 16.0
            ),
            Mark::Dot(fill) => write!(s, "<circle cx=\"{:.1}\" cy=\"{ly}\" r=\"4\" fill=\"{fill}\"/>", lx + 8.0),
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#4D4D4D\">{}</text>",
            lx + 22.0,
            ly + 4.0,
            escape(text)
        );
    }
    s.push_str("</svg>");
    s
}
