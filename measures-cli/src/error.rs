//! The command's errors: each names the file and, where it can, the CSV line and column.

use thiserror::Error;

/// Everything that can stop the command. Exit status 1 for all of them (clap uses 2
/// for usage errors).
#[derive(Debug, Error)]
pub enum CliError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// A subgroup's rows are not together.
    #[error("{path}: line {line}: subgroup {label:?} appears again after other subgroups; keep each subgroup's rows together")]
    Subgroup {
        path: String,
        line: u64,
        label: String,
    },

    /// A label named by --phase-at, --exclude or --baseline-until is not in the label column.
    #[error("{path}: {option} {label:?}: no row has that {what}")]
    UnknownPoint {
        path: String,
        option: &'static str,
        label: String,
        what: &'static str,
    },

    /// The measure could not be computed; `place` says where in the file, if known.
    #[error("{path}: {place}{source}")]
    Measure {
        path: String,
        place: String,
        #[source]
        source: Box<measures_core::MeasuresError>,
    },

    /// Arguments that cannot be used together.
    #[error("{0}")]
    Usage(String),

    /// Writing the output failed.
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}
