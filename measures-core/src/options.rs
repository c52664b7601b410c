//! Options every chart shares: improvement direction, target, rules, phases,
//! baseline and exclusions.

use crate::rules::RuleConfig;
use serde::{Deserialize, Serialize};

/// Which way is better for this measure (Making Data Count's "improvement direction").
///
/// ```
/// use measures_core::Direction;
/// assert_eq!("lower".parse::<Direction>().unwrap(), Direction::LowerIsBetter);
/// assert_eq!(Direction::HigherIsBetter.flipped(), Direction::LowerIsBetter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher values are an improvement (e.g. percentage seen within 4 hours).
    HigherIsBetter,
    /// Lower values are an improvement (e.g. days to complete a repair).
    LowerIsBetter,
    /// No direction: signals are reported as "neither" improving nor concerning.
    #[default]
    Neither,
}

impl Direction {
    /// The name used in JSON.
    ///
    /// ```
    /// assert_eq!(measures_core::Direction::LowerIsBetter.name(), "lower_is_better");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
            Direction::Neither => "neither",
        }
    }
}

impl Direction {
    /// The opposite direction (used when a series is reflected).
    pub fn flipped(self) -> Direction {
        match self {
            Direction::HigherIsBetter => Direction::LowerIsBetter,
            Direction::LowerIsBetter => Direction::HigherIsBetter,
            Direction::Neither => Direction::Neither,
        }
    }
}

impl std::str::FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "higher" | "higher_is_better" | "increase" | "up" => Ok(Direction::HigherIsBetter),
            "lower" | "lower_is_better" | "decrease" | "down" => Ok(Direction::LowerIsBetter),
            "neither" | "neutral" | "none" => Ok(Direction::Neither),
            other => Err(format!(
                "unknown direction {other:?}: use higher, lower or neither"
            )),
        }
    }
}

/// Which points a phase's limits are computed from when limits are frozen.
///
/// ```
/// use measures_core::{xmr_chart, Baseline, ChartOptions, Series, XmrOptions};
/// let v = [10.0, 12.0, 11.0, 13.0, 30.0, 31.0];
/// let opts = ChartOptions { baseline: Some(Baseline::FirstPoints(4)), ..Default::default() };
/// let chart = xmr_chart(Series::new(&v)?, &opts, &XmrOptions::default())?;
/// assert_eq!(chart.centre[5], 11.5); // the mean of the first four points, extended
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// Every phase computes its limits from its first N points and extends them
    /// over the rest of the phase (NHSRplotthedots' `fix_after_n_points`).
    FirstPoints(usize),
    /// The phase holding this point computes its limits from its start through
    /// this point (qicharts2's `freeze`); other phases use all their points.
    Through(usize),
}

/// Options shared by every chart type.
///
/// Indices are zero-based positions in the series. `rules: None` means the chart
/// type's default rule set (`nhs` for control charts, `anhoej` for run charts).
///
/// ```
/// use measures_core::{ChartOptions, Direction};
/// let o = ChartOptions { direction: Direction::LowerIsBetter, target: Some(10.0), ..Default::default() };
/// assert!(o.phase_starts.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    /// Improvement direction.
    pub direction: Direction,
    /// Target, for the assurance icon.
    pub target: Option<f64>,
    /// Special-cause rules; `None` for the chart type's default.
    pub rules: Option<RuleConfig>,
    /// Indices where a new phase starts (limits are recalculated from there).
    pub phase_starts: Vec<usize>,
    /// Freeze limits on a baseline and extend them.
    pub baseline: Option<Baseline>,
    /// Points left out of the limit calculation but still plotted and tested.
    pub exclude: Vec<usize>,
}
