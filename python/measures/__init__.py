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

from ._chart import Chart
from ._errors import InvalidInput, MeasuresError, TooFewPoints
from ._native import __version__
from ._charts import (
    c,
    cusum,
    ewma,
    g,
    np,
    p,
    p_prime,
    run,
    t,
    transformed_xmr,
    u,
    u_prime,
    xbar_r,
    xbar_s,
    xmr,
)
from ._capability import capability
from ._demand import CaseLog, demand, report
from ._frames import read_csv
from ._groups import summary, xmr_by
from ._compare import Comparison, compare
from ._funnel import Funnel, funnel

# The public API. ``np`` (the np chart) is left out so that ``from measures import *``
# does not hide numpy's usual name: call it as ``measures.np``.
__all__ = [
    "xmr",
    "run",
    "xbar_r",
    "xbar_s",
    "p",
    "c",
    "u",
    "p_prime",
    "u_prime",
    "t",
    "g",
    "cusum",
    "ewma",
    "transformed_xmr",
    "capability",
    "demand",
    "report",
    "read_csv",
    "CaseLog",
    "xmr_by",
    "summary",
    "funnel",
    "compare",
    "Comparison",
    "Funnel",
    "Chart",
    "MeasuresError",
    "InvalidInput",
    "TooFewPoints",
    "__version__",
]
