"""Form-based Konjunktiv detection for German finite verbs.

The statistical morphologizer misses many Konjunktiv forms (``Mood=Sub``) because they are rare
in the little training data. A verb form, however, often tells its mood by itself: "gebe",
"seien", "habe", "hätten", "würde", "entspräche" are Konjunktiv forms that differ from the
indicative of the same person, whereas "haben" (3rd plural) or "erklärten" are the same in
both moods. This component conjugates the verb's lemma with ``ablaut`` and decides:

- the form is a Konjunktiv I/II form of its person and *not* the indicative one → that mood;
- the form is the indicative one and no Konjunktiv form of its person → indicative;
- otherwise (ambiguous, or the form is unknown to the lemma's paradigm) the tagger's
  ``Mood`` decides.

The person comes from the subject ("er habe" → 3rd singular), else from the morphologizer.
When the lemmatizer's lemma is unknown, a ``VerbLexicon`` of known infinitives (saved with the
pipeline) finds the verbs whose paradigm contains the form ("entspräche" → "entsprechen"); it
also rescues lowercase Konjunktiv-only forms that the tagger took for nouns or adjectives.

It sets ``token._.konjunktiv`` to ``"I"``, ``"II"`` or ``None`` and writes the decided mood back
into ``token.morph`` so that ``Mood=Sub`` and ``_.konjunktiv`` agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ablaut
from spacy.language import Language
from spacy.tokens import Doc, Token

from quellenlage.lang import load

_DE = load("de")

#: ablaut's paradigm rows are [ich, du, er/sie/es, wir, ihr, sie].
SLOTS = {
    ("1", "Sing"): 0,
    ("2", "Sing"): 1,
    ("3", "Sing"): 2,
    ("1", "Plur"): 3,
    ("2", "Plur"): 4,
    ("3", "Plur"): 5,
}

#: Subject pronouns that fix person and number when the morphologizer gives none.
PRONOUN_SLOTS = _DE.mapping("pronoun_slots")

FINITE_TAGS = {"VVFIN", "VAFIN", "VMFIN"}

if not Token.has_extension("konjunktiv"):
    Token.set_extension("konjunktiv", default=None)


@dataclass(frozen=True)
class Paradigm:
    """The finite forms of one verb per person slot, lower-cased. A slot holds one form, or
    two for separable verbs: "stelle" (main clause) and "darstelle" (subordinate clause)."""

    present: tuple[frozenset[str], ...]
    preterite: tuple[frozenset[str], ...]
    konjunktiv1: tuple[frozenset[str], ...]
    konjunktiv2: tuple[frozenset[str], ...]

    def all_forms(self) -> set[str]:
        rows = (self.present, self.preterite, self.konjunktiv1, self.konjunktiv2)
        return {form for row in rows for slot in row for form in slot}


def _slot_forms(row: list[str]) -> tuple[frozenset[str], ...]:
    slots = []
    for form in row:
        words = form.lower().split()
        # Separable verbs come as "stelle dar": finite word alone, or particle + finite word.
        joined = {words[-1] + words[0]} if len(words) == 2 else set()
        slots.append(frozenset({words[0], *joined}))
    return tuple(slots)


@lru_cache(maxsize=8192)
def paradigm(lemma: str) -> Paradigm | None:
    """Conjugate ``lemma`` (an infinitive); ``None`` if ablaut cannot."""
    lemma = lemma.strip().lower()
    if not lemma.endswith("n") or not lemma.isalpha():
        return None
    try:
        table = ablaut.conjugate(lemma)
    except ValueError:
        return None
    return Paradigm(
        present=_slot_forms(table.present),
        preterite=_slot_forms(table.preterite),
        konjunktiv1=_slot_forms(table.konjunktiv1),
        konjunktiv2=_slot_forms(table.konjunktiv2),
    )


def classify_form(form: str, lemma: str, slots: list[int]) -> str | None:
    """Return ``"I"``/``"II"`` for a distinct Konjunktiv form, ``"Ind"`` for a distinct
    indicative form, ``"ambiguous"`` if the form belongs to both moods, and ``None`` if the
    form is not in the lemma's paradigm at these person slots."""
    table = paradigm(lemma)
    if table is None:
        return None
    form = form.lower()
    verdicts = set()
    for slot in slots:
        indicative = form in table.present[slot] or form in table.preterite[slot]
        konj1 = form in table.konjunktiv1[slot]
        konj2 = form in table.konjunktiv2[slot]
        if indicative and (konj1 or konj2):
            verdicts.add("ambiguous")
        elif konj1:
            verdicts.add("I")
        elif konj2:
            verdicts.add("II")
        elif indicative:
            verdicts.add("Ind")
    if not verdicts:
        return None
    return verdicts.pop() if len(verdicts) == 1 else "ambiguous"


