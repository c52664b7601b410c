//! The rule engine against a plain reference: each rule written as its definition
//! reads ("any window of m points in which ..."), checking every window, and
//! compared point by point with the engine's one-pass, branch-free forms. The
//! series are drawn from a few values around the zone edges so that ties, runs,
//! points on the centre and points exactly on a limit all occur often.

// A list holding one phase range is what the rule engine takes, not a mistaken range-to-vec.
#![allow(clippy::single_range_in_vec_init)]

use measures_core::rules::{evaluate, signal_points, RuleInput, RunsAnalysis};
use measures_core::{Column, Rule, RuleConfig, RuleSet, Side};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::ops::Range;

/// Sigma 1 and limits ±3 around each phase's centre.
#[derive(Debug)]
struct Lines {
    centre: Vec<f64>,
}

impl Lines {
    fn c(&self, i: usize) -> f64 {
        self.centre[i]
    }
}

/// (rule, side as -1/0/1, point) for every point a rule marks.
type Marks = BTreeSet<(Rule, i8, usize)>;

fn code(side: Option<Side>) -> i8 {
    match side {
        Some(Side::High) => 1,
        Some(Side::Low) => -1,
        None => 0,
    }
}

fn mark_windows(
    marks: &mut Marks,
    phase: &Range<usize>,
    m: usize,
    rule: Rule,
    side: Option<Side>,
    window_fires: impl Fn(Range<usize>) -> bool,
    marked: impl Fn(usize) -> bool,
) {
    if phase.len() < m {
        return;
    }
    for a in phase.start..=phase.end - m {
        if window_fires(a..a + m) {
            for i in a..a + m {
                if marked(i) {
                    marks.insert((rule, code(side), i));
                }
            }
        }
    }
}

/// Every rule of `set` by its definition, window by window.
fn reference(v: &[f64], lines: &Lines, phases: &[Range<usize>], set: RuleSet) -> Marks {
    let mut marks = Marks::new();
    let d = |i: usize| v[i] - lines.c(i);
    let sides = [(Side::High, 1.0), (Side::Low, -1.0)];
    let (shift, trend) = match set {
        RuleSet::Nhs => (7, Some(7)),
        RuleSet::WesternElectric => (8, None),
        RuleSet::Nelson => (9, Some(6)),
        _ => unreachable!(),
    };
    for phase in phases {
        for i in phase.clone() {
            if d(i) > 3.0 {
                marks.insert((Rule::OutsideLimits, 1, i));
            } else if d(i) < -3.0 {
                marks.insert((Rule::OutsideLimits, -1, i));
            }
        }
        for (side, sign) in sides {
            mark_windows(
                &mut marks,
                phase,
                shift,
                Rule::Shift,
                Some(side),
                |w| w.clone().all(|i| sign * d(i) > 0.0),
                |_| true,
            );
            if let Some(t) = trend {
                mark_windows(
                    &mut marks,
                    phase,
                    t,
                    Rule::Trend,
                    Some(side),
                    |w| (w.start + 1..w.end).all(|i| sign * (v[i] - v[i - 1]) > 0.0),
                    |_| true,
                );
            }
            // Two of three beyond 2 sigma; NHS counts only points inside the limits and
            // needs all three on the same side of the centre.
            let nhs = set == RuleSet::Nhs;
            let beyond2 = |i: usize| sign * d(i) > 2.0 && (!nhs || d(i).abs() <= 3.0);
            mark_windows(
                &mut marks,
                phase,
                3,
                Rule::TwoOfThree,
                Some(side),
                |w| {
                    w.clone().filter(|&i| beyond2(i)).count() >= 2
                        && (!nhs || w.clone().all(|i| sign * d(i) > 0.0))
                },
                beyond2,
            );
            if !nhs {
                let beyond1 = |i: usize| sign * d(i) > 1.0;
                mark_windows(
                    &mut marks,
                    phase,
                    5,
                    Rule::FourOfFive,
                    Some(side),
                    |w| w.clone().filter(|&i| beyond1(i)).count() >= 4,
                    beyond1,
                );
            }
        }
        if set == RuleSet::Nelson {
            mark_windows(
                &mut marks,
                phase,
                14,
                Rule::Alternating,
                None,
                |w| {
                    (w.start + 1..w.end).all(|i| v[i] != v[i - 1])
                        && (w.start + 2..w.end).all(|i| (v[i] > v[i - 1]) != (v[i - 1] > v[i - 2]))
                },
                |_| true,
            );
            mark_windows(
                &mut marks,
                phase,
                15,
                Rule::Stratification,
                None,
                |w| w.clone().all(|i| d(i).abs() < 1.0),
                |_| true,
            );
            mark_windows(
                &mut marks,
                phase,
                8,
                Rule::Mixture,
                None,
                |w| {
                    w.clone().all(|i| d(i).abs() > 1.0)
                        && w.clone().any(|i| d(i) > 0.0)
                        && w.clone().any(|i| d(i) < 0.0)
                },
                |_| true,
            );
        }
    }
    marks
}

