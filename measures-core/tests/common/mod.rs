//! The published datasets of `tests/known/*.json`, for tests that check relations
//! on them beyond the published numbers (which `known.rs` checks).

#![allow(dead_code)] // each test file uses what it needs

use serde_json::Value;
use std::path::PathBuf;

/// A dataset file of tests/known, by its name without `.json`.
pub fn known(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/known")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A dataset's numbers (`values` or `denominators`).
pub fn known_numbers(name: &str, field: &str) -> Vec<f64> {
    known(name)[field]
        .as_array()
        .unwrap_or_else(|| panic!("{name} has no {field}"))
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// `actual` within `half_unit` of `expected`.
pub fn close(actual: f64, expected: f64, half_unit: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= half_unit,
        "{what}: got {actual}, expected {expected} (±{half_unit})"
    );
}
