//! Individuals charts drawn on the measure's own scale but computed on a
//! transformed one: the t chart (times between rare events, y^(1/3.6)) and the
//! transformed XmR for right-skewed measures that can be zero, such as end-to-end
//! times (Yeo–Johnson, λ fitted to the data).
//!
//! An XmR chart of skewed values puts its lower limit below zero and flags the
//! ordinary long tail as special causes; on a scale where the values are close to
//! symmetric the limits describe the individual cases, and transformed back they
//! become asymmetric: "between 1 and 19 days", never "between −3 and 12".
//!
//! The rules run on the transformed scale; the transform keeps order, so "above the
//! limit" and "above the centre" mean the same on both scales. `sigma` is NaN on the
//! chart (one sigma has no single width on the original scale); a phase's
//! `moving_range` is on the transformed scale.

use super::finish::{finish, Draft};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::{Method, TransformedOptions};
use super::xmr::xmr_limits;
use crate::column::Column;
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::series::Series;
use crate::transform::{fit_yeo_johnson, Transform};

/// An XmR chart of `transform(values)`, with its lines transformed back. Lines that
/// transform back below `floor` (none for the t chart's power, which never goes
/// below 0) are set to it and recorded as clamped.
pub(crate) fn individuals_on(
    series: Series<'_>,
    options: &ChartOptions,
    xmr: &XmrOptions,
    transform: Transform,
    chart_type: ChartType,
    method: Method,
    floor: f64,
) -> Result<Chart> {
    let values = series.values();
    let transformed: Vec<f64> = values.iter().map(|&y| transform.forward(y)).collect();
    let plan = PhasePlan::for_series(&series, options)?;
    let (limits, _) = xmr_limits(&transformed, &plan, xmr, None)?;
    let mut chart = finish(
        Draft {
            chart_type,
            method,
            series,
            values: transformed,
            options,
            plan,
            extra_signals: Vec::new(),
        },
        limits,
    )?;
    chart.values = values.to_vec();
    let back = |x: f64| transform.back(x);
    let floored = |x: f64| back(x).max(floor);
    let floor_on_scale = transform.forward(floor);
    chart.centre = chart.centre.map(back);
    chart.upper = chart.upper.map(back);
    chart.lower_clamped = chart.lower.map(|l| l < floor_on_scale);
    chart.lower = chart.lower.map(floored);
    chart.sigma = Column::constant(f64::NAN, chart.len());
    for p in &mut chart.phases {
        p.centre = back(p.centre);
        p.upper = back(p.upper);
        p.lower = floored(p.lower);
        p.sigma = f64::NAN;
    }
    if let Some(phase) = chart.phases.iter().position(|p| !p.upper.is_finite()) {
        return Err(MeasuresError::Overflow {
            what: "the upper limit on the measure's scale",
            phase,
        });
    }
    Ok(chart)
}

/// An XmR chart for a right-skewed measure that cannot be negative (end-to-end
/// times, waits, costs): computed on the Yeo–Johnson scale, with λ fitted by maximum
/// likelihood to the points used for the limits (or the λ given), and drawn on the
/// measure's own scale with its lower limit floored at 0.
///
/// λ is searched over [−1, 1] (1 leaves the values as they are); when a λ below 0
/// would put an upper limit beyond what the transform can reach, the logarithm
/// (λ = 0) is used and a note says so.
///
/// ```
/// use measures_core::{transformed_xmr_chart, ChartOptions, Series, TransformedOptions};
/// let days = [3.0, 5.0, 4.0, 9.0, 6.0, 4.0, 12.0, 5.0, 7.0, 4.0, 6.0, 8.0, 2.0, 5.0, 3.0];
/// let chart = transformed_xmr_chart(Series::new(&days)?, &ChartOptions::default(), &TransformedOptions::default())?;
/// let phase = &chart.phases[0];
/// assert!(phase.lower >= 0.0 && phase.upper > 12.0);
/// assert!(phase.upper - phase.centre > phase.centre - phase.lower); // asymmetric
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn transformed_xmr_chart(
    series: Series<'_>,
    options: &ChartOptions,
    settings: &TransformedOptions,
) -> Result<Chart> {
    let (xmr, lambda) = (&settings.xmr, settings.lambda);
    let values = series.values();
    if let Some((index, &value)) = values.iter().enumerate().find(|(_, &v)| v < 0.0) {
        return Err(MeasuresError::InvalidValue {
            what: "value",
            index,
            value,
            reason: "is negative; a transformed XmR chart is for measures of 0 or more (times, counts, costs)"
                .into(),
        });
    }
    let lambda = match lambda {
        Some(l) if !(l.is_finite() && (-2.0..=2.0).contains(&l)) => {
            return Err(MeasuresError::InvalidOption {
                name: "lambda",
                reason: format!("{l} is outside [-2, 2]"),
            })
        }
        Some(l) => l,
        None => {
            let plan = PhasePlan::for_series(&series, options)?;
            let used: Vec<f64> = (0..values.len())
                .filter(|&i| plan.used[i])
                .map(|i| values[i])
                .collect();
            match fit_yeo_johnson(&used) {
                Ok(l) => l,
                // Too few points or no variation to fit: the values are left as they
                // are (λ = 1), and the chart itself says what is missing.
                Err(MeasuresError::TooFewPoints { .. } | MeasuresError::NoVariation { .. }) => 1.0,
                Err(other) => return Err(other),
            }
        }
    };
    let build = |lambda: f64| {
        let transform = Transform::YeoJohnson { lambda };
        let method = Method::TransformedXmr {
            xmr: *xmr,
            transform,
        };
        let chart_type = ChartType::TransformedXmr;
        individuals_on(series, options, xmr, transform, chart_type, method, 0.0)
    };
    let (mut chart, used) = match build(lambda) {
        Err(MeasuresError::Overflow { .. }) if lambda < 0.0 => (build(0.0)?, 0.0),
        other => (other?, lambda),
    };
    if used != lambda {
        chart.notes.push(format!(
            "the fitted Yeo-Johnson lambda ({lambda:.3}) leaves no finite upper limit, so the logarithm (lambda 0) is used"
        ));
    }
    chart.notes.push(format!(
        "limits computed on the Yeo-Johnson scale (lambda {used:.3}) and transformed back; rules run on that scale"
    ));
    Ok(chart)
}
