//! Where did the system change? Suggested phase starts, found from a chart's own
//! sustained signals and confirmed before they are offered; never applied.
//!
//! Making Data Count ("Making Data Count: Strengthening your decisions", NHS
//! England/Improvement 2019, on recalculating limits) recalculates limits only
//! after a *sustained* change — a shift or a trend — never for an isolated point,
//! and only once the new level has enough points of its own. So:
//!
//! 1. **Candidates** are the chart's sustained signals: a shift (a run on one side
//!    of the centre), Anhøj's longest run, or a trend — read against the chart's
//!    limits and against limits from each phase's first `min_points` points
//!    (Making Data Count's baseline, extended; a change inside a phase pulls the
//!    centre of limits over the whole phase half-way and hides its runs).
//! 2. **Where it began**: the start that best splits the signal's phase into two
//!    levels, by least squares weighted by each point's 1/σ² — the change-point
//!    estimate of Hinkley ("Inference about the change-point in a sequence of random
//!    variables", *Biometrika* 57, 1970) — kept `min_points` inside the phase's
//!    ends; the phase's sustained signal nearest to it is its evidence. (A run
//!    often begins a few points early or late: points before the change that happen
//!    to lie on the new side, or one after it that dips back.)
//! 3. **Confirmed** when, with the chart recomputed from that start, the fresh phase
//!    holds at least `min_points` points and is itself stable (Pettitt's rank test
//!    finds no sustained change within it at 1%, and the chart's trend rule no
//!    trend as it begins), the phase before it holds
//!    `min_points` too, and the two centres differ by at least `z` standard errors —
//!    each centre's standard error 1/√Σ(1/σᵢ²) over the points its limits use (σ/√n
//!    for an XmR chart; for a run chart, σ from the phase's mean moving range). By
//!    default z is Φ⁻¹(1 − 0.05/2m), m the places a chart of its length could be
//!    split: 5% shared among them (Bonferroni).
//! 4. Repeated on the recomputed chart until no candidate is confirmed, so two
//!    changes in one phase are found one after the other (a fresh phase that holds
//!    a further change counts as settled up to it, when that change would be
//!    confirmed in its turn).
//!
//! The error rates, by simulation (docs/phase-suggestions.md): no suggestion on
//! stable series of 24 to 1,000 points in at least 90% of seeds, and a sustained
//! 1.5σ shift found within ±3 points in at least 90% when 12 points follow it.

use crate::charts::{chart, Chart, ChartData, ChartSpec, ChartType, PhaseSummary};
use crate::error::{MeasuresError, Result};
use crate::options::{Baseline, ChartOptions};
use crate::rules::{Rule, Side};
use crate::stats::{mid_ranks, pettitt};
use serde::{Deserialize, Serialize};

/// How phase starts are suggested.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestOptions {
    /// Points the fresh phase, and the phase before it, must each hold (12).
    pub min_points: usize,
    /// The least difference between the two centres, in standard errors; `None`
    /// for Φ⁻¹(1 − α/2m), α = 5% shared (Bonferroni) among the m places a phase of
    /// the chart's length could be split (2.0 at 24 points, 4.0 at 1,000).
    pub z: Option<f64>,
    /// The most suggestions to make (10).
    pub max_suggestions: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            min_points: 12,
            z: None,
            max_suggestions: 10,
        }
    }
}

/// A suggested phase start with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseSuggestion {
    /// The first point of the suggested phase.
    pub start: usize,
    /// That point's label, when the chart has labels.
    pub label: Option<String>,
    /// The rule whose signal led to it.
    pub rule: Rule,
    /// The side of that signal (up or down).
    pub side: Option<Side>,
    /// The first and last points of that signal.
    pub signal: [usize; 2],
    /// Whether the signal was read against limits from the phase's first
    /// `min_points` points (else against the chart's own limits).
    pub from_baseline: bool,
    /// Centre of the phase before, with the suggestion applied.
    pub centre_before: f64,
    /// Centre of the fresh phase.
    pub centre_after: f64,
    /// The difference of the centres in standard errors.
    pub z: f64,
    /// Points in the phase before and in the fresh phase.
    pub points: [usize; 2],
    /// The evidence in a sentence.
    pub text: String,
}

