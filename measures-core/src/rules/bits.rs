//! One pass over a phase's values records, for every point, the few facts the rules
//! ask about (which side of the centre, which way from the last point, outside the
//! limits, beyond a zone) as bits, 64 points to a word. The run rules (shift, trend)
//! and the runs analysis then read 64 points at a time, and the rare points outside
//! the limits or beyond a zone are found without touching the values again.
//!
//! Every bit is the same comparison the rule's definition makes (`v > centre`,
//! `v > previous`, ...), so the rules find exactly what a point-by-point reading
//! finds; `tests/rules_reference.rs` checks them against window-by-window definitions.

use crate::blocks::{self, BLOCK};
use crate::column::Segment;
use std::ops::Range;
use wide::{f64x4, CmpGt, CmpLt};

/// Facts about 64 consecutive points of a phase: bit `j` of word `w` is the phase's
/// point `64·w + j`. Bits past the end of the phase are clear.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Word {
    /// Above the centre.
    pub above: u64,
    /// Below the centre.
    pub below: u64,
    /// Higher than the point before (never set for the phase's first point).
    pub up: u64,
    /// Lower than the point before.
    pub down: u64,
    /// Above the upper or below the lower limit.
    pub outside: u64,
    /// Further from the centre than the zone (a number of sigma) on either side.
    pub beyond: u64,
}

/// The bits of one phase.
pub(super) struct PhaseBits {
    /// First point of the phase.
    pub start: usize,
    /// Points in the phase.
    pub len: usize,
    /// The words, `len / 64` rounded up.
    pub words: Vec<Word>,
}

impl PhaseBits {
    /// Read the phase `range` of `values` against its centre, upper and lower limits
    /// and sigma; `zone` is the number of sigma that counts as beyond. With
    /// `sequences` false (a rule set without trends or window rules) the `up`,
    /// `down` and `beyond` bits are left clear, at about half the work.
    pub fn new(
        values: &[f64],
        range: Range<usize>,
        lines: [Segment<'_, f64>; 4],
        zone: f64,
        sequences: bool,
    ) -> PhaseBits {
        let words = match lines {
            // Lines constant over the phase (every XmR chart): read as four numbers.
            [Segment::Level(c), Segment::Level(u), Segment::Level(l), Segment::Level(s)] => {
                let levels = [c, u, l, s].map(f64x4::splat);
                build(values, range.clone(), zone, sequences, |_, _| levels)
            }
            [c, u, l, s] => build(values, range.clone(), zone, sequences, |first, last| {
                // Four points' lines; a last, partial four repeats its last point's.
                let at = |k: usize| (first + k).min(last);
                let line = |of: Segment<'_, f64>| {
                    f64x4::new([of.at(at(0)), of.at(at(1)), of.at(at(2)), of.at(at(3))])
                };
                [line(c), line(u), line(l), line(s)]
            }),
        };
        PhaseBits {
            start: range.start,
            len: range.len(),
            words,
        }
    }

    /// Maximal runs of at least `min` set bits of `field`, as point ranges.
    pub fn runs(&self, field: impl Fn(&Word) -> u64, min: usize) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        long_runs(self.words.iter().map(field), self.len, min, |run| {
            found.push(self.start + run.start..self.start + run.end)
        });
        found
    }

    /// Points beyond the zone with another such point on the same side at most
    /// `m - 1` points before them in the phase: the last of any two in a window of
    /// `m`. A window with two or more points beyond the zone on one side (which a
    /// k-of-m rule with k ≥ 2 needs) holds one of these, so only the windows around
    /// them need counting. With `within_limits` (NHS style), only points between the
    /// zone and the limits count, so a drifting series whose points are mostly
    /// outside the limits leaves few windows to count.
    pub fn later_of_pairs(
        &self,
        m: usize,
        within_limits: bool,
    ) -> impl Iterator<Item = usize> + '_ {
        debug_assert!((2..64).contains(&m));
        let mut previous = [0u64; 2];
        self.words.iter().enumerate().flat_map(move |(w, word)| {
            let counted = word.beyond & if within_limits { !word.outside } else { !0 };
            let mut later = 0u64;
            for (side, prev) in [word.above, word.below]
                .into_iter()
                .zip(previous.iter_mut())
            {
                let b = counted & side;
                let mut near = 0u64;
                for d in 1..m {
                    near |= (b << d) | (*prev >> (64 - d));
                }
                *prev = b;
                later |= b & near;
            }
            set_bits(later).map(move |j| self.start + 64 * w + j)
        })
    }

    /// The counts behind Anhøj's runs analysis of the phase, from the side bits:
    /// points on the centre (neither above nor below) are skipped, neither counted
    /// nor breaking a run.
    pub fn run_counts(&self) -> RunCounts {
        let mut counter = RunsCounter::default();
        let mut left = self.len;
        for word in &self.words {
            let n = left.min(64);
            left -= n;
            counter.word(word.above, word.below, n);
        }
        RunCounts {
            useful: counter.useful,
            longest: counter.longest,
            crossings: counter.crossings,
        }
    }
}

