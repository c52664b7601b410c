//! Units compared fairly: when a case log names the team, area or office that handled
//! each case, funnel plots of the units' failure-demand share and of their share of
//! cases completed within the end-to-end threshold, each judged against the whole
//! service with limits for the unit's size (see [`crate::funnel`]).

use super::case_log::{CaseLog, Categories, DemandClass};
use super::end_to_end::EndToEnd;
use crate::funnel::{funnel, Dispersion, Funnel, FunnelData, FunnelOptions, NOT_WIDENED};
use crate::options::Direction;
use crate::stats::median_in_place;
use serde::Serialize;
use std::collections::HashMap;

/// The units of a case log side by side, as funnels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitComparison {
    /// The units named in the log, sorted.
    pub units: Vec<String>,
    /// Cases naming no unit (left out of the funnels).
    pub without_unit: usize,
    /// Failure demand as a share of classified demand, per unit (lower is better);
    /// `None` when it could not be drawn (see `notes`).
    pub failure_demand: Option<Funnel>,
    /// The share of cases completed within `threshold`, per unit (higher is
    /// better): closed cases, and open ones already older than the threshold (they
    /// can no longer be within it); open cases younger than it are left out, their
    /// outcome unknown.
    pub within_threshold: Option<Funnel>,
    /// The end-to-end threshold the shares are of.
    pub threshold: f64,
    /// Whether the threshold was given (else the service's median end-to-end time).
    pub threshold_given: bool,
    /// What the reader should know.
    pub notes: Vec<String>,
}

impl UnitComparison {
    /// The threshold as a sentence shows it: whole when whole, else to one decimal.
    ///
    /// ```
    /// # use measures_core::demand::UnitComparison;
    /// let c = UnitComparison { units: vec![], without_unit: 0, failure_demand: None,
    ///     within_threshold: None, threshold: 6.25, threshold_given: true, notes: vec![] };
    /// assert_eq!(c.threshold_words(), "6.2");
    /// ```
    pub fn threshold_words(&self) -> String {
        round_for_words(self.threshold)
    }
}

/// Compare the units of `log` when it names two or more; `None` otherwise.
pub(crate) fn compare_units(
    log: &CaseLog,
    times: &EndToEnd,
    threshold: Option<f64>,
    unit_words: &str,
) -> Option<UnitComparison> {
    let categories = log.units();
    if categories.names.len() < 2 {
        return None;
    }
    let units = categories.names.clone();
    let unit_of: Vec<Option<usize>> = categories
        .codes
        .iter()
        .map(|&k| (k != Categories::NONE).then_some(k as usize))
        .collect();
    let without_unit = unit_of.iter().filter(|u| u.is_none()).count();
    let k = units.len();
    let mut notes = Vec::new();

    // Failure demand: failure cases over classified cases.
    let (mut failures, mut classified) = (vec![0.0; k], vec![0.0; k]);
    for (class, u) in log.classes().iter().zip(&unit_of) {
        if let Some(u) = *u {
            match class {
                DemandClass::Failure => {
                    failures[u] += 1.0;
                    classified[u] += 1.0;
                }
                DemandClass::Value => classified[u] += 1.0,
                DemandClass::Unclassified => {}
            }
        }
    }
    let failure_demand = unit_funnel(
        &units,
        &failures,
        &classified,
        Direction::LowerIsBetter,
        "failure demand",
        "no classified case",
        &mut notes,
    );

    // Within the threshold: the service's median when none is given.
    let (threshold, threshold_given) = match threshold {
        Some(t) => (t, true),
        None => {
            let mut all = times.times.clone();
            (median_in_place(&mut all), false)
        }
    };
    let (mut within, mut known) = (vec![0.0; k], vec![0.0; k]);
    for (&i, &t) in times.order.iter().zip(&times.times) {
        if let Some(u) = unit_of[i] {
            known[u] += 1.0;
            if t <= threshold {
                within[u] += 1.0;
            }
        }
    }
    let open_age: HashMap<&str, f64> = times
        .open
        .cases
        .iter()
        .map(|o| (o.id.as_str(), o.age))
        .collect();
    let mut late_open = 0usize;
    for (id, u) in log.ids().iter().zip(&unit_of) {
        if let (Some(u), Some(&age)) = (*u, open_age.get(id)) {
            if age > threshold {
                known[u] += 1.0;
                late_open += 1;
            }
        }
    }
    let within_threshold = if threshold.is_finite() {
        unit_funnel(
            &units,
            &within,
            &known,
            Direction::HigherIsBetter,
            "completed within the threshold",
            "no case closed or past the threshold",
            &mut notes,
        )
    } else {
        notes.push("no case has closed, so no share within a threshold".into());
        None
    };
    if within_threshold.is_some() {
        notes.push(format!(
            "within the threshold: {} {unit_words} or less end to end ({}); open cases already older count as not within it ({late_open}), younger open cases are left out",
            round_for_words(threshold),
            if threshold_given {
                "as given"
            } else {
                "the service's median: give a threshold to compare against your own"
            }
        ));
    }
    if without_unit > 0 {
        notes.push(format!(
            "{without_unit} case{} name no unit and are left out of the comparison",
            if without_unit == 1 { "" } else { "s" }
        ));
    }
    Some(UnitComparison {
        units,
        without_unit,
        failure_demand,
        within_threshold,
        threshold,
        threshold_given,
        notes,
    })
}

