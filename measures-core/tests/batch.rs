//! Grouped charts equal one chart per group, exactly.

use measures_core::xmr_by_group;
use measures_core::{xmr_chart, ChartOptions, Direction, MeasuresError, Series, XmrOptions};
use proptest::prelude::*;

proptest! {
    #[test]
    fn grouped_equals_one_by_one(groups in prop::collection::vec(prop::collection::vec(-1e3..1e3f64, 1..30), 1..12)) {
        let values: Vec<f64> = groups.iter().flatten().copied().collect();
        let mut offsets = vec![0];
        for g in &groups {
            offsets.push(offsets.last().unwrap() + g.len());
        }
        let options = ChartOptions { direction: Direction::LowerIsBetter, target: Some(0.0), ..Default::default() };
        let settings = XmrOptions::default();
        let charts = xmr_by_group(&values, &offsets, None, &options, &settings).unwrap();
        for (g, chart) in groups.iter().zip(charts) {
            // Grouped charts carry no moving-range companion; all else is equal.
            let alone = xmr_chart(Series::new(g).unwrap(), &options, &settings).map(|mut c| {
                c.companion = None;
                c
            });
            // Compare as JSON: NaN fields (absent numbers) are not equal to themselves.
            let json = |c: measures_core::Result<measures_core::Chart>| c.map(|c| serde_json::to_string(&c).unwrap());
            prop_assert_eq!(json(chart), json(alone));
        }
    }
}

#[test]
fn bad_offsets_and_per_point_options_are_refused() {
    let v = [1.0, 2.0, 3.0, 4.0];
    let o = ChartOptions::default();
    let s = XmrOptions::default();
    for offsets in [&[0, 2][..], &[1, 4], &[0, 3, 2, 4], &[]] {
        assert!(
            matches!(
                xmr_by_group(&v, offsets, None, &o, &s),
                Err(MeasuresError::InvalidOption { .. })
            ),
            "{offsets:?}"
        );
    }
    let phased = ChartOptions {
        phase_starts: vec![1],
        ..Default::default()
    };
    assert!(xmr_by_group(&v, &[0, 4], None, &phased, &s).is_err());
    let labels = vec!["a".to_string()];
    assert!(matches!(
        xmr_by_group(&v, &[0, 4], Some(&labels), &o, &s),
        Err(MeasuresError::LengthMismatch { .. })
    ));
}
