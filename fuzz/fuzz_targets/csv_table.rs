//! The one CSV reader: any bytes, any column names, never a panic; a table it reads
//! has a line for every row and a cell for every column asked for, and a UTF-8 file
//! read a block at a time (`TableReader`) gives the same rows and lines.
#![no_main]
use libfuzzer_sys::fuzz_target;
use measures_core::table::{ReadOptions, Table, TableReader, Want};
use measures_core::text::TextColumn;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(0);
    let (names, bytes) = data.split_at(split);
    let names = String::from_utf8_lossy(names);
    let wanted: Vec<Want<'_>> = names
        .split(',')
        .take(4)
        .enumerate()
        .map(|(i, n)| if i % 2 == 0 { Want::required(n) } else { Want::optional(n) })
        .collect();
    for delimiter in [None, Some(b';')] {
        if let Ok(t) = Table::parse(bytes, &wanted, ReadOptions { delimiter }) {
            for k in 0..wanted.len() {
                if let Some(c) = t.column(k) {
                    assert_eq!(c.len(), t.lines.len());
                    let _ = t.numbers(k);
                }
            }
            let _ = t.notes();
            if std::str::from_utf8(bytes).is_ok() {
                let block = 1 + bytes.first().map_or(0, |&b| usize::from(b) % 32);
                let mut reader = TableReader::new(&wanted, ReadOptions { delimiter });
                let mut parts = Vec::new();
                for part in bytes.chunks(block) {
                    parts.extend(reader.feed(part).expect("read whole, so in blocks"));
                }
                parts.extend(reader.finish().expect("read whole, so in blocks"));
                let lines: Vec<u64> = parts.iter().flat_map(|p| p.lines.clone()).collect();
                assert_eq!(lines, t.lines, "blocks of {block}");
                for k in 0..wanted.len() {
                    let joined = TextColumn::concat(parts.iter().map(|p| p.cells(k).clone()).collect());
                    assert_eq!(&joined, t.cells(k), "blocks of {block}");
                }
                assert_eq!(reader.notes(), t.notes());
            }
        }
    }
    let _ = measures_core::table::headers(bytes, ReadOptions::default());
    let text = String::from_utf8_lossy(bytes);
    for cell in text.split([',', '\n']).take(64) {
        let _ = measures_core::cells::number(cell);
        let _ = measures_core::cells::date(cell);
        let _ = measures_core::cells::timestamp(cell, true);
    }
});
