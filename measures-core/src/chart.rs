//! The chart result every chart type returns, and the shared finishing step that
//! runs the rules and sets the icons.
//!
//! # JSON shape
//!
//! A [`Chart`] serialises (with serde) to one object; `docs/json.md` documents it
//! field by field. In short:
//!
//! ```text
//! { "chart_type": "xmr", "method": {...}, "options": {...},
//!   "variation": "common_cause", "assurance": "hit_and_miss" | null,
//!   "phases":  [ { "index", "first", "last", "points_used", "centre", "upper", "lower",
//!                  "sigma", "moving_range", "moving_ranges_screened", "runs": {...} } ],
//!   "signals": [ { "rule", "side", "phase", "points": [..] } ],
//!   "points":  [ { "index", "label", "value", "centre", "upper", "lower", "sigma",
//!                  "phase", "excluded", "used", "point_type", "signals": [..] } ],
//!   "notes": [..], "companion": { ...a chart... } | null }
//! ```
//!
//! Numbers that do not exist (a run chart's limits, the first moving range of a
//! phase) are NaN in Rust and `null` in JSON.

use crate::blocks;
use crate::column::Column;
use crate::error::{MeasuresError, Result};
use crate::icons::{point_types, Assurance, Variation};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{
    evaluate_with_runs, RuleConfig, RuleInput, RuleSet, RunsAnalysis, Side, Signal,
};
use crate::series::Series;
use crate::xmr::XmrOptions;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::ops::Range;

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartType {
    /// Individuals chart of an XmR pair.
    Xmr,
    /// Moving-range chart of an XmR pair.
    MovingRange,
    /// Run chart with the median.
    Run,
    /// Subgroup means with limits from the ranges (companion: [`ChartType::Range`]).
    XbarR,
    /// Subgroup means with limits from the standard deviations (companion: [`ChartType::StdDev`]).
    XbarS,
    /// Subgroup ranges.
    Range,
    /// Subgroup standard deviations.
    StdDev,
    /// Proportion defective (binomial).
    P,
    /// Number defective (binomial).
    Np,
    /// Count of defects (Poisson).
    C,
    /// Defects per unit (Poisson).
    U,
    /// Laney p′: proportions with limits widened (or narrowed) for over-dispersion.
    PPrime,
    /// Laney u′: rates with limits adjusted for over-dispersion.
    UPrime,
    /// Time between rare events (power-transformed individuals chart).
    T,
    /// Opportunities or days between rare events (geometric).
    G,
    /// Tabular CUSUM: the upper sum (companion: [`ChartType::CusumLower`]).
    Cusum,
    /// Tabular CUSUM: the lower sum.
    CusumLower,
    /// Exponentially weighted moving average.
    Ewma,
    /// Individuals chart of a right-skewed measure, computed on a transformed scale
    /// (Yeo–Johnson) and drawn on the measure's own.
    TransformedXmr,
}

impl ChartType {
    /// Which process limits the chart has, (upper, lower): none on a run chart,
    /// one side on each of a CUSUM's sums, both on every other chart.
    ///
    /// ```
    /// use measures_core::ChartType;
    /// assert_eq!(ChartType::Cusum.limit_sides(), (true, false));
    /// assert_eq!(ChartType::Run.limit_sides(), (false, false));
    /// ```
    pub fn limit_sides(self) -> (bool, bool) {
        match self {
            ChartType::Run => (false, false),
            ChartType::Cusum => (true, false),
            ChartType::CusumLower => (false, true),
            _ => (true, true),
        }
    }

    /// The stable name used in JSON and messages.
    pub fn name(self) -> &'static str {
        match self {
            ChartType::Xmr => "xmr",
            ChartType::MovingRange => "moving_range",
            ChartType::Run => "run",
            ChartType::XbarR => "xbar_r",
            ChartType::XbarS => "xbar_s",
            ChartType::Range => "range",
            ChartType::StdDev => "std_dev",
            ChartType::P => "p",
            ChartType::Np => "np",
            ChartType::C => "c",
            ChartType::U => "u",
            ChartType::PPrime => "p_prime",
            ChartType::UPrime => "u_prime",
            ChartType::T => "t",
            ChartType::G => "g",
            ChartType::Cusum => "cusum",
            ChartType::CusumLower => "cusum_lower",
            ChartType::Ewma => "ewma",
            ChartType::TransformedXmr => "transformed_xmr",
        }
    }
}

