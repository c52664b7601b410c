//! Funnel plots for comparing units (teams, councils, practices) fairly: each unit's
//! indicator against a target, with control limits that narrow as the unit's size
//! grows, and over-dispersion handled as Spiegelhalter recommends.
//!
//! Sources: D. J. Spiegelhalter, "Funnel plots for comparing institutional
//! performance", *Statistics in Medicine* 24 (2005) 1185–1202 (limits, exact limits
//! in its appendix); "Handling over-dispersion of performance indicators", *Quality
//! and Safety in Health Care* 14 (2005) 347–351 (winsorised φ, its χ² test, the
//! multiplicative and the additive random-effects adjustments, τ² by
//! DerSimonian–Laird). See `../shared/reference/README.md`, "Funnel plots".
//!
//! - Unit i has an estimate yᵢ and, under the target θ₀, a standard error sᵢ:
//!   proportion √(θ₀(1−θ₀)/nᵢ), rate per exposure √(θ₀/nᵢ), standardised ratio O/E
//!   √(θ₀/Eᵢ), mean σ/√nᵢ (σ pooled from the units' standard deviations).
//! - zᵢ = (yᵢ − θ₀)/sᵢ; limits at level p are θ₀ ± z_p·s(n) (z_p the two-sided
//!   normal quantile), or the exact binomial or Poisson limits (the default for
//!   proportions, rates and ratios), interpolated as the 2005 paper's appendix does.
//! - Over-dispersion: φ̂ = mean of the z-scores winsorised at the 10% most extreme
//!   in each tail (R's type-7 quantiles); kφ̂ ~ χ²(k − 1) without over-dispersion.
//!   Multiplicative: limits θ₀ ± √φ̂·(limit − θ₀), zᵢ/√φ̂. Additive (random
//!   effects): τ̂² = max(0, (kφ̂ − (k − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ)), wᵢ = 1/sᵢ²; limits
//!   θ₀ ± z_p·√(s(n)² + τ̂²), zᵢ = (yᵢ − θ₀)/√(sᵢ² + τ̂²). `Auto` adjusts
//!   (additively) only when the χ² test finds over-dispersion at the 5% level.
//! - A unit is outside a band only when strictly beyond its limit. Units are ranked
//!   by z, never by their raw value.
//! - [`FunnelMethod::Shmi`] and [`FunnelMethod::Cqc`] follow FunnelPlotR
//!   (nhs-r-community/FunnelPlotR: `R/od_adjustment.R`, `R/calculate_limits.R`): z on
//!   a log, square-root or arcsine scale, φ̂ from truncated (SHMI) or winsorised z,
//!   τ̂² on that scale, limits back-transformed. Where we depart from it is said on
//!   each variant.

use crate::error::{MeasuresError, Result};
use crate::icons::Variation;
use crate::options::Direction;
use crate::rules::Side;
use crate::stats::{mid_ranks, normal_quantile, poisson_interval, quantile_sorted};
use serde::{Deserialize, Serialize};
use statrs::function::beta::beta_reg;
use statrs::function::gamma::gamma_ur;
use std::collections::HashMap;

/// What each unit's indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelKind {
    /// Numerator over denominator, each case in or out (binomial).
    #[default]
    Proportion,
    /// Events per unit of exposure (Poisson), e.g. complaints per 1,000 cases.
    Rate,
    /// Observed over expected events, an indirectly standardised ratio (Poisson).
    Ratio,
    /// A mean of `n` values with its standard deviation.
    Mean,
}

/// How the limits are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelLimits {
    /// Exact binomial or Poisson limits, interpolated (proportions, rates, ratios).
    Exact,
    /// The normal approximation θ₀ ± z·s(n).
    Normal,
}

/// Whose method judges the units: the scale z-scores are taken on and how φ̂ is
/// estimated. `Shmi` and `Cqc` reproduce FunnelPlotR (nhs-r-community), whose
/// conventions NHS analysts compare against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelMethod {
    /// z = (y − θ₀)/s on the indicator's own scale, φ̂ from winsorised z
    /// (Spiegelhalter 2005).
    #[default]
    Spiegelhalter,
    /// NHS Digital's SHMI: ratios and rates on the log scale, z = √E·log(O/E), φ̂
    /// from the z-scores left after truncating the most extreme in each tail,
    /// expected counts rounded to two decimals, a ratio's target 1; unadjusted
    /// limits exact Poisson (Garwood's, continuous in E).
    Shmi,
    /// The Care Quality Commission's: ratios and rates on the square-root scale,
    /// z = 2(√O − √E); proportions on the arcsine scale, z = 2√n(asin√p − asin√θ₀);
    /// winsorised φ̂; a ratio's target 1. Adjusted limits are squared back onto the
    /// ratio scale (FunnelPlotR leaves them on the root scale, its issue #33).
    Cqc,
}

