//! The systems-thinking capability statement: what a stable process will deliver.
//!
//! A process in statistical control is predictable: its process limits say what it
//! will do next, whatever anyone wants it to do (Wheeler, *Understanding Variation*,
//! ch. 5; Seddon, *Freedom from Command and Control*, on measures of capability). So
//! the statement quotes the latest phase's limits and centre — "between L and U;
//! on average A" — and only when that phase shows no special cause. When it does, the
//! process is not predictable and the statement lists the signals instead.

use crate::chart::Chart;
use crate::error::{MeasuresError, Result};
use crate::rules::Signal;
use serde::{Deserialize, Serialize};

/// Signals named one by one in a statement; the rest are counted by rule.
const MAX_LISTED: usize = 5;

/// How to word and scope a capability statement.
///
/// ```
/// use measures_core::capability::StatementOptions;
/// let o = StatementOptions { unit: "working days".into(), floor: Some(0.0), ..Default::default() };
/// assert_eq!(o.decimals, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatementOptions {
    /// Zero-based phase to describe; `None` for the latest.
    pub phase: Option<usize>,
    /// The least value possible (0 for times and counts): a lower limit below it is
    /// quoted as the floor, and the statement says so.
    pub floor: Option<f64>,
    /// Unit for the text, e.g. "days"; empty for none.
    pub unit: String,
    /// Decimal places in the text.
    pub decimals: usize,
}

impl Default for StatementOptions {
    fn default() -> Self {
        StatementOptions {
            phase: None,
            floor: None,
            unit: String::new(),
            decimals: 1,
        }
    }
}

/// What a process predictably achieves, or why it cannot be said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapabilityStatement {
    /// Zero-based phase described.
    pub phase: usize,
    /// First point of the phase.
    pub first: usize,
    /// Last point of the phase (inclusive).
    pub last: usize,
    /// Points in the phase.
    pub points: usize,
    /// True when the phase shows no special cause, so the range can be relied on.
    pub predictable: bool,
    /// The centre line: on average.
    pub average: f64,
    /// The lower process limit, raised to the floor when one is given.
    pub lower: f64,
    /// The upper process limit.
    pub upper: f64,
    /// The lower limit as computed, before any floor.
    pub lower_limit: f64,
    /// The phase's special-cause signals (empty when predictable).
    pub signals: Vec<Signal>,
    /// The statement in words.
    pub text: String,
}

/// The capability statement of a chart's phase (the latest by default).
///
/// Needs a chart whose limits are constant within the phase (XmR, c, X-bar with equal
/// subgroups); for charts whose limits vary point to point, chart the rates on an XmR.
///
/// ```
/// use measures_core::capability::{capability_statement, StatementOptions};
/// use measures_core::{xmr, ChartOptions, Series, XmrOptions};
/// let days = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0];
/// let chart = xmr(Series::new(&days)?, &ChartOptions::default(), &XmrOptions::default())?;
/// let options = StatementOptions { unit: "days".into(), ..Default::default() };
/// let s = capability_statement(&chart, &options)?;
/// assert!(s.predictable);
/// assert!(s.text.starts_with("Predictable: this process will deliver between"));
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn capability_statement(
    chart: &Chart,
    options: &StatementOptions,
) -> Result<CapabilityStatement> {
    let last_phase = chart.phases.len().saturating_sub(1);
    let phase_index = options.phase.unwrap_or(last_phase);
    let phase = chart
        .phases
        .get(phase_index)
        .ok_or(MeasuresError::IndexOutOfRange {
            what: "capability statement phase",
            index: phase_index,
            len: chart.phases.len(),
        })?;
    if !(phase.upper.is_finite() && phase.lower.is_finite()) {
        return Err(MeasuresError::InvalidOption {
            name: "chart",
            reason: format!(
                "a {} chart's limits are absent or vary point to point in phase {phase_index}; \
                 a capability statement needs constant process limits (chart the values on an XmR chart)",
                chart.chart_type.name()
            ),
        });
    }
    let signals: Vec<Signal> = chart
        .signals
        .iter()
        .filter(|s| s.phase == phase_index)
        .cloned()
        .collect();
    let predictable = signals.is_empty();
    let lower = options.floor.map_or(phase.lower, |f| phase.lower.max(f));
    let d = options.decimals;
    let unit = if options.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", options.unit)
    };
    let span = if phase.first == phase.last {
        format!("1 point, {}", chart.point_name(phase.first))
    } else {
        format!(
            "{} points from {} to {}",
            phase.last - phase.first + 1,
            chart.point_name(phase.first),
            chart.point_name(phase.last)
        )
    };
    let text = if predictable {
        let floored = if lower > phase.lower {
            format!(
                " (the computed lower limit, {:.d$}, is below what is possible)",
                phase.lower
            )
        } else {
            String::new()
        };
        format!(
            "Predictable: this process will deliver between {lower:.d$} and {:.d$}{unit}; \
             on average {:.d$}{unit}{floored}. Based on phase {phase_index} ({span}).",
            phase.upper, phase.centre
        )
    } else {
        // Many signals (a long series of skewed times) are summarised by rule, with
        // the earliest few named.
        let mut ordered: Vec<&Signal> = signals.iter().collect();
        ordered.sort_by_key(|s| s.points.first().copied().unwrap_or(0));
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for s in &ordered {
            let name = s.rule.name();
            match counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => counts.push((name, 1)),
            }
        }
        let shown: Vec<String> = ordered
            .iter()
            .take(MAX_LISTED)
            .map(|s| chart.describe_signal(s))
            .collect();
        let more = if ordered.len() > MAX_LISTED {
            let by_rule: Vec<String> = counts
                .iter()
                .map(|(n, c)| format!("{c} {}", n.replace('_', " ")))
                .collect();
            format!(
                "; and {} more ({} signals in all: {})",
                ordered.len() - MAX_LISTED,
                ordered.len(),
                by_rule.join(", ")
            )
        } else {
            String::new()
        };
        format!(
            "Not predictable: phase {phase_index} ({span}) shows special causes, so no range can be \
             relied on. Understand them first: {}{more}.",
            shown.join("; ")
        )
    };
    Ok(CapabilityStatement {
        phase: phase_index,
        first: phase.first,
        last: phase.last,
        points: phase.last - phase.first + 1,
        predictable,
        average: phase.centre,
        lower,
        upper: phase.upper,
        lower_limit: phase.lower,
        signals,
        text,
    })
}
