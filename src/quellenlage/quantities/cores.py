"""Plain numbers: digits, German and English number words, and the scale words after them."""

from __future__ import annotations

import re
from decimal import Decimal

from quellenlage.lang import load
from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.numbers import (
    parse_digits,
    parse_english_word,
    parse_german_half,
    parse_german_word,
)
from quellenlage.quantities.postcodes import is_postcode
from quellenlage.quantities.tokens import Core, TokenView

_EN = load("en")
_XX = load("xx")

_EN_NOT_AFTER_ONE = _EN.words("not_after_one")
_EN_NOT_BEFORE_ONE = _EN.words("not_before_one")
_EN_A_SCALES = {"hundred", "dozen", *lx.EN_SCALES}
#: Three or more numbers joined by hyphens, or two by a slash: an ISBN, a phone number, "24/7".
_CODE_CHAIN = re.compile(r"\d+(?:-\d+){2,}|\d+/\d+")
_SCORE = re.compile(r"\d{1,3}[-:]\d{1,3}")
_SCORE_WORDS = _XX.words("score_words")
_SCORE_FOLLOWERS = _XX.words("score_followers")
_WORD_AFTER = re.compile(r"\s*([^\W\d]+)")


class NumberReader(TokenView):
    """Reads the number that starts at a token, with its scale ("1,5 Millionen")."""

    def number_at(self, i: int) -> Core | None:
        if not 0 <= i < self.n:
            return None  # a look-ahead past the end of truncated text ("0--")
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

    def digits_at(self, i: int) -> Core | None:
        token = self.t.texts[i]
        start = self.t.starts[i]
        if start > 0 and self.text[start - 1] in "+#":
            return None  # phone numbers, hashtags
        if start > 1 and self.text[start - 1] in "/,_=?&" and not self.text[start - 2].isspace():
            return None  # inside a URL or a path: "Gesetze-,4240/.htm"
        if len(token) > 1 and token[0] == "0" and token[1].isdigit():
            return None  # phone or postal codes, leading zeros
        if is_postcode(self, i):
            return None  # "10115 Berlin", "CH-8001 Zürich"
        if _CODE_CHAIN.fullmatch(self._digit_run(i)) or self.is_score(i):
            return None  # "978-3-16-148410-0", "24/7", "9/11", "won 3-1": not a count
        value = parse_digits(token, self.lang)
        if value is None:
            return None
        core = Core(i, i + 1, value, bare=token.isdigit())
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
            elif suffix in lx.UNIT_ABBREVIATIONS[self.lang]:
                core.unit, core.bare = lx.UNIT_ABBREVIATIONS[self.lang][suffix], False  # "12.5km"
            else:
                return None  # "5G", "1990er", "3D": part of a name or a decade
        elif i + 1 < self.n and self.glued(i + 1) and self.t.texts[i + 1] in "-‐":
            nxt = self.low(i + 2)
            if nxt in ("mal", "fache", "fach"):
                if nxt != "mal":
                    return None
                core.kind, core.unit, core.end, core.bare = "frequency", "Mal", i + 3, False
            elif self.lang == "en" and nxt in _EN_A_SCALES and self.glued(i + 2):
                core.value *= 100 if nxt == "hundred" else lx.EN_SCALES.get(nxt, 12)
                core.end, core.scaled, core.bare = i + 3, True, False  # "31-hundred"
            elif self.lang == "en" and nxt in lx.EN_COMPOUND_UNITS and self.glued(i + 2):
                core.unit, core.end, core.bare = nxt, i + 3, False  # "a 6.1-magnitude quake"
            elif self.is_word(i + 2) and self.glued(i + 2):
                return None  # "30-jährige", "3-Zimmer-Wohnung"
        return core

    def _digit_run(self, i: int, joiners: str = "-/") -> str:
        """The digits and ``joiners`` glued around token ``i`` ("978-3-16", "24/7", "3:1")."""
        start, end = self.t.starts[i], self.t.ends[i]
        while start > 0 and (self.text[start - 1].isdigit() or self.text[start - 1] in joiners):
            start -= 1
        while end < len(self.text) and (self.text[end].isdigit() or self.text[end] in joiners):
            end += 1
        return self.text[start:end].strip(joiners)

    def is_score(self, i: int) -> bool:
        """ "gewann 3:1", "won 3-1", "a 2-0 victory": a result, not two counts."""
        run = self._digit_run(i, "-:")
        if not _SCORE.fullmatch(run):
            return False
        after = self.text.find(run, max(0, self.t.starts[i] - len(run))) + len(run)
        following = _WORD_AFTER.match(self.text, after)
        if following and following.group(1).lower() not in _SCORE_FOLLOWERS | _SCORE_WORDS:
            return False  # "won 20-30 seats": counts of seats
        return any(self.low(k) in _SCORE_WORDS for k in range(max(0, i - 4), i + 5))

    def negative_sign_before(self, i: int) -> bool:
        """A minus sign or the word "minus" right before the number, not a hyphen or dash."""
        before = self.low(i - 1)
        if before == "minus":
            return True
        if before not in ("-", "−") or not self.glued(i):
            return False
        sign = self.t.starts[i - 1]
        return sign == 0 or not self.text[sign - 1].isalnum()

    def german_word_at(self, i: int) -> Core | None:
        low = self.t.lows[i]
        if low in ("ein", "eine", "einer", "einem", "einen", "eines"):
            nxt = self.low(i + 1)
            if nxt in ("paar", "bisschen", "wenig", "wenige", "wenigen"):
                return None  # "ein paar": a few, not one
            if nxt in ("halbe", "halben") and self.low(i + 2) in lx.DE_SCALES:
                return Core(i, i + 2, Decimal("0.5"))
            if nxt in lx.DE_SCALES:
                return Core(i, i + 1, Decimal(1))
            if nxt in lx.PERCENT_WORDS["de"] or nxt in lx.CURRENCY_WORDS["de"]:
                return Core(i, i + 1, Decimal(1), plural=False)  # "ein Prozent", "ein Euro"
            return Core(i, i + 1, Decimal(1), needs_qualifier=True, plural=False)
        if low.endswith("mal") and len(low) > 3:
            times = parse_german_word(low[:-3])
            if low == "einmal":
                return Core(
                    i, i + 1, Decimal(1), kind="frequency", unit="Mal", needs_qualifier=True
                )
            if times is not None:
                return Core(i, i + 1, Decimal(times), kind="frequency", unit="Mal")
            return None
        value = parse_german_word(low)
        if value is not None:
            return Core(i, i + 1, Decimal(value), plural=value != 1)
        half = parse_german_half(low)
        if half is not None:
            return Core(i, i + 1, half)
        return None

    def english_words_at(self, i: int) -> Core | None:
        low = self.t.lows[i]
        if low == "twice":
            return Core(i, i + 1, Decimal(2), kind="frequency", unit="time")
        if low == "thrice":
            return Core(i, i + 1, Decimal(3), kind="frequency", unit="time")
        if low == "once":
            return Core(i, i + 1, Decimal(1), kind="frequency", unit="time", needs_qualifier=True)
        total = Decimal(0)
        current: Decimal | None = None
        j = i
        while j < self.n:
            word = self.t.lows[j]
            head, hyphen, tail = word.partition("-")
            if hyphen and current is None and tail in _EN_A_SCALES and tail != "dozen":
                small = parse_english_word(head)  # "two-thousand", "three-hundred"
                if small is None:
                    break
                if tail == "hundred":
                    current = small * 100
                else:
                    total, current = total + small * lx.EN_SCALES[tail], Decimal(0)
                j += 1
                continue
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
        core = Core(i, j, value, scaled=j - i > 1 and total > 0, plural=value != 1)
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
