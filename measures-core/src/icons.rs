//! Making Data Count's variation and assurance icons.
//!
//! Source: NHS England, *Making Data Count: Getting started* (2019) and
//! NHSRplotthedots `R/ptd_calculate_point_type.R` and
//! `R/ptd_calculate_assurance_type.R`.

use crate::options::Direction;
use crate::rules::{points_of, side_of, takes_whole_span, Rule, RuleInput, RuleSet, Side, Signal};
use serde::{Deserialize, Serialize};

/// The kind of variation a point shows, and (for the latest point) the variation
/// icon of the chart.
///
/// A point in several signals takes the side of the highest-priority one (outside
/// the limits, then trend, then two of three, then shift; see [`crate::rules::Rule`]).
/// A trend takes its direction (rising is `High`), as NHSRplotthedots does since
/// 0.2 (its issue #167; before that it used the side of the mean for every rule): a
/// rising trend that starts below the mean is an improvement throughout when higher
/// is better. A point that ends one trend and starts the next takes the later one's
/// direction ("if a point is part of a trend either side, use right side",
/// `R/ptd_calculate_point_type.R`, `ptd_special_cause_type`). Signals without a side
/// (too few crossings, Nelson's alternation, stratification, mixture) are "neither"
/// improving nor concerning, on the side of the centre the point lies.
///
/// ```
/// use measures_core::Variation;
/// assert_eq!(serde_json::to_string(&Variation::ImprovingHigh).unwrap(),
///            "\"special_cause_improving_high\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Variation {
    /// No special cause.
    #[serde(rename = "common_cause")]
    CommonCause,
    /// Special cause, improving, high side (higher is better).
    #[serde(rename = "special_cause_improving_high")]
    ImprovingHigh,
    /// Special cause, improving, low side (lower is better).
    #[serde(rename = "special_cause_improving_low")]
    ImprovingLow,
    /// Special cause, concerning, high side (lower is better).
    #[serde(rename = "special_cause_concerning_high")]
    ConcerningHigh,
    /// Special cause, concerning, low side (higher is better).
    #[serde(rename = "special_cause_concerning_low")]
    ConcerningLow,
    /// Special cause, no improvement direction or a rule without a side, high.
    #[serde(rename = "special_cause_neither_high")]
    NeitherHigh,
    /// Special cause, no improvement direction or a rule without a side, low.
    #[serde(rename = "special_cause_neither_low")]
    NeitherLow,
}

impl Variation {
    /// Every point type, in a fixed order (bindings use it for compact codes).
    pub const ALL: [Variation; 7] = [
        Variation::CommonCause,
        Variation::ImprovingHigh,
        Variation::ImprovingLow,
        Variation::ConcerningHigh,
        Variation::ConcerningLow,
        Variation::NeitherHigh,
        Variation::NeitherLow,
    ];

    /// The stable name used in JSON, tables and icons.
    pub fn name(self) -> &'static str {
        match self {
            Variation::CommonCause => "common_cause",
            Variation::ImprovingHigh => "special_cause_improving_high",
            Variation::ImprovingLow => "special_cause_improving_low",
            Variation::ConcerningHigh => "special_cause_concerning_high",
            Variation::ConcerningLow => "special_cause_concerning_low",
            Variation::NeitherHigh => "special_cause_neither_high",
            Variation::NeitherLow => "special_cause_neither_low",
        }
    }

    /// Is this any kind of special cause?
    pub fn is_special_cause(self) -> bool {
        self != Variation::CommonCause
    }

    /// Classify a special cause on `side` under an improvement direction.
    ///
    /// ```
    /// use measures_core::{Direction, Variation, rules::Side};
    /// assert_eq!(Variation::special_cause(Side::High, Direction::LowerIsBetter), Variation::ConcerningHigh);
    /// ```
    pub fn special_cause(side: Side, direction: Direction) -> Variation {
        match (side, direction) {
            (Side::High, Direction::HigherIsBetter) => Variation::ImprovingHigh,
            (Side::Low, Direction::LowerIsBetter) => Variation::ImprovingLow,
            (Side::High, Direction::LowerIsBetter) => Variation::ConcerningHigh,
            (Side::Low, Direction::HigherIsBetter) => Variation::ConcerningLow,
            (Side::High, Direction::Neither) => Variation::NeitherHigh,
            (Side::Low, Direction::Neither) => Variation::NeitherLow,
        }
    }

    fn neither(side: Side) -> Variation {
        Variation::special_cause(side, Direction::Neither)
    }
}

