"""Archive scale on Apache Spark: the single-machine analysis and linking as Spark jobs.

* :func:`quellenlage.spark.analyze.analyze` (``quellenlage spark analyze``): a manifest of
  WARC/JSONL/HTML inputs in, Parquet out with the columns of ``quellenlage export -f
  parquet`` (documents, claims, quantities, times, sources), plus ``records`` (what
  import and linking need beyond the export) and ``failures``.
* :func:`quellenlage.spark.link.link` (``quellenlage spark link``): figures and figure
  values from that output, each block of comparable values linked by
  :func:`quellenlage.tracking.link_figures`.
* :func:`quellenlage.spark.load.import_parquet` (``quellenlage import``): the output into
  SQLite or PostgreSQL through the store. Needs no Spark.
* ``quellenlage/spark/job.py``: the same as a script for ``spark-submit``.

PySpark is the optional extra ``quellenlage[spark]``; only ``rows`` and ``load`` work
without it.
"""
