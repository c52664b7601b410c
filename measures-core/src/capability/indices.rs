//! Normal-theory capability indices: Cp, Cpl, Cpu, Cpk, Cpm (within-subgroup sigma)
//! and Pp, Ppl, Ppu, Ppk, Ppm (overall sigma), with confidence intervals and
//! expected and observed out-of-specification rates.
//!
//! Formulas (Montgomery, *Introduction to Statistical Quality Control*, §8.3;
//! qcc `processCapability`; Minitab "Methods and formulas: normal capability"):
//!
//! - Cp = (USL − LSL)/6σ, Cpu = (USL − μ)/3σ, Cpl = (μ − LSL)/3σ, Cpk = min(Cpl, Cpu);
//!   Cpm = Cp/√(1 + ((μ − T)/σ)²) (Chan, Cheng & Spiring 1988), two-sided with a target.
//!   The P indices are the same with the overall standard deviation.
//! - Intervals at level 1 − α: Cp and Pp by the chi-square distribution with n − 1
//!   degrees of freedom (Chou, Owen & Borrego 1990); Cpm and Ppm likewise with
//!   n(1 + δ²)/(1 + 2δ²) degrees of freedom, δ = (μ − T)/σ (Boyles 1991); Cpk, Cpl,
//!   Cpu and their P twins by Bissell's (1990) normal approximation
//!   Ĉ(1 ± z₁₋α/₂·√(1/(9nĈ²) + 1/(2(n − 1)))). qcc uses the one-sided z₁₋α for Cpl and
//!   Cpu; here every interval is two-sided at the level asked for.
//! - Expected fractions out of specification Φ((LSL − μ)/σ) and 1 − Φ((USL − μ)/σ),
//!   within and overall; observed fractions strictly below LSL and above USL.

use super::specification::{check_finite, check_level, Estimate, Specification};
use crate::error::{MeasuresError, Result};
use crate::estimators::constants;
use crate::stats::{chi_square_quantile, mean, normal_cdf, normal_quantile, normal_sf, sample_sd};
use crate::subgroups::Subgroups;
use serde::{Deserialize, Serialize};

/// How the within-subgroup (short-term) sigma behind Cp and Cpk is estimated.
///
/// ```
/// use measures_core::capability::WithinSigma;
/// assert_eq!(WithinSigma::MovingRange.name(), "moving_range");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithinSigma {
    /// Individuals: the mean moving range over d2(2), MR̄/1.128 (Minitab's default).
    MovingRange,
    /// Subgroups: the mean of Rᵢ/d2(nᵢ), which is R̄/d2 for equal sizes (qcc's default
    /// for X-bar charts, "UWAVE-R").
    MeanRange,
    /// Subgroups: the mean of sᵢ/c4(nᵢ), which is s̄/c4 for equal sizes ("UWAVE-SD").
    MeanStdDev,
    /// Subgroups: the pooled standard deviation √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)) over c4(d + 1),
    /// d = Σ(nᵢ − 1) (Minitab's default for subgroups).
    PooledStdDev,
    /// A sigma known from elsewhere (a long-run chart, a standard).
    Given(f64),
}

impl WithinSigma {
    /// The estimator's name as it appears in JSON.
    pub fn name(self) -> &'static str {
        match self {
            WithinSigma::MovingRange => "moving_range",
            WithinSigma::MeanRange => "mean_range",
            WithinSigma::MeanStdDev => "mean_std_dev",
            WithinSigma::PooledStdDev => "pooled_std_dev",
            WithinSigma::Given(_) => "given",
        }
    }
}

/// Options for the capability indices.
///
/// ```
/// use measures_core::capability::CapabilityOptions;
/// let o = CapabilityOptions::default();
/// assert_eq!(o.level, 0.95);
/// assert!(o.within.is_none()); // the default estimator for the data's shape
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CapabilityOptions {
    /// Confidence level of the intervals, strictly between 0 and 1.
    pub level: f64,
    /// Within-subgroup sigma estimator; `None` picks the moving range for individuals
    /// and the pooled standard deviation for subgroups.
    pub within: Option<WithinSigma>,
}

impl Default for CapabilityOptions {
    fn default() -> Self {
        CapabilityOptions {
            level: 0.95,
            within: None,
        }
    }
}

/// Fractions of output below and above the specification limits (`None` for a
/// limit that was not given), their total, and the same in parts per million.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OutOfSpec {
    /// Fraction below the lower limit.
    pub below: Option<f64>,
    /// Fraction above the upper limit.
    pub above: Option<f64>,
    /// Fraction outside either limit.
    pub total: f64,
    /// `total` in parts per million.
    pub total_ppm: f64,
}

