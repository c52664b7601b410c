//! Reading a case log from a CSV file's bytes, a block at a time: the command and
//! Python open the file, this reads what they hand it (a `std::io::Read` or blocks
//! of bytes). Each block's rows become the log's columns and their text is let go,
//! so a ten-million-case file is never held whole; the log, and the first error,
//! are those of reading the file at once.

use super::case_log::{CaseColumns, CaseLog, CaseLogBuilder};
use crate::error::{MeasuresError, Result};
use crate::table::{ReadOptions, Table, TableReader, Want};

/// The fields of a case log, as [`MeasuresError::InvalidCell`] and
/// [`CaseLogReader::new`] name them.
pub const CASE_FIELDS: [&str; 9] = [
    "id",
    "received",
    "closed",
    "type",
    "class",
    "channel",
    "handoffs",
    "linked_to",
    "unit",
];

/// Why [`CaseLogReader::read_from`] stopped: its source could not be read, or what
/// it held is not a case log.
#[derive(Debug)]
pub enum ReadFailure {
    /// The source failed (a file that cannot be read).
    Source(std::io::Error),
    /// The content is wrong (named by line, or by row for a case as a whole).
    Log(MeasuresError),
}

impl From<MeasuresError> for ReadFailure {
    fn from(e: MeasuresError) -> Self {
        ReadFailure::Log(e)
    }
}

/// Reads a case log from a CSV file given a block of bytes at a time.
///
/// A bad cell is a [`MeasuresError::BadCell`] naming its line and the column as the
/// file names it; a case that is wrong as a whole (a repeated reference, closed
/// before received) is a [`MeasuresError::InvalidCase`], whose row
/// [`CaseLogReader::line_of`] turns into the file's line.
///
/// ```
/// use measures_core::demand::CaseLogReader;
/// use measures_core::table::{ReadOptions, Want};
/// let wanted = [("id", Want::required("ref")), ("received", Want::required("in")), ("closed", Want::required("out"))];
/// let mut reader = CaseLogReader::new(&wanted, ReadOptions::default(), None)?;
/// for block in ["ref,in,out\nR1,2024-01-02,2024-01-0", "5\nR2,2024-01-03,\n"] {
///     reader.feed(block.as_bytes())?;
/// }
/// let log = reader.finish()?;
/// assert_eq!((log.len(), log.open_count()), (2, 1));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug)]
pub struct CaseLogReader {
    table: TableReader,
    log: CaseLogBuilder,
    /// Per field of [`CASE_FIELDS`], the column asked for it.
    fields: [Option<usize>; CASE_FIELDS.len()],
    /// (row, line) where a row is not on the line after the row before: the line of
    /// every row, without a number per row.
    jumps: Vec<(usize, u64)>,
    /// Rows read so far.
    rows: usize,
    /// Bytes given so far, and the file's size when the caller knows it (to make
    /// room for its cases once, from the first block's rate).
    given: u64,
    size: Option<u64>,
}

