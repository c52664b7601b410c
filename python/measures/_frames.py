"""DataFrames (pandas, polars, or a dict of columns) and CSV exports as chart input:
columns named as the CSV reader matches headers, one row per point or one row per
event made into one point per period, as the ``measures`` command reads them."""

from __future__ import annotations

import math
import os
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import numpy as _np

from ._convert import _label, as_array, is_missing
from ._errors import invalid
from ._native import cell_date as _cell_date
from ._native import cell_missing as _cell_missing
from ._native import match_columns as _match_columns
from ._native import per_period as _per_period
from ._native import read_csv as _read_csv
from ._options import choice

def cell(value: Any) -> str:
    """One cell of a case log as text: dates and times in ISO form, missing as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        try:
            if value != value:  # pandas NaT
                return ""
        except Exception:
            pass
        text = isoformat()
        # A timezone-aware time keeps its offset; "+00:00" style is what the core reads.
        return text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # handoff counts read by pandas as floats
    return str(value)


def is_frame(data: Any) -> bool:
    """A pandas or polars DataFrame, or a dict of columns (as read_csv gives)."""
    if isinstance(data, dict):
        return True
    return hasattr(data, "columns") and not isinstance(data, _np.ndarray) and not hasattr(data, "dtype")


def frame_column(frame: Any, name: str, what: str) -> List[Any]:
    """A column of a DataFrame, matched as the CSV reader matches headers."""
    keys = list(frame) if isinstance(frame, dict) else list(frame.columns)
    headers = [str(c) for c in keys]
    [at] = _match_columns(headers, [name])
    if at is None:
        raise invalid(f"{what}: no column {name!r}; the columns are: {', '.join(headers)}", "missing_column")
    column = frame[keys[at]]
    return list(column.to_list() if hasattr(column, "to_list") else column)


def read_csv(path: "Union[str, os.PathLike[str]]", *, delimiter: Optional[str] = None) -> Dict[str, List[str]]:
    """Every column of a CSV export as text, read by the same reader as the
    ``measures`` command: the delimiter found (comma, semicolon, tab or ``|``; or
    ``delimiter=``), a byte-order mark dropped, rows of nothing but empty fields
    skipped. Give the result to a chart function with column names, which are matched
    ignoring case, spaces and underscores, and cells read as the command reads them
    ("1,948"; NA, N/A, -, null and empty as missing):

    >>> data = measures.read_csv("tests/data/exports/semicolon-thousands.csv")
    >>> list(data)
    ['Month', 'Repairs completed', 'Average days']
    >>> chart = measures.xmr(data, value="repairs completed", date="month")
    >>> chart.labels[:2], chart.values.tolist()[0]
    (['2024-01-01', '2024-02-01'], 1948.0)
    """
    pairs, _, _, _ = _read_csv(os.fspath(path), None, delimiter)
    return dict(pairs)


_PERIODS = ("day", "week", "month", "quarter")
_AGGREGATES = ("count", "sum", "mean", "median")


def frame_points(
    frame: Any,
    value: Optional[str],
    numerator: Optional[str],
    denominator: Optional[str],
    date: Optional[str],
    period: Optional[str],
    aggregate: Optional[str],
    flag: Optional[str],
    flag_value: Optional[str],
) -> "tuple[List[Any], Optional[List[Any]], Optional[List[Any]], List[int], List[str]]":
    """(values, denominators, labels, incomplete periods, notes) from a DataFrame:
    one row per point (``date`` the labels), or with ``period`` one point per period
    of events, as the command's ``--date --period --aggregate``."""
    top = numerator if numerator is not None else value
    if period is None:
        if top is None:
            raise invalid("name the column of values: value= (or numerator= and denominator=)")
        values = frame_column(frame, top, "value")
        dens: Optional[List[Any]] = None if denominator is None else frame_column(frame, denominator, "denominator")
        labels = None if date is None else frame_column(frame, date, "date")
        notes: List[str] = []
        # Rows of nothing (a spreadsheet's trailing empty rows) are skipped and
        # counted, as the CSV reader skips them.
        named = [c for c in (values, dens, labels) if c is not None]
        blank = [i for i in range(len(values)) if all(is_blank(c[i]) for c in named)]
        if blank:
            keep = [i for i in range(len(values)) if i not in set(blank)]
            values = [values[i] for i in keep]
            dens = None if dens is None else [dens[i] for i in keep]
            labels = None if labels is None else [labels[i] for i in keep]
            notes.append(f"{len(blank)} row{'' if len(blank) == 1 else 's'} had every field empty and "
                         f"{'was' if len(blank) == 1 else 'were'} skipped")
        if labels is not None:
            # Dates in any form the readers accept are written ISO, and the rows put in
            # date order (a newest-first export is read oldest first), as the command does.
            days = [_cell_date(_label(x)) if not isinstance(x, str) else _cell_date(x) for x in labels]
            if all(d is not None for d in days):
                present = [str(d) for d in days]
                order = sorted(range(len(present)), key=lambda i: present[i])
                if order != list(range(len(days))):
                    newest_first = order == list(range(len(days)))[::-1]
                    notes.append("the rows were newest first: they are read oldest first" if newest_first
                                 else "the rows were not in date order: they are read in date order")
                    values = [values[i] for i in order]
                    dens = None if dens is None else [dens[i] for i in order]
                labels = [present[i] for i in order]
        return values, dens, labels, [], notes
    choice("period", period, _PERIODS)
    if date is None:
        raise invalid("period= needs date=: the column of each row's date")
    dates = [cell(d) for d in frame_column(frame, date, "date")]
    if flag is not None:
        if flag_value is None:
            raise invalid("class_= needs failure=: the value that counts")
        flags = [None if not cell(c) else cell(c).strip().lower() == str(flag_value).strip().lower()
                 for c in frame_column(frame, flag, "class_")]
        labels, values, rows, complete, notes = _per_period(dates, period, "count", None, flags)
        dens = rows
    elif denominator is not None:
        exposure = [float(x) for x in as_array(frame_column(frame, denominator, "denominator"), "denominator")]
        events = None if top is None else [float(x) for x in as_array(frame_column(frame, top, "value"), "value")]
        labels, values, _, complete, notes = _per_period(dates, period, "sum" if events else "count", events)
        _, dens, _, _, more = _per_period(dates, period, "sum", exposure)
        notes = notes + more
    else:
        how = aggregate or ("mean" if top is not None else "count")
        choice("aggregate", how, _AGGREGATES)
        if how != "count" and top is None:
            raise invalid(f"aggregate={how!r} needs value=: the column to summarise")
        raw = None if top is None or how == "count" else [
            float(x) for x in as_array(frame_column(frame, top, "value"), "value")]
        labels, values, _, complete, notes = _per_period(dates, period, how, raw)
        dens = None
    incomplete = [i for i, c in enumerate(complete) if not c]
    if incomplete:
        notes = notes + [f"{len(incomplete)} incomplete {period}{'' if len(incomplete) == 1 else 's'} "
                         "(the first or last, which the rows do not cover whole) plotted but kept out of the limits"]
    return values, dens, labels, incomplete, notes


