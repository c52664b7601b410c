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
use crate::text::TextColumn;
use std::borrow::Cow;

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
    pub const fn required(name: &'a str) -> Self {
        Want {
            name,
            required: true,
        }
    }
    /// A column read when the file has it.
    pub const fn optional(name: &'a str) -> Self {
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
    columns: Vec<Option<TextColumn>>,
    /// The header name each column asked for matched.
    matched: Vec<Option<String>>,
    /// CSV line (1-based; the header is line 1) of each row kept.
    pub lines: Vec<u64>,
    /// Rows skipped because every field was empty.
    pub blank_rows: usize,
    /// The encoding the file was read in, when it was not UTF-8.
    pub encoding: Option<&'static str>,
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
        let (text, encoding) = decode(bytes)?;
        let bytes = text.as_bytes();
        let (layout, data_start) = Layout::of(bytes, wanted, options, true)?.unwrap_or_default();
        let rows = layout.rows(bytes, data_start, 1, true)?;
        if rows.lines.is_empty() {
            return Err(MeasuresError::NoRows);
        }
        Ok(layout.table(rows, encoding))
    }

    /// The cells of the `k`-th column asked for (`None`: optional and absent).
    pub fn column(&self, k: usize) -> Option<&TextColumn> {
        self.columns[k].as_ref()
    }

    /// The cells of the `k`-th column asked for, none for an optional column the
    /// file does not have.
    pub fn cells(&self, k: usize) -> &TextColumn {
        self.column(k).unwrap_or(&crate::text::EMPTY)
    }

    /// The header name the `k`-th column matched (for messages).
    pub fn header(&self, k: usize) -> &str {
        self.matched[k].as_deref().unwrap_or("?")
    }

    /// The `k`-th column's numbers, NaN for a missing cell; a cell that is not a
    /// number is an error naming its line and column.
    pub fn numbers(&self, k: usize) -> Result<Vec<f64>> {
        let Some(cells) = self.column(k) else {
            return Ok(Vec::new());
        };
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

    /// Notes for the reader on how the file was read: rows it held but the command
    /// did not use, an encoding other than UTF-8.
    pub fn notes(&self) -> Vec<String> {
        reading_notes(self.encoding, self.blank_rows)
    }

    /// Keep the rows in `order` (a permutation of some rows), in that order.
    pub fn reorder(&mut self, order: &[usize]) {
        for column in self.columns.iter_mut().flatten() {
            *column = column.gather(order);
        }
        self.lines = order.iter().map(|&i| self.lines[i]).collect();
    }
}

/// Notes for the reader on how a file was read: an encoding other than UTF-8, rows
/// skipped for holding nothing.
fn reading_notes(encoding: Option<&str>, blank_rows: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(encoding) = encoding {
        notes.push(format!("the file is not UTF-8 and was read as {encoding}"));
    }
    if blank_rows > 0 {
        notes.push(format!(
            "{blank_rows} row{} of the file had every field empty and {} skipped",
            if blank_rows == 1 { "" } else { "s" },
            if blank_rows == 1 { "was" } else { "were" }
        ));
    }
    notes
}

/// Where the columns asked for are in a file's rows: found from its header.
#[derive(Debug, Clone, Default)]
struct Layout {
    delimiter: u8,
    /// Fields per row (the header's).
    width: usize,
    /// Per column asked for, its field in the row.
    at: Vec<Option<usize>>,
    /// Per column asked for, the header name it matched.
    matched: Vec<Option<String>>,
}

