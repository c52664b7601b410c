//! Columns of text cells: what a CSV export or a binding hands the core before the
//! cells are read as numbers, dates or names.
//!
//! [`TextColumn`] keeps a column's cells in one buffer with their end offsets, so a
//! million-row file is two allocations per column instead of a `String` per cell.
//! [`Cells`] is what the readers of text columns (`cells::dates`,
//! `CaseLog::from_columns`) take: a `TextColumn`, a slice of `String`s or of `&str`s.

/// A column of text cells, read by position.
///
/// ```
/// use measures_core::text::{Cells, TextColumn};
/// let c: TextColumn = ["2024-01-01", "", "NA"].into_iter().collect();
/// assert_eq!((c.len(), c.cell(0), c.cell(1)), (3, "2024-01-01", ""));
/// ```
pub trait Cells: Sync {
    /// How many cells.
    fn len(&self) -> usize;
    /// The `i`-th cell (panics past the end, as indexing does).
    fn cell(&self, i: usize) -> &str;
    /// Whether there are no cells.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Cells for [String] {
    fn len(&self) -> usize {
        <[String]>::len(self)
    }
    fn cell(&self, i: usize) -> &str {
        &self[i]
    }
}

impl Cells for Vec<String> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn cell(&self, i: usize) -> &str {
        &self[i]
    }
}

impl Cells for [&str] {
    fn len(&self) -> usize {
        <[&str]>::len(self)
    }
    fn cell(&self, i: usize) -> &str {
        self[i]
    }
}

/// Cells of one column held in one buffer: `text` is every cell in order, `ends[i]`
/// where the `i`-th ends.
///
/// ```
/// use measures_core::text::TextColumn;
/// let mut c = TextColumn::default();
/// c.push("Harbour");
/// c.push("Hill");
/// assert_eq!(c.iter().collect::<Vec<_>>(), ["Harbour", "Hill"]);
/// assert_eq!(c, ["Harbour", "Hill"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    text: String,
    /// Where each cell ends in `text`: 32 bits, half the memory of a `usize` for
    /// the ten million cells of a big log (a part that would pass 4 GiB is followed
    /// by a new one in `rest`).
    ends: Vec<u32>,
    /// Columns joined after this one without copying them (a file read in pieces),
    /// each with the position of its first cell; each holds no parts of its own.
    rest: Vec<(usize, TextColumn)>,
}

/// A column with no cells, for a column a caller does not have.
pub static EMPTY: TextColumn = TextColumn {
    text: String::new(),
    ends: Vec::new(),
    rest: Vec::new(),
};

impl PartialEq for TextColumn {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for TextColumn {}

impl TextColumn {
    /// An empty column with room for `cells` cells of `bytes` bytes in all.
    pub fn with_capacity(cells: usize, bytes: usize) -> Self {
        TextColumn {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
            rest: Vec::new(),
        }
    }

    /// Add a cell at the end.
    ///
    /// # Panics
    /// If the one cell is 4 GiB or more ([`TextColumn::try_push`] returns an error
    /// instead).
    pub fn push(&mut self, cell: &str) {
        self.try_push(cell)
            .expect("a text cell holds less than 4 GiB");
    }

    /// Add a cell at the end; a part whose text would pass 4 GiB (the reach of its
    /// 32-bit offsets) is followed by a new part. Only a cell of 4 GiB or more on its
    /// own is refused.
    pub fn try_push(&mut self, cell: &str) -> Result<(), crate::error::MeasuresError> {
        let part = match self.rest.last_mut() {
            Some((_, last)) => last,
            None => self,
        };
        match u32::try_from(part.text.len() + cell.len()) {
            Ok(end) => {
                part.text.push_str(cell);
                part.ends.push(end);
                Ok(())
            }
            Err(_) if part.ends.is_empty() => Err(crate::error::MeasuresError::InvalidOption {
                name: "column",
                reason: "a cell holds 4 GiB of text or more".into(),
            }),
            Err(_) => {
                let first = self.len();
                self.rest.push((first, TextColumn::default()));
                self.try_push(cell)
            }
        }
    }

    /// Make room for `cells` more cells of `bytes` more bytes.
    pub fn reserve(&mut self, cells: usize, bytes: usize) {
        match self.rest.last_mut() {
            Some((_, last)) => last.reserve(cells, bytes),
            None => {
                self.ends.reserve(cells);
                self.text.reserve(bytes);
            }
        }
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.text.len() + self.rest.iter().map(|(_, c)| c.text.len()).sum::<usize>()
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.rest
            .last()
            .map_or(self.ends.len(), |(first, c)| first + c.ends.len())
    }

    /// Whether there are no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th cell, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        (i < self.len()).then(|| self.cell_at(i))
    }

