"""measures: outcome measures for public services.

SPC charts with special-cause rules (NHS Making Data Count, Western Electric,
Nelson, Anhøj), phases, baselines, exclusions and Making Data Count's variation and
assurance icons: XmR and run charts, X-bar/R and X-bar/S, p, np, c, u, Laney p′ and
u′, t, g, CUSUM and EWMA; capability; demand analysis of a case log; one chart per
group of a DataFrame and the summary table a board report shows. Every number is
computed by the Rust core; this package converts Python values (lists, numpy arrays,
pandas and polars Series, read in place when they are float64) and wraps the results.

>>> import measures
>>> chart = measures.xmr([5.0, 6.0, 5.5, 6.5, 5.0, 6.0])
>>> chart.variation
'common_cause'
>>> chart["variation"]  # the JSON shape of docs/json.md
'common_cause'
"""

from __future__ import annotations

import contextvars
import functools
import json
import math

import numpy as _np
from typing import Any, Dict, List, Optional, Sequence, Union

from ._chart import Chart
from ._convert import as_array as _as_array
from ._convert import _label
from ._convert import labels as _text_labels
from ._native import InvalidInput, MeasuresError, TooFewPoints, __version__
from ._native import capability_json as _capability_json
from ._native import chart as _native_chart
from ._native import cell_date as _cell_date
from ._native import cell_missing as _cell_missing
from ._native import demand_html as _demand_html
from ._native import match_columns as _match_columns
from ._native import per_period as _per_period
from ._native import read_csv as _read_csv
from ._native import demand_json as _demand_json

__all__ = [
    "xmr",
    "run",
    "xbar_r",
    "xbar_s",
    "p",
    "np",
    "c",
    "u",
    "p_prime",
    "u_prime",
    "t",
    "g",
    "cusum",
    "ewma",
    "capability",
    "demand",
    "report",
    "read_csv",
    "CaseLog",
    "xmr_by",
    "summary",
    "Chart",
    "MeasuresError",
    "InvalidInput",
    "TooFewPoints",
    "__version__",
]

Point = Union[int, str]

_DIRECTIONS = {
    None: "neither",
    "neither": "neither",
    "higher": "higher_is_better",
    "lower": "lower_is_better",
}


_RULE_SETS = ("nhs", "western_electric", "nelson", "anhoej", "limits", "none")


