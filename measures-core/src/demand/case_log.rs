//! The case log: one row per case, from received to closed (or still open), with
//! its demand type, value or failure class, channel and handoffs.

use super::time::Timestamp;
use crate::error::{MeasuresError, Result};
use crate::text::{Cells, TextColumn};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

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
    /// The case as a [`CaseRef`], borrowing its text.
    pub fn as_ref(&self) -> CaseRef<'_> {
        CaseRef {
            id: &self.id,
            received: self.received,
            closed: self.closed,
            demand_type: self.demand_type.as_deref(),
            class: self.class,
            channel: self.channel.as_deref(),
            handoffs: self.handoffs,
            linked_to: self.linked_to.as_deref(),
            unit: self.unit.as_deref(),
        }
    }

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
///
/// Held as columns, one per field, as a column store holds a table: references in
/// one text buffer, times as integers, and each case's demand type, channel and
/// unit as its place among the log's sorted names. A ten-million-case log is about
/// 70 bytes a case, where a `Case` per row with its own strings was several hundred.
/// Read a case with [`CaseLog::case`] or [`CaseLog::iter`]; the measures read the
/// columns.
///
/// ```
/// use measures_core::demand::{Case, CaseLog, DemandClass};
/// use measures_core::demand::time::Timestamp;
/// let t = |s| Timestamp::parse(s).unwrap();
/// let mut leak = Case::new("R1", t("2024-01-02"), Some(t("2024-01-05")), DemandClass::Value);
/// leak.demand_type = Some("leak".into());
/// let chase = Case::new("R2", t("2024-01-03"), None, DemandClass::Failure);
/// let log = CaseLog::new(vec![leak, chase])?;
/// assert_eq!(log.case(0).demand_type, Some("leak"));
/// assert_eq!(log.iter().filter(|c| c.closed.is_none()).count(), 1);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CaseLog {
    /// Shared with the charts' [`CaseIds`], which name their points' cases by place.
    ids: Arc<TextColumn>,
    received: Vec<Timestamp>,
    closed: Vec<Option<Timestamp>>,
    classes: Vec<DemandClass>,
    handoffs: Vec<Option<u32>>,
    /// The earlier case each repeats (an empty cell for none); no cells at all when
    /// no case names one.
    linked: TextColumn,
    /// Each case's demand type, channel and unit as a number: the measures count by
    /// number, not by comparing names per case.
    types: Categories,
    channels: Categories,
    units: Categories,
    /// Rows of nothing skipped when reading columns.
    blank_rows: usize,
}

/// One case of a [`CaseLog`], borrowed from its columns: the fields of [`Case`]
/// without copying its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaseRef<'a> {
    /// Case reference.
    pub id: &'a str,
    /// When the demand arrived.
    pub received: Timestamp,
    /// When the need was met; `None` while open.
    pub closed: Option<Timestamp>,
    /// Demand type (a type written `(none)` reads as none).
    pub demand_type: Option<&'a str>,
    /// Value or failure demand.
    pub class: DemandClass,
    /// Channel (as for the type, `(none)` reads as none).
    pub channel: Option<&'a str>,
    /// Handoff count.
    pub handoffs: Option<u32>,
    /// The earlier case this one repeats or chases.
    pub linked_to: Option<&'a str>,
    /// The unit that handled it.
    pub unit: Option<&'a str>,
}

impl CaseRef<'_> {
    /// The case as an owned [`Case`].
    pub fn to_case(&self) -> Case {
        let own = |s: Option<&str>| s.map(str::to_string);
        Case {
            id: self.id.to_string(),
            received: self.received,
            closed: self.closed,
            demand_type: own(self.demand_type),
            class: self.class,
            channel: own(self.channel),
            handoffs: self.handoffs,
            linked_to: own(self.linked_to),
            unit: own(self.unit),
        }
    }
}

/// The distinct values of a text field, sorted, and each case's as its place among
/// them.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Categories {
    /// The distinct values, sorted.
    pub names: Vec<String>,
    /// Per case, its value's place in `names`; [`Categories::NONE`] for a case
    /// without one (when missing values are not a category of their own). Empty
    /// when `names` is: no case has a value.
    pub codes: Vec<u32>,
}

impl Categories {
    /// The code of a case without a value.
    pub const NONE: u32 = u32::MAX;

