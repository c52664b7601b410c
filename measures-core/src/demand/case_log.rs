//! The case log: one row per case, from received to closed (or still open), with
//! its demand type, value or failure class, channel and handoffs.

use super::time::Timestamp;
use crate::error::{MeasuresError, Result};
use crate::text::Cells;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Whether a piece of demand is value or failure demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandClass {
    /// What the service exists to provide.
    Value,
    /// Caused by a failure to do something, or to do it right, for the resident.
    Failure,
    /// Not classified in the log.
    Unclassified,
}

impl DemandClass {
    /// Read a class from a log: `value`/`v`, `failure`/`f` (any case, with or without
    /// " demand"); empty, `unknown` or `unclassified` for none.
    ///
    /// ```
    /// use measures_core::demand::DemandClass;
    /// assert_eq!(DemandClass::parse("Failure demand"), Ok(DemandClass::Failure));
    /// assert!(DemandClass::parse("urgent").is_err());
    /// ```
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_suffix(" demand").unwrap_or(&t);
        match t {
            "value" | "v" => Ok(DemandClass::Value),
            "failure" | "f" => Ok(DemandClass::Failure),
            "" | "unknown" | "unclassified" => Ok(DemandClass::Unclassified),
            other => Err(format!(
                "{other:?} is not a demand class: use value or failure (or leave it empty)"
            )),
        }
    }

    /// The class's name as JSON writes it: `value`, `failure` or `unclassified`.
    ///
    /// ```
    /// use measures_core::demand::DemandClass;
    /// assert_eq!(DemandClass::Failure.name(), "failure");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            DemandClass::Value => "value",
            DemandClass::Failure => "failure",
            DemandClass::Unclassified => "unclassified",
        }
    }
}

/// One case: one piece of demand from a resident, from receipt to need met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Case reference, unique in the log.
    pub id: String,
    /// When the demand arrived.
    pub received: Timestamp,
    /// When the resident's need was met; `None` while open.
    pub closed: Option<Timestamp>,
    /// What the resident asked for ("repair a leak", "chase a repair").
    pub demand_type: Option<String>,
    /// Value or failure demand.
    pub class: DemandClass,
    /// How it arrived (phone, web, email, in person).
    pub channel: Option<String>,
    /// How many times it was handed from one person or team to another.
    pub handoffs: Option<u32>,
    /// The earlier case this one repeats or chases, if any.
    pub linked_to: Option<String>,
    /// The team, area, patch or office that handled it, for comparing units.
    #[serde(default)]
    pub unit: Option<String>,
}

impl Case {
    /// A case with the required fields; set the optional ones on the result.
    pub fn new(
        id: impl Into<String>,
        received: Timestamp,
        closed: Option<Timestamp>,
        class: DemandClass,
    ) -> Self {
        Case {
            id: id.into(),
            received,
            closed,
            demand_type: None,
            class,
            channel: None,
            handoffs: None,
            linked_to: None,
            unit: None,
        }
    }
}

/// A validated case log: ids are unique and no case closes before it was received.
#[derive(Debug, Clone)]
pub struct CaseLog {
    cases: Vec<Case>,
    /// Rows of nothing skipped when reading columns.
    blank_rows: usize,
    /// Each case's demand type, channel and unit as a number, found once when first
    /// asked for: the measures count by number, not by comparing names per case.
    types: OnceLock<Categories>,
    channels: OnceLock<Categories>,
    units: OnceLock<Categories>,
}

impl PartialEq for CaseLog {
    fn eq(&self, other: &Self) -> bool {
        self.cases == other.cases && self.blank_rows == other.blank_rows
    }
}

/// The distinct values of a text field, sorted, and each case's as its place among
/// them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Categories {
    /// The distinct values, sorted.
    pub names: Vec<String>,
    /// Per case, its value's place in `names`; [`Categories::NONE`] for a case
    /// without one (when missing values are not a category of their own).
    pub codes: Vec<u32>,
}

impl Categories {
    /// The code of a case without a value.
    pub const NONE: u32 = u32::MAX;