def _finite(name: str, value: Any) -> float:
    """An option that must be a finite number, checked here so the error names it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, _np.integer, _np.floating)):
        raise InvalidInput(f"{name}: {value!r} is not a number")
    if not math.isfinite(value):
        raise InvalidInput(f"{name}: {value!r} is not a finite number")
    return float(value)


def _choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """An option that must be one of a few names, checked here so the error names it."""
    if value not in allowed:
        raise InvalidInput(f"{name}: {value!r} is not one of {', '.join(repr(a) for a in allowed)}")
    return value


def _position(point: Point, labels: Optional[Sequence[Any]], option: str) -> int:
    """A point named by its label (when labels are given), by its date (a date,
    datetime, pandas Timestamp or a date in text, in any form the readers accept,
    when the labels are dates) or by its 0-based index."""
    if labels is not None and not isinstance(point, (int, str)) or isinstance(point, _np.datetime64):
        point = _label(point)
    if isinstance(point, str) and labels is not None and point not in labels:
        day = _cell_date(point)
        if day is not None:
            days = [_cell_date(str(label)) for label in labels]
            if day in days:
                return days.index(day)
    if isinstance(point, str):
        if labels is None:
            raise InvalidInput(f"{option}: {point!r} is a label, but no labels were given")
        names = [str(label) for label in labels]
        try:
            return names.index(point)
        except ValueError:
            raise InvalidInput(f"{option}: no point is labelled {point!r}") from None
    if isinstance(point, bool) or not isinstance(point, int):
        raise InvalidInput(f"{option}: {point!r} is neither a label nor an index")
    if point < 0:
        raise InvalidInput(f"{option}: index {point} is negative")
    return point


def _options(
    labels: Optional[Sequence[Any]],
    direction: Optional[str],
    target: Optional[float],
    rules: Optional[str],
    shift: Optional[int],
    trend: Optional[int],
    phases: Optional[Sequence[Point]],
    baseline: Optional[Union[int, str]],
    exclude: Optional[Sequence[Point]],
) -> Optional[str]:
    if direction not in _DIRECTIONS:
        raise InvalidInput(f"direction must be 'higher', 'lower', 'neither' or None, not {direction!r}")
    if target is not None:
        target = _finite("target", target)
    if rules is not None:
        _choice("rules", str(rules).replace("-", "_"), _RULE_SETS)
    for name, length in (("shift", shift), ("trend", trend)):
        if length is not None and (isinstance(length, bool) or not isinstance(length, int) or length < 2):
            raise InvalidInput(f"{name}: {length!r} is not a run length (a whole number, 2 or more)")
    if baseline is not None and not isinstance(baseline, str):
        if isinstance(baseline, bool) or not isinstance(baseline, int) or baseline < 1:
            raise InvalidInput(f"baseline: {baseline!r} is neither a number of points (1 or more) nor a label")
    if (direction in (None, "neither") and target is None and rules is None and shift is None and trend is None
            and not phases and baseline is None and not exclude):
        return None  # the core's defaults: no JSON to write or read
    options: Dict[str, Any] = {
        "direction": _DIRECTIONS[direction],
        "target": target,
        "phase_starts": [_position(p, labels, "phases") for p in (phases or [])],
        "exclude": [_position(p, labels, "exclude") for p in (exclude or [])],
    }
    if rules is not None or shift is not None or trend is not None:
        if rules is None:
            raise InvalidInput("shift and trend lengths need a rule set: pass rules='nhs' (or another)")
        options["rules"] = {"set": rules.replace("-", "_"), "shift": shift, "trend": trend}
    if baseline is not None:
        # an int is a number of points (every phase); a label freezes through that point
        if isinstance(baseline, str):
            options["baseline"] = {"through": _position(baseline, labels, "baseline")}
        else:
            options["baseline"] = {"first_points": baseline}
    return json.dumps(options)


# How the input was read (periods made from events), for the chart's notes.
_INPUT_NOTES: "contextvars.ContextVar[List[str]]" = contextvars.ContextVar("measures_input_notes", default=[])


def _chart(
    kind: str,
    values: Sequence[float],
    labels: Optional[Sequence[Any]],
    common: Dict[str, Any],
    settings: Optional[Dict[str, Any]] = None,
    denominators: Optional[Sequence[float]] = None,
    sizes: Optional[List[int]] = None,
) -> Chart:
    labels = _text_labels(labels)
    options = _options(labels, **common)
    native = _native_chart(
        kind,
        _as_array(values, "values"),
        None if denominators is None else _as_array(denominators, "denominators"),
        labels,
        options,
        None if settings is None else json.dumps(settings),
        sizes,
        _INPUT_NOTES.get() or None,
    )
    return Chart(native)


def _is_frame(data: Any) -> bool:
    """A pandas or polars DataFrame, or a dict of columns (as read_csv gives)."""
    if isinstance(data, dict):
        return True
    return hasattr(data, "columns") and not isinstance(data, _np.ndarray) and not hasattr(data, "dtype")


def _frame_column(frame: Any, name: str, what: str) -> List[Any]:
    """A column of a DataFrame, matched as the CSV reader matches headers."""
    keys = list(frame) if isinstance(frame, dict) else list(frame.columns)
    headers = [str(c) for c in keys]
    [at] = _match_columns(headers, [name])
    if at is None:
        raise InvalidInput(f"{what}: no column {name!r}; the columns are: {', '.join(headers)}")
    column = frame[keys[at]]
    return list(column.to_list() if hasattr(column, "to_list") else column)


def read_csv(path: "Union[str, os.PathLike[str]]", *, delimiter: Optional[str] = None) -> Dict[str, List[str]]:
    """Every column of a CSV export as text, read by the same reader as the
    ``measures`` command: the delimiter found (comma, semicolon, tab or ``|``; or
    ``delimiter=``), a byte-order mark dropped, rows of nothing but empty fields
    skipped. Give the result to a chart function with column names, which are matched
    ignoring case, spaces and underscores, and cells read as the command reads them
    ("1,948"; NA, N/A, -, null and empty as missing):

    >>> data = measures.read_csv("tests/data/exports/semicolon-thousands.csv")  # doctest: +SKIP
    >>> measures.xmr(data, value="repairs completed", date="month")  # doctest: +SKIP
    """
    import os

    pairs, _, _, _ = _read_csv(os.fspath(path), None, delimiter)
    return dict(pairs)


_PERIODS = ("day", "week", "month", "quarter")
_AGGREGATES = ("count", "sum", "mean", "median")


def _frame_points(
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
            raise InvalidInput("name the column of values: value= (or numerator= and denominator=)")
        values = _frame_column(frame, top, "value")
        dens = None if denominator is None else _frame_column(frame, denominator, "denominator")
        labels = None if date is None else _frame_column(frame, date, "date")
        notes: List[str] = []
        # Rows of nothing (a spreadsheet's trailing empty rows) are skipped and
        # counted, as the CSV reader skips them.
        named = [c for c in (values, dens, labels) if c is not None]
        blank = [i for i in range(len(values)) if all(_is_blank(c[i]) for c in named)]
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
                order = sorted(range(len(days)), key=lambda i: days[i])
                if order != list(range(len(days))):
                    newest_first = order == list(range(len(days)))[::-1]
                    notes.append("the rows were newest first: they are read oldest first" if newest_first
                                 else "the rows were not in date order: they are read in date order")
                    values = [values[i] for i in order]
                    dens = None if dens is None else [dens[i] for i in order]
                labels = [str(days[i]) for i in order]
        return values, dens, labels, [], notes
    _choice("period", period, _PERIODS)
    if date is None:
        raise InvalidInput("period= needs date=: the column of each row's date")
    dates = [_cell(d) for d in _frame_column(frame, date, "date")]
    if flag is not None:
        if flag_value is None:
            raise InvalidInput("class_= needs failure=: the value that counts")
        flags = [None if not _cell(c) else _cell(c).strip().lower() == str(flag_value).strip().lower()
                 for c in _frame_column(frame, flag, "class_")]
        labels, values, rows, complete, notes = _per_period(dates, period, "count", None, flags)
        dens: Optional[List[Any]] = rows
    elif denominator is not None:
        exposure = [float(x) for x in _as_array(_frame_column(frame, denominator, "denominator"), "denominator")]
        events = None if top is None else [float(x) for x in _as_array(_frame_column(frame, top, "value"), "value")]
        labels, values, _, complete, notes = _per_period(dates, period, "sum" if events else "count", events)
        _, dens, _, _, more = _per_period(dates, period, "sum", exposure)
        notes = notes + more
    else:
        how = aggregate or ("mean" if top is not None else "count")
        _choice("aggregate", how, _AGGREGATES)
        if how != "count" and top is None:
            raise InvalidInput(f"aggregate={how!r} needs value=: the column to summarise")
        raw = None if how == "count" else [float(x) for x in _as_array(_frame_column(frame, top, "value"), "value")]
        labels, values, _, complete, notes = _per_period(dates, period, how, raw)
        dens = None
    incomplete = [i for i, c in enumerate(complete) if not c]
    if incomplete:
        notes = notes + [f"{len(incomplete)} incomplete {period}{'' if len(incomplete) == 1 else 's'} "
                         "(the first or last, which the rows do not cover whole) plotted but kept out of the limits"]
    return values, dens, labels, incomplete, notes


def _is_blank(item: Any) -> bool:
    """A missing cell: None, NaN, pandas NA or NaT, or text the readers read as
    missing (empty, NA, N/A, -, null…)."""
    from ._convert import is_missing

    return is_missing(item) or (isinstance(item, str) and _cell_missing(item))


def _accepts_frames(fn: Any) -> Any:
    """Let a chart function take a DataFrame first, naming its columns, as
    NHSRplotthedots' ``ptd_spc(data, value_field, date_field)`` does: ``value=``
    (or ``numerator=`` and ``denominator=``) and ``date=`` (the labels); with
    ``period=`` (day, week, month, quarter), one row per event becomes one point per
    period: the ``aggregate=`` (count, sum, mean, median) of ``value``, or with
    ``class_=`` and ``failure=`` the share of rows whose class is ``failure``."""

    @functools.wraps(fn)
    def wrapper(data: Any, *args: Any, value: Optional[str] = None, numerator: Optional[str] = None,
                denominator: Optional[str] = None, date: Optional[str] = None, period: Optional[str] = None,
                aggregate: Optional[str] = None, class_: Optional[str] = None, failure: Optional[str] = None,
                **kwargs: Any) -> Chart:
        named = (value, numerator, denominator, date, period, aggregate, class_, failure)
        if not _is_frame(data):
            if any(n is not None for n in named):
                raise InvalidInput("value=, date=, period= and the like name a DataFrame's columns: pass the DataFrame first")
            return fn(data, *args, **kwargs)
        if args:
            raise InvalidInput("with a DataFrame, name its columns (value=, date=, ...) instead of passing more sequences")
        values, dens, labels, incomplete, notes = _frame_points(
            data, value, numerator, denominator, date, period, aggregate, class_, failure)
        if incomplete:
            exclude = list(kwargs.pop("exclude", None) or [])
            kwargs["exclude"] = exclude + [labels[i] for i in incomplete]
        ratio = fn.__name__ in ("p", "np", "u", "p_prime", "u_prime")
        if ratio and dens is None:
            raise InvalidInput(
                f"a {fn.__name__} chart from a DataFrame needs numerator= and denominator= "
                "(or, with period=, class_= and failure=)"
            )
        token = _INPUT_NOTES.set(notes)
        try:
            if ratio:
                return fn(values, dens, labels, **kwargs)
            return fn(values, labels, **kwargs)
        finally:
            _INPUT_NOTES.reset(token)

    wrapper.__doc__ = (fn.__doc__ or "") + "\n\n" + (_accepts_frames.__doc__ or "")
    return wrapper


def _common(direction, target, rules, shift, trend, phases, baseline, exclude) -> Dict[str, Any]:
    return dict(
        direction=direction,
        target=target,
        rules=rules,
        shift=shift,
        trend=trend,
        phases=phases,
        baseline=baseline,
        exclude=exclude,
    )


def _xmr_settings(centre: str, moving_range: str, constant: str, screen: bool) -> Optional[Dict[str, Any]]:
    _choice("centre", centre, ("mean", "median"))
    _choice("moving_range", moving_range, ("mean", "median"))
    _choice("constant", constant, ("nhs", "textbook", "three_over_d2"))
    if not isinstance(screen, bool):
        raise InvalidInput(f"screen: {screen!r} is not True or False")
    if (centre, moving_range, constant, screen) == ("mean", "mean", "nhs", True):
        return None  # the core's defaults
    return {
        "centre": centre,
        "spread": {"mean": "mean_moving_range", "median": "median_moving_range"}.get(moving_range, moving_range),
        "constant": {"textbook": "three_over_d2"}.get(constant, constant),
        "screen_moving_ranges": screen,
    }


@_accepts_frames
def xmr(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: str = "mean",
    moving_range: str = "mean",
    constant: str = "nhs",
    screen: bool = True,
) -> Chart:
    """An XmR chart (individuals with moving-range limits); the moving-range chart is
    under ``"companion"``.

    ``direction`` is ``"higher"``, ``"lower"`` or None; ``rules`` one of ``"nhs"``
    (the default), ``"western_electric"``, ``"nelson"``, ``"anhoej"``, ``"limits"``,
    ``"none"``. ``phases`` and ``exclude`` name points by label or 0-based index;
    ``baseline`` is a number of points per phase or a label to freeze through.
    ``constant`` is ``"nhs"`` (2.66) or ``"textbook"`` (3/1.128).

    Raises TooFewPoints or InvalidInput (both MeasuresError, a ValueError).
    """
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("xmr", values, labels, common, _xmr_settings(centre, moving_range, constant, screen))


@_accepts_frames
def run(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """A run chart around the median with Anhøj's runs rules."""
    common = _common(direction, target, rules, None, None, phases, baseline, exclude)
    return _chart("run", values, labels, common)