impl OutOfSpec {
    fn new(below: Option<f64>, above: Option<f64>) -> Self {
        let total = below.unwrap_or(0.0) + above.unwrap_or(0.0);
        OutOfSpec {
            below,
            above,
            total,
            total_ppm: total * 1e6,
        }
    }
}

/// Capability indices of a process against its specification, with intervals.
///
/// An index is `None` when its limit was not given (Cpl without an LSL) or, for Cpm
/// and Ppm, when there is no target or only one limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capability {
    /// Number of observations.
    pub n: usize,
    /// Process mean (the grand mean for subgroups).
    pub mean: f64,
    /// Within-subgroup (short-term) sigma.
    pub sigma_within: f64,
    /// How `sigma_within` was estimated.
    pub within: WithinSigma,
    /// Overall (long-term) sample standard deviation, n − 1 divisor.
    pub sigma_overall: f64,
    /// The specification the indices are measured against.
    pub specification: Specification,
    /// Confidence level of every interval.
    pub level: f64,
    /// Potential capability (USL − LSL)/6σ_within.
    pub cp: Option<Estimate>,
    /// (μ − LSL)/3σ_within.
    pub cpl: Option<Estimate>,
    /// (USL − μ)/3σ_within.
    pub cpu: Option<Estimate>,
    /// min(Cpl, Cpu).
    pub cpk: Option<Estimate>,
    /// Taguchi index: Cp/√(1 + ((μ − T)/σ_within)²).
    pub cpm: Option<Estimate>,
    /// (USL − LSL)/6σ_overall.
    pub pp: Option<Estimate>,
    /// (μ − LSL)/3σ_overall.
    pub ppl: Option<Estimate>,
    /// (USL − μ)/3σ_overall.
    pub ppu: Option<Estimate>,
    /// min(Ppl, Ppu).
    pub ppk: Option<Estimate>,
    /// Pp/√(1 + ((μ − T)/σ_overall)²).
    pub ppm: Option<Estimate>,
    /// Expected out of specification under a normal model with the within sigma.
    pub expected_within: OutOfSpec,
    /// Expected out of specification under a normal model with the overall sigma.
    pub expected_overall: OutOfSpec,
    /// Observed out of specification in the data.
    pub observed: OutOfSpec,
    /// Caveats for the reader (small samples, a process off target).
    pub notes: Vec<String>,
}

/// Capability of individual values (one observation per time period), with the
/// within sigma from the average moving range unless `options.within` says otherwise.
///
/// Pass the values of a stable phase, in time order (the moving range depends on it).
///
/// ```
/// use measures_core::capability::{capability, CapabilityOptions, Specification};
/// let days = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0];
/// let c = capability(&days, &Specification::upper(20.0), &CapabilityOptions::default())?;
/// assert!(c.cpk.unwrap().value > 1.0);
/// assert!(c.cp.is_none()); // one-sided: no Cp
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn capability(
    values: &[f64],
    spec: &Specification,
    options: &CapabilityOptions,
) -> Result<Capability> {
    check_level(options.level)?;
    check_finite(values)?;
    if values.len() < 2 {
        return Err(too_few(values.len()));
    }
    let within = options.within.unwrap_or(WithinSigma::MovingRange);
    let sigma_within = match within {
        WithinSigma::MovingRange => moving_range_sigma(values)?,
        WithinSigma::Given(sigma) => given(sigma)?,
        other => {
            return Err(MeasuresError::InvalidOption {
                name: "within sigma",
                reason: format!(
                    "{} needs subgroups; use subgroup_capability, or moving_range for individual values",
                    other.name()
                ),
            })
        }
    };
    indices(
        values,
        mean(values.iter().copied()),
        sigma_within,
        within,
        spec,
        options.level,
    )
}

