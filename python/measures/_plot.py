"""Making Data Count style drawing with matplotlib (an optional dependency)."""

from __future__ import annotations

from typing import Any, Optional

import numpy as _np

# NHS Making Data Count colours.
GREY = "#7B7D7D"
BLUE = "#289de0"  # improving
ORANGE = "#fab428"  # concerning
PURPLE = "#361475"  # neither
TARGET = "#de1b1b"


def _colour(point_type: str) -> str:
    if "improving" in point_type:
        return BLUE
    if "concerning" in point_type:
        return ORANGE
    if "neither" in point_type:
        return PURPLE
    return GREY


def draw(chart: Any, ax: Any = None, title: Optional[str] = None) -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        from ._errors import invalid

        raise invalid("plot() needs matplotlib: pip install matplotlib", "missing_dependency") from None
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    x = _np.arange(len(chart))
    ax.plot(x, chart.values, color=GREY, linewidth=1.5, marker="o", markersize=4, zorder=2)
    # Centre and limits, stepped per phase (and per point where they vary).
    for phase in chart.phases:
        seg = slice(phase["first"], phase["last"] + 1)
        ax.plot(x[seg], chart.centre[seg], color="black", linewidth=1, zorder=1)
        ax.plot(x[seg], chart.upper[seg], color=GREY, linestyle="--", linewidth=1, zorder=1)
        ax.plot(x[seg], chart.lower[seg], color=GREY, linestyle="--", linewidth=1, zorder=1)
    special = [i for i, t in enumerate(chart.point_type) if t != "common_cause"]
    if special:
        ax.scatter(
            x[special],
            chart.values[special],
            c=[_colour(chart.point_type[i]) for i in special],
            s=36,
            zorder=3,
        )
    target = chart["options"].get("target")
    if target is not None:
        ax.axhline(target, color=TARGET, linestyle=":", linewidth=1.2, label="target")
    if chart.labels is not None:
        step = max(1, len(chart) // 12)
        ax.set_xticks(x[::step])
        ax.set_xticklabels([chart.labels[i] for i in range(0, len(chart), step)], rotation=45, ha="right")
    ax.set_title(title or f"{chart.chart_type} chart: {chart.variation.replace('_', ' ')}")
    ax.grid(axis="y", alpha=0.3)
    return ax
