//! Property tests: charts move with their data, reflect with the direction, and never
//! panic whatever the input.

use measures_core::{
    run_chart, xmr_chart, Baseline, Chart, ChartOptions, Direction, RuleConfig, RuleSet, Series,
    Side, Variation, XmrOptions,
};
use proptest::prelude::*;

fn values() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1.0e4..1.0e4f64, 2..60)
}

fn rule_set() -> impl Strategy<Value = RuleSet> {
    prop_oneof![
        Just(RuleSet::Nhs),
        Just(RuleSet::WesternElectric),
        Just(RuleSet::Nelson),
        Just(RuleSet::Anhoej),
        Just(RuleSet::Limits),
        Just(RuleSet::None),
    ]
}

fn chart(v: &[f64], options: &ChartOptions) -> Chart {
    xmr_chart(Series::new(v).unwrap(), options, &XmrOptions::default()).unwrap()
}

/// |a − b| within a few ulps of the data's magnitude.
fn near(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.max(1.0)
}

fn reflect(v: Variation) -> Variation {
    use Variation::*;
    match v {
        CommonCause => CommonCause,
        ImprovingHigh => ImprovingLow,
        ImprovingLow => ImprovingHigh,
        ConcerningHigh => ConcerningLow,
        ConcerningLow => ConcerningHigh,
        NeitherHigh => NeitherLow,
        NeitherLow => NeitherHigh,
    }
}

proptest! {
    #[test]
    fn adding_a_constant_shifts_centre_and_limits(v in values(), a in -1.0e4..1.0e4f64) {
        let base = chart(&v, &ChartOptions::default());
        let moved: Vec<f64> = v.iter().map(|x| x + a).collect();
        let shifted = chart(&moved, &ChartOptions::default());
        let scale = v.iter().fold(a.abs(), |m, x| m.max(x.abs()));
        for i in 0..v.len() {
            prop_assert!(near(shifted.centre[i], base.centre[i] + a, scale));
            prop_assert!(near(shifted.upper[i], base.upper[i] + a, scale));
            prop_assert!(near(shifted.lower[i], base.lower[i] + a, scale));
            prop_assert!(near(shifted.sigma[i], base.sigma[i], scale));
        }
    }

    #[test]
    fn multiplying_by_a_positive_constant_scales_centre_and_limits(v in values(), c in 1.0e-3..1.0e3f64) {
        let base = chart(&v, &ChartOptions::default());
        let scaled_values: Vec<f64> = v.iter().map(|x| x * c).collect();
        let scaled = chart(&scaled_values, &ChartOptions::default());
        let scale = v.iter().fold(0.0f64, |m, x| m.max(x.abs())) * c;
        for i in 0..v.len() {
            prop_assert!(near(scaled.centre[i], base.centre[i] * c, scale));
            prop_assert!(near(scaled.upper[i], base.upper[i] * c, scale));
            prop_assert!(near(scaled.lower[i], base.lower[i] * c, scale));
        }
    }

    #[test]
    fn run_chart_median_moves_with_the_data(v in values(), a in -1.0e4..1.0e4f64) {
        let base = run_chart(Series::new(&v).unwrap(), &ChartOptions::default()).unwrap();
        let moved: Vec<f64> = v.iter().map(|x| x + a).collect();
        let shifted = run_chart(Series::new(&moved).unwrap(), &ChartOptions::default()).unwrap();
        let scale = v.iter().fold(a.abs(), |m, x| m.max(x.abs()));
        prop_assert!(near(shifted.centre[0], base.centre[0] + a, scale));
    }

    /// Reflecting the data (x → −x) and flipping the direction mirrors everything:
    /// limits swap, every signal fires on the same points on the other side, and
    /// improving stays improving (high ↔ low). Negation is exact in IEEE arithmetic,
    /// so this holds exactly, not approximately.
    #[test]
    fn reflection_with_flipped_direction_swaps_sides(
        v in values(),
        set in rule_set(),
        direction in prop_oneof![Just(Direction::HigherIsBetter), Just(Direction::LowerIsBetter), Just(Direction::Neither)],
    ) {
        let options = ChartOptions { direction, rules: Some(RuleConfig::new(set)), ..Default::default() };
        let base = chart(&v, &options);
        let mirrored_values: Vec<f64> = v.iter().map(|x| -x).collect();
        let flipped = ChartOptions { direction: direction.flipped(), ..options };
        let mirrored = chart(&mirrored_values, &flipped);
        for i in 0..v.len() {
            prop_assert_eq!(mirrored.centre[i], -base.centre[i]);
            prop_assert_eq!(mirrored.upper[i], -base.lower[i]);
            prop_assert_eq!(mirrored.point_type[i], reflect(base.point_type[i]));
        }
        prop_assert_eq!(mirrored.signals.len(), base.signals.len());
        for (m, b) in mirrored.signals.iter().zip(&base.signals) {
            prop_assert_eq!(m.rule, b.rule);
            prop_assert_eq!((m.first, m.last), (b.first, b.last));
            prop_assert_eq!(mirrored.signal_points(m), base.signal_points(b));
            prop_assert_eq!(m.side, b.side.map(Side::flipped));
        }
        prop_assert_eq!(mirrored.variation, reflect(base.variation));
    }

    /// Huge but finite values either chart or fail with a typed overflow error.
    #[test]
    fn huge_values_overflow_with_a_typed_error(sign in any::<bool>()) {
        let big = if sign { f64::MAX } else { -f64::MAX };
        let v = [big, -big, big, -big];
        let err = xmr_chart(Series::new(&v).unwrap(), &ChartOptions::default(), &XmrOptions::default()).unwrap_err();
        prop_assert!(matches!(err, measures_core::MeasuresError::Overflow { .. }), "{}", err);
    }

    /// Arbitrary f64 input (NaN, infinities, huge and tiny numbers) and arbitrary
    /// options give a chart or a typed error, never a panic.
    #[test]
    fn never_panics(
        v in prop::collection::vec(prop_oneof![8 => -1.0e6..1.0e6f64, 1 => prop::num::f64::ANY, 1 => Just(0.0)], 0..40),
        starts in prop::collection::vec(0usize..45, 0..4),
        exclude in prop::collection::vec(0usize..45, 0..4),
        baseline in prop::option::of(prop_oneof![(0usize..45).prop_map(Baseline::FirstPoints), (0usize..45).prop_map(Baseline::Through)]),
        set in rule_set(),
        shift in prop::option::of(0usize..12),
        median in any::<bool>(),
        target in prop::option::of(prop::num::f64::ANY),
    ) {
        let options = ChartOptions {
            direction: Direction::HigherIsBetter,
            target,
            rules: Some(RuleConfig { set, shift, trend: shift }),
            phase_starts: starts,
            baseline,
            exclude,
        };
        let xmr_options = XmrOptions {
            spread: if median { measures_core::Spread::MedianMovingRange } else { measures_core::Spread::MeanMovingRange },
            ..XmrOptions::default()
        };
        if let Ok(series) = Series::new(&v) {
            if let Ok(c) = xmr_chart(series, &options, &xmr_options) {
                prop_assert_eq!(c.len(), v.len());
                prop_assert!(c.centre.iter().chain(&c.upper).chain(&c.lower).all(|x| x.is_finite()));
                prop_assert!(serde_json::to_string(&c).is_ok());
            }
            if let Ok(c) = run_chart(series, &options) {
                prop_assert!(c.centre.iter().all(|x| x.is_finite()));
            }
        }
    }
}
