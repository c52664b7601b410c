"""The shapes of the capability and demand results (docs/json.md), as TypedDicts, so
that an editor and mypy know their fields. They are plain dicts at run time (a capability result's ``chart`` is a
:class:`measures.Chart`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, TypedDict

if TYPE_CHECKING:  # annotations only (postponed): no import at run time
    from typing_extensions import NotRequired

    from ._chart import Chart

__all__ = [
    "Estimate",
    "Verdict",
    "VerdictTest",
    "Statement",
    "Normality",
    "Indices",
    "Percentile",
    "BoxCox",
    "WithinThreshold",
    "CapabilityResult",
    "OpenCases",
    "GroupChart",
    "FailureDemand",
    "Pareto",
    "Flow",
    "EndToEnd",
    "MeasureSummary",
    "DemandReport",
]


class Estimate(TypedDict):
    """A number with its confidence interval."""

    value: float
    lower: float
    upper: float


class VerdictTest(TypedDict):
    """One test of the predictability verdict (shift, cluster or outlier)."""

    test: str
    statistic: Optional[float]
    p_value: Optional[float]
    alpha: float
    fired: bool
    first: Optional[int]
    last: Optional[int]
    points: List[int]
    side: Optional[str]
    median_inside: Optional[float]
    median_outside: Optional[float]
    skipped: Optional[str]


class Verdict(TypedDict):
    """Whether a phase is predictable, and the tests behind the answer."""

    predictable: bool
    points: int
    blocks: int
    tests: List[VerdictTest]
    outliers: List[int]
    outlier_sigmas: float


class Statement(TypedDict):
    """What a process predictably delivers: "between L and U; on average A"."""

    phase: int
    first: int
    last: int
    points: int
    predictable: bool
    verdict: Verdict
    average: float
    centre: float
    lower: float
    upper: float
    lower_limit: float
    coverage: float
    signals: List[Dict[str, Any]]
    text: str


class Normality(TypedDict):
    """The Anderson–Darling test of a phase's values."""

    n: int
    statistic: float
    adjusted: float
    p_value: float


class Indices(TypedDict, total=False):
    """Capability indices against specification limits (normal theory)."""

    n: int
    mean: float
    sigma_within: float
    within: Any
    sigma_overall: float
    specification: Dict[str, Optional[float]]
    level: float
    cp: Optional[Estimate]
    cpl: Optional[Estimate]
    cpu: Optional[Estimate]
    cpk: Optional[Estimate]
    cpm: Optional[Estimate]
    pp: Optional[Estimate]
    ppl: Optional[Estimate]
    ppu: Optional[Estimate]
    ppk: Optional[Estimate]
    ppm: Optional[Estimate]
    expected_within: Dict[str, Optional[float]]
    expected_overall: Dict[str, Optional[float]]
    observed: Dict[str, Optional[float]]
    notes: List[str]


class Percentile(TypedDict):
    """ISO 22514-2 percentile indices."""

    n: int
    p00135: float
    median: float
    p99865: float
    pp: Optional[float]
    ppl: Optional[float]
    ppu: Optional[float]
    ppk: Optional[float]
    notes: List[str]


class BoxCox(TypedDict):
    """Indices on the Box–Cox scale, with the transform used."""

    transform: Dict[str, Any]
    indices: Indices


class WithinThreshold(TypedDict):
    """The share of values that met a threshold, with its interval."""

    threshold: float
    direction: str
    met: int
    total: int
    share: Estimate
    level: float


class CapabilityResult(TypedDict, total=False):
    """What :func:`measures.capability` returns."""

    statement: Statement
    normality: Optional[Normality]
    indices: Optional[Indices]
    percentile: Optional[Percentile]
    box_cox: Optional[BoxCox]
    within_threshold: Optional[WithinThreshold]
    #: The XmR chart the statement comes from (``chart.to_dict()`` is the chart
    #: shape of docs/json.md).
    chart: "Chart"


class OpenCases(TypedDict):
    """The cases still open, aged to the report's time (``cases``, one per open
    case, only with ``detail=True``)."""

    count: int
    as_of: Dict[str, Any]
    median_age: Optional[float]
    cases: NotRequired[List[Dict[str, Any]]]


class GroupChart(TypedDict):
    """A chart of one group (all demand, a channel, a type), or why there is none."""

    group: str
    chart: Optional[Dict[str, Any]]
    error: Optional[str]


class FailureDemand(TypedDict):
    """Failure demand as a share of all demand over time."""

    failure: int
    value: int
    unclassified: int
    rate: float
    chart: Dict[str, Any]
    laney: bool
    by_type: List[Dict[str, Any]]
    notes: List[str]


#: Demand types by count, largest first, with cumulative shares; ``class`` is
#: "value", "failure" or None (all demand).
Pareto = TypedDict("Pareto", {"class": Optional[str], "total": int, "rows": List[Dict[str, Any]]})


class Flow(TypedDict):
    """Handoffs, first-contact resolution and repeat cases."""

    cases_with_handoffs: int
    first_contact_resolution: Optional[Estimate]
    mean_handoffs: Optional[float]
    repeat_cases: int
    repeat_share: Optional[Estimate]
    level: float


class EndToEnd(TypedDict):
    """End-to-end capability of one group of cases. ``chart`` is the chart's
    summary (phases, limits, counts of points and signals), or with
    ``detail=True`` the whole chart, whose points ``ids`` name."""

    group: str
    closed: int
    open: int
    chart: Optional[Dict[str, Any]]
    ids: NotRequired[List[str]]
    censored_from: Optional[str]
    periods: List[Dict[str, Any]]
    capability: Optional[Dict[str, Any]]
    error: Optional[str]


class MeasureSummary(TypedDict):
    """One row of the report's summary table."""

    measure: str
    unit: str
    better: str
    latest: Optional[Tuple[str, float]]
    phases: List[Tuple[str, float]]
    lower: Optional[float]
    upper: Optional[float]
    variation: Optional[str]
    predictable: Optional[bool]
    changes: List[Dict[str, Any]]


#: What :func:`measures.demand` returns (docs/json.md, "Demand report"); ``from``
#: is the first receipt and ``as_of`` the time open cases are aged to.
DemandReport = TypedDict(
    "DemandReport",
    {
        "cases": int,
        "from": Dict[str, Any],
        "as_of": Dict[str, Any],
        "options": Dict[str, Any],
        "open": OpenCases,
        "open_profile": Dict[str, Any],
        "volume": GroupChart,
        "volume_by_channel": List[GroupChart],
        "volume_by_type": List[GroupChart],
        "failure_demand": Optional[FailureDemand],
        "pareto_all": Pareto,
        "pareto_value": Pareto,
        "pareto_failure": Pareto,
        "flow": Flow,
        "end_to_end": EndToEnd,
        "end_to_end_by_type": List[EndToEnd],
        "units": Optional[Dict[str, Any]],
        "summary": List[MeasureSummary],
        "narrative": List[str],
        "notes": List[str],
    },
)