/// Points off the centre, the longest run on one side, and the crossings of a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RunCounts {
    pub useful: usize,
    pub longest: usize,
    pub crossings: usize,
}

/// The per-point reading behind [`PhaseBits::new`], for any way of reading the
/// lines (`lines(first, last)`: centre, upper, lower and sigma of the four points
/// from `first`, none read past `last`); `sequences` says whether to set the step
/// and zone bits. A long phase is read in blocks on every core: each bit depends
/// only on its point and the one before, so the bits are the same however the
/// phase is split.
#[inline(always)]
fn build(
    values: &[f64],
    range: Range<usize>,
    zone: f64,
    sequences: bool,
    lines: impl Fn(usize, usize) -> [f64x4; 4] + Sync,
) -> Vec<Word> {
    let mut words = vec![Word::default(); range.len().div_ceil(64)];
    blocks::fill(range.len(), &mut words, BLOCK / 64, |block, out| {
        let block = range.start + block.start..range.start + block.end;
        if sequences {
            fill::<true>(values, range.start, block, zone, &lines, out)
        } else {
            fill::<false>(values, range.start, block, zone, &lines, out)
        }
    });
    words
}

/// Set the bits of the points `block` (a stretch of the phase that begins at
/// `phase_start`, starting on a word) in `out`. The points are read 64 to a word,
/// each beside the point before it, read from the values too (not carried from the
/// last word in a register: a number just stored and read back as part of a vector
/// stalls the processor, which made this loop three times slower). The phase's
/// first word, whose first point has no step (it is compared with itself, neither
/// up nor down), and a last, partial word are read from copies padded with NaN,
/// which no comparison counts, so the bits past the end stay clear.
#[inline(always)]
fn fill<const SEQUENCES: bool>(
    values: &[f64],
    phase_start: usize,
    block: Range<usize>,
    zone: f64,
    lines: impl Fn(usize, usize) -> [f64x4; 4],
    out: &mut [Word],
) {
    let mut base = block.start;
    for word in out.iter_mut() {
        let len = (block.end - base).min(64);
        let whole = match (values[base..].first_chunk::<64>(), base > phase_start) {
            (Some(points), true) if len == 64 => values[base - 1..]
                .first_chunk::<64>()
                .map(|before| (points, before)),
            _ => None,
        };
        let last = base + len - 1;
        *word = match whole {
            Some((points, before)) => {
                read_word::<SEQUENCES>(points, before, 16, zone, |j| lines(base + j, last))
            }
            None => {
                let (mut points, mut before) = ([f64::NAN; 64], [f64::NAN; 64]);
                points[..len].copy_from_slice(&values[base..base + len]);
                before[0] = values[if base > phase_start { base - 1 } else { base }];
                before[1..len].copy_from_slice(&values[base..base + len - 1]);
                // The padding reads the last point's lines (any would do).
                read_word::<SEQUENCES>(&points, &before, len.div_ceil(4), zone, |j| {
                    lines(base + j, last)
                })
            }
        };
        base += 64;
    }
}

