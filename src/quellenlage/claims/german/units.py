"""Analysis units: sentences joined where a quote runs across them, plus unit-level tests.

A unit is the stretch in which one attribution is resolved: usually a sentence, but a
quote that spans several sentences ("„Wir kommen. Wir bleiben.“, sagte er.") is one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quellenlage.claims.quotes import Quote

_SENTENCE_END = frozenset({".", "!", "?"})
_LINE_END = re.compile(r"[.!?:;\"“”«»)’‘…]$")
_PROMOTION = re.compile(
    r"\b(Newsletter|Anmeldung|abonnieren|Abo\b|hier klicken|Hier geht|Ihrem|Ihren|Ihre\b|Sie\s+uns)",
)


@dataclass(frozen=True, slots=True)
class Unit:
    """Token range ``[start, end)`` of one analysis unit."""

    start: int
    end: int


def _sentence_starts(doc: Doc) -> list[int]:
    starts = [0]
    if doc.has_annotation("SENT_START"):
        starts = [sentence.start for sentence in doc.sents]
        # Paragraph breaks always end a sentence, whatever the parser thinks.
        starts.extend(t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_)
        return sorted(set(starts))
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if (
            (token.text in _SENTENCE_END and (following.is_title or "\n" in following.whitespace_))
            or "\n" in token.text
            or "\n" in token.whitespace_
        ):
            starts.append(token.i + 1)
    return sorted(set(starts))


def split_units(doc: Doc, quotes: tuple[Quote, ...]) -> list[Unit]:
    """Split ``doc`` into units: sentences, merged across full quotes and stray frames."""
    if len(doc) == 0:
        return []
    starts = _sentence_starts(doc)
    top_level = [quote for quote in quotes if quote.depth == 0]
    merged: list[int] = []
    for start in starts:
        if not merged:
            merged.append(start)
            continue
        char = doc[start].idx
        inside_quote = any(
            q.start < char < q.end - 1 for q in top_level
        ) and not _line_break_before(doc, start)
        first = doc[start]
        previous = doc[start - 1]
        closes_quote = any(first.idx == quote.end - 1 for quote in top_level)
        continues = (
            first.text in {",", ";", ")"}
            or closes_quote
            or (previous.text == ":" and not _line_break_before(doc, start))
            or (first.is_lower and first.is_alpha and not _line_break_before(doc, start))
        )
        if inside_quote or continues:
            continue
        merged.append(start)
    ends = [*merged[1:], len(doc)]
    return [Unit(start, end) for start, end in zip(merged, ends, strict=True) if end > start]


def _line_break_before(doc: Doc, index: int) -> bool:
    if index == 0:
        return True
    previous = doc[index - 1]
    return "\n" in previous.whitespace_ or "\n" in previous.text


def content_tokens(doc: Doc, unit: Unit) -> tuple[int, int]:
    """The unit without leading/trailing whitespace tokens."""
    start, end = unit.start, unit.end
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def is_heading(doc: Doc, unit: Unit) -> bool:
    """A line of its own without sentence punctuation: a title, a heading, a caption."""
    start, end = content_tokens(doc, unit)
    if start >= end:
        return True
    text = doc[start:end].text.rstrip()
    own_line = _line_break_before(doc, start) and (
        end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space
    )
    return own_line and not _LINE_END.search(text)


def is_question(doc: Doc, start: int, end: int) -> bool:
    last = end - 1
    while last >= start and (doc[last].is_space or doc[last].text in '"“”«»’‘'):
        last -= 1
    return last >= start and doc[last].text == "?"


def is_promotion(text: str) -> bool:
    return bool(_PROMOTION.search(text))


def is_finite(token: Token) -> bool:
    """A finite verb by tag or features, or a word the pipeline found to be a Konjunktiv form
    whatever its tag ("entspräche" mistagged as an adjective)."""
    if token.tag_ in {"VVFIN", "VAFIN", "VMFIN"} or (
        "VerbForm=Fin" in str(token.morph) and token.pos_ in {"VERB", "AUX"}
    ):
        return True
    return Token.has_extension("konjunktiv") and token._.konjunktiv in {"I", "II"}