    /// The name of the `i`-th case's value; `None` for none (or the name `missing`
    /// stands for).
    fn name(&self, i: usize, missing: Option<&str>) -> Option<&str> {
        let name = self.names.get(*self.codes.get(i)? as usize)?.as_str();
        (Some(name) != missing).then_some(name)
    }
}

/// The values of a text field in one piece of a log, numbered as first seen, the
/// names borrowed from the cells.
#[derive(Default)]
struct Seen<'a> {
    index: HashMap<&'a str, u32>,
    names: Vec<&'a str>,
    codes: Vec<u32>,
}

impl<'a> Seen<'a> {
    fn push(&mut self, name: Option<&'a str>) {
        let code = match name {
            None => Categories::NONE,
            // Exports often repeat a value in runs: no lookup for the same again.
            Some(n) if self.names.last() == Some(&n) => self.names.len() as u32 - 1,
            Some(n) => *self.index.entry(n).or_insert_with(|| {
                self.names.push(n);
                self.names.len() as u32 - 1
            }),
        };
        self.codes.push(code);
    }
}

/// A field's values over the pieces read so far, numbered as first seen.
#[derive(Default, Debug)]
struct Merged {
    index: HashMap<String, u32>,
    names: Vec<String>,
    codes: Vec<u32>,
    missing: bool,
}

impl Merged {
    /// Add a piece's cases, renumbering its values into the log's.
    fn take(&mut self, piece: &Seen<'_>) {
        let renumber: Vec<u32> = piece
            .names
            .iter()
            .map(|&n| match self.index.get(n) {
                Some(&k) => k,
                None => {
                    let k = self.names.len() as u32;
                    self.index.insert(n.to_string(), k);
                    self.names.push(n.to_string());
                    k
                }
            })
            .collect();
        self.missing |= piece.codes.contains(&Categories::NONE);
        self.codes.extend(piece.codes.iter().map(|&c| match c {
            Categories::NONE => Categories::NONE,
            c => renumber[c as usize],
        }));
    }

    /// The categories, names sorted; a case without a value counts as `missing`
    /// when given, else has no code.
    fn finish(self, missing: Option<&str>) -> Categories {
        let Merged {
            mut index,
            mut names,
            mut codes,
            missing: any_missing,
        } = self;
        let none = match missing.filter(|_| any_missing) {
            Some(m) => *index.entry(m.to_string()).or_insert_with(|| {
                names.push(m.to_string());
                names.len() as u32 - 1
            }),
            None => Categories::NONE,
        };
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
        let mut place = vec![0u32; names.len()];
        for (k, &seen) in order.iter().enumerate() {
            place[seen as usize] = k as u32;
        }
        for code in codes.iter_mut() {
            *code = match *code {
                Categories::NONE if none == Categories::NONE => Categories::NONE,
                Categories::NONE => place[none as usize],
                c => place[c as usize],
            };
        }
        if names.is_empty() {
            // No case has a value: no code for each (a log without units).
            codes = Vec::new();
        }
        let mut slots: Vec<Option<String>> = names.into_iter().map(Some).collect();
        Categories {
            names: order
                .iter()
                .map(|&k| slots[k as usize].take().unwrap_or_default())
                .collect(),
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
        let mut piece = Piece::default();
        let linked = cases.iter().any(|c| c.linked_to.is_some());
        for c in &cases {
            piece.push(c.as_ref(), linked)?;
        }
        let mut builder = CaseLogBuilder::new(Some(years));
        builder.take(piece);
        builder.finish()
    }

    /// Number of cases.
    pub fn len(&self) -> usize {
        self.received.len()
    }

    /// Never true: a log has at least one case.
    pub fn is_empty(&self) -> bool {
        self.received.is_empty()
    }

    /// The `i`-th case (panics past the end, as indexing does).
    pub fn case(&self, i: usize) -> CaseRef<'_> {
        CaseRef {
            id: self.id(i),
            received: self.received[i],
            closed: self.closed[i],
            demand_type: self.demand_type(i),
            class: self.classes[i],
            channel: self.channels.name(i, Some(NONE)),
            handoffs: self.handoffs[i],
            linked_to: self.linked_to(i),
            unit: self.unit(i),
        }
    }

