//! Is this process predictable? A verdict whose false-alarm rate is known at any
//! number of points and for any shape of distribution.
//!
//! A chart's point rules test every point: on a long stable series some rule fires
//! somewhere almost surely (0.27% of normal points lie beyond three sigma, so 3,000
//! points give about eight, and a right-skewed series of end-to-end times gives many
//! more). "No rule fired anywhere" is therefore no verdict at scale. This one asks
//! three questions of the phase's points in time order, each a test whose error
//! rate is fixed in advance, so that together a stable process is called
//! predictable in about 95% of cases whatever its length (documented with its
//! simulation in `docs/predictability.md`):
//!
//! 1. **A sustained shift** — Pettitt's rank test for a change point (Pettitt,
//!    "A non-parametric approach to the change-point problem", *Applied
//!    Statistics* 28, 1979): U_t = 2·Σ_{i≤t} rᵢ − t(n+1) over mid-ranks r,
//!    K = max |U_t|, p ≈ 2·exp(−6K²/(n³ + n²)). At 2%.
//! 2. **A cluster** — a stretch of consecutive points that sits high or low, then
//!    returns: the largest standardised rank sum over every window of consecutive
//!    blocks (rational subgroups of equal size, at most 100), with its p-value from
//!    the window sums' null distribution simulated with a fixed seed (a scan
//!    statistic; Kulldorff, "A spatial scan statistic", *Communications in
//!    Statistics* 26, 1997, in one dimension). At 2.5%.
//! 3. **Outliers** — a point beyond limits widened for the number of points, so
//!    that a stable phase of any length shows one with probability 0.5%
//!    (Bonferroni: ±z with z = Φ⁻¹(1 − 0.005/2n), on the chart's own scale, so a
//!    transformed chart's skew is allowed for). At 12 points that is 3.5 sigma, at
//!    1,000 it is 4.6. This is the one test that leans on a model of the tail,
//!    where a fitted transform is least sure, so it gets the smallest share of the
//!    error rate and runs on phases of up to 1,000 points: beyond that, simulated
//!    stable logs of integer working days showed single cases past the bound more
//!    often than 0.5% (the transform's far tail, not the process), and the rank
//!    tests carry the verdict.
//!
//! The first two use ranks only, so they hold for any continuous distribution, as
//! skewed as end-to-end times are, and their power grows with the number of points
//! (a 50% rise over the last third of 300 log-normal cases is found in every
//! simulated log). The point rules stay on the chart for reading it; this is the
//! separate judgement the capability statement quotes.

use crate::charts::Chart;
use crate::error::{MeasuresError, Result};
use crate::rng::SplitMix64;
use crate::rules::Side;
use crate::stats::{median_in_place, mid_ranks, normal_quantile, normal_sf, pettitt};
use serde::{Deserialize, Serialize};

/// The error rates and resolution of the verdict.
///
/// ```
/// use measures_core::capability::VerdictOptions;
/// let o = VerdictOptions::default();
/// assert!((o.shift_alpha + o.cluster_alpha + o.outlier_alpha - 0.05).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerdictOptions {
    /// False-alarm rate of the shift test.
    pub shift_alpha: f64,
    /// False-alarm rate of the cluster test.
    pub cluster_alpha: f64,
    /// Chance that a stable phase shows an outlier.
    pub outlier_alpha: f64,
    /// The most blocks (rational subgroups of consecutive points) the cluster scan
    /// reads; longer phases are grouped into this many blocks of equal size.
    pub blocks: usize,
    /// Simulated window-sum sets behind the cluster test's p-value.
    pub replicates: usize,
    /// Which outliers count.
    pub outliers: OutlierSides,
    /// The outlier test runs on phases of at most this many points judged. Beyond
    /// it one case past a model-based bound says more about how well the fitted
    /// transform follows the far tail (ever further out as n grows) than about the
    /// process, and the chart still marks such cases; the rank tests carry the
    /// verdict there.
    pub outlier_max_points: usize,
}

