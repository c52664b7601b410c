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

/// SplitMix64 with Box–Muller normals and Marsaglia–Tsang gammas.
pub struct Rng(pub u64);

impl Rng {
    /// A generator for one simulated case, named by its parts (seed, size, …):
    /// the parts are mixed by SplitMix64's finaliser, so neighbouring seeds start far
    /// apart in the sequence instead of one step along it.
    pub fn seeded(parts: &[u64]) -> Rng {
        let mix = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng(parts.iter().fold(0x5EED_u64, |h, &p| {
            mix(h ^ mix(p.wrapping_add(0x9E37_79B9_7F4A_7C15)))
        }))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    /// Gamma(shape ≥ 1, scale 1): Marsaglia & Tsang (2000).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v > 0.0 && self.uniform().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
}
