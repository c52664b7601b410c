//! # measures-render
//!
//! Pictures of measures results, so the command line, Python and C all draw the same
//! thing: [`chart_svg`] draws any chart in the NHS *Making Data Count* style as a
//! self-contained SVG (no fonts or scripts fetched), and [`report::demand_html`]
//! puts a demand report's charts and tables into one HTML file.
//!
//! ```
//! use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
//! use measures_render::{chart_svg, ChartView, SvgOptions};
//! let chart = xmr_chart(Series::new(&[5.0, 6.0, 5.5, 6.5, 5.0, 9.5])?, &ChartOptions::default(), &XmrOptions::default())?;
//! let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
//! assert!(svg.starts_with("<svg") && svg.contains("<title"));
//! # Ok::<(), measures_core::MeasuresError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod compare;
mod durations;
mod funnel;
pub mod report;
mod svg;
mod text;
mod view;

pub use compare::compare_svg;
pub use durations::durations_svg;
pub use funnel::funnel_svg;
pub use svg::{chart_svg, pareto_svg, SvgOptions};
pub use text::{escape, words};
pub use view::ChartView;
