//! Small numerical helpers: mean, median, standard deviation, sample quantiles, and
//! the distribution functions the capability and demand measures need (normal,
//! chi-square, beta, binomial), each to near machine precision.

use statrs::function::beta::beta_reg;
use statrs::function::erf::{erfc, erfc_inv};
use statrs::function::gamma::{gamma_lr, ln_gamma};

/// Arithmetic mean; NaN for an empty iterator. When the plain sum overflows (values
/// near the largest float) the mean is taken by Welford's running update instead,
/// which stays finite for finite values; otherwise sum / n, as R's `mean` gives.
pub(crate) fn mean(values: impl IntoIterator<Item = f64> + Clone) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values.clone() {
        sum += v;
        n += 1;
    }
    if n == 0 {
        f64::NAN
    } else if sum.is_infinite() {
        let mut m = 0.0;
        for (k, v) in values.into_iter().enumerate() {
            m += (v - m) / (k + 1) as f64;
        }
        m
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

/// Sample standard deviation with the n − 1 divisor (R's `sd`), by Welford's
/// one-pass update so large offsets do not cancel; NaN for fewer than two values.
/// Values near the ends of the float range (10⁻³⁰⁰, 10²⁰⁰), whose squared
/// deviations underflow to 0 or overflow, are read again scaled by a power of two
/// (which changes no digit) and the result scaled back: they vary, and saying "no
/// variation" or "too large" of them would be wrong.
pub(crate) fn sample_sd(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return f64::NAN;
    }
    let sd = |scale: f64| {
        let (mut mean, mut m2) = (0.0, 0.0);
        for (k, &x) in values.iter().enumerate() {
            let x = x * scale;
            let delta = x - mean;
            mean += delta / (k + 1) as f64;
            m2 += delta * (x - mean);
        }
        (m2 / (values.len() - 1) as f64).sqrt()
    };
    let unscaled = sd(1.0);
    if unscaled.is_normal() || unscaled.is_nan() || values.iter().all(|&x| x == values[0]) {
        return unscaled;
    }
    let largest = values.iter().fold(0.0f64, |m, &x| m.max(x.abs()));
    let exponent = (largest.log2().floor() as i32).clamp(-1000, 1000);
    let scale = 2f64.powi(-exponent);
    sd(scale) / scale
}

/// Sample quantile of sorted data by linear interpolation between order statistics
/// (Hyndman & Fan type 7, R's default `quantile`); NaN when `sorted` is empty.
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Standard normal cumulative distribution Φ(z), accurate in both tails.
pub(crate) fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// Standard normal upper tail 1 − Φ(z), without cancellation for large z.
pub(crate) fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// ln(1 − Φ(z)), finite however far into the upper tail. Beyond z = 30 (where
/// 1 − Φ(z) is 5e-198 and underflows to 0 a little past 37) it comes from the
/// asymptotic series 1 − Φ(z) = φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶ + 105/z⁸ − …)
/// (Abramowitz & Stegun 26.2.12), whose first omitted term is below 2e-12 there.
pub(crate) fn ln_normal_sf(z: f64) -> f64 {
    if z < 30.0 {
        return normal_sf(z).ln();
    }
    let w = 1.0 / (z * z);
    let series = 1.0 - w * (1.0 - 3.0 * w * (1.0 - 5.0 * w * (1.0 - 7.0 * w)));
    -0.5 * z * z - z.ln() - 0.5 * (2.0 * std::f64::consts::PI).ln() + series.ln()
}

/// Standard normal quantile Φ⁻¹(p) for 0 < p < 1.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * erfc_inv(2.0 * p)
}

