//! Known-answer tests for capability: each case cites its source.

use measures_core::capability::{
    anderson_darling, binomial_capability, box_cox, box_cox_capability, capability,
    capability_statement, percentile_capability, poisson_capability, subgroup_capability,
    within_threshold, CapabilityOptions, Estimate, Specification, StatementOptions, WithinSigma,
};
use measures_core::Subgroups;
use measures_core::{xmr_chart, ChartOptions, Direction, MeasuresError, Rule, Series, XmrOptions};

fn close(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= tol
}

fn assert_index(name: &str, got: Option<Estimate>, want: Option<[f64; 3]>) {
    match (got, want) {
        (None, None) => {}
        (Some(g), Some([v, lo, hi])) => assert!(
            close(g.value, v, 1e-6) && close(g.lower, lo, 1e-6) && close(g.upper, hi, 1e-6),
            "{name}: got {g:?}, want {v} [{lo}, {hi}]"
        ),
        (g, w) => panic!("{name}: got {g:?}, want {w:?}"),
    }
}

/// qcc `tests/testthat/test-capability.R` (luca-scr/qcc): a 3 × 4 X-bar chart, σ
/// within = R̄/d2 (qcc's default for X-bar), specification 9.9 to 10.1. Values are
/// printed to 6 decimals and compared to 1e-6 as qcc's own test does.
const QCC_DATA: [f64; 12] = [
    10.00, 10.02, 9.98, 10.01, 10.03, 9.99, 10.01, 10.00, 9.97, 10.04, 10.02, 9.99,
];

fn qcc_capability(
    lsl: Option<f64>,
    usl: Option<f64>,
    target: Option<f64>,
    level: f64,
) -> measures_core::capability::Capability {
    let groups = Subgroups::new(&QCC_DATA, &[4, 4, 4]).unwrap();
    let options = CapabilityOptions {
        level,
        within: Some(WithinSigma::MeanRange),
    };
    subgroup_capability(
        &groups,
        &Specification::new(lsl, usl, target).unwrap(),
        &options,
    )
    .unwrap()
}

#[test]
fn qcc_two_sided_on_target() {
    let c = qcc_capability(Some(9.9), Some(10.1), Some(10.0), 0.95);
    assert!(close(c.mean, 10.005, 1e-12));
    assert!(close(c.sigma_within, 0.05 / 2.059, 1e-12));
    assert_index("Cp", c.cp, Some([1.372667, 0.808460, 1.937713]));
    assert_index("Cpk", c.cpk, Some([1.304033, 0.727408, 1.880659]));
    assert_index("Cpm", c.cpm, Some([1.344463, 0.804207, 1.885321]));
    assert_index("Pp", c.pp, Some([1.612598, 0.949773, 2.276410]));
    assert_index("Ppk", c.ppk, Some([1.531968, 0.864608, 2.199329]));
    assert_index("Ppm", c.ppm, Some([1.567395, 0.933327, 2.202237]));
    // qcc gives Cpl, Cpu, Ppl, Ppu intervals with the one-sided z = qnorm(0.95): our
    // two-sided intervals at level 0.90 use the same z.
    let c90 = qcc_capability(Some(9.9), Some(10.1), Some(10.0), 0.90);
    assert_index("Cpl", c90.cpl, Some([1.441300, 0.911657, 1.970943]));
    assert_index("Cpu", c90.cpu, Some([1.304033, 0.820114, 1.787953]));
    assert_index("Ppl", c90.ppl, Some([1.693228, 1.078708, 2.307749]));
    assert_index("Ppu", c90.ppu, Some([1.531968, 0.971902, 2.092035]));
}

#[test]
fn qcc_two_sided_off_target() {
    let c = qcc_capability(Some(9.9), Some(10.1), Some(10.02), 0.95);
    assert_index("Cp", c.cp, Some([1.372667, 0.808460, 1.937713]));
    assert_index("Cpm", c.cpm, Some([1.167834, 0.650542, 1.686689]));
    assert_index("Ppm", c.ppm, Some([1.305161, 0.712493, 1.899988]));
}

