//! X-bar/R and X-bar/S charts for subgroups, with unequal subgroup sizes.
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §6.2 (X̄ and R), §6.3 (X̄ and S, eqs. 6.30–6.31 for unequal sizes); qcc
//! `qcc(type = "xbar" | "R" | "S")`; qicharts2 `qic(chart = "xbar" | "s")`.
//!
//! With ranges, σ̂ is the average of Rᵢ/d2(nᵢ) over the subgroups used, so each
//! subgroup's limits are x̿ ± 3σ̂/√nᵢ and its range limits d2(nᵢ)σ̂ ± 3d3(nᵢ)σ̂. With
//! equal sizes this is exactly x̿ ± A2·R̄ and D3·R̄, D4·R̄. With standard deviations,
//! s̄ is the average of the sᵢ when sizes are equal (Montgomery Example 6.3) and the
//! pooled √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)) when they differ (Example 6.4); limits are
//! x̿ ± A3(nᵢ)·s̄ and B3(nᵢ)·s̄, B4(nᵢ)·s̄. x̿ = Σnᵢx̄ᵢ/Σnᵢ.

use super::finish::{finish, Bounds, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::Method;
use crate::error::{MeasuresError, Result};
use crate::estimators::constants;
use crate::estimators::subgroup::{mean_over_used, pooled_std_dev, Estimator, SubgroupOptions};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;
use crate::subgroups::Subgroups;

/// X-bar chart with the R chart as its companion.
///
/// ```
/// use measures_core::{xbar_r_chart, Subgroups, SubgroupOptions, ChartOptions};
/// let obs = [10.0, 12.0, 11.0, 13.0, 9.0, 11.0, 12.0, 10.0, 11.0];
/// let chart = xbar_r_chart(Subgroups::new(&obs, &[3, 3, 3])?, &ChartOptions::default(), &SubgroupOptions::default())?;
/// assert_eq!(chart.values, vec![11.0, 11.0, 11.0]);
/// assert_eq!(chart.companion.unwrap().values, vec![2.0, 4.0, 2.0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xbar_r_chart(
    groups: Subgroups<'_>,
    options: &ChartOptions,
    settings: &SubgroupOptions,
) -> Result<Chart> {
    if !matches!(settings.estimator, Estimator::Auto | Estimator::MeanRange) {
        return Err(MeasuresError::InvalidOption {
            name: "estimator",
            reason: "an X-bar/R chart estimates sigma from ranges; use an X-bar/S chart for standard deviations".into(),
        });
    }
    if let Some(k) = groups.sizes().iter().position(|&s| s < 2) {
        return Err(MeasuresError::InvalidOption {
            name: "subgroup size",
            reason: format!("subgroup {k} has one observation; an X-bar/R chart needs at least 2 per subgroup (use an XmR chart for single values)"),
        });
    }
    let ranges = groups.ranges();
    let d2: Vec<f64> = groups
        .sizes()
        .iter()
        .map(|&n| constants::d2(n))
        .collect::<Result<_>>()?;
    let d3: Vec<f64> = groups
        .sizes()
        .iter()
        .map(|&n| constants::d3(n))
        .collect::<Result<_>>()?;
    let unbiased: Vec<f64> = ranges.iter().zip(&d2).map(|(r, d)| r / d).collect();
    let used_settings = SubgroupOptions {
        estimator: Estimator::MeanRange,
    };
    let (d2, d3, unbiased) = (&d2, &d3, &unbiased);
    build(
        groups,
        options,
        used_settings,
        ChartType::XbarR,
        ChartType::Range,
        ranges,
        |plan, phase| {
            let sigma = mean_over_used(unbiased, plan, phase);
            move |i: usize| {
                let centre = d2[i] * sigma;
                let half = 3.0 * d3[i] * sigma;
                (sigma, centre, half, d3[i] * sigma)
            }
        },
    )
}

