//! Rules about zones measured in sigma from the centre: outside the limits, k of m
//! beyond a zone, Nelson's stratification (hugging the centre) and mixture
//! (avoiding it). Window rules slide once over each phase with running counts, so
//! they are O(n); overlapping qualifying windows merge into one signal.

use super::{side_of, RuleInput, Side};
use std::ops::Range;

type Found = Vec<(Option<Side>, Vec<usize>)>;

/// Each point above its upper or below its lower limit is a signal of its own.
pub(super) fn outside_limits(input: &RuleInput<'_>, range: Range<usize>) -> Found {
    range
        .filter_map(|i| {
            let v = input.values[i];
            if v > input.upper[i] {
                Some((Some(Side::High), vec![i]))
            } else if v < input.lower[i] {
                Some((Some(Side::Low), vec![i]))
            } else {
                None
            }
        })
        .collect()
}

/// `k` of `m` points in a row beyond `sigmas` sigma on one side.
#[derive(Debug, Clone, Copy)]
pub(super) struct KOfM {
    pub k: usize,
    pub m: usize,
    pub sigmas: f64,
}

/// Windows of `m` points with at least `k` beyond the zone on one side. The signal
/// covers the points beyond the zone.
///
/// `nhs_style` follows NHSRplotthedots (`ptd_two_in_three`): only points between
/// the zone and the limits count ("close to the limits", not outside them), and all
/// `m` points of the window must lie on the same side of the centre.
pub(super) fn k_of_m_beyond(
    input: &RuleInput<'_>,
    range: Range<usize>,
    rule: KOfM,
    nhs_style: bool,
) -> Found {
    let mut found = Vec::new();
    for side in [Side::High, Side::Low] {
        let sign = if side == Side::High { 1.0 } else { -1.0 };
        let beyond = |i: usize| {
            let v = input.values[i];
            let far = sign * (v - input.centre[i]) > rule.sigmas * input.sigma[i];
            let inside = v <= input.upper[i] && v >= input.lower[i];
            far && (!nhs_style || inside)
        };
        let on_side = |i: usize| side_of(input.values[i], input.centre[i]) == Some(side);
        let clusters = windows(range.clone(), rule.m, beyond, on_side, |a, b| {
            a >= rule.k && (!nhs_style || b == rule.m)
        });
        for (start, end) in clusters {
            found.push((Some(side), (start..end).filter(|&i| beyond(i)).collect()));
        }
    }
    found
}

/// Nelson rule 7: at least `len` points in a row within one sigma of the centre.
pub(super) fn stratification(input: &RuleInput<'_>, range: Range<usize>, len: usize) -> Found {
    let mut found = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        let near = (input.values[i] - input.centre[i]).abs() < input.sigma[i];
        if !near {
            if i - start >= len {
                found.push((None, (start..i).collect()));
            }
            start = i + 1;
        }
    }
    if range.end.saturating_sub(start) >= len {
        found.push((None, (start..range.end).collect()));
    }
    found
}

/// Nelson rule 8: `len` points in a row beyond one sigma, with points on both sides.
pub(super) fn mixture(input: &RuleInput<'_>, range: Range<usize>, len: usize) -> Found {
    let far = |i: usize, side: Side| {
        let d = input.values[i] - input.centre[i];
        let d = if side == Side::High { d } else { -d };
        d > input.sigma[i]
    };
    windows(
        range,
        len,
        |i| far(i, Side::High),
        |i| far(i, Side::Low),
        |high, low| high + low == len && high > 0 && low > 0,
    )
    .into_iter()
    .map(|(start, end)| (None, (start..end).collect()))
    .collect()
}

