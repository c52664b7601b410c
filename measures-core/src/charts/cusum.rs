//! The tabular CUSUM.
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §9.1 (eqs. 9.2–9.3, Example 9.1); qcc `cusum()`; Lucas & Crosier (1982) for the
//! fast-initial-response head start.
//!
//! With zᵢ = (xᵢ − μ0)/(σ/√nᵢ): C⁺ᵢ = max(0, C⁺ᵢ₋₁ + zᵢ − k) and
//! C⁻ᵢ = min(0, C⁻ᵢ₋₁ + zᵢ + k), both in units of σ, starting at ±head start in
//! every phase. A point signals when C⁺ᵢ > h or C⁻ᵢ < −h.

use super::finish::{finish, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::{CusumOptions, CusumUsed, Method};
use super::weighted::{limit_rules_only, sizes, targets_and_sigmas};
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;

/// Tabular CUSUM of individual values or subgroup means (sizes as denominators).
/// The chart plots C⁺ against h; its companion plots C⁻ against −h; the chart's
/// signals include both sides, so its icons reflect a shift either way.
///
/// ```
/// use measures_core::{cusum_chart, CusumOptions, ChartOptions, Series};
/// let v = [10.0, 10.5, 9.5, 12.0, 12.5, 12.0, 13.0, 12.5, 12.8, 13.1];
/// let settings = CusumOptions { target: Some(10.0), sigma: Some(1.0), ..Default::default() };
/// let chart = cusum_chart(Series::new(&v)?, &ChartOptions::default(), &settings)?;
/// assert_eq!(chart.values[3], 1.5);        // 0 + (12 − 10) − 0.5
/// assert!(!chart.signals.is_empty());      // the upper sum passes h = 5
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn cusum_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &CusumOptions,
) -> Result<Chart> {
    limit_rules_only(options, "CUSUM")?;
    for (name, v) in [
        ("k", settings.k),
        ("h", settings.h),
        ("head_start", settings.head_start),
    ] {
        if !v.is_finite() || v < 0.0 || (name == "h" && v == 0.0) {
            return Err(MeasuresError::InvalidOption {
                name: match name {
                    "k" => "k",
                    "h" => "h",
                    _ => "head_start",
                },
                reason: format!(
                    "must be a finite number above 0 (k and head start may be 0), got {v}"
                ),
            });
        }
    }
    series.require_every(
        "value",
        "a CUSUM carries each point into the next, so it needs every one",
    )?;
    let n = series.len();
    let plan = PhasePlan::new(n, options)?;
    let sizes = sizes(&series)?;
    let (targets, sigmas) = targets_and_sigmas(&series, &plan, settings.target, settings.sigma)?;
    let values = series.values();
    let mut upper_sum = vec![0.0; n];
    let mut lower_sum = vec![0.0; n];
    let mut upper = Limits::new(n, plan.ranges.len());
    let mut lower = Limits::new(n, plan.ranges.len());
    let h = settings.h;
    for (phase, range) in plan.ranges.iter().enumerate() {
        let (mut hi, mut lo) = (settings.head_start, -settings.head_start);
        for i in range.clone() {
            let z = (values[i] - targets[phase]) / (sigmas[phase] / sizes[i].sqrt());
            hi = (hi + z - settings.k).max(0.0);
            lo = (lo + z + settings.k).min(0.0);
            upper_sum[i] = hi;
            lower_sum[i] = lo;
            // Sums are in σ units; sigma 1 keeps the limits rule meaningful.
            upper.centre[i] = 0.0;
            upper.upper[i] = h;
            upper.sigma[i] = h / 3.0;
            lower.centre[i] = 0.0;
            lower.lower[i] = -h;
            lower.sigma[i] = h / 3.0;
        }
    }
    let used = CusumUsed {
        k: settings.k,
        h,
        head_start: settings.head_start,
        targets,
        sigmas,
    };
    let limits_only = ChartOptions {
        rules: Some(options.rules.unwrap_or(RuleConfig::new(RuleSet::Limits))),
        target: None,
        ..options.clone()
    };
    let lower_chart = finish(
        Draft {
            chart_type: ChartType::CusumLower,
            method: Method::Cusum(used.clone()),
            series,
            values: lower_sum,
            options: &limits_only,
            plan: plan.clone(),
            extra_signals: Vec::new(),
        },
        lower,
    )?;
    let mut chart = finish(
        Draft {
            chart_type: ChartType::Cusum,
            method: Method::Cusum(used),
            series,
            values: upper_sum,
            options: &limits_only,
            plan,
            extra_signals: lower_chart.signals.clone(),
        },
        upper,
    )?;
    chart.companion = Some(Box::new(lower_chart));
    Ok(chart)
}
