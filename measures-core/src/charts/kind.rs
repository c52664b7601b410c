//! The kinds of chart, by the one name every binding uses.

use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartType {
    /// Individuals chart of an XmR pair.
    Xmr,
    /// Moving-range chart of an XmR pair.
    MovingRange,
    /// Run chart with the median.
    Run,
    /// Subgroup means with limits from the ranges (companion: [`ChartType::Range`]).
    XbarR,
    /// Subgroup means with limits from the standard deviations (companion: [`ChartType::StdDev`]).
    XbarS,
    /// Subgroup ranges.
    Range,
    /// Subgroup standard deviations.
    StdDev,
    /// Proportion defective (binomial).
    P,
    /// Number defective (binomial).
    Np,
    /// Count of defects (Poisson).
    C,
    /// Defects per unit (Poisson).
    U,
    /// Laney p′: proportions with limits widened (or narrowed) for over-dispersion.
    PPrime,
    /// Laney u′: rates with limits adjusted for over-dispersion.
    UPrime,
    /// Time between rare events (power-transformed individuals chart).
    T,
    /// Opportunities or days between rare events (geometric).
    G,
    /// Tabular CUSUM: the upper sum (companion: [`ChartType::CusumLower`]).
    Cusum,
    /// Tabular CUSUM: the lower sum.
    CusumLower,
    /// Exponentially weighted moving average.
    Ewma,
    /// Individuals chart of a right-skewed measure, computed on a transformed scale
    /// (Yeo–Johnson) and drawn on the measure's own.
    TransformedXmr,
}

impl ChartType {
    /// Every chart type, main charts first, in the order of [`ChartType::name`]'s list.
    pub const ALL: [ChartType; 19] = [
        ChartType::Xmr,
        ChartType::Run,
        ChartType::XbarR,
        ChartType::XbarS,
        ChartType::P,
        ChartType::Np,
        ChartType::C,
        ChartType::U,
        ChartType::PPrime,
        ChartType::UPrime,
        ChartType::T,
        ChartType::G,
        ChartType::Cusum,
        ChartType::Ewma,
        ChartType::TransformedXmr,
        ChartType::MovingRange,
        ChartType::Range,
        ChartType::StdDev,
        ChartType::CusumLower,
    ];

    /// Which process limits the chart has, (upper, lower): none on a run chart,
    /// one side on each of a CUSUM's sums, both on every other chart.
    ///
    /// ```
    /// use measures_core::ChartType;
    /// assert_eq!(ChartType::Cusum.limit_sides(), (true, false));
    /// assert_eq!(ChartType::Run.limit_sides(), (false, false));
    /// ```
    pub fn limit_sides(self) -> (bool, bool) {
        match self {
            ChartType::Run => (false, false),
            ChartType::Cusum => (true, false),
            ChartType::CusumLower => (false, true),
            _ => (true, true),
        }
    }

    /// The rules a chart of this type runs when none are asked for: Making Data
    /// Count's on control charts, Anhøj's runs rules on the run and g charts, and
    /// only the limits on charts whose points depend on each other or on a main
    /// chart (moving range, R, S, CUSUM, EWMA).
    ///
    /// ```
    /// use measures_core::{ChartType, RuleSet};
    /// assert_eq!(ChartType::Xmr.default_rules(), RuleSet::Nhs);
    /// assert_eq!(ChartType::G.default_rules(), RuleSet::Anhoej);
    /// assert_eq!(ChartType::Ewma.default_rules(), RuleSet::Limits);
    /// ```
    pub fn default_rules(self) -> RuleSet {
        match self {
            ChartType::Run | ChartType::G => RuleSet::Anhoej,
            ChartType::MovingRange
            | ChartType::Range
            | ChartType::StdDev
            | ChartType::Cusum
            | ChartType::CusumLower
            | ChartType::Ewma => RuleSet::Limits,
            ChartType::Xmr
            | ChartType::XbarR
            | ChartType::XbarS
            | ChartType::P
            | ChartType::Np
            | ChartType::C
            | ChartType::U
            | ChartType::PPrime
            | ChartType::UPrime
            | ChartType::T
            | ChartType::TransformedXmr => RuleSet::Nhs,
        }
    }

    /// The stable name used in JSON and messages, and by every binding: the Rust
    /// function, the Python function and the C kind of a chart all take it.
    pub fn name(self) -> &'static str {
        match self {
            ChartType::Xmr => "xmr",
            ChartType::MovingRange => "moving_range",
            ChartType::Run => "run",
            ChartType::XbarR => "xbar_r",
            ChartType::XbarS => "xbar_s",
            ChartType::Range => "range",
            ChartType::StdDev => "std_dev",
            ChartType::P => "p",
            ChartType::Np => "np",
            ChartType::C => "c",
            ChartType::U => "u",
            ChartType::PPrime => "p_prime",
            ChartType::UPrime => "u_prime",
            ChartType::T => "t",
            ChartType::G => "g",
            ChartType::Cusum => "cusum",
            ChartType::CusumLower => "cusum_lower",
            ChartType::Ewma => "ewma",
            ChartType::TransformedXmr => "transformed_xmr",
        }
    }
}

impl std::str::FromStr for ChartType {
    type Err = crate::error::MeasuresError;

    /// A chart type from its [`ChartType::name`] (case and `-` or `_` as written).
    ///
    /// ```
    /// use measures_core::ChartType;
    /// assert_eq!("p-prime".parse::<ChartType>()?, ChartType::PPrime);
    /// assert!("xbar".parse::<ChartType>().is_err());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.to_ascii_lowercase().replace('-', "_");
        ChartType::ALL
            .into_iter()
            .find(|kind| kind.name() == wanted)
            .ok_or_else(|| crate::error::MeasuresError::InvalidOption {
                name: "chart type",
                reason: format!(
                    "unknown chart type {s:?}: use one of {}",
                    ChartType::ALL[..15]
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }
}
