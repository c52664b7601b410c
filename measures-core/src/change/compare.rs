//! Did the pilot make a difference? The pilot's units against the rest, each group
//! on its own chart with limits frozen on its baseline before the change, read
//! side by side.
//!
//! - **Per group, per period**: rows (cases, or unit-periods) of the pilot's units
//!   and of every other unit are put in the same periods; a value measure's point
//!   is the mean (or median) of its rows, a ratio's the sum of numerators over the
//!   sum of denominators. Values go on an XmR chart; ratios on a p chart (a u chart
//!   when a numerator exceeds its denominator), Laney's p′ (u′) when the baseline
//!   varies more than the binomial (Poisson) model allows, as the demand report
//!   does.
//! - **Limits frozen on the baseline**: each group's periods before the change
//!   (incomplete first and last periods left out); signals after the change are
//!   read against them. Making Data Count's way of seeing whether a change made a
//!   difference: limits from "before", extended over "after".
//! - **Changed** means a sustained signal after the change — a shift, run or trend
//!   (not an isolated point), most of its points after the change — confirmed by a
//!   move in level beyond chance: |after − before| over the standard error of the
//!   difference (each level's period-to-period variance over its periods) beyond
//!   the two-sided 1% point. Without it, runs against a baseline's centre (itself
//!   an estimate) turn up by chance once enough periods follow it.
//! - **The verdict** in words: the pilot changed and the rest did not; both changed
//!   (something else moved the whole system); only the rest changed; or no
//!   sustained change yet — with the periods a shift of the size seen so far takes
//!   to show as a run, on average: (1 − pʳ)/((1 − p)pʳ), r the run length and p =
//!   Φ(|δ|) the chance a period lies on the new side (the expected waiting time
//!   for r successes in a row; Feller, *An Introduction to Probability Theory*,
//!   vol. 1, XIII.7).
//! - **Difference in differences** as supporting evidence: (pilot after − pilot
//!   before) − (rest after − rest before) of the period means (pooled ratios), its
//!   standard error from each segment's period-to-period variance, sd/√n, its
//!   interval normal at `level` (Wing, Simon & Bello-Gomez, "Designing
//!   difference in difference studies", *Annual Review of Public Health* 39, 2018).
//!   Periods are treated as independent, which they may not be: the charts are the
//!   primary evidence.

use crate::aggregate::Aggregate;
use crate::change::suggest::sustained;
use crate::charts::{chart, AttributeOptions, Chart, ChartSpec, OVERDISPERSED};
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::icons::Variation;
use crate::options::{Baseline, ChartOptions, Direction};
use crate::periods::{Period, PeriodCounts};
use crate::rules::{RuleConfig, Side, Signal};
use crate::series::Series;
use crate::stats::{median_in_place, normal_cdf, normal_quantile};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The rows to compare: one per case or per unit and period.
#[derive(Debug, Clone, Copy)]
pub struct CompareData<'a> {
    /// The unit (team, area, council) of each row.
    pub units: &'a [String],
    /// The date of each row (a case's date received, or a period's first day).
    pub dates: &'a [NaiveDate],
    /// A value per row (a time, a score); `None` for a ratio.
    pub values: Option<&'a [f64]>,
    /// For a ratio: numerators and denominators per row, summed per period.
    pub ratio: Option<(&'a [f64], &'a [f64])>,
}

/// How the pilot is compared with the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareOptions {
    /// The units that piloted the change.
    pub pilot: Vec<String>,
    /// The day the change began in the pilot: periods starting on or after it are
    /// "after" (a period it falls inside is after as well).
    pub change: Option<NaiveDate>,
    /// Period of the points.
    pub period: Period,
    /// How a value measure's rows become a period's point (mean or median).
    pub aggregate: Aggregate,
    /// Improvement direction.
    pub direction: Direction,
    /// Special-cause rules (the chart's default when `None`).
    pub rules: Option<RuleConfig>,
    /// Confidence level of the difference in differences.
    pub level: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            pilot: Vec::new(),
            change: None,
            period: Period::Month,
            aggregate: Aggregate::Mean,
            direction: Direction::Neither,
            rules: None,
            level: 0.95,
        }
    }
}

