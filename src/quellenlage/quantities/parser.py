"""A token scanner that finds quantities in German or English text.

The text is split into tokens once (``tokens``). The scanner then walks the tokens once: at
each number (digits, number word, vague plural, fraction: ``cores``, ``portions``) it reads
scale words, a range, the unit and the qualifiers around it (``surroundings``). Relative time
phrases ("vor drei Tagen") are dropped here. There is no backtracking over the text, so the
cost is linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from quellenlage.lang import load
from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.numbers import EN_SMALL, EN_TENS, to_number
from quellenlage.quantities.surroundings import ContextReader
from quellenlage.quantities.tokens import MONTH_WORDS, Core
from quellenlage.records import Quantity

_EN = load("en")
_XX = load("xx")

# "vor drei Tagen", "in zwei Wochen", "three days ago": relative times, not quantities.
_TIME_UNIT_WORDS = _XX.words("duration_words")
_TIME_PREPOSITIONS = _XX.words("duration_prepositions")
_TIME_AFTER = _EN.words("duration_after")
_TIME_SKIPPABLE = _XX.words("duration_skippable")
_EN_MONTH_WORDS = MONTH_WORDS["en"]
# Lower-case words that can start a German number word ("dreihundertzwanzig", "zweimal").
_DE_NUMBER_WORD = re.compile(
    r"(?!und$)(?:null|eins|ein|zwei|drei|vier|fünf|sechs|sech|sieben|sieb|acht|neun|zehn|elf|"
    r"zwölf|zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|"
    r"tausend|und|einhalb|anderthalb|zweier|dreier|zweien|dreien)+(?:mal)?"
)

_PREPOSITION_QUALIFIERS = set(_XX.words("preposition_qualifiers"))
_CHANGE_TO = {"de": "auf", "en": "to"}
# Lower-case words that may start a quantity (besides digits and German number words).
_TRIGGERS = {
    "de": frozenset(
        {
            *("ein", "eine", "einer", "einem", "einen", "eines"),
            *lx.DE_EVERY,
            *lx.FRACTION_ARTICLES["de"],
            *lx.DE_FRACTIONS,
            *lx.VAGUE["de"],
            *lx.VAGUE_DETERMINERS["de"],
        }
    ),
    "en": frozenset(
        {
            *EN_SMALL,
            *EN_TENS,
            *("a", "an", "half", "twice", "thrice", "once", "tens", "every"),
            *lx.VAGUE["en"],
            *lx.VAGUE_DETERMINERS["en"],
            *lx.FRACTION_ARTICLES["en"],
        }
    ),
}


class _Scanner(ContextReader):
    def __init__(self, text: str, lang: str) -> None:
        super().__init__(text, lang)
        self.triggers = _TRIGGERS[lang]

    def run(self) -> list[Quantity]:
        found: list[Quantity] = []
        i = 0
        kinds, lows, triggers = self.t.kinds, self.t.lows, self.triggers
        while i < self.n:
            kind = kinds[i]
            if kind == "sym" or (
                kind == "word" and lows[i] not in triggers and not self.may_be_number_word(i)
            ):
                i += 1
                continue
            result = None if self.masked(i) else self.quantity_at(i)
            if result is None:
                i += 1
                continue
            quantity, next_i = result
            found.append(quantity)
            self.consumed_until = next_i
            i = next_i
        return self.share_units(found)

    def share_units(self, found: list[Quantity]) -> list[Quantity]:
        """ "von 10 auf 20 Prozent", "from 1,500 to 3,000 troops": the first takes the unit."""
        for k in range(len(found) - 1):
            first, second = found[k], found[k + 1]
            if first.unit is not None or first.kind != "count" or second.unit is None:
                continue
            gap = self.text[first.span[1] : second.span[0]].strip().lower()
            if gap == _CHANGE_TO[self.lang] and not first.vague:
                found[k] = replace(first, unit=second.unit, kind=second.kind)
        return found

    def may_be_number_word(self, i: int) -> bool:
        low = self.t.lows[i]
        if self.lang == "de":
            return _DE_NUMBER_WORD.fullmatch(low) is not None or self.digit_count(low) is not None
        head, sep, _ = low.partition("-")
        return bool(sep) and (head in EN_SMALL or head in EN_TENS)

    def in_time_phrase(self, core: Core) -> bool:
        """True for "vor drei Tagen", "in zwei Wochen", "three days ago", "October 8"."""
        if self.lang == "en":
            before = core.start - 2 if self.low(core.start - 1) == "." else core.start - 1
            if self.low(before) in _EN_MONTH_WORDS:
                return True
        if self.low(core.end) not in _TIME_UNIT_WORDS:
            return False
        if self.low(core.end + 1) in _TIME_AFTER:
            return True
        before = core.start - 1
        while self.low(before) in _TIME_SKIPPABLE:
            before -= 1
        return self.low(before) in _TIME_PREPOSITIONS

    def quantity_at(self, i: int) -> tuple[Quantity, int] | None:
        core = self.fraction_at(i) or self.vague_at(i) or self.number_at(i)
        if core is None or self.in_time_phrase(core):
            return None
        if core.kind is None and not core.vague:
            self.out_of(core)
        high: Decimal | None = None
        if core.kind is None and not core.vague:
            ranged = self.range_after(core)
            if ranged is not None:
                core, high = ranged
        end = self.unit_after(core)
        if end is None:
            return None
        start, bound, approx = self.qualifiers_before(core, high is not None)
        if start is None:
            return None
        approx = approx or core.approx
        if bound is None and self.lang == "de" and self.low(end) in lx.EXCEED_VERBS["de"]:
            bound = "more_than"  # "die Zahl hat 5.000 überschritten"
        if high is not None:
            bound = "range"
        elif core.vague and bound is None:
            bound = "at_least"
        if core.needs_qualifier and (
            start == core.start or self.t.lows[start] in _PREPOSITION_QUALIFIERS
        ):
            return None  # "ein" and "einmal" need "mindestens", not "über"/"unter"
        span = (self.t.starts[start], self.t.ends[end - 1])
        quantity = Quantity(
            text=self.text[span[0] : span[1]],
            span=span,
            value=to_number(core.value),
            unit=core.unit,
            kind=core.kind or "count",
            bound=bound,
            approx=approx,
            low=to_number(core.value) if high is not None else None,
            high=to_number(high) if high is not None else None,
            vague=core.vague,
        )
        return quantity, end


def find(text: str, lang: str) -> list[Quantity]:
    """All quantities in ``text`` in text order (spans relative to ``text``)."""
    return _Scanner(text, lang).run()
