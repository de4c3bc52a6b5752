"""Pair quotation marks in German and English news text, without a parser.

Handles „…“ „…” »…« «…» ‚…‘ “…” ‹…› and straight "…", nested quotes, quotes across
sentences, and the German convention for quotes across paragraphs (no closing mark at
the end of a paragraph, a new opening mark at the start of the next). Marks that cannot
be paired are reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> closing marks it accepts.
_CLOSERS: dict[str, tuple[str, ...]] = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),
    "“": ("”",),
    '"': ('"',),
    "‚": ("‘", "’"),
    "‘": ("’",),
    "›": ("‹",),
    "‹": ("›",),
}
QUOTE_CHARS = frozenset('„“”»«"‚‘’›‹')
#: Deepest nesting of open quotes followed; more opening marks are reported unpaired.
MAX_NESTING = 8
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    depth: int = 0

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + 1, self.end - 1)


@dataclass(frozen=True, slots=True)
class QuoteScan:
    """Paired quotes (sorted by start) and the offsets of marks that had no partner."""

    quotes: tuple[Quote, ...]
    unpaired: tuple[int, ...]


def _is_space(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or text[index].isspace()


def _can_open(text: str, index: int) -> bool:
    """An opening mark is followed by text and preceded by space, a bracket or another mark."""
    before_ok = (
        index == 0
        or text[index - 1].isspace()
        or text[index - 1] in "([{–—-/:" + "".join(QUOTE_CHARS)
    )
    return before_ok and not _is_space(text, index + 1)


def _can_close(text: str, index: int) -> bool:
    return index > 0 and not text[index - 1].isspace()


def find_quotes(text: str) -> QuoteScan:
    """Return the quotes in ``text`` with their nesting depth, and the unpaired marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    quotes: list[Quote] = []
    unpaired: list[int] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    continued: set[int] = set()  # offsets of marks that reopen a quote in the next paragraph
    break_index = 0
    for index, char in enumerate(text):
        while break_index < len(paragraphs) and paragraphs[break_index][1] <= index:
            _, break_end = paragraphs[break_index]
            break_index += 1
            if not stack:
                continue
            # German convention: an unclosed quote continues if the next paragraph reopens it.
            if break_end < len(text) and text[break_end] == stack[0][0] and len(stack) == 1:
                continued.add(break_end)
                continue
            unpaired.extend(offset for _, offset in stack)
            stack.clear()
        if char not in QUOTE_CHARS or index in continued:
            continue
        if stack and char in _CLOSERS[stack[-1][0]] and _can_close(text, index):
            _, start = stack.pop()
            quotes.append(Quote(start, index + 1, len(stack)))
            continue
        # A closer of an outer quote closes the inner ones that were left open.
        outer = next(
            (i for i in range(len(stack) - 1, -1, -1) if char in _CLOSERS[stack[i][0]]), None
        )
        if outer is not None and _can_close(text, index) and not _can_open(text, index):
            unpaired.extend(offset for _, offset in stack[outer + 1 :])
            del stack[outer + 1 :]
            _, start = stack.pop()
            quotes.append(Quote(start, index + 1, len(stack)))
            continue
        if char in _CLOSERS and _can_open(text, index):
            if char in "‘’" and not stack:
                continue  # an apostrophe, not a quote
            if len(stack) >= MAX_NESTING:  # no text nests so deep: keep pairing linear
                unpaired.append(index)
                continue
            stack.append((char, index))
        elif char not in "’‘":
            unpaired.append(index)
    unpaired.extend(offset for _, offset in stack)
    quotes.sort(key=lambda quote: (quote.start, -quote.end))
    return QuoteScan(tuple(quotes), tuple(sorted(unpaired)))