    /// The cases, in the order given.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = CaseRef<'_>> + '_ {
        (0..self.len()).map(|i| self.case(i))
    }

    /// The `i`-th case's reference.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// The `i`-th case's demand type, if it has one.
    pub fn demand_type(&self, i: usize) -> Option<&str> {
        self.types.name(i, Some(NONE))
    }

    /// The `i`-th case's unit, if it has one.
    pub fn unit(&self, i: usize) -> Option<&str> {
        self.units.name(i, None)
    }

    /// The reference of the earlier case the `i`-th repeats, if any.
    pub fn linked_to(&self, i: usize) -> Option<&str> {
        self.linked.get(i).filter(|l| !l.is_empty())
    }

    /// Every case's reference, in order.
    pub fn ids(&self) -> &TextColumn {
        &self.ids
    }

    /// The references of the cases at `places`, in that order, sharing the log's
    /// text.
    pub fn ids_at(&self, places: Vec<u32>) -> CaseIds {
        CaseIds {
            all: Arc::clone(&self.ids),
            places,
        }
    }

    /// Every case's time received.
    pub fn received(&self) -> &[Timestamp] {
        &self.received
    }

    /// Every case's time closed (`None` while open).
    pub fn closed(&self) -> &[Option<Timestamp>] {
        &self.closed
    }

    /// Every case's class.
    pub fn classes(&self) -> &[DemandClass] {
        &self.classes
    }

    /// Every case's handoff count, where known.
    pub fn handoffs(&self) -> &[Option<u32>] {
        &self.handoffs
    }

    /// Rows skipped when reading columns because every field was empty.
    pub fn blank_rows(&self) -> usize {
        self.blank_rows
    }

    /// Cases not yet closed.
    pub fn open_count(&self) -> usize {
        self.closed.iter().filter(|c| c.is_none()).count()
    }

    /// The latest time in the log (a receipt or a closure): the default "as of" for
    /// open cases' ages.
    pub fn latest(&self) -> Timestamp {
        let received = self.received.iter().copied().max();
        let closed = self.closed.iter().flatten().copied().max();
        received.max(closed).unwrap_or(self.received[0])
    }

    /// The earliest receipt.
    pub fn earliest(&self) -> Timestamp {
        self.received
            .iter()
            .copied()
            .min()
            .unwrap_or(self.received[0])
    }

    /// Each case's demand type (`(none)` for a case without one) as a number.
    pub(crate) fn types(&self) -> &Categories {
        &self.types
    }

    /// Each case's channel (`(none)` for a case without one) as a number.
    pub(crate) fn channels(&self) -> &Categories {
        &self.channels
    }

    /// Each case's unit as a number ([`Categories::NONE`] for a case without one).
    pub(crate) fn units(&self) -> &Categories {
        &self.units
    }
}

/// The references of some of a log's cases (a chart's points), as places in the
/// log's references: four bytes a case where a `String` each was forty. Written
/// to JSON as the list of references.
///
/// ```
/// use measures_core::demand::{Case, CaseLog, DemandClass};
/// use measures_core::demand::time::Timestamp;
/// let t = Timestamp::parse("2024-01-02").unwrap();
/// let log = CaseLog::new(["R1", "R2", "R3"].map(|id| Case::new(id, t, None, DemandClass::Value)).to_vec())?;
/// let ids = log.ids_at(vec![2, 0]);
/// assert_eq!(ids.iter().collect::<Vec<_>>(), ["R3", "R1"]);
/// assert_eq!(serde_json::to_string(&ids).unwrap(), r#"["R3","R1"]"#);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CaseIds {
    all: Arc<TextColumn>,
    places: Vec<u32>,
}

impl CaseIds {
    /// How many references.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The `i`-th reference, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.all.get(*self.places.get(i)? as usize)
    }

    /// The references in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.places.iter().map(|&k| &self.all[k as usize])
    }
}

