"""The Spark session quellenlage runs in: local mode for one machine, or spark-submit's."""

from __future__ import annotations

import os
import sys

from pyspark.sql import SparkSession

#: Settings every run needs: the Spark UI is of no use to a batch job and costs a port.
_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.python.worker.reuse": "true",  # keeps each worker's loaded pipelines between tasks
    "spark.sql.session.timeZone": "UTC",  # dates in partition paths do not move with the clock
}


def session(master: str | None = None, *, shuffle_partitions: int | None = None) -> SparkSession:
    """The running session, or a new one; ``master`` (e.g. ``local[2]``) only for local runs.

    Under spark-submit pass no master: the cluster's settings apply. Locally the
    workers run this interpreter, so they see the same installed packages.
    """
    builder = SparkSession.builder.appName("quellenlage")
    if master is not None:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = builder.master(master)
    for key, value in _SETTINGS.items():
        builder = builder.config(key, value)
    if shuffle_partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
