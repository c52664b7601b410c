//! Anhøj's runs analysis: the longest run on one side of the centre and the number
//! of times the series crosses it, each against a critical value that depends on
//! the number of useful points (those not on the centre).
//!
//! Source: Anhøj J, Olesen AV (2014) "Run Charts Revisited: A Simulation Study of
//! Run Chart Rules for Detection of Non-Random Variation in Health Care Processes",
//! PLoS ONE 9(11): e113825, Table 1; as implemented in qicharts2 (`runs.analysis`).

use super::bits::PhaseBits;
use super::model::{side_of, Side};
use crate::column::{Column, Segment};
use crate::stats::binomial_quantile;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Anhøj's critical values for `n` useful points: the longest run allowed and the
/// fewest crossings expected.
///
/// Longest run limit = round(log2(n) + 3); crossings minimum = the 5 % lower
/// quantile of Binomial(n − 1, 0.5).
///
/// ```
/// // Anhøj & Olesen (2014), Table 1: 24 useful points allow a run of 8 and need 8 crossings.
/// assert_eq!(measures_core::rules::anhoej_limits(24), (8, 8));
/// ```
pub fn anhoej_limits(useful_points: usize) -> (usize, usize) {
    if useful_points == 0 {
        return (0, 0);
    }
    let n = useful_points as f64;
    let longest = (n.log2() + 3.0).round() as usize;
    let crossings = binomial_quantile(0.05, (useful_points - 1) as u64, 0.5) as usize;
    (longest, crossings)
}

/// The runs analysis of one phase, reported with every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunsAnalysis {
    /// Points not on the centre line.
    pub useful_points: usize,
    /// Longest run of useful points on one side of the centre.
    pub longest_run: usize,
    /// A run longer than this is a signal.
    pub longest_run_max: usize,
    /// Number of times consecutive useful points are on opposite sides.
    pub crossings: usize,
    /// Fewer crossings than this is a signal.
    pub crossings_min: usize,
}

impl RunsAnalysis {
    /// Analyse the points of `range` against their centre.
    ///
    /// ```
    /// use measures_core::rules::RunsAnalysis;
    /// let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    /// use measures_core::Column;
    /// let r = RunsAnalysis::of(&v, &Column::constant(3.5, 6), 0..6);
    /// assert_eq!((r.useful_points, r.longest_run, r.crossings), (6, 3, 1));
    /// ```
    pub fn of(values: &[f64], centre: &Column<f64>, range: Range<usize>) -> RunsAnalysis {
        let none = Segment::Level(f64::NAN);
        let lines = [centre.over(range.clone()), none, none, none];
        RunsAnalysis::from_bits(&PhaseBits::new(values, range, lines, f64::NAN, false))
    }

    /// The analysis of a phase read into bits, with Anhøj's critical values for its
    /// number of useful points.
    pub(super) fn from_bits(bits: &PhaseBits) -> RunsAnalysis {
        let counts = bits.run_counts();
        let (useful_points, longest_run, crossings) =
            (counts.useful, counts.longest, counts.crossings);
        let (longest_run_max, crossings_min) = anhoej_limits(useful_points);
        RunsAnalysis {
            useful_points,
            longest_run,
            longest_run_max,
            crossings,
            crossings_min,
        }
    }

    /// Is the longest run a signal?
    pub fn run_too_long(&self) -> bool {
        self.longest_run > self.longest_run_max
    }

    /// Are there too few crossings?
    pub fn too_few_crossings(&self) -> bool {
        self.useful_points > 0 && self.crossings < self.crossings_min
    }

    /// Every run longer than the limit, as (side, useful points in the run).
    pub(super) fn long_run_signals(
        &self,
        values: &[f64],
        centre: &Column<f64>,
        range: Range<usize>,
    ) -> Vec<(Option<Side>, usize, usize)> {
        let centre = centre.over(range.clone());
        let mut found = Vec::new();
        if !self.run_too_long() {
            return found;
        }
        // The current run: its side, first and last point, and its useful points.
        let mut run: Option<(Side, usize, usize, usize)> = None;
        for i in range {
            let Some(side) = side_of(values[i], centre.at(i)) else {
                continue;
            };
            match &mut run {
                Some((s, _, last, count)) if *s == side => {
                    *last = i;
                    *count += 1;
                }
                _ => {
                    if let Some((s, first, last, count)) = run {
                        if count > self.longest_run_max {
                            found.push((Some(s), first, last));
                        }
                    }
                    run = Some((side, i, i, 1));
                }
            }
        }
        if let Some((s, first, last, count)) = run {
            if count > self.longest_run_max {
                found.push((Some(s), first, last));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Anhøj & Olesen (2014), PLoS ONE 9(11): e113825, Table 1 (also qicharts2's
    /// runs analysis): useful points → (longest run limit, crossings minimum).
    #[test]
    fn critical_values_match_anhoej_table_1() {
        let table = [
            (10, 6, 2),
            (12, 7, 3),
            (15, 7, 4),
            (20, 7, 6),
            (24, 8, 8),
            (30, 8, 10),
            (40, 8, 14),
            (50, 9, 19),
            (60, 9, 23),
            (100, 10, 41),
        ];
        for (n, run, crossings) in table {
            assert_eq!(anhoej_limits(n), (run, crossings), "n = {n}");
        }
    }

    #[test]
    fn points_on_the_centre_are_skipped_not_counted() {
        // 0 is the centre: the 0 does not break the run of lows nor count as useful
        let v = [-1.0, -1.0, 0.0, -1.0, 1.0, 1.0];
        let r = RunsAnalysis::of(&v, &Column::constant(0.0, 6), 0..6);
        assert_eq!(r.useful_points, 5);
        assert_eq!(r.longest_run, 3);
        assert_eq!(r.crossings, 1);
    }

    #[test]
    fn a_long_run_is_reported_with_its_points() {
        // 10 useful points allow a run of 6; here 7 lows then 3 highs
        let mut v = vec![-1.0; 7];
        v.extend([1.0, 1.0, 1.0]);
        let r = RunsAnalysis::of(&v, &Column::constant(0.0, 10), 0..10);
        assert!(r.run_too_long());
        let found = r.long_run_signals(&v, &Column::constant(0.0, 10), 0..10);
        assert_eq!(found, vec![(Some(Side::Low), 0, 6)]);
        // one crossing where 2 are needed
        assert!(r.too_few_crossings());
    }

    #[test]
    fn random_looking_series_gives_no_signal() {
        let v = [1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, 1.0, -1.0];
        let r = RunsAnalysis::of(&v, &Column::constant(0.0, 10), 0..10);
        assert!(!r.run_too_long());
        assert!(!r.too_few_crossings());
    }
}
