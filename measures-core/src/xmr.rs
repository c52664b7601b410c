//! The XmR chart: individual values with limits from the moving range, and its
//! companion moving-range chart.
//!
//! Sources: NHS England *Making Data Count* and NHSRplotthedots `R/ptd_spc_standard.R`
//! (limits = mean ± 2.66 × mean moving range, optional screening of moving ranges
//! at 3.267 × their mean); Montgomery, *Introduction to Statistical Quality Control*
//! (6th ed.), §6.4 (σ̂ = MR̄/d2 with d2 = 1.128); NIST/SEMATECH e-Handbook §6.3.2.2;
//! Wheeler, *Understanding Variation* (median moving range: limits ± 3.145 × median
//! MR, moving-range limit 3.865 × median MR).

use crate::chart::{finish, Chart, ChartType, Draft, Limits, Method};
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;
use crate::stats::{mean, median_in_place};
use serde::{Deserialize, Serialize};

/// d2 for subgroups of two (Montgomery, Appendix Table VI).
pub const D2_N2: f64 = 1.128;
/// Making Data Count's scaling of the mean moving range to three sigma (3/1.128 rounded).
pub const NHS_LIMIT: f64 = 2.66;
/// Upper limit of the moving range as a multiple of its mean: D4 for n = 2.
pub const MR_UPPER_MEAN: f64 = 3.267;
/// Three sigma as a multiple of the median moving range (Wheeler: 3/0.954).
pub const MEDIAN_MR_LIMIT: f64 = 3.145;
/// Upper limit of the moving range as a multiple of its median (Wheeler).
pub const MR_UPPER_MEDIAN: f64 = 3.865;

/// What the centre line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CentreLine {
    /// Mean of the points used (Making Data Count).
    #[default]
    Mean,
    /// Median of the points used: robust to a few wild points.
    Median,
}

/// What the limits are scaled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spread {
    /// Mean moving range, scaled by [`LimitConstant`].
    #[default]
    MeanMovingRange,
    /// Median moving range, scaled by 3.145 (limits) and 3.865 (moving-range limit).
    MedianMovingRange,
}

/// The multiple of the mean moving range that makes three sigma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitConstant {
    /// 2.66, as NHSRplotthedots and the Making Data Count spreadsheets use.
    #[default]
    Nhs,
    /// 3/1.128 ≈ 2.6596, as Montgomery, NIST, qcc and qicharts2 use.
    ThreeOverD2,
}

impl LimitConstant {
    /// The multiplier of the mean moving range for three sigma.
    ///
    /// ```
    /// use measures_core::LimitConstant;
    /// assert_eq!(LimitConstant::Nhs.multiplier(), 2.66);
    /// assert!((LimitConstant::ThreeOverD2.multiplier() - 2.659574).abs() < 1e-6);
    /// ```
    pub fn multiplier(self) -> f64 {
        match self {
            LimitConstant::Nhs => NHS_LIMIT,
            LimitConstant::ThreeOverD2 => 3.0 / D2_N2,
        }
    }
}

/// Settings of an XmR chart.
///
/// The default follows NHSRplotthedots: mean centre, mean moving range × 2.66, and
/// moving ranges at or above 3.267 × their mean screened out before the limits are
/// computed (its `screen_outliers = TRUE`). Textbooks (Montgomery, NIST) do not screen:
/// use [`XmrOptions::textbook`] to match them.
///
/// ```
/// use measures_core::{XmrOptions, LimitConstant};
/// assert!(XmrOptions::default().screen_moving_ranges);
/// assert_eq!(XmrOptions::textbook().constant, LimitConstant::ThreeOverD2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct XmrOptions {
    /// Mean or median centre line.
    pub centre: CentreLine,
    /// Mean or median moving range.
    pub spread: Spread,
    /// Multiplier of the mean moving range (ignored for the median moving range).
    pub constant: LimitConstant,
    /// Leave out moving ranges at or above their upper limit, then recompute.
    pub screen_moving_ranges: bool,
}

impl Default for XmrOptions {
    fn default() -> Self {
        XmrOptions {
            centre: CentreLine::Mean,
            spread: Spread::MeanMovingRange,
            constant: LimitConstant::Nhs,
            screen_moving_ranges: true,
        }
    }
}

impl XmrOptions {
    /// Montgomery's and NIST's individuals chart: mean, MR̄/1.128, no screening.
    pub fn textbook() -> Self {
        XmrOptions {
            centre: CentreLine::Mean,
            spread: Spread::MeanMovingRange,
            constant: LimitConstant::ThreeOverD2,
            screen_moving_ranges: false,
        }
    }

    /// (three-sigma multiplier, moving-range upper-limit multiplier) of the spread.
    fn multipliers(&self) -> (f64, f64) {
        match self.spread {
            Spread::MeanMovingRange => (self.constant.multiplier(), MR_UPPER_MEAN),
            Spread::MedianMovingRange => (MEDIAN_MR_LIMIT, MR_UPPER_MEDIAN),
        }
    }
}