/// Label every point from the signals it takes part in: each point takes the
/// signal of highest priority (lowest rule order) covering it, and of those the
/// last (the later of two trends meeting at a turning point, as NHSRplotthedots).
/// Signals are painted from the lowest priority up and each rule's in order, so the
/// winner is painted last, with no per-point bookkeeping beyond the labels.
pub(crate) fn point_types(
    input: &RuleInput<'_>,
    signals: &[Signal],
    set: RuleSet,
    direction: Direction,
    series_gaps: bool,
) -> Vec<Variation> {
    let (values, centre) = (input.values, input.centre);
    let mut point_type = vec![Variation::CommonCause; values.len()];
    // The rules present (a handful at most), painted from the lowest priority up;
    // each rule's signals from the first to the last.
    let mut rules: Vec<Rule> = Vec::new();
    for signal in signals {
        if !rules.contains(&signal.rule) {
            rules.push(signal.rule);
        }
    }
    rules.sort_unstable_by(|a, b| b.cmp(a));
    // Without gaps in the series, a sided signal of a rule that takes every point
    // of its span paints the span in one fill (a drifting series has millions of
    // such points): its span is a run the rules found among points with values (a
    // chart's own missing values, such as a moving-range chart's first point, break
    // every run), so it holds no missing value to skip.
    for rule in rules {
        let whole_span = !series_gaps && takes_whole_span(rule);
        for signal in signals.iter().filter(|s| s.rule == rule) {
            if let (true, Some(side)) = (whole_span, signal.side) {
                point_type[signal.first..=signal.last]
                    .fill(Variation::special_cause(side, direction));
                continue;
            }
            for i in points_of(signal, input, set) {
                point_type[i] = match signal.side {
                    Some(side) => Variation::special_cause(side, direction),
                    None => Variation::neither(side_of(values[i], centre[i]).unwrap_or(Side::High)),
                };
            }
        }
    }
    point_type
}

/// Making Data Count's assurance icon: can the process be relied on to meet the target?
///
/// ```
/// use measures_core::Assurance;
/// assert_eq!(serde_json::to_string(&Assurance::HitAndMiss).unwrap(), "\"hit_and_miss\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// The target lies beyond the limits on the side that passes: every point will meet it.
    ConsistentlyPass,
    /// The target lies beyond the limits on the side that fails: no point will meet it
    /// without a change to the process.
    ConsistentlyFail,
    /// The target lies between the limits: the process will sometimes meet it.
    HitAndMiss,
}

