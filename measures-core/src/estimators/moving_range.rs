//! The moving-range estimator: a process's centre and σ from the ranges between
//! consecutive points, which every chart built on individuals shares (XmR, t,
//! transformed XmR, Laney p′/u′, and CUSUM and EWMA when σ is estimated).
//!
//! Sources: NHS England *Making Data Count* and NHSRplotthedots `R/ptd_spc_standard.R`
//! (limits = mean ± 2.66 × mean moving range, optional screening of moving ranges
//! at 3.267 × their mean); Montgomery, *Introduction to Statistical Quality Control*
//! (6th ed.), §6.4 (σ̂ = MR̄/d2 with d2 = 1.128); NIST/SEMATECH e-Handbook §6.3.2.2;
//! Wheeler, *Understanding Variation* (median moving range: limits ± 3.145 × median
//! MR, moving-range limit 3.865 × median MR).

use crate::blocks;
use crate::column::{Column, Segment};
use crate::error::{MeasuresError, Result};
use crate::stats::{mean, median_in_place};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use wide::{f64x4, CmpLt};

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
#[serde(default, deny_unknown_fields)]
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
    pub(crate) fn multipliers(&self) -> (f64, f64) {
        match self.spread {
            Spread::MeanMovingRange => (self.constant.multiplier(), MR_UPPER_MEAN),
            Spread::MedianMovingRange => (MEDIAN_MR_LIMIT, MR_UPPER_MEDIAN),
        }
    }
}

/// The moving ranges |xᵢ − xᵢ₋₁| of a phase's `values` into `out`, NaN at its first
/// point (which has none).
fn write_moving_ranges(values: &[f64], out: &mut [f64]) {
    if let Some((first, rest)) = out.split_first_mut() {
        *first = f64::NAN;
        for (o, w) in rest.iter_mut().zip(values.windows(2)) {
            *o = (w[1] - w[0]).abs();
        }
    }
}

/// One phase's centre and spread from its moving ranges.
pub(crate) struct PhaseSpread {
    /// Mean (or median) of the points used.
    pub centre: f64,
    /// Mean (or median) moving range after screening.
    pub moving_range: f64,
    /// Moving ranges screened out.
    pub screened: usize,
}

/// Centre and moving range of one phase: moving ranges are taken between
/// consecutive points of the phase that are both used. With `moving_ranges` (the
/// phase's share of a moving-range chart's values), every moving range of the phase
/// is written there too, NaN at its first point, from the same reading of the values
/// when every point is used.
pub(crate) fn phase_spread(
    values: &[f64],
    range: std::ops::Range<usize>,
    used: &Column<bool>,
    phase: usize,
    xmr: &XmrOptions,
    scratch: &mut Vec<f64>,
    moving_ranges: Option<&mut [f64]>,
) -> Result<PhaseSpread> {
    let spread = spread_of_phase(values, range, used, phase, xmr, scratch, moving_ranges)?;
    // The moving-range chart's upper limit is a multiple of the moving range: if it
    // passes the largest float, the XmR pair cannot be drawn, with or without the
    // companion (so grouped charts refuse what a single chart refuses).
    let (_, mr_upper_multiplier) = xmr.multipliers();
    if (mr_upper_multiplier * spread.moving_range).is_infinite() {
        return Err(MeasuresError::Overflow {
            what: "the moving-range chart's upper limit",
            phase,
        });
    }
    Ok(spread)
}

