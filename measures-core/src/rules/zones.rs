//! Rules about zones measured in sigma from the centre: outside the limits, k of m
//! beyond a zone, Nelson's stratification (hugging the centre) and mixture
//! (avoiding it). Window rules count only the windows around points beyond a zone
//! (each window at most once, so O(n·m) at worst); overlapping qualifying windows
//! merge into one signal.

use super::bits::PhaseBits;
use super::model::{RuleInput, Side};
use std::ops::Range;

/// Signals found: (side, first point, last point).
type Found = Vec<(Option<Side>, usize, usize)>;

/// Points above the upper or below the lower limit. Consecutive points beyond the
/// same limit make one signal, as consecutive qualifying windows do: a process that
/// has moved past a limit for a stretch is one special cause, and a drifting series
/// does not turn into one signal per point. Each point of the span is outside.
///
/// The limits lie either side of the centre, so a point outside them is above the
/// centre (beyond the upper) or below it (beyond the lower): the runs are read from
/// the phase's bits a word at a time, as shifts are.
pub(super) fn outside_limits(bits: &PhaseBits) -> Found {
    super::sequences::both_sides(
        bits,
        |w| w.outside & w.above,
        |w| w.outside & w.below,
        1,
        |run| run,
    )
}

/// The points of `range` further than `sigmas` sigma from the centre: those a
/// window rule of that zone can fire around.
pub(super) fn beyond<'a>(
    input: &'a RuleInput<'a>,
    range: Range<usize>,
    sigmas: f64,
) -> impl Iterator<Item = usize> + 'a {
    let [centre, _, _, sigma] = input.lines_over(range.clone());
    range.filter(move |&i| (input.values[i] - centre.at(i)).abs() > sigmas * sigma.at(i))
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
    candidates: impl IntoIterator<Item = usize>,
) -> Found {
    let [centre, upper, lower, sigma] = input.lines_over(range.clone());
    // Flags per point: beyond high, beyond low, above the centre, below the centre.
    const BEYOND_HIGH: u8 = 1;
    const BEYOND_LOW: u8 = 2;
    let flags = |i: usize| {
        let v = input.values[i];
        let d = v - centre.at(i);
        let zone = rule.sigmas * sigma.at(i);
        let counts = !nhs_style || (v <= upper.at(i) && v >= lower.at(i));
        (((d > zone) & counts) as u8)
            | ((((-d) > zone) & counts) as u8) << 1
            | ((d > 0.0) as u8) << 2
            | ((d < 0.0) as u8) << 3
    };
    let [high, low] = windows(range, rule.m, candidates, flags, |c| {
        let all_one_side = |side: usize| !nhs_style || c.of(side) == rule.m;
        [
            c.of(0) >= rule.k && all_one_side(2),
            c.of(1) >= rule.k && all_one_side(3),
        ]
    });
    let mut found = Vec::new();
    for (side, spans, bit) in [
        (Side::High, high, BEYOND_HIGH),
        (Side::Low, low, BEYOND_LOW),
    ] {
        for (start, end) in spans {
            // The signal runs from the first to the last point beyond the zone.
            let mut beyond = (start..end).filter(|&i| flags(i) & bit != 0);
            if let Some(first) = beyond.next() {
                let last = beyond.next_back().unwrap_or(first);
                found.push((Some(side), first, last));
            }
        }
    }
    found
}

/// Nelson rule 7: at least `len` points in a row within one sigma of the centre.
pub(super) fn stratification(input: &RuleInput<'_>, range: Range<usize>, len: usize) -> Found {
    let mut found = Vec::new();
    let [centre, _, _, sigma] = input.lines_over(range.clone());
    let mut start = range.start;
    for i in range.clone() {
        let near = (input.values[i] - centre.at(i)).abs() < sigma.at(i);
        if !near {
            if i - start >= len {
                found.push((None, start, i - 1));
            }
            start = i + 1;
        }
    }
    if range.end.saturating_sub(start) >= len {
        found.push((None, start, range.end - 1));
    }
    found
}