    /// The categories of `field` over `cases`; a case without a value counts as
    /// `missing` when given, else has no code.
    fn of(cases: &[Case], field: impl Fn(&Case) -> Option<&str>, missing: Option<&str>) -> Self {
        let mut first_seen: HashMap<&str, u32> = HashMap::new();
        let mut codes: Vec<u32> = cases
            .iter()
            .map(|c| match field(c).or(missing) {
                Some(name) => {
                    let next = first_seen.len() as u32;
                    *first_seen.entry(name).or_insert(next)
                }
                None => Self::NONE,
            })
            .collect();
        let mut names: Vec<(&str, u32)> = first_seen.into_iter().collect();
        names.sort_unstable();
        let mut place = vec![0u32; names.len()];
        for (k, (_, seen)) in names.iter().enumerate() {
            place[*seen as usize] = k as u32;
        }
        for code in codes.iter_mut().filter(|c| **c != Self::NONE) {
            *code = place[*code as usize];
        }
        Categories {
            names: names.into_iter().map(|(n, _)| n.to_string()).collect(),
            codes,
        }
    }
}

/// The years a case log's times must fall in unless told otherwise: a date outside
/// them is almost always a mistyped or two-digit year (0024 for 2024), which would
/// otherwise make a 2,000-year case and 700,000 empty days of demand.
pub const PLAUSIBLE_YEARS: (i32, i32) = (1900, 2100);

impl CaseLog {
    /// Check and keep the cases (in any order); every time must fall within
    /// [`PLAUSIBLE_YEARS`].
    pub fn new(cases: Vec<Case>) -> Result<Self> {
        CaseLog::with_years(cases, PLAUSIBLE_YEARS)
    }

    /// As [`CaseLog::new`], with the years times must fall in (inclusive).
    ///
    /// ```
    /// use measures_core::demand::{Case, CaseLog, DemandClass};
    /// use measures_core::demand::time::Timestamp;
    /// let old = Case::new("1", Timestamp::parse("1850-06-01").unwrap(), None, DemandClass::Value);
    /// assert!(CaseLog::new(vec![old.clone()]).is_err());
    /// assert!(CaseLog::with_years(vec![old], (1800, 2100)).is_ok());
    /// ```
    pub fn with_years(cases: Vec<Case>, years: (i32, i32)) -> Result<Self> {
        if cases.is_empty() {
            return Err(MeasuresError::Empty);
        }
        let (first, last) = years;
        if first > last {
            return Err(MeasuresError::InvalidOption {
                name: "years",
                reason: format!("the first year ({first}) is after the last ({last})"),
            });
        }
        // Exports are often in order of reference: references that only increase
        // cannot repeat, and a million of them need no table to show it. In order
        // as text (A-0001, A-0002) or as numbers are (R9999999 then R10000000).
        let increasing = cases.windows(2).all(|w| w[0].id < w[1].id)
            || cases
                .windows(2)
                .all(|w| (w[0].id.len(), &w[0].id) < (w[1].id.len(), &w[1].id));
        let mut seen: HashMap<&str, usize> =
            HashMap::with_capacity(if increasing { 0 } else { cases.len() });
        for (index, case) in cases.iter().enumerate() {
            if case.id.trim().is_empty() {
                return Err(MeasuresError::InvalidCase {
                    index,
                    id: case.id.clone(),
                    reason: "has no case reference".into(),
                });
            }
            if let Some(first) = (!increasing)
                .then(|| seen.insert(case.id.as_str(), index))
                .flatten()
            {
                return Err(MeasuresError::InvalidCase {
                    index,
                    id: case.id.clone(),
                    reason: format!("repeats the case reference of case {first}"),
                });
            }
            for (what, t) in [("received", Some(case.received)), ("closed", case.closed)] {
                let Some(t) = t else { continue };
                let year = chrono::Datelike::year(&t.local_date);
                if year < first || year > last {
                    return Err(MeasuresError::InvalidCase {
                        index,
                        id: case.id.clone(),
                        reason: format!(
                            "was {what} on {}, outside the years {first} to {last} a case log is read in \
                             (a mistyped year? widen the span if it is right)",
                            t.local_date
                        ),
                    });
                }
            }
            if let Some(closed) = case.closed {
                if closed < case.received {
                    return Err(MeasuresError::InvalidCase {
                        index,
                        id: case.id.clone(),
                        reason: format!(
                            "was closed ({}) before it was received ({})",
                            closed.local_date, case.received.local_date
                        ),
                    });
                }
            }
        }
        Ok(CaseLog {
            cases,
            blank_rows: 0,
            types: OnceLock::new(),
            channels: OnceLock::new(),
            units: OnceLock::new(),
        })
    }