/// What [`suggest_phases`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseSuggestions {
    /// The suggestions, in the order of their points.
    pub suggestions: Vec<PhaseSuggestion>,
    /// Every phase start with the suggestions applied (those given, and those
    /// suggested), ascending: what to pass as `phase_starts` to accept them all.
    pub phase_starts: Vec<usize>,
    /// The options used.
    pub options: SuggestOptions,
}

/// Suggested phase starts for the chart `spec` of `data` with `options` (whose own
/// phase starts are kept), with their evidence.
///
/// ```
/// use measures_core::change::{suggest_phases, SuggestOptions};
/// use measures_core::{ChartOptions, ChartSpec, ChartType, Series};
/// // 30 points about 10, then 20 about 13: the system changed at point 30.
/// let wiggle = [0.4, -0.3, 0.1, -0.5, 0.2, 0.6, -0.2, -0.4, 0.3, 0.0];
/// let values: Vec<f64> = (0..50).map(|i| if i < 30 { 10.0 } else { 13.0 } + wiggle[i % 10]).collect();
/// let spec = ChartSpec::of(ChartType::Xmr)?;
/// let found = suggest_phases(&spec, Series::new(&values)?.into(), &ChartOptions::default(), &SuggestOptions::default())?;
/// assert_eq!(found.phase_starts, vec![30]);
/// assert!((found.suggestions[0].centre_after - 13.02).abs() < 1e-9);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn suggest_phases(
    spec: &ChartSpec,
    data: ChartData<'_>,
    options: &ChartOptions,
    suggest: &SuggestOptions,
) -> Result<PhaseSuggestions> {
    if matches!(spec.kind(), ChartType::Cusum | ChartType::Ewma) {
        return Err(MeasuresError::invalid_option("suggest_phases", format!(
                "a {} chart accumulates over its points, so a phase split is not read from its signals: suggest phases on an XmR or run chart of the same values",
                spec.kind().name()
            )));
    }
    if suggest.min_points < 2 || suggest.z.is_some_and(|z| !(z.is_finite() && z > 0.0)) {
        return Err(MeasuresError::invalid_option(
            "suggest",
            "min_points must be 2 or more and z a positive number",
        ));
    }
    let with_starts = |starts: &[usize]| ChartOptions {
        phase_starts: starts.to_vec(),
        ..options.clone()
    };
    let mut starts: Vec<usize> = options.phase_starts.clone();
    starts.sort_unstable();
    starts.dedup();
    let mut suggestions: Vec<PhaseSuggestion> = Vec::new();
    let mut current = chart(spec, data, &with_starts(&starts))?;
    while suggestions.len() < suggest.max_suggestions {
        let Some((found, next)) = confirmed(spec, data, &current, &starts, suggest, &with_starts)?
        else {
            break;
        };
        starts.push(found.start);
        starts.sort_unstable();
        suggestions.push(found);
        current = next;
    }
    suggestions.sort_by_key(|s| s.start);
    // The evidence as it stands with every suggestion applied: a change found
    // before another in its fresh phase was measured against a mixed level.
    if suggestions.len() > 1 {
        for s in &mut suggestions {
            let after = current.phases.iter().position(|p| p.first == s.start);
            if let Some(after) = after.filter(|&a| a > 0) {
                let (b, a) = (&current.phases[after - 1], &current.phases[after]);
                s.centre_before = b.centre;
                s.centre_after = a.centre;
                s.points = [b.last + 1 - b.first, a.last + 1 - a.first];
                s.z = level_z(&current, b, a);
                s.describe(&current, suggest.min_points);
            }
        }
    }
    Ok(PhaseSuggestions {
        suggestions,
        phase_starts: starts,
        options: *suggest,
    })
}

impl SuggestOptions {
    /// The least difference of the centres, in standard errors, on a chart of `n`
    /// points.
    ///
    /// ```
    /// use measures_core::change::SuggestOptions;
    /// let auto = SuggestOptions::default();
    /// assert!((auto.threshold(24) - 1.959964).abs() < 1e-5); // one place to split
    /// assert_eq!(SuggestOptions { z: Some(3.0), ..auto }.threshold(24), 3.0);
    /// ```
    pub fn threshold(&self, n: usize) -> f64 {
        self.z.unwrap_or_else(|| {
            let places = n.saturating_sub(2 * self.min_points) + 1;
            crate::stats::normal_quantile(1.0 - FALSE_ALARMS / (2.0 * places as f64))
        })
    }
}

