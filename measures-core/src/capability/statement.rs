//! The systems-thinking capability statement: what a stable process will deliver.
//!
//! A process in statistical control is predictable: its process limits say what it
//! will do next, whatever anyone wants it to do (Wheeler, *Understanding Variation*,
//! ch. 5; Seddon, *Freedom from Command and Control*, on measures of capability). So
//! the statement quotes the phase's limits and average — "between L and U; on
//! average A" — when the phase is judged predictable, and describes what stands out
//! when it is not. The judgement is [`judge_predictability`]'s, whose false-alarm
//! rate does not grow with the number of points; the chart's point rules stay on the
//! chart and are counted here for the reader.

use super::verdict::{
    judge_predictability, Finding, OutlierSides, Predictability, VerdictOptions, VerdictTest,
};
use crate::charts::Chart;
use crate::error::{MeasuresError, Result};
use crate::rules::{Side, Signal};
use crate::stats::mean;
use serde::{Deserialize, Serialize};

/// Outliers named one by one in a statement; the rest are counted.
const MAX_LISTED: usize = 3;
/// The most decimal places a statement will print (beyond it digits are noise).
pub const MAX_DECIMALS: usize = 12;

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
    /// Error rates and resolution of the predictability verdict.
    pub verdict: VerdictOptions,
    /// The least value possible (0 for times and counts): a lower limit below it is
    /// quoted as the floor, and the statement says so. With a floor the verdict
    /// looks for high outliers only (see [`OutlierSides::High`]) unless
    /// `verdict.outliers` already names one side or none.
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
            verdict: VerdictOptions::default(),
            floor: None,
            unit: String::new(),
            decimals: 1,
        }
    }
}

