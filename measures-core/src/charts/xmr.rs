//! The XmR chart: individual values with limits from the moving range, and its
//! companion moving-range chart.
//!
//! The limits are the moving-range estimator's (`estimators/moving_range.rs`, with
//! the sources): centre ± multiplier × mean (or median) moving range.

use super::finish::{finish, Bounds, Draft, Limits};
use super::kind::ChartType;
use super::model::Chart;
use super::spec::Method;
use crate::blocks;
use crate::error::Result;
use crate::estimators::moving_range::{phase_spread, XmrOptions};
use crate::options::ChartOptions;
use crate::phases::PhasePlan;
use crate::rules::{RuleConfig, RuleSet};
use crate::series::Series;

/// Build an XmR chart; the moving-range chart is its [`Chart::companion`].
///
/// Per phase: the centre is the mean (or median) of the points used; moving ranges
/// are taken between consecutive points of the phase that are both used (the first
/// point of a phase, and a point next to an excluded one, add none); limits are
/// centre ± multiplier × mean (or median) moving range; sigma is a third of that.
///
/// ```
/// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
/// // NIST/SEMATECH e-Handbook §6.3.2.2: x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041
/// let v = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
/// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::textbook())?;
/// assert!((chart.upper[0] - 55.8041).abs() < 5e-5);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn xmr_chart(series: Series<'_>, options: &ChartOptions, xmr: &XmrOptions) -> Result<Chart> {
    build(series, options, xmr, true)
}

/// The individuals chart alone, without its moving-range companion: what grouped
/// summaries need (batch.rs), at about half the work.
pub(crate) fn xmr_individuals(
    series: Series<'_>,
    options: &ChartOptions,
    xmr: &XmrOptions,
) -> Result<Chart> {
    build(series, options, xmr, false)
}

/// From this many points, an XmR chart and its moving-range companion are finished
/// on two threads (with the `parallel` feature); below it the hand-over costs about
/// what it saves (from Python on two cores, December 2026: 61 µs either way at 10⁴
/// points, 147 against 152 µs at 3 × 10⁴, 363 against 423 µs at 10⁵).
const PARALLEL_FROM: usize = 30_000;

fn build(
    series: Series<'_>,
    options: &ChartOptions,
    xmr: &XmrOptions,
    with_companion: bool,
) -> Result<Chart> {
    let plan = PhasePlan::for_series(&series, options)?;
    // The two charts' point-by-point values are allocated here, on the calling
    // thread, even when the charts are finished on the pool's: its allocator keeps
    // and reuses large freed blocks, where a pool thread's maps fresh pages for each
    // (which at 10⁷ points cost more than the rules). The moving-range chart's
    // values are written by the same reading of the series that sums them.
    let mut moving_ranges = vec![0.0; if with_companion { series.len() } else { 0 }];
    let (individuals, mr_limits) = xmr_limits(
        series.values(),
        &plan,
        xmr,
        with_companion.then_some(&mut moving_ranges[..]),
    )?;
    // The chart's own copy of the values, written on every core when long (copied
    // on one, with `to_vec`, the 10⁷-point chart measured 3.0–3.2× the one-pass
    // baseline instead of 2.5–2.6×).
    let mut values = Vec::new();
    blocks::collect_into(series.len(), |i| series.values()[i], &mut values);
    // Only the companion needs a plan of its own; the individuals chart takes this one.
    let companion_plan = with_companion.then(|| plan.clone());
    let companion = || -> Result<Option<Chart>> {
        let Some(plan) = companion_plan else {
            return Ok(None);
        };
        finish(
            Draft {
                chart_type: ChartType::MovingRange,
                method: Method::Xmr(*xmr),
                series,
                values: moving_ranges,
                options: &ChartOptions {
                    rules: Some(RuleConfig::new(RuleSet::Limits)),
                    target: None,
                    ..options.clone()
                },
                plan,
                extra_signals: Vec::new(),
            },
            mr_limits,
        )
        .map(Some)
    };
    let chart = || {
        finish(
            Draft {
                chart_type: ChartType::Xmr,
                method: Method::Xmr(*xmr),
                series,
                values,
                options,
                plan,
                extra_signals: Vec::new(),
            },
            individuals,
        )
    };
    let (companion, chart) = join(series.len() >= PARALLEL_FROM, companion, chart);
    // The companion's error first, as when the two were finished one after the other.
    let companion = companion?;
    let mut chart = chart?;
    chart.companion = companion.map(Box::new);
    Ok(chart)
}

/// Run `a` and `b`, on two threads when `parallel` (and the feature is on): `a`
/// is handed to the pool while this thread runs `b`, so the only hand-over is the
/// one task (`rayon::join` called from outside the pool would send both, and wait
/// asleep for them: tens of microseconds, a fifth of a 10⁵-point chart).
fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    if parallel && crate::parallel::enabled() {
        let mut first = None;
        let second = rayon::in_place_scope(|scope| {
            scope.spawn(|_| first = Some(a()));
            b()
        });
        // The scope returns once its task has run.
        if let Some(first) = first {
            return (first, second);
        }
        unreachable!("a scope's task runs before the scope ends");
    }
    let _ = parallel;
    (a(), b())
}

/// Individuals and moving-range limits for every phase of the plan; with
/// `moving_ranges`, the moving-range chart's values are written there too.
pub(crate) fn xmr_limits(
    values: &[f64],
    plan: &PhasePlan,
    xmr: &XmrOptions,
    mut moving_ranges: Option<&mut [f64]>,
) -> Result<(Limits, Limits)> {
    let phases = plan.ranges.len();
    let (limit_multiplier, mr_upper_multiplier) = xmr.multipliers();
    // Both charts' lines are constant within a phase: one slot per phase.
    let mut individuals = Limits::per_phase(phases);
    let mut moving_range = Limits::per_phase(phases);
    let mut scratch = Vec::new();
    for (phase, range) in plan.ranges.iter().enumerate() {
        let out = moving_ranges.as_deref_mut().map(|m| &mut m[range.clone()]);
        let spread = phase_spread(
            values,
            range.clone(),
            &plan.used,
            phase,
            xmr,
            &mut scratch,
            out,
        )?;
        let half_width = limit_multiplier * spread.moving_range;
        individuals.set(
            phase,
            spread.centre,
            half_width,
            half_width / 3.0,
            Bounds::NONE,
        );
        // The moving-range chart: centre MR̄, upper limit 3.267 MR̄ (D4 for n = 2), lower 0.
        let mr_upper = mr_upper_multiplier * spread.moving_range;
        let mr = &mut moving_range;
        mr.centre[phase] = spread.moving_range;
        mr.upper[phase] = mr_upper;
        mr.lower[phase] = 0.0;
        mr.sigma[phase] = (mr_upper - spread.moving_range) / 3.0;
        individuals.spread[phase] = (spread.moving_range, spread.screened);
        moving_range.spread[phase] = (spread.moving_range, spread.screened);
    }
    Ok((individuals, moving_range))
}
