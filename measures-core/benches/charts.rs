//! Criterion benchmarks of every chart type over series of 10³ to 10⁷ points, and of
//! capability and the demand report.
//! Run: `cargo bench -p measures-core` (add `-- xmr` to pick one group).
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use measures_core::AttributeOptions;
use measures_core::{cusum_chart, CusumOptions};
use measures_core::{ewma_chart, EwmaOptions};
use measures_core::{g_chart, t_chart};
use measures_core::{run_chart, xmr_chart, ChartOptions, Series, XmrOptions};
use measures_core::{xbar_r_chart, xbar_s_chart, SubgroupOptions, Subgroups};

/// A deterministic positive series in control: uniform noise on 100..110 (an LCG,
/// so no RNG crate is needed). The examples time the same series.
fn series(n: usize) -> Vec<f64> {
    noise(n, 0.0)
}

/// The same noise drifting up by 0.01 every 1,000 points: over 10⁷ points it climbs
/// ten times its spread, so most points are special causes (a stress case: millions
/// of signals).
fn drifting(n: usize) -> Vec<f64> {
    noise(n, 0.01)
}

fn noise(n: usize, drift_per_thousand: f64) -> Vec<f64> {
    let mut state: u64 = 0x2545F4914F6CDD1D;
    (0..n)
        .map(|i| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = (state >> 11) as f64 / (1u64 << 53) as f64;
            100.0 + 10.0 * noise + (i / 1000) as f64 * drift_per_thousand
        })
        .collect()
}

