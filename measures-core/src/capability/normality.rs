//! Non-normal data: the Anderson–Darling normality test, the ISO 22514-2 percentile
//! method, and the Box–Cox transform.
//!
//! End-to-end times are rarely normal (they are bounded below and skewed to the
//! right), so normal-theory indices can mislead. Test first; if the data are not
//! normal, use percentiles (many observations) or a Box–Cox transform.

use super::indices::{indices, moving_range_sigma, Capability, CapabilityOptions, WithinSigma};
use super::specification::{check_finite, check_level, Specification};
use crate::error::{MeasuresError, Result};
use crate::stats::{chi_square_quantile, ln_normal_sf, mean, quantile_sorted, sample_sd};
use serde::{Deserialize, Serialize};

/// The Anderson–Darling test of normality with mean and variance estimated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Normality {
    /// Number of observations.
    pub n: usize,
    /// The statistic A².
    pub statistic: f64,
    /// A² adjusted for sample size, A²·(1 + 0.75/n + 2.25/n²).
    pub adjusted: f64,
    /// P-value of the hypothesis that the data come from a normal distribution.
    pub p_value: f64,
}

/// Anderson–Darling test for normality (D'Agostino & Stephens, *Goodness-of-Fit
/// Techniques*, 1986, Table 4.9; as R's `nortest::ad.test` and `fBasics::adTest`).
///
/// A² = −n − (1/n)Σ(2i − 1)[ln pᵢ + ln(1 − pₙ₊₁₋ᵢ)], pᵢ = Φ((x₍ᵢ₎ − x̄)/s); the p-value
/// comes from the adjusted statistic by Stephens' piecewise formulas. Needs at least
/// 8 observations (as nortest).
///
/// ```
/// use measures_core::capability::anderson_darling;
/// let x = [-0.1184, -1.3403, 0.0063, -0.612, -0.3869, -0.2313, -2.8485, -0.2167, 0.4153, 1.8492,
///          -0.3706, 0.9726, -0.1501, -0.0337, -1.4423, 1.2489, 0.9182, -0.2331, -0.6182, 0.183];
/// let t = anderson_darling(&x)?;
/// assert!((t.statistic - 0.5867235358882148).abs() < 1e-9); // R fBasics::adTest
/// assert!(t.p_value > 0.05);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn anderson_darling(values: &[f64]) -> Result<Normality> {
    check_finite(values)?;
    let n = values.len();
    if n < 8 {
        return Err(MeasuresError::TooFewPoints {
            what: "the Anderson-Darling normality test",
            phase: 0,
            needed: 8,
            got: n,
        });
    }
    let centre = mean(values.iter().copied());
    let sd = sample_sd(values);
    if sd.is_nan() || sd <= 0.0 {
        return Err(MeasuresError::NoVariation {
            what: "the standard deviation",
            needed: "a normality test",
        });
    }
    let mut z: Vec<f64> = values.iter().map(|x| (x - centre) / sd).collect();
    z.sort_unstable_by(f64::total_cmp);
    let nf = n as f64;
    // ln Φ(z) and ln(1 − Φ(z)) from the tail each lies in, finite even for a point
    // dozens of standard deviations out (one extreme case among 10⁵ end-to-end
    // times), where Φ itself rounds to 0 or 1.
    let sum: f64 = (0..n)
        .map(|i| (2 * i + 1) as f64 * (ln_normal_sf(-z[i]) + ln_normal_sf(z[n - 1 - i])))
        .sum();
    let statistic = -nf - sum / nf;
    if !statistic.is_finite() {
        // A spread too large to square, or values that differ only in their last bits.
        return Err(MeasuresError::Overflow {
            what: "the Anderson-Darling statistic",
            phase: 0,
        });
    }
    let adjusted = statistic * (1.0 + 0.75 / nf + 2.25 / (nf * nf));
    let a = adjusted;
    let p_value = if a < 0.2 {
        1.0 - (-13.436 + 101.14 * a - 223.73 * a * a).exp()
    } else if a < 0.34 {
        1.0 - (-8.318 + 42.796 * a - 59.938 * a * a).exp()
    } else if a < 0.6 {
        (0.9177 - 4.279 * a - 1.38 * a * a).exp()
    } else if a < 10.0 {
        (1.2937 - 5.709 * a + 0.0186 * a * a).exp()
    } else {
        3.7e-24
    };
    Ok(Normality {
        n,
        statistic,
        adjusted,
        p_value,
    })
}