/// What a process predictably achieves, or why it cannot be said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapabilityStatement {
    /// Zero-based phase described (its text counts phases from 1).
    pub phase: usize,
    /// First point of the phase.
    pub first: usize,
    /// Last point of the phase (inclusive).
    pub last: usize,
    /// Points in the phase.
    pub points: usize,
    /// The verdict's answer: no sustained shift, cluster or outlier beyond chance,
    /// so the range can be relied on.
    pub predictable: bool,
    /// The verdict, with each test's statistic, p-value and where it points.
    pub verdict: Predictability,
    /// On average: the mean of the points used (the chart's centre line, except on a
    /// transformed chart, whose centre is the typical value and not the mean).
    pub average: f64,
    /// The chart's centre line.
    pub centre: f64,
    /// The lower process limit, raised to the floor when one is given.
    pub lower: f64,
    /// The upper process limit.
    pub upper: f64,
    /// The lower limit as computed, before any floor.
    pub lower_limit: f64,
    /// Share of the points used that lie within `lower`..=`upper`.
    pub coverage: f64,
    /// The chart's point-rule signals in the phase (for reading the chart; the
    /// verdict is separate).
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
/// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
/// let days = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0];
/// let chart = xmr_chart(Series::new(&days)?, &ChartOptions::default(), &XmrOptions::default())?;
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
    if options.decimals > MAX_DECIMALS {
        return Err(MeasuresError::InvalidOption {
            name: "decimals",
            reason: format!(
                "{} is more than {MAX_DECIMALS} decimal places",
                options.decimals
            ),
        });
    }
    if let Some(f) = options.floor.filter(|f| !f.is_finite()) {
        return Err(MeasuresError::InvalidOption {
            name: "floor",
            reason: format!("{f} is not a finite number"),
        });
    }
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
    let number = phase_index + 1;
    if !(phase.upper.is_finite() && phase.lower.is_finite()) {
        return Err(MeasuresError::InvalidOption {
            name: "chart",
            reason: format!(
                "a {} chart's limits are absent or vary point to point in phase {number}; \
                 a capability statement needs constant process limits (chart the values on an XmR chart)",
                chart.chart_type.name()
            ),
        });
    }
    let mut verdict_options = options.verdict;
    if options.floor.is_some() && verdict_options.outliers == OutlierSides::Both {
        verdict_options.outliers = OutlierSides::High;
    }
    let verdict = judge_predictability(chart, phase_index, &verdict_options)?;
    let signals: Vec<Signal> = chart
        .signals
        .iter()
        .filter(|s| s.phase == phase_index)
        .cloned()
        .collect();
    let predictable = verdict.predictable;
    let lower = options.floor.map_or(phase.lower, |f| phase.lower.max(f));
    let used = (phase.first..=phase.last).filter(|&i| chart.used[i] && chart.values[i].is_finite());
    let average = if chart.method.transform().is_some() {
        mean(used.clone().map(|i| chart.values[i]))
    } else {
        phase.centre
    };
    let within = used
        .clone()
        .filter(|&i| (lower..=phase.upper).contains(&chart.values[i]))
        .count();
    let coverage = within as f64 / verdict.points.max(1) as f64;
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
        let rules = if signals.is_empty() {
            String::new()
        } else {
            let flagged = signals
                .iter()
                .flat_map(|s| chart.signal_points(s))
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let ran: Vec<&str> = verdict
                .tests
                .iter()
                .filter(|t| t.skipped.is_none())
                .map(|t| match t.test {
                    Finding::Shift => "sustained shift",
                    Finding::Cluster => "cluster",
                    Finding::Outlier => "outlier",
                })
                .collect();
            let found = match ran.as_slice() {
                [] => "tests nothing".to_string(),
                [one] => format!("finds no {one}"),
                [rest @ .., last] => format!("finds no {} or {last}", rest.join(", ")),
            };
            format!(
                " The chart's point rules flag {flagged} of its {} points judged; over many points they always flag some, \
                 and the verdict {found} beyond chance.",
                verdict.points
            )
        };
        format!(
            "Predictable: this process will deliver between {lower:.d$} and {:.d$}{unit}; \
             on average {average:.d$}{unit}{floored}. Based on phase {number} ({span}).{rules}",
            phase.upper
        )
    } else {
        let found: Vec<String> = verdict
            .tests
            .iter()
            .filter(|t| t.fired)
            .map(|t| describe(chart, &verdict, t, d, &unit))
            .collect();
        format!(
            "Not predictable: phase {number} ({span}) shows {}, so no range can be relied on; \
             understand the cause first.",
            found.join("; and ")
        )
    };
    Ok(CapabilityStatement {
        phase: phase_index,
        first: phase.first,
        last: phase.last,
        points: phase.last - phase.first + 1,
        predictable,
        verdict,
        average,
        centre: phase.centre,
        lower,
        upper: phase.upper,
        lower_limit: phase.lower,
        coverage,
        signals,
        text,
    })
}

/// A fired verdict test in words, by the points' names (dates when labelled).
fn describe(
    chart: &Chart,
    verdict: &Predictability,
    t: &VerdictTest,
    d: usize,
    unit: &str,
) -> String {
    let way = match t.side {
        Some(Side::High) => "higher",
        _ => "lower",
    };
    let medians = format!(
        "median {:.d$}{unit} against {:.d$}{unit}",
        t.median_inside, t.median_outside
    );
    match t.test {
        Finding::Shift => format!(
            "a sustained shift: from {} on, values are {way} ({medians} before)",
            chart.point_name(t.first)
        ),
        Finding::Cluster => format!(
            "a cluster of {way} values from {} to {} ({} points, {medians} elsewhere)",
            chart.point_name(t.first),
            chart.point_name(t.last),
            t.points
        ),
        Finding::Outlier => {
            let names: Vec<String> = verdict
                .outliers
                .iter()
                .rev()
                .take(MAX_LISTED)
                .map(|&i| format!("{} ({:.d$}{unit})", chart.point_name(i), chart.values[i]))
                .collect();
            let more = verdict.outliers.len().saturating_sub(MAX_LISTED);
            format!(
                "{} beyond {:.1} sigma, further out than {} points give by chance: {}{}",
                if verdict.outliers.len() == 1 {
                    "1 point".to_string()
                } else {
                    format!("{} points", verdict.outliers.len())
                },
                verdict.outlier_sigmas,
                verdict.points,
                names.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        }
    }
}
