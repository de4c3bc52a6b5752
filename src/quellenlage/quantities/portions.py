"""Numbers not written as one plain number: vague magnitudes and fractions.

"Tausende", "mehrere Zehntausend", "eine sechsstellige Summe", "zwei Drittel",
"one in three", "neun von zehn".
"""

from __future__ import annotations

from decimal import Decimal

from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.cores import NumberReader
from quellenlage.quantities.numbers import (
    DE_UNITS,
    EN_SMALL,
    parse_digits,
    parse_english_word,
    parse_german_word,
)
from quellenlage.quantities.tokens import Core, looks_adjective


class PortionReader(NumberReader):
    """Reads vague magnitudes and fractions on top of plain numbers."""

    def digit_count(self, word: str) -> int | None:
        """The number of digits a word names: "sechsstellige" 6, "six-figure" 6."""
        for suffix in lx.DIGIT_COUNT_SUFFIXES[self.lang]:
            stem, found, ending = word.rstrip("-").partition(suffix)
            if not found or (ending and ending not in ("e", "en", "er", "es", "em", "s")):
                continue
            stem = stem.rstrip("-")
            count = (DE_UNITS if self.lang == "de" else EN_SMALL).get(stem)
            if count is None and self.lang == "de":
                count = DE_UNITS.get(stem + "s")  # "sech-stellig" is not written; "sechs" is
            if isinstance(count, int) and 1 < count < 16:
                return count
        return None

    def vague_at(self, i: int) -> Core | None:
        low = self.t.lows[i]
        if self.t.kinds[i] != "word":
            return None
        digits = self.digit_count(low)
        if digits is not None and self.is_word(i + 1):  # "eine sechsstellige Summe"
            value = Decimal(10) ** (digits - 1)
            scales = lx.DE_SCALES if self.lang == "de" else lx.EN_SCALES
            following = self.low(i + 1)
            scale = next(
                (v for w, v in scales.items() if len(w) > 5 and following.startswith(w)), None
            )
            # "ein zweistelliger Millionenbetrag": tens of millions; the noun is singular
            return Core(i, i + 1, value * (scale or 1), vague=True, plural=False)
        base = lx.VAGUE[self.lang].get(low)
        if base is not None:
            core = Core(i, i + 1, Decimal(base), vague=True)
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
                return Core(i, i + 3, Decimal(10 * more), vague=True)
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
        return Core(i, determiner_end + 1, Decimal(scale), vague=True)

    def fraction_at(self, i: int) -> Core | None:
        if self.t.kinds[i] == "num":
            slashed = self.digit_fraction_at(i)
            if slashed is not None:
                return slashed
        if self.lang == "de":
            return self.german_fraction_at(i)
        return self.english_fraction_at(i)

    def digit_fraction_at(self, i: int) -> Core | None:
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
        return Core(i, i + 3, value, kind="fraction", unit="fraction")

    def german_fraction_at(self, i: int) -> Core | None:
        low = self.t.lows[i]
        if low in lx.DE_EVERY:
            ordinal = lx.german_ordinal_word(self.low(i + 1))
            if ordinal is None:
                return None
            return Core(i, i + 2, Decimal(1) / ordinal, kind="fraction", unit="fraction")
        if low in lx.DE_FRACTIONS:
            core = Core(i, i + 1, lx.DE_FRACTIONS[low], kind="fraction", unit="fraction")
            if looks_adjective(self.low(i - 1)) and self.low(i - 2) in lx.FRACTION_ARTICLES["de"]:
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
        return Core(i, i + 2, value, kind="fraction", unit="fraction")

    def english_fraction_at(self, i: int) -> Core | None:
        low = self.t.lows[i]
        head, sep, tail = low.partition("-")
        if sep and tail in lx.EN_FRACTIONS:  # "two-thirds", "one-quarter"
            numerator = parse_english_word(head)
            if not numerator or (tail == "half" and numerator != 1):
                return None
            value = numerator * lx.EN_FRACTIONS[tail]
            return Core(i, i + 1, value, kind="fraction", unit="fraction")
        if low == "every" and self.low(i + 1) in lx.EN_EVERY_ORDINALS:
            denominator = lx.EN_EVERY_ORDINALS[self.low(i + 1)]
            return Core(i, i + 2, Decimal(1) / denominator, kind="fraction", unit="fraction")
        if low == "half":
            if self.low(i + 1) in ("a", "an") and self.low(i + 2) in lx.EN_SCALES:
                return None  # "half a million" is a count
            return Core(i, i + 1, Decimal("0.5"), kind="fraction", unit="fraction")
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
            return Core(
                i, i + 2, numerator * lx.EN_FRACTIONS[nxt], kind="fraction", unit="fraction"
            )
        # "one in three", "1 in 10"
        if low in ("one", "1") and nxt == "in":
            denominator_token = self.low(i + 2)
            denominator = parse_english_word(denominator_token)
            if denominator is None and denominator_token.isdigit():
                denominator = int(denominator_token)
            if denominator and denominator > 1:
                return Core(i, i + 3, Decimal(1) / denominator, kind="fraction", unit="fraction")
        return None

    def out_of(self, core: Core) -> None:
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
