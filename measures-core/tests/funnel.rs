//! Funnel plots (issue 22): invariances, the limits' shape and the refusals. The
//! formulas themselves are checked against an independent computation of
//! Spiegelhalter's papers in python/tests/test_funnel.py, and the exact limits
//! against their definition in `funnel::tests`.

use measures_core::funnel::{
    funnel, Dispersion, FunnelData, FunnelKind, FunnelMethod, FunnelOptions,
};
use measures_core::MeasuresError;
use proptest::prelude::*;

fn names(k: usize) -> Vec<String> {
    (0..k).map(|i| format!("unit {i}")).collect()
}

proptest! {
    /// The order the units come in changes nothing but the order they are given.
    #[test]
    fn units_in_any_order_give_the_same_funnel(
        rows in prop::collection::vec((1u32..400, 0.0f64..1.0), 4..30),
        rotate in 0usize..30,
    ) {
        let den: Vec<f64> = rows.iter().map(|r| f64::from(r.0)).collect();
        let num: Vec<f64> = rows.iter().map(|r| (r.1 * f64::from(r.0)).floor()).collect();
        prop_assume!(num.iter().sum::<f64>() > 0.0 && num.iter().sum::<f64>() < den.iter().sum::<f64>());
        let units = names(rows.len());
        let r = rotate % rows.len();
        let turn = |v: &[f64]| [&v[r..], &v[..r]].concat();
        let turned_units: Vec<String> = [&units[r..], &units[..r]].concat();
        let options = FunnelOptions::default();
        let a = funnel(&FunnelData { units: &units, numerators: &num, denominators: &den, sd: None }, &options).unwrap();
        let b = funnel(&FunnelData { units: &turned_units, numerators: &turn(&num), denominators: &turn(&den), sd: None }, &options).unwrap();
        prop_assert!((a.target - b.target).abs() <= 1e-15 * a.target.abs());
        prop_assert!((a.dispersion.phi - b.dispersion.phi).abs() <= 1e-12 * a.dispersion.phi.max(1.0));
        for u in &a.units {
            let v = b.units.iter().find(|v| v.unit == u.unit).unwrap();
            prop_assert_eq!(&u.outside, &v.outside);
            prop_assert!((u.z - v.z).abs() <= 1e-12 * u.z.abs().max(1.0));
        }
    }
}

#[test]
fn limits_narrow_as_units_grow_and_hold_the_target() {
    let units = names(5);
    let data = FunnelData {
        units: &units,
        numerators: &[5.0, 12.0, 30.0, 60.0, 240.0],
        denominators: &[40.0, 100.0, 250.0, 500.0, 2000.0],
        sd: None,
    };
    for kind in [FunnelKind::Proportion, FunnelKind::Rate] {
        let f = funnel(
            &data,
            &FunnelOptions {
                kind,
                dispersion: Dispersion::None,
                ..FunnelOptions::default()
            },
        )
        .unwrap();
        for band in 0..f.levels.len() {
            let (lower, upper) = (&f.curve.lower[band], &f.curve.upper[band]);
            assert!(
                upper.windows(2).all(|w| w[1] <= w[0] + 1e-12),
                "{kind:?}: the upper limit narrows"
            );
            assert!(
                lower.windows(2).all(|w| w[1] >= w[0] - 1e-12),
                "{kind:?}: the lower limit narrows"
            );
            assert!(lower
                .iter()
                .zip(upper)
                .all(|(l, u)| *l <= f.target && f.target <= *u));
        }
        // the wider level holds the narrower
        assert!(f.curve.upper[1]
            .iter()
            .zip(&f.curve.upper[0])
            .all(|(w, n)| w >= n));
    }
}

