"""The English attribution vocabulary, read from the data files in ``quellenlage/lang/en/``.

- ``reporting_verbs.json``: lemma → medium and flags (``object_content``: the direct object is
  what is attributed, "denied the report"; ``addressee``: the object is who is told;
  ``evidence``: "show", "find" only count with a clause; ``quote_only``: "continued", "asked"
  only frame quotes; ``infinitive``: intention and directive verbs whose infinitive is what
  is attributed, "vowed to …", "urged X to …"; ``predicative``: only with a predicate after
  the object, "called the plan a failure"; ``denial``; ``hedge``);
- ``reporting_nouns.json``: nouns that carry a claim ("a report by", "the claim that") → medium;
- ``hedges.txt``: words that make a claim uncertain; ``hedge_frames.txt``: hedging frame verbs;
- ``source_kinds.json``: words that tell what kind of source a mention is;
- ``attitude_adjectives.json``: predicates read like reporting verbs ("is confident that");
- ``support_verbs.txt``: verbs whose subject is the source of their reporting-noun object
  ("expressed concern that");
- ``attribution_function_words.json``, ``pronoun_sources.json``, ``irregular_verb_forms.json``:
  closed-class words, pronoun sources (kind, gender) and irregular verb forms;
- ``gendered_words.json``: titles and nouns that tell a person's gender ("Ms.", "spokesman"),
  for pronouns and descriptions; first names come from the census lists of ``names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from quellenlage import lang
from quellenlage.records import Medium, SourceKind


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    medium: Medium
    flags: frozenset[str]


@cache
def _verbs() -> dict[str, VerbEntry]:
    table = lang.load("en").mapping("reporting_verbs")
    return {
        lemma: VerbEntry(lemma, entry["medium"], frozenset(entry["flags"]))
        for lemma, entry in table.items()
    }


@cache
def function_words(group: str) -> frozenset[str]:
    """Closed-class words the frames test for (``attribution_function_words.json``):
    question words, relative pronouns, determiners, the prepositions of object content …"""
    return lang.load("en").groups("attribution_function_words")[group]


@cache
def pronoun_sources() -> dict[str, dict[str, str | None]]:
    """Pronouns a source can be: ``kind`` (person or group) and ``gender`` (or None)."""
    return lang.load("en").mapping("pronoun_sources")


@cache
def _gendered_words() -> dict[str, frozenset[str]]:
    return lang.load("en").groups("gendered_words")


@cache
def _first_name_genders() -> dict[str, str]:
    """First names of the US census lists (the ``names`` package) that are clearly one
    gender: in one list only, or at least four times as frequent in it."""
    import names

    folder = Path(names.__file__).resolve().parent
    shares: dict[str, dict[str, float]] = {}
    for gender in ("male", "female"):
        with (folder / f"dist.{gender}.first").open(encoding="utf-8") as lines:
            for line in lines:
                parts = line.split()
                if len(parts) >= 2:
                    shares.setdefault(parts[0].lower(), {})[gender] = float(parts[1])
    found = {}
    for name, share in shares.items():
        male, female = share.get("male", 0.0), share.get("female", 0.0)
        if male >= 4 * female:
            found[name] = "male"
        elif female >= 4 * male:
            found[name] = "female"
    return found


def gender_of(name: str, words: frozenset[str] = frozenset()) -> str | None:
    """``male``/``female`` for a person mention from its title or description words
    ("Ms.", "spokeswoman") or its first name; None when unknown."""
    gendered = _gendered_words()
    tokens = {w.lower() for w in name.split()} | words
    for gender in ("female", "male"):
        if tokens & gendered[gender]:
            return gender
    titles = kind_words("person")
    for word in name.split():  # the first word after the titles is the first name
        lower = word.lower().rstrip(".")
        if lower not in titles:
            return _first_name_genders().get(lower)
    return None


@cache
def _irregular() -> dict[str, str]:
    """Irregular verb forms the lemmatizer may leave alone in odd text (headlines, caps)."""
    return lang.load("en").mapping("irregular_verb_forms")


@cache
def hedge_words() -> frozenset[str]:
    return lang.load("en").words("hedges")


@cache
def hedge_frames() -> frozenset[str]:
    return lang.load("en").words("hedge_frames")


@cache
def adverbial_conjunctions() -> frozenset[str]:
    return lang.load("en").words("adverbial_conjunctions")


@cache
def reporting_nouns() -> dict[str, Medium]:
    return lang.load("en").mapping("reporting_nouns")


@cache
def support_verbs() -> frozenset[str]:
    return lang.load("en").words("support_verbs")


@cache
def _kind_words() -> dict[str, frozenset[str]]:
    return lang.load("en").groups("source_kinds")


@cache
def time_words() -> frozenset[str]:
    """Weekdays, months and relative days ("said Tuesday", "told reporters yesterday")."""
    data = lang.load("en")
    return frozenset(
        [*data.mapping("weekdays"), *data.mapping("months"), *data.mapping("relative_days")]
    )


def kind_words(kind: str) -> frozenset[str]:
    """The words that mark a source of ``kind`` ("spokesman" for persons …)."""
    return _kind_words()[kind]


def lemma_of(token: Token) -> str:
    lower = token.lower_
    irregular = _irregular()
    if lower in irregular:
        return irregular[lower]
    return token.lemma_.lower() or lower


def stems(word: str) -> tuple[str, ...]:
    """Base forms an inflected English word may have, most likely first ("debated" →
    "debate", "debat"; "slammed" → "slam"; "worries" → "worry"): for a lemma the
    lemmatizer got wrong, checked against the vocabulary."""
    found = [word]
    for suffix, replacements in (
        ("ied", ("y",)),
        ("ies", ("y",)),
        ("ed", ("e", "")),
        ("es", ("e", "")),
        ("ing", ("e", "")),
        ("s", ("",)),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            for replacement in replacements:
                found.append(base + replacement)
            if replacements[-1] == "" and len(base) > 2 and base[-1] == base[-2]:
                found.append(base[:-1])  # "slammed" → "slam"
            break
    return tuple(found)


def _lookup(token: Token, table: dict):
    """The entry of ``token``'s lemma in ``table``, else of a base form of the word."""
    lemma = lemma_of(token)
    if lemma in table:
        return lemma
    return next((stem for stem in stems(token.lower_) if stem in table), lemma)