/// Which side of the centre the outlier test looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlierSides {
    /// Both sides, each at half the rate.
    #[default]
    Both,
    /// High values only: for measures with a natural floor (durations), where a
    /// value piled up at the floor (a case done the same day, in whole days) is the
    /// process working, not a special cause, and no transform models the pile-up.
    High,
    /// Low values only.
    Low,
    /// No outlier test: for a chart that mixes populations whose own charts judge
    /// their outliers (all demand types together), where a value far out for the
    /// mixture can be ordinary for its own kind.
    None,
}

impl Default for VerdictOptions {
    fn default() -> Self {
        VerdictOptions {
            shift_alpha: 0.02,
            cluster_alpha: 0.025,
            outlier_alpha: 0.005,
            blocks: 100,
            replicates: 499,
            outliers: OutlierSides::Both,
            outlier_max_points: 1_000,
        }
    }
}

/// What a verdict test looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// A sustained shift: the points after a change point sit higher or lower.
    Shift,
    /// A stretch of consecutive points that sits higher or lower than the rest.
    Cluster,
    /// A point beyond the limits widened for the number of points.
    Outlier,
}

impl Finding {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Finding::Shift => "shift",
            Finding::Cluster => "cluster",
            Finding::Outlier => "outlier",
        }
    }
}

/// One of the verdict's tests and its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictTest {
    /// What it looks for.
    pub test: Finding,
    /// The test statistic: Pettitt's K, the largest window |z|, the largest |z| of a point.
    pub statistic: f64,
    /// Its p-value (NaN/`null` when the test could not run: too few points, no variation).
    pub p_value: f64,
    /// The false-alarm rate it is held to.
    pub alpha: f64,
    /// p-value below alpha.
    pub fired: bool,
    /// Where: the first and last chart points of the shifted stretch, the window or
    /// the outlier (the latest outlier when several).
    pub first: usize,
    /// Last point (inclusive).
    pub last: usize,
    /// Points of the phase judged that lie there.
    pub points: usize,
    /// Higher or lower than the rest.
    pub side: Option<Side>,
    /// Median of the values there.
    pub median_inside: f64,
    /// Median of the phase's other judged values.
    pub median_outside: f64,
    /// Why the test did not run, when it did not.
    pub skipped: Option<String>,
}

/// The verdict on one phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predictability {
    /// No test fired.
    pub predictable: bool,
    /// Points judged: the phase's points used for its limits (exclusions and
    /// points after a baseline are left out).
    pub points: usize,
    /// Blocks the cluster scan read.
    pub blocks: usize,
    /// The tests, in the order shift, cluster, outlier.
    pub tests: Vec<VerdictTest>,
    /// Every point beyond the widened limits.
    pub outliers: Vec<usize>,
    /// The limits the outliers lie beyond, as sigmas on the chart's scale.
    pub outlier_sigmas: f64,
}

/// The verdict on phase `phase` of a chart (see the module documentation).
///
/// ```
/// use measures_core::capability::{judge_predictability, VerdictOptions};
/// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
/// let stable: Vec<f64> = (0..60).map(|i| 10.0 + ((i * 37) % 11) as f64).collect();
/// let chart = xmr_chart(Series::new(&stable)?, &ChartOptions::default(), &XmrOptions::default())?;
/// assert!(judge_predictability(&chart, 0, &VerdictOptions::default())?.predictable);
/// let mut shifted = stable.clone();
/// for v in &mut shifted[40..] { *v += 8.0; }
/// let chart = xmr_chart(Series::new(&shifted)?, &ChartOptions::default(), &XmrOptions::default())?;
/// let verdict = judge_predictability(&chart, 0, &VerdictOptions::default())?;
/// assert!(!verdict.predictable);
/// assert_eq!(verdict.tests[0].first, 40); // the shift starts at point 40
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn judge_predictability(
    chart: &Chart,
    phase: usize,
    options: &VerdictOptions,
) -> Result<Predictability> {
    check_options(options)?;
    let summary = chart
        .phases
        .get(phase)
        .ok_or(MeasuresError::IndexOutOfRange {
            what: "verdict phase",
            index: phase,
            len: chart.phases.len(),
        })?;
    let at: Vec<usize> = (summary.first..=summary.last)
        .filter(|&i| chart.used[i] && chart.values[i].is_finite())
        .collect();
    let values: Vec<f64> = at.iter().map(|&i| chart.values[i]).collect();
    let ranks = mid_ranks(&values);
    let shift = shift_test(&values, &ranks, &at, options.shift_alpha);
    let (cluster, blocks) = cluster_test(&values, &ranks, &at, options);
    let (outlier, outliers, outlier_sigmas) = outlier_test(chart, &at, options);
    Ok(Predictability {
        predictable: !(shift.fired || cluster.fired || outlier.fired),
        points: at.len(),
        blocks,
        tests: vec![shift, cluster, outlier],
        outliers,
        outlier_sigmas,
    })
}