impl Layout {
    /// The layout of a file from its first bytes, and where the data after the
    /// header begins; `None` when the bytes end inside the header and are not the
    /// file's `last`.
    fn of(
        bytes: &[u8],
        wanted: &[Want<'_>],
        options: ReadOptions,
        last: bool,
    ) -> Result<Option<(Layout, usize)>> {
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
        let Some((headers, data_start)) = read_header(bytes, delimiter, last)? else {
            return Ok(None);
        };
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
        let layout = Layout {
            delimiter,
            width: headers.len(),
            at,
            matched,
        };
        Ok(Some((layout, data_start)))
    }

    /// The rows of `bytes` from `data_start`, the bytes beginning on `first_line`
    /// and ending the file when `last`.
    fn rows(&self, bytes: &[u8], data_start: usize, first_line: u64, last: bool) -> Result<Rows> {
        let shape = Shape {
            delimiter: self.delimiter,
            width: self.width,
            at: &self.at,
            first_line,
            last,
        };
        let pieces = pieces_for(bytes.len() - data_start);
        read_rows_in_pieces(bytes, data_start, &shape, pieces)
    }

    fn table(&self, rows: Rows, encoding: Option<&'static str>) -> Table {
        Table {
            columns: rows.columns,
            matched: self.matched.clone(),
            lines: rows.lines,
            blank_rows: rows.blank_rows,
            encoding,
        }
    }
}

/// Reads a CSV file given a block of bytes at a time, as [`Table::parse`] reads it
/// whole: each block gives the rows that end in it as a [`Table`] (its `lines` count
/// from the file's start), and a row the block ends inside is read whole with the
/// next. A caller can then keep what it needs of each block's rows and let the text
/// go, where the whole file and all its cells would otherwise be held at once.
///
/// A block that is not UTF-8 is read as Windows-1252, as a whole file would be (so
/// a file UTF-8 up to some block and not after is read in both, and noted); a
/// UTF-16 file is gathered and read whole at the end.
///
/// ```
/// use measures_core::table::{ReadOptions, TableReader, Want};
/// let mut reader = TableReader::new(&[Want::required("calls")], ReadOptions::default());
/// let mut calls = Vec::new();
/// for block in ["week,calls\n2024-01-01,1", "2\n2024-01-08,", "30\n"] {
///     if let Some(rows) = reader.feed(block.as_bytes())? {
///         calls.extend(rows.cells(0).iter().map(str::to_string));
///     }
/// }
/// if let Some(rows) = reader.finish()? {
///     calls.extend(rows.cells(0).iter().map(str::to_string));
/// }
/// assert_eq!(calls, ["12", "30"]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug)]
pub struct TableReader {
    wanted: Vec<(String, bool)>,
    options: ReadOptions,
    /// Bytes given and not yet read: the start of a row a block ended inside.
    pending: Vec<u8>,
    /// Found from the header once the first block that holds all of it comes.
    layout: Option<Layout>,
    /// The line `pending` begins on.
    line: u64,
    /// Whether the first bytes have been looked at for a byte-order mark.
    started: bool,
    /// UTF-16: every block gathered and read whole at the end.
    gather: bool,
    encoding: Option<&'static str>,
    rows: usize,
    blank_rows: usize,
    /// Bytes `pending` must reach before it is read again, after a reading that
    /// found no row ending in it (a quoted cell running on for blocks): doubling,
    /// so an unclosed quote at the top of a large file is read over a few times
    /// its size, not once per block.
    retry_at: usize,
}

impl TableReader {
    /// A reader of the `wanted` columns.
    pub fn new(wanted: &[Want<'_>], options: ReadOptions) -> Self {
        TableReader {
            wanted: wanted
                .iter()
                .map(|w| (w.name.to_string(), w.required))
                .collect(),
            options,
            pending: Vec::new(),
            layout: None,
            line: 1,
            started: false,
            gather: false,
            encoding: None,
            rows: 0,
            blank_rows: 0,
            retry_at: 0,
        }
    }

    /// The rows that end in the bytes given so far (`None` while none does).
    pub fn feed(&mut self, block: &[u8]) -> Result<Option<Table>> {
        self.pending.extend_from_slice(block);
        self.read(false)
    }

    /// The rows left once the file's last bytes are given (`None` when there are
    /// none); a file of no rows at all is [`MeasuresError::NoRows`].
    pub fn finish(&mut self) -> Result<Option<Table>> {
        let rows = self.read(true)?;
        if self.rows == 0 {
            return Err(MeasuresError::NoRows);
        }
        Ok(rows)
    }

    /// Rows read so far (blank rows not counted).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Notes on how the file was read, as [`Table::notes`] gives them for a
    /// whole file.
    pub fn notes(&self) -> Vec<String> {
        reading_notes(self.encoding, self.blank_rows)
    }

    fn read(&mut self, last: bool) -> Result<Option<Table>> {
        if !last && self.pending.len() < self.retry_at {
            return Ok(None);
        }
        if !self.started {
            if self.pending.len() < 3 && !last {
                return Ok(None);
            }
            self.started = true;
            if self.pending.starts_with(b"\xEF\xBB\xBF") {
                self.pending.drain(..3);
            } else if self.pending.starts_with(b"\xFF\xFE") || self.pending.starts_with(b"\xFE\xFF")
            {
                self.gather = true;
            }
        }
        if self.gather {
            if !last {
                return Ok(None);
            }
            let pending = std::mem::take(&mut self.pending);
            let want = self.wants();
            let table = Table::parse(&pending, &want, self.options)?;
            self.rows += table.lines.len();
            self.blank_rows += table.blank_rows;
            self.encoding = table.encoding;
            return Ok(Some(table));
        }
        // The bytes to read as text: UTF-8 up to a character the block cuts in two
        // (read whole with the next block), else the block as Windows-1252.
        let (text, encoding): (Cow<'_, str>, _) = match std::str::from_utf8(&self.pending) {
            Ok(t) => (Cow::Borrowed(t), None),
            Err(e) if e.error_len().is_none() && !last => {
                let valid = &self.pending[..e.valid_up_to()];
                (
                    Cow::Borrowed(std::str::from_utf8(valid).unwrap_or_default()),
                    None,
                )
            }
            Err(_) => (
                Cow::Owned(self.pending.iter().map(|&b| windows_1252(b)).collect()),
                Some("Windows-1252"),
            ),
        };
        let bytes = text.as_bytes();
        let mut data_start = 0;
        if self.layout.is_none() {
            // The header whole first: a header the bytes end inside waits.
            let Some((layout, start)) = Layout::of(bytes, &self.wants(), self.options, last)?
            else {
                self.retry_at = 2 * self.pending.len();
                return Ok(None);
            };
            self.layout = Some(layout);
            data_start = start;
        }
        let Some(layout) = &self.layout else {
            return Ok(None);
        };
        let rows = layout.rows(bytes, data_start, self.line, last)?;
        // Up to the end of the last row read (all of it at the file's end), in the
        // text and in the bytes given.
        let used = if last {
            bytes.len()
        } else {
            rows.end.max(data_start)
        };
        self.line += newlines(&bytes[..used]) as u64;
        let consumed = match &text {
            Cow::Borrowed(_) => used,
            Cow::Owned(t) => t[..used].chars().count(),
        };
        if encoding.is_some() {
            self.encoding = encoding;
        }
        self.rows += rows.lines.len();
        self.blank_rows += rows.blank_rows;
        let table = (!rows.lines.is_empty()).then(|| layout.table(rows, encoding));
        self.retry_at = match consumed {
            0 => 2 * self.pending.len(),
            _ => 0,
        };
        drop(text);
        self.pending.drain(..consumed.min(self.pending.len()));
        Ok(table)
    }

    fn wants(&self) -> Vec<Want<'_>> {
        self.wanted
            .iter()
            .map(|(name, required)| Want {
                name,
                required: *required,
            })
            .collect()
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
    let (text, _) = decode(bytes)?;
    let bytes = text.as_bytes();
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    Ok(read_header(bytes, delimiter, true)?.unwrap_or_default().0)
}

/// The file as UTF-8 text, and the encoding it was read in when not UTF-8. A UTF-8
/// byte-order mark is dropped; a UTF-16 one (Excel's "Unicode text") is decoded;
/// bytes that are not UTF-8 are read as Windows-1252, what Excel's plain "CSV" writes
/// on a Windows machine in the UK (where `£` is byte 0xA3).
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<&'static str>)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| not_text(rest, e.valid_up_to()))?;
        return Ok((Cow::Borrowed(text), None));
    }
    for (bom, encoding, little) in [
        (b"\xFF\xFE", "UTF-16 (little-endian)", true),
        (b"\xFE\xFF", "UTF-16 (big-endian)", false),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units = rest.chunks(2).map(|p| match (p, little) {
                ([a, b], true) => u16::from_le_bytes([*a, *b]),
                ([a, b], false) => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            });
            let text: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            return Ok((Cow::Owned(text), Some(encoding)));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(_) => Ok((
            Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            Some("Windows-1252"),
        )),
    }
}

