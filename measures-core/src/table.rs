//! Reading a CSV export held in memory: one reader for the command line and Python,
//! so a file reads the same way whichever reads it. (The callers read the file; this
//! reads the bytes.)
//!
//! - The delimiter is found from the header line (`,` `;` tab `|`, the most frequent
//!   outside quotes), unless the caller names it. A UTF-8 byte-order mark is dropped.
//! - Column names match the header ignoring case, spaces, underscores, hyphens and
//!   dots (`Case ID` for `case_id`); an exact match wins; two columns that match
//!   equally are an error listing them, as is a name that appears twice.
//! - Rows whose every field is empty (a spreadsheet's trailing `,,`) are skipped and
//!   counted in a note; any other row with the wrong number of fields is an error
//!   naming its line.
//! - Numbers may carry thousands separators (`"1,948"`); `NA`, `N/A`, `-`, `null`
//!   and empty cells are missing values ([`crate::cells`]).
//! - Every error names the line and the column.

use crate::cells;
use crate::error::{MeasuresError, Result};

/// How to read a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// The delimiter, or `None` to find it from the header.
    pub delimiter: Option<u8>,
}

/// A column a command asks for: its name and whether the file must have it.
#[derive(Debug, Clone, Copy)]
pub struct Want<'a> {
    /// The column's name, matched loosely (see the module documentation).
    pub name: &'a str,
    /// Whether a file without it is an error.
    pub required: bool,
}

impl<'a> Want<'a> {
    /// A column the file must have.
    pub fn required(name: &'a str) -> Self {
        Want {
            name,
            required: true,
        }
    }
    /// A column read when the file has it.
    pub fn optional(name: &'a str) -> Self {
        Want {
            name,
            required: false,
        }
    }
}

/// The columns a caller asked for, as text, with the CSV line of every row.
#[derive(Debug, Clone)]
pub struct Table {
    /// Per column asked for: its cells, or `None` for an optional column the file
    /// does not have.
    columns: Vec<Option<Vec<String>>>,
    /// The header name each column asked for matched.
    matched: Vec<Option<String>>,
    /// CSV line (1-based; the header is line 1) of each row kept.
    pub lines: Vec<u64>,
    /// Rows skipped because every field was empty.
    pub blank_rows: usize,
}

impl Table {
    /// The `wanted` columns of a CSV file's bytes.
    ///
    /// ```
    /// use measures_core::table::{ReadOptions, Table, Want};
    /// let csv = "Week;Calls answered\n2024-01-01;\"1,948\"\n2024-01-08;NA\n;\n";
    /// let t = Table::parse(csv.as_bytes(), &[Want::required("calls_answered")], ReadOptions::default())?;
    /// let v = t.numbers(0)?;
    /// assert_eq!(v[0], 1948.0);
    /// assert!(v[1].is_nan());
    /// assert_eq!(t.blank_rows, 1);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn parse(bytes: &[u8], wanted: &[Want<'_>], options: ReadOptions) -> Result<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(str::to_string)
            .collect();
        let mut at = Vec::with_capacity(wanted.len());
        let mut matched = Vec::with_capacity(wanted.len());
        for want in wanted {
            match find_column(&headers, want.name)? {
                Some(i) => {
                    at.push(Some(i));
                    matched.push(Some(headers[i].clone()));
                }
                None if want.required => {
                    return Err(MeasuresError::MissingColumn {
                        column: want.name.to_string(),
                        available: headers.join(", "),
                    })
                }
                None => {
                    at.push(None);
                    matched.push(None);
                }
            }
        }
        // One row per line at most: sized once, the columns of a million-row log
        // are not copied over and over as they grow.
        let rows = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        let mut columns: Vec<Option<Vec<String>>> = at
            .iter()
            .map(|a| a.map(|_| Vec::with_capacity(rows)))
            .collect();
        let mut lines = Vec::with_capacity(rows);
        let mut blank_rows = 0;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).map_err(csv_error)? {
            if record.iter().all(str::is_empty) {
                blank_rows += 1;
                continue;
            }
            lines.push(record.position().map_or(0, |p| p.line()));
            for (column, a) in columns.iter_mut().zip(&at) {
                if let (Some(column), Some(i)) = (column.as_mut(), a) {
                    column.push(record.get(*i).unwrap_or("").to_string());
                }
            }
        }
        if lines.is_empty() {
            return Err(MeasuresError::NoRows);
        }
        Ok(Table {
            columns,
            matched,
            lines,
            blank_rows,
        })
    }

    /// The cells of the `k`-th column asked for (`None`: optional and absent).
    pub fn column(&self, k: usize) -> Option<&[String]> {
        self.columns[k].as_deref()
    }

    /// The header name the `k`-th column matched (for messages).
    pub fn header(&self, k: usize) -> &str {
        self.matched[k].as_deref().unwrap_or("?")
    }

    /// The `k`-th column's numbers, NaN for a missing cell; a cell that is not a
    /// number is an error naming its line and column.
    pub fn numbers(&self, k: usize) -> Result<Vec<f64>> {
        let cells = self.column(k).unwrap_or(&[]);
        cells
            .iter()
            .enumerate()
            .map(|(row, text)| match cells::number(text) {
                Ok(Some(x)) => Ok(x),
                Ok(None) => Ok(f64::NAN),
                Err(reason) => Err(self.bad_cell(row, k, text, reason)),
            })
            .collect()
    }

    /// An error about the cell of `row` in the `k`-th column asked for.
    pub fn bad_cell(&self, row: usize, k: usize, text: &str, reason: String) -> MeasuresError {
        MeasuresError::BadCell {
            line: self.lines.get(row).copied().unwrap_or(0),
            column: self.header(k).to_string(),
            text: text.to_string(),
            reason,
        }
    }

    /// A note for the reader about rows the file held but the command did not use.
    pub fn notes(&self) -> Vec<String> {
        if self.blank_rows == 0 {
            return Vec::new();
        }
        vec![format!(
            "{} row{} of the file had every field empty and {} skipped",
            self.blank_rows,
            if self.blank_rows == 1 { "" } else { "s" },
            if self.blank_rows == 1 { "was" } else { "were" }
        )]
    }

    /// Keep the rows in `order` (a permutation of some rows), in that order.
    pub fn reorder(&mut self, order: &[usize]) {
        for column in self.columns.iter_mut().flatten() {
            *column = order
                .iter()
                .map(|&i| std::mem::take(&mut column[i]))
                .collect();
        }
        self.lines = order.iter().map(|&i| self.lines[i]).collect();
    }
}