/// How over-dispersion is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dispersion {
    /// Additive random effects when the χ² test finds over-dispersion (p < 0.05),
    /// else none; by the SHMI and CQC methods, whenever φ̂ > 1 (as FunnelPlotR).
    #[default]
    Auto,
    /// Limits from the sampling error alone.
    None,
    /// Limits widened by √φ̂.
    Multiplicative,
    /// Limits widened by a between-unit variance τ̂² (DerSimonian–Laird).
    Additive,
}

/// Options of a funnel plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FunnelOptions {
    /// What each unit's indicator is.
    pub kind: FunnelKind,
    /// Whose method: the scale of the z-scores and how φ̂ is estimated.
    pub method: FunnelMethod,
    /// Levels of the two (or more) bands, each in (0.5, 1): 0.95 and 0.998 by default
    /// (the result lists them from the narrowest to the widest).
    pub levels: Vec<f64>,
    /// Over-dispersion handling.
    pub dispersion: Dispersion,
    /// The target θ₀; `None` for the pooled value: Σ numerators / Σ denominators
    /// (for a ratio ΣO/ΣE), or for means the n-weighted mean. A standardised ratio
    /// usually takes 1.
    pub target: Option<f64>,
    /// Exact or normal limits; `None` for exact where the kind allows (all but means).
    pub limits: Option<FunnelLimits>,
    /// Share of the z-scores winsorised (SHMI: truncated) in each tail for φ̂ (0.1).
    pub winsorise: f64,
    /// Improvement direction, for saying which units are better or worse.
    pub direction: Direction,
}

impl Default for FunnelOptions {
    fn default() -> Self {
        FunnelOptions {
            kind: FunnelKind::Proportion,
            method: FunnelMethod::Spiegelhalter,
            levels: vec![0.95, 0.998],
            dispersion: Dispersion::Auto,
            target: None,
            limits: None,
            winsorise: 0.1,
            direction: Direction::Neither,
        }
    }
}

/// What a funnel plot is made from: one entry per unit in each column.
#[derive(Debug, Clone, Copy)]
pub struct FunnelData<'a> {
    /// Unit names (unique).
    pub units: &'a [String],
    /// Numerators (events, observed counts) or, for means, the means.
    pub numerators: &'a [f64],
    /// Denominators (cases, exposure, expected counts) or, for means, the numbers
    /// of values.
    pub denominators: &'a [f64],
    /// For means: each unit's standard deviation; `None` otherwise.
    pub sd: Option<&'a [f64]>,
}

/// Over-dispersion found and how it was handled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DispersionReport {
    /// φ̂: the mean squared winsorised z-score (1 without over-dispersion).
    pub phi: f64,
    /// P(χ²(k − 1) ≥ kφ̂): small when the units vary more than chance allows.
    pub p_value: f64,
    /// The adjustment applied (`none`, `multiplicative` or `additive`).
    pub applied: Dispersion,
    /// τ̂², the between-unit variance of the additive adjustment (0 otherwise).
    pub tau2: f64,
    /// Share winsorised (SHMI: truncated) in each tail.
    pub winsorised: f64,
    /// Units φ̂ and τ̂² were estimated from (fewer than all after SHMI's truncation).
    pub units_used: usize,
}

/// One unit on the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelUnit {
    /// The unit's name.
    pub unit: String,
    /// Its indicator yᵢ (proportion, rate, ratio or mean).
    pub value: f64,
    /// Its size nᵢ (denominator, exposure, expected count or number of values).
    pub denominator: f64,
    /// Its z-score against the target on the method's scale, after the
    /// over-dispersion adjustment.
    pub z: f64,
    /// Its limits per level, `[lower, upper]`, in the order of `levels`.
    pub limits: Vec<[f64; 2]>,
    /// Per level: 1 above the upper limit, −1 below the lower, 0 within.
    pub outside: Vec<i8>,
}

/// The limits as curves of the size n, for drawing the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelCurve {
    /// Sizes at which the limits are given (from the smallest unit's to the largest's).
    pub n: Vec<f64>,
    /// Per level, the lower limit at each size.
    pub lower: Vec<Vec<f64>>,
    /// Per level, the upper limit at each size.
    pub upper: Vec<Vec<f64>>,
}

/// A funnel plot: the target, the bands, every unit and the over-dispersion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// What the indicator is.
    pub kind: FunnelKind,
    /// Whose method judged the units.
    pub method: FunnelMethod,
    /// The target θ₀.
    pub target: f64,
    /// Whether the target was given (else pooled).
    pub target_given: bool,
    /// The bands' levels, from the narrowest to the widest.
    pub levels: Vec<f64>,
    /// Exact or normal limits.
    pub limits: FunnelLimits,
    /// Over-dispersion and its handling.
    pub dispersion: DispersionReport,
    /// The units, ranked by z (lowest first).
    pub units: Vec<FunnelUnit>,
    /// The limits as curves, for drawing.
    pub curve: FunnelCurve,
    /// Which units differ beyond chance, in words.
    pub summary: String,
    /// What the reader should know.
    pub notes: Vec<String>,
    /// The improvement direction the units were judged by.
    pub direction: Direction,
}

