"""A token scanner that finds quantities in German or English text.

One compiled regular expression splits the text into number, word and symbol tokens; a
second one masks dates, times of day and relative time phrases, whose numbers are not
quantities. The scanner then walks the tokens once: at each number (digits, number word,
vague plural, fraction) it reads scale words, a range, the unit and the qualifiers around
it. There is no backtracking over the text, so the cost is linear in its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from quellenlage.lang import LANGUAGES, load
from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.lemma import english_noun_lemma, german_noun_lemma
from quellenlage.quantities.numbers import (
    EN_SMALL,
    EN_TENS,
    parse_digits,
    parse_english_word,
    parse_german_half,
    parse_german_word,
    to_number,
)
from quellenlage.records import Bound, Quantity, QuantityKind

_DE = load("de")
_EN = load("en")
_XX = load("xx")


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
_MONTH_WORDS = {
    code: frozenset({**load(code).mapping("months"), **load(code).mapping("month_abbreviations")})
    for code in LANGUAGES
}
_MONTHS = rf"(?i:{_alternation(frozenset().union(*_MONTH_WORDS.values()))})s?\b\.?"
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
# "vor drei Tagen", "in zwei Wochen", "three days ago": relative times, not quantities.
_TIME_UNIT_WORDS = _XX.words("duration_words")
_TIME_PREPOSITIONS = _XX.words("duration_prepositions")
_TIME_AFTER = _EN.words("duration_after")
_TIME_SKIPPABLE = _XX.words("duration_skippable")
_EN_MONTH_WORDS = _MONTH_WORDS["en"]
# Lower-case words that can start a German number word ("dreihundertzwanzig", "zweimal").
_DE_NUMBER_WORD = re.compile(
    r"(?!und$)(?:null|eins|ein|zwei|drei|vier|fünf|sechs|sech|sieben|sieb|acht|neun|zehn|elf|"
    r"zwölf|zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|"
    r"tausend|und|einhalb|anderthalb|zweier|dreier|zweien|dreien)+(?:mal)?"
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
class _Core:
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


class _Scanner:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.t = _tokenize(text)
        self.n = len(self.t.kinds)
        masks = [(m.start(), m.end()) for m in _NOT_QUANTITY_RE.finditer(text)]
        self.mask_starts = [start for start, _ in masks]
        self.mask_ends = [end for _, end in masks]
        self.consumed_until = 0  # first token index not yet part of an emitted quantity
        self.triggers = _TRIGGERS[lang]

    # --- helpers ---------------------------------------------------------------------

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
        """True when token ``i`` follows token ``i - 1`` without a space."""
        return i > 0 and self.t.starts[i] == self.t.ends[i - 1]

    # --- the walk --------------------------------------------------------------------

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
            return _DE_NUMBER_WORD.fullmatch(low) is not None
        head, sep, _ = low.partition("-")
        return bool(sep) and (head in EN_SMALL or head in EN_TENS)

    def in_time_phrase(self, core: _Core) -> bool:
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

    # --- number cores ----------------------------------------------------------------

    def number_at(self, i: int) -> _Core | None:
        kind = self.t.kinds[i]
        if kind == "num":
            core = self.digits_at(i)
        elif kind == "word":
            core = self.german_word_at(i) if self.lang == "de" else self.english_words_at(i)
        else:
            return None
        if core is None:
            return None
        if not core.scaled and core.kind is None:
            scale, end = self.scale_at(core.end)
            if scale is not None:
                core.value *= scale
                core.scaled, core.bare, core.end = True, False, end
                core.needs_qualifier = False
        core.plural = core.value != 1
        return core

    def digits_at(self, i: int) -> _Core | None:
        token = self.t.texts[i]
        start = self.t.starts[i]
        if start > 0 and self.text[start - 1] in "+#":
            return None  # phone numbers, hashtags
        if start > 1 and self.text[start - 1] in "/,_=?&" and not self.text[start - 2].isspace():
            return None  # inside a URL or a path: "Gesetze-,4240/.htm"
        if len(token) > 1 and token[0] == "0" and token[1].isdigit():
            return None  # phone or postal codes, leading zeros
        value = parse_digits(token, self.lang)
        if value is None:
            return None
        core = _Core(i, i + 1, value, bare=token.isdigit())
        core.plural = value != 1
        if self.negative_sign_before(i):
            core.value, core.start, core.bare = -value, i - 1, False  # "-5 Grad", "minus 5 Grad"
        suffix = self.t.suffixes[i]
        if suffix:
            low = suffix.lower()
            exponent = lx.SCALE_SUFFIXES[self.lang].get(low)
            if exponent is not None:
                core.value *= Decimal(10) ** exponent
                core.scaled, core.bare = True, False
                if low in lx.ABBREVIATED_SCALES and self.low(i + 1) == "." and self.glued(i + 1):
                    core.end = i + 2
            elif low == "mal":
                core.kind, core.unit, core.bare = "frequency", lx.FREQUENCY_UNIT[self.lang], False
            elif self.lang == "en" and low in ("st", "nd", "rd", "th"):
                core.kind, core.bare = "ordinal", False
            else:
                return None  # "5G", "1990er", "3D": part of a name or a decade
        elif i + 1 < self.n and self.glued(i + 1) and self.t.texts[i + 1] in "-‐":
            nxt = self.low(i + 2)
            if nxt in ("mal", "fache", "fach"):
                if nxt != "mal":
                    return None
                core.kind, core.unit, core.end, core.bare = "frequency", "Mal", i + 3, False
            elif self.is_word(i + 2) and self.glued(i + 2):
                return None  # "30-jährige", "3-Zimmer-Wohnung"
        return core

    def negative_sign_before(self, i: int) -> bool:
        """A minus sign or the word "minus" right before the number, not a hyphen or dash."""
        before = self.low(i - 1)
        if before == "minus":
            return True
        if before not in ("-", "−") or not self.glued(i):
            return False
        sign = self.t.starts[i - 1]
        return sign == 0 or not self.text[sign - 1].isalnum()

    def german_word_at(self, i: int) -> _Core | None:
        low = self.t.lows[i]
        if low in ("ein", "eine", "einer", "einem", "einen", "eines"):
            nxt = self.low(i + 1)
            if nxt in ("paar", "bisschen", "wenig", "wenige", "wenigen"):
                return None  # "ein paar": a few, not one
            if nxt in ("halbe", "halben") and self.low(i + 2) in lx.DE_SCALES:
                return _Core(i, i + 2, Decimal("0.5"))
            if nxt in lx.DE_SCALES:
                return _Core(i, i + 1, Decimal(1))
            if nxt in lx.PERCENT_WORDS["de"] or nxt in lx.CURRENCY_WORDS["de"]:
                return _Core(i, i + 1, Decimal(1), plural=False)  # "ein Prozent", "ein Euro"
            return _Core(i, i + 1, Decimal(1), needs_qualifier=True, plural=False)
        if low.endswith("mal") and len(low) > 3:
            times = parse_german_word(low[:-3])
            if low == "einmal":
                return _Core(
                    i, i + 1, Decimal(1), kind="frequency", unit="Mal", needs_qualifier=True
                )
            if times is not None:
                return _Core(i, i + 1, Decimal(times), kind="frequency", unit="Mal")
            return None
        value = parse_german_word(low)
        if value is not None:
            return _Core(i, i + 1, Decimal(value), plural=value != 1)
        half = parse_german_half(low)
        if half is not None:
            return _Core(i, i + 1, half)
        return None

    def english_words_at(self, i: int) -> _Core | None:
        low = self.t.lows[i]
        if low == "twice":
            return _Core(i, i + 1, Decimal(2), kind="frequency", unit="time")
        if low == "thrice":
            return _Core(i, i + 1, Decimal(3), kind="frequency", unit="time")
        if low == "once":
            return _Core(i, i + 1, Decimal(1), kind="frequency", unit="time", needs_qualifier=True)
        total = Decimal(0)
        current: Decimal | None = None
        j = i
        while j < self.n:
            word = self.t.lows[j]
            small = parse_english_word(word)
            if word in ("a", "an") and j == i and self.low(j + 1) in _EN_A_SCALES:
                current = Decimal(1)
            elif word == "half" and j == i and self.low(j + 1) in ("a", "an"):
                if self.low(j + 2) not in lx.EN_SCALES:
                    break
                current = Decimal("0.5")
                j += 1
            elif small is not None:
                if current is not None and current % 100 != 0:
                    break
                current = (current or Decimal(0)) + small
            elif word == "hundred" and current is not None and current < 100:
                current *= 100
            elif word == "dozen" and current is not None:
                current *= 12
            elif word in ("thousand", "million", "billion", "trillion") and current is not None:
                total += current * lx.EN_SCALES[word]
                current = Decimal(0)
            elif (
                word == "and"
                and current is not None
                and self.low(j + 1) == "a"
                and self.low(j + 2) == "half"
            ):
                current += Decimal("0.5")
                j += 2
            elif word == "and" and j > i and self.low(j - 1) in ("hundred", "thousand"):
                if parse_english_word(self.low(j + 1)) is None:
                    break
            else:
                break
            j += 1
        if j == i or (current is None and total == 0):
            return None
        value = total + (current or Decimal(0))
        core = _Core(i, j, value, scaled=j - i > 1 and total > 0, plural=value != 1)
        if j - i == 1 and low == "one":
            # "one soldier was killed" counts; "one of", "no one", "one day" do not
            following = self.low(j)
            core.needs_qualifier = not (
                self.is_word(j)
                and following not in lx.EN_STOP
                and following not in _EN_NOT_AFTER_ONE
                and self.low(i - 1) not in _EN_NOT_BEFORE_ONE
                and following.isalpha()
                and following.islower()
                and self.t.texts[j].islower()
            )
        if j - i == 1 and low in ("a", "an"):
            return None
        return core

    def scale_at(self, j: int) -> tuple[Decimal | None, int]:
        low = self.low(j)
        scales = lx.DE_SCALES if self.lang == "de" else lx.EN_SCALES
        scale = scales.get(low)
        if scale is None and self.lang == "en" and low in lx.SCALE_SUFFIXES["en"] and low != "b":
            scale = Decimal(10) ** lx.SCALE_SUFFIXES["en"][low]
        if scale is None or not self.is_word(j):
            return None, j
        if low in lx.ABBREVIATED_SCALES and self.low(j + 1) == "." and self.glued(j + 1):
            return scale, j + 2
        return scale, j + 1

    def vague_at(self, i: int) -> _Core | None:
        low = self.t.lows[i]
        if self.t.kinds[i] != "word":
            return None
        base = lx.VAGUE[self.lang].get(low)
        if base is not None:
            core = _Core(i, i + 1, Decimal(base), vague=True)
            if self.lang == "en" and self.low(i + 1) == "of":
                more = lx.VAGUE["en"].get(self.low(i + 2))
                if more is not None and more > base:
                    core.value, core.end = Decimal(base * more), i + 3
            elif self.lang == "de":
                more = lx.VAGUE["de"].get(self.low(i + 1))
                if more is not None and more >= 10**6:
                    core.value, core.end = Decimal(base * more), i + 2
            return core
        if self.lang == "en" and low == "tens" and self.low(i + 1) == "of":
            more = lx.VAGUE["en"].get(self.low(i + 2))
            if more is not None and more >= 1000:
                return _Core(i, i + 3, Decimal(10 * more), vague=True)
            return None
        determiner_end = i + 1
        if low in ("paar", "few") and self.low(i - 1) in ("ein", "a"):
            return None  # read from the article
        if low in ("ein", "a") and self.low(i + 1) in ("paar", "few"):
            determiner_end = i + 2
        elif low not in lx.VAGUE_DETERMINERS[self.lang]:
            return None
        scale_word = self.low(determiner_end)
        scale = lx.VAGUE_SCALES[self.lang].get(scale_word)
        if scale is None:
            big = lx.VAGUE[self.lang].get(scale_word)
            if big is None or big < 10**6:
                return None
            scale = big
        return _Core(i, determiner_end + 1, Decimal(scale), vague=True)

    def fraction_at(self, i: int) -> _Core | None:
        if self.t.kinds[i] == "num":
            slashed = self.digit_fraction_at(i)
            if slashed is not None:
                return slashed
        if self.lang == "de":
            return self.german_fraction_at(i)
        return self.english_fraction_at(i)

    def digit_fraction_at(self, i: int) -> _Core | None:
        """ "2/3 der Befragten": a fraction written with a slash."""
        if not (self.low(i + 1) == "/" and self.glued(i + 1) and self.glued(i + 2)):
            return None
        if self.t.kinds[i + 2 : i + 3] != ["num"] or self.low(i + 3) == "/":
            return None
        numerator, denominator = self.t.texts[i], self.t.texts[i + 2]
        if not (numerator.isdigit() and denominator.isdigit()):
            return None
        if not 0 < int(numerator) < int(denominator) <= 10:
            return None
        value = Decimal(int(numerator)) / int(denominator)
        return _Core(i, i + 3, value, kind="fraction", unit="fraction")

    def german_fraction_at(self, i: int) -> _Core | None:
        low = self.t.lows[i]
        if low in lx.DE_EVERY:
            ordinal = lx.german_ordinal_word(self.low(i + 1))
            if ordinal is None:
                return None
            return _Core(i, i + 2, Decimal(1) / ordinal, kind="fraction", unit="fraction")
        if low in lx.DE_FRACTIONS:
            core = _Core(i, i + 1, lx.DE_FRACTIONS[low], kind="fraction", unit="fraction")
            if _looks_adjective(self.low(i - 1)) and self.low(i - 2) in lx.FRACTION_ARTICLES["de"]:
                core.start = i - 2  # "ein geschätztes Drittel"
                core.approx = self.low(i - 1).startswith("geschätzt")
            return core
        nxt = self.low(i + 1)
        if nxt not in lx.DE_FRACTIONS:
            return None
        if nxt == "hälfte":
            if low not in lx.FRACTION_ARTICLES["de"]:
                return None
            numerator = Decimal(1)
        elif low in lx.FRACTION_ARTICLES["de"]:
            numerator = Decimal(1)
        elif self.t.kinds[i] == "num":
            numerator = parse_digits(self.t.texts[i], "de") or Decimal(0)
        else:
            numerator = Decimal(parse_german_word(low) or 0)
        if not numerator:
            return None
        value = numerator * lx.DE_FRACTIONS[nxt]
        return _Core(i, i + 2, value, kind="fraction", unit="fraction")

    def english_fraction_at(self, i: int) -> _Core | None:
        low = self.t.lows[i]
        head, sep, tail = low.partition("-")
        if sep and tail in lx.EN_FRACTIONS:  # "two-thirds", "one-quarter"
            numerator = parse_english_word(head)
            if not numerator or (tail == "half" and numerator != 1):
                return None
            value = numerator * lx.EN_FRACTIONS[tail]
            return _Core(i, i + 1, value, kind="fraction", unit="fraction")
        if low == "every" and self.low(i + 1) in lx.EN_EVERY_ORDINALS:
            denominator = lx.EN_EVERY_ORDINALS[self.low(i + 1)]
            return _Core(i, i + 2, Decimal(1) / denominator, kind="fraction", unit="fraction")
        if low == "half":
            if self.low(i + 1) in ("a", "an") and self.low(i + 2) in lx.EN_SCALES:
                return None  # "half a million" is a count
            return _Core(i, i + 1, Decimal("0.5"), kind="fraction", unit="fraction")
        nxt = self.low(i + 1)
        if nxt in lx.EN_FRACTIONS:
            if low in ("a", "an", "one"):
                numerator = Decimal(1)
            else:
                numerator = Decimal(parse_english_word(low) or 0)
            if not numerator or (nxt == "half" and numerator != 1):
                return None
            if nxt in ("third", "quarter", "fifth", "tenth") and numerator != 1:
                return None
            loose = nxt == "quarter" or (nxt == "half" and low not in ("a", "an"))
            if loose and low != "one" and self.low(i + 2) != "of":
                return None  # "a quarter past", "a quarter century"
            return _Core(
                i, i + 2, numerator * lx.EN_FRACTIONS[nxt], kind="fraction", unit="fraction"
            )
        # "one in three", "1 in 10"
        if low in ("one", "1") and nxt == "in":
            denominator_token = self.low(i + 2)
            denominator = parse_english_word(denominator_token)
            if denominator is None and denominator_token.isdigit():
                denominator = int(denominator_token)
            if denominator and denominator > 1:
                return _Core(i, i + 3, Decimal(1) / denominator, kind="fraction", unit="fraction")
        return None

    def out_of(self, core: _Core) -> None:
        """Turn "neun von zehn", "nine out of ten" into a fraction."""
        j = core.end
        if self.lang == "de" and self.low(j) == "von":
            j += 1
        elif self.lang == "en" and self.low(j) == "out" and self.low(j + 1) == "of":
            j += 2
        else:
            return
        if j >= self.n or self.t.kinds[j] not in ("num", "word"):
            return
        whole = self.number_at(j)
        if whole is None or whole.kind is not None or whole.scaled:
            return
        if not (0 < core.value < whole.value <= 1000) or core.scaled:
            return
        core.value = core.value / whole.value
        core.kind, core.unit, core.end, core.bare = "fraction", "fraction", whole.end, False

    # --- after the number -------------------------------------------------------------

    def range_after(self, core: _Core) -> tuple[_Core, Decimal] | None:
        j = core.end
        joiner = self.low(j)
        opener = self.low(core.start - 1) in lx.RANGE_OPENERS[self.lang]
        joiners = lx.RANGE_JOINERS[self.lang]
        if opener:
            joiners = joiners | lx.RANGE_JOINERS_AFTER_OPENER[self.lang]
        if joiner not in joiners or j + 1 >= self.n or self.masked(j + 1):
            return None
        if joiner == "bis" and self.low(j + 1) == "zu":
            return None
        second = self.number_at(j + 1)
        if second is None and self.low(j + 1) in ("-", "−"):
            second = self.number_at(j + 2)  # "von -10 bis -5 Grad"
        if second is None or second.kind is not None or second.vague:
            return None
        low_value = core.value
        if second.scaled and not core.scaled:
            scale = self.scale_of(second)
            if scale is not None and low_value * scale <= second.value:
                low_value *= scale
        if low_value >= second.value:
            return None
        core.value = low_value
        core.end = second.end
        core.bare = core.bare and second.bare  # "zwischen 2015 und 2018" stays a year span
        core.needs_qualifier = False
        return core, second.value

    def scale_of(self, core: _Core) -> Decimal | None:
        for j in range(core.start, core.end):
            scale, _ = self.scale_at(j)
            if scale is not None:
                return scale
            suffix = self.t.suffixes[j]
            if suffix and suffix.lower() in lx.SCALE_SUFFIXES[self.lang]:
                return Decimal(10) ** lx.SCALE_SUFFIXES[self.lang][suffix.lower()]
        return None

    def unit_after(self, core: _Core) -> int | None:
        """Set the unit and kind of ``core``; return the end token, or None to drop it."""
        j = core.end
        if core.kind == "fraction":
            return j
        low = self.low(j)
        currency = self.currency_before(core.start)
        if currency is not None:
            core.kind, core.unit = "money", currency
            return j
        if core.kind in ("frequency", "ordinal") and core.unit is not None:
            return j
        if low == "%":
            core.kind, core.unit = "percent", "Prozent" if self.lang == "de" else "percent"
            return j + 1
        percent = lx.PERCENT_WORDS[self.lang].get(low)
        if percent is not None:
            if self.lang == "en" and low == "per":
                if self.low(j + 1) != "cent":
                    return j
                j += 1
            core.kind, core.unit = "percent", percent
            return j + 1
        if self.lang == "en" and low == "percentage" and self.low(j + 1).startswith("point"):
            core.kind, core.unit = "percent", "percentage point"
            return j + 2
        currency = lx.CURRENCY_WORDS[self.lang].get(low)
        if currency is None and self.t.kinds[j : j + 1] == ["sym"]:
            currency = lx.CURRENCY_SYMBOLS[self.lang].get(low)
        if currency is not None:
            core.kind, core.unit = "money", currency
            return j + 1
        abbreviation = lx.UNIT_ABBREVIATIONS[self.lang].get(self.t.texts[j] if j < self.n else "")
        if abbreviation is not None and core.kind is None:
            core.unit = abbreviation  # "40 km", "5 kg"
            return j + 1
        if low == "mal" and self.lang == "de" and core.kind is None:
            core.kind, core.unit = "frequency", "Mal"
            return j + 1
        if low == "times" and self.lang == "en" and core.kind is None:
            core.kind, core.unit = "frequency", "time"
            return j + 1
        if self.lang == "de":
            return self.german_noun_after(core, j)
        return self.english_noun_after(core, j)

    def currency_before(self, i: int) -> str | None:
        before = self.low(i - 1)
        if before in lx.CURRENCY_SYMBOLS[self.lang] and self.t.kinds[i - 1] == "sym":
            return lx.CURRENCY_SYMBOLS[self.lang][before]
        if before in ("eur", "usd", "chf", "gbp"):
            return lx.CURRENCY_WORDS[self.lang].get(before)
        return None

    def german_noun_after(self, core: _Core, j: int) -> int | None:
        if self.low(j) == "." and core.bare and self.glued(j):
            # "zum 3. Mal", "des 1. Bataillons": an ordinal; "auf 15. Die …": sentence end
            after = j + 1
            if (
                self.low(core.start - 1) in _DE_DAY_PREPOSITIONS
                and core.value <= 31
                and not self.is_capitalised(after)
            ):
                return None  # "bis zum 13.", "am 3. wurde": a day of the month
            if self.is_word(after) and (
                self.low(core.start - 1) in _DE_ORDINAL_ARTICLES
                or self.t.lows[after] not in lx.DE_NOT_NOUNS
            ):
                core.kind = "ordinal"
                noun_end = self.german_noun_after(core, j + 1)
                return noun_end if noun_end is not None and noun_end > j + 1 else j + 1
            return j
        if self.low(j) == "von" and (core.vague or core.scaled) and self.is_capitalised(j + 1):
            j += 1  # "Hunderte von Menschen", "Millionen von Euro"
        k = j
        for _ in range(6):
            low = self.low(k)
            if self.is_word(k) and not self.t.texts[k][0].isupper() and _looks_adjective(low):
                k += 1
                continue
            if low in lx.DE_ADJECTIVE_JOINERS and k > j and _looks_adjective(self.low(k + 1)):
                k += 1
                continue
            break
        if self.is_capitalised(k) and self.t.lows[k] not in lx.DE_NOT_NOUNS:
            if self.masked(k) or _is_month_or_weekday(self.t.lows[k]):
                return core.end
            if self.t.lows[k] in lx.DE_FRACTIONS:
                return core.end
            word = self.t.texts[k]
            currency = lx.CURRENCY_WORDS["de"].get(self.t.lows[k])
            if currency is not None:
                core.kind, core.unit = "money", currency
            elif core.kind == "ordinal":
                genitive = self.low(core.start - 1) in ("des", "eines")
                core.unit = _strip_genitive(word) if genitive else word
            else:
                core.unit = german_noun_lemma(word, plural=core.plural)
            return k + 1
        return core.end

    def english_noun_after(self, core: _Core, j: int) -> int | None:
        if self.low(j) == "of" and (core.vague or core.scaled):
            j += 1
        k = j
        for _ in range(4):
            if not self.is_word(k):
                break
            low = self.t.lows[k]
            if low in lx.EN_STOP:
                break
            if _looks_english_plural(low) or not core.plural:
                following = self.low(k + 1)
                if (
                    self.is_word(k + 1)
                    and following not in lx.EN_STOP
                    and _looks_english_plural(following)
                ):
                    k += 1  # "police officers": the last noun is the head
                    low = following
                currency = lx.CURRENCY_WORDS["en"].get(low)
                if currency is not None:
                    core.kind, core.unit = "money", currency
                elif not _is_month_or_weekday(low):
                    core.unit = english_noun_lemma(low)
                return k + 1
            k += 1
        return core.end

    # --- before the number ------------------------------------------------------------

    def qualifiers_before(self, core: _Core, ranged: bool) -> tuple[int | None, Bound | None, bool]:
        """First token of the quantity with its qualifiers, its bound and approx flag.

        Returns ``(None, …)`` when the context shows that the number is no quantity.
        """
        start = core.start
        before = self.low(start - 1)
        if before == "." and self.is_word(start - 2) and self.glued(start - 1):
            before = self.low(start - 2)  # "Nr. 5", "S. 12"
        if before in lx.LABEL_WORDS and core.kind != "money":
            return None, None, False
        if (
            core.bare
            and core.unit is None
            and core.kind is None
            and self.is_capitalised(start - 1)
            and before not in _FUNCTION_WORDS[self.lang]
            and before not in _COUNT_NOUNS
        ):
            return None, None, False  # "Boeing 737", "Windows 11"
        if core.bare and core.kind is None and 1000 <= core.value <= 2100:
            # a bare four-digit number is a year unless a unit or a qualifier says otherwise
            if before in lx.YEAR_NOUNS:
                return None, None, False
            qualifier = self.qualifier_ending_at(start - 1)
            if core.unit is None and (qualifier is None or before in _YEAR_PREPOSITIONS):
                return None, None, False  # "2023", "bis 2030", "ab 2025"
        if ranged and before in lx.RANGE_OPENERS[self.lang]:
            start -= 1
        if core.kind == "money" and self.currency_before(start) is not None:
            start -= 1  # "$3bn", "€ 5", "EUR 500"
        bound: Bound | None = None
        approx = False
        qualifier = self.qualifier_ending_at(start - 1)
        if qualifier is not None:
            q_start, (bound, approx) = qualifier
            start = q_start
            outer = self.qualifier_ending_at(start - 1)
            if outer is not None:
                o_start, (o_bound, o_approx) = outer
                if (o_bound is None) != (bound is None):
                    start, bound, approx = o_start, bound or o_bound, approx or o_approx
        return start, bound, approx

    def qualifier_ending_at(self, last: int) -> tuple[int, lx.Qualifier] | None:
        if last < self.consumed_until:
            return None
        table = lx.QUALIFIERS[self.lang]
        for length in range(lx.QUALIFIER_MAX_LEN, 0, -1):
            first = last - length + 1
            if first < self.consumed_until or first < 0:
                continue
            key = tuple(self.t.lows[first : last + 1])
            qualifier = table.get(key)
            if qualifier is None:
                continue
            if key[0] == "über" and self.low(first - 1).startswith(lx.DE_UBER_VERB_STEMS):
                continue  # "verfügt über 300 Panzer": a preposition
            if key[-1] == "unter" and self.low(last + 1) in ("den", "allen", "the"):
                continue
            return first, qualifier
        return None


# Nouns after which a bare number is a count, not part of a name ("die Zahl 7").
_COUNT_NOUNS = _DE.words("count_nouns")
_YEAR_PREPOSITIONS = set(_XX.words("year_prepositions"))
# Plural heads without -s: irregular plurals and adjectives used as nouns ("60 dead").
_EN_PLURAL_WITHOUT_S = _EN.words("plurals_without_s")
_EN_NOT_AFTER_ONE = _EN.words("not_after_one")
_EN_NOT_BEFORE_ONE = _EN.words("not_before_one")
_DE_DAY_PREPOSITIONS = set(_DE.words("day_prepositions"))
_PREPOSITION_QUALIFIERS = set(_XX.words("preposition_qualifiers"))
_DE_ORDINAL_ARTICLES = set(_DE.words("ordinal_articles"))
# Capitalised words before a bare number that do not make it part of a name.
_FUNCTION_WORDS = {
    lang: frozenset(
        (lx.DE_NOT_NOUNS if lang == "de" else lx.EN_STOP)
        | {key[0] for key in lx.QUALIFIERS[lang]}
        | lx.RANGE_OPENERS[lang]
    )
    for lang in LANGUAGES
}
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_MONTHS_AND_WEEKDAYS = frozenset(
    word
    for code in LANGUAGES
    for table in ("months", "weekdays")
    for word in load(code).mapping(table)
)
_EN_A_SCALES = {"hundred", "dozen", *lx.EN_SCALES}


def _strip_genitive(word: str) -> str:
    """ "Jahrhunderts" -> "Jahrhundert", "Krieges" -> "Krieg" after "des 19."."""
    if word.endswith("es") and len(word) > 5:
        return word[:-2]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _looks_adjective(low: str) -> bool:
    return (
        len(low) > 3
        and low.endswith(_ADJECTIVE_ENDINGS)
        and low not in lx.DE_NOT_ADJECTIVES
        and low.isalpha()
    )


def _looks_english_plural(low: str) -> bool:
    if low in _EN_PLURAL_WITHOUT_S:
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2


def _is_month_or_weekday(low: str) -> bool:
    return low in _MONTHS_AND_WEEKDAYS


def find(text: str, lang: str) -> list[Quantity]:
    """All quantities in ``text`` in text order (spans relative to ``text``)."""
    return _Scanner(text, lang).run()


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
