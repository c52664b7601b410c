//! Reading CSV files for the command: the file's bytes, read by the core's one CSV
//! reader (`measures_core::table`), errors named by file.

use crate::error::CliError;
pub use measures_core::table::{ReadOptions, Table, TableReader, Want};
use std::io::Read;
use std::path::Path;

/// Read `wanted` columns of the file at `path`.
pub fn read(
    path: &Path,
    wanted: &[Want<'_>],
    options: ReadOptions,
) -> Result<(String, Table), CliError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| CliError::Io {
        path: shown.clone(),
        source,
    })?;
    from_bytes(&shown, &bytes, wanted, options)
}

/// How much of a file is read at a time by [`read_blocks`]: large enough that each
/// block is read on every core, small enough that a block's text is a small part of
/// what a big log's measures hold.
const BLOCK: usize = 64 << 20;

/// Read the file at `path` (or `bytes` already in memory) a block at a time, `take`
/// given each block's rows as they are read, with the share of the file read so
/// far: the file's text is never held whole. The reader is handed back for its
/// notes.
pub fn read_blocks(
    shown: &str,
    path: Option<&Path>,
    bytes: &[u8],
    wanted: &[Want<'_>],
    options: ReadOptions,
    mut take: impl FnMut(Table, f64) -> Result<(), CliError>,
) -> Result<TableReader, CliError> {
    let mut reader = TableReader::new(wanted, options);
    let io = |source| CliError::Io {
        path: shown.to_string(),
        source,
    };
    match path {
        Some(path) => {
            let mut file = std::fs::File::open(path).map_err(io)?;
            let size = file.metadata().map_or(0, |m| m.len());
            let mut block = Vec::with_capacity(BLOCK);
            let mut done = 0u64;
            loop {
                block.clear();
                let read = (&mut file)
                    .take(BLOCK as u64)
                    .read_to_end(&mut block)
                    .map_err(io)?;
                if read == 0 {
                    break;
                }
                done += read as u64;
                if let Some(rows) = reader.feed(&block).map_err(in_file(shown))? {
                    take(rows, (done as f64 / size as f64).min(1.0))?;
                }
            }
        }
        None => {
            if let Some(rows) = reader.feed(bytes).map_err(in_file(shown))? {
                take(rows, 1.0)?;
            }
        }
    }
    if let Some(rows) = reader.finish().map_err(in_file(shown))? {
        take(rows, 1.0)?;
    }
    Ok(reader)
}

/// The CSV line of every row read, kept as the rows where the count jumps (past
/// blank lines or line breaks inside quotes) rather than a number per row.
#[derive(Debug, Default)]
pub struct Lines {
    /// (row, its line) where a row is not on the line after the row before.
    jumps: Vec<(usize, u64)>,
    rows: usize,
}

impl Lines {
    /// Add the lines of the next rows read.
    pub fn extend(&mut self, lines: &[u64]) {
        for &line in lines {
            if self.line(self.rows) != Some(line) {
                self.jumps.push((self.rows, line));
            }
            self.rows += 1;
        }
    }

    /// The line of `row` (`None` before any row is read); past the last row read,
    /// where it would be without a jump.
    pub fn line(&self, row: usize) -> Option<u64> {
        let at = self.jumps.partition_point(|&(r, _)| r <= row);
        let (from, line) = *self.jumps.get(at.checked_sub(1)?)?;
        Some(line + (row - from) as u64)
    }
}

/// A core error about a file's content, named by the file.
pub fn in_file(path: &str) -> impl Fn(measures_core::MeasuresError) -> CliError + '_ {
    move |source| CliError::Measure {
        path: path.to_string(),
        place: String::new(),
        source: Box::new(source),
    }
}

/// As [`read`], from bytes in memory (`shown` names them in errors).
pub fn from_bytes(
    shown: &str,
    bytes: &[u8],
    wanted: &[Want<'_>],
    options: ReadOptions,
) -> Result<(String, Table), CliError> {
    let table = Table::parse(bytes, wanted, options).map_err(in_file(shown))?;
    Ok((shown.to_string(), table))
}

/// Wrap a core error with the file and, when it names a point, that point's line.
pub fn measure_error(
    path: &str,
    lines: &[u64],
    label_column: Option<&str>,
    source: measures_core::MeasuresError,
) -> CliError {
    measure_error_at(path, |row| lines.get(row).copied(), label_column, source)
}

/// As [`measure_error`], with the line of a row found by `line_of`.
pub fn measure_error_at(
    path: &str,
    line_of: impl Fn(usize) -> Option<u64>,
    label_column: Option<&str>,
    source: measures_core::MeasuresError,
) -> CliError {
    use measures_core::MeasuresError as E;
    let place = match &source {
        E::DuplicateLabel { index, .. } | E::UnsortedLabels { index, .. } => {
            match (line_of(*index), label_column) {
                (Some(line), Some(column)) => format!("line {line}, column {column:?}: "),
                (Some(line), None) => format!("line {line}: "),
                _ => String::new(),
            }
        }
        E::NonFinite { index, .. }
        | E::Missing { index, .. }
        | E::InvalidValue { index, .. }
        | E::InvalidCase { index, .. }
        | E::InvalidCell { index, .. } => {
            line_of(*index).map_or(String::new(), |line| format!("line {line}: "))
        }
        _ => String::new(),
    };
    CliError::Measure {
        path: path.to_string(),
        place,
        source: Box::new(source),
    }
}