    /// The cases, in the order given.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// Number of cases.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Never true: a log has at least one case.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// Rows skipped when reading columns because every field was empty.
    pub fn blank_rows(&self) -> usize {
        self.blank_rows
    }

    /// Cases not yet closed.
    pub fn open_count(&self) -> usize {
        self.cases.iter().filter(|c| c.closed.is_none()).count()
    }

    /// The latest time in the log (a receipt or a closure): the default "as of" for
    /// open cases' ages.
    pub fn latest(&self) -> Timestamp {
        self.cases
            .iter()
            .flat_map(|c| std::iter::once(c.received).chain(c.closed))
            .max()
            .unwrap_or(self.cases[0].received)
    }

    /// The earliest receipt.
    pub fn earliest(&self) -> Timestamp {
        self.cases
            .iter()
            .map(|c| c.received)
            .min()
            .unwrap_or(self.cases[0].received)
    }

    /// Each case's demand type (`(none)` for a case without one) as a number.
    pub(crate) fn types(&self) -> &Categories {
        self.types
            .get_or_init(|| Categories::of(&self.cases, |c| c.demand_type.as_deref(), Some(NONE)))
    }

    /// Each case's channel (`(none)` for a case without one) as a number.
    pub(crate) fn channels(&self) -> &Categories {
        self.channels
            .get_or_init(|| Categories::of(&self.cases, |c| c.channel.as_deref(), Some(NONE)))
    }

    /// Each case's unit as a number ([`Categories::NONE`] for a case without one).
    pub(crate) fn units(&self) -> &Categories {
        self.units
            .get_or_init(|| Categories::of(&self.cases, |c| c.unit.as_deref(), None))
    }
}

/// A case log as text columns, as exported: one entry per case in each column given.
/// Missing cells (empty, `NA`, `N/A`, `-`, `null`: see [`crate::cells::is_missing`])
/// mean "not known", and a missing `closed` means open; a missing `received` is an
/// error naming the row. A time column of spreadsheet serial numbers is read as dates.
///
/// The columns are slices of `String`s by default, or any [`Cells`] (the CSV reader's
/// [`TextColumn`](crate::text::TextColumn)s).
#[derive(Debug)]
pub struct CaseColumns<'a, C: Cells + ?Sized = [String]> {
    /// Case references.
    pub id: &'a C,
    /// Times received (see [`Timestamp::parse`] for the forms).
    pub received: &'a C,
    /// Times closed; empty while open.
    pub closed: &'a C,
    /// Demand types.
    pub demand_type: Option<&'a C>,
    /// Value or failure (see [`DemandClass::parse`]).
    pub class: Option<&'a C>,
    /// Channels.
    pub channel: Option<&'a C>,
    /// Handoff counts (whole numbers).
    pub handoffs: Option<&'a C>,
    /// References of earlier cases.
    pub linked_to: Option<&'a C>,
    /// The team, area or other unit that handled each case.
    pub unit: Option<&'a C>,
    /// The years times must fall in; [`PLAUSIBLE_YEARS`] when `None`.
    pub years: Option<(i32, i32)>,
}

impl<C: Cells + ?Sized> Clone for CaseColumns<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: Cells + ?Sized> Copy for CaseColumns<'_, C> {}