/// A UTF-8 file that goes wrong after its byte-order mark: named by line.
fn not_text(bytes: &[u8], at: usize) -> MeasuresError {
    MeasuresError::Csv {
        line: 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64,
        message: format!(
            "byte {} is not UTF-8 text, though the file starts with UTF-8's byte-order mark",
            at + 4
        ),
    }
}

/// The character a Windows-1252 byte stands for (the five bytes it leaves undefined
/// are read as their Latin-1 control characters, as browsers do).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// How the rows of a file are laid out and which fields are kept, and where the
/// bytes read stand in the file.
struct Shape<'a> {
    delimiter: u8,
    /// Fields per row (the header's).
    width: usize,
    /// Per column kept, its field in the row.
    at: &'a [Option<usize>],
    /// The line the bytes begin on (1 at the file's start).
    first_line: u64,
    /// Whether the bytes end the file: when not, a row the bytes end inside is
    /// left for the next block.
    last: bool,
}

/// Rows read from part of a file.
struct Rows {
    columns: Vec<Option<TextColumn>>,
    lines: Vec<u64>,
    blank_rows: usize,
    /// Where the last row read ends (its line ending included).
    end: usize,
}

/// A CSV reader as the files councils export need: RFC 4180 quotes (`""` inside a
/// quoted field is a quote), `\n`, `\r\n` or `\r` line endings, blank lines skipped.
fn csv_reader(delimiter: u8) -> csv_core::Reader {
    csv_core::ReaderBuilder::new().delimiter(delimiter).build()
}

