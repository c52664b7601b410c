//! The SVG renderer on any chart and any labels: it always ends, and what it draws
//! is well-formed enough that no character XML forbids reaches it.
#![no_main]
#[path = "common.rs"]
mod common;
use libfuzzer_sys::fuzz_target;
use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
use measures_render::{chart_svg, pareto_svg, ChartView, SvgOptions};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len().min(32));
    let (text, rest) = data.split_at(split);
    let title = String::from_utf8_lossy(text).into_owned();
    let values = common::floats(rest, 300);
    if values.is_empty() {
        return;
    }
    let labels: Vec<String> = (0..values.len()).map(|i| format!("{title}{i}")).collect();
    let Ok(series) = Series::new(&values).and_then(|s| s.with_labels(&labels)) else { return };
    if let Ok(chart) = xmr_chart(series, &ChartOptions::default(), &XmrOptions::default()) {
        let svg = chart_svg(&ChartView::from_chart(&chart), &SvgOptions { title: Some(title.clone()), ..Default::default() });
        assert!(!svg.chars().any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)));
        assert!(svg.ends_with("</svg>"));
    }
    let rows: Vec<(String, usize)> = labels.iter().take(12).map(|l| (l.clone(), l.len())).collect();
    let svg = pareto_svg(&rows, &title);
    assert!(!svg.chars().any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)));
});
