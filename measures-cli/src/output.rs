//! Files the commands write.

use crate::error::CliError;
use std::path::Path;

/// Write a file the command was asked to make, naming it if that fails.
pub fn write_file(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}
