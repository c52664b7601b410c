//! The rules' vocabulary: rule sets and their settings, rules, sides, signals, and
//! what the engine reads ([`RuleInput`]).

use crate::column::{Column, Segment};
use crate::error::{MeasuresError, Result};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A named set of special-cause rules.
///
/// ```
/// use measures_core::RuleSet;
/// assert_eq!("western-electric".parse::<RuleSet>().unwrap(), RuleSet::WesternElectric);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSet {
    /// NHS England Making Data Count, as NHSRplotthedots implements it.
    Nhs,
    /// The four Western Electric rules.
    WesternElectric,
    /// The eight Nelson rules.
    Nelson,
    /// Anhøj's runs rules (longest run, number of crossings) against the centre line,
    /// plus points outside the limits on a chart that has limits (as qicharts2 does).
    Anhoej,
    /// Only points outside the limits (Western Electric rule 1 on its own).
    Limits,
    /// No rules at all.
    None,
}

impl std::str::FromStr for RuleSet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "nhs" | "mdc" | "making_data_count" => Ok(RuleSet::Nhs),
            "western_electric" | "we" => Ok(RuleSet::WesternElectric),
            "nelson" => Ok(RuleSet::Nelson),
            "anhoej" | "anhøj" | "runs" => Ok(RuleSet::Anhoej),
            "limits" | "outside_limits" => Ok(RuleSet::Limits),
            "none" => Ok(RuleSet::None),
            other => Err(format!(
                "unknown rule set {other:?}: use nhs, western_electric, nelson, anhoej, limits or none"
            )),
        }
    }
}

/// A rule set with optional run-length overrides.
///
/// ```
/// use measures_core::{RuleConfig, RuleSet};
/// let r = RuleConfig { set: RuleSet::Nhs, shift: Some(8), trend: None };
/// assert_eq!(r.shift_length(), Some(8));
/// assert_eq!(r.trend_length(), Some(7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleConfig {
    /// The rule set.
    pub set: RuleSet,
    /// Points in a row on one side of the centre that make a shift (overrides the set's default).
    #[serde(default)]
    pub shift: Option<usize>,
    /// Points in a row each higher (or lower) than the one before that make a trend.
    #[serde(default)]
    pub trend: Option<usize>,
}

impl RuleConfig {
    /// A rule set with its default lengths.
    pub fn new(set: RuleSet) -> RuleConfig {
        RuleConfig {
            set,
            shift: None,
            trend: None,
        }
    }

    /// The shift length in force, if the set has a shift rule.
    pub fn shift_length(&self) -> Option<usize> {
        let default = match self.set {
            RuleSet::Nhs => 7,
            RuleSet::WesternElectric => 8,
            RuleSet::Nelson => 9,
            RuleSet::Anhoej | RuleSet::Limits | RuleSet::None => return None,
        };
        Some(self.shift.unwrap_or(default))
    }

    /// The trend length in force, if the set has a trend rule.
    pub fn trend_length(&self) -> Option<usize> {
        let default = match self.set {
            RuleSet::Nhs => 7,
            RuleSet::Nelson => 6,
            RuleSet::WesternElectric | RuleSet::Anhoej | RuleSet::Limits | RuleSet::None => {
                return None
            }
        };
        Some(self.trend.unwrap_or(default))
    }

    /// Resolve the overrides into the stored config, so a result records the lengths used.
    pub fn resolved(&self) -> RuleConfig {
        RuleConfig {
            set: self.set,
            shift: self.shift_length(),
            trend: self.trend_length(),
        }
    }

