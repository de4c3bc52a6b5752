"""What the words around a found time expression change about it.

These readings need the text beyond the expression's own pattern: an onset noun
between "seit" and a date ("seit Beginn der Proteste im März 2023" is a start), a
"from" that opens no range ("from March": since March), the night before a weekday
("in der Nacht zu Dienstag"), and the tense of the clause for a month or day
without a year ("will be held in March", written in October: next March).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quellenlage.times import lexicon as lx

if TYPE_CHECKING:
    from quellenlage.times.parser import Found

#: How far before an expression "seit Beginn der …" may start (characters).
_ONSET_WINDOW = 80
_SINCE = {"de": r"seit", "en": r"since"}
_ARTICLES = {"de": r"(?:dem\s+|des\s+)?", "en": r"(?:the\s+)?"}
#: German past participles ("gewählt", "abgezogen"): "werden" with one is a passive.
_PARTICIPLE = re.compile(r"\b\w*ge\w{2,}(?:t|en)\b", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;!?]|(?<!\d)\.(?:\s|$)|\n")
_NIGHT_ARTICLE = re.compile(r"\b(?:in der|in the)\s+$", re.IGNORECASE)
#: Relation words of a start that may lie ahead ("ab März", "from March").
_OPEN_FORWARD = frozenset({"rel:ab", "rel:from"})


def _onset(lang: str) -> re.Pattern[str]:
    nouns = "|".join(sorted(lx.ONSET_NOUNS[lang], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<since>{_SINCE[lang]})\s+{_ARTICLES[lang]}(?:{nouns})\b[^,;.!?\n]*$",
        re.IGNORECASE,
    )


_ONSET = {lang: _onset(lang) for lang in lx.ONSET_NOUNS}


def since_onset(found: Found, text: str, lang: str) -> None:
    """ "seit Beginn der Proteste im März 2023": the date is when the running period began."""
    if found.relation != "at" or len(found.points) != 1:
        return
    window = text[max(0, found.start - _ONSET_WINDOW) : found.start]
    match = _ONSET[lang].search(window)
    if match is not None:
        found.relation = "since"
        found.start = max(0, found.start - _ONSET_WINDOW) + match.start()


def open_from(found: Found) -> None:
    """ "from March" that opens no range: since March (and it may lie ahead, like "ab")."""
    if found.opener and "rel:from" in found.tags and len(found.points) == 1:
        found.relation = "since"


def night_before(found: Found, text: str) -> None:
    """ "in der Nacht zu Dienstag": from the evening before the weekday to its morning."""
    point = found.points[0]
    if len(found.points) != 1 or "weekday" not in point:
        return
    before = re.sub(r"\s+", " ", text[max(0, found.core_start - 30) : found.core_start].lower())
    for phrase in lx.NIGHT_BEFORE["de"] + lx.NIGHT_BEFORE["en"]:
        if before.rstrip().endswith(phrase):
            point["night"] = 1
            start = text.lower().rindex(phrase.split()[0], 0, found.core_start)
            article = _NIGHT_ARTICLE.search(text, max(0, start - 10), start)
            found.start = min(found.start, article.start() if article else start)
            found.relation = "during"
            return


def _future_clause(text: str, start: int, end: int, lang: str, future: re.Pattern[str]) -> bool:
    clause_start = max(0, start - 200)
    for match in _CLAUSE_STOP.finditer(text, clause_start, start):
        clause_start = match.end()
    stop = _CLAUSE_STOP.search(text, end, end + 200)
    clause = text[clause_start : stop.start() if stop else min(len(text), end + 200)]
    if future.search(clause) is None:
        return False
    return lang != "de" or _PARTICIPLE.search(clause) is None  # "werden … gewählt": passive


def future_date(found: Found, text: str, lang: str, future: re.Pattern[str]) -> None:
    """A month or day without a year in a future-tense clause lies ahead of the report."""
    for point in found.points:
        if "direction" in point or "year" in point or not set(point) <= {"month", "day"}:
            continue
        ahead = found.relation in ("at", "during", "until") or bool(found.tags & _OPEN_FORWARD)
        if ahead and _future_clause(text, found.start, found.end, lang, future):
            point["direction"] = 1
