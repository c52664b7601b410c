//! The special-cause rule engine. It knows nothing of chart types: it reads the
//! values, centre, limits and sigma per point and the phase ranges, so every chart
//! runs the same rules.
//!
//! Rule sets and their default run lengths:
//!
//! | set | rules (default lengths) | source |
//! |---|---|---|
//! | `nhs` | outside the limits; trend of 7; two of three beyond 2σ (between 2σ and the limits, all three on one side); shift of 7 | NHS England *Making Data Count* (2019) and NHSRplotthedots `R/ptd_calculate_point_type.R` |
//! | `western_electric` | beyond 3σ; 2 of 3 beyond 2σ; 4 of 5 beyond 1σ; 8 on one side | Western Electric *Statistical Quality Control Handbook* (1956) |
//! | `nelson` | beyond 3σ; 9 on one side; 6 increasing or decreasing; 14 alternating; 2 of 3 beyond 2σ; 4 of 5 beyond 1σ; 15 within 1σ; 8 beyond 1σ on both sides | Nelson, *J. Quality Technology* 16(4), 1984 |
//! | `anhoej` | longest run above round(log2 n + 3); crossings below qbinom(0.05, n − 1, 0.5); on a chart with limits, also points outside them | Anhøj & Olesen, *PLoS ONE* 9(11), 2014; qicharts2 |
//! | `limits` | points outside the limits only | Western Electric rule 1 |
//!
//! Other guidance uses a shift of 6 or 8 and a trend of 6: [`RuleConfig::shift`] and
//! [`RuleConfig::trend`] override the set's lengths.
//!
//! Runs and windows never cross a phase boundary. A point exactly on the centre
//! breaks a shift; an equal neighbour breaks a trend.

mod anhoej;
mod bits;
mod evaluate;
mod model;
mod points;
mod sequences;
mod zones;

pub use anhoej::{anhoej_limits, RunsAnalysis};
pub use evaluate::evaluate;
pub(crate) use evaluate::evaluate_with_runs;
pub(crate) use model::side_of;
pub use model::{Rule, RuleConfig, RuleInput, RuleSet, Side, Signal};
pub use points::signal_points;
pub(crate) use points::{points_of, takes_whole_span};
