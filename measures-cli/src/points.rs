//! The points of a chart command, from the file as exported: one row per point
//! (values, optional denominators and labels), or one row per event turned into one
//! point per period (`--date`). Dates in labels are read in every form the reader
//! knows and written ISO; rows out of date order are sorted with a note.

use crate::error::CliError;
use crate::input::{in_file, read, ReadOptions, Table, Want};
use chrono::NaiveDate;
use measures_core::aggregate::{per_period, shares_per_period, Aggregate, PeriodSeries};
use measures_core::cells;
use measures_core::demand::Period;
use measures_core::MeasuresError;
use std::path::Path;

/// What a chart is built from.
pub struct Points {
    pub path: String,
    /// Values, or numerators.
    pub values: Vec<f64>,
    /// Denominators, for ratio charts.
    pub denominators: Option<Vec<f64>>,
    /// Labels; ISO dates when every label is a date.
    pub labels: Option<Vec<String>>,
    /// The labels' dates, when every label is a date.
    pub dates: Option<Vec<NaiveDate>>,
    /// The column the labels came from (for messages).
    pub label_column: Option<String>,
    /// The CSV line of each point (for errors); empty for points made of periods.
    pub lines: Vec<u64>,
    /// Whether each point is a period made from events (options name periods by date).
    pub periods: Option<Period>,
    /// Points to keep out of the limits: incomplete first and last periods.
    pub exclude: Vec<usize>,
    /// What the reader should know about how the file was read.
    pub notes: Vec<String>,
}

/// How to read one row per point.
pub struct PerRow<'a> {
    pub value: &'a str,
    pub denominator: Option<&'a str>,
    pub label: Option<&'a str>,
}

/// How to make one point per period from one row per event.
pub struct PerPeriod<'a> {
    pub date: &'a str,
    pub period: Period,
    pub make: Make<'a>,
}

/// What a period's point is.
pub enum Make<'a> {
    /// A count, sum, mean or median of a column (no column for a count).
    Aggregate(Aggregate, Option<&'a str>),
    /// The share of rows whose `column` equals `value` (p and np charts).
    Share { column: &'a str, value: &'a str },
    /// A sum of numerators over a sum of denominators (u charts).
    Rate {
        numerator: Option<&'a str>,
        denominator: &'a str,
    },
}

impl Points {
    /// One row per point.
    pub fn per_row(
        path: &Path,
        how: &PerRow<'_>,
        options: ReadOptions,
    ) -> Result<Points, CliError> {
        let mut wanted = vec![Want::required(how.value)];
        wanted.extend(how.denominator.map(Want::required));
        let label_at = wanted.len();
        wanted.extend(how.label.map(Want::required));
        let (path, mut table) = read(path, &wanted, options)?;
        let mut notes = table.notes();
        // Labels that are all dates are written ISO, and the rows put in date order.
        let mut dates = None;
        if how.label.is_some() {
            let labels = table.cells(label_at);
            // Labels written as dates are read as dates: one that does not read (a
            // two-digit year, 31 February, a year outside 1900-2100) is an error
            // naming its line, never a text label.
            if labels.iter().all(cells::date_like) {
                let parsed = labels
                    .iter()
                    .enumerate()
                    .map(|(row, text)| label_date(&table, label_at, row, text))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(in_file(&path))?;
                let mut order: Vec<usize> = (0..parsed.len()).collect();
                order.sort_by_key(|&i| parsed[i]);
                if order.windows(2).any(|w| w[0] > w[1]) {
                    let newest_first = order.iter().rev().copied().eq(0..parsed.len());
                    notes.push(if newest_first {
                        "the rows were newest first: they are read oldest first".to_string()
                    } else {
                        "the rows were not in date order: they are read in date order".to_string()
                    });
                    table.reorder(&order);
                }
                dates = Some(order.iter().map(|&i| parsed[i]).collect::<Vec<_>>());
            }
        }
        let values = table.numbers(0).map_err(in_file(&path))?;
        let denominators = how
            .denominator
            .map(|_| table.numbers(1))
            .transpose()
            .map_err(in_file(&path))?;
        let labels = how.label.map(|_| match &dates {
            // ISO dates when each is a whole day, else the text as given.
            Some(d) => {
                let texts = table.cells(label_at);
                texts
                    .iter()
                    .zip(d)
                    .map(|(t, d)| {
                        if has_time(t) {
                            t.to_string()
                        } else {
                            d.to_string()
                        }
                    })
                    .collect()
            }
            None => table.cells(label_at).to_strings(),
        });
        Ok(Points {
            path,
            values,
            denominators,
            labels,
            dates,
            label_column: how.label.map(|_| table.header(label_at).to_string()),
            lines: table.lines.clone(),
            periods: None,
            exclude: Vec::new(),
            notes,
        })
    }

