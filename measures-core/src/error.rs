//! The one error type of the core. Every variant says what went wrong and where
//! (index, phase, value), so the CLI, Python and C can pass the message on as it is.

use thiserror::Error;

/// Everything that can go wrong when building a measure from input data.
///
/// Indices are zero-based positions in the series as given.
///
/// ```
/// use measures_core::{xmr_chart, ChartOptions, MeasuresError, Series, XmrOptions};
/// let err = Series::new(&[1.0, f64::INFINITY]).unwrap_err();
/// assert_eq!(err, MeasuresError::NonFinite { index: 1, value: f64::INFINITY.to_string() });
/// assert!(err.to_string().contains("index 1"));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum MeasuresError {
    /// The series has no points at all.
    #[error("the series is empty: at least one value is needed")]
    Empty,

    /// A phase (or the whole series) has fewer usable points than the method needs.
    #[error("too few points for {what} in phase {}: {needed} needed, {got} available", .phase + 1)]
    TooFewPoints {
        /// What needed the points, e.g. "the XmR limits (two consecutive points used for the limits)".
        what: &'static str,
        /// Zero-based phase index (messages count phases from 1).
        phase: usize,
        /// Minimum number of points the method needs.
        needed: usize,
        /// Number of points that were available.
        got: usize,
    },

    /// A CSV file is malformed (unequal field counts, bad UTF-8, …).
    #[error("line {line}: malformed CSV: {message}")]
    Csv {
        /// CSV line (the header is line 1).
        line: u64,
        /// What is wrong.
        message: String,
    },

    /// A column asked for is not in the header.
    #[error("no column {column:?}; the columns are: {available}")]
    MissingColumn {
        /// The name asked for.
        column: String,
        /// The header, joined with commas.
        available: String,
    },

    /// A column name matches more than one column of the header.
    #[error("the column name {column:?} matches more than one column: {matches}; rename one of them in the file")]
    AmbiguousColumn {
        /// The name asked for.
        column: String,
        /// The columns it matches, with their positions.
        matches: String,
    },

    /// A file has a header but no data rows.
    #[error("the file has a header but no data rows")]
    NoRows,

    /// A cell of a CSV file cannot be read as its column needs.
    #[error("line {line}, column {column:?}: {text:?}: {reason}")]
    BadCell {
        /// CSV line.
        line: u64,
        /// The column as the file names it.
        column: String,
        /// The cell's text.
        text: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A value is missing (NaN) where the chart needs every one: a count or
    /// denominator, a subgroup observation, a CUSUM or EWMA point.
    #[error("{what} at index {index} is missing; {needed}")]
    Missing {
        /// Which input, e.g. "count", "denominator".
        what: &'static str,
        /// Position of the missing value.
        index: usize,
        /// Why it cannot be skipped, e.g. "a p chart needs every count".
        needed: String,
    },

    /// A value is NaN or infinite. The value is kept as text so the error compares equal.
    #[error("value at index {index} is not a finite number ({value})")]
    NonFinite {
        /// Position of the bad value.
        index: usize,
        /// The value as text ("NaN", "inf", "-inf").
        value: String,
    },

    /// Two inputs that must line up point for point have different lengths.
    #[error("{what}: {got} given for a series of {expected} values")]
    LengthMismatch {
        /// Which input, e.g. "labels".
        what: &'static str,
        /// Length of the series.
        expected: usize,
        /// Length of the other input.
        got: usize,
    },

    /// A phase break, baseline or exclusion refers to a point outside the series.
    #[error("{what} at index {index} is outside the series of {len} points")]
    IndexOutOfRange {
        /// Which option, e.g. "phase break".
        what: &'static str,
        /// The index given.
        index: usize,
        /// Length of the series.
        len: usize,
    },

    /// A value is finite but outside what the method allows (a negative count, a
    /// numerator above its denominator, a zero denominator, a time that is not positive).
    #[error("{what} at index {index} ({value}) {reason}")]
    InvalidValue {
        /// Which input, e.g. "numerator", "denominator".
        what: &'static str,
        /// Position of the value.
        index: usize,
        /// The value.
        value: f64,
        /// What is wrong with it, e.g. "is larger than its denominator (5)".
        reason: String,
    },

    /// A label given to name a point (a phase break, a baseline end) is not in the series.
    #[error("{what}: no point is labelled {label:?}")]
    UnknownLabel {
        /// Which option named the label.
        what: &'static str,
        /// The label that was not found.
        label: String,
    },

    /// The same label appears twice, so points cannot be told apart.
    #[error("label {label:?} at index {index} repeats the label at index {first}")]
    DuplicateLabel {
        /// Position of the repeat.
        index: usize,
        /// Position of the first occurrence.
        first: usize,
        /// The label.
        label: String,
    },

    /// Date labels are not in time order.
    #[error("date label {label:?} at index {index} comes before the previous date {previous:?}; sort the series by date")]
    UnsortedLabels {
        /// Position of the out-of-order label.
        index: usize,
        /// The label.
        label: String,
        /// The label just before it.
        previous: String,
    },

    /// An option has a value the method cannot use.
    #[error("invalid option {name}: {reason}")]
    InvalidOption {
        /// The option's name.
        name: &'static str,
        /// Why it cannot be used.
        reason: String,
    },

    /// The values are so large that a centre, limit or moving range overflows.
    #[error("numbers too large to compute {what} in phase {}: rescale the values (e.g. to thousands)", .phase + 1)]
    Overflow {
        /// What overflowed, e.g. "the centre line".
        what: &'static str,
        /// Zero-based phase index (messages count phases from 1).
        phase: usize,
    },

    /// A rule needs control limits but the chart has none (a run chart).
    #[error("rule {rule} needs control limits, but a {chart} chart has none; use the anhoej rules or no rules")]
    RuleNeedsLimits {
        /// The rule's name.
        rule: &'static str,
        /// The chart type.
        chart: &'static str,
    },

    /// Specification limits a capability analysis cannot use: neither given, reversed,
    /// equal, or a target outside them.
    #[error("invalid specification: {reason}")]
    InvalidSpecification {
        /// What is wrong, naming the limits given.
        reason: String,
    },

    /// A cell of a case log cannot be read (a time, a class, a handoff count).
    #[error("row {index}, {column}: {text:?}: {reason}")]
    InvalidCell {
        /// Zero-based row of the log.
        index: usize,
        /// Which field: "received", "closed", "class", "handoffs", "id".
        column: &'static str,
        /// The cell's text.
        text: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A case in a case log cannot be used (closed before it was received, a repeated
    /// or missing reference).
    #[error("case {id:?} (row {index} of the log) {reason}")]
    InvalidCase {
        /// Zero-based position of the case in the log as given.
        index: usize,
        /// The case reference.
        id: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The data do not vary, so a spread-based measure (a capability index, a normality
    /// test) would divide by zero.
    #[error("no variation: {what} is zero, so {needed} cannot be computed")]
    NoVariation {
        /// Which spread is zero, e.g. "the within-subgroup standard deviation".
        what: &'static str,
        /// What needed it, e.g. "Cp and Cpk".
        needed: &'static str,
    },
}

impl MeasuresError {
    /// An [`MeasuresError::InvalidOption`] naming the option and why it cannot be
    /// used.
    ///
    /// ```
    /// let e = measures_core::MeasuresError::invalid_option("levels", "each must lie in (0.5, 1)");
    /// assert_eq!(e.kind(), "invalid_option");
    /// ```
    pub fn invalid_option(name: &'static str, reason: impl Into<String>) -> Self {
        MeasuresError::InvalidOption {
            name,
            reason: reason.into(),
        }
    }

    /// Nothing when `got` equals `expected`, else a [`MeasuresError::LengthMismatch`]
    /// saying how many `what` there were and how many there should be.
    ///
    /// ```
    /// use measures_core::MeasuresError;
    /// assert!(MeasuresError::check_length("labels", 3, 3).is_ok());
    /// assert_eq!(MeasuresError::check_length("labels", 3, 2).unwrap_err().kind(), "length_mismatch");
    /// ```
    pub fn check_length(what: &'static str, expected: usize, got: usize) -> Result<()> {
        if got == expected {
            Ok(())
        } else {
            Err(MeasuresError::LengthMismatch {
                what,
                expected,
                got,
            })
        }
    }

    /// A short stable name for the kind of error, used by the bindings to pick an
    /// exception class or a status code.
    ///
    /// ```
    /// assert_eq!(measures_core::MeasuresError::Empty.kind(), "empty");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            MeasuresError::Empty => "empty",
            MeasuresError::TooFewPoints { .. } => "too_few_points",
            MeasuresError::NonFinite { .. } => "non_finite",
            MeasuresError::Missing { .. } => "missing",
            MeasuresError::Csv { .. } => "csv",
            MeasuresError::MissingColumn { .. } => "missing_column",
            MeasuresError::AmbiguousColumn { .. } => "ambiguous_column",
            MeasuresError::NoRows => "no_rows",
            MeasuresError::BadCell { .. } => "bad_cell",
            MeasuresError::LengthMismatch { .. } => "length_mismatch",
            MeasuresError::IndexOutOfRange { .. } => "index_out_of_range",
            MeasuresError::UnknownLabel { .. } => "unknown_label",
            MeasuresError::DuplicateLabel { .. } => "duplicate_label",
            MeasuresError::UnsortedLabels { .. } => "unsorted_labels",
            MeasuresError::InvalidOption { .. } => "invalid_option",
            MeasuresError::InvalidValue { .. } => "invalid_value",
            MeasuresError::Overflow { .. } => "overflow",
            MeasuresError::RuleNeedsLimits { .. } => "rule_needs_limits",
            MeasuresError::InvalidSpecification { .. } => "invalid_specification",
            MeasuresError::NoVariation { .. } => "no_variation",
            MeasuresError::InvalidCase { .. } => "invalid_case",
            MeasuresError::InvalidCell { .. } => "invalid_cell",
        }
    }
}

/// Result alias used throughout the core.
pub type Result<T, E = MeasuresError> = std::result::Result<T, E>;