/// n = 10³ … 10⁷ (set MEASURES_BENCH_MAX to stop earlier, e.g. 1000000).
fn sizes() -> Vec<usize> {
    let max: usize = std::env::var("MEASURES_BENCH_MAX")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(10_000_000);
    [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect()
}

fn charts(c: &mut Criterion) {
    let options = ChartOptions::default();
    let attr = AttributeOptions::default();
    let mut group = c.benchmark_group("charts");
    group.sample_size(10);
    for n in sizes() {
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
            b.iter(|| xmr_chart(s(), &options, &XmrOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("run_anhoej", n), |b| {
            b.iter(|| run_chart(s(), &options).unwrap())
        });
        group.bench_function(BenchmarkId::new("p", n), |b| {
            b.iter(|| measures_core::p_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("p_prime", n), |b| {
            b.iter(|| measures_core::p_prime_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("u", n), |b| {
            b.iter(|| measures_core::u_chart(ratio(), &options, &attr).unwrap())
        });
        group.bench_function(BenchmarkId::new("c", n), |b| {
            b.iter(|| {
                measures_core::c_chart(Series::new(&counts).unwrap(), &options, &attr).unwrap()
            })
        });
        group.bench_function(BenchmarkId::new("t", n), |b| {
            b.iter(|| t_chart(s(), &options, &XmrOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("g", n), |b| {
            b.iter(|| g_chart(s(), &options, &Default::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("cusum", n), |b| {
            b.iter(|| cusum_chart(s(), &options, &CusumOptions::default()).unwrap())
        });
        group.bench_function(BenchmarkId::new("ewma", n), |b| {
            b.iter(|| ewma_chart(s(), &options, &EwmaOptions::default()).unwrap())
        });
        let sizes = vec![5usize; n / 5];
        group.bench_function(BenchmarkId::new("xbar_r_n5", n), |b| {
            b.iter(|| {
                xbar_r_chart(
                    Subgroups::new(&v, &sizes).unwrap(),
                    &options,
                    &SubgroupOptions::default(),
                )
                .unwrap()
            })
        });
        group.bench_function(BenchmarkId::new("xbar_s_n5", n), |b| {
            b.iter(|| {
                xbar_s_chart(
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

/// Capability indices and statement, and the whole demand report of a synthetic log
/// (cases arriving through 2024–2025, a tenth still open).
fn capability_and_demand(c: &mut Criterion) {
    use measures_core::capability::{
        capability, capability_report, CapabilityOptions, ReportOptions, Specification,
    };
    use measures_core::demand::calendar::Nation;
    use measures_core::demand::time::Timestamp;
    use measures_core::demand::{
        demand_report, Case, CaseLog, DemandClass, DemandOptions, TimeUnit,
    };

    let mut group = c.benchmark_group("capability_demand");
    group.sample_size(10);
    for n in sizes() {
        let v = series(n);
        group.throughput(Throughput::Elements(n as u64));
        let spec = Specification::new(Some(90.0), Some(120.0), None).unwrap();
        group.bench_with_input(BenchmarkId::new("capability", n), &v, |b, v| {
            b.iter(|| capability(black_box(v), &spec, &CapabilityOptions::default()).unwrap())
        });
        let chart = xmr_chart(
            Series::new(&v).unwrap(),
            &ChartOptions::default(),
            &XmrOptions::default(),
        )
        .unwrap();
        let report = ReportOptions {
            specification: Some(spec),
            threshold: Some(105.0),
            direction: measures_core::Direction::LowerIsBetter,
            ..Default::default()
        };
        group.bench_with_input(
            BenchmarkId::new("capability_report", n),
            &chart,
            |b, chart| b.iter(|| capability_report(black_box(chart), &report).unwrap()),
        );

        let start = Timestamp::parse("2024-01-01T08:00:00Z")
            .unwrap()
            .utc_seconds;
        let span = 2 * 365 * 86_400i64;
        let cases: Vec<Case> = v
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let received = start + span * i as i64 / n as i64;
                let at = |secs: i64| {
                    Timestamp::from_utc(
                        chrono::DateTime::from_timestamp(secs, 0)
                            .unwrap()
                            .naive_utc(),
                    )
                };
                let closed = (i % 10 != 0).then(|| at(received + ((x - 95.0) * 86_400.0) as i64));
                let class = if i % 3 == 0 {
                    DemandClass::Failure
                } else {
                    DemandClass::Value
                };
                let mut case = Case::new(format!("C{i}"), at(received), closed, class);
                case.demand_type = Some(["repair", "damp", "chase", "gas"][i % 4].to_string());
                case.channel = Some(["phone", "web"][i % 2].to_string());
                case
            })
            .collect();
        let log = CaseLog::new(cases).unwrap();
        let options = DemandOptions {
            unit: TimeUnit::WorkingDays,
            nation: Some(Nation::EnglandAndWales),
            ..Default::default()
        };
        group.bench_with_input(BenchmarkId::new("demand_report", n), &log, |b, log| {
            b.iter(|| demand_report(black_box(log), &options).unwrap())
        });
    }
    group.finish();
}

/// An XmR chart with the NHS rules over 10⁷ points beside the least any XmR must do:
/// one pass that reads the input (mean and moving ranges) and one that writes the
/// limits. Issue 9's target: within 3× of it.
fn xmr_against_one_pass(c: &mut Criterion) {
    let n = 10_000_000;
    let v = series(n);
    let mut group = c.benchmark_group("xmr_10m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("one_pass_limits", |b| {
        b.iter(|| {
            let v = black_box(&v);
            let (mut sum, mut mr) = (0.0, 0.0);
            for i in 0..v.len() {
                sum += v[i];
                if i > 0 {
                    mr += (v[i] - v[i - 1]).abs();
                }
            }
            let centre = sum / n as f64;
            let half = 2.66 * mr / (n - 1) as f64;
            let upper = vec![centre + half; n];
            let lower = vec![centre - half; n];
            black_box((upper, lower))
        })
    });
    // What the chart must return besides its verdicts: a copy of the values (its own
    // `values`) and the moving ranges (its companion's), each as large as the input.
    group.bench_function("copy_input_twice", |b| {
        b.iter(|| {
            let v = black_box(&v);
            let values = v.to_vec();
            let moving_ranges: Vec<f64> = v.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
            black_box((values, moving_ranges))
        })
    });
    group.bench_function("xmr_nhs_rules", |b| {
        b.iter(|| {
            xmr_chart(
                Series::new(black_box(&v)).unwrap(),
                &ChartOptions::default(),
                &XmrOptions::default(),
            )
            .unwrap()
        })
    });
    let d = drifting(n);
    group.bench_function("xmr_nhs_rules_drifting", |b| {
        b.iter(|| {
            xmr_chart(
                Series::new(black_box(&d)).unwrap(),
                &ChartOptions::default(),
                &XmrOptions::default(),
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, charts, capability_and_demand, xmr_against_one_pass);
criterion_main!(benches);
