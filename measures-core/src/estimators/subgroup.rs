//! Subgroup estimators of σ: from the ranges (the mean of Rᵢ/d2(nᵢ)) or from the
//! standard deviations (the mean s̄, or pooled when sizes differ).
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §6.2 (X̄ and R), §6.3 (X̄ and S, Examples 6.3 and 6.4, eq. 6.31).

use crate::phases::PhasePlan;
use serde::{Deserialize, Serialize};

/// How σ is estimated from the subgroups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimator {
    /// X-bar/R: ranges; X-bar/S: the average s̄ when sizes are equal, pooled otherwise.
    #[default]
    Auto,
    /// Average of Rᵢ/d2(nᵢ) (X-bar/R).
    MeanRange,
    /// Average of the sᵢ (X-bar/S, equal sizes; Montgomery Example 6.3).
    MeanStdDev,
    /// Pooled √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)) (X-bar/S; Montgomery eq. 6.31).
    PooledStdDev,
}

/// Settings of an X-bar chart; the result records the estimator actually used.
///
/// ```
/// use measures_core::{Estimator, SubgroupOptions};
/// assert_eq!(SubgroupOptions::default().estimator, Estimator::Auto);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SubgroupOptions {
    /// The σ estimator.
    pub estimator: Estimator,
}

/// The mean of `column` over the points of `phase` used for the limits: σ̂ from the
/// unbiased ranges Rᵢ/d2(nᵢ), or s̄ from the standard deviations.
pub(crate) fn mean_over_used(column: &[f64], plan: &PhasePlan, phase: usize) -> f64 {
    let (sum, count) = plan.ranges[phase]
        .clone()
        .filter(|&i| plan.used[i])
        .fold((0.0, 0usize), |(s, c), i| (s + column[i], c + 1));
    sum / count as f64
}

/// The pooled standard deviation √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)) over the subgroups of
/// `phase` used for the limits (Montgomery eq. 6.31).
pub(crate) fn pooled_std_dev(
    std_devs: &[f64],
    sizes: &[usize],
    plan: &PhasePlan,
    phase: usize,
) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for i in plan.ranges[phase].clone().filter(|&i| plan.used[i]) {
        let df = (sizes[i] - 1) as f64;
        num += df * std_devs[i] * std_devs[i];
        den += df;
    }
    (num / den).sqrt()
}
