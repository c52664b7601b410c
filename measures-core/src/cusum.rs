//! The tabular CUSUM.
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §9.1 (eqs. 9.2–9.3, Example 9.1); qcc `cusum()`; Lucas & Crosier (1982) for the
//! fast-initial-response head start.
//!
//! With zᵢ = (xᵢ − μ0)/(σ/√nᵢ): C⁺ᵢ = max(0, C⁺ᵢ₋₁ + zᵢ − k) and
//! C⁻ᵢ = min(0, C⁻ᵢ₋₁ + zᵢ + k), both in units of σ, starting at ±head start in
//! every phase. A point signals when C⁺ᵢ > h or C⁻ᵢ < −h.

use crate::chart::{finish, Chart, ChartType, Draft, Limits, Method};
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;
use crate::stats::mean;
use crate::xmr::{phase_spread, XmrOptions, D2_N2};
use serde::{Deserialize, Serialize};

/// Settings of a CUSUM (and, with `lambda` and `l`, of an EWMA): the target μ0 and σ
/// default to the estimates from the points used in each phase (the mean, and the
/// mean moving range / 1.128).
///
/// ```
/// let o = measures_core::cusum::CusumOptions::default();
/// assert_eq!((o.k, o.h, o.head_start), (0.5, 5.0, 0.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CusumOptions {
    /// Target μ0; `None` for the mean of the points used.
    pub target: Option<f64>,
    /// σ of one observation; `None` to estimate it from the moving ranges (only
    /// without subgroup sizes).
    pub sigma: Option<f64>,
    /// Reference value k, in σ (half the shift to detect).
    pub k: f64,
    /// Decision interval h, in σ.
    pub h: f64,
    /// Head start (fast initial response), in σ; 0 for none, h/2 is usual.
    pub head_start: f64,
}

impl Default for CusumOptions {
    fn default() -> Self {
        CusumOptions {
            target: None,
            sigma: None,
            k: 0.5,
            h: 5.0,
            head_start: 0.0,
        }
    }
}

/// The CUSUM settings as used, with the target and σ of each phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CusumUsed {
    /// Reference value k.
    pub k: f64,
    /// Decision interval h.
    pub h: f64,
    /// Head start.
    pub head_start: f64,
    /// Target per phase.
    pub targets: Vec<f64>,
    /// σ per phase.
    pub sigmas: Vec<f64>,
}

/// Target and σ of each phase: given, or estimated from the points used.
pub(crate) fn targets_and_sigmas(
    series: &Series<'_>,
    plan: &PhasePlan,
    target: Option<f64>,
    sigma: Option<f64>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    for (name, v) in [("target", target), ("sigma", sigma)] {
        if let Some(x) = v {
            if !x.is_finite() {
                return Err(MeasuresError::InvalidOption {
                    name,
                    reason: format!("must be a finite number, got {x}"),
                });
            }
        }
    }
    if let Some(s) = sigma {
        if s <= 0.0 {
            return Err(MeasuresError::InvalidOption {
                name: "sigma",
                reason: format!("must be positive, got {s}"),
            });
        }
    }
    if sigma.is_none() && series.denominators().is_some() {
        return Err(MeasuresError::InvalidOption {
            name: "sigma",
            reason: "with subgroup sizes, give sigma (of single observations): it cannot be estimated from the subgroup means alone".into(),
        });
    }
    let values = series.values();
    let mut targets = Vec::with_capacity(plan.ranges.len());
    let mut sigmas = Vec::with_capacity(plan.ranges.len());
    let mut scratch = Vec::new();
    let settings = XmrOptions::textbook();
    for (phase, range) in plan.ranges.iter().enumerate() {
        let t = match target {
            Some(t) => t,
            None => {
                let m = mean(range.clone().filter(|&i| plan.used[i]).map(|i| values[i]));
                if m.is_nan() {
                    return Err(MeasuresError::TooFewPoints {
                        what: "the target (mean of the points used)",
                        phase,
                        needed: 1,
                        got: 0,
                    });
                }
                m
            }
        };
        let s = match sigma {
            Some(s) => s,
            None => {
                let spread = phase_spread(
                    values,
                    range.clone(),
                    &plan.used,
                    phase,
                    &settings,
                    &mut scratch,
                    None,
                )?;
                if spread.moving_range == 0.0 {
                    return Err(MeasuresError::InvalidOption {
                        name: "sigma",
                        reason: format!(
                            "phase {} has no variation to estimate sigma from; give sigma",
                            phase + 1
                        ),
                    });
                }
                spread.moving_range / D2_N2
            }
        };
        targets.push(t);
        sigmas.push(s);
    }
    Ok((targets, sigmas))
}

/// Subgroup size of point i (1 without denominators), checked to be positive.
pub(crate) fn sizes(series: &Series<'_>) -> Result<Vec<f64>> {
    match series.denominators() {
        None => Ok(vec![1.0; series.len()]),
        Some(d) => {
            if let Some((index, &value)) = d.iter().enumerate().find(|(_, &x)| x < 1.0) {
                return Err(MeasuresError::InvalidValue {
                    what: "subgroup size",
                    index,
                    value,
                    reason: "is below 1".into(),
                });
            }
            Ok(d.to_vec())
        }
    }
}

/// Only the limits rule (or none) makes sense on CUSUM and EWMA statistics, whose
/// successive points are dependent by construction.
pub(crate) fn limit_rules_only(options: &ChartOptions, chart: &'static str) -> Result<()> {
    match options.rules.map(|r| r.set) {
        None | Some(RuleSet::Limits) | Some(RuleSet::None) => Ok(()),
        Some(other) => Err(MeasuresError::InvalidOption {
            name: "rules",
            reason: format!(
                "a {chart} chart's points depend on each other, so only the limits rule applies, not {other:?}"
            ),
        }),
    }
}

/// Tabular CUSUM of individual values or subgroup means (sizes as denominators).
/// The chart plots C⁺ against h; its companion plots C⁻ against −h; the chart's
/// signals include both sides, so its icons reflect a shift either way.
///
/// ```
/// use measures_core::{cusum::{cusum, CusumOptions}, ChartOptions, Series};
/// let v = [10.0, 10.5, 9.5, 12.0, 12.5, 12.0, 13.0, 12.5, 12.8, 13.1];
/// let settings = CusumOptions { target: Some(10.0), sigma: Some(1.0), ..Default::default() };
/// let chart = cusum(Series::new(&v)?, &ChartOptions::default(), &settings)?;
/// assert_eq!(chart.values[3], 1.5);        // 0 + (12 − 10) − 0.5
/// assert!(!chart.signals.is_empty());      // the upper sum passes h = 5
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn cusum(series: Series<'_>, options: &ChartOptions, settings: &CusumOptions) -> Result<Chart> {
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
            default_rules: RuleSet::Limits,
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
            default_rules: RuleSet::Limits,
            plan,
            extra_signals: lower_chart.signals.clone(),
        },
        upper,
    )?;
    chart.companion = Some(Box::new(lower_chart));
    Ok(chart)
}
