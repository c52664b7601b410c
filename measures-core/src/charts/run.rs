//! The run chart: values around their median, tested with Anhøj's runs rules.
//!
//! Source: Anhøj & Olesen (2014), PLoS ONE 9(11): e113825; qicharts2 `qic(chart = "run")`.

use super::finish::{finish, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::Method;
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::series::Series;
use crate::stats::median_in_place;

/// Build a run chart: the centre line of each phase is the median of the points used
/// for it; there are no limits. The default rules are `anhoej`; rules that need
/// limits (the `nhs`, `western_electric`, `nelson` and `limits` sets) are refused
/// with [`MeasuresError::RuleNeedsLimits`].
///
/// ```
/// use measures_core::{run_chart, ChartOptions, Series};
/// let v = [3.0, 5.0, 4.0, 6.0, 2.0];
/// let chart = run_chart(Series::new(&v)?, &ChartOptions::default())?;
/// assert_eq!(chart.centre[0], 4.0);
/// assert!(chart.upper[0].is_nan());
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn run_chart(series: Series<'_>, options: &ChartOptions) -> Result<Chart> {
    let values = series.values();
    let n = values.len();
    let plan = PhasePlan::for_series(&series, options)?;
    let mut limits = Limits::new(n, plan.ranges.len());
    let mut scratch = Vec::new();
    for (phase, range) in plan.ranges.iter().enumerate() {
        scratch.clear();
        scratch.extend(range.clone().filter(|&i| plan.used[i]).map(|i| values[i]));
        if scratch.is_empty() {
            return Err(MeasuresError::TooFewPoints {
                what: "the run chart median",
                phase,
                needed: 1,
                got: 0,
            });
        }
        let median = median_in_place(&mut scratch);
        limits.centre[range.clone()]
            .iter_mut()
            .for_each(|c| *c = median);
    }
    finish(
        Draft {
            chart_type: ChartType::Run,
            method: Method::Run,
            series,
            values: values.to_vec(),
            options,
            plan,
            extra_signals: Vec::new(),
        },
        limits,
    )
}
