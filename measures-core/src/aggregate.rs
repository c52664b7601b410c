//! From one row per event (a case, a call, an incident) to one point per period:
//! the count, sum, mean or median of each day, week, month or quarter, or the share
//! of rows with an attribute — what qicharts2 does with `x.period` and `agg.fun`,
//! so that analysts need not aggregate elsewhere first.
//!
//! Every period between the first and the last row is present: with no rows, a
//! count or sum is 0 and a mean or median is missing (a gap on the chart). The first
//! and last periods are marked incomplete when the rows do not cover them whole;
//! charts keep such periods out of the limits. Weeks start on Monday (ISO 8601).

use crate::error::{MeasuresError, Result};
use crate::periods::{Period, PeriodCounts};
use crate::stats::median_in_place;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the rows of a period become its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// The number of rows.
    #[default]
    Count,
    /// The sum of the values.
    Sum,
    /// The mean of the values (missing when the period has none).
    Mean,
    /// The median of the values (missing when the period has none).
    Median,
}

/// Points per period, ready to chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodSeries {
    /// The period length.
    pub period: Period,
    /// First day of each period (its label, as YYYY-MM-DD).
    pub starts: Vec<NaiveDate>,
    /// The point of each period: a count, sum, mean, median or numerator; NaN when a
    /// mean or median has no value to summarise.
    pub values: Vec<f64>,
    /// The rows counted in each period (the denominator of a share).
    pub rows: Vec<f64>,
    /// Whether the rows cover the whole period (the first and last may not).
    pub complete: Vec<bool>,
    /// What the reader should know (rows without a value, periods left out).
    pub notes: Vec<String>,
}

impl PeriodSeries {
    /// The periods' labels (their first days).
    pub fn labels(&self) -> Vec<String> {
        self.starts.iter().map(NaiveDate::to_string).collect()
    }

    /// Indices of the incomplete periods, to keep out of the limits.
    pub fn incomplete(&self) -> Vec<usize> {
        (0..self.complete.len())
            .filter(|&i| !self.complete[i])
            .collect()
    }
}

fn spans(dates: &[NaiveDate], period: Period) -> Result<PeriodCounts> {
    let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else {
        return Err(MeasuresError::Empty);
    };
    Ok(PeriodCounts::spanning(period, first, last))
}

/// One point per period from rows dated `dates`: the `how` of `values` (ignored for
/// a count; NaN marks a row without a value, left out and counted in a note).
///
/// ```
/// use measures_core::aggregate::{per_period, Aggregate};
/// use measures_core::demand::Period;
/// use chrono::NaiveDate;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let dates = [d("2024-01-01"), d("2024-01-03"), d("2024-01-16"), d("2024-01-21")];
/// let days = [4.0, 6.0, 10.0, f64::NAN];
/// let weekly = per_period(&dates, Some(&days), Period::Week, Aggregate::Mean)?;
/// assert_eq!(weekly.labels(), ["2024-01-01", "2024-01-08", "2024-01-15"]);
/// assert_eq!(weekly.values[0], 5.0);
/// assert!(weekly.values[1].is_nan()); // a week with no rows: a gap
/// assert_eq!(weekly.rows, [2.0, 0.0, 2.0]);
/// let counts = per_period(&dates, None, Period::Week, Aggregate::Count)?;
/// assert_eq!(counts.values, [2.0, 0.0, 2.0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn per_period(
    dates: &[NaiveDate],
    values: Option<&[f64]>,
    period: Period,
    how: Aggregate,
) -> Result<PeriodSeries> {
    if let Some(v) = values {
        MeasuresError::check_length("values", dates.len(), v.len())?;
        if let Some(index) = v.iter().position(|x| x.is_infinite()) {
            return Err(MeasuresError::NonFinite {
                index,
                value: v[index].to_string(),
            });
        }
    } else if how != Aggregate::Count {
        return Err(MeasuresError::InvalidOption {
            name: "aggregate",
            reason: format!("a {how:?} per period needs values; only a count does not")
                .to_lowercase(),
        });
    }
    let spans = spans(dates, period)?;
    let k = spans.starts.len();
    let mut rows = vec![0.0; k];
    let mut groups: Vec<Vec<f64>> = vec![Vec::new(); k];
    let mut without = 0usize;
    for (i, &d) in dates.iter().enumerate() {
        let Some(p) = spans.index_of(d) else { continue };
        rows[p] += 1.0;
        if let Some(v) = values {
            if v[i].is_nan() {
                without += 1;
            } else {
                groups[p].push(v[i]);
            }
        }
    }
    let values: Vec<f64> = groups
        .iter_mut()
        .zip(&rows)
        .map(|(g, &n)| match how {
            Aggregate::Count => n,
            Aggregate::Sum => g.iter().sum(),
            Aggregate::Mean if g.is_empty() => f64::NAN,
            Aggregate::Mean => g.iter().sum::<f64>() / g.len() as f64,
            Aggregate::Median => median_in_place(g),
        })
        .collect();
    let mut notes = Vec::new();
    if without > 0 && how != Aggregate::Count {
        notes.push(format!(
            "{without} row{} had no value and {} left out of the {}",
            if without == 1 { "" } else { "s" },
            if without == 1 { "was" } else { "were" },
            format!("{how:?}").to_lowercase()
        ));
    }
    Ok(PeriodSeries {
        period,
        starts: spans.starts,
        values,
        rows,
        complete: spans.complete,
        notes,
    })
}

