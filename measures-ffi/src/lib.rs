//! The C ABI of measures.
//!
//! Rules a C programmer can follow from the header alone:
//! - Every function returns a [`MeasuresStatus`] (or a plain value for infallible
//!   accessors); on failure, [`measures_last_error_message`] describes the problem.
//! - Results are opaque handles created by `measures_*` functions and released by
//!   exactly one call to [`measures_chart_free`].
//! - Input arrays are owned by the caller and passed as pointer + length; they are
//!   only read during the call.
//! - Strings returned through an out-parameter are allocated by the library and
//!   released with [`measures_string_free`]; strings returned directly (`const char*`)
//!   are static and must not be freed.
//! - No panic crosses the boundary: one would be caught and reported as
//!   `MEASURES_STATUS_INTERNAL_ERROR`, without printing to the host's stderr.
//!
//! Versioning: [`measures_abi_version`] returns `MAJOR * 10000 + MINOR`. MINOR grows
//! when functions or enum values are added; MAJOR grows when any existing signature,
//! struct layout or meaning changes. A program built against MAJOR m works with any
//! library whose major is m and whose minor is at least the one it was built with.

#![allow(clippy::missing_safety_doc)] // every unsafe fn documents its safety in the header text

use measures_core::attribute::{self, AttributeOptions};
use measures_core::capability::{
    capability, capability_statement, CapabilityOptions, Estimate, Specification, StatementOptions,
};
use measures_core::cusum::{cusum, CusumOptions};
use measures_core::demand::{demand_report, CaseColumns, CaseLog, DemandOptions};
use measures_core::ewma::{ewma, EwmaOptions};
use measures_core::rare::{g_chart, t_chart, GOptions};
use measures_core::subgroup::{xbar_r, xbar_s, SubgroupOptions, Subgroups};
use measures_core::{
    run_chart, xmr, Assurance, Baseline, CentreLine, Chart, ChartOptions, Direction, LimitConstant,
    MeasuresError, RuleConfig, RuleSet, Series, Spread, Variation, XmrOptions,
};
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// ABI major version.
pub const MEASURES_ABI_MAJOR: u32 = 0;
/// ABI minor version.
pub const MEASURES_ABI_MINOR: u32 = 4;

/// Outcome of a call. Zero is success.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresStatus {
    /// Success.
    Ok = 0,
    /// A required pointer was NULL.
    NullPointer = 1,
    /// A length or index is out of range (including a buffer too small).
    InvalidLength = 2,
    /// A value is NaN or infinite.
    NonFinite = 3,
    /// The series, or a phase of it, has too few points.
    TooFewPoints = 4,
    /// An option or input cannot be used (see the message).
    InvalidInput = 5,
    /// A bug in the library (a caught panic). Please report it with the message.
    InternalError = 99,
}

/// Improvement direction.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresDirection {
    /// No direction.
    Neither = 0,
    /// Higher is better.
    Higher = 1,
    /// Lower is better.
    Lower = 2,
}

/// Special-cause rule set.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresRuleSet {
    /// The chart's default: NHS for XmR charts, Anhøj for run charts.
    Default = 0,
    /// NHS Making Data Count.
    Nhs = 1,
    /// Western Electric.
    WesternElectric = 2,
    /// Nelson.
    Nelson = 3,
    /// Anhøj runs rules.
    Anhoej = 4,
    /// Only points outside the limits.
    Limits = 5,
    /// No rules.
    None = 6,
}

/// Which per-point column to copy out of a chart.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresColumn {
    /// Plotted values.
    Values = 0,
    /// Centre line.
    Centre = 1,
    /// Upper limit (NaN where the chart has none).
    Upper = 2,
    /// Lower limit (NaN where the chart has none).
    Lower = 3,
    /// One sigma (NaN where the chart has none).
    Sigma = 4,
}

