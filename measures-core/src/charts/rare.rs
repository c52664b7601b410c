//! Charts for rare events: the t chart (time between events) and the g chart
//! (opportunities or days between events).
//!
//! Sources: Nelson, L. S. (1994), "A control chart for parts-per-million
//! nonconforming items", *J. Quality Technology* 26(3) (the 1/3.6 power transform);
//! Benneyan, J. C. (2001), "Number-between g-type statistical quality control
//! charts", *Health Care Management Science* 4; Provost & Murray, *The Health Care
//! Data Guide* (2011), p. 228; qicharts2 `qic(chart = "t" | "g")`.

use super::finish::{finish, Bounds, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::{GCentre, GOptions, Method, G_MEDIAN_FACTOR, T_POWER};
use super::transformed::individuals_on;
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::series::Series;
use crate::stats::{mean, median_in_place};
use crate::transform::Transform;

/// t chart: an XmR chart of yᵢ^(1/3.6), with centre and limits transformed back by
/// ^3.6 (a negative transformed lower limit becomes 0, recorded as clamped).
///
/// The rules run on the transformed scale, where the chart is symmetric; the
/// transform keeps order, so "above the limit" and "above the centre" mean the same
/// on both scales. `sigma` is reported as NaN because one sigma has no single width
/// on the original scale; `moving_range` in the phase summary is on the transformed
/// scale. Times must be positive.
///
/// ```
/// use measures_core::{t_chart, ChartOptions, Series, XmrOptions};
/// let days = [16.0, 20.0, 5.0, 13.0, 1.0, 26.0, 46.0, 12.0];
/// let chart = t_chart(Series::new(&days)?, &ChartOptions::default(), &XmrOptions::textbook())?;
/// assert_eq!(chart.values[0], 16.0);
/// assert!(chart.upper[0] > chart.centre[0] && chart.centre[0] > chart.lower[0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn t_chart(series: Series<'_>, options: &ChartOptions, xmr: &XmrOptions) -> Result<Chart> {
    let values = series.values();
    if let Some((index, &value)) = values.iter().enumerate().find(|(_, &v)| v <= 0.0) {
        return Err(MeasuresError::InvalidValue {
            what: "time between events",
            index,
            value,
            reason: "is not positive; a t chart needs times greater than 0".into(),
        });
    }
    let transform = Transform::Power { power: T_POWER };
    let mut chart = individuals_on(
        series,
        options,
        xmr,
        transform,
        ChartType::T,
        Method::T(*xmr),
        0.0,
    )?;
    chart
        .notes
        .push("t chart: limits computed on times^(1/3.6) and transformed back; rules run on the transformed scale".into());
    Ok(chart)
}

/// g chart: counts of opportunities (or days) between events, with limits
/// ḡ ± 3√(ḡ(ḡ+1)) from the mean ḡ of the points used (Benneyan 2001; Montgomery
/// p. 319), the lower floored at 0, and the centre line at the median of those
/// points (qicharts2) or at 0.693·ḡ ([`GCentre::Geometric`]); the runs rules use it.
///
/// qcc's g chart uses exact geometric probability limits instead; this follows
/// qicharts2 and Benneyan's 3-sigma form. The default rules are `anhoej` (runs
/// around the median, and points outside the limits) because sigma-zone rules assume
/// a symmetric distribution. Counts must not be negative.
///
/// ```
/// use measures_core::{g_chart, GCentre, GOptions};
/// use measures_core::{ChartOptions, Series};
/// let s = Series::new(&[10.0, 30.0, 20.0, 5.0])?;
/// let chart = g_chart(s, &ChartOptions::default(), &GOptions::default())?;
/// assert_eq!(chart.centre[0], 15.0); // the median
/// assert!((chart.upper[0] - (16.25 + 3.0 * (16.25f64 * 17.25).sqrt())).abs() < 1e-12);
/// let geometric = g_chart(s, &ChartOptions::default(), &GOptions { centre: GCentre::Geometric })?;
/// assert!((geometric.centre[0] - 0.693 * 16.25).abs() < 1e-12);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn g_chart(series: Series<'_>, options: &ChartOptions, settings: &GOptions) -> Result<Chart> {
    let values = series.values();
    if let Some((index, &value)) = values.iter().enumerate().find(|(_, &v)| v < 0.0) {
        return Err(MeasuresError::InvalidValue {
            what: "count between events",
            index,
            value,
            reason: "is negative".into(),
        });
    }
    let plan = PhasePlan::for_series(&series, options)?;
    let mut limits = Limits::new(values.len(), plan.ranges.len());
    for (phase, range) in plan.ranges.iter().enumerate() {
        let g_bar = mean(range.clone().filter(|&i| plan.used[i]).map(|i| values[i]));
        if g_bar.is_nan() {
            return Err(MeasuresError::TooFewPoints {
                what: "the g chart mean",
                phase,
                needed: 1,
                got: 0,
            });
        }
        let sigma = (g_bar * (g_bar + 1.0)).sqrt();
        let centre = match settings.centre {
            GCentre::Median => {
                let mut used: Vec<f64> = range
                    .clone()
                    .filter(|&i| plan.used[i])
                    .map(|i| values[i])
                    .collect();
                median_in_place(&mut used)
            }
            GCentre::Geometric => G_MEDIAN_FACTOR * g_bar,
        };
        for i in range.clone() {
            limits.set(i, g_bar, 3.0 * sigma, sigma, Bounds::NON_NEGATIVE);
            limits.centre[i] = centre;
        }
    }
    finish(
        Draft {
            chart_type: ChartType::G,
            method: Method::G(*settings),
            series,
            values: values.to_vec(),
            options,
            plan,
            extra_signals: Vec::new(),
        },
        limits,
    )
}
