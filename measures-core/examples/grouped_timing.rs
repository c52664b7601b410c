//! Time one XmR chart per group for many small groups (every organisation × metric):
//! `cargo run --release -p measures-core --example grouped_timing -- 1000000 24`.
use measures_core::xmr_by_group;
use measures_core::{ChartOptions, XmrOptions};
use std::time::Instant;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (groups, size) = (
        args.first().copied().unwrap_or(1_000_000),
        args.get(1).copied().unwrap_or(24),
    );
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let values: Vec<f64> = (0..groups * size)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            100.0 + 10.0 * ((state >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect();
    let offsets: Vec<usize> = (0..=groups).map(|g| g * size).collect();
    let start = Instant::now();
    let charts = xmr_by_group(
        &values,
        &offsets,
        None,
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let elapsed = start.elapsed();
    let ok = charts.iter().filter(|c| c.is_ok()).count();
    println!(
        "{groups} groups of {size}: {:.3} s on {} threads ({ok} charts)",
        elapsed.as_secs_f64(),
        rayon_threads()
    );
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
