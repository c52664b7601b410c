"""Every chart type, computed by the Rust core: XmR, run, X-bar/R and X-bar/S, p, np,
c, u, Laney p′ and u′, t, g, CUSUM, EWMA and the transformed XmR.

Each takes its numbers as a sequence (a list, numpy array, pandas or polars Series)
or a DataFrame with its columns named, and the options every chart shares:
``direction``, ``target``, ``rules`` (with ``shift`` and ``trend`` lengths),
``phases``, ``baseline`` and ``exclude``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as _np

from ._chart import Chart
from ._convert import as_array
from ._errors import invalid
from ._frames import read_points
from ._native import chart as _native_chart
from ._options import (
    Aggregate,
    Constant,
    Direction,
    Estimator,
    GCentre,
    MeanOrMedian,
    Period,
    Point,
    RuleSetName,
    choice,
    finite,
    flag,
    native_chart,
    optional_finite,
    shared,
    xmr_settings,
)

#: Numbers as analysts hold them: a list, numpy array, pandas or polars Series, an
#: Arrow array; None, NaN and pandas NA are missing values (gaps).
Values = Any
#: Point labels (usually dates): a sequence of text, dates or datetimes.
Labels = Optional[Sequence[Any]]
#: A pandas or polars DataFrame (or a dict of columns) whose columns are named.
Frame = Any


def _chart(
    kind: str,
    data: Any,
    labels: Labels,
    options: Dict[str, Any],
    settings: Optional[Dict[str, Any]] = None,
    denominators: Any = None,
    **columns: Optional[str],
) -> Chart:
    points = read_points(kind, data, labels, denominators, **columns)
    # The measure's name, for titles and axes: the column charted, or a Series' name.
    name = columns.get("value") or columns.get("numerator")
    if name is None and isinstance(getattr(data, "name", None), str):
        name = data.name
    return native_chart(
        kind,
        points.values,
        points.labels,
        options,
        settings,
        denominators=points.denominators,
        incomplete=points.incomplete,
        notes=points.notes,
        name=name,
    )


def xmr(
    values: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    aggregate: Optional[Aggregate] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: MeanOrMedian = "mean",
    moving_range: MeanOrMedian = "mean",
    constant: Constant = "nhs",
    screen: bool = True,
) -> Chart:
    """An XmR chart (individuals with moving-range limits); the moving-range chart is
    its ``companion``.

    ``direction`` is ``"higher"``, ``"lower"`` or None; ``rules`` one of ``"nhs"``
    (the default), ``"western_electric"``, ``"nelson"``, ``"anhoej"``, ``"limits"``,
    ``"none"``. ``phases`` and ``exclude`` name points by label, date or 0-based
    index; ``baseline`` is a number of points per phase or a label to freeze
    through. ``constant`` is ``"nhs"`` (2.66) or ``"textbook"`` (3/1.128);
    ``screen`` leaves out moving ranges above 3.267 × their mean, as
    NHSRplotthedots does.

    From a DataFrame: ``value=`` names the column of values and ``date=`` the
    labels; with ``period=`` (day, week, month, quarter) each row is an event and
    each period a point, the ``aggregate=`` (count, sum, mean, median) of ``value``.

    NIST/SEMATECH e-Handbook §6.3.2.2 (x̄ = 50.81, UCL = 55.8041):

    >>> chart = measures.xmr([49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1],
    ...                      constant="textbook", screen=False)
    >>> round(float(chart.upper[0]), 4), chart.variation
    (55.8041, 'common_cause')

    Raises TooFewPoints or InvalidInput (both MeasuresError, a ValueError).
    """
    if (type(values) is _np.ndarray and labels is None and values.dtype == _np.float64 and values.ndim == 1
            and values.flags.c_contiguous and value is None and date is None and period is None
            and aggregate is None and direction is None and target is None and rules is None and shift is None
            and trend is None and not phases and baseline is None and not exclude and centre == "mean"
            and moving_range == "mean" and constant == "nhs" and screen is True):
        # The plain call (a float64 array, every default) goes straight to the core:
        # there is nothing to check or convert, and a short chart is dominated by
        # the checking.
        return Chart(_native_chart("xmr", values))
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    settings = xmr_settings(centre, moving_range, constant, screen)
    return _chart("xmr", values, labels, options, settings, value=value, date=date, period=period,
                  aggregate=aggregate)


def run(
    values: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    aggregate: Optional[Aggregate] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """A run chart around the median, with Anhøj's runs rules (a run too long, too
    few crossings); no limits.

    >>> float(measures.run([3, 5, 4, 6, 2]).centre[0])
    4.0
    """
    options = shared(direction, target, rules, None, None, phases, baseline, exclude)
    return _chart("run", values, labels, options, value=value, date=date, period=period, aggregate=aggregate)


def _subgroup_chart(kind: str, subgroups: Sequence[Sequence[float]], labels: Labels, options: Dict[str, Any],
                    settings: Optional[Dict[str, Any]]) -> Chart:
    if isinstance(subgroups, (str, bytes)) or not hasattr(subgroups, "__len__"):
        raise invalid("subgroups must be a sequence of sequences of observations", "invalid_value")
    observations: List[Any] = []
    sizes: List[int] = []
    for k, group in enumerate(subgroups):
        if isinstance(group, (str, bytes)) or not hasattr(group, "__len__"):
            raise invalid(f"subgroups[{k}] is not a sequence of observations: {group!r}", "invalid_value")
        observations.append(as_array(group, f"subgroups[{k}]"))
        sizes.append(len(observations[-1]))
    joined = _np.concatenate(observations) if observations else _np.empty(0)
    return native_chart(kind, joined, labels, options, settings, sizes=sizes)


def xbar_r(
    subgroups: Sequence[Sequence[float]],
    labels: Labels = None,
    *,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """X-bar chart of subgroup means with an R chart as its ``companion``.
    ``subgroups`` holds each subgroup's observations (sizes may differ, 2 to 25);
    ``labels`` name the subgroups.

    >>> chart = measures.xbar_r([[10, 12, 11], [13, 9, 11], [12, 10, 11]])
    >>> chart.values.tolist(), chart.companion.values.tolist()
    ([11.0, 11.0, 11.0], [2.0, 4.0, 2.0])
    """
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _subgroup_chart("xbar_r", subgroups, labels, options, None)


def xbar_s(
    subgroups: Sequence[Sequence[float]],
    labels: Labels = None,
    *,
    estimator: Estimator = "auto",
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """X-bar chart with an S chart as its ``companion``. ``estimator``: ``"auto"``
    (the average s̄ with equal sizes, pooled otherwise), ``"mean_std_dev"`` or
    ``"pooled_std_dev"``."""
    choice("estimator", estimator, ("auto", "mean_std_dev", "pooled_std_dev"))
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _subgroup_chart("xbar_s", subgroups, labels, options, {"estimator": estimator})


def _ratio_chart(
    kind: str,
    numerators: Any,
    denominators: Any,
    labels: Labels,
    options: Dict[str, Any],
    screen: bool,
    columns: Dict[str, Optional[str]],
) -> Chart:
    settings = {"screen_moving_ranges": flag("screen", screen)}
    return _chart(kind, numerators, labels, options, settings, denominators, **columns)


def p(
    numerators: Union[Values, Frame],
    denominators: Values = None,
    labels: Labels = None,
    *,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    class_: Optional[str] = None,
    failure: Optional[str] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """p chart: the proportion ``numerators[i] / denominators[i]`` (binomial).

    From a DataFrame: ``numerator=`` and ``denominator=`` name the columns; or, one
    row per case with ``date=`` and ``period=``, the share of rows whose ``class_``
    column is ``failure`` in each period.

    Montgomery, Example 7.1 (orange-juice cans, 30 samples of 50): p̄ = 0.2313.

    >>> juice = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
    ...          20, 18, 24, 15, 9, 12, 7, 13, 9, 6]
    >>> round(float(measures.p(juice, [50] * 30).centre[0]), 4)
    0.2313
    """
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    columns = dict(numerator=numerator, denominator=denominator, date=date, period=period, class_=class_,
                   failure=failure)
    return _ratio_chart("p", numerators, denominators, labels, options, False, columns)


def np(
    numerators: Union[Values, Frame],
    denominators: Values = None,
    labels: Labels = None,
    *,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    class_: Optional[str] = None,
    failure: Optional[str] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """np chart: the number of cases with the attribute (binomial). Columns of a
    DataFrame are named as for :func:`p`.

    Not exported by ``from measures import *`` (it would hide numpy's ``np``): call
    it as ``measures.np``."""
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    columns = dict(numerator=numerator, denominator=denominator, date=date, period=period, class_=class_,
                   failure=failure)
    return _ratio_chart("np", numerators, denominators, labels, options, False, columns)


def u(
    numerators: Union[Values, Frame],
    denominators: Values = None,
    labels: Labels = None,
    *,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """u chart: events per unit of opportunity (Poisson). From a DataFrame,
    ``numerator=`` (events; counted per period without it) and ``denominator=``
    (units of opportunity)."""
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    columns = dict(numerator=numerator, denominator=denominator, date=date, period=period)
    return _ratio_chart("u", numerators, denominators, labels, options, False, columns)


def p_prime(
    numerators: Union[Values, Frame],
    denominators: Values = None,
    labels: Labels = None,
    *,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    class_: Optional[str] = None,
    failure: Optional[str] = None,
    screen: bool = False,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """Laney p′ chart: proportions with large denominators, the p chart's limits
    scaled by σ_z (the spread of the points' z-scores). ``screen`` leaves out the
    z-scores' large moving ranges first (Laney does not)."""
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    columns = dict(numerator=numerator, denominator=denominator, date=date, period=period, class_=class_,
                   failure=failure)
    return _ratio_chart("p_prime", numerators, denominators, labels, options, screen, columns)


def u_prime(
    numerators: Union[Values, Frame],
    denominators: Values = None,
    labels: Labels = None,
    *,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    screen: bool = False,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """Laney u′ chart: rates with large denominators, the u chart's limits scaled by
    σ_z."""
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    columns = dict(numerator=numerator, denominator=denominator, date=date, period=period)
    return _ratio_chart("u_prime", numerators, denominators, labels, options, screen, columns)


def c(
    counts: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    period: Optional[Period] = None,
    aggregate: Optional[Aggregate] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart:
    """c chart: counts of events in equal areas of opportunity (Poisson). From a
    DataFrame of events, ``date=`` and ``period=`` count them per period.

    >>> chart = measures.c([4, 9, 5])
    >>> chart.centre.tolist()[0], chart.lower.tolist()[0]
    (6.0, 0.0)
    """
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("c", counts, labels, options, {"screen_moving_ranges": False}, value=value, date=date,
                  period=period, aggregate=aggregate)


def t(
    times: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: MeanOrMedian = "mean",
    moving_range: MeanOrMedian = "mean",
    constant: Constant = "nhs",
    screen: bool = True,
) -> Chart:
    """t chart: times between rare events (an XmR chart of times^(1/3.6), its lines
    transformed back); the XmR settings apply on the transformed scale."""
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    settings = xmr_settings(centre, moving_range, constant, screen)
    return _chart("t", times, labels, options, settings, value=value, date=date)


def g(
    counts: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: GCentre = "median",
) -> Chart:
    """g chart: opportunities or days between rare events (geometric). ``centre`` is
    ``"median"`` (the median of the points, as qicharts2) or ``"geometric"``
    (0.693 × the mean, Provost & Murray); the limits come from the mean either way."""
    choice("centre", centre, ("median", "geometric"))
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    return _chart("g", counts, labels, options, {"centre": centre}, value=value, date=date)


def _reference(mean: Optional[float], sigma: Optional[float]) -> Dict[str, Optional[float]]:
    sigma = optional_finite("sigma", sigma)
    if sigma is not None and sigma <= 0:
        raise invalid(f"sigma: {sigma!r} is not above 0")
    return {"target": optional_finite("mean", mean), "sigma": sigma}


def cusum(
    values: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    sizes: Values = None,
    mean: Optional[float] = None,
    sigma: Optional[float] = None,
    k: float = 0.5,
    h: float = 5.0,
    head_start: float = 0.0,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    direction: Optional[Direction] = None,
) -> Chart:
    """Tabular CUSUM: the upper sum, with the lower sum as its ``companion``, in
    units of σ. ``mean`` and ``sigma`` default to estimates from each phase (the
    mean, and the mean moving range / 1.128); ``sizes`` makes ``values`` subgroup
    means (then ``sigma`` is required). ``k`` (reference value), ``h`` (decision
    interval) and ``head_start`` are in σ."""
    options = shared(direction, None, None, None, None, phases, baseline, exclude)
    settings = {**_reference(mean, sigma), "k": finite("k", k), "h": finite("h", h),
                "head_start": finite("head_start", head_start)}
    return _chart("cusum", values, labels, options, settings, sizes, value=value, date=date)


def ewma(
    values: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    sizes: Values = None,
    mean: Optional[float] = None,
    sigma: Optional[float] = None,
    lam: float = 0.2,
    l: float = 3.0,  # noqa: E741 (the method's own name for the limit width)
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    direction: Optional[Direction] = None,
) -> Chart:
    """EWMA chart with weight ``lam`` (λ, 0 < λ ≤ 1) and limit width ``l`` (L, in
    standard errors); ``mean``, ``sigma`` and ``sizes`` as for :func:`cusum`.

    Montgomery, Example 9.2 (λ = 0.1, L = 2.7, μ0 = 10, σ = 1): z₁ = 9.945.

    >>> round(float(measures.ewma([9.45, 7.99], mean=10, sigma=1, lam=0.1, l=2.7).values[0]), 3)
    9.945
    """
    options = shared(direction, None, None, None, None, phases, baseline, exclude)
    settings = {**_reference(mean, sigma), "lambda": finite("lam", lam), "l": finite("l", l)}
    return _chart("ewma", values, labels, options, settings, sizes, value=value, date=date)


def transformed_xmr(
    values: Union[Values, Frame],
    labels: Labels = None,
    *,
    value: Optional[str] = None,
    date: Optional[str] = None,
    lam: Optional[float] = None,
    direction: Optional[Direction] = None,
    target: Optional[float] = None,
    rules: Optional[RuleSetName] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: MeanOrMedian = "mean",
    moving_range: MeanOrMedian = "mean",
    constant: Constant = "nhs",
    screen: bool = True,
) -> Chart:
    """An XmR chart of a right-skewed measure of 0 or more (end-to-end times, costs),
    computed on the Yeo–Johnson scale (``lam`` fitted to the points used, or given
    in [−2, 2]) and drawn on the measure's own: the limits become asymmetric and
    the lower one never falls below 0. The demand report's duration charts are these.
    """
    options = shared(direction, target, rules, shift, trend, phases, baseline, exclude)
    xmr_part = xmr_settings(centre, moving_range, constant, screen)
    settings: Dict[str, Any] = {"lambda": optional_finite("lam", lam)}
    if xmr_part is not None:
        settings["xmr"] = xmr_part
    return _chart("transformed_xmr", values, labels, options, settings, value=value, date=date)
