//! End-to-end time per case, from the resident's point of view: from the moment the
//! demand arrived to the moment the need was met. Open cases get their age so far.

use super::calendar::WorkingCalendar;
use super::case_log::CaseLog;
use super::time::Timestamp;
use crate::error::{MeasuresError, Result};
use crate::stats::median_in_place;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The unit end-to-end times are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Calendar days between the London dates (same day is 0).
    #[default]
    CalendarDays,
    /// Elapsed hours, exact across clock changes.
    Hours,
    /// Working days after the day received up to and including the day closed
    /// (weekends, bank holidays and closure days do not count).
    WorkingDays,
}

impl TimeUnit {
    /// The unit in words, for statements.
    pub fn words(self) -> &'static str {
        match self {
            TimeUnit::CalendarDays => "days",
            TimeUnit::Hours => "hours",
            TimeUnit::WorkingDays => "working days",
        }
    }
}

/// An open case and how long it has been open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenCase {
    /// Case reference.
    pub id: String,
    /// Age so far, in the unit asked for.
    pub age: f64,
    /// The London date it was received.
    pub received: NaiveDate,
    /// Its demand type, if the log has one.
    pub demand_type: Option<String>,
}

/// Cases still open at the "as of" time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenCases {
    /// How many.
    pub count: usize,
    /// The time their ages are measured to.
    pub as_of: Timestamp,
    /// Median age (NaN/`null` when none are open).
    pub median_age: f64,
    /// The open cases, oldest first.
    pub cases: Vec<OpenCase>,
}

/// End-to-end times of closed cases, in order of receipt, and the open cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndToEnd {
    /// The unit of `times` and of the open cases' ages.
    pub unit: TimeUnit,
    /// Positions in the log of the closed cases, in order of receipt (ties by
    /// reference): a case belongs to the system it went through, the one in place
    /// when it arrived.
    pub order: Vec<usize>,
    /// End-to-end time of each closed case, in that order.
    pub times: Vec<f64>,
    /// Case references, in that order (labels for a chart).
    pub ids: Vec<String>,
    /// Cases not closed by the as-of time.
    pub open: OpenCases,
}

fn elapsed(
    unit: TimeUnit,
    calendar: &WorkingCalendar,
    from: &Timestamp,
    to: &Timestamp,
) -> Result<f64> {
    Ok(match unit {
        TimeUnit::CalendarDays => (to.local_date - from.local_date).num_days() as f64,
        TimeUnit::Hours => from.hours_until(to),
        TimeUnit::WorkingDays => {
            calendar.working_days_between(from.local_date, to.local_date)? as f64
        }
    })
}

/// End-to-end times in `unit` (the calendar is used for working days), with open
/// cases aged to `as_of` (the latest time in the log by default). A case closed
/// after `as_of` counts as open at `as_of`.
///
/// ```
/// use measures_core::demand::{end_to_end, Case, CaseLog, DemandClass, TimeUnit};
/// use measures_core::demand::calendar::{Nation, WorkingCalendar};
/// use measures_core::demand::time::Timestamp;
/// let t = |s| Timestamp::parse(s).unwrap();
/// let log = CaseLog::new(vec![
///     // Friday 23 Dec 2022 to Wednesday 28 Dec: Christmas and Boxing Day fall on
///     // the 26th and 27th, so only the 28th is a working day.
///     Case::new("a", t("2022-12-23"), Some(t("2022-12-28")), DemandClass::Value),
///     Case::new("b", t("2022-12-20"), None, DemandClass::Value),
/// ])?;
/// let cal = WorkingCalendar::new(Some(Nation::EnglandAndWales), &[])?;
/// let e = end_to_end(&log, TimeUnit::WorkingDays, &cal, None)?;
/// assert_eq!(e.times, vec![1.0]);
/// assert_eq!(e.open.count, 1);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn end_to_end(
    log: &CaseLog,
    unit: TimeUnit,
    calendar: &WorkingCalendar,
    as_of: Option<Timestamp>,
) -> Result<EndToEnd> {
    let mut times = end_to_end_times(log, unit, calendar, as_of)?;
    times.ids = times.order.iter().map(|&i| log.id(i).to_string()).collect();
    Ok(times)
}

/// As [`end_to_end`] without the case references (`ids` empty): the demand report
/// reads each group's from the log, so ten million references are not copied an
/// extra time.
pub(crate) fn end_to_end_times(
    log: &CaseLog,
    unit: TimeUnit,
    calendar: &WorkingCalendar,
    as_of: Option<Timestamp>,
) -> Result<EndToEnd> {
    let as_of = as_of.unwrap_or_else(|| log.latest());
    let (received, closed, ids) = (log.received(), log.closed(), log.ids());
    let is_closed = |i: usize| closed[i].is_some_and(|t| t <= as_of);
    // In order of receipt, ties by reference: sorted on the times as integers, then
    // each run of equal times by reference (a million cases sort in a tenth of the
    // time of comparing `(received, id)` pairs).
    let mut keyed: Vec<(i64, usize)> = (0..log.len())
        .filter(|&i| is_closed(i))
        .map(|i| (received[i].utc_seconds, i))
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<usize> = keyed.iter().map(|k| k.1).collect();
    let mut run = 0;
    while run < keyed.len() {
        let end = run + keyed[run..].partition_point(|k| k.0 == keyed[run].0);
        if end - run > 1 {
            order[run..end].sort_by(|&a, &b| ids[a].cmp(&ids[b]));
        }
        run = end;
    }
    let mut times = Vec::with_capacity(order.len());
    for &i in &order {
        let end = closed[i].unwrap_or(received[i]);
        times.push(elapsed(unit, calendar, &received[i], &end).map_err(|e| in_case(e, i, log))?);
    }
    let mut open = Vec::new();
    for (i, at) in received.iter().enumerate() {
        if !is_closed(i) && *at <= as_of {
            let age = elapsed(unit, calendar, at, &as_of).map_err(|e| in_case(e, i, log))?;
            open.push(OpenCase {
                id: log.id(i).to_string(),
                age,
                received: at.local_date,
                demand_type: log.demand_type(i).map(str::to_string),
            });
        }
    }
    open.sort_by(|a, b| b.age.total_cmp(&a.age).then_with(|| a.id.cmp(&b.id)));
    let mut ages: Vec<f64> = open.iter().map(|o| o.age).collect();
    let median_age = median_in_place(&mut ages);
    Ok(EndToEnd {
        unit,
        order,
        times,
        ids: Vec::new(),
        open: OpenCases {
            count: open.len(),
            as_of,
            median_age,
            cases: open,
        },
    })
}

/// Name the case when its dates fall outside the calendar.
fn in_case(e: MeasuresError, index: usize, log: &CaseLog) -> MeasuresError {
    match e {
        MeasuresError::InvalidOption { reason, .. } => MeasuresError::InvalidCase {
            index,
            id: log.id(index).to_string(),
            reason: format!("cannot be timed in working days: {reason}"),
        },
        other => other,
    }
}
