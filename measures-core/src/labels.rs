//! Point labels: text as given, or dates and times kept as numbers.
//!
//! A column of 10⁵ dates from numpy or pandas reaches the core as day (or second)
//! counts and stays that way: a chart keeps the numbers and writes a label
//! (`2024-03-01`, `2024-03-01T09:30:00`) only when one is read — in a statement, the
//! JSON, an SVG axis. Making 10⁵ strings up front, and freeing them, had been most of
//! the time of `xmr(values, dates)`.

use crate::error::{MeasuresError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A chart's point labels.
///
/// ```
/// use measures_core::labels::Labels;
/// let l = Labels::Days(vec![0, 19_723]);
/// assert_eq!(l.get(1).as_deref(), Some("2024-01-01"));
/// assert_eq!(l.to_strings(), ["1970-01-01", "2024-01-01"]);
/// assert_eq!(serde_json::to_string(&l).unwrap(), r#"["1970-01-01","2024-01-01"]"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Labels {
    /// Text, as given.
    Text(Vec<String>),
    /// Dates as days since 1970-01-01, written `YYYY-MM-DD`.
    Days(Vec<i64>),
    /// Times as seconds since 1970-01-01T00:00:00, written `YYYY-MM-DDTHH:MM:SS`.
    Seconds(Vec<i64>),
}

/// Labels borrowed from the caller, as a [`Series`](crate::Series) holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabelSlice<'a> {
    /// Text, as given.
    Text(&'a [String]),
    /// Dates as days since 1970-01-01.
    Days(&'a [i64]),
    /// Times as seconds since 1970-01-01T00:00:00.
    Seconds(&'a [i64]),
}

impl<'a> LabelSlice<'a> {
    /// How many labels.
    pub fn len(&self) -> usize {
        match self {
            LabelSlice::Text(t) => t.len(),
            LabelSlice::Days(n) | LabelSlice::Seconds(n) => n.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th label as text (`None` past the end).
    pub fn get(&self, i: usize) -> Option<Cow<'a, str>> {
        match *self {
            LabelSlice::Text(t) => t.get(i).map(|s| Cow::Borrowed(s.as_str())),
            LabelSlice::Days(n) => n.get(i).map(|&d| Cow::Owned(day_text(d))),
            LabelSlice::Seconds(n) => n.get(i).map(|&s| Cow::Owned(second_text(s))),
        }
    }

    /// The labels as text, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Cow<'a, str>> + '_ {
        (0..self.len()).map(move |i| self.get(i).unwrap_or_default())
    }

    /// The labels as owned text.
    pub fn to_strings(&self) -> Vec<String> {
        self.iter().map(Cow::into_owned).collect()
    }

    /// The labels kept, as the chart keeps them.
    pub fn to_labels(&self) -> Labels {
        match *self {
            LabelSlice::Text(t) => Labels::Text(t.to_vec()),
            LabelSlice::Days(n) => Labels::Days(n.to_vec()),
            LabelSlice::Seconds(n) => Labels::Seconds(n.to_vec()),
        }
    }

    /// The date of the `i`-th label: the day itself for dates and times, the date a
    /// text label starts with (`YYYY-MM-DD`) otherwise.
    pub fn date(&self, i: usize) -> Option<NaiveDate> {
        match *self {
            LabelSlice::Text(t) => parse_date(t.get(i)?),
            LabelSlice::Days(n) => civil(*n.get(i)?),
            LabelSlice::Seconds(n) => civil(n.get(i)?.div_euclid(DAY)),
        }
    }

    /// The position of the label written `label`.
    pub fn position(&self, label: &str) -> Option<usize> {
        match *self {
            LabelSlice::Text(t) => t.iter().position(|l| l == label),
            // In order, so found by halving.
            LabelSlice::Days(n) => {
                let day = days_of(iso_date(label.as_bytes()).filter(|_| label.len() == 10)?);
                n.binary_search(&day).ok()
            }
            LabelSlice::Seconds(n) => {
                let s = seconds_of(label)?;
                n.binary_search(&s).ok()
            }
        }
    }
}

impl Labels {
    /// The labels, borrowed.
    pub fn as_slice(&self) -> LabelSlice<'_> {
        match self {
            Labels::Text(t) => LabelSlice::Text(t),
            Labels::Days(n) => LabelSlice::Days(n),
            Labels::Seconds(n) => LabelSlice::Seconds(n),
        }
    }

    /// How many labels.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th label as text (`None` past the end).
    pub fn get(&self, i: usize) -> Option<Cow<'_, str>> {
        self.as_slice().get(i)
    }

    /// The labels as text, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Cow<'_, str>> + '_ {
        (0..self.len()).map(move |i| self.get(i).unwrap_or_default())
    }

    /// The labels as owned text.
    pub fn to_strings(&self) -> Vec<String> {
        self.as_slice().to_strings()
    }

    /// The date of the `i`-th label (see [`LabelSlice::date`]).
    pub fn date(&self, i: usize) -> Option<NaiveDate> {
        self.as_slice().date(i)
    }
}