/// The note of a funnel whose units vary more than chance allows, left unadjusted.
pub(crate) const NOT_WIDENED: &str = "the units vary more than chance allows, but the limits were not widened (dispersion none): more units fall outside than a funnel's levels promise";

/// Points on each limit curve.
const CURVE_POINTS: usize = 120;

/// A funnel plot of `data`.
///
/// ```
/// use measures_core::funnel::{funnel, FunnelData, FunnelOptions};
/// let units: Vec<String> = ["A", "B", "C", "D", "E"].iter().map(|s| s.to_string()).collect();
/// let data = FunnelData { units: &units, numerators: &[10.0, 30.0, 20.0, 55.0, 8.0],
///     denominators: &[100.0, 200.0, 150.0, 250.0, 60.0], sd: None };
/// let f = funnel(&data, &FunnelOptions::default())?;
/// assert!((f.target - 123.0 / 760.0).abs() < 1e-15); // pooled
/// assert_eq!(f.units.len(), 5);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn funnel(data: &FunnelData<'_>, options: &FunnelOptions) -> Result<Funnel> {
    let k = check(data, options)?;
    let kind = options.kind;
    let method = options.method;
    let scale = Scale::of(method, kind)?;
    // The bands from the narrowest to the widest, whatever order they were asked in:
    // the last is the one the summary, the drawing and the tables judge by.
    let mut levels = options.levels.clone();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    let limits = match (options.limits, kind) {
        (Some(FunnelLimits::Exact), FunnelKind::Mean) => {
            return Err(MeasuresError::invalid_option(
                "limits",
                "exact limits are for proportions, rates and ratios; a mean's are normal",
            ))
        }
        (Some(l), _) => l,
        (None, FunnelKind::Mean) => FunnelLimits::Normal,
        // FunnelPlotR's proportions: normal limits on the arcsine scale.
        (None, FunnelKind::Proportion) if scale == Scale::Arcsine => FunnelLimits::Normal,
        (None, _) => FunnelLimits::Exact,
    };
    let (num, den) = (data.numerators, data.denominators);
    let values: Vec<f64> = num
        .iter()
        .zip(den)
        .map(|(&y, &n)| match kind {
            FunnelKind::Mean => y,
            _ => y / n,
        })
        .collect();
    // The size each unit is judged at: SHMI rounds expected deaths to two decimals
    // (NHS Digital's convention, FunnelPlotR's `SHMI_rounding`); the unit's ratio
    // stays O/E as given.
    let size: Vec<f64> = den
        .iter()
        .map(|&n| {
            if method == FunnelMethod::Shmi && kind == FunnelKind::Ratio {
                round_to_hundredths(n)
            } else {
                n
            }
        })
        .collect();
    if let Some(i) = size.iter().position(|&n| n <= 0.0) {
        return Err(MeasuresError::InvalidValue {
            what: "denominator",
            index: i,
            value: den[i],
            reason: "rounds to 0 at the two decimals the SHMI method keeps".into(),
        });
    }
    // σ of one value for means: pooled from the units' standard deviations.
    let sigma = match (kind, data.sd) {
        (FunnelKind::Mean, Some(sd)) => {
            let (ss, df) = sd.iter().zip(den).fold((0.0, 0.0), |(ss, df), (&s, &n)| {
                (ss + (n - 1.0) * s * s, df + (n - 1.0))
            });
            if df <= 0.0 {
                return Err(MeasuresError::invalid_option(
                    "sd",
                    "the units hold too few values to pool a standard deviation",
                ));
            }
            (ss / df).sqrt()
        }
        _ => f64::NAN,
    };
    let pooled = match kind {
        FunnelKind::Mean => {
            num.iter().zip(den).map(|(&y, &n)| y * n).sum::<f64>() / den.iter().sum::<f64>()
        }
        // A standardised ratio is judged against 1 by the SHMI and CQC methods.
        FunnelKind::Ratio if method != FunnelMethod::Spiegelhalter => 1.0,
        _ => num.iter().sum::<f64>() / den.iter().sum::<f64>(),
    };
    let target = options.target.unwrap_or(pooled);
    // The standard error of the indicator under the target at size n, on the
    // natural scale.
    let se = |n: f64| match kind {
        FunnelKind::Proportion => (target * (1.0 - target) / n).sqrt(),
        FunnelKind::Rate | FunnelKind::Ratio => (target / n).sqrt(),
        FunnelKind::Mean => sigma / n.sqrt(),
    };
    if !(se(1.0) > 0.0 && se(1.0).is_finite()) {
        return Err(MeasuresError::invalid_option(
            "target",
            format!("a target of {target} leaves no sampling variation (a proportion's must lie strictly between 0 and 1, a rate's above 0)"),
        ));
    }
    // ... and on the scale the method works on (the delta method's variance).
    let s = |n: f64| match scale {
        Scale::Natural => se(n),
        Scale::Log => 1.0 / (target * n).sqrt(),
        Scale::Root | Scale::Arcsine => 0.5 / n.sqrt(),
    };
    let centre = scale.forward(target);
    let transformed: Vec<f64> = (0..k)
        .map(|i| {
            let y = match kind {
                FunnelKind::Mean => values[i],
                _ => num[i] / size[i],
            };
            scale.forward(y)
        })
        .collect();
    if let Some(i) = transformed.iter().position(|t| !t.is_finite()) {
        return Err(MeasuresError::InvalidValue {
            what: "numerator",
            index: i,
            value: num[i],
            reason: "is 0, and the SHMI method takes the logarithm of O/E: use method cqc or spiegelhalter".into(),
        });
    }
    let z_raw: Vec<f64> = (0..k)
        .map(|i| (transformed[i] - centre) / s(size[i]))
        .collect();

    // Over-dispersion: φ̂ from the winsorised (SHMI: truncated) z-scores, and its
    // χ²(k − 1) test: kφ̂ ~ χ²(k − 1) when the units vary by chance alone.
    let kept = if method == FunnelMethod::Shmi {
        truncated(&z_raw, options.winsorise)
    } else {
        winsorised(&z_raw, options.winsorise)
    };
    // Truncating a handful of units could leave none: then every unit counts.
    let kept = if kept.is_empty() {
        z_raw.iter().copied().enumerate().collect()
    } else {
        kept
    };
    let k_kept = kept.len();
    let phi = kept.iter().map(|&(_, z)| z * z).sum::<f64>() / k_kept as f64;
    let p_value = if k_kept > 1 {
        upper_gamma((k_kept - 1) as f64 / 2.0, k_kept as f64 * phi / 2.0)
    } else {
        f64::NAN
    };
    let over = if method == FunnelMethod::Spiegelhalter {
        p_value < 0.05
    } else {
        // FunnelPlotR draws its adjusted limits whenever φ̂ exceeds 1.
        phi > 1.0
    };
    let applied = match options.dispersion {
        Dispersion::Auto if over => Dispersion::Additive,
        Dispersion::Auto => Dispersion::None,
        d => d,
    };
    let tau2 = if applied == Dispersion::Additive {
        // DerSimonian–Laird over the units φ̂ was estimated from; 0 when kφ̂ < k − 1.
        // (w = 1/s² cannot overflow: sizes are finite and positive.)
        let w: Vec<f64> = kept.iter().map(|&(i, _)| s(size[i]).powi(-2)).collect();
        let (sw, sw2) = (w.iter().sum::<f64>(), w.iter().map(|w| w * w).sum::<f64>());
        ((k_kept as f64 * phi - (k_kept - 1) as f64) / (sw - sw2 / sw)).max(0.0)
    } else {
        0.0
    };
    let inflate = if applied == Dispersion::Multiplicative {
        phi.sqrt()
    } else {
        1.0
    };

    let z_of = |i: usize| match applied {
        Dispersion::Additive => (transformed[i] - centre) / (s(size[i]).powi(2) + tau2).sqrt(),
        _ => z_raw[i] / inflate,
    };
    let limit_at = |n: f64, level: f64| -> [f64; 2] {
        let zp = normal_quantile(0.5 + level / 2.0);
        let normal = |spread: f64| {
            [
                scale.back(centre - zp * spread),
                scale.back(centre + zp * spread),
            ]
        };
        match (applied, limits) {
            (Dispersion::Additive, _) => normal((s(n).powi(2) + tau2).sqrt()),
            (_, FunnelLimits::Normal) => normal(inflate * s(n)),
            (_, FunnelLimits::Exact) => {
                let lower_p = (1.0 - level) / 2.0;
                let [l, u] = if scale != Scale::Natural && kind != FunnelKind::Proportion {
                    // FunnelPlotR's exact Poisson limits: Garwood's interval about
                    // the expected count, continuous in it.
                    let (l, u) = poisson_interval(n * target, n * target, level);
                    [target * l, target * u]
                } else {
                    [
                        exact_limit(kind, target, n, lower_p),
                        exact_limit(kind, target, n, 1.0 - lower_p),
                    ]
                };
                [
                    target - inflate * (target - l),
                    target + inflate * (u - target),
                ]
            }
        }
    };
    let clamp = |[l, u]: [f64; 2]| match kind {
        FunnelKind::Proportion => [l.max(0.0), u.min(1.0)],
        FunnelKind::Rate | FunnelKind::Ratio => [l.max(0.0), u],
        FunnelKind::Mean => [l, u],
    };
    let mut units: Vec<FunnelUnit> = (0..k)
        .map(|i| {
            let bands: Vec<[f64; 2]> = levels
                .iter()
                .map(|&p| clamp(limit_at(size[i], p)))
                .collect();
            let outside = bands
                .iter()
                .map(|&[l, u]| {
                    if values[i] > u {
                        1
                    } else if values[i] < l {
                        -1
                    } else {
                        0
                    }
                })
                .collect();
            FunnelUnit {
                unit: data.units[i].clone(),
                value: values[i],
                denominator: den[i],
                z: z_of(i),
                limits: bands,
                outside,
            }
        })
        .collect();
    units.sort_by(|a, b| a.z.total_cmp(&b.z));

    let (n_min, n_max) = size
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &n| (a.min(n), b.max(n)));
    let n: Vec<f64> = (0..CURVE_POINTS)
        .map(|j| {
            let t = j as f64 / (CURVE_POINTS - 1) as f64;
            if n_max > n_min {
                n_min * (n_max / n_min).powf(t)
            } else {
                n_min
            }
        })
        .collect();
    let (mut lower, mut upper) = (Vec::new(), Vec::new());
    for &p in &levels {
        let band: Vec<[f64; 2]> = n.iter().map(|&m| clamp(limit_at(m, p))).collect();
        lower.push(band.iter().map(|b| b[0]).collect());
        upper.push(band.iter().map(|b| b[1]).collect());
    }

    let mut notes = Vec::new();
    let trimmed = if method == FunnelMethod::Shmi {
        "truncated (dropped)"
    } else {
        "winsorised"
    };
    notes.push(format!(
        "φ = {phi:.3} from z-scores {trimmed} at {:.0}% in each tail{}; χ² test of over-dispersion p = {p_value:.3}",
        options.winsorise * 100.0,
        scale.describe(),
    ));
    match applied {
        Dispersion::Additive => notes.push(format!(
            "limits widened for over-dispersion by a between-unit variance τ² = {tau2:.4e} (additive random effects, DerSimonian–Laird)"
        )),
        Dispersion::Multiplicative => notes.push(format!("limits widened by √φ = {:.3} (multiplicative)", phi.sqrt())),
        _ if over => notes.push(NOT_WIDENED.into()),
        _ => {}
    }
    match method {
        FunnelMethod::Shmi if kind == FunnelKind::Ratio => notes.push(
            "SHMI method: expected counts rounded to two decimals, as NHS Digital publishes them".into(),
        ),
        FunnelMethod::Cqc if applied == Dispersion::Additive && kind != FunnelKind::Proportion => notes.push(
            "CQC method: the adjusted limits are squared back onto the ratio scale; FunnelPlotR draws them unsquared (its issue #33)".into(),
        ),
        _ => {}
    }
    let summary = describe(&units, &levels, options.direction);
    Ok(Funnel {
        kind,
        method,
        target,
        target_given: options.target.is_some(),
        levels,
        limits,
        dispersion: DispersionReport {
            phi,
            p_value,
            applied,
            tau2,
            winsorised: options.winsorise,
            units_used: k_kept,
        },
        units,
        curve: FunnelCurve { n, lower, upper },
        summary,
        notes,
        direction: options.direction,
    })
}

