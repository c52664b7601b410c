"""The options every chart takes, checked here so that an error names the option,
and their hand-over to the Rust core (as the JSON of its ``ChartOptions`` and the
kind's settings)."""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Literal, Optional, Sequence, Union

import numpy as _np

from ._chart import Chart
from ._convert import _label
from ._convert import as_array
from ._convert import labels as text_labels
from ._errors import invalid
from ._native import cell_date as _cell_date
from ._native import chart as _native_chart

#: Improvement direction: which way is better for the measure.
Direction = Literal["higher", "lower", "neither"]
#: A special-cause rule set.
RuleSetName = Literal["nhs", "western_electric", "nelson", "anhoej", "limits", "none"]
#: Mean or median (an XmR chart's centre line, or its moving range).
MeanOrMedian = Literal["mean", "median"]
#: The XmR limits' multiple of the mean moving range: 2.66 or 3/1.128.
Constant = Literal["nhs", "textbook", "three_over_d2"]
#: How an X-bar/S chart forms s̄.
Estimator = Literal["auto", "mean_std_dev", "pooled_std_dev"]
#: Where a g chart's centre line lies.
GCentre = Literal["median", "geometric"]
#: A period of events made into one point, or of a demand report.
Period = Literal["day", "week", "month", "quarter"]
#: How a period's rows become its point.
Aggregate = Literal["count", "sum", "mean", "median"]
#: Whose bank holidays make the working days.
Nation = Literal["england-and-wales", "scotland", "northern-ireland"]
#: The unit of end-to-end times.
TimeUnit = Literal["calendar_days", "working_days", "hours"]
#: Which chart shows failure demand: p, Laney's p′, or p′ when the p chart is over-dispersed.
FailureChart = Literal["auto", "p", "p_prime"]
#: A point: its label (or date, when the labels are dates) or its 0-based index.
Point = Any

DIRECTIONS = {
    None: "neither",
    "neither": "neither",
    "higher": "higher_is_better",
    "lower": "lower_is_better",
}


def direction_option(direction: Optional[str]) -> str:
    """The core's name for an improvement direction given as ``"higher"``,
    ``"lower"``, ``"neither"`` or None; any other is an error naming the option."""
    if direction not in DIRECTIONS:
        raise invalid(f"direction must be 'higher', 'lower', 'neither' or None, not {direction!r}")
    return DIRECTIONS[direction]


RULE_SETS = ("nhs", "western_electric", "nelson", "anhoej", "limits", "none")


