//! End-to-end runs of the `measures` command on files in `tests/data/` and `examples/`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

fn measures(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_measures"))
        .args(args)
        .output()
        .expect("the measures binary runs")
}

fn data(name: &str) -> String {
    repo("tests/data").join(name).display().to_string()
}

/// A known-answer dataset of tests/known as a CSV the command reads: `sample` (1, 2,
/// ...; an X-bar chart's subgroup number on each of its rows), `value`, and
/// `denominator` when the dataset has them; the first `take` rows only.
fn known_csv(name: &str, values: Option<&serde_json::Value>, take: Option<usize>) -> String {
    let text = std::fs::read_to_string(repo("tests/known").join(format!("{name}.json"))).unwrap();
    let dataset: serde_json::Value = serde_json::from_str(&text).unwrap();
    let values: Vec<f64> = values
        .unwrap_or(&dataset["values"])
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let n = take.unwrap_or(values.len());
    let denominators = dataset["denominators"].as_array();
    let mut samples = Vec::new();
    match dataset["sizes"].as_array() {
        Some(sizes) => {
            for (k, size) in sizes.iter().enumerate() {
                samples.extend(std::iter::repeat_n(k + 1, size.as_u64().unwrap() as usize));
            }
        }
        None => samples.extend(1..=values.len()),
    }
    let mut csv = String::from(if denominators.is_some() {
        "sample,value,denominator\n"
    } else {
        "sample,value\n"
    });
    for i in 0..n {
        csv.push_str(&format!("{},{}", samples[i], values[i]));
        if let Some(d) = denominators {
            csv.push_str(&format!(",{}", d[i]));
        }
        csv.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("measures-known-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{}-{n}.csv", values.len()));
    std::fs::write(&path, csv).unwrap();
    path.display().to_string()
}

