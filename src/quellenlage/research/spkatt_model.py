"""The SpkAtt attribution model: learned cue check and source choice after the German rules.

Two logistic models over sparse features of the parse, trained on SpkAtt-2023 (German
Bundestag speeches, CC BY-SA 4.0) by ``python -m training.spkatt``:

* the **cue model** scores a token as the cue of a speech event. A rule claim whose verb cue
  scores below ``cue_threshold`` is dropped — typically a modal "wollen" or a verb the rules
  read as a cue in a sense that reports nothing. Prepositional cues ("laut", "zufolge") are
  left to the rules.
* the **source model** scores each noun phrase of the cue's sentence as the cue's source.
  When the best phrase scores at least ``source_threshold`` and does not overlap the rules'
  source, it replaces it (or fills a missing one): the model decides *which* phrase speaks,
  the rules keep deciding where a phrase they chose begins and ends.

* **added claims**: a full verb the cue model scores at least ``add_threshold`` that no claim
  covers gets a claim of its own — its clausal complement (or object) as what is said, its
  best-scoring phrase as source.

The three parts (``PARTS``) can be switched on one by one (:meth:`SpkAttModel.with_parts`).
The model file ships in the package (``models/de-attribution-spkatt``) under CC BY-SA 4.0
(share-alike); the code is MIT. It is switched on and off by the pipeline config
(``[components.attribution.spkatt]``) and by ``--spkatt/--no-spkatt`` of the ``eval`` commands.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quellenlage.records import Claim, Mention, Source
from quellenlage.research.spkatt import PTC_TAGS

FORMAT = "quellenlage-spkatt-attribution/1"
BUNDLED = Path(__file__).parent / "models" / "de-attribution-spkatt"
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN"})
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Dependents that are never a phrase of their own (articles, case markers, name parts).
NOT_HEADS = frozenset({"det", "det:poss", "case", "flat", "flat:name", "compound", "fixed"})
QUOTE_MARKS = frozenset('„“”"»«‚‘')
#: The parts of the model, each switched on and off on its own.
PARTS = ("cue", "source", "add")
OFF = 1.01  # a threshold no probability reaches
NEW_SOURCE_THRESHOLD = 0.5  # an added claim takes the best phrase if the model is this sure
KIND_OF_ENTITY = {"PER": "person", "ORG": "organisation", "LOC": "state"}


class SpkAttModelError(ValueError):
    """A model folder or file is missing or not in the expected format."""


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _morph(token: Any, key: str) -> str:
    values = token.morph.get(key)
    return values[0] if values else "-"


def _word(token: Any) -> str:
    """A pronoun as itself ("ich", "wir", "man"), any other word as its part of speech."""
    return token.lemma_.lower() if token.pos_ == "PRON" else token.pos_


def cue_candidates(doc: Any) -> list[Any]:
    """Tokens that may be a cue: verbs, nouns, names and adpositions ("laut", "zufolge")."""
    return [t for t in doc if t.pos_ in CUE_POS]


def cue_features(token: Any) -> list[str]:
    """Sparse features of ``token`` as a possible cue."""
    lemma = token.lemma_.lower()
    deps = sorted({c.dep_ for c in token.children if c.dep_ != "punct"})
    marks = sorted({g.lower_ for c in token.children for g in c.children if g.dep_ == "mark"})
    subject = next((c for c in token.children if c.dep_.startswith("nsubj")), None)
    if subject is None and token.dep_.startswith("aux"):
        subject = next((c for c in token.head.children if c.dep_.startswith("nsubj")), None)
    sentence = token.sent
    after = token.doc[token.i + 1] if token.i + 1 < sentence.end else None
    complement_mood = sorted(
        {_morph(c, "Mood") for c in token.children if c.dep_ in ("ccomp", "parataxis")}
    )
    features = [
        "bias",
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma_dep={lemma}|{token.dep_}",
        f"lemma_tag={lemma}|{token.tag_}",
        f"suffix={lemma[-4:]}|{token.pos_}",
        f"head={token.head.lemma_.lower()}|{token.dep_}",
        f"head_tag={token.head.tag_}|{token.tag_}",
        f"subject={_word(subject) if subject is not None else '-'}",
        f"subject_person={_morph(subject, 'Person') if subject is not None else '-'}",
        f"after={after.text if after is not None and after.is_punct else 'word'}",
        f"quote_in_sentence={any(t.text in QUOTE_MARKS for t in sentence)}",
        f"complement_mood={'+'.join(complement_mood) or '-'}",
        f"marks={'+'.join(marks) or '-'}",
        f"lemma_marks={lemma}|{'+'.join(marks) or '-'}",
    ]
    features += [f"child={d}" for d in deps]
    features += [f"lemma_child={lemma}|{d}" for d in deps if d in ("ccomp", "xcomp", "obj", "obl")]
    return features


def _outermost(token: Any) -> bool:
    """No other noun phrase lies between ``token`` and the verb it belongs to: "Angaben" in
    "Nach Angaben der Zeitung" is a phrase of its own, "Zeitung" is inside it."""
    head = token
    while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
        if head.pos_ in CANDIDATE_POS and head.dep_ not in NOT_HEADS:
            return False
    return True


def source_candidates(cue: Any) -> list[Any]:
    """Heads of the outermost noun phrases of the cue's sentence, left to right (no cue word)."""
    return [
        t
        for t in cue.sent
        if t.pos_ in CANDIDATE_POS and t.dep_ not in NOT_HEADS and t.i != cue.i and _outermost(t)
    ]


