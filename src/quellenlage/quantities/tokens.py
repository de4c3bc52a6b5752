"""Tokens of a text for the quantity scanner, and the number core it reads.

One compiled regular expression splits the text into number, word and symbol tokens; a
second one masks dates, times of day and phone numbers, whose numbers are not quantities.
:class:`TokenView` gives the readers in ``cores``, ``portions`` and ``surroundings`` their
shared look at the tokens.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from quellenlage.lang import LANGUAGES, load
from quellenlage.quantities import lexicon as lx
from quellenlage.records import QuantityKind


def _alternation(words: frozenset[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest one wins."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:[.,\u00a0\u202f\u2009 '’]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suf>[^\W\d_]+)?"
    r"|(?P<word>[^\W\d_]\w*(?:[-‐'’]\w+)*)"
    r"|(?P<sym>\S)"
)

# Month names and abbreviations of every language: numbers before them are dates.
MONTH_WORDS = {
    code: frozenset({**load(code).mapping("months"), **load(code).mapping("month_abbreviations")})
    for code in LANGUAGES
}
_MONTHS = rf"(?i:{_alternation(frozenset().union(*MONTH_WORDS.values()))})s?\b\.?"
_ORD = r"(?:st|nd|rd|th)?"
# Numbers that belong to dates, times of day, phone numbers. Every alternative starts with a
# digit or "+": the guard in front lets the engine skip all other positions quickly.
_NOT_QUANTITY_RE = re.compile(
    r"(?=[\d+])(?<![\w.,])(?:"
    + "|".join(
        (
            r"\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{4}|\s?\d{2}(?!\d))?",
            rf"\d{{1,2}}{_ORD}\.?\s*(?:(?:bis|und|to|and|–|-|/)\s*\d{{1,2}}{_ORD}\.?\s*)?"
            rf"(?:of\s+)?{_MONTHS}(?:\s*\d{{4}})?",
            r"\d{4}-\d{2}-\d{2}\b",
            r"\d{1,2}/\d{1,2}/\d{2,4}\b",
            r"\d{4}/\d{2,4}\b",
            r"\d+:\d+(?::\d+)?\b",
            r"\+\d{1,3}(?:[\s/-]?\(?\d+\)?)+",
            r"0\d{2,5}(?:[\s/-]\d+)+",
            r"\d{1,2}(?:[.:]\d{2})?\s*(?:Uhr\b|h\b|[ap]\.m\.|(?<=\d)[ap]m\b)",
        )
    )
    + ")"
)


@dataclass(slots=True)
class _Tokens:
    kinds: list[str]
    texts: list[str]
    lows: list[str]
    starts: list[int]
    ends: list[int]
    suffixes: list[str | None]


def _tokenize(text: str) -> _Tokens:
    kinds: list[str] = []
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    suffixes: list[str | None] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "suf":
            kind = "num"
        if kind == "num":
            texts.append(match.group("num"))
            suffixes.append(match.group("suf"))
        else:
            texts.append(match.group())
            suffixes.append(None)
        kinds.append(kind or "sym")
        starts.append(match.start())
        ends.append(match.end())
    return _Tokens(kinds, texts, [t.lower() for t in texts], starts, ends, suffixes)


@dataclass(slots=True)
class Core:
    """A number as read, before qualifiers and unit: tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    value: Decimal
    scaled: bool = False
    bare: bool = False  # plain digits without grouping, decimals or scale: maybe a year/label
    vague: bool = False
    kind: QuantityKind | None = None
    unit: str | None = None
    needs_qualifier: bool = False  # "ein", "one", "einmal", "once" count only when qualified
    plural: bool = True
    approx: bool = False  # "ein geschätztes Drittel"


class TokenView:
    """The tokens of one text and the questions every reader asks about them."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.t = _tokenize(text)
        self.n = len(self.t.kinds)
        masks = [(m.start(), m.end()) for m in _NOT_QUANTITY_RE.finditer(text)]
        self.mask_starts = [start for start, _ in masks]
        self.mask_ends = [end for _, end in masks]
        self.consumed_until = 0  # first token index not yet part of an emitted quantity

    def masked(self, i: int) -> bool:
        pos = self.t.starts[i]
        k = bisect.bisect_right(self.mask_starts, pos) - 1
        return k >= 0 and pos < self.mask_ends[k]

    def low(self, i: int) -> str:
        return self.t.lows[i] if 0 <= i < self.n else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.t.kinds[i] == "word"

    def is_capitalised(self, i: int) -> bool:
        return self.is_word(i) and self.t.texts[i][0].isupper()

    def glued(self, i: int) -> bool:
        """True when token ``i`` follows token ``i - 1`` without a space.

        Out of range is never glued, as ``low`` and ``is_word`` read it: rules look ahead
        past the last token of truncated text such as "0/".
        """
        return 0 < i < self.n and self.t.starts[i] == self.t.ends[i - 1]


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def looks_adjective(low: str) -> bool:
    return (
        len(low) > 3
        and low.endswith(_ADJECTIVE_ENDINGS)
        and low not in lx.DE_NOT_ADJECTIVES
        and low.isalpha()
    )
