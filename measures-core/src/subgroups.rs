//! Subgroup data: observations in time order, cut into consecutive subgroups.

use crate::error::{MeasuresError, Result};
use crate::labels::LabelSlice;
use crate::series::Series;

/// Observations in time order, cut into consecutive subgroups by their sizes.
///
/// ```
/// use measures_core::Subgroups;
/// let obs = [1.0, 2.0, 3.0, 4.0, 5.0];
/// let groups = Subgroups::new(&obs, &[2, 3])?;
/// assert_eq!(groups.len(), 2);
/// assert_eq!(groups.means(), vec![1.5, 4.0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Subgroups<'a> {
    observations: &'a [f64],
    sizes: &'a [usize],
    labels: Option<LabelSlice<'a>>,
}

impl<'a> Subgroups<'a> {
    /// Subgroups of `sizes[k]` consecutive observations each. Sizes must be at least 1
    /// and add up to the number of observations; observations must be finite.
    pub fn new(observations: &'a [f64], sizes: &'a [usize]) -> Result<Self> {
        if sizes.is_empty() || observations.is_empty() {
            return Err(MeasuresError::Empty);
        }
        if let Some(k) = sizes.iter().position(|&s| s == 0) {
            return Err(MeasuresError::InvalidOption {
                name: "subgroup size",
                reason: format!("subgroup {k} is empty"),
            });
        }
        // Checked: sizes whose sum wraps around would pass the length check and then
        // cut the observations out of bounds.
        let total = sizes
            .iter()
            .try_fold(0usize, |sum, &s| sum.checked_add(s))
            .unwrap_or(usize::MAX);
        MeasuresError::check_length("subgroup sizes (their sum)", observations.len(), total)?;
        Series::new(observations)?.require_every(
            "observation",
            "a subgroup chart needs every observation (leave a missing one out of its subgroup)",
        )?;
        Ok(Subgroups {
            observations,
            sizes,
            labels: None,
        })
    }

    /// One label per subgroup (usually the date it was taken).
    pub fn with_labels(self, labels: &'a [String]) -> Result<Self> {
        self.with_label_slice(LabelSlice::Text(labels))
    }

    /// One label per subgroup, of any kind (text, days, seconds: see
    /// [`Series::with_label_slice`](crate::Series::with_label_slice)).
    pub fn with_label_slice(mut self, labels: LabelSlice<'a>) -> Result<Self> {
        MeasuresError::check_length("labels", self.sizes.len(), labels.len())?;
        self.labels = Some(labels);
        Ok(self)
    }

    /// Number of subgroups.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Never true: construction refuses empty input.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// Subgroup sizes.
    pub fn sizes(&self) -> &'a [usize] {
        self.sizes
    }

    /// One label per subgroup, when given.
    pub fn labels(&self) -> Option<LabelSlice<'a>> {
        self.labels
    }

    /// All observations, in order.
    pub fn observations(&self) -> &'a [f64] {
        self.observations
    }

    fn groups(&self) -> impl Iterator<Item = &'a [f64]> + 'a {
        let obs = self.observations;
        self.sizes.iter().scan(0usize, move |start, &size| {
            let g = &obs[*start..*start + size];
            *start += size;
            Some(g)
        })
    }

    /// Subgroup means.
    pub fn means(&self) -> Vec<f64> {
        self.groups()
            .map(|g| g.iter().sum::<f64>() / g.len() as f64)
            .collect()
    }

    /// Subgroup ranges (max − min).
    pub fn ranges(&self) -> Vec<f64> {
        self.groups()
            .map(|g| {
                let (lo, hi) = g
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                        (lo.min(x), hi.max(x))
                    });
                hi - lo
            })
            .collect()
    }

    /// Subgroup sample standard deviations (n − 1 divisor); NaN for a subgroup of one.
    pub fn std_devs(&self) -> Vec<f64> {
        self.groups()
            .map(|g| {
                let n = g.len() as f64;
                let m = g.iter().sum::<f64>() / n;
                (g.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt()
            })
            .collect()
    }
}
