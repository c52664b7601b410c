//! A pilot against the rest (issue 23, item 2): known cases, and by simulation how
//! often each verdict is reached when the pilot alone changed, when the whole system
//! did, and when nothing did. The seeded tests run a few dozen seeds; the table in
//! `docs/compare.md` comes from the ignored test at the end:
//!
//! ```text
//! cargo test -p measures-core --release --test compare -- --ignored --nocapture
//! ```

use chrono::{Months, NaiveDate};
use measures_core::change::{compare, CompareData, CompareOptions, CompareVerdict, Holding};
use measures_core::demand::Period;
use measures_core::Direction;

mod common;
use common::Rng;

/// Monthly rows: `units` units over `months` months from January 2022, each row
/// the unit's value for the month (normal, σ 1, level 10), the pilot ("U0", "U1"
/// for two) moving by `pilot_shift` σ and the rest by `rest_shift` from month `at`.
struct Scenario {
    units: usize,
    pilots: usize,
    months: u32,
    at: u32,
    pilot_shift: f64,
    rest_shift: f64,
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
}

fn rows(s: &Scenario, rng: &mut Rng) -> (Vec<String>, Vec<NaiveDate>, Vec<f64>) {
    let (mut units, mut dates, mut values) = (vec![], vec![], vec![]);
    for m in 0..s.months {
        let day = start() + Months::new(m);
        for u in 0..s.units {
            let pilot = u < s.pilots;
            let shift = match (m >= s.at, pilot) {
                (false, _) => 0.0,
                (true, true) => s.pilot_shift,
                (true, false) => s.rest_shift,
            };
            units.push(format!("U{u}"));
            dates.push(day);
            // A group's point is the mean of its units' values: each unit's σ is
            // √(its group's size), so every group's point has σ 1 and the shifts
            // are in units of each group's own σ.
            let size = if pilot { s.pilots } else { s.units - s.pilots };
            values.push(10.0 + shift + (size as f64).sqrt() * rng.normal());
        }
    }
    (units, dates, values)
}

fn verdict(s: &Scenario, seed: u64) -> (CompareVerdict, f64) {
    let mut rng = Rng::seeded(&[
        seed,
        s.at as u64,
        (s.pilot_shift * 10.0) as u64,
        (s.rest_shift * 10.0) as u64,
    ]);
    let (units, dates, values) = rows(s, &mut rng);
    let c = compare(
        &CompareData {
            units: &units,
            dates: &dates,
            values: Some(&values),
            ratio: None,
        },
        &CompareOptions {
            pilot: (0..s.pilots).map(|u| format!("U{u}")).collect(),
            change: Some(start() + Months::new(s.at)),
            period: Period::Month,
            direction: Direction::LowerIsBetter,
            ..CompareOptions::default()
        },
    )
    .unwrap();
    (c.verdict, c.difference.estimate)
}

fn shares(s: &Scenario, seeds: u64) -> [f64; 4] {
    let mut counts = [0usize; 4];
    for seed in 0..seeds {
        let k = match verdict(s, seed).0 {
            CompareVerdict::PilotChanged => 0,
            CompareVerdict::BothChanged => 1,
            CompareVerdict::RestChanged => 2,
            CompareVerdict::NoChangeYet => 3,
        };
        counts[k] += 1;
    }
    counts.map(|c| c as f64 / seeds as f64)
}

fn scenario(pilot_shift: f64, rest_shift: f64, after: u32) -> Scenario {
    Scenario {
        units: 6,
        pilots: 1,
        months: 24 + after,
        at: 24,
        pilot_shift,
        rest_shift,
    }
}

#[test]
fn a_pilot_that_worked_is_told_from_a_system_that_moved() {
    // A 2σ fall in the pilot alone, 12 months on: "the pilot changed".
    let s = shares(&scenario(-2.0, 0.0, 12), 40);
    assert!(s[0] >= 0.8, "pilot only: {s:?}");
    // The whole system falls 2σ: "both changed".
    let s = shares(&scenario(-2.0, -2.0, 12), 40);
    assert!(s[1] >= 0.7, "both: {s:?}");
    // Nothing happens: "no sustained change yet", mostly.
    let s = shares(&scenario(0.0, 0.0, 12), 40);
    assert!(s[3] >= 0.75, "nothing: {s:?}");
}

