//! Pareto of demand types: which types make up most of the demand.

use super::case_log::{CaseLog, DemandClass};
use serde::{Deserialize, Serialize};

/// One demand type's count and share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParetoRow {
    /// The demand type (`(none)` for cases without one).
    pub demand_type: String,
    /// Cases of this type.
    pub count: usize,
    /// count / total.
    pub share: f64,
    /// Share of this type and every type above it.
    pub cumulative_share: f64,
}

/// Demand types sorted by count (then name), with shares and cumulative shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pareto {
    /// Which class was counted; `None` for all demand.
    pub class: Option<DemandClass>,
    /// Cases counted.
    pub total: usize,
    /// Rows, largest first.
    pub rows: Vec<ParetoRow>,
}

/// The Pareto of demand types for one class (value or failure) or all demand.
///
/// ```
/// use measures_core::demand::{pareto, Case, CaseLog, DemandClass};
/// use measures_core::demand::time::Timestamp;
/// let t = Timestamp::parse("2024-01-01").unwrap();
/// let mut cases = Vec::new();
/// for (i, ty) in ["leak", "leak", "leak", "chase", "damp"].iter().enumerate() {
///     let mut c = Case::new(i.to_string(), t, None, DemandClass::Value);
///     c.demand_type = Some(ty.to_string());
///     cases.push(c);
/// }
/// let p = pareto(&CaseLog::new(cases)?, None);
/// assert_eq!(p.rows[0].demand_type, "leak");
/// assert_eq!(p.rows[0].share, 0.6);
/// assert_eq!(p.rows[2].cumulative_share, 1.0);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn pareto(log: &CaseLog, class: Option<DemandClass>) -> Pareto {
    let types = log.types();
    let mut per_type = vec![0usize; types.names.len()];
    for (&c, &k) in log.classes().iter().zip(&types.codes) {
        if class.is_none_or(|wanted| c == wanted) {
            per_type[k as usize] += 1;
        }
    }
    let counts = types
        .names
        .iter()
        .zip(per_type)
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| (name.as_str(), n));
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let total: usize = rows.iter().map(|r| r.1).sum();
    let mut running = 0;
    let rows = rows
        .into_iter()
        .map(|(name, count)| {
            running += count;
            ParetoRow {
                demand_type: name.to_string(),
                count,
                share: count as f64 / total as f64,
                cumulative_share: running as f64 / total as f64,
            }
        })
        .collect();
    Pareto { class, total, rows }
}