impl<'a, C: Cells + ?Sized> CaseColumns<'a, C> {
    /// The three columns every log has; set the others on the result.
    pub fn new(id: &'a C, received: &'a C, closed: &'a C) -> Self {
        CaseColumns {
            id,
            received,
            closed,
            demand_type: None,
            class: None,
            channel: None,
            handoffs: None,
            linked_to: None,
            unit: None,
            years: None,
        }
    }
}

impl Default for CaseColumns<'_, [String]> {
    fn default() -> Self {
        CaseColumns::new(&[], &[], &[])
    }
}

impl Default for CaseColumns<'_, Vec<String>> {
    fn default() -> Self {
        static NONE: Vec<String> = Vec::new();
        CaseColumns::new(&NONE, &NONE, &NONE)
    }
}

impl Default for CaseColumns<'_, crate::text::TextColumn> {
    fn default() -> Self {
        let none = &crate::text::EMPTY;
        CaseColumns::new(none, none, none)
    }
}

impl CaseLog {
    /// Read and check a log from text columns; a bad cell is an `InvalidCell` error
    /// naming its row and field. A long log is read on every core, in pieces, with
    /// the same result and the same first error as one reading.
    ///
    /// ```
    /// use measures_core::demand::{CaseColumns, CaseLog};
    /// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    /// let (id, received, closed) = (s(&["1", "2"]), s(&["2024-01-02 09:00", "2024-01-03"]), s(&["2024-01-04", ""]));
    /// let log = CaseLog::from_columns(&CaseColumns { id: &id, received: &received, closed: &closed, ..Default::default() })?;
    /// assert_eq!(log.open_count(), 1);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_columns<C: Cells + ?Sized>(c: &CaseColumns<'_, C>) -> Result<Self> {
        let n = c.id.len();
        let check = |what: &'static str, len: usize| MeasuresError::check_length(what, n, len);
        check("received times", c.received.len())?;
        check("closed times", c.closed.len())?;
        for (what, column) in [
            ("demand types", c.demand_type),
            ("classes", c.class),
            ("channels", c.channel),
            ("handoffs", c.handoffs),
            ("linked cases", c.linked_to),
            ("units", c.unit),
        ] {
            if let Some(col) = column {
                check(what, col.len())?;
            }
        }
        let cell = |index: usize, column: &'static str, text: &str, reason: String| {
            MeasuresError::InvalidCell {
                index,
                column,
                text: text.to_string(),
                reason,
            }
        };
        let text = |col: Option<&C>, i: usize| {
            col.map(|v| v.cell(i).trim())
                .filter(|t| !crate::cells::is_missing(t))
                .map(str::to_string)
        };
        // A column of spreadsheet serial numbers (45292.36) is read as dates, the
        // whole column or none of it.
        let (received_serial, closed_serial) = (
            crate::cells::holds_serial_dates(c.received),
            crate::cells::holds_serial_dates(c.closed),
        );
        let columns: Vec<&C> = [Some(c.id), Some(c.received), Some(c.closed)]
            .into_iter()
            .chain([
                c.demand_type,
                c.class,
                c.channel,
                c.handoffs,
                c.linked_to,
                c.unit,
            ])
            .flatten()
            .collect();
        // One row: `None` for a row of nothing (a spreadsheet's trailing empty rows),
        // skipped and counted, as the CSV reader skips it.
        let read_row = |i: usize| -> Result<Option<Case>> {
            if columns
                .iter()
                .all(|col| crate::cells::is_missing(col.cell(i)))
            {
                return Ok(None);
            }
            let received_text = c.received.cell(i).trim();
            if crate::cells::is_missing(received_text) {
                return Err(cell(
                    i,
                    "received",
                    received_text,
                    "the time received is missing: every case needs one".into(),
                ));
            }
            let received = crate::cells::timestamp(received_text, received_serial)
                .map_err(|e| cell(i, "received", received_text, e))?;
            // A missing closed time (empty, NA, -, null…) is an open case.
            let closed = match c.closed.cell(i).trim() {
                t if crate::cells::is_missing(t) => None,
                t => Some(
                    crate::cells::timestamp(t, closed_serial)
                        .map_err(|e| cell(i, "closed", t, e))?,
                ),
            };
            let class = match c.class {
                Some(col) if crate::cells::is_missing(col.cell(i)) => DemandClass::Unclassified,
                Some(col) => {
                    DemandClass::parse(col.cell(i)).map_err(|e| cell(i, "class", col.cell(i), e))?
                }
                None => DemandClass::Unclassified,
            };
            let mut case = Case::new(c.id.cell(i).trim(), received, closed, class);
            case.demand_type = text(c.demand_type, i);
            case.channel = text(c.channel, i);
            case.linked_to = text(c.linked_to, i);
            case.unit = text(c.unit, i);
            case.handoffs = match text(c.handoffs, i) {
                None => None,
                Some(h) => Some(h.parse::<u32>().map_err(|_| {
                    cell(
                        i,
                        "handoffs",
                        &h,
                        "a handoff count must be a whole number, 0 or more".into(),
                    )
                })?),
            };
            Ok(Some(case))
        };
        // Pieces of 2^16 rows, on every core for a long log; each stops at its first
        // bad row, and the first piece with one names the log's first. Eight pieces
        // at a time, each moved into the log as soon as it is read: the pieces of a
        // ten-million-case log all held at once were another 1.7 GB.
        const PIECE: usize = 1 << 16;
        const AT_A_TIME: usize = 8;
        let pieces: Vec<usize> = (0..n.div_ceil(PIECE)).collect();
        let mut cases = Vec::with_capacity(n);
        for window in pieces.chunks(AT_A_TIME) {
            let read = crate::parallel::map(window, n > PIECE, |&p| {
                let rows = p * PIECE..((p + 1) * PIECE).min(n);
                let mut cases = Vec::with_capacity(rows.len());
                for i in rows {
                    if let Some(case) = read_row(i)? {
                        cases.push(case);
                    }
                }
                Ok(cases)
            });
            for piece in read {
                cases.extend(piece?);
            }
        }
        let blank = n - cases.len();
        let mut log = CaseLog::with_years(cases, c.years.unwrap_or(PLAUSIBLE_YEARS))?;
        log.blank_rows = blank;
        Ok(log)
    }
}

