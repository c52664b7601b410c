//! Known-answer tests of the control-chart family against published worked examples
//! and peer packages' documented output. Each test names its source; tolerances are
//! half a unit in the last published digit.

// Published tables are walked in step by index, which reads clearer than zips.
#![allow(clippy::needless_range_loop)]

use measures_core::{
    c_chart, np_chart, p_chart, p_prime_chart, u_chart, u_prime_chart, AttributeOptions,
};
use measures_core::{cusum_chart, CusumOptions};
use measures_core::{ewma_chart, EwmaOptions};
use measures_core::{g_chart, t_chart, GCentre, GOptions};
use measures_core::{xbar_r_chart, xbar_s_chart, SubgroupOptions, Subgroups};
use measures_core::{Chart, ChartOptions, Rule, Series, Side, XmrOptions};

fn close(actual: f64, expected: f64, half_unit: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= half_unit,
        "{what}: got {actual}, published {expected} (±{half_unit})"
    );
}

fn outside(chart: &Chart) -> Vec<usize> {
    chart
        .signals
        .iter()
        .filter(|s| s.rule == Rule::OutsideLimits)
        .flat_map(|s| s.points.clone())
        .collect()
}

fn attr() -> AttributeOptions {
    AttributeOptions::default()
}

/// Montgomery, Example 6.3 / Table 6.3: piston-ring inside diameters, 25 samples of
/// 5 (qcc dataset `pistonrings`, trial = TRUE).
const PISTON_RINGS: [f64; 125] = [
    74.030, 74.002, 74.019, 73.992, 74.008, 73.995, 73.992, 74.001, 74.011, 74.004, 73.988, 74.024,
    74.021, 74.005, 74.002, 74.002, 73.996, 73.993, 74.015, 74.009, 73.992, 74.007, 74.015, 73.989,
    74.014, 74.009, 73.994, 73.997, 73.985, 73.993, 73.995, 74.006, 73.994, 74.000, 74.005, 73.985,
    74.003, 73.993, 74.015, 73.988, 74.008, 73.995, 74.009, 74.005, 74.004, 73.998, 74.000, 73.990,
    74.007, 73.995, 73.994, 73.998, 73.994, 73.995, 73.990, 74.004, 74.000, 74.007, 74.000, 73.996,
    73.983, 74.002, 73.998, 73.997, 74.012, 74.006, 73.967, 73.994, 74.000, 73.984, 74.012, 74.014,
    73.998, 73.999, 74.007, 74.000, 73.984, 74.005, 73.998, 73.996, 73.994, 74.012, 73.986, 74.005,
    74.007, 74.006, 74.010, 74.018, 74.003, 74.000, 73.984, 74.002, 74.003, 74.005, 73.997, 74.000,
    74.010, 74.013, 74.020, 74.003, 73.988, 74.001, 74.009, 74.005, 73.996, 74.004, 73.999, 73.990,
    74.006, 74.009, 74.010, 73.989, 73.990, 74.009, 74.014, 74.015, 74.008, 73.993, 74.000, 74.010,
    73.982, 73.984, 73.995, 74.017, 74.013,
];

