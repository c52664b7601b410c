"""measures.spark on a local PySpark session equals the single-machine results."""

import numpy as np
import pytest

import measures

pyspark = pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")


def java_available():
    """Spark's driver is a JVM: PySpark starts JAVA_HOME/bin/java, else `java` on PATH."""
    import os
    import shutil

    home = os.environ.get("JAVA_HOME")
    if home:
        return os.access(os.path.join(home, "bin", "java"), os.X_OK)
    return shutil.which("java") is not None


if not java_available():
    # Printed by pytest's summary (-rs): the skip is visible, never silent.
    pytest.skip(
        "no Java runtime (JAVA_HOME or java on PATH): PySpark cannot start; "
        "install one, e.g. apt-get install default-jre-headless (.ci/run does)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    # The executors must run the Python that has measures installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("measures-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def frame():
    rng = np.random.default_rng(3)
    rows = []
    for org in ["A", "B", "C"]:
        for metric in ["waits", "falls"]:
            for month in range(24):
                rows.append({"org": org, "metric": metric, "month": f"2024-{month // 12 + 1:02d}-{month % 12 + 1:02d}",
                             "value": float(rng.normal(10 if metric == "waits" else 3, 1))})
    rows.append({"org": "D", "metric": "waits", "month": "2024-01-01", "value": 1.0})  # one point: an error row
    return pd.DataFrame(rows)


def test_spark_xmr_by_equals_single_machine(spark):
    local = frame()
    sdf = spark.createDataFrame(local)
    from measures import spark as mspark

    got = mspark.xmr_by(sdf, value="value", by=["org", "metric"], label="month", direction="lower").toPandas()
    want = measures.xmr_by(local, value="value", by=["org", "metric"], label="month", direction="lower")
    got = got.sort_values(["org", "metric", "month"]).reset_index(drop=True)
    want = want.sort_values(["org", "metric", "month"]).reset_index(drop=True)
    assert len(got) == len(want) == len(local)
    for column in ["centre", "upper", "lower"]:
        assert np.array_equal(got[column].to_numpy(), want[column].to_numpy(), equal_nan=True), column
    assert got["point_type"].fillna("").tolist() == want["point_type"].fillna("").tolist()
    assert got["variation"].fillna("").tolist() == want["variation"].fillna("").tolist()


def test_spark_summary_and_bad_columns(spark):
    local = frame()
    sdf = spark.createDataFrame(local)
    from measures import spark as mspark

    got = mspark.summary(sdf, value="value", by=["org", "metric"], label="month", direction="lower", target=9).toPandas()
    want = measures.summary(local, value="value", by=["org", "metric"], label="month", direction="lower", target=9)
    got = got.sort_values(["org", "metric"]).reset_index(drop=True)
    want = want.sort_values(["org", "metric"]).reset_index(drop=True)
    assert got["upper"].fillna(-1).tolist() == want["upper"].fillna(-1).tolist()
    assert got["assurance"].fillna("").tolist() == want["assurance"].fillna("").tolist()
    assert "too few points" in got[got.org == "D"]["error"].iloc[0]
    with pytest.raises(measures.InvalidInput, match="no column"):
        mspark.summary(sdf, value="nope", by="org")
