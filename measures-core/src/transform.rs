//! Monotone transforms that make skewed measures symmetric enough for an
//! individuals chart: Nelson's power for times between events (the t chart) and
//! the Yeo–Johnson transform, fitted by maximum likelihood, for durations and other
//! right-skewed measures that can be zero (end-to-end times).
//!
//! Every transform here is strictly increasing, so "above the limit" and "above the
//! centre" mean the same on both scales, and rank-based judgements do not change.
//!
//! Sources: Nelson, L. S. (1994), *J. Quality Technology* 26(3) (y^(1/3.6));
//! Yeo, I.-K. & Johnson, R. A. (2000), "A new family of power transformations to
//! improve normality or symmetry", *Biometrika* 87(4), 954–959 (for y ≥ 0 it is the
//! Box–Cox transform of 1 + y); Box, G. E. P. & Cox, D. R. (1964), *JRSS B* 26 (the
//! profile likelihood used to choose λ).

use crate::error::{MeasuresError, Result};
use serde::{Deserialize, Serialize};

/// A strictly increasing transform of a chart's values.
///
/// ```
/// use measures_core::transform::Transform;
/// let yj = Transform::YeoJohnson { lambda: 0.0 };
/// assert!((yj.forward(std::f64::consts::E - 1.0) - 1.0).abs() < 1e-12); // ln(1 + y)
/// assert!((yj.back(yj.forward(7.5)) - 7.5).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// y^(1/power) for y > 0 (the t chart's power is 3.6).
    Power {
        /// The root taken.
        power: f64,
    },
    /// Yeo–Johnson with this λ (for y ≥ 0: ((1 + y)^λ − 1)/λ, or ln(1 + y) at λ = 0).
    YeoJohnson {
        /// The power.
        lambda: f64,
    },
}

/// λ closer to 0 than this is treated as 0 (the logarithm), as `MASS::boxcox` does
/// in effect: the two branches agree to ~1e-12 there.
const LAMBDA_ZERO: f64 = 1e-12;

impl Transform {
    /// The transformed value.
    pub fn forward(&self, y: f64) -> f64 {
        match *self {
            Transform::Power { power } => y.powf(1.0 / power),
            Transform::YeoJohnson { lambda } => yeo_johnson(y, lambda),
        }
    }

    /// The value whose transform is `x`; +∞ where `x` lies beyond the largest value
    /// the transform reaches (Yeo–Johnson with λ < 0 is bounded above by −1/λ).
    pub fn back(&self, x: f64) -> f64 {
        match *self {
            Transform::Power { power } => {
                if x <= 0.0 {
                    0.0
                } else {
                    x.powf(power)
                }
            }
            Transform::YeoJohnson { lambda } => yeo_johnson_inverse(x, lambda),
        }
    }
}

fn yeo_johnson(y: f64, lambda: f64) -> f64 {
    if y >= 0.0 {
        if lambda.abs() < LAMBDA_ZERO {
            y.ln_1p()
        } else {
            ((1.0 + y).powf(lambda) - 1.0) / lambda
        }
    } else {
        let mu = 2.0 - lambda;
        if mu.abs() < LAMBDA_ZERO {
            -(-y).ln_1p()
        } else {
            -((1.0 - y).powf(mu) - 1.0) / mu
        }
    }
}

fn yeo_johnson_inverse(x: f64, lambda: f64) -> f64 {
    if x >= 0.0 {
        if lambda.abs() < LAMBDA_ZERO {
            x.exp_m1()
        } else {
            let base = 1.0 + lambda * x;
            if base <= 0.0 {
                // Only for λ < 0: x at or beyond the supremum −1/λ.
                f64::INFINITY
            } else {
                base.powf(1.0 / lambda) - 1.0
            }
        }
    } else {
        let mu = 2.0 - lambda;
        if mu.abs() < LAMBDA_ZERO {
            -(-x).exp_m1()
        } else {
            let base = 1.0 - mu * x;
            1.0 - base.powf(1.0 / mu)
        }
    }
}

/// The range λ is searched over for a duration-like measure. Below −1 the upper
/// tail is squeezed so hard that its limits leave the transform's range; above 1
/// the transform would stretch a left-skewed tail, which durations do not have.
pub const YEO_JOHNSON_RANGE: (f64, f64) = (-1.0, 1.0);

/// At most this many values (evenly spaced through the data) choose λ: the
/// likelihood's maximum is settled long before, and a million cases then cost no
/// more than twenty thousand.
const FIT_SAMPLE: usize = 20_000;