fn spread_of_phase(
    values: &[f64],
    range: std::ops::Range<usize>,
    used: &Column<bool>,
    phase: usize,
    xmr: &XmrOptions,
    scratch: &mut Vec<f64>,
    moving_ranges: Option<&mut [f64]>,
) -> Result<PhaseSpread> {
    let points_used = used.count_true(range.clone());
    let used = used.over(range.clone());
    if points_used < 2 {
        return Err(MeasuresError::TooFewPoints {
            what: "the limits from moving ranges",
            phase,
            needed: 2,
            got: points_used,
        });
    }
    let too_few = || MeasuresError::TooFewPoints {
        what: "a moving range (two consecutive points used for the limits)",
        phase,
        needed: 2,
        got: 1,
    };
    // Two neighbours of opposite sign near the largest float are further apart than
    // any float: the moving range overflows, for the companion and the limits alike.
    let overflowed = || MeasuresError::Overflow {
        what: "a moving range",
        phase,
    };
    let (_, mr_upper_multiplier) = xmr.multipliers();
    let screen = xmr.screen_moving_ranges;
    // Every point used, mean centre and mean moving range (the default): one pass
    // over the values in place for both means (and a second to screen, only when
    // some moving range reaches the cut).
    if let (CentreLine::Mean, Spread::MeanMovingRange, Segment::Level(true)) =
        (xmr.centre, xmr.spread, used)
    {
        let phase_values = &values[range];
        let all = LaneSums::of_phase(phase_values, None, moving_ranges);
        if all.largest.is_infinite() {
            return Err(overflowed());
        }
        let centre = all.values / phase_values.len() as f64;
        let moving_range = all.moving_ranges / all.kept as f64;
        let cut = mr_upper_multiplier * moving_range;
        // Screening drops the moving ranges at or above the cut. When none reaches
        // it, the screened sums are these to the last bit: no second pass.
        let (moving_range, screened) = if screen && moving_range > 0.0 && all.largest >= cut {
            let kept = LaneSums::of_phase(phase_values, Some(cut), None);
            let screened_mean = if kept.kept == 0 {
                f64::NAN
            } else {
                kept.moving_ranges / kept.kept as f64
            };
            (screened_mean, all.kept - kept.kept)
        } else {
            (moving_range, 0)
        };
        return Ok(PhaseSpread {
            centre,
            moving_range,
            screened,
        });
    }
    if let Some(out) = moving_ranges {
        write_moving_ranges(&values[range.clone()], out);
    }
    let centre = match xmr.centre {
        CentreLine::Mean => mean(range.clone().filter(|&i| used.at(i)).map(|i| values[i])),
        CentreLine::Median => {
            scratch.clear();
            scratch.extend(range.clone().filter(|&i| used.at(i)).map(|i| values[i]));
            median_in_place(scratch)
        }
    };
    let (moving_range, screened) = match xmr.spread {
        // The mean moving range needs no buffer: one pass sums the moving ranges, a
        // second sums those under the screening cut (in the same order, so the sums
        // are those of the buffered form to the last bit).
        Spread::MeanMovingRange => {
            let (mut sum, mut count) = (0.0, 0usize);
            for_each_moving_range(values, range.clone(), used, |mr| {
                sum += mr;
                count += 1;
            });
            if count == 0 {
                return Err(too_few());
            }
            if sum.is_infinite() {
                return Err(overflowed());
            }
            let moving_range = sum / count as f64;
            if screen && moving_range > 0.0 {
                let cut = mr_upper_multiplier * moving_range;
                let (mut kept_sum, mut kept) = (0.0, 0usize);
                for_each_moving_range(values, range, used, |mr| {
                    if mr < cut {
                        kept_sum += mr;
                        kept += 1;
                    }
                });
                let screened_mean = if kept == 0 {
                    f64::NAN
                } else {
                    kept_sum / kept as f64
                };
                (screened_mean, count - kept)
            } else {
                (moving_range, 0)
            }
        }
        Spread::MedianMovingRange => {
            scratch.clear();
            for_each_moving_range(values, range, used, |mr| scratch.push(mr));
            if scratch.is_empty() {
                return Err(too_few());
            }
            if scratch.iter().any(|mr| mr.is_infinite()) {
                return Err(overflowed());
            }
            let moving_range = median_in_place(scratch);
            if screen && moving_range > 0.0 {
                let cut = mr_upper_multiplier * moving_range;
                let before = scratch.len();
                scratch.retain(|&mr| mr < cut);
                (median_in_place(scratch), before - scratch.len())
            } else {
                (moving_range, 0)
            }
        }
    };
    Ok(PhaseSpread {
        centre,
        moving_range,
        screened,
    })
}

/// The sum of a phase's values, the sum and count of its moving ranges and the
/// largest of them, when every point is used; or, screening, the sum and count of
/// the moving ranges under a cut alone. Each block of the phase
/// keeps four interleaved lanes added up at its end: the additions no longer wait
/// on one another, so a pass runs at the speed memory delivers the values (and the
/// rounding is, if anything, smaller). The blocks are fixed ([`blocks`]) and added
/// in order, so the sums are the same on one core or many.
struct LaneSums {
    values: f64,
    moving_ranges: f64,
    kept: usize,
    largest: f64,
}

impl LaneSums {
    const ZERO: LaneSums = LaneSums {
        values: 0.0,
        moving_ranges: 0.0,
        kept: 0,
        largest: 0.0,
    };

