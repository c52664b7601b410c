//! End-to-end capability per group of cases (all demand, each demand type): the
//! types a report carries, and the reading of a group's times per period received,
//! with the horizon after which the end of the log cuts them short.

use super::periods::{Period, PeriodCounts};
use crate::capability::CapabilityReport;
use crate::charts::Chart;
use crate::stats::{mean, quantile_sorted};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// End-to-end times of the cases received in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodTimes {
    /// First day of the period.
    pub start: NaiveDate,
    /// Closed cases received in the period.
    pub cases: usize,
    /// Cases received in the period and still open.
    pub open: usize,
    /// Median end-to-end time (NaN/`null` without closed cases).
    pub median: f64,
    /// Mean end-to-end time.
    pub mean: f64,
    /// 10th and 90th percentiles (R's default quantile type 7).
    pub p10: f64,
    /// 90th percentile.
    pub p90: f64,
    /// Phase of the chart the period's cases belong to (zero-based).
    pub phase: usize,
    /// The period lies wholly within the log and before the censoring horizon, so
    /// its times are not cut short by the end of the data.
    pub complete: bool,
}

/// End-to-end capability of one group of cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCapability {
    /// `all demand` or the demand type.
    pub group: String,
    /// Closed cases charted.
    pub closed: usize,
    /// Cases still open.
    pub open: usize,
    /// Transformed XmR chart (Yeo–Johnson) of the closed cases' end-to-end times in
    /// order of receipt, labelled by the date received, with a phase per change by
    /// date received; `None` with `error`.
    pub chart: Option<Chart>,
    /// Case references of the chart's points, in its order (places in the log's
    /// references: a `String` each was 400 MB for ten million cases).
    pub ids: super::case_log::CaseIds,
    /// Cases received on or after this date are plotted but kept out of the limits
    /// and the verdict: so many of them are still open that those closed so far are
    /// the quick ones (`None` when the end of the log cuts no period short).
    pub censored_from: Option<NaiveDate>,
    /// The times per period received, for reading a long chart.
    pub periods: Vec<PeriodTimes>,
    /// Statement, normality and share within the threshold.
    pub capability: Option<CapabilityReport>,
    /// Why there is no chart or statement (e.g. too few closed cases).
    pub error: Option<String>,
}

/// A received period's cases count as cut short by the end of the log while more
/// than this share of them is still open: those closed so far are then the quick
/// ones, and their times would show a fall that is only the data ending.
const CENSORED_SHARE: f64 = 0.01;

/// The start of the trailing run of periods (by date received) in which more than
/// [`CENSORED_SHARE`] of the cases are still open; `None` when the last period is
/// not one of them. Periods with no cases neither end nor extend the run.
pub(super) fn censoring_horizon(
    cases: impl Iterator<Item = (NaiveDate, bool)>,
    period: Period,
) -> Option<NaiveDate> {
    let mut by_period: std::collections::BTreeMap<NaiveDate, (usize, usize)> =
        std::collections::BTreeMap::new();
    for (received, open) in cases {
        let slot = by_period.entry(period.start(received)).or_default();
        slot.0 += 1;
        slot.1 += usize::from(open);
    }
    let mut horizon = None;
    for (&start, &(all, open)) in by_period.iter().rev() {
        if open as f64 > CENSORED_SHARE * all as f64 {
            horizon = Some(start);
        } else {
            break;
        }
    }
    horizon
}

/// Per period received: how many cases, their median, mean and 10th–90th
/// percentiles, and whether the period is complete.
pub(super) fn period_times(
    received: &[NaiveDate],
    values: &[f64],
    open: impl Iterator<Item = NaiveDate>,
    chart: Option<&Chart>,
    period: Period,
    (first, last): (NaiveDate, NaiveDate),
    censored_from: Option<NaiveDate>,
) -> Vec<PeriodTimes> {
    let spans = PeriodCounts::spanning(period, first, last);
    let n = spans.starts.len();
    let mut open_in = vec![0usize; n];
    for d in open {
        if let Some(p) = spans.index_of(d) {
            open_in[p] += 1;
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    for (p, &start) in spans.starts.iter().enumerate() {
        let from = k;
        while k < received.len() && spans.index_of(received[k]) == Some(p) {
            k += 1;
        }
        let mut times: Vec<f64> = values[from..k].to_vec();
        times.sort_unstable_by(f64::total_cmp);
        let phase = chart
            .and_then(|c| c.phase.get(from.min(values.len().saturating_sub(1))))
            .unwrap_or(0) as usize;
        out.push(PeriodTimes {
            start,
            cases: times.len(),
            open: open_in[p],
            median: quantile_sorted(&times, 0.5),
            mean: mean(times.iter().copied()),
            p10: quantile_sorted(&times, 0.1),
            p90: quantile_sorted(&times, 0.9),
            phase,
            complete: spans.complete[p] && censored_from.is_none_or(|h| start < h),
        });
    }
    out
}
