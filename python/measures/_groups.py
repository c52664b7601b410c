"""One XmR chart per group of a DataFrame, computed in one call to the Rust core,
and the summary table of a board report (one row per measure with its icons)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as _np

from ._convert import _label, as_array
from ._errors import invalid
from ._native import xmr_groups as _xmr_groups
from ._options import chart_options, finite, xmr_settings


def _column(frame: Any, name: str) -> "_np.ndarray":
    try:
        column = frame[name]
    except (KeyError, TypeError, Exception):
        columns = list(getattr(frame, "columns", getattr(frame, "keys", lambda: [])()))
        raise invalid(f"no column {name!r}; the columns are: {', '.join(map(str, columns))}", "missing_column") from None
    if type(column).__module__.startswith("pyarrow"):
        return column.to_numpy(zero_copy_only=False)  # text keys cannot be zero-copy
    if hasattr(column, "to_numpy"):
        return column.to_numpy()
    return _np.asarray(column)


def _flavour(frame: Any) -> str:
    module = type(frame).__module__
    if module.startswith("polars"):
        return "polars"
    if module.startswith("pyarrow"):
        return "pyarrow"
    return "pandas"


def _grouped(
    frame: Any, value: str, by: Union[str, Sequence[str]], label: Optional[str], options: Dict[str, Any]
) -> Dict[str, Any]:
    by = [by] if isinstance(by, str) else list(by)
    if not by:
        raise invalid("by must name at least one column")
    keys = [_column(frame, c) for c in by]
    values = as_array(_column(frame, value), value)
    n = len(values)
    sort_keys: List[Any] = []
    codes = []
    for name, key in zip(by, keys):
        if len(key) != n:
            raise invalid(f"column {name!r} has {len(key)} rows, {value!r} has {n}")
        _, inverse = _np.unique(key.astype(str) if key.dtype == object else key, return_inverse=True)
        codes.append(inverse)
    label_values = None
    if label is not None:
        label_values = _column(frame, label)
        _, label_code = _np.unique(label_values.astype(str) if label_values.dtype == object else label_values,
                                   return_inverse=True)
        sort_keys.append(label_code)
    sort_keys.extend(reversed(codes))
    order = _np.lexsort(sort_keys) if n else _np.empty(0, dtype=_np.int64)
    sorted_codes = _np.stack([c[order] for c in codes]) if n else _np.empty((len(codes), 0))
    change: Any = _np.flatnonzero(_np.any(sorted_codes[:, 1:] != sorted_codes[:, :-1], axis=0)) + 1 if n else []
    offsets = [0, *map(int, change), n] if n else [0]
    rules, shift, trend = options.pop("rules", None), options.pop("shift", None), options.pop("trend", None)
    if rules is None and (shift is not None or trend is not None):
        rules = "nhs"  # run lengths alone adjust the default rule set
    baseline = options.pop("baseline", None)
    phases, exclude = options.pop("phases", None), options.pop("exclude", None)
    target = options.pop("target", None)
    sorted_keys = [k[order] for k in keys]
    per_group = None
    through = None
    if baseline is not None and (isinstance(baseline, bool) or not isinstance(baseline, int)):
        through, baseline = baseline, None
    if phases or exclude or through is not None or isinstance(target, (str, dict)):
        per_group = _per_group(
            by, sorted_keys, offsets, None if label_values is None else label_values[order],
            phases, exclude, through, target,
        )
        target = None if isinstance(target, (str, dict)) else target
    options_json = chart_options(
        None, options.pop("direction", None), target, rules, shift, trend, None, baseline, None
    )
    settings = xmr_settings(
        options.pop("centre", "mean"), options.pop("moving_range", "mean"),
        options.pop("constant", "nhs"), options.pop("screen", True),
    )
    if options:
        raise invalid(f"unknown option(s): {', '.join(sorted(options))}")
    # The rows are already in label order within each group, and the label column is
    # returned as given, so the labels need not cross into Rust as text.
    result = _xmr_groups(
        _np.ascontiguousarray(values[order]), offsets, None, options_json,
        None if settings is None else json.dumps(settings), per_group,
    )
    return {
        "by": by,
        "keys": sorted_keys,
        "label": label,
        "labels": None if label_values is None else label_values[order],
        "value": value,
        "values": values[order],
        "offsets": offsets,
        "result": result,
    }


def _comparable(point: Any, labels: "_np.ndarray") -> Any:
    """A point named by label or date, as a value comparable with the label column."""
    if labels.dtype.kind == "M":
        try:
            return _np.datetime64(_label(point)).astype(labels.dtype)
        except ValueError:
            raise invalid(f"{point!r} is not a date, and the labels are dates") from None
    return _label(point) if labels.dtype == object or labels.dtype.kind == "U" else point


def _per_group(
    by: List[str], keys: List["_np.ndarray"], offsets: List[int], labels: Optional["_np.ndarray"],
    phases: Optional[Sequence[Any]], exclude: Optional[Sequence[Any]], through: Any, target: Any,
) -> Dict[str, Any]:
    """Each group's own phase starts, exclusions, baseline and target, from points
    named by label or date: a phase starts at each group's first point on or after
    the date; an exclusion is the point with that label in each group that has one;
    a baseline runs through each group's last point on or before it."""
    groups = len(offsets) - 1
    starts = _np.asarray(offsets[:-1], dtype=_np.int64)
    out: Dict[str, Any] = {"phase_ptr": [0] * (groups + 1), "phase_starts": [], "exclude_ptr": [0] * (groups + 1),
                           "exclude": [], "targets": None, "through": None}
    named = [("phases", phases), ("exclude", exclude)] + ([("baseline", [through])] if through is not None else [])
    if any(points for _, points in named) and labels is None:
        raise invalid("phases, exclude and a baseline by label name points by label or date: give label=")
    if labels is not None:
        comparable = labels.astype(str) if labels.dtype == object else labels

        def group_of(rows: "_np.ndarray") -> "_np.ndarray":
            return _np.searchsorted(_np.asarray(offsets), rows, side="right") - 1

        def positions(option: str, points: Sequence[Any], test: str) -> List[Any]:
            found: List[Any] = []
            for point in points:
                value = _comparable(point, labels)
                mask = comparable >= value if test == "from" else comparable == value
                rows = _np.flatnonzero(mask)
                if test == "exact" and rows.size == 0:
                    raise invalid(f"{option}: no group has a point labelled {point!r}")
                g = group_of(rows)
                first_groups, first = _np.unique(g, return_index=True)
                found.extend(zip(first_groups.tolist(), (rows[first] - starts[first_groups]).tolist()))
            return found

        def flatten(pairs: List[Any], skip_first: bool) -> "tuple[List[int], List[int]]":
            pairs = sorted({(g, p) for g, p in pairs if not (skip_first and p == 0)})
            counts = _np.bincount(_np.asarray([g for g, _ in pairs], dtype=_np.int64), minlength=groups)
            return [0, *_np.cumsum(counts).tolist()], [p for _, p in pairs]

        out["phase_ptr"], out["phase_starts"] = flatten(positions("phases", phases or [], "from"), True)
        out["exclude_ptr"], out["exclude"] = flatten(positions("exclude", exclude or [], "exact"), False)
        if through is not None:
            value = _comparable(through, labels)
            rows = _np.flatnonzero(comparable <= value)
            last_groups, last = _np.unique(group_of(rows)[::-1], return_index=True)
            through_at = _np.full(groups, -1, dtype=_np.int64)
            through_at[last_groups] = rows[::-1][last] - starts[last_groups]
            out["through"] = through_at.tolist()
    if isinstance(target, str):
        raise invalid("target= by column is not supported; give a number or a dict of group to target")
    if isinstance(target, dict):
        def key(g: int) -> Any:
            k = tuple(_np.asarray(col)[offsets[g]].item() if hasattr(col[offsets[g]], "item") else col[offsets[g]]
                      for col in keys)
            return k[0] if len(k) == 1 else k

        targets = []
        for g in range(groups):
            t = target.get(key(g))
            targets.append(float("nan") if t is None else finite("target", t))
        out["targets"] = targets
    return out