#[test]
fn qcc_one_sided() {
    let upper = qcc_capability(None, Some(10.1), None, 0.95);
    assert_index("Cp", upper.cp, None);
    assert_index("Cpl", upper.cpl, None);
    assert_index("Cpm", upper.cpm, None);
    assert_index("Cpk", upper.cpk, Some([1.304033, 0.727408, 1.880659]));
    assert_index("Ppk", upper.ppk, Some([1.531968, 0.864608, 2.199329]));
    assert!(upper.observed.below.is_none());

    let lower = qcc_capability(Some(9.9), None, None, 0.95);
    assert_index("Cpu", lower.cpu, None);
    assert_index("Cpk", lower.cpk, Some([1.441300, 0.810191, 2.072409]));
    assert_index("Ppk", lower.ppk, Some([1.693228, 0.960982, 2.425474]));
}

/// NIST/SEMATECH e-Handbook §6.1.6 (process capability): USL 20, LSL 8, μ 16, σ 2
/// gives Cp = 1.0, Cpu = 0.6667, Cpl = 1.3333, Cpk = 0.6667.
#[test]
fn nist_handbook_example() {
    let options = CapabilityOptions {
        within: Some(WithinSigma::Given(2.0)),
        ..Default::default()
    };
    let spec = Specification::new(Some(8.0), Some(20.0), None).unwrap();
    let c = capability(&[14.0, 16.0, 18.0], &spec, &options).unwrap();
    assert!(close(c.cp.unwrap().value, 1.0, 1e-15));
    assert!(close(c.cpu.unwrap().value, 2.0 / 3.0, 1e-15));
    assert!(close(c.cpl.unwrap().value, 4.0 / 3.0, 1e-15));
    assert!(close(c.cpk.unwrap().value, 2.0 / 3.0, 1e-15));
    // Expected fractions by the normal model: Φ(−4) below, 1 − Φ(2) above (R pnorm),
    // to 1e-10 relative: statrs's erfc carries about 11 significant digits.
    let below = c.expected_within.below.unwrap();
    assert!(
        (below / 3.167124183311998e-05 - 1.0).abs() < 1e-10,
        "{below:e}"
    );
    let above = c.expected_within.above.unwrap();
    assert!(
        (above / 0.02275013194817921 - 1.0).abs() < 1e-10,
        "{above:e}"
    );
    assert!(close(
        c.expected_within.total_ppm,
        (3.167124183311998e-05 + 0.02275013194817921) * 1e6,
        1e-5
    ));
}

/// Individuals use MR̄/d2(2) = MR̄/1.128 (Minitab, normal capability, "within SD for
/// subgroup size 1"): moving ranges of (1, 3, 2, 4) are 2, 1, 2 → MR̄ 5/3.
#[test]
fn individuals_within_sigma_from_moving_range() {
    let c = capability(
        &[1.0, 3.0, 2.0, 4.0],
        &Specification::upper(10.0),
        &CapabilityOptions::default(),
    )
    .unwrap();
    assert!(close(c.sigma_within, (5.0 / 3.0) / 1.128, 1e-15));
    assert!(close(c.sigma_overall, (5.0f64 / 3.0).sqrt(), 1e-15));
    assert_eq!(c.within, WithinSigma::MovingRange);
    assert!(c.notes.iter().any(|n| n.contains("only 4 observations")));
}

/// R fBasics `adTest` (as quoted by statsmodels' test suite, `test_adnorm`): the
/// statistic A² and p-value for x, x², ln x² and exp(−x²) of a fixed 20-point sample.
#[test]
fn anderson_darling_matches_r() {
    let x = [
        -0.1184, -1.3403, 0.0063, -0.612, -0.3869, -0.2313, -2.8485, -0.2167, 0.4153, 1.8492,
        -0.3706, 0.9726, -0.1501, -0.0337, -1.4423, 1.2489, 0.9182, -0.2331, -0.6182, 0.183,
    ];
    let cases: [(Vec<f64>, f64, f64); 4] = [
        (x.to_vec(), 0.5867235358882148, 0.1115380760041617),
        (
            x.iter().map(|v| v * v).collect(),
            2.976266267594575,
            8.753003709960645e-08,
        ),
        (
            x.iter().map(|v| (v * v).ln()).collect(),
            0.4892557856308528,
            0.1968040759316307,
        ),
        (
            x.iter().map(|v| (-v * v).exp()).collect(),
            1.459901465428267,
            0.0006380009232897535,
        ),
    ];
    for (data, statistic, p) in cases {
        let t = anderson_darling(&data).unwrap();
        assert!(
            (t.statistic / statistic - 1.0).abs() < 1e-9,
            "{} vs {statistic}",
            t.statistic
        );
        assert!((t.p_value / p - 1.0).abs() < 1e-9, "{} vs {p}", t.p_value);
    }
}

