//! Rule-set tests: for each rule a hand-made series where it must fire and one where
//! it must not, with the covered points checked. Centre 0, sigma 1, limits ±3
//! unless said otherwise.

// A list holding one phase range is what the rule engine takes, not a mistaken range-to-vec.
#![allow(clippy::single_range_in_vec_init)]

use measures_core::rules::{evaluate, signal_points, RuleInput};
use measures_core::{
    run_chart, xmr_chart, Assurance, Baseline, Chart, ChartOptions, Column, Direction,
    MeasuresError, Rule, RuleConfig, RuleSet, Series, Side, Signal, Variation, XmrOptions,
};

fn signals(values: &[f64], set: RuleSet) -> Vec<Found> {
    signals_with(values, RuleConfig::new(set))
}

/// The signals with the lines stored once (as a chart stores constant limits) and
/// stored per point (as a p chart with varying denominators does): both must agree.
/// A signal with the points it takes part in, derived as a chart derives them.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    signal: Signal,
    points: Vec<usize>,
}

impl std::ops::Deref for Found {
    type Target = Signal;
    fn deref(&self) -> &Signal {
        &self.signal
    }
}

fn signals_with(values: &[f64], config: RuleConfig) -> Vec<Found> {
    let n = values.len();
    let phases = [0..n];
    let run = |line: &dyn Fn(f64) -> Column<f64>| {
        let (centre, upper, lower, sigma) = (line(0.0), line(3.0), line(-3.0), line(1.0));
        let input = RuleInput {
            values,
            centre: &centre,
            upper: &upper,
            lower: &lower,
            sigma: &sigma,
            phases: &phases,
            chart: "test",
        };
        evaluate(&input, &config)
            .unwrap()
            .into_iter()
            .map(|signal| Found {
                points: signal_points(&signal, &input, config.set),
                signal,
            })
            .collect::<Vec<_>>()
    };
    let stored_once = run(&|x| Column::constant(x, n));
    let per_point = run(&|x| Column::points(vec![x; n]));
    assert_eq!(stored_once, per_point);
    stored_once
}

fn fired(signals: &[Found], rule: Rule) -> Vec<Vec<usize>> {
    signals
        .iter()
        .filter(|s| s.signal.rule == rule)
        .map(|s| s.points.clone())
        .collect()
}

/// The points of each of a chart's signals of `rule`.
fn fired_on(chart: &Chart, rule: Rule) -> Vec<Vec<usize>> {
    chart
        .signals
        .iter()
        .filter(|s| s.rule == rule)
        .map(|s| chart.signal_points(s))
        .collect()
}

/// Values alternating around zero within one sigma but avoiding a trend: a quiet series.
fn quiet(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| if i % 2 == 0 { 0.4 } else { -0.3 })
        .collect()
}

#[test]
fn quiet_series_fires_nothing_in_any_set_but_nelson_stratification() {
    let q = quiet(30);
    assert!(signals(&q, RuleSet::Nhs).is_empty());
    assert!(signals(&q, RuleSet::WesternElectric).is_empty());
    let nelson = signals(&q, RuleSet::Nelson);
    // 30 points within one sigma alternating: Nelson 4 and 7 must fire, nothing else
    assert!(nelson
        .iter()
        .all(|s| matches!(s.rule, Rule::Alternating | Rule::Stratification)));
    assert_eq!(
        fired(&nelson, Rule::Stratification),
        vec![(0..30).collect::<Vec<_>>()]
    );
}

#[test]
fn nhs_outside_limits() {
    let mut v = quiet(10);
    v[4] = 3.5;
    assert_eq!(
        fired(&signals(&v, RuleSet::Nhs), Rule::OutsideLimits),
        vec![vec![4]]
    );
    v[4] = 3.0; // on the limit is not outside
    assert!(fired(&signals(&v, RuleSet::Nhs), Rule::OutsideLimits).is_empty());
}

#[test]
fn nhs_shift_of_seven_not_six() {
    let mut v = quiet(14);
    v[2] = -0.3;
    v[10] = -0.3;
    for x in v.iter_mut().skip(3).take(7) {
        *x = x.abs() + 0.1;
    }
    let s = signals(&v, RuleSet::Nhs);
    assert_eq!(fired(&s, Rule::Shift), vec![(3..10).collect::<Vec<_>>()]);
    assert_eq!(
        s.iter().find(|s| s.rule == Rule::Shift).unwrap().side,
        Some(Side::High)
    );
    let mut w = quiet(14);
    w[2] = -0.3;
    for x in w.iter_mut().skip(3).take(6) {
        *x = x.abs() + 0.1;
    }
    assert!(fired(&signals(&w, RuleSet::Nhs), Rule::Shift).is_empty());
}

