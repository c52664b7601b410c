"""What an analyst does in a notebook: load a CSV with pandas, draw an XmR chart,
print the board-report summary. Run after `pip install ".[pandas,plot]"`:

    python examples/notebook.py examples/repairs-days.csv xmr.png
"""

import sys

import matplotlib

matplotlib.use("Agg")

import pandas as pd

import measures

path = sys.argv[1] if len(sys.argv) > 1 else "examples/repairs-days.csv"
picture = sys.argv[2] if len(sys.argv) > 2 else "xmr.png"

df = pd.read_csv(path, parse_dates=["month"])
chart = measures.xmr(df["mean_days"], df["month"], direction="lower", target=12, phases=["2024-01-01"])
print(chart)
ax = chart.plot(title="Days to complete a repair")
ax.figure.savefig(picture, dpi=100, bbox_inches="tight")
print(f"chart saved to {picture}")

# The same measure split in two (before and after the redesign), as a board table.
df["period"] = (df["month"] >= "2024-01-01").map({False: "before", True: "after"})
print(measures.summary(df, value="mean_days", by="period", label="month", direction="lower", target=12).to_string())
print(chart.to_pandas().tail(3).to_string())