/// Chart options. Initialise with `measures_options_default` and change what you need.
/// Arrays are borrowed for the duration of the call that receives the options.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresOptions {
    /// Improvement direction: a `MeasuresDirection` value (an integer so that a bad
    /// value is refused with INVALID_INPUT instead of being undefined behaviour).
    pub direction: u32,
    /// Target for the assurance icon; NaN for none.
    pub target: f64,
    /// Rule set: a `MeasuresRuleSet` value.
    pub rules: u32,
    /// Shift length; 0 for the rule set's default.
    pub shift: usize,
    /// Trend length; 0 for the rule set's default.
    pub trend: usize,
    /// Zero-based indices where new phases start (may be NULL when the count is 0).
    pub phase_starts: *const usize,
    /// Number of phase starts.
    pub phase_starts_len: usize,
    /// Zero-based indices of points left out of the limit calculation (NULL when 0).
    pub exclude: *const usize,
    /// Number of excluded points.
    pub exclude_len: usize,
    /// Compute each phase's limits from its first N points; 0 for all points.
    pub baseline_points: usize,
    /// XmR: median centre line instead of the mean (0 or 1; a byte, not a `bool`, so
    /// that any other value is refused with INVALID_INPUT rather than being undefined
    /// behaviour, and so that C# and other callers lay it out without a marshalling rule).
    pub median_centre: u8,
    /// XmR: limits from the median moving range (3.145) instead of the mean (2.66) (0 or 1).
    pub median_moving_range: u8,
    /// XmR: use 3/1.128 instead of Making Data Count's 2.66 (0 or 1).
    pub textbook_constant: u8,
    /// XmR: screen moving ranges above 3.267 × their mean (0 or 1; default 1).
    pub screen_moving_ranges: u8,
}

/// An opaque chart handle. Release with `measures_chart_free`.
pub struct MeasuresChart(Chart);

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_error(message: &str) {
    let text = CString::new(message.replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = text);
}

fn fail(status: MeasuresStatus, message: &str) -> MeasuresStatus {
    set_error(message);
    status
}

/// A status and its message, as every entry point reports a failure.
type Failure = (MeasuresStatus, String);

fn status_of(err: &MeasuresError) -> MeasuresStatus {
    match err {
        MeasuresError::Empty | MeasuresError::TooFewPoints { .. } => MeasuresStatus::TooFewPoints,
        MeasuresError::NonFinite { .. } => MeasuresStatus::NonFinite,
        MeasuresError::IndexOutOfRange { .. } | MeasuresError::LengthMismatch { .. } => {
            MeasuresStatus::InvalidLength
        }
        _ => MeasuresStatus::InvalidInput,
    }
}

thread_local! {
    /// Set while this thread runs inside an entry point.
    static INSIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keep the library's own panics off the host's standard error: they are caught and
/// reported as INTERNAL_ERROR with a message. The hook is installed once and passes
/// every other panic (the host's, if it is Rust too) to the hook it replaced.
fn quiet_panics_inside() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !INSIDE.with(|inside| inside.get()) {
                previous(info);
            }
        }));
    });
}

/// Run `body`, turning a panic into `InternalError` and clearing the last error on success.
fn guard(body: impl FnOnce() -> Result<(), Failure>) -> MeasuresStatus {
    quiet_panics_inside();
    let was_inside = INSIDE.with(|inside| inside.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(body));
    INSIDE.with(|inside| inside.set(was_inside));
    match outcome {
        Ok(Ok(())) => {
            set_error("");
            MeasuresStatus::Ok
        }
        Ok(Err((status, message))) => fail(status, &message),
        Err(_) => fail(
            MeasuresStatus::InternalError,
            "internal error: the library panicked; please report this with the input that caused it",
        ),
    }
}

/// Borrow a caller array as a slice; NULL is allowed only with length 0.
unsafe fn slice<'a, T>(ptr: *const T, len: usize, what: &str) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err((
            MeasuresStatus::NullPointer,
            format!("{what} is NULL but its length is {len}"),
        ));
    }
    if len > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err((
            MeasuresStatus::InvalidLength,
            format!("{what}: length {len} is too large"),
        ));
    }
    // SAFETY: the caller promises `ptr` points to `len` readable elements (header contract).
    Ok(std::slice::from_raw_parts(ptr, len))
}

