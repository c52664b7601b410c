//! Every chart kind on any floats, with phases, exclusions and a baseline:
//! never a panic; a chart that succeeds is finite where it promises to be.
#![no_main]
#[path = "common.rs"]
mod common;
use libfuzzer_sys::fuzz_target;
use measures_core::{
    chart, Baseline, Chart, ChartData, ChartOptions, ChartSpec, ChartType, TransformedOptions,
    XmrOptions,
};

fn check(chart: &Chart) {
    let (upper, lower) = chart.chart_type.limit_sides();
    for i in 0..chart.len() {
        assert!(chart.centre[i].is_finite());
        assert!(!upper || chart.upper[i].is_finite());
        assert!(!lower || chart.lower[i].is_finite());
        assert!(!chart.values[i].is_infinite());
    }
}

// Every kind of chart through the one entry: the first half of the floats as
// values, the second as denominators (for the kinds that take them), or cut into
// subgroups of 2 to 4 (X-bar).
fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(8));
    let values = common::floats(rest, 200);
    if values.is_empty() {
        return;
    }
    let n = values.len();
    let options = ChartOptions {
        phase_starts: common::indices(head.get(..2).unwrap_or(&[]), n, 2),
        exclude: common::indices(head.get(2..4).unwrap_or(&[]), n, 2),
        baseline: head.get(4).and_then(|&b| (b % 3 == 0).then_some(Baseline::FirstPoints(b as usize % 9 + 1))),
        target: head.get(5).map(|&b| b as f64),
        ..Default::default()
    };
    let xmr = if head.get(6).is_some_and(|b| b % 2 == 0) { XmrOptions::default() } else { XmrOptions::textbook() };
    let half = n / 2;
    let (num, den) = values.split_at(half);
    let sizes: Vec<usize> = (0..half).map(|k| 2 + k % 3).scan(0, |total, s| {
        *total += s;
        (*total <= n).then_some(s)
    }).collect();
    let grouped: usize = sizes.iter().sum();
    for kind in ChartType::ALL {
        let Ok(mut spec) = ChartSpec::of(kind) else { continue };
        match &mut spec {
            ChartSpec::Xmr(x) | ChartSpec::T(x) => *x = xmr,
            ChartSpec::TransformedXmr(t) => *t = TransformedOptions { xmr, lambda: None },
            _ => {}
        }
        let takes_denominators = matches!(kind, ChartType::P | ChartType::Np | ChartType::U | ChartType::PPrime | ChartType::UPrime);
        let data = if spec.takes_subgroups() {
            ChartData::from_columns(&spec, &values[..grouped], None, Some(&sizes), None)
        } else if takes_denominators {
            ChartData::from_columns(&spec, num, Some(&den[..half]), None, None)
        } else {
            ChartData::from_columns(&spec, &values, None, None, None)
        };
        if let Ok(result) = data.and_then(|d| chart(&spec, d, &options)) {
            check(&result);
        }
    }
});
