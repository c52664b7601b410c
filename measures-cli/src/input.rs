//! Reading a series from CSV: a value column, an optional label column, with the
//! CSV line of every row kept so errors can point at it.

use crate::error::CliError;
use std::path::Path;

/// A series read from CSV, with the line each point came from.
pub struct CsvSeries {
    pub path: String,
    pub value_column: String,
    pub label_column: Option<String>,
    pub values: Vec<f64>,
    pub labels: Option<Vec<String>>,
    /// CSV line number (1-based, the header is line 1) of each point.
    pub lines: Vec<u64>,
}

impl CsvSeries {
    /// Read `value` (and `label`, if given) from the CSV file at `path`.
    pub fn read(path: &Path, value: &str, label: Option<&str>) -> Result<CsvSeries, CliError> {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|source| CliError::Io {
            path: shown.clone(),
            source,
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(file);
        let headers = reader.headers().map_err(|e| csv_error(&shown, e))?.clone();
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| CliError::MissingColumn {
                    path: shown.clone(),
                    column: name.to_string(),
                    available: headers.iter().collect::<Vec<_>>().join(", "),
                })
        };
        let value_at = find(value)?;
        let label_at = label.map(find).transpose()?;

        let mut values = Vec::new();
        let mut labels = label_at.map(|_| Vec::new());
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&shown, e))?;
            let line = record.position().map_or(0, |p| p.line());
            let text = record.get(value_at).unwrap_or("");
            let number = text.parse::<f64>().map_err(|_| CliError::BadNumber {
                path: shown.clone(),
                line,
                column: value.to_string(),
                text: text.to_string(),
            })?;
            values.push(number);
            if let (Some(labels), Some(at)) = (labels.as_mut(), label_at) {
                labels.push(record.get(at).unwrap_or("").to_string());
            }
            lines.push(line);
        }
        if values.is_empty() {
            return Err(CliError::NoRows { path: shown });
        }
        Ok(CsvSeries {
            path: shown,
            value_column: value.to_string(),
            label_column: label.map(str::to_string),
            values,
            labels,
            lines,
        })
    }

    /// The position of a point named on the command line: its label when the series
    /// has labels, otherwise its 1-based row number among the data rows.
    pub fn point(&self, option: &'static str, name: &str) -> Result<usize, CliError> {
        let unknown = |what| CliError::UnknownPoint {
            path: self.path.clone(),
            option,
            label: name.to_string(),
            what,
        };
        match &self.labels {
            Some(labels) => labels
                .iter()
                .position(|l| l == name)
                .ok_or(unknown("label")),
            None => name
                .parse::<usize>()
                .ok()
                .filter(|&row| row >= 1 && row <= self.values.len())
                .map(|row| row - 1)
                .ok_or(unknown("row number (give --label to name points by label)")),
        }
    }

    /// Wrap a core error with the file and, when it names a point, that point's line.
    pub fn measure_error(&self, source: measures_core::MeasuresError) -> CliError {
        use measures_core::MeasuresError as E;
        let (index, column) = match &source {
            E::NonFinite { index, .. } => (Some(*index), Some(&self.value_column)),
            E::DuplicateLabel { index, .. } | E::UnsortedLabels { index, .. } => {
                (Some(*index), self.label_column.as_ref())
            }
            _ => (None, None),
        };
        let place = match (index.and_then(|i| self.lines.get(i)), column) {
            (Some(line), Some(column)) => format!("line {line}, column {column:?}: "),
            _ => String::new(),
        };
        CliError::Measure {
            path: self.path.clone(),
            place,
            source,
        }
    }
}

fn csv_error(path: &str, e: csv::Error) -> CliError {
    let line = e.position().map_or(0, |p| p.line());
    CliError::Csv {
        path: path.to_string(),
        line,
        message: match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("this row has {len} fields where the header has {expected_len}")
            }
            _ => e.to_string(),
        },
    }
}
