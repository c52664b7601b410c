//! The input every chart shares: values in time order, optional labels (usually
//! dates) and optional denominators or subgroup sizes.

use crate::blocks;
use crate::error::{MeasuresError, Result};
use crate::labels::LabelSlice;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A validated series, borrowed from the caller so large inputs are not copied.
///
/// Construction checks that no value is infinite, that labels and denominators
/// line up with the values, that labels are unique, and that labels which all read
/// as ISO dates (`YYYY-MM-DD`, optionally followed by a time) are in time order.
///
/// **NaN marks a missing value.** The individuals charts (XmR, run, t, g,
/// transformed XmR) keep the point as a gap — plotted as a break, left out of the
/// centre and limits, its moving ranges dropped, skipped by the rules without
/// breaking a run, as NHSRplotthedots and qicharts2 do — and say how many there
/// were; charts that need every value (counts, denominators, subgroups, CUSUM and
/// EWMA) refuse it with [`MeasuresError::Missing`] naming the point.
///
/// ```
/// use measures_core::Series;
/// let values = [3.0, 4.0, 5.0];
/// let labels = vec!["2024-01-01".to_string(), "2024-02-01".into(), "2024-03-01".into()];
/// let s = Series::new(&values)?.with_labels(&labels)?;
/// assert_eq!(s.position("2024-02-01")?, 1);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    values: &'a [f64],
    labels: Option<LabelSlice<'a>>,
    denominators: Option<&'a [f64]>,
    /// Some value is missing (NaN).
    has_gaps: bool,
}

impl<'a> Series<'a> {
    /// A series of values in time order (NaN for a missing one). Errors on an empty
    /// slice, an infinite value, or no value present at all.
    pub fn new(values: &'a [f64]) -> Result<Self> {
        if values.is_empty() {
            return Err(MeasuresError::Empty);
        }
        // One reading finds anything that is not finite; only then is the rest
        // searched for an infinity (an error) among the missing values.
        let has_gaps = match blocks::first_where(values, |v| !v.is_finite()) {
            None => false,
            Some(first) => {
                check_not_infinite(&values[first..]).map_err(|e| match e {
                    MeasuresError::NonFinite { index, value } => MeasuresError::NonFinite {
                        index: index + first,
                        value,
                    },
                    other => other,
                })?;
                if values.iter().all(|v| v.is_nan()) {
                    return Err(MeasuresError::TooFewPoints {
                        what: "a chart (every value is missing)",
                        phase: 0,
                        needed: 1,
                        got: 0,
                    });
                }
                true
            }
        };
        Ok(Series {
            values,
            labels: None,
            denominators: None,
            has_gaps,
        })
    }

    /// Attach one label per value. Labels must be unique; if every label reads as a
    /// date they must be in strictly increasing order.
    pub fn with_labels(self, labels: &'a [String]) -> Result<Self> {
        self.with_label_slice(LabelSlice::Text(labels))
    }

