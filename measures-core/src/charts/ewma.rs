//! The EWMA chart.
//!
//! Sources: Montgomery, *Introduction to Statistical Quality Control* (6th ed.),
//! §9.2 (eqs. 9.22–9.25, Example 9.2); qcc `ewma()`.
//!
//! zᵢ = λxᵢ + (1 − λ)zᵢ₋₁ with z₀ = μ0 at the start of every phase; limits
//! μ0 ± L·(σ/√nᵢ)·√(λ/(2−λ)·[1 − (1−λ)^(2i)]), i counting from 1 in the phase.

use super::finish::{finish, Bounds, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::{EwmaOptions, EwmaUsed, Method};
use super::weighted::{limit_rules_only, sizes, targets_and_sigmas};
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;

/// EWMA chart of individual values or subgroup means (sizes as denominators). The
/// plotted values are the zᵢ.
///
/// ```
/// use measures_core::{ewma_chart, EwmaOptions, ChartOptions, Series};
/// let settings = EwmaOptions { target: Some(10.0), sigma: Some(1.0), lambda: 0.1, l: 2.7 };
/// let chart = ewma_chart(Series::new(&[9.45, 7.99])?, &ChartOptions::default(), &settings)?;
/// assert!((chart.values[0] - 9.945).abs() < 1e-12); // Montgomery Example 9.2
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn ewma_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &EwmaOptions,
) -> Result<Chart> {
    limit_rules_only(options, "EWMA")?;
    if !(settings.lambda > 0.0 && settings.lambda <= 1.0) {
        return Err(MeasuresError::InvalidOption {
            name: "lambda",
            reason: format!("must be in (0, 1], got {}", settings.lambda),
        });
    }
    if !(settings.l.is_finite() && settings.l > 0.0) {
        return Err(MeasuresError::InvalidOption {
            name: "l",
            reason: format!("must be a positive number, got {}", settings.l),
        });
    }
    series.require_every(
        "value",
        "an EWMA carries each point into the next, so it needs every one",
    )?;
    let n = series.len();
    let plan = PhasePlan::new(n, options)?;
    let sizes = sizes(&series)?;
    let (targets, sigmas) = targets_and_sigmas(&series, &plan, settings.target, settings.sigma)?;
    let values = series.values();
    let lambda = settings.lambda;
    let mut z = vec![0.0; n];
    let mut limits = Limits::new(n, plan.ranges.len());
    for (phase, range) in plan.ranges.iter().enumerate() {
        let mut previous = targets[phase];
        let mut decay = 1.0; // (1 − λ)^(2i)
        for i in range.clone() {
            previous = lambda * values[i] + (1.0 - lambda) * previous;
            z[i] = previous;
            decay *= (1.0 - lambda) * (1.0 - lambda);
            let se =
                sigmas[phase] / sizes[i].sqrt() * (lambda / (2.0 - lambda) * (1.0 - decay)).sqrt();
            limits.set(i, targets[phase], settings.l * se, se, Bounds::NONE);
        }
    }
    let used = EwmaUsed {
        lambda,
        l: settings.l,
        targets,
        sigmas,
    };
    finish(
        Draft {
            chart_type: ChartType::Ewma,
            method: Method::Ewma(used),
            series,
            values: z,
            options: &ChartOptions {
                rules: Some(options.rules.unwrap_or(RuleConfig::new(RuleSet::Limits))),
                ..options.clone()
            },
            plan,
            extra_signals: Vec::new(),
        },
        limits,
    )
}
