//! A per-point column of a chart, stored once per phase where it is constant.
//!
//! Most charts draw one centre line and one pair of limits per phase: an XmR chart
//! of ten million points has ten million values but, without rebasing, a single
//! upper limit. Storing that limit ten million times would cost more than the whole
//! calculation (80 MB to allocate, fault in and write), so a [`Column`] keeps one
//! level per phase when the column is constant within each phase, and a value per
//! point only when it varies (a p chart's limits with varying denominators).
//!
//! Either way it reads as a column of `len` values: index it, iterate it, copy it
//! out. Two columns are equal when they hold the same values point by point,
//! however they are stored.

use serde::{Serialize, Serializer};
use std::ops::{Index, Range};

/// A column of `len` per-point values, stored per phase where constant.
///
/// ```
/// use measures_core::Column;
/// // Two phases: points 0..3 at 10.0, points 3..5 at 12.0.
/// let upper = Column::stepped(&[0..3, 3..5], vec![10.0, 12.0]);
/// assert_eq!(upper.len(), 5);
/// assert_eq!(upper[4], 12.0);
/// assert_eq!(upper, vec![10.0, 10.0, 10.0, 12.0, 12.0]);
/// assert!(upper.as_slice().is_none()); // not stored per point
/// ```
#[derive(Clone)]
pub struct Column<T> {
    len: usize,
    repr: Repr<T>,
}

#[derive(Clone)]
enum Repr<T> {
    /// The same value at every point.
    Constant(T),
    /// `levels[k]` holds for the points from `ends[k - 1]` (or 0) up to `ends[k]`.
    Steps { ends: Vec<usize>, levels: Vec<T> },
    /// A value per point.
    Points(Vec<T>),
}

/// Equal, with NaN equal to NaN: a run chart's missing limits are one level.
#[allow(clippy::eq_op)]
fn same<T: PartialEq>(a: &T, b: &T) -> bool {
    a == b || (a != a && b != b)
}

impl<T: Copy + PartialEq> Column<T> {
    /// `value` at each of `len` points.
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::constant(false, 3);
    /// assert_eq!(c.iter().collect::<Vec<_>>(), vec![false, false, false]);
    /// ```
    pub fn constant(value: T, len: usize) -> Column<T> {
        Column {
            len,
            repr: Repr::Constant(value),
        }
    }

    /// One level per range; the ranges follow each other from 0 without gaps (a
    /// [`crate::PhasePlan`]'s phases), and there is one level for each.
    ///
    /// # Panics
    /// If there are not as many levels as ranges, or the ranges leave a gap.
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::stepped(&[0..2, 2..3], vec![1.0, 2.0]);
    /// assert_eq!(c, vec![1.0, 1.0, 2.0]);
    /// ```
    pub fn stepped(ranges: &[Range<usize>], levels: Vec<T>) -> Column<T> {
        assert_eq!(ranges.len(), levels.len(), "one level per range");
        let mut expected_start = 0;
        for r in ranges {
            assert_eq!(r.start, expected_start, "ranges must follow each other");
            expected_start = r.end;
        }
        let len = expected_start;
        if levels.len() == 1 {
            return Column::constant(levels[0], len);
        }
        Column {
            len,
            repr: Repr::Steps {
                ends: ranges.iter().map(|r| r.end).collect(),
                levels,
            },
        }
    }

    /// Per-point values, kept as they are.
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::points(vec![1.0, 2.0]);
    /// assert_eq!(c.as_slice(), Some(&[1.0, 2.0][..]));
    /// ```
    pub fn points(values: Vec<T>) -> Column<T> {
        Column {
            len: values.len(),
            repr: Repr::Points(values),
        }
    }

