//! # measures-core
//!
//! Outcome measures for public services, computed the way statistical process
//! control (SPC) practitioners compute them: XmR and run charts, special-cause
//! rules (NHS *Making Data Count*, Western Electric, Nelson, Anhøj), phases,
//! baselines, exclusions, and Making Data Count's variation and assurance icons.
//!
//! One data model serves every chart: a [`Series`] goes in, a [`Chart`] comes out,
//! shaped by [`ChartOptions`] (shared) and a chart-specific options type.
//! The crate does no I/O and has no `unsafe`.
//!
//! ```
//! use measures_core::{xmr, ChartOptions, Direction, Series, Variation, XmrOptions};
//! let days = [12.0, 14.0, 11.0, 13.0, 12.0, 15.0, 13.0, 12.0, 14.0, 13.0, 12.0, 30.0];
//! let options = ChartOptions { direction: Direction::LowerIsBetter, ..Default::default() };
//! let chart = xmr(Series::new(&days)?, &options, &XmrOptions::default())?;
//! assert_eq!(chart.variation, Variation::ConcerningHigh); // the last point is above the limit
//! # Ok::<(), measures_core::MeasuresError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aggregate;
pub mod attribute;
pub mod batch;
mod blocks;
pub mod capability;
pub mod cells;
pub mod chart;
pub mod column;
pub mod constants;
pub mod cusum;
pub mod demand;
pub mod error;
pub mod ewma;
pub mod icons;
pub mod options;
pub mod parallel;
pub mod phases;
pub mod rare;
mod rng;
pub mod rules;
pub mod run;
pub mod series;
mod stats;
pub mod subgroup;
pub mod table;
pub mod transform;
pub mod transformed;
pub mod xmr;

pub use chart::{Chart, ChartType, Method, PhaseSummary};
pub use column::Column;
pub use error::{MeasuresError, Result};
pub use icons::{Assurance, Variation};
pub use options::{Baseline, ChartOptions, Direction};
pub use phases::PhasePlan;
pub use rules::{Rule, RuleConfig, RuleSet, RunsAnalysis, Side, Signal};
pub use run::run_chart;
pub use series::Series;
pub use xmr::{xmr, CentreLine, LimitConstant, Spread, XmrOptions};