/// The bits of the first `groups` fours of 64 points (16 for a whole word; a last,
/// partial word reads only as many as hold points), `before` holding the point
/// before each and `lines(j)` the lines of the four points from `j`. Each fact is
/// found for four points at once: one vector comparison and the mask of its signs
/// (`wide`, safe SIMD on every target).
#[inline(always)]
fn read_word<const SEQUENCES: bool>(
    points: &[f64; 64],
    before: &[f64; 64],
    groups: usize,
    zone: f64,
    lines: impl Fn(usize) -> [f64x4; 4],
) -> Word {
    let mut word = Word::default();
    let four = |of: &[f64; 64], k: usize| {
        f64x4::new([of[4 * k], of[4 * k + 1], of[4 * k + 2], of[4 * k + 3]])
    };
    for k in 0..groups.min(16) {
        // Lines constant over the phase are vectors made once, outside the loop:
        // made here from numbers just stored, each read stalled the processor.
        let [centre, upper, lower, sigma] = lines(4 * k);
        let v = four(points, k);
        let bits = |mask: f64x4| (mask.move_mask() as u64) << (4 * k);
        word.above |= bits(v.cmp_gt(centre));
        word.below |= bits(v.cmp_lt(centre));
        word.outside |= bits(v.cmp_gt(upper) | v.cmp_lt(lower));
        if SEQUENCES {
            let before = four(before, k);
            word.up |= bits(v.cmp_gt(before));
            word.down |= bits(v.cmp_lt(before));
            word.beyond |= bits((v - centre).abs().cmp_gt(sigma * zone));
        }
    }
    word
}

/// The positions of the set bits of `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            j
        })
    })
}

/// The bits j of `bits` that begin `min` set bits in a row (j..j + min all set).
/// Each step doubles (at most) the run length a set bit stands for, so a run of 7
/// takes three steps; the number of steps depends only on `min`, so the loop costs
/// no mispredicted branch whatever the bits.
fn window_starts(bits: u64, min: usize) -> u64 {
    if min > 64 {
        return 0;
    }
    let (mut have, mut at) = (1usize, bits);
    while have < min {
        let step = have.min(min - have);
        at &= at >> step;
        have += step;
    }
    at
}

/// Call `found` with each maximal run of at least `min` set bits in `words` (the
/// bits of `len` points), as a range of bit positions, in order. Per word: the run
/// at its bottom ends the run carried from the words before; the run at its top is
/// carried on; the runs wholly inside are found by [`window_starts`], so words with
/// only short runs (most of them, in noise) cost a few shifts and no branch that
/// depends on the data.
fn long_runs(
    words: impl Iterator<Item = u64>,
    len: usize,
    min: usize,
    mut found: impl FnMut(Range<usize>),
) {
    let min = min.max(1);
    // Length of the run of set bits that reaches the top of the words read so far.
    let mut open = 0usize;
    for (w, bits) in words.enumerate() {
        let base = 64 * w;
        let low = bits.trailing_ones() as usize;
        if low == 64 {
            open += 64;
            continue;
        }
        // Bit `low` is clear: it ends the carried run (with the word's bottom run).
        let ending = open + low;
        if ending >= min {
            found(base + low - ending..base + low);
        }
        let high = bits.leading_ones() as usize;
        open = high;
        // Runs wholly inside: neither the bottom run nor the top one (bit `low`,
        // clear, lies between them, so `low + high < 64`).
        let inner = bits & (u64::MAX << low) & (u64::MAX >> high);
        // Bit j of `starts` says a run of `min` begins at j; the lowest such bit of
        // a run is where the run begins.
        let mut starts = window_starts(inner, min);
        while starts != 0 {
            let at = starts.trailing_zeros() as usize;
            let end = at + (inner >> at).trailing_ones() as usize;
            found(base + at..base + end);
            // The run ends below the top run, so `end < 64`.
            starts &= u64::MAX << end;
        }
    }
    if open >= min {
        found(len - open..len);
    }
}

/// Anhøj's counts kept word by word: useful points, crossings, the longest run and
/// the run in progress (its length and side: 1 above, -1 below, 0 before the first
/// useful point).
#[derive(Default)]
struct RunsCounter {
    useful: usize,
    crossings: usize,
    longest: usize,
    current: usize,
    side: i8,
}

