//! The step every chart shares once its limits are computed: run the rules (over
//! the points present, when the series has gaps), refuse numbers that overflowed,
//! label the points, set the icons and write the notes.

use super::kind::ChartType;
use super::model::{Chart, PhaseSummary};
use super::spec::Method;
use crate::blocks;
use crate::column::Column;
use crate::error::{MeasuresError, Result};
use crate::icons::{point_types, Assurance};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{evaluate_with_runs, RuleConfig, RuleInput, RunsAnalysis, Signal};
use crate::series::Series;
use std::ops::Range;

/// Limits a chart type computed, before rules and icons: per point, or (for charts
/// whose lines are constant within a phase) one slot per phase.
pub(crate) struct Limits {
    pub centre: Vec<f64>,
    pub upper: Vec<f64>,
    pub lower: Vec<f64>,
    pub sigma: Vec<f64>,
    pub upper_clamped: Vec<bool>,
    pub lower_clamped: Vec<bool>,
    /// The columns above hold one slot per phase rather than per point.
    per_phase: bool,
    /// Per phase: (moving range used, moving ranges screened); NaN/0 when not an XmR chart.
    pub spread: Vec<(f64, usize)>,
    /// Per phase: Laney's σ_z for attribute charts, NaN otherwise.
    pub dispersion: Vec<f64>,
}

/// A chart's lines and clamping flags as columns.
pub(crate) struct Lines {
    pub centre: Column<f64>,
    pub upper: Column<f64>,
    pub lower: Column<f64>,
    pub sigma: Column<f64>,
    pub upper_clamped: Column<bool>,
    pub lower_clamped: Column<bool>,
}

/// Bounds a chart's limits cannot cross (counts cannot go below 0, proportions above 1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub floor: Option<f64>,
    pub ceiling: Option<f64>,
}

impl Bounds {
    pub const NONE: Bounds = Bounds {
        floor: None,
        ceiling: None,
    };
    pub const NON_NEGATIVE: Bounds = Bounds {
        floor: Some(0.0),
        ceiling: None,
    };
    pub const PROPORTION: Bounds = Bounds {
        floor: Some(0.0),
        ceiling: Some(1.0),
    };
}

impl Limits {
    /// Columns for `n` points, to be filled with [`Limits::set`].
    pub fn new(n: usize, phases: usize) -> Limits {
        Limits {
            centre: vec![f64::NAN; n],
            upper: vec![f64::NAN; n],
            lower: vec![f64::NAN; n],
            sigma: vec![f64::NAN; n],
            upper_clamped: vec![false; n],
            lower_clamped: vec![false; n],
            per_phase: false,
            spread: vec![(f64::NAN, 0); phases],
            dispersion: vec![f64::NAN; phases],
        }
    }

    /// One slot per phase, for lines constant within each phase; [`Limits::set`]
    /// takes the phase index.
    pub fn per_phase(phases: usize) -> Limits {
        Limits {
            per_phase: true,
            ..Limits::new(phases, phases)
        }
    }

    /// The lines as columns over the phases' `ranges`. Per-point lines that turn out
    /// constant within every phase are stored per phase too.
    pub fn into_lines(self, ranges: &[Range<usize>]) -> Lines {
        fn column<T: Copy + PartialEq>(
            v: Vec<T>,
            per_phase: bool,
            r: &[Range<usize>],
        ) -> Column<T> {
            if per_phase {
                Column::stepped(r, v)
            } else {
                Column::compact(v, r)
            }
        }
        let p = self.per_phase;
        Lines {
            centre: column(self.centre, p, ranges),
            upper: column(self.upper, p, ranges),
            lower: column(self.lower, p, ranges),
            sigma: column(self.sigma, p, ranges),
            upper_clamped: column(self.upper_clamped, p, ranges),
            lower_clamped: column(self.lower_clamped, p, ranges),
        }
    }

    /// Set point `i` (or phase `i`, per phase): centre, limits at centre ± `half_width`
    /// (clamped to `bounds`, with the clamping recorded), and one sigma for the zone rules.
    pub fn set(&mut self, i: usize, centre: f64, half_width: f64, sigma: f64, bounds: Bounds) {
        let (mut upper, mut lower) = (centre + half_width, centre - half_width);
        if let Some(ceiling) = bounds.ceiling {
            if upper > ceiling {
                upper = ceiling;
                self.upper_clamped[i] = true;
            }
        }
        if let Some(floor) = bounds.floor {
            if lower < floor {
                lower = floor;
                self.lower_clamped[i] = true;
            }
        }
        self.centre[i] = centre;
        self.upper[i] = upper;
        self.lower[i] = lower;
        self.sigma[i] = sigma;
    }
}