/// The scale a method judges units on, where the indicator is close to normal with
/// a variance that depends only on the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// The indicator itself (Spiegelhalter 2005).
    Natural,
    /// log(y): SHMI's ratios, variance 1/(θn) (1/E for a ratio against 1).
    Log,
    /// √y: CQC's ratios and rates, variance 1/(4n).
    Root,
    /// asin √y: proportions by the CQC method, variance 1/(4n).
    Arcsine,
}

impl Scale {
    fn of(method: FunnelMethod, kind: FunnelKind) -> Result<Scale> {
        Ok(match (method, kind) {
            (FunnelMethod::Spiegelhalter, _) => Scale::Natural,
            (FunnelMethod::Shmi, FunnelKind::Ratio | FunnelKind::Rate) => Scale::Log,
            (FunnelMethod::Cqc, FunnelKind::Ratio | FunnelKind::Rate) => Scale::Root,
            (FunnelMethod::Cqc, FunnelKind::Proportion) => Scale::Arcsine,
            (FunnelMethod::Shmi, _) => {
                return Err(MeasuresError::invalid_option(
                    "method",
                    "the SHMI method is for ratios and rates (a log scale); use cqc (arcsine) or spiegelhalter for a proportion",
                ))
            }
            (FunnelMethod::Cqc, _) => {
                return Err(MeasuresError::invalid_option(
                    "method",
                    "the CQC method transforms counts; a funnel of means takes spiegelhalter",
                ))
            }
        })
    }

