//! Relations the control-chart family must show on the published datasets, beyond
//! the published numbers themselves (which `known.rs` checks from tests/known): the
//! tabulated constants, the formulas computed independently, what each chart
//! records and notes.

// Published tables are walked in step by index, which reads clearer than zips.
#![allow(clippy::needless_range_loop)]

mod common;

use common::{close, known_numbers};
use measures_core::estimators::constants;
use measures_core::{
    cusum_chart, g_chart, np_chart, p_chart, p_prime_chart, t_chart, u_prime_chart, xbar_r_chart,
    xbar_s_chart, AttributeOptions, Chart, ChartOptions, CusumOptions, GCentre, GOptions, Rule,
    RuleSet, Series, Side, SubgroupOptions, Subgroups, XmrOptions,
};

fn outside(chart: &Chart) -> Vec<usize> {
    chart
        .signals
        .iter()
        .filter(|s| s.rule == Rule::OutsideLimits)
        .flat_map(|s| chart.signal_points(s))
        .collect()
}

fn attr() -> AttributeOptions {
    AttributeOptions::default()
}

/// Montgomery, Example 6.1: the X̄ limits are x̿ ± A2·R̄ and the R chart's D3·R̄,
/// D4·R̄ with the tabulated constants. Montgomery prints the R chart's UCL as
/// 2.114 × 0.023 = 0.049 from the rounded R̄; the unrounded R̄ = 0.02276 gives
/// 0.0481, so the UCL is checked as exactly D4·R̄.
#[test]
fn piston_rings_xbar_r_uses_the_tabulated_constants() {
    let rings = known_numbers("montgomery-6-1-piston-rings", "values");
    let sizes = [5usize; 25];
    let chart = xbar_r_chart(
        Subgroups::new(&rings, &sizes).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap();
    let r = chart.companion.as_ref().unwrap();
    close(
        r.upper[0],
        constants::d4_factor(5).unwrap() * r.centre[0],
        1e-12,
        "R UCL = D4·R̄",
    );
    assert!(
        r.lower_clamped[0],
        "D3 = 0 for n = 5: the lower limit is floored"
    );
    close(
        chart.upper[0] - chart.centre[0],
        constants::a2(5).unwrap() * r.centre[0],
        1e-12,
        "A2·R̄",
    );
}

/// Montgomery, Example 6.3: Montgomery prints s̄ = 0.0094; the data as qcc
/// distributes them give s̄ = 0.00924 (which still rounds the X̄ limits to the
/// published digits), so the S chart is checked as s̄ = mean sᵢ with limits B3·s̄,
/// B4·s̄, and the estimator used is recorded.
#[test]
fn piston_rings_xbar_s_averages_the_standard_deviations() {
    let rings = known_numbers("montgomery-6-1-piston-rings", "values");
    let sizes = [5usize; 25];
    let groups = Subgroups::new(&rings, &sizes).unwrap();
    let chart = xbar_s_chart(
        groups,
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap();
    let s = chart.companion.as_ref().unwrap();
    let s_bar = groups.std_devs().iter().sum::<f64>() / 25.0;
    close(s.centre[0], s_bar, 1e-15, "s̄ = mean sᵢ");
    close(
        s.upper[0],
        constants::b4(5).unwrap() * s_bar,
        1e-15,
        "S UCL = B4·s̄",
    );
    let json = serde_json::to_value(&chart).unwrap();
    assert_eq!(json["method"]["subgroup"]["estimator"], "mean_std_dev");
}

/// Montgomery, Example 6.4 / eqs. 6.30–6.31: with unequal sizes x̿ is weighted by nᵢ,
/// s̄ is pooled, and each subgroup gets limits x̿ ± A3(nᵢ)·s̄ and B3(nᵢ)·s̄, B4(nᵢ)·s̄.
/// Checked here against the formulas computed independently.
#[test]
fn unequal_subgroups_use_pooled_sigma_and_per_point_limits() {
    let rings = known_numbers("montgomery-6-1-piston-rings", "values");
    let sizes = [5usize, 3, 4, 5, 3];
    let groups = Subgroups::new(&rings[..20], &sizes).unwrap();
    let chart = xbar_s_chart(
        groups,
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap();
    let means = groups.means();
    let sds = groups.std_devs();
    let total: usize = sizes.iter().sum();
    let grand = means
        .iter()
        .zip(&sizes)
        .map(|(m, &n)| m * n as f64)
        .sum::<f64>()
        / total as f64;
    let pooled = (sds
        .iter()
        .zip(&sizes)
        .map(|(s, &n)| (n - 1) as f64 * s * s)
        .sum::<f64>()
        / sizes.iter().map(|&n| (n - 1) as f64).sum::<f64>())
    .sqrt();
    let s = chart.companion.as_ref().unwrap();
    for (i, &n) in sizes.iter().enumerate() {
        close(chart.centre[i], grand, 1e-12, "weighted x̿");
        close(
            chart.upper[i],
            grand + constants::a3(n).unwrap() * pooled,
            1e-12,
            "x̿ + A3(nᵢ)s̄",
        );
        close(
            s.upper[i],
            constants::b4(n).unwrap() * pooled,
            1e-12,
            "B4(nᵢ)s̄",
        );
        close(
            s.lower[i],
            constants::b3(n).unwrap() * pooled,
            1e-12,
            "B3(nᵢ)s̄",
        );
    }
    assert_eq!(
        serde_json::to_value(&chart).unwrap()["method"]["subgroup"]["estimator"],
        "pooled_std_dev"
    );
    // the widest limits belong to the smallest subgroups
    assert!(chart.upper[1] > chart.upper[0]);
}

/// Montgomery, Example 7.1: after the adjustment the lower limit is 0, recorded as
/// clamped (and only there).
#[test]
fn orange_juice_records_the_clamped_lower_limit() {
    let d = known_numbers("montgomery-7-1-orange-juice", "values");
    let n = known_numbers("montgomery-7-1-orange-juice", "denominators");
    let phased = ChartOptions {
        exclude: vec![14, 22],
        phase_starts: vec![30],
        ..Default::default()
    };
    let s = Series::new(&d).unwrap().with_denominators(&n).unwrap();
    let chart = p_chart(s, &phased, &attr()).unwrap();
    assert_eq!(chart.lower[40], 0.0);
    assert!(chart.lower_clamped[40] && !chart.lower_clamped[0]);
}

/// np chart on the orange-juice data: limits n·p̄ ± 3√(n·p̄(1 − p̄)) = 50 × the p
/// chart's limits (Montgomery §7.2.1).
#[test]
fn np_chart_is_n_times_the_p_chart() {
    let d = known_numbers("montgomery-7-1-orange-juice", "values");
    let n = known_numbers("montgomery-7-1-orange-juice", "denominators");
    let s = Series::new(&d[..15])
        .unwrap()
        .with_denominators(&n[..15])
        .unwrap();
    let np = np_chart(s, &ChartOptions::default(), &attr()).unwrap();
    let p = p_chart(s, &ChartOptions::default(), &attr()).unwrap();
    for i in 0..15 {
        close(np.centre[i], 50.0 * p.centre[i], 1e-12, "centre");
        close(np.upper[i], 50.0 * p.upper[i], 1e-12, "UCL");
        assert_eq!(np.values[i], d[i]);
    }
}

/// Laney's data: heavily over-dispersed (σ_z above 10), so the ordinary p chart
/// flags most months and says to read p′, where nothing is flagged.
#[test]
fn laney_data_are_over_dispersed_and_the_p_chart_says_so() {
    let counts = known_numbers("laney-p-prime", "values");
    let sizes = known_numbers("laney-p-prime", "denominators");
    let s = Series::new(&counts)
        .unwrap()
        .with_denominators(&sizes)
        .unwrap();
    let chart = p_prime_chart(s, &ChartOptions::default(), &attr()).unwrap();
    assert!(chart.phases[0].dispersion > 10.0, "heavily over-dispersed");
    let p = p_chart(s, &ChartOptions::default(), &attr()).unwrap();
    assert!(outside(&p).len() > 10);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("over-dispersion") && n.contains("p′")),
        "{:?}",
        p.notes
    );
    assert!(outside(&chart).is_empty());
}

/// Laney u′ with the same data read as rates: limits ū ± 3σ_z√(ū/nᵢ), checked
/// against the formula computed independently here.
#[test]
fn laney_u_prime_follows_its_formula() {
    let counts = known_numbers("laney-p-prime", "values");
    let sizes = known_numbers("laney-p-prime", "denominators");
    let s = Series::new(&counts)
        .unwrap()
        .with_denominators(&sizes)
        .unwrap();
    let chart = u_prime_chart(s, &ChartOptions::default(), &attr()).unwrap();
    let u_bar = counts.iter().sum::<f64>() / sizes.iter().sum::<f64>();
    let z: Vec<f64> = (0..20)
        .map(|i| (counts[i] / sizes[i] - u_bar) / (u_bar / sizes[i]).sqrt())
        .collect();
    let sigma_z = z.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / 19.0 / 1.128;
    for i in 0..20 {
        close(
            chart.upper[i],
            u_bar + 3.0 * sigma_z * (u_bar / sizes[i]).sqrt(),
            1e-12,
            "u′ UCL",
        );
    }
    close(chart.phases[0].dispersion, sigma_z, 1e-12, "σ_z");
}

/// The t chart reports no sigma: one sigma has no single width on the original scale.
#[test]
fn t_chart_has_no_sigma_on_the_original_scale() {
    let days = known_numbers("qicharts2-t-chart", "values");
    let chart = t_chart(
        Series::new(&days).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::textbook(),
    )
    .unwrap();
    assert!(chart.sigma[0].is_nan());
}

/// The g chart: Provost & Murray's geometric median 0.693·ḡ on request, with the
/// same limits; Anhøj's rules by default.
#[test]
fn g_chart_offers_the_geometric_centre() {
    let g = known_numbers("qicharts2-g-chart", "values");
    let chart = g_chart(
        Series::new(&g).unwrap(),
        &ChartOptions::default(),
        &GOptions::default(),
    )
    .unwrap();
    let geometric = g_chart(
        Series::new(&g).unwrap(),
        &ChartOptions::default(),
        &GOptions {
            centre: GCentre::Geometric,
        },
    )
    .unwrap();
    let mean = g.iter().sum::<f64>() / g.len() as f64;
    close(geometric.centre[0], 0.693 * mean, 1e-12, "0.693·ḡ");
    assert_eq!(geometric.upper[0], chart.upper[0]);
    assert!(chart.lower_clamped[0]);
    assert_eq!(chart.options.rules.unwrap().set, RuleSet::Anhoej);
}

/// Montgomery, Example 9.1: the CUSUM's signals are all on the high side.
#[test]
fn montgomery_cusum_signals_the_upward_shift() {
    let x = known_numbers("montgomery-9-1-cusum-ewma", "values");
    let settings = CusumOptions {
        target: Some(10.0),
        sigma: Some(1.0),
        ..Default::default()
    };
    let chart = cusum_chart(
        Series::new(&x).unwrap(),
        &ChartOptions::default(),
        &settings,
    )
    .unwrap();
    assert!(!chart.signals.is_empty());
    assert!(chart.signals.iter().all(|s| s.side == Some(Side::High)));
}

/// With μ0 and σ not given, they are estimated from the data (mean and MR̄/1.128),
/// and the estimates are reported.
#[test]
fn cusum_estimates_target_and_sigma_when_not_given() {
    let x = known_numbers("montgomery-9-1-cusum-ewma", "values");
    let chart = cusum_chart(
        Series::new(&x).unwrap(),
        &ChartOptions::default(),
        &CusumOptions::default(),
    )
    .unwrap();
    let mean = x.iter().sum::<f64>() / 30.0;
    let mr = x.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / 29.0;
    let json = serde_json::to_value(&chart).unwrap();
    close(
        json["method"]["cusum"]["targets"][0].as_f64().unwrap(),
        mean,
        1e-12,
        "target",
    );
    close(
        json["method"]["cusum"]["sigmas"][0].as_f64().unwrap(),
        mr / 1.128,
        1e-12,
        "sigma",
    );
}
