//! Case logs from any CSV: read by the one reader, checked by the core, and (when
//! they read) every demand measure computed, never a panic or an endless loop.
#![no_main]
use libfuzzer_sys::fuzz_target;
use measures_core::demand::{demand_report, CaseColumns, CaseLog, DemandOptions, Period, TimeUnit};
use measures_core::table::{ReadOptions, Table, Want};

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let wanted = [
        Want::required("id"),
        Want::required("received"),
        Want::required("closed"),
        Want::optional("type"),
        Want::optional("class"),
        Want::optional("handoffs"),
    ];
    let Ok(t) = Table::parse(data, &wanted, ReadOptions::default()) else { return };
    let columns = CaseColumns {
        id: t.cells(0),
        received: t.cells(1),
        closed: t.cells(2),
        demand_type: t.column(3),
        class: t.column(4),
        handoffs: t.column(5),
        ..Default::default()
    };
    let Ok(log) = CaseLog::from_columns(&columns) else { return };
    let period = [Period::Day, Period::Week, Period::Month, Period::Quarter][data.len() % 4];
    let unit = [TimeUnit::CalendarDays, TimeUnit::Hours, TimeUnit::WorkingDays][data.len() % 3];
    let options = DemandOptions { period, unit, ..Default::default() };
    if let Ok(report) = demand_report(&log, &options) {
        let _ = measures_render::report::demand_html(&report, "fuzz", "fuzz.csv");
    }
});