impl PartialEq for CaseIds {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Serialize for CaseIds {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One piece of a log as read: its columns, the text fields numbered as first seen.
#[derive(Default)]
struct Piece<'a> {
    ids: TextColumn,
    received: Vec<Timestamp>,
    closed: Vec<Option<Timestamp>>,
    classes: Vec<DemandClass>,
    handoffs: Vec<Option<u32>>,
    /// One cell per case when the log has the column, none otherwise.
    linked: TextColumn,
    types: Seen<'a>,
    channels: Seen<'a>,
    units: Seen<'a>,
    /// Rows of the columns given skipped for holding nothing.
    blank: Vec<usize>,
}

impl<'a> Piece<'a> {
    /// Add a case; its link too when the log has a column of them (`linked`).
    fn push(&mut self, case: CaseRef<'a>, linked: bool) -> Result<()> {
        self.ids.try_push(case.id)?;
        self.received.push(case.received);
        self.closed.push(case.closed);
        self.classes.push(case.class);
        self.handoffs.push(case.handoffs);
        if linked {
            self.linked.try_push(case.linked_to.unwrap_or(""))?;
        }
        self.types.push(case.demand_type);
        self.channels.push(case.channel);
        self.units.push(case.unit);
        Ok(())
    }
}

/// Builds a [`CaseLog`] from columns given a part at a time, as a long file is read
/// a block at a time: the parts' cells are read and kept as the log's columns, and
/// the text given can go before the next part comes. The result, and the first
/// error, are those of reading every part as one ([`CaseLog::from_columns`]).
///
/// ```
/// use measures_core::demand::{CaseColumns, CaseLogBuilder};
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let mut log = CaseLogBuilder::new(None);
/// for (id, day) in [("R1", "2024-01-02"), ("R2", "2024-01-03")] {
///     let (id, received, closed) = (s(&[id]), s(&[day]), s(&[""]));
///     log.append(&CaseColumns { id: &id, received: &received, closed: &closed, ..Default::default() })?;
/// }
/// assert_eq!(log.finish()?.open_count(), 2);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug)]
pub struct CaseLogBuilder {
    years: (i32, i32),
    /// Rows given so far, blank ones included (the index errors name).
    rows: usize,
    /// Rows skipped as blank, ascending.
    blank: Vec<usize>,
    ids: Vec<TextColumn>,
    received: Vec<Timestamp>,
    closed: Vec<Option<Timestamp>>,
    classes: Vec<DemandClass>,
    handoffs: Vec<Option<u32>>,
    /// Per piece, its cases and its references of earlier cases (no cells when
    /// the piece had no such column).
    linked: Vec<(usize, TextColumn)>,
    types: Merged,
    channels: Merged,
    units: Merged,
    /// Whether the received and closed columns hold spreadsheet serial numbers:
    /// decided by the first part with a time in the column, for the whole log.
    serial: [Option<bool>; 2],
}

impl CaseLogBuilder {
    /// An empty log whose times must fall in `years` ([`PLAUSIBLE_YEARS`] when
    /// `None`).
    pub fn new(years: Option<(i32, i32)>) -> Self {
        CaseLogBuilder {
            years: years.unwrap_or(PLAUSIBLE_YEARS),
            rows: 0,
            blank: Vec::new(),
            ids: Vec::new(),
            received: Vec::new(),
            closed: Vec::new(),
            classes: Vec::new(),
            handoffs: Vec::new(),
            linked: Vec::new(),
            types: Merged::default(),
            channels: Merged::default(),
            units: Merged::default(),
            serial: [None; 2],
        }
    }

    /// Rows given so far (blank ones included): the index of the next part's first.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Make room for `cases` more cases, when the caller can tell how many are to
    /// come (a file's size over the bytes a case has taken so far): the columns
    /// then grow once, not by doubling, which held up to twice the room needed.
    pub fn reserve(&mut self, cases: usize) {
        self.received.reserve_exact(cases);
        self.closed.reserve_exact(cases);
        self.classes.reserve_exact(cases);
        self.handoffs.reserve_exact(cases);
        for merged in [&mut self.types, &mut self.channels, &mut self.units] {
            merged.codes.reserve_exact(cases);
        }
    }

