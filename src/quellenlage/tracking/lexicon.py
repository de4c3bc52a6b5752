"""Small hand-made word lists the figure linker judges with, German and English.

They are deliberately short and explicit: a counted noun belongs to a *unit
class* only when it is listed here (or is itself the class). Anything unknown
stays itself, which keeps linking conservative. Countries and places come from
the gazetteers (:mod:`quellenlage.tracking.places`), measures from
:mod:`quellenlage.quantities.measure`.
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
    # people named by what happened to them: the measure says what, the class says who
    "tote": "person",
    "toter": "person",
    "toten": "person",
    "todesopfer": "person",
    "opfer": "person",
    "verletzte": "person",
    "verletzter": "person",
    "verwundete": "person",
    "vermisste": "person",
    "verschüttete": "person",
    "obdachlose": "person",
    "evakuierte": "person",
    "flüchtling": "person",
    "bewohner": "person",
    "menschenleben": "person",
    "dead": "person",
    "death": "person",
    "victim": "person",
    "fatality": "person",
    "fatalities": "person",
    "casualty": "person",
    "casualties": "person",
    "injured": "person",
    "wounded": "person",
    "refugee": "person",
    "resident": "person",
    "life": "person",
    "lives": "person",
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


def content_stems(tokens: list[str]) -> set[str]:
    """Stems of the content words, for comparing the wording of two claims."""
    return {_stem(t) for t in tokens if t not in STOP_WORDS and len(t) > 2 and not t.isdigit()}
