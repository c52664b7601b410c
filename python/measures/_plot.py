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


_SPECIAL = (
    ("improving", BLUE, "special cause: improving"),
    ("concerning", ORANGE, "special cause: concerning"),
    ("neither", PURPLE, "special cause: neither"),
)


def draw(chart: Any, ax: Any = None, title: Optional[str] = None, y_label: Optional[str] = None) -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        from ._errors import invalid

        raise invalid("plot() needs matplotlib: pip install matplotlib", "missing_dependency") from None
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    x = _np.arange(len(chart))
    ax.plot(x, chart.values, color=GREY, linewidth=1.5, marker="o", markersize=4, zorder=2, label="data")
    # Centre and limits, stepped per phase (and per point where they vary); each
    # named once in the legend.
    for k, phase in enumerate(chart.phases):
        seg = slice(phase["first"], phase["last"] + 1)
        first = k == 0
        ax.plot(x[seg], chart.centre[seg], color="black", linewidth=1, zorder=1,
                label="mean" if first else None)
        ax.plot(x[seg], chart.upper[seg], color=GREY, linestyle="--", linewidth=1, zorder=1,
                label="process limits" if first else None)
        ax.plot(x[seg], chart.lower[seg], color=GREY, linestyle="--", linewidth=1, zorder=1)
    types = chart.point_type
    for word, colour, label in _SPECIAL:
        special = [i for i, t in enumerate(types) if word in t]
        if special:
            ax.scatter(x[special], chart.values[special], color=colour, s=36, zorder=3, label=label)
    target = chart["options"].get("target")
    if target is not None:
        ax.axhline(target, color=TARGET, linestyle=":", linewidth=1.2, label="target")
    if chart.labels is not None:
        step = max(1, len(chart) // 12)
        ax.set_xticks(x[::step])
        ax.set_xticklabels([chart.labels[i] for i in range(0, len(chart), step)], rotation=45, ha="right")
    ax.set_title(title or chart._title())
    ax.set_ylabel(y_label or chart.name or "value")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax
