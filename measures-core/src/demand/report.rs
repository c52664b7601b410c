//! Every demand measure of a case log in one report, as the CLI, Python and C give
//! it: volume, failure demand, Pareto, flow, and end-to-end capability overall and
//! per demand type, with the open cases.

use super::calendar::{Nation, WorkingCalendar};
use super::end_to_end::{end_to_end, OpenCases, TimeUnit};
use super::failure::{failure_demand, FailureChart, FailureDemand};
use super::flow::{flow, Flow};
use super::pareto::{pareto, Pareto};
use super::periods::{phase_starts, Period};
use super::time::Timestamp;
use super::volume::{demand_volume, VolumeBy};
use super::{CaseLog, DemandClass, NONE};
use crate::capability::{capability_report, CapabilityReport, ReportOptions, StatementOptions};
use crate::chart::Chart;
use crate::error::Result;
use crate::options::{ChartOptions, Direction};
use crate::rules::RuleConfig;
use crate::series::Series;
use crate::xmr::{xmr, XmrOptions};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What to compute, and how.
///
/// ```
/// use measures_core::demand::{DemandOptions, Period, TimeUnit};
/// let o = DemandOptions::default();
/// assert_eq!((o.period, o.unit), (Period::Week, TimeUnit::CalendarDays));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DemandOptions {
    /// Period for volume and failure demand.
    pub period: Period,
    /// Unit of end-to-end times.
    pub unit: TimeUnit,
    /// Bank holidays for working days (weekends only when `None`).
    pub nation: Option<Nation>,
    /// Extra days the service was closed.
    pub closures: Vec<NaiveDate>,
    /// The time open cases are aged to; the latest time in the log by default.
    pub as_of: Option<Timestamp>,
    /// Which chart shows the failure-demand rate.
    pub failure_chart: FailureChart,
    /// Dates of changes to the system: each starts a new phase (limits recalculated)
    /// in the period charts at the first period starting on or after it, and in the
    /// end-to-end charts at the first case closed on or after it; cases received
    /// before a change and closed after it are kept out of the new phase's limits.
    pub changes: Vec<NaiveDate>,
    /// Special-cause rules (the chart type's default when `None`).
    pub rules: Option<RuleConfig>,
    /// End-to-end threshold for the share of cases within it.
    pub threshold: Option<f64>,
    /// Confidence level of every interval.
    pub level: f64,
}

impl Default for DemandOptions {
    fn default() -> Self {
        DemandOptions {
            period: Period::Week,
            unit: TimeUnit::CalendarDays,
            nation: None,
            closures: Vec::new(),
            as_of: None,
            failure_chart: FailureChart::Auto,
            changes: Vec::new(),
            rules: None,
            threshold: None,
            level: 0.95,
        }
    }
}

/// A volume chart of one group, or why it could not be drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolumeChart {
    /// The group (`all demand`, a channel or a type).
    pub group: String,
    /// The chart; `None` when it could not be drawn (see `error`).
    pub chart: Option<Chart>,
    /// Why there is no chart.
    pub error: Option<String>,
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
    /// XmR chart of end-to-end times in order of completion; `None` with `error`.
    pub chart: Option<Chart>,
    /// Statement, normality and share within the threshold.
    pub capability: Option<CapabilityReport>,
    /// Why there is no chart or statement (e.g. too few closed cases).
    pub error: Option<String>,
}

