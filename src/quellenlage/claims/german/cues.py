"""Cue detection: verbs of saying/thinking/writing, according-to phrases, cue nouns.

Cues are found by lemma first and by word form second (the lemmatizer is small), so a
misparsed sentence still yields its cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from quellenlage.claims.german import vocabulary
from quellenlage.lang import load
from quellenlage.records import Medium

_DE = load("de")

CueKind = Literal["verb", "so", "preposition", "noun_colon", "speaker_colon"]

_VERB_TAGS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU", "VAFIN", "VMFIN"})
_PARTICLES = _DE.words("verb_particles")
#: Strong and mixed verb forms the lemmatizer may miss -> base lemma.
_IRREGULAR_FORMS: dict[str, str] = _DE.mapping("irregular_verb_forms")
#: Verbs that only become cues with a cue noun in their clause ("zu dem Ergebnis kommen").
_NOUN_VERBS = _DE.words("noun_cue_verbs")
_NOUN_VERB_NOUNS = _DE.words("noun_cue_nouns")


@dataclass
class Cue:
    """A cue found in a unit: its tokens, what kind it is, and what it says about the claim."""

    kind: CueKind
    head: Token
    tokens: list[Token]
    lemma: str
    medium: Medium = "unknown"
    denial: bool = False
    hedge: bool = False


def _regular_base(form: str) -> str | None:
    """Guess the infinitive of a regular finite form or participle ("erklärten" -> "erklären")."""
    candidates = []
    word = form
    if word.startswith("ge") and word.endswith("t") and len(word) > 5:
        candidates.append(word[2:-1] + "en")
    for suffix in ("eten", "ete", "ten", "te", "et", "en", "t", "e", "st"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            candidates.extend([stem + "en", stem + "n"])
    if word.endswith("t") and len(word) > 4:
        candidates.append(word[:-1] + "en")
    for candidate in candidates:
        if candidate in vocabulary.CUE_VERBS or candidate in _BASES:
            return candidate
    return None


#: Base verbs of the separable cue verbs ("teilen" for "mitteilen").
_BASES: dict[str, set[str]] = {}
for _verb in vocabulary.CUE_VERBS:
    for _particle in sorted(_PARTICLES, key=len, reverse=True):
        if _verb.startswith(_particle) and len(_verb) - len(_particle) >= 4:
            _BASES.setdefault(_verb[len(_particle) :], set()).add(_verb)
            break


def _particle_of(token: Token, limit: int) -> Token | None:
    for child in token.children:
        if child.dep_ == "compound:prt" or child.tag_ == "PTKVZ":
            return child
    doc = token.doc
    if token.tag_ in {"VVPP", "VVINF"} and token.i > 0:
        before = doc[token.i - 1]  # "bekannt gegeben", "voraus gesagt"
        if before.lower_ in _PARTICLES and before.pos_ not in {"ADP", "DET"}:
            return before
    for index in range(token.i + 1, limit):
        candidate = doc[index]
        if candidate.text in {",", ":", ";"}:
            break
        if candidate.lower_ not in _PARTICLES:
            continue
        following = doc[index + 1] if index + 1 < len(doc) else None
        at_clause_end = following is None or following.text in {",", ":", ";", ".", "„", '"', "»"}
        if candidate.tag_ == "PTKVZ" or (at_clause_end and candidate.pos_ != "DET"):
            return candidate
    return None


def _separable_participle(form: str) -> str | None:
    """ "vorgeworfen" -> "vorwerfen", "nachgesagt" -> "nachsagen": the participle of a
    separable verb is particle + "ge" + the base verb's participle, irregular ones too."""
    position = form.find("ge", 2)
    while position > 0:
        rest = form[position:]
        base = _IRREGULAR_FORMS.get(rest) or _regular_base(rest)
        if base is not None and form[:position] + base in vocabulary.CUE_VERBS:
            return form[:position] + base
        position = form.find("ge", position + 1)
    return None