/// Build an XmR chart; the moving-range chart is its [`Chart::companion`].
///
/// Per phase: the centre is the mean (or median) of the points used; moving ranges
/// are taken between consecutive points of the phase that are both used (the first
/// point of a phase, and a point next to an excluded one, add none); limits are
/// centre ± multiplier × mean (or median) moving range; sigma is a third of that.
///
/// ```
/// use measures_core::{xmr, ChartOptions, Series, XmrOptions};
/// // NIST/SEMATECH e-Handbook §6.3.2.2: x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041
/// let v = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
/// let chart = xmr(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::textbook())?;
/// assert!((chart.upper[0] - 55.8041).abs() < 5e-5);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xmr(series: Series<'_>, options: &ChartOptions, xmr: &XmrOptions) -> Result<Chart> {
    let values = series.values();
    let n = values.len();
    let plan = PhasePlan::new(n, options)?;
    let (limit_multiplier, mr_upper_multiplier) = xmr.multipliers();

    let mut centre = vec![0.0; n];
    let mut upper = vec![0.0; n];
    let mut lower = vec![0.0; n];
    let mut sigma = vec![0.0; n];
    let mut mr_values = vec![f64::NAN; n];
    let mut mr_centre = vec![0.0; n];
    let mut mr_upper = vec![0.0; n];
    let mut spread = Vec::with_capacity(plan.ranges.len());
    let mut scratch: Vec<f64> = Vec::new();

    for (phase, range) in plan.ranges.iter().enumerate() {
        let used = &plan.used;
        let points_used = range.clone().filter(|&i| used[i]).count();
        if points_used < 2 {
            return Err(MeasuresError::TooFewPoints {
                what: "the XmR limits",
                phase,
                needed: 2,
                got: points_used,
            });
        }
        scratch.clear();
        scratch.extend(range.clone().filter(|&i| used[i]).map(|i| values[i]));
        let centre_line = match xmr.centre {
            CentreLine::Mean => mean(scratch.iter().copied()),
            CentreLine::Median => median_in_place(&mut scratch),
        };

        scratch.clear();
        for i in range.start + 1..range.end {
            let mr = (values[i] - values[i - 1]).abs();
            mr_values[i] = mr;
            if used[i] && used[i - 1] {
                scratch.push(mr);
            }
        }
        if scratch.is_empty() {
            return Err(MeasuresError::TooFewPoints {
                what: "a moving range (two consecutive points used for the limits)",
                phase,
                needed: 2,
                got: 1,
            });
        }
        let mut centre_mr = spread_of(&mut scratch, xmr.spread);
        let mut screened = 0;
        if xmr.screen_moving_ranges && centre_mr > 0.0 {
            let cut = mr_upper_multiplier * centre_mr;
            let before = scratch.len();
            scratch.retain(|&mr| mr < cut);
            screened = before - scratch.len();
            centre_mr = spread_of(&mut scratch, xmr.spread);
        }

        let half_width = limit_multiplier * centre_mr;
        for i in range.clone() {
            centre[i] = centre_line;
            upper[i] = centre_line + half_width;
            lower[i] = centre_line - half_width;
            sigma[i] = half_width / 3.0;
            mr_centre[i] = centre_mr;
            mr_upper[i] = mr_upper_multiplier * centre_mr;
        }
        spread.push((centre_mr, screened));
    }

    let mr_sigma: Vec<f64> = mr_upper
        .iter()
        .zip(&mr_centre)
        .map(|(u, c)| (u - c) / 3.0)
        .collect();
    let moving_range = finish(
        Draft {
            chart_type: ChartType::MovingRange,
            method: Method::Xmr(*xmr),
            series,
            values: mr_values,
            options: &ChartOptions {
                rules: Some(RuleConfig::new(RuleSet::Limits)),
                target: None,
                ..options.clone()
            },
            default_rules: RuleSet::Limits,
            plan: plan.clone(),
        },
        Limits {
            centre: mr_centre,
            upper: mr_upper,
            lower: vec![0.0; n],
            sigma: mr_sigma,
            spread: spread.clone(),
        },
    )?;

    let mut individuals = finish(
        Draft {
            chart_type: ChartType::Xmr,
            method: Method::Xmr(*xmr),
            series,
            values: values.to_vec(),
            options,
            default_rules: RuleSet::Nhs,
            plan,
        },
        Limits {
            centre,
            upper,
            lower,
            sigma,
            spread,
        },
    )?;
    individuals.companion = Some(Box::new(moving_range));
    Ok(individuals)
}

/// Mean or median of the moving ranges (the buffer may be reordered).
fn spread_of(moving_ranges: &mut [f64], spread: Spread) -> f64 {
    match spread {
        Spread::MeanMovingRange => mean(moving_ranges.iter().copied()),
        Spread::MedianMovingRange => median_in_place(moving_ranges),
    }
}