    /// One point per period from one row per event.
    pub fn per_period(
        path: &Path,
        how: &PerPeriod<'_>,
        options: ReadOptions,
    ) -> Result<Points, CliError> {
        let mut wanted = vec![Want::required(how.date)];
        match &how.make {
            Make::Aggregate(_, Some(c)) => wanted.push(Want::required(c)),
            Make::Aggregate(_, None) => {}
            Make::Share { column, .. } => wanted.push(Want::required(column)),
            Make::Rate {
                numerator,
                denominator,
            } => {
                wanted.push(Want::required(denominator));
                wanted.extend(numerator.map(Want::required));
            }
        }
        let (path, table) = read(path, &wanted, options)?;
        let file = in_file(&path);
        let dates = event_dates(&table, 0).map_err(&file)?;
        let mut series: PeriodSeries;
        let mut denominators = None;
        match &how.make {
            Make::Aggregate(a, column) => {
                let values = column
                    .map(|_| table.numbers(1))
                    .transpose()
                    .map_err(&file)?;
                series = per_period(&dates, values.as_deref(), how.period, *a).map_err(&file)?;
            }
            Make::Share { value, .. } => {
                let flags: Vec<Option<bool>> = table
                    .cells(1)
                    .iter()
                    .map(|c| {
                        (!cells::is_missing(c)).then(|| c.trim().eq_ignore_ascii_case(value.trim()))
                    })
                    .collect();
                series = shares_per_period(&dates, &flags, how.period).map_err(&file)?;
                denominators = Some(std::mem::take(&mut series.rows));
            }
            Make::Rate { numerator, .. } => {
                let exposure = table.numbers(1).map_err(&file)?;
                let events = match numerator {
                    Some(_) => Some(table.numbers(2).map_err(&file)?),
                    None => None,
                };
                let how_events = if events.is_some() {
                    Aggregate::Sum
                } else {
                    Aggregate::Count
                };
                series =
                    per_period(&dates, events.as_deref(), how.period, how_events).map_err(&file)?;
                let exposure = per_period(&dates, Some(&exposure), how.period, Aggregate::Sum)
                    .map_err(&file)?;
                denominators = Some(exposure.values);
            }
        }
        let mut notes = table.notes();
        notes.append(&mut series.notes);
        let exclude = series.incomplete();
        if !exclude.is_empty() {
            notes.push(format!(
                "{} incomplete {} (the first or last, which the rows do not cover whole) {} plotted but kept out of the limits",
                exclude.len(),
                if exclude.len() == 1 { how.period.name().to_string() } else { format!("{}s", how.period.name()) },
                if exclude.len() == 1 { "is" } else { "are" }
            ));
        }
        Ok(Points {
            path: path.clone(),
            labels: Some(series.labels()),
            dates: Some(series.starts.clone()),
            values: series.values,
            denominators,
            label_column: Some(table.header(0).to_string()),
            lines: Vec::new(),
            periods: Some(how.period),
            exclude,
            notes,
        })
    }

    /// The position of a point named on the command line (`--phase-at`, `--exclude`,
    /// `--baseline-until`): by date when the points are dated (in any form the file
    /// may use; for periods made from events, the period holding the date, or for a
    /// phase the first period starting on or after it), by label, or by row number.
    pub fn point(&self, option: &'static str, name: &str) -> Result<usize, CliError> {
        let unknown = |what| CliError::UnknownPoint {
            path: self.path.clone(),
            option,
            label: name.to_string(),
            what,
        };
        if let (Some(dates), Some(day)) = (&self.dates, cells::date(name)) {
            return match self.periods {
                Some(_) if option == "--phase-at" => {
                    let i = dates.partition_point(|d| *d < day);
                    (i < dates.len())
                        .then_some(i)
                        .ok_or(unknown("period on or after that date"))
                }
                Some(period) => {
                    let start = period.start(day);
                    dates
                        .iter()
                        .position(|d| *d == start)
                        .ok_or(unknown("period holding that date"))
                }
                None => dates.iter().position(|d| *d == day).ok_or(unknown("date")),
            };
        }
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
}

/// The date of a label written as one, or an error naming its line.
fn label_date(table: &Table, k: usize, row: usize, text: &str) -> Result<NaiveDate, MeasuresError> {
    let t = measures_core::demand::time::Timestamp::parse(text)
        .map_err(|reason| table.bad_cell(row, k, text, reason))?;
    plausible(table, k, row, text, t.local_date)
}

/// A date within the years a file is read in, or an error naming its line.
fn plausible(
    table: &Table,
    k: usize,
    row: usize,
    text: &str,
    day: NaiveDate,
) -> Result<NaiveDate, MeasuresError> {
    let year = chrono::Datelike::year(&day);
    let (first, last) = measures_core::demand::PLAUSIBLE_YEARS;
    if year < first || year > last {
        return Err(table.bad_cell(
            row,
            k,
            text,
            format!("the year {year} is outside {first} to {last} (a mistyped year?)"),
        ));
    }
    Ok(day)
}

fn has_time(text: &str) -> bool {
    let t = text.trim();
    t.len() > 10 && t[10..].trim_start_matches(['T', ' ']).contains(':')
}

/// The dates of an event column: text dates in any accepted form, or spreadsheet
/// serials; a missing or unreadable one is an error naming its line.
fn event_dates(table: &Table, k: usize) -> Result<Vec<NaiveDate>, MeasuresError> {
    let column = table.cells(k);
    let serial = cells::holds_serial_dates(column);
    column
        .iter()
        .enumerate()
        .map(|(row, text)| {
            if cells::is_missing(text) {
                return Err(table.bad_cell(
                    row,
                    k,
                    text,
                    "the date is missing: every event needs one".into(),
                ));
            }
            let t = cells::timestamp(text, serial)
                .map_err(|reason| table.bad_cell(row, k, text, reason))?;
            plausible(table, k, row, text, t.local_date)
        })
        .collect()
}