    fn forward(self, y: f64) -> f64 {
        match self {
            Scale::Natural => y,
            Scale::Log => y.ln(),
            Scale::Root => y.sqrt(),
            Scale::Arcsine => y.clamp(0.0, 1.0).sqrt().asin(),
        }
    }

    /// Back to the indicator's scale; limits past the transform's range stop at its
    /// edge (a square root below 0 is 0; an angle beyond [0, π/2] is 0 or 1).
    fn back(self, t: f64) -> f64 {
        match self {
            Scale::Natural => t,
            Scale::Log => t.exp(),
            Scale::Root => t.max(0.0).powi(2),
            Scale::Arcsine => t.clamp(0.0, std::f64::consts::FRAC_PI_2).sin().powi(2),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Scale::Natural => "",
            Scale::Log => " on the log scale",
            Scale::Root => " on the square-root scale",
            Scale::Arcsine => " on the arcsine-square-root scale",
        }
    }
}

/// Every unit with its z-score clamped at the `share` and 1 − `share` quantiles
/// (R's type 7), as Spiegelhalter winsorises.
fn winsorised(z: &[f64], share: f64) -> Vec<(usize, f64)> {
    let mut sorted = z.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (lo, hi) = (
        quantile_sorted(&sorted, share),
        quantile_sorted(&sorted, 1.0 - share),
    );
    z.iter()
        .enumerate()
        .map(|(i, z)| (i, z.clamp(lo, hi)))
        .collect()
}

