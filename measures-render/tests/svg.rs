//! The drawings are valid XML, and where limits and signal points are drawn follows
//! the chart's numbers: read back from the SVG by inverting its y scale.

use measures_core::{xmr_chart, ChartOptions, Direction, Series, XmrOptions};
use measures_render::{chart_svg, pareto_svg, ChartView, SvgOptions};

fn attr(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

#[test]
fn limits_and_signals_are_where_the_numbers_say() {
    let mut values = vec![
        10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0,
    ];
    values.extend([6.0, 7.0, 6.5, 7.5, 6.0, 7.0, 6.5, 7.0, 6.0, 30.0]);
    let labels: Vec<String> = (0..values.len())
        .map(|i| format!("2024-{:02}-{:02}", 1 + i / 28, 1 + i % 28))
        .collect();
    let options = ChartOptions {
        direction: Direction::LowerIsBetter,
        target: Some(9.0),
        phase_starts: vec![12],
        ..Default::default()
    };
    let chart = xmr_chart(
        Series::new(&values).unwrap().with_labels(&labels).unwrap(),
        &options,
        &XmrOptions::default(),
    )
    .unwrap();
    let svg = chart_svg(
        &ChartView::from_chart(&chart),
        &SvgOptions {
            title: Some("Days & <nights>".into()),
            ..Default::default()
        },
    );
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(doc
        .descendants()
        .any(|n| n.has_tag_name("title") && n.text() == Some("Days & <nights>")));
    assert!(doc.descendants().any(|n| n.has_tag_name("desc")));

    let plot = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("plot"))
        .unwrap();
    let (y_min, y_max, top, bottom) = (
        attr(plot, "data-y-min"),
        attr(plot, "data-y-max"),
        attr(plot, "data-top"),
        attr(plot, "data-bottom"),
    );
    let value_of = |py: f64| y_min + (bottom - py) / (bottom - top) * (y_max - y_min);
    let pixel = (y_max - y_min) / (bottom - top); // one pixel in data units

    for phase in 0..2 {
        for (class, column) in [
            ("limit upper", &chart.upper),
            ("limit lower", &chart.lower),
            ("centre", &chart.centre),
        ] {
            let path = doc
                .descendants()
                .find(|n| {
                    n.attribute("class") == Some(class)
                        && n.attribute("data-phase") == Some(&phase.to_string())
                })
                .unwrap_or_else(|| panic!("{class} path of phase {phase}"));
            let d = path.attribute("d").unwrap();
            let first_y: f64 = d[1..]
                .split(['L', 'M'])
                .next()
                .unwrap()
                .split(',')
                .nth(1)
                .unwrap()
                .parse()
                .unwrap();
            let expected = column[chart.phases[phase].first];
            assert!(
                (value_of(first_y) - expected).abs() <= 0.01 * pixel,
                "{class} phase {phase}: {} vs {expected}",
                value_of(first_y)
            );
        }
    }
    let specials: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("point special"))
        })
        .collect();
    let expected: Vec<usize> = (0..chart.len())
        .filter(|&i| chart.point_type[i].is_special_cause())
        .collect();
    let drawn: Vec<usize> = specials
        .iter()
        .map(|n| n.attribute("data-index").unwrap().parse().unwrap())
        .collect();
    assert_eq!(drawn, expected);
    for n in &specials {
        let i: usize = n.attribute("data-index").unwrap().parse().unwrap();
        assert!((value_of(attr(*n, "cy")) - chart.values[i]).abs() <= 0.01 * pixel);
    }
    // The last point (30) is concerning when lower is better: orange.
    let last = specials.last().unwrap();
    assert_eq!(last.attribute("class"), Some("point special concerning"));
    assert_eq!(last.attribute("fill"), Some("#FAB428"));
    let target = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("target"))
        .unwrap();
    assert!((value_of(attr(target, "y1")) - 9.0).abs() <= 0.01 * pixel);
    let icon = |kind: &str| {
        doc.descendants()
            .find(|n| n.attribute("class") == Some(kind))
            .and_then(|n| n.attribute("data-icon"))
            .unwrap()
            .to_string()
    };
    assert_eq!(icon("icon variation"), chart.variation.name());
    assert_eq!(icon("icon assurance"), chart.assurance.unwrap().name());
}