    /// The sums over a whole phase (of the moving ranges under `cut` alone, with
    /// one), read in blocks (on every core when long). With `moving_ranges`, each
    /// block also writes its moving ranges there (NaN at the phase's first point)
    /// from the same reading.
    fn of_phase(values: &[f64], cut: Option<f64>, moving_ranges: Option<&mut [f64]>) -> LaneSums {
        let Some(&first) = values.first() else {
            return LaneSums::ZERO;
        };
        // A block's moving ranges are those ending at its points; the phase's first
        // point ends none and is added on its own.
        let window = |block: Range<usize>| &values[block.start.saturating_sub(1)..block.end];
        let sums = |block: Range<usize>, out: &mut [f64]| match cut {
            None => LaneSums::after_first::<false>(window(block), f64::INFINITY, out),
            Some(cut) => LaneSums::after_first::<true>(window(block), cut, out),
        };
        let start = LaneSums {
            values: if cut.is_none() { first } else { 0.0 },
            ..LaneSums::ZERO
        };
        match moving_ranges {
            None => blocks::fold(
                values.len(),
                |block| sums(block, &mut []),
                start,
                LaneSums::plus,
            ),
            Some(out) => blocks::fill(values.len(), out, blocks::BLOCK, |block, out| {
                // A later block's window starts one point early, so its first
                // range is the block's first; the phase's first point has none.
                let out = match out.split_first_mut() {
                    Some((first, rest)) if block.start == 0 => {
                        *first = f64::NAN;
                        rest
                    }
                    _ => out,
                };
                sums(block, out)
            })
            .into_iter()
            .fold(start, LaneSums::plus),
        }
    }

    /// These sums followed by `next`'s.
    fn plus(self, next: LaneSums) -> LaneSums {
        LaneSums {
            values: self.values + next.values,
            moving_ranges: self.moving_ranges + next.moving_ranges,
            kept: self.kept + next.kept,
            largest: self.largest.max(next.largest),
        }
    }

    /// The sums over `values[1..]`, with `values[0]` the point before them (with
    /// `SCREEN`, only those of the moving ranges under `cut`); each moving range is
    /// written to `out` too, when it is not empty (`out[k]` for point `k + 1`).
    fn after_first<const SCREEN: bool>(values: &[f64], cut: f64, out: &mut [f64]) -> LaneSums {
        let Some(before) = values.len().checked_sub(1).map(|n| &values[..n]) else {
            return LaneSums::ZERO;
        };
        let points = &values[1..];
        debug_assert!(out.is_empty() || out.len() == points.len());
        // Four lanes side by side in one vector, with no branch on the data. When
        // screening, a moving range at or over the cut is masked to +0.0 (adding it
        // changes nothing, as a skipped addition would not) and each lane's count
        // is kept as a float (exact far beyond a block's length); the first pass
        // keeps the largest by comparison (the values are finite).
        let (zero, one, cut4) = (f64x4::ZERO, f64x4::ONE, f64x4::splat(cut));
        let (mut sum, mut mr, mut kept, mut largest) = (zero, zero, zero, zero);
        let four = |of: &[f64]| f64x4::new([of[0], of[1], of[2], of[3]]);
        let mut add = |x: f64x4, b: f64x4| {
            let range = (x - b).abs();
            if SCREEN {
                let under = range.cmp_lt(cut4);
                mr += range & under;
                kept += one & under;
            } else {
                sum += x;
                mr += range;
                largest = range.fast_max(largest); // range > largest ? range : largest
            }
            range
        };
        // Point i (from 1) with its moving range |x[i] - x[i-1]|, in lane (i - 1) % 4.
        let (points4, before4) = (points.chunks_exact(4), before.chunks_exact(4));
        let whole = points.len() - points4.remainder().len();
        let left = points4.remainder().iter().zip(before4.remainder());
        if out.is_empty() {
            for (x, b) in points4.zip(before4) {
                add(four(x), four(b));
            }
        } else {
            for ((x, b), o) in points4.zip(before4).zip(out.chunks_exact_mut(4)) {
                o.copy_from_slice(&add(four(x), four(b)).to_array());
            }
        }
        let [mut sum, mut mr, mut kept, mut largest] =
            [sum, mr, kept, largest].map(|lanes| lanes.to_array());
        for (k, (&x, &b)) in left.enumerate() {
            let range = (x - b).abs();
            if let Some(o) = out.get_mut(whole + k) {
                *o = range;
            }
            if SCREEN {
                let under = range < cut;
                mr[0] += if under { range } else { 0.0 };
                kept[0] += if under { 1.0 } else { 0.0 };
            } else {
                sum[0] += x;
                mr[0] += range;
                largest[0] = if range > largest[0] {
                    range
                } else {
                    largest[0]
                };
            }
        }
        LaneSums {
            values: (sum[0] + sum[1]) + (sum[2] + sum[3]),
            moving_ranges: (mr[0] + mr[1]) + (mr[2] + mr[3]),
            kept: if SCREEN {
                ((kept[0] + kept[1]) + (kept[2] + kept[3])) as usize
            } else {
                points.len()
            },
            largest: largest.iter().fold(0.0, |a, &b| if b > a { b } else { a }),
        }
    }
}

