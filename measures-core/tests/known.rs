//! The published known answers of `tests/known/*.json` (their README gives the
//! format and each file its source), computed through the core's one `chart` entry
//! and checked against the published numbers to the tolerance each gives (half a
//! unit in the last published digit). The Python and C tests read the same files.

use measures_core::{chart, ChartData, ChartOptions, ChartSpec, ChartType};
use serde_json::{json, Value};
use std::path::PathBuf;

fn known_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/known");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn numbers(value: &Value) -> Option<Vec<f64>> {
    value
        .as_array()
        .map(|items| items.iter().map(|x| x.as_f64().unwrap()).collect())
}

/// The chart a case asks for, as the JSON shape of docs/json.md.
fn draw(dataset: &Value, case: &Value) -> Value {
    let kind: ChartType = case["kind"].as_str().unwrap().parse().unwrap();
    let settings = case.get("settings").cloned().unwrap_or(json!({}));
    let spec = ChartSpec::with_settings(kind, settings).unwrap();
    let options: ChartOptions =
        serde_json::from_value(case.get("options").cloned().unwrap_or(json!({}))).unwrap();
    let take = case["take"].as_u64().map(|n| n as usize);
    let cut = |v: Vec<f64>| match take {
        Some(n) => v[..n].to_vec(),
        None => v,
    };
    let values = cut(numbers(case.get("values").unwrap_or(&dataset["values"])).unwrap());
    let denominators = numbers(&dataset["denominators"]).map(cut);
    let sizes: Option<Vec<usize>> = dataset["sizes"]
        .as_array()
        .map(|s| s.iter().map(|x| x.as_u64().unwrap() as usize).collect());
    let data = ChartData::from_columns(
        &spec,
        &values,
        denominators.as_deref(),
        sizes.as_deref(),
        None,
    )
    .unwrap();
    serde_json::to_value(chart(&spec, data, &options).unwrap()).unwrap()
}

fn check(name: &str, drawn: &Value, check: &Value) {
    let on = match check["chart"].as_str() {
        Some("companion") => &drawn["companion"],
        _ => drawn,
    };
    let what = check["what"].as_str().unwrap();
    let tolerance = check["tolerance"].as_f64().unwrap();
    let (places, expected): (Vec<(&str, usize)>, Vec<f64>) =
        if let Some(k) = check["phase"].as_u64() {
            (
                vec![("phases", k as usize)],
                vec![check["expected"].as_f64().unwrap()],
            )
        } else if let Some(points) = check["points"].as_array() {
            (
                points
                    .iter()
                    .map(|i| ("points", i.as_u64().unwrap() as usize))
                    .collect(),
                numbers(&check["expected"]).unwrap(),
            )
        } else {
            (
                vec![("points", check["point"].as_u64().unwrap() as usize)],
                vec![check["expected"].as_f64().unwrap()],
            )
        };
    for ((list, i), expected) in places.into_iter().zip(expected) {
        let got = on[list][i][what]
            .as_f64()
            .unwrap_or_else(|| panic!("{name}: no {what} at {list}[{i}]"));
        assert!(
            (got - expected).abs() <= tolerance,
            "{name}: {what} at {list}[{i}] is {got}, published {expected} (±{tolerance})"
        );
    }
}

#[test]
fn every_published_known_answer_holds() {
    let files = known_files();
    assert!(
        files.len() >= 13,
        "the known answers are missing: {files:?}"
    );
    let mut cases = 0;
    for file in files {
        let dataset: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert!(
            dataset["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{file:?} names no source"
        );
        for case in dataset["cases"].as_array().unwrap() {
            let name = format!(
                "{} / {}",
                file.file_stem().unwrap().to_string_lossy(),
                case["name"].as_str().unwrap()
            );
            let drawn = draw(&dataset, case);
            for c in case["checks"].as_array().unwrap() {
                check(&name, &drawn, c);
            }
            let signals = drawn["signals"].as_array().unwrap();
            if let Some(expected) = case.get("outside_limits") {
                let outside = points_in_rule(&drawn, "outside_limits");
                let expected: Vec<u64> = expected
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_u64().unwrap())
                    .collect();
                assert_eq!(outside, expected, "{name}: points outside the limits");
            }
            if let Some(expected) = case["signals"].as_u64() {
                assert_eq!(
                    signals.len() as u64,
                    expected,
                    "{name}: signals {signals:?}"
                );
            }
            cases += 1;
        }
    }
    assert!(cases >= 20, "only {cases} cases ran");
}

/// The points of a chart (its JSON) that take part in a signal of `rule`: a signal is
/// a span, and each point lists the signals it is in.
fn points_in_rule(chart: &Value, rule: &str) -> Vec<u64> {
    let signals = chart["signals"].as_array().unwrap();
    chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["signals"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| signals[k.as_u64().unwrap() as usize]["rule"] == rule)
        })
        .map(|p| p["index"].as_u64().unwrap())
        .collect()
}
