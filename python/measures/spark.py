"""Grouped charts on Spark, for data that outgrows one machine (national NHS or
multi-council data): each group is charted by the same Rust core on the executors
through ``applyInPandas``, so the numbers equal :func:`measures.xmr_by` and
:func:`measures.summary` on one machine.

>>> from measures import spark as mspark                       # doctest: +SKIP
>>> tidy = mspark.xmr_by(sdf, value="value", by=["org", "metric"], label="month")  # doctest: +SKIP

Needs pyspark (with pandas and pyarrow) on the driver and ``measures`` installed on
every executor (on Databricks, a cluster library; on Synapse, a workspace package).
"""

from __future__ import annotations

from typing import Any, List, Sequence, Union


def _fields(sdf: Any, names: Sequence[str]) -> List[Any]:
    by_name = {f.name: f for f in sdf.schema.fields}
    missing = [n for n in names if n not in by_name]
    if missing:
        from ._errors import invalid

        raise invalid(f"no column(s) {', '.join(map(repr, missing))}; the columns are: {', '.join(by_name)}",
                      "missing_column")
    return [by_name[n] for n in names]


def _schema(sdf: Any, by: List[str], label: Any, value: str, extra: List[Any]) -> Any:
    from pyspark.sql.types import DoubleType, StructField, StructType

    _fields(sdf, [value])
    keys = _fields(sdf, by + ([label] if label else []))
    return StructType([*keys, StructField(value, DoubleType()), *extra])


def xmr_by(sdf: Any, value: str, by: Union[str, Sequence[str]], label: Any = None, **options: Any) -> Any:
    """One XmR chart per group of a Spark DataFrame, as a tidy Spark DataFrame with
    the columns of :func:`measures.xmr_by` (the ``by`` columns, label, value,
    ``centre``, ``upper``, ``lower``, ``phase``, ``point_type``, ``special_cause``,
    ``variation``, ``assurance``, ``error``). Options as for :func:`measures.xmr`."""
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField

    import measures

    by = [by] if isinstance(by, str) else list(by)
    extra = [
        StructField("centre", DoubleType()),
        StructField("upper", DoubleType()),
        StructField("lower", DoubleType()),
        StructField("phase", LongType()),
        StructField("point_type", StringType()),
        StructField("special_cause", BooleanType()),
        StructField("variation", StringType()),
        StructField("assurance", StringType()),
        StructField("error", StringType()),
    ]
    schema = _schema(sdf, by, label, value, extra)
    columns = [f.name for f in schema.fields]

    def chart(pdf: Any) -> Any:  # runs on the executors
        return measures.xmr_by(pdf, value=value, by=by, label=label, **options)[columns]

    return sdf.groupBy(*by).applyInPandas(chart, schema=schema)


def summary(sdf: Any, value: str, by: Union[str, Sequence[str]], label: Any = None, **options: Any) -> Any:
    """The board-report table of :func:`measures.summary`, one row per group, on Spark."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField

    import measures

    by = [by] if isinstance(by, str) else list(by)
    _fields(sdf, [value])
    keys = _fields(sdf, by + ([label] if label else []))
    schema_fields = [*keys[: len(by)], StructField("points", LongType())]
    if label:
        schema_fields.append(keys[-1])
    from pyspark.sql.types import StructType

    schema = StructType(
        schema_fields
        + [
            StructField(value, DoubleType()),
            StructField("centre", DoubleType()),
            StructField("lower", DoubleType()),
            StructField("upper", DoubleType()),
            StructField("variation", StringType()),
            StructField("assurance", StringType()),
            StructField("error", StringType()),
        ]
    )
    columns = [f.name for f in schema.fields]

    def table(pdf: Any) -> Any:  # runs on the executors
        return measures.summary(pdf, value=value, by=by, label=label, **options)[columns]

    return sdf.groupBy(*by).applyInPandas(table, schema=schema)