#[test]
fn the_difference_in_differences_of_a_known_case() {
    // Pilot A: 10 then 7; rest B and C: 12 then 11. DiD = (7 − 10) − (11 − 12) = −2.
    let wiggle = [
        0.2, -0.1, 0.0, 0.1, -0.2, 0.1, -0.1, 0.0, 0.2, -0.2, 0.1, -0.1,
    ];
    let (mut units, mut dates, mut values) = (vec![], vec![], vec![]);
    for m in 0..30u32 {
        for (u, (before, after)) in [("A", (10.0, 7.0)), ("B", (12.0, 11.0)), ("C", (12.0, 11.0))] {
            units.push(u.to_string());
            dates.push(start() + Months::new(m));
            values.push(if m >= 18 { after } else { before } + wiggle[m as usize % 12]);
        }
    }
    let c = compare(
        &CompareData {
            units: &units,
            dates: &dates,
            values: Some(&values),
            ratio: None,
        },
        &CompareOptions {
            pilot: vec!["A".into()],
            change: Some(start() + Months::new(18)),
            direction: Direction::LowerIsBetter,
            ..CompareOptions::default()
        },
    )
    .unwrap();
    let wiggle_mean = |range: std::ops::Range<usize>| {
        range.clone().map(|m| wiggle[m % 12]).sum::<f64>() / range.len() as f64
    };
    let expected = -2.0;
    // The wiggles cancel between the groups (the same in each).
    assert!(
        (c.difference.estimate - expected).abs() < 1e-12,
        "{}",
        c.difference.estimate
    );
    assert!((c.pilot.before - (10.0 + wiggle_mean(0..18))).abs() < 1e-12);
    assert!((c.rest.after - (11.0 + wiggle_mean(18..30))).abs() < 1e-12);
    assert_eq!(c.verdict, CompareVerdict::BothChanged);
    assert_eq!(c.pilot.units, ["A"]);
    assert_eq!(c.rest.units, ["B", "C"]);
    assert_eq!(c.pilot.periods, [18, 12]);
    assert_eq!(c.pilot.holding, Holding::Holding);
    assert!(c.text.starts_with("Both changed"), "{}", c.text);
}

#[test]
fn no_change_yet_says_how_long_a_shift_of_that_size_takes() {
    // The pilot has moved by about 0.5σ for 4 months: too small and too soon.
    let mut rng = Rng::seeded(&[99]);
    let s = Scenario {
        units: 4,
        pilots: 1,
        months: 28,
        at: 24,
        pilot_shift: -0.5,
        rest_shift: 0.0,
    };
    let (units, dates, values) = rows(&s, &mut rng);
    let c = compare(
        &CompareData {
            units: &units,
            dates: &dates,
            values: Some(&values),
            ratio: None,
        },
        &CompareOptions {
            pilot: vec!["U0".into()],
            change: Some(start() + Months::new(24)),
            ..CompareOptions::default()
        },
    )
    .unwrap();
    assert_eq!(c.verdict, CompareVerdict::NoChangeYet, "{}", c.text);
    let delta = c.pilot.shift_sigma.abs();
    // Expected periods to a run of 7 at p = Φ(δ), less the 4 already seen.
    let p = 0.5 * libm_erfc(-delta / std::f64::consts::SQRT_2);
    let wait = (1.0 - p.powi(7)) / ((1.0 - p) * p.powi(7));
    assert!((c.periods_needed.unwrap() - (wait - 4.0).max(0.0)).abs() < 1e-9);
    assert!(c.text.contains("No sustained change yet"), "{}", c.text);
    assert_eq!(c.pilot.holding, Holding::TooEarly);
}

