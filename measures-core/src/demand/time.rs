//! Timestamps from case-management exports, in UK local time.
//!
//! Accepted forms: `2024-03-31`, `31/03/2024` (a date: local midnight),
//! `2024-03-31 09:15[:30]`, `2024-03-31T09:15[:30]`, `31/03/2024 09:15[:30]` (local
//! time in Europe/London), and any of the ISO forms with `Z` or `±HH:MM` (an explicit
//! offset). Europe/London is GMT in winter and BST (UTC+1) from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October (the rule in force since
//! 1996; Summer Time Order 2002). A local time in the hour skipped in March is read as
//! GMT (so 01:30 becomes 02:30 BST); one in the hour repeated in October is read as
//! its first (BST) occurrence.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// An instant, with the London local date it falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub utc_seconds: i64,
    /// The date in Europe/London.
    pub local_date: NaiveDate,
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or(NaiveDate::MAX);
    let last = next - Duration::days(1);
    let back = (last.weekday().num_days_from_sunday()) as i64;
    last - Duration::days(back)
}

fn utc_seconds(dt: NaiveDateTime) -> i64 {
    dt.and_utc().timestamp()
}

/// Whether a UTC instant falls in British Summer Time.
fn in_bst(utc: NaiveDateTime) -> bool {
    let (start, end) = bst_bounds(utc.year());
    utc >= start && utc < end
}

/// BST's start and end (UTC) in `year`: 01:00 on the last Sundays of March and
/// October. The last year asked for is kept per thread: a case log's times come a
/// year at a time, and working these out for every one of a million timestamps
/// was a tenth of reading the log.
fn bst_bounds(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    thread_local! {
        static LAST: std::cell::Cell<Option<(i32, NaiveDateTime, NaiveDateTime)>> =
            const { std::cell::Cell::new(None) };
    }
    LAST.with(|last| match last.get() {
        Some((y, start, end)) if y == year => (start, end),
        _ => {
            let one = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN);
            let start = last_sunday(year, 3).and_time(one);
            let end = last_sunday(year, 10).and_time(one);
            last.set(Some((year, start, end)));
            (start, end)
        }
    })
}

impl Timestamp {
    /// From a UTC date-time.
    pub fn from_utc(utc: NaiveDateTime) -> Self {
        let offset = if in_bst(utc) { 1 } else { 0 };
        Timestamp {
            utc_seconds: utc_seconds(utc),
            local_date: utc
                .checked_add_signed(Duration::hours(offset))
                .map_or(utc.date(), |t| t.date()),
        }
    }

    /// From a London local date-time.
    ///
    /// ```
    /// use measures_core::demand::time::Timestamp;
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let t = Timestamp::from_london(d);
    /// assert_eq!(t.utc_seconds % 86_400, 8 * 3600); // 09:00 BST is 08:00 UTC
    /// ```
    pub fn from_london(local: NaiveDateTime) -> Self {
        let as_bst = local
            .checked_sub_signed(Duration::hours(1))
            .unwrap_or(local);
        let utc = if in_bst(as_bst) { as_bst } else { local };
        Timestamp::from_utc(utc)
    }

