//! Control-chart constants for subgroups of size n.
//!
//! d2 and d3 (the mean and standard deviation of the relative range of n normal
//! observations) are tabulated for n = 2..=25 as printed in Montgomery,
//! *Introduction to Statistical Quality Control*, Appendix Table VI, the same
//! three-decimal values qcc uses (`qcc.options("exp.R.unscaled")`,
//! `"se.R.unscaled"`), so results match the textbooks and qcc digit for digit.
//! c4 is computed exactly from the gamma function. The derived factors follow the
//! textbook definitions:
//!
//! A2 = 3/(d2√n); D3 = max(0, 1 − 3d3/d2); D4 = 1 + 3d3/d2;
//! c4 = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2); A3 = 3/(c4√n);
//! B3 = max(0, 1 − 3√(1−c4²)/c4); B4 = 1 + 3√(1−c4²)/c4.

use crate::error::{MeasuresError, Result};
use statrs::function::gamma::ln_gamma;

/// Largest subgroup size with tabulated d2 and d3.
pub const MAX_RANGE_SUBGROUP: usize = 25;

/// d2 for n = 2..=25 (index n − 2). Montgomery, Appendix Table VI.
const D2: [f64; 24] = [
    1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970, 3.078, 3.173, 3.258, 3.336, 3.407,
    3.472, 3.532, 3.588, 3.640, 3.689, 3.735, 3.778, 3.819, 3.858, 3.895, 3.931,
];

/// d3 for n = 2..=25 (index n − 2). Montgomery, Appendix Table VI.
const D3_TABLE: [f64; 24] = [
    0.853, 0.888, 0.880, 0.864, 0.848, 0.833, 0.820, 0.808, 0.797, 0.787, 0.778, 0.770, 0.763,
    0.756, 0.750, 0.744, 0.739, 0.734, 0.729, 0.724, 0.720, 0.716, 0.712, 0.708,
];

fn tabulated(table: &[f64; 24], n: usize) -> Result<f64> {
    if (2..=MAX_RANGE_SUBGROUP).contains(&n) {
        Ok(table[n - 2])
    } else {
        Err(MeasuresError::InvalidOption {
            name: "subgroup size",
            reason: format!(
                "range-based constants are tabulated for subgroups of 2 to {MAX_RANGE_SUBGROUP}, got {n}; use an X-bar/S chart"
            ),
        })
    }
}

/// d2(n), the mean of the range of n standard normal observations.
///
/// ```
/// assert_eq!(measures_core::estimators::constants::d2(5)?, 2.326);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn d2(n: usize) -> Result<f64> {
    tabulated(&D2, n)
}

/// d3(n), the standard deviation of the range of n standard normal observations.
pub fn d3(n: usize) -> Result<f64> {
    tabulated(&D3_TABLE, n)
}

/// A2(n) = 3/(d2√n): X̄ limits are x̿ ± A2·R̄.
pub fn a2(n: usize) -> Result<f64> {
    Ok(3.0 / (d2(n)? * (n as f64).sqrt()))
}

/// D3(n) = max(0, 1 − 3d3/d2): the R chart's lower limit is D3·R̄.
pub fn d3_factor(n: usize) -> Result<f64> {
    Ok((1.0 - 3.0 * d3(n)? / d2(n)?).max(0.0))
}

/// D4(n) = 1 + 3d3/d2: the R chart's upper limit is D4·R̄.
pub fn d4_factor(n: usize) -> Result<f64> {
    Ok(1.0 + 3.0 * d3(n)? / d2(n)?)
}

/// c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), the mean of s/σ for n normal observations.
/// Any n ≥ 2.
///
/// ```
/// // Montgomery, Appendix Table VI: c4(5) = 0.9400
/// assert!((measures_core::estimators::constants::c4(5)? - 0.9400).abs() < 5e-5);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn c4(n: usize) -> Result<f64> {
    if n < 2 {
        return Err(MeasuresError::InvalidOption {
            name: "subgroup size",
            reason: format!("a standard deviation needs a subgroup of at least 2, got {n}"),
        });
    }
    let nf = n as f64;
    Ok((2.0 / (nf - 1.0)).sqrt() * (ln_gamma(nf / 2.0) - ln_gamma((nf - 1.0) / 2.0)).exp())
}