impl Labels {
    /// Labels from numpy's `datetime64` as integers in `unit` (`"D"`, `"s"`, `"ms"`,
    /// `"us"` or `"ns"`, or `"days"`/`"seconds"`): dates when every stamp is a
    /// whole day, else times to the second (finer parts dropped, as numpy's
    /// `datetime_as_string(unit="s")` drops them). One reading of the stamps.
    ///
    /// ```
    /// use measures_core::labels::Labels;
    /// let ns = [0, 86_400_000_000_000];
    /// assert_eq!(Labels::from_stamps(&ns, "ns")?, Labels::Days(vec![0, 1]));
    /// assert_eq!(Labels::from_stamps(&[1_500, 2_000], "ms")?, Labels::Seconds(vec![1, 2]));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_stamps(stamps: &[i64], unit: &str) -> Result<Labels> {
        // Each unit its own loop, so the divisions by a constant compile to
        // multiplications (a division by a variable took most of the time).
        match unit {
            "D" | "days" => Ok(Labels::Days(stamps.to_vec())),
            "s" | "seconds" => Ok(stamps_in::<1>(stamps)),
            "ms" => Ok(stamps_in::<1_000>(stamps)),
            "us" => Ok(stamps_in::<1_000_000>(stamps)),
            "ns" => Ok(stamps_in::<1_000_000_000>(stamps)),
            other => Err(MeasuresError::InvalidOption {
                name: "labels",
                reason: format!("date labels come in days, seconds, ms, us or ns, not {other:?}"),
            }),
        }
    }
}

/// Stamps counted in `1 / PER_SECOND` seconds as days when all are whole days, else
/// as seconds.
fn stamps_in<const PER_SECOND: i64>(stamps: &[i64]) -> Labels {
    let per_day = PER_SECOND * DAY;
    let mut days = Vec::with_capacity(stamps.len());
    let mut whole = true;
    for &s in stamps {
        let day = s.div_euclid(per_day);
        whole &= day.wrapping_mul(per_day) == s;
        days.push(day);
    }
    if whole {
        return Labels::Days(days);
    }
    Labels::Seconds(stamps.iter().map(|s| s.div_euclid(PER_SECOND)).collect())
}

impl From<Vec<String>> for Labels {
    fn from(text: Vec<String>) -> Self {
        Labels::Text(text)
    }
}

impl PartialEq<Vec<String>> for Labels {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_str())
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Labels {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Labels::Text)
    }
}

