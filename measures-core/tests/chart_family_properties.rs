//! Properties and bad input for the chart family: limits stay where counts and
//! proportions can be, Laney's charts reduce to the ordinary ones when σ_z = 1, the
//! shared rules run on every chart type, and bad input is a typed error.

// Published tables are walked in step by index, which reads clearer than zips.
#![allow(clippy::needless_range_loop)]

use measures_core::{
    c_chart, np_chart, p_chart, p_prime_chart, u_chart, u_prime_chart, AttributeOptions,
};
use measures_core::{cusum_chart, CusumOptions};
use measures_core::{ewma_chart, EwmaOptions};
use measures_core::{g_chart, t_chart};
use measures_core::{xbar_r_chart, xbar_s_chart, SubgroupOptions, Subgroups};
use measures_core::{
    Chart, ChartOptions, MeasuresError, Rule, RuleConfig, RuleSet, Series, XmrOptions,
};
use proptest::prelude::*;

fn attr() -> AttributeOptions {
    AttributeOptions::default()
}

/// (counts, denominators) with counts ≤ denominators.
fn proportions() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec((1u32..5000, 0.0..=1.0f64), 2..40).prop_map(|pairs| {
        let d: Vec<f64> = pairs.iter().map(|(n, _)| *n as f64).collect();
        let c: Vec<f64> = pairs.iter().map(|(n, f)| (*n as f64 * f).floor()).collect();
        (c, d)
    })
}

proptest! {
    #[test]
    fn p_chart_limits_stay_inside_zero_and_one((c, d) in proportions()) {
        for chart in [
            p_chart(Series::new(&c).unwrap().with_denominators(&d).unwrap(), &ChartOptions::default(), &attr()).unwrap(),
            p_prime_chart(Series::new(&c).unwrap().with_denominators(&d).unwrap(), &ChartOptions::default(), &attr()).unwrap(),
        ] {
            for i in 0..c.len() {
                prop_assert!(chart.lower[i] >= 0.0 && chart.upper[i] <= 1.0);
                prop_assert!(chart.lower[i] <= chart.centre[i] && chart.centre[i] <= chart.upper[i]);
                prop_assert_eq!(chart.lower_clamped[i], chart.centre[i] - 3.0 * chart.sigma[i] < 0.0);
            }
        }
    }

    #[test]
    fn c_u_and_np_limits_are_never_negative((counts, d) in proportions()) {
        let s = Series::new(&counts).unwrap().with_denominators(&d).unwrap();
        for chart in [
            u_chart(s, &ChartOptions::default(), &attr()).unwrap(),
            u_prime_chart(s, &ChartOptions::default(), &attr()).unwrap(),
            np_chart(s, &ChartOptions::default(), &attr()).unwrap(),
            c_chart(Series::new(&counts).unwrap(), &ChartOptions::default(), &attr()).unwrap(),
        ] {
            prop_assert!(chart.lower.iter().all(|l| l >= 0.0), "{:?}", chart.chart_type);
        }
    }

    /// Laney's p′ limits are the p chart's, widened by σ_z: p̄ ± 3·σ_z·σ_pᵢ. So where
    /// σ_z = 1 the two charts are the same.
    #[test]
    fn laney_p_prime_is_the_p_chart_scaled_by_sigma_z((c, d) in proportions()) {
        let s = Series::new(&c).unwrap().with_denominators(&d).unwrap();
        let p = p_chart(s, &ChartOptions::default(), &attr()).unwrap();
        let pp = p_prime_chart(s, &ChartOptions::default(), &attr()).unwrap();
        let sigma_z = pp.phases[0].dispersion;
        prop_assert!((sigma_z - p.phases[0].dispersion).abs() <= 1e-12 * sigma_z.max(1.0));
        for i in 0..c.len() {
            prop_assert!((pp.sigma[i] - sigma_z * p.sigma[i]).abs() <= 1e-12 * p.sigma[i].max(1e-300));
        }
    }

    #[test]
    fn xbar_limits_shift_with_the_data(obs in prop::collection::vec(-1.0e3..1.0e3f64, 12..60), a in -1.0e3..1.0e3f64) {
        let size = 3;
        let k = obs.len() / size;
        let obs = &obs[..k * size];
        let sizes = vec![size; k];
        let moved: Vec<f64> = obs.iter().map(|x| x + a).collect();
        for build in [xbar_r_chart, xbar_s_chart] {
            let base = build(Subgroups::new(obs, &sizes).unwrap(), &ChartOptions::default(), &SubgroupOptions::default()).unwrap();
            let shifted = build(Subgroups::new(&moved, &sizes).unwrap(), &ChartOptions::default(), &SubgroupOptions::default()).unwrap();
            let tol = 1e-9 * (2.0e3);
            prop_assert!((shifted.centre[0] - base.centre[0] - a).abs() < tol);
            prop_assert!((shifted.upper[0] - base.upper[0] - a).abs() < tol);
            prop_assert!((shifted.companion.as_ref().unwrap().centre[0] - base.companion.as_ref().unwrap().centre[0]).abs() < tol);
        }
    }
}

