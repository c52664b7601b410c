//! What a manager reads first: one row per measure (the latest *complete* period,
//! the average before and after each change, the process limits and the icons) and
//! a few sentences generated from those numbers.
//!
//! Icons never come from points kept out of the limits (a partial last week, cases
//! cut short by the end of the log): the latest complete period speaks for the
//! measure. A change counts as a **sustained shift** when the points after it stay
//! on one side of the old centre for at least the shift rule's run (7 with the NHS
//! rules; Making Data Count's test of a change against frozen limits), or, for
//! end-to-end times, when the cases after it differ from those before by a rank-sum
//! test at 1% (Wilcoxon–Mann–Whitney, normal approximation with ties).

use super::group_capability::{GroupCapability, PeriodTimes};
use crate::charts::Chart;
use crate::icons::Variation;
use crate::rules::{RuleSet, Side};
use crate::stats::{mean, normal_sf};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One measure's row in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureSummary {
    /// The measure in words, e.g. "End-to-end time, all demand".
    pub measure: String,
    /// Its unit, e.g. "working days", "cases", "share".
    pub unit: String,
    /// Which way is better: "lower", "higher" or "neither".
    pub better: String,
    /// The latest complete period (its first day) and its value; for end-to-end
    /// times the median of the cases received in it.
    pub latest: Option<(NaiveDate, f64)>,
    /// Average per phase, in order: (first day of the phase, average).
    pub phases: Vec<(NaiveDate, f64)>,
    /// The process limits at the latest complete period (for end-to-end times, the
    /// latest phase's limits for individual cases).
    pub lower: f64,
    /// Upper process limit.
    pub upper: f64,
    /// The variation icon, from the latest complete period (end-to-end: the verdict).
    pub variation: Variation,
    /// For end-to-end times: the predictability verdict of the latest phase.
    pub predictable: Option<bool>,
    /// One entry per change the phases mark.
    pub changes: Vec<ChangeEffect>,
}

/// The difference a change made to one measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEffect {
    /// The date of the change, as given.
    pub change: NaiveDate,
    /// The first day of the phase after it (the first period starting on or after
    /// the change, or the first case received on or after it).
    pub from: NaiveDate,
    /// Average before.
    pub before: f64,
    /// Average after.
    pub after: f64,
    /// A sustained shift (see the module documentation).
    pub sustained: bool,
    /// Which way it moved: "up" or "down" (or "none").
    pub moved: String,
}

fn direction_word(better: crate::options::Direction) -> &'static str {
    match better {
        crate::options::Direction::HigherIsBetter => "higher",
        crate::options::Direction::LowerIsBetter => "lower",
        crate::options::Direction::Neither => "neither",
    }
}

fn moved(before: f64, after: f64) -> String {
    if after > before {
        "up"
    } else if after < before {
        "down"
    } else {
        "none"
    }
    .into()
}

/// The change a phase starting on `from` follows: the latest change on or before it.
fn change_before(changes: &[NaiveDate], from: NaiveDate) -> NaiveDate {
    changes
        .iter()
        .copied()
        .filter(|c| *c <= from)
        .max()
        .unwrap_or(from)
}

/// The row of a period chart (demand volume, failure demand): the latest point kept
/// in the limits, each phase's centre, and each change tested against the old centre.
pub(crate) fn period_measure(
    measure: &str,
    unit: &str,
    chart: &Chart,
    changes: &[NaiveDate],
) -> MeasureSummary {
    let date = |i: usize| {
        chart
            .labels
            .as_ref()
            .and_then(|l| l.date(i))
            .unwrap_or_default()
    };
    let latest = (0..chart.len())
        .rev()
        .find(|&i| !chart.excluded[i] && chart.values[i].is_finite());
    let phases: Vec<(NaiveDate, f64)> = chart
        .phases
        .iter()
        .map(|p| (date(p.first), p.centre))
        .collect();
    let run = chart
        .options
        .rules
        .and_then(|r| r.shift_length())
        .unwrap_or_else(|| {
            crate::rules::RuleConfig::new(RuleSet::Nhs)
                .shift_length()
                .unwrap_or(7)
        });
    let changes = chart
        .phases
        .windows(2)
        .map(|w| {
            let (old, new) = (&w[0], &w[1]);
            let values: Vec<f64> = (new.first..=new.last)
                .filter(|&i| !chart.excluded[i])
                .map(|i| chart.values[i])
                .collect();
            ChangeEffect {
                change: change_before(changes, date(new.first)),
                from: date(new.first),
                before: old.centre,
                after: new.centre,
                sustained: longest_run_on_one_side(&values, old.centre) >= run,
                moved: moved(old.centre, new.centre),
            }
        })
        .collect();
    let at = latest.unwrap_or(chart.len() - 1);
    MeasureSummary {
        measure: measure.into(),
        unit: unit.into(),
        better: direction_word(chart.options.direction).into(),
        latest: latest.map(|i| (date(i), chart.values[i])),
        phases,
        lower: chart.lower[at],
        upper: chart.upper[at],
        variation: latest.map_or(chart.variation, |i| chart.point_type[i]),
        predictable: None,
        changes,
    }
}

