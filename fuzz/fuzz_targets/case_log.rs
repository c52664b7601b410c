//! Case logs from any CSV: read by the one reader, checked by the core, and (when
//! they read) every demand measure computed, never a panic or an endless loop. The
//! same bytes read a block at a time (`CaseLogReader`, as the command and Python
//! read files) give the same log, or an error where one reading gives one.
#![no_main]
use libfuzzer_sys::fuzz_target;
use measures_core::demand::{
    demand_report, CaseColumns, CaseLog, CaseLogReader, DemandOptions, Period, TimeUnit,
};
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
    let at_once = Table::parse(data, &wanted, ReadOptions::default()).and_then(|t| {
        CaseLog::from_columns(&CaseColumns {
            id: t.cells(0),
            received: t.cells(1),
            closed: t.cells(2),
            demand_type: t.column(3),
            class: t.column(4),
            handoffs: t.column(5),
            ..Default::default()
        })
    });
    // Blocks of a size the input picks, from one byte up.
    let block = 1 + data.first().map_or(0, |&b| usize::from(b) % 64);
    let fields = ["id", "received", "closed", "type", "class", "handoffs"];
    let named: Vec<(&str, Want<'_>)> = fields.into_iter().zip(wanted).collect();
    let in_blocks = CaseLogReader::new(&named, ReadOptions::default(), None).and_then(|mut r| {
        for part in data.chunks(block) {
            r.feed(part)?;
        }
        r.finish()
    });
    // A file UTF-8 in its first blocks and not after is read in both encodings a
    // block at a time, in Windows-1252 whole: the same only for UTF-8 files.
    if std::str::from_utf8(data).is_ok() {
        match (&at_once, &in_blocks) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "blocks of {block}"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("at once {a:?}, in blocks of {block} {b:?}"),
        }
    }
    let Ok(log) = at_once else { return };
    let period = [Period::Day, Period::Week, Period::Month, Period::Quarter][data.len() % 4];
    let unit = [TimeUnit::CalendarDays, TimeUnit::Hours, TimeUnit::WorkingDays][data.len() % 3];
    let options = DemandOptions { period, unit, ..Default::default() };
    if let Ok(report) = demand_report(&log, &options) {
        let _ = measures_render::report::demand_html(&report, "fuzz", "fuzz.csv");
    }
});
