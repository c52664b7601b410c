//! Every demand measure of a case log in one report, as the CLI, Python and C give
//! it: volume, failure demand, Pareto, flow, and end-to-end capability overall and
//! per demand type, with the open cases.

use super::calendar::{Nation, WorkingCalendar};
use super::case_log::{CaseLog, DemandClass};
use super::end_to_end::{end_to_end_times, OpenCases, TimeUnit};
use super::failure::{failure_demand, FailureChart, FailureDemand};
use super::flow::{flow, Flow};
use super::group_capability::{censoring_horizon, period_times, GroupCapability};
use super::pareto::{pareto, Pareto};
use super::periods::{phase_starts, Period};
use super::pilot::{pilot_report, PilotReport, PilotSettings};
use super::summary::{
    age_profile, duration_measure, narrative, period_measure, AgeProfile, MeasureSummary,
    END_TO_END_ALL, FAILURE_DEMAND, VOLUME,
};
use super::time::Timestamp;
use super::units::{compare_units, UnitComparison};
use super::volume::{demand_volume, VolumeBy};
use crate::capability::CapabilityReport;
use crate::capability::{
    capability_report, OutlierSides, ReportOptions, StatementOptions, VerdictOptions,
};
use crate::change::{suggest_phases, PhaseSuggestions, SuggestOptions};
use crate::charts::ChartBrief;
use crate::charts::{transformed_xmr_chart, TransformedOptions};
use crate::charts::{Chart, ChartSpec};
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::options::{ChartOptions, Direction};
use crate::rules::RuleConfig;
use crate::series::Series;
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
    /// end-to-end charts at the first case *received* on or after it: a case
    /// belongs to the system it went through, so one received before a change
    /// counts in the phase before it however late it closed.
    pub changes: Vec<NaiveDate>,
    /// Special-cause rules (the chart type's default when `None`).
    pub rules: Option<RuleConfig>,
    /// End-to-end threshold for the share of cases within it.
    pub threshold: Option<f64>,
    /// Confidence level of every interval.
    pub level: f64,
    /// The units that piloted a change (the log's unit column names them): the
    /// report compares them with the rest from `pilot_change`.
    #[serde(default)]
    pub pilot: Vec<String>,
    /// The day the pilot's change began; the first of `changes` when `None`.
    #[serde(default)]
    pub pilot_change: Option<NaiveDate>,
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
            pilot: Vec::new(),
            pilot_change: None,
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
    /// Phase starts suggested by the chart's sustained signals (all demand only;
    /// see [`crate::change::suggest_phases`]); never applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_phases: Option<PhaseSuggestions>,
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
    /// Open cases by age band and type, and the oldest ten.
    pub open_profile: AgeProfile,
    /// The units (teams, areas) compared as funnels, when the log names them.
    pub units: Option<UnitComparison>,
    /// The pilot against the rest, when a pilot is named.
    pub pilot: Option<PilotReport>,
    /// One row per measure: the latest complete period, before and after each
    /// change, limits and icons.
    pub summary: Vec<MeasureSummary>,
    /// A few sentences from the numbers, for the top of a report.
    pub narrative: Vec<String>,
    /// What the reader should know.
    pub notes: Vec<String>,
}

/// A demand report without its per-case detail, as `measures demand --format json`
/// writes it by default: every measure, chart summary, statement and note, with the
/// end-to-end charts as [`ChartBrief`]s (phases, limits, counts; no points), no list
/// of case references and no list of open cases. Its size does not grow with the
/// number of cases (a 200,000-case report was 115 MB of JSON in full; see
/// [`DemandReport::brief`]). The full report serialises [`DemandReport`] itself.
#[derive(Debug, Clone, Serialize)]
pub struct DemandBrief<'a> {
    /// Cases in the log.
    pub cases: usize,
    /// First time received.
    pub from: Timestamp,
    /// The time the report is as of.
    pub as_of: Timestamp,
    /// The options used.
    pub options: &'a DemandOptions,
    /// Open cases: how many and their median age (the list is left out).
    pub open: OpenBrief,
    /// Demand per period.
    pub volume: &'a VolumeChart,
    /// Demand per period for each channel.
    pub volume_by_channel: &'a [VolumeChart],
    /// Demand per period for each demand type.
    pub volume_by_type: &'a [VolumeChart],
    /// Failure demand as a share of all demand per period.
    pub failure_demand: Option<&'a FailureDemand>,
    /// Pareto of all demand types.
    pub pareto_all: &'a Pareto,
    /// Pareto of value demand.
    pub pareto_value: &'a Pareto,
    /// Pareto of failure demand.
    pub pareto_failure: &'a Pareto,
    /// Cases received, closed and open per period.
    pub flow: &'a Flow,
    /// End-to-end times of all demand.
    pub end_to_end: GroupBrief<'a>,
    /// End-to-end times per demand type.
    pub end_to_end_by_type: Vec<GroupBrief<'a>>,
    /// Ages of open cases.
    pub open_profile: &'a AgeProfile,
    /// The units compared as funnels, when the log names them.
    pub units: Option<&'a UnitComparison>,
    /// The pilot against the rest, when a pilot is named.
    pub pilot: Option<&'a PilotReport>,
    /// One row per measure.
    pub summary: &'a [MeasureSummary],
    /// The report's story in sentences.
    pub narrative: &'a [String],
    /// Notes on the input and the methods.
    pub notes: &'a [String],
}

