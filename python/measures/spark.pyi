from typing import Any, Sequence, Union

def xmr_by(sdf: Any, value: str, by: Union[str, Sequence[str]], label: Any = ..., **options: Any) -> Any:
    """One XmR chart per group of a Spark DataFrame, as a tidy Spark DataFrame."""
    ...

def summary(sdf: Any, value: str, by: Union[str, Sequence[str]], label: Any = ..., **options: Any) -> Any:
    """One row per group with its latest point, limits and icons, on Spark."""
    ...
