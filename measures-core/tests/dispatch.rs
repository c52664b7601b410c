//! The one way in: `chart(spec, data, options)` gives exactly what each kind's own
//! function gives, for every kind; settings are read by kind, unknown ones refused.

use measures_core::{
    c_chart, chart, cusum_chart, ewma_chart, g_chart, np_chart, p_chart, p_prime_chart, run_chart,
    t_chart, transformed_xmr_chart, u_chart, u_prime_chart, xbar_r_chart, xbar_s_chart, xmr_chart,
    AttributeOptions, Chart, ChartData, ChartOptions, ChartSpec, ChartType, CusumOptions,
    EwmaOptions, GOptions, MeasuresError, Series, SubgroupOptions, Subgroups, TransformedOptions,
    XmrOptions,
};

const COUNTS: [f64; 12] = [4.0, 6.0, 3.0, 5.0, 7.0, 4.0, 5.0, 6.0, 2.0, 5.0, 4.0, 9.0];
const SIZES: [f64; 12] = [
    20.0, 22.0, 19.0, 21.0, 25.0, 20.0, 23.0, 21.0, 18.0, 22.0, 20.0, 24.0,
];

fn json(chart: &Chart) -> serde_json::Value {
    serde_json::to_value(chart).unwrap()
}

fn options() -> ChartOptions {
    ChartOptions {
        phase_starts: vec![6],
        ..Default::default()
    }
}

#[test]
fn every_kind_through_the_one_entry_equals_its_own_function() {
    let o = options();
    let series = Series::new(&COUNTS).unwrap();
    let rates = Series::new(&COUNTS)
        .unwrap()
        .with_denominators(&SIZES)
        .unwrap();
    let observations: Vec<f64> = SIZES.iter().chain(&COUNTS).copied().collect();
    let groups = Subgroups::new(&observations, &[2; 12]).unwrap();
    let x = XmrOptions::textbook();
    let a = AttributeOptions::default();
    let cases: Vec<(ChartSpec, ChartData<'_>, Chart)> = vec![
        (
            ChartSpec::Xmr(x),
            series.into(),
            xmr_chart(series, &o, &x).unwrap(),
        ),
        (
            ChartSpec::Run,
            series.into(),
            run_chart(series, &o).unwrap(),
        ),
        (
            ChartSpec::P(a),
            rates.into(),
            p_chart(rates, &o, &a).unwrap(),
        ),
        (
            ChartSpec::Np(a),
            rates.into(),
            np_chart(rates, &o, &a).unwrap(),
        ),
        (
            ChartSpec::C(a),
            series.into(),
            c_chart(series, &o, &a).unwrap(),
        ),
        (
            ChartSpec::U(a),
            rates.into(),
            u_chart(rates, &o, &a).unwrap(),
        ),
        (
            ChartSpec::PPrime(a),
            rates.into(),
            p_prime_chart(rates, &o, &a).unwrap(),
        ),
        (
            ChartSpec::UPrime(a),
            rates.into(),
            u_prime_chart(rates, &o, &a).unwrap(),
        ),
        (
            ChartSpec::T(x),
            series.into(),
            t_chart(series, &o, &x).unwrap(),
        ),
        (
            ChartSpec::G(GOptions::default()),
            series.into(),
            g_chart(series, &o, &GOptions::default()).unwrap(),
        ),
        (
            ChartSpec::Cusum(CusumOptions::default()),
            series.into(),
            cusum_chart(series, &o, &CusumOptions::default()).unwrap(),
        ),
        (
            ChartSpec::Ewma(EwmaOptions::default()),
            series.into(),
            ewma_chart(series, &o, &EwmaOptions::default()).unwrap(),
        ),
        (
            ChartSpec::TransformedXmr(TransformedOptions::default()),
            series.into(),
            transformed_xmr_chart(series, &o, &TransformedOptions::default()).unwrap(),
        ),
        (
            ChartSpec::XbarR(SubgroupOptions::default()),
            groups.into(),
            xbar_r_chart(groups, &o, &SubgroupOptions::default()).unwrap(),
        ),
        (
            ChartSpec::XbarS(SubgroupOptions::default()),
            groups.into(),
            xbar_s_chart(groups, &o, &SubgroupOptions::default()).unwrap(),
        ),
    ];
    let mut kinds: Vec<ChartType> = Vec::new();
    for (spec, data, direct) in cases {
        let through = chart(&spec, data, &o).unwrap();
        assert_eq!(through.chart_type, spec.kind());
        assert_eq!(json(&through), json(&direct), "{:?}", spec.kind());
        kinds.push(spec.kind());
    }
    // Every kind a caller can ask for is covered above.
    let askable: Vec<ChartType> = ChartType::ALL
        .into_iter()
        .filter(|k| ChartSpec::of(*k).is_ok())
        .collect();
    assert_eq!(askable.len(), kinds.len());
    assert!(askable.iter().all(|k| kinds.contains(k)));
}

#[test]
fn companions_are_not_asked_for_and_names_read_back() {
    for kind in ChartType::ALL {
        assert_eq!(kind.name().parse::<ChartType>().unwrap(), kind);
        let asked = ChartSpec::of(kind);
        let companion = matches!(
            kind,
            ChartType::MovingRange | ChartType::Range | ChartType::StdDev | ChartType::CusumLower
        );
        assert_eq!(asked.is_err(), companion, "{kind:?}");
    }
    let err = "xbar".parse::<ChartType>().unwrap_err();
    assert!(err.to_string().contains("xbar_r"), "{err}");
}

#[test]
fn settings_are_read_by_kind_and_unknown_ones_refused() {
    let spec =
        ChartSpec::with_settings(ChartType::Ewma, serde_json::json!({"lambda": 0.1})).unwrap();
    assert_eq!(
        spec,
        ChartSpec::Ewma(EwmaOptions {
            lambda: 0.1,
            ..Default::default()
        })
    );
    let typo =
        ChartSpec::with_settings(ChartType::Ewma, serde_json::json!({"lamda": 0.1})).unwrap_err();
    assert!(
        matches!(&typo, MeasuresError::InvalidOption { name: "settings", reason } if reason.contains("lamda") && reason.contains("ewma")),
        "{typo}"
    );
    let wrong = ChartSpec::with_settings(ChartType::Xmr, serde_json::json!({"constant": "magic"}))
        .unwrap_err();
    assert!(wrong.to_string().contains("magic"), "{wrong}");
}

#[test]
fn the_wrong_kind_of_data_is_refused_by_name() {
    let values = [1.0, 2.0, 3.0, 4.0];
    let series = Series::new(&values).unwrap();
    let xbar = chart(
        &ChartSpec::XbarR(SubgroupOptions::default()),
        series,
        &ChartOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&xbar, MeasuresError::InvalidOption { name: "data", .. }),
        "{xbar}"
    );
    let groups = Subgroups::new(&values, &[2, 2]).unwrap();
    let xmr = chart(
        &ChartSpec::Xmr(XmrOptions::default()),
        groups,
        &ChartOptions::default(),
    )
    .unwrap_err();
    assert!(xmr.to_string().contains("one value per point"), "{xmr}");
    let spec = ChartSpec::Run;
    let sizes = ChartData::from_columns(&spec, &values, None, Some(&[2, 2]), None).unwrap_err();
    assert!(matches!(
        sizes,
        MeasuresError::InvalidOption { name: "sizes", .. }
    ));
}