/// ISO 22514-2 percentile method on 0, 1, …, 1000 (so type-7 percentiles are exact
/// tenths): X0.135 = 1.35, X50 = 500, X99.865 = 998.65. With LSL −100, USL 1100:
/// Pp = 1200/997.3, Ppl = 600/498.65, Ppu = 600/498.65.
#[test]
fn percentile_method_by_hand() {
    let x: Vec<f64> = (0..=1000).map(f64::from).collect();
    let spec = Specification::new(Some(-100.0), Some(1100.0), None).unwrap();
    let c = percentile_capability(&x, &spec).unwrap();
    assert!(close(c.p00135, 1.35, 1e-12));
    assert!(close(c.median, 500.0, 1e-12));
    assert!(close(c.p99865, 998.65, 1e-9));
    assert!(close(c.pp.unwrap(), 1200.0 / 997.3, 1e-12));
    assert!(close(c.ppl.unwrap(), 600.0 / 498.65, 1e-12));
    assert!(close(
        c.ppk.unwrap(),
        c.ppl.unwrap().min(c.ppu.unwrap()),
        0.0
    ));
    assert!(c.notes.is_empty());
    let few = percentile_capability(&x[..50], &spec).unwrap();
    assert!(few.notes[0].contains("only 50 observations"));
}

/// Box–Cox: data that are exactly a power transform of evenly spread normal scores
/// give back a λ close to that power (the likelihood also weighs the Jacobian, so
/// not exactly), and the likelihood-ratio interval covers it.
#[test]
fn box_cox_recovers_the_power() {
    let n = 200;
    let scores: Vec<f64> = (0..n)
        .map(|i| {
            let p = (i as f64 + 0.5) / n as f64;
            -std::f64::consts::SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
        })
        .collect();
    for lambda in [-0.5, 0.0, 0.5, 2.0] {
        let x: Vec<f64> = scores
            .iter()
            .map(|z| {
                let y = 10.0 + z; // keep λy + 1 > 0
                if lambda == 0.0_f64 {
                    y.exp() / 1e4
                } else {
                    (lambda * y + 1.0).powf(1.0 / lambda)
                }
            })
            .collect();
        let t = box_cox(&x, 0.95).unwrap();
        assert!(
            (t.lambda - lambda).abs() < 0.05,
            "λ {lambda}: got {}",
            t.lambda
        );
        assert!(t.lower <= lambda && lambda <= t.upper, "{t:?}");
    }
}

#[test]
fn box_cox_capability_transforms_the_limits() {
    let days = [3.0, 5.0, 4.0, 9.0, 6.0, 4.0, 12.0, 5.0, 7.0, 4.0, 6.0, 8.0];
    let (t, c) = box_cox_capability(
        &days,
        &Specification::upper(30.0),
        &CapabilityOptions::default(),
        Some(0.0),
    )
    .unwrap();
    assert!(!t.estimated);
    assert!(close(c.specification.upper.unwrap(), 30f64.ln(), 1e-15));
    let logs: Vec<f64> = days.iter().map(|d: &f64| d.ln()).collect();
    let direct = capability(
        &logs,
        &Specification::upper(30f64.ln()),
        &CapabilityOptions::default(),
    )
    .unwrap();
    assert_eq!(c.ppk, direct.ppk);
    let err = box_cox_capability(
        &days,
        &Specification::new(Some(0.0), Some(30.0), None).unwrap(),
        &CapabilityOptions::default(),
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, MeasuresError::InvalidSpecification { .. }),
        "{err}"
    );
    let err = box_cox(&[1.0, -2.0, 3.0], 0.95).unwrap_err();
    assert!(err.to_string().contains("index 1"), "{err}");
}