/// The share of rows with an attribute per period: numerators (rows where `flags`
/// is `Some(true)`) over denominators (rows with a flag at all). Rows without a
/// flag are counted in a note; periods with no flagged-or-not row have no share and
/// are left out (also in a note), so the result can go straight onto a p chart.
///
/// ```
/// use measures_core::aggregate::shares_per_period;
/// use measures_core::demand::Period;
/// use chrono::NaiveDate;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let dates = [d("2024-01-01"), d("2024-01-02"), d("2024-01-02"), d("2024-01-04")];
/// let failure = [Some(true), Some(false), None, Some(true)];
/// let s = shares_per_period(&dates, &failure, Period::Day)?;
/// assert_eq!(s.labels(), ["2024-01-01", "2024-01-02", "2024-01-04"]); // 3 January had none
/// assert_eq!((s.values.clone(), s.rows.clone()), (vec![1.0, 0.0, 1.0], vec![1.0, 1.0, 1.0]));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn shares_per_period(
    dates: &[NaiveDate],
    flags: &[Option<bool>],
    period: Period,
) -> Result<PeriodSeries> {
    MeasuresError::check_length("flags", dates.len(), flags.len())?;
    let spans = spans(dates, period)?;
    let k = spans.starts.len();
    let (mut yes, mut all) = (vec![0.0; k], vec![0.0; k]);
    let mut unflagged = 0usize;
    for (&d, &flag) in dates.iter().zip(flags) {
        let Some(p) = spans.index_of(d) else { continue };
        match flag {
            Some(f) => {
                all[p] += 1.0;
                yes[p] += f64::from(u8::from(f));
            }
            None => unflagged += 1,
        }
    }
    let kept: Vec<usize> = (0..k).filter(|&p| all[p] > 0.0).collect();
    let mut notes = Vec::new();
    if unflagged > 0 {
        notes.push(format!(
            "{unflagged} row{} had no class and {} left out of the shares",
            if unflagged == 1 { "" } else { "s" },
            if unflagged == 1 { "was" } else { "were" }
        ));
    }
    if kept.len() < k {
        notes.push(format!(
            "{} of {k} periods had no classified rows and are not plotted",
            k - kept.len()
        ));
    }
    if kept.is_empty() {
        return Err(MeasuresError::InvalidOption {
            name: "class",
            reason: "no row has a class, so there is no share to chart".into(),
        });
    }
    Ok(PeriodSeries {
        period,
        starts: kept.iter().map(|&p| spans.starts[p]).collect(),
        values: kept.iter().map(|&p| yes[p]).collect(),
        rows: kept.iter().map(|&p| all[p]).collect(),
        complete: kept.iter().map(|&p| spans.complete[p]).collect(),
        notes,
    })
}