/// Nelson rule 8: `len` points in a row beyond one sigma, with points on both sides.
pub(super) fn mixture(input: &RuleInput<'_>, range: Range<usize>, len: usize) -> Found {
    let [centre, _, _, sigma] = input.lines_over(range.clone());
    let flags = |i: usize| {
        let d = input.values[i] - centre.at(i);
        let s = sigma.at(i);
        (d > s) as u8 | ((-d > s) as u8) << 1
    };
    let candidates = beyond(input, range.clone(), 1.0);
    let [spans] = windows(range, len, candidates, flags, |c| {
        [c.of(0) + c.of(1) == len && c.of(0) > 0 && c.of(1) > 0]
    });
    spans
        .into_iter()
        .map(|(start, end)| (None, start, end - 1))
        .collect()
}

/// The longest window [`windows`] slides (its counts are kept in bytes).
const MAX_WINDOW: usize = 32;

/// Every window of `m` points of `range`, counting how many of its points carry
/// each of up to four flags (bit `f` of `flags(i)`). For each of `O` outcomes, return
/// the spans (start, end) of merged overlapping windows for which
/// `qualifies(counts)` says so.
///
/// A window can only qualify if it holds one of the `candidates` (ascending points
/// of `range`: those beyond a zone, which every window rule counts towards firing,
/// or for k of m with k ≥ 2 the later of two such points close together). They
/// are rare in a process in control, so only the windows around them are counted:
/// each window at most once, so O(n·m) at worst.
fn windows<const O: usize>(
    range: Range<usize>,
    m: usize,
    candidates: impl IntoIterator<Item = usize>,
    flags: impl Fn(usize) -> u8,
    qualifies: impl Fn(Counts) -> [bool; O],
) -> [Vec<(usize, usize)>; O] {
    // SPREAD[code] puts flag f of `code` in byte f.
    const SPREAD: [u32; 16] = {
        let mut table = [0u32; 16];
        let mut code = 0;
        while code < 16 {
            let mut f = 0;
            while f < 4 {
                table[code] |= ((code as u32 >> f) & 1) << (8 * f);
                f += 1;
            }
            code += 1;
        }
        table
    };
    let mut spans: [Vec<(usize, usize)>; O] = std::array::from_fn(|_| Vec::new());
    assert!(m <= MAX_WINDOW, "windows of up to {MAX_WINDOW} points");
    if m == 0 || range.len() < m {
        return spans;
    }
    let last_start = range.end - m;
    // The first window start not yet counted.
    let mut next = range.start;
    for i in candidates {
        // The windows holding point i that have not been counted yet, in order.
        let first = next.max((i + 1).saturating_sub(m)).max(range.start);
        let until = i.min(last_start);
        for start in first..=until {
            let counts = (start..start + m).fold(0u32, |c, j| c + SPREAD[(flags(j) & 15) as usize]);
            for (o, yes) in qualifies(Counts(counts)).into_iter().enumerate() {
                if yes {
                    match spans[o].last_mut() {
                        Some(last) if start < last.1 => last.1 = start + m,
                        _ => spans[o].push((start, start + m)),
                    }
                }
            }
        }
        next = next.max(until + 1);
        if next > last_start {
            break;
        }
    }
    spans
}

/// The counts of up to four flags in a window (see [`windows`]).
#[derive(Clone, Copy)]
struct Counts(u32);