def person_slots(token: Token) -> list[int]:
    """Person/number slots of a finite verb: from its subject, else from its morphology.

    The subject comes first because the tagger confuses exactly the forms that matter:
    "habe" and "werde" are 1st person indicative or 3rd person Konjunktiv I.
    """
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "expl"):
            if child.lower_ in PRONOUN_SLOTS:
                return [PRONOUN_SLOTS[child.lower_]]
            if any(grandchild.dep_ == "conj" for grandchild in child.children):
                return [SLOTS[("3", "Plur")]]
            number = child.morph.get("Number")
            if number and child.lower_ != "sie":
                return [SLOTS[("3", number[0])]] if ("3", number[0]) in SLOTS else [2, 5]
            return [2, 5]
    for neighbour in (token.nbor(-1) if token.i > 0 else None, _next_token(token)):
        # Unattached pronoun right before or after the verb: "Er habe", "habe er".
        if neighbour is not None and neighbour.lower_ in PRONOUN_SLOTS:
            return [PRONOUN_SLOTS[neighbour.lower_]]
    person = token.morph.get("Person")
    number = token.morph.get("Number")
    if person == ["1"] and not any(t.lower_ in ("ich", "wir") for t in token.sent):
        # The tagger's favourite error on "habe", "werde"; news rarely speaks in 1st person.
        return [SLOTS[("3", number[0])]] if number and number[0] in ("Sing", "Plur") else [2, 5]
    if person and number and (person[0], number[0]) in SLOTS:
        return [SLOTS[(person[0], number[0])]]
    return list(range(6))


def _next_token(token: Token) -> Token | None:
    return token.nbor(1) if token.i + 1 < len(token.doc) else None


def is_finite_verb(token: Token, lexicon: VerbLexicon | None = None) -> bool:
    """A finite verb by its tag or features; with a lexicon, also a mistagged word whose form
    can only be a Konjunktiv of a known verb."""
    if token.tag_ in FINITE_TAGS or (
        token.pos_ in ("VERB", "AUX") and token.morph.get("VerbForm") == ["Fin"]
    ):
        return True
    # A lowercase word mistagged as noun, adjective or infinitive ("entspräche", "fänden") that
    # can only be a Konjunktiv form of a known verb.
    return (
        lexicon is not None
        and token.text.islower()
        and token.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "AUX", "X")
        and lexicon.is_konjunktiv_only(token.text)
    )


def candidate_lemmas(token: Token, lexicon: VerbLexicon | None) -> list[str]:
    """The token's lemma first, then infinitives whose paradigm contains the form."""
    form = token.lower_.replace("ß", "ss") if "ß" in token.lower_ else token.lower_
    known = lexicon.infinitives_of(form) if lexicon is not None else []
    # The lemmatizer's guess first when the lexicon knows it, else the lexicon's verbs first:
    # an unknown lemma ("verhandlen") conjugates into nonsense that matches anything.
    if lexicon is not None and token.lemma_.lower() not in lexicon.infinitive_set and known:
        candidates = [*known, token.lemma_]
    else:
        candidates = [token.lemma_, *known]
    if (form.endswith("e") and not form.endswith("te")) or form == "sei":
        # "verfüge" → "verfügen", "sei" → "sein": the infinitive of most Konjunktiv I forms.
        # Not for "-te": "mußte" would become a weak verb "mußten" with Konjunktiv "mußte".
        candidates.append(form + "n")
    return list(dict.fromkeys(candidates))


