"""Reading single numbers: digit strings in German or English notation and number words.

All values are :class:`decimal.Decimal` so that "1,2 Millionen" is exactly 1200000; the
parser turns them into ``int`` or ``float`` at the very end.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from quellenlage.lang import load

_DE = load("de")
_EN = load("en")

_GROUP_SEPARATORS = "\u00a0\u202f\u2009 '’"  # spaces, and the Swiss apostrophe


def parse_digits(token: str, lang: str) -> Decimal | None:
    """Read a digit token as the language writes numbers.

    German: "." and spaces group thousands, "," is the decimal mark ("1.500,5").
    English: "," and spaces group thousands, "." is the decimal mark ("1,500.5").
    A single separator followed by exactly three digits ("1.500", "1,500") is a thousands
    separator in the language that uses it that way and a decimal mark in the other.
    """
    group_mark, decimal_mark = (".", ",") if lang == "de" else (",", ".")
    text = token
    for space in _GROUP_SEPARATORS:
        text = text.replace(space, "")
    if decimal_mark in text:
        integer_part, _, fraction = text.rpartition(decimal_mark)
        if decimal_mark in integer_part or group_mark in fraction:
            return None
    else:
        integer_part, fraction = text, ""
    if group_mark in integer_part:
        groups = integer_part.split(group_mark)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        integer_part = "".join(groups)
    if not integer_part.isdigit() or (fraction and not fraction.isdigit()):
        return None
    try:
        return Decimal(f"{integer_part}.{fraction}" if fraction else integer_part)
    except InvalidOperation:
        return None


# --- German number words -------------------------------------------------------------

DE_UNITS = _DE.mapping("number_ones")
DE_TEENS = _DE.mapping("number_teens")
DE_TENS = _DE.mapping("number_tens")
# Inflected forms of small numbers that still denote the number ("zweier Soldaten").
DE_INFLECTED = _DE.mapping("number_inflected")


def _de_below_100(word: str) -> int | None:
    if not word:
        return 0
    if word in DE_UNITS and word != "ein":
        return DE_UNITS[word]
    if word in DE_TEENS:
        return DE_TEENS[word]
    if word in DE_TENS:
        return DE_TENS[word]
    unit, sep, tens = word.partition("und")
    if sep and unit in DE_UNITS and unit != "eins" and tens in DE_TENS:
        return DE_UNITS[unit] + DE_TENS[tens]
    return None


def _de_below_1000(word: str) -> int | None:
    head, sep, rest = word.partition("hundert")
    if not sep:
        return _de_below_100(word)
    if head and (head not in DE_UNITS or head == "eins"):
        return None
    hundreds = DE_UNITS[head] if head else 1
    tail = _de_below_100(rest.removeprefix("und"))
    return None if tail is None else hundreds * 100 + tail


def parse_german_word(word: str) -> int | None:
    """Value of a German cardinal written as one word ("dreihundertfünfzigtausend"), else None.

    ``word`` must be lower case. "ein" alone is not read here: it is mostly an article.
    """
    if word in DE_INFLECTED:
        return DE_INFLECTED[word]
    if word == "null":
        return 0
    head, sep, rest = word.partition("tausend")
    if not sep:
        value = _de_below_1000(word)
        return value if value else None
    if "tausend" in rest:
        return None
    thousands = _de_below_1000(head) if head and head != "ein" else 1
    tail = _de_below_1000(rest.removeprefix("und")) if rest else 0
    if thousands is None or tail is None:
        return None
    return thousands * 1000 + tail


# "eineinhalb", "zweieinhalb", "anderthalb": a whole number and a half.
_DE_AND_A_HALF = re.compile(r"(\w+?)einhalb")


def parse_german_half(word: str) -> Decimal | None:
    """Value of "anderthalb", "eineinhalb", "dreieinhalb" …, else None."""
    if word in ("anderthalb", "eineinhalb"):
        return Decimal("1.5")
    match = _DE_AND_A_HALF.fullmatch(word)
    if match:
        whole = parse_german_word(match.group(1))
        if whole:
            return Decimal(whole) + Decimal("0.5")
    return None


# --- English number words ------------------------------------------------------------

EN_SMALL = _EN.mapping("number_ones_and_teens")
EN_TENS = _EN.mapping("number_tens")


def parse_english_word(word: str) -> int | None:
    """Value of "seven", "twenty", "twenty-five" (lower case), else None."""
    if word in EN_SMALL:
        return EN_SMALL[word]
    if word in EN_TENS:
        return EN_TENS[word]
    tens, sep, unit = word.partition("-")
    if sep and tens in EN_TENS and unit in EN_SMALL and 0 < EN_SMALL[unit] < 10:
        return EN_TENS[tens] + EN_SMALL[unit]
    return None


def to_number(value: Decimal) -> int | float:
    """``int`` where the value is whole, else ``float``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
