//! Phases (rebasing), baselines (frozen limits) and exclusions, resolved once into
//! a plan that every chart type follows.

use crate::column::Column;
use crate::error::{MeasuresError, Result};
use crate::options::{Baseline, ChartOptions};
use std::ops::Range;

/// Where each phase lies and which points feed the limit calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct PhasePlan {
    /// Half-open ranges of point indices, one per phase, covering the series in order.
    pub ranges: Vec<Range<usize>>,
    /// Per point: is it used to compute its phase's centre and limits? (Stored once
    /// when there is neither a baseline nor an exclusion.)
    pub used: Column<bool>,
    /// Per point: was it excluded by the caller (as opposed to lying after a baseline)?
    pub excluded: Column<bool>,
}

impl PhasePlan {
    /// Resolve the options for a series of `n` points.
    ///
    /// Phase starts are sorted and de-duplicated; a start at 0 adds no phase.
    ///
    /// ```
    /// use measures_core::{ChartOptions, PhasePlan};
    /// let o = ChartOptions { phase_starts: vec![3], exclude: vec![1], ..Default::default() };
    /// let plan = PhasePlan::new(5, &o)?;
    /// assert_eq!(plan.ranges, vec![0..3, 3..5]);
    /// assert_eq!(plan.used, vec![true, false, true, true, true]);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn new(n: usize, options: &ChartOptions) -> Result<PhasePlan> {
        if n == 0 {
            return Err(MeasuresError::Empty);
        }
        // Every chart resolves its options here, so the shared ones are checked here.
        if let Some(t) = options.target.filter(|t| !t.is_finite()) {
            return Err(MeasuresError::InvalidOption {
                name: "target",
                reason: format!("{t} is not a finite number"),
            });
        }
        let mut starts = options.phase_starts.clone();
        if let Some(&bad) = starts.iter().find(|&&s| s >= n) {
            return Err(MeasuresError::IndexOutOfRange {
                what: "phase break",
                index: bad,
                len: n,
            });
        }
        starts.retain(|&s| s > 0);
        starts.sort_unstable();
        starts.dedup();

        let mut ranges = Vec::with_capacity(starts.len() + 1);
        let mut from = 0;
        for s in starts {
            ranges.push(from..s);
            from = s;
        }
        ranges.push(from..n);

        if options.exclude.is_empty() && options.baseline.is_none() {
            return Ok(PhasePlan {
                ranges,
                used: Column::constant(true, n),
                excluded: Column::constant(false, n),
            });
        }
        let mut excluded = vec![false; n];
        for &i in &options.exclude {
            if i >= n {
                return Err(MeasuresError::IndexOutOfRange {
                    what: "exclusion",
                    index: i,
                    len: n,
                });
            }
            excluded[i] = true;
        }
        let mut used: Vec<bool> = excluded.iter().map(|e| !e).collect();