#[test]
fn shift_length_is_configurable() {
    let mut v = quiet(14);
    v[2] = -0.3;
    for x in v.iter_mut().skip(3).take(6) {
        *x = x.abs() + 0.1;
    }
    let six = RuleConfig {
        set: RuleSet::Nhs,
        shift: Some(6),
        trend: None,
    };
    assert_eq!(fired(&signals_with(&v, six), Rule::Shift).len(), 1);
    let bad = RuleConfig {
        set: RuleSet::Nhs,
        shift: Some(1),
        trend: None,
    };
    let n = v.len();
    let z = Column::constant(0.0, n);
    let input = RuleInput {
        values: &v,
        centre: &z,
        upper: &z,
        lower: &z,
        sigma: &z,
        phases: &[0..n],
        chart: "t",
    };
    assert!(matches!(
        evaluate(&input, &bad),
        Err(MeasuresError::InvalidOption { name: "shift", .. })
    ));
}

#[test]
fn nhs_trend_of_seven_not_six() {
    let mut v = quiet(12);
    let rising = [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5];
    v[2..9].copy_from_slice(&rising);
    let s = signals(&v, RuleSet::Nhs);
    assert_eq!(fired(&s, Rule::Trend), vec![(2..9).collect::<Vec<_>>()]);
    let mut w = quiet(12);
    w[2..8].copy_from_slice(&rising[..6]);
    assert!(fired(&signals(&w, RuleSet::Nhs), Rule::Trend).is_empty());
}

#[test]
fn nhs_two_of_three_close_to_the_limits() {
    let mut v = quiet(10);
    v[3] = 2.5;
    v[4] = 0.5;
    v[5] = 2.2;
    assert_eq!(
        fired(&signals(&v, RuleSet::Nhs), Rule::TwoOfThree),
        vec![vec![3, 5]]
    );
    v[4] = -0.5; // the middle point crosses the centre: not an NHS signal
    assert!(fired(&signals(&v, RuleSet::Nhs), Rule::TwoOfThree).is_empty());
    // ... but it is one under Western Electric, which does not ask for all three on one side
    assert_eq!(
        fired(&signals(&v, RuleSet::WesternElectric), Rule::TwoOfThree),
        vec![vec![3, 5]]
    );
}

#[test]
fn western_electric_four_of_five_and_eight_in_a_row() {
    let mut v = quiet(12);
    v[2..7].copy_from_slice(&[-1.5, -1.2, 0.2, -1.1, -2.0]);
    let s = signals(&v, RuleSet::WesternElectric);
    assert_eq!(fired(&s, Rule::FourOfFive), vec![vec![2, 3, 5, 6]]);
    assert!(
        fired(&signals(&v, RuleSet::Nhs), Rule::FourOfFive).is_empty(),
        "not an NHS rule"
    );

    let mut w = quiet(12);
    w[1] = 0.4;
    for x in w.iter_mut().skip(2).take(8) {
        *x = -(x.abs() + 0.1);
    }
    assert_eq!(
        fired(&signals(&w, RuleSet::WesternElectric), Rule::Shift).len(),
        1
    );
    assert!(
        fired(&signals(&w, RuleSet::Nelson), Rule::Shift).is_empty(),
        "Nelson needs 9"
    );
    assert!(fired(&signals(&w, RuleSet::WesternElectric), Rule::Trend).is_empty());
}

#[test]
fn nelson_trend_of_six_and_shift_of_nine() {
    let mut v = quiet(12);
    v[1..7].copy_from_slice(&[0.5, 0.4, 0.3, 0.2, 0.1, 0.0]);
    v[7] = 0.4;
    let s = signals(&v, RuleSet::Nelson);
    assert_eq!(fired(&s, Rule::Trend), vec![(1..7).collect::<Vec<_>>()]);
    assert_eq!(
        s.iter().find(|s| s.rule == Rule::Trend).unwrap().side,
        Some(Side::Low)
    );
    assert!(
        fired(&signals(&v, RuleSet::Nhs), Rule::Trend).is_empty(),
        "NHS needs 7"
    );
    let mut w = quiet(12);
    for x in w.iter_mut().take(9) {
        *x = x.abs() + 0.1;
    }
    assert_eq!(
        fired(&signals(&w, RuleSet::Nelson), Rule::Shift),
        vec![(0..9).collect::<Vec<_>>()]
    );
}

