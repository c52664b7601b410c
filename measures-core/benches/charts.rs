//! Criterion benchmarks of the charts over series of 10³ to 10⁶ points.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use measures_core::{run_chart, xmr, ChartOptions, Series, XmrOptions};

/// A deterministic, wandering series (an LCG, so no RNG crate is needed).
fn series(n: usize) -> Vec<f64> {
    let mut state: u64 = 0x2545F4914F6CDD1D;
    (0..n)
        .map(|i| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = (state >> 11) as f64 / (1u64 << 53) as f64;
            100.0 + 10.0 * noise + (i / 1000) as f64 * 0.01
        })
        .collect()
}

fn charts(c: &mut Criterion) {
    let mut group = c.benchmark_group("charts");
    for n in [1_000usize, 100_000, 1_000_000] {
        let v = series(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("xmr_nhs", n), &v, |b, v| {
            b.iter(|| {
                xmr(
                    Series::new(black_box(v)).unwrap(),
                    &ChartOptions::default(),
                    &XmrOptions::default(),
                )
                .unwrap()
            })
        });
        group.bench_with_input(BenchmarkId::new("run_anhoej", n), &v, |b, v| {
            b.iter(|| {
                run_chart(Series::new(black_box(v)).unwrap(), &ChartOptions::default()).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