/// The header's names (trimmed) and where the data after it begins; `None` when
/// the bytes end inside the header and are not the file's `last`.
fn read_header(bytes: &[u8], delimiter: u8, last: bool) -> Result<Option<(Vec<String>, usize)>> {
    let mut reader = csv_reader(delimiter);
    let mut record = Record::default();
    let end = record.read(&mut reader, bytes, 0, last);
    if record.fields() == 0 && !last {
        return Ok(None);
    }
    // A byte-order mark is never part of a name (a file saved twice with one).
    let headers = (0..record.fields())
        .map(|f| {
            let name = record.field(f, 1)?;
            Ok(name
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_string())
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some((headers, end)))
}

/// One record's fields, as csv_core writes them. Made with its reader, and read
/// with that reader only.
#[derive(Default)]
struct Record {
    out: Vec<u8>,
    ends: Vec<usize>,
    used: usize,
    /// Whether the reader has been given input. csv_core drops a UTF-8 byte-order
    /// mark at the start of a new reader's input; a piece or block starting on a
    /// row that begins with U+FEFF would lose it where one reading keeps it (the
    /// file's own mark is dropped when it is decoded). So a new reader's first
    /// input is one byte.
    given: bool,
    /// Whether the last record read ended with the file, not a line ending.
    at_end: bool,
}

impl Record {
    /// Read the record starting at `from` (after any blank lines); where it ends.
    /// No fields when the input has none left, or when it ends inside the record
    /// and is not the file's `last` bytes (the record is then read again, whole,
    /// from the next block).
    fn read(
        &mut self,
        reader: &mut csv_core::Reader,
        bytes: &[u8],
        from: usize,
        last: bool,
    ) -> usize {
        use csv_core::ReadRecordResult as R;
        if self.out.is_empty() {
            self.out.resize(1024, 0);
            self.ends.resize(64, 0);
        }
        let (mut at, mut out, mut used) = (from, 0, 0);
        self.at_end = false;
        loop {
            let input = match self.given {
                true => &bytes[at..],
                false => &bytes[at..(at + 1).min(bytes.len())],
            };
            self.given = true;
            let (result, nin, nout, nend) =
                reader.read_record(input, &mut self.out[out..], &mut self.ends[used..]);
            at += nin;
            out += nout;
            used += nend;
            match result {
                R::InputEmpty => {
                    if at < bytes.len() {
                        continue;
                    }
                    if !last {
                        self.used = 0;
                        return from;
                    }
                    // The file ends: an empty input tells the reader so, and it gives
                    // the last record (one without a line ending) or the end.
                    let (result, _, nout, nend) =
                        reader.read_record(&[], &mut self.out[out..], &mut self.ends[used..]);
                    match result {
                        R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                        R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                        R::Record => {
                            used += nend;
                            self.at_end = true;
                            break;
                        }
                        R::End | R::InputEmpty => {
                            used = 0;
                            break;
                        }
                    }
                    out += nout;
                    used += nend;
                }
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::Record => break,
                R::End => {
                    used = 0;
                    break;
                }
            }
        }
        self.used = used;
        at
    }

    fn fields(&self) -> usize {
        self.used
    }

    /// The `f`-th field as text (the file was decoded to UTF-8 first, and fields
    /// split at ASCII delimiters, so this holds; checked all the same).
    fn field(&self, f: usize, line: u64) -> Result<&str> {
        let start = if f == 0 { 0 } else { self.ends[f - 1] };
        std::str::from_utf8(&self.out[start..self.ends[f]]).map_err(|_| MeasuresError::Csv {
            line,
            message: format!("field {} is not UTF-8 text", f + 1),
        })
    }
}

/// The rows from `start`, until one ends at or after `stop` (or the file ends).
fn read_rows(bytes: &[u8], piece: Piece, shape: &Shape<'_>) -> Result<Rows> {
    let Piece {
        start,
        stop,
        first_line,
        newlines: breaks,
    } = piece;
    // A row is at least a line ending: sized once for the rows this piece can hold.
    let expected = breaks + 1;
    // Room for the cells now; for their text once the first rows show how long
    // each column's cells run (so a million-row column is not copied as it grows).
    const SAMPLE: usize = 1024;
    let share = |_: &usize| TextColumn::with_capacity(expected, 0);
    let mut rows = Rows {
        columns: shape.at.iter().map(|a| a.as_ref().map(share)).collect(),
        lines: Vec::with_capacity(expected),
        blank_rows: 0,
        end: start,
    };
    let mut reader = csv_reader(shape.delimiter);
    reader.set_line(first_line);
    let mut record = Record::default();
    let mut at = start;
    while at < stop.min(bytes.len()) {
        // The line the row begins on, past any blank lines before it.
        let begins = past_line_endings(bytes, at);
        let line = reader.line() + newlines(&bytes[at..begins]) as u64;
        let row_start = at;
        at = record.read(&mut reader, bytes, at, shape.last);
        let fields = record.fields();
        if fields == 0 {
            break;
        }
        // A quote left open runs to the end of the file: the rest of it would be
        // one cell (the reader is lenient there, as csv_core is). Almost always a
        // stray `"` in a free-text cell.
        if record.at_end && leaves_quote_open(&bytes[row_start..at], shape.delimiter) {
            let rest = newlines(&bytes[row_start..at]);
            return Err(MeasuresError::Csv {
                line,
                message: format!(
                    "a quoted cell that begins on this row is never closed, so the rest of the file \
                     ({rest} more line{}) would be one cell: look for a stray \" in it",
                    if rest == 1 { "" } else { "s" }
                ),
            });
        }
        rows.end = at;
        if fields != shape.width {
            return Err(MeasuresError::Csv {
                line,
                message: format!(
                    "this row has {fields} fields where the header has {}",
                    shape.width
                ),
            });
        }
        let mut blank = true;
        for f in 0..fields {
            if !record.field(f, line)?.trim().is_empty() {
                blank = false;
                break;
            }
        }
        if blank {
            rows.blank_rows += 1;
            continue;
        }
        rows.lines.push(line);
        for (column, a) in rows.columns.iter_mut().zip(shape.at) {
            if let (Some(column), Some(i)) = (column.as_mut(), a) {
                column.try_push(record.field(*i, line)?.trim())?;
            }
        }
        if rows.lines.len() == SAMPLE {
            let left = expected.saturating_sub(SAMPLE);
            for column in rows.columns.iter_mut().flatten() {
                let per_row = column.text_len().div_ceil(SAMPLE);
                column.reserve(left, left * per_row + left * per_row / 8);
            }
        }
    }
    Ok(rows)
}

/// Whether a row's text, read to the end of the file, leaves a quoted cell open, as
/// RFC 4180 quoting (and csv_core) read it: a quote opens a cell only as the
/// cell's first character, `""` inside it is a quote, and any other quote closes it.
fn leaves_quote_open(row: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut cell_start) = (false, true);
    let mut i = 0;
    while i < row.len() {
        let b = row[i];
        if quoted {
            if b == b'"' {
                if row.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                quoted = false;
            }
        } else if b == b'"' && cell_start {
            quoted = true;
        }
        cell_start = !quoted && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    quoted
}

/// Where a piece of the rows starts and stops, the line it starts on, and how many
/// line endings it holds (counted once: they give both the lines of the pieces
/// after it and the rows to make room for).
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    stop: usize,
    first_line: u64,
    newlines: usize,
}