def finite(name: str, value: Any) -> float:
    """An option that must be a finite number, checked here so the error names it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, _np.integer, _np.floating)):
        raise invalid(f"{name}: {value!r} is not a number")
    if not math.isfinite(value):
        raise invalid(f"{name}: {value!r} is not a finite number")
    return float(value)


def choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """An option that must be one of a few names, checked here so the error names it."""
    if value not in allowed:
        raise invalid(f"{name}: {value!r} is not one of {', '.join(repr(a) for a in allowed)}")
    return value


def position(point: Point, labels: Optional[Sequence[Any]], option: str) -> int:
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
            raise invalid(f"{option}: {point!r} is a label, but no labels were given")
        names = [str(label) for label in labels]
        try:
            return names.index(point)
        except ValueError:
            raise invalid(f"{option}: no point is labelled {point!r}") from None
    if isinstance(point, bool) or not isinstance(point, int):
        raise invalid(f"{option}: {point!r} is neither a label nor an index")
    if point < 0:
        raise invalid(f"{option}: index {point} is negative")
    return point


def chart_options(
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
    """The core's ``ChartOptions`` as JSON (None for its defaults), with every option
    checked here so that an error names it, and points named by label, date or
    index turned into positions."""
    direction_name = direction_option(direction)
    if target is not None:
        target = finite("target", target)
    if rules is not None:
        choice("rules", str(rules).replace("-", "_"), RULE_SETS)
    for name, length in (("shift", shift), ("trend", trend)):
        if length is not None and (isinstance(length, bool) or not isinstance(length, int) or length < 2):
            raise invalid(f"{name}: {length!r} is not a run length (a whole number, 2 or more)")
    if baseline is not None and not isinstance(baseline, str):
        if isinstance(baseline, bool) or not isinstance(baseline, int) or baseline < 1:
            raise invalid(f"baseline: {baseline!r} is neither a number of points (1 or more) nor a label")
    if (direction in (None, "neither") and target is None and rules is None and shift is None and trend is None
            and not phases and baseline is None and not exclude):
        return None  # the core's defaults: no JSON to write or read
    options: Dict[str, Any] = {
        "direction": direction_name,
        "target": target,
        "phase_starts": [position(p, labels, "phases") for p in (phases or [])],
        "exclude": [position(p, labels, "exclude") for p in (exclude or [])],
    }
    if rules is not None or shift is not None or trend is not None:
        if rules is None:
            raise invalid("shift and trend lengths need a rule set: pass rules='nhs' (or another)")
        options["rules"] = {"set": rules.replace("-", "_"), "shift": shift, "trend": trend}
    if baseline is not None:
        # an int is a number of points (every phase); a label freezes through that point
        if isinstance(baseline, str):
            options["baseline"] = {"through": position(baseline, labels, "baseline")}
        else:
            options["baseline"] = {"first_points": baseline}
    return json.dumps(options)


def native_chart(
    kind: str,
    values: Any,
    labels: Optional[Sequence[Any]],
    shared: Dict[str, Any],
    settings: Optional[Dict[str, Any]] = None,
    denominators: Any = None,
    sizes: Optional[List[int]] = None,
    incomplete: Sequence[int] = (),
    notes: Sequence[str] = (),
    name: Optional[str] = None,
) -> Chart:
    """The chart of ``kind`` computed by the core (its one ``chart`` entry), with the
    shared options checked, the kind's settings in the core's names, incomplete
    periods (made from events) kept out of the limits and ``notes`` on how the
    input was read."""
    text = text_labels(labels)
    if incomplete and text is not None:
        excluded = list(shared.get("exclude") or []) + [text[i] for i in incomplete]
        shared = dict(shared, exclude=excluded)
    options = chart_options(text, **shared)
    native = _native_chart(
        kind,
        as_array(values, "values"),
        None if denominators is None else as_array(denominators, "denominators"),
        None if text is None else text.native,
        options,
        None if settings is None else json.dumps(settings),
        sizes,
        list(notes) or None,
    )
    return Chart(native, None if text is None else text.dates, name)


def shared(
    direction: Optional[str],
    target: Optional[float],
    rules: Optional[str],
    shift: Optional[int],
    trend: Optional[int],
    phases: Optional[Sequence[Point]],
    baseline: Optional[Union[int, str]],
    exclude: Optional[Sequence[Point]],
) -> Dict[str, Any]:
    """The options every chart takes, gathered for :func:`chart_options`."""
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


def flag(name: str, value: Any) -> bool:
    """An option that must be True or False."""
    if not isinstance(value, (bool, _np.bool_)):
        raise invalid(f"{name}: {value!r} is not True or False")
    return bool(value)


def optional_finite(name: str, value: Any) -> Optional[float]:
    """An option that is None or a finite number."""
    return None if value is None else finite(name, value)


def xmr_settings(centre: str, moving_range: str, constant: str, screen: bool) -> Optional[Dict[str, Any]]:
    """The core's XmR settings from the Python names (None for its defaults)."""
    choice("centre", centre, ("mean", "median"))
    choice("moving_range", moving_range, ("mean", "median"))
    choice("constant", constant, ("nhs", "textbook", "three_over_d2"))
    screen = flag("screen", screen)
    if (centre, moving_range, constant, screen) == ("mean", "mean", "nhs", True):
        return None  # the core's defaults
    return {
        "centre": centre,
        "spread": {"mean": "mean_moving_range", "median": "median_moving_range"}.get(moving_range, moving_range),
        "constant": {"textbook": "three_over_d2"}.get(constant, constant),
        "screen_moving_ranges": screen,
    }