    /// Per-point values, stored per range when they are constant within each range
    /// (NaN counts as equal to NaN).
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::compact(vec![1.0, 1.0, 2.0, 2.0], &[0..2, 2..4]);
    /// assert!(c.as_slice().is_none());
    /// assert_eq!(c, vec![1.0, 1.0, 2.0, 2.0]);
    /// ```
    pub fn compact(values: Vec<T>, ranges: &[Range<usize>]) -> Column<T> {
        let covers = ranges.last().map(|r| r.end) == Some(values.len());
        let constant = covers
            && ranges.iter().all(|r| {
                let first = &values[r.start];
                values[r.clone()].iter().all(|x| same(x, first))
            });
        if constant {
            let levels = ranges.iter().map(|r| values[r.start]).collect();
            Column::stepped(ranges, levels)
        } else {
            Column::points(values)
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the column has no points.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The values per point, when they are stored per point.
    pub fn as_slice(&self) -> Option<&[T]> {
        match &self.repr {
            Repr::Points(v) => Some(v),
            _ => None,
        }
    }

    /// A column of `f` applied to every value, stored the same way (so `f` runs once
    /// per stored level, not once per point).
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::stepped(&[0..2, 2..3], vec![1.0, 4.0]).map(f64::sqrt);
    /// assert_eq!(c, vec![1.0, 1.0, 2.0]);
    /// ```
    pub fn map<U: Copy + PartialEq>(&self, mut f: impl FnMut(T) -> U) -> Column<U> {
        let repr = match &self.repr {
            Repr::Constant(v) => Repr::Constant(f(*v)),
            Repr::Steps { ends, levels } => Repr::Steps {
                ends: ends.clone(),
                levels: levels.iter().map(|&l| f(l)).collect(),
            },
            Repr::Points(v) => Repr::Points(v.iter().map(|&x| f(x)).collect()),
        };
        Column {
            len: self.len,
            repr,
        }
    }

    /// The value at point `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<T> {
        (i < self.len).then(|| *self.at(i))
    }

    fn at(&self, i: usize) -> &T {
        match &self.repr {
            Repr::Constant(v) => v,
            Repr::Steps { ends, levels } => &levels[ends.partition_point(|&e| e <= i)],
            Repr::Points(v) => &v[i],
        }
    }

    /// The values point by point.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            column: self,
            next: 0,
            level: 0,
        }
    }

    /// The values as a vector, one per point.
    pub fn to_vec(&self) -> Vec<T> {
        match &self.repr {
            Repr::Points(v) => v.clone(),
            Repr::Constant(v) => vec![*v; self.len],
            Repr::Steps { ends, levels } => {
                let mut out = Vec::with_capacity(self.len);
                let mut start = 0;
                for (&end, &level) in ends.iter().zip(levels) {
                    out.resize(out.len() + (end - start), level);
                    start = end;
                }
                out
            }
        }
    }

    /// Copy the values into `out`, which must hold exactly [`Column::len`] values.
    ///
    /// # Panics
    /// If `out` has another length.
    ///
    /// ```
    /// use measures_core::Column;
    /// let mut out = [0.0; 3];
    /// Column::constant(2.5, 3).copy_to_slice(&mut out);
    /// assert_eq!(out, [2.5; 3]);
    /// ```
    pub fn copy_to_slice(&self, out: &mut [T]) {
        assert_eq!(
            out.len(),
            self.len,
            "copy_to_slice needs {} slots",
            self.len
        );
        match &self.repr {
            Repr::Constant(v) => out.fill(*v),
            Repr::Steps { ends, levels } => {
                let mut start = 0;
                for (&end, &level) in ends.iter().zip(levels) {
                    out[start..end].fill(level);
                    start = end;
                }
            }
            Repr::Points(v) => out.copy_from_slice(v),
        }
    }

    /// The first point whose value satisfies `test`, checking each stored level once.
    pub fn position(&self, mut test: impl FnMut(T) -> bool) -> Option<usize> {
        match &self.repr {
            Repr::Constant(v) => (self.len > 0 && test(*v)).then_some(0),
            Repr::Steps { ends, levels } => {
                levels
                    .iter()
                    .position(|&l| test(l))
                    .map(|k| if k == 0 { 0 } else { ends[k - 1] })
            }
            Repr::Points(v) => v.iter().position(|&x| test(x)),
        }
    }

    /// Does any point's value satisfy `test`?
    pub fn any(&self, test: impl FnMut(T) -> bool) -> bool {
        self.position(test).is_some()
    }

    /// Does every point's value satisfy `test`?
    pub fn all(&self, mut test: impl FnMut(T) -> bool) -> bool {
        self.position(|x| !test(x)).is_none()
    }

    /// The value over `range` if it is the same at every point of it (NaN equal to NaN).
    ///
    /// ```
    /// use measures_core::Column;
    /// let c = Column::points(vec![1.0, 1.0, 2.0]);
    /// assert_eq!(c.constant_over(0..2), Some(1.0));
    /// assert_eq!(c.constant_over(0..3), None);
    /// ```
    pub fn constant_over(&self, range: Range<usize>) -> Option<T> {
        match self.over(range.clone()) {
            Segment::Level(v) => Some(v),
            Segment::Points(v) => {
                let first = v.get(range.start)?;
                v[range].iter().all(|x| same(x, first)).then_some(*first)
            }
            Segment::Mixed(c) => {
                let first = c.get(range.start)?;
                range
                    .clone()
                    .all(|i| same(c.at(i), &first))
                    .then_some(first)
            }
        }
    }

    /// The column read over `range`: one level when it is constant there, which the
    /// rule engine reads without looking the level up point by point.
    pub(crate) fn over(&self, range: Range<usize>) -> Segment<'_, T> {
        match &self.repr {
            Repr::Constant(v) => Segment::Level(*v),
            Repr::Points(v) => Segment::Points(v),
            Repr::Steps { ends, levels } => {
                let k = ends.partition_point(|&e| e <= range.start);
                if k < ends.len() && range.end <= ends[k] {
                    Segment::Level(levels[k])
                } else {
                    Segment::Mixed(self)
                }
            }
        }
    }
}