/// Attribute capability. R's documented examples: `binom.test(682, 925)` gives
/// 0.7076683 to 0.7654066; `poisson.test(137, 24.19893)` gives rate 5.661407 with
/// 4.753125 to 6.692709. Process Z = Φ⁻¹(1 − p̄): p̄ = 1 − Φ(3) gives Z = 3.
#[test]
fn attribute_capability_matches_r() {
    let counts = [300.0, 382.0];
    let sizes = [400.0, 525.0];
    let b = binomial_capability(
        Series::new(&counts)
            .unwrap()
            .with_denominators(&sizes)
            .unwrap(),
        0.95,
    )
    .unwrap();
    assert!(close(b.rate.value, 682.0 / 925.0, 1e-15));
    assert!(close(b.rate.lower, 0.7076683, 1e-7) && close(b.rate.upper, 0.7654066, 1e-7));
    let z = b.process_z.unwrap();
    assert!(z.lower < z.value && z.value < z.upper);

    let p = poisson_capability(
        Series::new(&[137.0])
            .unwrap()
            .with_denominators(&[24.19893])
            .unwrap(),
        0.95,
    )
    .unwrap();
    assert!(close(p.rate.value, 5.661407, 1e-6));
    assert!(close(p.rate.lower, 4.753125, 1e-6) && close(p.rate.upper, 6.692709, 1e-6));

    let tail = 1.349898031630095e-3; // 1 − Φ(3)
    let b = binomial_capability(
        Series::new(&[tail * 1e9])
            .unwrap()
            .with_denominators(&[1e9])
            .unwrap(),
        0.95,
    )
    .unwrap();
    assert!(close(b.process_z.unwrap().value, 3.0, 1e-9));

    let err = binomial_capability(
        Series::new(&[5.0])
            .unwrap()
            .with_denominators(&[4.0])
            .unwrap(),
        0.95,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("larger than its denominator"),
        "{err}"
    );
}

/// Share within a threshold: 682 of 925 met it → R's binom.test interval.
#[test]
fn within_threshold_interval() {
    let values: Vec<f64> = (0..925).map(|i| if i < 682 { 5.0 } else { 15.0 }).collect();
    let w = within_threshold(&values, 10.0, Direction::LowerIsBetter, 0.95).unwrap();
    assert_eq!((w.met, w.total), (682, 925));
    assert!(close(w.share.lower, 0.7076683, 1e-7) && close(w.share.upper, 0.7654066, 1e-7));
    let w = within_threshold(&values, 10.0, Direction::HigherIsBetter, 0.95).unwrap();
    assert_eq!(w.met, 243);
    assert!(within_threshold(&values, 10.0, Direction::Neither, 0.95).is_err());
}

