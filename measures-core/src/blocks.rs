//! Long inputs are read in fixed blocks, on every core with the `parallel` feature.
//! The blocks start at multiples of [`BLOCK`] whatever the number of threads, and
//! their results are combined in order, so a sum over blocks (or any other result)
//! is the same to the last bit on one core or many, and with the feature off.

use std::ops::Range;

/// Points per block: a multiple of 64, so a block of bits holds whole words.
pub(crate) const BLOCK: usize = 1 << 16;

/// From five blocks on, the blocks are read on every core; fewer stay on the calling
/// thread. Each parallel reading hands its blocks to the pool and waits for them,
/// tens of microseconds on a two-core machine: once a pass ran at a fraction of a
/// nanosecond a point (December 2026), an XmR chart from Python at 10⁵ points took
/// 0.51 ms with its blocks read on both cores against 0.40 ms on one, and the two
/// broke even between 2 and 5 × 10⁵ (0.83 against 0.74 ms at 2 × 10⁵, 1.7 against
/// 1.9 ms at 5 × 10⁵).
#[cfg_attr(not(feature = "parallel"), allow(dead_code))] // one core: no hand-over
pub(crate) const PARALLEL_FROM: usize = 4 * BLOCK + 1;

/// `read` applied to each block of `0..len`, the results combined in block order
/// by `combine`, starting from `init`. (Only on many cores are the blocks' results
/// gathered first; a short series allocates nothing.)
pub(crate) fn fold<T: Send, A>(
    len: usize,
    read: impl Fn(Range<usize>) -> T + Sync,
    init: A,
    combine: impl FnMut(A, T) -> A,
) -> A {
    let block = |b: usize| b * BLOCK..((b + 1) * BLOCK).min(len);
    let blocks = len.div_ceil(BLOCK);
    #[cfg(feature = "parallel")]
    if len >= PARALLEL_FROM && crate::parallel::enabled() {
        use rayon::prelude::*;
        let read: Vec<T> = (0..blocks)
            .into_par_iter()
            .map(|b| read(block(b)))
            .collect();
        return read.into_iter().fold(init, combine);
    }
    (0..blocks).map(|b| read(block(b))).fold(init, combine)
}

/// `write` called with each block of `0..len` and its share of `out`: `per_block`
/// items for each block (the last block's share may be shorter), so a block of
/// points writes its own values, or its own words of bits. Its results come back in
/// block order.
pub(crate) fn fill<T: Send, R: Send>(
    len: usize,
    out: &mut [T],
    per_block: usize,
    write: impl Fn(Range<usize>, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let block = |b: usize| b * BLOCK..((b + 1) * BLOCK).min(len);
    #[cfg(feature = "parallel")]
    if len >= PARALLEL_FROM && crate::parallel::enabled() {
        use rayon::prelude::*;
        return out
            .par_chunks_mut(per_block)
            .enumerate()
            .map(|(b, out)| write(block(b), out))
            .collect();
    }
    out.chunks_mut(per_block)
        .enumerate()
        .map(|(b, out)| write(block(b), out))
        .collect()
}

/// `out` holding `point(i)` for each i in `0..len`, in order; written on every core
/// when long (`out`'s storage is reused, so a buffer allocated on the calling thread
/// stays the one written).
pub(crate) fn collect_into<T: Send>(
    len: usize,
    point: impl Fn(usize) -> T + Sync + Send,
    out: &mut Vec<T>,
) {
    #[cfg(feature = "parallel")]
    if len >= PARALLEL_FROM && crate::parallel::enabled() {
        use rayon::prelude::*;
        (0..len)
            .into_par_iter()
            .with_min_len(BLOCK)
            .map(point)
            .collect_into_vec(out);
        return;
    }
    out.clear();
    out.extend((0..len).map(point));
}

/// The first value of `values` that is `bad`. Every block is read without stopping
/// early (a few vector instructions a value, on every core when long); only the
/// first block holding a bad value is searched point by point.
pub(crate) fn first_where(values: &[f64], bad: impl Fn(f64) -> bool + Sync) -> Option<usize> {
    let holding = |block: Range<usize>| {
        let holds = values[block.clone()]
            .iter()
            .fold(false, |any, &x| any | bad(x));
        holds.then_some(block.start)
    };
    let start = fold(values.len(), holding, None, |first, this| first.or(this))?;
    values[start..]
        .iter()
        .position(|&x| bad(x))
        .map(|i| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_where_finds_the_first_bad_value_in_any_block() {
        let mut values = vec![1.0; PARALLEL_FROM + BLOCK + 9];
        assert_eq!(first_where(&values, f64::is_nan), None);
        for at in [PARALLEL_FROM + BLOCK + 8, BLOCK + 1, BLOCK - 1, 0] {
            values[at] = f64::NAN;
            assert_eq!(first_where(&values, f64::is_nan), Some(at));
        }
        assert_eq!(first_where(&[], f64::is_nan), None);
    }

    #[test]
    fn blocks_cover_the_points_once_in_order() {
        for len in [0, 1, BLOCK - 1, BLOCK, PARALLEL_FROM + 3 * BLOCK + 5] {
            let ranges = fold(
                len,
                |r| r,
                Vec::new(),
                |mut all, r| {
                    all.push(r);
                    all
                },
            );
            assert_eq!(ranges.len(), len.div_ceil(BLOCK));
            let mut next = 0;
            for r in ranges {
                assert_eq!(r.start, next);
                assert!(r.len() <= BLOCK && !r.is_empty());
                next = r.end;
            }
            assert_eq!(next, len);
            // One item per point: each block writes its own points.
            let mut out = vec![usize::MAX; len];
            let starts = fill(len, &mut out, BLOCK, |r, out| {
                assert_eq!(r.len(), out.len());
                out.iter_mut().zip(r.clone()).for_each(|(o, i)| *o = i);
                r.start
            });
            assert!(starts.iter().copied().eq((0..len).step_by(BLOCK)));
            assert!(out.iter().enumerate().all(|(i, &o)| o == i));
            let mut collected = vec![7; 3];
            collect_into(len, |i| i, &mut collected);
            assert!(collected.iter().copied().eq(0..len));
        }
    }
}
