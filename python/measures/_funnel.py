"""Funnel plots: units (teams, councils, practices) compared against a target with
limits for their size, over-dispersion handled as Spiegelhalter (2005) recommends."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, List, Optional, Sequence

import numpy as _np

from ._convert import as_array
from ._errors import invalid
from ._groups import _column
from ._native import funnel_json as _funnel_json
from ._native import funnel_svg as _funnel_svg
from ._options import choice, direction_option, finite
from ._plot import _colour

KINDS = ("proportion", "rate", "ratio", "mean")
DISPERSIONS = ("auto", "none", "multiplicative", "additive")
METHODS = ("spiegelhalter", "shmi", "cqc")


class Funnel:
    """A funnel plot as the core computed it: ``target``, ``levels``, ``units``
    (ranked by z, lowest first: each with its ``value``, ``denominator``, ``z``,
    ``limits`` per level and ``outside`` per level: 1 above, −1 below, 0 within),
    ``dispersion`` (``phi``, ``p_value``, ``applied``, ``tau2``, ``units_used``), ``curve`` (the
    limits as functions of the size, for drawing), ``summary`` (which units differ
    beyond chance, in words) and ``notes``. ``funnel["field"]`` reads the JSON shape
    of docs/json.md."""

    def __init__(self, result: Dict[str, Any], text: str = "", y_label: Optional[str] = None):
        self._result = result
        self._text = text or json.dumps(result)
        self._y_label = y_label

    def __getitem__(self, key: str) -> Any:
        return self._result[key]

    def to_dict(self) -> Dict[str, Any]:
        """The funnel in the JSON shape of docs/json.md ("Funnel")."""
        return self._result

    @property
    def summary(self) -> str:
        return str(self._result["summary"])

    def to_pandas(self) -> Any:
        """One row per unit, ranked by z: unit, value, denominator, z, and per level
        the lower and upper limits and whether the unit lies above (1), below (−1)
        or within (0). Needs pandas."""
        import pandas as pd

        units = self._result["units"]
        columns: Dict[str, Any] = {
            "unit": [u["unit"] for u in units],
            "value": [u["value"] for u in units],
            "denominator": [u["denominator"] for u in units],
            "z": [u["z"] for u in units],
        }
        for k, level in enumerate(self._result["levels"]):
            name = f"{level * 100:g}%"
            columns[f"lower {name}"] = [u["limits"][k][0] for u in units]
            columns[f"upper {name}"] = [u["limits"][k][1] for u in units]
            columns[f"outside {name}"] = [u["outside"][k] for u in units]
        return pd.DataFrame(columns)

    def plot(self, ax: Any = None, *, title: Optional[str] = None, y_label: Optional[str] = None) -> Any:
        """Draw the funnel with matplotlib: the units as points (outside the widest
        band coloured), the target, and each band's limits. Returns the axes."""
        try:
            import matplotlib.pyplot as plt
        except ImportError:  # pragma: no cover - depends on the environment
            raise invalid("plot() needs matplotlib: pip install matplotlib", "missing_dependency") from None
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 5))
        r = self._result
        curve = r["curve"]
        styles = ["--", ":", "-."]
        for k, level in enumerate(r["levels"]):
            style = styles[k % len(styles)]
            ax.plot(curve["n"], curve["upper"][k], color="#7B7D7D", linestyle=style, linewidth=1,
                    label=f"{level * 100:g}% limits")
            ax.plot(curve["n"], curve["lower"][k], color="#7B7D7D", linestyle=style, linewidth=1)
        ax.axhline(r["target"], color="black", linewidth=1, label="target")
        # Coloured as the SVG colours them: beyond the widest band (the last level),
        # improving or concerning by the direction, else neither; within, grey.
        better = {"higher_is_better": 1, "lower_is_better": -1}.get(r["direction"], 0)

        def colour(side: int) -> str:
            if side == 0:
                return _colour("common_cause")
            return _colour("improving" if side == better else "concerning" if better else "neither")

        for side, label in ((0, "units"), (1, "above the limits"), (-1, "below the limits")):
            pts = [u for u in r["units"] if u["outside"][-1] == side]
            if pts:
                ax.scatter([u["denominator"] for u in pts], [u["value"] for u in pts], color=colour(side),
                           s=30, zorder=3, label=label)
        ax.set_xscale("log")
        ax.set_xlabel("size (denominator)")
        ax.set_ylabel(y_label or r["kind"])
        ax.set_title(title or "Funnel plot")
        ax.legend(loc="best", fontsize="small", frameon=False)
        return ax

    def to_svg(self, *, title: Optional[str] = None, y_label: Optional[str] = None,
               width: float = 800, height: float = 420) -> str:
        """The funnel drawn by the Rust renderer (as ``measures funnel --svg``): the
        units at their size (log scale) and value, the target, each band's limits,
        the units beyond the widest band coloured; hovering names a unit."""
        return _funnel_svg(self._text, title, y_label or self._y_label, float(width), float(height))

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def __repr__(self) -> str:
        return f"<measures.Funnel {self._result['kind']}: {len(self._result['units'])} units; {self.summary}>"

    def _repr_html_(self) -> str:
        # The picture, with the sentence that says which units differ under it.
        return f"<div>{self.to_svg()}<p style='margin:2px 0 0 0'>{html.escape(self.summary)}</p></div>"

