//! Properties of the capability indices: Cpk never exceeds Cp, Cp scales inversely
//! with the spread, indices ignore a common shift of data and limits, and the
//! capability statement's range is the chart's.

use measures_core::capability::{
    capability, capability_statement, judge_predictability, within_threshold, CapabilityOptions,
    Finding, Specification, StatementOptions, VerdictOptions,
};
use measures_core::{xmr_chart, ChartOptions, Direction, Series, XmrOptions};
use proptest::prelude::*;

/// Series with some variation, and a two-sided specification around them.
fn data_and_spec() -> impl Strategy<Value = (Vec<f64>, f64, f64)> {
    (
        prop::collection::vec(-1e3..1e3f64, 3..60),
        0.1..1e3f64,
        0.1..1e3f64,
    )
        .prop_filter("needs variation", |(v, _, _)| {
            v.windows(2).any(|w| (w[1] - w[0]).abs() > 1e-6)
        })
}

fn indices(values: &[f64], lsl: f64, usl: f64) -> measures_core::capability::Capability {
    let spec = Specification::new(Some(lsl), Some(usl), None).unwrap();
    capability(values, &spec, &CapabilityOptions::default()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

proptest! {
    #[test]
    fn cpk_never_exceeds_cp((v, below, above) in data_and_spec()) {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let c = indices(&v, m - below, m + above);
        prop_assert!(c.cpk.unwrap().value <= c.cp.unwrap().value * (1.0 + 1e-12));
        prop_assert!(c.ppk.unwrap().value <= c.pp.unwrap().value * (1.0 + 1e-12));
        for e in [c.cp, c.cpk, c.pp, c.ppk].into_iter().flatten() {
            prop_assert!(e.lower <= e.value && e.value <= e.upper);
        }
    }

    #[test]
    fn cp_scales_inversely_with_spread((v, below, above) in data_and_spec(), k in 0.1..10.0f64) {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let scaled: Vec<f64> = v.iter().map(|x| m + k * (x - m)).collect();
        let a = indices(&v, m - below, m + above);
        let b = indices(&scaled, m - below, m + above);
        prop_assert!(close(b.cp.unwrap().value, a.cp.unwrap().value / k));
        prop_assert!(close(b.pp.unwrap().value, a.pp.unwrap().value / k));
    }

    #[test]
    fn indices_ignore_a_common_shift((v, below, above) in data_and_spec(), shift in -1e3..1e3f64) {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let moved: Vec<f64> = v.iter().map(|x| x + shift).collect();
        let a = indices(&v, m - below, m + above);
        let b = indices(&moved, m - below + shift, m + above + shift);
        // The shift moves the mean and limits by the same rounding-limited amount.
        let tol = |x: f64| 1e-9 * x.abs().max(1.0) + 1e-9 * (shift.abs() + m.abs() + below + above) / (3.0 * a.sigma_within);
        for (x, y) in [(a.cp, b.cp), (a.cpk, b.cpk), (a.pp, b.pp), (a.ppk, b.ppk)] {
            let (x, y) = (x.unwrap().value, y.unwrap().value);
            prop_assert!((x - y).abs() <= tol(x), "{x} vs {y}");
        }
    }

    #[test]
    fn statement_quotes_the_chart_limits(v in prop::collection::vec(0.0..100.0f64, 3..50)) {
        let chart = xmr_chart(Series::new(&v).unwrap(), &ChartOptions::default(), &XmrOptions::default()).unwrap();
        let s = capability_statement(&chart, &StatementOptions::default()).unwrap();
        prop_assert_eq!(s.upper, chart.phases[0].upper);
        prop_assert_eq!(s.average, chart.phases[0].centre);
        // The verdict is its own judgement, not "no point rule fired".
        prop_assert_eq!(s.predictable, s.verdict.tests.iter().all(|t| !t.fired));
        prop_assert!(s.coverage >= 0.0 && s.coverage <= 1.0);
    }

    /// The verdict reads ranks and sigmas only: scaling and shifting the values
    /// changes no test, and reflecting them (x → −x) flips each finding's side.
    #[test]
    fn verdict_is_invariant_under_affine_maps_and_reflection(
        v in prop::collection::vec(0.0..100.0f64, 5..120),
        a in 0.01..100.0f64,
        b in -1e3..1e3f64,
    ) {
        let options = ChartOptions::default();
        let judge = |values: &[f64]| {
            let chart = xmr_chart(Series::new(values).unwrap(), &options, &XmrOptions::textbook()).unwrap();
            judge_predictability(&chart, 0, &VerdictOptions::default()).unwrap()
        };
        let base = judge(&v);
        let mapped: Vec<f64> = v.iter().map(|x| a * x + b).collect();
        let reflected: Vec<f64> = v.iter().map(|x| -x).collect();
        for (other, flips) in [(judge(&mapped), false), (judge(&reflected), true)] {
            for (t, u) in base.tests.iter().zip(&other.tests) {
                if t.test != Finding::Outlier {
                    // Ranks are unchanged (or reversed), so the rank tests agree exactly.
                    prop_assert_eq!(t.p_value.to_bits(), u.p_value.to_bits());
                    prop_assert_eq!((t.first, t.last), (u.first, u.last));
                    let side = if flips { t.side.map(|s| s.flipped()) } else { t.side };
                    prop_assert_eq!(side, u.side);
                } else {
                    // Outliers compare sigmas, up to rounding in the moving ranges.
                    prop_assert!((t.statistic - u.statistic).abs() <= 1e-6 * t.statistic.abs().max(1.0) || t.statistic.is_nan());
                }
            }
        }
    }

    #[test]
    fn within_threshold_shares_are_complements(v in prop::collection::vec(0.0..100.0f64, 1..80), t in 0.0..100.0f64) {
        let lower = within_threshold(&v, t, Direction::LowerIsBetter, 0.95).unwrap();
        let higher = within_threshold(&v, t, Direction::HigherIsBetter, 0.95).unwrap();
        let on = v.iter().filter(|&&x| x == t).count();
        prop_assert_eq!(lower.met + higher.met, v.len() + on);
        prop_assert!(lower.share.lower <= lower.share.value && lower.share.value <= lower.share.upper);
    }
}
