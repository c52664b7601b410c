//! No success carries NaN or infinity where a number is promised (issue 18).
//!
//! Every public chart and capability function is called on awkward input —
//! magnitudes near the largest and smallest floats, repeated values, zeros — and
//! whenever it succeeds, every number it promises must be finite. The documented
//! absences are the only NaNs allowed: a run chart's limits, the first moving range
//! of each phase on a moving-range chart, sigma on the charts computed on a
//! transformed scale, and a phase's summary fields that do not apply to its chart.
//! Failing instead, with a typed error, is always allowed.

use measures_core::capability::{
    anderson_darling, binomial_capability, box_cox_capability, capability, capability_report,
    percentile_capability, poisson_capability, within_threshold, CapabilityOptions, Estimate,
    ReportOptions, Specification, StatementOptions,
};
use measures_core::{
    c_chart, np_chart, p_chart, p_prime_chart, u_chart, u_prime_chart, AttributeOptions,
};
use measures_core::{cusum_chart, CusumOptions};
use measures_core::{ewma_chart, EwmaOptions};
use measures_core::{g_chart, t_chart};
use measures_core::{
    run_chart, xmr_chart, Chart, ChartOptions, ChartType, Direction, Series, XmrOptions,
};
use measures_core::{transformed_xmr_chart, TransformedOptions};
use measures_core::{xbar_r_chart, xbar_s_chart, SubgroupOptions, Subgroups};
use proptest::prelude::*;

/// A float from the awkward corners as often as from the ordinary middle.
fn awkward() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e3..1e3f64,
        0.0..50.0f64,
        1e300..f64::MAX,
        -f64::MAX..-1e300,
        1e15..1e17f64,
        1e-310..1e-300f64,
        Just(0.0),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(f64::MIN_POSITIVE),
    ]
}

fn values() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        prop::collection::vec(awkward(), 2..40),
        // A repeated awkward value, sometimes with a little noise.
        (
            awkward(),
            2usize..30,
            prop::collection::vec(0.0..1.0f64, 30)
        )
            .prop_map(|(v, n, e)| {
                (0..n)
                    .map(|i| {
                        if i % 3 == 0 {
                            v
                        } else {
                            (v * (1.0 + 1e-9 * e[i])).clamp(-f64::MAX, f64::MAX)
                        }
                    })
                    .collect()
            }),
    ]
}

/// Non-negative counts out of positive denominators.
fn counts() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec((awkward(), 0.0..=1.0f64), 2..30).prop_map(|pairs| {
        let d: Vec<f64> = pairs.iter().map(|(n, _)| n.abs().max(1.0)).collect();
        let c: Vec<f64> = pairs
            .iter()
            .zip(&d)
            .map(|((_, f), d)| (d * f).floor())
            .collect();
        (c, d)
    })
}

fn finite(x: f64) -> bool {
    x.is_finite()
}

/// The numbers a chart promises are finite (see the module documentation).
fn check_chart(chart: &Chart) -> Result<(), TestCaseError> {
    let t = chart.chart_type;
    let name = t.name();
    let (has_upper, has_lower) = t.limit_sides();
    for i in 0..chart.len() {
        let first_of_phase = chart.phases.iter().any(|p| p.first == i);
        // A gap (a missing input value) is NaN on the chart and on its moving ranges.
        let gap = !chart.used[i] && !chart.excluded[i];
        let beside_a_gap = i > 0 && !chart.used[i - 1];
        let value_may_be_missing =
            gap || (t == ChartType::MovingRange && (first_of_phase || beside_a_gap));
        prop_assert!(
            finite(chart.values[i]) || (value_may_be_missing && chart.values[i].is_nan()),
            "{name}: value {i} = {}",
            chart.values[i]
        );
        prop_assert!(
            finite(chart.centre[i]),
            "{name}: centre {i} = {}",
            chart.centre[i]
        );
        if has_upper {
            prop_assert!(
                finite(chart.upper[i]),
                "{name}: upper {i} = {}",
                chart.upper[i]
            );
        }
        if has_lower {
            prop_assert!(
                finite(chart.lower[i]),
                "{name}: lower {i} = {}",
                chart.lower[i]
            );
        }
        prop_assert!(!chart.sigma[i].is_infinite(), "{name}: sigma {i} infinite");
    }
    for p in &chart.phases {
        prop_assert!(finite(p.centre), "{name}: phase centre {}", p.centre);
        for x in [p.upper, p.lower, p.sigma, p.moving_range, p.dispersion] {
            prop_assert!(!x.is_infinite(), "{name}: phase field infinite");
        }
    }
    if let Some(c) = &chart.companion {
        check_chart(c)?;
    }
    Ok(())
}