#[test]
fn statement_predictable_and_not() {
    let stable = [
        10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0,
    ];
    let labels: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
    let series = Series::new(&stable).unwrap().with_labels(&labels).unwrap();
    let chart = xmr_chart(series, &ChartOptions::default(), &XmrOptions::default()).unwrap();
    let options = StatementOptions {
        unit: "days".into(),
        floor: Some(0.0),
        ..Default::default()
    };
    let s = capability_statement(&chart, &options).unwrap();
    assert!(s.predictable);
    assert_eq!(s.average, chart.phases[0].centre);
    assert_eq!(s.upper, chart.phases[0].upper);
    assert!(
        s.text.contains("days") && s.text.contains("2024-01 to 2024-12"),
        "{}",
        s.text
    );

    let mut shifted = stable.to_vec();
    shifted[11] = 40.0;
    let series = Series::new(&shifted).unwrap().with_labels(&labels).unwrap();
    let chart = xmr_chart(series, &ChartOptions::default(), &XmrOptions::default()).unwrap();
    let s = capability_statement(&chart, &options).unwrap();
    assert!(!s.predictable);
    assert_eq!(s.signals[0].rule, Rule::OutsideLimits);
    assert!(
        s.text.starts_with("Not predictable") && s.text.contains("2024-12"),
        "{}",
        s.text
    );

    // A floor raises a negative lower limit and says so.
    let wide = [1.0, 9.0, 2.0, 8.0, 1.0, 9.0, 2.0, 8.0];
    let chart = xmr_chart(
        Series::new(&wide).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let s = capability_statement(&chart, &options).unwrap();
    assert_eq!(s.lower, 0.0);
    assert!(s.lower_limit < 0.0 && s.text.contains("below what is possible"));

    let err = capability_statement(
        &chart,
        &StatementOptions {
            phase: Some(3),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, MeasuresError::IndexOutOfRange { .. }));
}

#[test]
fn statement_per_phase() {
    let values = [
        20.0, 22.0, 21.0, 23.0, 22.0, 21.0, 10.0, 12.0, 11.0, 13.0, 12.0, 11.0,
    ];
    let options = ChartOptions {
        phase_starts: vec![6],
        ..Default::default()
    };
    let chart = xmr_chart(
        Series::new(&values).unwrap(),
        &options,
        &XmrOptions::default(),
    )
    .unwrap();
    let latest = capability_statement(&chart, &StatementOptions::default()).unwrap();
    assert_eq!((latest.phase, latest.first, latest.last), (1, 6, 11));
    assert!(close(latest.average, 11.5, 1e-12));
    let first = capability_statement(
        &chart,
        &StatementOptions {
            phase: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(close(first.average, 21.5, 1e-12));
}

#[test]
fn bad_specifications_say_which() {
    let reason = |l, u, t| match Specification::new(l, u, t).unwrap_err() {
        MeasuresError::InvalidSpecification { reason } => reason,
        other => panic!("{other}"),
    };
    assert!(reason(None, None, None).contains("neither"));
    assert!(reason(Some(2.0), Some(1.0), None).contains("reversed"));
    assert!(reason(Some(1.0), Some(1.0), None).contains("equal"));
    assert!(reason(Some(1.0), Some(2.0), Some(3.0)).contains("target"));
    assert!(reason(Some(f64::NAN), None, None).contains("finite"));
}

#[test]
fn degenerate_data_get_typed_errors() {
    let spec = Specification::upper(10.0);
    let o = CapabilityOptions::default();
    assert!(matches!(
        capability(&[5.0; 10], &spec, &o),
        Err(MeasuresError::NoVariation { .. })
    ));
    assert!(matches!(
        capability(&[5.0], &spec, &o),
        Err(MeasuresError::TooFewPoints { .. })
    ));
    assert!(matches!(
        capability(&[5.0, f64::INFINITY], &spec, &o),
        Err(MeasuresError::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        capability(&[1.0, 2.0], &spec, &CapabilityOptions { level: 1.5, ..o }),
        Err(MeasuresError::InvalidOption { .. })
    ));
    assert!(matches!(
        capability(
            &[1.0, 2.0],
            &spec,
            &CapabilityOptions {
                within: Some(WithinSigma::MeanRange),
                ..o
            }
        ),
        Err(MeasuresError::InvalidOption { .. })
    ));
    assert!(matches!(
        anderson_darling(&[1.0; 5]),
        Err(MeasuresError::TooFewPoints { needed: 8, .. })
    ));
    assert!(matches!(
        anderson_darling(&[1.0; 9]),
        Err(MeasuresError::NoVariation { .. })
    ));
    let x = [1.0, 2.0, 3.0];
    let groups = Subgroups::new(&x, &[1, 1, 1]).unwrap();
    assert!(matches!(
        subgroup_capability(
            &groups,
            &spec,
            &CapabilityOptions {
                within: Some(WithinSigma::MeanRange),
                ..o
            }
        ),
        Err(MeasuresError::InvalidOption { .. })
    ));
}

/// Minitab's pooled standard deviation: √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)) / c4(d + 1), d = Σ(nᵢ−1).
#[test]
fn pooled_within_sigma() {
    let x = [1.0, 3.0, 2.0, 6.0, 4.0];
    let groups = Subgroups::new(&x, &[2, 3]).unwrap();
    let c = subgroup_capability(
        &groups,
        &Specification::upper(20.0),
        &CapabilityOptions::default(),
    )
    .unwrap();
    // s1² = 2, s2² = 4; pooled = √((1·2 + 2·4)/3); d = 3 → c4(4) = 0.9213177...
    let c4 = (2.0f64 / 3.0).sqrt()
        * (statrs::function::gamma::ln_gamma(2.0) - statrs::function::gamma::ln_gamma(1.5)).exp();
    assert!(close(c.sigma_within, (10.0f64 / 3.0).sqrt() / c4, 1e-14));
    assert_eq!(c.within, WithinSigma::PooledStdDev);
}