/// The longest run of consecutive values strictly on one side of `centre` (a value
/// on it breaks the run, as in the shift rule).
fn longest_run_on_one_side(values: &[f64], centre: f64) -> usize {
    let (mut best, mut run, mut side) = (0, 0, 0i8);
    for &v in values {
        let s = if v > centre {
            1
        } else if v < centre {
            -1
        } else {
            0
        };
        run = if s != 0 && s == side {
            run + 1
        } else {
            usize::from(s != 0)
        };
        side = s;
        best = best.max(run);
    }
    best
}

/// The row of an end-to-end group: the median of the latest complete period, each
/// phase's mean, the statement's range and the verdict.
pub(crate) fn duration_measure(
    measure: &str,
    unit: &str,
    g: &GroupCapability,
    changes: &[NaiveDate],
) -> Option<MeasureSummary> {
    let chart = g.chart.as_ref()?;
    let statement = &g.capability.as_ref()?.statement;
    let received = |i: usize| {
        chart
            .labels
            .as_ref()
            .and_then(|l| l.date(i))
            .unwrap_or_default()
    };
    let used = |p: &crate::charts::PhaseSummary| -> Vec<f64> {
        (p.first..=p.last)
            .filter(|&i| chart.used[i])
            .map(|i| chart.values[i])
            .collect()
    };
    let phases: Vec<(NaiveDate, f64)> = chart
        .phases
        .iter()
        .map(|p| (received(p.first), mean(used(p))))
        .collect();
    let changes = chart
        .phases
        .windows(2)
        .map(|w| {
            let (before, after) = (used(&w[0]), used(&w[1]));
            let (b, a) = (mean(before.iter().copied()), mean(after.iter().copied()));
            ChangeEffect {
                change: change_before(changes, received(w[1].first)),
                from: received(w[1].first),
                before: b,
                after: a,
                sustained: rank_sum_p(before, after) < 0.01,
                moved: moved(b, a),
            }
        })
        .collect();
    let latest = g
        .periods
        .iter()
        .rev()
        .find(|p: &&PeriodTimes| p.complete && p.cases > 0)
        .map(|p| (p.start, p.median));
    let variation = if statement.predictable {
        Variation::CommonCause
    } else {
        // The first test that fired (shift, then cluster, then outlier) says which way.
        let side = statement
            .verdict
            .tests
            .iter()
            .find(|t| t.fired)
            .and_then(|t| t.side);
        match side {
            Some(Side::High) => Variation::ConcerningHigh,
            Some(Side::Low) => Variation::ImprovingLow,
            None => Variation::CommonCause,
        }
    };
    Some(MeasureSummary {
        measure: measure.into(),
        unit: unit.into(),
        better: "lower".into(),
        latest,
        phases,
        lower: statement.lower,
        upper: statement.upper,
        variation,
        predictable: Some(statement.predictable),
        changes,
    })
}