fn check_options(o: &VerdictOptions) -> Result<()> {
    for (name, alpha) in [
        ("shift_alpha", o.shift_alpha),
        ("cluster_alpha", o.cluster_alpha),
        ("outlier_alpha", o.outlier_alpha),
    ] {
        if !(alpha.is_finite() && alpha > 0.0 && alpha < 1.0) {
            return Err(MeasuresError::InvalidOption {
                name,
                reason: format!("{alpha} is not strictly between 0 and 1"),
            });
        }
    }
    if !(2..=10_000).contains(&o.blocks) {
        return Err(MeasuresError::InvalidOption {
            name: "blocks",
            reason: format!("{} is outside 2..=10000", o.blocks),
        });
    }
    if !(19..=1_000_000).contains(&o.replicates) {
        return Err(MeasuresError::InvalidOption {
            name: "replicates",
            reason: format!("{} is outside 19..=1000000", o.replicates),
        });
    }
    Ok(())
}

fn median_of(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    median_in_place(&mut v)
}

/// A test that did not run, and why.
fn not_run(test: Finding, alpha: f64, why: &str) -> VerdictTest {
    VerdictTest {
        test,
        statistic: f64::NAN,
        p_value: f64::NAN,
        alpha,
        fired: false,
        first: 0,
        last: 0,
        points: 0,
        side: None,
        median_inside: f64::NAN,
        median_outside: f64::NAN,
        skipped: Some(why.to_string()),
    }
}

/// What a rank test found: its statistic and p-value, and the stretch `from..to`
/// (positions among the judged points) that sits high or low.
struct Found {
    statistic: f64,
    p_value: f64,
    from: usize,
    to: usize,
    high: bool,
}

impl Found {
    /// The finding in chart terms.
    fn into_test(self, test: Finding, alpha: f64, values: &[f64], at: &[usize]) -> VerdictTest {
        let (from, to) = (self.from, self.to);
        let inside = median_of(values[from..to].iter().copied());
        let outside = median_of(values[..from].iter().chain(&values[to..]).copied());
        VerdictTest {
            test,
            statistic: self.statistic,
            p_value: self.p_value,
            alpha,
            fired: self.p_value < alpha,
            first: at[from],
            last: at[to - 1],
            points: to - from,
            side: Some(if self.high { Side::High } else { Side::Low }),
            median_inside: inside,
            median_outside: outside,
            skipped: None,
        }
    }
}

/// Pettitt's change-point test on the judged points.
fn shift_test(values: &[f64], ranks: &[f64], at: &[usize], alpha: f64) -> VerdictTest {
    let n = values.len();
    if n < 3 || values.iter().all(|&v| v == values[0]) {
        return not_run(
            Finding::Shift,
            alpha,
            "fewer than 3 points, or no variation",
        );
    }
    let (k, p_value, cut, high) = pettitt(ranks);
    // U_t < 0: the first t ranks are low, so the points after the cut sit high.
    let found = Found {
        statistic: k,
        p_value,
        from: cut,
        to: n,
        high,
    };
    found.into_test(Finding::Shift, alpha, values, at)
}

/// Equal-size blocks of consecutive points: the boundaries, k + 1 of them.
fn block_edges(n: usize, blocks: usize) -> Vec<usize> {
    let k = n.min(blocks);
    (0..=k).map(|b| b * n / k).collect()
}

/// The windows of consecutive blocks a scan reads, with each window's weight
/// 1/√(m(n − m)/n) (m its size), so that |sum|·weight is the window's |z| for unit
/// variance. Windows holding every point are left out (their sum is always 0).
struct Windows {
    k: usize,
    /// Row-major: `weight[a * k + b]` for blocks a..=b.
    weight: Vec<f64>,
}

