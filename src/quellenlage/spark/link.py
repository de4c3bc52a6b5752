"""``spark link``: figures and their values from the output of ``spark analyze``.

Tracking compares a value only with figures of the same quantity kind and unit class
(its *block*), so each block is one Spark group: the observations of every analysed
original are built where its rows are, grouped by block, and each group is linked by
:func:`quellenlage.tracking.link_figures`, the code ``quellenlage link`` runs. The
result has the columns of ``export -f parquet``'s ``figures`` and ``figure_values``.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

from quellenlage.export import parquet_schema
from quellenlage.spark import rows as R
from quellenlage.tracking import link_figures
from quellenlage.tracking.disagreements import value_disagreements
from quellenlage.tracking.linking import Figure
from quellenlage.tracking.observations import (
    Observation,
    Report,
    observations_of,
    unique_observations,
    with_antecedents,
)
from quellenlage.tracking.sources import source_identity


@dataclass(frozen=True, slots=True)
class LinkReport:
    figures: int
    values: int
    out: str


def _observations(row: Any) -> Iterator[tuple[tuple[str, str | None], Observation]]:
    """The observations of one analysed original, keyed by their linking block."""
    doc = R.document_from_rows(row["document"].asDict(), row["record"].asDict())
    claims = R.loads_claims(row["record"]["claims"])
    ids = [R.claim_id(doc.id, i) for i in range(len(claims))]
    local = R.report_source_names(doc, claims)
    # the per-report step of tracking.track: observations without repeats, with antecedents
    found = observations_of(Report.of(doc), doc.text, claims, claim_ids=ids)
    for obs in with_antecedents(unique_observations(found)):
        yield (obs.features.kind, obs.features.unit_class), (obs, local)


def _sources(row: Any) -> Iterator[tuple[tuple[str, ...], int]]:
    doc = R.document_from_rows(row["document"].asDict(), row["record"].asDict())
    return R.source_counts(R.document_rows(doc, R.loads_claims(row["record"]["claims"])).sources)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _link_block(
    block: tuple[Any, Iterable[tuple[Observation, dict[str, str]]]], aliases: dict[str, str]
) -> Iterator[tuple[tuple, list[tuple]]]:
    """Link one block of comparable values, as tracking does; the rows of its figures."""
    items = list(block[1])
    scoped = {obs.report.content_hash: local for obs, local in items}
    for figure in link_figures([obs for obs, _ in items]):
        yield _figure_rows(figure, aliases, scoped)


def _figure_rows(
    figure: Figure, aliases: dict[str, str], scoped: dict[str, dict[str, str]]
) -> tuple[tuple, list[tuple]]:
    """The ``figures`` row and ``figure_values`` rows of one figure, as ``link`` stores them."""

    def name(source: Any, report: str) -> str:
        identity = source_identity(source)[0]
        identity = scoped.get(report, {}).get(identity, identity)
        return aliases.get(identity, identity)

    disputed = bool(value_disagreements(figure, lambda n: aliases.get(n, n)))
    fid = R.figure_id(figure.key)
    first, last = figure.date_span
    head = R.export_row(
        "figures",
        {
            "id": fid, "key": figure.key, "label": figure.label, "kind": figure.kind,
            "unit_class": figure.unit_class, "owner": figure.owner, "places": list(figure.places),
            "n_values": len(figure.links), "n_sources": len(figure.sources),
            "n_documents": len({link.observation.report.content_hash for link in figure.links}),
            "first_date": _iso(first), "last_date": _iso(last), "disputed": disputed,
        },
    )  # fmt: skip
    values = []
    for position, link in enumerate(figure.links):
        obs, q = link.observation, link.observation.quantity
        ref, claim = obs.refers_to, obs.claim
        values.append(
            R.export_row(
                "figure_values",
                {
                    "figure_id": fid, "figure_key": figure.key, "position": position,
                    "value_key": obs.key, "document_id": obs.report.id, "claim_id": obs.claim_id,
                    "text": q.text, "value": float(q.value),
                    "low": None if q.low is None else float(q.low),
                    "high": None if q.high is None else float(q.high),
                    "bound": q.bound, "approx": q.approx, "vague": q.vague, "unit": q.unit,
                    "refers_start": _iso(ref.start), "refers_end": _iso(ref.end),
                    "refers_text": ref.text or None, "relation": ref.relation,
                    "from_report_date": ref.from_publication,
                    "projection": obs.features.projection, "published": _iso(obs.report.published),
                    "outlet": obs.report.outlet,
                    "source": name(claim.source, obs.report.content_hash) if claim.source else None,
                    "chain": [name(s, obs.report.content_hash) for s in claim.chain],
                    "mode": claim.mode,
                    "certainty": claim.certainty, "span_start": q.span[0], "span_end": q.span[1],
                    "score": link.score, "reason": link.reason, "manual": link.manual,
                },
            )
        )  # fmt: skip
    return head, values


def link(spark: SparkSession, folder: str, out: str | None = None) -> LinkReport:
    """Link the figures of a ``spark analyze`` output; writes ``figures``, ``figure_values``."""
    folder = str(folder).rstrip("/")
    out = str(out or folder).rstrip("/")
    documents = spark.read.parquet(f"{folder}/documents")
    records = spark.read.parquet(f"{folder}/records").drop("published", "language")
    analysed = (
        documents.join(records.where("analysed"), documents["id"] == records["document_id"])
        .where(documents["duplicate_of"].isNull())
        .selectExpr(
            f"struct({', '.join(f'`{c}`' for c in documents.columns)}) as document",
            f"struct({', '.join(f'`{c}`' for c in records.columns)}) as record",
        )
        .rdd.persist()
    )
    counts = analysed.flatMap(_sources).reduceByKey(operator.add).collect()
    aliases = spark.sparkContext.broadcast(R.source_table(counts).aliases)
    linked = (
        analysed.flatMap(_observations)
        .groupByKey()
        .flatMap(lambda block: _link_block(block, aliases.value))
        .persist()
    )
    figures = spark.createDataFrame(
        linked.map(operator.itemgetter(0)), from_arrow_schema(parquet_schema("figures"))
    )
    values = spark.createDataFrame(
        linked.flatMap(operator.itemgetter(1)), from_arrow_schema(parquet_schema("figure_values"))
    )
    figures.write.mode("overwrite").parquet(f"{out}/figures")
    values.write.mode("overwrite").parquet(f"{out}/figure_values")
    report = LinkReport(figures.count(), values.count(), out)
    linked.unpersist()
    analysed.unpersist()
    return report
