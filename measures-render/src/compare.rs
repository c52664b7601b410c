//! A pilot against the rest, drawn: the two groups' charts one above the other, each
//! with its limits frozen on the baseline before the change, under the verdict.

use crate::svg::{chart_svg, SvgOptions, FONT};
use crate::text::escape;
use crate::view::ChartView;
use measures_core::change::{CompareGroup, Comparison};
use std::fmt::Write;

/// The comparison as one SVG: the verdict as its description, the pilot's chart
/// above the rest's (`options.height` each; `options.title` above both).
///
/// ```
/// use measures_core::change::{compare, CompareData, CompareOptions};
/// use chrono::{Months, NaiveDate};
/// let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
/// let (mut units, mut dates, mut values) = (vec![], vec![], vec![]);
/// for m in 0..24u32 {
///     for (u, v) in [("A", if m >= 12 { 7.0 } else { 10.0 }), ("B", 10.0)] {
///         units.push(u.to_string());
///         dates.push(start + Months::new(m));
///         values.push(v + [0.2, -0.3, 0.1, 0.0][m as usize % 4]);
///     }
/// }
/// let c = compare(&CompareData { units: &units, dates: &dates, values: Some(&values), ratio: None },
///     &CompareOptions { pilot: vec!["A".into()], change: Some(start + Months::new(12)), ..Default::default() })?;
/// let svg = measures_render::compare_svg(&c, &Default::default());
/// assert_eq!(svg.matches("class=\"measures-chart").count(), 2);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn compare_svg(c: &Comparison, options: &SvgOptions) -> String {
    let (w, h) = (options.width, options.height);
    let head = 34.0;
    let total = head + 2.0 * h;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("Pilot against the rest: change on {}", c.change));
    let panel = |g: &CompareGroup, y: f64| -> String {
        let units = if g.units.len() <= 4 {
            g.units.join(", ")
        } else {
            format!("{} units", g.units.len())
        };
        let svg = chart_svg(
            &ChartView::from_chart(&g.chart),
            &SvgOptions {
                title: Some(format!(
                    "{} ({units}): limits from before {}",
                    if g.group == "pilot" {
                        "Pilot"
                    } else {
                        "The rest"
                    },
                    c.change
                )),
                y_label: options.y_label.clone(),
                ..*options
            },
        );
        format!("<g transform=\"translate(0,{y})\">{svg}</g>")
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {total}\" width=\"{w}\" height=\"{total}\" role=\"img\" \
         aria-labelledby=\"compare-title compare-desc\" class=\"measures-compare\" font-family=\"{FONT}\" font-size=\"12\">\
         <title id=\"compare-title\">{t}</title><desc id=\"compare-desc\">{d}</desc>\
         <rect width=\"{w}\" height=\"{total}\" fill=\"#FFFFFF\"/>\
         <text x=\"16\" y=\"22\" font-size=\"16\" font-weight=\"600\" fill=\"#231F20\">{t}</text>{}{}</svg>",
        panel(&c.pilot, head),
        panel(&c.rest, head + h),
        t = escape(&title),
        d = escape(&c.text),
    );
    s
}