/// A3(n) = 3/(c4√n): X̄ limits are x̿ ± A3·s̄.
pub fn a3(n: usize) -> Result<f64> {
    Ok(3.0 / (c4(n)? * (n as f64).sqrt()))
}

/// B3(n) = max(0, 1 − 3√(1−c4²)/c4): the S chart's lower limit is B3·s̄.
pub fn b3(n: usize) -> Result<f64> {
    let c = c4(n)?;
    Ok((1.0 - 3.0 * (1.0 - c * c).sqrt() / c).max(0.0))
}

/// B4(n) = 1 + 3√(1−c4²)/c4: the S chart's upper limit is B4·s̄.
pub fn b4(n: usize) -> Result<f64> {
    let c = c4(n)?;
    Ok(1.0 + 3.0 * (1.0 - c * c).sqrt() / c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Montgomery, Appendix Table VI, factors printed to three or four decimals. The
    /// printed A2, D3, D4 come from unrounded d2 and d3, ours from the printed
    /// three-decimal d2 and d3 (as qcc's), so they agree to 2e-3: D4(2) is
    /// 1 + 3·0.853/1.128 = 3.2686 here and 3.267 in print.
    #[test]
    fn factors_match_montgomery_appendix_vi() {
        // (n, A2, D3, D4, c4, A3, B3, B4)
        let table = [
            (2, 1.880, 0.0, 3.267, 0.7979, 2.659, 0.0, 3.267),
            (5, 0.577, 0.0, 2.114, 0.9400, 1.427, 0.0, 2.089),
            (7, 0.419, 0.076, 1.924, 0.9594, 1.182, 0.118, 1.882),
            (10, 0.308, 0.223, 1.777, 0.9727, 0.975, 0.284, 1.716),
            (25, 0.153, 0.459, 1.541, 0.9896, 0.606, 0.565, 1.435),
        ];
        for (n, a2v, d3v, d4v, c4v, a3v, b3v, b4v) in table {
            assert!(
                close(a2(n).unwrap(), a2v, 2e-3),
                "A2({n}) = {}",
                a2(n).unwrap()
            );
            assert!(
                close(d3_factor(n).unwrap(), d3v, 2e-3),
                "D3({n}) = {}",
                d3_factor(n).unwrap()
            );
            assert!(
                close(d4_factor(n).unwrap(), d4v, 2e-3),
                "D4({n}) = {}",
                d4_factor(n).unwrap()
            );
            assert!(
                close(c4(n).unwrap(), c4v, 5e-5),
                "c4({n}) = {}",
                c4(n).unwrap()
            );
            assert!(
                close(a3(n).unwrap(), a3v, 5e-4),
                "A3({n}) = {}",
                a3(n).unwrap()
            );
            assert!(
                close(b3(n).unwrap(), b3v, 1e-3),
                "B3({n}) = {}",
                b3(n).unwrap()
            );
            assert!(
                close(b4(n).unwrap(), b4v, 1e-3),
                "B4({n}) = {}",
                b4(n).unwrap()
            );
        }
    }

    /// c4(2) = √(2/π) exactly, since Γ(1) = 1 and Γ(1/2) = √π.
    #[test]
    fn c4_of_two_is_exact() {
        assert!(close(
            c4(2).unwrap(),
            (2.0 / std::f64::consts::PI).sqrt(),
            1e-14
        ));
    }

    #[test]
    fn out_of_range_sizes_are_errors() {
        assert!(d2(1).is_err());
        assert!(d2(26).is_err());
        assert!(c4(1).is_err());
        assert!(c4(200).unwrap() < 1.0);
    }
}