def is_blank(item: Any) -> bool:
    """A missing cell: None, NaN, pandas NA or NaT, or text the readers read as
    missing (empty, NA, N/A, -, null…)."""
    return is_missing(item) or (isinstance(item, str) and _cell_missing(item))


class Points(NamedTuple):
    """A chart's input as the core takes it, with what reading it found."""

    values: Any
    denominators: Any
    labels: Any
    #: Positions of incomplete periods (the first or last), kept out of the limits.
    incomplete: List[int]
    #: How the input was read (rows skipped, periods made from events), for the notes.
    notes: List[str]


def read_points(
    kind: str,
    data: Any,
    labels: Any,
    denominators: Any = None,
    *,
    value: Optional[str] = None,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[str] = None,
    aggregate: Optional[str] = None,
    class_: Optional[str] = None,
    failure: Optional[str] = None,
) -> Points:
    """A chart's points from sequences, or from a DataFrame whose columns are named,
    as NHSRplotthedots' ``ptd_spc(data, value_field, date_field)`` takes them:
    ``value=`` (or ``numerator=`` and ``denominator=``) and ``date=`` (the labels);
    with ``period=`` (day, week, month, quarter), one row per event becomes one
    point per period: the ``aggregate=`` (count, sum, mean, median) of ``value``,
    or with ``class_=`` and ``failure=`` the share of rows whose class is
    ``failure``."""
    named = (value, numerator, denominator, date, period, aggregate, class_, failure)
    ratio = kind in ("p", "np", "u", "p_prime", "u_prime")
    if not is_frame(data):
        if any(n is not None for n in named):
            raise invalid("value=, date=, period= and the like name a DataFrame's columns: pass the DataFrame first")
        return Points(data, denominators, labels, [], [])
    if labels is not None or denominators is not None:
        raise invalid("with a DataFrame, name its columns (value=, date=, ...) instead of passing more sequences")
    values, dens, point_labels, incomplete, notes = frame_points(
        data, value, numerator, denominator, date, period, aggregate, class_, failure)
    if ratio and dens is None:
        raise invalid(
            f"a {kind} chart from a DataFrame needs numerator= and denominator= "
            "(or, with period=, class_= and failure=)"
        )
    return Points(values, dens, point_labels, incomplete, notes)
