"""A source's kind checked against what its name is: a place, a person's name, an organisation.

The extractor and the wording ("nach Angaben des …") guess a kind; the name's entity
type can contradict the guess. A country or capital that speaks ("Moskau", "laut
Washington") is a state; a part of a country ("Süden Äthiopiens") speaks for no one
and is left unknown; a first name and a surname ("Tegaye Mununhe" is not, "Hans Müller"
is) make a person; the ending of an organisation's noun ("-ministerium", "-behörde")
an organisation, whatever the introducing noun said.
"""

from __future__ import annotations

import functools

from quellenlage.lang import load
from quellenlage.records import SourceKind
from quellenlage.tracking import lexicon, places, subjects


@functools.cache
def _first_names() -> frozenset[str]:
    """German first names (``lang/de/first_names.txt``) and the US census lists (``names``)."""
    from pathlib import Path

    import names

    found = set(load("de").ordered("first_names"))
    folder = Path(names.__file__).resolve().parent
    for listing in ("dist.male.first", "dist.female.first"):
        with (folder / listing).open(encoding="utf-8") as lines:
            found.update(line.split()[0].title() for line in lines if line.strip())
    return frozenset(found)


def place_kind(name: str) -> SourceKind | None:
    """``state`` for a country or city name, ``unknown`` for a part of one, else ``None``."""
    words = lexicon.words(name)
    if not words:
        return None
    for lang in ("de", "en"):
        gazetteer = places.gazetteer(lang)
        hit = gazetteer.country_at(words, 0)
        if hit is not None and hit[1] == len(words) and places.is_name(tuple(words), lang):
            return "state"
        quarter = subjects.quarter_at(words, 0, lang)
        if quarter is not None and len(words) > quarter[1]:
            rest = [w for w in words[quarter[1] :] if w not in ("der", "des", "von", "of", "the")]
            if rest and gazetteer.country_at(rest, 0) is not None:
                return "unknown"  # "Süden Äthiopiens", "the south of Ethiopia"
    return None


@functools.lru_cache(maxsize=8192)
def checked_kind(name: str, kind: SourceKind, suffix_kind: SourceKind | None) -> SourceKind:
    """The kind of a normalised source name after checking it against the name's entity type."""
    where = place_kind(name)
    if where is not None:
        return where
    if suffix_kind in ("organisation", "state", "agency") and kind in ("document", "person"):
        return suffix_kind  # "Angaben des Gesundheitsministeriums": the ministry, not a document
    words = name.split(" ")
    if (
        kind in ("document", "unknown", "organisation")
        and 2 <= len(words) <= 4
        and words[0] in _first_names()
        and all(w[:1].isupper() and w[1:].islower() for w in words)
    ):
        return "person"  # "Hans Müller"
    return kind
