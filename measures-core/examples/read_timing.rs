//! How long reading a case log takes, and the memory it holds: the file read a
//! block at a time (`TableReader`), each block's rows taken into the log
//! (`CaseLogBuilder`) and let go, as `measures report` reads it.
//!
//! ```sh
//! cargo run --release -p measures-core --example read_timing -- target/cases-1m.csv
//! ```

use measures_core::demand::{CaseColumns, CaseLogBuilder};
use measures_core::table::{ReadOptions, TableReader, Want};
use std::io::Read;
use std::time::{Duration, Instant};

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
    let mut reader = TableReader::new(&wanted, ReadOptions::default());
    let mut builder = CaseLogBuilder::new(None);
    let (mut reading, mut parsing, mut checking) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut file = std::fs::File::open(&path).expect("a readable file");
    let mut block = Vec::with_capacity(64 << 20);
    loop {
        let t = Instant::now();
        block.clear();
        let read = (&mut file)
            .take(64 << 20)
            .read_to_end(&mut block)
            .expect("a readable file");
        reading += t.elapsed();
        let t = Instant::now();
        let rows = if read == 0 {
            reader.finish()
        } else {
            reader.feed(&block)
        }
        .expect("a CSV file");
        parsing += t.elapsed();
        let t = Instant::now();
        if let Some(table) = rows {
            let c = |k: usize| table.column(k);
            let columns = CaseColumns {
                demand_type: c(3),
                class: c(4),
                channel: c(5),
                handoffs: c(6),
                linked_to: c(7),
                ..CaseColumns::new(table.cells(0), table.cells(1), table.cells(2))
            };
            builder.append(&columns).expect("valid rows");
        }
        checking += t.elapsed();
        if read == 0 {
            break;
        }
    }
    let t = Instant::now();
    let log = builder.finish().expect("a valid log");
    checking += t.elapsed();
    drop(block);
    let (now, peak) = memory();
    println!(
        "{} cases: file read {:.2} s, parsed {:.2} s, checked {:.2} s; memory {now} MB held, {peak} MB at the peak",
        log.len(),
        reading.as_secs_f64(),
        parsing.as_secs_f64(),
        checking.as_secs_f64(),
    );
}