    /// Read the next part's rows; a bad cell is an `InvalidCell` error whose index
    /// counts every row given so far. A long part is read on every core, in pieces,
    /// with the same result and the same first error as one reading. (`c.years` is
    /// not read: the builder's years hold for every part.)
    pub fn append<C: Cells + ?Sized>(&mut self, c: &CaseColumns<'_, C>) -> Result<()> {
        let n = c.id.len();
        let check = |what: &'static str, len: usize| MeasuresError::check_length(what, n, len);
        check("received times", c.received.len())?;
        check("closed times", c.closed.len())?;
        for (what, column) in c.optional() {
            if let Some(col) = column {
                check(what, col.len())?;
            }
        }
        // A column of spreadsheet serial numbers (45292.36) is read as dates, the
        // whole column or none of it.
        for (decided, column) in self.serial.iter_mut().zip([c.received, c.closed]) {
            if decided.is_none() && (0..n).any(|i| !crate::cells::is_missing(column.cell(i))) {
                *decided = Some(crate::cells::holds_serial_dates(column));
            }
        }
        let serial = self.serial.map(|s| s.unwrap_or(false));
        let offset = self.rows;
        // Pieces of 2^16 rows, on every core for a long part; each stops at its
        // first bad row, and the first piece with one names the first. Eight pieces
        // at a time, each taken into the log as soon as it is read.
        const PIECE: usize = 1 << 16;
        const AT_A_TIME: usize = 8;
        let pieces: Vec<usize> = (0..n.div_ceil(PIECE)).collect();
        for window in pieces.chunks(AT_A_TIME) {
            let read = crate::parallel::map(window, n > PIECE, |&p| {
                read_piece(c, p * PIECE..((p + 1) * PIECE).min(n), offset, serial)
            });
            for piece in read {
                self.take(piece?);
            }
        }
        self.rows = offset + n;
        Ok(())
    }

    /// Keep a piece's cases.
    fn take(&mut self, piece: Piece<'_>) {
        let cases = piece.received.len();
        self.blank.extend(&piece.blank);
        self.ids.push(piece.ids);
        self.received.extend(piece.received);
        self.closed.extend(piece.closed);
        self.classes.extend(piece.classes);
        self.handoffs.extend(piece.handoffs);
        self.linked.push((cases, piece.linked));
        self.types.take(&piece.types);
        self.channels.take(&piece.channels);
        self.units.take(&piece.units);
    }

    /// The log, once every case is checked: a reference given, none repeated,
    /// times within the years, none closed before it was received. An error names
    /// the first case wrong (its index counts the rows given, blank ones included).
    pub fn finish(self) -> Result<CaseLog> {
        if self.received.is_empty() {
            return Err(MeasuresError::Empty);
        }
        // The measures number cases in 32 bits.
        if u32::try_from(self.received.len()).is_err() {
            return Err(MeasuresError::invalid_option(
                "cases",
                "a log holds at most 4,294,967,295 cases: split it",
            ));
        }
        let (first, last) = self.years;
        if first > last {
            return Err(MeasuresError::InvalidOption {
                name: "years",
                reason: format!("the first year ({first}) is after the last ({last})"),
            });
        }
        // A column of links where no case names one is no column.
        let any_linked = self.linked.iter().any(|(_, l)| l.text_len() > 0);
        let linked = TextColumn::concat(
            self.linked
                .into_iter()
                .filter(|_| any_linked)
                .map(|(cases, l)| match l.is_empty() {
                    true => std::iter::repeat_n("", cases).collect(),
                    false => l,
                })
                .collect(),
        );
        let log = CaseLog {
            ids: Arc::new(TextColumn::concat(self.ids)),
            received: self.received,
            closed: self.closed,
            classes: self.classes,
            handoffs: self.handoffs,
            linked,
            types: self.types.finish(Some(NONE)),
            channels: self.channels.finish(Some(NONE)),
            units: self.units.finish(None),
            blank_rows: self.blank.len(),
        };
        check_cases(&log, self.years, &self.blank)?;
        Ok(log)
    }
}

/// The row given of the `case`-th case kept, past the blank rows skipped before it.
fn row_of(case: usize, blank: &[usize]) -> usize {
    let mut row = case;
    for &b in blank {
        if b > row {
            break;
        }
        row += 1;
    }
    row
}

/// Every case checked in order; the first wrong one is the error, named by its row
/// among those given (`blank` the rows skipped).
fn check_cases(log: &CaseLog, (first, last): (i32, i32), blank: &[usize]) -> Result<()> {
    let ids = &log.ids;
    // Exports are often in order of reference: references that only increase
    // cannot repeat, and a million of them need no table to show it. In order as
    // text (A-0001, A-0002) or as numbers are (R9999999 then R10000000).
    let pairs = || ids.iter().zip(ids.iter().skip(1));
    let increasing =
        pairs().all(|(a, b)| a < b) || pairs().all(|(a, b)| (a.len(), a) < (b.len(), b));
    let mut seen: HashMap<&str, usize> =
        HashMap::with_capacity(if increasing { 0 } else { log.len() });
    let invalid = |index: usize, reason: String| MeasuresError::InvalidCase {
        index: row_of(index, blank),
        id: log.id(index).to_string(),
        reason,
    };
    for (index, id) in ids.iter().enumerate() {
        if id.trim().is_empty() {
            return Err(invalid(index, "has no case reference".into()));
        }
        if let Some(first) = (!increasing).then(|| seen.insert(id, index)).flatten() {
            return Err(invalid(
                index,
                format!(
                    "repeats the case reference of case {}",
                    row_of(first, blank)
                ),
            ));
        }
        let (received, closed) = (log.received[index], log.closed[index]);
        for (what, t) in [("received", Some(received)), ("closed", closed)] {
            let Some(t) = t else { continue };
            let year = chrono::Datelike::year(&t.local_date);
            if year < first || year > last {
                return Err(invalid(
                    index,
                    format!(
                        "was {what} on {}, outside the years {first} to {last} a case log is read in \
                         (a mistyped year? widen the span if it is right)",
                        t.local_date
                    ),
                ));
            }
        }
        if let Some(closed) = closed.filter(|&c| c < received) {
            return Err(invalid(
                index,
                format!(
                    "was closed ({}) before it was received ({})",
                    closed.local_date, received.local_date
                ),
            ));
        }
    }
    Ok(())
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
    /// The optional columns, each with what its cells are (for messages).
    fn optional(&self) -> [(&'static str, Option<&'a C>); 6] {
        [
            ("demand types", self.demand_type),
            ("classes", self.class),
            ("channels", self.channel),
            ("handoffs", self.handoffs),
            ("linked cases", self.linked_to),
            ("units", self.unit),
        ]
    }

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
    /// the same result and the same first error as one reading. (A log given a
    /// part at a time: [`CaseLogBuilder`].)
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
        let mut builder = CaseLogBuilder::new(c.years);
        builder.append(c)?;
        builder.finish()
    }
}

