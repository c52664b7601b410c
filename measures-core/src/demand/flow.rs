//! Flow measures where the log has them: resolved at the first point of contact,
//! handoffs per case, and repeat demand.

use super::case_log::CaseLog;
use crate::capability::Estimate;
use crate::stats::clopper_pearson;
use serde::{Deserialize, Serialize};

/// How demand flows through the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Cases with a handoff count in the log.
    pub cases_with_handoffs: usize,
    /// Closed cases with no handoff, as a share of closed cases with a handoff count
    /// (Clopper–Pearson interval); `None` without handoff data.
    pub first_contact_resolution: Option<Estimate>,
    /// Mean handoffs per case with a count.
    pub mean_handoffs: Option<f64>,
    /// Cases linked to an earlier case (repeat or chasing demand).
    pub repeat_cases: usize,
    /// repeat_cases / all cases, with its interval.
    pub repeat_share: Estimate,
    /// Confidence level of the intervals.
    pub level: f64,
}

/// Flow measures of a log at a confidence level.
///
/// ```
/// use measures_core::demand::{flow, Case, CaseLog, DemandClass};
/// use measures_core::demand::time::Timestamp;
/// let t = Timestamp::parse("2024-01-01").unwrap();
/// let mut a = Case::new("a", t, Some(t), DemandClass::Value);
/// a.handoffs = Some(0);
/// let mut b = Case::new("b", t, Some(t), DemandClass::Failure);
/// b.handoffs = Some(2);
/// b.linked_to = Some("a".into());
/// let f = flow(&CaseLog::new(vec![a, b])?, 0.95);
/// assert_eq!(f.first_contact_resolution.unwrap().value, 0.5);
/// assert_eq!(f.mean_handoffs, Some(1.0));
/// assert_eq!(f.repeat_cases, 1);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn flow(log: &CaseLog, level: f64) -> Flow {
    let share = |x: usize, n: usize| {
        let (lower, upper) = clopper_pearson(x as f64, n as f64, level);
        Estimate {
            value: x as f64 / n as f64,
            lower,
            upper,
        }
    };
    // One pass, counting: cases with a handoff count, those closed, those closed
    // at first contact, and the handoffs (summed in case order).
    let (mut counted, mut closed, mut first_time, mut handoffs) = (0usize, 0usize, 0usize, 0.0);
    for (h, c) in log.handoffs().iter().zip(log.closed()) {
        let Some(h) = *h else { continue };
        counted += 1;
        handoffs += f64::from(h);
        if c.is_some() {
            closed += 1;
            first_time += usize::from(h == 0);
        }
    }
    let first_contact = (closed > 0).then(|| share(first_time, closed));
    let mean_handoffs = (counted > 0).then(|| handoffs / counted as f64);
    let repeat_cases = (0..log.len())
        .filter(|&i| log.linked_to(i).is_some())
        .count();
    Flow {
        cases_with_handoffs: counted,
        first_contact_resolution: first_contact,
        mean_handoffs,
        repeat_cases,
        repeat_share: share(repeat_cases, log.len()),
        level,
    }
}
