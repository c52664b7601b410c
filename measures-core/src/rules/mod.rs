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
mod sequences;
mod zones;

pub use anhoej::{anhoej_limits, RunsAnalysis};

use crate::column::{Column, Segment};
use crate::error::{MeasuresError, Result};
use bits::PhaseBits;
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

    fn validate(&self) -> Result<()> {
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

    fn needs_limits(self) -> bool {
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

/// One special-cause signal: which rule fired, in which phase, and the points it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The rule that fired.
    pub rule: Rule,
    /// Which way it points; `None` for rules without a side (crossings, alternation,
    /// stratification, mixture).
    pub side: Option<Side>,
    /// Zero-based phase index.
    pub phase: usize,
    /// Indices of the points that make up the signal, ascending.
    pub points: Vec<usize>,
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
    fn lines_over(&self, range: Range<usize>) -> [Segment<'a, f64>; 4] {
        [self.centre, self.upper, self.lower, self.sigma].map(|c| c.over(range.clone()))
    }
}

/// Run a rule set over a chart and return its signals, ordered by first point and
/// then by rule priority.
///
/// ```
/// use measures_core::rules::{evaluate, Rule, RuleConfig, RuleInput, RuleSet};
/// use measures_core::Column;
/// let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
/// let centre = Column::constant(4.0, 7);
/// let upper = Column::constant(10.0, 7);
/// let lower = Column::constant(-2.0, 7);
/// let sigma = Column::constant(2.0, 7);
/// let input = RuleInput { values: &values, centre: &centre, upper: &upper, lower: &lower,
///     sigma: &sigma, phases: &[0..7], chart: "xmr" };
/// let signals = evaluate(&input, &RuleConfig::new(RuleSet::Nhs))?;
/// assert_eq!(signals[0].rule, Rule::Trend);
/// assert_eq!(signals[0].points, vec![0, 1, 2, 3, 4, 5, 6]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn evaluate(input: &RuleInput<'_>, config: &RuleConfig) -> Result<Vec<Signal>> {
    evaluate_with_runs(input, config).map(|(signals, _)| signals)
}

/// [`evaluate`], and the runs analysis of every phase read from the same pass over
/// the values (a chart reports both).
pub(crate) fn evaluate_with_runs(
    input: &RuleInput<'_>,
    config: &RuleConfig,
) -> Result<(Vec<Signal>, Vec<RunsAnalysis>)> {
    config.validate()?;
    let has_limits = input.sigma.all(f64::is_finite);
    let mut signals = Vec::new();
    let mut runs_analyses = Vec::with_capacity(input.phases.len());
    let need = |rule: Rule| -> Result<()> {
        if rule.needs_limits() && !has_limits {
            Err(MeasuresError::RuleNeedsLimits {
                rule: rule.name(),
                chart: input.chart,
            })
        } else {
            Ok(())
        }
    };
    for (phase, range) in input.phases.iter().enumerate() {
        let range = range.clone();
        // Two of three counts points beyond two sigma; only the sets with trends and
        // window rules need the step and zone bits.
        let sequences = matches!(
            config.set,
            RuleSet::Nhs | RuleSet::WesternElectric | RuleSet::Nelson
        );
        let lines = input.lines_over(range.clone());
        let bits = PhaseBits::new(input.values, range.clone(), lines, 2.0, sequences);
        let runs = bits.runs_analysis();
        runs_analyses.push(runs);
        let mut add = |rule: Rule, found: Vec<(Option<Side>, Vec<usize>)>| {
            signals.extend(found.into_iter().map(|(side, points)| Signal {
                rule,
                side,
                phase,
                points,
            }))
        };
        match config.set {
            RuleSet::None => {}
            RuleSet::Limits => {
                need(Rule::OutsideLimits)?;
                add(Rule::OutsideLimits, zones::outside_limits(input, &bits));
            }
            RuleSet::Anhoej => {
                // qicharts2 pairs the runs rules with the 3-sigma rule on control charts.
                if has_limits {
                    add(Rule::OutsideLimits, zones::outside_limits(input, &bits));
                }
                add(
                    Rule::LongestRun,
                    runs.long_run_signals(input.values, input.centre, range.clone()),
                );
                if runs.too_few_crossings() {
                    add(Rule::TooFewCrossings, vec![(None, range.clone().collect())]);
                }
            }
            RuleSet::Nhs | RuleSet::WesternElectric | RuleSet::Nelson => {
                need(Rule::OutsideLimits)?;
                add(Rule::OutsideLimits, zones::outside_limits(input, &bits));
                let two_of_three = zones::KOfM {
                    k: 2,
                    m: 3,
                    sigmas: 2.0,
                };
                add(
                    Rule::TwoOfThree,
                    zones::k_of_m_beyond(
                        input,
                        range.clone(),
                        two_of_three,
                        config.set == RuleSet::Nhs,
                        bits.later_of_pairs(two_of_three.m),
                    ),
                );
                if config.set != RuleSet::Nhs {
                    let four_of_five = zones::KOfM {
                        k: 4,
                        m: 5,
                        sigmas: 1.0,
                    };
                    add(
                        Rule::FourOfFive,
                        zones::k_of_m_beyond(
                            input,
                            range.clone(),
                            four_of_five,
                            false,
                            zones::beyond(input, range.clone(), four_of_five.sigmas),
                        ),
                    );
                }
                if let Some(len) = config.shift_length() {
                    add(Rule::Shift, sequences::shift(&bits, len));
                }
                if let Some(len) = config.trend_length() {
                    add(Rule::Trend, sequences::trend(&bits, len));
                }
                if config.set == RuleSet::Nelson {
                    add(
                        Rule::Alternating,
                        sequences::alternating(input.values, range.clone(), 14),
                    );
                    add(
                        Rule::Stratification,
                        zones::stratification(input, range.clone(), 15),
                    );
                    add(Rule::Mixture, zones::mixture(input, range.clone(), 8));
                }
            }
        }
    }
    signals.sort_by(|a, b| a.points[0].cmp(&b.points[0]).then(a.rule.cmp(&b.rule)));
    Ok((signals, runs_analyses))
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
