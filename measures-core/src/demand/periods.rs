//! Calendar periods for demand, and where a change starts a phase among dated points.
//! The periods themselves are [`crate::periods`]'.

use chrono::NaiveDate;

pub use crate::periods::{Period, PeriodCounts};

/// Phase starts for points dated `dates` (ascending): for each change, the first
/// point on or after it, leaving out the first point and repeats.
pub(crate) fn phase_starts(dates: &[NaiveDate], changes: &[NaiveDate]) -> Vec<usize> {
    let mut starts: Vec<usize> = changes
        .iter()
        .map(|c| dates.partition_point(|d| d < c))
        .filter(|&i| i > 0 && i < dates.len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}