unsafe fn chart_options(o: &MeasuresOptions) -> Result<(ChartOptions, XmrOptions), Failure> {
    let set = match o.rules {
        x if x == MeasuresRuleSet::Default as u32 => None,
        x if x == MeasuresRuleSet::Nhs as u32 => Some(RuleSet::Nhs),
        x if x == MeasuresRuleSet::WesternElectric as u32 => Some(RuleSet::WesternElectric),
        x if x == MeasuresRuleSet::Nelson as u32 => Some(RuleSet::Nelson),
        x if x == MeasuresRuleSet::Anhoej as u32 => Some(RuleSet::Anhoej),
        x if x == MeasuresRuleSet::Limits as u32 => Some(RuleSet::Limits),
        x if x == MeasuresRuleSet::None as u32 => Some(RuleSet::None),
        other => {
            return Err((
                MeasuresStatus::InvalidInput,
                format!("options.rules = {other} is not a MeasuresRuleSet value"),
            ))
        }
    };
    let direction = match o.direction {
        x if x == MeasuresDirection::Neither as u32 => Direction::Neither,
        x if x == MeasuresDirection::Higher as u32 => Direction::HigherIsBetter,
        x if x == MeasuresDirection::Lower as u32 => Direction::LowerIsBetter,
        other => {
            return Err((
                MeasuresStatus::InvalidInput,
                format!("options.direction = {other} is not a MeasuresDirection value"),
            ))
        }
    };
    let nonzero = |x: usize| (x > 0).then_some(x);
    let rules = match (set, nonzero(o.shift), nonzero(o.trend)) {
        (None, None, None) => None,
        (set, shift, trend) => Some(RuleConfig {
            set: set.unwrap_or(RuleSet::Nhs),
            shift,
            trend,
        }),
    };
    if o.target.is_infinite() {
        return Err((
            MeasuresStatus::NonFinite,
            "target is infinite; use NaN for no target".into(),
        ));
    }
    let chart = ChartOptions {
        direction,
        target: (!o.target.is_nan()).then_some(o.target),
        rules,
        phase_starts: slice(o.phase_starts, o.phase_starts_len, "phase_starts")?.to_vec(),
        baseline: nonzero(o.baseline_points).map(Baseline::FirstPoints),
        exclude: slice(o.exclude, o.exclude_len, "exclude")?.to_vec(),
    };
    let flag = |name: &str, v: u8| match v {
        0 => Ok(false),
        1 => Ok(true),
        other => Err((
            MeasuresStatus::InvalidInput,
            format!("options.{name} = {other}: use 0 or 1"),
        )),
    };
    let settings = XmrOptions {
        centre: if flag("median_centre", o.median_centre)? {
            CentreLine::Median
        } else {
            CentreLine::Mean
        },
        spread: if flag("median_moving_range", o.median_moving_range)? {
            Spread::MedianMovingRange
        } else {
            Spread::MeanMovingRange
        },
        constant: if flag("textbook_constant", o.textbook_constant)? {
            LimitConstant::ThreeOverD2
        } else {
            LimitConstant::Nhs
        },
        screen_moving_ranges: flag("screen_moving_ranges", o.screen_moving_ranges)?,
    };
    Ok((chart, settings))
}

/// The default options: no direction, no target, the chart's default rules, one
/// phase, no baseline, no exclusions, Making Data Count's XmR settings.
#[no_mangle]
pub extern "C" fn measures_options_default() -> MeasuresOptions {
    MeasuresOptions {
        direction: MeasuresDirection::Neither as u32,
        target: f64::NAN,
        rules: MeasuresRuleSet::Default as u32,
        shift: 0,
        trend: 0,
        phase_starts: std::ptr::null(),
        phase_starts_len: 0,
        exclude: std::ptr::null(),
        exclude_len: 0,
        baseline_points: 0,
        median_centre: 0,
        median_moving_range: 0,
        textbook_constant: 0,
        screen_moving_ranges: 1,
    }
}

/// A core error as a status and its message.
fn failed(e: MeasuresError) -> Failure {
    (status_of(&e), e.to_string())
}

/// Make a chart handle: check `out`, read the options (NULL for the defaults), call
/// `build`, and hand out the chart. Shared by every function that returns a chart.
unsafe fn emit_chart(
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
    build: impl FnOnce(&ChartOptions, &XmrOptions) -> Result<Chart, Failure>,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        // SAFETY: out is non-null and, by contract, writable.
        *out = std::ptr::null_mut();
        let defaults = measures_options_default();
        // SAFETY: a non-null options pointer points to a valid struct (contract).
        let o = if options.is_null() {
            &defaults
        } else {
            &*options
        };
        let (chart_options, settings) = chart_options(o)?;
        let chart = build(&chart_options, &settings)?;
        *out = Box::into_raw(Box::new(MeasuresChart(chart)));
        Ok(())
    })
}

/// A chart of one column of values (see `emit_chart`).
unsafe fn build_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
    build: impl FnOnce(Series<'_>, &ChartOptions, &XmrOptions) -> measures_core::Result<Chart>,
) -> MeasuresStatus {
    emit_chart(options, out, |chart_options, settings| {
        let series = Series::new(slice(values, len, "values")?).map_err(failed)?;
        build(series, chart_options, settings).map_err(failed)
    })
}