/// Units needed before a unit funnel adjusts for over-dispersion.
const ADJUST_FROM_UNITS: usize = 20;

/// A funnel of the units with a denominator; the others are named in `notes`.
fn unit_funnel(
    units: &[String],
    numerators: &[f64],
    denominators: &[f64],
    direction: Direction,
    what: &str,
    why_missing: &str,
    notes: &mut Vec<String>,
) -> Option<Funnel> {
    let keep: Vec<usize> = (0..units.len())
        .filter(|&u| denominators[u] > 0.0)
        .collect();
    let left_out: Vec<&str> = (0..units.len())
        .filter(|&u| denominators[u] <= 0.0)
        .map(|u| units[u].as_str())
        .collect();
    if !left_out.is_empty() {
        notes.push(format!(
            "{what}: {} left out ({why_missing})",
            left_out.join(", ")
        ));
    }
    let names: Vec<String> = keep.iter().map(|&u| units[u].clone()).collect();
    let num: Vec<f64> = keep.iter().map(|&u| numerators[u]).collect();
    let den: Vec<f64> = keep.iter().map(|&u| denominators[u]).collect();
    // Over-dispersion is estimated from the spread of the units themselves: with a
    // handful of teams that spread *is* the one team that differs, and adjusting for
    // it would hide the very difference asked about. Adjust (when the test calls
    // for it) only with enough units to tell a general spread from a few outliers.
    let few = names.len() < ADJUST_FROM_UNITS;
    let options = FunnelOptions {
        direction,
        dispersion: if few {
            Dispersion::None
        } else {
            Dispersion::Auto
        },
        ..FunnelOptions::default()
    };
    match funnel(
        &FunnelData {
            units: &names,
            numerators: &num,
            denominators: &den,
            sd: None,
        },
        &options,
    ) {
        Ok(mut f) => {
            if few {
                // Said in the words of a comparison of a few units instead.
                f.notes.retain(|n| n != NOT_WIDENED);
                f.notes.push(format!(
                    "limits not widened for over-dispersion: with {} units (under {ADJUST_FROM_UNITS}) a spread between them is the differences this funnel shows, not something to allow for",
                    names.len()
                ));
            }
            Some(f)
        }
        Err(e) => {
            notes.push(format!("no funnel of {what}: {e}"));
            None
        }
    }
}

/// A threshold as a sentence shows it: whole when whole, else to one decimal.
fn round_for_words(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