/// The group name for cases without a type or channel.
pub const NONE: &str = "(none)";

#[cfg(test)]
mod tests {
    use super::*;

    fn log_of(ids: &[&str], types: &[Option<&str>]) -> Result<CaseLog> {
        let t = Timestamp::parse("2024-01-02").unwrap();
        CaseLog::new(
            ids.iter()
                .zip(types)
                .map(|(id, ty)| {
                    let mut c = Case::new(*id, t, None, DemandClass::Value);
                    c.demand_type = ty.map(str::to_string);
                    c
                })
                .collect(),
        )
    }

    #[test]
    fn references_in_either_order_or_none_are_checked_for_repeats() {
        let none = [None; 4];
        // In order as numbers (R9 before R10), as text, and in no order.
        assert!(log_of(&["R9", "R10", "R11", "R100"], &none).is_ok());
        assert!(log_of(&["A-1", "A-2", "B-1", "C"], &none).is_ok());
        assert!(log_of(&["R10", "R9", "R100", "R11"], &none).is_ok());
        for ids in [["R9", "R10", "R10", "R11"], ["R10", "R9", "R11", "R9"]] {
            let err = log_of(&ids, &none).unwrap_err().to_string();
            assert!(err.contains("repeats the case reference of case"), "{err}");
        }
    }

    #[test]
    fn categories_number_each_case_by_its_place_among_the_sorted_names() {
        let log = log_of(
            &["1", "2", "3", "4"],
            &[Some("repair"), None, Some("chase"), Some("repair")],
        )
        .unwrap();
        let types = log.types();
        assert_eq!(types.names, ["(none)", "chase", "repair"]);
        assert_eq!(types.codes, [2, 0, 1, 2]);
        // Units have no category for a case without one.
        assert_eq!(log.units().codes, [Categories::NONE; 4]);
        assert!(log.units().names.is_empty());
    }
}
