"""Bounded pieces of a long text, so that analysis takes memory bounded and time linear.

The language pipeline and the claim rules are fast on news-sized text, but a 20 MB
input, or 2 MB with no sentence end, would make one huge document and one huge
"sentence". :func:`pieces` cuts a text into stretches of at most :data:`MAX_PIECE`
characters, at the last paragraph break in reach, else at a sentence end, else at a
space; and it never lets a stretch without a sentence end grow past :data:`MAX_RUN`
characters (it is cut at a space there). :func:`analyze_in_pieces` analyses the pieces
as documents of their own and moves the claims' offsets back into the whole text.

Cuts fall where nothing spans them in real text (paragraphs, sentences), so a news
report of normal size is one piece and its analysis is unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from quellenlage.records import Claim, Document

#: Longest piece analysed at once: a long report (most are under 10,000 characters);
#: a 100,000-character piece of dense claims took ~760 MB, a 30,000 one ~350 MB.
MAX_PIECE = 30_000
#: Longest stretch without a sentence end (the longest real sentences are ~1,500).
MAX_RUN = 4_000

_SENTENCE_END = re.compile(r"""[.!?…][\"'“”»«‘’)\]]*\s+|\n+""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s")


class Analysed(Protocol):
    """What the analysis of one document returns (``pipeline.Analysis``)."""

    document: Document
    claims: list[Claim]
    warnings: list[str]
    failed: str | None


A = TypeVar("A", bound=Analysed)


def pieces(
    text: str, max_piece: int = MAX_PIECE, max_run: int = MAX_RUN
) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for consecutive pieces that together are ``text``."""
    start = 0
    while start < len(text):
        end = _cut(text, start, max_piece, max_run)
        yield start, text[start:end]
        start = end


def _cut(text: str, start: int, max_piece: int, max_run: int) -> int:
    """Where the piece starting at ``start`` ends (always after ``start``)."""
    limit = min(start + max_piece, len(text))
    previous = start
    for match in _SENTENCE_END.finditer(text, start, limit):
        if match.start() - previous > max_run:
            return _at_space(text, previous, previous + max_run)
        previous = match.end()
    if limit - previous > max_run:
        return _at_space(text, previous, previous + max_run)
    if limit == len(text):
        return limit
    half = start + max_piece // 2
    for pattern in (_PARAGRAPH, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(text, half, limit)]
        if ends:
            return ends[-1]
    return limit


def _at_space(text: str, start: int, end: int) -> int:
    """The last space in the second half of ``text[start:end]``, else ``end`` itself."""
    space = max(text.rfind(" ", start + (end - start) // 2, end), text.rfind("\n", start, end))
    return space + 1 if space > start else end


def is_long(text: str) -> bool:
    """Whether ``text`` is more than one piece (cheap: it looks only as far as the first cut)."""
    return _cut(text, 0, MAX_PIECE, MAX_RUN) < len(text)


def analyze_in_pieces(
    document: Document, analyze: Callable[[Iterable[Document]], Iterable[A]]
) -> A:
    """The analysis of a long ``document``, made by ``analyze`` over its pieces in one go."""
    parts = list(pieces(document.text))
    results = list(analyze(dataclasses.replace(document, text=text) for _, text in parts))
    claims = [
        shift(claim, offset)
        for (offset, _), result in zip(parts, results, strict=True)
        for claim in result.claims
    ]
    warnings = [f"long text analysed in {len(parts)} pieces of at most {MAX_PIECE} characters"]
    warnings += [warning for result in results for warning in result.warnings]
    failed = next((result.failed for result in results if result.failed), None)
    return dataclasses.replace(
        results[0], document=document, claims=claims, warnings=warnings, failed=failed
    )


_SPAN_FIELDS = frozenset({"span", "sentence_span"})


def shift(record: Any, offset: int) -> Any:
    """``record`` with every character span in it (nested records too) moved by ``offset``."""
    if offset == 0 or not dataclasses.is_dataclass(record):
        return record
    changes = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if item.name in _SPAN_FIELDS and value is not None:
            changes[item.name] = (value[0] + offset, value[1] + offset)
        elif item.name == "parts" and _is_spans(value):
            changes[item.name] = tuple((a + offset, b + offset) for a, b in value)
        elif dataclasses.is_dataclass(value):
            changes[item.name] = shift(value, offset)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[item.name] = tuple(shift(part, offset) for part in value)
    return dataclasses.replace(record, **changes)


def _is_spans(value: object) -> bool:
    return isinstance(value, tuple) and all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(n, int) for n in pair)
        for pair in value
    )
