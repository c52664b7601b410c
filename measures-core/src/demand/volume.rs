//! Demand volume per period: is demand predictable? Counts per period (with zero
//! for periods without demand) on an XmR chart, overall or per channel or type.

use super::case_log::CaseLog;
use super::periods::{Period, PeriodCounts};
use crate::charts::xmr_chart;
use crate::charts::Chart;
use crate::error::Result;
use crate::estimators::moving_range::XmrOptions;
use crate::options::ChartOptions;
use crate::series::Series;
use serde::{Deserialize, Serialize};

/// How demand volume is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeBy {
    /// All demand together.
    All,
    /// One chart per channel.
    Channel,
    /// One chart per demand type.
    Type,
}

/// Demand received per `period` on XmR charts: one for all demand, or one per
/// channel or type (named by the group). Incomplete first and last periods are
/// plotted but left out of the limits. A group whose chart cannot be drawn (too few
/// periods) comes back as an error in its slot, so one rare type does not stop the rest.
///
/// ```
/// use measures_core::demand::{demand_volume, Case, CaseLog, DemandClass, Period, VolumeBy};
/// use measures_core::demand::time::Timestamp;
/// use measures_core::ChartOptions;
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let cases: Vec<Case> = (1..=20).map(|d| Case::new(d.to_string(), t(&format!("2024-01-{d:02}")), None, DemandClass::Value)).collect();
/// let log = CaseLog::new(cases)?;
/// let charts = demand_volume(&log, Period::Day, VolumeBy::All, &ChartOptions::default());
/// let (name, chart) = &charts[0];
/// assert_eq!(name, "all demand");
/// assert_eq!(chart.as_ref().unwrap().values, vec![1.0; 20]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn demand_volume(
    log: &CaseLog,
    period: Period,
    by: VolumeBy,
    options: &ChartOptions,
) -> Vec<(String, Result<Chart>)> {
    let periods =
        PeriodCounts::spanning(period, log.earliest().local_date, log.latest().local_date);
    let all;
    let (groups, codes): (&[String], Option<&[u32]>) = match by {
        VolumeBy::All => {
            all = ["all demand".to_string()];
            (&all, None)
        }
        VolumeBy::Channel => (&log.channels().names, Some(&log.channels().codes)),
        VolumeBy::Type => (&log.types().names, Some(&log.types().codes)),
    };
    let mut counts = vec![vec![0.0; periods.starts.len()]; groups.len()];
    for (i, received) in log.received().iter().enumerate() {
        let g = codes.map_or(0, |codes| codes[i] as usize);
        if let (Some(counts), Some(p)) = (counts.get_mut(g), periods.index_of(received.local_date))
        {
            counts[p] += 1.0;
        }
    }
    let labels = periods.labels();
    let mut chart_options = options.clone();
    chart_options.exclude.extend(periods.incomplete());
    groups
        .iter()
        .cloned()
        .zip(counts)
        .map(|(name, values)| {
            let chart = Series::new(&values)
                .and_then(|s| s.with_labels(&labels))
                .and_then(|s| xmr_chart(s, &chart_options, &XmrOptions::default()));
            (name, chart)
        })
        .collect()
}