impl Piece {
    /// From `start` to `stop` (the bytes' end at most), the bytes beginning on
    /// line `first_line`.
    fn new(bytes: &[u8], start: usize, stop: usize, first_line: u64) -> Piece {
        let stop = stop.min(bytes.len());
        Piece {
            start,
            stop,
            first_line: first_line + newlines(&bytes[..start]) as u64,
            newlines: newlines(&bytes[start..stop]),
        }
    }
}

/// How many line endings (`\n`) `bytes` hold.
fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Past any line endings at `at`: where the next row's text begins.
fn past_line_endings(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    at
}

/// Every row after the header. A long file is read in pieces, one per core, each
/// starting after a line ending; a piece is kept only when the piece before it
/// ended exactly where it began (a line ending inside a quoted cell is not the end
/// of a row), and the rest of the file is read in one piece from the first place
/// that was not so. The rows are the same, to the byte, as one reading.
fn read_rows_in_pieces(
    bytes: &[u8],
    data_start: usize,
    shape: &Shape<'_>,
    pieces: usize,
) -> Result<Rows> {
    let starts = piece_starts(bytes, data_start, pieces);
    // The line each piece begins on follows from the line endings of those before.
    let mut bounds: Vec<Piece> = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let stop = starts.get(i + 1).copied().unwrap_or(bytes.len());
        bounds.push(match bounds.last() {
            None => Piece::new(bytes, start, stop, shape.first_line),
            Some(before) => Piece {
                start,
                stop,
                first_line: before.first_line + before.newlines as u64,
                newlines: newlines(&bytes[start..stop]),
            },
        });
    }
    if let [one] = bounds[..] {
        return read_rows(bytes, one, shape);
    }
    let pieces = crate::parallel::map(&bounds, true, |&piece| read_rows(bytes, piece, shape));
    // The pieces kept, in order: each only if the one before ended where it began.
    let mut kept: Vec<Rows> = Vec::with_capacity(pieces.len());
    for (piece, bound) in pieces.into_iter().zip(&bounds) {
        if let Some(before) = kept.last() {
            if past_line_endings(bytes, before.end) != past_line_endings(bytes, bound.start) {
                // The piece began inside a row: read on from where the last row ended.
                let rest = Piece::new(bytes, before.end, bytes.len(), shape.first_line);
                kept.push(read_rows(bytes, rest, shape)?);
                break;
            }
        }
        kept.push(piece?);
    }
    Ok(join(kept))
}