/// Build an XmR chart from `len` values.
///
/// `values`: caller-owned, read during the call only; NULL allowed only when `len` is 0
/// (which then fails with TOO_FEW_POINTS). `options`: may be NULL for the defaults.
/// `out`: receives a new chart handle on success (NULL on failure); the caller owns it
/// and releases it with `measures_chart_free`.
#[no_mangle]
pub unsafe extern "C" fn measures_xmr(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    build_chart(values, len, options, out, xmr)
}

/// Build a run chart (median, Anhøj rules) from `len` values. Ownership as `measures_xmr`;
/// the XmR fields of `options` are ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_run(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    build_chart(values, len, options, out, |s, o, _| run_chart(s, o))
}

/// Release a chart. NULL is ignored. The handle must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_free(chart: *mut MeasuresChart) {
    if !chart.is_null() {
        // SAFETY: the pointer came from Box::into_raw in this library (contract).
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(chart))));
    }
}

/// Number of points in the chart; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_len(chart: *const MeasuresChart) -> usize {
    // SAFETY: a non-null handle is valid until freed (contract).
    chart.as_ref().map_or(0, |c| c.0.len())
}

/// Copy one per-point column (a `MeasuresColumn` value) into the caller's `buffer`
/// of `buffer_len` doubles.
/// The buffer must hold at least `measures_chart_len(chart)` values (INVALID_LENGTH
/// otherwise). Numbers that do not exist (a run chart's limits) are NaN.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_copy(
    chart: *const MeasuresChart,
    column: u32,
    buffer: *mut f64,
    buffer_len: usize,
) -> MeasuresStatus {
    guard(|| {
        // SAFETY: valid handle by contract.
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        if buffer.is_null() {
            return Err((MeasuresStatus::NullPointer, "buffer is NULL".into()));
        }
        let c = &chart.0;
        if buffer_len < c.len() {
            return Err((
                MeasuresStatus::InvalidLength,
                format!(
                    "buffer holds {buffer_len} values but the chart has {}",
                    c.len()
                ),
            ));
        }
        let line = match column {
            x if x == MeasuresColumn::Values as u32 => None,
            x if x == MeasuresColumn::Centre as u32 => Some(&c.centre),
            x if x == MeasuresColumn::Upper as u32 => Some(&c.upper),
            x if x == MeasuresColumn::Lower as u32 => Some(&c.lower),
            x if x == MeasuresColumn::Sigma as u32 => Some(&c.sigma),
            other => {
                return Err((
                    MeasuresStatus::InvalidInput,
                    format!("column = {other} is not a MeasuresColumn value"),
                ))
            }
        };
        // SAFETY: buffer is non-null and holds at least c.len() doubles (checked above, contract).
        let out = std::slice::from_raw_parts_mut(buffer, c.len());
        match line {
            None => out.copy_from_slice(&c.values),
            Some(line) => line.copy_to_slice(out),
        }
        Ok(())
    })
}

/// Number of special-cause signals in the chart; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_signal_count(chart: *const MeasuresChart) -> usize {
    chart.as_ref().map_or(0, |c| c.0.signals.len())
}

/// The variation icon's name (e.g. "common_cause", "special_cause_improving_high").
/// Static string: do not free. NULL for a NULL chart.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_variation(chart: *const MeasuresChart) -> *const c_char {
    match chart.as_ref() {
        None => std::ptr::null(),
        Some(c) => variation_name(c.0.variation).as_ptr(),
    }
}

/// The assurance icon's name ("consistently_pass", "consistently_fail", "hit_and_miss"),
/// or "none" when there is no target, direction or limits. Static string: do not free.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_assurance(chart: *const MeasuresChart) -> *const c_char {
    match chart.as_ref() {
        None => std::ptr::null(),
        Some(c) => assurance_name(c.0.assurance).as_ptr(),
    }
}

/// The variation icon's name as a static C string (the same text as `Variation::name`).
fn variation_name(v: Variation) -> &'static CStr {
    match v {
        Variation::CommonCause => c"common_cause",
        Variation::ImprovingHigh => c"special_cause_improving_high",
        Variation::ImprovingLow => c"special_cause_improving_low",
        Variation::ConcerningHigh => c"special_cause_concerning_high",
        Variation::ConcerningLow => c"special_cause_concerning_low",
        Variation::NeitherHigh => c"special_cause_neither_high",
        Variation::NeitherLow => c"special_cause_neither_low",
    }
}

/// The assurance icon's name as a static C string (the same text as `Assurance::name`).
fn assurance_name(a: Option<Assurance>) -> &'static CStr {
    match a {
        None => c"none",
        Some(Assurance::ConsistentlyPass) => c"consistently_pass",
        Some(Assurance::ConsistentlyFail) => c"consistently_fail",
        Some(Assurance::HitAndMiss) => c"hit_and_miss",
    }
}