impl Windows {
    fn new(sizes: &[f64], n: f64) -> Windows {
        let k = sizes.len();
        let mut weight = vec![0.0; k * k];
        for a in 0..k {
            let mut m = 0.0;
            for b in a..k {
                m += sizes[b];
                if m < n {
                    weight[a * k + b] = 1.0 / (m * (n - m) / n).sqrt();
                }
            }
        }
        Windows { k, weight }
    }

    /// The largest |z| over the windows of block sums `sums` (unit variance), and
    /// the blocks a..b (half-open) where it lies. Stops early once `stop` is reached.
    fn largest(&self, sums: &[f64], stop: f64) -> (f64, usize, usize) {
        let k = self.k;
        let (mut best, mut where_) = (0.0f64, (0, 0));
        for a in 0..k {
            let row = &self.weight[a * k..(a + 1) * k];
            let mut s = 0.0;
            for b in a..k {
                s += sums[b];
                let z = s.abs() * row[b];
                if z > best {
                    best = z;
                    where_ = (a, b + 1);
                }
            }
            if best >= stop {
                break;
            }
        }
        (best, where_.0, where_.1)
    }
}

/// A seed of its own, so the verdict never depends on anything but the data.
const SEED: u64 = 0x6D65_6173_7572_6573; // "measures"

/// The cluster scan and its simulated p-value.
fn cluster_test(
    values: &[f64],
    ranks: &[f64],
    at: &[usize],
    options: &VerdictOptions,
) -> (VerdictTest, usize) {
    let alpha = options.cluster_alpha;
    let n = values.len();
    let edges = block_edges(n, options.blocks);
    let k = edges.len() - 1;
    let nf = n as f64;
    let mean_rank = (nf + 1.0) / 2.0;
    let variance = ranks.iter().map(|r| (r - mean_rank).powi(2)).sum::<f64>() / nf;
    if n < 3 || k < 2 || variance <= 0.0 {
        return (
            not_run(
                Finding::Cluster,
                alpha,
                "fewer than 3 points, or no variation",
            ),
            k,
        );
    }
    let sizes: Vec<f64> = edges.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    let sums: Vec<f64> = edges
        .windows(2)
        .map(|w| ranks[w[0]..w[1]].iter().map(|r| r - mean_rank).sum())
        .collect();
    // Sampling without replacement: Var(window sum) = m(n − m)/(n − 1)·variance,
    // so the observed sums are put on the unit scale the windows' weights assume.
    let unit = (variance * nf / (nf - 1.0)).sqrt();
    let scaled: Vec<f64> = sums.iter().map(|s| s / unit).collect();
    let windows = Windows::new(&sizes, nf);
    let (observed, a, b) = windows.largest(&scaled, f64::INFINITY);
    // Under exchangeability the block sums are those of n draws without
    // replacement; independent normal sums centred on their total have exactly
    // that covariance (Var m(n − m)/n for unit variance), so the null of the scan is
    // simulated at the block level, in O(k²) per set, whatever n is.
    let mut rng = SplitMix64::new(SEED);
    let mut null_sums = vec![0.0; k];
    let mut exceed = 0usize;
    for _ in 0..options.replicates {
        let mut total = 0.0;
        for (s, &m) in null_sums.iter_mut().zip(&sizes) {
            *s = rng.normal() * m.sqrt();
            total += *s;
        }
        for (s, &m) in null_sums.iter_mut().zip(&sizes) {
            *s -= m / nf * total;
        }
        if windows.largest(&null_sums, observed).0 >= observed {
            exceed += 1;
        }
    }
    let p_value = (1 + exceed) as f64 / (1 + options.replicates) as f64;
    let found = Found {
        statistic: observed,
        p_value,
        from: edges[a],
        to: edges[b],
        high: sums[a..b].iter().sum::<f64>() > 0.0,
    };
    (found.into_test(Finding::Cluster, alpha, values, at), k)
}