impl RunsCounter {
    /// Count the first `n` points of a word.
    fn word(&mut self, above: u64, below: u64, n: usize) {
        let valid = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        let (above, below) = (above & valid, below & valid);
        if above | below != valid {
            // Some point is on the centre: count point by point.
            for j in 0..n {
                self.point(((above >> j) & 1) as i8 - ((below >> j) & 1) as i8);
            }
            return;
        }
        // Every point is useful. A run starts where a point's side differs from the
        // point before (from the run in progress, for the word's first point).
        let before = (above << 1) | (self.side > 0) as u64;
        let mut starts = (above ^ before) & valid;
        if self.side != 0 {
            self.crossings += starts.count_ones() as usize;
        } else {
            // The very first useful point starts a run without crossing anything.
            self.crossings += (starts & !1).count_ones() as usize;
            starts |= 1;
        }
        if starts == 0 {
            self.current += n;
        } else {
            self.current += starts.trailing_zeros() as usize;
            self.longest = self.longest.max(self.current);
            // Runs wholly inside the word are no longer than its longest run of
            // either side; the last run goes on into the next word. Only a word
            // with a run longer than the longest so far (rare, once that is more
            // than a few points) needs its runs measured. Every point being on one
            // side or the other, a run of `longer` on either side is `longer - 1`
            // neighbours in a row on the same side: one test for both sides.
            let longer = self.longest + 1;
            let same_as_next = !(above ^ (above >> 1)) & (valid >> 1);
            if longer <= 1 || window_starts(same_as_next, longer - 1) != 0 {
                self.longest = self
                    .longest
                    .max(longest_ones(above))
                    .max(longest_ones(below));
            }
            self.current = n - (63 - starts.leading_zeros() as usize);
        }
        self.longest = self.longest.max(self.current);
        self.useful += n;
        self.side = if (above >> (n - 1)) & 1 == 1 { 1 } else { -1 };
    }

    /// Count one point: its side is 1 above, -1 below, 0 on the centre.
    fn point(&mut self, side: i8) {
        if side == 0 {
            return;
        }
        self.useful += 1;
        if side == self.side {
            self.current += 1;
        } else {
            self.crossings += (self.side != 0) as usize;
            self.current = 1;
            self.side = side;
        }
        self.longest = self.longest.max(self.current);
    }
}