/// Capability of subgrouped data (an X-bar chart's subgroups), with the within sigma
/// from ranges or standard deviations within the subgroups.
///
/// ```
/// use measures_core::capability::{subgroup_capability, CapabilityOptions, Specification, WithinSigma};
/// use measures_core::Subgroups;
/// let x = [10.00, 10.02, 9.98, 10.01, 10.03, 9.99, 10.01, 10.00, 9.97, 10.04, 10.02, 9.99];
/// let groups = Subgroups::new(&x, &[4, 4, 4])?;
/// let options = CapabilityOptions { within: Some(WithinSigma::MeanRange), ..Default::default() };
/// let c = subgroup_capability(&groups, &Specification::new(Some(9.9), Some(10.1), None)?, &options)?;
/// assert!((c.cp.unwrap().value - 1.372667).abs() < 1e-6); // qcc's documented value
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn subgroup_capability(
    groups: &Subgroups<'_>,
    spec: &Specification,
    options: &CapabilityOptions,
) -> Result<Capability> {
    check_level(options.level)?;
    let values = groups.observations();
    if values.len() < 2 {
        return Err(too_few(values.len()));
    }
    let sizes = groups.sizes();
    let within = options.within.unwrap_or(WithinSigma::PooledStdDev);
    let needs_pairs = || {
        if sizes.iter().all(|&n| n >= 2) {
            Ok(())
        } else {
            Err(MeasuresError::InvalidOption {
                name: "within sigma",
                reason: format!(
                    "{} needs every subgroup to hold at least 2 observations",
                    within.name()
                ),
            })
        }
    };
    let sigma_within =
        match within {
            WithinSigma::MeanRange => {
                needs_pairs()?;
                let mut sum = 0.0;
                for (r, &n) in groups.ranges().iter().zip(sizes) {
                    sum += r / constants::d2(n)?;
                }
                sum / sizes.len() as f64
            }
            WithinSigma::MeanStdDev => {
                needs_pairs()?;
                let mut sum = 0.0;
                for (s, &n) in groups.std_devs().iter().zip(sizes) {
                    sum += s / constants::c4(n)?;
                }
                sum / sizes.len() as f64
            }
            WithinSigma::PooledStdDev => {
                let sds = groups.std_devs();
                let (mut ss, mut d) = (0.0, 0usize);
                for (s, &n) in sds.iter().zip(sizes) {
                    if n >= 2 {
                        ss += (n - 1) as f64 * s * s;
                        d += n - 1;
                    }
                }
                if d == 0 {
                    needs_pairs()?;
                }
                (ss / d as f64).sqrt() / constants::c4(d + 1)?
            }
            WithinSigma::Given(sigma) => given(sigma)?,
            WithinSigma::MovingRange => return Err(MeasuresError::InvalidOption {
                name: "within sigma",
                reason:
                    "moving_range is for individual values; use capability, or a subgroup estimator"
                        .into(),
            }),
        };
    indices(
        values,
        mean(values.iter().copied()),
        sigma_within,
        within,
        spec,
        options.level,
    )
}

/// Within sigma of individual values: the mean moving range (span 2) over d2(2).
pub(super) fn moving_range_sigma(values: &[f64]) -> Result<f64> {
    Ok(mean(values.windows(2).map(|w| (w[1] - w[0]).abs())) / constants::d2(2)?)
}

fn too_few(got: usize) -> MeasuresError {
    MeasuresError::TooFewPoints {
        what: "capability indices (a within and an overall standard deviation)",
        phase: 0,
        needed: 2,
        got,
    }
}

fn given(sigma: f64) -> Result<f64> {
    if sigma.is_finite() && sigma > 0.0 {
        Ok(sigma)
    } else {
        Err(MeasuresError::InvalidOption {
            name: "within sigma",
            reason: format!("a given sigma must be a positive number, not {sigma}"),
        })
    }
}

