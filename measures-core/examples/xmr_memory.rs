//! Peak memory and time of one XmR chart with the NHS rules over many points, beside
//! the size of its input and output columns. Run under `/usr/bin/time -v`:
//! `cargo run --release -p measures-core --example xmr_memory -- 10000000`.
use measures_core::{xmr, ChartOptions, Series, XmrOptions};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let values: Vec<f64> = (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            100.0 + 10.0 * ((state >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect();
    let start = Instant::now();
    let chart = xmr(
        Series::new(&values).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let elapsed = start.elapsed();
    // The columns a caller receives: the chart's and its moving-range companion's.
    let columns = |c: &measures_core::Chart| {
        c.values.len() * 8 * 5 // values, centre, upper, lower, sigma
            + c.len() * (2 + 4 + 2 + 1) // clamp flags, phase, excluded and used, point type
    };
    let output = columns(&chart) + chart.companion.as_deref().map_or(0, columns);
    let input = n * 8;
    println!(
        "n = {n}: {:.3} s; input {:.0} MB, output columns {:.0} MB, input + output {:.0} MB; signals {}",
        elapsed.as_secs_f64(),
        input as f64 / 1e6,
        output as f64 / 1e6,
        (input + output) as f64 / 1e6,
        chart.signals.len()
    );
}