/// The header of a CSV file's bytes, as the file spells it (with the delimiter found
/// or given, and a byte-order mark dropped).
///
/// ```
/// use measures_core::table::{headers, ReadOptions};
/// assert_eq!(headers(b"Week;Calls\n1;2\n", ReadOptions::default())?, ["Week", "Calls"]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn headers(bytes: &[u8], options: ReadOptions) -> Result<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    Ok(reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect())
}

/// A header name as a person would not distinguish it: case, spaces, underscores,
/// hyphens and dots ignored.
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header position of `name`: the one exact match, or else the one loose match
/// (case, spaces, underscores, hyphens and dots ignored); `None` when there is
/// none, an error listing them when several match equally.
///
/// ```
/// use measures_core::table::find_column;
/// let h = ["Case ID".to_string(), "Received".into()];
/// assert_eq!(find_column(&h, "case_id")?, Some(0));
/// assert_eq!(find_column(&h, "closed")?, None);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn find_column(headers: &[String], name: &str) -> Result<Option<usize>> {
    let exact: Vec<usize> = (0..headers.len()).filter(|&i| headers[i] == name).collect();
    let candidates = if exact.is_empty() {
        let want = loose(name);
        (0..headers.len())
            .filter(|&i| loose(&headers[i]) == want)
            .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(MeasuresError::AmbiguousColumn {
            column: name.to_string(),
            matches: many
                .iter()
                .map(|&i| format!("{:?} (column {})", headers[i], i + 1))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The delimiter of a file: of `,` `;` tab `|`, the one found most often in the
/// header line outside quotes (a comma when none is).
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for &b in header {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
                c.1 += 1;
            }
        }
    }
    // The first of the most frequent, so a tie goes to the comma.
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts
        .iter()
        .find(|c| c.1 == best && best > 0)
        .map_or(b',', |c| c.0)
}

fn csv_error(e: csv::Error) -> MeasuresError {
    let line = e.position().map_or(0, |p| p.line());
    MeasuresError::Csv {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, wanted: &[Want<'_>]) -> Result<Table> {
        Table::parse(text.as_bytes(), wanted, ReadOptions::default())
    }

    #[test]
    fn delimiters_are_found_from_the_header() {
        assert_eq!(detect_delimiter(b"a;b;c\n1;2;3"), b';');
        assert_eq!(detect_delimiter(b"a\tb\n1\t2"), b'\t');
        assert_eq!(detect_delimiter(b"\"a,b\"|c|d\n"), b'|');
        assert_eq!(detect_delimiter(b"value\n1\n"), b',');
    }

    #[test]
    fn headers_match_loosely_but_not_ambiguously() {
        let t = table(
            "Case ID;Received Date\nA;2024-01-01\n",
            &[Want::required("case_id"), Want::required("received-date")],
        )
        .unwrap();
        assert_eq!((t.header(0), t.header(1)), ("Case ID", "Received Date"));
        let err = table("case id,Case_ID\n1,2\n", &[Want::required("caseid")])
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .contains("\"case id\" (column 1), \"Case_ID\" (column 2)"),
            "{err}"
        );
        let err = table("v,v\n1,2\n", &[Want::required("v")]).err().unwrap();
        assert!(
            err.to_string().contains("column 1") && err.to_string().contains("column 2"),
            "{err}"
        );
        // An exact match wins over loose ones.
        let t = table("value,Value\n1,2\n", &[Want::required("Value")]).unwrap();
        assert_eq!(t.column(0).unwrap(), ["2"]);
    }

    #[test]
    fn blank_rows_are_skipped_and_counted_and_numbers_read_as_exported() {
        let t = table(
            "a,v,b\nx,\"1,948\",y\nx,NA,y\nx,-,y\nx,3,y\n,,\n,,\n",
            &[Want::required("v")],
        );
        let t = t.unwrap();
        let v = t.numbers(0).unwrap();
        assert_eq!(v[0], 1948.0);
        assert!(v[1].is_nan() && v[2].is_nan());
        assert_eq!(v[3], 3.0);
        assert_eq!(t.blank_rows, 2);
        assert_eq!(
            t.notes(),
            ["2 rows of the file had every field empty and were skipped"]
        );
        let err = table("v\n1\n\"12,5\"\n", &[Want::required("v")])
            .unwrap()
            .numbers(0)
            .unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
    }
}