impl Column<bool> {
    /// How many points of `range` are `true`, without looking at each point where
    /// the range lies within one level.
    ///
    /// ```
    /// use measures_core::Column;
    /// assert_eq!(Column::constant(true, 10).count_true(2..7), 5);
    /// assert_eq!(Column::points(vec![true, false, true]).count_true(0..3), 2);
    /// ```
    pub fn count_true(&self, range: Range<usize>) -> usize {
        match self.over(range.clone()) {
            Segment::Level(all) => all as usize * range.len(),
            Segment::Points(v) => v[range].iter().filter(|&&x| x).count(),
            Segment::Mixed(c) => range.filter(|&i| c[i]).count(),
        }
    }
}

/// A column read over one range of points (see [`Column::over`]).
#[derive(Clone, Copy)]
pub(crate) enum Segment<'a, T> {
    /// One value for every point of the range.
    Level(T),
    /// Values per point, indexed by point.
    Points(&'a [T]),
    /// Several levels inside the range (a range that crosses phases).
    Mixed(&'a Column<T>),
}

impl<T: Copy + PartialEq> Segment<'_, T> {
    /// The value at point `i` (an index into the whole column).
    #[inline]
    pub fn at(&self, i: usize) -> T {
        match self {
            Segment::Level(v) => *v,
            Segment::Points(v) => v[i],
            Segment::Mixed(c) => *c.at(i),
        }
    }
}

impl<T: Copy + PartialEq> Index<usize> for Column<T> {
    type Output = T;

    /// The value at point `i`.
    ///
    /// # Panics
    /// If `i` is not below [`Column::len`].
    fn index(&self, i: usize) -> &T {
        assert!(
            i < self.len,
            "index {i} out of range for a column of {} points",
            self.len
        );
        self.at(i)
    }
}

/// The values of a [`Column`], point by point.
pub struct Iter<'a, T> {
    column: &'a Column<T>,
    next: usize,
    /// The level of `Repr::Steps` that holds `next`.
    level: usize,
}

