"""The state of one document walk: the attribution found so far (``Attribution``), a cue's
frame (``Frame``), the per-document ``Context`` (quotes, open attribution, mention memory),
and the helpers that read them (quote membership, sources from phrases, main clause).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quellenlage.claims.german.cues import Cue
from quellenlage.claims.german.grammar import (
    _BOUNDARY_TEXTS,
    _konjunktiv,
    _subordinate,
    _token_mask,
)
from quellenlage.claims.german.resolve import MentionMemory, make_source
from quellenlage.claims.german.speakers import (
    head_of,
    is_source_like,
    noun_phrase,
    phrase_around,
    subject_of,
)
from quellenlage.claims.german.units import Unit, is_finite
from quellenlage.claims.quotes import Quote
from quellenlage.records import ClaimMode, Medium, Mention, Quantity, Source, SourceLink


@dataclass(frozen=True)
class Listing:
    """The figures an according-to frame attributed ("laut Umfragen liegt die AfD bei 30
    Prozent"): their kinds and units, the tense of their clause, the unit and where it ended.
    A next sentence of the paragraph that lists figures of the same kind in the same tense
    ("Die CDU folgt mit 21 Prozent.") goes on with the frame's list."""

    kinds: frozenset[tuple[str, str | None]]
    tense: str | None
    unit_index: int
    end: int


@dataclass
class Attribution:
    """The attribution that a following Konjunktiv sentence carries on."""

    source: Source | None
    chain: tuple[Source, ...]
    medium: Medium
    listing: Listing | None = None


@dataclass
class Frame:
    """A cue with its frame tokens ``[start, end)`` and the roles found in the frame."""

    cue: Cue
    start: int
    end: int
    source: Source | None = None
    chain: list[Source] = field(default_factory=list)
    addressee: Mention | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    mode: ClaimMode = "indirect"
    subject_source: bool = False  # the source is the cue's grammatical subject
    link: SourceLink | None = None  # how the source was linked, where not by the mention
    #: Parts of the unit beside the frame that are the outlet's ("…, während X liegt").
    outlet_parts: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Context:
    """Document-level state while walking through the units."""

    doc: Doc
    text: str
    quotes: tuple[Quote, ...]
    full_quotes: tuple[Quote, ...]
    memory: MentionMemory
    document_id: int | None
    active: Attribution | None = None
    last_subject: Source | None = None
    recent: Attribution | None = None  # the last attribution with a source, even if closed
    recent_unit: int = -100
    unit_index: int = 0
    #: "Das teilte X mit.": the frame of this unit whose content is the previous sentence.
    points_back: Frame | None = None
    can_link_back: bool = False  # the last unit, in this paragraph, was the outlet's own
    #: Per token: inside any top-level quote (marks included) / strictly inside a full quote.
    quoted: list[bool] = field(default_factory=list)
    inside_full: list[bool] = field(default_factory=list)
    full_quote_marks: set[int] = field(default_factory=set)  # char offsets of their marks
    #: The document's figures (``doc._.quantities``, found before attribution runs).
    figures: list[Quantity] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.figures = list(getattr(self.doc._, "quantities", None) or [])
        self.quoted = _token_mask(self.doc, self.quotes, marks=True)
        self.inside_full = _token_mask(self.doc, self.full_quotes, marks=False)
        self.full_quote_marks = {q.start for q in self.full_quotes} | {
            q.end - 1 for q in self.full_quotes
        }

    def figures_in(self, start: int, end: int) -> list[Quantity]:
        """The figures between chars ``start`` and ``end``."""
        return [q for q in self.figures if start <= q.span[0] and q.span[1] <= end]

    def attribute(self, attribution: Attribution | None) -> None:
        """Open ``attribution`` for the following Konjunktiv sentences."""
        self.active = attribution
        if attribution is not None and attribution.source is not None:
            self.recent, self.recent_unit = attribution, self.unit_index

    def recent_attribution(self, window: int = 3) -> Attribution | None:
        """The last attribution if it lies at most ``window`` units back."""
        if self.recent is not None and self.unit_index - self.recent_unit <= window:
            return self.recent
        return None


def _boundaries(context: Context, unit: Unit) -> set[int]:
    """Token indices that end a frame: commas, colons, dashes, and full-quote marks."""
    doc = context.doc
    result = set()
    for index in range(unit.start, unit.end):
        token = doc[index]
        if token.idx in context.full_quote_marks or (
            token.text in _BOUNDARY_TEXTS and not _in_quote(context, token)
        ):
            result.add(index)
    return result


def _in_quote(context: Context, token: Token) -> bool:
    return context.inside_full[token.i]


def _in_any_quote(context: Context, token: Token) -> bool:
    return context.quoted[token.i]


def _speaking_subject(context: Context, head: Token, limit: tuple[int, int]) -> bool:
    excluded = [(q.start, q.end) for q in context.quotes]
    subject = subject_of(head, limit, excluded)
    return subject is not None and is_source_like(phrase_around(subject, limit))


def _source(context: Context, phrase: Span | None) -> Source | None:
    if phrase is None:
        return None
    return make_source(phrase, context.memory)


def _first_source_like(
    context: Context, start: int, end: int, exclude: int | None = None
) -> Span | None:
    doc = context.doc
    index = start
    while index < end:
        token = doc[index]
        if (
            token.i != exclude
            and token.pos_ in {"NOUN", "PROPN"}
            and not _in_any_quote(context, token)
        ):
            phrase = phrase_around(token, (start, end))
            if phrase is not None and exclude not in range(phrase.start, phrase.end):
                if is_source_like(phrase):
                    return phrase
                index = max(index + 1, phrase.end)
                continue
        index += 1
    return None


def _clause_subject(context: Context, unit: Unit, exclude: tuple[int, int]) -> Span | None:
    doc = context.doc
    for token in doc[unit.start : unit.end]:
        if token.dep_ in {"nsubj", "nsubj:pass"} and not (exclude[0] <= token.i < exclude[1]):
            phrase = phrase_around(token, (unit.start, unit.end))
            if phrase is not None and is_source_like(phrase):
                return phrase
    return _first_source_like(context, unit.start, unit.end)


def _exact_quote(context: Context, doc: Doc, start: int, end: int) -> Quote | None:
    first, last = doc[start], doc[end - 1]
    for quote in context.full_quotes:
        if first.idx == quote.start and last.idx == quote.end - 1:
            return quote
    return None


def _contains_quote(context: Context, start: int, end: int) -> bool:
    for quote in context.quotes:
        if start <= quote.start and quote.end <= end + 1:
            inner = context.text[quote.start + 1 : quote.end - 1]
            if not all(word[:1].isupper() for word in inner.split()):
                return True
    return False


def _unit_chars(doc: Doc, unit: Unit) -> tuple[int, int]:
    last = doc[unit.end - 1]
    return doc[unit.start].idx, last.idx + len(last)


def _main_finite(context: Context, start: int, end: int) -> Token | None:
    doc = context.doc
    segment_start = start
    for index in range(start, end):
        token = doc[index]
        if token.text in _BOUNDARY_TEXTS or _in_any_quote(context, token):
            segment_start = index + 1
            continue
        if is_finite(token) and not _subordinate(doc, segment_start, index):
            return token
    return None


def _main_tense(context: Context, start: int, end: int) -> str | None:
    """The tense of the first finite verb of a main clause ("Pres", "Past")."""
    finite = _main_finite(context, start, end)
    tenses = finite.morph.get("Tense") if finite is not None else []
    return tenses[0] if len(tenses) == 1 else None


def _main_mood(context: Context, start: int, end: int) -> tuple[str | None, bool]:
    """Mood of the first finite verb of a main clause in ``[start, end)``, and whether one exists."""
    doc = context.doc
    segment_start = start
    has_finite = False
    index = start
    while index < end:
        token = doc[index]
        if token.text in _BOUNDARY_TEXTS or _in_any_quote(context, token):
            segment_start = index + 1
            index += 1
            continue
        if is_finite(token):
            has_finite = True
            if not _subordinate(doc, segment_start, index):
                return _konjunktiv(token), True
        index += 1
    return None, has_finite


def _main_subject(context: Context, start: int, end: int) -> Source | None:
    """The source-like subject of an assertion (the cleft focus in "Es war X, der …")."""
    doc = context.doc
    limit = (start, end)
    if end - start > 3 and doc[start].lower_ == "es" and doc[start + 1].lemma_ == "sein":
        focus = noun_phrase(doc[start + 2], limit)  # the cleft "Es war X, der …"
        if focus is not None and focus.start == start + 2 and is_source_like(focus):
            return make_source(focus, context.memory)
    for token in doc[start:end]:
        if token.dep_ in {"nsubj", "nsubj:pass"} and token.lower_ not in {"es", "das", "dies"}:
            phrase = phrase_around(token, limit)
            if phrase is not None and is_source_like(phrase) and head_of(phrase).ent_type_ != "LOC":
                return make_source(phrase, context.memory, speaker=False)
            return None
    return None