/// Slide a window of `m` points over `range`, counting the points where `a` and `b`
/// hold; return the spans (start, end) of merged overlapping windows for which
/// `qualifies(count_a, count_b)` is true.
fn windows(
    range: Range<usize>,
    m: usize,
    a: impl Fn(usize) -> bool,
    b: impl Fn(usize) -> bool,
    qualifies: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if m == 0 || range.len() < m {
        return spans;
    }
    let (mut count_a, mut count_b) = (0usize, 0usize);
    for i in range.start..range.start + m {
        count_a += a(i) as usize;
        count_b += b(i) as usize;
    }
    let mut start = range.start;
    loop {
        if qualifies(count_a, count_b) {
            match spans.last_mut() {
                Some(last) if start < last.1 => last.1 = start + m,
                _ => spans.push((start, start + m)),
            }
        }
        let next = start + m;
        if next >= range.end {
            break;
        }
        count_a = count_a + a(next) as usize - a(start) as usize;
        count_b = count_b + b(next) as usize - b(start) as usize;
        start += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        values: Vec<f64>,
        centre: Vec<f64>,
        upper: Vec<f64>,
        lower: Vec<f64>,
        sigma: Vec<f64>,
    }

    impl Fixture {
        /// Centre 0, sigma 1, limits ±3.
        fn new(values: &[f64]) -> Fixture {
            let n = values.len();
            Fixture {
                values: values.to_vec(),
                centre: vec![0.0; n],
                upper: vec![3.0; n],
                lower: vec![-3.0; n],
                sigma: vec![1.0; n],
            }
        }
        fn input(&self) -> RuleInput<'_> {
            RuleInput {
                values: &self.values,
                centre: &self.centre,
                upper: &self.upper,
                lower: &self.lower,
                sigma: &self.sigma,
                phases: &[],
                chart: "test",
            }
        }
    }

    const TWO_OF_THREE: KOfM = KOfM {
        k: 2,
        m: 3,
        sigmas: 2.0,
    };
    const FOUR_OF_FIVE: KOfM = KOfM {
        k: 4,
        m: 5,
        sigmas: 1.0,
    };

    #[test]
    fn outside_limits_is_strict() {
        let f = Fixture::new(&[3.0, 3.1, -3.0, -3.5]);
        let found = outside_limits(&f.input(), 0..4);
        assert_eq!(
            found,
            vec![(Some(Side::High), vec![1]), (Some(Side::Low), vec![3])]
        );
    }

    #[test]
    fn two_of_three_flags_the_points_beyond_two_sigma() {
        let f = Fixture::new(&[0.0, 2.5, 0.5, 2.2, 0.0, 0.0]);
        let found = k_of_m_beyond(&f.input(), 0..6, TWO_OF_THREE, false);
        assert_eq!(found, vec![(Some(Side::High), vec![1, 3])]);
        // two beyond 2 sigma but on opposite sides: no signal
        let g = Fixture::new(&[0.0, 2.5, -2.5, 0.0]);
        assert!(k_of_m_beyond(&g.input(), 0..4, TWO_OF_THREE, false).is_empty());
    }

    #[test]
    fn nhs_two_of_three_needs_all_three_on_one_side_and_ignores_points_outside() {
        // middle point below the centre: Western Electric fires, NHS does not
        let f = Fixture::new(&[2.5, -0.5, 2.5]);
        assert_eq!(
            k_of_m_beyond(&f.input(), 0..3, TWO_OF_THREE, false).len(),
            1
        );
        assert!(k_of_m_beyond(&f.input(), 0..3, TWO_OF_THREE, true).is_empty());
        // a point outside the limits does not count as "close to the limits"
        let g = Fixture::new(&[3.5, 0.5, 2.5]);
        assert!(k_of_m_beyond(&g.input(), 0..3, TWO_OF_THREE, true).is_empty());
        assert_eq!(
            k_of_m_beyond(&g.input(), 0..3, TWO_OF_THREE, false).len(),
            1
        );
        let h = Fixture::new(&[2.5, 0.5, 2.5]);
        assert_eq!(
            k_of_m_beyond(&h.input(), 0..3, TWO_OF_THREE, true),
            vec![(Some(Side::High), vec![0, 2])]
        );
    }

    #[test]
    fn four_of_five_fires_below_and_three_of_five_does_not() {
        let f = Fixture::new(&[-1.5, -1.2, 0.0, -1.1, -2.0, 0.3]);
        assert_eq!(
            k_of_m_beyond(&f.input(), 0..6, FOUR_OF_FIVE, false),
            vec![(Some(Side::Low), vec![0, 1, 3, 4])]
        );
        let g = Fixture::new(&[-1.5, -1.2, 0.0, 0.5, -2.0, 0.3]);
        assert!(k_of_m_beyond(&g.input(), 0..6, FOUR_OF_FIVE, false).is_empty());
    }

    #[test]
    fn overlapping_windows_merge_into_one_signal() {
        let f = Fixture::new(&[2.5, 2.5, 2.5, 2.5, 0.0, 0.0, 0.0, 2.1, 2.1]);
        let found = k_of_m_beyond(&f.input(), 0..9, TWO_OF_THREE, false);
        assert_eq!(
            found,
            vec![
                (Some(Side::High), vec![0, 1, 2, 3]),
                (Some(Side::High), vec![7, 8])
            ]
        );
    }

    #[test]
    fn windows_respect_the_range() {
        let f = Fixture::new(&[2.5, 2.5, 0.0]);
        assert!(k_of_m_beyond(&f.input(), 1..3, TWO_OF_THREE, false).is_empty());
    }

    #[test]
    fn stratification_needs_fifteen_within_one_sigma() {
        let mut v = vec![0.5; 15];
        v.push(2.0);
        let f = Fixture::new(&v);
        assert_eq!(stratification(&f.input(), 0..16, 15).len(), 1);
        v[7] = 1.0; // exactly one sigma is not "within"
        let g = Fixture::new(&v);
        assert!(stratification(&g.input(), 0..16, 15).is_empty());
    }

    #[test]
    fn mixture_needs_both_sides() {
        let both = [1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5];
        let f = Fixture::new(&both);
        assert_eq!(mixture(&f.input(), 0..8, 8), vec![(None, (0..8).collect())]);
        let one_side = [1.5; 8];
        let g = Fixture::new(&one_side);
        assert!(mixture(&g.input(), 0..8, 8).is_empty());
        let mut near = both;
        near[4] = 0.5;
        let h = Fixture::new(&near);
        assert!(mixture(&h.input(), 0..8, 8).is_empty());
    }
}
