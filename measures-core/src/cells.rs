//! Reading the cells of what councils export (case-management extracts, spreadsheets,
//! SQL reports): the words for "missing", numbers written with thousands
//! separators, dates in the forms UK exports use, and spreadsheet serial dates. One
//! reading, here, for the command line, Python and C alike.

use crate::demand::time::Timestamp;
use crate::error::MeasuresError;
use crate::text::Cells;
use chrono::NaiveDate;

/// Cell texts that mean "no value": empty, `NA`, `N/A`, `-`, `null`, `NaN`, `None`,
/// Excel's `#N/A` and pandas' `NaT`, in any case and with surrounding spaces.
///
/// ```
/// use measures_core::cells::is_missing;
/// assert!(is_missing(" n/a ") && is_missing("") && is_missing("#N/A") && is_missing("-"));
/// assert!(!is_missing("0") && !is_missing("none of it"));
/// ```
pub fn is_missing(text: &str) -> bool {
    const MISSING: [&str; 9] = ["", "na", "n/a", "-", "null", "nan", "none", "#n/a", "nat"];
    let t = text.trim();
    t.len() <= 4 && MISSING.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// A number from a cell: `None` when the cell is missing ([`is_missing`]), the
/// number otherwise. Thousands separators are read when they are unambiguous
/// (`1,948`, `-12,345.5`: groups of three digits after the first); a comma used as
/// a decimal point is refused, since `1,948` could mean either.
///
/// ```
/// use measures_core::cells::number;
/// assert_eq!(number("\"1,948\"".trim_matches('"')), Ok(Some(1948.0)));
/// assert_eq!(number(" 12.5 "), Ok(Some(12.5)));
/// assert_eq!(number("N/A"), Ok(None));
/// assert!(number("12,5").is_err() && number("inf").is_err() && number("ten").is_err());
/// ```
pub fn number(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if is_missing(t) {
        return Ok(None);
    }
    let plain = if t.contains(',') {
        thousands(t).ok_or_else(|| {
            format!(
                "cannot read {t:?} as a number: commas are read only as thousands separators (1,948), and decimals need a point"
            )
        })?
    } else {
        t.to_string()
    };
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Some(x)),
        Ok(_) => Err(format!("{t:?} is not a finite number")),
        Err(_) => Err(format!("cannot read {t:?} as a number")),
    }
}

