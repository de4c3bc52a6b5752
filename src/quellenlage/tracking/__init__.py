"""Follow a story across reports: figures and their timelines, disagreements, who cites whom.

Public entry: :func:`track` takes analysed reports (documents with their
claims) and returns a :class:`Tracking` with the linked figures, the
disagreements found, the source table and the citation graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from quellenlage.records import Claim, Document, Source
from quellenlage.tracking.disagreements import (
    DatedFact,
    Disagreement,
    date_disagreements,
    dated_facts,
    value_disagreements,
)
from quellenlage.tracking.linking import (
    DEFAULT_THRESHOLD,
    Figure,
    Link,
    Override,
    link_figures,
)
from quellenlage.tracking.observations import Observation, Report, TimeRef, observations_of
from quellenlage.tracking.sources import (
    SourceEntry,
    SourceTable,
    citation_graph,
    normalise_source,
    source_identity,
)

__all__ = [
    "AnalysedReport",
    "DatedFact",
    "Disagreement",
    "Figure",
    "Link",
    "Observation",
    "Override",
    "Report",
    "SourceEntry",
    "TimeRef",
    "Tracking",
    "citation_graph",
    "link_figures",
    "normalise_source",
    "track",
]


@dataclass
class Tracking:
    """Everything tracking found in a set of analysed reports."""

    figures: list[Figure]
    disagreements: list[Disagreement]
    sources: list[SourceEntry]
    graph: nx.DiGraph
    source_aliases: dict[str, str] = field(default_factory=dict)

    def source_name(self, source: Source) -> str:
        """The name a claim's source is listed under in :attr:`sources`."""
        name = source_identity(source)[0]
        return self.source_aliases.get(name, name)

    def disputed(self, figure: Figure) -> list[Disagreement]:
        return [d for d in self.disagreements if d.figure == figure.key]


@dataclass(frozen=True, slots=True)
class AnalysedReport:
    """A document with its claims (and their database ids, where stored)."""

    document: Document
    claims: Sequence[Claim]
    claim_ids: Sequence[int | None] | None = None


def track(
    reports: Iterable[AnalysedReport | tuple[Document, Sequence[Claim]]],
    overrides: Sequence[Override] = (),
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> Tracking:
    """Link figures across reports, find disagreements, and build the source table and graph."""
    observations: list[Observation] = []
    facts: list[DatedFact] = []
    table = SourceTable()
    outlet_claims: list[tuple[str | None, Claim]] = []
    for item in reports:
        analysed = item if isinstance(item, AnalysedReport) else AnalysedReport(*item)
        doc = analysed.document
        report = Report.of(doc)
        observations.extend(
            observations_of(report, doc.text, analysed.claims, claim_ids=analysed.claim_ids)
        )
        facts.extend(dated_facts(report, doc.text, analysed.claims))
        for claim in analysed.claims:
            outlet_claims.append((report.outlet, claim))
            if claim.source is not None:
                table.add(claim.source, as_claim_source=True)
            for cited in claim.chain:
                table.add(cited, as_claim_source=False)
    table.resolve()
    figures = link_figures(observations, overrides, threshold=threshold)
    disagreements = [d for fig in figures for d in value_disagreements(fig, table.canonical)]
    disagreements.extend(date_disagreements(facts))
    graph = citation_graph(outlet_claims, table.canonical)
    return Tracking(figures, disagreements, table.entries(), graph, table.aliases)