def verb_entry(token: Token) -> VerbEntry | None:
    """The reporting-verb entry of ``token``, phrasal verbs ("point out", "call for") first."""
    if token.pos_ not in ("VERB", "AUX") and not (token.is_title and token.pos_ == "PROPN"):
        return None
    verbs = _verbs()
    lemma = _lookup(token, verbs)
    for child in token.children:
        if child.dep_ in ("compound:prt", "prt"):
            particle = child.lower_
        elif child.dep_ in ("obl", "advcl") and _particle_next(token, child):
            particle = _case(child)  # "called for talks", "called Friday for ending the ban"
        else:
            continue
        phrasal = verbs.get(f"{lemma} {particle}")
        if phrasal:
            return phrasal
    return verbs.get(lemma)


@cache
def _adjectives() -> dict[str, VerbEntry]:
    table = lang.load("en").mapping("attitude_adjectives")
    return {
        lemma: VerbEntry(lemma, entry["medium"], frozenset(entry["flags"]))
        for lemma, entry in table.items()
    }


def adjective_entry(token: Token) -> VerbEntry | None:
    """The entry of an attitude adjective used as a predicate ("is confident that …",
    "are worried about …"), read like a reporting verb."""
    if token.pos_ != "ADJ" or not any(c.dep_ == "cop" for c in token.children):
        return None
    return _adjectives().get(token.lower_)


def verb_entry_any(token: Token) -> VerbEntry | None:
    """The reporting-verb entry of a word whatever its tag (for text around quotes)."""
    if not any(char.isalpha() for char in token.text):
        return None
    verbs = _verbs()
    return verbs.get(_lookup(token, verbs)) if token.pos_ not in ("NOUN", "ADJ", "DET") else None


def headline_cue(token: Token) -> bool:
    """A reporting verb in the present or simple past that can close a headline ("…, Union
    Says", "…, Officials Warn", "…, Minister Said"); not a verb that only frames quotes."""
    entry = verb_entry_any(token)
    if entry is None or "quote_only" in entry.flags or entry.medium == "thought":
        return False
    lower = token.lower_
    return lower in _irregular() or lower.endswith("s") or lower == entry.lemma


def _particle_next(verb: Token, oblique: Token) -> bool:
    """Whether the preposition of ``oblique`` follows ``verb`` closely, before any object
    ("called on X to …", not "called her office on Monday")."""
    case = next((c for c in oblique.children if c.dep_ in ("case", "mark") and c.i > verb.i), None)
    if case is None or case.i - verb.i > 3:
        return False
    return not any(c.dep_ in ("obj", "iobj") and verb.i < c.i < case.i for c in verb.children)


def _case(token: Token) -> str:
    """The preposition of an oblique, or the one that marks a gerund clause."""
    return next(
        (
            c.lower_
            for c in token.children
            if c.dep_ == "case" or (c.dep_ == "mark" and token.tag_ == "VBG")
        ),
        "",
    )


def noun_medium(token: Token) -> Medium | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    nouns = reporting_nouns()
    return nouns.get(_lookup(token, nouns))


def source_kind(text: str, label: str | None = None) -> SourceKind:
    """What kind of source a mention is, from its words and, failing that, its entity label."""
    lower = text.lower().strip()
    words = set(re.findall(r"[\w.]+", lower))
    kinds = _kind_words()
    pronouns = pronoun_sources()
    if lower in pronouns:
        return pronouns[lower]["kind"]  # type: ignore[return-value]
    for kind in ("agency", "person", "media", "organisation"):
        if words & kinds[kind]:
            # "the Justice Department spokesman" is a person; "Defence Ministry" an organisation.
            if kind == "organisation" and label == "PER":
                return "person"
            return kind  # type: ignore[return-value]
    if label == "LOC":
        return "state"
    if words & kinds["group"]:
        return "group"
    if words & kinds["document"]:
        return "document"
    if label == "PER":
        return "person"
    if label == "ORG":
        return "organisation"
    names = re.findall(r"\b[A-Z][a-z]+", text)
    return "person" if len(names) >= 2 else "unknown"