/// The chart-specific method and its settings, as used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// XmR (individuals and moving range) settings.
    Xmr(XmrOptions),
    /// Run chart: median centre line, no limits.
    Run,
    /// Subgroup chart settings.
    Subgroup(crate::subgroup::SubgroupOptions),
    /// Attribute chart settings.
    Attribute(crate::attribute::AttributeOptions),
    /// t chart: the XmR settings used on the transformed times.
    T(XmrOptions),
    /// g chart settings (the centre line).
    G(crate::rare::GOptions),
    /// CUSUM settings, with the target and sigma used.
    Cusum(crate::cusum::CusumUsed),
    /// EWMA settings, with the target and sigma used.
    Ewma(crate::ewma::EwmaUsed),
    /// Transformed XmR: the XmR settings and the transform used.
    TransformedXmr {
        /// XmR settings on the transformed scale.
        xmr: XmrOptions,
        /// The transform (its λ fitted or given).
        transform: crate::transform::Transform,
    },
}

impl Method {
    /// The transform the chart's limits and rules were computed on, if any: the t
    /// chart's power, the transformed XmR's Yeo–Johnson.
    ///
    /// ```
    /// use measures_core::{rare::t_chart, ChartOptions, Series, XmrOptions};
    /// let chart = t_chart(Series::new(&[3.0, 9.0, 4.0, 12.0])?, &ChartOptions::default(), &XmrOptions::default())?;
    /// assert!(chart.method.transform().is_some());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn transform(&self) -> Option<crate::transform::Transform> {
        match self {
            Method::T(_) => Some(crate::transform::Transform::Power {
                power: crate::rare::T_POWER,
            }),
            Method::TransformedXmr { transform, .. } => Some(*transform),
            _ => None,
        }
    }

    /// The XmR settings behind the limits, for charts whose limits come from moving
    /// ranges (XmR, t, transformed XmR).
    pub fn xmr(&self) -> Option<&XmrOptions> {
        match self {
            Method::Xmr(x) | Method::T(x) | Method::TransformedXmr { xmr: x, .. } => Some(x),
            _ => None,
        }
    }
}

/// What one phase's limits were computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseSummary {
    /// Zero-based phase index.
    pub index: usize,
    /// First point of the phase.
    pub first: usize,
    /// Last point of the phase (inclusive).
    pub last: usize,
    /// Points used for the centre and limits (after baseline and exclusions).
    pub points_used: usize,
    /// Centre line.
    pub centre: f64,
    /// Upper limit, when constant over the phase (NaN/`null` otherwise or for run charts).
    pub upper: f64,
    /// Lower limit, when constant over the phase.
    pub lower: f64,
    /// One sigma, when constant over the phase.
    pub sigma: f64,
    /// The mean (or median) moving range the limits come from, for XmR charts.
    pub moving_range: f64,
    /// Moving ranges left out by screening.
    pub moving_ranges_screened: usize,
    /// Attribute charts: σ_z, the spread of the points' z-scores (Laney 2002). Near 1
    /// the binomial (or Poisson) model fits; well above 1 the points vary more than it
    /// allows (over-dispersion) and the p′ (u′) chart's limits account for it.
    pub dispersion: f64,
    /// Anhøj's runs analysis against the centre line, for every chart.
    pub runs: RunsAnalysis,
}