/// The cases of `rows` of the columns: a row of nothing (a spreadsheet's trailing
/// empty rows) is skipped and counted, as the CSV reader skips it; the first bad
/// cell stops the piece. Errors name the row as `offset` plus its place.
fn read_piece<'a, C: Cells + ?Sized>(
    c: &CaseColumns<'a, C>,
    rows: std::ops::Range<usize>,
    offset: usize,
    [received_serial, closed_serial]: [bool; 2],
) -> Result<Piece<'a>> {
    let cell =
        |i: usize, column: &'static str, text: &str, reason: String| MeasuresError::InvalidCell {
            index: offset + i,
            column,
            text: text.to_string(),
            reason,
        };
    let text = |col: Option<&'a C>, i: usize| {
        col.map(|v| v.cell(i).trim())
            .filter(|t| !crate::cells::is_missing(t))
    };
    let columns: Vec<&C> = [c.id, c.received, c.closed]
        .into_iter()
        .chain(c.optional().into_iter().filter_map(|(_, column)| column))
        .collect();
    let n = rows.len();
    let mut piece = Piece {
        ids: TextColumn::with_capacity(n, 0),
        received: Vec::with_capacity(n),
        closed: Vec::with_capacity(n),
        classes: Vec::with_capacity(n),
        handoffs: Vec::with_capacity(n),
        linked: TextColumn::with_capacity(if c.linked_to.is_some() { n } else { 0 }, 0),
        ..Piece::default()
    };
    for i in rows {
        if columns
            .iter()
            .all(|col| crate::cells::is_missing(col.cell(i)))
        {
            piece.blank.push(offset + i);
            continue;
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
                crate::cells::timestamp(t, closed_serial).map_err(|e| cell(i, "closed", t, e))?,
            ),
        };
        let class = match c.class {
            Some(col) if crate::cells::is_missing(col.cell(i)) => DemandClass::Unclassified,
            Some(col) => {
                DemandClass::parse(col.cell(i)).map_err(|e| cell(i, "class", col.cell(i), e))?
            }
            None => DemandClass::Unclassified,
        };
        let handoffs = match text(c.handoffs, i) {
            None => None,
            Some(h) => Some(h.parse::<u32>().map_err(|_| {
                cell(
                    i,
                    "handoffs",
                    h,
                    "a handoff count must be a whole number, 0 or more".into(),
                )
            })?),
        };
        let case = CaseRef {
            id: c.id.cell(i).trim(),
            received,
            closed,
            demand_type: text(c.demand_type, i),
            class,
            channel: text(c.channel, i),
            handoffs,
            linked_to: text(c.linked_to, i),
            unit: text(c.unit, i),
        };
        piece.push(case, c.linked_to.is_some())?;
    }
    Ok(piece)
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
        // Units have no category for a case without one, and a log without units
        // no codes.
        assert!(log.units().codes.is_empty());
        assert!(log.units().names.is_empty());
    }

    /// Columns of `n` rows: every fifth row of nothing, some types, channels and
    /// links missing, `bad` (if any) a row whose closed time is not a time.
    fn columns(n: usize, bad: Option<usize>) -> [Vec<String>; 6] {
        let mut c: [Vec<String>; 6] = Default::default();
        for i in 0..n {
            let row = if i % 5 == 4 {
                ["", "", "", "", "", ""].map(str::to_string)
            } else {
                [
                    format!("R{}", (i * 7919) % 1_000_003),
                    format!("2024-{:02}-{:02} 09:30", 1 + i % 12, 1 + i % 28),
                    match i % 3 {
                        0 => String::new(),
                        _ if Some(i) == bad => "soon".into(),
                        _ => format!("2025-01-{:02}", 1 + i % 28),
                    },
                    ["leak", "", "damp", "NA"][i % 4].into(),
                    ["phone", "web", ""][i % 3].into(),
                    if i % 7 == 0 {
                        "R1".into()
                    } else {
                        String::new()
                    },
                ]
            };
            for (column, cell) in c.iter_mut().zip(row) {
                column.push(cell);
            }
        }
        c
    }

    fn of(c: &[Vec<String>; 6], rows: std::ops::Range<usize>) -> CaseColumns<'_, [String]> {
        let part = |k: usize| &c[k][rows.clone()];
        CaseColumns {
            demand_type: Some(part(3)),
            channel: Some(part(4)),
            linked_to: Some(part(5)),
            ..CaseColumns::new(part(0), part(1), part(2))
        }
    }

    #[test]
    fn a_log_given_in_parts_is_the_log_given_at_once() {
        let c = columns(230, None);
        let whole = CaseLog::from_columns(&of(&c, 0..230)).unwrap();
        assert_eq!(whole.len(), 184);
        assert_eq!(whole.blank_rows(), 46);
        for cuts in [vec![1], vec![5, 100], vec![4, 9, 14, 229]] {
            let mut builder = CaseLogBuilder::new(None);
            let mut from = 0;
            for &cut in cuts.iter().chain([&230]) {
                builder.append(&of(&c, from..cut)).unwrap();
                from = cut;
            }
            assert_eq!(builder.finish().unwrap(), whole, "cut at {cuts:?}");
        }
        // Each case reads back as given; a missing type is none.
        let first = whole.case(0).to_case();
        assert_eq!(
            (first.id.as_str(), first.demand_type.as_deref()),
            ("R0", Some("leak"))
        );
        assert_eq!(whole.case(1).demand_type, None);
        assert_eq!(whole.linked_to(0), Some("R1"));
        assert_eq!(whole.linked_to(1), None);
        // A bad cell is named by its row among all given, in parts or not.
        let c = columns(230, Some(151));
        for cuts in [vec![], vec![150], vec![151, 152]] {
            let mut builder = CaseLogBuilder::new(None);
            let mut from = 0;
            let mut error = None;
            for &cut in cuts.iter().chain([&230]) {
                if let Err(e) = builder.append(&of(&c, from..cut)) {
                    error = Some(e);
                    break;
                }
                from = cut;
            }
            match error {
                Some(MeasuresError::InvalidCell { index, column, .. }) => {
                    assert_eq!((index, column), (151, "closed"))
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_case_in_error_is_named_by_its_row_past_the_blank_rows() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let id = s(&["", "A", "", "B", "", "A"]);
        let received = s(&["", "2024-01-02", "", "2024-01-03", "", "2024-01-04"]);
        let closed = s(&["", "", "", "", "", ""]);
        let err = CaseLog::from_columns(&CaseColumns::new(&id[..], &received[..], &closed[..]))
            .unwrap_err();
        match err {
            MeasuresError::InvalidCase { index, reason, .. } => {
                assert_eq!(index, 5);
                assert!(
                    reason.contains("repeats the case reference of case 1"),
                    "{reason}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
