//! UK bank holidays and working days.
//!
//! Each nation has its own list (GOV.UK, "UK bank holidays", <https://www.gov.uk/bank-holidays>;
//! the Banking and Financial Dealings Act 1971 and its royal proclamations). The lists
//! are generated here from their rules, with the one-off changes proclaimed in the
//! years covered, and checked against GOV.UK's published dates in the tests:
//!
//! - England and Wales: New Year's Day, Good Friday, Easter Monday, early May (first
//!   Monday), spring (last Monday of May), summer (last Monday of August), Christmas
//!   Day, Boxing Day.
//! - Scotland: New Year's Day and 2 January, Good Friday, early May, spring, summer
//!   (first Monday of August), St Andrew's Day (30 November), Christmas, Boxing Day.
//! - Northern Ireland: England and Wales's list, plus St Patrick's Day (17 March) and
//!   the Battle of the Boyne (12 July).
//! - One-offs: 2020 early May moved to Friday 8 May (VE Day); 2022 spring moved to
//!   Thursday 2 June, plus Friday 3 June (Platinum Jubilee) and Monday 19 September
//!   (the Queen's state funeral); Monday 8 May 2023 (the Coronation).
//!
//! A holiday on a weekend, or on a day another holiday already took, moves to the
//! next weekday free ("substitute day"). Covered: 2015 to 2030.

use super::time::is_weekend;
use crate::error::{MeasuresError, Result};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// First and last years the built-in calendars cover.
pub const COVERED_YEARS: (i32, i32) = (2015, 2030);

/// Which nation's bank holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    /// England and Wales.
    EnglandAndWales,
    /// Scotland.
    Scotland,
    /// Northern Ireland.
    NorthernIreland,
}

impl Nation {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "england-and-wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // Only called with valid calendar dates built from the rules below.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    let first = date(year, month, 1);
    let ahead = (7 - first.weekday().num_days_from_monday()) % 7;
    first + Duration::days(ahead as i64)
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    let last = next - Duration::days(1);
    last - Duration::days(last.weekday().num_days_from_monday() as i64)
}

