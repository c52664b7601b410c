//! Rules about runs of points: shifts (one side of the centre), trends (each point
//! higher or lower than the last) and Nelson's alternation. Each finds maximal runs,
//! so a run longer than the minimum is one signal covering all its points. Shifts
//! and trends read the phase's bits ([`PhaseBits`]) 64 points at a time.

use super::bits::{PhaseBits, Word};
use super::model::{side_of, Side};
use std::ops::Range;

/// Signals found: (side, first point, last point).
type Found = Vec<(Option<Side>, usize, usize)>;

/// Maximal runs of at least `len` points strictly on one side of the centre.
/// A point on the centre breaks the run (NHSRplotthedots `ptd_seven_point_one_side_mean`).
pub(super) fn shift(bits: &PhaseBits, len: usize) -> Found {
    both_sides(bits, |w| w.above, |w| w.below, len, |run| run)
}

/// Maximal runs of at least `len` points each strictly higher (or each strictly
/// lower) than the one before; an equal neighbour breaks the trend
/// (NHSRplotthedots `ptd_seven_point_trend`: all `len - 1` differences share a sign).
pub(super) fn trend(bits: &PhaseBits, len: usize) -> Found {
    // Bit i says point i is above point i - 1: a run of such steps a..b covers the
    // points a - 1..b.
    let steps = len.saturating_sub(1).max(1);
    both_sides(
        bits,
        |w| w.up,
        |w| w.down,
        steps,
        |run| run.start - 1..run.end,
    )
}

/// The runs of at least `min` bits of `high` and of `low`, in order of their first
/// point, each turned into the points it covers.
pub(super) fn both_sides(
    bits: &PhaseBits,
    high: impl Fn(&Word) -> u64,
    low: impl Fn(&Word) -> u64,
    min: usize,
    points: impl Fn(Range<usize>) -> Range<usize>,
) -> Found {
    let mut found: Found = bits
        .runs(high, min)
        .into_iter()
        .map(|r| {
            let span = points(r);
            (Some(Side::High), span.start, span.end - 1)
        })
        .chain(bits.runs(low, min).into_iter().map(|r| {
            let span = points(r);
            (Some(Side::Low), span.start, span.end - 1)
        }))
        .collect();
    found.sort_by_key(|&(_, first, _)| first);
    found
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
            found.push((None, first_point, end - 1));
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
    use crate::column::Segment;

    fn points(found: &Found) -> Vec<Vec<usize>> {
        found
            .iter()
            .map(|&(_, first, last)| (first..last + 1).collect())
            .collect()
    }

    /// The bits of `values[range]` against a centre of 0.
    fn bits(values: &[f64], range: Range<usize>) -> PhaseBits {
        let none = Segment::Level(f64::NAN);
        PhaseBits::new(
            values,
            range,
            [Segment::Level(0.0), none, none, none],
            2.0,
            true,
        )
    }

    #[test]
    fn shift_of_seven_fires_and_six_does_not() {
        let seven = [-1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0];
        let found = shift(&bits(&seven, 0..10), 7);
        assert_eq!(points(&found), vec![vec![1, 2, 3, 4, 5, 6, 7]]);
        assert_eq!(found[0].0, Some(Side::High));
        let six = [-1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0];
        assert!(shift(&bits(&six, 0..10), 7).is_empty());
    }

    #[test]
    fn a_point_on_the_centre_breaks_a_shift() {
        let v = [-1.0, -1.0, -1.0, 0.0, -1.0, -1.0, -1.0, -1.0];
        assert!(shift(&bits(&v, 0..8), 7).is_empty());
        assert_eq!(shift(&bits(&v, 0..8), 4).len(), 1);
    }

    #[test]
    fn shift_stops_at_the_phase_boundary() {
        let v = [1.0; 10];
        assert!(shift(&bits(&v, 0..5), 7).is_empty());
        assert_eq!(
            points(&shift(&bits(&v, 3..10), 7)),
            vec![(3..10).collect::<Vec<_>>()]
        );
    }

    #[test]
    fn a_shift_across_words_is_one_signal() {
        let mut v = vec![-1.0; 200];
        v[60..140].iter_mut().for_each(|x| *x = 1.0);
        let found = shift(&bits(&v, 0..200), 7);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1], (Some(Side::High), 60, 139));
        assert_eq!((found[2].1, found[2].2), (140, 199));
    }

    #[test]
    fn trend_of_seven_fires_and_an_equal_neighbour_breaks_it() {
        let up = [5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0];
        let found = trend(&bits(&up, 0..9), 7);
        assert_eq!(points(&found), vec![vec![1, 2, 3, 4, 5, 6, 7]]);
        assert_eq!(found[0].0, Some(Side::High));
        let flat = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert!(trend(&bits(&flat, 0..8), 7).is_empty());
        let down = [7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        assert_eq!(trend(&bits(&down, 0..7), 7)[0].0, Some(Side::Low));
        assert!(trend(&bits(&down, 0..6), 7).is_empty());
        // the phase's first point has no step from the point before it
        assert!(trend(&bits(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 1..8), 8).is_empty());
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
