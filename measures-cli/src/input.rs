//! Reading columns from CSV, keeping the line of every row so errors can point at it.

use crate::error::CliError;
use std::path::Path;

/// Numeric columns and an optional label column read from a CSV file.
pub struct CsvData {
    pub path: String,
    numeric: Vec<(String, Vec<f64>)>,
    pub label_column: Option<String>,
    pub labels: Option<Vec<String>>,
    /// CSV line number (1-based, the header is line 1) of each point.
    pub lines: Vec<u64>,
}

impl CsvData {
    /// Read the named numeric columns (and the label column, if given). Every cell of
    /// a numeric column must hold a finite number.
    pub fn read(path: &Path, numeric: &[&str], label: Option<&str>) -> Result<CsvData, CliError> {
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
        let numeric_at: Vec<usize> = numeric.iter().map(|c| find(c)).collect::<Result<_, _>>()?;
        let label_at = label.map(find).transpose()?;

        let mut columns: Vec<Vec<f64>> = vec![Vec::new(); numeric.len()];
        let mut labels = label_at.map(|_| Vec::new());
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&shown, e))?;
            let line = record.position().map_or(0, |p| p.line());
            for ((name, &at), column) in numeric.iter().zip(&numeric_at).zip(columns.iter_mut()) {
                let text = record.get(at).unwrap_or("");
                let bad = |reason: &str| CliError::BadNumber {
                    path: shown.clone(),
                    line,
                    column: name.to_string(),
                    text: text.to_string(),
                    reason: reason.to_string(),
                };
                let number = text
                    .parse::<f64>()
                    .map_err(|_| bad("cannot read it as a number"))?;
                if !number.is_finite() {
                    return Err(bad("it is not a finite number"));
                }
                column.push(number);
            }
            if let (Some(labels), Some(at)) = (labels.as_mut(), label_at) {
                labels.push(record.get(at).unwrap_or("").to_string());
            }
            lines.push(line);
        }
        if lines.is_empty() {
            return Err(CliError::NoRows { path: shown });
        }
        Ok(CsvData {
            path: shown,
            numeric: numeric.iter().map(|s| s.to_string()).zip(columns).collect(),
            label_column: label.map(str::to_string),
            labels,
            lines,
        })
    }

    /// The numbers of a column named in `read`.
    pub fn column(&self, name: &str) -> &[f64] {
        self.numeric
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .expect("only columns named in read() are asked for")
    }

    /// Cut the rows into subgroups of consecutive rows sharing a label.
    pub fn subgroups(&self) -> Result<SubgroupLayout, CliError> {
        let labels = self
            .labels
            .as_ref()
            .expect("subgroup charts read a subgroup column");
        let mut names: Vec<String> = Vec::new();
        let mut sizes: Vec<usize> = Vec::new();
        let mut lines = Vec::new();
        for (row, label) in labels.iter().enumerate() {
            if names.last() == Some(label) {
                *sizes.last_mut().expect("a size per name") += 1;
                continue;
            }
            if names.contains(label) {
                return Err(CliError::Subgroup {
                    path: self.path.clone(),
                    line: self.lines[row],
                    label: label.clone(),
                });
            }
            names.push(label.clone());
            sizes.push(1);
            lines.push(self.lines[row]);
        }
        Ok(SubgroupLayout {
            names,
            sizes,
            lines,
        })
    }

    /// The position of a point named on the command line: its label when the series
    /// has labels, otherwise its 1-based row number among `count` points.
    pub fn point(
        &self,
        option: &'static str,
        name: &str,
        labels: Option<&[String]>,
        count: usize,
    ) -> Result<usize, CliError> {
        let unknown = |what| CliError::UnknownPoint {
            path: self.path.clone(),
            option,
            label: name.to_string(),
            what,
        };
        match labels {
            Some(labels) => labels
                .iter()
                .position(|l| l == name)
                .ok_or(unknown("label")),
            None => name
                .parse::<usize>()
                .ok()
                .filter(|&row| row >= 1 && row <= count)
                .map(|row| row - 1)
                .ok_or(unknown("row number (give --label to name points by label)")),
        }
    }
}

/// Subgroups found in the rows: their labels, sizes, and the line of each one's first row.
pub struct SubgroupLayout {
    pub names: Vec<String>,
    pub sizes: Vec<usize>,
    pub lines: Vec<u64>,
}

/// Wrap a core error with the file and, when it names a point, that point's line.
pub fn measure_error(
    path: &str,
    lines: &[u64],
    label_column: Option<&str>,
    source: measures_core::MeasuresError,
) -> CliError {
    use measures_core::MeasuresError as E;
    let place = match &source {
        E::DuplicateLabel { index, .. } | E::UnsortedLabels { index, .. } => {
            match (lines.get(*index), label_column) {
                (Some(line), Some(column)) => format!("line {line}, column {column:?}: "),
                (Some(line), None) => format!("line {line}: "),
                _ => String::new(),
            }
        }
        E::NonFinite { index, .. }
        | E::InvalidValue { index, .. }
        | E::InvalidCase { index, .. } => lines
            .get(*index)
            .map_or(String::new(), |line| format!("line {line}: ")),
        _ => String::new(),
    };
    CliError::Measure {
        path: path.to_string(),
        place,
        source,
    }
}

/// Text columns of a CSV file, some required and some optional, with each row's line.
pub struct TextColumns {
    pub path: String,
    /// One entry per requested column: its cells, or `None` for an optional column
    /// the file does not have.
    pub columns: Vec<Option<Vec<String>>>,
    pub lines: Vec<u64>,
}

/// Read text columns: `(name, required)`. A required column missing from the header
/// is an error naming the columns there are.
pub fn read_text_columns(path: &Path, wanted: &[(&str, bool)]) -> Result<TextColumns, CliError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| CliError::Io {
        path: shown.clone(),
        source,
    })?;
    read_text_columns_from(&shown, std::io::BufReader::new(file), wanted)
}

/// As [`read_text_columns`], from any reader (`shown` names it in errors).
pub fn read_text_columns_from(
    shown: &str,
    source: impl std::io::Read,
    wanted: &[(&str, bool)],
) -> Result<TextColumns, CliError> {
    let shown = shown.to_string();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(source);
    let headers = reader.headers().map_err(|e| csv_error(&shown, e))?.clone();
    let mut at = Vec::with_capacity(wanted.len());
    for &(name, required) in wanted {
        match headers.iter().position(|h| h == name) {
            Some(i) => at.push(Some(i)),
            None if required => {
                return Err(CliError::MissingColumn {
                    path: shown,
                    column: name.to_string(),
                    available: headers.iter().collect::<Vec<_>>().join(", "),
                })
            }
            None => at.push(None),
        }
    }
    let mut columns: Vec<Option<Vec<String>>> = at.iter().map(|a| a.map(|_| Vec::new())).collect();
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_error(&shown, e))?
    {
        lines.push(record.position().map_or(0, |p| p.line()));
        for (column, a) in columns.iter_mut().zip(&at) {
            if let (Some(column), Some(i)) = (column.as_mut(), a) {
                column.push(record.get(*i).unwrap_or("").to_string());
            }
        }
    }
    if lines.is_empty() {
        return Err(CliError::NoRows { path: shown });
    }
    Ok(TextColumns {
        path: shown,
        columns,
        lines,
    })
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