/// Capability by the percentile method of ISO 22514-2: the normal ±3σ is replaced by
/// the 0.135 % and 99.865 % points of the data, and the mean by the median.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PercentileCapability {
    /// Number of observations.
    pub n: usize,
    /// The 0.135 % point.
    pub p00135: f64,
    /// The median.
    pub median: f64,
    /// The 99.865 % point.
    pub p99865: f64,
    /// (USL − LSL)/(X₉₉.₈₆₅ − X₀.₁₃₅).
    pub pp: Option<f64>,
    /// (X₅₀ − LSL)/(X₅₀ − X₀.₁₃₅).
    pub ppl: Option<f64>,
    /// (USL − X₅₀)/(X₉₉.₈₆₅ − X₅₀).
    pub ppu: Option<f64>,
    /// min(Ppl, Ppu).
    pub ppk: Option<f64>,
    /// Caveats, e.g. too few observations for the extreme percentiles.
    pub notes: Vec<String>,
}

/// Performance indices by the ISO 22514-2 percentile method, from the empirical
/// percentiles (linear interpolation between order statistics, R's default type 7).
///
/// ```
/// use measures_core::capability::{percentile_capability, Specification};
/// let x: Vec<f64> = (0..=1000).map(|i| i as f64 / 100.0).collect(); // 0 to 10
/// let c = percentile_capability(&x, &Specification::new(Some(-5.0), Some(15.0), None)?)?;
/// assert!((c.median - 5.0).abs() < 1e-12);
/// assert!((c.p00135 - 0.0135).abs() < 1e-12);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn percentile_capability(values: &[f64], spec: &Specification) -> Result<PercentileCapability> {
    check_finite(values)?;
    let n = values.len();
    if n < 2 {
        return Err(MeasuresError::TooFewPoints {
            what: "percentile capability",
            phase: 0,
            needed: 2,
            got: n,
        });
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let low = quantile_sorted(&sorted, 0.00135);
    let median = quantile_sorted(&sorted, 0.5);
    let high = quantile_sorted(&sorted, 0.99865);
    if high <= low {
        return Err(MeasuresError::NoVariation {
            what: "the spread between the 0.135 % and 99.865 % points",
            needed: "percentile capability",
        });
    }
    let pp = spec.width().map(|w| w / (high - low));
    let ppl = spec.lower.map(|l| (median - l) / (median - low));
    let ppu = spec.upper.map(|u| (u - median) / (high - median));
    let ppk = match (ppl, ppu) {
        (Some(l), Some(u)) => Some(l.min(u)),
        (one, None) | (None, one) => one,
    };
    let finite = |x: &Option<f64>| x.is_none_or(f64::is_finite);
    if ![low, median, high].iter().all(|x| x.is_finite()) || ![pp, ppl, ppu, ppk].iter().all(finite)
    {
        return Err(MeasuresError::Overflow {
            what: "the percentile indices (the specification is too wide for the spread, or the values too large)",
            phase: 0,
        });
    }
    let mut notes = Vec::new();
    // With type-7 interpolation the 0.135 % point reaches past the lowest observation
    // only when (n − 1)·0.00135 ≥ 1.
    if n < 742 {
        notes.push(format!(
            "only {n} observations: the 0.135 % and 99.865 % points fall between the two most extreme \
             values, so the spread is understated and the indices optimistic; 742 or more are needed, \
             or use a Box-Cox transform"
        ));
    }
    Ok(PercentileCapability {
        n,
        p00135: low,
        median,
        p99865: high,
        pp,
        ppl,
        ppu,
        ppk,
        notes,
    })
}

/// A fitted Box–Cox transform y = (x^λ − 1)/λ (ln x at λ = 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoxCox {
    /// The power λ used.
    pub lambda: f64,
    /// Whether λ was estimated (true) or given.
    pub estimated: bool,
    /// Profile log-likelihood at λ.
    pub log_likelihood: f64,
    /// Lower end of the likelihood-ratio interval for λ at the level asked for
    /// (−5 when it reaches the search range's edge).
    pub lower: f64,
    /// Upper end of the interval (5 at the edge).
    pub upper: f64,
}

impl BoxCox {
    /// Transform one value; `None` when it is not positive.
    ///
    /// ```
    /// use measures_core::capability::BoxCox;
    /// let t = BoxCox { lambda: 0.5, estimated: false, log_likelihood: 0.0, lower: 0.0, upper: 1.0 };
    /// assert_eq!(t.apply(4.0), Some(2.0)); // (√4 − 1)/0.5
    /// assert_eq!(t.apply(-1.0), None);
    /// ```
    pub fn apply(&self, x: f64) -> Option<f64> {
        (x > 0.0).then(|| transform(x, self.lambda))
    }
}

const LAMBDA_RANGE: (f64, f64) = (-5.0, 5.0);

