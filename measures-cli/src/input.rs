//! Reading CSV files for the command: the file's bytes, read by the core's one CSV
//! reader (`measures_core::table`), errors named by file.

use crate::error::CliError;
pub use measures_core::table::{ReadOptions, Table, Want};
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