impl Assurance {
    /// The stable name used in JSON, tables and icons.
    pub fn name(self) -> &'static str {
        match self {
            Assurance::ConsistentlyPass => "consistently_pass",
            Assurance::ConsistentlyFail => "consistently_fail",
            Assurance::HitAndMiss => "hit_and_miss",
        }
    }

    /// Classify a target against the latest limits. `None` without a target, without
    /// an improvement direction, or without limits (NHSRplotthedots
    /// `ptd_calculate_assurance_type`: target above the upper limit fails when higher
    /// is better and passes when lower is better; below the lower limit the reverse).
    ///
    /// ```
    /// use measures_core::{Assurance, Direction};
    /// assert_eq!(Assurance::classify(Some(95.0), Direction::HigherIsBetter, 92.0, 80.0),
    ///            Some(Assurance::ConsistentlyFail));
    /// ```
    pub fn classify(
        target: Option<f64>,
        direction: Direction,
        upper: f64,
        lower: f64,
    ) -> Option<Assurance> {
        let target = target?;
        if !(upper.is_finite() && lower.is_finite()) {
            return None;
        }
        let higher_is_better = match direction {
            Direction::HigherIsBetter => true,
            Direction::LowerIsBetter => false,
            Direction::Neither => return None,
        };
        Some(if target > upper {
            if higher_is_better {
                Assurance::ConsistentlyFail
            } else {
                Assurance::ConsistentlyPass
            }
        } else if target < lower {
            if higher_is_better {
                Assurance::ConsistentlyPass
            } else {
                Assurance::ConsistentlyFail
            }
        } else {
            Assurance::HitAndMiss
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column::Column;
    use crate::rules::Rule;

    /// The cases of NHSRplotthedots `tests/testthat/test-ptd_calculate_assurance_type.R`.
    #[test]
    fn assurance_follows_making_data_count() {
        use Assurance::*;
        use Direction::*;
        let (upper, lower) = (10.0, 0.0);
        assert_eq!(
            Assurance::classify(Some(11.0), HigherIsBetter, upper, lower),
            Some(ConsistentlyFail)
        );
        assert_eq!(
            Assurance::classify(Some(11.0), LowerIsBetter, upper, lower),
            Some(ConsistentlyPass)
        );
        assert_eq!(
            Assurance::classify(Some(-1.0), HigherIsBetter, upper, lower),
            Some(ConsistentlyPass)
        );
        assert_eq!(
            Assurance::classify(Some(-1.0), LowerIsBetter, upper, lower),
            Some(ConsistentlyFail)
        );
        assert_eq!(
            Assurance::classify(Some(5.0), LowerIsBetter, upper, lower),
            Some(HitAndMiss)
        );
        assert_eq!(
            Assurance::classify(Some(10.0), HigherIsBetter, upper, lower),
            Some(HitAndMiss)
        );
        assert_eq!(Assurance::classify(Some(5.0), Neither, upper, lower), None);
        assert_eq!(
            Assurance::classify(None, HigherIsBetter, upper, lower),
            None
        );
        assert_eq!(
            Assurance::classify(Some(5.0), HigherIsBetter, f64::NAN, f64::NAN),
            None
        );
    }

    fn signal(rule: Rule, side: Option<Side>, first: usize, last: usize) -> Signal {
        Signal {
            rule,
            side,
            phase: 0,
            first,
            last,
        }
    }

    /// Point types of `values` around `centre` (no limits) with higher better.
    fn paint(values: &[f64], centre: &Column<f64>, signals: &[Signal]) -> Vec<Variation> {
        let none = Column::constant(f64::NAN, values.len());
        #[allow(clippy::single_range_in_vec_init)] // one phase: a list of one range
        let phases = [0..values.len()];
        let input = RuleInput {
            values,
            centre,
            upper: &none,
            lower: &none,
            sigma: &none,
            phases: &phases,
            chart: "test",
        };
        point_types(
            &input,
            signals,
            RuleSet::Nhs,
            Direction::HigherIsBetter,
            false,
        )
    }

    /// Issue 18: NHSRplotthedots 0.2, `ptd_special_cause_type`: "if a point is part
    /// of a trend either side, use right side". A peak that ends a rising trend of 7
    /// and starts a falling one takes the falling trend's direction.
    #[test]
    fn a_turning_point_takes_the_later_trends_direction() {
        let values = [
            1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0,
        ];
        let centre = Column::constant(4.0, values.len());
        let rising = signal(Rule::Trend, Some(Side::High), 0, 6);
        let falling = signal(Rule::Trend, Some(Side::Low), 6, 12);
        let types = paint(&values, &centre, &[rising, falling]);
        assert_eq!(types[5], Variation::ImprovingHigh);
        assert_eq!(types[6], Variation::ConcerningLow); // the peak: the later trend's
        assert_eq!(types[7], Variation::ConcerningLow);
    }

    #[test]
    fn highest_priority_signal_sets_the_side() {
        let values = [5.0, 4.0, 3.0];
        let centre = [4.5; 3];
        let signals = vec![
            signal(Rule::Shift, Some(Side::Low), 0, 2),
            signal(Rule::OutsideLimits, Some(Side::High), 0, 0),
        ];
        let types = paint(&values, &Column::from(&centre[..]), &signals);
        assert_eq!(
            types,
            vec![
                Variation::ImprovingHigh,
                Variation::ConcerningLow,
                Variation::ConcerningLow
            ]
        );
    }

    #[test]
    fn sideless_signals_are_neither_on_the_points_side() {
        let values = [5.0, 4.0];
        let centre = [4.5; 2];
        let signals = vec![signal(Rule::TooFewCrossings, None, 0, 1)];
        let types = paint(&values, &Column::from(&centre[..]), &signals);
        assert_eq!(types, vec![Variation::NeitherHigh, Variation::NeitherLow]);
    }
}