/// Write the chart as JSON (the shape of docs/json.md) to `*out`. The string is
/// allocated by the library; release it with `measures_string_free`.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_to_json(
    chart: *const MeasuresChart,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        *out = std::ptr::null_mut();
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        let json = serde_json::to_string(&chart.0)
            .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?;
        let text =
            CString::new(json).map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?;
        *out = text.into_raw();
        Ok(())
    })
}

/// Draw the chart, Making Data Count style, as an SVG document in `*out` (allocated
/// by the library; release with `measures_string_free`). `title`: NUL-terminated, or
/// NULL for the chart type. `width` and `height` in pixels (800 × 380 is usual; at
/// least 300 × 200).
#[no_mangle]
pub unsafe extern "C" fn measures_chart_to_svg(
    chart: *const MeasuresChart,
    title: *const c_char,
    width: f64,
    height: f64,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        *out = std::ptr::null_mut();
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        if !(width.is_finite() && height.is_finite() && width >= 300.0 && height >= 200.0) {
            return Err((
                MeasuresStatus::InvalidInput,
                format!("the drawing needs a width of at least 300 and a height of at least 200, not {width} x {height}"),
            ));
        }
        let title = if title.is_null() {
            None
        } else {
            // SAFETY: a non-null title is NUL-terminated (contract).
            Some(CStr::from_ptr(title).to_string_lossy().into_owned())
        };
        let svg = measures_render::chart_svg(
            &measures_render::ChartView::from_chart(&chart.0),
            &measures_render::SvgOptions {
                width,
                height,
                title,
                y_label: None,
            },
        );
        *out = CString::new(svg)
            .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?
            .into_raw();
        Ok(())
    })
}

/// Release a string returned through an out-parameter by this library. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_string_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: the pointer came from CString::into_raw in this library (contract).
        let _ = catch_unwind(AssertUnwindSafe(|| drop(CString::from_raw(text))));
    }
}

/// The message of the last failed call on this thread ("" after a success).
/// Borrowed: valid until the next call into the library on this thread; do not free.
#[no_mangle]
pub extern "C" fn measures_last_error_message() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

/// The ABI version, MAJOR * 10000 + MINOR (see the versioning rule at the top).
#[no_mangle]
pub extern "C" fn measures_abi_version() -> u32 {
    MEASURES_ABI_MAJOR * 10000 + MEASURES_ABI_MINOR
}

/// Build a t chart (times between rare events, all above 0) from `len` values.
/// Ownership as `measures_xmr`; the XmR fields of `options` apply to the
/// transformed scale.
#[no_mangle]
pub unsafe extern "C" fn measures_t_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    build_chart(values, len, options, out, t_chart)
}

/// Build a g chart (opportunities or days between rare events, 0 or more) from `len`
/// values. Ownership as `measures_xmr`; the XmR fields of `options` are ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_g_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    build_chart(values, len, options, out, |s, o, _| {
        g_chart(s, o, &GOptions::default())
    })
}

/// Build an X-bar chart with its R chart (`with_std_dev` false) or S chart (true) as
/// companion, from `len` observations in time order cut into `groups` subgroups of
/// `sizes[k]` observations each (they must add up to `len`).
///
/// `observations` and `sizes`: caller-owned, read during the call only. `options`:
/// may be NULL; XmR fields are ignored. `out`: a new chart handle, released with
/// `measures_chart_free`; its companion is reached with `measures_chart_companion`.
#[no_mangle]
pub unsafe extern "C" fn measures_xbar_chart(
    observations: *const f64,
    len: usize,
    sizes: *const usize,
    groups: usize,
    with_std_dev: bool,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    emit_chart(options, out, |chart_options, _| {
        let parts = Subgroups::new(
            slice(observations, len, "observations")?,
            slice(sizes, groups, "sizes")?,
        )
        .map_err(failed)?;
        let settings = SubgroupOptions::default();
        if with_std_dev {
            xbar_s(parts, chart_options, &settings)
        } else {
            xbar_r(parts, chart_options, &settings)
        }
        .map_err(failed)
    })
}

