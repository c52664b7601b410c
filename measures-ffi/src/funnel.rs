//! Funnel plots: units compared against a target with limits for their size.

use crate::memory::{give_json, json_options, slice, utf8_strings};
use crate::status::{failed, guard, MeasuresStatus};
use measures_core::funnel::{funnel, FunnelData, FunnelOptions};
use std::ffi::c_char;

/// A funnel plot of `len` units, as JSON (the "Funnel" shape of docs/json.md).
///
/// `units`: `len` NUL-terminated UTF-8 names (unique). `numerators` and
/// `denominators`: `len` numbers each (events and cases, events and exposure,
/// observed and expected; for means the means and the numbers of values). `sd`:
/// NULL, or for means `len` standard deviations. All are caller-owned and read
/// during the call. `options_json`: the options as a JSON object, e.g.
/// `{"kind": "rate", "levels": [0.95, 0.998], "dispersion": "auto", "target": null,
/// "direction": "lower_is_better"}`, or NULL for the defaults (a proportion, 95% and
/// 99.8%, over-dispersion adjusted when found). `out`: receives the JSON, allocated
/// by the library (release with `measures_string_free`); NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn measures_funnel_json(
    units: *const *const c_char,
    numerators: *const f64,
    denominators: *const f64,
    sd: *const f64,
    len: usize,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        crate::memory::clear_out(out)?;
        let units = utf8_strings(units, len, "units")?;
        let numerators = slice(numerators, len, "numerators")?;
        let denominators = slice(denominators, len, "denominators")?;
        let sd = if sd.is_null() {
            None
        } else {
            Some(slice(sd, len, "sd")?)
        };
        let options: FunnelOptions = json_options(options_json, "options_json")?;
        let result = funnel(
            &FunnelData {
                units: &units,
                numerators,
                denominators,
                sd,
            },
            &options,
        )
        .map_err(failed)?;
        give_json(&result, out)
    })
}