def konjunktiv_of(token: Token, lexicon: VerbLexicon | None = None) -> str | None:
    """Decide ``"I"``, ``"II"`` or ``None`` for one token (see the module docstring)."""
    if not is_finite_verb(token, lexicon):
        return None
    slots = person_slots(token)
    verdict = None
    form = token.lower_.replace("ß", "ss")  # old spelling: "müßte" → "müsste"
    for lemma in candidate_lemmas(token, lexicon):
        verdict = classify_form(form, lemma, slots) or classify_form(token.lower_, lemma, slots)
        if verdict is not None:
            break
    if verdict in ("I", "II"):
        return verdict
    if verdict == "Ind" or token.morph.get("Mood") != ["Sub"]:
        return None
    # The tagger says Konjunktiv and the form does not contradict it.
    table = paradigm(token.lemma_)
    if table is not None and any(token.lower_ in slot for slot in table.konjunktiv1):
        return "I"
    if table is not None and any(token.lower_ in slot for slot in table.konjunktiv2):
        return "II"
    return "II" if token.morph.get("Tense") == ["Past"] else "I"


class VerbLexicon:
    """Known German infinitives, indexed by each of their finite forms.

    It rescues forms whose lemma the statistical lemmatizer got wrong ("entspräche" →
    "entspräche"): the form is looked up among the paradigms of known verbs instead.
    """

    def __init__(self, infinitives: list[str]) -> None:
        self.infinitives = sorted(set(infinitives))
        self.infinitive_set = frozenset(self.infinitives)
        self._index: dict[str, list[str]] | None = None

    def infinitives_of(self, form: str) -> list[str]:
        if self._index is None:
            self._index = self._build_index()
        return self._index.get(form.lower(), [])

    def is_konjunktiv_only(self, form: str) -> bool:
        """Is ``form`` a Konjunktiv form of a known verb and no infinitive or indicative?"""
        form = form.lower()
        for infinitive in self.infinitives_of(form):
            table = paradigm(infinitive)
            if table is None or form == infinitive:
                return False
            if any(form in slot for slot in (*table.present, *table.preterite)):
                return False
        return bool(self.infinitives_of(form))

    def _build_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for infinitive in self.infinitives:
            table = paradigm(infinitive)
            if table is None:
                continue
            for form in table.all_forms():
                index.setdefault(form, []).append(infinitive)
        return index


def _with_mood(token: Token, mood: str) -> str:
    features = token.morph.to_dict()
    features["Mood"] = mood
    features.setdefault("VerbForm", "Fin")
    return "|".join(f"{k}={v}" for k, v in sorted(features.items()))


class KonjunktivDetector:
    """Pipeline component: sets ``token._.konjunktiv`` and aligns ``Mood`` in ``token.morph``.

    It carries a ``VerbLexicon`` (saved with the pipeline as ``verbs.json``).
    """

    def __init__(self, infinitives: list[str] | None = None) -> None:
        self.lexicon = VerbLexicon(infinitives or [])

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if not is_finite_verb(token, self.lexicon):
                continue
            mood = konjunktiv_of(token, self.lexicon)
            token._.konjunktiv = mood
            current = token.morph.get("Mood")
            if mood and current != ["Sub"]:
                token.set_morph(_with_mood(token, "Sub"))
            elif not mood and current == ["Sub"]:
                token.set_morph(_with_mood(token, "Ind"))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "verbs.json").write_text(
            json.dumps(self.lexicon.infinitives, ensure_ascii=False, indent=0), encoding="utf-8"
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> KonjunktivDetector:
        verbs = Path(path) / "verbs.json"
        self.lexicon = VerbLexicon(json.loads(verbs.read_text(encoding="utf-8")))
        return self


@Language.factory("konjunktiv")
def make_konjunktiv(nlp: Language, name: str) -> KonjunktivDetector:
    return KonjunktivDetector()