/// Build a tabular CUSUM (the upper sum; the lower sum is the companion) from `len`
/// individual values. `target` and `sigma`: the in-control mean and sigma, or NaN to
/// estimate them (mean, mean moving range / 1.128). `k`, `h`, `head_start`: in sigma
/// (0.5, 5 and 0 are the usual choices). Ownership as `measures_xmr`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_cusum(
    values: *const f64,
    len: usize,
    target: f64,
    sigma: f64,
    k: f64,
    h: f64,
    head_start: f64,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = CusumOptions {
        target: (!target.is_nan()).then_some(target),
        sigma: (!sigma.is_nan()).then_some(sigma),
        k,
        h,
        head_start,
    };
    build_chart(values, len, options, out, move |s, o, _| {
        cusum(s, o, &settings)
    })
}

/// Build an EWMA chart from `len` individual values with weight `lambda` (0 < λ ≤ 1,
/// 0.2 usual) and limit width `l` (3 usual); `target` and `sigma` as for
/// `measures_cusum`. Ownership as `measures_xmr`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_ewma(
    values: *const f64,
    len: usize,
    target: f64,
    sigma: f64,
    lambda: f64,
    l: f64,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = EwmaOptions {
        target: (!target.is_nan()).then_some(target),
        sigma: (!sigma.is_nan()).then_some(sigma),
        lambda,
        l,
    };
    build_chart(values, len, options, out, move |s, o, _| {
        ewma(s, o, &settings)
    })
}

/// A copy of the chart's companion (the moving-range chart of an XmR or t chart, the
/// R or S chart of an X-bar chart, the lower CUSUM) as a new handle in `*out`, which
/// the caller releases with `measures_chart_free`. `*out` is NULL, with status OK,
/// when the chart has no companion.
#[no_mangle]
pub unsafe extern "C" fn measures_chart_companion(
    chart: *const MeasuresChart,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        *out = std::ptr::null_mut();
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        if let Some(companion) = chart.0.companion.as_deref() {
            *out = Box::into_raw(Box::new(MeasuresChart(companion.clone())));
        }
        Ok(())
    })
}

/// Which attribute chart `measures_attribute_chart` builds.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresAttributeChart {
    /// p chart: proportion of cases with an attribute (numerator ≤ denominator).
    P = 0,
    /// np chart: number of cases with an attribute.
    Np = 1,
    /// c chart: counts (denominators ignored; pass NULL).
    C = 2,
    /// u chart: events per unit of opportunity.
    U = 3,
    /// Laney p′ chart.
    PPrime = 4,
    /// Laney u′ chart.
    UPrime = 5,
}

/// Build a p, np, c, u, p′ or u′ chart (`kind` is a `MeasuresAttributeChart`).
///
/// `numerators` and `denominators`: caller-owned arrays of `len` values, read during
/// the call only; `denominators` may be NULL for a c chart (and must be, to avoid an
/// error). `options`: may be NULL; its XmR fields are ignored. `out`: receives a new
/// chart handle (release with `measures_chart_free`), NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn measures_attribute_chart(
    kind: u32,
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    emit_chart(options, out, |chart_options, _| {
        type Build =
            fn(Series<'_>, &ChartOptions, &AttributeOptions) -> measures_core::Result<Chart>;
        let build: Build = match kind {
            x if x == MeasuresAttributeChart::P as u32 => attribute::p_chart,
            x if x == MeasuresAttributeChart::Np as u32 => attribute::np_chart,
            x if x == MeasuresAttributeChart::C as u32 => attribute::c_chart,
            x if x == MeasuresAttributeChart::U as u32 => attribute::u_chart,
            x if x == MeasuresAttributeChart::PPrime as u32 => attribute::p_prime_chart,
            x if x == MeasuresAttributeChart::UPrime as u32 => attribute::u_prime_chart,
            other => {
                return Err((
                    MeasuresStatus::InvalidInput,
                    format!("kind = {other} is not a MeasuresAttributeChart value"),
                ))
            }
        };
        let mut series = Series::new(slice(numerators, len, "numerators")?).map_err(failed)?;
        if !denominators.is_null() {
            series = series
                .with_denominators(slice(denominators, len, "denominators")?)
                .map_err(failed)?;
        }
        build(series, chart_options, &AttributeOptions::default()).map_err(failed)
    })
}

/// What a chart's phase predictably delivers (see `measures_capability_statement`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresStatement {
    /// True when the phase shows no special cause, so the range can be relied on.
    pub predictable: bool,
    /// Zero-based phase described.
    pub phase: usize,
    /// First point of the phase.
    pub first: usize,
    /// Last point of the phase (inclusive).
    pub last: usize,
    /// The centre line: on average.
    pub average: f64,
    /// The lower process limit, raised to the floor when one was given.
    pub lower: f64,
    /// The upper process limit.
    pub upper: f64,
    /// The lower limit before any floor.
    pub lower_limit: f64,
    /// Special-cause signals in the phase (0 when predictable).
    pub signal_count: usize,
}

