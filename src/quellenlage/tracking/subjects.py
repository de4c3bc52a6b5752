"""Who is counted and where: the country of a counted group and the places a sentence names.

Countries and places come from the gazetteers (:mod:`quellenlage.tracking.places`)
and the phrase around the number, read with the small word classes of
``lang/<code>/subject_words.tsv``: a country after a location preposition or an
area word is a place, one right after a source cue speaks, one in a source
mention or the dateline is neither the group's nor its place.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from quellenlage.quantities import measure
from quellenlage.tracking import lexicon
from quellenlage.tracking import places as places_module

#: A dateline at the start of a report's first sentence: "WASHINGTON (dpa) –", "Kyiv, 5 May (AP) -".
_DATELINE = re.compile(r"^\s*[^\W\d][^()\n]{0,40}?\([^()\n]{1,30}\)\s*[-–—:]")
#: Words after a speaker's mention or role whose place is the speaker's ("Sprecher in Washington").
_SPEAKER_PLACE_WINDOW = 3
_OWNER_WINDOW_BEFORE = 60  # characters before the quantity searched for its owner


def _tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [
        (lexicon.normalise_word(m.group()), m.start(), m.end())
        for m in lexicon._WORD.finditer(text)
    ]


@functools.cache
def subject_words(lang: str) -> dict[str, frozenset[str]]:
    vocab = measure.load_vocabulary(lang, "subject_words", _SUBJECT_CLASSES)
    classes: dict[str, set[str]] = {name: set() for name in _SUBJECT_CLASSES}
    for words, name in vocab.exact.items():
        classes[name.split(":")[0]].add(" ".join(words))
    return {name: frozenset(words) for name, words in classes.items()}


_SUBJECT_CLASSES = frozenset(
    {"at", "cue", "role", "article", "rate", "area", "anaphor", "quarter", "there"}
)


@functools.cache
def _quarters(lang: str) -> tuple[dict[tuple[str, ...], str], tuple[tuple[str, str], ...]]:
    vocab = measure.load_vocabulary(lang, "subject_words", _SUBJECT_CLASSES)
    exact = {w: c.split(":")[1] for w, c in vocab.exact.items() if c.startswith("quarter:")}
    prefixes = tuple((p, c.split(":")[1]) for p, c in vocab.prefixes if c.startswith("quarter:"))
    return exact, prefixes


def quarter_at(words: list[str], i: int, lang: str) -> tuple[str, int] | None:
    """The part of a country a direction word names ("Süden", "southern", "south west"): (N…C, words)."""
    exact = _quarters(lang)[0]
    for length in (2, 1):
        quarter = exact.get(tuple(words[i : i + length]))
        if quarter and i + length <= len(words):
            return quarter, length
    quarter = _quarter_prefix(words[i], lang) if i < len(words) else None
    return (quarter, 1) if quarter else None


@functools.cache
def _prefix_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    prefixes = dict(_quarters(lang)[1])
    alternation = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(f"(?:{alternation})" if alternation else r"(?!)"), prefixes


def _quarter_prefix(word: str, lang: str) -> str | None:
    pattern, prefixes = _prefix_pattern(lang)
    match = pattern.match(word)  # the longest prefix first
    if match is None or not (word == match.group() or len(word) - match.end() >= 3):
        return None
    return prefixes[match.group()]


def _compound_place(word: str, lang: str) -> str | None:
    """A country part written as one word ("Zentralvietnam", "Nordäthiopien"): "VN/C"."""
    if _quarter_prefix(word, lang) is None:
        return None
    gazetteer = places_module.gazetteer(lang)
    for prefix, quarter in _quarters(lang)[1]:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and places_module.is_name((rest,), lang):
            code = gazetteer.single.get(rest)
            if code:
                return f"{code}/{quarter}"
    return None


def place_country(place: str) -> str:
    """The country of a place key ("VN/C" -> "VN")."""
    return place.split("/", 1)[0]


def there_before(sentence: str, quantity_start: int, lang: str) -> bool:
    """Whether the sentence refers back to an earlier place before the number ("Dort starben")."""
    there = subject_words(lang if lang in ("de", "en") else "de")["there"]
    words = lexicon.words(sentence[: max(0, quantity_start)])
    spans = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    return bool(there & spans)


def _located(
    words: list[str], i: int, subject: dict[str, frozenset[str]], lang: str
) -> tuple[bool, int]:
    """Whether the country at ``words[i]`` is a place, and where its phrase starts.

    "in Russland", "in der Ukraine", "im Süden Äthiopiens", "in northern Ethiopia",
    "in the south of Ethiopia": a preposition, then articles and area words.
    """
    j = i - 1
    area = False
    while j >= 0 and (
        words[j] in subject["article"]
        or words[j] in subject["area"]
        or quarter_at(words, j, lang) is not None
        or (
            words[j] == "of"
            and j > 0
            and (words[j - 1] in subject["area"] or quarter_at(words, j - 1, lang) is not None)
        )
    ):
        area = area or words[j] in subject["area"] or quarter_at(words, j, lang) is not None
        j -= 1
    if j >= 0 and words[j] in subject["at"]:
        return True, j
    return area, j + 1


def owner_and_places(
    sentence: str,
    quantity_start: int,
    quantity_end: int,
    sources: list[tuple[int, int]],
    lang: str = "de",
) -> tuple[str | None, set[str]]:
    """The country whose group is counted, and the countries named as places in the sentence.

    The owner is a country word inside the quantity phrase, else the nearest one
    in a short window before it; a country word after a location preposition
    ("nach Russland") or a city is a place, never an owner; one in a source
    mention or right after "laut" ("laut Kreml") names who speaks, not whose group.
    A place that belongs to the speaker ("der Sprecher … in Washington", right
    after a source mention or a role word) or to the dateline is neither.
    """
    lang = lang if lang in ("de", "en") else "de"
    gazetteer = places_module.gazetteer(lang)
    subject = subject_words(lang)
    dateline = _DATELINE.match(sentence)
    dateline_end = dateline.end() if dateline else -1
    tokens = _tokens_with_offsets(sentence)
    words = [token for token, _, _ in tokens]
    source_ends = [
        i
        for i, (_, start, _) in enumerate(tokens)
        if any(b == start or a <= start < b for a, b in sources)
    ]
    places: set[str] = set()
    owner_candidates: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        hit = gazetteer.country_at(words, i)
        if hit is None:
            compound = _compound_place(words[i], lang)
            if compound and not any(a <= tokens[i][1] < b for a, b in sources):
                places.add(compound)
            i += 1
            continue
        country, length = hit
        _, start, _ = tokens[i]
        end = tokens[i + length - 1][2]
        previous = words[i - 1] if i > 0 else ""
        at, first = _located(words, i, subject, lang)
        speaker = start < dateline_end or (
            at
            and (
                any(0 < first - j <= _SPEAKER_PLACE_WINDOW for j in source_ends)
                or any(
                    w in subject["role"]
                    for w in words[max(0, first - _SPEAKER_PLACE_WINDOW) : first]
                )
            )
        )
        quarter = next(
            (q for k in range(first, i) if (q := quarter_at(words, k, lang)) is not None), None
        )
        i += length
        phrase = tuple(words[i - length : i])
        if speaker or any(a <= start < b for a, b in sources):
            continue  # where the speaker sits, or who speaks ("die „New York Times“")
        if at and not places_module.is_name(phrase, lang):
            after = quarter_at(words, i, lang) if i < len(words) else None
            if after is not None:  # "im chinesischen Südwesten": that part of the country
                places.add(f"{country}/{after[0]}")
            continue  # "nach britischen Angaben": an adjective after a preposition is neither
        if at and quarter is not None:  # "im Süden Äthiopiens", "in northern Ethiopia"
            places.add(f"{country}/{quarter[0]}")
            continue
        if at or places_module.is_city(phrase, lang):
            places.add(country)
            continue
        if previous in subject["cue"]:
            continue
        if quantity_start <= start and end <= quantity_end:
            distance = 0
        elif end <= quantity_start and quantity_start - end <= _OWNER_WINDOW_BEFORE:
            distance = quantity_start - end
        else:
            continue
        owner_candidates.append((distance, country))
    owner = min(owner_candidates)[1] if owner_candidates else None
    return owner, places


def is_rate(tokens: list[str], lang: str) -> bool:
    rate = subject_words(lang if lang in ("de", "en") else "de")["rate"]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    return bool(rate.intersection(tokens) or rate & pairs)


def report_countries(text: str, lang: str | None, top: int = 2) -> frozenset[str]:
    """The countries a report names most often, counted once per paragraph.

    A country named in less than half as many paragraphs as the most named one is
    mentioned in passing ("die griechisch-orthodoxe Kirche"), not what the report is about.
    """
    counts = Counter(
        code for paragraph in text.split("\n") for code in countries_in(paragraph, lang)
    )
    most = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]  # stable on ties
    return frozenset(code for code, n in most if 2 * n >= most[0][1])


def countries_in(text: str, lang: str | None) -> set[str]:
    """The countries a text names (ISO codes), by the gazetteer of its language."""
    gazetteer = places_module.gazetteer(lang if lang in ("de", "en") else "de")
    return gazetteer.countries_in(lexicon.words(text))
