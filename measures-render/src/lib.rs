//! # measures-render
//!
//! Pictures of measures results, so the command line, Python and C all draw the same
//! thing: [`chart_svg`] draws any chart in the NHS *Making Data Count* style as a
//! self-contained SVG (no fonts or scripts fetched), and [`report::demand_html`]
//! puts a demand report's charts and tables into one HTML file.
//!
//! ```
//! use measures_core::{xmr, ChartOptions, Series, XmrOptions};
//! use measures_render::{chart_svg, ChartView, SvgOptions};
//! let chart = xmr(Series::new(&[5.0, 6.0, 5.5, 6.5, 5.0, 9.5])?, &ChartOptions::default(), &XmrOptions::default())?;
//! let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
//! assert!(svg.starts_with("<svg") && svg.contains("<title"));
//! # Ok::<(), measures_core::MeasuresError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod durations;
pub mod report;
mod svg;
mod view;

pub use durations::durations_svg;
pub use svg::{chart_svg, pareto_svg, SvgOptions};
pub use view::ChartView;

/// Escape text for XML and HTML content and attributes. Characters XML 1.0 does not
/// allow anywhere (control characters other than tab, line feed and carriage
/// return, and U+FFFE, U+FFFF) become U+FFFD, the replacement character, so a label
/// from a messy export can never make a drawing unreadable.
///
/// ```
/// assert_eq!(measures_render::escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
/// assert_eq!(measures_render::escape("x\u{1}y\u{FFFE}"), "x\u{FFFD}y\u{FFFD}");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A point type or icon name in words: "special_cause_concerning_high" →
/// "special cause concerning high".
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}