/// 12 quiet points then 8 points clearly higher but inside the limits: a shift the
/// nhs rules must find on every chart type that takes them.
fn with_shift(low: f64, high: f64) -> Vec<f64> {
    let mut v: Vec<f64> = (0..12)
        .map(|i| low + if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    v.extend((0..8).map(|i| high + if i % 2 == 0 { 1.0 } else { -1.0 }));
    v
}

fn has_shift(chart: &Chart) -> bool {
    chart.signals.iter().any(|s| s.rule == Rule::Shift)
}

#[test]
fn the_shared_rules_run_on_every_chart_type() {
    let nhs = ChartOptions {
        rules: Some(RuleConfig::new(RuleSet::Nhs)),
        ..Default::default()
    };
    let counts = with_shift(20.0, 26.0);
    let sizes = vec![100.0; counts.len()];
    let s = Series::new(&counts)
        .unwrap()
        .with_denominators(&sizes)
        .unwrap();
    for chart in [
        p_chart(s, &nhs, &attr()).unwrap(),
        np_chart(s, &nhs, &attr()).unwrap(),
        u_chart(s, &nhs, &attr()).unwrap(),
        p_prime_chart(s, &nhs, &attr()).unwrap(),
        u_prime_chart(s, &nhs, &attr()).unwrap(),
        c_chart(Series::new(&counts).unwrap(), &nhs, &attr()).unwrap(),
        t_chart(Series::new(&counts).unwrap(), &nhs, &XmrOptions::default()).unwrap(),
        g_chart(Series::new(&counts).unwrap(), &nhs, &Default::default()).unwrap(),
    ] {
        assert!(
            has_shift(&chart),
            "{:?}: {:?}",
            chart.chart_type,
            chart.signals
        );
    }
    let obs: Vec<f64> = counts.iter().flat_map(|&m| [m - 0.5, m, m + 0.5]).collect();
    let groups = vec![3usize; counts.len()];
    for build in [xbar_r_chart, xbar_s_chart] {
        let chart = build(
            Subgroups::new(&obs, &groups).unwrap(),
            &nhs,
            &SubgroupOptions::default(),
        )
        .unwrap();
        assert!(has_shift(&chart), "{:?}", chart.chart_type);
    }
    // CUSUM and EWMA take the limits rule only, and say so when asked for more
    let err = cusum_chart(
        Series::new(&counts).unwrap(),
        &nhs,
        &CusumOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        MeasuresError::InvalidOption { name: "rules", .. }
    ));
    let err = ewma_chart(Series::new(&counts).unwrap(), &nhs, &EwmaOptions::default()).unwrap_err();
    assert!(matches!(
        err,
        MeasuresError::InvalidOption { name: "rules", .. }
    ));
    let chart = cusum_chart(
        Series::new(&counts).unwrap(),
        &ChartOptions::default(),
        &CusumOptions::default(),
    )
    .unwrap();
    assert!(chart.signals.iter().any(|s| s.rule == Rule::OutsideLimits));
}

