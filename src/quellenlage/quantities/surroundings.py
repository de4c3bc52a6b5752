"""What surrounds a number: a range after it, its unit or counted noun, its qualifiers.

"zwischen 300 und 400", "1.500 Soldaten", "mindestens 30", "nicht weniger als 300",
"Boeing 737" (part of a name), "bis 2030" (a year).
"""

from __future__ import annotations

from decimal import Decimal

from quellenlage.lang import LANGUAGES, load
from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.lemma import english_noun_lemma, german_noun_lemma
from quellenlage.quantities.portions import PortionReader
from quellenlage.quantities.tokens import Core, looks_adjective
from quellenlage.records import Bound

_DE = load("de")
_EN = load("en")
_XX = load("xx")

# Nouns after which a bare number is a count, not part of a name ("die Zahl 7").
_COUNT_NOUNS = _DE.words("count_nouns")
_YEAR_PREPOSITIONS = set(_XX.words("year_prepositions"))
# Plural heads without -s: irregular plurals and adjectives used as nouns ("60 dead").
_EN_PLURAL_WITHOUT_S = _EN.words("plurals_without_s")
_DE_DAY_PREPOSITIONS = set(_DE.words("day_prepositions"))
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
_MONTHS_AND_WEEKDAYS = frozenset(
    word
    for code in LANGUAGES
    for table in ("months", "weekdays")
    for word in load(code).mapping(table)
)


def _strip_genitive(word: str) -> str:
    """ "Jahrhunderts" -> "Jahrhundert", "Krieges" -> "Krieg" after "des 19."."""
    if word.endswith("es") and len(word) > 5:
        return word[:-2]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _looks_english_plural(low: str) -> bool:
    if low in _EN_PLURAL_WITHOUT_S:
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2


def _is_month_or_weekday(low: str) -> bool:
    return low in _MONTHS_AND_WEEKDAYS


class ContextReader(PortionReader):
    """Reads the words before and after a number core."""

    # --- after the number -------------------------------------------------------------

    def range_after(self, core: Core) -> tuple[Core, Decimal] | None:
        j = core.end
        joiner = self.low(j)
        opener = self.low(core.start - 1) in lx.RANGE_OPENERS[self.lang]
        if opener and self.lang == "en" and self.low(core.start - 2) in lx.EN_CHANGE_VERBS:
            return None  # "rose from 3,000 to 10,000": an earlier and a later value
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

    def scale_of(self, core: Core) -> Decimal | None:
        for j in range(core.start, core.end):
            scale, _ = self.scale_at(j)
            if scale is not None:
                return scale
            suffix = self.t.suffixes[j]
            if suffix and suffix.lower() in lx.SCALE_SUFFIXES[self.lang]:
                return Decimal(10) ** lx.SCALE_SUFFIXES[self.lang][suffix.lower()]
        return None

    def unit_after(self, core: Core) -> int | None:
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
        if core.kind is None and core.unit is not None:
            return j  # a unit glued to the digits: "12.5km", "6.1-magnitude"
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

    def german_noun_after(self, core: Core, j: int) -> int | None:
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
            if self.is_word(k) and not self.t.texts[k][0].isupper() and looks_adjective(low):
                k += 1
                continue
            if low in lx.DE_ADJECTIVE_JOINERS and k > j and looks_adjective(self.low(k + 1)):
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

    def english_noun_after(self, core: Core, j: int) -> int | None:
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

    def qualifiers_before(self, core: Core, ranged: bool) -> tuple[int | None, Bound | None, bool]:
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
            if bound in lx.NEGATED_BOUNDS and self.low(start - 1) in lx.BOUND_NEGATIONS[self.lang]:
                start, bound = start - 1, lx.NEGATED_BOUNDS[bound]  # "nicht weniger als 300"
        elif self.low(start - 1) in lx.EXCEED_VERBS[self.lang]:
            bound = "more_than"  # "topped 2,000", "übersteigt 900"
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
            if key == ("über",) and any(n in self.low(first - 1) for n in lx.DE_UBER_AMOUNT_NOUNS):
                continue  # "ein Scheck über 500 Euro": amounting to, no bound
            if key[-1] == "unter" and self.low(last + 1) in ("den", "allen", "the"):
                continue
            return first, qualifier
        return None
