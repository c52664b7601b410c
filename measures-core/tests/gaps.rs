//! Missing values are gaps, as the peers treat them (issue 17).
//!
//! - NHSRplotthedots `R/ptd_spc_standard.R` (commit 050b07d), lines 68–70 and 78:
//!   `mean_col = mean(fix_y, na.rm = TRUE)`, `mr = c(NA, abs(diff(fix_y)))`,
//!   `amr = mean(mr, na.rm = TRUE)` — the centre leaves the missing value out, both
//!   moving ranges beside it are NA and dropped, then screening at 3.267 × amr.
//! - qicharts2 `R/helper.functions.R` (commit 1b9487e), `qic.i`, lines 139–166: the
//!   same with `mean(x$y[base], na.rm = TRUE)` and 3 × amr / 1.128, unscreened;
//!   `runs.analysis`, lines 1–6: `runs[runs != 0 & !is.na(runs)]` — the runs skip a
//!   missing point without breaking a run.
//!
//! The expected numbers below are those formulas worked by hand.

use measures_core::capability::{capability_statement, StatementOptions};
use measures_core::{run_chart, xmr_chart, ChartOptions, MeasuresError, Rule, Series, XmrOptions};

const NA: f64 = f64::NAN;

#[test]
fn the_centre_and_moving_ranges_leave_a_gap_out_as_qicharts2_does() {
    let y = [10.0, 12.0, NA, 11.0, 13.0, 12.0, 14.0, 11.0, 12.0, 13.0];
    let chart = xmr_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::textbook(),
    )
    .unwrap();
    let present: Vec<f64> = y.iter().copied().filter(|v| !v.is_nan()).collect();
    let centre = present.iter().sum::<f64>() / 9.0;
    // Moving ranges: |12 − 10|, NA, NA, |13 − 11|, 1, 2, 3, 1, 1 → mean 12 / 7.
    let amr = 12.0 / 7.0;
    assert!((chart.centre[0] - centre).abs() < 1e-12);
    assert!((chart.phases[0].moving_range - amr).abs() < 1e-12);
    assert!((chart.upper[0] - (centre + 3.0 * amr / 1.128)).abs() < 1e-12);
    assert!(chart.values[2].is_nan() && !chart.used[2] && !chart.excluded[2]);
    // The moving-range chart has no value beside the gap.
    let mr = chart.companion.as_ref().unwrap();
    assert!(mr.values[2].is_nan() && mr.values[3].is_nan());
    assert!(
        chart
            .notes
            .iter()
            .any(|n| n.starts_with("1 missing value is kept as a gap")),
        "{:?}",
        chart.notes
    );
}

#[test]
fn screening_drops_moving_ranges_beside_a_gap_first_as_nhsrplotthedots_does() {
    let y = [5.0, 6.0, 5.0, NA, 30.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0];
    let chart = xmr_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    // mr: 1, 1, NA, NA, 24, 1, 1, 1, 1, 1, 1 → amr 32/9; 24 ≥ 3.267 × 32/9 is screened,
    // leaving eight 1s: amr 1.
    assert!((chart.phases[0].moving_range - 1.0).abs() < 1e-12);
    assert_eq!(chart.phases[0].moving_ranges_screened, 1);
    let centre = (5.0 * 5.0 + 6.0 * 5.0 + 30.0) / 11.0;
    assert!((chart.centre[0] - centre).abs() < 1e-12);
}

#[test]
fn a_run_continues_across_a_gap() {
    // Seven points above the centre with a gap among them: still a shift of 7.
    let mut y = vec![1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0];
    y.extend([5.0, 5.0, 5.0, NA, 5.0, 5.0, 5.0, 5.0]);
    y.extend([0.0, 1.0, 0.0, 1.0]);
    let chart = xmr_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let shift = chart
        .signals
        .iter()
        .find(|s| s.rule == Rule::Shift && (s.first..=s.last).contains(&8))
        .expect("a shift across the gap");
    assert_eq!((shift.first, shift.last), (8, 15));
    assert_eq!(chart.signal_points(shift), vec![8, 9, 10, 12, 13, 14, 15]);
    assert_eq!(chart.point_type[11], measures_core::Variation::CommonCause);
    // The same on a run chart: the runs analysis skips the gap.
    let run = run_chart(Series::new(&y).unwrap(), &ChartOptions::default()).unwrap();
    assert_eq!(run.phases[0].runs.useful_points, 19 - run_on_centre(&run));
}

fn run_on_centre(chart: &measures_core::Chart) -> usize {
    (0..chart.len())
        .filter(|&i| chart.values[i] == chart.centre[i])
        .count()
}

#[test]
fn the_latest_point_present_sets_the_icon_and_the_statement_skips_gaps() {
    let y = [
        10.0, 11.0, 10.5, 10.0, 11.5, 10.5, 11.0, 10.0, 10.5, 11.0, 30.0, NA,
    ];
    let chart = xmr_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    // The last point is missing: the icon comes from the 30, which is outside the limits.
    assert!(chart.variation.is_special_cause());
    let s = capability_statement(&chart, &StatementOptions::default()).unwrap();
    assert_eq!(s.verdict.points, 11);
}

#[test]
fn charts_that_need_every_value_name_the_missing_one() {
    let counts = [3.0, NA, 4.0];
    let sizes = [10.0, 10.0, 10.0];
    let s = Series::new(&counts)
        .unwrap()
        .with_denominators(&sizes)
        .unwrap();
    let err = measures_core::p_chart(s, &ChartOptions::default(), &Default::default()).unwrap_err();
    assert!(
        matches!(
            err,
            MeasuresError::Missing {
                what: "count",
                index: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = Series::new(&[1.0, 2.0])
        .unwrap()
        .with_denominators(&[5.0, NA])
        .unwrap_err();
    assert!(
        matches!(
            err,
            MeasuresError::Missing {
                what: "denominator",
                index: 1,
                ..
            }
        ),
        "{err}"
    );
    for chart in [
        measures_core::cusum_chart(
            Series::new(&[1.0, NA, 2.0, 3.0]).unwrap(),
            &ChartOptions::default(),
            &Default::default(),
        ),
        measures_core::ewma_chart(
            Series::new(&[1.0, NA, 2.0, 3.0]).unwrap(),
            &ChartOptions::default(),
            &Default::default(),
        ),
    ] {
        assert!(matches!(
            chart,
            Err(MeasuresError::Missing { index: 1, .. })
        ));
    }
    assert!(Series::new(&[NA, NA]).is_err());
    assert!(matches!(
        Series::new(&[1.0, f64::INFINITY]),
        Err(MeasuresError::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        Series::new(&[NA, f64::NEG_INFINITY]),
        Err(MeasuresError::NonFinite { index: 1, .. })
    ));
}
