//! Keep measuring a pilot: when the case log names each case's unit and some units
//! piloted a change, the pilot against the rest on failure demand and on end-to-end
//! time ([`crate::change::compare`]), and whether the change is holding.

use super::case_log::{CaseLog, DemandClass};
use super::end_to_end::EndToEnd;
use crate::change::{compare, CompareData, CompareOptions, Comparison, Holding};
use crate::options::Direction;
use crate::periods::Period;
use chrono::NaiveDate;
use serde::Serialize;

/// The pilot against the rest, measure by measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PilotReport {
    /// The pilot's units.
    pub pilot: Vec<String>,
    /// The day the change began in the pilot.
    pub change: NaiveDate,
    /// Failure demand (failure cases over classified cases per period); `None` when
    /// it could not be compared (see `notes`).
    pub failure_demand: Option<Comparison>,
    /// Mean end-to-end time of the cases received in each period and closed.
    pub end_to_end: Option<Comparison>,
    /// Per measure, whether the change is holding in the pilot, in a sentence.
    pub holding: Vec<String>,
    /// What the reader should know.
    pub notes: Vec<String>,
}

/// What the report compares a pilot with: the pilot, its change, the report's
/// period, level, end-of-log horizon and words for its unit of time.
pub(crate) struct PilotSettings<'a> {
    pub pilot: &'a [String],
    pub change: NaiveDate,
    pub period: Period,
    pub level: f64,
    /// Cases received from this day on are cut short by the end of the log.
    pub censored_from: Option<NaiveDate>,
    pub unit_words: &'a str,
}

/// Compare the pilot's units with the rest from its change on.
pub(crate) fn pilot_report(
    log: &CaseLog,
    times: &EndToEnd,
    settings: &PilotSettings<'_>,
) -> PilotReport {
    let PilotSettings {
        pilot,
        change,
        period,
        level,
        censored_from,
        unit_words,
    } = *settings;
    let options = CompareOptions {
        pilot: pilot.to_vec(),
        change: Some(change),
        period,
        direction: Direction::LowerIsBetter,
        level,
        ..CompareOptions::default()
    };
    let mut notes = Vec::new();
    let mut attempt = |what: &str, result: crate::error::Result<Comparison>| match result {
        Ok(c) => Some(c),
        Err(e) => {
            notes.push(format!("{what}: no comparison: {e}"));
            None
        }
    };

    // Failure demand: each classified case a row of 1 (failure) or 0 over 1.
    let (mut units, mut dates, mut num, mut den) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for c in log.iter() {
        let (Some(u), true) = (c.unit, c.class != DemandClass::Unclassified) else {
            continue;
        };
        units.push(u.to_string());
        dates.push(c.received.local_date);
        num.push(f64::from(u8::from(c.class == DemandClass::Failure)));
        den.push(1.0);
    }
    let failure_demand = attempt(
        "failure demand",
        compare(
            &CompareData {
                units: &units,
                dates: &dates,
                values: None,
                ratio: Some((&num, &den)),
            },
            &options,
        ),
    );

    // End-to-end: closed cases by the date received, those received once the log's
    // end cuts them short (enough still open) left out.
    let (mut units, mut dates, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for (&i, &t) in times.order.iter().zip(&times.times) {
        let Some(u) = log.unit(i) else { continue };
        let day = log.received()[i].local_date;
        if censored_from.is_some_and(|h| day >= h) {
            continue;
        }
        units.push(u.to_string());
        dates.push(day);
        values.push(t);
    }
    let end_to_end = attempt(
        "end-to-end time",
        compare(
            &CompareData {
                units: &units,
                dates: &dates,
                values: Some(&values),
                ratio: None,
            },
            &options,
        ),
    );
    if censored_from.is_some() {
        notes.push(
            "end-to-end time: cases received once enough are still open that those closed are the quick ones are left out"
                .into(),
        );
    }
    let mut holding = Vec::new();
    for (measure, c, fmt) in [
        ("Failure demand", &failure_demand, Level::Share),
        ("End-to-end time", &end_to_end, Level::Amount(unit_words)),
    ] {
        if let Some(c) = c {
            holding.push(format!("{measure}: {}", holding_text(c, fmt)));
        }
    }
    PilotReport {
        pilot: pilot.to_vec(),
        change,
        failure_demand,
        end_to_end,
        holding,
        notes,
    }
}

/// How a measure's levels read in a sentence.
#[derive(Clone, Copy)]
enum Level<'a> {
    Share,
    Amount(&'a str),
}

impl Level<'_> {
    fn show(self, x: f64) -> String {
        match self {
            Level::Share => format!("{:.1}%", 100.0 * x),
            Level::Amount(unit) => format!("{x:.1} {unit}"),
        }
    }
}

/// Whether the change is holding in the pilot, in words.
fn holding_text(c: &Comparison, level: Level<'_>) -> String {
    let p = &c.pilot;
    let (before, after) = (level.show(p.before), level.show(p.after));
    match p.holding {
        Holding::Holding => format!(
            "holding — the pilot has stayed stable since the change, better than before ({before} before, {after} since)"
        ),
        Holding::NotSettled => format!(
            "better than before ({before} before, {after} since) but not yet settled: the pilot is still moving since the change"
        ),
        Holding::NotImproved => format!(
            "not holding — the pilot is no better than before ({before} before, {after} since)"
        ),
        Holding::NoDirection => format!("{before} before, {after} since"),
        Holding::TooEarly => format!(
            "too early to say: {} {}s since the change ({before} before, {after} since)",
            p.periods[1],
            c.period.name()
        ),
    }
}