#[test]
fn phases_and_exclusions_work_on_attribute_charts() {
    let counts = with_shift(20.0, 26.0);
    let sizes = vec![100.0; counts.len()];
    let s = Series::new(&counts)
        .unwrap()
        .with_denominators(&sizes)
        .unwrap();
    let phased = ChartOptions {
        phase_starts: vec![12],
        ..Default::default()
    };
    let chart = p_chart(s, &phased, &attr()).unwrap();
    assert!((chart.centre[0] - 0.20).abs() < 1e-12 && (chart.centre[19] - 0.26).abs() < 1e-12);
    assert!(!has_shift(&chart));
    let baseline = ChartOptions {
        baseline: Some(measures_core::Baseline::FirstPoints(12)),
        ..Default::default()
    };
    let chart = c_chart(Series::new(&counts).unwrap(), &baseline, &attr()).unwrap();
    assert!((chart.centre[19] - 20.0).abs() < 1e-12);
}

#[test]
fn bad_attribute_input_is_a_typed_error() {
    let s = |c: &'static [f64], d: &'static [f64]| {
        Series::new(c).unwrap().with_denominators(d).unwrap()
    };
    let err = p_chart(
        s(&[3.0, 7.0], &[5.0, 5.0]),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "numerator at index 1 (7) is larger than its denominator (5)"
    );
    let err = p_chart(
        s(&[3.0, 1.0], &[5.0, 0.0]),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            MeasuresError::InvalidValue {
                what: "denominator",
                index: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = u_chart(
        s(&[3.0, 1.0], &[5.0, -2.0]),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not positive"), "{err}");
    let err = c_chart(
        Series::new(&[3.0, -1.0]).unwrap(),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "count at index 1 (-1) is negative; counts cannot be"
    );
    let err = p_chart(
        Series::new(&[3.0, 1.0]).unwrap(),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        MeasuresError::InvalidOption {
            name: "denominators",
            ..
        }
    ));
    let err = c_chart(
        s(&[3.0, 1.0], &[5.0, 5.0]),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("u chart"), "{err}");
    let err = p_prime_chart(
        s(&[3.0, 1.0], &[5.0, 5.0]),
        &ChartOptions {
            exclude: vec![1],
            ..Default::default()
        },
        &attr(),
    )
    .unwrap_err();
    assert!(matches!(err, MeasuresError::TooFewPoints { .. }), "{err}");
    assert!(matches!(
        Series::new(&[1.0, 2.0])
            .unwrap()
            .with_denominators(&[1.0, f64::NAN]),
        Err(MeasuresError::Missing {
            what: "denominator",
            index: 1,
            ..
        })
    ));
}

#[test]
fn bad_subgroup_and_rare_event_input_is_a_typed_error() {
    let obs = [1.0, 2.0, 3.0, 4.0, 5.0];
    let err = xbar_r_chart(
        Subgroups::new(&obs, &[2, 1, 2]).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("subgroup 1 has one observation"),
        "{err}"
    );
    assert!(xbar_s_chart(
        Subgroups::new(&obs, &[4, 1]).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default()
    )
    .is_err());
    assert!(matches!(
        Subgroups::new(&obs, &[2, 2]),
        Err(MeasuresError::LengthMismatch { .. })
    ));
    assert!(Subgroups::new(&obs, &[2, 0, 3]).is_err());
    assert!(matches!(
        Subgroups::new(&[1.0, f64::INFINITY], &[2]),
        Err(MeasuresError::NonFinite { index: 1, .. })
    ));
    let big: Vec<f64> = (0..52).map(|i| i as f64).collect();
    let err = xbar_r_chart(
        Subgroups::new(&big, &[26, 26]).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("X-bar/S"), "{err}");
    assert!(xbar_s_chart(
        Subgroups::new(&big, &[26, 26]).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default()
    )
    .is_ok());

    let err = t_chart(
        Series::new(&[3.0, 0.0]).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not positive"), "{err}");
    let err = g_chart(
        Series::new(&[3.0, -2.0]).unwrap(),
        &ChartOptions::default(),
        &Default::default(),
    )
    .unwrap_err();
    assert!(matches!(err, MeasuresError::InvalidValue { index: 1, .. }));

    let v = [1.0, 2.0, 3.0];
    let bad = |o: CusumOptions| {
        cusum_chart(Series::new(&v).unwrap(), &ChartOptions::default(), &o).unwrap_err()
    };
    assert!(matches!(
        bad(CusumOptions {
            h: 0.0,
            ..Default::default()
        }),
        MeasuresError::InvalidOption { name: "h", .. }
    ));
    assert!(matches!(
        bad(CusumOptions {
            k: f64::NAN,
            ..Default::default()
        }),
        MeasuresError::InvalidOption { name: "k", .. }
    ));
    assert!(matches!(
        bad(CusumOptions {
            sigma: Some(-1.0),
            ..Default::default()
        }),
        MeasuresError::InvalidOption { name: "sigma", .. }
    ));
    let flat = [2.0, 2.0, 2.0];
    assert!(cusum_chart(
        Series::new(&flat).unwrap(),
        &ChartOptions::default(),
        &CusumOptions::default()
    )
    .is_err());
    let sized = Series::new(&v)
        .unwrap()
        .with_denominators(&[4.0, 4.0, 4.0])
        .unwrap();
    assert!(matches!(
        cusum_chart(sized, &ChartOptions::default(), &CusumOptions::default()),
        Err(MeasuresError::InvalidOption { name: "sigma", .. })
    ));
    let e = |lambda| {
        ewma_chart(
            Series::new(&v).unwrap(),
            &ChartOptions::default(),
            &EwmaOptions {
                lambda,
                ..Default::default()
            },
        )
    };
    assert!(e(0.0).is_err() && e(1.5).is_err() && e(1.0).is_ok());
}

proptest! {
    /// Arbitrary numbers (NaN, infinities, negatives, zeros) and options through every
    /// chart: a chart or a typed error, never a panic, and never an infinite limit.
    #[test]
    fn no_chart_panics(
        v in prop::collection::vec(prop_oneof![6 => -1.0e6..1.0e6f64, 2 => 0.0..50.0f64, 1 => prop::num::f64::ANY, 1 => Just(0.0)], 0..30),
        d in prop::collection::vec(prop_oneof![8 => 0.0..100.0f64, 1 => prop::num::f64::ANY, 1 => Just(0.0)], 0..30),
        starts in prop::collection::vec(0usize..32, 0..3),
        exclude in prop::collection::vec(0usize..32, 0..3),
        group in 1usize..6,
    ) {
        let options = ChartOptions { phase_starts: starts, exclude, ..Default::default() };
        let finite = |c: &Chart| c.centre.iter().chain(&c.upper).chain(&c.lower).all(|x| !x.is_infinite());
        if let Ok(s) = Series::new(&v) {
            let mut charts = vec![
                c_chart(s, &options, &attr()),
                t_chart(s, &options, &XmrOptions::default()),
                g_chart(s, &options, &Default::default()),
                cusum_chart(s, &options, &CusumOptions::default()),
                ewma_chart(s, &options, &EwmaOptions::default()),
            ];
            if let Ok(sd) = s.with_denominators(&d) {
                for f in [p_chart, np_chart, u_chart, p_prime_chart, u_prime_chart] {
                    charts.push(f(sd, &options, &attr()));
                }
            }
            for chart in charts.into_iter().flatten() {
                prop_assert!(finite(&chart), "{:?}", chart.chart_type);
            }
            let k = v.len() / group;
            let sizes = vec![group; k];
            if let Ok(g) = Subgroups::new(&v[..k * group], &sizes) {
                for build in [xbar_r_chart, xbar_s_chart] {
                    if let Ok(chart) = build(g, &options, &SubgroupOptions::default()) {
                        prop_assert!(finite(&chart));
                    }
                }
            }
        }
    }
}

/// Issue 18: sizes whose sum wraps around (usize::MAX + 3 = 2) once passed the
/// length check and then panicked cutting the observations.
#[test]
fn subgroup_sizes_whose_sum_wraps_are_a_length_error() {
    let obs = [1.0, 2.0];
    let err = Subgroups::new(&obs, &[usize::MAX, 3]).unwrap_err();
    assert!(matches!(err, MeasuresError::LengthMismatch { .. }), "{err}");
}