fn transform(x: f64, lambda: f64) -> f64 {
    if lambda.abs() < 1e-12 {
        x.ln()
    } else {
        (x.powf(lambda) - 1.0) / lambda
    }
}

/// Box & Cox (1964) profile log-likelihood of λ for one sample, up to a constant:
/// −(n/2)·ln σ̂²(λ) + (λ − 1)·Σ ln xᵢ, with σ̂² the variance (divisor n) of the
/// transformed values.
fn log_likelihood(values: &[f64], sum_ln: f64, lambda: f64) -> f64 {
    let n = values.len() as f64;
    let (mut m, mut m2) = (0.0, 0.0);
    for (k, &x) in values.iter().enumerate() {
        let y = transform(x, lambda);
        let delta = y - m;
        m += delta / (k + 1) as f64;
        m2 += delta * (y - m);
    }
    -0.5 * n * (m2 / n).ln() + (lambda - 1.0) * sum_ln
}

/// Estimate the Box–Cox λ by maximum likelihood over [−5, 5] (a grid of 0.01, then a
/// golden-section search around the best), with the likelihood-ratio interval
/// {λ : 2(ℓ(λ̂) − ℓ(λ)) ≤ χ²₁(level)} as MASS::boxcox draws it.
///
/// ```
/// use measures_core::capability::box_cox;
/// // Log-normal-looking data: λ near 0.
/// let x: Vec<f64> = [-1.5, -1.0, -0.6, -0.3, 0.0, 0.3, 0.6, 1.0, 1.5].iter().map(|z: &f64| z.exp()).collect();
/// let t = box_cox(&x, 0.95)?;
/// assert!(t.lambda.abs() < 0.1);
/// assert!(t.lower < 0.0 && t.upper > 0.0);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn box_cox(values: &[f64], level: f64) -> Result<BoxCox> {
    check_level(level)?;
    let sum_ln = check_positive(values)?;
    let ll = |lambda: f64| log_likelihood(values, sum_ln, lambda);
    let (lo, hi) = LAMBDA_RANGE;
    let steps = 1000;
    let step = (hi - lo) / steps as f64;
    let mut best = (lo, ll(lo));
    for k in 1..=steps {
        let lambda = lo + k as f64 * step;
        let l = ll(lambda);
        if l > best.1 {
            best = (lambda, l);
        }
    }
    // Golden-section search within one grid step either side.
    let (mut a, mut b) = ((best.0 - step).max(lo), (best.0 + step).min(hi));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..100 {
        let c = b - ratio * (b - a);
        let d = a + ratio * (b - a);
        if ll(c) > ll(d) {
            b = d;
        } else {
            a = c;
        }
        if b - a < 1e-10 {
            break;
        }
    }
    let lambda = 0.5 * (a + b);
    let top = ll(lambda);
    if !top.is_finite() {
        return Err(MeasuresError::NoVariation {
            what: "the spread of the values",
            needed: "a Box-Cox transform",
        });
    }
    let cut = top - chi_square_quantile(level, 1.0) / 2.0;
    let crossing = |inside: f64, outside: f64| {
        if ll(outside) >= cut {
            return outside;
        }
        let (mut i, mut o) = (inside, outside);
        for _ in 0..100 {
            let mid = 0.5 * (i + o);
            if ll(mid) >= cut {
                i = mid;
            } else {
                o = mid;
            }
        }
        0.5 * (i + o)
    };
    Ok(BoxCox {
        lambda,
        estimated: true,
        log_likelihood: top,
        lower: crossing(lambda, lo),
        upper: crossing(lambda, hi),
    })
}

fn check_positive(values: &[f64]) -> Result<f64> {
    check_finite(values)?;
    if values.len() < 3 {
        return Err(MeasuresError::TooFewPoints {
            what: "a Box-Cox transform",
            phase: 0,
            needed: 3,
            got: values.len(),
        });
    }
    let mut sum_ln = 0.0;
    for (index, &x) in values.iter().enumerate() {
        if x <= 0.0 {
            return Err(MeasuresError::InvalidValue {
                what: "value",
                index,
                value: x,
                reason: "is not positive; a Box-Cox transform needs values above 0 (add a constant first)"
                    .into(),
            });
        }
        sum_ln += x.ln();
    }
    Ok(sum_ln)
}