        match options.baseline {
            None => {}
            Some(Baseline::FirstPoints(k)) => {
                if k == 0 {
                    return Err(MeasuresError::InvalidOption {
                        name: "baseline",
                        reason: "a baseline needs at least one point".into(),
                    });
                }
                for r in &ranges {
                    let cut = r.start.saturating_add(k).min(r.end);
                    used[cut..r.end].iter_mut().for_each(|u| *u = false);
                }
            }
            Some(Baseline::Through(i)) => {
                if i >= n {
                    return Err(MeasuresError::IndexOutOfRange {
                        what: "baseline end",
                        index: i,
                        len: n,
                    });
                }
                if let Some(r) = ranges.iter().find(|r| r.contains(&i)) {
                    used[i + 1..r.end].iter_mut().for_each(|u| *u = false);
                }
            }
        }
        let (used, excluded) = (Column::points(used), Column::points(excluded));
        Ok(PhasePlan {
            ranges,
            used,
            excluded,
        })
    }

    /// The plan for a series: [`PhasePlan::new`], with the series' missing values
    /// (its gaps) left out of the limits as well.
    ///
    /// ```
    /// use measures_core::{ChartOptions, PhasePlan, Series};
    /// let v = [1.0, f64::NAN, 3.0];
    /// let plan = PhasePlan::for_series(&Series::new(&v)?, &ChartOptions::default())?;
    /// assert_eq!(plan.used, vec![true, false, true]);
    /// assert_eq!(plan.excluded, vec![false, false, false]);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn for_series(
        series: &crate::series::Series<'_>,
        options: &ChartOptions,
    ) -> Result<PhasePlan> {
        let mut plan = PhasePlan::new(series.len(), options)?;
        if series.has_gaps() {
            let values = series.values();
            let used: Vec<bool> = (0..values.len())
                .map(|i| plan.used[i] && !values[i].is_nan())
                .collect();
            plan.used = Column::points(used);
        }
        Ok(plan)
    }

    /// Phase index of every point (stored once per phase).
    pub fn phase_of_points(&self) -> Column<u32> {
        Column::stepped(&self.ranges, (0..self.ranges.len() as u32).collect())
    }

    /// Number of points of `range` used for the limits.
    pub fn used_in(&self, range: Range<usize>) -> usize {
        self.used.count_true(range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ChartOptions {
        ChartOptions::default()
    }

    #[test]
    fn one_phase_by_default() {
        let p = PhasePlan::new(4, &opts()).unwrap();
        assert_eq!(p.ranges, vec![0..4]);
        assert!(p.used.iter().all(|u| u));
        assert_eq!(p.phase_of_points(), vec![0, 0, 0, 0]);
    }

    #[test]
    fn breaks_are_sorted_and_deduplicated() {
        let o = ChartOptions {
            phase_starts: vec![4, 0, 2, 4],
            ..opts()
        };
        let p = PhasePlan::new(6, &o).unwrap();
        assert_eq!(p.ranges, vec![0..2, 2..4, 4..6]);
        assert_eq!(p.phase_of_points(), vec![0, 0, 1, 1, 2, 2]);
    }

    /// Issue 18: a baseline of usize::MAX points with a phase once overflowed.
    #[test]
    fn a_baseline_longer_than_any_phase_uses_every_point() {
        let o = ChartOptions {
            phase_starts: vec![2],
            baseline: Some(Baseline::FirstPoints(usize::MAX)),
            ..opts()
        };
        let plan = PhasePlan::new(4, &o).unwrap();
        assert_eq!(plan.used, vec![true; 4]);
    }

    #[test]
    fn break_outside_series_is_an_error() {
        let o = ChartOptions {
            phase_starts: vec![6],
            ..opts()
        };
        assert_eq!(
            PhasePlan::new(6, &o).unwrap_err(),
            MeasuresError::IndexOutOfRange {
                what: "phase break",
                index: 6,
                len: 6
            }
        );
    }

    #[test]
    fn baseline_first_points_applies_in_every_phase() {
        let o = ChartOptions {
            phase_starts: vec![4],
            baseline: Some(Baseline::FirstPoints(2)),
            ..opts()
        };
        let p = PhasePlan::new(7, &o).unwrap();
        assert_eq!(p.used, vec![true, true, false, false, true, true, false]);
    }

    #[test]
    fn baseline_through_freezes_only_its_phase() {
        let o = ChartOptions {
            phase_starts: vec![4],
            baseline: Some(Baseline::Through(1)),
            ..opts()
        };
        let p = PhasePlan::new(7, &o).unwrap();
        assert_eq!(p.used, vec![true, true, false, false, true, true, true]);
        let bad = ChartOptions {
            baseline: Some(Baseline::Through(9)),
            ..opts()
        };
        assert!(matches!(
            PhasePlan::new(7, &bad),
            Err(MeasuresError::IndexOutOfRange {
                what: "baseline end",
                ..
            })
        ));
    }

    #[test]
    fn exclusions_are_marked_and_checked() {
        let o = ChartOptions {
            exclude: vec![2],
            ..opts()
        };
        let p = PhasePlan::new(3, &o).unwrap();
        assert_eq!(p.excluded, vec![false, false, true]);
        assert_eq!(p.used, vec![true, true, false]);
        let bad = ChartOptions {
            exclude: vec![3],
            ..opts()
        };
        assert!(PhasePlan::new(3, &bad).is_err());
    }
}