    /// Parse one of the accepted forms; the error says what was expected.
    ///
    /// ```
    /// use measures_core::demand::time::Timestamp;
    /// let a = Timestamp::parse("2024-03-30 12:00")?; // GMT
    /// let b = Timestamp::parse("2024-03-31 12:00")?; // BST: clocks went forward at 01:00
    /// assert_eq!(b.utc_seconds - a.utc_seconds, 23 * 3600);
    /// assert_eq!(Timestamp::parse("31/03/2024")?.local_date.to_string(), "2024-03-31");
    /// assert!(Timestamp::parse("next tuesday").is_err());
    /// # Ok::<(), String>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let fail = || {
            format!(
                "cannot read {t:?} as a date or time (expected e.g. 2024-03-31, 31/03/2024, \
                 2024-03-31 09:15, or 2024-03-31T09:15:00+01:00)"
            )
        };
        // An explicit offset: Z, +HH:MM or -HH:MM after a time.
        if t.len() > 10 {
            let (body, offset) = if let Some(b) = t.strip_suffix('Z') {
                (b, Some(0))
            } else if t.len() > 16
                && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-')
                && t.as_bytes()[t.len() - 3] == b':'
            {
                let (b, o) = t.split_at(t.len() - 6);
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let hours: i64 = o[1..3].parse().map_err(|_| fail())?;
                let minutes: i64 = o[4..6].parse().map_err(|_| fail())?;
                (b, Some(sign * (hours * 3600 + minutes * 60)))
            } else {
                (t, None)
            };
            if let Some(offset) = offset {
                four_digit_year(body)?;
                let local = parse_date_time(body).ok_or_else(fail)?;
                let utc = local
                    .checked_sub_signed(Duration::seconds(offset))
                    .ok_or_else(fail)?;
                return Ok(Timestamp::from_utc(utc));
            }
        }
        four_digit_year(t)?;
        if let Some(dt) = parse_date_time(t) {
            return Ok(Timestamp::from_london(dt));
        }
        let date = parse_date(t).ok_or_else(fail)?;
        Ok(Timestamp::from_london(date.and_time(NaiveTime::MIN)))
    }

    /// A spreadsheet's serial date-time (Excel's 1900 date system, as an export
    /// saved from a workbook writes dates): whole days since 30 December 1899 (which
    /// absorbs Excel's phantom 29 February 1900 for every date from March 1900), the
    /// fraction the time of day, read as London local time.
    ///
    /// ```
    /// use measures_core::demand::time::Timestamp;
    /// let t = Timestamp::from_excel_serial(45292.375).unwrap();
    /// assert_eq!(t, Timestamp::parse("2024-01-01 09:00").unwrap());
    /// assert!(Timestamp::from_excel_serial(-3.0).is_err());
    /// ```
    pub fn from_excel_serial(serial: f64) -> Result<Self, String> {
        // Serial 1 is 1900-01-01 and 2,958,465 is 9999-12-31, the range Excel holds.
        if !(serial.is_finite() && (1.0..2_958_466.0).contains(&serial)) {
            return Err(format!(
                "{serial} is not a spreadsheet date (serial numbers run from 1, 1 January 1900)"
            ));
        }
        let days = serial.floor();
        let seconds = ((serial - days) * 86_400.0).round() as i64;
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_signed(Duration::days(days as i64)))
            .ok_or_else(|| format!("{serial} is not a spreadsheet date"))?;
        let local = epoch.and_time(NaiveTime::MIN) + Duration::seconds(seconds);
        Ok(Timestamp::from_london(local))
    }

    /// Hours from `self` to `later` (negative if it is earlier).
    pub fn hours_until(&self, later: &Timestamp) -> f64 {
        (later.utc_seconds - self.utc_seconds) as f64 / 3600.0
    }
}

/// Refuse a date whose year is not written with four digits: `31/03/24` would
/// otherwise be read as the year 24, and `+262142-12-31` (chrono's extended years)
/// as a date no case log holds.
fn four_digit_year(t: &str) -> Result<(), String> {
    let date = t.split([' ', 'T']).next().unwrap_or(t);
    let signed = date.starts_with(['+', '-']);
    let date = date.trim_start_matches(['+', '-']);
    let year = if date.contains('/') {
        date.rsplit('/').next().unwrap_or("")
    } else {
        date.split('-').next().unwrap_or("")
    };
    if !signed && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    // Not a date at all: let the reader say what it expected.
    if !year.bytes().any(|b| b.is_ascii_digit()) || !(date.contains('/') || date.contains('-')) {
        return Ok(());
    }
    Err(format!(
        "the year in {t:?} is not written with four digits: write it in full (e.g. 31/03/2024 or 2024-03-31); \
         a two-digit year is ambiguous"
    ))
}