    pub(super) fn validate(&self) -> Result<()> {
        for (name, len) in [("shift", self.shift), ("trend", self.trend)] {
            if let Some(l) = len {
                if l < 2 {
                    return Err(MeasuresError::InvalidOption {
                        name,
                        reason: format!("a {name} needs a length of at least 2 points, got {l}"),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Which rule produced a signal. The order is the priority used to label a point
/// that takes part in several signals (NHSRplotthedots: outside the limits, then
/// trend, then two of three, then shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A point above the upper or below the lower limit.
    OutsideLimits,
    /// Points in a row, each higher (or each lower) than the one before.
    Trend,
    /// Two of three points in a row beyond two sigma on the same side.
    TwoOfThree,
    /// Four of five points in a row beyond one sigma on the same side.
    FourOfFive,
    /// Points in a row on the same side of the centre.
    Shift,
    /// Anhøj: a run on one side of the centre longer than round(log2 n + 3).
    LongestRun,
    /// Nelson 4: fourteen points in a row alternating up and down.
    Alternating,
    /// Nelson 7: fifteen points in a row within one sigma of the centre.
    Stratification,
    /// Nelson 8: eight points in a row beyond one sigma, on both sides.
    Mixture,
    /// Anhøj: fewer crossings of the centre than qbinom(0.05, n − 1, 0.5).
    TooFewCrossings,
}

impl Rule {
    /// Every rule, in order of priority (the order of the enum).
    pub const ALL: [Rule; 10] = [
        Rule::OutsideLimits,
        Rule::Trend,
        Rule::TwoOfThree,
        Rule::FourOfFive,
        Rule::Shift,
        Rule::LongestRun,
        Rule::Alternating,
        Rule::Stratification,
        Rule::Mixture,
        Rule::TooFewCrossings,
    ];

    /// The rule's name as it appears in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Rule::OutsideLimits => "outside_limits",
            Rule::Trend => "trend",
            Rule::TwoOfThree => "two_of_three",
            Rule::FourOfFive => "four_of_five",
            Rule::Shift => "shift",
            Rule::LongestRun => "longest_run",
            Rule::Alternating => "alternating",
            Rule::Stratification => "stratification",
            Rule::Mixture => "mixture",
            Rule::TooFewCrossings => "too_few_crossings",
        }
    }

    pub(super) fn needs_limits(self) -> bool {
        matches!(
            self,
            Rule::OutsideLimits
                | Rule::TwoOfThree
                | Rule::FourOfFive
                | Rule::Stratification
                | Rule::Mixture
        )
    }
}

/// Which side of the centre a signal points to. A trend upwards is `High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Above the centre, or increasing.
    High,
    /// Below the centre, or decreasing.
    Low,
}

impl Side {
    /// The other side.
    pub fn flipped(self) -> Side {
        match self {
            Side::High => Side::Low,
            Side::Low => Side::High,
        }
    }
}

/// One special-cause signal: which rule fired, which way, in which phase, and the span of
/// points it covers (stored as a span, so millions of signals cost no allocation each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The rule that fired.
    pub rule: Rule,
    /// Which way it points; `None` for rules without a side (crossings, alternation,
    /// stratification, mixture).
    pub side: Option<Side>,
    /// Zero-based phase index.
    pub phase: usize,
    /// First point of the signal.
    pub first: usize,
    /// Last point of the signal (inclusive). The points between that take part in it
    /// are derived from the chart ([`crate::Chart::signal_points`],
    /// [`crate::rules::signal_points`]): every point with a value for most rules,
    /// those beyond the zone for the window rules, those off the centre for a run.
    pub last: usize,
}

/// What the rule engine reads: per-point values, centre, limits and sigma, and the
/// phase ranges. Limits and sigma are NaN for a chart without limits.
#[derive(Debug, Clone, Copy)]
pub struct RuleInput<'a> {
    /// Plotted values.
    pub values: &'a [f64],
    /// Centre line per point.
    pub centre: &'a Column<f64>,
    /// Upper limit per point (may be clamped, e.g. a proportion capped at 1).
    pub upper: &'a Column<f64>,
    /// Lower limit per point (may be clamped at 0).
    pub lower: &'a Column<f64>,
    /// One sigma per point, for the zone rules.
    pub sigma: &'a Column<f64>,
    /// Phase ranges covering the series.
    pub phases: &'a [Range<usize>],
    /// The chart's name, for error messages.
    pub chart: &'static str,
}

impl<'a> RuleInput<'a> {
    /// Centre, upper, lower and sigma read over `range` (one phase).
    pub(super) fn lines_over(&self, range: Range<usize>) -> [Segment<'a, f64>; 4] {
        [self.centre, self.upper, self.lower, self.sigma].map(|c| c.over(range.clone()))
    }
}

/// Side of the centre a value lies on: `Some(High)`, `Some(Low)`, or `None` when on it.
pub(crate) fn side_of(value: f64, centre: f64) -> Option<Side> {
    if value > centre {
        Some(Side::High)
    } else if value < centre {
        Some(Side::Low)
    } else {
        None
    }
}