def verb_cue(token: Token, limit: int) -> Cue | None:
    """A cue for a verb token, joining a separable particle ("teilte … mit")."""
    if token.tag_ not in _VERB_TAGS and token.pos_ != "VERB":
        return None
    if token.is_title and token.i > 0 and token.doc[token.i - 1].pos_ in {"DET", "ADP"}:
        return None  # a nominalised verb ("das Sagen")
    lower = token.lower_
    base = token.lemma_.lower()
    if base not in vocabulary.CUE_VERBS and base not in _BASES and base not in _NOUN_VERBS:
        base = _IRREGULAR_FORMS.get(lower) or _regular_base(lower) or base
    particle = _particle_of(token, limit)
    tokens = [token]
    lemma = base
    if particle is not None and particle.lower_ + base in vocabulary.CUE_VERBS:
        lemma = particle.lower_ + base
        tokens.append(particle)
    elif base not in vocabulary.CUE_VERBS:
        # A participle or infinitive of a separable verb is one word: "mitgeteilt".
        for prefix in _PARTICLES:
            if lower.startswith(prefix) and prefix + (
                _regular_base(lower[len(prefix) :]) or ""
            ) in (vocabulary.CUE_VERBS):
                lemma = prefix + (_regular_base(lower[len(prefix) :]) or "")
                break
    if lemma not in vocabulary.CUE_VERBS and token.tag_ in {"VVPP", "VVFIN", "ADJD"}:
        lemma = _separable_participle(lower) or lemma
    if lemma not in vocabulary.CUE_VERBS and lemma in _BASES:
        return None  # "teilen" without "mit" is not a cue
    if lemma not in vocabulary.CUE_VERBS:
        return None
    return Cue(
        kind="verb",
        head=token,
        tokens=sorted(tokens, key=lambda t: t.i),
        lemma=lemma,
        medium=vocabulary.CUE_VERBS[lemma],
        denial=lemma in vocabulary.DENIAL_VERBS,
        hedge=lemma in vocabulary.HEDGE_VERBS,
    )


def noun_verb_cue(token: Token, clause: tuple[int, int]) -> Cue | None:
    """ "zu dem Ergebnis kommen", "der Meinung sein", "die Ansicht vertreten"."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = _IRREGULAR_FORMS.get(token.lower_) or token.lemma_.lower()
    if lemma not in _NOUN_VERBS or token.dep_ in {"aux", "aux:pass"}:
        return None
    doc = token.doc
    if lemma == "sein" and any(doc[k].tag_ == "VVPP" for k in range(*clause)):
        return None  # "seien … gekommen": the auxiliary of another verb
    for index in range(clause[0], clause[1]):
        candidate = doc[index]
        if candidate.pos_ == "NOUN" and candidate.lower_ in _NOUN_VERB_NOUNS:
            if abs(candidate.i - token.i) > 6:
                continue
            following = doc[candidate.i + 1] if candidate.i + 1 < len(doc) else None
            if following is not None and following.lower_ == "nach":
                continue  # "seiner Meinung nach" is an according-to phrase
            if lemma == "sein" and (candidate.i == 0 or doc[candidate.i - 1].lower_ != "der"):
                continue  # "der Meinung sein" needs its genitive article
            return Cue(
                kind="verb",
                head=token,
                tokens=sorted([candidate, token], key=lambda t: t.i),
                lemma=f"{candidate.lower_} {lemma}",
                medium="thought",
            )
    return None


def is_cue_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and _noun_lemma(token) in vocabulary.CUE_NOUNS


def _noun_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in vocabulary.CUE_NOUNS or lemma in vocabulary.ACCORDING_NOUNS:
        return lemma
    lower = token.lower_
    if lower.endswith(("nisse", "nissen")):  # "Erkenntnissen" -> "erkenntnis"
        stem = lower[: lower.rindex("nisse") + 3]
        if stem in vocabulary.CUE_NOUNS or stem in vocabulary.ACCORDING_NOUNS:
            return stem
    for suffix in ("en", "n", "e", "s"):
        stem = lower[: -len(suffix)]
        if lower.endswith(suffix) and (
            stem in vocabulary.CUE_NOUNS or stem in vocabulary.ACCORDING_NOUNS
        ):
            return stem
    return lower


def noun_lemma(token: Token) -> str:
    """The lemma of a cue noun, robust to lemmatizer misses ("Angaben" -> "angabe")."""
    return _noun_lemma(token)
