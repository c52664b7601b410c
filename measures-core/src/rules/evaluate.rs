//! The engine: every rule of a set over every phase of a chart, from one reading of
//! the phase into bits (`bits.rs`).

use super::anhoej::RunsAnalysis;
use super::bits::PhaseBits;
use super::model::{Rule, RuleConfig, RuleInput, RuleSet, Side, Signal};
use super::{sequences, zones};
use crate::error::{MeasuresError, Result};

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
/// assert_eq!((signals[0].first, signals[0].last), (0, 6));
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
        let runs = RunsAnalysis::from_bits(&bits);
        runs_analyses.push(runs);
        let mut add = |rule: Rule, found: Vec<(Option<Side>, usize, usize)>| {
            signals.extend(found.into_iter().map(|(side, first, last)| Signal {
                rule,
                side,
                phase,
                first,
                last,
            }))
        };
        match config.set {
            RuleSet::None => {}
            RuleSet::Limits => {
                need(Rule::OutsideLimits)?;
                add(Rule::OutsideLimits, zones::outside_limits(&bits));
            }
            RuleSet::Anhoej => {
                // qicharts2 pairs the runs rules with the 3-sigma rule on control charts.
                if has_limits {
                    add(Rule::OutsideLimits, zones::outside_limits(&bits));
                }
                add(
                    Rule::LongestRun,
                    runs.long_run_signals(input.values, input.centre, range.clone()),
                );
                if runs.too_few_crossings() {
                    add(
                        Rule::TooFewCrossings,
                        vec![(None, range.start, range.end - 1)],
                    );
                }
            }
            RuleSet::Nhs | RuleSet::WesternElectric | RuleSet::Nelson => {
                need(Rule::OutsideLimits)?;
                add(Rule::OutsideLimits, zones::outside_limits(&bits));
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
                        bits.later_of_pairs(two_of_three.m, config.set == RuleSet::Nhs),
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
    // Each rule's signals are in order already: the sort merges a few sorted runs.
    signals.sort_by(|a, b| a.first.cmp(&b.first).then(a.rule.cmp(&b.rule)));
    Ok((signals, runs_analyses))
}
