//! What the time-weighted charts (CUSUM and EWMA) share: the target and σ of each
//! phase, given or estimated (the mean, and the mean moving range / 1.128), the
//! subgroup size of each point, and the rule sets that apply to them.

use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::{phase_spread, XmrOptions, D2_N2};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::RuleSet;
use crate::series::Series;
use crate::stats::mean;

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