/// The shapes nearly every export writes, read digit by digit: `YYYY-MM-DD` or
/// `DD/MM/YYYY`, then optionally ` ` or `T` and `HH:MM` or `HH:MM:SS`. Anything else
/// (`None`) goes to chrono's readers, which agree with this one on these shapes
/// (checked by a property test); a million-case log spent most of its reading time
/// in chrono's format parser.
fn read_common(t: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    use crate::labels::{digits, iso_date};
    let b = t.as_bytes();
    let date = match b.get(..10)? {
        [_, _, b'/', _, _, b'/', _, _, _, _] => NaiveDate::from_ymd_opt(
            digits(&b[6..10])? as i32,
            digits(&b[3..5])?,
            digits(&b[0..2])?,
        )?,
        head => iso_date(head)?,
    };
    let time = match &b[10..] {
        [] => None,
        [b' ' | b'T', _, _, b':', _, _] => Some(NaiveTime::from_hms_opt(
            digits(&b[11..13])?,
            digits(&b[14..16])?,
            0,
        )?),
        [b' ' | b'T', _, _, b':', _, _, b':', _, _] => Some(NaiveTime::from_hms_opt(
            digits(&b[11..13])?,
            digits(&b[14..16])?,
            digits(&b[17..19])?,
        )?),
        _ => return None,
    };
    Some((date, time))
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    if let Some((date, None)) = read_common(t) {
        return Some(date);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

fn parse_date_time(t: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 6] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ];
    // Fractional seconds are dropped: end-to-end times are not measured in them.
    let t = t.split('.').next().unwrap_or(t);
    if let Some((date, time)) = read_common(t) {
        // A date alone is not a date-time (the caller reads it as midnight).
        return time.map(|time| date.and_time(time));
    }
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

pub use crate::periods::week_start;

/// Whether a date is a Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The digit-by-digit reader agrees with chrono's formats on every string of
        /// the shapes it reads (valid dates or not), and leaves the rest to them.
        #[test]
        fn the_common_shapes_read_as_chrono_reads_them(
            t in "([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?"
        ) {
            let chrono_date_time = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%YT%H:%M:%S", "%d/%m/%YT%H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok());
            let chrono_date = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&t, "%d/%m/%Y"))
                .ok();
            let ours = read_common(&t);
            proptest::prop_assert_eq!(ours.and_then(|(d, time)| time.map(|time| d.and_time(time))), chrono_date_time);
            proptest::prop_assert_eq!(ours.and_then(|(d, time)| time.is_none().then_some(d)), chrono_date);
        }
    }

    /// BST 2024 began at 01:00 UTC on Sunday 31 March and ended at 01:00 UTC on
    /// Sunday 27 October (GOV.UK, "When do the clocks change?").
    #[test]
    fn clock_changes_2024() {
        let p = |s| Timestamp::parse(s).unwrap();
        assert_eq!(
            p("2024-03-31 00:30").utc_seconds,
            p("2024-03-31T00:30:00Z").utc_seconds
        );
        assert_eq!(
            p("2024-03-31 02:30").utc_seconds,
            p("2024-03-31T01:30:00Z").utc_seconds
        );
        // The skipped hour is read as GMT.
        assert_eq!(
            p("2024-03-31 01:30").utc_seconds,
            p("2024-03-31T01:30:00Z").utc_seconds
        );
        // The repeated hour is its first, BST, occurrence.
        assert_eq!(
            p("2024-10-27 01:30").utc_seconds,
            p("2024-10-27T00:30:00Z").utc_seconds
        );
        assert_eq!(
            p("2024-10-27 02:30").utc_seconds,
            p("2024-10-27T02:30:00Z").utc_seconds
        );
        // 23:30 UTC on 30 June is 00:30 BST on 1 July: the local date is 1 July.
        assert_eq!(
            p("2024-06-30T23:30:00Z").local_date.to_string(),
            "2024-07-01"
        );
        assert_eq!(p("2024-06-30T23:30:00+00:00"), p("2024-07-01 00:30"));
        assert_eq!(p("01/07/2024 00:30"), p("2024-07-01 00:30"));
        assert_eq!(p("2024-07-01T00:30:00.250"), p("2024-07-01 00:30"));
    }

    /// Issue 18: extreme dates once panicked (overflowing date arithmetic) and
    /// two-digit years were read as the year 24.
    #[test]
    fn extreme_dates_and_short_years_are_refused_not_panicked_on() {
        for bad in [
            "-262143-01-01",
            "+262142-12-31T23:00:00-12:00",
            "+262142-12-31",
            "31/03/24",
            "31/03/24 09:15",
            "24-03-31",
            "12345-01-01",
        ] {
            let e = Timestamp::parse(bad).unwrap_err();
            assert!(
                e.contains("four digits") || e.contains("expected e.g."),
                "{bad}: {e}"
            );
        }
        assert!(Timestamp::parse("31/03/24")
            .unwrap_err()
            .contains("two-digit"));
        assert!(Timestamp::parse("9999-12-31T23:59:59-12:00").is_ok());
        assert!(Timestamp::parse("1000-01-01T00:00:00+14:00").is_ok());
    }

    #[test]
    fn bad_text_is_refused_with_the_forms_expected() {
        for bad in [
            "",
            "2024-13-01",
            "31/02/2024",
            "yesterday",
            "2024-01-01 25:00",
        ] {
            let e = Timestamp::parse(bad).unwrap_err();
            assert!(e.contains("expected e.g."), "{e}");
        }
    }
}
