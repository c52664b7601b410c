//! Criterion benchmarks of every chart type over series of 10³ to 10⁶ points.
//! Run: `cargo bench -p measures-core` (add `-- xmr` to pick one group).
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use measures_core::attribute::{self, AttributeOptions};
use measures_core::cusum::{cusum, CusumOptions};
use measures_core::ewma::{ewma, EwmaOptions};
use measures_core::rare::{g_chart, t_chart};
use measures_core::subgroup::{xbar_r, xbar_s, SubgroupOptions, Subgroups};
use measures_core::{run_chart, xmr, ChartOptions, Series, XmrOptions};

/// A deterministic, wandering, positive series (an LCG, so no RNG crate is needed).
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

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

fn charts(c: &mut Criterion) {
    let options = ChartOptions::default();
    let attr = AttributeOptions::default();
    let mut group = c.benchmark_group("charts");
    group.sample_size(10);
    for n in SIZES {
        let v = series(n);
        let counts: Vec<f64> = v.iter().map(|x| (x - 95.0).floor()).collect();
        let denominators = vec![120.0; n];
        group.throughput(Throughput::Elements(n as u64));
        let s = || Series::new(black_box(&v)).unwrap();
        let ratio = || {
            Series::new(black_box(&counts))
                .unwrap()
                .with_denominators(&denominators)
                .unwrap()
        };
        group.bench_function(BenchmarkId::new("xmr_nhs", n), |b| {
            b.iter(|| xmr(s(), &options, &XmrOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("run_anhoej", n), |b| {
            b.iter(|| run_chart(s(), &options).unwrap())
        });
        group.bench_function(BenchmarkId::new("p", n), |b| {
            b.iter(|| attribute::p_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("p_prime", n), |b| {
            b.iter(|| attribute::p_prime_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("u", n), |b| {
            b.iter(|| attribute::u_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("c", n), |b| {
            b.iter(|| attribute::c_chart(Series::new(&counts).unwrap(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("t", n), |b| {
            b.iter(|| t_chart(s(), &options, &XmrOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("g", n), |b| {
            b.iter(|| g_chart(s(), &options).unwrap())
        });
        group.bench_function(BenchmarkId::new("cusum", n), |b| {
            b.iter(|| cusum(s(), &options, &CusumOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("ewma", n), |b| {
            b.iter(|| ewma(s(), &options, &EwmaOptions::default()).unwrap())
        });
        let sizes = vec![5usize; n / 5];
        group.bench_function(BenchmarkId::new("xbar_r_n5", n), |b| {
            b.iter(|| {
                xbar_r(
                    Subgroups::new(&v, &sizes).unwrap(),
                    &options,
                    &SubgroupOptions::default(),
                )
                .unwrap()
            })
        });
        group.bench_function(BenchmarkId::new("xbar_s_n5", n), |b| {
            b.iter(|| {
                xbar_s(
                    Subgroups::new(&v, &sizes).unwrap(),
                    &options,
                    &SubgroupOptions::default(),
                )
                .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