/// Montgomery, Example 6.1: X̄ and R charts of the piston rings: x̿ = 74.001,
/// R̄ = 0.023, X̄ limits 73.988 and 74.014. Montgomery prints the R chart's UCL as
/// D4·R̄ = 2.114 × 0.023 = 0.049 from the rounded R̄; the unrounded R̄ = 0.02276
/// gives 0.0481, so the UCL is checked as exactly D4·R̄.
#[test]
fn montgomery_piston_rings_xbar_r() {
    let sizes = [5usize; 25];
    let chart = xbar_r_chart(
        Subgroups::new(&PISTON_RINGS, &sizes).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap();
    close(chart.centre[0], 74.001, 5e-4, "x̿");
    close(chart.upper[0], 74.014, 5e-4, "X̄ UCL");
    close(chart.lower[0], 73.988, 5e-4, "X̄ LCL");
    let r = chart.companion.as_ref().unwrap();
    close(r.centre[0], 0.023, 5e-4, "R̄");
    close(
        r.upper[0],
        measures_core::estimators::constants::d4_factor(5).unwrap() * r.centre[0],
        1e-12,
        "R UCL = D4·R̄",
    );
    assert_eq!(r.lower[0], 0.0);
    assert!(
        r.lower_clamped[0],
        "D3 = 0 for n = 5: the lower limit is floored"
    );
    assert!(
        outside(&chart).is_empty() && outside(r).is_empty(),
        "Montgomery: in control"
    );
    // exact relation with the tabulated constants: UCL − x̿ = A2·R̄
    let a2 = measures_core::estimators::constants::a2(5).unwrap();
    close(
        chart.upper[0] - chart.centre[0],
        a2 * r.centre[0],
        1e-12,
        "A2·R̄",
    );
}

/// Montgomery, Example 6.3: X̄ and S charts of the piston rings: x̿ = 74.001 and X̄
/// limits 73.988 and 74.014 (A3 = 1.427). Montgomery prints s̄ = 0.0094; the data as
/// qcc distributes them give s̄ = 0.00924 (which still rounds the X̄ limits to the
/// published digits), so the S chart is checked as s̄ = mean sᵢ with limits B3·s̄, B4·s̄.
#[test]
fn montgomery_example_6_3_xbar_s() {
    let sizes = [5usize; 25];
    let chart = xbar_s_chart(
        Subgroups::new(&PISTON_RINGS, &sizes).unwrap(),
        &ChartOptions::default(),
        &SubgroupOptions::default(),
    )
    .unwrap();
    let s = chart.companion.as_ref().unwrap();
    close(chart.centre[0], 74.001, 5e-4, "x̿");
    let groups = Subgroups::new(&PISTON_RINGS, &sizes).unwrap();
    let s_bar = groups.std_devs().iter().sum::<f64>() / 25.0;
    close(s.centre[0], s_bar, 1e-15, "s̄ = mean sᵢ");
    close(chart.upper[0], 74.014, 5e-4, "X̄ UCL");
    close(chart.lower[0], 73.988, 5e-4, "X̄ LCL");
    close(
        s.upper[0],
        measures_core::estimators::constants::b4(5).unwrap() * s_bar,
        1e-15,
        "S UCL = B4·s̄",
    );
    assert_eq!(s.lower[0], 0.0);
    let json = serde_json::to_value(&chart).unwrap();
    assert_eq!(json["method"]["subgroup"]["estimator"], "mean_std_dev");
}

/// Montgomery, Example 6.4 / eqs. 6.30–6.31: with unequal sizes x̿ is weighted by nᵢ,
/// s̄ is pooled, and each subgroup gets limits x̿ ± A3(nᵢ)·s̄ and B3(nᵢ)·s̄, B4(nᵢ)·s̄.
/// Checked here against the formulas computed independently.
#[test]
fn unequal_subgroups_use_pooled_sigma_and_per_point_limits() {
    let sizes = [5usize, 3, 4, 5, 3];
    let obs = &PISTON_RINGS[..20];
    let groups = Subgroups::new(obs, &sizes).unwrap();
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
    for (i, &n) in sizes.iter().enumerate() {
        let a3 = measures_core::estimators::constants::a3(n).unwrap();
        close(chart.centre[i], grand, 1e-12, "weighted x̿");
        close(chart.upper[i], grand + a3 * pooled, 1e-12, "x̿ + A3(nᵢ)s̄");
        let s = chart.companion.as_ref().unwrap();
        close(
            s.upper[i],
            measures_core::estimators::constants::b4(n).unwrap() * pooled,
            1e-12,
            "B4(nᵢ)s̄",
        );
        close(
            s.lower[i],
            measures_core::estimators::constants::b3(n).unwrap() * pooled,
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

/// Montgomery, Example 7.1: orange-juice cans, 30 samples of 50 (qcc `orangejuice`):
/// p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 above the UCL.
/// Revised without them: p̄ = 0.2150, UCL = 0.3893, LCL = 0.0407. After the machine
/// adjustment, 24 new samples: p̄ = 0.1108, UCL = 0.2440, LCL = 0.
#[test]
fn montgomery_example_7_1_orange_juice_p_chart() {
    let d = [
        12.0, 15.0, 8.0, 10.0, 4.0, 7.0, 16.0, 9.0, 14.0, 10.0, 5.0, 6.0, 17.0, 12.0, 22.0, 8.0,
        10.0, 5.0, 13.0, 11.0, 20.0, 18.0, 24.0, 15.0, 9.0, 12.0, 7.0, 13.0, 9.0,
        6.0, // trial
        9.0, 6.0, 12.0, 5.0, 6.0, 4.0, 6.0, 3.0, 7.0, 6.0, 2.0, 4.0, 3.0, 6.0, 5.0, 4.0, 8.0, 5.0,
        6.0, 7.0, 5.0, 6.0, 3.0, 5.0,
    ];
    let n = [50.0; 54];
    let first = Series::new(&d[..30])
        .unwrap()
        .with_denominators(&n[..30])
        .unwrap();
    let chart = p_chart(first, &ChartOptions::default(), &attr()).unwrap();
    close(chart.centre[0], 0.2313, 5e-5, "p̄");
    close(chart.upper[0], 0.4102, 5e-5, "UCL");
    close(chart.lower[0], 0.0524, 5e-5, "LCL");
    assert_eq!(outside(&chart), vec![14, 22]);

    let revised = ChartOptions {
        exclude: vec![14, 22],
        ..Default::default()
    };
    let chart = p_chart(first, &revised, &attr()).unwrap();
    close(chart.centre[0], 0.2150, 5e-5, "revised p̄");
    close(chart.upper[0], 0.3893, 5e-5, "revised UCL");
    close(chart.lower[0], 0.0407, 5e-5, "revised LCL");

    let all = Series::new(&d).unwrap().with_denominators(&n).unwrap();
    let phased = ChartOptions {
        exclude: vec![14, 22],
        phase_starts: vec![30],
        ..Default::default()
    };
    let chart = p_chart(all, &phased, &attr()).unwrap();
    close(chart.centre[40], 0.1108, 5e-5, "new p̄");
    close(chart.upper[40], 0.2440, 5e-5, "new UCL");
    assert_eq!(chart.lower[40], 0.0);
    assert!(chart.lower_clamped[40] && !chart.lower_clamped[0]);
}

/// Montgomery, Example 7.3: nonconformities on 26 samples of 100 circuit boards (qcc
/// `circuit`): c̄ = 19.85, LCL = 6.48, samples 6 and 20 outside; revised without them:
/// c̄ = 19.67, UCL = 32.97, LCL = 6.36. Montgomery's first UCL, 33.22, comes from c̄
/// rounded to 19.85; the unrounded c̄ = 19.846 gives 33.21, as qcc prints.
#[test]
fn montgomery_example_7_3_circuit_boards_c_chart() {
    let c = [
        21.0, 24.0, 16.0, 12.0, 15.0, 5.0, 28.0, 20.0, 31.0, 25.0, 20.0, 24.0, 16.0, 19.0, 10.0,
        17.0, 13.0, 22.0, 18.0, 39.0, 30.0, 24.0, 16.0, 19.0, 17.0, 15.0,
    ];
    let chart = c_chart(Series::new(&c).unwrap(), &ChartOptions::default(), &attr()).unwrap();
    close(chart.centre[0], 19.85, 5e-3, "c̄");
    close(chart.upper[0], 33.21, 5e-3, "UCL");
    close(chart.lower[0], 6.48, 5e-3, "LCL");
    assert_eq!(outside(&chart), vec![5, 19]);
    let revised = ChartOptions {
        exclude: vec![5, 19],
        ..Default::default()
    };
    let chart = c_chart(Series::new(&c).unwrap(), &revised, &attr()).unwrap();
    close(chart.centre[0], 19.67, 5e-3, "revised c̄");
    close(chart.upper[0], 32.97, 5e-3, "revised UCL");
    close(chart.lower[0], 6.36, 5e-3, "revised LCL");
}

/// Montgomery, Example 7.5 (qcc `pcmanufact`): nonconformities in 20 samples of 5
/// computers: ū = 1.93, UCL = 3.79, LCL = 0.07.
#[test]
fn montgomery_pc_manufacturer_u_chart() {
    let x = [
        10.0, 12.0, 8.0, 14.0, 10.0, 16.0, 11.0, 7.0, 10.0, 15.0, 9.0, 5.0, 7.0, 11.0, 12.0, 6.0,
        8.0, 10.0, 7.0, 5.0,
    ];
    let n = [5.0; 20];
    let chart = u_chart(
        Series::new(&x).unwrap().with_denominators(&n).unwrap(),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap();
    close(chart.centre[0], 1.93, 5e-3, "ū");
    close(chart.upper[0], 3.79, 5e-3, "UCL");
    close(chart.lower[0], 0.07, 5e-3, "LCL");
    assert!(outside(&chart).is_empty());
}

/// qicharts2 0.8.1 `qic(chart = "p")`, as recorded in PowerBI-SPC's golden fixture
/// `test/fixtures/golden/p/basic.qicharts2.json` (four decimals): varying n.
#[test]
fn qicharts2_p_chart_with_varying_denominators() {
    let d = [
        14.0, 12.0, 15.0, 8.0, 16.0, 11.0, 12.0, 14.0, 16.0, 17.0, 5.0, 11.0, 13.0, 10.0, 14.0,
        5.0, 12.0, 10.0, 11.0, 5.0, 10.0, 8.0, 11.0, 12.0, 11.0, 18.0, 18.0, 21.0, 14.0, 15.0,
        18.0, 22.0, 17.0, 16.0, 20.0, 15.0,
    ];
    let n = [
        52.0, 64.0, 70.0, 60.0, 67.0, 69.0, 67.0, 54.0, 79.0, 59.0, 49.0, 61.0, 41.0, 51.0, 56.0,
        43.0, 57.0, 48.0, 69.0, 41.0, 40.0, 46.0, 59.0, 62.0, 57.0, 65.0, 75.0, 70.0, 76.0, 69.0,
        64.0, 67.0, 84.0, 67.0, 69.0, 78.0,
    ];
    let ucl = [
        0.3876, 0.3707, 0.364, 0.3758, 0.3672, 0.365, 0.3672, 0.3844, 0.3553, 0.3771, 0.3928,
        0.3745, 0.4092, 0.3893, 0.3814, 0.4047, 0.3799, 0.3946, 0.365, 0.4092, 0.4116, 0.3984,
        0.3771, 0.3732, 0.3799, 0.3695, 0.359, 0.364, 0.358, 0.365, 0.3707, 0.3672, 0.3511, 0.3672,
        0.365, 0.3562,
    ];
    let lcl = [
        0.045, 0.0619, 0.0687, 0.0569, 0.0654, 0.0676, 0.0654, 0.0482, 0.0774, 0.0555, 0.0399,
        0.0582, 0.0234, 0.0434, 0.0513, 0.028, 0.0527, 0.038, 0.0676, 0.0234, 0.021, 0.0342,
        0.0555, 0.0595, 0.0527, 0.0631, 0.0737, 0.0687, 0.0746, 0.0676, 0.0619, 0.0654, 0.0816,
        0.0654, 0.0676, 0.0765,
    ];
    let chart = p_chart(
        Series::new(&d).unwrap().with_denominators(&n).unwrap(),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap();
    for i in 0..d.len() {
        close(chart.centre[i], 0.2163, 5e-5, "centre");
        close(chart.upper[i], ucl[i], 5e-5, "UCL");
        close(chart.lower[i], lcl[i], 5e-5, "LCL");
    }
}

const RATES_N: [f64; 24] = [
    575.0, 521.0, 585.0, 528.0, 507.0, 519.0, 457.0, 505.0, 494.0, 512.0, 543.0, 506.0, 509.0,
    521.0, 549.0, 531.0, 509.0, 528.0, 419.0, 512.0, 495.0, 513.0, 454.0, 490.0,
];
const RATES_D: [f64; 24] = [
    310466.8333,
    282346.7917,
    309089.7083,
    287977.3333,
    297743.375,
    286988.25,
    261120.3333,
    268720.75,
    284437.875,
    290449.5,
    288104.4583,
    279961.375,
    289803.9583,
    275950.5833,
    290824.4583,
    285495.75,
    282515.2083,
    273927.875,
    253085.625,
    262410.7083,
    275529.25,
    282405.0833,
    259530.7917,
    256235.4583,
];

/// qicharts2 0.8.1 `qic(chart = "u")`, PowerBI-SPC golden fixture
/// `test/fixtures/golden/u/basic.qicharts2.json` (six significant figures).
#[test]
fn qicharts2_u_chart_with_large_denominators() {
    let chart = u_chart(
        Series::new(&RATES_N)
            .unwrap()
            .with_denominators(&RATES_D)
            .unwrap(),
        &ChartOptions::default(),
        &attr(),
    )
    .unwrap();
    close(chart.centre[0], 0.00182358, 5e-9, "ū");
    close(chart.upper[0], 0.00205349, 5e-9, "UCL[0]");
    close(chart.lower[0], 0.00159366, 5e-9, "LCL[0]");
    close(chart.upper[18], 0.00207823, 5e-9, "UCL[18]");
    close(chart.lower[23], 0.00157049, 5e-9, "LCL[23]");
}

const LANEY_N: [f64; 20] = [
    266501.0, 264225.0, 276532.0, 281461.0, 269071.0, 261215.0, 270409.0, 279778.0, 270483.0,
    270320.0, 267923.0, 271478.0, 255353.0, 256820.0, 261835.0, 259144.0, 255910.0, 260863.0,
    264465.0, 260989.0,
];
const LANEY_D: [f64; 20] = [
    280443.0, 276823.0, 291681.0, 296155.0, 282343.0, 275888.0, 283867.0, 295251.0, 284468.0,
    282529.0, 279618.0, 283932.0, 266629.0, 268091.0, 276803.0, 271578.0, 266005.0, 273520.0,
    278574.0, 273772.0,
];

/// Laney (2002) p′ as computed in PowerBI-SPC's golden fixture
/// `test/fixtures/golden/pp/basic.qicharts2.json` (R, six decimals): twenty months of
/// ~270,000 cases each.
#[test]
fn laney_p_prime_golden_fixture() {
    let s = Series::new(&LANEY_N)
        .unwrap()
        .with_denominators(&LANEY_D)
        .unwrap();
    let chart = p_prime_chart(s, &ChartOptions::default(), &attr()).unwrap();
    let ucl = [
        0.96567, 0.965753, 0.965421, 0.965326, 0.965627, 0.965775, 0.965593, 0.965345, 0.965579,
        0.965623, 0.965689, 0.965591, 0.965996, 0.965961, 0.965753, 0.965877, 0.966012, 0.96583,
        0.965713, 0.965824,
    ];
    let lcl = [
        0.94013, 0.940046, 0.940378, 0.940473, 0.940173, 0.940025, 0.940207, 0.940454, 0.94022,
        0.940177, 0.940111, 0.940208, 0.939803, 0.939839, 0.940046, 0.939923, 0.939788, 0.939969,
        0.940087, 0.939975,
    ];
    for i in 0..20 {
        close(chart.upper[i], ucl[i], 5e-7, "p′ UCL");
        close(chart.lower[i], lcl[i], 5e-7, "p′ LCL");
    }
    close(chart.centre[0], 0.9529, 5e-5, "p̄");
    assert!(chart.phases[0].dispersion > 10.0, "heavily over-dispersed");
    // the ordinary p chart on the same data flags most months and says why
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
    let s = Series::new(&LANEY_N)
        .unwrap()
        .with_denominators(&LANEY_D)
        .unwrap();
    let chart = u_prime_chart(s, &ChartOptions::default(), &attr()).unwrap();
    let u_bar = LANEY_N.iter().sum::<f64>() / LANEY_D.iter().sum::<f64>();
    let z: Vec<f64> = (0..20)
        .map(|i| (LANEY_N[i] / LANEY_D[i] - u_bar) / (u_bar / LANEY_D[i]).sqrt())
        .collect();
    let sigma_z = z.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / 19.0 / 1.128;
    for i in 0..20 {
        close(
            chart.upper[i],
            u_bar + 3.0 * sigma_z * (u_bar / LANEY_D[i]).sqrt(),
            1e-12,
            "u′ UCL",
        );
    }
    close(chart.phases[0].dispersion, sigma_z, 1e-12, "σ_z");
}

/// np chart on the orange-juice data: limits n·p̄ ± 3√(n·p̄(1 − p̄)) = 50 × the p
/// chart's limits (Montgomery §7.2.1).
#[test]
fn np_chart_is_n_times_the_p_chart() {
    let d = [
        12.0, 15.0, 8.0, 10.0, 4.0, 7.0, 16.0, 9.0, 14.0, 10.0, 5.0, 6.0, 17.0, 12.0, 22.0,
    ];
    let n = [50.0; 15];
    let s = Series::new(&d).unwrap().with_denominators(&n).unwrap();
    let np = np_chart(s, &ChartOptions::default(), &attr()).unwrap();
    let p = p_chart(s, &ChartOptions::default(), &attr()).unwrap();
    for i in 0..15 {
        close(np.centre[i], 50.0 * p.centre[i], 1e-12, "centre");
        close(np.upper[i], 50.0 * p.upper[i], 1e-12, "UCL");
        assert_eq!(np.values[i], d[i]);
    }
}

/// PowerBI-SPC golden fixture `test/fixtures/golden/t/basic.qicharts2.json` (R:
/// y^(1/3.6), mean centre, MR̄/1.128 without screening, back-transformed):
/// centre 11.2051, UCL 106.0418, LCL 0.0079.
#[test]
fn t_chart_golden_fixture() {
    let y = [
        16.0, 20.0, 5.0, 13.0, 1.0, 26.0, 46.0, 12.0, 12.0, 5.0, 19.0, 4.0, 3.0, 15.0, 14.0, 9.0,
        8.0, 15.0, 21.0, 6.0, 3.0, 1.0, 56.0, 117.0, 1.0, 33.0, 9.0, 9.0, 19.0, 12.0, 1.0, 16.0,
        13.0, 18.0, 1.0, 35.0, 16.0, 5.0, 21.0, 38.0, 3.0, 25.0, 3.0, 11.0, 13.0, 20.0, 9.0, 3.0,
        8.0, 21.0, 24.0, 38.0, 8.0, 13.0, 9.0, 1.0, 30.0, 23.0, 3.0, 7.0, 22.0, 19.0, 11.0, 31.0,
        6.0, 1.0, 1.0,
    ];
    let chart = t_chart(
        Series::new(&y).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::textbook(),
    )
    .unwrap();
    close(chart.centre[0], 11.2051, 5e-5, "centre");
    close(chart.upper[0], 106.0418, 5e-5, "UCL");
    close(chart.lower[0], 0.0079, 5e-5, "LCL");
    assert_eq!(outside(&chart), vec![23], "117 days is above the limit");
    assert!(chart.sigma[0].is_nan());
}

/// PowerBI-SPC golden fixture `test/fixtures/golden/g/basic.qicharts2.json`:
/// UCL = ḡ + 3√(ḡ(ḡ + 1)) = 128.1749, LCL 0 (Benneyan), and the centre ("targets")
/// 24, the median of the data, as qicharts2's `qic.g` draws it.
#[test]
fn g_chart_golden_fixture() {
    let g = [
        23.0, 39.0, 15.0, 34.0, 1.0, 49.0, 98.0, 29.0, 27.0, 13.0, 45.0, 7.0, 10.0, 27.0, 24.0,
        14.0, 20.0, 38.0, 44.0, 11.0, 10.0, 3.0, 113.0, 183.0, 3.0, 47.0, 18.0, 18.0, 33.0, 15.0,
        2.0, 38.0, 27.0, 27.0, 1.0, 52.0, 23.0, 7.0, 26.0, 82.0, 5.0, 49.0, 5.0, 17.0, 24.0, 44.0,
        26.0, 2.0, 27.0, 46.0, 55.0, 97.0, 22.0, 22.0, 20.0, 4.0, 60.0, 51.0, 7.0, 21.0, 66.0,
        36.0, 25.0, 72.0, 15.0, 5.0, 3.0,
    ];
    let chart = g_chart(
        Series::new(&g).unwrap(),
        &ChartOptions::default(),
        &GOptions::default(),
    )
    .unwrap();
    close(chart.upper[0], 128.1749, 5e-5, "UCL");
    assert_eq!(chart.lower[0], 0.0);
    assert!(chart.lower_clamped[0]);
    assert_eq!(chart.centre[0], 24.0, "qicharts2's centre: the median");
    // Provost & Murray's geometric median, on request.
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
    assert_eq!(outside(&chart), vec![23]);
    assert_eq!(
        chart.options.rules.unwrap().set,
        measures_core::RuleSet::Anhoej
    );
}

/// Montgomery, Example 9.1 (Table 9.2): tabular CUSUM with μ0 = 10, σ = 1, k = 0.5,
/// h = 5. C⁺ reaches 5.28 at period 29 (the first signal) and 5.30 at period 30.
const MONTGOMERY_9_1: [f64; 30] = [
    9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40,
    10.08, 9.37, 10.62, 10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62,
    11.31, 10.52,
];

#[test]
fn montgomery_example_9_1_cusum() {
    let settings = CusumOptions {
        target: Some(10.0),
        sigma: Some(1.0),
        ..Default::default()
    };
    let chart = cusum_chart(
        Series::new(&MONTGOMERY_9_1).unwrap(),
        &ChartOptions::default(),
        &settings,
    )
    .unwrap();
    close(chart.values[28], 5.28, 5e-3, "C⁺ at 29");
    close(chart.values[29], 5.30, 5e-3, "C⁺ at 30");
    close(chart.values[3], 1.16, 5e-3, "C⁺ at 4");
    let lower = chart.companion.as_ref().unwrap();
    // Montgomery tabulates C⁻ as a positive sum, max(0, (μ0 − k) − xᵢ + C⁻ᵢ₋₁): 0.05, 1.56.
    close(lower.values[0], -0.05, 5e-3, "C⁻ at 1");
    close(lower.values[1], -1.56, 5e-3, "C⁻ at 2");
    assert_eq!(outside(&chart), vec![28, 29]);
    assert!(chart.signals.iter().all(|s| s.side == Some(Side::High)));
    assert_eq!(chart.upper[0], 5.0);
}

/// Montgomery, Example 9.2: EWMA of the same data with λ = 0.1, L = 2.7:
/// z₁ = 9.945, z₂ = 9.7495; limits at period 1 are 9.73 and 10.27, and approach
/// 10 ± 0.62. By eq. 9.22, z₂₉ = 10.6468 and z₃₀ = 10.6341 pass the UCL (10.6187).
#[test]
fn montgomery_example_9_2_ewma() {
    let settings = EwmaOptions {
        target: Some(10.0),
        sigma: Some(1.0),
        lambda: 0.1,
        l: 2.7,
    };
    let chart = ewma_chart(
        Series::new(&MONTGOMERY_9_1).unwrap(),
        &ChartOptions::default(),
        &settings,
    )
    .unwrap();
    close(chart.values[0], 9.945, 5e-4, "z1");
    close(chart.values[1], 9.7495, 5e-5, "z2");
    close(chart.upper[0], 10.27, 5e-3, "UCL1");
    close(chart.lower[0], 9.73, 5e-3, "LCL1");
    close(chart.upper[29], 10.62, 5e-3, "steady UCL");
    close(chart.values[28], 10.6468, 5e-5, "z29");
    assert_eq!(outside(&chart), vec![28, 29]);
}

/// With μ0 and σ not given, they are estimated from the data (mean and MR̄/1.128),
/// and the estimates are reported.
#[test]
fn cusum_estimates_target_and_sigma_when_not_given() {
    let chart = cusum_chart(
        Series::new(&MONTGOMERY_9_1).unwrap(),
        &ChartOptions::default(),
        &CusumOptions::default(),
    )
    .unwrap();
    let mean = MONTGOMERY_9_1.iter().sum::<f64>() / 30.0;
    let mr = MONTGOMERY_9_1
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .sum::<f64>()
        / 29.0;
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