def _frame(flavour: str, columns: Dict[str, Any]) -> Any:
    if flavour == "polars":
        import polars as pl

        return pl.DataFrame(columns)
    if flavour == "pyarrow":
        import pyarrow as pa

        return pa.table({k: pa.array(list(v) if getattr(v, "dtype", None) == object else v) for k, v in columns.items()})
    import pandas as pd

    return pd.DataFrame(columns)


def xmr_by(
    frame: Any,
    value: str,
    by: Union[str, Sequence[str]],
    label: Optional[str] = None,
    **options: Any,
) -> Any:
    """One XmR chart per group, computed in one call to the Rust core, as a tidy
    DataFrame (pandas in, pandas out; polars in, polars out; a pyarrow Table or
    RecordBatch in, a pyarrow Table out).

    Rows are sorted by the ``by`` columns and then ``label`` (usually the date). The
    columns are the ``by`` columns, the label, ``value``, ``centre``, ``upper``,
    ``lower``, ``phase``, ``point_type``, ``special_cause`` and each group's
    ``variation`` and ``assurance``. A group that cannot be charted (one point) has
    NaN limits and its reason in ``error``.

    Options as for :func:`measures.xmr`: ``direction``, ``rules``, ``shift``,
    ``trend``, ``centre``, ``moving_range``, ``constant``, ``screen``, and, named by
    label or date (with ``label=``), ``phases`` (a new phase from each group's first
    point on or after each), ``exclude`` (the point with that label in each group
    that has one) and ``baseline`` (a number of points per phase, or a label: each
    group's limits frozen through its last point on or before it). ``target`` is a
    number for every group or a dict from group (its ``by`` value, or a tuple of
    them) to its target. Each group's numbers are exactly those of ``measures.xmr``
    on that group alone with the same options.
    """
    g = _grouped(frame, value, by, label, dict(options))
    r = g["result"]
    offsets = g["offsets"]
    sizes = _np.diff(offsets)
    names = r["point_types"]
    point_type = _np.array([None if c < 0 else names[c] for c in r["point_type"]], dtype=object)
    columns: Dict[str, Any] = {name: key for name, key in zip(g["by"], g["keys"])}
    if label is not None:
        columns[label] = g["labels"]
    columns.update(
        {
            value: g["values"],
            "centre": r["centre"],
            "upper": r["upper"],
            "lower": r["lower"],
            "phase": r["phase"],
            "point_type": point_type,
            "special_cause": r["special_cause"],
            "variation": _np.repeat(_np.array(r["variation"], dtype=object), sizes),
            "assurance": _np.repeat(_np.array(r["assurance"], dtype=object), sizes),
            "error": _np.repeat(_np.array(r["error"], dtype=object), sizes),
        }
    )
    return _frame(_flavour(frame), columns)


def summary(
    frame: Any,
    value: str,
    by: Union[str, Sequence[str]],
    label: Optional[str] = None,
    **options: Any,
) -> Any:
    """The board-report table: one row per measure (group), with its latest point,
    the latest limits and Making Data Count's variation and assurance icons.

    Columns: the ``by`` columns, ``points``, the latest ``label`` and ``value``,
    ``centre``, ``lower``, ``upper``, ``variation``, ``assurance``, ``error``.
    Options as for :func:`xmr_by`.
    """
    g = _grouped(frame, value, by, label, dict(options))
    r = g["result"]
    last = _np.array(g["offsets"][1:], dtype=_np.int64) - 1
    columns: Dict[str, Any] = {name: key[last] for name, key in zip(g["by"], g["keys"])}
    columns["points"] = _np.diff(g["offsets"])
    if label is not None:
        columns[label] = g["labels"][last]
    columns.update(
        {
            value: g["values"][last],
            "centre": r["centre"][last],
            "lower": r["lower"][last],
            "upper": r["upper"][last],
            "variation": _np.array(r["variation"], dtype=object),
            "assurance": _np.array(r["assurance"], dtype=object),
            "error": _np.array(r["error"], dtype=object),
        }
    )
    return _frame(_flavour(frame), columns)