/// Invert an increasing distribution function on (lo, hi) by bisection on a bracket,
/// to 1e-15 relative: slower than Newton but sure to converge, and called a handful
/// of times per analysis.
fn invert_increasing(cdf: impl Fn(f64) -> f64, p: f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..2000 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi || (hi - lo) <= 1e-15 * mid.abs() {
            return mid;
        }
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Above these sizes the incomplete gamma and beta functions lose accuracy (statrs'
/// `gamma_lr` is off in the 7th digit at a = 10⁷; `beta_reg(a, a, ½)` by 3·10⁻⁷ at
/// a = 10⁵ and 10⁻³ at 5·10⁵; and each call takes ever longer), while the
/// asymptotic forms below are within 5·10⁻⁹ relative of SciPy's quantiles there
/// (checked at df = 2·10⁵ and at a = 10⁵, b = 1.3·10⁵) and closer beyond.
const CHI_SQUARE_ASYMPTOTIC_DF: f64 = 2e5;
const BETA_ASYMPTOTIC_SIZE: f64 = 1e5;

/// Quantile of the chi-square distribution with `df` degrees of freedom (R's
/// `qchisq`): bisection on the regularised incomplete gamma function; for df above
/// 200,000, the Wilson–Hilferty cube-root normal approximation (Wilson & Hilferty,
/// *PNAS* 17, 1931), whose error shrinks like 1/df.
pub(crate) fn chi_square_quantile(p: f64, df: f64) -> f64 {
    if p <= 0.0 || df <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if df > CHI_SQUARE_ASYMPTOTIC_DF {
        let v = 2.0 / (9.0 * df);
        let cube = 1.0 - v + normal_quantile(p) * v.sqrt();
        return df * cube * cube * cube;
    }
    // x/2 underflows to 0 deep in the lower tail of a tiny df; gamma_lr refuses 0.
    let cdf = |x: f64| {
        if x / 2.0 > 0.0 {
            gamma_lr(df / 2.0, x / 2.0)
        } else {
            0.0
        }
    };
    let mut hi = df.max(1.0);
    while cdf(hi) < p {
        hi *= 2.0;
    }
    invert_increasing(cdf, p, 0.0, hi)
}

/// Quantile of the Beta(a, b) distribution (R's `qbeta`): bisection on the
/// regularised incomplete beta function; when both a and b exceed 100,000, the
/// normal approximation with Cornish–Fisher's skewness term (error of order
/// 1/min(a, b)), kept inside [0, 1].
pub(crate) fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    // One parameter a billion times the other (a rate of a few events in a vast
    // exposure): Beta(a, b) is G/(G + b) with G ~ Gamma(a) to within a/b, and the
    // gamma quantile is the chi-square's halved (the Poisson limit of the binomial).
    if b > 1e9 * a {
        let g = chi_square_quantile(p, 2.0 * a) / 2.0;
        return g / (g + b);
    }
    if a > 1e9 * b {
        let g = chi_square_quantile(1.0 - p, 2.0 * b) / 2.0;
        return a / (a + g);
    }
    if a.min(b) > BETA_ASYMPTOTIC_SIZE {
        // In terms of the mean μ = a/n so nothing overflows when a and b are huge:
        // Var = μ(1 − μ)/(n + 1), skewness = 2(1 − 2μ)√(n + 1)/((n + 2)√(μ(1 − μ))).
        // (n may pass the largest float when a and b are both near it.)
        let n = a + b;
        let mean = 1.0 / (1.0 + b / a);
        let spread = mean * (1.0 - mean);
        let root = 1.0 / (n + 1.0).sqrt(); // 1/√(n + 1), 0 when n overflows
        let sd = spread.sqrt() * root;
        let skew = 2.0 * (1.0 - 2.0 * mean) * root / ((1.0 + root * root) * spread.sqrt());
        let z = normal_quantile(p);
        return (mean + sd * (z + skew / 6.0 * (z * z - 1.0))).clamp(0.0, 1.0);
    }
    invert_increasing(|x| beta_reg(a, b, x), p, 0.0, 1.0)
}

/// Clopper–Pearson exact confidence interval for a binomial proportion x/n
/// (Clopper & Pearson 1934; R's `binom.test`): the α/2 and 1 − α/2 quantiles of
/// Beta(x, n − x + 1) and Beta(x + 1, n − x), with 0 and 1 at the edges.
pub(crate) fn clopper_pearson(x: f64, n: f64, level: f64) -> (f64, f64) {
    let alpha = 1.0 - level;
    let (xf, nf) = (x, n);
    let lower = if x <= 0.0 {
        0.0
    } else {
        beta_quantile(alpha / 2.0, xf, nf - xf + 1.0)
    };
    let upper = if x >= n {
        1.0
    } else {
        beta_quantile(1.0 - alpha / 2.0, xf + 1.0, nf - xf)
    };
    (lower, upper)
}

/// Exact confidence interval for a Poisson rate of `count` events over `exposure`
/// units (Garwood 1936; R's `poisson.test`): χ²(α/2, 2x)/2 and χ²(1 − α/2, 2x + 2)/2,
/// divided by the exposure.
pub(crate) fn poisson_interval(count: f64, exposure: f64, level: f64) -> (f64, f64) {
    let alpha = 1.0 - level;
    if count > CHI_SQUARE_ASYMPTOTIC_DF / 2.0 {
        // χ²(p, 2x)/2 by Wilson–Hilferty is x(1 − 1/9x + z/3√x)³: written on the rate
        // x/exposure, so counts near the largest float do not overflow.
        let bound = |x: f64, p: f64| {
            let cube = 1.0 - 1.0 / (9.0 * x) + normal_quantile(p) / (3.0 * x.sqrt());
            (x / exposure) * cube * cube * cube
        };
        return (
            bound(count, alpha / 2.0),
            bound(count + 1.0, 1.0 - alpha / 2.0),
        );
    }
    let lower = if count == 0.0 {
        0.0
    } else {
        chi_square_quantile(alpha / 2.0, 2.0 * count) / 2.0
    };
    let upper = chi_square_quantile(1.0 - alpha / 2.0, 2.0 * count + 2.0) / 2.0;
    (lower / exposure, upper / exposure)
}

/// Ranks 1..n, ties sharing the mean of their ranks (R's `rank`, ties.method "average").
pub(crate) fn mid_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end: their mean.
        let rank = (start + end + 1) as f64 / 2.0;
        for &k in &order[start..end] {
            ranks[k] = rank;
        }
        start = end;
    }
    ranks
}