/// The verdict of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareVerdict {
    /// The pilot shows a sustained change after the change; the rest does not.
    PilotChanged,
    /// Both groups show a sustained change: something else moved the whole system.
    BothChanged,
    /// Only the rest changed.
    RestChanged,
    /// Neither shows a sustained change yet.
    NoChangeYet,
}

/// Whether a change is holding in a group: its periods after the change, as a
/// phase of their own, are stable and on the improved side of the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// Stable after the change and better than before.
    Holding,
    /// Better than before but still moving (a sustained signal within "after").
    NotSettled,
    /// Not better than before (or worse).
    NotImproved,
    /// No direction given, so neither better nor worse.
    NoDirection,
    /// Too few periods after the change to tell.
    TooEarly,
}

/// One group of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareGroup {
    /// `pilot` or `rest`.
    pub group: String,
    /// Its units.
    pub units: Vec<String>,
    /// Its chart, limits frozen on the baseline before the change.
    pub chart: Chart,
    /// Its level before and after the change (period mean; pooled for a ratio).
    pub before: f64,
    /// After the change.
    pub after: f64,
    /// Complete periods before and after the change.
    pub periods: [usize; 2],
    /// Sustained signals after the change (against the baseline's limits).
    pub sustained: Vec<Signal>,
    /// Whether it changed: a sustained signal after the change.
    pub changed: bool,
    /// Which way, when it changed.
    pub side: Option<Side>,
    /// Making Data Count's reading of that change (improving, concerning, neither).
    pub variation: Variation,
    /// The size of the move, (after − before)/σ, σ the baseline's.
    pub shift_sigma: f64,
    /// Whether the change is holding.
    pub holding: Holding,
}

/// The difference in differences.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DifferenceInDifferences {
    /// (pilot after − pilot before) − (rest after − rest before).
    pub estimate: f64,
    /// Its standard error.
    pub standard_error: f64,
    /// Its interval at `level`.
    pub lower: f64,
    /// Upper end of the interval.
    pub upper: f64,
    /// The interval's level.
    pub level: f64,
}

/// A pilot compared with the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The change date.
    pub change: NaiveDate,
    /// The period of the points.
    pub period: Period,
    /// `value` (a mean or median per period) or `ratio`.
    pub measure: String,
    /// The pilot's units.
    pub pilot: CompareGroup,
    /// Every other unit.
    pub rest: CompareGroup,
    /// The verdict.
    pub verdict: CompareVerdict,
    /// The verdict in words.
    pub text: String,
    /// With no sustained change yet in the pilot: the periods a shift of the size
    /// seen so far takes to show as a run, on average, beyond those already after
    /// the change (`None` when there is no shift to extrapolate).
    pub periods_needed: Option<f64>,
    /// The difference in differences (supporting evidence).
    pub difference: DifferenceInDifferences,
    /// What the reader should know.
    pub notes: Vec<String>,
}

/// The false-alarm rate of the level test that confirms a group's sustained signal.
const LEVEL_ALPHA: f64 = 0.01;

/// The fewest complete baseline periods a group's limits are frozen on.
const MIN_BASELINE: usize = 6;
/// Below this many baseline periods the limits are provisional (Making Data Count).
const GOOD_BASELINE: usize = 12;

