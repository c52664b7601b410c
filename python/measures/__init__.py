"""measures: outcome measures for public services.

SPC charts (XmR and run charts) with special-cause rules (NHS Making Data Count,
Western Electric, Nelson, Anhøj), phases, baselines, exclusions and Making Data
Count's variation and assurance icons. Every number is computed by the Rust core;
this package converts Python values and returns the core's results.

>>> import measures
>>> chart = measures.xmr([5.0, 6.0, 5.5, 6.5, 5.0, 6.0])
>>> chart["variation"]
'common_cause'
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Sequence, Union

from ._native import InvalidInput, MeasuresError, TooFewPoints, __version__
from ._native import run_json as _run_json
from ._native import xmr_json as _xmr_json

__all__ = [
    "xmr",
    "run",
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
) -> str:
    if direction not in _DIRECTIONS:
        raise InvalidInput(f"direction must be 'higher', 'lower', 'neither' or None, not {direction!r}")
    options: Dict[str, Any] = {
        "direction": _DIRECTIONS[direction],
        "target": target,
        "phase_starts": [_position(p, labels, "phases") for p in (phases or [])],
        "exclude": [_position(p, labels, "exclude") for p in (exclude or [])],
    }
    if rules is not None or shift is not None or trend is not None:
        options["rules"] = {
            "set": (rules or "nhs").replace("-", "_"),
            "shift": shift,
            "trend": trend,
        }
    if baseline is not None:
        # an int is a number of points (every phase); a label freezes through that point
        if isinstance(baseline, str):
            options["baseline"] = {"through": _position(baseline, labels, "baseline")}
        else:
            options["baseline"] = {"first_points": baseline}
    return json.dumps(options)


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
) -> Dict[str, Any]:
    """An XmR chart (individuals with moving-range limits), as a dict in the JSON shape
    documented in docs/json.md; the moving-range chart is under ``"companion"``.

    ``direction`` is ``"higher"``, ``"lower"`` or None; ``rules`` one of ``"nhs"``
    (default), ``"western_electric"``, ``"nelson"``, ``"anhoej"``, ``"limits"``,
    ``"none"``. ``phases`` and ``exclude`` name points by label or 0-based index;
    ``baseline`` is a number of points per phase or a label to freeze through.
    ``constant`` is ``"nhs"`` (2.66) or ``"three_over_d2"`` (3/1.128).

    Raises TooFewPoints or InvalidInput (both MeasuresError, a ValueError).
    """
    settings = {
        "centre": centre,
        "spread": {"mean": "mean_moving_range", "median": "median_moving_range"}.get(moving_range, moving_range),
        "constant": constant,
        "screen_moving_ranges": screen,
    }
    options = _options(labels, direction, target, rules, shift, trend, phases, baseline, exclude)
    return json.loads(_xmr_json(values, labels, options, json.dumps(settings)))


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
) -> Dict[str, Any]:
    """A run chart around the median with Anhøj's runs rules, as a dict in the JSON
    shape documented in docs/json.md."""
    options = _options(labels, direction, target, rules or "anhoej", None, None, phases, baseline, exclude)
    return json.loads(_run_json(values, labels, options))