/// A chart: per point the value, centre, limits, sigma, phase, whether it fed the
/// limits, its point type and its signals; per chart the type, method, options,
/// phases, signals and the variation and assurance icons.
///
/// Per-point data are stored as columns so large series stay compact and bindings
/// can hand them out as arrays. Values and point types are stored per point; lines
/// and flags are [`Column`]s, stored once per phase where they are constant (an XmR
/// chart's limits), so a ten-million-point chart does not hold ten million copies
/// of one limit.
///
/// ```
/// use measures_core::{xmr, ChartOptions, Series, Variation, XmrOptions};
/// let v = [5.0, 6.0, 5.5, 6.5, 5.0, 6.0];
/// let chart = xmr(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
/// assert_eq!(chart.len(), 6);
/// assert_eq!(chart.variation, Variation::CommonCause);
/// let json = serde_json::to_value(&chart).unwrap();
/// assert_eq!(json["points"][0]["value"], 5.0);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The kind of chart.
    pub chart_type: ChartType,
    /// Chart-specific settings used.
    pub method: Method,
    /// Shared options used, with the rule set resolved.
    pub options: ChartOptions,
    /// Point labels, if the series had them.
    pub labels: Option<Vec<String>>,
    /// Plotted values.
    pub values: Vec<f64>,
    /// Centre line per point.
    pub centre: Column<f64>,
    /// Upper limit per point (NaN where the chart has none).
    pub upper: Column<f64>,
    /// Lower limit per point.
    pub lower: Column<f64>,
    /// One sigma per point (NaN where the chart has none).
    pub sigma: Column<f64>,
    /// Per point: the upper limit was capped (a proportion's limit at 1).
    pub upper_clamped: Column<bool>,
    /// Per point: the lower limit was floored (a count's or proportion's limit at 0).
    pub lower_clamped: Column<bool>,
    /// Phase index per point.
    pub phase: Column<u32>,
    /// Per point: excluded by the caller from the limit calculation.
    pub excluded: Column<bool>,
    /// Per point: used to compute the limits (false after a baseline or when excluded).
    pub used: Column<bool>,
    /// Per point: the kind of variation it shows.
    pub point_type: Vec<Variation>,
    /// Special-cause signals, ordered by first point.
    pub signals: Vec<Signal>,
    /// One summary per phase.
    pub phases: Vec<PhaseSummary>,
    /// The variation icon: the point type of the latest point.
    pub variation: Variation,
    /// The assurance icon, when there is a target, a direction and limits.
    pub assurance: Option<Assurance>,
    /// Caveats a reader should know (short phases, options that had no effect).
    pub notes: Vec<String>,
    /// The companion chart (the moving-range chart of an XmR chart).
    pub companion: Option<Box<Chart>>,
}

