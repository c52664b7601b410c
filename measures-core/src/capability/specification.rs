//! Specification limits, an estimate with its confidence interval, and the checks
//! every capability method makes of its inputs.

use crate::error::{MeasuresError, Result};
use serde::{Deserialize, Serialize};

/// Specification limits and an optional target (nominal) value.
///
/// At least one limit is needed; with both, the lower must be below the upper. The
/// target, when given, must lie within the limits; it is used for Cpm and Ppm only.
///
/// ```
/// use measures_core::capability::Specification;
/// let spec = Specification::new(Some(9.9), Some(10.1), Some(10.0))?;
/// assert_eq!(spec.width(), Some(10.1 - 9.9));
/// assert!(Specification::new(Some(2.0), Some(1.0), None).is_err());
/// assert!(Specification::upper(5.0).lower.is_none());
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Specification {
    /// Lower specification limit (LSL).
    pub lower: Option<f64>,
    /// Upper specification limit (USL).
    pub upper: Option<f64>,
    /// Target (nominal) value.
    pub target: Option<f64>,
}

impl Specification {
    /// Validated limits and target.
    pub fn new(lower: Option<f64>, upper: Option<f64>, target: Option<f64>) -> Result<Self> {
        let invalid = |reason: String| Err(MeasuresError::InvalidSpecification { reason });
        for (name, v) in [
            ("lower limit", lower),
            ("upper limit", upper),
            ("target", target),
        ] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                return invalid(format!("the {name} ({v}) is not a finite number"));
            }
        }
        match (lower, upper) {
            (None, None) => {
                return invalid(
                    "neither a lower nor an upper specification limit was given; give at least one"
                        .into(),
                )
            }
            (Some(l), Some(u)) if l == u => {
                return invalid(format!(
                    "the lower and upper limits are equal ({l}); they must differ"
                ))
            }
            (Some(l), Some(u)) if l > u => {
                return invalid(format!(
                    "the lower limit ({l}) is above the upper limit ({u}); are they reversed?"
                ))
            }
            _ => {}
        }
        if let Some(t) = target {
            if lower.is_some_and(|l| t < l) || upper.is_some_and(|u| t > u) {
                return invalid(format!(
                    "the target ({t}) lies outside the specification limits"
                ));
            }
        }
        Ok(Specification {
            lower,
            upper,
            target,
        })
    }

    /// An upper limit only ("at most"): end-to-end times, waits, costs.
    pub fn upper(usl: f64) -> Self {
        Specification {
            lower: None,
            upper: Some(usl),
            target: None,
        }
    }

    /// A lower limit only ("at least").
    pub fn lower(lsl: f64) -> Self {
        Specification {
            lower: Some(lsl),
            upper: None,
            target: None,
        }
    }

    /// USL − LSL, when both are given.
    pub fn width(&self) -> Option<f64> {
        Some(self.upper? - self.lower?)
    }

    /// Whether a value lies within the limits (on a limit counts as within).
    pub fn contains(&self, x: f64) -> bool {
        self.lower.is_none_or(|l| x >= l) && self.upper.is_none_or(|u| x <= u)
    }
}

/// A point estimate with its confidence interval.
///
/// ```
/// use measures_core::capability::Estimate;
/// let e = Estimate { value: 1.3, lower: 0.9, upper: 1.7 };
/// assert!(e.lower < e.value && e.value < e.upper);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
}

/// Check a confidence level is strictly between 0 and 1.
pub(crate) fn check_level(level: f64) -> Result<()> {
    if level.is_finite() && level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(MeasuresError::InvalidOption {
            name: "confidence level",
            reason: format!("{level} is not strictly between 0 and 1 (e.g. 0.95)"),
        })
    }
}

/// Check the values as any series is checked (not empty, nothing infinite) and that
/// none is missing: an index or a normality test needs every value. (A statement
/// from a chart leaves a chart's gaps out itself.)
pub(crate) fn check_finite(values: &[f64]) -> Result<()> {
    crate::series::Series::new(values)?.require_every(
        "value",
        "capability indices and normality tests need every value (leave missing ones out first)",
    )
}