def _subgroups(kind: str, subgroups: Sequence[Sequence[float]], labels, common, settings) -> Chart:
    if isinstance(subgroups, (str, bytes)) or not hasattr(subgroups, "__len__"):
        raise InvalidInput("subgroups must be a sequence of sequences of observations")
    observations: List[Any] = []
    sizes: List[int] = []
    for k, group in enumerate(subgroups):
        if isinstance(group, (str, bytes)) or not hasattr(group, "__len__"):
            raise InvalidInput(f"subgroups[{k}] is not a sequence of observations: {group!r}")
        observations.append(_as_array(group, f"subgroups[{k}]"))
        sizes.append(len(observations[-1]))
    joined = _np.concatenate(observations) if observations else _np.empty(0)
    return _chart(kind, joined, labels, common, settings, sizes=sizes)


def xbar_r(
    subgroups: Sequence[Sequence[float]],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """X-bar chart of subgroup means with an R chart (``"companion"``). ``subgroups``
    holds each subgroup's observations (sizes may differ, 2 to 25)."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _subgroups("xbar_r", subgroups, labels, common, None)


def xbar_s(
    subgroups: Sequence[Sequence[float]],
    labels: Optional[Sequence[Any]] = None,
    *,
    estimator: str = "auto",
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """X-bar chart with an S chart. ``estimator``: ``"auto"`` (average s̄ with equal
    sizes, pooled otherwise), ``"mean_std_dev"`` or ``"pooled_std_dev"``."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _subgroups("xbar_s", subgroups, labels, common, {"estimator": estimator})


def _ratio(kind: str, numerators, denominators, labels, common, screen: bool = False) -> Chart:
    return _chart(kind, numerators, labels, common, {"screen_moving_ranges": screen}, denominators=denominators)


@_accepts_frames
def p(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
      phases=None, baseline=None, exclude=None) -> Chart:
    """p chart: the proportion ``numerators[i] / denominators[i]`` (binomial)."""
    return _ratio("p", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


@_accepts_frames
def np(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
       phases=None, baseline=None, exclude=None) -> Chart:
    """np chart: the number of cases with the attribute (binomial)."""
    return _ratio("np", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


@_accepts_frames
def u(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
      phases=None, baseline=None, exclude=None) -> Chart:
    """u chart: events per unit of opportunity (Poisson)."""
    return _ratio("u", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


@_accepts_frames
def p_prime(numerators, denominators, labels=None, *, screen=False, direction=None, target=None, rules=None,
            shift=None, trend=None, phases=None, baseline=None, exclude=None) -> Chart:
    """Laney p′ chart: proportions with large denominators, limits scaled by σ_z."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _ratio("p_prime", numerators, denominators, labels, common, screen)


@_accepts_frames
def u_prime(numerators, denominators, labels=None, *, screen=False, direction=None, target=None, rules=None,
            shift=None, trend=None, phases=None, baseline=None, exclude=None) -> Chart:
    """Laney u′ chart: rates with large denominators, limits scaled by σ_z."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _ratio("u_prime", numerators, denominators, labels, common, screen)


@_accepts_frames
def c(counts, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None) -> Chart:
    """c chart: counts of events in equal areas of opportunity (Poisson)."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("c", counts, labels, common, {"screen_moving_ranges": False})


@_accepts_frames
def t(times, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None, centre="mean", moving_range="mean", constant="nhs", screen=True) -> Chart:
    """t chart: times between rare events (XmR of times^(1/3.6), transformed back)."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("t", times, labels, common, _xmr_settings(centre, moving_range, constant, screen))


@_accepts_frames
def g(counts, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None, centre="median") -> Chart:
    """g chart: opportunities or days between rare events (geometric). ``centre`` is
    ``"median"`` (the median of the points, as qicharts2) or ``"geometric"``
    (0.693 × the mean, Provost & Murray); the limits come from the mean either way."""
    if centre not in ("median", "geometric"):
        raise InvalidInput(f"centre: {centre!r} is not 'median' or 'geometric'")
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("g", counts, labels, common, {"centre": centre})


@_accepts_frames
def cusum(values, labels=None, *, sizes=None, mean=None, sigma=None, k=0.5, h=5.0, head_start=0.0,
          phases=None, baseline=None, exclude=None, direction=None) -> Chart:
    """Tabular CUSUM: the upper sum, with the lower sum as ``"companion"``. ``sizes``
    makes ``values`` subgroup means (then ``sigma`` is required)."""
    common = _common(direction, None, None, None, None, phases, baseline, exclude)
    settings = {"target": mean, "sigma": sigma, "k": k, "h": h, "head_start": head_start}
    return _chart("cusum", values, labels, common, settings, denominators=sizes)


@_accepts_frames
def ewma(values, labels=None, *, sizes=None, mean=None, sigma=None, lam=0.2, l=3.0,
         phases=None, baseline=None, exclude=None, direction=None) -> Chart:
    """EWMA chart with weight ``lam`` (λ) and limit width ``l`` (L)."""
    common = _common(direction, None, None, None, None, phases, baseline, exclude)
    settings = {"target": mean, "sigma": sigma, "lambda": lam, "l": l}
    return _chart("ewma", values, labels, common, settings, denominators=sizes)


def capability(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    lsl: Optional[float] = None,
    usl: Optional[float] = None,
    target: Optional[float] = None,
    level: float = 0.95,
    method: str = "normal",
    lam: Optional[float] = None,
    threshold: Optional[float] = None,
    direction: Optional[str] = None,
    floor: Optional[float] = None,
    unit: str = "",
    phase: Optional[int] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Dict[str, Any]:
    """What a process predictably delivers, and its capability indices.

    Draws an XmR chart of ``values`` (with ``phases``, ``baseline``, ``exclude`` and
    ``rules`` as for :func:`xmr`) and reports its latest phase (or ``phase``):

    - ``"statement"``: ``predictable``, ``lower``, ``upper``, ``average`` and a
      sentence, e.g. "Predictable: this process will deliver between 7.1 and 15.0
      days; on average 11.0 days." — or "Not predictable" with the signals;
    - ``"normality"``: the Anderson–Darling test of the phase's values;
    - with ``lsl`` and/or ``usl``: ``"indices"`` (Cp, Cpk, Cpm, Pp, Ppk, … with
      intervals at ``level``) for ``method="normal"``, ``"percentile"`` (ISO 22514-2)
      or ``"box_cox"`` (λ estimated unless ``lam`` is given);
    - with ``threshold``: ``"within_threshold"``, the share that met it with its
      interval (at or below it when ``direction="lower"`` or only ``usl`` is given);
    - ``"chart"``: the XmR chart, as :func:`xmr` returns it.

    ``target`` is the nominal value for Cpm and the assurance icon's target.

    >>> r = capability([10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10], usl=20, unit="days")
    >>> r["statement"]["predictable"]
    True

    Raises InvalidInput (reversed or equal limits, no variation) or TooFewPoints.
    """
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    labels = _text_labels(labels)
    options = _options(labels, **common)
    methods = {"normal": "normal", "percentile": "percentile", "box_cox": {"box_cox": {"lambda": lam}}}
    if method not in methods:
        raise InvalidInput(f"method must be 'normal', 'percentile' or 'box_cox', not {method!r}")
    if lam is not None and method != "box_cox":
        raise InvalidInput("lam (the Box-Cox power) goes with method='box_cox'")
    specification = None
    if lsl is not None or usl is not None:
        specification = {"lower": lsl, "upper": usl, "target": target}
    report = {
        "statement": {"phase": phase, "floor": floor, "unit": unit, "decimals": 1},
        "specification": specification,
        "level": level,
        "method": methods[method],
        "threshold": threshold,
        "direction": _DIRECTIONS.get(direction, "neither"),
    }
    text = _capability_json(
        _as_array(values, "values"), labels, options, None, json.dumps(report)
    )
    return json.loads(text)


_FIELDS = ("id", "received", "closed", "type", "class", "channel", "handoffs", "linked_to")


def _cell(value: Any) -> str:
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


def _case_columns(source: Any, names: Dict[str, Optional[str]]) -> "tuple[Dict[str, List[str]], Optional[tuple[str, List[int]]]]":
    """Text columns from a CSV path (read by the core's one CSV reader, as the
    command reads it), a pandas or polars DataFrame, or a dict of lists; column names
    matched as the reader matches headers (case, spaces, underscores ignored). With a
    path, also the path and each row's CSV line, so errors name them."""
    import os

    fields = [f for f in _FIELDS if names.get(f) is not None]
    required = {f: f in ("id", "received", "closed") or bool(names.get(f + "!")) for f in fields}
    if isinstance(source, (str, os.PathLike)):
        wanted = [(str(names[f]), required[f]) for f in fields]
        pairs, _, _, lines = _read_csv(os.fspath(source), wanted, None)
        columns = dict(pairs)
        found = {f: columns[str(names[f])] for f in fields if str(names[f]) in columns}
        return found, (os.fspath(source), lines)
    if isinstance(source, dict):
        table: Dict[str, List[Any]] = {str(k): list(v) for k, v in source.items()}
    elif hasattr(source, "columns"):
        table = {str(k): list(source[k].to_list()) for k in source.columns}
    else:
        raise InvalidInput(
            f"a case log must be a CSV path, a pandas or polars DataFrame, or a dict of columns, not {type(source).__name__}"
        )
    headers = list(table)
    found = _match_columns(headers, [str(names[f]) for f in fields])
    out: Dict[str, List[str]] = {}
    for field, at in zip(fields, found):
        if at is None:
            if required[field]:
                raise InvalidInput(
                    f"the case log has no column {names[field]!r}; its columns are: {', '.join(headers)}"
                )
            continue
        out[field] = [_cell(v) for v in table[headers[at]]]
    return out, None


def demand(
    source: Any,
    *,
    id: str = "id",
    received: str = "received",
    closed: str = "closed",
    type: Optional[str] = None,
    class_: Optional[str] = None,
    channel: Optional[str] = None,
    handoffs: Optional[str] = None,
    linked_to: Optional[str] = None,
    period: str = "week",
    working_days: Optional[str] = None,
    unit: Optional[str] = None,
    closures: Optional[Sequence[str]] = None,
    changes: Optional[Sequence[str]] = None,
    as_of: Optional[str] = None,
    failure_chart: str = "auto",
    threshold: Optional[float] = None,
    level: float = 0.95,
) -> Dict[str, Any]:
    """Every demand measure of a case log: open cases, demand volume, failure demand,
    Pareto of demand types, flow, and end-to-end capability overall and per type.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns, one
    row per case. Column names default to ``id``, ``received``, ``closed`` (empty or
    missing while open) and, when present, ``type``, ``class`` (value/failure),
    ``channel``, ``handoffs``, ``linked_to``; name others with the keyword of the same
    name (``class_`` for the class). Times are dates, UK local times or ISO 8601 with
    an offset; pandas timestamps are passed as ISO text.

    ``working_days`` is ``"england-and-wales"``, ``"scotland"`` or
    ``"northern-ireland"`` (and implies ``unit="working_days"``); ``unit`` is
    ``"calendar_days"``, ``"hours"`` or ``"working_days"``; ``period`` ``"day"``,
    ``"week"`` or ``"month"``; ``closures`` and ``changes`` are dates (YYYY-MM-DD);
    ``as_of`` is the time open cases are aged to (the latest in the log by default).

    Returns a dict in the shape of docs/json.md ("Demand report").
    """
    columns, options, as_of_text, file = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, closures, changes, as_of, failure_chart, threshold, level,
    )
    return json.loads(_demand_json(columns, options, as_of_text, file))


def _demand_inputs(
    source: Any, id: str, received: str, closed: str, type: Optional[str], class_: Optional[str],
    channel: Optional[str], handoffs: Optional[str], linked_to: Optional[str], period: str,
    working_days: Optional[str], unit: Optional[str], closures: Optional[Sequence[str]],
    changes: Optional[Sequence[str]], as_of: Optional[str], failure_chart: str,
    threshold: Optional[float], level: float,
) -> "tuple[Dict[str, List[str]], str, Optional[str], Optional[tuple[str, List[int]]]]":
    """The text columns, the core's options as JSON, the as-of time and (for a file)
    its path and lines, shared by :func:`demand` and :func:`report`."""
    names = {
        "id": id,
        "received": received,
        "closed": closed,
        "type": type or "type",
        "type!": type,
        "class": class_ or "class",
        "class!": class_,
        "channel": channel or "channel",
        "channel!": channel,
        "handoffs": handoffs or "handoffs",
        "handoffs!": handoffs,
        "linked_to": linked_to or "linked_to",
        "linked_to!": linked_to,
    }
    columns, file = _case_columns(source, names)
    if unit is None:
        unit = "working_days" if working_days else "calendar_days"
    options = {
        "period": period,
        "unit": unit,
        "nation": working_days,
        "closures": [_date_option("closures", c) for c in closures or []],
        "changes": [_date_option("changes", c) for c in changes or []],
        "as_of": None,
        "failure_chart": {"p-prime": "p_prime"}.get(failure_chart, failure_chart),
        "threshold": threshold,
        "level": level,
    }
    return columns, json.dumps(options), None if as_of is None else _cell(as_of), file


def _date_option(option: str, value: Any) -> str:
    """A date given as an option (a date, datetime, pandas Timestamp, or text in any
    form a case log's cells may use), as the core's ISO date."""
    day = _cell_date(_cell(value))
    if day is None:
        raise InvalidInput(f"{option}: {value!r} is not a date (e.g. 2025-01-06 or 06/01/2025)")
    return day


def report(
    source: Any,
    output: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    title: Optional[str] = None,
    id: str = "id",
    received: str = "received",
    closed: str = "closed",
    type: Optional[str] = None,
    class_: Optional[str] = None,
    channel: Optional[str] = None,
    handoffs: Optional[str] = None,
    linked_to: Optional[str] = None,
    period: str = "week",
    working_days: Optional[str] = None,
    unit: Optional[str] = None,
    closures: Optional[Sequence[str]] = None,
    changes: Optional[Sequence[str]] = None,
    as_of: Optional[str] = None,
    failure_chart: str = "auto",
    threshold: Optional[float] = None,
    level: float = 0.95,
) -> str:
    """The demand report as one self-contained HTML file: the same document
    ``measures report`` writes, from the same renderer.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns, as
    for :func:`demand` (which also describes every option). With ``output`` the HTML
    is written there and the path is returned; without it the HTML is returned.
    ``title`` defaults to the file's name (or "Demand report").

    >>> path = measures.report("examples/repairs-cases.csv", "report.html",
    ...                        working_days="england-and-wales", changes=["2025-01-06"])  # doctest: +SKIP
    """
    import os

    columns, options, as_of_text, file = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, closures, changes, as_of, failure_chart, threshold, level,
    )
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        default_title = os.path.splitext(os.path.basename(name))[0]
    else:
        name = f"a {_type_name(source)}"
        default_title = "Demand report"
    html = _demand_html(columns, title or f"{default_title}: demand and end-to-end time", name, options,
                        as_of_text, None if file is None else file[1])
    if output is None:
        return html
    with open(output, "w", encoding="utf-8") as f:
        f.write(html)
    return os.fspath(output)


def _type_name(obj: Any) -> str:
    return f"{type(obj).__module__.split('.')[0]} {type(obj).__name__}"


class CaseLog:
    """A case log, one row per case, ready for the demand measures.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns;
    column names are given as for :func:`demand`. The cells are read and checked
    when a report is made.

    >>> log = measures.CaseLog("examples/repairs-cases.csv")  # doctest: +SKIP
    >>> log.report(working_days="england-and-wales")["open"]["count"]  # doctest: +SKIP
    """

    def __init__(self, source: Any, **columns: Optional[str]):
        unknown = set(columns) - {"id", "received", "closed", "type", "class_", "channel", "handoffs", "linked_to"}
        if unknown:
            raise InvalidInput(f"unknown column argument(s): {', '.join(sorted(unknown))}")
        self._source = source
        self._columns = columns

    def report(self, **options: Any) -> Dict[str, Any]:
        """Every demand measure (see :func:`demand` for the options)."""
        return demand(self._source, **self._columns, **options)


from ._groups import summary, xmr_by  # noqa: E402  (they use the functions above)