/// Open cases in a [`DemandBrief`]: the count and median age, not the list.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct OpenBrief {
    /// Cases open at the report's time.
    pub count: usize,
    /// The report's time.
    pub as_of: Timestamp,
    /// Median age of the open cases.
    pub median_age: f64,
}

/// A [`GroupCapability`] without its points and case references.
#[derive(Debug, Clone, Serialize)]
pub struct GroupBrief<'a> {
    /// `all demand` or the demand type.
    pub group: &'a str,
    /// Closed cases charted.
    pub closed: usize,
    /// Cases still open.
    pub open: usize,
    /// The chart's phases, limits, icons and counts.
    pub chart: Option<ChartBrief<'a>>,
    /// See [`GroupCapability::censored_from`].
    pub censored_from: Option<chrono::NaiveDate>,
    /// The times per period received.
    pub periods: &'a [super::group_capability::PeriodTimes],
    /// Statement (without its list of signals: the chart counts them), normality
    /// and share within the threshold.
    pub capability: Option<CapabilityBrief<'a>>,
    /// Why there is no chart or statement.
    pub error: Option<&'a str>,
}

/// A capability report whose statement leaves out its list of signals (the
/// chart's, which a long chart has thousands of).
#[derive(Debug, Clone, Copy)]
pub struct CapabilityBrief<'a>(pub &'a CapabilityReport);

impl Serialize for CapabilityBrief<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (r, st) = (self.0, &self.0.statement);
        let statement = StatementBrief {
            phase: st.phase,
            first: st.first,
            last: st.last,
            points: st.points,
            predictable: st.predictable,
            verdict: &st.verdict,
            average: st.average,
            centre: st.centre,
            lower: st.lower,
            upper: st.upper,
            lower_limit: st.lower_limit,
            coverage: st.coverage,
            text: &st.text,
        };
        let mut s = serializer.serialize_struct("CapabilityReport", 6)?;
        s.serialize_field("statement", &statement)?;
        s.serialize_field("normality", &r.normality)?;
        s.serialize_field("indices", &r.indices)?;
        s.serialize_field("percentile", &r.percentile)?;
        s.serialize_field("box_cox", &r.box_cox)?;
        s.serialize_field("within_threshold", &r.within_threshold)?;
        s.end()
    }
}

/// A capability statement's fields but its signals (docs/json.md, `statement`).
#[derive(Serialize)]
struct StatementBrief<'a> {
    phase: usize,
    first: usize,
    last: usize,
    points: usize,
    predictable: bool,
    verdict: &'a crate::capability::Predictability,
    average: f64,
    centre: f64,
    lower: f64,
    upper: f64,
    lower_limit: f64,
    coverage: f64,
    text: &'a str,
}

impl GroupCapability {
    /// This group without its points and case references.
    pub fn brief(&self) -> GroupBrief<'_> {
        GroupBrief {
            group: &self.group,
            closed: self.closed,
            open: self.open,
            chart: self.chart.as_ref().map(Chart::brief),
            censored_from: self.censored_from,
            periods: &self.periods,
            capability: self.capability.as_ref().map(CapabilityBrief),
            error: self.error.as_deref(),
        }
    }
}