fn engine(v: &[f64], lines: &Lines, phases: &[Range<usize>], set: RuleSet, stored: &str) -> Marks {
    let levels = |offset: f64| -> Column<f64> {
        let per_point: Vec<f64> = lines.centre.iter().map(|c| c + offset).collect();
        match stored {
            "per point" => Column::points(per_point),
            _ => Column::compact(per_point, phases),
        }
    };
    let (centre, upper, lower) = (levels(0.0), levels(3.0), levels(-3.0));
    let sigma = Column::constant(1.0, v.len());
    let input = RuleInput {
        values: v,
        centre: &centre,
        upper: &upper,
        lower: &lower,
        sigma: &sigma,
        phases,
        chart: "test",
    };
    let signals = evaluate(&input, &RuleConfig::new(set)).unwrap();
    let mut marks = Marks::new();
    for s in &signals {
        let phase = &phases[s.phase];
        for i in signal_points(s, &input, set) {
            assert!(phase.contains(&i), "{s:?} crosses its phase {phase:?}");
            marks.insert((s.rule, code(s.side), i));
        }
    }
    marks
}

/// A series of up to 240 points drawn from values near the zone edges, some
/// repeated or stepped into stretches so that runs, trends and windows cross the
/// 64-point words the engine reads, split into one or two phases at any point, the
/// second with its centre moved up by a quarter.
fn case() -> impl Strategy<Value = (Vec<f64>, Lines, Vec<Range<usize>>)> {
    let levels = prop::sample::select(vec![
        -4.0, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.25,
        4.0,
    ]);
    let stretch = (
        levels,
        1usize..12,
        prop::sample::select(vec![0.0, 0.0, 0.01, -0.01]),
    );
    (prop::collection::vec(stretch, 1..40), 0usize..240).prop_map(|(stretches, cut)| {
        // A stretch repeats its level, or climbs or falls by a hundredth a point.
        let v: Vec<f64> = stretches
            .iter()
            .flat_map(|&(level, n, step)| (0..n).map(move |k| level + step * k as f64))
            .collect();
        let n = v.len();
        let cut = cut % n;
        let phases = if cut == 0 {
            vec![0..n]
        } else {
            vec![0..cut, cut..n]
        };
        let centre = (0..n)
            .map(|i| if i < cut || cut == 0 { 0.0 } else { 0.25 })
            .collect();
        (v, Lines { centre }, phases)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_rule_marks_the_points_its_definition_does((v, lines, phases) in case()) {
        for set in [RuleSet::Nhs, RuleSet::WesternElectric, RuleSet::Nelson] {
            let expected = reference(&v, &lines, &phases, set);
            for stored in ["per phase", "per point"] {
                prop_assert_eq!(&engine(&v, &lines, &phases, set, stored), &expected, "{:?}, lines {}", set, stored);
            }
        }
    }

    #[test]
    fn runs_analysis_counts_as_anhoej_defines((v, lines, phases) in case()) {
        let centre = Column::compact(lines.centre.clone(), &phases);
        for phase in &phases {
            let r = RunsAnalysis::of(&v, &centre, phase.clone());
            // Useful points are those off the centre; a crossing is a change of side
            // between consecutive useful points; a run is a maximal stretch on one side.
            let sides: Vec<bool> = phase.clone().filter(|&i| v[i] != lines.c(i)).map(|i| v[i] > lines.c(i)).collect();
            let crossings = sides.windows(2).filter(|w| w[0] != w[1]).count();
            let longest = sides.chunk_by(|a, b| a == b).map(<[bool]>::len).max().unwrap_or(0);
            prop_assert_eq!((r.useful_points, r.crossings, r.longest_run), (sides.len(), crossings, longest));
        }
    }
}