/// The chance of a suggestion on a stable chart the automatic threshold allows.
const FALSE_ALARMS: f64 = 0.05;

/// The rules whose signals say the level moved and stayed moved.
pub(crate) fn sustained(rule: Rule) -> bool {
    matches!(rule, Rule::Shift | Rule::LongestRun | Rule::Trend)
}

/// The first candidate of `current` that is confirmed, with the chart recomputed
/// from it.
fn confirmed(
    spec: &ChartSpec,
    data: ChartData<'_>,
    current: &Chart,
    starts: &[usize],
    suggest: &SuggestOptions,
    with_starts: &dyn Fn(&[usize]) -> ChartOptions,
) -> Result<Option<(PhaseSuggestion, Chart)>> {
    let weights = weights(current);
    let m = suggest.min_points;
    let threshold = suggest.threshold(current.len());
    // Signals are also read against limits from each phase's first m points (Making
    // Data Count's baseline, extended), unless the chart has a baseline of its own:
    // a change inside a phase pulls its centre half-way, which hides the runs it
    // makes from limits over the whole phase.
    let baseline_chart = if current.options.baseline.is_none() {
        let options = ChartOptions {
            baseline: Some(Baseline::FirstPoints(m)),
            ..with_starts(starts)
        };
        chart(spec, data, &options).ok()
    } else {
        None
    };
    let signals: Vec<(&crate::rules::Signal, bool)> = current
        .signals
        .iter()
        .map(|s| (s, false))
        .chain(
            baseline_chart
                .iter()
                .flat_map(|c| c.signals.iter().map(|s| (s, true))),
        )
        .filter(|(s, _)| sustained(s.rule))
        .collect();
    // In each phase with a sustained signal, the start that best splits it into two
    // levels, with the sustained signal nearest to it as its evidence; the
    // strongest first.
    let mut candidates: Vec<(f64, usize, &crate::rules::Signal, bool)> = Vec::new();
    for phase in &current.phases {
        let (first, last) = (phase.first, phase.last);
        if last + 1 - first < 2 * m {
            continue;
        }
        let start = best_split(
            &current.values,
            &weights,
            first,
            last,
            first + m,
            last + 1 - m,
        );
        let distance = |s: &crate::rules::Signal| {
            if start < s.first {
                s.first - start
            } else {
                start.saturating_sub(s.last + 1)
            }
        };
        let evidence = signals
            .iter()
            .filter(|(s, _)| s.phase == phase.index)
            .min_by_key(|(s, from_baseline)| (distance(s), *from_baseline));
        // No sustained signal in the phase, no suggestion: Making Data Count
        // rebases only after one.
        let Some(&(signal, from_baseline)) = evidence else {
            continue;
        };
        let quick = quick_z(&current.values, &weights, first, start, last);
        candidates.push((quick, start, signal, from_baseline));
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (quick, start, signal, from_baseline) in candidates {
        // A quick look before recomputing: levels this close are not a change.
        if quick < 0.5 * threshold {
            break;
        }
        let mut trial_starts = starts.to_vec();
        trial_starts.push(start);
        trial_starts.sort_unstable();
        // A split the chart cannot take (a phase left without two consecutive
        // values, say) is no suggestion.
        let Ok(trial) = chart(spec, data, &with_starts(&trial_starts)) else {
            continue;
        };
        let Some(after) = trial.phases.iter().position(|p| p.first == start) else {
            continue;
        };
        if after == 0 {
            continue;
        }
        let (b, a) = (&trial.phases[after - 1], &trial.phases[after]);
        let (nb, na) = (b.last + 1 - b.first, a.last + 1 - a.first);
        if nb < m || na < m {
            continue;
        }
        // Settled: no sustained change within it (Pettitt), and no trend as it
        // begins (a level still moving has no limits to recalculate yet; later in a
        // long phase a run of rising points turns up by chance).
        let trending = trial
            .signals
            .iter()
            .any(|s| s.phase == after && s.rule == Rule::Trend && s.first < start + m);
        if trending || !settled(&trial, &weights, a.first, a.last, m, threshold) {
            continue;
        }
        let z = level_z(&trial, b, a);
        // NaN (no spread to measure by) is no change.
        if z.is_nan() || z < threshold {
            continue;
        }
        let mut found = PhaseSuggestion {
            start,
            label: current
                .labels
                .as_ref()
                .and_then(|l| l.get(start))
                .map(std::borrow::Cow::into_owned),
            rule: signal.rule,
            side: signal.side,
            signal: [signal.first, signal.last],
            from_baseline,
            centre_before: b.centre,
            centre_after: a.centre,
            z,
            points: [nb, na],
            text: String::new(),
        };
        found.describe(&trial, m);
        return Ok(Some((found, trial)));
    }
    Ok(None)
}

/// Whether the points `first..=last` (those the limits use) hold no sustained
/// change of their own — Pettitt's rank test finds none at 5% — up to the next
/// change in them, if they hold one that will be suggested in its turn (its best
/// split leaves `m` points either side and passes the threshold, and the points
/// before it are settled). (The chart's run rules fire by chance on a long stable
/// phase — a run of 7 turns up about once in 64 points — so they cannot say a phase
/// is stable; a test held to a fixed error rate at any length can, as the
/// predictability verdict's first question does.)
fn settled(c: &Chart, w: &[f64], first: usize, last: usize, m: usize, threshold: f64) -> bool {
    let values: Vec<f64> = (first..=last)
        .filter(|&i| c.used[i] && c.values[i].is_finite())
        .map(|i| c.values[i])
        .collect();
    if values.len() < 3 {
        return true;
    }
    let (_, p, _, _) = pettitt(&mid_ranks(&values));
    if p >= STABLE_ALPHA {
        return true;
    }
    if last + 1 - first < 2 * m {
        return false;
    }
    let next = best_split(&c.values, w, first, last, first + m, last + 1 - m);
    quick_z(&c.values, w, first, next, last) >= threshold
        && settled(c, w, first, next - 1, m, threshold)
}

/// The false-alarm rate of the fresh phase's stability test.
const STABLE_ALPHA: f64 = 0.01;

/// The difference of two phases' centres in standard errors.
fn level_z(c: &Chart, before: &PhaseSummary, after: &PhaseSummary) -> f64 {
    let (se_b, se_a) = (
        centre_error(c, before.first, before.last),
        centre_error(c, after.first, after.last),
    );
    (after.centre - before.centre).abs() / (se_b * se_b + se_a * se_a).sqrt()
}

impl PhaseSuggestion {
    /// The evidence in a sentence, the points named by `c`'s labels.
    fn describe(&mut self, c: &Chart, m: usize) {
        let name = |i: usize| match &c.labels {
            Some(l) => l.get(i).unwrap_or_default().into_owned(),
            None => format!("point {}", i + 1),
        };
        self.text = format!(
            "a new phase from {} ({} points): the {} signal at {}–{}{} is sustained — the level moved from {} to {} ({:.1} standard errors) and the new phase is stable",
            name(self.start),
            self.points[1],
            self.rule.name().replace('_', " "),
            name(self.signal[0]),
            name(self.signal[1]),
            if self.from_baseline {
                format!(" (against limits from the phase's first {m} points)")
            } else {
                String::new()
            },
            short(self.centre_before),
            short(self.centre_after),
            self.z,
        );
    }
}

/// Each point's weight 1/σᵢ² (1 where the chart has no σ, as a run chart).
fn weights(c: &Chart) -> Vec<f64> {
    (0..c.len())
        .map(|i| {
            let s = c.sigma[i];
            if s.is_finite() && s > 0.0 {
                1.0 / (s * s)
            } else {
                1.0
            }
        })
        .collect()
}

/// The start in `from..=to` most likely to lie within [`NEAR`] points of where the
/// points `first..=last` changed level. Each start k splits them into two levels
/// with weighted means m₁, m₂ and weights W₁, W₂; S(k) = (m₁ − m₂)²/(1/W₁ + 1/W₂)
/// is twice the log-likelihood of a change at k against none (Hinkley 1970), so
/// exp(S(k)/2) is the change point's posterior under a flat prior; the start whose
/// ±`NEAR` neighbourhood holds the most of it is chosen. (The most likely single
/// start, the least-squares split, lands within ±3 points of a 1.5σ shift about 90
/// times in 100; this choice about 94.) With unit weights (a chart without σ), S
/// is scaled by σ² from the mean moving range.
fn best_split(
    values: &[f64],
    w: &[f64],
    first: usize,
    last: usize,
    from: usize,
    to: usize,
) -> usize {
    let (mut sw, mut swx) = (0.0, 0.0);
    for i in first..=last {
        if values[i].is_finite() {
            sw += w[i];
            swx += w[i] * values[i];
        }
    }
    let (mut lw, mut lwx) = (0.0, 0.0);
    for i in first..from {
        if values[i].is_finite() {
            lw += w[i];
            lwx += w[i] * values[i];
        }
    }
    let mut score = Vec::with_capacity(to + 1 - from);
    for k in from..=to {
        let (rw, rwx) = (sw - lw, swx - lwx);
        score.push(if lw > 0.0 && rw > 0.0 {
            let d = lwx / lw - rwx / rw;
            d * d / (1.0 / lw + 1.0 / rw)
        } else {
            f64::NEG_INFINITY
        });
        if k < values.len() && values[k].is_finite() {
            lw += w[k];
            lwx += w[k] * values[k];
        }
    }
    // Unit weights carry no σ: put S on the scale of one.
    let unit = (first..=last).all(|i| w[i] == 1.0);
    let scale = if unit {
        let (mut sum, mut count) = (0.0, 0usize);
        for i in first + 1..=last {
            let d = (values[i] - values[i - 1]).abs();
            if d.is_finite() {
                sum += d;
                count += 1;
            }
        }
        let sigma = sum / count.max(1) as f64 / 1.128;
        if sigma > 0.0 {
            sigma * sigma
        } else {
            1.0
        }
    } else {
        1.0
    };
    let top = score.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return from;
    }
    let posterior: Vec<f64> = score
        .iter()
        .map(|&s| ((s - top) / (2.0 * scale)).exp())
        .collect();
    // Neighbourhoods that hold the same share (one sharp peak inside them all) go
    // to the one centred nearest the peak: the most likely start among them.
    let (mut best, mut best_j) = (f64::NEG_INFINITY, 0);
    for j in 0..posterior.len() {
        let near: f64 = posterior[j.saturating_sub(NEAR)..(j + NEAR + 1).min(posterior.len())]
            .iter()
            .sum();
        let tied = (near - best).abs() <= 1e-9 * best;
        if (near > best && !tied) || (tied && posterior[j] > posterior[best_j]) {
            (best, best_j) = (near.max(best), j);
        }
    }
    from + best_j
}