def funnel(
    data: Any,
    *,
    unit: str,
    numerator: str,
    denominator: str,
    sd: Optional[str] = None,
    kind: str = "proportion",
    method: str = "spiegelhalter",
    levels: Sequence[float] = (0.95, 0.998),
    dispersion: str = "auto",
    target: Optional[float] = None,
    limits: Optional[str] = None,
    winsorise: float = 0.1,
    direction: Optional[str] = None,
) -> Funnel:
    """A funnel plot of the units of a DataFrame (pandas, polars, pyarrow) or dict of
    columns: one row per unit, ``unit`` naming it, ``numerator`` and ``denominator``
    (events and cases for a proportion, events and exposure for a rate, observed and
    expected for a ratio; for ``kind="mean"`` the means and the numbers of values,
    with ``sd`` the standard deviations).

    Limits at ``levels`` (95% and 99.8%), exact binomial or Poisson by default
    (``limits="normal"`` for the normal approximation); the target is the pooled
    value unless given. ``dispersion``: ``"auto"`` widens the limits (additive
    random effects, τ² by DerSimonian–Laird) only when the χ² test of the winsorised
    z-scores finds over-dispersion; ``"none"``, ``"multiplicative"`` (by √φ) or
    ``"additive"`` choose.

    ``method``: ``"spiegelhalter"`` takes z on the indicator's own scale;
    ``"shmi"`` and ``"cqc"`` reproduce FunnelPlotR's (log scale with truncated φ,
    and square-root or arcsine scale with winsorised φ; a ratio's target 1;
    ``"auto"`` adjusts whenever φ > 1). By ``"cqc"`` the adjusted limits are squared
    back onto the ratio scale, which FunnelPlotR does not do (its issue #33).
    ``direction`` ("higher" or "lower") lets the summary say
    which units are better or worse.

    >>> f = measures.funnel({"team": ["A", "B", "C", "D"], "failed": [10, 30, 21, 55],
    ...                      "cases": [100, 200, 150, 250]}, unit="team", numerator="failed", denominator="cases")
    >>> round(f["target"], 4), f["dispersion"]["applied"]  # pooled: 116 of 700
    (0.1657, 'none')
    """
    choice("kind", kind, KINDS)
    choice("dispersion", dispersion, DISPERSIONS)
    choice("method", method, METHODS)
    direction_name = direction_option(direction)
    if limits is not None:
        choice("limits", limits, ("exact", "normal"))
    names = _column(data, unit)
    units: List[str] = [str(u) for u in (names.tolist() if hasattr(names, "tolist") else names)]
    numerators = as_array(_column(data, numerator), numerator)
    denominators = as_array(_column(data, denominator), denominator)
    sds = None if sd is None else as_array(_column(data, sd), sd)
    for name, column in ((numerator, numerators), (denominator, denominators)):
        missing = _np.flatnonzero(_np.isnan(column))
        if missing.size:
            raise invalid(f"{name}: the unit {units[int(missing[0])]!r} has no value; every unit needs one",
                          "invalid_value")
    options: Dict[str, Any] = {
        "kind": kind,
        "method": method,
        "levels": [finite("levels", p) for p in levels],
        "dispersion": dispersion,
        "target": None if target is None else finite("target", target),
        "limits": limits,
        "winsorise": finite("winsorise", winsorise),
        "direction": direction_name,
    }
    text = _funnel_json(units, numerators, denominators, sds, json.dumps(options))
    return Funnel(json.loads(text), text, numerator if kind == "mean" else f"{numerator} / {denominator}")
