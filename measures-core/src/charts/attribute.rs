//! Attribute charts: p and np (binomial), c and u (Poisson), and Laney's p′ and u′.
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §7.2 (p, np; varying sample sizes), §7.3 (c, u); qicharts2 `qic(chart = "p" |
//! "c" | "u" | "pp" | "up")`; Laney, D. B. (2002), "Improved control charts for
//! attributes", *Quality Engineering* 14(4), 531–537.
//!
//! # Which chart
//!
//! - **c**: counts of events in equal areas of opportunity (complaints a week from a
//!   stable population). **u**: counts per unit when the area of opportunity varies
//!   (complaints per 1,000 households).
//! - **p**: the share of cases with an attribute (failure demand as a share of all
//!   demand) when each period has its own number of cases. **np**: the number of such
//!   cases when every period has the same number of cases.
//! - **p′ and u′ (Laney)**: the same, when denominators are large (thousands of cases
//!   a month). The binomial and Poisson limits shrink with √n, so with big
//!   denominators they become so narrow that ordinary month-to-month variation
//!   breaches them on most points (over-dispersion). Laney's charts measure the
//!   spread of the points' z-scores (σ_z, from their moving ranges) and widen or
//!   narrow the limits by it. Every p and u chart reports σ_z per phase
//!   (`dispersion`) and notes when it is 2 or more: then choose p′ or u′. When σ_z is 1
//!   the p′ and u′ charts equal the p and u charts.
//!
//! Limits are clamped at 0 (and at 1 for proportions, at nᵢ for np); the result
//! records every clamped limit (`upper_clamped`, `lower_clamped`). Sigma, for the
//! zone rules, is the unclamped standard error.

use super::finish::{finish, Bounds, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::{AttributeOptions, Method, OVERDISPERSED};
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::{
    phase_spread, CentreLine, LimitConstant, Spread, XmrOptions, D2_N2,
};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::series::Series;

/// Which model the counts follow.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Model {
    /// Proportions: p̄(1 − p̄)/n.
    Binomial,
    /// Rates: ū/n.
    Poisson,
}

/// p chart: the proportion `counts[i] / sizes[i]` with limits p̄ ± 3√(p̄(1−p̄)/nᵢ),
/// p̄ = Σcounts/Σsizes over the points used.
///
/// ```
/// use measures_core::{p_chart, AttributeOptions, ChartOptions, Series};
/// let defectives = [12.0, 15.0, 8.0];
/// let sizes = [50.0, 50.0, 50.0];
/// let s = Series::new(&defectives)?.with_denominators(&sizes)?;
/// let chart = p_chart(s, &ChartOptions::default(), &AttributeOptions::default())?;
/// assert!((chart.centre[0] - 35.0 / 150.0).abs() < 1e-15);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn p_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::P)
}

/// np chart: the count `counts[i]` with limits nᵢp̄ ± 3√(nᵢp̄(1−p̄)), clamped to [0, nᵢ].
pub fn np_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::Np)
}

/// c chart: counts with limits c̄ ± 3√c̄ (no denominators; any given are refused).
///
/// ```
/// use measures_core::{c_chart, AttributeOptions, ChartOptions, Series};
/// let chart = c_chart(Series::new(&[4.0, 9.0, 5.0])?, &ChartOptions::default(), &AttributeOptions::default())?;
/// assert_eq!(chart.centre[0], 6.0);
/// assert_eq!(chart.lower[0], 0.0); // 6 − 3√6 < 0, clamped
/// assert!(chart.lower_clamped[0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn c_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::C)
}

/// u chart: the rate `counts[i] / sizes[i]` with limits ū ± 3√(ū/nᵢ), ū = Σcounts/Σsizes.
pub fn u_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::U)
}

/// Laney p′ chart: limits p̄ ± 3·σ_z·√(p̄(1−p̄)/nᵢ), where σ_z = mean|Δz|/1.128 over
/// the z-scores zᵢ = (pᵢ − p̄)/√(p̄(1−p̄)/nᵢ).
pub fn p_prime_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::PPrime)
}

/// Laney u′ chart: limits ū ± 3·σ_z·√(ū/nᵢ), σ_z from the z-scores' moving ranges.
pub fn u_prime_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
) -> Result<Chart> {
    attribute(series, options, settings, ChartType::UPrime)
}

/// Check counts and denominators: counts ≥ 0; denominators > 0; for proportions,
/// counts ≤ denominators. Returns the denominators (all 1 for a c chart).
pub(crate) fn check(series: &Series<'_>, chart: ChartType) -> Result<Vec<f64>> {
    series.require_every(
        "count",
        &format!("a {} chart needs every count", chart.name()),
    )?;
    let counts = series.values();
    if let Some((index, &value)) = counts.iter().enumerate().find(|(_, &c)| c < 0.0) {
        return Err(MeasuresError::InvalidValue {
            what: "count",
            index,
            value,
            reason: "is negative; counts cannot be".into(),
        });
    }
    let sizes = match (chart, series.denominators()) {
        (ChartType::C, Some(_)) => {
            return Err(MeasuresError::InvalidOption {
                name: "denominators",
                reason: "a c chart takes counts only; with areas of opportunity use a u chart"
                    .into(),
            })
        }
        (ChartType::C, None) => return Ok(vec![1.0; counts.len()]),
        (_, None) => {
            return Err(MeasuresError::InvalidOption {
                name: "denominators",
                reason: format!(
                    "a {} chart needs a denominator for every count",
                    chart.name()
                ),
            })
        }
        (_, Some(d)) => d,
    };
    for (index, (&d, &c)) in sizes.iter().zip(counts).enumerate() {
        if d <= 0.0 {
            return Err(MeasuresError::InvalidValue {
                what: "denominator",
                index,
                value: d,
                reason: "is not positive; every period needs at least one case".into(),
            });
        }
        let proportion = matches!(chart, ChartType::P | ChartType::Np | ChartType::PPrime);
        if proportion && c > d {
            return Err(MeasuresError::InvalidValue {
                what: "numerator",
                index,
                value: c,
                reason: format!("is larger than its denominator ({d})"),
            });
        }
    }
    Ok(sizes.to_vec())
}