#[test]
fn bad_units_and_options_are_refused() {
    let units = names(3);
    let call = |num: &[f64], den: &[f64], options: FunnelOptions| {
        funnel(
            &FunnelData {
                units: &units,
                numerators: num,
                denominators: den,
                sd: None,
            },
            &options,
        )
    };
    let ok = FunnelOptions::default;
    assert!(matches!(
        call(&[1.0, 5.0, 2.0], &[4.0, 4.0, 4.0], ok()),
        Err(MeasuresError::InvalidValue { index: 1, .. })
    ));
    assert!(matches!(
        call(&[1.0, 2.0, 2.0], &[4.0, 0.0, 4.0], ok()),
        Err(MeasuresError::InvalidValue { index: 1, .. })
    ));
    assert!(matches!(
        call(&[1.0, f64::INFINITY, 2.0], &[4.0, 4.0, 4.0], ok()),
        Err(MeasuresError::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        call(&[0.0, 0.0, 0.0], &[4.0, 4.0, 4.0], ok()),
        Err(MeasuresError::InvalidOption { name: "target", .. })
    ));
    let levels = FunnelOptions {
        levels: vec![1.0],
        ..ok()
    };
    assert!(matches!(
        call(&[1.0, 2.0, 2.0], &[4.0, 4.0, 4.0], levels),
        Err(MeasuresError::InvalidOption { name: "levels", .. })
    ));
    let two = names(2);
    let few = funnel(
        &FunnelData {
            units: &two,
            numerators: &[1.0, 2.0],
            denominators: &[4.0, 4.0],
            sd: None,
        },
        &ok(),
    );
    assert!(matches!(few, Err(MeasuresError::TooFewPoints { .. })));
}

/// FunnelPlotR's own known answers (tests/testthat/test-poisson_limits.R): the
/// unadjusted limits of a standardised ratio at E = 15, 20 and 30, exact Poisson by
/// chi-square quantiles, published to 7 (lower) and 6 (upper) decimals.
#[test]
fn shmi_unadjusted_limits_are_funnelplotrs() {
    let units: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let f = funnel(
        &FunnelData {
            units: &units,
            numerators: &[15.0, 20.0, 30.0],
            denominators: &[15.0, 20.0, 30.0],
            sd: None,
        },
        &FunnelOptions {
            kind: FunnelKind::Ratio,
            method: FunnelMethod::Shmi,
            dispersion: Dispersion::None,
            ..Default::default()
        },
    )
    .expect("every unit on its target is a funnel, φ = 0");
    assert_eq!(f.dispersion.phi, 0.0);
    assert_eq!(f.dispersion.p_value, 1.0);
    let published = [
        ("a", [(0.5596924, 1.649348), (0.3862650, 2.082907)]),
        ("b", [(0.6108260, 1.544419), (0.4479107, 1.902094)]),
        ("c", [(0.6746958, 1.427562), (0.5289724, 1.702771)]),
    ];
    for (name, bands) in published {
        let unit = f.units.iter().find(|u| u.unit == name).unwrap();
        for (k, (lo, hi)) in bands.iter().enumerate() {
            assert!((unit.limits[k][0] - lo).abs() < 5e-8, "{name} {k} lower");
            assert!((unit.limits[k][1] - hi).abs() < 5e-7, "{name} {k} upper");
        }
    }
}

/// The methods' scales: SHMI's z = √E·log(O/E), CQC's z = 2(√O − √E), and a CQC
/// proportion's 2√n(asin√p − asin√p̄) (FunnelPlotR, R/od_adjustment.R).
#[test]
fn z_scores_on_each_methods_scale() {
    let units: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
    let (o, e) = ([30.0, 12.0, 50.0, 8.0], [45.0, 15.0, 58.0, 10.0]);
    let data = FunnelData {
        units: &units,
        numerators: &o,
        denominators: &e,
        sd: None,
    };
    let with = |kind, method| {
        funnel(
            &data,
            &FunnelOptions {
                kind,
                method,
                dispersion: Dispersion::None,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let z = |f: &measures_core::funnel::Funnel, name: &str| {
        f.units.iter().find(|u| u.unit == name).unwrap().z
    };
    let shmi = with(FunnelKind::Ratio, FunnelMethod::Shmi);
    let cqc = with(FunnelKind::Ratio, FunnelMethod::Cqc);
    let prop = with(FunnelKind::Proportion, FunnelMethod::Cqc);
    let pooled: f64 = o.iter().sum::<f64>() / e.iter().sum::<f64>();
    for (i, name) in ["a", "b", "c", "d"].iter().enumerate() {
        let (o, e) = (o[i], e[i]);
        assert!((z(&shmi, name) - e.sqrt() * (o / e).ln()).abs() < 1e-12);
        assert!((z(&cqc, name) - 2.0 * (o.sqrt() - e.sqrt())).abs() < 1e-12);
        let arc = 2.0 * e.sqrt() * ((o / e).sqrt().asin() - pooled.sqrt().asin());
        assert!((z(&prop, name) - arc).abs() < 1e-12);
    }
}
