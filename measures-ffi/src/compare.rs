//! A pilot against the rest: did the change make a difference?

use crate::memory::{give_json, json_options, slice, utf8_strings};
use crate::status::{failed, guard, MeasuresStatus};
use measures_core::change::{compare, CompareData, CompareOptions};
use std::ffi::c_char;

/// A pilot compared with the rest, as JSON (the "Comparison" shape of docs/json.md):
/// each group's chart with limits frozen before the change, the verdict in words,
/// and the difference in differences.
///
/// `units`: `len` NUL-terminated UTF-8 unit names, one per row (a case, or a unit's
/// period). `dates`: `len` dates as text (2024-07-01, 01/07/2024, or a time).
/// `values`: `len` numbers (each group's point is their mean per period), or NULL
/// for a ratio, when `numerators` and `denominators` (`len` each, summed per group
/// and period) are given instead (NULL otherwise). All are caller-owned and read
/// during the call. `options_json`: the options as a JSON object, with at least
/// `pilot` and `change`, e.g. `{"pilot": ["North"], "change": "2024-07-01",
/// "period": "month", "direction": "lower_is_better"}`. `out`: receives the JSON,
/// allocated by the library (release with `measures_string_free`); NULL on failure.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_compare_json(
    units: *const *const c_char,
    dates: *const *const c_char,
    values: *const f64,
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    guard(|| {
        crate::memory::clear_out(out)?;
        let units = utf8_strings(units, len, "units")?;
        let dates = measures_core::cells::dates(&utf8_strings(dates, len, "dates")?, "dates")
            .map_err(failed)?;
        let optional = |p: *const f64, what: &'static str| {
            if p.is_null() {
                Ok(None)
            } else {
                slice(p, len, what).map(Some)
            }
        };
        let values = optional(values, "values")?;
        let numerators = optional(numerators, "numerators")?;
        let denominators = optional(denominators, "denominators")?;
        let options: CompareOptions = json_options(options_json, "options_json")?;
        let result = compare(
            &CompareData {
                units: &units,
                dates: &dates,
                values,
                ratio: numerators.zip(denominators),
            },
            &options,
        )
        .map_err(failed)?;
        give_json(&result, out)
    })
}