def _trimmed(token: Any) -> bool:
    """Edge tokens a phrase drops: spaces and punctuation, but not a quote mark of a title
    (Der Sender „Silverbird“)."""
    return token.is_space or (token.is_punct and token.text not in QUOTE_MARKS)


def phrase(head: Any) -> Any:
    """The noun phrase of ``head``: its subtree within the sentence, edge punctuation trimmed."""
    sentence = head.sent
    start, end = max(head.left_edge.i, sentence.start), min(head.right_edge.i + 1, sentence.end)
    doc = head.doc
    while end > start + 1 and _trimmed(doc[end - 1]):
        end -= 1
    while start < end - 1 and _trimmed(doc[start]):
        start += 1
    return doc[start:end]


def _relation(head: Any, cue: Any) -> str:
    if head.head.i == cue.i:
        return "child"
    if head.head.i == cue.head.i and cue.dep_ != "ROOT":
        return "sibling"
    if cue.head.i == head.i:
        return "parent"
    if head.head.head.i == cue.i:
        return "grandchild"
    return "other"


def source_features(head: Any, cue: Any, claim: Claim) -> list[str]:
    """Sparse features of the phrase headed by ``head`` as the source of ``cue``."""
    span = phrase(head)
    rule = claim.source.span if claim.source is not None else None
    is_rule = bool(rule and span.start_char < rule[1] and rule[0] < span.end_char)
    in_content = claim.span[0] <= head.idx < claim.span[1]
    relation = _relation(head, cue)
    cue_lemma = cue.lemma_.lower()
    word = _word(head)
    distance = _bucket(abs(head.i - cue.i), (1, 2, 4, 8, 16))
    return [
        "bias",
        f"dep={head.dep_}",
        f"relation={relation}",
        f"relation_dep={relation}|{head.dep_}",
        f"tag={head.tag_}",
        f"word={word}",
        f"word_dep={word}|{head.dep_}",
        f"case={_morph(head, 'Case')}",
        f"person={_morph(head, 'Person')}",
        f"entity={head.ent_type_ or '-'}",
        f"side={'left' if head.i < cue.i else 'right'}",
        f"distance={distance}",
        f"side_distance={'left' if head.i < cue.i else 'right'}|{distance}",
        f"rule={is_rule}",
        f"rule_relation={is_rule}|{relation}",
        f"rule_missing={claim.source is None}",
        f"in_content={in_content}",
        f"in_content_dep={in_content}|{head.dep_}",
        f"cue_dep={cue_lemma}|{head.dep_}",
        f"cue_tag={cue.tag_}|{relation}|{head.dep_}",
        f"length={_bucket(len(span), (1, 2, 4, 8))}",
        f"mode={claim.mode}|{relation}",
    ]