/// Phases shorter than this get a note: NHSRplotthedots warns below 12 points
/// (`ptd_add_short_group_warnings`); Making Data Count advises 15–20 for limits.
const SHORT_PHASE: usize = 12;

/// Everything [`finish`] needs besides the limits.
pub(crate) struct Draft<'a> {
    pub chart_type: ChartType,
    pub method: Method,
    pub series: Series<'a>,
    pub values: Vec<f64>,
    pub options: &'a ChartOptions,
    pub plan: PhasePlan,
    /// Signals found outside the rule engine (the lower CUSUM), merged before labelling.
    pub extra_signals: Vec<Signal>,
}

/// Run the rules, label the points and set the icons: the step every chart shares.
pub(crate) fn finish(draft: Draft<'_>, mut limits: Limits) -> Result<Chart> {
    let Draft {
        chart_type,
        method,
        series,
        values,
        options,
        plan,
        extra_signals,
    } = draft;
    let spread = std::mem::take(&mut limits.spread);
    let dispersion = std::mem::take(&mut limits.dispersion);
    let lines = limits.into_lines(&plan.ranges);
    // An XmR or run chart plots the series itself, which Series::new checked.
    let plots_the_series = matches!(chart_type, ChartType::Xmr | ChartType::Run);
    let plotted = if plots_the_series {
        &[][..]
    } else {
        &values[..]
    };
    let gaps = series.gaps();
    check_finite(chart_type, plotted, gaps > 0, &lines, &plan)?;
    let rules = options
        .rules
        .unwrap_or(RuleConfig::new(chart_type.default_rules()))
        .resolved();
    let input = RuleInput {
        values: &values,
        centre: &lines.centre,
        upper: &lines.upper,
        lower: &lines.lower,
        sigma: &lines.sigma,
        phases: &plan.ranges,
        chart: chart_type.name(),
    };
    let (mut signals, runs) = if gaps > 0 {
        evaluate_over_gaps(&input, &rules)?
    } else {
        evaluate_with_runs(&input, &rules)?
    };
    if !extra_signals.is_empty() {
        signals.extend(extra_signals);
        signals.sort_by(|a, b| a.first.cmp(&b.first).then(a.rule.cmp(&b.rule)));
    }
    let point_type = point_types(&input, &signals, rules.set, options.direction, gaps > 0);
    let n = values.len();
    // The latest point present: a gap has no value to speak for the measure.
    let last = (0..n).rev().find(|&i| !values[i].is_nan()).unwrap_or(n - 1);
    let variation = point_type[last];
    let assurance = Assurance::classify(
        options.target,
        options.direction,
        lines.upper[last],
        lines.lower[last],
    );

    let has_limits = lines.upper.any(f64::is_finite);
    let mut notes = Vec::new();
    if gaps > 0 && chart_type != ChartType::MovingRange {
        let (s, are, a) = if gaps == 1 {
            ("", "is", "a ")
        } else {
            ("s", "are", "")
        };
        notes.push(format!(
            "{gaps} missing value{s} {are} kept as {a}gap{s}: plotted as breaks, left out of the centre and limits \
             (with their moving ranges), and skipped by the rules without breaking a run"
        ));
    }
    let mut phases = Vec::with_capacity(plan.ranges.len());
    for (index, range) in plan.ranges.iter().enumerate() {
        let points_used = plan.used_in(range.clone());
        if has_limits && points_used < SHORT_PHASE {
            notes.push(format!(
                "phase {} computes its limits from {points_used} points; with fewer than {SHORT_PHASE} treat them as provisional",
                index + 1
            ));
        }
        let constant =
            |column: &Column<f64>| column.constant_over(range.clone()).unwrap_or(f64::NAN);
        let (moving_range, moving_ranges_screened) = spread[index];
        phases.push(PhaseSummary {
            index,
            first: range.start,
            last: range.end - 1,
            points_used,
            centre: lines.centre[range.start],
            upper: constant(&lines.upper),
            lower: constant(&lines.lower),
            sigma: constant(&lines.sigma),
            moving_range,
            moving_ranges_screened,
            dispersion: dispersion[index],
            runs: runs[index],
        });
    }
    if options.target.is_some() && assurance.is_none() {
        notes.push(if has_limits {
            "a target needs an improvement direction (higher or lower) for the assurance icon"
                .into()
        } else {
            "a chart without limits has no assurance icon".into()
        });
    }

    Ok(Chart {
        chart_type,
        method,
        options: ChartOptions {
            rules: Some(rules),
            ..options.clone()
        },
        labels: series.labels().map(|l| l.to_labels()),
        phase: plan.phase_of_points(),
        excluded: plan.excluded,
        used: plan.used,
        values,
        centre: lines.centre,
        upper: lines.upper,
        lower: lines.lower,
        sigma: lines.sigma,
        upper_clamped: lines.upper_clamped,
        lower_clamped: lines.lower_clamped,
        point_type,
        signals,
        phases,
        variation,
        assurance,
        notes,
        companion: None,
    })
}