/// Points beyond ±z·sigma on the chart's scale, z widened for the number of points.
fn outlier_test(
    chart: &Chart,
    at: &[usize],
    options: &VerdictOptions,
) -> (VerdictTest, Vec<usize>, f64) {
    let (alpha, sides) = (options.outlier_alpha, options.outliers);
    let n = at.len();
    let why = if n == 0 {
        Some("no points".to_string())
    } else if sides == OutlierSides::None {
        Some("judged on the charts of the groups this chart mixes (each demand type)".to_string())
    } else if n > options.outlier_max_points {
        Some(format!(
            "not run on more than {} points: the far tail is the fitted model's, not the process's; the chart marks far points",
            options.outlier_max_points
        ))
    } else {
        None
    };
    if let Some(why) = why {
        return (not_run(Finding::Outlier, alpha, &why), Vec::new(), f64::NAN);
    }
    let (high, low) = match sides {
        OutlierSides::High => (true, false),
        OutlierSides::Low => (false, true),
        _ => (true, true),
    };
    let tails = if high && low { 2.0 } else { 1.0 };
    let z_limit = normal_quantile(1.0 - alpha / (tails * n as f64));
    // Only the sides looked at: z of the other side counts as 0.
    let counted = |z: f64| {
        if (z > 0.0 && high) || (z < 0.0 && low) {
            z
        } else {
            0.0
        }
    };
    let transform = chart.method.transform();
    let on_scale = |x: f64| transform.map_or(x, |t| t.forward(x));
    // The distance of each point from its centre, in sigmas of the chart's scale.
    let z_of = |i: usize| {
        let centre = on_scale(chart.centre[i]);
        let sigma = if chart.sigma[i].is_finite() {
            chart.sigma[i]
        } else {
            (on_scale(chart.upper[i]) - centre) / 3.0
        };
        if sigma.is_finite() && sigma > 0.0 {
            (on_scale(chart.values[i]) - centre) / sigma
        } else {
            f64::NAN
        }
    };
    let (mut largest, mut latest, mut outliers) = (f64::NAN, None, Vec::new());
    for &i in at {
        let z = counted(z_of(i));
        if !z.is_finite() {
            continue;
        }
        if largest.is_nan() || z.abs() > largest.abs() {
            largest = z;
        }
        if z.abs() > z_limit {
            outliers.push(i);
            latest = Some((i, z));
        }
    }
    if largest.is_nan() {
        let why = "no sigma to measure from";
        return (not_run(Finding::Outlier, alpha, why), outliers, z_limit);
    }
    // Šidák: the chance that n independent points include one as far out.
    let one = tails * normal_sf(largest.abs());
    let p_value = -(n as f64 * (-one).ln_1p()).exp_m1();
    let (first, side) = match latest {
        Some((i, z)) => (i, Some(if z > 0.0 { Side::High } else { Side::Low })),
        None => (0, None),
    };
    let inside: Vec<f64> = outliers.iter().map(|&i| chart.values[i]).collect();
    let test = VerdictTest {
        test: Finding::Outlier,
        statistic: largest.abs(),
        p_value,
        alpha,
        fired: !outliers.is_empty(),
        first,
        last: first,
        points: outliers.len(),
        side,
        median_inside: median_of(inside.iter().copied()),
        median_outside: median_of(
            at.iter()
                .filter(|i| !outliers.contains(i))
                .map(|&i| chart.values[i]),
        ),
        skipped: None,
    };
    (test, outliers, z_limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_ranks_match_r() {
        // R: rank(c(3, 1, 4, 1, 5)) = 3.0 1.5 4.0 1.5 5.0
        assert_eq!(
            mid_ranks(&[3.0, 1.0, 4.0, 1.0, 5.0]),
            vec![3.0, 1.5, 4.0, 1.5, 5.0]
        );
    }

    #[test]
    fn blocks_are_equal_and_cover_every_point() {
        assert_eq!(block_edges(5, 100), vec![0, 1, 2, 3, 4, 5]);
        let e = block_edges(1000, 100);
        assert_eq!((e.len(), e[1], e[100]), (101, 10, 1000));
    }

    #[test]
    fn the_scan_finds_the_window_that_stands_out() {
        let sums = [-3.0, -3.0, 7.0, 6.0, -7.0];
        let windows = Windows::new(&[2.0; 5], 10.0);
        let (z, a, b) = windows.largest(&sums, f64::INFINITY);
        assert_eq!((a, b), (2, 4));
        assert!((z - 13.0 / (4.0f64 * 6.0 / 10.0).sqrt()).abs() < 1e-12);
    }
}