fn libm_erfc(x: f64) -> f64 {
    statrs::function::erf::erfc(x)
}

#[test]
fn ratios_are_charted_as_proportions_per_group() {
    let mut rng = Rng::seeded(&[5]);
    let (mut units, mut dates, mut num, mut den) = (vec![], vec![], vec![], vec![]);
    for m in 0..30u32 {
        for u in ["A", "B", "C", "D"] {
            let p = if u == "A" && m >= 18 { 0.2 } else { 0.35 };
            let cases = 300.0;
            let failed = (0..300).filter(|_| rng.uniform() < p).count() as f64;
            units.push(u.to_string());
            dates.push(start() + Months::new(m));
            num.push(failed);
            den.push(cases);
        }
    }
    let c = compare(
        &CompareData {
            units: &units,
            dates: &dates,
            values: None,
            ratio: Some((&num, &den)),
        },
        &CompareOptions {
            pilot: vec!["A".into()],
            change: Some(start() + Months::new(18)),
            direction: Direction::LowerIsBetter,
            ..CompareOptions::default()
        },
    )
    .unwrap();
    assert_eq!(c.pilot.chart.chart_type.name(), "p");
    assert_eq!(c.verdict, CompareVerdict::PilotChanged, "{}", c.text);
    let pooled = |u: &str, range: std::ops::Range<u32>| {
        let (mut a, mut b) = (0.0, 0.0);
        for i in 0..units.len() {
            let m = (i / 4) as u32;
            if units[i] == u && range.contains(&m) {
                a += num[i];
                b += den[i];
            }
        }
        a / b
    };
    assert!((c.pilot.after - pooled("A", 18..30)).abs() < 1e-12);
    assert!(c.text.contains("improved"), "{}", c.text);
}

#[test]
fn bad_comparisons_are_refused_by_name() {
    let units: Vec<String> = (0..30)
        .map(|i| if i % 2 == 0 { "A" } else { "B" }.to_string())
        .collect();
    let dates: Vec<NaiveDate> = (0..30).map(|i| start() + Months::new(i / 2)).collect();
    let values = vec![1.0; 30];
    let data = CompareData {
        units: &units,
        dates: &dates,
        values: Some(&values),
        ratio: None,
    };
    let with = |pilot: &[&str], change: NaiveDate| CompareOptions {
        pilot: pilot.iter().map(|s| s.to_string()).collect(),
        change: Some(change),
        ..CompareOptions::default()
    };
    let err = compare(&data, &with(&["Z"], start() + Months::new(10))).unwrap_err();
    assert!(err.to_string().contains("Z not among the units"), "{err}");
    let err = compare(&data, &with(&["A", "B"], start() + Months::new(10))).unwrap_err();
    assert!(err.to_string().contains("no one to compare"), "{err}");
    let err = compare(&data, &with(&["A"], start() + Months::new(40))).unwrap_err();
    assert!(err.to_string().contains("outside the data"), "{err}");
    let err = compare(&data, &with(&["A"], start() + Months::new(3))).unwrap_err();
    assert!(err.to_string().contains("baseline"), "{err}");
}

#[test]
#[ignore]
fn full_table() {
    println!("| pilot shift | rest shift | months after | pilot changed | both changed | rest changed | no change yet |");
    println!("|---|---|---|---|---|---|---|");
    for (p, r) in [
        (0.0, 0.0),
        (-1.0, 0.0),
        (-1.5, 0.0),
        (-2.0, 0.0),
        (-2.0, -2.0),
        (-1.5, -1.5),
        (0.0, -2.0),
    ] {
        for after in [6, 12, 24] {
            let s = shares(&scenario(p, r, after), 500);
            println!(
                "| {p:+.1}σ | {r:+.1}σ | {after} | {:.1}% | {:.1}% | {:.1}% | {:.1}% |",
                s[0] * 100.0,
                s[1] * 100.0,
                s[2] * 100.0,
                s[3] * 100.0
            );
        }
    }
}
