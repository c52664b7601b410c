//! The points a signal takes part in, derived from its span and the chart: a signal
//! is stored as (rule, side, phase, first, last), and its points are those of the
//! span that the rule counts.

use super::model::{side_of, Rule, RuleInput, RuleSet, Side, Signal};

/// The points of `signal` (ascending), read from the chart it was found on: for the
/// window rules (two of three, four of five) the points of its span beyond the zone
/// on its side (for the `nhs` set, between the zone and the limits, as
/// NHSRplotthedots counts them); for the longest run the points of its span on its
/// side (points on the centre are skipped); for every other rule every point of its
/// span that has a value (a gap is skipped, never part of a signal).
///
/// ```
/// use measures_core::rules::{evaluate, signal_points, RuleConfig, RuleInput, RuleSet};
/// use measures_core::Column;
/// let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
/// let (centre, upper, lower, sigma) = (Column::constant(4.0, 7), Column::constant(10.0, 7),
///     Column::constant(-2.0, 7), Column::constant(2.0, 7));
/// let input = RuleInput { values: &values, centre: &centre, upper: &upper, lower: &lower,
///     sigma: &sigma, phases: &[0..7], chart: "xmr" };
/// let signals = evaluate(&input, &RuleConfig::new(RuleSet::Nhs))?;
/// assert_eq!((signals[0].first, signals[0].last), (0, 6)); // a trend of seven
/// assert_eq!(signal_points(&signals[0], &input, RuleSet::Nhs), vec![0, 1, 2, 3, 4, 5, 6]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn signal_points(signal: &Signal, input: &RuleInput<'_>, set: RuleSet) -> Vec<usize> {
    points_of(signal, input, set).collect()
}

/// Whether every point of a `rule`'s span that has a value takes part in its
/// signals (all rules but the window rules and the longest run).
pub(crate) fn takes_whole_span(rule: Rule) -> bool {
    !matches!(rule, Rule::TwoOfThree | Rule::FourOfFive | Rule::LongestRun)
}

/// [`signal_points`] as an iterator over the span (no allocation: millions of
/// signals are painted this way).
pub(crate) fn points_of<'a>(
    signal: &Signal,
    input: &'a RuleInput<'a>,
    set: RuleSet,
) -> impl Iterator<Item = usize> + 'a {
    let (rule, side) = (signal.rule, signal.side);
    let sigmas = if rule == Rule::TwoOfThree { 2.0 } else { 1.0 };
    let between_limits = set == RuleSet::Nhs && rule == Rule::TwoOfThree;
    let v = input.values;
    // The arms below are the ones `takes_whole_span` names.
    (signal.first..signal.last + 1).filter(move |&i| match rule {
        Rule::TwoOfThree | Rule::FourOfFive => {
            let d = v[i] - input.centre[i];
            let zone = sigmas * input.sigma[i];
            let beyond = match side {
                Some(Side::High) => d > zone,
                Some(Side::Low) => -d > zone,
                None => d.abs() > zone,
            };
            beyond && (!between_limits || (v[i] <= input.upper[i] && v[i] >= input.lower[i]))
        }
        Rule::LongestRun => {
            let on = side_of(v[i], input.centre[i]);
            on.is_some() && on == side
        }
        _ => !v[i].is_nan(),
    })
}