/// The units left after dropping the `share` most extreme z-scores in each tail,
/// as SHMI truncates (FunnelPlotR's `truncation`): with K = 1/share groups and the
/// average rank r of each z among k, a unit is kept when 0 < ⌊rK/(k + 1)⌋ < K − 1.
fn truncated(z: &[f64], share: f64) -> Vec<(usize, f64)> {
    let k = z.len();
    if share <= 0.0 {
        return z.iter().copied().enumerate().collect();
    }
    let groups = 1.0 / share;
    let rank = mid_ranks(z);
    (0..k)
        .filter(|&i| {
            let group = (rank[i] * groups / (k as f64 + 1.0)).floor();
            group > 0.0 && group < groups - 1.0
        })
        .map(|i| (i, z[i]))
        .collect()
}

/// The exact limit at cumulative probability `p` for a unit of size `n` under the
/// target: rₚ, the smallest count with P(R ≤ rₚ) ≥ p, less the interpolation
/// α = (P(R ≤ rₚ) − p)/(P(R ≤ rₚ) − P(R ≤ rₚ − 1)), over n (Spiegelhalter 2005,
/// appendix). R ~ Bin(n, θ₀) for a proportion (n rounded to a count), Poisson(θ₀n)
/// for a rate or a ratio.
fn exact_limit(kind: FunnelKind, target: f64, n: f64, p: f64) -> f64 {
    let cdf = |r: f64| -> f64 {
        if r < 0.0 {
            return 0.0;
        }
        match kind {
            FunnelKind::Proportion => {
                let trials = n.round();
                if r >= trials {
                    1.0
                } else {
                    beta_reg(trials - r, r + 1.0, 1.0 - target)
                }
            }
            _ => upper_gamma(r + 1.0, target * n),
        }
    };
    let mean = target * n;
    let sd = match kind {
        FunnelKind::Proportion => (mean * (1.0 - target)).sqrt(),
        _ => mean.sqrt(),
    };
    // Start at the normal approximation and step to the smallest r with F(r) ≥ p.
    let mut r = (mean + normal_quantile(p.clamp(1e-12, 1.0 - 1e-12)) * sd)
        .round()
        .max(0.0);
    let top = if kind == FunnelKind::Proportion {
        n.round()
    } else {
        f64::INFINITY
    };
    r = r.min(top);
    let mut step = 1.0;
    while r > 0.0 && cdf(r - 1.0) >= p {
        r = (r - step).max(0.0);
        step *= 2.0;
    }
    // Now F(r − 1) < p (or r = 0); find the smallest r with F(r) ≥ p upwards.
    let mut hi = r;
    let mut step = 1.0;
    while cdf(hi) < p && hi < top {
        hi = (hi + step).min(top);
        step *= 2.0;
    }
    let mut lo = r.min(hi);
    while hi - lo > 1.0 {
        let mid = ((lo + hi) / 2.0).floor();
        if cdf(mid) >= p {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let rp = if cdf(lo) >= p { lo } else { hi };
    let (f, f_below) = (cdf(rp), cdf(rp - 1.0));
    let alpha = if f > f_below {
        (f - p) / (f - f_below)
    } else {
        0.0
    };
    // A proportion's count is out of whole cases: divided by them.
    let size = if kind == FunnelKind::Proportion {
        n.round().max(1.0)
    } else {
        n
    };
    (rp - alpha) / size
}

/// `x` to two decimals as R's `round(x, 2)` does (R ≥ 4.0): of the two neighbouring
/// hundredths, the one nearer to `x` as stored, a tie to the even digit. (Scaling by
/// 100 and rounding would send 0.125 up and round 2.675, stored just below, by its
/// product's own error.)
fn round_to_hundredths(x: f64) -> f64 {
    let scaled = x * 100.0;
    let (down, up) = (scaled.floor(), scaled.ceil());
    let (low, high) = (down / 100.0, up / 100.0);
    let (below, above) = (x - low, high - x);
    if below < above || (below == above && down % 2.0 == 0.0) {
        low
    } else {
        high
    }
}

/// Q(a, x), the regularised upper incomplete gamma function: 1 at x ≤ 0 (every unit
/// on the target gives φ̂ = 0), where statrs refuses the argument.
fn upper_gamma(a: f64, x: f64) -> f64 {
    if x > 0.0 && x.is_finite() {
        gamma_ur(a, x)
    } else if x > 0.0 {
        0.0
    } else {
        1.0
    }
}

/// Making Data Count's reading of a unit beyond a band: `side` 1 above, −1 below,
/// 0 within (common cause), improving or concerning by the direction.
fn side_variation(side: i8, direction: Direction) -> Variation {
    match side {
        0 => Variation::CommonCause,
        s if s > 0 => Variation::special_cause(Side::High, direction),
        _ => Variation::special_cause(Side::Low, direction),
    }
}

impl Funnel {
    /// How `unit` stands against the widest band, as Making Data Count reads it:
    /// common cause within it, else a special cause improving, concerning or
    /// neither by the funnel's direction (its colour in a drawing).
    ///
    /// ```
    /// use measures_core::funnel::{funnel, FunnelData, FunnelOptions};
    /// use measures_core::{Direction, Variation};
    /// let units: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
    /// let f = funnel(&FunnelData { units: &units, numerators: &[10.0, 12.0, 11.0, 90.0],
    ///     denominators: &[100.0; 4], sd: None },
    ///     &FunnelOptions { direction: Direction::LowerIsBetter, dispersion: measures_core::funnel::Dispersion::None, ..Default::default() })?;
    /// let d = f.units.iter().find(|u| u.unit == "D").unwrap();
    /// assert_eq!(f.variation(d), Variation::ConcerningHigh);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn variation(&self, unit: &FunnelUnit) -> Variation {
        self.side_variation(unit.outside.last().copied().unwrap_or(0))
    }

    /// Where the target came from, in words: `given`, `pooled`, or `1` for a
    /// standardised ratio by the SHMI and CQC methods.
    ///
    /// ```
    /// use measures_core::funnel::{funnel, FunnelData, FunnelKind, FunnelMethod, FunnelOptions};
    /// let units: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
    /// let f = funnel(&FunnelData { units: &units, numerators: &[12.0, 30.0, 18.0],
    ///     denominators: &[10.0, 25.0, 20.0], sd: None },
    ///     &FunnelOptions { kind: FunnelKind::Ratio, method: FunnelMethod::Shmi, ..Default::default() })?;
    /// assert_eq!((f.target, f.target_source()), (1.0, "1, a standardised ratio's"));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn target_source(&self) -> &'static str {
        if self.target_given {
            "given"
        } else if self.kind == FunnelKind::Ratio && self.method != FunnelMethod::Spiegelhalter {
            "1, a standardised ratio's"
        } else {
            "pooled"
        }
    }

    /// The reading of a unit on `side` of a band (1 above, −1 below, 0 within) by
    /// the funnel's direction: what a drawing's legend shows.
    pub fn side_variation(&self, side: i8) -> Variation {
        side_variation(side, self.direction)
    }
}

