//! The chart handle, and everything read out of it: columns, icons, JSON, SVG,
//! the companion chart.

use crate::status::{guard, MeasuresStatus};
use measures_core::{Assurance, Chart, Rule, Side, Variation};
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An opaque chart handle. Release with `measures_chart_free`.
pub struct MeasuresChart(pub(crate) Chart);

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

/// One special-cause signal: a span of points a rule found. Filled by
/// `measures_chart_signal`; nothing in it needs freeing.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresSignal {
    /// The rule's name ("outside_limits", "trend", "two_of_three", "four_of_five",
    /// "shift", "longest_run", "alternating", "stratification", "mixture",
    /// "too_few_crossings"). Static string: do not free.
    pub rule: *const c_char,
    /// 1 above the centre or rising, -1 below or falling, 0 for rules without a side.
    pub side: i32,
    /// Zero-based phase.
    pub phase: usize,
    /// Zero-based index of the span's first point.
    pub first: usize,
    /// Zero-based index of the span's last point (inclusive).
    pub last: usize,
}

/// Read signal `index` (0 ≤ index < `measures_chart_signal_count`) into `*out`.
/// Signals are ordered by their first point. INVALID_LENGTH when `index` is out of
/// range. The points of a span that take part in the signal are the ones whose
/// point type is a special cause (see `measures_chart_to_json` for the per-point list).
#[no_mangle]
pub unsafe extern "C" fn measures_chart_signal(
    chart: *const MeasuresChart,
    index: usize,
    out: *mut MeasuresSignal,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        // SAFETY: valid handle by contract.
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        let signals = &chart.0.signals;
        let s = signals.get(index).ok_or_else(|| {
            (
                MeasuresStatus::InvalidLength,
                format!(
                    "signal index {index} is out of range: the chart has {} signals",
                    signals.len()
                ),
            )
        })?;
        // SAFETY: out is non-null and points to a MeasuresSignal (contract).
        *out = MeasuresSignal {
            rule: rule_name(s.rule).as_ptr(),
            side: match s.side {
                Some(Side::High) => 1,
                Some(Side::Low) => -1,
                None => 0,
            },
            phase: s.phase,
            first: s.first,
            last: s.last,
        };
        Ok(())
    })
}

/// The rule's name as a static C string (the same text as `Rule::name`).
fn rule_name(r: Rule) -> &'static CStr {
    match r {
        Rule::OutsideLimits => c"outside_limits",
        Rule::Trend => c"trend",
        Rule::TwoOfThree => c"two_of_three",
        Rule::FourOfFive => c"four_of_five",
        Rule::Shift => c"shift",
        Rule::LongestRun => c"longest_run",
        Rule::Alternating => c"alternating",
        Rule::Stratification => c"stratification",
        Rule::Mixture => c"mixture",
        Rule::TooFewCrossings => c"too_few_crossings",
    }
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
        crate::memory::clear_out(out)?;
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        crate::memory::give_json(&chart.0, out)
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
        crate::memory::clear_out(out)?;
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
        crate::memory::clear_out(out)?;
        let chart = chart
            .as_ref()
            .ok_or((MeasuresStatus::NullPointer, "chart is NULL".to_string()))?;
        if let Some(companion) = chart.0.companion.as_deref() {
            *out = Box::into_raw(Box::new(MeasuresChart(companion.clone())));
        }
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
        use Rule::*;
        for r in [
            OutsideLimits,
            Trend,
            TwoOfThree,
            FourOfFive,
            Shift,
            LongestRun,
            Alternating,
            Stratification,
            Mixture,
            TooFewCrossings,
        ] {
            assert_eq!(rule_name(r).to_str().unwrap(), r.name());
        }
    }
}
