"""Analysis units: sentences joined where a quote runs across them, plus unit-level tests.

A unit is the stretch in which one attribution is resolved: usually a sentence, but a
quote that spans several sentences ("„Wir kommen. Wir bleiben.“, sagte er.") is one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.cues import is_cue_noun, verb_cue
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
            or (first.text == ":" and _introduces(doc, start))
            or closes_quote
            or (previous.text == ":" and not _line_break_before(doc, start))
            or (first.is_lower and first.is_alpha and not _line_break_before(doc, start))
        )
        if inside_quote or continues:
            continue
        merged.append(start)
    ends = [*merged[1:], len(doc)]
    return [Unit(start, end) for start, end in zip(merged, ends, strict=True) if end > start]


def _introduces(doc: Doc, colon: int) -> bool:
    """The parser started a sentence at this colon, but the words before it introduce what
    follows: a cue noun or verb ("basiert auf zwei Annahmen:", "sagte:", "heißt es:") or a
    quote after it. A colon after anything else may end a label of its own ("Bildung: …")."""
    before = doc[colon - 1]
    after = doc[colon + 1] if colon + 1 < len(doc) else None
    if after is not None and after.text in {"„", '"', "»", "“"}:
        return True
    return is_cue_noun(before) or before.lower_ == "es" or verb_cue(before, colon) is not None


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
    return _own_line(doc, start, end) and not _LINE_END.search(text)


def _own_line(doc: Doc, start: int, end: int) -> bool:
    return _line_break_before(doc, start) and (
        end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space
    )


#: "- Digitalminister X: „…“": a list item that is only a label and a quote closing the line,
#: the form of a teaser of another article (a report's own list items say something).
_QUOTE_TEASER = re.compile(
    r"^[-–—•*·►]\s*[^\s:„“”\"»«‚‘’][^:„“”\"»«\n]{0,80}:\s*[„“\"»«‚].*[“”\"«»‘’]$"
)
#: A line under a teaser lead this long at most is one item of a list of links.
MAX_TEASER_TOKENS = 25
MAX_TEASER_LINES = 10


def _teaser_lead(text: str) -> str | None:
    lower = text.lower()
    return next(
        (
            lead
            for lead in vocabulary.TEASER_LEADS
            if lower.startswith(lead) and not lower[len(lead) : len(lead) + 1].isalpha()
        ),
        None,
    )


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


def teaser_line(doc: Doc, unit: Unit, listed: int) -> tuple[bool, int]:
    """Whether the unit is a teaser of another article, and how many lines of a list of links
    under a teaser lead end with it (``listed``: the count before it; 0 outside a list).

    A teaser is a line of its own, with no sentence around it: one that opens with a teaser
    lead ("Lesen Sie auch: …", "Mehr zum Thema"), a list item that is only a label and a quote
    ("- Digitalminister X: „…“"), or a short line in the list under a lead.
    """
    start, end = content_tokens(doc, unit)
    if start >= end or not _own_line(doc, start, end):
        return False, 0
    text = doc[start:end].text.strip()
    lead = _teaser_lead(text)
    if lead is not None:  # the lead alone ("Mehr zum Thema:") heads a list of links
        return True, 1 if text[len(lead) :].strip(" :") == "" else 0
    in_list = 0 < listed < MAX_TEASER_LINES
    if _QUOTE_TEASER.match(text):
        return True, listed + 1 if in_list else 0
    # an item of the list: a short title, no sentence (a full stop ends the list)
    if in_list and end - start <= MAX_TEASER_TOKENS and not _LINE_END.search(text):
        return True, listed + 1
    return False, 0