/// Rows read in pieces as one: each column keeps its pieces' cells where they are
/// (see [`TextColumn::concat`]).
fn join(mut pieces: Vec<Rows>) -> Rows {
    if pieces.len() == 1 {
        return pieces.remove(0);
    }
    let width = pieces.first().map_or(0, |p| p.columns.len());
    let mut columns = Vec::with_capacity(width);
    for k in 0..width {
        let parts: Vec<TextColumn> = pieces
            .iter_mut()
            .filter_map(|p| p.columns[k].take())
            .collect();
        columns.push(if parts.is_empty() {
            None
        } else {
            Some(TextColumn::concat(parts))
        });
    }
    Rows {
        columns,
        lines: pieces
            .iter()
            .flat_map(|p| p.lines.iter().copied())
            .collect(),
        blank_rows: pieces.iter().map(|p| p.blank_rows).sum(),
        end: pieces.last().map_or(0, |p| p.end),
    }
}

/// How many pieces to read `len` bytes of rows in: one per core, a single piece
/// under 4 MB (the hand-over would cost more than it saves).
fn pieces_for(len: usize) -> usize {
    const PIECE: usize = 4 << 20;
    if crate::parallel::enabled() && len >= PIECE {
        crate::parallel::threads().clamp(1, len / (PIECE / 2))
    } else {
        1
    }
}

