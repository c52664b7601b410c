//! Calendar periods (day, ISO week, month, quarter), with every period between the
//! first and last present, including those with nothing in them. Used by demand
//! analysis, by per-period aggregation and by comparisons around a change.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The period demand is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    #[default]
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters (January, April, July, October).
    Quarter,
}

impl Period {
    /// The first day of the period holding `d`.
    ///
    /// ```
    /// use measures_core::demand::Period;
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 5, 16).unwrap(); // a Thursday
    /// assert_eq!(Period::Week.start(d).to_string(), "2024-05-13");
    /// assert_eq!(Period::Month.start(d).to_string(), "2024-05-01");
    /// assert_eq!(Period::Quarter.start(d).to_string(), "2024-04-01");
    /// assert_eq!(Period::Quarter.next(Period::Quarter.start(d)).to_string(), "2024-07-01");
    /// ```
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => week_start(d),
            Period::Month => d.with_day(1).unwrap_or(d),
            Period::Quarter => {
                let month = 1 + 3 * ((d.month() - 1) / 3);
                NaiveDate::from_ymd_opt(d.year(), month, 1).unwrap_or(d)
            }
        }
    }

    /// The period's name in words ("day", "week", "month").
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }

    /// The first day of the next period; `NaiveDate::MAX` past the last date chrono
    /// can hold (so a loop over periods always ends).
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let next = match self {
            Period::Day => start.checked_add_signed(Duration::days(1)),
            Period::Week => start.checked_add_signed(Duration::days(7)),
            Period::Month | Period::Quarter => {
                let step = if self == Period::Month { 1 } else { 3 };
                let months = start.year() * 12 + start.month0() as i32 + step;
                NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
            }
        };
        next.unwrap_or(NaiveDate::MAX)
    }
}

/// Counts per period: every period from the first date to the last, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodCounts {
    /// The period length.
    pub period: Period,
    /// First day of each period.
    pub starts: Vec<NaiveDate>,
    /// Whether the data cover the whole period (the first and last may be partial).
    pub complete: Vec<bool>,
}

impl PeriodCounts {
    /// Periods covering `first` to `last`; a period is complete when the data span
    /// `first..=last` holds all of its days.
    pub fn spanning(period: Period, first: NaiveDate, last: NaiveDate) -> Self {
        let mut starts = Vec::new();
        let mut complete = Vec::new();
        let mut s = period.start(first);
        while s <= last {
            let next = period.next(s);
            starts.push(s);
            complete.push(s >= first && next.pred_opt().is_some_and(|end| end <= last));
            if next <= s {
                break; // the end of the calendar
            }
            s = next;
        }
        PeriodCounts {
            period,
            starts,
            complete,
        }
    }

    /// The index of the period holding `d`, if it is in range.
    pub fn index_of(&self, d: NaiveDate) -> Option<usize> {
        let s = self.period.start(d);
        self.starts.binary_search(&s).ok()
    }

    /// Period labels (their first day, YYYY-MM-DD).
    pub fn labels(&self) -> Vec<String> {
        self.starts.iter().map(|d| d.to_string()).collect()
    }

    /// Indices of incomplete periods, to leave out of limit calculations.
    pub fn incomplete(&self) -> Vec<usize> {
        (0..self.starts.len())
            .filter(|&i| !self.complete[i])
            .collect()
    }
}

/// The Monday that starts a date's ISO week.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_signed(Duration::days(d.weekday().num_days_from_monday() as i64))
        .unwrap_or(NaiveDate::MIN)
}