/// The capability statement of a chart's phase: "between L and U; on average A", or
/// not predictable.
///
/// `chart`: a handle from this library (borrowed). `phase`: zero-based, or `SIZE_MAX`
/// for the latest. `floor`: the least possible value (0 for times), or NaN for none.
/// `unit`: a NUL-terminated unit for the text ("days"), or NULL. `out`: filled on
/// success. `text`: if not NULL, receives the statement in words, allocated by the
/// library (release with `measures_string_free`); NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn measures_capability_statement(
    chart: *const MeasuresChart,
    phase: usize,
    floor: f64,
    unit: *const c_char,
    out: *mut MeasuresStatement,
    text: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        if !text.is_null() {
            *text = std::ptr::null_mut();
        }
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        let out = out
            .as_mut()
            .ok_or((MeasuresStatus::NullPointer, "out is NULL".to_string()))?;
        let unit = if unit.is_null() {
            String::new()
        } else {
            // SAFETY: a non-null unit is a NUL-terminated string (contract).
            CStr::from_ptr(unit).to_string_lossy().into_owned()
        };
        if floor.is_infinite() {
            return Err((
                MeasuresStatus::NonFinite,
                "floor is infinite; use NaN for none".into(),
            ));
        }
        let options = StatementOptions {
            phase: (phase != usize::MAX).then_some(phase),
            floor: (!floor.is_nan()).then_some(floor),
            unit,
            ..StatementOptions::default()
        };
        let s = capability_statement(&chart.0, &options).map_err(failed)?;
        *out = MeasuresStatement {
            predictable: s.predictable,
            phase: s.phase,
            first: s.first,
            last: s.last,
            average: s.average,
            lower: s.lower,
            upper: s.upper,
            lower_limit: s.lower_limit,
            signal_count: s.signals.len(),
        };
        if !text.is_null() {
            *text = CString::new(s.text)
                .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?
                .into_raw();
        }
        Ok(())
    })
}

/// A capability index with its confidence interval; all NaN when it does not apply
/// (e.g. Cp with one specification limit).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresIndex {
    /// Point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
}

impl From<Option<Estimate>> for MeasuresIndex {
    fn from(e: Option<Estimate>) -> Self {
        match e {
            Some(e) => MeasuresIndex {
                value: e.value,
                lower: e.lower,
                upper: e.upper,
            },
            None => MeasuresIndex {
                value: f64::NAN,
                lower: f64::NAN,
                upper: f64::NAN,
            },
        }
    }
}

/// Capability indices of individual values (see `measures_capability`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresCapability {
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Within sigma: mean moving range / 1.128.
    pub sigma_within: f64,
    /// Overall sample standard deviation.
    pub sigma_overall: f64,
    /// (USL − LSL)/6σ_within.
    pub cp: MeasuresIndex,
    /// (μ − LSL)/3σ_within.
    pub cpl: MeasuresIndex,
    /// (USL − μ)/3σ_within.
    pub cpu: MeasuresIndex,
    /// min(Cpl, Cpu).
    pub cpk: MeasuresIndex,
    /// Cp/√(1 + ((μ − T)/σ_within)²).
    pub cpm: MeasuresIndex,
    /// (USL − LSL)/6σ_overall.
    pub pp: MeasuresIndex,
    /// min(Ppl, Ppu).
    pub ppk: MeasuresIndex,
    /// Expected parts per million outside the limits, within sigma.
    pub expected_ppm_within: f64,
    /// Expected parts per million outside the limits, overall sigma.
    pub expected_ppm_overall: f64,
    /// Observed parts per million outside the limits.
    pub observed_ppm: f64,
}