#[test]
fn nelson_mixture_eight_beyond_one_sigma_both_sides() {
    let v = [0.0, 1.5, -1.5, 1.2, -2.0, 1.4, -1.3, 1.1, -1.6, 0.0];
    assert_eq!(
        fired(&signals(&v, RuleSet::Nelson), Rule::Mixture),
        vec![(1..9).collect::<Vec<_>>()]
    );
    let w = [0.0, 1.5, -1.5, 1.2, -0.5, 1.4, -1.3, 1.1, -1.6, 0.0];
    assert!(fired(&signals(&w, RuleSet::Nelson), Rule::Mixture).is_empty());
}

#[test]
fn anhoej_rules_on_a_run_chart() {
    // 20 points: 10 low then 10 high around the median. Longest run 10 > 7 and
    // 1 crossing < 6 (Anhøj & Olesen 2014, Table 1, n = 20).
    let v: Vec<f64> = (0..20)
        .map(|i| if i < 10 { i as f64 } else { 100.0 + i as f64 })
        .collect();
    let chart = run_chart(Series::new(&v).unwrap(), &ChartOptions::default()).unwrap();
    let runs: Vec<_> = fired_on(&chart, Rule::LongestRun);
    assert_eq!(
        runs,
        vec![(0..10).collect::<Vec<_>>(), (10..20).collect::<Vec<_>>()]
    );
    assert_eq!(
        fired_on(&chart, Rule::TooFewCrossings),
        vec![(0..20).collect::<Vec<_>>()]
    );
    assert_eq!(chart.phases[0].runs.crossings, 1);
    // an alternating series of 20 gives neither signal
    let w: Vec<f64> = (0..20).map(|i| (i % 2) as f64).collect();
    assert!(
        run_chart(Series::new(&w).unwrap(), &ChartOptions::default())
            .unwrap()
            .signals
            .is_empty()
    );
}

#[test]
fn run_chart_refuses_rules_that_need_limits() {
    let v = [1.0, 2.0, 3.0];
    let options = ChartOptions {
        rules: Some(RuleConfig::new(RuleSet::Nhs)),
        ..Default::default()
    };
    let err = run_chart(Series::new(&v).unwrap(), &options).unwrap_err();
    assert_eq!(
        err,
        MeasuresError::RuleNeedsLimits {
            rule: "outside_limits",
            chart: "run"
        }
    );
    assert!(err.to_string().contains("anhoej"));
}

#[test]
fn anhoej_rules_run_on_a_control_chart_too() {
    let v: Vec<f64> = (0..20)
        .map(|i| {
            if i < 10 {
                10.0 + (i % 2) as f64
            } else {
                12.0 + (i % 2) as f64
            }
        })
        .collect();
    let options = ChartOptions {
        rules: Some(RuleConfig::new(RuleSet::Anhoej)),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &options, &XmrOptions::default()).unwrap();
    assert_eq!(fired_on(&chart, Rule::LongestRun).len(), 2);
}

#[test]
fn phases_recalculate_limits_and_runs_do_not_cross_them() {
    let mut v: Vec<f64> = quiet(10).iter().map(|x| 10.0 + x).collect();
    v.extend(quiet(10).iter().map(|x| 20.0 + x));
    let one = xmr_chart(
        Series::new(&v).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    assert!(
        fired_on(&one, Rule::Shift).len() == 2,
        "without a break: two shifts"
    );
    let options = ChartOptions {
        phase_starts: vec![10],
        ..Default::default()
    };
    let two = xmr_chart(Series::new(&v).unwrap(), &options, &XmrOptions::default()).unwrap();
    assert_eq!(two.phases.len(), 2);
    assert!((two.centre[0] - 10.05).abs() < 1e-12 && (two.centre[19] - 20.05).abs() < 1e-12);
    assert_eq!(two.phase[9], 0);
    assert_eq!(two.phase[10], 1);
    assert!(two.signals.is_empty(), "{:?}", two.signals);
    // the moving range across the break belongs to neither phase's limits
    assert!(two.companion.as_ref().unwrap().values[10].is_nan());
}

#[test]
fn excluded_points_are_plotted_and_tested_but_not_used() {
    let mut v = quiet(15);
    v[7] = 50.0;
    let options = ChartOptions {
        exclude: vec![7],
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &options, &XmrOptions::default()).unwrap();
    let without: Vec<f64> = v
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 7)
        .map(|(_, x)| *x)
        .collect();
    let mean = without.iter().sum::<f64>() / without.len() as f64;
    assert!((chart.centre[0] - mean).abs() < 1e-12);
    assert!(chart.excluded[7] && !chart.used[7]);
    assert_eq!(chart.values[7], 50.0);
    assert_eq!(fired_on(&chart, Rule::OutsideLimits), vec![vec![7]]);
}