/// Compare the pilot's units with the rest around the change. Rows dated by the first
/// day of their period are taken as one per unit and period (every period whole);
/// otherwise, as one per case, the first and last periods are kept out of the limits
/// and levels when the rows do not cover them whole.
///
/// ```
/// use measures_core::change::{compare, CompareData, CompareOptions, CompareVerdict};
/// use measures_core::demand::Period;
/// use chrono::{Datelike, NaiveDate};
/// // Two teams, monthly times for three years; team A pilots a change in month 24.
/// let (mut units, mut dates, mut values) = (vec![], vec![], vec![]);
/// let wiggle = [0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.4, -0.3, 0.1, -0.2, 0.3];
/// for m in 0..36 {
///     let day = NaiveDate::from_ymd_opt(2022 + m / 12, (m % 12 + 1) as u32, 1).unwrap();
///     for team in ["A", "B"] {
///         let drop = if team == "A" && m >= 24 { 3.0 } else { 0.0 };
///         units.push(team.to_string());
///         dates.push(day);
///         values.push(10.0 - drop + wiggle[m as usize % 12]);
///     }
/// }
/// let c = compare(
///     &CompareData { units: &units, dates: &dates, values: Some(&values), ratio: None },
///     &CompareOptions { pilot: vec!["A".into()], change: NaiveDate::from_ymd_opt(2024, 1, 1),
///                       period: Period::Month, ..Default::default() },
/// )?;
/// assert_eq!(c.verdict, CompareVerdict::PilotChanged);
/// assert!((c.difference.estimate + 3.0).abs() < 1e-9);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn compare(data: &CompareData<'_>, options: &CompareOptions) -> Result<Comparison> {
    let n = check(data, options)?;
    let change = options
        .change
        .ok_or_else(|| MeasuresError::invalid_option("change", "give the date the change began"))?;
    let pilot: HashSet<&str> = options.pilot.iter().map(String::as_str).collect();
    let (first, last) = data
        .dates
        .iter()
        .fold((NaiveDate::MAX, NaiveDate::MIN), |(a, b), &d| {
            (a.min(d), b.max(d))
        });
    if change <= first || change > last {
        return Err(MeasuresError::invalid_option(
            "change",
            format!("{change} is outside the data, which run from {first} to {last}"),
        ));
    }
    let mut periods = PeriodCounts::spanning(options.period, first, last);
    // Rows dated by their period's first day are one row per unit and period: their
    // periods are whole, the last one too.
    if data.dates.iter().all(|&d| options.period.start(d) == d) {
        periods.complete.iter_mut().for_each(|c| *c = true);
    }
    let k = periods.starts.len();
    // The first period on or after the change is the first "after".
    let cut = periods.starts.partition_point(|&s| s < change);
    let cut = if periods
        .starts
        .get(cut.wrapping_sub(1))
        .is_some_and(|&s| options.period.next(s) > change && s < change)
    {
        // The change falls inside a period: that period is "after" as well, so the
        // baseline holds only periods wholly before it.
        cut - 1
    } else {
        cut
    };
    let mut all_units: Vec<&str> = data.units.iter().map(String::as_str).collect();
    all_units.sort_unstable();
    all_units.dedup();
    let missing: Vec<&str> = options
        .pilot
        .iter()
        .map(String::as_str)
        .filter(|p| !all_units.contains(p))
        .collect();
    if !missing.is_empty() {
        return Err(MeasuresError::invalid_option(
            "pilot",
            format!(
                "{} not among the units ({})",
                missing.join(", "),
                preview(&all_units)
            ),
        ));
    }
    let (pilot_units, rest_units): (Vec<&str>, Vec<&str>) =
        all_units.iter().partition(|u| pilot.contains(*u));
    if rest_units.is_empty() {
        return Err(MeasuresError::invalid_option(
            "pilot",
            "every unit is in the pilot: there is no one to compare it with",
        ));
    }

    // Points per group and period.
    let mut sums = [vec![0.0; k], vec![0.0; k]];
    let mut dens = [vec![0.0; k], vec![0.0; k]];
    let mut rows: [Vec<Vec<f64>>; 2] = [vec![Vec::new(); k], vec![Vec::new(); k]];
    for i in 0..n {
        let g = usize::from(!pilot.contains(data.units[i].as_str()));
        let Some(p) = periods.index_of(data.dates[i]) else {
            continue;
        };
        match (data.values, data.ratio) {
            (Some(v), _) => {
                if v[i].is_finite() {
                    rows[g][p].push(v[i]);
                }
            }
            (None, Some((num, den))) => {
                sums[g][p] += num[i];
                dens[g][p] += den[i];
            }
            (None, None) => {}
        }
    }
    let points = |g: usize| -> GroupPoints {
        match data.ratio {
            Some(_) => GroupPoints {
                // A period without a denominator is a gap.
                values: (0..k)
                    .map(|p| {
                        if dens[g][p] > 0.0 {
                            sums[g][p]
                        } else {
                            f64::NAN
                        }
                    })
                    .collect(),
                denominators: Some((0..k).map(|p| dens[g][p].max(1.0)).collect()),
            },
            None => GroupPoints {
                values: rows[g]
                    .iter()
                    .map(|r| {
                        let mut r = r.clone();
                        match (r.is_empty(), options.aggregate) {
                            (true, _) => f64::NAN,
                            (false, Aggregate::Median) => median_in_place(&mut r),
                            (false, _) => r.iter().sum::<f64>() / r.len() as f64,
                        }
                    })
                    .collect(),
                denominators: None,
            },
        }
    };
    let (pilot_points, rest_points) = (points(0), points(1));
    let over_one = [&pilot_points, &rest_points].iter().any(|g| {
        g.denominators
            .as_ref()
            .is_some_and(|d| g.values.iter().zip(d).any(|(v, d)| v > d))
    });
    let frame = Frame {
        labels: periods.labels(),
        incomplete: periods.incomplete(),
        cut,
        over_one,
        options,
    };
    let mut notes = Vec::new();
    let (pilot_group, pilot_var) = frame.group("pilot", &pilot_units, &pilot_points, &mut notes)?;
    let (rest_group, rest_var) = frame.group("rest", &rest_units, &rest_points, &mut notes)?;

    let estimate =
        (pilot_group.after - pilot_group.before) - (rest_group.after - rest_group.before);
    let standard_error = (pilot_var[0] + pilot_var[1] + rest_var[0] + rest_var[1]).sqrt();
    let zq = normal_quantile(0.5 + options.level / 2.0);
    let difference = DifferenceInDifferences {
        estimate,
        standard_error,
        lower: estimate - zq * standard_error,
        upper: estimate + zq * standard_error,
        level: options.level,
    };
    let verdict = match (pilot_group.changed, rest_group.changed) {
        (true, false) => CompareVerdict::PilotChanged,
        (true, true) => CompareVerdict::BothChanged,
        (false, true) => CompareVerdict::RestChanged,
        (false, false) => CompareVerdict::NoChangeYet,
    };
    let run = pilot_group
        .chart
        .options
        .rules
        .and_then(|r| r.shift_length())
        .unwrap_or(7);
    let periods_needed = match verdict {
        CompareVerdict::NoChangeYet | CompareVerdict::RestChanged => {
            waiting_for_a_run(pilot_group.shift_sigma, run)
                .map(|w| (w - pilot_group.periods[1] as f64).max(0.0))
        }
        _ => None,
    };
    let text = verdict_text(
        verdict,
        &pilot_group,
        &rest_group,
        &difference,
        periods_needed,
        run,
        options,
    );
    notes.push(
        "the difference in differences treats periods as independent; the charts are the primary evidence".into(),
    );
    Ok(Comparison {
        change,
        period: options.period,
        measure: if data.ratio.is_some() {
            "ratio"
        } else {
            "value"
        }
        .into(),
        pilot: pilot_group,
        rest: rest_group,
        verdict,
        text,
        periods_needed,
        difference,
        notes,
    })
}