/// Two-sided p-value of the Wilcoxon–Mann–Whitney rank-sum test (normal
/// approximation, variance corrected for ties); 1 when either side is empty.
/// Each side is sorted in place and the two walked together, tie group by tie
/// group, in the order one sorted list of both would give: no third copy of ten
/// million times.
pub(crate) fn rank_sum_p(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 {
        return 1.0;
    }
    a.sort_unstable_by(f64::total_cmp);
    b.sort_unstable_by(f64::total_cmp);
    let n = (n1 + n2) as f64;
    let (mut rank_sum_a, mut ties) = (0.0, 0.0);
    let (mut i, mut j, mut placed) = (0, 0, 0usize);
    while i < n1 || j < n2 {
        // The smallest value left, and every value equal to it on either side.
        let from_a = j == n2 || (i < n1 && a[i].total_cmp(&b[j]).is_le());
        let (first_i, first_j) = (i, j);
        let v = if from_a { a[i] } else { b[j] };
        if from_a {
            i += 1;
        } else {
            j += 1;
        }
        while i < n1 && a[i] == v {
            i += 1;
        }
        while j < n2 && b[j] == v {
            j += 1;
        }
        let (in_a, size) = (i - first_i, i - first_i + j - first_j);
        // Positions placed..placed + size hold the group's ranks: their mean.
        let rank = (2 * placed + size + 1) as f64 / 2.0;
        let t = size as f64;
        ties += t * t * t - t;
        rank_sum_a += rank * in_a as f64;
        placed += size;
    }
    let (n1, n2) = (n1 as f64, n2 as f64);
    let expected = n1 * (n + 1.0) / 2.0;
    let variance = n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    if variance <= 0.0 {
        return 1.0;
    }
    (2.0 * normal_sf((rank_sum_a - expected).abs() / variance.sqrt())).min(1.0)
}

/// Open cases by age: counts per age band, per demand type, and the oldest ten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgeProfile {
    /// The bands' lower edges, in the unit of the times; the last band is open-ended.
    pub edges: Vec<f64>,
    /// The bands in words, e.g. "5–9".
    pub bands: Vec<String>,
    /// Open cases per band.
    pub counts: Vec<usize>,
    /// Per demand type (largest first): the type and its counts per band.
    pub by_type: Vec<(String, Vec<usize>)>,
    /// The oldest open cases, oldest first (at most ten).
    pub oldest: Vec<super::end_to_end::OpenCase>,
}

/// Band edges for ages in `unit`: about a week, two, a month, two and four months
/// of working or calendar days; for hours, a working day, three days, a week, two.
fn age_edges(unit: super::end_to_end::TimeUnit) -> Vec<f64> {
    match unit {
        super::end_to_end::TimeUnit::Hours => vec![0.0, 8.0, 24.0, 72.0, 168.0, 336.0],
        super::end_to_end::TimeUnit::WorkingDays => vec![0.0, 5.0, 10.0, 20.0, 40.0, 80.0],
        super::end_to_end::TimeUnit::CalendarDays => vec![0.0, 7.0, 14.0, 28.0, 56.0, 112.0],
    }
}

/// The age profile of the open cases.
pub(crate) fn age_profile(
    open: &super::end_to_end::OpenCases,
    unit: super::end_to_end::TimeUnit,
) -> AgeProfile {
    let edges = age_edges(unit);
    let whole = unit != super::end_to_end::TimeUnit::Hours;
    let bands: Vec<String> = edges
        .iter()
        .enumerate()
        .map(|(k, &lo)| match edges.get(k + 1) {
            Some(&hi) if whole => format!("{lo}–{}", hi - 1.0),
            Some(&hi) => format!("{lo}–{hi}"),
            None => format!("{lo} or more"),
        })
        .collect();
    let band_of = |age: f64| edges.iter().rposition(|&e| age >= e).unwrap_or(0);
    let mut counts = vec![0; edges.len()];
    let mut by_type: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for c in &open.cases {
        let b = band_of(c.age);
        counts[b] += 1;
        by_type
            .entry(c.demand_type.as_deref().unwrap_or(super::case_log::NONE))
            .or_insert_with(|| vec![0; edges.len()])[b] += 1;
    }
    let mut by_type: Vec<(String, Vec<usize>)> = by_type
        .into_iter()
        .map(|(t, c)| (t.to_string(), c))
        .collect();
    by_type.sort_by(|a, b| {
        let total = |c: &[usize]| c.iter().sum::<usize>();
        total(&b.1).cmp(&total(&a.1)).then_with(|| a.0.cmp(&b.0))
    });
    AgeProfile {
        edges,
        bands,
        counts,
        by_type,
        oldest: open.cases.iter().take(10).cloned().collect(),
    }
}

fn percent_or_number(x: f64, unit: &str) -> String {
    if unit == "share" {
        format!("{:.0}%", 100.0 * x)
    } else {
        format!("{x:.1}")
    }
}