/// Run and expect failure with exit status 1; return stderr.
fn fails(args: &[&str]) -> String {
    let out = measures(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    String::from_utf8(out.stderr).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = measures(args);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

#[test]
fn xmr_json_has_the_documented_shape() {
    let file = data("shift.csv");
    let chart = json(&[
        "xmr",
        &file,
        "--value",
        "value",
        "--label",
        "week",
        "--direction",
        "higher",
    ]);
    assert_eq!(chart["chart_type"], "xmr");
    assert_eq!(chart["points"].as_array().unwrap().len(), 28);
    let first = &chart["points"][0];
    for key in [
        "index",
        "label",
        "value",
        "centre",
        "upper",
        "lower",
        "sigma",
        "phase",
        "excluded",
        "used",
        "point_type",
        "signals",
    ] {
        assert!(first.get(key).is_some(), "point field {key}");
    }
    assert_eq!(first["label"], "2024-01-01");
    assert_eq!(chart["options"]["rules"]["set"], "nhs");
    assert_eq!(chart["options"]["rules"]["shift"], 7);
    assert_eq!(chart["variation"], "special_cause_improving_high");
    let rules: Vec<&str> = chart["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"shift"), "{rules:?}");
    assert_eq!(chart["companion"]["chart_type"], "moving_range");
    assert!(
        chart["companion"]["points"][0]["value"].is_null(),
        "no moving range for the first point"
    );
}

#[test]
fn phase_at_a_label_rebases_the_limits() {
    let file = data("shift.csv");
    let chart = json(&[
        "xmr",
        &file,
        "--value",
        "value",
        "--label",
        "week",
        "--phase-at",
        "2024-05-20",
    ]);
    assert_eq!(chart["phases"].as_array().unwrap().len(), 2);
    assert_eq!(chart["phases"][1]["first"], 20);
    assert_eq!(chart["signals"].as_array().unwrap().len(), 0);
}

#[test]
fn baseline_exclude_and_rule_options_reach_the_chart() {
    let file = data("shift.csv");
    let chart = json(&[
        "xmr",
        &file,
        "--value",
        "value",
        "--label",
        "week",
        "--baseline",
        "20",
        "--exclude",
        "2024-01-15",
        "--rules",
        "western-electric",
        "--shift",
        "6",
        "--constant",
        "textbook",
        "--no-screen",
    ]);
    assert_eq!(chart["phases"][0]["points_used"], 19);
    assert_eq!(chart["points"][2]["excluded"], true);
    assert_eq!(chart["options"]["rules"]["set"], "western_electric");
    assert_eq!(chart["options"]["rules"]["shift"], 6);
    assert_eq!(chart["method"]["xmr"]["constant"], "three_over_d2");
    assert_eq!(chart["method"]["xmr"]["screen_moving_ranges"], false);
}

#[test]
fn without_labels_points_are_named_by_row_number() {
    let file = data("shift.csv");
    let chart = json(&["xmr", &file, "--value", "value", "--phase-at", "21"]);
    assert_eq!(chart["phases"][1]["first"], 20);
    assert!(chart["points"][0]["label"].is_null());
    let err = fails(&["xmr", &file, "--value", "value", "--phase-at", "29"]);
    assert!(err.contains("--phase-at \"29\""), "{err}");
}

#[test]
fn run_chart_uses_anhoej_rules() {
    let file = data("shift.csv");
    let chart = json(&["run", &file, "--value", "value", "--label", "week"]);
    assert_eq!(chart["chart_type"], "run");
    assert_eq!(chart["options"]["rules"]["set"], "anhoej");
    assert!(chart["points"][0]["upper"].is_null());
    assert!(
        chart["phases"][0]["runs"]["useful_points"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn table_format_summarises_the_chart() {
    let file = repo("examples/repairs-days.csv").display().to_string();
    let out = measures(&[
        "xmr",
        &file,
        "--value",
        "mean_days",
        "--label",
        "month",
        "--direction",
        "lower",
        "--target",
        "12",
        "--phase-at",
        "2024-01-01",
        "--format",
        "table",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("variation: common cause; assurance: hit and miss"),
        "{text}"
    );
    assert!(text.contains("2024-01-01"));
    assert!(text.lines().count() > 36);
}

#[test]
fn bad_input_names_file_line_and_column() {
    let err = fails(&["xmr", &data("bad-number.csv"), "--value", "value"]);
    assert!(
        err.contains(
            "bad-number.csv: line 3, column \"value\": \"abc\": cannot read \"abc\" as a number"
        ),
        "{err}"
    );
    // An empty cell or NaN is a missing value: a gap, as the peers keep it (issue 17).
    for file in ["empty-cell.csv", "nan.csv"] {
        let chart = json(&["xmr", &data(file), "--value", "value"]);
        assert!(chart["points"][1]["value"].is_null(), "{file}");
        assert!(
            chart["notes"][0]
                .as_str()
                .unwrap()
                .starts_with("1 missing value is kept as a gap"),
            "{file}"
        );
    }
    let err = fails(&["xmr", &data("ragged.csv"), "--value", "value"]);
    assert!(err.contains("line 3: malformed CSV"), "{err}");
    // Rows out of date order are read in date order, with a note (issue 17).
    let chart = json(&[
        "xmr",
        &data("unsorted.csv"),
        "--value",
        "value",
        "--label",
        "week",
    ]);
    let labels: Vec<&str> = chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(labels, sorted);
    assert!(
        chart["notes"].to_string().contains("date order"),
        "{}",
        chart["notes"]
    );
    let err = fails(&[
        "xmr",
        &data("duplicate-dates.csv"),
        "--value",
        "value",
        "--label",
        "week",
    ]);
    assert!(
        err.contains("line 3, column \"week\"") && err.contains("repeats"),
        "{err}"
    );
    let err = fails(&["xmr", &data("shift.csv"), "--value", "days"]);
    assert!(
        err.contains("no column \"days\"; the columns are: week, value"),
        "{err}"
    );
    let err = fails(&["xmr", &data("header-only.csv"), "--value", "value"]);
    assert!(err.contains("no data rows"), "{err}");
    let err = fails(&["xmr", &data("empty.csv"), "--value", "value"]);
    assert!(err.contains("no column"), "{err}");
    let err = fails(&["xmr", &data("one-row.csv"), "--value", "value"]);
    assert!(err.contains("too few points"), "{err}");
    let err = fails(&["xmr", &data("does-not-exist.csv"), "--value", "value"]);
    assert!(err.contains("cannot read the file"), "{err}");
    let err = fails(&[
        "run",
        &data("shift.csv"),
        "--value",
        "value",
        "--rules",
        "nhs",
    ]);
    assert!(err.contains("needs control limits"), "{err}");
    let err = fails(&[
        "xmr",
        &data("shift.csv"),
        "--value",
        "value",
        "--label",
        "week",
        "--exclude",
        "2030-01-01",
    ]);
    assert!(
        err.contains("--exclude \"2030-01-01\": no row has that date"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let out = measures(&[
        "xmr",
        &data("shift.csv"),
        "--value",
        "value",
        "--direction",
        "sideways",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_chart_type_has_a_sub_command_with_the_same_json_shape() {
    let juice = known_csv("montgomery-7-1-orange-juice", None, None);
    let rings = known_csv("montgomery-6-1-piston-rings", None, None);
    let circuit = known_csv("montgomery-7-3-circuit-boards", None, None);
    let runs: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "p",
                &juice,
                "--numerator",
                "value",
                "--denominator",
                "denominator",
                "--label",
                "sample",
            ],
            "p",
        ),
        (
            vec![
                "np",
                &juice,
                "--numerator",
                "value",
                "--denominator",
                "denominator",
            ],
            "np",
        ),
        (
            vec![
                "u",
                &juice,
                "--numerator",
                "value",
                "--denominator",
                "denominator",
            ],
            "u",
        ),
        (
            vec![
                "p-prime",
                &juice,
                "--numerator",
                "value",
                "--denominator",
                "denominator",
            ],
            "p_prime",
        ),
        (
            vec![
                "u-prime",
                &juice,
                "--numerator",
                "value",
                "--denominator",
                "denominator",
                "--screen",
            ],
            "u_prime",
        ),
        (vec!["c", &circuit, "--value", "value"], "c"),
        (vec!["t", &circuit, "--value", "value"], "t"),
        (vec!["g", &circuit, "--value", "value"], "g"),
        (
            vec![
                "cusum", &circuit, "--value", "value", "--mean", "20", "--sigma", "4.5",
            ],
            "cusum",
        ),
        (
            vec![
                "ewma", &circuit, "--value", "value", "--lambda", "0.1", "--l", "2.7",
            ],
            "ewma",
        ),
        (
            vec!["xbar-r", &rings, "--value", "value", "--subgroup", "sample"],
            "xbar_r",
        ),
        (
            vec![
                "xbar-s",
                &rings,
                "--value",
                "value",
                "--subgroup",
                "sample",
                "--estimator",
                "pooled",
            ],
            "xbar_s",
        ),
    ];
    for (args, chart_type) in runs {
        let chart = json(&args);
        assert_eq!(chart["chart_type"], chart_type, "{args:?}");
        for key in [
            "method",
            "options",
            "variation",
            "assurance",
            "phases",
            "signals",
            "points",
            "notes",
            "companion",
        ] {
            assert!(chart.get(key).is_some(), "{chart_type}: {key}");
        }
        let point = &chart["points"][0];
        for key in [
            "value",
            "centre",
            "upper",
            "lower",
            "upper_clamped",
            "lower_clamped",
            "point_type",
            "signals",
        ] {
            assert!(point.get(key).is_some(), "{chart_type}: point {key}");
        }
    }
}

/// X-bar charts through the command name their points by the subgroup column, and a
/// phase starts at a subgroup's name.
#[test]
fn subgroup_charts_through_the_command_take_phases_by_subgroup() {
    let rings = known_csv("montgomery-6-1-piston-rings", None, None);
    let chart = json(&["xbar-r", &rings, "--value", "value", "--subgroup", "sample"]);
    assert_eq!(chart["points"].as_array().unwrap().len(), 25);
    assert_eq!(chart["companion"]["chart_type"], "range");
    let chart = json(&[
        "xbar-r",
        &rings,
        "--value",
        "value",
        "--subgroup",
        "sample",
        "--phase-at",
        "10",
    ]);
    assert_eq!(chart["phases"][1]["first"], 9);
}

/// Every published known answer of tests/known that the command can draw, through
/// the command: the dataset written as a CSV, the kind as its sub-command, the
/// settings and options as flags, the same checks (docs in tests/known/README.md).
#[test]
fn the_known_answers_through_the_command() {
    let mut ran = 0;
    let mut files: Vec<_> = std::fs::read_dir(repo("tests/known"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let dataset: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in dataset["cases"].as_array().unwrap() {
            let kind = case["kind"].as_str().unwrap();
            let Some(command) = sub_command(kind) else {
                continue;
            };
            let take = case["take"].as_u64().map(|n| n as usize);
            let csv = known_csv(&name, case.get("values"), take);
            let mut args: Vec<String> = vec![command.into(), csv];
            let has_denominators = dataset["denominators"].is_array();
            match (dataset["sizes"].is_array(), has_denominators) {
                (true, _) => {
                    args.extend(["--value", "value", "--subgroup", "sample"].map(String::from))
                }
                (false, true) => args.extend(
                    [
                        "--numerator",
                        "value",
                        "--denominator",
                        "denominator",
                        "--label",
                        "sample",
                    ]
                    .map(String::from),
                ),
                (false, false) => {
                    args.extend(["--value", "value", "--label", "sample"].map(String::from))
                }
            }
            args.extend(flags(case));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let chart = json(&args);
            let what_case = format!("{name} / {}", case["name"]);
            for check in case["checks"].as_array().unwrap() {
                expect(&what_case, &chart, check);
            }
            if let Some(expected) = case.get("outside_limits") {
                // The points that take part in an outside-the-limits signal (a
                // signal spans consecutive points beyond one limit).
                let signals = chart["signals"].as_array().unwrap();
                let outside: Vec<u64> = chart["points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|p| {
                        p["signals"].as_array().unwrap().iter().any(|k| {
                            signals[k.as_u64().unwrap() as usize]["rule"] == "outside_limits"
                        })
                    })
                    .map(|p| p["index"].as_u64().unwrap())
                    .collect();
                let expected: Vec<u64> = expected
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_u64().unwrap())
                    .collect();
                assert_eq!(outside, expected, "{what_case}");
            }
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} known cases ran through the command");
}

/// The sub-command drawing a kind of chart.
fn sub_command(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "xmr" => "xmr",
        "run" => "run",
        "xbar_r" => "xbar-r",
        "xbar_s" => "xbar-s",
        "p" => "p",
        "np" => "np",
        "c" => "c",
        "u" => "u",
        "p_prime" => "p-prime",
        "u_prime" => "u-prime",
        "t" => "t",
        "g" => "g",
        "cusum" => "cusum",
        "ewma" => "ewma",
        _ => return None,
    })
}

/// A known case's settings and options as the command's flags (points are named by
/// their sample number, 1 for the first).
fn flags(case: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut flag = |name: &str, value: Option<String>| {
        out.push(format!("--{name}"));
        out.extend(value);
    };
    let settings = &case["settings"];
    if settings["constant"] == "three_over_d2" {
        flag("constant", Some("textbook".into()));
    }
    if settings["screen_moving_ranges"] == false
        && case["kind"] != "p_prime"
        && case["kind"] != "u_prime"
    {
        flag("no-screen", None);
    }
    for (key, name) in [
        ("target", "mean"),
        ("sigma", "sigma"),
        ("k", "k"),
        ("h", "h"),
        ("lambda", "lambda"),
        ("l", "l"),
    ] {
        if let Some(x) = settings[key].as_f64() {
            flag(name, Some(x.to_string()));
        }
    }
    let options = &case["options"];
    for (key, name) in [("exclude", "exclude"), ("phase_starts", "phase-at")] {
        for i in options[key].as_array().into_iter().flatten() {
            flag(name, Some((i.as_u64().unwrap() + 1).to_string()));
        }
    }
    if let Some(n) = options["baseline"]["first_points"].as_u64() {
        flag("baseline", Some(n.to_string()));
    }
    out
}

fn expect(name: &str, chart: &serde_json::Value, check: &serde_json::Value) {
    let on = if check["chart"] == "companion" {
        &chart["companion"]
    } else {
        chart
    };
    let what = check["what"].as_str().unwrap();
    let tolerance = check["tolerance"].as_f64().unwrap();
    let places: Vec<(&str, u64, f64)> = if let Some(k) = check["phase"].as_u64() {
        vec![("phases", k, check["expected"].as_f64().unwrap())]
    } else if let Some(points) = check["points"].as_array() {
        let expected = check["expected"].as_array().unwrap();
        points
            .iter()
            .zip(expected)
            .map(|(i, e)| ("points", i.as_u64().unwrap(), e.as_f64().unwrap()))
            .collect()
    } else {
        vec![(
            "points",
            check["point"].as_u64().unwrap(),
            check["expected"].as_f64().unwrap(),
        )]
    };
    for (list, i, expected) in places {
        let got = on[list][i as usize][what].as_f64().unwrap();
        assert!(
            (got - expected).abs() <= tolerance,
            "{name}: {what} at {list}[{i}] is {got}, published {expected} (±{tolerance})"
        );
    }
}

#[test]
fn bad_input_for_the_chart_family() {
    let err = fails(&[
        "p",
        &data("numerator-too-big.csv"),
        "--numerator",
        "d",
        "--denominator",
        "n",
    ]);
    assert!(
        err.contains("line 3: numerator at index 1 (7) is larger than its denominator (5)"),
        "{err}"
    );
    let err = fails(&[
        "u",
        &data("zero-denominator.csv"),
        "--numerator",
        "d",
        "--denominator",
        "n",
    ]);
    assert!(
        err.contains("line 4: denominator at index 2 (0) is not positive"),
        "{err}"
    );
    let err = fails(&[
        "c",
        &data("negative.csv"),
        "--value",
        "d",
        "--label",
        "week",
    ]);
    assert!(
        err.contains("line 3: count at index 1 (-2) is negative"),
        "{err}"
    );
    let err = fails(&[
        "xbar-r",
        &data("split-subgroup.csv"),
        "--value",
        "x",
        "--subgroup",
        "g",
    ]);
    assert!(
        err.contains("line 6: subgroup \"a\" appears again"),
        "{err}"
    );
    let err = fails(&[
        "xbar-r",
        &data("split-subgroup.csv"),
        "--value",
        "x",
        "--subgroup",
        "g",
        "--label",
        "g",
    ]);
    assert!(err.contains("leave out --label"), "{err}");
    let err = fails(&["t", &data("zero-denominator.csv"), "--value", "n"]);
    assert!(
        err.contains("line 4: time between events at index 2 (0) is not positive"),
        "{err}"
    );
    let err = fails(&[
        "cusum",
        &data("shift.csv"),
        "--value",
        "value",
        "--rules",
        "nhs",
    ]);
    assert!(err.contains("only the limits rule"), "{err}");
    let err = fails(&[
        "ewma",
        &data("shift.csv"),
        "--value",
        "value",
        "--lambda",
        "2",
    ]);
    assert!(err.contains("lambda"), "{err}");
}

#[test]
fn capability_reports_the_statement_and_indices_of_the_latest_phase() {
    let file = repo("examples/repairs-days.csv").display().to_string();
    let report = json(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--label",
        "month",
        "--direction",
        "lower",
        "--phase-at",
        "2024-01-01",
        "--usl",
        "20",
        "--threshold",
        "14",
        "--unit",
        "days",
    ]);
    let statement = &report["statement"];
    assert_eq!(statement["phase"], 1);
    assert_eq!(statement["predictable"], true);
    assert!(statement["text"]
        .as_str()
        .unwrap()
        .starts_with("Predictable"));
    let chart = &report["chart"];
    let phase = &chart["phases"][1];
    assert_eq!(statement["upper"], phase["upper"]);
    assert_eq!(statement["average"], phase["centre"]);

    // The indices are the core's on the same phase's values, to the last bit.
    let values: Vec<f64> = chart["points"].as_array().unwrap()
        [phase["first"].as_u64().unwrap() as usize..]
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    let core = measures_core::capability::capability(
        &values,
        &measures_core::capability::Specification::upper(20.0),
        &Default::default(),
    )
    .unwrap();
    let indices = &report["indices"];
    assert_eq!(
        indices["cpk"]["value"].as_f64().unwrap(),
        core.cpk.unwrap().value
    );
    assert_eq!(
        indices["ppk"]["lower"].as_f64().unwrap(),
        core.ppk.unwrap().lower
    );
    assert_eq!(indices["cp"], serde_json::Value::Null);
    assert_eq!(report["within_threshold"]["total"], values.len());
    assert!(report["normality"]["p_value"].as_f64().unwrap() > 0.0);
}

#[test]
fn capability_without_limits_gives_the_statement_alone_and_names_signals() {
    let file = repo("examples/repairs-days.csv").display().to_string();
    let report = json(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--label",
        "month",
    ]);
    assert_eq!(report["indices"], serde_json::Value::Null);
    assert_eq!(report["statement"]["predictable"], false);
    let text = report["statement"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Not predictable") && text.contains("shift"),
        "{text}"
    );
}

#[test]
fn capability_bad_specifications_are_named() {
    let file = repo("examples/repairs-days.csv").display().to_string();
    let err = fails(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--lsl",
        "30",
        "--usl",
        "20",
    ]);
    assert!(err.contains("reversed"), "{err}");
    let err = fails(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--lsl",
        "20",
        "--usl",
        "20",
    ]);
    assert!(err.contains("equal"), "{err}");
    let err = fails(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--method",
        "percentile",
    ]);
    assert!(err.contains("need specification limits"), "{err}");
    let err = fails(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--threshold",
        "10",
        "--lsl",
        "1",
        "--usl",
        "30",
    ]);
    assert!(err.contains("needs a direction"), "{err}");
}

#[test]
fn capability_methods_percentile_and_box_cox() {
    let file = repo("examples/repairs-days.csv").display().to_string();
    let report = json(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--usl",
        "30",
        "--method",
        "percentile",
    ]);
    assert!(report["percentile"]["ppk"].as_f64().unwrap() > 0.0);
    assert!(report["percentile"]["notes"][0]
        .as_str()
        .unwrap()
        .contains("not predictable"));
    let report = json(&[
        "capability",
        &file,
        "--value",
        "mean_days",
        "--usl",
        "30",
        "--method",
        "box-cox",
        "--lambda",
        "0",
    ]);
    assert_eq!(report["box_cox"]["transform"]["lambda"], 0.0);
    assert!(
        (report["box_cox"]["indices"]["specification"]["upper"]
            .as_f64()
            .unwrap()
            - 30f64.ln())
        .abs()
            < 1e-15
    );
}

