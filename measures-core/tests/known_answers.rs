//! The XmR and run charts' documented behaviours, each from its source: the two
//! limit constants, screening, the median moving range, Anhøj's critical values.
//! The published worked examples themselves (NIST, Montgomery, NHSRplotthedots) are
//! in tests/known and checked by `known.rs`.

mod common;

use common::{close, known_numbers};
use measures_core::{run_chart, xmr_chart, ChartOptions, LimitConstant, Series, XmrOptions};

/// The 2.66 and 3/1.128 constants differ in the fourth significant figure
/// (shared/reference: "Where the tools disagree"); both are offered and recorded.
#[test]
fn nhs_and_textbook_constants_differ_as_documented() {
    let v = known_numbers("nist-individuals", "values");
    let nhs = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions {
            screen_moving_ranges: false,
            ..XmrOptions::default()
        },
    )
    .unwrap();
    let mr_bar = 16.9 / 9.0;
    close(
        nhs.upper[0] - nhs.centre[0],
        2.66 * mr_bar,
        1e-12,
        "2.66 half-width",
    );
    let textbook = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions {
            constant: LimitConstant::ThreeOverD2,
            screen_moving_ranges: false,
            ..XmrOptions::default()
        },
    )
    .unwrap();
    close(
        textbook.upper[0] - textbook.centre[0],
        3.0 / 1.128 * mr_bar,
        1e-12,
        "3/d2 half-width",
    );
    let json = serde_json::to_value(&textbook).unwrap();
    assert_eq!(json["method"]["xmr"]["constant"], "three_over_d2");
}

/// NHSRplotthedots `vignettes/deviations.Rmd` describes screening: moving ranges
/// at or above 3.267 × MR̄ are dropped and MR̄ recomputed. Here one jump of 20 among
/// moving ranges of 1: MR̄ = (8·1 + 2·20)/10 = 4.8 unscreened; screened, the two
/// moving ranges of 20 (≥ 15.68) go and MR̄ = 1.
#[test]
fn screening_drops_large_moving_ranges() {
    let v = [
        10.0, 11.0, 10.0, 11.0, 10.0, 30.0, 10.0, 11.0, 10.0, 11.0, 10.0,
    ];
    let screened = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    assert_eq!(screened.phases[0].moving_range, 1.0);
    assert_eq!(screened.phases[0].moving_ranges_screened, 2);
    let plain = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions {
            screen_moving_ranges: false,
            ..XmrOptions::default()
        },
    )
    .unwrap();
    close(plain.phases[0].moving_range, 4.8, 1e-12, "unscreened MR̄");
}

/// Wheeler, *Understanding Variation*: limits from the median moving range use
/// 3.145, and its upper limit 3.865 × the median moving range.
#[test]
fn median_moving_range_variant() {
    let v = [10.0, 12.0, 11.0, 15.0, 14.0, 13.0];
    // moving ranges 2, 1, 4, 1, 1 → median 1
    let chart = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions {
            spread: measures_core::Spread::MedianMovingRange,
            centre: measures_core::CentreLine::Median,
            screen_moving_ranges: false,
            ..XmrOptions::default()
        },
    )
    .unwrap();
    assert_eq!(chart.centre[0], 12.5);
    close(chart.upper[0], 12.5 + 3.145, 1e-12, "upper");
    close(chart.companion.unwrap().upper[0], 3.865, 1e-12, "MR upper");
}

/// Anhøj & Olesen (2014), Table 1, through a run chart: 24 useful points allow a
/// longest run of 8 and need at least 8 crossings.
#[test]
fn run_chart_reports_anhoej_critical_values() {
    let v: Vec<f64> = (0..24)
        .map(|i| (i % 5) as f64 + if i % 2 == 0 { 0.5 } else { 0.0 })
        .collect();
    let chart = run_chart(Series::new(&v).unwrap(), &ChartOptions::default()).unwrap();
    let runs = chart.phases[0].runs;
    assert_eq!(
        runs.useful_points,
        24 - v.iter().filter(|&&x| x == chart.centre[0]).count()
    );
    let (max, min) = measures_core::rules::anhoej_limits(runs.useful_points);
    assert_eq!((runs.longest_run_max, runs.crossings_min), (max, min));
    let r24 = measures_core::rules::anhoej_limits(24);
    assert_eq!(r24, (8, 8));
}
