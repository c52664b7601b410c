//! Suggested phases (issue 23), by simulation: on stable series no suggestion in at
//! least 90% of seeds; a sustained 1.5σ shift at a random point, with at least 12
//! points before and after it, found within ±3 points in at least 90%. The seeded
//! tests below run a few dozen seeds per setting in every test run; the full table
//! in `docs/phase-suggestions.md` comes from the ignored test at the end:
//!
//! ```text
//! cargo test -p measures-core --release --test phase_suggestions -- --ignored --nocapture
//! ```

use measures_core::change::{suggest_phases, PhaseSuggestions, SuggestOptions};
use measures_core::{ChartOptions, ChartSpec, ChartType, Series};

mod common;
use common::Rng;

/// The charts simulated: the measure each draws and the chart it is read on.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// Normal values on an XmR chart.
    Xmr,
    /// Normal values on a run chart (median, Anhøj's rules).
    Run,
    /// Proportions of 200 cases, about 30%, on a p chart.
    P,
    /// Log-normal times (σ of the log 0.5) on an XmR chart: skewed, as waits are.
    SkewedXmr,
}

impl Kind {
    fn spec(self) -> ChartSpec {
        ChartSpec::of(match self {
            Kind::Xmr | Kind::SkewedXmr => ChartType::Xmr,
            Kind::Run => ChartType::Run,
            Kind::P => ChartType::P,
        })
        .unwrap()
    }
}

/// A series of `n` points of `kind` with a shift of `size` σ from point `at` on.
fn series(
    kind: Kind,
    n: usize,
    at: usize,
    size: f64,
    rng: &mut Rng,
) -> (Vec<f64>, Option<Vec<f64>>) {
    match kind {
        Kind::Xmr | Kind::Run => (
            (0..n)
                .map(|i| rng.normal() + if i >= at { size } else { 0.0 })
                .collect(),
            None,
        ),
        Kind::SkewedXmr => (
            (0..n)
                .map(|i| (0.5 * (rng.normal() + if i >= at { size } else { 0.0 })).exp())
                .collect(),
            None,
        ),
        Kind::P => {
            let cases = 200.0;
            let base: f64 = 0.3;
            let sd = (base * (1.0 - base) / cases).sqrt();
            let counts = (0..n)
                .map(|i| {
                    let p = base + if i >= at { size * sd } else { 0.0 };
                    (0..cases as usize).filter(|_| rng.uniform() < p).count() as f64
                })
                .collect();
            (counts, Some(vec![cases; n]))
        }
    }
}

fn suggested(kind: Kind, values: &[f64], denominators: Option<&[f64]>) -> PhaseSuggestions {
    let mut s = Series::new(values).unwrap();
    if let Some(d) = denominators {
        s = s.with_denominators(d).unwrap();
    }
    suggest_phases(
        &kind.spec(),
        s.into(),
        &ChartOptions::default(),
        &SuggestOptions::default(),
    )
    .unwrap()
}

/// Share of seeds with no suggestion on a stable series of `n` points.
fn quiet(kind: Kind, n: usize, seeds: u64) -> f64 {
    let calm = (0..seeds)
        .filter(|&seed| {
            let mut rng = Rng::seeded(&[1, seed, n as u64, kind as u64]);
            let (v, d) = series(kind, n, n, 0.0, &mut rng);
            suggested(kind, &v, d.as_deref()).suggestions.is_empty()
        })
        .count();
    calm as f64 / seeds as f64
}

/// Share of seeds in which a 1.5σ shift at a random point (12 or more points either
/// side) is suggested within ±3 points; and the share with a suggestion elsewhere too.
fn found(kind: Kind, n: usize, seeds: u64) -> (f64, f64) {
    let (mut hits, mut extra) = (0, 0);
    for seed in 0..seeds {
        let mut rng = Rng::seeded(&[2, seed, n as u64, kind as u64]);
        let at = 12 + (rng.uniform() * (n - 23) as f64) as usize;
        let (v, d) = series(kind, n, at, 1.5, &mut rng);
        let s = suggested(kind, &v, d.as_deref());
        let near = |start: usize| start.abs_diff(at) <= 3;
        if s.suggestions.iter().any(|x| near(x.start)) {
            hits += 1;
        }
        if s.suggestions.iter().any(|x| !near(x.start)) {
            extra += 1;
        }
    }
    (hits as f64 / seeds as f64, extra as f64 / seeds as f64)
}