impl Counts {
    /// How many points of the window carry flag `f`.
    #[inline]
    fn of(self, f: usize) -> usize {
        ((self.0 >> (8 * f)) & 0xff) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column::Column;

    struct Fixture {
        values: Vec<f64>,
        centre: Column<f64>,
        upper: Column<f64>,
        lower: Column<f64>,
        sigma: Column<f64>,
    }

    impl Fixture {
        /// Centre 0, sigma 1, limits ±3.
        fn new(values: &[f64]) -> Fixture {
            let n = values.len();
            Fixture {
                values: values.to_vec(),
                centre: Column::constant(0.0, n),
                upper: Column::constant(3.0, n),
                lower: Column::constant(-3.0, n),
                sigma: Column::constant(1.0, n),
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

    impl Fixture {
        fn bits(&self, range: Range<usize>, zone: f64) -> PhaseBits {
            PhaseBits::new(
                &self.values,
                range.clone(),
                self.input().lines_over(range),
                zone,
                true,
            )
        }
    }

    /// k of m found around every point beyond the zone and, as evaluate does,
    /// around the later of two such points close together: the two must agree.
    fn k_of_m(f: &Fixture, range: Range<usize>, rule: KOfM, nhs_style: bool) -> Found {
        let input = f.input();
        let around_each = beyond(&input, range.clone(), rule.sigmas);
        let found = k_of_m_beyond(&input, range.clone(), rule, nhs_style, around_each);
        let bits = f.bits(range.clone(), rule.sigmas);
        let around_pairs = bits.later_of_pairs(rule.m, nhs_style);
        assert_eq!(
            k_of_m_beyond(&input, range, rule, nhs_style, around_pairs),
            found
        );
        found
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
        let found = outside_limits(&f.bits(0..4, 2.0));
        assert_eq!(
            found,
            vec![(Some(Side::High), 1, 1), (Some(Side::Low), 3, 3)]
        );
    }

    #[test]
    fn two_of_three_flags_the_points_beyond_two_sigma() {
        let f = Fixture::new(&[0.0, 2.5, 0.5, 2.2, 0.0, 0.0]);
        let found = k_of_m(&f, 0..6, TWO_OF_THREE, false);
        assert_eq!(found, vec![(Some(Side::High), 1, 3)]);
        // two beyond 2 sigma but on opposite sides: no signal
        let g = Fixture::new(&[0.0, 2.5, -2.5, 0.0]);
        assert!(k_of_m(&g, 0..4, TWO_OF_THREE, false).is_empty());
    }

    #[test]
    fn nhs_two_of_three_needs_all_three_on_one_side_and_ignores_points_outside() {
        // middle point below the centre: Western Electric fires, NHS does not
        let f = Fixture::new(&[2.5, -0.5, 2.5]);
        assert_eq!(k_of_m(&f, 0..3, TWO_OF_THREE, false).len(), 1);
        assert!(k_of_m(&f, 0..3, TWO_OF_THREE, true).is_empty());
        // a point outside the limits does not count as "close to the limits"
        let g = Fixture::new(&[3.5, 0.5, 2.5]);
        assert!(k_of_m(&g, 0..3, TWO_OF_THREE, true).is_empty());
        assert_eq!(k_of_m(&g, 0..3, TWO_OF_THREE, false).len(), 1);
        let h = Fixture::new(&[2.5, 0.5, 2.5]);
        assert_eq!(
            k_of_m(&h, 0..3, TWO_OF_THREE, true),
            vec![(Some(Side::High), 0, 2)]
        );
    }

    #[test]
    fn four_of_five_fires_below_and_three_of_five_does_not() {
        let f = Fixture::new(&[-1.5, -1.2, 0.0, -1.1, -2.0, 0.3]);
        assert_eq!(
            k_of_m(&f, 0..6, FOUR_OF_FIVE, false),
            vec![(Some(Side::Low), 0, 4)]
        );
        let g = Fixture::new(&[-1.5, -1.2, 0.0, 0.5, -2.0, 0.3]);
        assert!(k_of_m(&g, 0..6, FOUR_OF_FIVE, false).is_empty());
    }

    #[test]
    fn overlapping_windows_merge_into_one_signal() {
        let f = Fixture::new(&[2.5, 2.5, 2.5, 2.5, 0.0, 0.0, 0.0, 2.1, 2.1]);
        let found = k_of_m(&f, 0..9, TWO_OF_THREE, false);
        assert_eq!(
            found,
            vec![(Some(Side::High), 0, 3), (Some(Side::High), 7, 8)]
        );
    }

    #[test]
    fn windows_respect_the_range() {
        let f = Fixture::new(&[2.5, 2.5, 0.0]);
        assert!(k_of_m(&f, 1..3, TWO_OF_THREE, false).is_empty());
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
        assert_eq!(mixture(&f.input(), 0..8, 8), vec![(None, 0, 7)]);
        let one_side = [1.5; 8];
        let g = Fixture::new(&one_side);
        assert!(mixture(&g.input(), 0..8, 8).is_empty());
        let mut near = both;
        near[4] = 0.5;
        let h = Fixture::new(&near);
        assert!(mixture(&h.input(), 0..8, 8).is_empty());
    }
}
