//! Many charts in one call: one XmR chart per group of a long column (every
//! organisation × every metric), as a board report or a national dataset needs.
//!
//! The groups are consecutive slices of one column, given by their offsets, so the
//! caller's data is read in place. A group that cannot be charted (too few points)
//! gets its error in its slot; the others are unaffected. With the default
//! `parallel` feature the groups are charted on every core (rayon).

use super::model::Chart;
use super::xmr::xmr_individuals;
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::options::ChartOptions;
use crate::series::Series;

/// Check group offsets: they start at 0, never decrease, and end at `len`.
fn check_offsets(offsets: &[usize], len: usize) -> Result<()> {
    let invalid = |reason: String| {
        Err(MeasuresError::InvalidOption {
            name: "group offsets",
            reason,
        })
    };
    match (offsets.first(), offsets.last()) {
        (Some(0), Some(&last)) if last == len => {}
        _ => {
            return invalid(format!(
                "offsets must start at 0 and end at the number of values ({len})"
            ))
        }
    }
    if let Some(k) = offsets.windows(2).position(|w| w[1] < w[0]) {
        return invalid(format!(
            "offset {} is smaller than the one before it",
            k + 1
        ));
    }
    Ok(())
}

/// One XmR chart per group: group `g` holds `values[offsets[g]..offsets[g + 1]]`
/// (and the same slice of `labels`). The options apply to every group; phase starts
/// and exclusions name positions, so they are refused here. Each chart equals
/// [`crate::xmr_chart`] on its group except that it has no moving-range companion, which a
/// grouped summary does not use and which would double the work.
///
/// ```
/// use measures_core::xmr_by_group;
/// use measures_core::{ChartOptions, XmrOptions};
/// let values = [1.0, 2.0, 1.5, 2.5, 10.0, 11.0, 9.0, 10.5, 7.0];
/// let charts = xmr_by_group(&values, &[0, 4, 8, 9], None, &ChartOptions::default(), &XmrOptions::default())?;
/// assert_eq!(charts.len(), 3);
/// assert_eq!(charts[1].as_ref().unwrap().values, vec![10.0, 11.0, 9.0, 10.5]);
/// assert!(charts[1].as_ref().unwrap().companion.is_none());
/// assert!(charts[2].is_err()); // one point cannot make an XmR chart
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xmr_by_group(
    values: &[f64],
    offsets: &[usize],
    labels: Option<&[String]>,
    options: &ChartOptions,
    settings: &XmrOptions,
) -> Result<Vec<Result<Chart>>> {
    check_offsets(offsets, values.len())?;
    if let Some(l) = labels {
        MeasuresError::check_length("labels", values.len(), l.len())?;
    }
    if !options.phase_starts.is_empty() || !options.exclude.is_empty() {
        return Err(MeasuresError::InvalidOption {
            name: "options",
            reason: "phase starts and exclusions name points of one series; give each group its own options (xmr_by_group_each)".into(),
        });
    }
    charts_of_groups(values, offsets, labels, |_| options, settings)
}

/// [`xmr_by_group`] with options of each group's own: `options[g]` for group `g`,
/// whose phase starts, exclusions and baseline count from the group's first point
/// (a change on a date falls at a different point in each group), and whose target
/// is that measure's.
///
/// ```
/// use measures_core::{xmr_by_group_each, ChartOptions, Direction, XmrOptions};
/// let values = [1.0, 2.0, 1.5, 2.5, 8.0, 9.0, 10.0, 11.0, 9.0, 10.5, 2.0, 3.0];
/// let split = ChartOptions { phase_starts: vec![4], ..ChartOptions::default() };
/// let target = ChartOptions { target: Some(2.0), direction: Direction::LowerIsBetter, ..ChartOptions::default() };
/// let charts = xmr_by_group_each(&values, &[0, 8, 12], None, &[split, target], &XmrOptions::default())?;
/// assert_eq!(charts[0].as_ref().unwrap().phases.len(), 2);
/// assert!(charts[1].as_ref().unwrap().assurance.is_some());
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xmr_by_group_each(
    values: &[f64],
    offsets: &[usize],
    labels: Option<&[String]>,
    options: &[ChartOptions],
    settings: &XmrOptions,
) -> Result<Vec<Result<Chart>>> {
    check_offsets(offsets, values.len())?;
    let groups = offsets.len().saturating_sub(1);
    MeasuresError::check_length("options per group", groups, options.len())?;
    if let Some(l) = labels {
        MeasuresError::check_length("labels", values.len(), l.len())?;
    }
    charts_of_groups(values, offsets, labels, |g| &options[g], settings)
}

/// Chart every group with its options (checked offsets and labels).
fn charts_of_groups<'o>(
    values: &[f64],
    offsets: &[usize],
    labels: Option<&[String]>,
    options: impl Fn(usize) -> &'o ChartOptions + Sync,
    settings: &XmrOptions,
) -> Result<Vec<Result<Chart>>> {
    let chart = |(g, w): (usize, &[usize])| {
        let (a, b) = (w[0], w[1]);
        let mut series = Series::new(&values[a..b])?;
        if let Some(l) = labels {
            series = series.with_labels(&l[a..b])?;
        }
        xmr_individuals(series, options(g), settings)
    };
    // Each group is independent, so with the `parallel` feature they are spread over
    // every core; the order of the results is the order of the groups either way.
    #[cfg(feature = "parallel")]
    if crate::parallel::enabled() {
        use rayon::prelude::*;
        return Ok(offsets.par_windows(2).enumerate().map(chart).collect());
    }
    Ok(offsets.windows(2).enumerate().map(chart).collect())
}