/// "2 of 30 units differ from the target beyond chance (99.8%): A above, B below."
fn describe(units: &[FunnelUnit], levels: &[f64], direction: Direction) -> String {
    let Some(&level) = levels.last() else {
        return String::new();
    };
    let band = levels.len() - 1;
    let word = |side: i8| match side_variation(side, direction) {
        Variation::ImprovingHigh | Variation::ImprovingLow => "better",
        Variation::ConcerningHigh | Variation::ConcerningLow => "worse",
        _ if side > 0 => "above",
        _ => "below",
    };
    // The furthest from the target first.
    let mut beyond: Vec<&FunnelUnit> = units.iter().filter(|u| u.outside[band] != 0).collect();
    beyond.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
    let out: Vec<String> = beyond
        .iter()
        .map(|u| format!("{} ({})", u.unit, word(u.outside[band])))
        .collect();
    let pct = format!("{}", (level * 1000.0).round() / 10.0);
    if out.is_empty() {
        format!(
            "No unit differs from the target beyond chance at the {pct}% limits ({} units).",
            units.len()
        )
    } else {
        format!(
            "{} of {} units {} from the target beyond chance at the {pct}% limits: {}.",
            out.len(),
            units.len(),
            if out.len() == 1 { "differs" } else { "differ" },
            named(&out)
        )
    }
}

/// Up to ten names, then how many more (a sentence, not a list of thousands).
fn named(names: &[String]) -> String {
    const SHOWN: usize = 10;
    if names.len() <= SHOWN {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..SHOWN].join(", "),
        names.len() - SHOWN
    )
}