/// Check day or second labels: every one in years 1–9999, strictly increasing.
pub(crate) fn check_numbered(labels: LabelSlice<'_>) -> Result<()> {
    let (numbers, per_day) = match labels {
        LabelSlice::Text(_) => return Ok(()),
        LabelSlice::Days(n) => (n, 1),
        LabelSlice::Seconds(n) => (n, DAY),
    };
    let (first, last) = (
        civil_range().0 * per_day,
        (civil_range().1 + 1) * per_day - 1,
    );
    // One reading for the common case: every stamp in range and each after the last.
    let mut in_order = true;
    let mut in_range = true;
    let mut previous = i64::MIN;
    for &n in numbers {
        in_range &= (first..=last).contains(&n);
        in_order &= n > previous;
        previous = n;
    }
    if in_order && in_range {
        return Ok(());
    }
    if let Some(index) = numbers.iter().position(|n| !(first..=last).contains(n)) {
        return Err(MeasuresError::InvalidOption {
            name: "labels",
            reason: format!(
                "label {index} ({}) falls outside the years 1 to 9999",
                numbers[index]
            ),
        });
    }
    // As text labels are checked: a repeat anywhere first, then the order.
    let text = |i: usize| labels.get(i).unwrap_or_default().into_owned();
    let mut seen = std::collections::HashMap::with_capacity(numbers.len());
    for (index, n) in numbers.iter().enumerate() {
        if let Some(&first) = seen.get(n) {
            return Err(MeasuresError::DuplicateLabel {
                index,
                first,
                label: text(index),
            });
        }
        seen.insert(*n, index);
    }
    let index = 1 + numbers.windows(2).position(|w| w[1] < w[0]).unwrap_or(0);
    Err(MeasuresError::UnsortedLabels {
        index,
        label: text(index),
        previous: text(index - 1),
    })
}

/// Days from 1970-01-01 of 0001-01-01 and 9999-12-31.
fn civil_range() -> (i64, i64) {
    (-719_162, 2_932_896)
}

/// The calendar date of a day counted from 1970-01-01, in years 1–9999.
pub(crate) fn civil(days: i64) -> Option<NaiveDate> {
    let (first, last) = civil_range();
    if !(first..=last).contains(&days) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt((days + 719_163) as i32)
}

/// Days from 1970-01-01 of a date.
pub(crate) fn days_of(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce()) - 719_163
}

/// Seconds from 1970-01-01T00:00:00 of `YYYY-MM-DDTHH:MM:SS`.
fn seconds_of(label: &str) -> Option<i64> {
    let b = label.as_bytes();
    if b.len() != 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let day = days_of(iso_date(&b[..10])?);
    let two = |at: usize| digits(&b[at..at + 2]).map(i64::from);
    Some(day * DAY + two(11)? * 3600 + two(14)? * 60 + two(17)?)
}

/// A day counted from 1970-01-01 as `YYYY-MM-DD` (empty outside years 1–9999, which
/// construction refuses).
fn day_text(days: i64) -> String {
    civil(days).map(date_text).unwrap_or_default()
}

/// A second counted from 1970-01-01T00:00:00 as `YYYY-MM-DDTHH:MM:SS`.
fn second_text(seconds: i64) -> String {
    let (day, second) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
    let mut text = day_text(day);
    for (sep, n) in [
        ('T', second / 3600),
        (':', second / 60 % 60),
        (':', second % 60),
    ] {
        text.push(sep);
        push_digits(&mut text, n as u32, 2);
    }
    text
}