#[test]
fn baseline_through_a_point_freezes_its_phase() {
    let v = [1.0, 2.0, 1.0, 2.0, 9.0, 9.0];
    let options = ChartOptions {
        baseline: Some(Baseline::Through(3)),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &options, &XmrOptions::default()).unwrap();
    assert_eq!(chart.centre[5], 1.5);
    assert_eq!(chart.phases[0].points_used, 4);
}

#[test]
fn icons_follow_the_direction_and_the_target() {
    // a stable series of about 20 then a last point far above
    let mut v: Vec<f64> = quiet(20).iter().map(|x| 20.0 + x).collect();
    v.push(40.0);
    let higher = ChartOptions {
        direction: Direction::HigherIsBetter,
        target: Some(10.0),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &higher, &XmrOptions::default()).unwrap();
    assert_eq!(chart.variation, Variation::ImprovingHigh);
    assert_eq!(chart.assurance, Some(Assurance::ConsistentlyPass));
    let lower = ChartOptions {
        direction: Direction::LowerIsBetter,
        target: Some(10.0),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &lower, &XmrOptions::default()).unwrap();
    assert_eq!(chart.variation, Variation::ConcerningHigh);
    assert_eq!(chart.assurance, Some(Assurance::ConsistentlyFail));
    let hit_and_miss = ChartOptions {
        target: Some(20.1),
        ..lower
    };
    let chart = xmr_chart(
        Series::new(&v).unwrap(),
        &hit_and_miss,
        &XmrOptions::default(),
    )
    .unwrap();
    assert_eq!(chart.assurance, Some(Assurance::HitAndMiss));
    let neither = ChartOptions {
        direction: Direction::Neither,
        target: Some(10.0),
        ..Default::default()
    };
    let chart = xmr_chart(Series::new(&v).unwrap(), &neither, &XmrOptions::default()).unwrap();
    assert_eq!(chart.variation, Variation::NeitherHigh);
    assert_eq!(chart.assurance, None);
    assert!(chart
        .notes
        .iter()
        .any(|n| n.contains("improvement direction")));
}

#[test]
fn too_few_points_and_bad_options_are_typed_errors() {
    let one = [1.0];
    let err = xmr_chart(
        Series::new(&one).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        MeasuresError::TooFewPoints {
            phase: 0,
            needed: 2,
            got: 1,
            ..
        }
    ));
    let v = [1.0, 2.0, 3.0, 4.0];
    let short_phase = ChartOptions {
        phase_starts: vec![3],
        ..Default::default()
    };
    let err = xmr_chart(
        Series::new(&v).unwrap(),
        &short_phase,
        &XmrOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, MeasuresError::TooFewPoints { phase: 1, .. }),
        "{err}"
    );
    let scattered = ChartOptions {
        exclude: vec![1, 3],
        ..Default::default()
    };
    let err = xmr_chart(Series::new(&v).unwrap(), &scattered, &XmrOptions::default()).unwrap_err();
    assert!(err.to_string().contains("consecutive"), "{err}");
    let outside = ChartOptions {
        phase_starts: vec![4],
        ..Default::default()
    };
    assert!(matches!(
        xmr_chart(Series::new(&v).unwrap(), &outside, &XmrOptions::default()),
        Err(MeasuresError::IndexOutOfRange {
            what: "phase break",
            index: 4,
            len: 4
        })
    ));
}

#[test]
fn rule_all_lists_every_rule_in_priority_order() {
    // Chart::rules_by_point sets bit `rule as u16`: it must be the rule's place in ALL.
    for (k, rule) in Rule::ALL.iter().enumerate() {
        assert_eq!(*rule as usize, k, "{}", rule.name());
    }
    assert!(Rule::ALL.windows(2).all(|w| w[0] < w[1]));
}