const KINDS: [Kind; 4] = [Kind::Xmr, Kind::Run, Kind::P, Kind::SkewedXmr];

#[test]
fn stable_series_get_no_suggestion() {
    for kind in KINDS {
        for n in [24, 100, 400] {
            let share = quiet(kind, n, 60);
            assert!(share >= 0.9, "{kind:?} n={n}: quiet in {share}");
        }
    }
}

#[test]
fn a_sustained_shift_is_found_where_it_began() {
    // The full table: at least 90% from 100 points (XmR, p) and 250 (run charts);
    // fewer at 24 and 50 points, where 12 points often hold no run of 7.
    for (kind, n) in [
        (Kind::Xmr, 100),
        (Kind::P, 100),
        (Kind::Xmr, 400),
        (Kind::Run, 400),
    ] {
        let (share, _) = found(kind, n, 60);
        assert!(share >= 0.85, "{kind:?} n={n}: found in {share}");
    }
    for (kind, n) in [(Kind::Xmr, 24), (Kind::Xmr, 50)] {
        let (share, _) = found(kind, n, 60);
        assert!(share >= 0.7, "{kind:?} n={n}: found in {share}");
    }
}

#[test]
fn suggestions_carry_their_evidence_and_respect_given_phases() {
    // Two steps: 10 → 14 at 40, 14 → 11 at 80; given a phase at 40 already, only
    // the second is suggested, and the starts returned hold both.
    let mut rng = Rng::seeded(&[7]);
    let values: Vec<f64> = (0..120)
        .map(|i| {
            (if i < 40 {
                10.0
            } else if i < 80 {
                14.0
            } else {
                11.0
            }) + rng.normal() * 0.8
        })
        .collect();
    let spec = Kind::Xmr.spec();
    let all = suggest_phases(
        &spec,
        Series::new(&values).unwrap().into(),
        &ChartOptions::default(),
        &SuggestOptions::default(),
    )
    .unwrap();
    let starts: Vec<usize> = all.suggestions.iter().map(|s| s.start).collect();
    assert_eq!(starts.len(), 2, "{:?}", all.suggestions);
    assert!(
        starts[0].abs_diff(40) <= 2 && starts[1].abs_diff(80) <= 2,
        "{starts:?}"
    );
    let first = &all.suggestions[0];
    assert!(first.centre_after > first.centre_before + 3.0 && first.z >= 3.0);
    assert!(first.text.contains("sustained"), "{}", first.text);
    let given = ChartOptions {
        phase_starts: vec![40],
        ..ChartOptions::default()
    };
    let rest = suggest_phases(
        &spec,
        Series::new(&values).unwrap().into(),
        &given,
        &SuggestOptions::default(),
    )
    .unwrap();
    assert_eq!(rest.suggestions.len(), 1);
    assert!(rest.suggestions[0].start.abs_diff(80) <= 2);
    assert_eq!(rest.phase_starts, vec![40, rest.suggestions[0].start]);
}

#[test]
fn cumulative_charts_are_refused() {
    let values = [1.0, 2.0, 3.0, 4.0];
    let err = suggest_phases(
        &ChartSpec::of(ChartType::Cusum).unwrap(),
        Series::new(&values).unwrap().into(),
        &ChartOptions::default(),
        &SuggestOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("cusum"), "{err}");
}

#[test]
#[ignore]
fn full_table() {
    println!("| chart | points | stable: no suggestion | 1.5σ shift: found ±3 | also elsewhere |");
    println!("|---|---|---|---|---|");
    for kind in KINDS {
        for n in [24, 50, 100, 250, 1000] {
            let seeds = if n >= 1000 { 200 } else { 500 };
            let q = quiet(kind, n, seeds);
            let (f, e) = found(kind, n, seeds);
            println!(
                "| {kind:?} | {n} | {:.1}% | {:.1}% | {:.1}% |",
                q * 100.0,
                f * 100.0,
                e * 100.0
            );
        }
    }
}
