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

import json
import math

import numpy as _np
from typing import Any, Dict, List, Optional, Sequence, Union

from ._chart import Chart
from ._convert import as_array as _as_array
from ._convert import labels as _text_labels
from ._native import InvalidInput, MeasuresError, TooFewPoints, __version__
from ._native import capability_json as _capability_json
from ._native import chart as _native_chart
from ._native import demand_html as _demand_html
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
    """A point named by its label (when labels are given) or by its 0-based index."""
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
    )
    return Chart(native)


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


def p(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
      phases=None, baseline=None, exclude=None) -> Chart:
    """p chart: the proportion ``numerators[i] / denominators[i]`` (binomial)."""
    return _ratio("p", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


def np(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
       phases=None, baseline=None, exclude=None) -> Chart:
    """np chart: the number of cases with the attribute (binomial)."""
    return _ratio("np", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


def u(numerators, denominators, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None,
      phases=None, baseline=None, exclude=None) -> Chart:
    """u chart: events per unit of opportunity (Poisson)."""
    return _ratio("u", numerators, denominators, labels, _common(direction, target, rules, shift, trend, phases, baseline, exclude))


def p_prime(numerators, denominators, labels=None, *, screen=False, direction=None, target=None, rules=None,
            shift=None, trend=None, phases=None, baseline=None, exclude=None) -> Chart:
    """Laney p′ chart: proportions with large denominators, limits scaled by σ_z."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _ratio("p_prime", numerators, denominators, labels, common, screen)


def u_prime(numerators, denominators, labels=None, *, screen=False, direction=None, target=None, rules=None,
            shift=None, trend=None, phases=None, baseline=None, exclude=None) -> Chart:
    """Laney u′ chart: rates with large denominators, limits scaled by σ_z."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _ratio("u_prime", numerators, denominators, labels, common, screen)


def c(counts, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None) -> Chart:
    """c chart: counts of events in equal areas of opportunity (Poisson)."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("c", counts, labels, common, {"screen_moving_ranges": False})


def t(times, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None, centre="mean", moving_range="mean", constant="nhs", screen=True) -> Chart:
    """t chart: times between rare events (XmR of times^(1/3.6), transformed back)."""
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("t", times, labels, common, _xmr_settings(centre, moving_range, constant, screen))


def g(counts, labels=None, *, direction=None, target=None, rules=None, shift=None, trend=None, phases=None,
      baseline=None, exclude=None, centre="median") -> Chart:
    """g chart: opportunities or days between rare events (geometric). ``centre`` is
    ``"median"`` (the median of the points, as qicharts2) or ``"geometric"``
    (0.693 × the mean, Provost & Murray); the limits come from the mean either way."""
    if centre not in ("median", "geometric"):
        raise InvalidInput(f"centre: {centre!r} is not 'median' or 'geometric'")
    common = _common(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("g", counts, labels, common, {"centre": centre})


def cusum(values, labels=None, *, sizes=None, mean=None, sigma=None, k=0.5, h=5.0, head_start=0.0,
          phases=None, baseline=None, exclude=None, direction=None) -> Chart:
    """Tabular CUSUM: the upper sum, with the lower sum as ``"companion"``. ``sizes``
    makes ``values`` subgroup means (then ``sigma`` is required)."""
    common = _common(direction, None, None, None, None, phases, baseline, exclude)
    settings = {"target": mean, "sigma": sigma, "k": k, "h": h, "head_start": head_start}
    return _chart("cusum", values, labels, common, settings, denominators=sizes)


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


def _case_columns(source: Any, names: Dict[str, Optional[str]]) -> Dict[str, List[str]]:
    """Text columns from a CSV path, a pandas or polars DataFrame, or a dict of lists."""
    import csv
    import os

    if isinstance(source, (str, os.PathLike)):
        with open(source, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        if not rows:
            raise InvalidInput(f"{source}: the file has no data rows")
        table: Dict[str, List[Any]] = {k: [r.get(k) for r in rows] for k in rows[0]}
    elif isinstance(source, dict):
        table = {k: list(v) for k, v in source.items()}
    elif hasattr(source, "columns"):
        table = {str(k): list(source[k].to_list()) for k in source.columns}
    else:
        raise InvalidInput(
            f"a case log must be a CSV path, a pandas or polars DataFrame, or a dict of columns, not {type(source).__name__}"
        )
    out: Dict[str, List[str]] = {}
    for field in _FIELDS:
        column = names.get(field)
        required = field in ("id", "received", "closed")
        if column is None or column not in table:
            if required or names.get(field + "!"):
                raise InvalidInput(
                    f"the case log has no column {column or field!r}; its columns are: {', '.join(table)}"
                )
            continue
        out[field] = [_cell(v) for v in table[column]]
    return out


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
    columns, options, as_of_text = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, closures, changes, as_of, failure_chart, threshold, level,
    )
    return json.loads(_demand_json(columns, options, as_of_text))


def _demand_inputs(
    source: Any, id: str, received: str, closed: str, type: Optional[str], class_: Optional[str],
    channel: Optional[str], handoffs: Optional[str], linked_to: Optional[str], period: str,
    working_days: Optional[str], unit: Optional[str], closures: Optional[Sequence[str]],
    changes: Optional[Sequence[str]], as_of: Optional[str], failure_chart: str,
    threshold: Optional[float], level: float,
) -> "tuple[Dict[str, List[str]], str, Optional[str]]":
    """The text columns, the core's options as JSON and the as-of time, shared by
    :func:`demand` and :func:`report`."""
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
    columns = _case_columns(source, names)
    if unit is None:
        unit = "working_days" if working_days else "calendar_days"
    options = {
        "period": period,
        "unit": unit,
        "nation": working_days,
        "closures": [_cell(c) for c in closures or []],
        "changes": [_cell(c)[:10] for c in changes or []],
        "as_of": None,
        "failure_chart": {"p-prime": "p_prime"}.get(failure_chart, failure_chart),
        "threshold": threshold,
        "level": level,
    }
    return columns, json.dumps(options), None if as_of is None else _cell(as_of)


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

    columns, options, as_of_text = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, closures, changes, as_of, failure_chart, threshold, level,
    )
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        default_title = os.path.splitext(os.path.basename(name))[0]
    else:
        name = f"a {_type_name(source)}"
        default_title = "Demand report"
    html = _demand_html(columns, title or f"{default_title}: demand and end-to-end time", name, options, as_of_text)
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
