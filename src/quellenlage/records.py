"""Typed records passed between the stages of quellenlage.

Every stage takes and returns these small frozen data classes; they are the
contract between ingest -> nlp -> claims -> figures/times -> store -> tracking.
All character offsets are ``(start, end)`` pairs into ``Document.text`` (the
clean text), end exclusive, so ``text[start:end]`` is the span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

#: Languages the analysis stages handle; documents in others are stored and marked.
ANALYSABLE_LANGUAGES = frozenset({"de", "en"})

#: Where a metadata value came from.
Provenance = Literal["html_meta", "url", "feed", "jsonl", "user", "text", "warc", "unknown"]


@dataclass(frozen=True, slots=True)
class Field:
    """A metadata value together with where it came from (``None`` = unknown)."""

    value: str | None = None
    source: Provenance = "unknown"


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as a reader found it, before cleaning.

    ``origin`` names the input for humans and for the failure log: a path,
    ``path#line 3``, ``path#record <id>`` or ``<stdin>``.
    """

    origin: str
    raw: str
    format: Literal["html", "text", "feed", "jsonl", "warc"]
    text: str | None = None  # already-clean text where the reader has it
    html: str | None = None
    url: str | None = None
    title: Field = field(default_factory=Field)
    published: Field = field(default_factory=Field)
    author: Field = field(default_factory=Field)
    outlet: Field = field(default_factory=Field)
    language: Field = field(default_factory=Field)
    warnings: tuple[str, ...] = ()  # what reading had to repair, passed on to the Document


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned news report with its metadata, ready for analysis."""

    origin: str
    text: str
    raw: str
    format: str
    content_hash: str
    title: Field = field(default_factory=Field)
    published: Field = field(default_factory=Field)
    author: Field = field(default_factory=Field)
    outlet: Field = field(default_factory=Field)
    language: Field = field(default_factory=Field)
    url: str | None = None
    id: int | None = None
    duplicate_of: int | None = None
    duplicate_kind: Literal["exact", "near"] | None = None
    #: What ingest had to repair or leave out ("3 invalid bytes replaced at 1020-1024").
    warnings: tuple[str, ...] = ()

    @property
    def published_date(self) -> dt.date | None:
        if not self.published.value:
            return None
        return dt.date.fromisoformat(self.published.value[:10])


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, and why."""

    origin: str
    error: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was read but is not a report (a WARC image record), and why."""

    origin: str
    reason: str


QuantityKind = Literal["count", "money", "percent", "fraction", "ordinal", "frequency"]
Bound = Literal["more_than", "less_than", "at_least", "at_most", "range"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in text, normalised: ``rund 10.000 Soldaten`` -> 10000, approx, unit Soldat."""

    text: str
    span: Span
    value: int | float
    unit: str | None = None
    kind: QuantityKind = "count"
    bound: Bound | None = None
    approx: bool = False
    low: int | float | None = None
    high: int | float | None = None
    vague: bool = False  # "Tausende", "Dutzende": a lower bound, not a count
    #: What the number says about the group it counts (``quantities.measure``): deployed,
    #: planned, killed, wounded, casualties, captured, missing, other, unknown; None = not read.
    measure: str | None = None
    measure_word: str | None = None  # the governing word it was read from ("getötet")
    #: total, delta ("weitere 1.500"), previous ("von 3.000 auf …"), range, vague; None = not read.
    value_kind: str | None = None


Granularity = Literal[
    "day", "week", "month", "season", "quarter", "half", "year", "decade", "unknown"
]
Relation = Literal["at", "since", "until", "before", "after", "during"]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalised against the publication date.

    ``start``/``end`` are ISO dates at their real granularity ("2023-06" for a
    month). An unresolved relative expression keeps its parts in ``parts``
    (e.g. ``{"month": 10, "day": 8}`` or ``{"weekday": 2}``) and leaves
    ``start``/``end`` as partial ISO forms ("--10-08") or ``None``.
    """

    text: str
    span: Span
    start: str | None
    end: str | None
    granularity: Granularity
    relative: bool
    resolved: bool
    relation: Relation = "at"
    parts: dict[str, int] = field(default_factory=dict)
    mod: Literal["start", "mid", "end"] | None = None  # "Anfang/Mitte/Ende Oktober"


SourceKind = Literal[
    "person", "organisation", "state", "media", "agency", "group", "document", "unknown"
]


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text, e.g. a cue or a source mention."""

    text: str
    span: Span
    #: The pieces of a discontinuous mention ("teilte … mit"); empty when ``span`` is one piece.
    parts: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is attributed to.

    ``text``/``span`` is the mention in the text ("er", "der Minister");
    ``resolved`` is the name it refers to when that differs ("Maria Lopez").
    """

    text: str
    span: Span | None
    kind: SourceKind = "unknown"
    resolved: str | None = None

    @property
    def name(self) -> str:
        return self.resolved or self.text


ClaimMode = Literal[
    "direct",
    "indirect",
    "konjunktiv",
    "according_to",
    "reported",
    "free_indirect",
    "mixed",
    "assertion",
]
Certainty = Literal["asserted", "reported", "hedged", "denied"]
#: How a claim's source was linked to it (``None``: no source, and not a heading).
SourceLink = Literal[
    "same_sentence",  # a cue of the claim's own sentence names it
    "previous_sentence",  # carried on from an earlier sentence (Konjunktiv, "soll", quote)
    "following_sentence",  # "Das teilte X mit." after the claim
    # "Demnach …", "hieß es weiter": points back to the open source; with nothing open the
    # claim keeps this link but has no source (the outlet's, cue kept)
    "connective",
    "pronoun",  # "er", "sie" resolved to an earlier name
    "description",  # "die Agentur" resolved to an earlier name ("dpa")
    "alias",  # "das BfV" after "… (BfV)", "Scholz" after "Olaf Scholz"
    "quote_speaker",  # a follow-on quote, given the speaker of the last quote
    "heading",  # a headline or sub-heading (attributed, or the outlet's assertion)
]
Medium = Literal["speech", "thought", "writing", "unknown"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim: what is said, who says it, citing whom, how sure."""

    text: str
    span: Span
    sentence_span: Span
    mode: ClaimMode
    certainty: Certainty
    cue: Mention | None = None
    source: Source | None = None
    chain: tuple[Source, ...] = ()
    addressee: Mention | None = None
    inherited: bool = False
    medium: Medium = "unknown"
    hedges: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    document_id: int | None = None
    #: How the source was linked (see ``SourceLink``); set by the attribution.
    link: SourceLink | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
