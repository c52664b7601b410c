//! Rules about runs of points: shifts (one side of the centre), trends (each point
//! higher or lower than the last) and Nelson's alternation. Each finds maximal runs
//! in one pass, so a run longer than the minimum is one signal covering all its points.

use super::{side_of, sign_of, Side};
use crate::column::{with_segment, Segment};
use std::ops::Range;

type Found = Vec<(Option<Side>, Vec<usize>)>;

/// Maximal runs of at least `len` points strictly on one side of the centre.
/// A point on the centre breaks the run (NHSRplotthedots `ptd_seven_point_one_side_mean`).
pub(super) fn shift(
    values: &[f64],
    centre: Segment<'_, f64>,
    range: Range<usize>,
    len: usize,
) -> Found {
    with_segment!(centre, |centre| sign_runs(range.clone(), len, |i| sign_of(
        values[i],
        centre(i)
    )))
    .into_iter()
    .map(|(side, start, end)| (Some(side), (start..end).collect()))
    .collect()
}

/// Maximal runs of at least `len` points each strictly higher (or each strictly
/// lower) than the one before; an equal neighbour breaks the trend
/// (NHSRplotthedots `ptd_seven_point_trend`: all `len - 1` differences share a sign).
pub(super) fn trend(values: &[f64], range: Range<usize>, len: usize) -> Found {
    // Step i goes from point i - 1 to point i; a run of steps a..b covers points a-1..b.
    let steps = range.start + 1..range.end.max(range.start + 1);
    sign_runs(steps, len.saturating_sub(1).max(1), |i| {
        sign_of(values[i], values[i - 1])
    })
    .into_iter()
    .map(|(side, start, end)| (Some(side), (start - 1..end).collect()))
    .collect()
}

/// Maximal runs of at least `min` consecutive items (of `items`) with the same
/// non-zero sign, as (side, first item, end item). Where the run began is kept
/// without a branch, so random data, whose sign flips every other point, costs no
/// mispredictions; only a run reaching `min` (rare) takes the branch.
fn sign_runs(
    items: Range<usize>,
    min: usize,
    sign: impl Fn(usize) -> i8,
) -> Vec<(Side, usize, usize)> {
    let mut runs: Vec<(Side, usize, usize)> = Vec::new();
    let (mut began, mut previous) = (items.start, 0i8);
    for i in items {
        let s = sign(i);
        began = if s == previous { began } else { i };
        previous = s;
        if (s != 0) & (i + 1 - began >= min) {
            match runs.last_mut() {
                Some(last) if last.1 == began => last.2 = i + 1,
                _ => {
                    let side = if s > 0 { Side::High } else { Side::Low };
                    runs.push((side, began, i + 1));
                }
            }
        }
    }
    runs
}

/// Direction of the step from point `i - 1` to point `i`.
fn step(values: &[f64], i: usize) -> Option<Side> {
    side_of(values[i], values[i - 1])
}

/// Nelson rule 4: maximal runs of at least `len` points alternating up and down.
pub(super) fn alternating(values: &[f64], range: Range<usize>, len: usize) -> Found {
    let mut found = Vec::new();
    if range.len() < 2 {
        return found;
    }
    let push = |found: &mut Found, first_point: usize, end: usize| {
        if end - first_point >= len {
            found.push((None, (first_point..end).collect()));
        }
    };
    // `first` is the first point of the current alternating stretch.
    let mut first = range.start;
    let mut previous = step(values, range.start + 1);
    if previous.is_none() {
        first = range.start + 1;
    }
    for i in range.start + 2..range.end {
        let s = step(values, i);
        let alternates = matches!((previous, s), (Some(a), Some(b)) if a != b);
        if !alternates {
            push(&mut found, first, i);
            // A flat step starts afresh at point i; a repeated direction keeps point i-1.
            first = if s.is_none() { i } else { i - 1 };
        }
        previous = s;
    }
    push(&mut found, first, range.end);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(found: &Found) -> Vec<Vec<usize>> {
        found.iter().map(|(_, p)| p.clone()).collect()
    }

    #[test]
    fn shift_of_seven_fires_and_six_does_not() {
        let centre = [0.0; 10];
        let seven = [-1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0];
        let found = shift(&seven, Segment::Points(&centre), 0..10, 7);
        assert_eq!(points(&found), vec![vec![1, 2, 3, 4, 5, 6, 7]]);
        assert_eq!(found[0].0, Some(Side::High));
        let six = [-1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0];
        assert!(shift(&six, Segment::Points(&centre), 0..10, 7).is_empty());
    }

    #[test]
    fn a_point_on_the_centre_breaks_a_shift() {
        let centre = [0.0; 8];
        let v = [-1.0, -1.0, -1.0, 0.0, -1.0, -1.0, -1.0, -1.0];
        assert!(shift(&v, Segment::Points(&centre), 0..8, 7).is_empty());
        assert_eq!(shift(&v, Segment::Points(&centre), 0..8, 4).len(), 1);
    }

    #[test]
    fn shift_stops_at_the_phase_boundary() {
        let centre = [0.0; 10];
        let v = [1.0; 10];
        assert!(shift(&v, Segment::Points(&centre), 0..5, 7).is_empty());
        assert_eq!(
            points(&shift(&v, Segment::Points(&centre), 3..10, 7)),
            vec![(3..10).collect::<Vec<_>>()]
        );
    }

    #[test]
    fn trend_of_seven_fires_and_an_equal_neighbour_breaks_it() {
        let up = [5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0];
        let found = trend(&up, 0..9, 7);
        assert_eq!(points(&found), vec![vec![1, 2, 3, 4, 5, 6, 7]]);
        assert_eq!(found[0].0, Some(Side::High));
        let flat = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert!(trend(&flat, 0..8, 7).is_empty());
        let down = [7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        assert_eq!(trend(&down, 0..7, 7)[0].0, Some(Side::Low));
        assert!(trend(&down, 0..6, 7).is_empty());
    }

    #[test]
    fn alternating_fourteen_fires_thirteen_does_not() {
        let zigzag: Vec<f64> = (0..14)
            .map(|i| if i % 2 == 0 { 0.0 } else { 1.0 })
            .collect();
        assert_eq!(
            points(&alternating(&zigzag, 0..14, 14)),
            vec![(0..14).collect::<Vec<_>>()]
        );
        assert!(alternating(&zigzag, 0..13, 14).is_empty());
        let mut broken = zigzag.clone();
        broken[7] = broken[6];
        assert!(alternating(&broken, 0..14, 14).is_empty());
        // a repeated direction keeps the turning point in the next stretch
        let v = [0.0, 1.0, 2.0, 1.0, 2.0, 1.0];
        assert_eq!(points(&alternating(&v, 0..6, 5)), vec![vec![1, 2, 3, 4, 5]]);
    }
}
