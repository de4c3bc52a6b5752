"""Finding time expressions with a few compiled patterns per language.

Each pattern finds the *core* of an expression ("8. bis 13. Oktober", "Mittwoch",
"August letzten Jahres"); a short look to the left adds the relation ("seit", "bis",
"by"), the modifier ("Anfang", "late") and the article ("im", "am"). Overlaps keep the
longest match; "von X bis Y" joins two expressions into one range.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quellenlage.lang import NEUTRAL, load, merged
from quellenlage.records import Relation
from quellenlage.times import context
from quellenlage.times import lexicon as lx
from quellenlage.times.calendar import Point


@dataclass(slots=True)
class Found:
    """A time expression before rendering: its span, one or two points and relation."""

    start: int
    end: int
    core_start: int
    points: list[Point]
    relation: Relation = "at"
    mod: str | None = None
    needs_context: bool = False  # a bare month or season counts only with a preposition
    opener: bool = False  # "von", "zwischen", "from", "between": may start a range
    tags: set[str] = field(default_factory=set)


def _alternation(words: dict[str, int] | set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_DE_MONTH = _alternation(lx.DE_MONTHS)
_DE_MONTH_ANY = (
    rf"(?:(?:{_alternation(lx.DE_MONTHS)})s?\b|(?:{_alternation(lx.DE_MONTH_ABBREVIATIONS)})\b\.?)"
)
_EN_MONTH = _alternation(lx.EN_MONTHS)
_EN_MONTH_ANY = (
    rf"(?:{_alternation(lx.EN_MONTHS)}|(?:{_alternation(lx.EN_MONTH_ABBREVIATIONS)})\b\.?)"
)
_DE_WEEKDAY = _alternation(lx.WEEKDAYS["de"])
_EN_WEEKDAY = _alternation(lx.WEEKDAYS["en"])
_DE_ADJ = (
    r"vorvergangene[nmrs]?|vergangene[nmrs]?|letzte[nmrs]?|vorige[nmrs]?|diese[nmrs]?|"
    r"kommende[nmrs]?|nächste[nmrs]?|laufende[nmrs]?|folgende[nmrs]?|gestrige[nmrs]?|"
    r"heutige[nmrs]?|morgige[nmrs]?"
)
_EN_ADJ = r"last|this|next|past|coming|previous|current"
_SMALL = _alternation({w for w in lx.SMALL_NUMBERS if w not in ("a", "an")})
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_DAY_PARTS_DE = r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht|früh)"

_FLAGS = re.IGNORECASE

DE_PATTERNS: dict[str, re.Pattern[str]] = {
    "numdate": re.compile(
        r"(?<![\d.,])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})(?:\.(?:\s?(?P<y>\d{4}|\d{2}(?!\d)))?"
        r"|(?=\)))(?!\s*(?:uhr|h)\b)",
        _FLAGS,
    ),
    "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    "range_dm": re.compile(
        rf"\b(?P<d1>\d{{1,2}})\.?\s*(?:bis(?:\s+(?:zum|einschließlich))?|und|-|–)\s*"
        rf"(?P<d2>\d{{1,2}})\.\s*(?P<mon>{_DE_MONTH_ANY})(?:\s+(?P<y>\d{{4}})\b)?",
        _FLAGS,
    ),
    "range_dmdm": re.compile(
        rf"\b(?P<d1>\d{{1,2}})\.\s*(?P<m1>{_DE_MONTH_ANY})\s*(?:bis(?:\s+(?:zum|einschließlich))?|-|–)"
        rf"\s*(?P<d2>\d{{1,2}})\.\s*(?P<mon>{_DE_MONTH_ANY})(?:\s+(?P<y>\d{{4}})\b)?",
        _FLAGS,
    ),
    "dm": re.compile(
        rf"\b(?:(?P<wd>{_DE_WEEKDAY})\s*,?\s*(?:(?:dem|den)\s+)?)?(?P<d>\d{{1,2}})\.\s*"
        rf"(?P<mon>{_DE_MONTH_ANY})(?:\s+(?P<y>\d{{4}})\b)?",
        _FLAGS,
    ),
    "month": re.compile(
        rf"\b(?:(?P<adj0>{_DE_ADJ})\s+)?(?P<mon>{_DE_MONTH})\b"
        rf"(?:\s+(?:(?P<y>\d{{4}})\b|(?:des\s+)?(?P<adj>{_DE_ADJ})\s+jahres\b))?",
        _FLAGS,
    ),
    "season": re.compile(
        rf"\b(?:(?P<adj0>{_DE_ADJ})\s+)?(?P<season>frühjahr|frühling|sommer|herbst|winter)\b"
        rf"(?:\s+(?:(?P<y>\d{{4}})\b|(?:des\s+)?(?P<adj>{_DE_ADJ})\s+jahres\b))?",
        _FLAGS,
    ),
    "quarter": re.compile(
        r"\b(?P<q>ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?:quartal|vierteljahr)\b"
        rf"(?:\s+(?:(?P<y>\d{{4}})\b|(?:des\s+)?(?P<adj>{_DE_ADJ})\s+jahres\b))?",
        _FLAGS,
    ),
    "q": re.compile(rf"\bQ(?P<q>[1-4])(?:\s*/?\s*(?P<y>{_YEAR})\b)?"),
    "half": re.compile(
        r"\b(?P<h>ersten|zweiten|1\.|2\.)\s+(?:halbjahr|jahreshälfte)\b"
        rf"(?:\s+(?:(?P<y>\d{{4}})\b|(?:des\s+)?(?P<adj>{_DE_ADJ})\s+jahres\b))?",
        _FLAGS,
    ),
    "holiday": re.compile(
        r"\b(?P<h>heiligabend|weihnachten|silvester|neujahr|ostersonntag|ostermontag|ostern|"
        r"karfreitag|pfingstsonntag|pfingstmontag|pfingsten|christi\s+himmelfahrt|"
        rf"tag\s+der\s+deutschen\s+einheit)\b(?:\s+(?P<y>{_YEAR})\b)?",
        _FLAGS,
    ),
    "year_range": re.compile(
        rf"\b(?P<y1>{_YEAR})\s*(?:bis|und|-|–|/)\s*(?P<y2>{_YEAR}|\d\d)\b(?![.,]?\d)", _FLAGS
    ),
    "year": re.compile(rf"\b(?:(?P<jahr>jahre?s?)\s+)?(?P<y>{_YEAR})\b(?![.,]?\d)", _FLAGS),
    "decade": re.compile(r"\b(?P<c>1[89]|20)?(?P<d>\d)0er(?:n\b|\s*-?\s*jahren?\b|\b)", _FLAGS),
    "rel_day": re.compile(
        rf"\b(?P<w>vorgestern|gestern|heute|übermorgen|morgen)\b(?:\s+{_DAY_PARTS_DE}\b)?",
        _FLAGS,
    ),
    "weekday": re.compile(
        rf"\b(?:(?P<adj>{_DE_ADJ})\s+)?(?P<wd>{_DE_WEEKDAY})(?P<part>{_DAY_PARTS_DE})?\b", _FLAGS
    ),
    "weekend": re.compile(rf"\b(?:(?P<adj>{_DE_ADJ})\s+)?wochenende\b", _FLAGS),
    "rel_unit": re.compile(
        rf"\b(?P<adj>{_DE_ADJ})\s+(?P<unit>woche|monats?|jahr(?:es)?)\b", _FLAGS
    ),
    "rel_word": re.compile(
        r"\b(?P<w>vorjahr(?:es)?|vormonat(?:s)?|vorwoche|jahresende|jahresbeginn|jahresanfang|"
        r"jahresmitte|monatsende|monatsanfang|monatsbeginn|jahreswechsel)\b",
        _FLAGS,
    ),
    "des_unit": re.compile(
        r"\b(?:des|dieses|der|dieser)\s+(?P<unit>jahres|monats|woche)\b", _FLAGS
    ),
    "offset": re.compile(
        r"\b(?P<prep>vor|in|seit|binnen|innerhalb(?:\s+von)?)\s+(?:(?:knapp|rund|etwa|gut|über|fast)\s+)?"
        rf"(?P<n>\d+|{_SMALL})\s+(?P<unit>tag(?:e|en)?|wochen?|monat(?:e|en)?|jahr(?:e|en)?)\b",
        _FLAGS,
    ),
}

EN_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": DE_PATTERNS["iso"],
    "slash": re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b"),
    "mdy": re.compile(
        rf"\b(?:(?P<wd>{_EN_WEEKDAY}),?\s+)?(?P<mon>{_EN_MONTH_ANY})\s+(?P<d>\d{{1,2}}){_ORD}\b"
        rf"(?:\s*(?:-|–|to|through|until|and)\s*(?P<d2>\d{{1,2}}){_ORD}\b)?(?:,?\s+(?P<y>\d{{4}})\b)?",
        _FLAGS,
    ),
    "dmy": re.compile(
        rf"\b(?:(?P<wd>{_EN_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<mon>{_EN_MONTH_ANY})"
        rf"(?:,?\s+(?P<y>\d{{4}})\b)?",
        _FLAGS,
    ),
    "month": re.compile(
        rf"\b(?:(?P<adj0>{_EN_ADJ})\s+)?(?P<mon>{_EN_MONTH})\b"
        rf"(?:,?\s+(?:(?P<y>\d{{4}})\b|(?:of\s+)?(?P<adj>{_EN_ADJ})\s+year\b))?",
        _FLAGS,
    ),
    "season": re.compile(
        rf"\b(?:(?P<adj0>{_EN_ADJ})\s+)?(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"(?:\s+(?:of\s+)?(?:(?P<y>\d{{4}})\b|(?P<adj>{_EN_ADJ})\s+year\b))?",
        _FLAGS,
    ),
    "quarter": re.compile(
        r"\b(?P<q>first|second|third|fourth)\s+quarter\b"
        rf"(?:\s+of\s+(?:(?P<y>\d{{4}})\b|(?P<adj>{_EN_ADJ})\s+year\b))?",
        _FLAGS,
    ),
    "q": DE_PATTERNS["q"],
    "half": re.compile(
        r"\b(?P<h>first|second)\s+half\s+of\s+"
        rf"(?:(?P<y>\d{{4}})\b|(?P<adj>{_EN_ADJ})\s+year\b|the\s+year\b)",
        _FLAGS,
    ),
    "holiday": re.compile(
        r"\b(?P<h>christmas\s+eve|christmas\s+day|christmas|new\s+year's\s+eve|"
        r"new\s+year's\s+day|easter\s+sunday|easter\s+monday|easter|good\s+friday)\b"
        rf"(?:,?\s+(?P<y>{_YEAR})\b)?",
        _FLAGS,
    ),
    "year_range": re.compile(
        rf"\b(?P<y1>{_YEAR})\s*(?:to|and|-|–|/)\s*(?P<y2>{_YEAR}|\d\d)\b(?![.,]?\d)", _FLAGS
    ),
    "year": re.compile(rf"\b(?P<y>{_YEAR})\b(?![.,]?\d)", _FLAGS),
    "decade": re.compile(r"\b(?P<c>1[89]|20|')?(?P<d>\d)0s\b", _FLAGS),
    "rel_day": re.compile(
        r"\b(?P<w>yesterday|today|tomorrow|tonight|last\s+night|this(?=\s+(?:morning|afternoon|evening)))\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
        _FLAGS,
    ),
    "weekday": re.compile(
        rf"\b(?:(?P<adj>{_EN_ADJ})\s+)?(?P<wd>{_EN_WEEKDAY})\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
        _FLAGS,
    ),
    "weekend": re.compile(rf"\b(?:(?P<adj>{_EN_ADJ})\s+)?weekend\b", _FLAGS),
    "rel_unit": re.compile(
        rf"\b(?:(?P<pre>earlier|later)\s+)?(?P<adj>{_EN_ADJ})\s+(?P<unit>week|month|year)\b",
        _FLAGS,
    ),
    "the_unit": re.compile(r"\bthe\s+(?P<unit>year|month)\b", _FLAGS),
    "ago": re.compile(
        rf"\b(?P<n>\d+|{_SMALL}|a|an)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _FLAGS
    ),
    "offset": re.compile(
        rf"\b(?P<prep>in|within)\s+(?P<n>\d+|{_SMALL}|a|an)\s+(?P<unit>days?|weeks?|months?|years?)"
        r"\b(?!\s+ago)",
        _FLAGS,
    ),
}

_DIGITS = "0123456789"
# First characters each pattern can start with: a look-ahead on them lets the regex engine
# skip every other position cheaply (the patterns are case-insensitive, so lower case does).
_FIRST_CHARACTERS = {
    "de": {
        "dm": _DIGITS + "mdfs",
        "month": "jfmasondvlkn",
        "season": "fshwvldkn",
        "quarter": "ezdv1234",
        "q": "Q",
        "half": "ez12",
        "holiday": "hwsnokpct",
        "year": _DIGITS + "j",
        "rel_day": "vghmü",
        "weekday": "vldknfmsgh",
        "weekend": "vldknfw",
        "rel_unit": "vldknf",
        "rel_word": "vjm",
        "des_unit": "d",
        "offset": "vsbi",
    },
    "en": {
        "mdy": "jfmasondtw",
        "dmy": _DIGITS + "mtwfs",
        "month": "jfmasondltnpc",
        "season": "sawfltnpc",
        "quarter": "fst",
        "q": "Q",
        "half": "fs",
        "holiday": "cneg",
        "rel_day": "ytl",
        "weekday": "mtwfsltnpc",
        "weekend": "wltnpc",
        "rel_unit": "eltnpc",
        "the_unit": "t",
        "ago": _DIGITS + "otfsenaw",
        "offset": "iw",
        "decade": _DIGITS + "'",
    },
}


def _guarded(patterns: dict[str, re.Pattern[str]], lang: str) -> dict[str, re.Pattern[str]]:
    firsts = _FIRST_CHARACTERS[lang]
    return {
        name: re.compile(f"(?=[{re.escape(firsts.get(name, _DIGITS))}])" + p.pattern, p.flags)
        for name, p in patterns.items()
    }


DE_PATTERNS = _guarded(DE_PATTERNS, "de")
EN_PATTERNS = _guarded(EN_PATTERNS, "en")

_DE_LEFT = re.compile(
    r"(?:\b(?P<rel>seit|bis|ab|vor|nach|während|von|vom|zwischen)\s+)?"
    r"(?:\b(?P<mod>anfang|mitte|ende|beginn)\s+)?"
    r"(?:\b(?P<art>in\s+den|in\s+der|im|am|in|dem|den|der|des|zum|zur|zu|ins|diesem|diesen|an)\s+)?$",
    _FLAGS,
)
_EN_LEFT = re.compile(
    r"(?:\b(?P<rel>since|until|till|by|through|before|after|during|throughout|from|between|"
    r"as\s+of)\s+)?(?:\b(?P<art0>in|on|at)\s+)?"
    r"(?:\b(?P<mod>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)(?:\s+|-))?"
    r"(?:\b(?P<art>in|on|at|the|of)\s+)?$",
    _FLAGS,
)
_RANGE_GAP = re.compile(
    r"\s*(?:bis(?:\s+(?:zum|zur|in\s+den))?|und|-|–|to|until|till|and|through)\s*$"
)
_FUTURE = {
    "de": re.compile(r"\b(?:wird|werden|wirst|werde|künftig|voraussichtlich|geplant)\b", _FLAGS),
    "en": re.compile(
        r"\b(?:will|shall|going\s+to|is\s+set\s+to|are\s+set\s+to|scheduled|upcoming)\b|'ll\b",
        _FLAGS,
    ),
}
# Clause boundaries: the tense of "am Mittwoch" is that of its own clause, not of a
# reported clause after the comma ("Am Mittwoch sagte er, die Truppen werden abgezogen").
_CLAUSE_END = re.compile(r"[,;:!?]|(?<!\d)\.(?:\s|$)|\n\s*\n")
# Articles that make a bare month, season or weekday a time ("im Mai", not "der Mai").
_CONTEXT_ARTICLE = re.compile(r"im|am|in|zum|zu|ins|in\s+den|diesem|diesen|on|in|at", _FLAGS)
_OPEN_FORWARD = frozenset({"rel:ab", "rel:as of", "rel:from"})
# Articles left out of the span when nothing else precedes the core ("der 1977 …").
_BARE_ARTICLES = load(NEUTRAL).words("bare_articles")
_MOD_NAMES = load("de").mapping("time_mods")


def _direction(adjective: str | None, lang: str) -> int | None:
    if not adjective:
        return None
    word = adjective.lower()
    table = lx.DE_DIRECTION_ADJECTIVES if lang == "de" else lx.EN_DIRECTION_ADJECTIVES
    for stem, direction in table.items():
        if word.startswith(stem):
            return direction
    return None


def _year_from_adjective(adjective: str | None, lang: str) -> Point:
    direction = _direction(adjective, lang)
    if direction is None:
        return {}
    return {"year_offset": (direction > 0) - (direction < 0)}


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month(name: str, lang: str) -> int:
    key = name.lower().rstrip(".")
    months = lx.MONTHS_WITH_ABBREVIATIONS[lang]
    return months[key] if key in months else months[key.removesuffix("s")]  # "Septembers"


def _two_digit_year(year: str) -> int:
    value = int(year)
    if len(year) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


Handler = Callable[[re.Match[str], str, str], "Found | None"]


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date_point(day: int, month: int, year: str | None) -> Point | None:
    """The parts of a calendar date, or None when no such day exists ("31.02.2024")."""
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return None
    point: Point = {"month": month, "day": day}
    if year:
        point["year"] = _two_digit_year(year)
        if day > calendar.monthrange(point["year"], month)[1]:
            return None
    return point


def _h_numdate(m: re.Match[str], text: str, lang: str) -> Found | None:
    point = _date_point(int(m["d"]), int(m["m"]), m["y"])
    return Found(m.start(), m.end(), m.start(), [point]) if point else None


def _h_slash(m: re.Match[str], text: str, lang: str) -> Found | None:
    point = _date_point(int(m["d"]), int(m["m"]), m["y"])
    return Found(m.start(), m.end(), m.start(), [point]) if point else None


def _h_range_day_month(m: re.Match[str], text: str, lang: str) -> Found | None:
    month_end = _month(m["mon"], lang)
    month_start = _month(m["m1"], lang) if "m1" in m.groupdict() and m["m1"] else month_end
    first = _date_point(int(m["d1"]), month_start, m["y"])
    last = _date_point(int(m["d2"]), month_end, m["y"])
    if not first or not last:
        return None
    return Found(m.start(), m.end(), m.start(), [first, last], relation="during")


def _h_day_month(m: re.Match[str], text: str, lang: str) -> Found | None:
    month = _month(m["mon"], lang)
    day = int(m["d"])
    point = _date_point(day, month, m["y"])
    if not point:
        return None
    if "d2" in m.groupdict() and m["d2"]:
        last = _date_point(int(m["d2"]), month, m["y"])
        if last and last["day"] > day:
            return Found(m.start(), m.end(), m.start(), [point, last], relation="during")
    return Found(m.start(), m.end(), m.start(), [point])


def _h_month(m: re.Match[str], text: str, lang: str) -> Found | None:
    point: Point = {"month": _month(m["mon"], lang)}
    if m["y"]:
        point["year"] = int(m["y"])
    point |= _year_from_adjective(m["adj"], lang)
    adjective0 = m.groupdict().get("adj0")
    found = Found(m.start(), m.end(), m.start(), [point])
    if adjective0:
        point["direction"] = _direction(adjective0, lang) or 0
    elif not m["y"] and not m["adj"]:
        found.needs_context = True
    return found


def _h_season(m: re.Match[str], text: str, lang: str) -> Found | None:
    point: Point = {"season": lx.SEASONS[lang][m["season"].lower()]}
    if m["y"]:
        point["year"] = int(m["y"])
    point |= _year_from_adjective(m["adj"], lang)
    found = Found(m.start(), m.end(), m.start(), [point])
    adjective0 = m.groupdict().get("adj0")
    if adjective0:
        point["direction"] = _direction(adjective0, lang) or 0
    elif not m["y"] and not m["adj"]:
        found.needs_context = True
    return found


def _h_quarter(m: re.Match[str], text: str, lang: str) -> Found | None:
    quarter = lx.ORDINALS[lang].get(m["q"].lower()) or _int(m["q"]) or 0
    if not 1 <= quarter <= 4:
        return None
    point: Point = {"quarter": quarter}
    if m["y"]:
        point["year"] = int(m["y"])
    point |= _year_from_adjective(m.groupdict().get("adj"), lang)
    return Found(m.start(), m.end(), m.start(), [point])


def _h_half(m: re.Match[str], text: str, lang: str) -> Found | None:
    half = 1 if m["h"].lower() in ("ersten", "1.", "first") else 2
    point: Point = {"half": half}
    if m["y"]:
        point["year"] = int(m["y"])
    point |= _year_from_adjective(m.groupdict().get("adj"), lang)
    return Found(m.start(), m.end(), m.start(), [point])


# Holidays: fixed (month, day) pairs, or days counted from Easter Sunday.
_FIXED_HOLIDAYS = {
    "heiligabend": ((12, 24),),
    "weihnachten": ((12, 24), (12, 26)),
    "silvester": ((12, 31),),
    "neujahr": ((1, 1),),
    "tag der deutschen einheit": ((10, 3),),
    "christmas eve": ((12, 24),),
    "christmas day": ((12, 25),),
    "christmas": ((12, 25),),
    "new year's eve": ((12, 31),),
    "new year's day": ((1, 1),),
}
_EASTER_HOLIDAYS = merged("easter_holidays")


def _h_holiday(m: re.Match[str], text: str, lang: str) -> Found | None:
    name = re.sub(r"\s+", " ", m["h"].lower())
    year: Point = {"year": int(m["y"])} if m["y"] else {}
    if name in _EASTER_HOLIDAYS:
        points: list[Point] = [{"easter_offset": _EASTER_HOLIDAYS[name]} | year]
    else:
        points = [{"month": month, "day": day} | year for month, day in _FIXED_HOLIDAYS[name]]
    relation: Relation = "during" if len(points) > 1 else "at"
    return Found(m.start(), m.end(), m.start(), points, relation)


def _h_year_range(m: re.Match[str], text: str, lang: str) -> Found | None:
    first = int(m["y1"])
    raw_last = m["y2"]
    last = int(raw_last) if len(raw_last) == 4 else first // 100 * 100 + int(raw_last)
    if last <= first or last - first > 100:
        return None
    if _followed_by_noun(text, m.end(), lang):
        return None
    return Found(m.start(), m.end(), m.start(), [{"year": first}, {"year": last}], "during")


def _h_year(m: re.Match[str], text: str, lang: str) -> Found | None:
    found = Found(m.start(), m.end(), m.start(), [{"year": int(m["y"])}])
    if m.groupdict().get("jahr"):
        return found
    if _followed_by_noun(text, m.end(), lang):
        return None  # "2023 Soldaten" is a count, not a year
    before = text[max(0, m.start() - 4) : m.start()]
    glued = before.endswith(("-", "–", "/", "#", "+", ".")) and before[-2:-1].isalnum()
    if glued and before.lower() != "mid-":
        return None  # "COVID-2019", "Tel.-1990": part of a name or a number
    return found


_NOUN_AFTER = re.compile(r"\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+)*(?P<noun>\w+)")


def _followed_by_noun(text: str, end: int, lang: str) -> bool:
    """True when a counted noun follows a four-digit number ("2000 Menschen")."""
    match = _NOUN_AFTER.match(text, end)
    if not match:
        return False
    noun = match["noun"]
    if lang == "de":
        if not noun[:1].isupper():
            return noun.lower() in ("prozent", "euro")
        lower = noun.lower()
        return not (
            lower in lx.DE_MONTHS
            or lower in lx.WEEKDAYS["de"]
            or lower in _DE_CAPITALISED_FUNCTION_WORDS
        )
    lower = noun.lower()
    if lower in ("people", "men", "women", "children", "police", "troops"):
        return True
    return lower.endswith("s") and lower not in ("was", "is", "has", "as", "its", "this", "his")


_DE_CAPITALISED_FUNCTION_WORDS = set(load("de").words("capitalised_function_words"))


def _h_decade(m: re.Match[str], text: str, lang: str) -> Found | None:
    century = m["c"]
    if century in (None, "'"):
        century = "19"
    return Found(m.start(), m.end(), m.start(), [{"decade": int(century + m["d"])}])


_REL_DAYS = merged("relative_days")


def _h_rel_day(m: re.Match[str], text: str, lang: str) -> Found | None:
    word = m["w"]
    if word == "Morgen":
        return None  # "am Morgen": the morning, not tomorrow
    key = word.lower()
    if key.startswith(("last", "this")):
        offset = -1 if key.startswith("last") else 0
    else:
        offset = _REL_DAYS[key]
    return Found(m.start(), m.end(), m.start(), [{"day_offset": offset}])


def _h_weekday(m: re.Match[str], text: str, lang: str) -> Found | None:
    point: Point = {"weekday": lx.WEEKDAYS[lang][m["wd"].lower()]}
    direction = _direction(m["adj"], lang)
    if direction == 0:
        # "diesen Samstag": the tense decides, as for a bare weekday; "this Saturday" is ahead
        direction = 1 if lang == "en" else None
    if direction is not None:
        point["direction"] = direction
    found = Found(m.start(), m.end(), m.start(), [point])
    # "Mittwoch" needs "am"; "Mittwochabend" and "vergangenen Mittwoch" stand alone
    found.needs_context = lang == "de" and not m["adj"] and not m.groupdict().get("part")
    if direction is None:
        found.tags.add("tense")
    return found


def _h_weekend(m: re.Match[str], text: str, lang: str) -> Found | None:
    point: Point = {"weekday": 5, "weekend": 1}
    direction = _direction(m["adj"], lang)
    if direction is not None:
        point["direction"] = direction
    else:
        # "am Wochenende" needs its article; English "the weekend" is specific on its own
        found = Found(m.start(), m.end(), m.start(), [point], needs_context=lang == "de")
        found.tags.add("tense")
        return found
    return Found(m.start(), m.end(), m.start(), [point])


_UNIT_KEYS = {
    "day": "day_offset",
    "week": "week_offset",
    "month": "month_offset",
    "year": "year_offset",
}


def _h_rel_unit(m: re.Match[str], text: str, lang: str) -> Found | None:
    direction = _direction(m["adj"], lang)
    if direction is None:
        return None
    unit = lx.UNITS.get(m["unit"].lower().rstrip("s"), None) or lx.UNITS.get(m["unit"].lower())
    if unit is None:
        word = m["unit"].lower()
        unit = "month" if word.startswith("monat") else "year"
    offset = (direction > 0) - (direction < 0)
    found = Found(m.start(), m.end(), m.start(), [{_UNIT_KEYS[unit]: offset}])
    pre = m.groupdict().get("pre")
    if pre:
        found.mod = "start" if pre.lower() == "earlier" else "end"
    return found


_REL_WORDS = {
    "vorjahr": ({"year_offset": -1}, None),
    "vormonat": ({"month_offset": -1}, None),
    "vorwoche": ({"week_offset": -1}, None),
    "jahresende": ({"year_offset": 0}, "end"),
    "jahresbeginn": ({"year_offset": 0}, "start"),
    "jahresanfang": ({"year_offset": 0}, "start"),
    "jahresmitte": ({"year_offset": 0}, "mid"),
    "jahreswechsel": ({"year_offset": 0}, "end"),
    "monatsende": ({"month_offset": 0}, "end"),
    "monatsanfang": ({"month_offset": 0}, "start"),
    "monatsbeginn": ({"month_offset": 0}, "start"),
}


def _h_rel_word(m: re.Match[str], text: str, lang: str) -> Found | None:
    word = m["w"].lower()
    for key, (point, mod) in _REL_WORDS.items():
        if word.startswith(key):
            return Found(m.start(), m.end(), m.start(), [dict(point)], mod=mod)
    return None


def _h_des_unit(m: re.Match[str], text: str, lang: str) -> Found | None:
    word = m["unit"].lower()
    if word.startswith(("jahr", "year")):
        unit = "year_offset"
    elif word.startswith(("woche", "week")):
        unit = "week_offset"
    else:
        unit = "month_offset"
    found = Found(m.start(), m.end(), m.start(), [{unit: 0}], needs_context=True)
    found.tags.add("needs_mod")
    return found


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lx.SMALL_NUMBERS.get(word.lower())


_MAX_OFFSET = {"day": 3660, "week": 520, "month": 1200, "year": 1000}


def _h_offset(m: re.Match[str], text: str, lang: str) -> Found | None:
    count = _count(m["n"])
    unit = lx.UNITS[m["unit"].lower()]
    if count is None or count > _MAX_OFFSET[unit]:
        return None  # "vor 5000 Jahren" is history, not a date
    prep = m.groupdict().get("prep")
    preposition = prep.lower().split()[0] if prep else "ago"
    sign = -1 if preposition in ("vor", "seit", "ago") else 1
    relation: Relation = "at"
    if preposition == "seit":
        relation = "since"
    elif preposition in ("binnen", "innerhalb", "within"):
        relation = "until"
    found = Found(m.start(), m.end(), m.start(), [{_UNIT_KEYS[unit]: sign * count}], relation)
    found.tags.add("fixed")
    return found


HANDLERS: dict[str, Handler] = {
    "numdate": _h_numdate,
    "iso": _h_numdate,
    "slash": _h_slash,
    "range_dm": _h_range_day_month,
    "range_dmdm": _h_range_day_month,
    "dm": _h_day_month,
    "mdy": _h_day_month,
    "dmy": _h_day_month,
    "month": _h_month,
    "season": _h_season,
    "quarter": _h_quarter,
    "q": _h_quarter,
    "half": _h_half,
    "holiday": _h_holiday,
    "year_range": _h_year_range,
    "year": _h_year,
    "decade": _h_decade,
    "rel_day": _h_rel_day,
    "weekday": _h_weekday,
    "weekend": _h_weekend,
    "rel_unit": _h_rel_unit,
    "rel_word": _h_rel_word,
    "des_unit": _h_des_unit,
    "the_unit": _h_des_unit,
    "offset": _h_offset,
    "ago": _h_offset,
}
PATTERNS = {"de": DE_PATTERNS, "en": EN_PATTERNS}
LEFT = {"de": _DE_LEFT, "en": _EN_LEFT}


def find(text: str, lang: str) -> list[Found]:
    """All time expressions in ``text``, in text order, not overlapping."""
    candidates: list[Found] = []
    for name, pattern in PATTERNS[lang].items():
        handler = HANDLERS[name]
        for match in pattern.finditer(text):
            found = handler(match, text, lang)
            if found is not None:
                candidates.append(found)
    chosen = _longest_without_overlap(candidates)
    kept: list[Found] = []
    for found in chosen:
        limit = kept[-1].end if kept else 0
        # "zwischen Januar und März": the second month takes its context from the first
        in_range = bool(
            kept and kept[-1].opener and _RANGE_GAP.fullmatch(text[kept[-1].end : found.core_start])
        )
        if _extend_left(found, text, lang, limit) or (in_range and found.needs_context):
            kept.append(found)
    merged = _merge_ranges(kept, text, lang)
    for found in merged:
        context.open_from(found)
        context.since_onset(found, text, lang)
        context.night_before(found, text)
        context.future_date(found, text, lang, _FUTURE[lang])
        _set_direction(found, text, lang)
    return merged


def _longest_without_overlap(candidates: list[Found]) -> list[Found]:
    """Keep the longest matches, then shorter ones that overlap none kept; in text order."""
    starts: list[int] = []
    kept: list[Found] = []
    for found in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        k = bisect.bisect_left(starts, found.start)
        if k > 0 and kept[k - 1].end > found.start:
            continue
        if k < len(kept) and kept[k].start < found.end:
            continue
        starts.insert(k, found.start)
        kept.insert(k, found)
    return kept


def _extend_left(found: Found, text: str, lang: str, limit: int) -> bool:
    """Add relation, modifier and article on the left; False when the core needs them."""
    window_start = max(limit, found.start - 40)
    match = LEFT[lang].search(text, window_start, found.start)
    rel = mod = None
    articles: list[str] = []
    if match and match.start() < found.start:
        rel, mod = match["rel"], match["mod"]
        articles = [a for a in (match["art"], match.groupdict().get("art0")) if a]
        found.start = match.start()
    if articles and not (rel or mod) and all(a.lower() in _BARE_ARTICLES for a in articles):
        found.start = found.core_start  # "der 1977 geborene": the article is not part of it
    if "fixed" in found.tags and rel:
        found.start = found.core_start if not (mod or articles) else found.start
        rel = None
    if found.needs_context and not (
        rel or mod or any(_CONTEXT_ARTICLE.fullmatch(a) for a in articles)
    ):
        return False
    if "needs_mod" in found.tags and not mod:
        return False
    if mod:
        key = re.sub(r"\s+", " ", mod.lower())
        found.mod = _MOD_NAMES.get(key) or lx.MODS.get(key) or found.mod
    if rel:
        word = re.sub(r"\s+", " ", rel.lower())
        found.tags.add(f"rel:{word}")
        relation = lx.RELATIONS.get(word, "at")
        if word in ("von", "vom", "zwischen", "from", "between"):
            found.opener = True
            relation = found.relation
        found.relation = relation  # type: ignore[assignment]
    return True


def _merge_ranges(found: list[Found], text: str, lang: str) -> list[Found]:
    """Join "von Juni bis August 2024", "between 2020 and 2023" into one range."""
    merged: list[Found] = []
    for item in found:
        if merged:
            previous = merged[-1]
            gap = text[previous.end : item.core_start]
            if (
                previous.opener
                and len(previous.points) == 1
                and len(item.points) == 1
                and _RANGE_GAP.fullmatch(gap)
            ):
                first, last = previous.points[0], item.points[0]
                for key in ("year", "year_offset"):
                    if key in last and key not in first and "year" not in first:
                        first[key] = last[key]
                previous.points = [first, last]
                previous.end = item.end
                previous.relation = "during"
                continue
        merged.append(item)
    return merged


def _set_direction(found: Found, text: str, lang: str) -> None:
    for point in found.points:
        if "direction" in point:
            continue
        if found.relation in ("since", "after") and not found.tags & _OPEN_FORWARD:
            point["direction"] = -1  # "seit August": the last August; "ab Juli" may be ahead
        elif found.relation == "until" and "weekday" in point:
            point["direction"] = 1
        elif "tense" in found.tags:
            # weekdays only: a bare date or month takes the publication year, because
            # "werden" marks the passive as often as the future
            point["direction"] = 1 if _future_tense(text, found.start, found.end, lang) else -1


def _future_tense(text: str, start: int, end: int, lang: str) -> bool:
    window_start = max(0, start - 200)
    clause_start = window_start
    for match in _CLAUSE_END.finditer(text, window_start, start):
        clause_start = match.end()
    stop = _CLAUSE_END.search(text, end, end + 300)
    clause_end = stop.start() if stop else min(len(text), end + 300)
    return _FUTURE[lang].search(text, clause_start, clause_end) is not None