/// A group's point per period, and for a ratio its denominators.
struct GroupPoints {
    values: Vec<f64>,
    denominators: Option<Vec<f64>>,
}

/// What both groups share: the periods, the cut at the change, the options.
struct Frame<'o> {
    labels: Vec<String>,
    incomplete: Vec<usize>,
    /// The first period after the change.
    cut: usize,
    /// A ratio whose numerators exceed denominators somewhere (a rate, not a share).
    over_one: bool,
    options: &'o CompareOptions,
}

impl Frame<'_> {
    /// The group's chart and reading, and the variances of its before and after
    /// levels.
    fn group(
        &self,
        name: &str,
        units: &[&str],
        points: &GroupPoints,
        notes: &mut Vec<String>,
    ) -> Result<(CompareGroup, [f64; 2])> {
        let (cut, k, options) = (self.cut, self.labels.len(), self.options);
        let usable = |p: &usize| !self.incomplete.contains(p) && points.values[*p].is_finite();
        let baseline_points = (0..cut).filter(usable).count();
        if baseline_points < MIN_BASELINE {
            return Err(MeasuresError::TooFewPoints {
                what: "a group's baseline before the change (complete periods with data)",
                phase: 0,
                needed: MIN_BASELINE,
                got: baseline_points,
            });
        }
        let base_options = ChartOptions {
            direction: options.direction,
            rules: options.rules,
            exclude: self.incomplete.clone(),
            ..ChartOptions::default()
        };
        let frozen = ChartOptions {
            baseline: Some(Baseline::Through(cut - 1)),
            ..base_options.clone()
        };
        let (spec, made) = self.chart(points, &frozen)?;
        // A segment's level, its periods, the mean of its plotted points and that
        // mean's variance (period to period, over their number).
        let segment = |range: std::ops::Range<usize>| -> (f64, usize, f64, f64) {
            let kept: Vec<usize> = range.filter(usable).collect();
            let level = match &points.denominators {
                Some(d) => {
                    kept.iter().map(|&p| points.values[p]).sum::<f64>()
                        / kept.iter().map(|&p| d[p]).sum::<f64>()
                }
                None => kept.iter().map(|&p| points.values[p]).sum::<f64>() / kept.len() as f64,
            };
            // The period-to-period variance of the plotted points, over their number.
            let plotted: Vec<f64> = kept.iter().map(|&p| made.values[p]).collect();
            let m = plotted.iter().sum::<f64>() / plotted.len() as f64;
            let var = plotted.iter().map(|x| (x - m).powi(2)).sum::<f64>()
                / (plotted.len() as f64 - 1.0).max(1.0);
            (level, kept.len(), m, var / plotted.len() as f64)
        };
        let (before, nb, _, var_b) = segment(0..cut);
        let (after, na, plotted_after, var_a) = segment(cut..k);
        // Sustained signals with most of their points after the change.
        let after_signals: Vec<Signal> = made
            .signals
            .iter()
            .filter(|s| {
                sustained(s.rule)
                    && s.last >= cut
                    && s.last + 1 - cut.max(s.first) > cut.saturating_sub(s.first)
            })
            .cloned()
            .collect();
        // A sustained signal, confirmed by a move in level beyond chance: runs on one
        // side of a baseline's centre (itself an estimate) turn up by chance over
        // enough periods after it.
        let level_z = (after - before).abs() / (var_b + var_a).sqrt();
        let changed =
            !after_signals.is_empty() && level_z >= normal_quantile(1.0 - LEVEL_ALPHA / 2.0);
        let side = after_signals
            .iter()
            .max_by_key(|s| s.last - s.first)
            .and_then(|s| s.side);
        let variation = match side {
            Some(side) => Variation::special_cause(side, options.direction),
            None => Variation::CommonCause,
        };
        let sigma = made.sigma[cut - 1];
        let shift_sigma = (plotted_after - made.centre[cut - 1]) / sigma;
        // Holding: "after" as a phase of its own, stable and better than "before".
        let holding = if na < MIN_BASELINE {
            Holding::TooEarly
        } else {
            let phased = ChartOptions {
                phase_starts: vec![cut],
                ..base_options
            };
            let split = chart(&spec, series(points)?, &phased)?;
            let better = match options.direction {
                Direction::Neither => None,
                d => Some(better_than(
                    d,
                    split.phases[1].centre,
                    split.phases[0].centre,
                )),
            };
            let settled = !split
                .signals
                .iter()
                .any(|s| s.phase == 1 && sustained(s.rule));
            match (better, settled) {
                (None, _) => Holding::NoDirection,
                (Some(false), _) => Holding::NotImproved,
                (Some(true), false) => Holding::NotSettled,
                (Some(true), true) => Holding::Holding,
            }
        };
        if nb < GOOD_BASELINE {
            notes.push(format!(
                "{name}: the baseline holds {nb} complete {}s before the change; limits from fewer than {GOOD_BASELINE} are provisional",
                options.period.name()
            ));
        }
        let group = CompareGroup {
            group: name.to_string(),
            units: units.iter().map(|u| u.to_string()).collect(),
            chart: made,
            before,
            after,
            periods: [nb, na],
            sustained: after_signals,
            changed,
            side,
            variation,
            shift_sigma,
            holding,
        };
        Ok((group, [var_b, var_a]))
    }

    /// The group's chart: XmR for values; p (u for rates) for ratios, Laney's p′
    /// (u′) when the baseline is over-dispersed.
    fn chart(&self, points: &GroupPoints, options: &ChartOptions) -> Result<(ChartSpec, Chart)> {
        let make = |spec: &ChartSpec| -> Result<Chart> {
            let series = series(points)?.with_labels(&self.labels)?;
            chart(spec, series, options)
        };
        let attribute = AttributeOptions::default();
        if points.denominators.is_none() {
            let spec = ChartSpec::Xmr(XmrOptions::default());
            return Ok((spec.clone(), make(&spec)?));
        }
        let spec = if self.over_one {
            ChartSpec::U(attribute)
        } else {
            ChartSpec::P(attribute)
        };
        let made = make(&spec)?;
        if made.phases[0].dispersion >= OVERDISPERSED {
            let laney = if self.over_one {
                ChartSpec::UPrime(attribute)
            } else {
                ChartSpec::PPrime(attribute)
            };
            let again = make(&laney)?;
            return Ok((laney, again));
        }
        Ok((spec, made))
    }
}

