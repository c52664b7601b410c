//! One core or many: every number of a chart the same to the last bit. Long inputs
//! are read in fixed blocks on every core (from five blocks), and an XmR chart and
//! its moving-range companion are finished on two threads (from 30,000 points);
//! neither may change a result. One test in its own binary, because it switches
//! the process-wide `parallel` setting.

use measures_core::{
    chart, parallel, ChartOptions, ChartSpec, Direction, RuleConfig, RuleSet, Series,
};

mod common;
use common::Rng;

/// Noise with a slow drift, ties (every seventh value rounded to a tenth) and, when
/// asked, a missing value every 997 points. Most values keep all their digits, so
/// sums added in another order would differ in their last bits.
fn series(n: usize, gaps: bool) -> Vec<f64> {
    let mut rng = Rng::seeded(&[n as u64]);
    (0..n)
        .map(|i| {
            let noise = rng.uniform();
            if gaps && i % 997 == 500 {
                f64::NAN
            } else if i % 7 == 0 {
                ((50.0 + 10.0 * noise) * 10.0).round() / 10.0
            } else {
                50.0 + 10.0 * noise + i as f64 * 1e-5
            }
        })
        .collect()
}

/// The whole chart (companion included) as text: `{:?}` writes every float in its
/// shortest exact form, so equal text is equal to the last bit (NaN included).
fn drawn(spec: &ChartSpec, values: &[f64], options: &ChartOptions) -> String {
    let series = Series::new(values).expect("a valid series");
    format!("{:?}", chart(spec, series, options).expect("a chart"))
}

#[test]
fn charts_are_the_same_on_one_core_and_many() {
    let phased = |n: usize| ChartOptions {
        phase_starts: vec![n / 3, n / 3 + 40_000.min(n / 3)],
        direction: Direction::HigherIsBetter,
        ..ChartOptions::default()
    };
    let nelson = ChartOptions {
        rules: Some(RuleConfig::new(RuleSet::Nelson)),
        ..ChartOptions::default()
    };
    let specs = [
        ChartSpec::Xmr(Default::default()),
        ChartSpec::Run,
        ChartSpec::T(Default::default()),
    ];
    for n in [29_999, 40_000, 300_000] {
        for gaps in [false, true] {
            let values = series(n, gaps);
            for options in [ChartOptions::default(), phased(n), nelson.clone()] {
                for spec in &specs {
                    // A run chart has no limits for Nelson's rules; a t chart takes
                    // times between events, with no gaps.
                    let skip = match spec {
                        ChartSpec::Run => options.rules.is_some(),
                        ChartSpec::T(_) => gaps || options.rules.is_some(),
                        _ => false,
                    };
                    if skip {
                        continue;
                    }
                    parallel::set_enabled(true);
                    let many = drawn(spec, &values, &options);
                    parallel::set_enabled(false);
                    let one = drawn(spec, &values, &options);
                    parallel::set_enabled(true);
                    assert!(
                        many == one,
                        "{} at {n} points (gaps {gaps}, {:?}) differs between one core and many",
                        spec.kind().name(),
                        options.rules
                    );
                }
            }
        }
    }
}