/// Every demand measure of a log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandReport {
    /// Cases in the log.
    pub cases: usize,
    /// First receipt and the as-of time.
    pub from: Timestamp,
    /// The time open cases are aged to.
    pub as_of: Timestamp,
    /// The options used.
    pub options: DemandOptions,
    /// Open cases with their ages (never dropped).
    pub open: OpenCases,
    /// Demand received per period.
    pub volume: VolumeChart,
    /// Per channel.
    pub volume_by_channel: Vec<VolumeChart>,
    /// Per demand type.
    pub volume_by_type: Vec<VolumeChart>,
    /// Failure demand rate; `None` when no case is classified (see `notes`).
    pub failure_demand: Option<FailureDemand>,
    /// Pareto of all demand types.
    pub pareto_all: Pareto,
    /// Pareto of value demand types.
    pub pareto_value: Pareto,
    /// Pareto of failure demand types.
    pub pareto_failure: Pareto,
    /// First-contact resolution, handoffs and repeat demand.
    pub flow: Flow,
    /// End-to-end capability of all cases.
    pub end_to_end: GroupCapability,
    /// End-to-end capability per demand type.
    pub end_to_end_by_type: Vec<GroupCapability>,
    /// What the reader should know.
    pub notes: Vec<String>,
}

/// Compute every demand measure of a log.
///
/// ```
/// use measures_core::demand::{demand_report, Case, CaseLog, DemandClass, DemandOptions, Period};
/// use measures_core::demand::time::Timestamp;
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let cases: Vec<Case> = (1..=28).map(|d| {
///     let class = if d % 4 == 0 { DemandClass::Failure } else { DemandClass::Value };
///     Case::new(d.to_string(), t(&format!("2024-02-{d:02}")), Some(t(&format!("2024-03-{d:02}"))), class)
/// }).collect();
/// let r = demand_report(&CaseLog::new(cases)?, &DemandOptions { period: Period::Day, ..Default::default() })?;
/// assert_eq!(r.end_to_end.closed, 28);
/// assert_eq!(r.failure_demand.unwrap().failure, 7);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn demand_report(log: &CaseLog, options: &DemandOptions) -> Result<DemandReport> {
    // Checked up front: the flow intervals would otherwise be computed at a level
    // that means nothing.
    crate::capability::check_level(options.level)?;
    let calendar = WorkingCalendar::new(options.nation, &options.closures)?;
    let as_of = options.as_of.unwrap_or_else(|| log.latest());
    let times = end_to_end(log, options.unit, &calendar, Some(as_of))?;
    let mut notes = Vec::new();
    if options.unit == TimeUnit::WorkingDays && options.nation.is_none() {
        notes.push(
            "working days count weekends as closed but no bank holidays: name a nation for those"
                .into(),
        );
    }

    let period_options = |starts: &[NaiveDate]| ChartOptions {
        phase_starts: phase_starts(starts, &options.changes),
        rules: options.rules,
        ..ChartOptions::default()
    };
    let period_starts = super::periods::PeriodCounts::spanning(
        options.period,
        log.earliest().local_date,
        log.latest().local_date,
    )
    .starts;
    let volume_options = period_options(&period_starts);
    let volume_charts = |by| -> Vec<VolumeChart> {
        demand_volume(log, options.period, by, &volume_options)
            .into_iter()
            .map(|(group, chart)| match chart {
                Ok(chart) => VolumeChart {
                    group,
                    chart: Some(chart),
                    error: None,
                },
                Err(e) => VolumeChart {
                    group,
                    chart: None,
                    error: Some(e.to_string()),
                },
            })
            .collect()
    };
    let volume = volume_charts(VolumeBy::All)
        .into_iter()
        .next()
        .unwrap_or(VolumeChart {
            group: "all demand".into(),
            chart: None,
            error: Some("no demand".into()),
        });

    let failure = {
        let chart_options = ChartOptions {
            rules: options.rules,
            ..ChartOptions::default()
        };
        match failure_demand(
            log,
            options.period,
            options.failure_chart,
            &chart_options,
            &options.changes,
        ) {
            Ok(f) => Some(f),
            Err(e) => {
                notes.push(format!("no failure-demand rate: {e}"));
                None
            }
        }
    };

    let cases = log.cases();
    // Open cases per demand type, by the same test end_to_end uses.
    let mut open_by_type: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in cases {
        if c.closed.is_none_or(|t| t > as_of) && c.received <= as_of {
            *open_by_type
                .entry(c.demand_type.as_deref().unwrap_or(NONE))
                .or_default() += 1;
        }
    }
    let closed_dates_of = |k: usize| {
        cases[times.order[k]]
            .closed
            .map_or(as_of.local_date, |c| c.local_date)
    };
    let group_capability = |group: &str, keep: &dyn Fn(usize) -> bool| -> GroupCapability {
        let picked: Vec<usize> = (0..times.order.len())
            .filter(|&k| keep(times.order[k]))
            .collect();
        let open = if group == ALL {
            times.open.count
        } else {
            open_by_type.get(group).copied().unwrap_or(0)
        };
        let values: Vec<f64> = picked.iter().map(|&k| times.times[k]).collect();
        let ids: Vec<String> = picked.iter().map(|&k| times.ids[k].clone()).collect();
        let closed_dates: Vec<NaiveDate> = picked
            .iter()
            .map(|&k| {
                cases[times.order[k]]
                    .closed
                    .map_or(as_of.local_date, |c| c.local_date)
            })
            .collect();
        // Cases received before a change but closed after it belong to neither system:
        // they are plotted and tested, but kept out of the new phase's limits.
        let straddling: Vec<usize> = picked
            .iter()
            .enumerate()
            .filter(|(_, &k)| {
                let received = cases[times.order[k]].received.local_date;
                options
                    .changes
                    .iter()
                    .any(|ch| received < *ch && closed_dates_of(k) >= *ch)
            })
            .map(|(j, _)| j)
            .collect();
        let chart_options = ChartOptions {
            direction: Direction::LowerIsBetter,
            exclude: straddling,
            phase_starts: phase_starts(&closed_dates, &options.changes),
            rules: options.rules,
            ..ChartOptions::default()
        };
        let built = Series::new(&values)
            .and_then(|s| s.with_labels(&ids))
            .and_then(|s| xmr(s, &chart_options, &XmrOptions::default()))
            .and_then(|chart| {
                let report = capability_report(
                    &chart,
                    &ReportOptions {
                        statement: StatementOptions {
                            floor: Some(0.0),
                            unit: options.unit.words().into(),
                            ..StatementOptions::default()
                        },
                        threshold: options.threshold,
                        direction: Direction::LowerIsBetter,
                        level: options.level,
                        ..ReportOptions::default()
                    },
                )?;
                Ok((chart, report))
            });
        match built {
            Ok((chart, report)) => GroupCapability {
                group: group.to_string(),
                closed: values.len(),
                open,
                chart: Some(chart),
                capability: Some(report),
                error: None,
            },
            Err(e) => GroupCapability {
                group: group.to_string(),
                closed: values.len(),
                open,
                chart: None,
                capability: None,
                error: Some(e.to_string()),
            },
        }
    };
    let overall = group_capability(ALL, &|_| true);
    let by_type = log
        .groups(|c| c.demand_type.as_deref())
        .into_iter()
        .map(|name| {
            group_capability(&name, &|i| {
                cases[i].demand_type.as_deref().unwrap_or(NONE) == name
            })
        })
        .collect();
    if times.open.count > 0 {
        notes.push(format!(
            "{} cases were still open on {}: they are not in the end-to-end charts; see open for their ages",
            times.open.count, as_of.local_date
        ));
    }
    Ok(DemandReport {
        cases: log.len(),
        from: log.earliest(),
        as_of,
        options: options.clone(),
        open: times.open.clone(),
        volume,
        volume_by_channel: volume_charts(VolumeBy::Channel),
        volume_by_type: volume_charts(VolumeBy::Type),
        failure_demand: failure,
        pareto_all: pareto(log, None),
        pareto_value: pareto(log, Some(DemandClass::Value)),
        pareto_failure: pareto(log, Some(DemandClass::Failure)),
        flow: flow(log, options.level),
        end_to_end: overall,
        end_to_end_by_type: by_type,
        notes,
    })
}

const ALL: &str = "all demand";
