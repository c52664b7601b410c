//! Known-answer tests of the XmR and run charts against published worked examples.
//! Each test names its source; tolerances are half a unit in the last published digit.

use measures_core::{
    run_chart, xmr_chart, Baseline, ChartOptions, LimitConstant, Series, XmrOptions,
};

fn close(actual: f64, expected: f64, half_unit: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= half_unit,
        "{what}: got {actual}, published {expected} (±{half_unit})"
    );
}

/// NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.2 "Individuals control
/// charts", example: x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159
/// (limits x̄ ± 3·MR̄/1.128).
#[test]
fn nist_handbook_individuals_example() {
    let v = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
    let chart = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::textbook(),
    )
    .unwrap();
    close(chart.centre[0], 50.81, 5e-3, "centre");
    close(
        chart.phases[0].moving_range,
        1.8778,
        5e-5,
        "mean moving range",
    );
    close(chart.upper[0], 55.8041, 5e-5, "UCL");
    close(chart.lower[0], 45.8159, 5e-5, "LCL");
    assert!(chart.signals.is_empty(), "NIST: the process is in control");
}

/// Montgomery, *Introduction to Statistical Quality Control*, 6th ed., Example 6.5:
/// mortgage loan processing costs over 20 weeks. Published: x̄ = 300.5, MR̄ = 7.79,
/// UCL = 321.22, LCL = 279.78; moving-range chart UCL = 25.45; no point out of control.
#[test]
fn montgomery_example_6_5_loan_costs() {
    let v = [
        310.0, 288.0, 297.0, 298.0, 307.0, 303.0, 294.0, 297.0, 308.0, 306.0, 294.0, 299.0, 297.0,
        299.0, 314.0, 295.0, 293.0, 306.0, 301.0, 304.0,
    ];
    let chart = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::textbook(),
    )
    .unwrap();
    close(chart.centre[0], 300.5, 5e-2, "centre");
    close(chart.phases[0].moving_range, 7.79, 5e-3, "MR̄");
    close(chart.upper[0], 321.22, 5e-3, "UCL");
    close(chart.lower[0], 279.78, 5e-3, "LCL");
    let mr = chart.companion.as_ref().expect("moving-range chart");
    close(mr.upper[1], 25.45, 5e-3, "MR UCL");
    assert_eq!(mr.lower[1], 0.0);
    assert!(mr.values[0].is_nan(), "the first point has no moving range");
    assert_eq!(mr.values[1], 22.0);
    let outside = chart
        .signals
        .iter()
        .filter(|s| s.rule == measures_core::Rule::OutsideLimits)
        .count();
    assert_eq!(outside, 0);
}

/// NHSRplotthedots `tests/testthat/_snaps/ptd_spc_standard.md` ("it returns expected
/// values"): y = rnorm(20) after set.seed(123), giving mean 0.142, lpl −3.01,
/// upl 3.29 (three significant figures as printed by the tibble).
#[test]
fn nhsrplotthedots_spc_standard_snapshot() {
    // R: set.seed(123); rnorm(20)
    let y = [
        -0.560_475_646_552_213,
        -0.230_177_489_483_28,
        1.558_708_314_149_12,
        0.070_508_391_424_576_4,
        0.129_287_735_160_946,
        1.715_064_986_883_28,
        0.460_916_205_989_202,
        -1.265_061_234_606_53,
        -0.686_852_851_893_526,
        -0.445_661_970_099_958,
        1.224_081_797_439_26,
        0.359_813_827_057_364,
        0.400_771_450_594_052,
        0.110_682_715_945_71,
        -0.555_841_134_754_075,
        1.786_913_136_803_13,
        0.497_850_478_229_239,
        -1.966_617_156_629_64,
        0.701_355_901_563_686,
        -0.472_791_407_727_934,
    ];
    let chart = xmr_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    close(chart.centre[0], 0.142, 5e-4, "mean");
    close(chart.lower[0], -3.01, 5e-3, "lpl");
    close(chart.upper[0], 3.29, 5e-3, "upl");
    assert!(chart.point_type.iter().all(|p| !p.is_special_cause()));
}

/// The 2.66 and 3/1.128 constants differ in the fourth significant figure
/// (shared/reference: "Where the tools disagree"); both are offered and recorded.
#[test]
fn nhs_and_textbook_constants_differ_as_documented() {
    let v = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
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

/// Montgomery §6.4 and qicharts2 `freeze`: limits computed on a baseline and
/// extended. With the loan costs as a baseline of 20 points, a later run of high
/// costs is judged against the published limits.
#[test]
fn frozen_baseline_extends_the_published_limits() {
    let mut v = vec![
        310.0, 288.0, 297.0, 298.0, 307.0, 303.0, 294.0, 297.0, 308.0, 306.0, 294.0, 299.0, 297.0,
        299.0, 314.0, 295.0, 293.0, 306.0, 301.0, 304.0,
    ];
    v.extend([325.0, 330.0, 312.0, 315.0, 318.0, 320.0, 316.0]);
    let options = ChartOptions {
        baseline: Some(Baseline::FirstPoints(20)),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &options, &XmrOptions::textbook()).unwrap();
    close(chart.upper[26], 321.22, 5e-3, "extended UCL");
    assert!(!chart.used[20] && chart.used[19]);
    let outside: Vec<usize> = chart
        .signals
        .iter()
        .filter(|s| s.rule == measures_core::Rule::OutsideLimits)
        .flat_map(|s| s.points.clone())
        .collect();
    assert_eq!(outside, vec![20, 21]);
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