    /// Attach dates as labels, as days since 1970-01-01 (numpy's `datetime64[D]`,
    /// Arrow's `date32`): strictly increasing, in years 1–9999. The chart keeps the
    /// numbers and writes `YYYY-MM-DD` only where a label is read.
    ///
    /// ```
    /// use measures_core::Series;
    /// let s = Series::new(&[3.0, 4.0])?.with_days(&[19_723, 19_724])?;
    /// assert_eq!(s.position("2024-01-02")?, 1);
    /// assert!(Series::new(&[3.0, 4.0])?.with_days(&[19_724, 19_723]).is_err());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn with_days(self, days: &'a [i64]) -> Result<Self> {
        self.with_label_slice(LabelSlice::Days(days))
    }

    /// Attach times as labels, as seconds since 1970-01-01T00:00:00 (numpy's
    /// `datetime64[s]`): strictly increasing, in years 1–9999; written
    /// `YYYY-MM-DDTHH:MM:SS` where read.
    pub fn with_seconds(self, seconds: &'a [i64]) -> Result<Self> {
        self.with_label_slice(LabelSlice::Seconds(seconds))
    }

    /// Attach labels of any kind (checked as [`Series::with_labels`],
    /// [`Series::with_days`] or [`Series::with_seconds`] check them).
    pub fn with_label_slice(mut self, labels: LabelSlice<'a>) -> Result<Self> {
        MeasuresError::check_length("labels", self.values.len(), labels.len())?;
        match labels {
            LabelSlice::Text(text) => check_labels(text)?,
            _ => crate::labels::check_numbered(labels)?,
        }
        self.labels = Some(labels);
        Ok(self)
    }

    /// Attach one denominator (or subgroup size) per value. Values are checked for
    /// being finite here; each chart type checks the range it needs.
    pub fn with_denominators(mut self, denominators: &'a [f64]) -> Result<Self> {
        MeasuresError::check_length("denominators", self.values.len(), denominators.len())?;
        if let Some(index) = denominators.iter().position(|d| d.is_nan()) {
            return Err(MeasuresError::Missing {
                what: "denominator",
                index,
                needed: "every point needs its denominator".into(),
            });
        }
        check_not_infinite(denominators)?;
        self.denominators = Some(denominators);
        Ok(self)
    }

    /// Number of missing values (NaN): the gaps of an individuals chart.
    pub fn gaps(&self) -> usize {
        if self.has_gaps {
            self.values.iter().filter(|v| v.is_nan()).count()
        } else {
            0
        }
    }

    /// Whether any value is missing (known without reading the values again).
    pub fn has_gaps(&self) -> bool {
        self.has_gaps
    }

    /// Refuse a missing value, naming it: for charts that need every value.
    ///
    /// ```
    /// use measures_core::Series;
    /// let s = Series::new(&[1.0, f64::NAN, 3.0])?;
    /// assert_eq!(s.gaps(), 1);
    /// assert!(s.require_every("count", "a c chart needs every count").is_err());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn require_every(&self, what: &'static str, needed: &str) -> Result<()> {
        if !self.has_gaps {
            return Ok(());
        }
        match self.values.iter().position(|v| v.is_nan()) {
            None => Ok(()),
            Some(index) => Err(MeasuresError::Missing {
                what,
                index,
                needed: needed.to_string(),
            }),
        }
    }

    /// The values.
    pub fn values(&self) -> &'a [f64] {
        self.values
    }

    /// The labels, if any.
    pub fn labels(&self) -> Option<LabelSlice<'a>> {
        self.labels
    }

    /// The denominators, if any.
    pub fn denominators(&self) -> Option<&'a [f64]> {
        self.denominators
    }

    /// Number of points (never zero).
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Always false: a series cannot be empty. Present for API symmetry.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Position of the point with this label.
    pub fn position(&self, label: &str) -> Result<usize> {
        self.labels
            .and_then(|ls| ls.position(label))
            .ok_or_else(|| MeasuresError::UnknownLabel {
                what: "label",
                label: label.to_string(),
            })
    }
}

fn check_not_infinite(values: &[f64]) -> Result<()> {
    match blocks::first_where(values, f64::is_infinite) {
        None => Ok(()),
        Some(index) => Err(MeasuresError::NonFinite {
            index,
            value: values[index].to_string(),
        }),
    }
}

