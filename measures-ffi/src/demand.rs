//! The demand report of a case log given as columns of strings.

use crate::memory::{give_json, json_options, strings};
use crate::status::{failed, guard, MeasuresStatus};
use measures_core::demand::{demand_report, CaseColumns, CaseLog, DemandOptions};
use std::ffi::c_char;

/// The demand report of a case log given as columns of strings, as JSON (the
/// "Demand report" shape of docs/json.md, in full: every chart point by point, as
/// `measures demand --detail` writes it; for a very large log that is hundreds of MB).
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
    let columns = [
        ids,
        received,
        closed,
        types,
        classes,
        channels,
        handoffs,
        linked,
        std::ptr::null(),
    ];
    demand_report_json(columns, len, options_json, out)
}

/// As [`measures_demand_report_json`], with `units`: `len` NUL-terminated strings
/// naming the team, area or office of each case (NULL or "" for none), caller-owned
/// and read during the call. The report then compares the units on funnel plots
/// (`units`), and with `{"pilot": ["North"], "pilot_change": "2024-07-01"}` in the
/// options the pilot with the rest (`pilot`).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_demand_report_units_json(
    ids: *const *const c_char,
    received: *const *const c_char,
    closed: *const *const c_char,
    types: *const *const c_char,
    classes: *const *const c_char,
    channels: *const *const c_char,
    handoffs: *const *const c_char,
    linked: *const *const c_char,
    units: *const *const c_char,
    len: usize,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    let columns = [
        ids, received, closed, types, classes, channels, handoffs, linked, units,
    ];
    demand_report_json(columns, len, options_json, out)
}

/// The report of the nine columns (the last three and the optional ones may be NULL).
unsafe fn demand_report_json(
    columns: [*const *const c_char; 9],
    len: usize,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> MeasuresStatus {
    let [ids, received, closed, types, classes, channels, handoffs, linked, units] = columns;
    guard(|| {
        crate::memory::clear_out(out)?;
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
        let (types, classes, channels, handoffs, linked, units) = (
            optional(types, "types")?,
            optional(classes, "classes")?,
            optional(channels, "channels")?,
            optional(handoffs, "handoffs")?,
            optional(linked, "linked")?,
            optional(units, "units")?,
        );
        let options: DemandOptions = json_options(options_json, "options_json")?;
        let log = CaseLog::from_columns(&CaseColumns {
            id: ids.as_slice(),
            received: received.as_slice(),
            closed: closed.as_slice(),
            demand_type: types.as_deref(),
            class: classes.as_deref(),
            channel: channels.as_deref(),
            handoffs: handoffs.as_deref(),
            linked_to: linked.as_deref(),
            unit: units.as_deref(),
            years: None,
        })
        .map_err(failed)?;
        let report = demand_report(&log, &options).map_err(failed)?;
        give_json(&report, out)
    })
}
