//! Capability on any floats and specification: never a panic, never a non-finite index.
#![no_main]
#[path = "common.rs"]
mod common;
use libfuzzer_sys::fuzz_target;
use measures_core::capability::{
    anderson_darling, binomial_capability, box_cox_capability, capability, capability_report,
    percentile_capability, poisson_capability, within_threshold, CapabilityOptions, ReportOptions,
    Specification, StatementOptions,
};
use measures_core::{xmr_chart, ChartOptions, Direction, Series, XmrOptions};

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(16));
    let limits = common::floats(head, 2);
    let values = common::floats(rest, 300);
    if values.len() < 2 {
        return;
    }
    let (lsl, usl) = (limits.first().copied(), limits.get(1).copied());
    let options = CapabilityOptions::default();
    if let Ok(spec) = Specification::new(lsl, usl, None) {
        if let Ok(c) = capability(&values, &spec, &options) {
            for e in [c.cp, c.cpk, c.pp, c.ppk].into_iter().flatten() {
                assert!(e.value.is_finite());
            }
        }
        let _ = percentile_capability(&values, &spec);
        let _ = box_cox_capability(&values, &spec, &options, None);
    }
    let _ = anderson_darling(&values);
    let _ = within_threshold(&values, lsl.unwrap_or(0.0), Direction::LowerIsBetter, 0.95);
    let half = values.len() / 2;
    if let Ok(s) = Series::new(&values[..half]).and_then(|s| s.with_denominators(&values[half..2 * half])) {
        let _ = binomial_capability(s, 0.95);
        let _ = poisson_capability(s, 0.95);
    }
    if let Ok(chart) = Series::new(&values).and_then(|s| xmr_chart(s, &ChartOptions::default(), &XmrOptions::default())) {
        let options = ReportOptions {
            statement: StatementOptions { floor: lsl.filter(|f| f.is_finite()), ..Default::default() },
            ..Default::default()
        };
        if let Ok(r) = capability_report(&chart, &options) {
            assert!(r.statement.upper.is_finite() && r.statement.lower.is_finite());
        }
    }
});
