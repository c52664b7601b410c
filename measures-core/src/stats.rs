//! Small numerical helpers: mean, median and binomial quantiles.

use statrs::function::gamma::ln_gamma;

/// Arithmetic mean; NaN for an empty iterator.
pub(crate) fn mean(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values {
        sum += v;
        n += 1;
    }
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// Median, taking ownership of a scratch buffer it may reorder; NaN when empty.
/// O(n) by selection rather than a sort.
pub(crate) fn median_in_place(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    let mid = n / 2;
    let (below, upper_mid, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let upper_mid = *upper_mid;
    if n % 2 == 1 {
        upper_mid
    } else {
        let lower_mid = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        midpoint(lower_mid, upper_mid)
    }
}

/// (a + b) / 2 as R computes it, without overflowing when a + b would.
fn midpoint(a: f64, b: f64) -> f64 {
    let m = (a + b) / 2.0;
    if m.is_finite() {
        m
    } else {
        a / 2.0 + b / 2.0
    }
}

/// The smallest k with P(X ≤ k) ≥ p for X ~ Binomial(n, prob), as R's `qbinom`
/// (including its small fuzz against rounding, 64 machine epsilons).
///
/// Sums the probability mass upwards by the recurrence
/// P(k+1) = P(k)·(n−k)/(k+1)·prob/(1−prob). For large n it starts 8 standard
/// deviations below the mean, where the tail left out is below 1e-15.
pub(crate) fn binomial_quantile(p: f64, n: u64, prob: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        return 0;
    }
    let nf = n as f64;
    let sd = (nf * prob * (1.0 - prob)).sqrt();
    let start = if n < 1000 {
        0
    } else {
        (nf * prob - 8.0 * sd).floor().max(0.0) as u64
    };
    let ln_pmf = |k: u64| {
        let kf = k as f64;
        ln_gamma(nf + 1.0) - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0)
            + kf * prob.ln()
            + (nf - kf) * (1.0 - prob).ln()
    };
    let target = p * (1.0 - 64.0 * f64::EPSILON);
    let ratio = prob / (1.0 - prob);
    let mut pmf = ln_pmf(start).exp();
    let mut cdf = pmf;
    let mut k = start;
    while cdf < target && k < n {
        pmf *= (nf - k as f64) / (k as f64 + 1.0) * ratio;
        k += 1;
        cdf += pmf;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median_in_place(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median_in_place(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median_in_place(&mut []).is_nan());
        assert_eq!(median_in_place(&mut [f64::MAX, f64::MAX]), f64::MAX);
    }

    /// Exact quantiles, computed with integer arithmetic (Python `math.comb` and
    /// `fractions.Fraction`): the smallest k with sum_{j<=k} C(n, j) / 2^n >= 0.05.
    /// n = 999 lies within 0.0001 of the boundary, so it tests the summation's accuracy.
    #[test]
    fn binomial_quantile_matches_r() {
        assert_eq!(binomial_quantile(0.05, 9, 0.5), 2);
        assert_eq!(binomial_quantile(0.05, 99, 0.5), 41);
        assert_eq!(binomial_quantile(0.05, 999, 0.5), 474);
        assert_eq!(binomial_quantile(0.05, 9999, 0.5), 4917);
        assert_eq!(binomial_quantile(0.05, 0, 0.5), 0);
    }

    #[test]
    fn mean_of_nothing_is_nan() {
        assert!(mean(std::iter::empty()).is_nan());
        assert_eq!(mean([1.0, 2.0, 6.0]), 3.0);
    }
}
