"""Small hand-made word lists the figure linker judges with, German and English.

They are deliberately short and explicit: a counted noun belongs to a *unit
class* only when it is listed here (or is itself the class), and a place or
people word maps to a country only when listed. Anything unknown stays
itself, which keeps linking conservative.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Counted nouns (lemmas, lower-case) -> the class of thing they count.
#: Synonyms and hyponyms map to their hypernym: an "Elitesoldat" is a soldier.
UNIT_CLASSES: dict[str, str] = {
    # soldiers and troops
    "soldat": "soldier",
    "soldatin": "soldier",
    "elitesoldat": "soldier",
    "mann": "soldier",
    "truppe": "soldier",
    "truppen": "soldier",
    "kämpfer": "soldier",
    "militärangehörige": "soldier",
    "militärangehöriger": "soldier",
    "streitkraft": "soldier",
    "einsatzkraft": "soldier",
    "spezialkraft": "soldier",
    "spezialkräfte": "soldier",
    "spezialeinheit": "soldier",
    "soldier": "soldier",
    "troop": "soldier",
    "troops": "soldier",
    "servicemember": "soldier",
    "fighter": "soldier",
    "man": "soldier",
    "men": "soldier",
    # shipping containers
    "schiffscontainer": "container",
    "container": "container",
    "frachtcontainer": "container",
    "shipping container": "container",
    # shells and munitions
    "artilleriegeschoss": "shell",
    "geschoss": "shell",
    "granate": "shell",
    "artilleriegranate": "shell",
    "shell": "shell",
    "artillery shell": "shell",
    "round": "shell",
    # missiles
    "rakete": "missile",
    "kurzstreckenrakete": "missile",
    "missile": "missile",
    "ballistic missile": "missile",
    # people in general
    "mensch": "person",
    "person": "person",
    "people": "person",
    "einwohner": "person",
    "zivilist": "person",
    "civilian": "person",
    # times something happened
    "mal": "times",
    "time": "times",
    # interpreters
    "dolmetscher": "interpreter",
    "interpreter": "interpreter",
    "übersetzer": "interpreter",
    # money
    "euro": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "dollar": "USD",
    "us-dollar": "USD",
    "usd": "USD",
    "$": "USD",
}

#: Country keys with the words that point to them: names (with genitive),
#: adjective stems, demonyms, capitals and the places the story happens in.
COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "north_korea": (
        "nordkorea",
        "nordkoreas",
        "nordkoreanisch",
        "nordkoreaner",
        "nordkoreanerin",
        "pjöngjang",
        "pjöngjangs",
        "north korea",
        "north korea's",
        "north korean",
        "north koreans",
        "pyongyang",
        "dprk",
        "kim jong un",
        "kim jong-un",
        "kims",
        "kim",
    ),
    "south_korea": (
        "südkorea",
        "südkoreas",
        "südkoreanisch",
        "südkoreaner",
        "seoul",
        "seouls",
        "south korea",
        "south korea's",
        "south korean",
        "south koreans",
    ),
    "russia": (
        "russland",
        "russlands",
        "russisch",
        "russe",
        "russen",
        "moskau",
        "moskaus",
        "kreml",
        "wladiwostok",
        "kursk",
        "fernost",
        "russia",
        "russia's",
        "russian",
        "russians",
        "moscow",
        "kremlin",
        "vladivostok",
        "putin",
        "putins",
    ),
    "ukraine": (
        "ukraine",
        "ukraines",
        "ukrainisch",
        "ukrainer",
        "kiew",
        "kyjiw",
        "ukrainian",
        "ukrainians",
        "kyiv",
        "kiev",
        "selenskyj",
        "zelensky",
    ),
    "usa": (
        "usa",
        "u.s.",
        "vereinigte staaten",
        "amerikanisch",
        "amerikaner",
        "washington",
        "pentagon",
        "united states",
        "american",
        "americans",
    ),
    "china": ("china", "chinas", "chinesisch", "peking", "chinese", "beijing"),
}

#: Words that say a count measures something other than presence or size:
#: the losses among a group are a different figure from the group itself.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "casualties": (
        "gefallen",
        "getötet",
        "tot",
        "tote",
        "toten",
        "verwundet",
        "verwundete",
        "verwunderten",  # a frequent typo for "verwundeten", seen in the seed report
        "verletzt",
        "verluste",
        "opfer",
        "killed",
        "dead",
        "wounded",
        "injured",
        "casualties",
        "losses",
    ),
    "captured": ("gefangen", "gefangene", "kriegsgefangene", "captured", "prisoners"),
    "deserted": ("desertiert", "deserteure", "deserted", "deserters"),
    "rate": (
        "täglich",
        "wöchentlich",
        "monatlich",
        "jährlich",
        "pro",
        "daily",
        "weekly",
        "monthly",
        "annually",
        "per",
    ),
}


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list."""
    return frozenset(text.split())