/// A few sentences from the numbers: what each change did to each measure, what
/// end-to-end time the process predictably delivers, and the open cases.
pub(crate) fn narrative(
    summary: &[MeasureSummary],
    open: &super::end_to_end::OpenCases,
    unit: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let find = |measure: &str| summary.iter().find(|m| m.measure == measure);
    if let Some(failure) = find(FAILURE_DEMAND) {
        for c in &failure.changes {
            out.push(format!(
                "Since the change on {}, failure demand {} from {} to {} of demand{}.",
                long_date(c.change),
                if c.after < c.before { "fell" } else { "rose" },
                percent_or_number(c.before, "share"),
                percent_or_number(c.after, "share"),
                if c.sustained {
                    " — a sustained shift"
                } else {
                    ", not yet a sustained shift"
                }
            ));
        }
    }
    if let Some(e2e) = find(END_TO_END_ALL) {
        let since = e2e.changes.last().map(|c| {
            format!(
                ", {} from {:.1} before {}",
                if c.after < c.before { "down" } else { "up" },
                c.before,
                long_date(c.change)
            )
        });
        match e2e.predictable {
            Some(true) => out.push(format!(
                "End to end, cases are predictably completed in {:.0} to {:.0} {unit}, on average {:.1}{}.",
                e2e.lower,
                e2e.upper,
                e2e.phases.last().map_or(f64::NAN, |p| p.1),
                since.unwrap_or_default()
            )),
            Some(false) => out.push(format!(
                "End-to-end times are not predictable (on average {:.1} {unit}{}): see the end-to-end section for what stands out.",
                e2e.phases.last().map_or(f64::NAN, |p| p.1),
                since.unwrap_or_default()
            )),
            None => {}
        }
    }
    if let Some(volume) = find(VOLUME) {
        if let Some(&(_, now)) = volume.phases.last() {
            let before = volume
                .changes
                .last()
                .map(|c| format!(" ({:.0} before {})", c.before, long_date(c.change)))
                .unwrap_or_default();
            out.push(format!(
                "Demand averages {now:.0} cases a {}{before}.",
                volume.unit.trim_start_matches("cases per ")
            ));
        }
    }
    if open.count > 0 {
        out.push(format!(
            "{} {} still open on {}; the oldest had been open {:.0} {unit}.",
            open.count,
            if open.count == 1 {
                "case was"
            } else {
                "cases were"
            },
            long_date(open.as_of.local_date),
            open.cases.first().map_or(0.0, |c| c.age)
        ));
    }
    out
}

/// The measures' names, as the summary and the narrative use them.
pub(crate) const END_TO_END_ALL: &str = "End-to-end time, all demand";
pub(crate) const VOLUME: &str = "Demand";
pub(crate) const FAILURE_DEMAND: &str = "Failure demand";

/// A date for people: "6 January 2025".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_broken_by_the_centre_and_by_a_change_of_side() {
        assert_eq!(
            longest_run_on_one_side(&[1.0, 2.0, 3.0, 0.0, 4.0, 5.0], 0.5),
            3
        );
        assert_eq!(longest_run_on_one_side(&[1.0, 0.5, 1.0], 0.5), 1);
        assert_eq!(longest_run_on_one_side(&[], 0.5), 0);
    }

    #[test]
    #[allow(clippy::approx_constant)] // 3.14 is a datum, not π
    fn rank_sum_matches_scipy() {
        // SciPy 1.17.1: mannwhitneyu(x, y, use_continuity=False, method="asymptotic")
        // (the normal approximation with the tie correction, as R's wilcox.test with
        // exact = FALSE, correct = FALSE). Hollander & Wolfe's depression data.
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        let p = rank_sum_p(x.to_vec(), y.to_vec());
        // Agreement to 1e-9 relative (the two normal tails differ in the 11th digit).
        assert!((p / 0.121_890_991_496_761_01 - 1.0).abs() < 1e-9, "{p}");
        // With ties: 0.0038849847804668185.
        let p = rank_sum_p(
            vec![1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0],
            vec![3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 6.0, 6.0],
        );
        assert!((p / 0.003_884_984_780_466_818_5 - 1.0).abs() < 1e-9, "{p}");
    }
}