impl CaseLogReader {
    /// A reader of the columns `wanted`, each for a field of [`CASE_FIELDS`] (`id`,
    /// `received` and `closed` at least); times must fall in `years`
    /// ([`super::PLAUSIBLE_YEARS`] when `None`). A field not in [`CASE_FIELDS`], or
    /// one asked for twice, or a required field not asked for, is an error.
    pub fn new(
        wanted: &[(&str, Want<'_>)],
        options: ReadOptions,
        years: Option<(i32, i32)>,
    ) -> Result<Self> {
        let mut fields = [None; CASE_FIELDS.len()];
        for (k, (field, _)) in wanted.iter().enumerate() {
            let f = CASE_FIELDS.iter().position(|c| c == field).ok_or_else(|| {
                MeasuresError::invalid_option(
                    "columns",
                    format!(
                        "{field:?} is not a field of a case log ({})",
                        CASE_FIELDS.join(", ")
                    ),
                )
            })?;
            if fields[f].replace(k).is_some() {
                return Err(MeasuresError::invalid_option(
                    "columns",
                    format!("{field:?} is given twice"),
                ));
            }
        }
        if let Some(missing) = (0..3).find(|&f| fields[f].is_none()) {
            return Err(MeasuresError::invalid_option(
                "columns",
                format!("no column is given for {:?}", CASE_FIELDS[missing]),
            ));
        }
        let wants: Vec<Want<'_>> = wanted.iter().map(|(_, w)| *w).collect();
        Ok(CaseLogReader {
            table: TableReader::new(&wants, options),
            log: CaseLogBuilder::new(years),
            fields,
            jumps: Vec::new(),
            rows: 0,
            given: 0,
            size: None,
        })
    }

    /// The file's size, when known: the log's columns are then sized once from the
    /// first block's cases per byte instead of growing by doubling.
    pub fn set_size(&mut self, bytes: u64) {
        self.size = Some(bytes);
    }

    /// Read the next block of the file.
    pub fn feed(&mut self, block: &[u8]) -> Result<()> {
        self.given += block.len() as u64;
        match self.table.feed(block)? {
            Some(rows) => self.take(rows),
            None => Ok(()),
        }
    }

    /// How much [`CaseLogReader::read_from`] reads at a time: large enough that
    /// each block is read on every core, small enough that a block's text is a
    /// small part of what a big log's measures hold.
    pub const BLOCK: usize = 64 << 20;

    /// Read all of `source` (a file the caller opened, or bytes in memory) a
    /// [`CaseLogReader::BLOCK`] at a time, and finish the log. An error about a
    /// case as a whole is named by its row: [`CaseLogReader::line_of`] gives its
    /// line.
    ///
    /// ```
    /// use measures_core::demand::CaseLogReader;
    /// use measures_core::table::{ReadOptions, Want};
    /// let wanted = [("id", Want::required("id")), ("received", Want::required("received")), ("closed", Want::required("closed"))];
    /// let mut reader = CaseLogReader::new(&wanted, ReadOptions::default(), None)?;
    /// let log = reader.read_from(&b"id,received,closed\nR1,2024-01-02,\n"[..]).unwrap();
    /// assert_eq!(log.open_count(), 1);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn read_from(&mut self, mut source: impl std::io::Read) -> Result<CaseLog, ReadFailure> {
        use std::io::Read;
        let mut block = Vec::with_capacity(Self::BLOCK);
        loop {
            block.clear();
            let read = (&mut source)
                .take(Self::BLOCK as u64)
                .read_to_end(&mut block)
                .map_err(ReadFailure::Source)?;
            if read == 0 {
                break;
            }
            self.feed(&block)?;
        }
        drop(block);
        Ok(self.finish()?)
    }

    /// The log, once the file's last block has been given.
    pub fn finish(&mut self) -> Result<CaseLog> {
        if let Some(rows) = self.table.finish()? {
            self.take(rows)?;
        }
        std::mem::replace(&mut self.log, CaseLogBuilder::new(None)).finish()
    }

    /// The CSV line of the `row`-th row read (as an [`MeasuresError::InvalidCase`]
    /// counts them), if read.
    pub fn line_of(&self, row: usize) -> Option<u64> {
        let at = self.jumps.partition_point(|&(r, _)| r <= row);
        let (from, line) = *self.jumps.get(at.checked_sub(1)?)?;
        (row < self.rows).then(|| line + (row - from) as u64)
    }

    /// Notes on how the file was read (rows skipped, an encoding other than UTF-8).
    pub fn notes(&self) -> Vec<String> {
        self.table.notes()
    }

    fn take(&mut self, rows: Table) -> Result<()> {
        let offset = self.log.rows();
        // The line the next row is on when it follows the row before.
        let mut next = self
            .jumps
            .last()
            .map(|&(from, line)| line + (offset - from) as u64);
        for (k, &line) in rows.lines.iter().enumerate() {
            if next != Some(line) {
                self.jumps.push((offset + k, line));
            }
            next = Some(line + 1);
        }
        self.rows = offset + rows.lines.len();
        if let (0, Some(size)) = (offset, self.size) {
            let share = self.given as f64 / size.max(1) as f64;
            if share > 0.0 && share < 1.0 {
                // Room for the cases the rest holds at this block's rate.
                self.log
                    .reserve((rows.lines.len() as f64 / share * 1.01) as usize);
            }
        }
        let fields = self.fields;
        let column = |f: usize| fields[f].and_then(|k| rows.column(k));
        let cells = |f: usize| fields[f].map_or(&crate::text::EMPTY, |k| rows.cells(k));
        let columns = CaseColumns {
            demand_type: column(3),
            class: column(4),
            channel: column(5),
            handoffs: column(6),
            linked_to: column(7),
            unit: column(8),
            ..CaseColumns::new(cells(0), cells(1), cells(2))
        };
        self.log.append(&columns).map_err(|e| match e {
            // Named by its CSV line and the column as the file calls it.
            MeasuresError::InvalidCell {
                index,
                column,
                text,
                reason,
            } => {
                let f = CASE_FIELDS.iter().position(|c| *c == column);
                let k = f.and_then(|f| fields[f]).unwrap_or(0);
                rows.bad_cell(index - offset, k, &text, reason)
            }
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: [(&str, Want<'static>); 5] = [
        ("id", Want::required("Case ID")),
        ("received", Want::required("received")),
        ("closed", Want::required("closed")),
        ("type", Want::optional("type")),
        ("linked_to", Want::optional("repeat of")),
    ];

    fn in_blocks(file: &str, block: usize) -> (Result<CaseLog>, CaseLogReader) {
        let mut reader = CaseLogReader::new(&WANTED, ReadOptions::default(), None).unwrap();
        for part in file.as_bytes().chunks(block) {
            if let Err(e) = reader.feed(part) {
                return (Err(e), reader);
            }
        }
        (reader.finish(), reader)
    }

    /// A log whose rows carry blank lines, rows of nothing and quoted line breaks
    /// (so rows and lines part ways), with `last` as its final row.
    fn file(last: &str) -> String {
        let mut f = String::from("Case ID,received,closed,type,repeat of\n");
        for r in 0..40 {
            let ty = if r % 3 == 0 {
                "\"leak,\nurgent\""
            } else {
                "damp"
            };
            f.push_str(&format!("R{r},2024-01-{:02},,{ty},\n", 1 + r % 28));
            if r % 7 == 0 {
                f.push_str("\n,,,,\n");
            }
        }
        f.push_str(last);
        f
    }

    #[test]
    fn a_log_read_block_by_block_is_the_log_of_its_columns() {
        let text = file("R40,2024-02-01,2024-02-03,damp,R1\n");
        let table = Table::parse(
            text.as_bytes(),
            &WANTED.map(|(_, w)| w),
            ReadOptions::default(),
        )
        .unwrap();
        let whole = CaseLog::from_columns(&CaseColumns {
            demand_type: table.column(3),
            linked_to: table.column(4),
            ..CaseColumns::new(table.cells(0), table.cells(1), table.cells(2))
        })
        .unwrap();
        for block in [1, 7, 64, text.len()] {
            let (log, reader) = in_blocks(&text, block);
            assert_eq!(log.unwrap(), whole, "blocks of {block}");
            assert_eq!(reader.notes(), table.notes());
        }
        assert_eq!(whole.linked_to(40), Some("R1"));
        assert_eq!(whole.demand_type(0), Some("leak,\nurgent"));
    }

    #[test]
    fn errors_name_the_line_in_any_block() {
        // A bad cell: its line and the column as the file names it.
        let text = file("R40,2024-02-01,soon,damp,\n");
        let line = text.lines().count() as u64;
        for block in [5, 100, text.len()] {
            match in_blocks(&text, block).0 {
                Err(MeasuresError::BadCell {
                    line: at, column, ..
                }) => assert_eq!((at, column.as_str()), (line, "closed")),
                other => panic!("{other:?}"),
            }
        }
        // A case wrong as a whole: its row, and the row's line.
        let text = file("R3,2024-02-01,,damp,\n");
        for block in [5, 100, text.len()] {
            let (log, reader) = in_blocks(&text, block);
            match log {
                Err(MeasuresError::InvalidCase { index, .. }) => {
                    assert_eq!(index, 40);
                    assert_eq!(reader.line_of(index), Some(line));
                    assert_eq!(reader.line_of(0), Some(2));
                    assert_eq!(reader.line_of(41), None);
                }
                other => panic!("{other:?}"),
            }
        }
        // Fields are named, once each, the first three always.
        let opts = ReadOptions::default();
        for wanted in [
            &[("id", Want::required("a")), ("kind", Want::required("b"))][..],
            &[("id", Want::required("a")), ("id", Want::required("b"))],
            &[
                ("id", Want::required("a")),
                ("received", Want::required("b")),
            ],
        ] {
            assert!(CaseLogReader::new(wanted, opts, None).is_err());
        }
    }
}