_WORD = re.compile(r"[\w'’.]*\w", re.UNICODE)

#: Nouns that end many unrelated compounds ("Geschäftsmann", "Einmal").
_NOT_COMPOUND_HEADS = frozenset({"mann", "mal", "man", "time", "round", "person"})

#: German and English adjective/noun endings stripped to compare word stems.
_ENDINGS = ("ischen", "ische", "ischer", "isches", "isch", "en", "er", "es", "em", "e", "n", "s")

STOP_WORDS = word_set(
    """
    der die das den dem des ein eine einen einem einer eines und oder aber auch als am an auf aus
    bei bis da dass daß durch für gegen hat haben hatte hätten habe ist sind sei seien war waren
    wird werden würde würden wurde wurden mit nach noch nun nur schon so sich sie er es wir ihr
    um unter über vom von vor wie zu zum zur im in inzwischen bereits rund etwa knapp mehr weniger
    als insgesamt laut zufolge angaben berichtet berichten sagte sagten erklärte erklärten
    the a an and or but also as at on of in to from by for with was were is are be been being has
    have had will would said says according about around some more than less nearly almost over
    """
)


@functools.lru_cache(maxsize=131072)
def normalise_word(word: str) -> str:
    """Lower-case, NFC-normalised, apostrophes unified."""
    return unicodedata.normalize("NFC", word).lower().replace("’", "'")


def unit_class(unit: str | None) -> str | None:
    """The class of thing a counted noun counts; an unknown noun is its own class."""
    if not unit:
        return None
    word = normalise_word(unit).strip()
    if word in UNIT_CLASSES:
        return UNIT_CLASSES[word]
    if word.endswith("s") and word[:-1] in UNIT_CLASSES:  # English plurals
        return UNIT_CLASSES[word[:-1]]
    for length in range(len(word) - 3, 2, -1):  # German compounds: head noun last
        head = word[-length:]
        if head in UNIT_CLASSES and head not in _NOT_COMPOUND_HEADS:
            return UNIT_CLASSES[head]
    return word


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(text: str) -> list[str]:
    return [normalise_word(w) for w in _WORD.findall(text)]


def _build_country_index() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    single: dict[str, str] = {}
    multi: dict[tuple[str, ...], str] = {}
    for country, terms in COUNTRY_WORDS.items():
        for term in terms:
            parts = tuple(words(term))
            if len(parts) == 1:
                single[parts[0]] = country
                single[_stem(parts[0])] = country
            else:
                multi[parts] = country
    return single, multi


_COUNTRY_SINGLE, _COUNTRY_MULTI = _build_country_index()
_MEASURE_INDEX = {word: measure for measure, ws in MEASURE_WORDS.items() for word in ws}


_MULTI_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _parts, _country in _COUNTRY_MULTI.items():
    _MULTI_BY_FIRST.setdefault(_parts[0], []).append((_parts, _country))


@functools.lru_cache(maxsize=65536)
def country_of(token: str) -> str | None:
    """The country a single lower-cased token names or implies, if any."""
    return _COUNTRY_SINGLE.get(token) or _COUNTRY_SINGLE.get(_stem(token))


def multi_word_country(tokens: list[str], i: int) -> str | None:
    """The country a name of several words starting at ``tokens[i]`` names ("north korean")."""
    for parts, country in _MULTI_BY_FIRST.get(tokens[i], ()):
        if tuple(tokens[i : i + len(parts)]) == parts:
            return country
    return None


def countries_in(tokens: list[str]) -> set[str]:
    """Country keys that the lower-cased tokens name or imply."""
    found: set[str] = set()
    for i, token in enumerate(tokens):
        for parts, country in _MULTI_BY_FIRST.get(token, ()):
            if tuple(tokens[i : i + len(parts)]) == parts:
                found.add(country)
        country = country_of(token)
        if country:
            found.add(country)
    return found


def measures_in(tokens: list[str]) -> set[str]:
    """What the count measures when not the plain size of a group (losses, prisoners …)."""
    found = set()
    for token in tokens:
        measure = _MEASURE_INDEX.get(token) or _MEASURE_INDEX.get(_stem(token))
        if measure:
            found.add(measure)
    return found


def content_stems(tokens: list[str]) -> set[str]:
    """Stems of the content words, for comparing the wording of two claims."""
    return {_stem(t) for t in tokens if t not in STOP_WORDS and len(t) > 2 and not t.isdigit()}


#: How country keys are shown to people.
COUNTRY_NAMES: dict[str, str] = {
    "north_korea": "North Korea",
    "south_korea": "South Korea",
    "russia": "Russia",
    "ukraine": "Ukraine",
    "usa": "USA",
    "china": "China",
}