fn check_estimate(what: &str, e: &Option<Estimate>) -> Result<(), TestCaseError> {
    if let Some(e) = e {
        prop_assert!(
            finite(e.value) && !e.lower.is_nan() && !e.upper.is_nan(),
            "{what}: {e:?}"
        );
    }
    Ok(())
}

fn check_indices(c: &measures_core::capability::Capability) -> Result<(), TestCaseError> {
    prop_assert!(
        finite(c.mean) && finite(c.sigma_within) && finite(c.sigma_overall),
        "{c:?}"
    );
    for (what, e) in [
        ("cp", &c.cp),
        ("cpl", &c.cpl),
        ("cpu", &c.cpu),
        ("cpk", &c.cpk),
        ("cpm", &c.cpm),
        ("pp", &c.pp),
        ("ppl", &c.ppl),
        ("ppu", &c.ppu),
        ("ppk", &c.ppk),
        ("ppm", &c.ppm),
    ] {
        check_estimate(what, e)?;
    }
    for o in [&c.expected_within, &c.expected_overall, &c.observed] {
        prop_assert!(!o.total.is_nan() && !o.total_ppm.is_nan(), "{o:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn individuals_charts_promise_finite_numbers(v in values()) {
        let s = Series::new(&v).unwrap();
        let o = ChartOptions::default();
        for chart in [
            xmr_chart(s, &o, &XmrOptions::default()),
            xmr_chart(s, &o, &XmrOptions::textbook()),
            run_chart(s, &o),
            t_chart(s, &o, &XmrOptions::default()),
            g_chart(s, &o, &Default::default()),
            transformed_xmr_chart(s, &o, &TransformedOptions::default()),
            cusum_chart(s, &o, &CusumOptions::default()),
            ewma_chart(s, &o, &EwmaOptions::default()),
        ].into_iter().flatten() {
            check_chart(&chart)?;
        }
    }

    /// Grouped charts (Python's xmr_by and summary) refuse what xmr refuses.
    #[test]
    fn grouped_charts_promise_finite_numbers(v in prop::collection::vec(awkward(), 4..60), cut in 2usize..20) {
        let cut = cut.min(v.len() - 2);
        let offsets = [0, cut, v.len()];
        let charts = measures_core::xmr_by_group(&v, &offsets, None, &ChartOptions::default(), &XmrOptions::default()).unwrap();
        for (k, chart) in charts.iter().enumerate() {
            let single = xmr_chart(Series::new(&v[offsets[k]..offsets[k + 1]]).unwrap(), &ChartOptions::default(), &XmrOptions::default());
            prop_assert_eq!(chart.is_ok(), single.is_ok(), "group {} of {:?}", k, v);
            if let Ok(chart) = chart {
                check_chart(chart)?;
            }
        }
    }

    /// Missing values (NaN) are gaps on the individuals charts, never a NaN limit.
    #[test]
    fn individuals_charts_with_gaps_promise_finite_numbers(
        v in values(),
        holes in prop::collection::vec(0usize..40, 0..4),
    ) {
        let mut v = v;
        let n = v.len();
        for h in holes {
            v[h % n] = f64::NAN;
        }
        if v.iter().all(|x| x.is_nan()) {
            return Ok(());
        }
        let s = Series::new(&v).unwrap();
        let o = ChartOptions::default();
        for chart in [
            xmr_chart(s, &o, &XmrOptions::default()),
            run_chart(s, &o),
            t_chart(s, &o, &XmrOptions::default()),
            g_chart(s, &o, &Default::default()),
            transformed_xmr_chart(s, &o, &TransformedOptions::default()),
        ].into_iter().flatten() {
            check_chart(&chart)?;
        }
    }

    #[test]
    fn attribute_charts_promise_finite_numbers((counts, d) in counts()) {
        let s = Series::new(&counts).unwrap().with_denominators(&d).unwrap();
        let o = ChartOptions::default();
        let a = AttributeOptions::default();
        for chart in [
            p_chart(s, &o, &a), np_chart(s, &o, &a), u_chart(s, &o, &a),
            p_prime_chart(s, &o, &a), u_prime_chart(s, &o, &a),
            c_chart(Series::new(&counts).unwrap(), &o, &a),
        ].into_iter().flatten() {
            check_chart(&chart)?;
        }
    }

    #[test]
    fn subgroup_charts_promise_finite_numbers(v in prop::collection::vec(awkward(), 6..40)) {
        let sizes = vec![2usize; v.len() / 2];
        let v = &v[..sizes.len() * 2];
        let o = ChartOptions::default();
        let s = SubgroupOptions::default();
        for chart in [
            xbar_r_chart(Subgroups::new(v, &sizes).unwrap(), &o, &s),
            xbar_s_chart(Subgroups::new(v, &sizes).unwrap(), &o, &s),
        ].into_iter().flatten() {
            check_chart(&chart)?;
        }
    }

    #[test]
    fn capability_promises_finite_numbers(v in values(), lsl in awkward(), width in awkward()) {
        let usl = lsl + width.abs();
        let options = CapabilityOptions::default();
        if let Ok(spec) = Specification::new(Some(lsl), Some(usl), None) {
            if let Ok(c) = capability(&v, &spec, &options) {
                check_indices(&c)?;
            }
            if let Ok(p) = percentile_capability(&v, &spec) {
                for x in [p.p00135, p.median, p.p99865] {
                    prop_assert!(finite(x), "{p:?}");
                }
                for x in [p.pp, p.ppl, p.ppu, p.ppk].into_iter().flatten() {
                    prop_assert!(finite(x), "{p:?}");
                }
            }
            if let Ok((t, c)) = box_cox_capability(&v, &spec, &options, None) {
                prop_assert!(finite(t.lambda));
                check_indices(&c)?;
            }
        }
        if let Ok(n) = anderson_darling(&v) {
            prop_assert!(finite(n.statistic) && finite(n.adjusted) && finite(n.p_value), "{n:?}");
        }
        if let Ok(w) = within_threshold(&v, lsl, Direction::LowerIsBetter, 0.95) {
            prop_assert!(finite(w.share.value) && finite(w.share.lower) && finite(w.share.upper), "{w:?}");
        }
        if let Ok(chart) = xmr_chart(Series::new(&v).unwrap(), &ChartOptions::default(), &XmrOptions::default()) {
            let report = capability_report(&chart, &ReportOptions {
                statement: StatementOptions { floor: Some(0.0), ..StatementOptions::default() },
                ..ReportOptions::default()
            });
            if let Ok(r) = report {
                let s = &r.statement;
                for x in [s.average, s.lower, s.upper, s.lower_limit, s.coverage] {
                    prop_assert!(finite(x), "{}", s.text);
                }
            }
        }
    }

    #[test]
    fn a_target_that_is_not_finite_is_refused(v in values(), t in prop_oneof![Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(f64::NAN)]) {
        let o = ChartOptions { target: Some(t), direction: Direction::LowerIsBetter, ..ChartOptions::default() };
        let err = xmr_chart(Series::new(&v).unwrap(), &o, &XmrOptions::default()).unwrap_err();
        prop_assert!(err.to_string().contains("target"), "{err}");
    }

    #[test]
    fn attribute_capability_promises_finite_numbers((c, d) in counts()) {
        let s = Series::new(&c).unwrap().with_denominators(&d).unwrap();
        for r in [binomial_capability(s, 0.95), poisson_capability(s, 0.95)].into_iter().flatten() {
            prop_assert!(format!("{r:?}").matches("NaN").count() == 0 && !format!("{r:?}").contains("inf"), "{r:?}");
        }
    }
}