/// How near to the change a suggested start is meant to lie, in points.
const NEAR: usize = 3;

/// The split's difference in standard errors from the current chart's σ.
fn quick_z(values: &[f64], w: &[f64], first: usize, start: usize, last: usize) -> f64 {
    let level = |range: std::ops::Range<usize>| {
        let (mut sw, mut swx) = (0.0, 0.0);
        for i in range {
            if values[i].is_finite() {
                sw += w[i];
                swx += w[i] * values[i];
            }
        }
        (swx / sw, sw)
    };
    let ((mb, wb), (ma, wa)) = (level(first..start), level(start..last + 1));
    let z = (ma - mb).abs() / (1.0 / wb + 1.0 / wa).sqrt();
    if z.is_finite() {
        z
    } else {
        0.0
    }
}

/// The standard error of a phase's centre: 1/√Σ(1/σᵢ²) over the points its limits
/// use; for a chart without σ (a run chart), σ from the mean moving range of those
/// points (÷ 1.128) over √n.
fn centre_error(c: &Chart, first: usize, last: usize) -> f64 {
    let used: Vec<usize> = (first..=last)
        .filter(|&i| c.used[i] && c.values[i].is_finite())
        .collect();
    let with_sigma: f64 = used
        .iter()
        .map(|&i| c.sigma[i])
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| 1.0 / (s * s))
        .sum();
    if with_sigma > 0.0 {
        return 1.0 / with_sigma.sqrt();
    }
    let ranges: Vec<f64> = used
        .windows(2)
        .filter(|w| w[1] == w[0] + 1)
        .map(|w| (c.values[w[1]] - c.values[w[0]]).abs())
        .collect();
    if ranges.is_empty() {
        return f64::INFINITY;
    }
    let sigma = ranges.iter().sum::<f64>() / ranges.len() as f64 / 1.128;
    sigma / (used.len() as f64).sqrt()
}

/// A level for a sentence: four significant figures.
pub(crate) fn short(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return format!("{x}");
    }
    let decimals = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}
