//! What the commands write: files, and a result on standard output.

use crate::args::Format;
use crate::error::CliError;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// Write a file the command was asked to make, naming it if that fails.
pub fn write_file(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Print `result` on standard output: one line of JSON, or with `--format table`
/// the command's own `table` (through the table printer, which cleans what it is
/// given for a terminal).
pub fn print<T: Serialize>(
    format: Format,
    result: &T,
    table: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            serde_json::to_writer(&mut out, result).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => table(&mut crate::table::Printable::new(&mut out))?,
    }
    out.flush()?;
    Ok(())
}