/// A group's points as a series (with denominators for a ratio).
fn series(points: &GroupPoints) -> Result<Series<'_>> {
    let series = Series::new(&points.values)?;
    match &points.denominators {
        Some(d) => series.with_denominators(d),
        None => Ok(series),
    }
}

/// Whether `a` is better than `b` in `direction`.
fn better_than(direction: Direction, a: f64, b: f64) -> bool {
    match direction {
        Direction::HigherIsBetter => a > b,
        Direction::LowerIsBetter => a < b,
        Direction::Neither => false,
    }
}

/// The expected number of periods before a shift of `delta` σ shows as `run`
/// periods in a row on its side of the old centre: (1 − pʳ)/((1 − p)pʳ), p =
/// Φ(|δ|). `None` when there is no shift to extrapolate.
fn waiting_for_a_run(delta: f64, run: usize) -> Option<f64> {
    if !delta.is_finite() || delta.abs() < 1e-9 {
        return None;
    }
    let p = normal_cdf(delta.abs());
    let pr = p.powi(run as i32);
    Some((1.0 - pr) / ((1.0 - p) * pr))
}

/// The verdict in plain words.
fn verdict_text(
    verdict: CompareVerdict,
    pilot: &CompareGroup,
    rest: &CompareGroup,
    did: &DifferenceInDifferences,
    needed: Option<f64>,
    run: usize,
    options: &CompareOptions,
) -> String {
    let moved = |g: &CompareGroup| {
        let way = match g.variation {
            Variation::ImprovingHigh | Variation::ImprovingLow => "improved",
            Variation::ConcerningHigh | Variation::ConcerningLow => "got worse",
            _ if g.side == Some(Side::High) => "rose",
            _ => "fell",
        };
        format!("{way} from {} to {}", short(g.before), short(g.after))
    };
    let did_text = format!(
        "difference in differences {} ({:.0}% interval {} to {})",
        short(did.estimate),
        did.level * 100.0,
        short(did.lower),
        short(did.upper)
    );
    let period = options.period.name();
    match verdict {
        CompareVerdict::PilotChanged => format!(
            "The pilot changed and the rest did not: the pilot {} (a sustained signal against its baseline's limits), while the rest stayed within theirs. The difference is likely the pilot's doing; {did_text}.",
            moved(pilot)
        ),
        CompareVerdict::BothChanged => format!(
            "Both changed: the pilot {} and the rest {}. Something else moved the whole system, so the pilot's own effect is at most the difference between them: {did_text}.",
            moved(pilot),
            moved(rest)
        ),
        CompareVerdict::RestChanged => format!(
            "The rest changed and the pilot did not: the rest {}, the pilot stayed within its limits ({} to {}). {}; {did_text}.",
            moved(rest),
            short(pilot.before),
            short(pilot.after),
            waiting(needed, pilot, run, period)
        ),
        CompareVerdict::NoChangeYet => format!(
            "No sustained change yet: after {} {period}s the pilot is within its baseline's limits ({} before, {} since). {}; {did_text}.",
            pilot.periods[1],
            short(pilot.before),
            short(pilot.after),
            waiting(needed, pilot, run, period)
        ),
    }
}