/// Check the data and options; the number of units.
fn check(data: &FunnelData<'_>, options: &FunnelOptions) -> Result<usize> {
    let k = data.units.len();
    for (what, len) in [
        ("numerators", data.numerators.len()),
        ("denominators", data.denominators.len()),
    ] {
        MeasuresError::check_length(what, k, len)?;
    }
    if let Some(sd) = data.sd {
        MeasuresError::check_length("standard deviations", k, sd.len())?;
    }
    if k < 3 {
        return Err(MeasuresError::TooFewPoints {
            what: "a funnel plot (units to compare and to estimate over-dispersion from)",
            phase: 0,
            needed: 3,
            got: k,
        });
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(k);
    for (index, unit) in data.units.iter().enumerate() {
        if let Some(&first) = seen.get(unit.as_str()) {
            return Err(MeasuresError::DuplicateLabel {
                index,
                first,
                label: unit.clone(),
            });
        }
        seen.insert(unit, index);
    }
    let bad =
        |what: &'static str, index: usize, value: f64, reason: &str| MeasuresError::InvalidValue {
            what,
            index,
            value,
            reason: reason.to_string(),
        };
    for i in 0..k {
        let (y, n) = (data.numerators[i], data.denominators[i]);
        if !y.is_finite() {
            return Err(MeasuresError::NonFinite {
                index: i,
                value: y.to_string(),
            });
        }
        if !n.is_finite() {
            return Err(MeasuresError::NonFinite {
                index: i,
                value: n.to_string(),
            });
        }
        if n <= 0.0 {
            return Err(bad("denominator", i, n, "is not positive"));
        }
        match options.kind {
            FunnelKind::Proportion if y < 0.0 => return Err(bad("numerator", i, y, "is negative")),
            FunnelKind::Proportion if y > n => {
                return Err(bad(
                    "numerator",
                    i,
                    y,
                    &format!("is larger than its denominator ({n})"),
                ))
            }
            FunnelKind::Rate | FunnelKind::Ratio if y < 0.0 => {
                return Err(bad("numerator", i, y, "is negative"))
            }
            FunnelKind::Mean => {
                let sd = data.sd.ok_or_else(|| {
                    MeasuresError::invalid_option(
                        "sd",
                        "a funnel of means needs each unit's standard deviation",
                    )
                })?[i];
                if !(sd.is_finite() && sd >= 0.0) {
                    return Err(bad(
                        "standard deviation",
                        i,
                        sd,
                        "is not a finite number of 0 or more",
                    ));
                }
            }
            _ => {}
        }
    }
    if options.levels.is_empty() || options.levels.iter().any(|&p| !(p > 0.5 && p < 1.0)) {
        return Err(MeasuresError::invalid_option(
            "levels",
            "each level must lie between 0.5 and 1 (e.g. 0.95, 0.998)",
        ));
    }
    if !(0.0..0.5).contains(&options.winsorise) {
        return Err(MeasuresError::invalid_option(
            "winsorise",
            "the share winsorised in each tail must lie in [0, 0.5)",
        ));
    }
    if let Some(t) = options.target {
        if !t.is_finite() {
            return Err(MeasuresError::invalid_option(
                "target",
                "must be a finite number",
            ));
        }
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Binomial, DiscreteCDF, Poisson};

    /// The exact limit by its definition, summing the distribution directly.
    fn exact_by_definition(cdf: impl Fn(u64) -> f64, n: f64, p: f64) -> f64 {
        let mut r = 0u64;
        while cdf(r) < p {
            r += 1;
        }
        let below = if r == 0 { 0.0 } else { cdf(r - 1) };
        let alpha = (cdf(r) - p) / (cdf(r) - below);
        (r as f64 - alpha) / n
    }

    #[test]
    fn exact_limits_match_their_definition() {
        for &(n, theta) in &[(20.0, 0.1), (150.0, 0.3), (1000.0, 0.02), (7.0, 0.5)] {
            let b = Binomial::new(theta, n as u64).unwrap();
            for &p in &[0.001, 0.025, 0.975, 0.999] {
                let ours = exact_limit(FunnelKind::Proportion, theta, n, p);
                let direct = exact_by_definition(|r| b.cdf(r), n, p);
                assert!(
                    (ours - direct).abs() < 1e-9,
                    "binomial n={n} θ={theta} p={p}: {ours} vs {direct}"
                );
            }
        }
        for &(n, theta) in &[(50.0, 0.2), (3.0, 1.0), (800.0, 0.05)] {
            let d = Poisson::new(theta * n).unwrap();
            for &p in &[0.001, 0.025, 0.975, 0.999] {
                let ours = exact_limit(FunnelKind::Rate, theta, n, p);
                let direct = exact_by_definition(|r| d.cdf(r), n, p);
                assert!(
                    (ours - direct).abs() < 1e-9,
                    "poisson n={n} θ={theta} p={p}: {ours} vs {direct}"
                );
            }
        }
    }

    /// R's round(x, 2) (R ≥ 4.0): 0.125 is stored exactly, a tie, and goes to the
    /// even 0.12; 2.675 is stored just below and goes down; 0.135 just above, up.
    #[test]
    fn hundredths_round_as_r_does() {
        assert_eq!(round_to_hundredths(0.125), 0.12);
        assert_eq!(round_to_hundredths(0.375), 0.38);
        assert_eq!(round_to_hundredths(2.675), 2.67);
        assert_eq!(round_to_hundredths(0.135), 0.14);
        assert_eq!(round_to_hundredths(15.0), 15.0);
        assert_eq!(round_to_hundredths(21.997), 22.0);
    }
}