/// X-bar chart with the S chart as its companion.
///
/// ```
/// use measures_core::{xbar_s_chart, Subgroups, SubgroupOptions, ChartOptions};
/// let obs = [10.0, 12.0, 11.0, 13.0, 9.0, 11.0];
/// let chart = xbar_s_chart(Subgroups::new(&obs, &[3, 3])?, &ChartOptions::default(), &SubgroupOptions::default())?;
/// assert_eq!(chart.companion.unwrap().values, vec![1.0, 2.0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xbar_s_chart(
    groups: Subgroups<'_>,
    options: &ChartOptions,
    settings: &SubgroupOptions,
) -> Result<Chart> {
    if let Some(k) = groups.sizes().iter().position(|&s| s < 2) {
        return Err(MeasuresError::InvalidOption {
            name: "subgroup size",
            reason: format!(
                "subgroup {k} has one observation; a standard deviation needs at least 2"
            ),
        });
    }
    let equal = groups.sizes().windows(2).all(|w| w[0] == w[1]);
    let estimator = match settings.estimator {
        Estimator::Auto if equal => Estimator::MeanStdDev,
        Estimator::Auto => Estimator::PooledStdDev,
        Estimator::MeanRange => {
            return Err(MeasuresError::InvalidOption {
                name: "estimator",
                reason: "an X-bar/S chart estimates sigma from standard deviations; use an X-bar/R chart for ranges".into(),
            })
        }
        other => other,
    };
    let sds = groups.std_devs();
    let c4: Vec<f64> = groups
        .sizes()
        .iter()
        .map(|&n| constants::c4(n))
        .collect::<Result<_>>()?;
    let sizes = groups.sizes();
    let sds_for_limits = &sds.clone();
    let c4 = &c4;
    build(
        groups,
        options,
        SubgroupOptions { estimator },
        ChartType::XbarS,
        ChartType::StdDev,
        sds,
        |plan, phase| {
            let s_bar = match estimator {
                Estimator::PooledStdDev => pooled_std_dev(sds_for_limits, sizes, plan, phase),
                _ => mean_over_used(sds_for_limits, plan, phase),
            };
            move |i: usize| {
                // σ̂ = s̄/c4(nᵢ): A3(nᵢ)·s̄ = 3σ̂/√nᵢ; the S chart's centre is s̄ and its
                // limits s̄ ± 3 s̄ √(1 − c4²)/c4 (B3, B4).
                let sigma = s_bar / c4[i];
                let half = 3.0 * s_bar * (1.0 - c4[i] * c4[i]).sqrt() / c4[i];
                (sigma, s_bar, half, half / 3.0)
            }
        },
    )
}

/// The shared X-bar construction: `per_phase(plan, phase)` returns, for a point,
/// (σ̂ of one observation, companion centre, companion half-width, companion sigma).
fn build<F, G>(
    groups: Subgroups<'_>,
    options: &ChartOptions,
    settings: SubgroupOptions,
    chart_type: ChartType,
    companion_type: ChartType,
    spreads: Vec<f64>,
    per_phase: F,
) -> Result<Chart>
where
    F: Fn(&PhasePlan, usize) -> G,
    G: Fn(usize) -> (f64, f64, f64, f64),
{
    let means = groups.means();
    let n = means.len();
    let mut series = Series::new(&means)?;
    if let Some(labels) = groups.labels() {
        series = series.with_label_slice(labels)?;
    }
    let plan = PhasePlan::new(n, options)?;
    let mut xbar = Limits::new(n, plan.ranges.len());
    let mut companion = Limits::new(n, plan.ranges.len());
    for (phase, range) in plan.ranges.iter().enumerate() {
        let (mut weighted, mut total) = (0.0, 0usize);
        for i in range.clone().filter(|&i| plan.used[i]) {
            weighted += means[i] * groups.sizes()[i] as f64;
            total += groups.sizes()[i];
        }
        if total == 0 {
            return Err(MeasuresError::TooFewPoints {
                what: "the X-bar limits",
                phase,
                needed: 1,
                got: 0,
            });
        }
        let grand_mean = weighted / total as f64;
        let at = per_phase(&plan, phase);
        for i in range.clone() {
            let (sigma, c_centre, c_half, c_sigma) = at(i);
            let se = sigma / (groups.sizes()[i] as f64).sqrt();
            xbar.set(i, grand_mean, 3.0 * se, se, Bounds::NONE);
            companion.set(i, c_centre, c_half, c_sigma, Bounds::NON_NEGATIVE);
        }
    }
    let method = Method::Subgroup(settings);
    let companion_chart = finish(
        Draft {
            chart_type: companion_type,
            method: method.clone(),
            series: Series::new(&spreads).map(|s| match groups.labels() {
                Some(l) => s.with_label_slice(l),
                None => Ok(s),
            })??,
            values: spreads.clone(),
            options: &ChartOptions {
                rules: Some(RuleConfig::new(RuleSet::Limits)),
                target: None,
                ..options.clone()
            },
            plan: plan.clone(),
            extra_signals: Vec::new(),
        },
        companion,
    )?;
    let mut chart = finish(
        Draft {
            chart_type,
            method,
            series,
            values: means.clone(),
            options,
            plan,
            extra_signals: Vec::new(),
        },
        xbar,
    )?;
    chart.companion = Some(Box::new(companion_chart));
    Ok(chart)
}