/// The indices from a mean and the two sigmas; shared by the normal and Box–Cox paths.
pub(super) fn indices(
    values: &[f64],
    centre: f64,
    sigma_within: f64,
    within: WithinSigma,
    spec: &Specification,
    level: f64,
) -> Result<Capability> {
    let n = values.len();
    let sigma_overall = sample_sd(values);
    if sigma_within.is_nan() || sigma_within <= 0.0 {
        return Err(MeasuresError::NoVariation {
            what: "the within-subgroup standard deviation",
            needed: "Cp, Cpk and Cpm",
        });
    }
    if sigma_overall.is_nan() || sigma_overall <= 0.0 {
        return Err(MeasuresError::NoVariation {
            what: "the overall standard deviation",
            needed: "Pp, Ppk and Ppm",
        });
    }
    if !centre.is_finite() || !sigma_overall.is_finite() || !sigma_within.is_finite() {
        return Err(MeasuresError::Overflow {
            what: "the mean and standard deviations",
            phase: 0,
        });
    }
    let alpha = 1.0 - level;
    let z = normal_quantile(1.0 - alpha / 2.0);
    let family = |sigma: f64| IndexFamily::new(centre, sigma, spec, n, alpha, z);
    let (w, o) = (family(sigma_within), family(sigma_overall));

    let observed_below = spec
        .lower
        .map(|l| values.iter().filter(|&&x| x < l).count() as f64 / n as f64);
    let observed_above = spec
        .upper
        .map(|u| values.iter().filter(|&&x| x > u).count() as f64 / n as f64);

    let mut notes = Vec::new();
    if n < 30 {
        notes.push(format!(
            "only {n} observations: the intervals are wide; read the indices as rough"
        ));
    }
    if let (Some(cp), Some(cpk)) = (w.p, w.k) {
        if cpk.value < 0.75 * cp.value {
            notes.push(format!(
                "Cpk ({:.2}) is well below Cp ({:.2}): the process is off centre; centring it would gain more than reducing variation",
                cpk.value, cp.value
            ));
        }
    }
    // A specification enormous beside the spread (or a spread that underflowed) gives
    // indices no float holds: refuse rather than report infinity.
    let all = [&w.p, &w.l, &w.u, &w.k, &w.m, &o.p, &o.l, &o.u, &o.k, &o.m];
    let broken = |e: &&Option<Estimate>| {
        e.is_some_and(|e| !(e.value.is_finite() && e.lower.is_finite() && e.upper.is_finite()))
    };
    if !(centre.is_finite() && sigma_overall.is_finite()) || all.iter().any(broken) {
        return Err(MeasuresError::Overflow {
            what: "the capability indices (the specification is too wide for the spread, or the values too large)",
            phase: 0,
        });
    }
    Ok(Capability {
        n,
        mean: centre,
        sigma_within,
        within,
        sigma_overall,
        specification: *spec,
        level,
        cp: w.p,
        cpl: w.l,
        cpu: w.u,
        cpk: w.k,
        cpm: w.m,
        pp: o.p,
        ppl: o.l,
        ppu: o.u,
        ppk: o.k,
        ppm: o.m,
        expected_within: w.expected,
        expected_overall: o.expected,
        observed: OutOfSpec::new(observed_below, observed_above),
        notes,
    })
}

/// Cp, Cpl, Cpu, Cpk, Cpm (or the P family) for one sigma.
struct IndexFamily {
    p: Option<Estimate>,
    l: Option<Estimate>,
    u: Option<Estimate>,
    k: Option<Estimate>,
    m: Option<Estimate>,
    expected: OutOfSpec,
}

impl IndexFamily {
    fn new(centre: f64, sigma: f64, spec: &Specification, n: usize, alpha: f64, z: f64) -> Self {
        let nf = n as f64;
        let chi_square = |index: f64, df: f64| Estimate {
            value: index,
            lower: index * (chi_square_quantile(alpha / 2.0, df) / df).sqrt(),
            upper: index * (chi_square_quantile(1.0 - alpha / 2.0, df) / df).sqrt(),
        };
        // Bissell (1990): the standard error of Ĉpk is Ĉpk·√(1/(9nĈpk²) + 1/(2(n−1))).
        let bissell = |index: f64| {
            let half = z * (1.0 / (9.0 * nf * index * index) + 1.0 / (2.0 * (nf - 1.0))).sqrt();
            Estimate {
                value: index,
                lower: index * (1.0 - half),
                upper: index * (1.0 + half),
            }
        };
        let p = spec
            .width()
            .map(|w| chi_square(w / (6.0 * sigma), nf - 1.0));
        let l = spec.lower.map(|l| bissell((centre - l) / (3.0 * sigma)));
        let u = spec.upper.map(|u| bissell((u - centre) / (3.0 * sigma)));
        let k_value = match (l, u) {
            (Some(l), Some(u)) => l.value.min(u.value),
            (Some(one), None) | (None, Some(one)) => one.value,
            (None, None) => f64::NAN,
        };
        let k = (l.is_some() || u.is_some()).then(|| bissell(k_value));
        let m = match (p, spec.target) {
            (Some(p), Some(t)) => {
                let delta = (centre - t) / sigma;
                let df = nf * (1.0 + delta * delta) / (1.0 + 2.0 * delta * delta);
                Some(chi_square(p.value / (1.0 + delta * delta).sqrt(), df))
            }
            _ => None,
        };
        let expected = OutOfSpec::new(
            spec.lower.map(|l| normal_cdf((l - centre) / sigma)),
            spec.upper.map(|u| normal_sf((u - centre) / sigma)),
        );
        IndexFamily {
            p,
            l,
            u,
            k,
            m,
            expected,
        }
    }
}