fn check_labels(labels: &[String]) -> Result<()> {
    // Only when every label is a date do we hold them to time order: text labels
    // ("Q1", "week 3") carry no order we can check. Dates strictly in order are
    // distinct labels too, so the common case (one point per day, week or month)
    // needs no table of the labels seen.
    let dates: Option<Vec<NaiveDate>> = labels.iter().map(|l| parse_date(l)).collect();
    if let Some(dates) = &dates {
        if dates.windows(2).all(|w| w[0] < w[1]) {
            return Ok(());
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(labels.len());
    for (index, label) in labels.iter().enumerate() {
        if let Some(&first) = seen.get(label.as_str()) {
            return Err(MeasuresError::DuplicateLabel {
                index,
                first,
                label: label.clone(),
            });
        }
        seen.insert(label, index);
    }
    if let Some(dates) = dates {
        for i in 1..dates.len() {
            if dates[i] < dates[i - 1] {
                return Err(MeasuresError::UnsortedLabels {
                    index: i,
                    label: labels[i].clone(),
                    previous: labels[i - 1].clone(),
                });
            }
        }
    }
    Ok(())
}

pub(crate) use crate::labels::parse_date;
pub use crate::labels::{date_labels, datetime_labels};

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The digit-by-digit date reader agrees with chrono's `%Y-%m-%d` on any
        /// label made of digits and dashes, valid or not.
        #[test]
        fn reading_dates_agrees_with_chrono(label in "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9:]{0,8}|T[0-9:]{0,8})?") {
            let chrono_read = NaiveDate::parse_from_str(&label[..10], "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(parse_date(&label), chrono_read);
        }

        /// Labels made from days and seconds read back as the same dates.
        #[test]
        fn day_and_second_labels_read_back(day in -719_162i64..2_932_896, second in 0i64..86_400) {
            let expected = NaiveDate::from_num_days_from_ce_opt((day + 719_163) as i32).unwrap();
            let text = &date_labels(&[day]).unwrap()[0];
            proptest::prop_assert_eq!(parse_date(text), Some(expected));
            let stamp = &datetime_labels(&[day * 86_400 + second]).unwrap()[0];
            proptest::prop_assert_eq!(&stamp[..10], text.as_str());
            let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(second as u32, 0).unwrap();
            proptest::prop_assert_eq!(&stamp[11..], time.format("%H:%M:%S").to_string());
        }
    }

    #[test]
    fn labels_outside_years_1_to_9999_are_refused() {
        assert_eq!(date_labels(&[-719_163]), None);
        assert_eq!(date_labels(&[2_932_897]), None);
        assert_eq!(date_labels(&[i64::MAX]), None);
        assert_eq!(datetime_labels(&[i64::MIN]), None);
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rejects_empty_and_infinite_and_keeps_missing_values() {
        assert_eq!(Series::new(&[]).unwrap_err(), MeasuresError::Empty);
        assert_eq!(Series::new(&[1.0, f64::NAN]).unwrap().gaps(), 1);
        assert!(Series::new(&[f64::NAN, f64::NAN]).is_err());
        let err = Series::new(&[1.0, 2.0, f64::INFINITY]).unwrap_err();
        assert_eq!(
            err,
            MeasuresError::NonFinite {
                index: 2,
                value: "inf".into()
            }
        );
    }

    #[test]
    fn rejects_mismatched_and_duplicate_labels() {
        let v = [1.0, 2.0];
        let one = strings(&["a"]);
        assert!(matches!(
            Series::new(&v).unwrap().with_labels(&one),
            Err(MeasuresError::LengthMismatch { what: "labels", .. })
        ));
        let dup = strings(&["a", "a"]);
        assert_eq!(
            Series::new(&v).unwrap().with_labels(&dup).unwrap_err(),
            MeasuresError::DuplicateLabel {
                index: 1,
                first: 0,
                label: "a".into()
            }
        );
    }

    #[test]
    fn date_labels_must_be_in_order_but_text_labels_need_not() {
        let v = [1.0, 2.0, 3.0];
        let dates = strings(&["2024-01-01", "2024-03-01", "2024-02-01"]);
        assert!(matches!(
            Series::new(&v).unwrap().with_labels(&dates),
            Err(MeasuresError::UnsortedLabels { index: 2, .. })
        ));
        let text = strings(&["c", "b", "a"]);
        assert!(Series::new(&v).unwrap().with_labels(&text).is_ok());
        let times = strings(&["2024-01-01T09:00", "2024-01-01 10:00", "2024-01-02"]);
        assert!(Series::new(&v).unwrap().with_labels(&times).is_ok());
    }

    #[test]
    fn parse_date_reads_only_iso_dates() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-02-01x").is_none());
        assert!(parse_date("Q1").is_none());
        assert!(parse_date("é").is_none());
    }
}