/// Capability indices of `len` individual values (in time order) against
/// specification limits: `lsl`, `usl` and `target` are NaN when absent (at least one
/// limit is needed). `level`: confidence level of the intervals, e.g. 0.95.
/// `values`: caller-owned, read during the call. `out`: filled on success.
#[no_mangle]
pub unsafe extern "C" fn measures_capability(
    values: *const f64,
    len: usize,
    lsl: f64,
    usl: f64,
    target: f64,
    level: f64,
    out: *mut MeasuresCapability,
) -> MeasuresStatus {
    guard(|| {
        let out = out
            .as_mut()
            .ok_or((MeasuresStatus::NullPointer, "out is NULL".to_string()))?;
        let values = slice(values, len, "values")?;
        let opt = |x: f64| (!x.is_nan()).then_some(x);
        let spec = Specification::new(opt(lsl), opt(usl), opt(target)).map_err(failed)?;
        let c = capability(
            values,
            &spec,
            &CapabilityOptions {
                level,
                within: None,
            },
        )
        .map_err(failed)?;
        *out = MeasuresCapability {
            n: c.n,
            mean: c.mean,
            sigma_within: c.sigma_within,
            sigma_overall: c.sigma_overall,
            cp: c.cp.into(),
            cpl: c.cpl.into(),
            cpu: c.cpu.into(),
            cpk: c.cpk.into(),
            cpm: c.cpm.into(),
            pp: c.pp.into(),
            ppk: c.ppk.into(),
            expected_ppm_within: c.expected_within.total_ppm,
            expected_ppm_overall: c.expected_overall.total_ppm,
            observed_ppm: c.observed.total_ppm,
        };
        Ok(())
    })
}

/// Read `len` strings from a caller array of `const char*`; a NULL entry is "".
unsafe fn strings(
    ptr: *const *const c_char,
    len: usize,
    what: &str,
) -> Result<Vec<String>, Failure> {
    let items = slice(ptr, len, what)?;
    Ok(items
        .iter()
        .map(|&p| {
            if p.is_null() {
                String::new()
            } else {
                // SAFETY: each non-null entry is a NUL-terminated string (contract).
                CStr::from_ptr(p).to_string_lossy().into_owned()
            }
        })
        .collect())
}

/// The demand report of a case log given as columns of strings, as JSON (the
/// "Demand report" shape of docs/json.md).
///
/// `ids`, `received`, `closed`: arrays of `len` NUL-terminated strings (a NULL entry
/// or "" in `closed` is an open case). `types`, `classes`, `channels`, `handoffs`,
/// `linked`: the same, or NULL when the log has no such column. All are caller-owned
/// and read during the call. `options_json`: the report options as a JSON object
/// (e.g. `{"period": "month", "unit": "working_days", "nation": "england-and-wales"}`),
/// or NULL for the defaults. `out`: receives the JSON, allocated by the library
/// (release with `measures_string_free`); NULL on failure.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_demand_report_json(
    ids: *const *const c_char,
    received: *const *const c_char,
    closed: *const *const c_char,
    types: *const *const c_char,
    classes: *const *const c_char,
    channels: *const *const c_char,
    handoffs: *const *const c_char,
    linked: *const *const c_char,
    len: usize,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        *out = std::ptr::null_mut();
        let optional = |p: *const *const c_char, what: &str| {
            if p.is_null() {
                Ok(None)
            } else {
                strings(p, len, what).map(Some)
            }
        };
        let ids = strings(ids, len, "ids")?;
        let received = strings(received, len, "received")?;
        let closed = strings(closed, len, "closed")?;
        let (types, classes, channels, handoffs, linked) = (
            optional(types, "types")?,
            optional(classes, "classes")?,
            optional(channels, "channels")?,
            optional(handoffs, "handoffs")?,
            optional(linked, "linked")?,
        );
        let options: DemandOptions = if options_json.is_null() {
            DemandOptions::default()
        } else {
            // SAFETY: a non-null options_json is NUL-terminated (contract).
            let text = CStr::from_ptr(options_json).to_string_lossy();
            serde_json::from_str(&text)
                .map_err(|e| (MeasuresStatus::InvalidInput, format!("options_json: {e}")))?
        };
        let log = CaseLog::from_columns(&CaseColumns {
            id: &ids,
            received: &received,
            closed: &closed,
            demand_type: types.as_deref(),
            class: classes.as_deref(),
            channel: channels.as_deref(),
            handoffs: handoffs.as_deref(),
            linked_to: linked.as_deref(),
            years: None,
        })
        .map_err(failed)?;
        let report = demand_report(&log, &options).map_err(failed)?;
        let json = serde_json::to_string(&report)
            .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?;
        *out = CString::new(json)
            .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?
            .into_raw();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_names_match_the_core_names() {
        use Variation::*;
        for v in [
            CommonCause,
            ImprovingHigh,
            ImprovingLow,
            ConcerningHigh,
            ConcerningLow,
            NeitherHigh,
            NeitherLow,
        ] {
            assert_eq!(variation_name(v).to_str().unwrap(), v.name());
        }
        for a in [
            Assurance::ConsistentlyPass,
            Assurance::ConsistentlyFail,
            Assurance::HitAndMiss,
        ] {
            assert_eq!(assurance_name(Some(a)).to_str().unwrap(), a.name());
        }
    }
}
