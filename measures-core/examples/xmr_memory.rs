//! Peak memory and time of one XmR chart with the NHS rules over many points, beside
//! the size of its input and of what the chart holds. Run under `/usr/bin/time -v`:
//! `cargo run --release -p measures-core --example xmr_memory -- 10000000`
//! (add `--drift` for the drifting stress series, `REPEAT=5` to time repeated charts).
use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let drift = std::env::args().any(|a| a == "--drift");
    let values: Vec<f64> = (0..n)
        .map(|i| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = 100.0 + 10.0 * ((state >> 11) as f64 / (1u64 << 53) as f64);
            if drift {
                noise + (i / 1000) as f64 * 0.01
            } else {
                noise
            }
        })
        .collect();
    let repeats: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    for _ in 0..repeats {
        let start = Instant::now();
        let c = xmr_chart(
            Series::new(&values).unwrap(),
            &ChartOptions::default(),
            &XmrOptions::default(),
        )
        .unwrap();
        let t = start.elapsed();
        drop(c);
        eprintln!(
            "repeat: {:.6} s (drop {:.6})",
            t.as_secs_f64(),
            start.elapsed().as_secs_f64() - t.as_secs_f64()
        );
    }
    let start = Instant::now();
    let chart = xmr_chart(
        Series::new(&values).unwrap(),
        &ChartOptions::default(),
        &XmrOptions::default(),
    )
    .unwrap();
    let elapsed = start.elapsed();
    // What the chart holds (its and its moving-range companion's values, point types,
    // columns stored per point, and signals), and what the per-point columns come to
    // when a caller copies every one of them out (as arrays for pandas, say).
    fn stored<T: Copy + PartialEq>(c: &measures_core::Column<T>) -> usize {
        c.as_slice().map_or(0, std::mem::size_of_val)
    }
    let held = |c: &measures_core::Chart| {
        c.values.len() * 8
            + c.point_type.len()
            + stored(&c.centre)
            + stored(&c.upper)
            + stored(&c.lower)
            + stored(&c.sigma)
            + stored(&c.upper_clamped)
            + stored(&c.lower_clamped)
            + stored(&c.phase)
            + stored(&c.excluded)
            + stored(&c.used)
            + c.signals.iter().len() * std::mem::size_of::<measures_core::Signal>()
    };
    let expanded = |c: &measures_core::Chart| c.len() * (8 * 5 + 2 + 4 + 2 + 1);
    let output = held(&chart) + chart.companion.as_deref().map_or(0, held);
    let output_expanded = expanded(&chart) + chart.companion.as_deref().map_or(0, expanded);
    let input = n * 8;
    println!(
        "n = {n}: {:.3} s; input {:.0} MB, chart holds {:.0} MB (input + chart {:.0} MB); every per-point column copied out would be {:.0} MB; signals {}",
        elapsed.as_secs_f64(),
        input as f64 / 1e6,
        output as f64 / 1e6,
        (input + output) as f64 / 1e6,
        output_expanded as f64 / 1e6,
        chart.signals.len()
    );
}