impl DemandReport {
    /// The report without its per-case detail (see [`DemandBrief`]).
    ///
    /// ```
    /// use measures_core::demand::{demand_report, CaseColumns, CaseLog, DemandOptions};
    /// let id: Vec<String> = (0..40).map(|i| format!("C{i}")).collect();
    /// let received: Vec<String> = (0..40).map(|i| format!("2024-01-{:02}", 1 + i % 28)).collect();
    /// let closed: Vec<String> = (0..40).map(|i| format!("2024-02-{:02}", 1 + (i * 7) % 28)).collect();
    /// let log = CaseLog::from_columns(&CaseColumns { id: &id, received: &received, closed: &closed, ..Default::default() })?;
    /// let report = demand_report(&log, &DemandOptions::default())?;
    /// let brief = serde_json::to_value(report.brief()).unwrap();
    /// assert_eq!(brief["cases"], 40);
    /// assert!(brief["end_to_end"].get("ids").is_none());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn brief(&self) -> DemandBrief<'_> {
        DemandBrief {
            cases: self.cases,
            from: self.from,
            as_of: self.as_of,
            options: &self.options,
            open: OpenBrief {
                count: self.open.count,
                as_of: self.open.as_of,
                median_age: self.open.median_age,
            },
            volume: &self.volume,
            volume_by_channel: &self.volume_by_channel,
            volume_by_type: &self.volume_by_type,
            failure_demand: self.failure_demand.as_ref(),
            pareto_all: &self.pareto_all,
            pareto_value: &self.pareto_value,
            pareto_failure: &self.pareto_failure,
            flow: &self.flow,
            end_to_end: self.end_to_end.brief(),
            end_to_end_by_type: self
                .end_to_end_by_type
                .iter()
                .map(GroupCapability::brief)
                .collect(),
            open_profile: &self.open_profile,
            units: self.units.as_ref(),
            pilot: self.pilot.as_ref(),
            summary: &self.summary,
            narrative: &self.narrative,
            notes: &self.notes,
        }
    }
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
    // A change outside the log could show no effect: almost always a mistyped date.
    let (first, last) = (log.earliest().local_date, log.latest().local_date);
    for &change in &options.changes {
        if change <= first || change > last {
            return Err(MeasuresError::InvalidOption {
                name: "change",
                reason: format!(
                    "{change} is outside the log, whose cases run from {first} to {last}: \
                     a change must fall after the first case and by the last to be measured"
                ),
            });
        }
    }
    let calendar = WorkingCalendar::new(options.nation, &options.closures)?;
    let as_of = options.as_of.unwrap_or_else(|| log.latest());
    let times = end_to_end_times(log, options.unit, &calendar, Some(as_of))?;
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
                    suggested_phases: None,
                },
                Err(e) => VolumeChart {
                    group,
                    chart: None,
                    error: Some(e.to_string()),
                    suggested_phases: None,
                },
            })
            .collect()
    };
    let mut volume = volume_charts(VolumeBy::All)
        .into_iter()
        .next()
        .unwrap_or(VolumeChart {
            group: "all demand".into(),
            chart: None,
            error: Some("no demand".into()),
            suggested_phases: None,
        });
    // Where demand changed, from the chart's own values and options (its counts).
    volume.suggested_phases = volume.chart.as_ref().and_then(|c| {
        let series = Series::new(&c.values).ok()?;
        let series = match &c.labels {
            Some(l) => series.with_label_slice(l.as_slice()).ok()?,
            None => series,
        };
        suggest_phases(
            &ChartSpec::Xmr(XmrOptions::default()),
            series.into(),
            &c.options,
            &SuggestOptions::default(),
        )
        .ok()
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
    let (received_at, closed_at) = (log.received(), log.closed());
    let is_open = |i: usize| closed_at[i].is_none_or(|t| t > as_of) && received_at[i] <= as_of;
    // Each case's type as its place in `types`, found once: the per-type charts
    // below pick their cases by number, not by comparing names a million times each.
    let types = &log.types().names;
    let type_of = &log.types().codes;
    // Each type's cases (ascending) and its closed cases' places in end_to_end's
    // order, sorted out once: each group then reads its own cases only.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); types.len()];
    for (i, &k) in type_of.iter().enumerate() {
        if let Some(m) = members.get_mut(k as usize) {
            m.push(i as u32);
        }
    }
    let mut closed_members: Vec<Vec<u32>> = vec![Vec::new(); types.len()];
    for (k, &i) in times.order.iter().enumerate() {
        if let Some(m) = closed_members.get_mut(type_of[i] as usize) {
            m.push(k as u32);
        }
    }
    let earliest = log.earliest().local_date;
    // `group`'s cases are `members` (ascending case indices) and its closed ones
    // `picked` (ascending places in end_to_end's order of receipt).
    let group_capability = |group: &str,
                            members: Picked<'_>,
                            picked: Picked<'_>|
     -> GroupCapability {
        // All demand mixes types whose times differ (an adaptation takes weeks, a
        // progress query a day): a case far out for the mixture can be ordinary for
        // its type, so outliers are judged on each type's own chart.
        let mixed = group == ALL && types.len() > 1;
        let open = members.iter().filter(|&i| is_open(i)).count();
        let values: Vec<f64> = picked.iter().map(|k| times.times[k]).collect();
        let ids = log.ids_at(picked.iter().map(|k| times.order[k] as u32).collect());
        let received: Vec<NaiveDate> = picked
            .iter()
            .map(|k| received_at[times.order[k]].local_date)
            .collect();
        let censored_from = censoring_horizon(
            members
                .iter()
                .filter(|&i| received_at[i] <= as_of)
                .map(|i| (received_at[i].local_date, is_open(i))),
            options.period,
        );
        let censored: Vec<usize> = match censored_from {
            Some(h) => (received.partition_point(|d| *d < h)..received.len()).collect(),
            None => Vec::new(),
        };
        if let Some(h) = censored_from.filter(|_| values.len() - censored.len() < 2) {
            let error = format!(
                "too early to chart end-to-end times: {} of the {} closed cases were received from {h} on, \
                 when enough cases are still open that those closed so far are the quick ones",
                censored.len(),
                values.len()
            );
            return GroupCapability {
                group: group.to_string(),
                closed: values.len(),
                open,
                chart: None,
                ids,
                censored_from,
                periods: Vec::new(),
                capability: None,
                error: Some(error),
            };
        }
        let chart_options = ChartOptions {
            direction: Direction::LowerIsBetter,
            exclude: censored,
            phase_starts: phase_starts(&received, &options.changes),
            rules: options.rules,
            ..ChartOptions::default()
        };
        let built = Series::new(&values)
            .and_then(|s| transformed_xmr_chart(s, &chart_options, &TransformedOptions::default()))
            .and_then(|mut chart| {
                // Labelled by the date received, which several cases share (so they
                // cannot label the series, whose labels are unique); `ids` names each
                // point's case. The labels are written digit by digit: a million of
                // them through `Display` took a tenth of the report.
                chart.labels = Some(crate::labels::Labels::Days(
                    received.iter().map(|&d| crate::labels::days_of(d)).collect(),
                ));
                if mixed {
                    chart.notes.push(
                        "outliers are judged per demand type: a case far out for all demand together can be ordinary for its type".into(),
                    );
                }
                if let Some(h) = censored_from {
                    chart.notes.push(format!(
                        "cases received from {h} on are plotted but kept out of the limits and the verdict: \
                         enough of them are still open that those closed so far are the quicker ones"
                    ));
                }
                let report = capability_report(
                    &chart,
                    &ReportOptions {
                        statement: StatementOptions {
                            floor: Some(0.0),
                            unit: options.unit.words().into(),
                            verdict: VerdictOptions {
                                outliers: if mixed {
                                    OutlierSides::None
                                } else {
                                    OutlierSides::High
                                },
                                ..VerdictOptions::default()
                            },
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
        let periods = period_times(
            &received,
            &values,
            members
                .iter()
                .filter(|&i| is_open(i))
                .map(|i| received_at[i].local_date),
            built.as_ref().ok().map(|(chart, _)| chart),
            options.period,
            (earliest, as_of.local_date),
            censored_from,
        );
        let (chart, capability, error) = match built {
            Ok((chart, report)) => (Some(chart), Some(report), None),
            Err(e) => (None, None, Some(e.to_string())),
        };
        GroupCapability {
            group: group.to_string(),
            closed: values.len(),
            open,
            chart,
            ids,
            censored_from,
            periods,
            capability,
            error,
        }
    };
    let overall = group_capability(ALL, Picked::All(log.len()), Picked::All(times.order.len()));
    let places: Vec<usize> = (0..types.len()).collect();
    // Worth spreading over the cores from some tens of thousands of cases.
    let large = log.len() >= 50_000;
    let by_type: Vec<GroupCapability> = crate::parallel::map(&places, large, |&k| {
        group_capability(
            &types[k],
            Picked::Listed(&members[k]),
            Picked::Listed(&closed_members[k]),
        )
    });
    if log.blank_rows() > 0 {
        notes.push(format!(
            "{} row{} of the log had every field empty and {} skipped",
            log.blank_rows(),
            if log.blank_rows() == 1 { "" } else { "s" },
            if log.blank_rows() == 1 { "was" } else { "were" }
        ));
    }
    if times.open.count > 0 {
        notes.push(format!(
            "{} cases were still open on {}: they are not in the end-to-end charts; see open for their ages",
            times.open.count, as_of.local_date
        ));
    }
    let unit = options.unit.words();
    let mut summary = Vec::new();
    let changes = &options.changes;
    if let Some(m) = duration_measure(END_TO_END_ALL, unit, &overall, changes) {
        summary.push(m);
    }
    if let Some(chart) = &volume.chart {
        summary.push(period_measure(
            VOLUME,
            &format!("cases per {}", options.period.name()),
            chart,
            changes,
        ));
    }
    if let Some(f) = &failure {
        summary.push(period_measure(FAILURE_DEMAND, "share", &f.chart, changes));
    }
    for g in &by_type {
        let name = format!("End-to-end time, {}", g.group);
        summary.extend(duration_measure(&name, unit, g, changes));
    }
    let mut narrative = narrative(&summary, &times.open, unit);
    let units = compare_units(log, &times, options.threshold, unit);
    let pilot = if options.pilot.is_empty() {
        None
    } else {
        let change = options
            .pilot_change
            .or_else(|| options.changes.first().copied())
            .ok_or_else(|| {
                MeasuresError::invalid_option(
                    "pilot",
                    "give the date the pilot's change began (a change date)",
                )
            })?;
        let known: std::collections::HashSet<&str> =
            (0..log.len()).filter_map(|i| log.unit(i)).collect();
        if known.is_empty() {
            return Err(MeasuresError::invalid_option("pilot", "the log names no unit for its cases: give the column of units (--unit COL) to compare a pilot"));
        }
        if let Some(missing) = options.pilot.iter().find(|p| !known.contains(p.as_str())) {
            let mut names: Vec<&str> = known.into_iter().collect();
            names.sort_unstable();
            return Err(MeasuresError::invalid_option(
                "pilot",
                format!(
                    "{missing:?} is not a unit of the log ({})",
                    names.join(", ")
                ),
            ));
        }
        let report = pilot_report(
            log,
            &times,
            &PilotSettings {
                pilot: &options.pilot,
                change,
                period: options.period,
                level: options.level,
                censored_from: overall.censored_from,
                unit_words: unit,
            },
        );
        narrative.extend(
            report
                .holding
                .iter()
                .map(|h| format!("Pilot ({}): {h}", options.pilot.join(", "))),
        );
        Some(report)
    };
    if let Some(c) = &units {
        let within = format!("Cases completed within {} {unit}", c.threshold_words());
        for (measure, f) in [
            ("Failure demand", &c.failure_demand),
            (within.as_str(), &c.within_threshold),
        ] {
            if let Some(f) = f {
                narrative.push(format!("{measure}, by unit: {}", f.summary));
            }
        }
    }
    Ok(DemandReport {
        cases: log.len(),
        from: log.earliest(),
        as_of,
        options: options.clone(),
        open_profile: age_profile(&times.open, options.unit),
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
        units,
        pilot,
        summary,
        narrative,
        notes,
    })
}

const ALL: &str = "all demand";

/// A group's cases (or its closed cases' places in end-to-end order): all of them,
/// or those listed, ascending. All demand's are every case, not a list of ten
/// million numbers.
#[derive(Clone, Copy)]
enum Picked<'a> {
    All(usize),
    Listed(&'a [u32]),
}

impl<'a> Picked<'a> {
    fn iter(self) -> Box<dyn Iterator<Item = usize> + 'a> {
        match self {
            Picked::All(n) => Box::new(0..n),
            Picked::Listed(list) => Box::new(list.iter().map(|&k| k as usize)),
        }
    }
}