/// "A shift of this size takes about N more periods to show as a run of 7."
fn waiting(needed: Option<f64>, pilot: &CompareGroup, run: usize, period: &str) -> String {
    match needed {
        Some(more) => format!(
            "A shift of the size seen so far ({:+.2}σ) shows as a run of {run} after about {:.0} more {period}s on average",
            pilot.shift_sigma,
            more.ceil()
        ),
        None => "There is no shift so far to extrapolate from".into(),
    }
}

/// A level for a sentence: four significant figures.
fn short(x: f64) -> String {
    crate::change::suggest::short(x)
}

/// A few unit names, for an error message.
fn preview(units: &[&str]) -> String {
    if units.len() <= 8 {
        units.join(", ")
    } else {
        format!("{}, … {} in all", units[..8].join(", "), units.len())
    }
}

/// Check the rows and options; the number of rows.
fn check(data: &CompareData<'_>, options: &CompareOptions) -> Result<usize> {
    let n = data.units.len();
    if n == 0 {
        return Err(MeasuresError::Empty);
    }
    let same = |what: &'static str, len: usize| MeasuresError::check_length(what, n, len);
    same("dates", data.dates.len())?;
    match (data.values, data.ratio) {
        (Some(v), None) => {
            same("values", v.len())?;
            if let Some(index) = v.iter().position(|x| x.is_infinite()) {
                return Err(MeasuresError::NonFinite {
                    index,
                    value: v[index].to_string(),
                });
            }
        }
        (None, Some((num, den))) => {
            same("numerators", num.len())?;
            same("denominators", den.len())?;
            for i in 0..n {
                for (what, x) in [("numerator", num[i]), ("denominator", den[i])] {
                    if !x.is_finite() {
                        return Err(MeasuresError::NonFinite {
                            index: i,
                            value: x.to_string(),
                        });
                    }
                    if x < 0.0 {
                        return Err(MeasuresError::InvalidValue {
                            what,
                            index: i,
                            value: x,
                            reason: "is negative".into(),
                        });
                    }
                }
            }
        }
        _ => {
            return Err(MeasuresError::invalid_option(
                "measure",
                "give either values or numerators with denominators",
            ))
        }
    }
    if options.pilot.is_empty() {
        return Err(MeasuresError::invalid_option(
            "pilot",
            "name the unit or units that piloted the change",
        ));
    }
    crate::capability::check_level(options.level)?;
    Ok(n)
}