/// Refuse to return a chart whose numbers overflowed. NaN marks "no such number"
/// only where the chart has none by design (a run chart's limits, the first moving
/// range of each phase); anywhere else NaN or infinity means the arithmetic broke
/// down (sums of values near the largest float), and a chart carrying it would be a
/// silently wrong answer.
fn check_finite(
    chart_type: ChartType,
    values: &[f64],
    has_gaps: bool,
    lines: &Lines,
    plan: &PhasePlan,
) -> Result<()> {
    let infinite = |x: f64| x.is_infinite();
    let broken = |x: f64| !x.is_finite();
    // A moving-range chart has no value at the first point of each phase, and a
    // series with gaps none at its missing points. (Each reading with its own test,
    // not one through a function pointer: the compiler then reads four values at a
    // time.)
    let values_broken_at = if chart_type == ChartType::MovingRange || has_gaps {
        blocks::first_where(values, infinite)
    } else {
        blocks::first_where(values, broken)
    };
    let (has_upper, has_lower) = chart_type.limit_sides();
    let side_broken = |has: bool| -> &(dyn Fn(f64) -> bool + Sync) {
        if has {
            &broken
        } else {
            &infinite
        }
    };
    let found = [
        ("the plotted values", values_broken_at),
        ("the centre line", lines.centre.position(broken)),
        (
            "the upper limit",
            lines.upper.position(side_broken(has_upper)),
        ),
        (
            "the lower limit",
            lines.lower.position(side_broken(has_lower)),
        ),
        ("sigma", lines.sigma.position(infinite)),
    ];
    for (what, at) in found {
        if let Some(i) = at {
            let phase = plan.ranges.iter().position(|r| r.contains(&i)).unwrap_or(0);
            return Err(MeasuresError::Overflow { what, phase });
        }
    }
    Ok(())
}

/// The rules over the points that have a value: a gap is skipped, not a break, so a
/// run or trend continues across it (qicharts2's runs analysis drops missing points:
/// `runs[runs != 0 & !is.na(runs)]`). Signals come back in the chart's own indices.
fn evaluate_over_gaps(
    input: &RuleInput<'_>,
    rules: &RuleConfig,
) -> Result<(Vec<Signal>, Vec<RunsAnalysis>)> {
    let kept: Vec<usize> = (0..input.values.len())
        .filter(|&i| !input.values[i].is_nan())
        .collect();
    let mut ranges = Vec::with_capacity(input.phases.len());
    let mut k = 0;
    for phase in input.phases {
        let start = k;
        while k < kept.len() && kept[k] < phase.end {
            k += 1;
        }
        ranges.push(start..k);
    }
    let values: Vec<f64> = kept.iter().map(|&i| input.values[i]).collect();
    let pick =
        |column: &Column<f64>| Column::compact(kept.iter().map(|&i| column[i]).collect(), &ranges);
    let (centre, upper, lower, sigma) = (
        pick(input.centre),
        pick(input.upper),
        pick(input.lower),
        pick(input.sigma),
    );
    let present = RuleInput {
        values: &values,
        centre: &centre,
        upper: &upper,
        lower: &lower,
        sigma: &sigma,
        phases: &ranges,
        chart: input.chart,
    };
    let (mut signals, runs) = evaluate_with_runs(&present, rules)?;
    for signal in &mut signals {
        signal.first = kept[signal.first];
        signal.last = kept[signal.last];
    }
    Ok((signals, runs))
}