/// Pettitt's change-point test on the mid-ranks `ranks` of a sequence (Pettitt,
/// *Applied Statistics* 28, 1979): U_t = 2Σ_{i≤t} r_i − t(n + 1), K = max|U_t|,
/// p ≈ 2 exp(−6K²/(n³ + n²)). Returns K, p, the cut (the first point after the
/// change) and whether the points after it sit high.
pub(crate) fn pettitt(ranks: &[f64]) -> (f64, f64, usize, bool) {
    let n = ranks.len();
    let nf = n as f64;
    let (mut best, mut cut, mut prefix) = (0.0f64, 1, 0.0);
    for (t, &r) in ranks[..n.saturating_sub(1)].iter().enumerate() {
        prefix += r;
        let u = 2.0 * prefix - (t + 1) as f64 * (nf + 1.0);
        if u.abs() > best.abs() {
            best = u;
            cut = t + 1;
        }
    }
    let k = best.abs();
    let p_value = (2.0 * (-6.0 * k * k / (nf * nf * nf + nf * nf)).exp()).min(1.0);
    // U_t < 0: the first t ranks are low, so the points after the cut sit high.
    (k, p_value, cut, best < 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values near either end of the float range have the standard deviation of the
    /// same values at ordinary scale, scaled (the scaling by powers of two is exact).
    #[test]
    fn sd_of_values_near_the_ends_of_the_float_range() {
        let ordinary = [1.0, 1.5, 1.25, 1.75, 2.0];
        let sd = sample_sd(&ordinary);
        for scale in [
            2f64.powi(-1000),
            2f64.powi(-1020),
            2f64.powi(600),
            2f64.powi(1000),
        ] {
            let scaled: Vec<f64> = ordinary.iter().map(|x| x * scale).collect();
            let got = sample_sd(&scaled);
            assert!(
                ((got / scale) - sd).abs() <= 1e-15 * sd,
                "scale {scale:e}: {got:e}"
            );
        }
        assert_eq!(sample_sd(&[1e-300, 1e-300, 1e-300]), 0.0); // equal: no variation
        assert!(sample_sd(&[1.0]).is_nan());
    }

    /// ln(1 − Φ(z)) against SciPy's `scipy.special.log_ndtr(-z)` (SciPy 1.x,
    /// computed in its own asymptotic and Cephes code): the direct form below 30,
    /// the series above, and both where 1 − Φ(z) itself underflows (z > 37.5).
    #[test]
    fn log_upper_tail_far_out() {
        let scipy = [
            (5.0, -15.064998393988727),
            (29.9, -451.3229124585287),
            (30.0, -454.32124395634327),
            (37.5, -707.6689893175072),
            (40.0, -804.6084420137539),
            (70.0, -2455.167637752868),
            (1e3, -500007.8266948122),
        ];
        for (z, expected) in scipy {
            let got = ln_normal_sf(z);
            assert!(
                ((got - expected) / expected).abs() < 1e-11,
                "z = {z}: {got} against {expected}"
            );
        }
        assert_eq!(normal_sf(40.0), 0.0); // what made the logarithm infinite
    }

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

    /// R 4.x: qchisq(c(0.025, 0.975), 11) = 3.815748 21.920049;
    /// qchisq(0.05, 1) = 0.00393214; qnorm(0.975) = 1.959963984540054;
    /// qbeta(0.025, 5, 16) = 0.08657147 (binom.test(5, 20)'s lower limit).
    #[test]
    fn quantiles_match_r() {
        let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * b.abs();
        assert!(close(chi_square_quantile(0.025, 11.0), 3.815748, 1e-6));
        assert!(close(chi_square_quantile(0.975, 11.0), 21.920049, 1e-7));
        assert!(close(chi_square_quantile(0.05, 1.0), 0.00393214, 1e-6));
        assert!(close(normal_quantile(0.975), 1.959963984540054, 1e-14));
        // statrs's erfc is good to about 1e-12 here: ample for the 1e-9 bar.
        assert!(close(normal_cdf(1.959963984540054), 0.975, 1e-11));
        assert!(close(normal_sf(10.0), 7.619853024160527e-24, 1e-10));
        assert!(close(beta_quantile(0.025, 5.0, 16.0), 0.08657147, 1e-6));
    }

    /// R's documented examples: `binom.test(682, 925, p = 0.75)` (Mendel's peas)
    /// gives 0.7076683 0.7654066; `poisson.test(137, 24.19893)` gives 4.753125 6.692709.
    /// Issue 18: huge counts once gave inverted intervals (n = 10⁸, x = n/2 →
    /// [0.5000009, 0.4999991]) and took seconds; tiny fractional counts panicked.
    /// Expected values: SciPy 1.17.1 `chi2.ppf`, `beta.ppf`.
    #[test]
    fn quantiles_hold_for_huge_and_tiny_parameters() {
        let close = |a: f64, b: f64, tol: f64| (a / b - 1.0).abs() < tol;
        assert!(close(
            chi_square_quantile(0.975, 2e6),
            2_003_921.821_930_900_7,
            1e-10
        ));
        assert!(close(
            chi_square_quantile(0.025, 3e5 + 2.0),
            298_485.708_558_120_76,
            1e-9
        ));
        assert!(close(
            beta_quantile(0.025, 5e7, 5e7 + 1.0),
            0.499_901_996_801_959_3,
            1e-9
        ));
        assert!(close(
            beta_quantile(0.975, 5e7 + 1.0, 5e7),
            0.500_098_003_198_040_7,
            1e-9
        ));
        // One parameter small, the other large: the incomplete beta is still exact.
        assert!(close(
            beta_quantile(0.025, 30.0, 2e5),
            1.011_919_132_317_360_7e-4,
            1e-8
        ));
        let (lo, hi) = clopper_pearson(5e7, 1e8, 0.95);
        assert!(lo < 0.5 && 0.5 < hi, "{lo} {hi}");
        let (lo, hi) = poisson_interval(1e16, 1.0, 0.95);
        assert!(lo < 1e16 && 1e16 < hi && hi.is_finite());
        for tiny in [1e-300, 1e-20, 5e-324] {
            let (lo, hi) = poisson_interval(tiny, 1.0, 0.95);
            assert!(lo >= 0.0 && hi.is_finite() && lo <= hi, "{tiny}: {lo} {hi}");
        }
    }

    #[test]
    fn exact_intervals_match_r_examples() {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs();
        let (lo, hi) = clopper_pearson(682.0, 925.0, 0.95);
        assert!(close(lo, 0.7076683) && close(hi, 0.7654066), "{lo} {hi}");
        let (lo, hi) = poisson_interval(137.0, 24.19893, 0.95);
        assert!(close(lo, 4.753125) && close(hi, 6.692709), "{lo} {hi}");
        assert_eq!(clopper_pearson(0.0, 10.0, 0.95).0, 0.0);
        assert_eq!(clopper_pearson(10.0, 10.0, 0.95).1, 1.0);
    }

    #[test]
    fn sd_and_quantiles_of_small_samples() {
        assert!(
            (sample_sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]) - 2.138089935299395).abs()
                < 1e-14
        );
        assert!(sample_sd(&[1.0]).is_nan());
        let sorted = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&sorted, 0.5), 2.5);
        assert_eq!(quantile_sorted(&sorted, 0.0), 1.0);
        assert_eq!(quantile_sorted(&sorted, 1.0), 4.0);
    }

    #[test]
    fn mean_of_nothing_is_nan() {
        assert!(mean(std::iter::empty()).is_nan());
        assert_eq!(mean([1.0, 2.0, 6.0]), 3.0);
    }
}