fn attribute(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &AttributeOptions,
    chart_type: ChartType,
) -> Result<Chart> {
    let sizes = check(&series, chart_type)?;
    let counts = series.values();
    let n = counts.len();
    let model = match chart_type {
        ChartType::P | ChartType::Np | ChartType::PPrime => Model::Binomial,
        _ => Model::Poisson,
    };
    let laney = matches!(chart_type, ChartType::PPrime | ChartType::UPrime);
    // Plotted: proportions or rates, except np and c which plot the counts.
    let plotted: Vec<f64> = match chart_type {
        ChartType::Np | ChartType::C => counts.to_vec(),
        _ => counts.iter().zip(&sizes).map(|(c, d)| c / d).collect(),
    };
    let plan = PhasePlan::new(n, options)?;
    let mut limits = Limits::new(n, plan.ranges.len());
    let mut notes = Vec::new();
    let mut z = vec![0.0; n];
    let mut scratch = Vec::new();
    for (phase, range) in plan.ranges.iter().enumerate() {
        let (mut total_count, mut total_size) = (0.0, 0.0);
        for i in range.clone().filter(|&i| plan.used[i]) {
            total_count += counts[i];
            total_size += sizes[i];
        }
        if total_size == 0.0 {
            return Err(MeasuresError::TooFewPoints {
                what: "the attribute limits",
                phase,
                needed: 1,
                got: 0,
            });
        }
        // Totals past the largest float would make p̄ (or ū) 0 or NaN, a centre that
        // looks like an answer.
        if !(total_count.is_finite() && total_size.is_finite()) {
            return Err(MeasuresError::Overflow {
                what: "the total of the counts or of the denominators",
                phase,
            });
        }
        let bar = total_count / total_size;
        // Standard error of one point's proportion or rate.
        let se = |i: usize| match model {
            Model::Binomial => (bar * (1.0 - bar) / sizes[i]).sqrt(),
            Model::Poisson => (bar / sizes[i]).sqrt(),
        };
        for i in range.clone() {
            let s = se(i);
            z[i] = if s > 0.0 {
                (counts[i] / sizes[i] - bar) / s
            } else {
                0.0
            };
        }
        // σ_z: Laney's spread of the z-scores, from their moving ranges (d2 = 1.128).
        let dispersion = if plan.used_in(range.clone()) >= 2 {
            let z_settings = XmrOptions {
                centre: CentreLine::Mean,
                spread: Spread::MeanMovingRange,
                constant: LimitConstant::ThreeOverD2,
                screen_moving_ranges: settings.screen_moving_ranges,
            };
            match phase_spread(
                &z,
                range.clone(),
                &plan.used,
                phase,
                &z_settings,
                &mut scratch,
                None,
            ) {
                Ok(spread) => spread.moving_range / D2_N2,
                Err(e) if laney => return Err(e),
                Err(_) => f64::NAN,
            }
        } else if laney {
            return Err(MeasuresError::TooFewPoints {
                what: "Laney's sigma_z (moving ranges of the z-scores)",
                phase,
                needed: 2,
                got: plan.used_in(range.clone()),
            });
        } else {
            f64::NAN
        };
        limits.dispersion[phase] = dispersion;
        if !laney && dispersion >= OVERDISPERSED {
            let better = if model == Model::Binomial {
                "p′"
            } else {
                "u′"
            };
            notes.push(format!(
                "phase {}: the points vary {dispersion:.1} times as much as the {} model allows (over-dispersion); Laney's {better} chart accounts for it",
                phase + 1,
                if model == Model::Binomial { "binomial" } else { "Poisson" }
            ));
        }
        let widen = if laney { dispersion } else { 1.0 };
        for i in range.clone() {
            let s = se(i) * widen;
            match chart_type {
                ChartType::Np => {
                    let bounds = Bounds {
                        floor: Some(0.0),
                        ceiling: Some(sizes[i]),
                    };
                    limits.set(i, sizes[i] * bar, 3.0 * sizes[i] * s, sizes[i] * s, bounds);
                }
                ChartType::P | ChartType::PPrime => {
                    limits.set(i, bar, 3.0 * s, s, Bounds::PROPORTION)
                }
                _ => limits.set(i, bar, 3.0 * s, s, Bounds::NON_NEGATIVE),
            }
        }
    }
    let mut chart = finish(
        Draft {
            chart_type,
            method: Method::Attribute(*settings),
            series,
            values: plotted,
            options,
            plan,
            extra_signals: Vec::new(),
        },
        limits,
    )?;
    chart.notes.extend(notes);
    Ok(chart)
}