#[test]
fn demand_on_a_hand_built_log() {
    let report = json(&[
        "demand",
        &data("cases-small.csv"),
        "--period",
        "week",
        "--working-days",
        "england-and-wales",
        "--detail",
    ]);
    assert_eq!(report["cases"], 11);
    assert_eq!(report["open"]["count"], 1);
    assert_eq!(report["open"]["cases"][0]["id"], "4");
    let f = &report["failure_demand"];
    assert_eq!(
        (
            f["failure"].as_u64(),
            f["value"].as_u64(),
            f["unclassified"].as_u64()
        ),
        (Some(4), Some(6), Some(1))
    );
    let rates: Vec<f64> = f["chart"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    assert_eq!(rates, [0.25, 0.75, 0.0]);
    assert_eq!(report["pareto_failure"]["rows"][0]["demand_type"], "chase");
    assert_eq!(report["pareto_failure"]["rows"][0]["count"], 3);
    assert_eq!(report["end_to_end"]["closed"], 10);
    assert_eq!(report["flow"]["repeat_cases"], 4);
    assert_eq!(
        report["volume"]["chart"]["points"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Working days: case 7, Wed 14 Feb → Mon 19 Feb, is 3 working days.
    // The chart is in order of receipt, labelled by the date received; `ids` names
    // each point's case.
    let ids = report["end_to_end"]["ids"].as_array().unwrap();
    let seven = ids.iter().position(|id| id == "7").unwrap();
    let point = &report["end_to_end"]["chart"]["points"][seven];
    assert_eq!(point["value"], 3.0);
    assert_eq!(point["label"], "2024-02-14");
}

/// Issue 20: the JSON of a demand report stays small (charts summarised, no case
/// lists); the per-case detail goes to a CSV file asked for by name.
#[test]
fn demand_json_is_brief_and_cases_go_to_their_own_file() {
    let cases = std::env::temp_dir().join(format!("measures-cases-{}.csv", std::process::id()));
    let args = [
        "demand",
        &data("cases-small.csv"),
        "--working-days",
        "england-and-wales",
    ];
    let brief = json(&[&args[..], &["--cases", cases.to_str().unwrap()]].concat());
    let full = json(&[&args[..], &["--detail"]].concat());
    assert!(brief["end_to_end"].get("ids").is_none());
    assert!(brief["open"].get("cases").is_none());
    assert_eq!(brief["open"]["count"], full["open"]["count"]);
    let chart = &brief["end_to_end"]["chart"];
    assert_eq!(
        chart["points"].as_u64().unwrap() as usize,
        full["end_to_end"]["chart"]["points"]
            .as_array()
            .unwrap()
            .len()
    );
    assert_eq!(chart["phases"], full["end_to_end"]["chart"]["phases"]);
    assert_eq!(brief["summary"], full["summary"]);
    assert!(brief["end_to_end"]["capability"]["statement"]["text"].is_string());
    assert!(brief["end_to_end"]["capability"]["statement"]
        .get("signals")
        .is_none());
    // Case 7: Wed 14 Feb to Mon 19 Feb, 3 working days; case 4 is open.
    let text = std::fs::read_to_string(&cases).unwrap();
    let _ = std::fs::remove_file(&cases);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][0], "id");
    assert_eq!(rows.len(), 12);
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    assert_eq!(
        (row("7")[1], row("7")[2], row("7")[6]),
        ("2024-02-14", "2024-02-19", "3")
    );
    assert_eq!((row("4")[2], row("4")[6], row("4")[7]), ("", "", ""));
    assert!(row("7")[7].starts_with("common_cause") || row("7")[7].starts_with("special_cause"));
}

#[test]
fn demand_on_the_bundled_example() {
    let file = repo("examples/repairs-cases.csv").display().to_string();
    let out = measures(&[
        "demand",
        &file,
        "--working-days",
        "england-and-wales",
        "--change",
        "2025-01-06",
        "--format",
        "table",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("still open"), "{text}");
    assert!(text.contains("failure demand by type"));
}

/// Issue 22, item 4: `--unit COL` compares the units on funnels; `--unit` with a unit
/// of time still means `--time-unit`, as the flag once did.
#[test]
fn demand_compares_units_named_by_a_column() {
    let file = repo("examples/repairs-cases.csv").display().to_string();
    let r = json(&["demand", &file, "--unit", "patch", "--threshold", "10"]);
    let units = &r["units"];
    assert_eq!(units["units"].as_array().unwrap().len(), 5, "{units}");
    assert_eq!(units["threshold"], 10.0);
    let summary = units["failure_demand"]["summary"].as_str().unwrap();
    assert!(summary.contains("Harbour (worse)"), "{summary}");
    assert!(units["within_threshold"]["units"].is_array());
    let r = json(&["demand", &file, "--unit", "working-days"]);
    assert_eq!(r["options"]["unit"], "working_days");
    assert!(r["units"].is_null());
    let r = json(&["demand", &file, "--time-unit", "hours"]);
    assert_eq!(r["options"]["unit"], "hours");
    let err = fails(&["demand", &file, "--unit", "team"]);
    assert!(err.contains("team"), "{err}");
    let out = measures(&["demand", &file, "--unit", "patch", "--format", "table"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("failure demand by unit, ranked by z"),
        "{text}"
    );
}

/// Issue 23: `measures compare` on the bundled pilot example, and the demand report
/// with a pilot.
#[test]
fn compare_tells_a_pilot_from_the_rest() {
    let file = repo("examples/pilot-teams.csv").display().to_string();
    let base = [
        "compare",
        &file,
        "--unit",
        "team",
        "--date",
        "month",
        "--pilot",
        "North",
        "--change",
        "2024-07-01",
        "--direction",
        "lower",
    ];
    let r = json(
        &[
            &base[..],
            &["--numerator", "failures", "--denominator", "cases"],
        ]
        .concat(),
    );
    assert_eq!(r["verdict"], "pilot_changed", "{}", r["text"]);
    assert_eq!(r["pilot"]["units"], serde_json::json!(["North"]));
    assert_eq!(r["pilot"]["chart"]["chart_type"], "p");
    let r = json(&[&base[..], &["--value", "mean_days"]].concat());
    assert_eq!(r["verdict"], "pilot_changed");
    assert_eq!(r["pilot"]["chart"]["chart_type"], "xmr");
    // A usage error: both kinds of measure at once.
    let both = [
        &base[..],
        &["--value", "mean_days", "--numerator", "failures"],
    ]
    .concat();
    assert_eq!(measures(&both).status.code(), Some(2));
    let err = fails(&[
        "compare",
        &file,
        "--unit",
        "team",
        "--date",
        "month",
        "--pilot",
        "Nowhere",
        "--change",
        "2024-07-01",
        "--value",
        "mean_days",
    ]);
    assert!(err.contains("Nowhere not among the units"), "{err}");
    let log = repo("examples/repairs-cases.csv").display().to_string();
    let r = json(&[
        "demand",
        &log,
        "--unit",
        "patch",
        "--pilot",
        "Harbour",
        "--change",
        "2025-01-06",
    ]);
    assert_eq!(r["pilot"]["failure_demand"]["verdict"], "both_changed");
    let err = fails(&["demand", &log, "--unit", "patch", "--pilot", "Harbour"]);
    assert!(err.contains("the date the pilot"), "{err}");
}

#[test]
fn demand_bad_logs_name_the_line() {
    let err = fails(&["demand", &data("cases-closed-before.csv")]);
    assert!(
        err.contains("line 2") && err.contains("closed (2024-02-01) before it was received"),
        "{err}"
    );
    let err = fails(&["demand", &data("cases-bad-time.csv")]);
    assert!(
        err.contains("line 3") && err.contains("\"received\""),
        "{err}"
    );
    let err = fails(&["demand", &data("cases-bad-class.csv")]);
    assert!(err.contains("\"urgent\" is not a demand class"), "{err}");
    let err = fails(&["demand", &data("cases-small.csv"), "--id", "reference"]);
    assert!(err.contains("no column \"reference\""), "{err}");
    let err = fails(&["demand", &data("shift.csv")]);
    assert!(err.contains("no column"), "{err}");
}

#[test]
fn svg_and_report_files() {
    let dir = std::env::temp_dir().join(format!("measures-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("chart.svg");
    let file = repo("examples/repairs-days.csv").display().to_string();
    let out = measures(&[
        "xmr",
        &file,
        "--value",
        "mean_days",
        "--label",
        "month",
        "--svg",
        svg.to_str().unwrap(),
        "--title",
        "Days",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("<title id=\"chart-title\">Days</title>"));

    let html = dir.join("report.html");
    let out = measures(&["report", "-o", html.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("wrote"),
        "progress on stderr"
    );
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.matches("class=\"measures-chart").count() >= 6);
    assert!(text.contains("still open"));

    let bad = measures(&[
        "report",
        &data("cases-closed-before.csv"),
        "-o",
        html.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("before it was received"));
    let err = fails(&[
        "xmr",
        &file,
        "--value",
        "mean_days",
        "--svg",
        "/nonexistent-dir/x.svg",
    ]);
    assert!(err.contains("/nonexistent-dir/x.svg"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: subgroups were grouped with a linear search per row (100,000 groups
/// took 11.8 s); a hash set makes it linear. Not timed: it just has to finish.
#[test]
fn a_hundred_thousand_subgroups_are_grouped_in_one_pass() {
    let dir = std::env::temp_dir().join(format!("measures-groups-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("groups.csv");
    let mut text = String::from("sample,x\n");
    for g in 0..100_000 {
        text.push_str(&format!("{g},{}\n{g},{}\n", 10 + g % 7, 11 + g % 5));
    }
    std::fs::write(&file, text).unwrap();
    let out = measures(&[
        "xbar-r",
        file.to_str().unwrap(),
        "--value",
        "x",
        "--subgroup",
        "sample",
        "--format",
        "table",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A subgroup that comes back after others is still an error naming its line.
    std::fs::write(&file, "sample,x\na,1\na,2\nb,3\nb,4\na,5\na,6\n").unwrap();
    let err = fails(&[
        "xbar-r",
        file.to_str().unwrap(),
        "--value",
        "x",
        "--subgroup",
        "sample",
    ]);
    assert!(err.contains("line 6") && err.contains("\"a\""), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
