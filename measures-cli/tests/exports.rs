//! Files that look like what councils export (tests/data/exports/), read as a user
//! means them or refused naming the row (issue 17). Each test is one rule of the
//! reader; the same files are read from Python in python/tests/test_exports.py.

use std::path::PathBuf;
use std::process::{Command, Output};

fn export(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/exports")
        .join(name)
        .display()
        .to_string()
}

fn measures(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_measures"))
        .args(args)
        .output()
        .expect("the measures binary runs")
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

fn fails(args: &[&str]) -> String {
    let out = measures(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

fn values(chart: &serde_json::Value) -> Vec<Option<f64>> {
    chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64())
        .collect()
}

fn labels(chart: &serde_json::Value) -> Vec<String> {
    chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap().to_string())
        .collect()
}

fn notes(chart: &serde_json::Value) -> String {
    chart["notes"].to_string()
}

#[test]
fn semicolons_thousands_separators_and_dd_mm_yyyy_are_read() {
    let f = export("semicolon-thousands.csv");
    // Semicolon-delimited, CRLF, "1,948" quoted, headers matched ignoring case and spaces.
    let chart = json(&[
        "xmr",
        &f,
        "--value",
        "repairs completed",
        "--label",
        "MONTH",
    ]);
    assert_eq!(values(&chart)[0], Some(1948.0));
    assert_eq!(labels(&chart)[..2], ["2024-01-01", "2024-02-01"]);
    // The delimiter can be forced; a wrong one finds no such column.
    let err = fails(&[
        "xmr",
        &f,
        "--value",
        "repairs_completed",
        "--delimiter",
        ",",
    ]);
    assert!(err.contains("no column"), "{err}");
}

#[test]
fn missing_tokens_are_gaps_and_blank_rows_are_counted() {
    let f = export("missing-tokens.csv");
    let chart = json(&[
        "xmr",
        &f,
        "--value",
        "calls answered %",
        "--label",
        "week_commencing",
    ]);
    let v = values(&chart);
    // NA, n/a, -, null, empty and N/A are all missing: six gaps.
    assert_eq!(v.iter().filter(|x| x.is_none()).count(), 6);
    assert_eq!(v.len(), 20);
    let n = notes(&chart);
    assert!(n.contains("6 missing values are kept as gaps"), "{n}");
    assert!(
        n.contains("2 rows of the file had every field empty"),
        "{n}"
    );
}

#[test]
fn tabs_are_found() {
    let chart = json(&[
        "c",
        &export("tab-delimited.tsv"),
        "--value",
        "complaints",
        "--label",
        "period",
    ]);
    assert_eq!(values(&chart)[2], Some(17.0));
}

#[test]
fn newest_first_exports_are_read_oldest_first_with_a_note() {
    let chart = json(&[
        "xmr",
        &export("newest-first-ddmmyyyy.csv"),
        "--value",
        "falls",
        "--label",
        "report date",
    ]);
    assert_eq!(labels(&chart)[0], "2023-11-30");
    assert_eq!(values(&chart)[0], Some(5.0));
    assert!(notes(&chart).contains("newest first"), "{}", notes(&chart));
    // --phase-at takes a date in the file's own form.
    let chart = json(&[
        "xmr",
        &export("newest-first-ddmmyyyy.csv"),
        "--value",
        "falls",
        "--label",
        "report date",
        "--phase-at",
        "31/03/2024",
    ]);
    assert_eq!(chart["phases"][1]["first"], 4);
}

#[test]
fn two_digit_years_are_refused_naming_the_row() {
    let err = fails(&[
        "xmr",
        &export("two-digit-years.csv"),
        "--value",
        "missed bins",
        "--label",
        "month",
    ]);
    assert!(
        err.contains("line 2") && err.contains("two-digit year"),
        "{err}"
    );
}

#[test]
fn spreadsheet_serial_dates_are_dates() {
    let f = export("excel-serial-cases.csv");
    let out = json(&[
        "demand",
        &f,
        "--id",
        "case_id",
        "--received",
        "date_received",
        "--closed",
        "date_closed",
        "--type",
        "demand type",
        "--class",
        "value/failure",
    ]);
    assert_eq!(out["from"]["local_date"], "2024-01-01");
    assert_eq!(out["open"]["count"], 1);
}

#[test]
fn missing_closed_dates_are_open_cases_and_missing_received_dates_are_errors() {
    let f = export("na-closed-cases.csv");
    let out = json(&[
        "demand",
        &f,
        "--id",
        "Case ID",
        "--received",
        "Date Received",
        "--closed",
        "Date Closed",
        "--type",
        "Demand Type",
        "--class",
        "Value/Failure",
    ]);
    // NA, N/A and - closed: three open cases; the two ",,,," rows are counted.
    assert_eq!(out["open"]["count"], 3);
    assert!(out["notes"]
        .to_string()
        .contains("2 rows of the file had every field empty"));
    let err = fails(&["demand", &export("missing-received-cases.csv")]);
    assert!(
        err.contains("line 3") && err.contains("received is missing"),
        "{err}"
    );
}

#[test]
fn a_mistyped_year_is_an_error_naming_the_row_not_a_gigabyte_of_output() {
    let err = fails(&["demand", &export("mistyped-year-cases.csv")]);
    assert!(
        err.contains("line 3") && err.contains("0024-02-29"),
        "{err}"
    );
    // The span is the user's to set: narrowed, it refuses the 2024 cases too.
    let err = fails(&[
        "demand",
        &export("na-closed-cases.csv"),
        "--id",
        "case id",
        "--received",
        "date received",
        "--closed",
        "date closed",
        "--years",
        "2025:2030",
    ]);
    assert!(err.contains("outside the years 2025 to 2030"), "{err}");
}

#[test]
fn duplicate_header_names_are_an_error_listing_them() {
    let err = fails(&["xmr", &export("duplicate-headers.csv"), "--value", "value"]);
    assert!(
        err.contains("(column 2)") && err.contains("(column 3)"),
        "{err}"
    );
}

#[test]
fn change_dates_are_read_in_the_files_forms_and_must_fall_in_the_log() {
    let f = export("na-closed-cases.csv");
    let base = [
        "demand",
        f.as_str(),
        "--id",
        "case id",
        "--received",
        "date received",
        "--closed",
        "date closed",
    ];
    let mut args = base.to_vec();
    args.extend(["--change", "05/01/2024"]);
    let out = json(&args);
    assert_eq!(out["options"]["changes"][0], "2024-01-05");
    let mut args = base.to_vec();
    args.extend(["--change", "2030-01-01"]);
    let err = fails(&args);
    assert!(err.contains("2030-01-01 is outside the log"), "{err}");
}

#[test]
fn events_become_points_per_period() {
    let f = export("events.csv");
    // Mean days per month; the first and last months are incomplete and excluded.
    let chart = json(&[
        "xmr",
        &f,
        "--date",
        "logged",
        "--value",
        "days to resolve",
        "--period",
        "month",
    ]);
    let points = chart["points"].as_array().unwrap();
    assert_eq!(points.len(), 6);
    assert_eq!(points[0]["excluded"], true);
    assert_eq!(points[5]["excluded"], true);
    assert_eq!(points[1]["excluded"], false);
    assert!(notes(&chart).contains("had no value and were left out of the mean"));
    // Counts per week on a c chart, weeks starting Monday.
    let chart = json(&["c", &f, "--date", "logged"]);
    assert_eq!(labels(&chart)[0], "2024-01-01");
    // The share of failure demand per week on a p chart.
    let chart = json(&[
        "p",
        &f,
        "--date",
        "logged",
        "--class",
        "class",
        "--failure",
        "failure",
    ]);
    for p in chart["points"].as_array().unwrap() {
        let share = p["value"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share));
    }
    assert!(notes(&chart).contains("had no class"));
    // --label and --date do not go together.
    let out = measures(&["xmr", &f, "--date", "logged", "--label", "class"]);
    assert_eq!(out.status.code(), Some(1));
}
