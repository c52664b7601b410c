//! Capability: the statement of a chart's phase, and the indices of a series.

use crate::handle::MeasuresChart;
use crate::memory::slice;
use crate::status::{failed, guard, MeasuresStatus};
use measures_core::capability::{
    capability, capability_statement, CapabilityOptions, Estimate, Specification, StatementOptions,
};
use std::ffi::{c_char, CStr, CString};

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