/// Reads the date at the start of a label: `2024-03-01`, `2024-03-01T09:00`, `2024-03-01 09:00:00`.
pub(crate) fn parse_date(label: &str) -> Option<NaiveDate> {
    let label = label.trim();
    let head = label.get(..10)?.as_bytes();
    let rest = &label[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    iso_date(head)
}

/// The date written `YYYY-MM-DD` in the first ten bytes, read digit by digit
/// (chrono's format parser took a third of the time of a 10⁵-point chart with date
/// labels, and of reading a million-case log); `None` for any other text.
pub(crate) fn iso_date(bytes: &[u8]) -> Option<NaiveDate> {
    match bytes.get(..10)? {
        [_, _, _, _, b'-', _, _, b'-', _, _] => NaiveDate::from_ymd_opt(
            digits(&bytes[0..4])? as i32,
            digits(&bytes[5..7])?,
            digits(&bytes[8..10])?,
        ),
        _ => None,
    }
}

/// ASCII digits as a number; `None` if any byte is not a digit.
pub(crate) fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Date labels, `YYYY-MM-DD`, from days since 1970-01-01 (numpy's `datetime64[D]`,
/// Arrow's `date32`): how the bindings hand a column of dates to a chart without
/// formatting each in their own language. `None` for a day outside years 1–9999.
///
/// ```
/// use measures_core::labels::date_labels;
/// assert_eq!(date_labels(&[0, 19_723]).unwrap(), vec!["1970-01-01", "2024-01-01"]);
/// ```
pub fn date_labels(days: &[i64]) -> Option<Vec<String>> {
    days.iter().map(|&d| civil(d).map(date_text)).collect()
}

/// A date as `YYYY-MM-DD`, written digit by digit (`format!` and `Display` took most
/// of the time of labelling 10⁵ points, and a tenth of a million-case report).
/// Years 1–9999, as every date this crate reads.
pub(crate) fn date_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    let mut text = String::with_capacity(19);
    push_digits(&mut text, date.year().unsigned_abs(), 4);
    text.push('-');
    push_digits(&mut text, date.month(), 2);
    text.push('-');
    push_digits(&mut text, date.day(), 2);
    text
}

/// Append the last `width` decimal digits of `n`, with leading zeros.
pub(crate) fn push_digits(text: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        text.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// Date-time labels, `YYYY-MM-DDTHH:MM:SS`, from seconds since 1970-01-01T00:00:00
/// (numpy's `datetime64[s]`); `None` for a time outside years 1–9999.
///
/// ```
/// use measures_core::labels::datetime_labels;
/// assert_eq!(datetime_labels(&[90_061]).unwrap(), vec!["1970-01-02T01:01:01"]);
/// ```
pub fn datetime_labels(seconds: &[i64]) -> Option<Vec<String>> {
    seconds
        .iter()
        .map(|&s| civil(s.div_euclid(DAY)).map(|_| second_text(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_labels_read_as_text_and_back() {
        let days = [-719_162, 0, 19_723, 2_932_896];
        let l = LabelSlice::Days(&days);
        assert_eq!(
            l.to_strings(),
            ["0001-01-01", "1970-01-01", "2024-01-01", "9999-12-31"]
        );
        assert_eq!(l.position("2024-01-01"), Some(2));
        assert_eq!(l.position("2024-01-02"), None);
        assert_eq!(l.date(2), NaiveDate::from_ymd_opt(2024, 1, 1));
        let secs = [90_061, 19_723 * DAY + 3_600];
        let s = LabelSlice::Seconds(&secs);
        assert_eq!(
            s.to_strings(),
            ["1970-01-02T01:01:01", "2024-01-01T01:00:00"]
        );
        assert_eq!(s.position("2024-01-01T01:00:00"), Some(1));
        assert_eq!(s.date(0), NaiveDate::from_ymd_opt(1970, 1, 2));
    }

    #[test]
    fn numbered_labels_must_increase_and_fall_in_years_1_to_9999() {
        assert!(check_numbered(LabelSlice::Days(&[1, 2, 5])).is_ok());
        let e = check_numbered(LabelSlice::Days(&[1, 3, 3])).unwrap_err();
        assert!(
            matches!(e, MeasuresError::DuplicateLabel { index: 2, first: 1, ref label } if label == "1970-01-04"),
            "{e}"
        );
        let e = check_numbered(LabelSlice::Days(&[1, 3, 2])).unwrap_err();
        assert!(
            matches!(e, MeasuresError::UnsortedLabels { index: 2, .. }),
            "{e}"
        );
        assert!(check_numbered(LabelSlice::Days(&[2_932_897])).is_err());
        assert!(check_numbered(LabelSlice::Seconds(&[i64::MIN])).is_err());
        assert!(check_numbered(LabelSlice::Seconds(&[2_932_896 * DAY + DAY - 1])).is_ok());
    }

    #[test]
    fn labels_serialise_as_text_and_compare_with_it() {
        let l = Labels::Seconds(vec![0]);
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            r#"["1970-01-01T00:00:00"]"#
        );
        assert_eq!(l, vec!["1970-01-01T00:00:00".to_string()]);
        let back: Labels = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(back, Labels::Text(vec!["a".into(), "b".into()]));
    }
}
