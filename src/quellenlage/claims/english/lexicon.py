"""The English attribution vocabulary, read from the data files in ``quellenlage/lang/en/``.

- ``reporting_verbs.json``: lemma → medium and flags (``object_content``: the direct object is
  what is attributed, "denied the report"; ``addressee``: the object is who is told;
  ``evidence``: "show", "find" only count with a clause; ``quote_only``: "continued", "asked"
  only frame quotes; ``denial``; ``hedge``);
- ``reporting_nouns.json``: nouns that carry a claim ("a report by", "the claim that") → medium;
- ``hedges.txt``: words that make a claim uncertain; ``hedge_frames.txt``: hedging frame verbs;
- ``source_kinds.json``: words that tell what kind of source a mention is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from quellenlage import lang
from quellenlage.records import Medium, SourceKind

#: Past forms the lemmatizer may leave alone in odd text (headlines, all caps).
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "found": "find",
    "felt": "feel",
    "swore": "swear",
    "sworn": "swear",
    "understood": "understand",
    "shown": "show",
}
#: Pronouns a source can be, and whether they name a person.
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "group"}
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


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
def _kind_words() -> dict[str, frozenset[str]]:
    return lang.load("en").groups("source_kinds")


def kind_words(kind: str) -> frozenset[str]:
    """The words that mark a source of ``kind`` ("spokesman" for persons …)."""
    return _kind_words()[kind]


def lemma_of(token: Token) -> str:
    lower = token.lower_
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    return token.lemma_.lower() or lower


def verb_entry(token: Token) -> VerbEntry | None:
    """The reporting-verb entry of ``token``, phrasal verbs ("point out", "call for") first."""
    if token.pos_ not in ("VERB", "AUX") and not (token.is_title and token.pos_ == "PROPN"):
        return None
    lemma = lemma_of(token)
    verbs = _verbs()
    for child in token.children:
        if child.dep_ in ("compound:prt", "prt") or (child.dep_ == "obl" and _case(child)):
            particle = child.lower_ if child.dep_ != "obl" else _case(child)
            phrasal = verbs.get(f"{lemma} {particle}")
            if phrasal:
                return phrasal
    return verbs.get(lemma)


def verb_entry_any(token: Token) -> VerbEntry | None:
    """The reporting-verb entry of a word whatever its tag (for text around quotes)."""
    if not token.is_alpha:
        return None
    return _verbs().get(lemma_of(token)) if token.pos_ not in ("NOUN", "ADJ", "DET") else None


def _case(token: Token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def noun_medium(token: Token) -> Medium | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return reporting_nouns().get(lemma_of(token))


def source_kind(text: str, label: str | None = None) -> SourceKind:
    """What kind of source a mention is, from its words and, failing that, its entity label."""
    lower = text.lower().strip()
    words = set(re.findall(r"[\w.]+", lower))
    kinds = _kind_words()
    if lower in PRONOUNS:
        return "person" if PRONOUNS[lower] == "person" else "group"
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
