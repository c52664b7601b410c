//! # measures-core
//!
//! Outcome measures for public services, computed the way statistical process
//! control (SPC) practitioners compute them: run and control charts (XmR, X-bar/R,
//! X-bar/S, p, np, c, u, Laney p′ and u′, t, g, CUSUM, EWMA), special-cause rules
//! (NHS *Making Data Count*, Western Electric, Nelson, Anhøj), phases, baselines,
//! exclusions, Making Data Count's variation and assurance icons, capability, and
//! demand analysis of a case log. The crate does no I/O and has no `unsafe`.
//!
//! One data model serves every chart: a [`Series`] (or [`Subgroups`]) goes in, a
//! [`Chart`] comes out, shaped by [`ChartOptions`] (shared by every chart) and the
//! kind's own settings. [`chart`] is the one way in, taking a [`ChartSpec`] (each
//! kind with its settings); each kind also has its own function, named for the kind
//! as JSON, Python and C name it, with `_chart` added: [`xmr_chart`],
//! [`run_chart`], [`p_chart`], [`cusum_chart`], …
//!
//! ```
//! use measures_core::{chart, xmr_chart, ChartOptions, ChartSpec, Direction, Series, Variation, XmrOptions};
//! let days = [12.0, 14.0, 11.0, 13.0, 12.0, 15.0, 13.0, 12.0, 14.0, 13.0, 12.0, 30.0];
//! let options = ChartOptions { direction: Direction::LowerIsBetter, ..Default::default() };
//! let xmr = xmr_chart(Series::new(&days)?, &options, &XmrOptions::default())?;
//! assert_eq!(xmr.variation, Variation::ConcerningHigh); // the last point is above the limit
//! let same = chart(&ChartSpec::Xmr(XmrOptions::default()), Series::new(&days)?, &options)?;
//! assert_eq!((same.upper[0], &same.signals), (xmr.upper[0], &xmr.signals));
//! # Ok::<(), measures_core::MeasuresError>(())
//! ```
//!
//! # Rooms
//!
//! From the bottom up (a room uses only those below it; `scripts/check_layout.py`
//! checks that no file uses another that uses it back):
//!
//! - data in: [`series`], `subgroups`, [`mod@column`], [`table`] and [`cells`] (CSV
//!   bytes and their cells), [`aggregate`] (events into periods), [`error`];
//! - shared settings and plans: [`options`], [`phases`], [`periods`], [`transform`];
//! - [`estimators`]: the moving-range and subgroup estimators of σ, and the bias
//!   constants every chart shares;
//! - [`rules`]: the special-cause rule engine, which knows nothing of chart types;
//! - [`icons`]: point types and the variation and assurance icons;
//! - `charts`: every chart type, its specification and the one result model (all
//!   re-exported here);
//! - [`capability`], [`change`] (phase suggestions, pilots) and [`demand`], built on
//!   the charts.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aggregate;
mod blocks;
pub mod capability;
pub mod cells;
pub mod change;
mod charts;
pub mod column;
pub mod demand;
pub mod error;
pub mod estimators;
pub mod funnel;
pub mod icons;
pub mod labels;
pub mod options;
pub mod parallel;
pub mod periods;
pub mod phases;
mod rng;
pub mod rules;
pub mod series;
mod stats;
mod subgroups;
pub mod table;
pub mod text;
pub mod transform;

pub use charts::{
    c_chart, chart, cusum_chart, ewma_chart, g_chart, np_chart, p_chart, p_prime_chart, run_chart,
    t_chart, transformed_xmr_chart, u_chart, u_prime_chart, xbar_r_chart, xbar_s_chart,
    xmr_by_group, xmr_by_group_each, xmr_chart, AttributeOptions, Chart, ChartBrief, ChartData,
    ChartSpec, ChartType, CusumOptions, CusumUsed, EwmaOptions, EwmaUsed, GCentre, GOptions,
    Method, PhaseSummary, TransformedOptions, G_MEDIAN_FACTOR, OVERDISPERSED, T_POWER,
};
pub use column::Column;
pub use error::{MeasuresError, Result};
pub use estimators::moving_range::{CentreLine, LimitConstant, Spread, XmrOptions};
pub use estimators::subgroup::{Estimator, SubgroupOptions};
pub use icons::{Assurance, Variation};
pub use options::{Baseline, ChartOptions, Direction};
pub use phases::PhasePlan;
pub use rules::{Rule, RuleConfig, RuleSet, RunsAnalysis, Side, Signal};
pub use series::Series;
pub use subgroups::Subgroups;