#[test]
fn json_view_equals_rust_view() {
    let chart = xmr_chart(
        Series::new(&[1.0, 3.0, 2.0, 5.0, 4.0]).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let json = serde_json::to_string(&chart).unwrap();
    let a = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
    let b = chart_svg(
        &ChartView::from_json(&json).unwrap(),
        &SvgOptions::default(),
    );
    assert_eq!(a, b);
    assert!(ChartView::from_json("{}").is_err());
}

#[test]
fn pareto_is_valid_xml_with_one_bar_per_type() {
    let svg = pareto_svg(
        &[("Report a repair".into(), 10), ("Chase & query".into(), 4)],
        "Types",
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .collect();
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[0].attribute("data-count"), Some("10"));
}

#[test]
fn run_charts_without_limits_and_constant_series_still_draw() {
    let chart =
        measures_core::run_chart(Series::new(&[5.0; 12]).unwrap(), &ChartOptions::default())
            .unwrap();
    let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
    roxmltree::Document::parse(&svg).unwrap();
    assert!(!svg.contains("limit upper"));
}

#[test]
fn long_series_draw_a_pixel_envelope_and_a_marker_per_column() {
    let values: Vec<f64> = (0..20_000)
        .map(|i| ((i * 7919) % 101) as f64 + if i == 15_000 { 500.0 } else { 0.0 })
        .collect();
    let chart = xmr_chart(
        Series::new(&values).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let data = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("data"))
        .unwrap();
    let moves = data.attribute("d").unwrap().matches('M').count();
    assert!(
        moves <= 800,
        "one segment per pixel column at most, got {moves}"
    );
    // Special points are shown one per pixel column and kind: each marker is a real
    // special-cause point, and the outlier is among them.
    let specials: Vec<usize> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("point special"))
        })
        .map(|n| n.attribute("data-index").unwrap().parse().unwrap())
        .collect();
    assert!(specials
        .iter()
        .all(|&i| chart.point_type[i].is_special_cause()));
    assert!(specials.contains(&15_000));
    assert!(specials.len() <= 3 * 800);
    assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
    // A constant limit is one segment, not one per point.
    let upper = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("limit upper"))
        .unwrap();
    assert_eq!(upper.attribute("d").unwrap().matches('L').count(), 1);
}

/// Issue 18: a flat series of magnitude ≥ 2⁵³ once looped for ever (the range was
/// widened by ±1, which the values absorb, and the tick never advanced).
#[test]
fn flat_series_of_huge_magnitude_draw_at_once() {
    for v in [1e16, -1e16, 1e300, 9.007_199_254_740_993e15, 0.0, 1e-300] {
        let chart = xmr_chart(
            Series::new(&[v, v, v]).unwrap(),
            &ChartOptions::default(),
            &XmrOptions::default(),
        )
        .unwrap();
        let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions::default());
        let doc = roxmltree::Document::parse(&svg).expect("valid XML");
        let ticks = doc
            .descendants()
            .filter(|n| n.parent().and_then(|p| p.attribute("class")) == Some("y-ticks"))
            .filter(|n| n.has_tag_name("text"))
            .count();
        assert!((2..=51).contains(&ticks), "{v}: {ticks} ticks");
    }
}

/// Issue 18: characters XML 1.0 forbids in a label or title become U+FFFD, so the
/// drawing still parses.
#[test]
fn forbidden_characters_never_reach_the_markup() {
    let labels: Vec<String> = ["a\u{1}b", "c\u{b}d", "e\u{FFFE}f", "g\u{1b}[31mh"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let chart = xmr_chart(
        Series::new(&[1.0, 2.0, 3.0, 2.0])
            .unwrap()
            .with_labels(&labels)
            .unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let svg = chart_svg(
        &ChartView::from_chart(&chart),
        &SvgOptions {
            title: Some("t\u{0}itle\u{FFFF}".into()),
            ..Default::default()
        },
    );
    roxmltree::Document::parse(&svg).expect("valid XML");
    assert!(!svg
        .chars()
        .any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)));
}