/// Where `pieces` pieces of the rows begin, each just after a line ending.
fn piece_starts(bytes: &[u8], data_start: usize, pieces: usize) -> Vec<usize> {
    let len = bytes.len().saturating_sub(data_start);
    let mut starts = vec![data_start];
    for k in 1..pieces {
        let guess = data_start + len * k / pieces;
        let Some(newline) = bytes[guess..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let at = guess + newline + 1;
        if at < bytes.len() && at > *starts.last().unwrap_or(&0) {
            starts.push(at);
        }
    }
    starts
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
    // The header is the first record: past any blank lines, to the first line
    // ending outside quotes (`\r` alone ends it too, as the reader has it).
    let header = &bytes[past_line_endings(bytes, 0)..];
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for &b in header {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if matches!(b, b'\n' | b'\r') {
                break;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Cells;

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
        assert_eq!(*t.cells(0), ["2"]);
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

    fn shape_of<'a>(width: usize, at: &'a [Option<usize>]) -> Shape<'a> {
        Shape {
            delimiter: b',',
            width,
            at,
            first_line: 1,
            last: true,
        }
    }

    /// A file of rows with every awkward thing an export holds: quoted cells with
    /// commas, quotes and line endings inside, `\r\n` endings, blank lines, rows of
    /// empty fields, non-ASCII text.
    fn awkward_file(rows: usize, seed: u64) -> String {
        let mut rng = crate::rng::SplitMix64::new(seed);
        let mut text = String::from("id,name,note\n");
        for r in 0..rows {
            let pick = |rng: &mut crate::rng::SplitMix64, k: u64| rng.next_u64() % k;
            let name = match pick(&mut rng, 6) {
                0 => "\"Smith, J\"".to_string(),
                1 => "\"line one\nline two\"".to_string(),
                2 => "\"said \"\"hello\"\"\"".to_string(),
                3 => "Zoë".to_string(),
                4 => String::new(),
                _ => format!("n{r}"),
            };
            let end = if pick(&mut rng, 3) == 0 { "\r\n" } else { "\n" };
            text.push_str(&format!("{r},{name}, x{r} {end}"));
            match pick(&mut rng, 10) {
                0 => text.push_str(",,\n"),
                1 => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn reading_in_pieces_gives_the_rows_of_one_reading() {
        let at = [Some(0), Some(1), None, Some(2)];
        for seed in 0..40 {
            let text = awkward_file(60 + seed as usize * 7, seed);
            let bytes = text.as_bytes();
            let (_, data_start) = read_header(bytes, b',', true).unwrap().unwrap();
            let shape = shape_of(3, &at);
            let one =
                read_rows(bytes, Piece::new(bytes, data_start, bytes.len(), 1), &shape).unwrap();
            assert!(one.lines.len() >= 60);
            for pieces in 2..9 {
                let split = read_rows_in_pieces(bytes, data_start, &shape, pieces).unwrap();
                assert_eq!(split.columns, one.columns, "seed {seed}, {pieces} pieces");
                assert_eq!(split.lines, one.lines, "seed {seed}, {pieces} pieces");
                assert_eq!(split.blank_rows, one.blank_rows);
            }
        }
    }

    #[test]
    fn a_piece_that_begins_inside_a_quoted_cell_is_read_again() {
        // Every row's note spans lines, so most places a piece could begin are
        // inside a cell.
        let mut text = String::from("id,note\n");
        for r in 0..200 {
            text.push_str(&format!("{r},\"first\n{r},second\nthird\"\n"));
        }
        let bytes = text.as_bytes();
        let at = [Some(0), Some(1)];
        let shape = shape_of(2, &at);
        let (_, start) = read_header(bytes, b',', true).unwrap().unwrap();
        for pieces in 1..12 {
            let rows = read_rows_in_pieces(bytes, start, &shape, pieces).unwrap();
            assert_eq!(rows.lines.len(), 200);
            let ids = rows.columns[0].as_ref().unwrap();
            assert!(ids.iter().enumerate().all(|(r, id)| id == r.to_string()));
            assert_eq!(rows.lines[199], 2 + 3 * 199);
        }
    }

    #[test]
    fn a_row_of_the_wrong_width_is_named_by_line_in_any_piece() {
        let mut text = String::from("a,b\n");
        for r in 0..500 {
            text.push_str(&format!("{r},x\n"));
        }
        text.push_str("oops\n1,2\n");
        let bytes = text.as_bytes();
        let at = [Some(0)];
        let shape = shape_of(2, &at);
        let (_, start) = read_header(bytes, b',', true).unwrap().unwrap();
        for pieces in 1..6 {
            let err = read_rows_in_pieces(bytes, start, &shape, pieces)
                .err()
                .unwrap();
            assert_eq!(
                err.to_string(),
                "line 502: malformed CSV: this row has 1 fields where the header has 2"
            );
        }
    }

    #[test]
    fn files_not_in_utf8_are_read_in_their_encoding_and_noted() {
        // Excel's "CSV" on a UK Windows machine: Windows-1252, £ is 0xA3.
        let t = Table::parse(
            b"item,cost\nte\xe9,\xa312\n\x93q\x94,1\n",
            &[Want::required("item"), Want::required("cost")],
            ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(*t.cells(0), ["teé", "\u{201c}q\u{201d}"]);
        assert_eq!(t.cells(1).cell(0), "£12");
        assert_eq!(
            t.notes(),
            ["the file is not UTF-8 and was read as Windows-1252"]
        );
        // Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated.
        let utf16: Vec<u8> = "\u{feff}week\tcalls\n2024-01-01\t5\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let t = Table::parse(&utf16, &[Want::required("calls")], ReadOptions::default()).unwrap();
        assert_eq!(t.numbers(0).unwrap(), [5.0]);
        // A UTF-8 byte-order mark is dropped and nothing noted.
        let t = table("\u{feff}v\n1\n", &[Want::required("v")]).unwrap();
        assert!(t.notes().is_empty());
        assert_eq!(t.header(0), "v");
    }

    #[test]
    fn the_last_row_may_lack_a_line_ending_and_lines_count_quoted_breaks() {
        let t = table(
            "a,b\n1,\"x\ny\"\n\n2,z",
            &[Want::required("a"), Want::required("b")],
        )
        .unwrap();
        assert_eq!(*t.cells(0), ["1", "2"]);
        assert_eq!(t.cells(1).cell(0), "x\ny");
        assert_eq!(t.lines, [2, 5]);
    }

    /// A file read block by block: its rows' columns joined, their lines, the
    /// reader's notes.
    fn in_blocks(
        bytes: &[u8],
        wanted: &[Want<'_>],
        block: usize,
    ) -> Result<(Vec<TextColumn>, Vec<u64>, Vec<String>)> {
        let mut reader = TableReader::new(wanted, ReadOptions::default());
        let mut tables = Vec::new();
        for part in bytes.chunks(block.max(1)) {
            tables.extend(reader.feed(part)?);
        }
        tables.extend(reader.finish()?);
        let columns = (0..wanted.len())
            .map(|k| TextColumn::concat(tables.iter().map(|t| t.cells(k).clone()).collect()))
            .collect();
        let lines = tables.iter().flat_map(|t| t.lines.clone()).collect();
        Ok((columns, lines, reader.notes()))
    }

    #[test]
    fn a_file_read_block_by_block_gives_the_rows_of_one_reading() {
        let wanted = [
            Want::required("note"),
            Want::required("id"),
            Want::optional("x"),
        ];
        for seed in 0..12 {
            let text = awkward_file(80 + seed as usize * 5, seed);
            let whole = Table::parse(text.as_bytes(), &wanted, ReadOptions::default()).unwrap();
            let small: &[usize] = if seed < 2 { &[1, 2] } else { &[] };
            for &block in small.iter().chain(&[3, 5, 17, 64, 333, text.len()]) {
                let (columns, lines, notes) = in_blocks(text.as_bytes(), &wanted, block).unwrap();
                assert_eq!(
                    columns[0],
                    *whole.cells(0),
                    "seed {seed}, blocks of {block}"
                );
                assert_eq!(
                    columns[1],
                    *whole.cells(1),
                    "seed {seed}, blocks of {block}"
                );
                assert_eq!(lines, whole.lines, "seed {seed}, blocks of {block}");
                assert_eq!(notes, whole.notes());
            }
        }
        // Without a line ending after the last row, with a byte-order mark, in
        // Windows-1252, in UTF-16: as read whole.
        let utf16: Vec<u8> = "\u{feff}id\tnote\n1\tZoë\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let files: [&[u8]; 4] = [
            b"id,note\n1,a\n2,b",
            b"\xEF\xBB\xBFid,note\r\n1,a\r\n",
            b"id,note\n1,te\xe9\n2,\xa312\n",
            &utf16,
        ];
        for file in files {
            let whole = Table::parse(file, &wanted[..2], ReadOptions::default()).unwrap();
            for block in [1, 2, 4, file.len()] {
                let (columns, lines, notes) = in_blocks(file, &wanted[..2], block).unwrap();
                assert_eq!(columns[0], *whole.cells(0), "{file:?} in blocks of {block}");
                assert_eq!(lines, whole.lines);
                assert_eq!(notes, whole.notes());
            }
        }
        // Errors as read whole: a row of the wrong width named by line, no rows.
        let bad = b"id,note\n1,a\n2,b,c\n";
        let whole = Table::parse(bad, &wanted[..2], ReadOptions::default()).unwrap_err();
        assert_eq!(
            in_blocks(bad, &wanted[..2], 3).unwrap_err().to_string(),
            whole.to_string()
        );
        assert!(matches!(
            in_blocks(b"id,note\n", &wanted[..2], 2),
            Err(MeasuresError::NoRows)
        ));
    }

    #[test]
    fn a_row_that_begins_with_a_byte_order_mark_keeps_it_in_any_piece_or_block() {
        let mut text = String::from("\u{feff}\u{feff}id,note\n");
        for r in 0..60 {
            let lead = if r % 4 == 0 { "\u{feff}" } else { "" };
            text.push_str(&format!("{lead}R{r},n{r}\n"));
        }
        let wanted = [Want::required("id"), Want::required("note")];
        let whole = Table::parse(text.as_bytes(), &wanted, ReadOptions::default()).unwrap();
        assert_eq!(whole.cells(0).cell(0), "\u{feff}R0");
        assert_eq!(whole.header(0), "id");
        let bytes = text.as_bytes();
        let (layout, start) = Layout::of(bytes, &wanted, ReadOptions::default(), true)
            .unwrap()
            .unwrap();
        let shape = shape_of(2, &layout.at);
        for pieces in 2..9 {
            let split = read_rows_in_pieces(bytes, start, &shape, pieces).unwrap();
            assert_eq!(
                split.columns[0].as_ref(),
                Some(whole.cells(0)),
                "{pieces} pieces"
            );
        }
        for block in [3, 8, 13] {
            let (columns, lines, _) = in_blocks(bytes, &wanted, block).unwrap();
            assert_eq!(columns[0], *whole.cells(0), "blocks of {block}");
            assert_eq!(lines, whole.lines);
        }
    }

    #[test]
    fn a_quote_never_closed_is_an_error_naming_its_row_not_one_giant_cell() {
        let wanted = [Want::required("id"), Want::required("note")];
        let read = |text: &str| Table::parse(text.as_bytes(), &wanted, ReadOptions::default());
        let err = read("id,note\n1,fine\n2,\"runs on\n3,x\n4,y\n").unwrap_err();
        match err {
            MeasuresError::Csv { line, message } => {
                assert_eq!(line, 3);
                assert!(message.contains("never closed"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // Read a block at a time, the same.
        let text = "id,note\n1,fine\n2,\"runs on\n3,x\n4,y\n";
        let blocks = in_blocks(text.as_bytes(), &wanted, 4).unwrap_err();
        assert_eq!(blocks.to_string(), read(text).unwrap_err().to_string());
        // A quote inside an unquoted cell is text, closed quotes and doubled
        // quotes are fine, with or without a line ending at the end.
        for ok in [
            "id,note\n1,12\" wide",
            "id,note\n1,\"a \"\"b\"\"\"",
            "id,note\n1,\"two\nlines\"\n",
            "id,note\n1,x\"\n",
        ] {
            assert!(read(ok).is_ok(), "{ok:?}");
        }
    }
}