/// Choose the Yeo–Johnson λ for values that are all ≥ 0 by maximising the profile
/// log-likelihood ℓ(λ) = −(n/2)·ln σ̂²(λ) + (λ − 1)·Σ ln(1 + y) over
/// [`YEO_JOHNSON_RANGE`] (a grid of 0.1, then golden-section search).
///
/// ```
/// use measures_core::transform::fit_yeo_johnson;
/// // exp(z) − 1 for symmetric z: ln(1 + y) makes them symmetric, so λ is near 0.
/// let y: Vec<f64> = [-1.2, -0.8, -0.5, -0.2, 0.0, 0.2, 0.5, 0.8, 1.2].iter().map(|z: &f64| (z + 2.0f64).exp() - 1.0).collect();
/// assert!(fit_yeo_johnson(&y)?.abs() < 0.15);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn fit_yeo_johnson(values: &[f64]) -> Result<f64> {
    if let Some((index, &value)) = values
        .iter()
        .enumerate()
        .find(|(_, &v)| v.is_nan() || v < 0.0)
    {
        return Err(MeasuresError::InvalidValue {
            what: "value",
            index,
            value,
            reason: "is negative; a duration-like measure must be 0 or more".into(),
        });
    }
    if values.len() < 3 {
        return Err(MeasuresError::TooFewPoints {
            what: "fitting a Yeo-Johnson transform",
            phase: 0,
            needed: 3,
            got: values.len(),
        });
    }
    let stride = values.len().div_ceil(FIT_SAMPLE);
    let sample: Vec<f64> = values.iter().step_by(stride).copied().collect();
    let logs: Vec<f64> = sample.iter().map(|y| y.ln_1p()).collect();
    let sum_log: f64 = logs.iter().sum();
    let n = sample.len() as f64;
    let log_likelihood = |lambda: f64| {
        let (mut sum, mut sum_sq) = (0.0, 0.0);
        for &l in &logs {
            // (1 + y)^λ from ln(1 + y): one exp instead of a powf.
            let t = if lambda.abs() < LAMBDA_ZERO {
                l
            } else {
                ((lambda * l).exp() - 1.0) / lambda
            };
            sum += t;
            sum_sq += t * t;
        }
        let variance = (sum_sq - sum * sum / n) / n;
        -0.5 * n * variance.ln() + (lambda - 1.0) * sum_log
    };
    let (lo, hi) = YEO_JOHNSON_RANGE;
    let step = 0.1;
    let steps = ((hi - lo) / step).round() as usize;
    let mut best = (lo, log_likelihood(lo));
    for k in 1..=steps {
        let lambda = lo + k as f64 * step;
        let l = log_likelihood(lambda);
        if l > best.1 {
            best = (lambda, l);
        }
    }
    if !best.1.is_finite() {
        return Err(MeasuresError::NoVariation {
            what: "the spread of the values",
            needed: "a Yeo-Johnson transform",
        });
    }
    let (mut a, mut b) = ((best.0 - step).max(lo), (best.0 + step).min(hi));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    while b - a > 1e-6 {
        let c = b - ratio * (b - a);
        let d = a + ratio * (b - a);
        if log_likelihood(c) > log_likelihood(d) {
            b = d;
        } else {
            a = c;
        }
    }
    Ok(0.5 * (a + b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yeo_johnson_matches_its_definition_on_both_sides() {
        // Yeo & Johnson (2000), eq. (2.1), by hand at λ = 0.5 and λ = 2.
        let t = Transform::YeoJohnson { lambda: 0.5 };
        assert!((t.forward(3.0) - (2.0 - 1.0) / 0.5).abs() < 1e-12);
        assert!((t.forward(-3.0) + (4f64.powf(1.5) - 1.0) / 1.5).abs() < 1e-12);
        let t = Transform::YeoJohnson { lambda: 2.0 };
        assert!((t.forward(-3.0) + 4f64.ln()).abs() < 1e-12);
        for lambda in [-0.9, -0.3, 0.0, 0.4, 1.0, 2.0] {
            let t = Transform::YeoJohnson { lambda };
            for y in [-5.0, -0.5, 0.0, 0.25, 3.0, 40.0] {
                let back = t.back(t.forward(y));
                assert!(
                    (back - y).abs() < 1e-9 * (1.0 + y.abs()),
                    "{lambda} {y} {back}"
                );
            }
        }
    }

    #[test]
    fn negative_lambda_is_bounded_above() {
        let t = Transform::YeoJohnson { lambda: -0.5 };
        assert_eq!(t.back(2.0), f64::INFINITY); // the supremum −1/λ
        assert!(t.back(1.9).is_finite());
    }

    #[test]
    fn fit_refuses_negative_values_and_matches_scipy_on_flat_data() {
        assert!(matches!(
            fit_yeo_johnson(&[1.0, -2.0, 3.0]),
            Err(MeasuresError::InvalidValue { index: 1, .. })
        ));
        // 50..90 each once: scipy.stats.yeojohnson_normmax (SciPy 1.17.1) gives
        // 0.7486190828868751; the golden-section search stops within 1e-6.
        let flat: Vec<f64> = (0..41).map(|i| 50.0 + ((i * 17) % 41) as f64).collect();
        let lambda = fit_yeo_johnson(&flat).unwrap();
        assert!((lambda - 0.748_619_082_886_875_1).abs() < 2e-6, "{lambda}");
    }
}
