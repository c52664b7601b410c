from typing import Any, Dict, Optional, Sequence, Union

from ._native import InvalidInput as InvalidInput
from ._native import MeasuresError as MeasuresError
from ._native import TooFewPoints as TooFewPoints
from ._native import __version__ as __version__

Point = Union[int, str]

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
) -> Dict[str, Any]: ...
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
) -> Dict[str, Any]: ...
