"""Follow a story across reports: figures and their timelines, disagreements, who cites whom.

Public entry: :func:`track` takes analysed reports (documents with their
claims) and returns a :class:`Tracking` with the linked figures, the
disagreements found, the source table and the citation graph.

Pure logic: no SQL and no sessions here; :mod:`quellenlage.store.tracking`
reads reports from and writes figures to the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

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
    LinkFailure,
    Override,
    link_figures,
)
from quellenlage.tracking.observations import (
    Observation,
    Report,
    TimeRef,
    observations_of,
    unique_observations,
    with_antecedents,
)
from quellenlage.tracking.sources import (
    SourceEntry,
    SourceTable,
    citation_graph,
    normalise_source,
    scoped_names,
    source_identity,
)

if TYPE_CHECKING:
    import networkx as nx  # imported where the graph is built: it costs 0.1 s at start-up

__all__ = [
    "AnalysedReport",
    "DatedFact",
    "Disagreement",
    "Figure",
    "Link",
    "LinkFailure",
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
    """Everything tracking found in a set of analysed reports.

    ``failures`` names each report or block of values that could not be
    tracked and why; the rest of the run went on without it. ``unplaced``
    holds the vague values ("Tausende Soldaten") that fit no figure: context
    of their report, never a value of a figure.
    """

    figures: list[Figure]
    disagreements: list[Disagreement]
    sources: list[SourceEntry]
    graph: nx.DiGraph
    source_aliases: dict[str, str] = field(default_factory=dict)
    failures: list[LinkFailure] = field(default_factory=list)
    unplaced: list[Observation] = field(default_factory=list)
    #: (report content hash, normalised name) -> the name a generic description
    #: ("der Verband") of that report is listed under (see :func:`sources.scoped_names`).
    scoped_sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def source_name(self, source: Source, report: str | None = None) -> str:
        """The name a claim's source is listed under in :attr:`sources`.

        ``report`` is the content hash of the claim's report: a generic
        description is a source of its own report only.
        """
        name = source_identity(source)[0]
        if report is not None:
            name = self.scoped_sources.get((report, name), name)
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
    failures: list[LinkFailure] = []
    scoped: dict[tuple[str, str], str] = {}
    table = SourceTable()
    outlet_claims: list[tuple[str | None, Claim]] = []
    for item in reports:
        analysed = item if isinstance(item, AnalysedReport) else AnalysedReport(*item)
        doc = analysed.document
        try:
            report = Report.of(doc)
            found = with_antecedents(
                unique_observations(
                    observations_of(report, doc.text, analysed.claims, claim_ids=analysed.claim_ids)
                )
            )
            found_facts = dated_facts(report, doc.text, analysed.claims)
        except Exception as exc:  # one bad report must not stop the run: recorded, skipped
            failures.append(LinkFailure(f"report {doc.origin}", f"{type(exc).__name__}: {exc}"))
            continue
        observations.extend(found)
        facts.extend(found_facts)
        mentions = [s for c in analysed.claims for s in (c.source, *c.chain) if s is not None]
        label = ", ".join(
            filter(None, (report.outlet or report.origin, (doc.published.value or "")[:10]))
        )
        local = scoped_names({source_identity(s)[0] for s in mentions}, mentions, label)
        scoped.update({(report.content_hash, base): name for base, name in local.items()})
        for claim in analysed.claims:
            outlet_claims.append((report.outlet, _with_names(claim, local)))
            if claim.source is not None:
                name = local.get(source_identity(claim.source)[0])
                table.add(claim.source, as_claim_source=True, name=name)
            for cited in claim.chain:
                table.add(cited, as_claim_source=False, name=local.get(source_identity(cited)[0]))
    table.resolve()
    unplaced: list[Observation] = []
    figures = link_figures(
        observations, overrides, threshold=threshold, failures=failures, unplaced=unplaced
    )
    disagreements = [d for fig in figures for d in value_disagreements(fig, table.canonical)]
    disagreements.extend(date_disagreements(facts))
    graph = citation_graph(outlet_claims, table.canonical)
    return Tracking(
        figures, disagreements, table.entries(), graph, table.aliases, failures, unplaced, scoped
    )


def _with_names(claim: Claim, names: dict[str, str]) -> Claim:
    """The claim with its generic sources renamed to their report-scoped names (for the graph)."""
    if not names:
        return claim

    def rename(source: Source) -> Source:
        identity, kind = source_identity(source)
        if identity not in names:
            return source
        return replace(source, text=names[identity], resolved=None, span=None, kind=kind)

    return replace(
        claim,
        source=rename(claim.source) if claim.source else None,
        chain=tuple(rename(s) for s in claim.chain),
    )