/// Call `f` with each moving range of `range`, in order: between consecutive points
/// that are both used.
fn for_each_moving_range(
    values: &[f64],
    range: std::ops::Range<usize>,
    used: Segment<'_, bool>,
    mut f: impl FnMut(f64),
) {
    match used {
        Segment::Level(true) => values[range]
            .windows(2)
            .for_each(|w| f((w[1] - w[0]).abs())),
        Segment::Level(false) => {}
        _ => (range.start + 1..range.end)
            .filter(|&i| used.at(i) && used.at(i - 1))
            .for_each(|i| f((values[i] - values[i - 1]).abs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The centre and screened moving range of a phase with every point used (the
    /// four-lane, blocked sums) and the same phase read point by point (the path
    /// baselines and exclusions take, here forced by per-point `used` flags). The
    /// moving ranges each writes for the companion chart must be the same to the
    /// last bit (NaN first).
    fn both_paths(values: &[f64]) -> (PhaseSpread, PhaseSpread) {
        let xmr = XmrOptions::default();
        let range = 0..values.len();
        let mut scratch = Vec::new();
        let (mut blocked_ranges, mut by_point_ranges) =
            (vec![0.0; values.len()], vec![1.0; values.len()]);
        let blocked = phase_spread(
            values,
            range.clone(),
            &Column::constant(true, values.len()),
            0,
            &xmr,
            &mut scratch,
            Some(&mut blocked_ranges),
        );
        let used = Column::points(vec![true; values.len()]);
        let by_point = phase_spread(
            values,
            range,
            &used,
            0,
            &xmr,
            &mut scratch,
            Some(&mut by_point_ranges),
        );
        assert!(blocked_ranges[0].is_nan() && by_point_ranges[0].is_nan());
        assert_eq!(blocked_ranges[1..], by_point_ranges[1..]);
        let by_windows: Vec<f64> = values.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
        assert_eq!(blocked_ranges[1..], by_windows[..]);
        (blocked.unwrap(), by_point.unwrap())
    }

    fn assert_same(a: &PhaseSpread, b: &PhaseSpread) {
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * y.abs().max(1.0);
        assert!(
            close(a.centre, b.centre),
            "centre {} vs {}",
            a.centre,
            b.centre
        );
        assert!(
            close(a.moving_range, b.moving_range),
            "moving range {} vs {}",
            a.moving_range,
            b.moving_range
        );
        assert_eq!(a.screened, b.screened);
    }

    proptest! {
        /// With and without moving ranges to screen (the occasional jump of 40),
        /// in series of a few points up to several blocks.
        #[test]
        fn blocked_sums_agree_with_a_point_by_point_reading(
            seed in any::<u64>(),
            n in prop::sample::select(vec![2usize, 3, 5, 24, 1000, blocks::BLOCK + 1, blocks::PARALLEL_FROM + 77]),
            jumps in any::<bool>(),
        ) {
            let mut state = seed | 1;
            let values: Vec<f64> = (0..n)
                .map(|i| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let noise = (state >> 11) as f64 / (1u64 << 53) as f64;
                    10.0 * noise + if jumps && i % 97 == 0 { 40.0 } else { 0.0 }
                })
                .collect();
            let (blocked, by_point) = both_paths(&values);
            assert_same(&blocked, &by_point);
            if jumps && n > 200 {
                prop_assert!(blocked.screened > 0);
            }
        }
    }

    #[test]
    fn nothing_to_screen_gives_the_unscreened_mean() {
        // Moving ranges 1, 1, 2, 1, 1: the cut is 3.267 × 1.2, which none reaches.
        let values = [1.0, 2.0, 3.0, 1.0, 2.0, 3.0];
        let (blocked, by_point) = both_paths(&values);
        assert_eq!(blocked.screened, 0);
        assert!((blocked.moving_range - 1.2).abs() < 1e-15);
        assert_same(&blocked, &by_point);
    }
}
