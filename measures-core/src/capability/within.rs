//! The share of cases within a threshold, with its confidence interval: the honest
//! replacement for a target. A target says nothing about what the system will do;
//! the share that met a threshold, beside the capability statement, says what it did.

use super::specification::{check_finite, check_level, Estimate};
use crate::error::{MeasuresError, Result};
use crate::options::Direction;
use crate::stats::clopper_pearson;
use serde::{Deserialize, Serialize};

/// How many cases met a threshold, and the share with its exact interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WithinThreshold {
    /// The threshold.
    pub threshold: f64,
    /// Which side meets it: lower is better means at or below the threshold.
    pub direction: Direction,
    /// Cases that met it.
    pub met: usize,
    /// All cases.
    pub total: usize,
    /// met/total with its Clopper–Pearson interval.
    pub share: Estimate,
    /// Confidence level.
    pub level: f64,
}

/// The share of values at or below (`LowerIsBetter`) or at or above
/// (`HigherIsBetter`) a threshold, with a Clopper–Pearson interval.
///
/// ```
/// use measures_core::capability::within_threshold;
/// use measures_core::Direction;
/// let days = [3.0, 8.0, 12.0, 5.0, 30.0];
/// let w = within_threshold(&days, 10.0, Direction::LowerIsBetter, 0.95)?;
/// assert_eq!((w.met, w.total), (3, 5));
/// assert_eq!(w.share.value, 0.6);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn within_threshold(
    values: &[f64],
    threshold: f64,
    direction: Direction,
    level: f64,
) -> Result<WithinThreshold> {
    check_level(level)?;
    check_finite(values)?;
    if values.is_empty() {
        return Err(MeasuresError::Empty);
    }
    if !threshold.is_finite() {
        return Err(MeasuresError::InvalidOption {
            name: "threshold",
            reason: format!("{threshold} is not a finite number"),
        });
    }
    let met = match direction {
        Direction::LowerIsBetter => values.iter().filter(|&&x| x <= threshold).count(),
        Direction::HigherIsBetter => values.iter().filter(|&&x| x >= threshold).count(),
        Direction::Neither => {
            return Err(MeasuresError::InvalidOption {
                name: "direction",
                reason: "a threshold needs a direction: lower is better (at or below) or higher is better (at or above)".into(),
            })
        }
    };
    let total = values.len();
    let (lower, upper) = clopper_pearson(met as f64, total as f64, level);
    Ok(WithinThreshold {
        threshold,
        direction,
        met,
        total,
        share: Estimate {
            value: met as f64 / total as f64,
            lower,
            upper,
        },
        level,
    })
}