/// Capability after a Box–Cox transform: estimates λ (or uses the one given),
/// transforms the data, the specification limits and the target, and computes the
/// normal indices on the transformed scale (as Minitab's Box–Cox capability does).
/// The transform is increasing for every λ, so the limits keep their order.
///
/// ```
/// use measures_core::capability::{box_cox_capability, CapabilityOptions, Specification};
/// let days = [3.0, 5.0, 4.0, 9.0, 6.0, 4.0, 12.0, 5.0, 7.0, 4.0, 6.0, 8.0];
/// let (t, c) = box_cox_capability(&days, &Specification::upper(30.0), &CapabilityOptions::default(), None)?;
/// assert!(t.estimated);
/// assert!(c.ppk.is_some());
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn box_cox_capability(
    values: &[f64],
    spec: &Specification,
    options: &CapabilityOptions,
    lambda: Option<f64>,
) -> Result<(BoxCox, Capability)> {
    check_level(options.level)?;
    let fit = match lambda {
        Some(l) if !(l.is_finite() && (LAMBDA_RANGE.0..=LAMBDA_RANGE.1).contains(&l)) => {
            return Err(MeasuresError::InvalidOption {
                name: "Box-Cox lambda",
                reason: format!("{l} is outside [-5, 5]"),
            })
        }
        Some(l) => {
            let sum_ln = check_positive(values)?;
            BoxCox {
                lambda: l,
                estimated: false,
                log_likelihood: log_likelihood(values, sum_ln, l),
                lower: f64::NAN,
                upper: f64::NAN,
            }
        }
        None => box_cox(values, options.level)?,
    };
    let limit = |name: &str, v: Option<f64>| -> Result<Option<f64>> {
        match v {
            None => Ok(None),
            Some(x) if x > 0.0 => Ok(Some(transform(x, fit.lambda))),
            Some(x) => Err(MeasuresError::InvalidSpecification {
                reason: format!(
                    "the {name} ({x}) is not positive, so it cannot be Box-Cox transformed; \
                     leave it out if nothing can fall below it"
                ),
            }),
        }
    };
    let transformed_spec = Specification::new(
        limit("lower limit", spec.lower)?,
        limit("upper limit", spec.upper)?,
        limit("target", spec.target)?,
    )?;
    let y: Vec<f64> = values.iter().map(|&x| transform(x, fit.lambda)).collect();
    let within = options.within.unwrap_or(WithinSigma::MovingRange);
    let sigma_within = match within {
        WithinSigma::MovingRange => moving_range_sigma(&y)?,
        other => {
            return Err(MeasuresError::InvalidOption {
                name: "within sigma",
                reason: format!(
                    "Box-Cox capability works on individual values with the moving range, not {}",
                    other.name()
                ),
            })
        }
    };
    let mut result = indices(
        &y,
        mean(y.iter().copied()),
        sigma_within,
        within,
        &transformed_spec,
        options.level,
    )?;
    result.notes.push(format!(
        "indices computed on Box-Cox transformed data (lambda {:.3}); the specification shown is transformed too",
        fit.lambda
    ));
    Ok((fit, result))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log-likelihood by hand for x = (1, 2, 4) at λ = 0: y = ln x = (0, ln2, 2ln2),
    /// σ̂² = (2/3)(ln 2)², Σ ln x = 3 ln 2, ℓ = −1.5·ln σ̂² − 3 ln 2.
    #[test]
    fn log_likelihood_by_hand() {
        let x = [1.0, 2.0, 4.0];
        let ln2 = 2f64.ln();
        let expected = -1.5 * ((2.0 / 3.0) * ln2 * ln2).ln() - 3.0 * ln2;
        let got = log_likelihood(&x, 3.0 * ln2, 0.0);
        assert!((got - expected).abs() < 1e-12, "{got} {expected}");
        // λ = 1 leaves the data's shape alone: σ̂² of (0, 1, 3) is 14/9.
        let got = log_likelihood(&x, 3.0 * ln2, 1.0);
        assert!((got + 1.5 * (14.0f64 / 9.0).ln()).abs() < 1e-12);
    }

    /// One point dozens of standard deviations out (a case that took years among
    /// thousands that took days) puts Φ at exactly 1 and 1 − Φ at 0 in floating
    /// point; the test still answers, clearly non-normal, instead of refusing the
    /// data as "too large". (Found by the predictability simulation: one log of
    /// 100,000 log-normal times in fifty had no end-to-end statement.)
    #[test]
    fn an_extreme_point_among_many_is_not_an_overflow() {
        let mut values: Vec<f64> = (0..5000)
            .map(|i| ((i * 7919) % 5000) as f64 / 5000.0)
            .collect();
        values.push(1e4);
        let z_far = (1e4 - mean(values.iter().copied())) / sample_sd(&values);
        assert!(z_far > 60.0, "{z_far}");
        let t = anderson_darling(&values).expect("a statistic");
        assert!(
            t.statistic.is_finite() && t.statistic > 100.0,
            "{}",
            t.statistic
        );
        assert!(t.p_value < 1e-20);
    }
}
