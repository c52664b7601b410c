//! Properties of the capability indices: Cpk never exceeds Cp, Cp scales inversely
//! with the spread, indices ignore a common shift of data and limits, and the
//! capability statement's range is the chart's.

use measures_core::capability::{
    capability, capability_statement, within_threshold, CapabilityOptions, Specification,
    StatementOptions,
};
use measures_core::{xmr, ChartOptions, Direction, Series, XmrOptions};
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
        let chart = xmr(Series::new(&v).unwrap(), &ChartOptions::default(), &XmrOptions::default()).unwrap();
        let s = capability_statement(&chart, &StatementOptions::default()).unwrap();
        prop_assert_eq!(s.upper, chart.phases[0].upper);
        prop_assert_eq!(s.average, chart.phases[0].centre);
        prop_assert_eq!(s.predictable, chart.signals.is_empty());
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