    /// The cells in order, a part at a time (no search for the part of each).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let parts = std::iter::once(self).chain(self.rest.iter().map(|(_, part)| part));
        CellIter {
            parts,
            part: None,
            at: 0,
            left: self.len(),
        }
    }

    /// The cells as owned strings (for the few callers that keep them).
    pub fn to_strings(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    /// The cells at `order`, in that order.
    pub fn gather(&self, order: &[usize]) -> TextColumn {
        let mut out = TextColumn::with_capacity(order.len(), self.text_len());
        for &i in order {
            out.push(self.cell_at(i));
        }
        out
    }

    /// The columns' cells one after another, without copying them: the column
    /// keeps the parts and reads a cell from the part that holds it.
    ///
    /// ```
    /// use measures_core::text::TextColumn;
    /// let a: TextColumn = ["x"].into_iter().collect();
    /// let b: TextColumn = ["y", "z"].into_iter().collect();
    /// assert_eq!(TextColumn::concat(vec![a, b]), ["x", "y", "z"]);
    /// ```
    pub fn concat(parts: Vec<TextColumn>) -> TextColumn {
        let mut parts = parts.into_iter();
        let mut out = parts.next().unwrap_or_default();
        for mut part in parts {
            let later = std::mem::take(&mut part.rest);
            for piece in std::iter::once(part).chain(later.into_iter().map(|(_, c)| c)) {
                if !piece.ends.is_empty() {
                    let first = out.len();
                    out.rest.push((first, piece));
                }
            }
        }
        out
    }

    /// A column from Arrow's layout of strings: the cells' bytes one after another
    /// and `offsets` (one more than the cells) where each starts and the last ends,
    /// as pyarrow and polars hold a column of text. Offsets that go backwards or
    /// past the bytes, or cells that are not UTF-8, are an error naming the cell.
    ///
    /// ```
    /// use measures_core::text::TextColumn;
    /// let c = TextColumn::from_offsets(b"phoneweb", &[0, 5, 5, 8])?;
    /// assert_eq!(c, ["phone", "", "web"]);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_offsets(
        bytes: &[u8],
        offsets: &[i64],
    ) -> Result<TextColumn, crate::error::MeasuresError> {
        let bad = |index: usize, reason: &str| crate::error::MeasuresError::InvalidCell {
            index,
            column: "text",
            text: String::new(),
            reason: reason.to_string(),
        };
        let cells = offsets.len().saturating_sub(1);
        let mut out = TextColumn::with_capacity(cells, 0);
        let (Some(&first), Some(&last)) = (offsets.first(), offsets.last()) else {
            return Ok(out);
        };
        let span = |o: i64| usize::try_from(o).ok().filter(|&o| o <= bytes.len());
        let (Some(first), Some(last)) = (span(first), span(last)) else {
            return Err(bad(0, "the offsets fall outside the text"));
        };
        if first > last {
            return Err(bad(0, "the offsets go backwards"));
        }
        let text = std::str::from_utf8(&bytes[first..last])
            .map_err(|_| bad(0, "the text is not UTF-8"))?;
        out.text.reserve(text.len());
        for (i, w) in offsets.windows(2).enumerate() {
            let (Some(a), Some(b)) = (span(w[0]), span(w[1])) else {
                return Err(bad(i, "its offsets fall outside the text"));
            };
            let cell = text
                .get(a.wrapping_sub(first)..b.wrapping_sub(first))
                .filter(|_| a >= first && a <= b)
                .ok_or_else(|| bad(i, "its offsets go backwards or split a character"))?;
            out.try_push(cell)?;
        }
        Ok(out)
    }

    /// A column from fixed-width cells padded with zero bytes (numpy's `S` and the
    /// bytes of its `datetime_as_string`), each `width` bytes.
    ///
    /// ```
    /// use measures_core::text::TextColumn;
    /// let c = TextColumn::from_fixed_width(b"ab\0\0abcd", 4)?;
    /// assert_eq!(c, ["ab", "abcd"]);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_fixed_width(
        bytes: &[u8],
        width: usize,
    ) -> Result<TextColumn, crate::error::MeasuresError> {
        if width == 0 {
            return Ok(TextColumn::default());
        }
        let mut out = TextColumn::with_capacity(bytes.len() / width, bytes.len());
        for (index, cell) in bytes.chunks(width).enumerate() {
            let end = cell.iter().position(|&b| b == 0).unwrap_or(cell.len());
            let text = std::str::from_utf8(&cell[..end]).map_err(|_| {
                crate::error::MeasuresError::InvalidCell {
                    index,
                    column: "text",
                    text: String::from_utf8_lossy(&cell[..end]).into_owned(),
                    reason: "the cell is not UTF-8".into(),
                }
            })?;
            out.try_push(text)?;
        }
        Ok(out)
    }

    fn cell_at(&self, i: usize) -> &str {
        if i >= self.ends.len() && !self.rest.is_empty() {
            // The last part that starts at or before `i`.
            let at = self.rest.partition_point(|(first, _)| *first <= i);
            if at > 0 {
                let (first, part) = &self.rest[at - 1];
                return part.cell_at(i - first);
            }
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// The cells of a [`TextColumn`], part by part.
struct CellIter<'a, P> {
    parts: P,
    part: Option<&'a TextColumn>,
    /// The next cell's place in `part`.
    at: usize,
    left: usize,
}

impl<'a, P: Iterator<Item = &'a TextColumn>> Iterator for CellIter<'a, P> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            match self.part {
                Some(part) if self.at < part.ends.len() => {
                    let start = if self.at == 0 {
                        0
                    } else {
                        part.ends[self.at - 1] as usize
                    };
                    let end = part.ends[self.at] as usize;
                    self.at += 1;
                    self.left -= 1;
                    return Some(&part.text[start..end]);
                }
                _ => {
                    self.part = Some(self.parts.next()?);
                    self.at = 0;
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<'a, P: Iterator<Item = &'a TextColumn>> ExactSizeIterator for CellIter<'a, P> {}

/// Written as a list of strings, as a `Vec<String>` would be.
impl serde::Serialize for TextColumn {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Cells for TextColumn {
    fn len(&self) -> usize {
        TextColumn::len(self)
    }
    fn cell(&self, i: usize) -> &str {
        self.cell_at(i)
    }
}

/// `column[i]` is the `i`-th cell (panics past the end, as slices do).
impl std::ops::Index<usize> for TextColumn {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        assert!(i < self.len(), "cell {i} of a column of {}", self.len());
        self.cell_at(i)
    }
}

impl<'s> FromIterator<&'s str> for TextColumn {
    fn from_iter<I: IntoIterator<Item = &'s str>>(cells: I) -> Self {
        let mut column = TextColumn::default();
        for cell in cells {
            column.push(cell);
        }
        column
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TextColumn {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TextColumn {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_bounds_including_empty_ones() {
        let c: TextColumn = ["", "a", "", "bcd", "é"].into_iter().collect();
        assert_eq!(c.len(), 5);
        assert_eq!(c.to_strings(), ["", "a", "", "bcd", "é"]);
        assert_eq!(c.get(5), None);
        assert_eq!(c.gather(&[4, 0, 3]), ["é", "", "bcd"]);
        assert_eq!(Cells::len(&c), 5);
        // Joined without copying: the same cells, read from their parts, and equal
        // to the column copied into one buffer.
        let parts = vec![
            ["a", "b"].into_iter().collect::<TextColumn>(),
            TextColumn::default(),
            [""].into_iter().collect(),
            TextColumn::concat(vec![
                ["c"].into_iter().collect(),
                ["d", "e"].into_iter().collect(),
            ]),
        ];
        let mut joined = TextColumn::concat(parts);
        assert_eq!(joined, ["a", "b", "", "c", "d", "e"]);
        assert_eq!(
            (joined.len(), joined.get(6), joined.text_len()),
            (6, None, 5)
        );
        assert_eq!(joined.gather(&[5, 0, 3]), ["e", "a", "c"]);
        joined.push("f");
        let copied: TextColumn = joined.iter().collect();
        assert_eq!(copied, joined);
        assert_eq!(copied.iter().last(), Some("f"));
        assert!(EMPTY.is_empty());
    }

    #[test]
    fn arrow_and_fixed_width_cells_are_read_and_checked() {
        // A slice of a bigger array: offsets need not start at zero.
        let c = TextColumn::from_offsets(b"xxZo\xc3\xabab", &[2, 6, 8]).unwrap();
        assert_eq!(c, ["Zoë", "ab"]);
        assert!(TextColumn::from_offsets(b"abc", &[0, 2, 1]).is_err());
        assert!(TextColumn::from_offsets(b"abc", &[0, 9]).is_err());
        assert!(TextColumn::from_offsets(b"\xc3\xab", &[0, 1, 2]).is_err());
        assert!(TextColumn::from_offsets(b"ab", &[-1, 1]).is_err());
        assert_eq!(TextColumn::from_offsets(b"", &[]).unwrap().len(), 0);
        let f = TextColumn::from_fixed_width(b"2024-01-01\0\0", 6).unwrap();
        assert_eq!(f, ["2024-0", "1-01"]);
        assert!(TextColumn::from_fixed_width(b"\xff", 1).is_err());
    }
}
