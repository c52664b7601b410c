//! How long reading a case log takes, stage by stage: the file's bytes into text
//! columns (`Table::parse`), then the cases checked (`CaseLog::from_columns`).
//!
//! ```sh
//! cargo run --release -p measures-core --example read_timing -- target/cases-1m.csv
//! ```

use measures_core::demand::{CaseColumns, CaseLog};
use measures_core::table::{ReadOptions, Table, Want};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a case log's path");
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("a readable file");
    let read = t.elapsed();
    let names = [
        "id",
        "received",
        "closed",
        "type",
        "class",
        "channel",
        "handoffs",
        "linked_to",
    ];
    let wanted: Vec<Want<'_>> = names.iter().map(|n| Want::optional(n)).collect();
    let t = Instant::now();
    let table = Table::parse(&bytes, &wanted, ReadOptions::default()).expect("a CSV file");
    let parsed = t.elapsed();
    drop(bytes);
    let c = |k: usize| table.column(k);
    let t = Instant::now();
    let columns = CaseColumns {
        demand_type: c(3),
        class: c(4),
        channel: c(5),
        handoffs: c(6),
        linked_to: c(7),
        ..CaseColumns::new(table.cells(0), table.cells(1), table.cells(2))
    };
    let log = CaseLog::from_columns(&columns).expect("a valid log");
    let checked = t.elapsed();
    println!(
        "{} cases: file read {:.2} s, parsed {:.2} s, checked {:.2} s",
        log.len(),
        read.as_secs_f64(),
        parsed.as_secs_f64(),
        checked.as_secs_f64()
    );
}
