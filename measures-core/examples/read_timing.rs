//! How long reading a case log takes, and the memory it holds: the file read a
//! block at a time and each block's rows taken into the log, as `measures report`
//! reads it (`CaseLogReader::read_from`).
//!
//! ```sh
//! cargo run --release -p measures-core --example read_timing -- target/cases-1m.csv
//! ```

use measures_core::demand::{CaseLogReader, CASE_FIELDS};
use measures_core::table::{ReadOptions, Want};
use std::time::Instant;

/// The process's resident memory now and at its peak, in MB (Linux; zero elsewhere).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let path = std::env::args().nth(1).expect("a case log's path");
    // Every field but the unit, each in the column of its own name.
    let wanted: Vec<(&str, Want<'_>)> = CASE_FIELDS[..8]
        .iter()
        .map(|&field| (field, Want::optional(field)))
        .collect();
    let mut reader =
        CaseLogReader::new(&wanted, ReadOptions::default(), None).expect("the fields of a log");
    let t = Instant::now();
    let file = std::fs::File::open(&path).expect("a readable file");
    reader.set_size(file.metadata().map_or(0, |m| m.len()));
    let log = reader.read_from(file).expect("a valid log");
    let elapsed = t.elapsed();
    drop(reader);
    let (now, peak) = memory();
    println!(
        "{} cases read and checked in {:.2} s; memory {now} MB held, {peak} MB at the peak",
        log.len(),
        elapsed.as_secs_f64(),
    );
}