/// `1,948` → `1948` when every comma separates a group of exactly three digits and
/// the first group has one to three.
fn thousands(t: &str) -> Option<String> {
    let (sign, rest) = match t.strip_prefix(['-', '+']) {
        Some(rest) => (&t[..1], rest),
        None => ("", t),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = format!("{sign}{first}");
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// The London date of a cell holding a date or a date-time in one of the forms
/// [`Timestamp::parse`] reads (ISO, `31/03/2024`, with or without a time or offset).
///
/// ```
/// use measures_core::cells::date;
/// assert_eq!(date("31/03/2024 09:15").unwrap().to_string(), "2024-03-31");
/// assert!(date("Q1 2024").is_none());
/// ```
pub fn date(text: &str) -> Option<NaiveDate> {
    Timestamp::parse(text).ok().map(|t| t.local_date)
}

/// The date written `YYYY-MM-DD` at the start of `text` (a chart's date label, with
/// or without a time after it), read digit by digit; `None` for anything else.
///
/// ```
/// use measures_core::cells::iso_date;
/// assert_eq!(iso_date("2024-03-01 09:00").unwrap().to_string(), "2024-03-01");
/// assert!(iso_date("01/03/2024").is_none() && iso_date("2024-02-30").is_none());
/// ```
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    crate::labels::iso_date(text.as_bytes())
}

/// Whether a cell is written as a date (three numbers joined by `/` or `-`, then
/// perhaps a time), whether or not it is a valid one: `31/03/24` is date-like,
/// `Q1 2024` and `week 3` are not. A column of date-like cells is read as dates, and
/// one that does not read (a two-digit year, 31 February) is an error, not a label.
///
/// ```
/// use measures_core::cells::date_like;
/// assert!(date_like("31/03/24") && date_like("2024-03-31T09:15") && date_like("1/2/2024"));
/// assert!(!date_like("Q1 2024") && !date_like("2024") && !date_like("a-b-c"));
/// ```
pub fn date_like(text: &str) -> bool {
    let t = text.trim();
    let day = t.split([' ', 'T']).next().unwrap_or(t);
    let day = day.trim_start_matches(['+', '-']);
    let parts: Vec<&str> = if day.contains('/') {
        day.split('/').collect()
    } else {
        day.split('-').collect()
    };
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The spreadsheet serial numbers a date column may hold instead of dates:
/// serials of 1 January 1950 (18,264) to 31 December 2100 (73,415). A column is
/// read as serial dates only when every cell present is a number in this range;
/// numbers outside it are more likely counts or references than dates.
pub const SERIAL_DATES: (f64, f64) = (18_264.0, 73_416.0);

/// Whether every cell present in `column` is a spreadsheet serial date (and there
/// is at least one).
///
/// ```
/// use measures_core::cells::holds_serial_dates;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// assert!(holds_serial_dates(&s(&["45292.36", "", "45293"])));
/// assert!(!holds_serial_dates(&s(&["45292", "2024-01-02"])));
/// assert!(!holds_serial_dates(&s(&["1", "2", "3"])));
/// ```
pub fn holds_serial_dates<C: Cells + ?Sized>(column: &C) -> bool {
    let mut any = false;
    for i in 0..column.len() {
        let cell = column.cell(i);
        if is_missing(cell) {
            continue;
        }
        match cell.trim().parse::<f64>() {
            Ok(x) if (SERIAL_DATES.0..SERIAL_DATES.1).contains(&x) => any = true,
            _ => return false,
        }
    }
    any
}

/// A time from a cell of a column that [`holds_serial_dates`] (when `serial`) or
/// holds dates and times as text.
pub fn timestamp(text: &str, serial: bool) -> Result<Timestamp, String> {
    if serial {
        let x: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("cannot read {text:?} as a spreadsheet date"))?;
        Timestamp::from_excel_serial(x)
    } else {
        Timestamp::parse(text)
    }
}

/// The London dates of a column of times (as [`timestamp`] reads each cell; a column
/// of spreadsheet serial numbers as dates), or an `InvalidCell` naming `column` and
/// the first row that holds no date.
///
/// ```
/// use measures_core::cells::dates;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let d = dates(&s(&["2024-07-01", "01/08/2024", "2024-09-01 10:30"]), "month")?;
/// assert_eq!(d[1].to_string(), "2024-08-01");
/// assert!(dates(&s(&["2024-07-01", "soon"]), "month").is_err());
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn dates<C: Cells + ?Sized>(
    column: &C,
    name: &'static str,
) -> Result<Vec<NaiveDate>, MeasuresError> {
    let serial = holds_serial_dates(column);
    (0..column.len())
        .map(|index| {
            let text = column.cell(index);
            timestamp(text, serial)
                .map(|t| t.local_date)
                .map_err(|reason| MeasuresError::InvalidCell {
                    index,
                    column: name,
                    text: text.to_string(),
                    reason,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators_are_read_only_when_unambiguous() {
        for (text, want) in [
            ("1,948", Some(1948.0)),
            ("12,345,678", Some(12_345_678.0)),
            ("-1,234.5", Some(-1234.5)),
            ("+1,000", Some(1000.0)),
        ] {
            assert_eq!(number(text), Ok(want), "{text}");
        }
        for bad in [
            "1,94", "1948,", ",948", "1,9480", "1.948,5", "12,5", "1,,948",
        ] {
            assert!(number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn excel_serials_are_the_dates_excel_shows() {
        // Excel: 45292 = 1 January 2024; 60 would be its phantom 29 February 1900, so
        // from serial 61 the count from 30 December 1899 is right.
        let d = |s: f64| {
            Timestamp::from_excel_serial(s)
                .unwrap()
                .local_date
                .to_string()
        };
        assert_eq!(d(45292.0), "2024-01-01");
        assert_eq!(d(61.0), "1900-03-01");
        assert_eq!(d(45657.99), "2024-12-31");
    }
}