/// The longest run of set bits in `bits`.
fn longest_ones(mut bits: u64) -> usize {
    let mut length = 0;
    while bits != 0 {
        bits &= bits << 1;
        length += 1;
    }
    length
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Maximal runs of at least `min` true values, read one at a time.
    fn runs_by_points(bits: &[bool], min: usize) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut start = 0;
        for i in 0..=bits.len() {
            if i == bits.len() || !bits[i] {
                if i - start >= min.max(1) && i > start {
                    found.push(start..i);
                }
                start = i + 1;
            }
        }
        found
    }

    fn words_of(bits: &[bool]) -> Vec<u64> {
        bits.chunks(64)
            .map(|c| {
                c.iter()
                    .enumerate()
                    .fold(0u64, |w, (j, &b)| w | (b as u64) << j)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Runs found 64 at a time equal runs found point by point, for runs of
        /// every length, long runs across words, and words all ones or all zeros.
        #[test]
        fn long_runs_match_a_point_by_point_reading(
            pattern in prop::collection::vec((any::<bool>(), 1usize..140), 0..12),
            min in 1usize..80,
        ) {
            let bits: Vec<bool> = pattern.iter().flat_map(|&(b, n)| std::iter::repeat_n(b, n)).collect();
            let mut found = Vec::new();
            long_runs(words_of(&bits).into_iter(), bits.len(), min, |r| found.push(r));
            prop_assert_eq!(found, runs_by_points(&bits, min));
        }

        /// The runs analysis 64 points at a time equals Anhøj's count point by point,
        /// with points on the centre (0) among runs that cross words.
        #[test]
        fn runs_counter_matches_a_point_by_point_count(
            pattern in prop::collection::vec((prop::sample::select(vec![-1i8, 1, 0]), 1usize..100), 0..12),
        ) {
            let sides: Vec<i8> = pattern.iter().flat_map(|&(s, n)| std::iter::repeat_n(s, n)).collect();
            let mut by_point = RunsCounter::default();
            sides.iter().for_each(|&s| by_point.point(s));
            let mut by_word = RunsCounter::default();
            for chunk in sides.chunks(64) {
                let (mut above, mut below) = (0u64, 0u64);
                for (j, &s) in chunk.iter().enumerate() {
                    above |= ((s > 0) as u64) << j;
                    below |= ((s < 0) as u64) << j;
                }
                by_word.word(above, below, chunk.len());
            }
            prop_assert_eq!(
                (by_word.useful, by_word.crossings, by_word.longest),
                (by_point.useful, by_point.crossings, by_point.longest)
            );
        }
    }

    #[test]
    fn bits_are_the_rules_own_comparisons() {
        // Centre 0, limits ±3, sigma 1, zone 2: a point on the centre, an equal step,
        // a point on the upper limit (not outside) and one beyond it.
        let v = [0.0, 0.0, 2.5, 3.0, 3.5, -2.0, f64::NAN];
        let lines = [
            Segment::Level(0.0),
            Segment::Level(3.0),
            Segment::Level(-3.0),
            Segment::Level(1.0),
        ];
        let bits = PhaseBits::new(&v, 0..7, lines, 2.0, true);
        let w = bits.words[0];
        assert_eq!(w.above, 0b0011100);
        assert_eq!(w.below, 0b0100000);
        assert_eq!(w.up, 0b0011100);
        assert_eq!(w.down, 0b0100000);
        assert_eq!(w.outside, 0b0010000);
        assert_eq!(w.beyond, 0b0011100);
        // Per-point lines give the same bits.
        let (c, u, l, s) = ([0.0; 7], [3.0; 7], [-3.0; 7], [1.0; 7]);
        let per_point = [&c, &u, &l, &s].map(|x| Segment::Points(&x[..]));
        assert_eq!(
            PhaseBits::new(&v, 0..7, per_point, 2.0, true).words,
            bits.words
        );
        // Without sequences only the sides and the limits are read.
        let sides = PhaseBits::new(&v, 0..7, lines, 2.0, false).words[0];
        assert_eq!(
            (sides.above, sides.below, sides.outside),
            (w.above, w.below, w.outside)
        );
        assert_eq!((sides.up, sides.down, sides.beyond), (0, 0, 0));
    }

    #[test]
    fn a_long_phase_read_in_blocks_gives_the_bits_of_one_reading() {
        // A phase long enough to be read in blocks (on every core with `parallel`),
        // starting off a word boundary, with ties and steps at the block edges.
        let n = blocks::PARALLEL_FROM + 3 * BLOCK + 77;
        let mut state = 7u64;
        let v: Vec<f64> = (0..n)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                ((state >> 60) as f64) - 8.0
            })
            .collect();
        let range = 5..n;
        let lines = [0.0, 6.0, -6.0, 2.0].map(Segment::Level);
        let bits = PhaseBits::new(&v, range.clone(), lines, 2.0, true);
        let mut whole = vec![Word::default(); range.len().div_ceil(64)];
        let read = |_, _| [0.0, 6.0, -6.0, 2.0].map(f64x4::splat);
        fill::<true>(&v, range.start, range.clone(), 2.0, read, &mut whole);
        assert_eq!(bits.words, whole);
        // The same lines given point by point (read four points at a time, the
        // last, partial four from the phase's last point): the same bits.
        let per_point: Vec<Vec<f64>> = [0.0, 6.0, -6.0, 2.0].iter().map(|&x| vec![x; n]).collect();
        let lines = [0, 1, 2, 3].map(|l| Segment::Points(&per_point[l]));
        assert_eq!(PhaseBits::new(&v, range, lines, 2.0, true).words, whole);
    }

    #[test]
    fn later_of_pairs_finds_the_second_of_two_close_points() {
        // Beyond points at 1, 3 (two apart), 10 (alone), 63 and 65 (across a word).
        let mut v = vec![0.0; 70];
        for i in [1, 3, 10, 63, 65] {
            v[i] = 5.0;
        }
        let lines = [0.0, 9.0, -9.0, 1.0].map(Segment::Level);
        let bits = PhaseBits::new(&v, 0..70, lines, 2.0, true);
        assert_eq!(
            bits.later_of_pairs(3, false).collect::<Vec<_>>(),
            vec![3, 65]
        );
        assert_eq!(
            bits.later_of_pairs(2, false).collect::<Vec<_>>(),
            Vec::<usize>::new()
        );
    }
}