/// One nation's bank holidays for one year, in date order, each with its name.
///
/// ```
/// use measures_core::demand::calendar::{bank_holidays, Nation};
/// use chrono::NaiveDate;
/// let days = bank_holidays(Nation::Scotland, 2023);
/// assert!(days.iter().any(|(d, name)| *d == NaiveDate::from_ymd_opt(2023, 11, 30).unwrap() && name.contains("St Andrew")));
/// ```
pub fn bank_holidays(nation: Nation, year: i32) -> Vec<(NaiveDate, String)> {
    let easter = easter_sunday(year);
    let mut fixed: Vec<(NaiveDate, &str, bool)> = Vec::new(); // (date, name, substitutable)
    fixed.push((date(year, 1, 1), "New Year's Day", true));
    if nation == Nation::Scotland {
        fixed.push((date(year, 1, 2), "2nd January", true));
    }
    if nation == Nation::NorthernIreland {
        fixed.push((date(year, 3, 17), "St Patrick's Day", true));
    }
    fixed.push((easter - Duration::days(2), "Good Friday", false));
    if nation != Nation::Scotland {
        fixed.push((easter + Duration::days(1), "Easter Monday", false));
    }
    let early_may = if year == 2020 {
        date(2020, 5, 8) // VE Day
    } else {
        first_monday(year, 5)
    };
    fixed.push((early_may, "Early May bank holiday", false));
    let spring = if year == 2022 {
        date(2022, 6, 2) // moved for the Platinum Jubilee
    } else {
        last_monday(year, 5)
    };
    fixed.push((spring, "Spring bank holiday", false));
    if nation == Nation::NorthernIreland {
        fixed.push((
            date(year, 7, 12),
            "Battle of the Boyne (Orangemen's Day)",
            true,
        ));
    }
    let summer = if nation == Nation::Scotland {
        first_monday(year, 8)
    } else {
        last_monday(year, 8)
    };
    fixed.push((summer, "Summer bank holiday", false));
    if nation == Nation::Scotland {
        fixed.push((date(year, 11, 30), "St Andrew's Day", true));
    }
    fixed.push((date(year, 12, 25), "Christmas Day", true));
    fixed.push((date(year, 12, 26), "Boxing Day", true));
    match year {
        2022 => {
            fixed.push((date(2022, 6, 3), "Platinum Jubilee bank holiday", false));
            fixed.push((
                date(2022, 9, 19),
                "Bank Holiday for the State Funeral of Queen Elizabeth II",
                false,
            ));
        }
        2023 => fixed.push((
            date(2023, 5, 8),
            "Bank holiday for the coronation of King Charles III",
            false,
        )),
        _ => {}
    }
    fixed.sort_by_key(|(d, _, _)| *d);
    let mut taken: Vec<NaiveDate> = Vec::new();
    let mut out = Vec::new();
    for (day, name, substitutable) in fixed {
        let mut actual = day;
        if substitutable {
            while is_weekend(actual) || taken.contains(&actual) {
                actual += Duration::days(1);
            }
        }
        let label = if actual == day {
            name.to_string()
        } else {
            format!("{name} (substitute day)")
        };
        taken.push(actual);
        out.push((actual, label));
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

/// Working days: Monday to Friday, less a nation's bank holidays and any extra
/// closure days, with O(1) counting between any two covered dates.
///
/// ```
/// use measures_core::demand::calendar::{Nation, WorkingCalendar};
/// use chrono::NaiveDate;
/// let cal = WorkingCalendar::new(Some(Nation::EnglandAndWales), &[])?;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Thursday 17 April 2025 to Tuesday 22 April 2025: Good Friday and Easter Monday
/// // are holidays, so only Tuesday counts.
/// assert_eq!(cal.working_days_between(d(2025, 4, 17), d(2025, 4, 22))?, 1);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    nation: Option<Nation>,
    start: NaiveDate,
    /// cumulative[i] = working days in [start, start + i).
    cumulative: Vec<u32>,
}

impl WorkingCalendar {
    /// A calendar for a nation (or weekends only with `None`), plus extra closure
    /// days (e.g. a council's Christmas shutdown).
    pub fn new(nation: Option<Nation>, closures: &[NaiveDate]) -> Result<Self> {
        let (first, last) = COVERED_YEARS;
        let start = date(first, 1, 1);
        let end = date(last + 1, 1, 1);
        let days = (end - start).num_days() as usize;
        let mut closed = vec![false; days];
        for (i, c) in closed.iter_mut().enumerate() {
            *c = is_weekend(start + Duration::days(i as i64));
        }
        if let Some(nation) = nation {
            for year in first..=last {
                for (d, _) in bank_holidays(nation, year) {
                    if let Some(slot) = closed.get_mut((d - start).num_days() as usize) {
                        *slot = true;
                    }
                }
            }
        }
        for (index, &c) in closures.iter().enumerate() {
            if c < start || c >= end {
                return Err(MeasuresError::InvalidOption {
                    name: "closure day",
                    reason: format!(
                        "closure day {index} ({c}) is outside the calendar's years {first} to {last}"
                    ),
                });
            }
            closed[(c - start).num_days() as usize] = true;
        }
        let mut cumulative = Vec::with_capacity(days + 1);
        let mut count = 0u32;
        cumulative.push(0);
        for c in closed {
            count += u32::from(!c);
            cumulative.push(count);
        }
        Ok(WorkingCalendar {
            nation,
            start,
            cumulative,
        })
    }

    /// The nation whose bank holidays are closed, if any.
    pub fn nation(&self) -> Option<Nation> {
        self.nation
    }

    fn offset(&self, d: NaiveDate) -> Result<usize> {
        let i = (d - self.start).num_days();
        if i < 0 || i as usize >= self.cumulative.len() - 1 {
            return Err(MeasuresError::InvalidOption {
                name: "working-day calendar",
                reason: format!(
                    "{d} is outside the years {} to {} the bank-holiday calendars cover",
                    COVERED_YEARS.0, COVERED_YEARS.1
                ),
            });
        }
        Ok(i as usize)
    }

    /// Whether a date is a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        let i = self.offset(d)?;
        Ok(self.cumulative[i + 1] > self.cumulative[i])
    }

    /// Working days elapsed from `from` to `to`: the working days after `from` up to
    /// and including `to`. Done the same day is 0; received on Friday and done on
    /// Monday is 1. Negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64> {
        let (a, b) = (self.offset(from)?, self.offset(to)?);
        Ok(i64::from(self.cumulative[b + 1]) - i64::from(self.cumulative[a + 1]))
    }
}