impl<T: Copy> Iterator for Iter<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let i = self.next;
        if i >= self.column.len {
            return None;
        }
        self.next += 1;
        Some(match &self.column.repr {
            Repr::Constant(v) => *v,
            Repr::Points(v) => v[i],
            Repr::Steps { ends, levels } => {
                while ends[self.level] <= i {
                    self.level += 1;
                }
                levels[self.level]
            }
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.column.len - self.next;
        (left, Some(left))
    }
}

impl<T: Copy> ExactSizeIterator for Iter<'_, T> {}

impl<'a, T: Copy + PartialEq> IntoIterator for &'a Column<T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T: Copy + PartialEq> From<Vec<T>> for Column<T> {
    fn from(values: Vec<T>) -> Column<T> {
        Column::points(values)
    }
}

impl<T: Copy + PartialEq> From<&[T]> for Column<T> {
    fn from(values: &[T]) -> Column<T> {
        Column::points(values.to_vec())
    }
}

impl<T: Copy + PartialEq> PartialEq for Column<T> {
    /// Equal when every point's value is equal, however the columns are stored.
    fn eq(&self, other: &Column<T>) -> bool {
        self.len == other.len && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Copy + PartialEq> PartialEq<[T]> for Column<T> {
    fn eq(&self, other: &[T]) -> bool {
        self.len == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl<T: Copy + PartialEq> PartialEq<Vec<T>> for Column<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self == other.as_slice()
    }
}

impl<T: Copy + PartialEq, const N: usize> PartialEq<[T; N]> for Column<T> {
    fn eq(&self, other: &[T; N]) -> bool {
        self == other.as_slice()
    }
}

impl<T: Copy + PartialEq + std::fmt::Debug> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Copy + PartialEq + Serialize> Serialize for Column<T> {
    /// A column serialises as the list of its values, one per point.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
// One phase's range in a list is what a column takes, not a mistaken range-to-vec.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn every_representation_reads_the_same() {
        let ranges = [0..2, 2..5, 5..6];
        let points = vec![1.0, 1.0, f64::NAN, f64::NAN, f64::NAN, 3.0];
        let stepped = Column::compact(points.clone(), &ranges);
        assert!(stepped.as_slice().is_none());
        let plain = Column::points(points.clone());
        for i in 0..6 {
            assert!(same(&stepped[i], &plain[i]), "point {i}");
        }
        let mut out = [0.0; 6];
        stepped.copy_to_slice(&mut out);
        assert_eq!(out[..2], [1.0, 1.0]);
        assert!(out[2..5].iter().all(|x| x.is_nan()));
        assert_eq!(stepped.iter().len(), 6);
        assert_eq!(stepped.position(|x| x.is_nan()), Some(2));
        assert_eq!(plain.position(|x| x.is_nan()), Some(2));
        assert_eq!(stepped.position(|x| x > 2.0), Some(5));
        assert!(stepped.constant_over(2..5).is_some_and(|x| x.is_nan()));
        assert_eq!(stepped.constant_over(1..3), None);
        assert_eq!(stepped.get(6), None);
    }

    #[test]
    fn varying_values_stay_per_point() {
        let c = Column::compact(vec![1, 2, 2], &[0..3]);
        assert_eq!(c.as_slice(), Some(&[1, 2, 2][..]));
        let d = Column::compact(vec![1, 1, 2], &[0..2, 2..3]);
        assert_eq!(d.as_slice(), None);
        assert_eq!(d, Column::points(vec![1, 1, 2]));
    }

    #[test]
    fn segments_resolve_to_a_level_within_a_step() {
        let c = Column::stepped(&[0..2, 2..4], vec![1, 2]);
        assert!(matches!(c.over(2..4), Segment::Level(2)));
        assert!(matches!(c.over(0..2), Segment::Level(1)));
        let mixed = c.over(1..3);
        assert_eq!((mixed.at(1), mixed.at(2)), (1, 2));
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn indexing_past_the_end_panics_like_a_slice() {
        let _ = Column::constant(1.0, 2)[2];
    }
}
