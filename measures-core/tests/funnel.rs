//! Funnel plots (issue 22): invariances, the limits' shape and the refusals. The
//! formulas themselves are checked against an independent computation of
//! Spiegelhalter's papers in python/tests/test_funnel.py, and the exact limits
//! against their definition in `funnel::tests`.

use measures_core::funnel::{funnel, Dispersion, FunnelData, FunnelKind, FunnelOptions};
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