impl Chart {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Never true: charts are built from non-empty series.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// For each point, the indices (into [`Chart::signals`]) of the signals it takes part in.
    ///
    /// ```
    /// use measures_core::{xmr, ChartOptions, Rule, Series, XmrOptions};
    /// let v = [1.0, 1.2, 0.9, 1.1, 1.0, 9.0];
    /// let chart = xmr(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let last = &chart.signals_by_point()[5];
    /// assert_eq!(chart.signals[last[0]].rule, Rule::OutsideLimits);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn signals_by_point(&self) -> Vec<Vec<usize>> {
        let mut by_point = vec![Vec::new(); self.len()];
        for (s, signal) in self.signals.iter().enumerate() {
            for &i in &signal.points {
                by_point[i].push(s);
            }
        }
        by_point
    }

    /// The name of point `i` for people: its label, or "point N" counting from 1.
    ///
    /// ```
    /// use measures_core::{xmr, ChartOptions, Series, XmrOptions};
    /// let chart = xmr(Series::new(&[1.0, 2.0, 3.0])?, &ChartOptions::default(), &XmrOptions::default())?;
    /// assert_eq!(chart.point_name(0), "point 1");
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn point_name(&self, i: usize) -> String {
        match &self.labels {
            Some(labels) if i < labels.len() => labels[i].clone(),
            _ => format!("point {}", i + 1),
        }
    }

    /// A signal in words, naming its rule, side and the points it covers, e.g.
    /// "outside limits (high): 1 point, 2024-06" or
    /// "shift (low): 7 points from 2024-01 to 2024-07".
    ///
    /// ```
    /// use measures_core::{xmr, ChartOptions, Series, XmrOptions};
    /// let v = [1.0, 1.2, 0.9, 1.1, 1.0, 9.0];
    /// let chart = xmr(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let last = chart.signals.iter().find(|s| s.points == [5]).unwrap();
    /// assert_eq!(chart.describe_signal(last), "outside limits (high): 1 point, point 6");
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn describe_signal(&self, signal: &Signal) -> String {
        let side = match signal.side {
            Some(Side::High) => " (high)",
            Some(Side::Low) => " (low)",
            None => "",
        };
        let rule = signal.rule.name().replace('_', " ");
        match (signal.points.first(), signal.points.last()) {
            (Some(&first), Some(&last)) if first == last => {
                format!("{rule}{side}: 1 point, {}", self.point_name(first))
            }
            (Some(&first), Some(&last)) => format!(
                "{rule}{side}: {} points from {} to {}",
                signal.points.len(),
                self.point_name(first),
                self.point_name(last)
            ),
            _ => format!("{rule}{side}"),
        }
    }
}

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
    pub default_rules: RuleSet,
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
        default_rules,
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
        .unwrap_or(RuleConfig::new(default_rules))
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
        signals.sort_by(|a, b| a.points[0].cmp(&b.points[0]).then(a.rule.cmp(&b.rule)));
    }
    let point_type = point_types(&values, &lines.centre, &signals, options.direction);
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
        labels: series.labels().map(|l| l.to_vec()),
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
    // series with gaps none at its missing points.
    let value_broken: &(dyn Fn(f64) -> bool + Sync) =
        if chart_type == ChartType::MovingRange || has_gaps {
            &infinite
        } else {
            &broken
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
        (
            "the plotted values",
            blocks::first_where(values, value_broken),
        ),
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
        for point in &mut signal.points {
            *point = kept[*point];
        }
    }
    Ok((signals, runs))
}

impl Serialize for Chart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Chart", 11)?;
        s.serialize_field("chart_type", &self.chart_type)?;
        s.serialize_field("method", &self.method)?;
        s.serialize_field("options", &self.options)?;
        s.serialize_field("variation", &self.variation)?;
        s.serialize_field("assurance", &self.assurance)?;
        s.serialize_field("phases", &self.phases)?;
        s.serialize_field("signals", &self.signals)?;
        s.serialize_field("points", &Points(self))?;
        s.serialize_field("notes", &self.notes)?;
        s.serialize_field("companion", &self.companion)?;
        s.end()
    }
}

/// Serialises the columns of a chart as one object per point.
struct Points<'a>(&'a Chart);

impl Serialize for Points<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let by_point = c.signals_by_point();
        let mut seq = serializer.serialize_seq(Some(c.len()))?;
        for (i, signals) in by_point.iter().enumerate() {
            seq.serialize_element(&Point {
                chart: c,
                i,
                signals,
            })?;
        }
        seq.end()
    }
}

struct Point<'a> {
    chart: &'a Chart,
    i: usize,
    signals: &'a [usize],
}

impl Serialize for Point<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (c, i) = (self.chart, self.i);
        let mut m = serializer.serialize_map(Some(14))?;
        m.serialize_entry("index", &i)?;
        m.serialize_entry("label", &c.labels.as_ref().map(|l| &l[i]))?;
        m.serialize_entry("value", &c.values[i])?;
        m.serialize_entry("centre", &c.centre[i])?;
        m.serialize_entry("upper", &c.upper[i])?;
        m.serialize_entry("lower", &c.lower[i])?;
        m.serialize_entry("sigma", &c.sigma[i])?;
        m.serialize_entry("upper_clamped", &c.upper_clamped[i])?;
        m.serialize_entry("lower_clamped", &c.lower_clamped[i])?;
        m.serialize_entry("phase", &c.phase[i])?;
        m.serialize_entry("excluded", &c.excluded[i])?;
        m.serialize_entry("used", &c.used[i])?;
        m.serialize_entry("point_type", &c.point_type[i])?;
        m.serialize_entry("signals", self.signals)?;
        m.end()
    }
}