def cue_tokens(claim: Claim, doc: Any) -> list[Any]:
    """The tokens of the claim's cue that can be a cue head."""
    if claim.cue is None:
        return []
    tokens = []
    for start, end in claim.cue.parts or (claim.cue.span,):
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens += [t for t in span if t.pos_ in CUE_POS] if span is not None else []
    return tokens


def main_cue(tokens: Sequence[Any]) -> Any | None:
    """The cue's main word: its first full verb, else its first word."""
    return next((t for t in tokens if t.pos_ == "VERB"), tokens[0] if tokens else None)


def _index(token: Any) -> int:
    return token.i


def _is_complement(token: Any) -> bool:
    """A clause said by its verb: "sagte, dass …", "sagte: …", "fragt, ob …"."""
    if token.dep_ in ("ccomp", "parataxis"):
        return True
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
    return token.dep_ == "advcl" and bool(marks & {"dass", "ob"})


def _probability(weights: dict[str, float], features: Sequence[str]) -> float:
    score = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True, slots=True)
class SpkAttModel:
    """Cue and source weights, their thresholds, and what the model was trained on."""

    cue_weights: dict[str, float]
    source_weights: dict[str, float]
    cue_threshold: float
    source_threshold: float
    add_threshold: float = OFF
    metadata: dict[str, Any] = dataclasses.field(default_factory=dict)

    def with_parts(self, parts: Iterable[str]) -> SpkAttModel:
        """This model using only ``parts`` (of ``PARTS``); the others switched off."""
        parts = set(parts)
        if unknown := parts - set(PARTS):
            raise SpkAttModelError(f"unknown SpkAtt model part(s) {sorted(unknown)}: use {PARTS}")
        return dataclasses.replace(
            self,
            cue_threshold=self.cue_threshold if "cue" in parts else 0.0,
            source_threshold=self.source_threshold if "source" in parts else OFF,
            add_threshold=self.add_threshold if "add" in parts else OFF,
        )

    def cue_probability(self, token: Any) -> float:
        return _probability(self.cue_weights, cue_features(token))

    def best_source(self, claim: Claim, cue: Any) -> tuple[Any, float] | None:
        """The best-scoring candidate phrase for ``cue`` and its probability."""
        scored = [
            (_probability(self.source_weights, source_features(h, cue, claim)), h.i, h)
            for h in source_candidates(cue)
        ]
        if not scored:
            return None
        probability, _, head = max(scored)
        return phrase(head), probability

    def revise(self, claim: Claim, doc: Any) -> Claim | None:
        """The claim with the learned source, the claim unchanged, or None when dropped."""
        if claim.mode == "assertion" or claim.cue is None:
            return claim
        tokens = cue_tokens(claim, doc)
        cue = main_cue(tokens)
        if cue is None:
            return claim
        # only verb cues are checked: "laut", "zufolge", "nach Angaben" are news constructions
        # that parliamentary speech hardly uses, so the model knows too little of them
        verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
        if verbs and max(self.cue_probability(t) for t in verbs) < self.cue_threshold:
            return None
        best = self.best_source(claim, cue)
        if best is None or best[1] < self.source_threshold:
            return claim
        span, _ = best
        where = (span.start_char, span.end_char)
        rule = claim.source.span if claim.source is not None else None
        if rule is not None and rule[0] < where[1] and where[0] < rule[1]:
            return claim  # the same phrase: the rules know its extent better
        kind = KIND_OF_ENTITY.get(span.root.ent_type_, "unknown")
        source = Source(span.text, where, kind)  # type: ignore[arg-type]
        return dataclasses.replace(claim, source=source, inherited=False, link="same_sentence")

    def added(self, claims: Sequence[Claim], doc: Any) -> list[Claim]:
        """Claims for verbs the cue model scores ≥ ``add_threshold`` that no claim covers."""
        if self.add_threshold > 1:
            return []
        taken = {t.i for claim in claims for t in cue_tokens(claim, doc)}
        spans = [c.span for c in claims if c.mode != "assertion"]
        found = []
        for token in doc:
            if token.pos_ != "VERB" or token.i in taken:
                continue
            if any(start <= token.idx < end for start, end in spans):
                continue  # a verb inside a claim is part of what is said
            if self.cue_probability(token) >= self.add_threshold:
                claim = self._new_claim(token, doc)
                if claim is not None:
                    found.append(claim)
        return found

    def _new_claim(self, verb: Any, doc: Any) -> Claim | None:
        """The claim of a cue verb: its clausal complement (or object) said by its source."""
        content = next((c for c in verb.children if _is_complement(c)), None)
        mode = "indirect"
        if content is None:
            content = next((c for c in verb.children if c.dep_ == "obj"), None)
            mode = "reported"
        if content is None:
            return None
        said = phrase(content)
        pieces = sorted([verb, *(c for c in verb.children if c.tag_ in PTC_TAGS)], key=_index)
        parts = tuple((t.idx, t.idx + len(t)) for t in pieces)
        cue = Mention(" ".join(t.text for t in pieces), (parts[0][0], parts[-1][1]),
                      parts if len(parts) > 1 else ())  # fmt: skip
        sentence = verb.sent
        claim = Claim(
            text=said.text,
            span=(said.start_char, said.end_char),
            sentence_span=(sentence.start_char, sentence.end_char),
            mode=mode,  # type: ignore[arg-type]
            certainty="reported",
            cue=cue,
        )
        best = self.best_source(claim, verb)
        if best is None or best[1] < NEW_SOURCE_THRESHOLD:
            return claim
        span, _ = best
        kind = KIND_OF_ENTITY.get(span.root.ent_type_, "unknown")
        source = Source(span.text, (span.start_char, span.end_char), kind)  # type: ignore[arg-type]
        return dataclasses.replace(claim, source=source, link="same_sentence")

    def apply(self, claims: Sequence[Claim], doc: Any) -> list[Claim]:
        """The rule claims with learned sources, less those whose cue the model rejects,
        plus the claims of cue verbs the rules missed (sorted by span). The outlet's own
        assertion of a sentence that now has a cue gives way, as the rules do it."""
        kept = [c for c in (self.revise(claim, doc) for claim in claims) if c is not None]
        added = self.added(kept, doc)
        if not added:
            return kept
        cues = [c.cue.span for c in added if c.cue is not None]
        kept = [
            c
            for c in kept
            if c.mode != "assertion" or not any(c.span[0] <= s < c.span[1] for s, _ in cues)
        ]
        return sorted([*kept, *added], key=lambda c: c.span)

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": FORMAT,
            "cue_threshold": self.cue_threshold,
            "source_threshold": self.source_threshold,
            "add_threshold": self.add_threshold,
            "metadata": self.metadata,
            "cue_weights": {
                k: round(v, 5) for k, v in sorted(self.cue_weights.items()) if abs(v) >= 5e-4
            },
            "source_weights": {
                k: round(v, 5) for k, v in sorted(self.source_weights.items()) if abs(v) >= 5e-4
            },
        }
        path = folder / "model.json"
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=0), "utf-8")
        return path

    @classmethod
    def load(cls, folder: str | Path | None = None) -> SpkAttModel:
        """Read ``model.json`` from ``folder`` (default: the model shipped in the package)."""
        path = Path(folder) if folder is not None else BUNDLED
        if path.is_dir():
            path = path / "model.json"
        try:
            payload = json.loads(path.read_text("utf-8"))
        except OSError as error:
            raise SpkAttModelError(f"{path}: cannot read: {error.strerror or error}") from error
        except json.JSONDecodeError as error:
            raise SpkAttModelError(f"{path}: not JSON: {error.msg}") from error
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise SpkAttModelError(f"{path}: not a SpkAtt attribution model ({FORMAT!r})")
        return cls(
            cue_weights={str(k): float(v) for k, v in payload["cue_weights"].items()},
            source_weights={str(k): float(v) for k, v in payload["source_weights"].items()},
            cue_threshold=float(payload["cue_threshold"]),
            source_threshold=float(payload["source_threshold"]),
            add_threshold=float(payload.get("add_threshold", OFF)),
            metadata=dict(payload.get("metadata") or {}),
        )
