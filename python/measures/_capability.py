"""Capability: what a process predictably delivers (from an XmR chart), and the
statistical indices against specification limits."""

from __future__ import annotations

import json
from typing import Any, Dict, Literal, Optional, Sequence, Union, cast

from ._convert import as_array
from ._convert import labels as text_labels
from ._errors import invalid
from ._chart import Chart
from ._native import capability as _capability
from ._options import (
    DIRECTIONS,
    Direction,
    Point,
    RuleSetName,
    chart_options,
    choice,
    finite,
    optional_finite,
    shared,
)
from ._types import CapabilityResult


def capability(
    values: Any,
    labels: Optional[Sequence[Any]] = None,
    *,
    lsl: Optional[float] = None,
    usl: Optional[float] = None,
    target: Optional[float] = None,
    level: float = 0.95,
    method: Literal["normal", "percentile", "box_cox"] = "normal",
    lam: Optional[float] = None,
    threshold: Optional[float] = None,
    direction: Optional[Direction] = None,
    floor: Optional[float] = None,
    unit: str = "",
    phase: Optional[int] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> CapabilityResult:
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
    - ``"chart"``: the XmR chart, as :func:`xmr` returns it (a :class:`Chart`;
      ``chart.to_dict()`` is its JSON shape).

    ``target`` is the nominal value for Cpm and the assurance icon's target.

    >>> r = measures.capability([10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10], usl=20, unit="days")
    >>> r["statement"]["predictable"]
    True

    Raises InvalidInput (reversed or equal limits, no variation) or TooFewPoints.
    """
    text = text_labels(labels)
    options = chart_options(text, **shared(direction, target, rules, shift, trend, phases, baseline, exclude))
    choice("method", method, ("normal", "percentile", "box_cox"))
    if lam is not None and method != "box_cox":
        raise invalid("lam (the Box-Cox power) goes with method='box_cox'")
    methods: Dict[str, Any] = {
        "normal": "normal",
        "percentile": "percentile",
        "box_cox": {"box_cox": {"lambda": optional_finite("lam", lam)}},
    }
    lsl, usl = optional_finite("lsl", lsl), optional_finite("usl", usl)
    if phase is not None and (isinstance(phase, bool) or not isinstance(phase, int) or phase < 0):
        raise invalid(f"phase: {phase!r} is not a phase index (0 is the first)")
    specification = None
    if lsl is not None or usl is not None:
        specification = {"lower": lsl, "upper": usl, "target": target}
    report = {
        "statement": {"phase": phase, "floor": optional_finite("floor", floor), "unit": str(unit), "decimals": 1},
        "specification": specification,
        "level": finite("level", level),
        "method": methods[method],
        "threshold": optional_finite("threshold", threshold),
        "direction": DIRECTIONS.get(direction, "neither"),
    }
    result, native = _capability(as_array(values, "values"), None if text is None else text.native, options, None, json.dumps(report))
    name = getattr(values, "name", None)
    result["chart"] = Chart(native, None if text is None else text.dates, name if isinstance(name, str) else None)
    return cast(CapabilityResult, result)


