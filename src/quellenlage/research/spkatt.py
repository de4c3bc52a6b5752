"""SpkAtt-2023 task 1 (German Bundestag speeches): reader, claim mapping and metric.

The corpus (CC BY-SA 4.0) gives each speech as tokenised sentences and its speech events as
lists of ``"sentence:token"`` ids per role: ``Cue`` and the roles ``Source``, ``Message``,
``Addr``, ``Topic``, ``Medium``, ``Evidence``, ``PTC`` (separated particle or reflexive of the
cue). The tool reads running text, so a speech is joined into one text with known character
offsets per token (:meth:`SpkAttDocument.text`), analysed, and each claim's cue, source,
content and addressee are mapped back to the tokens they overlap (:func:`claims_to_events`).

**The metric** (:func:`score`). The shared task's scorer and its proceedings are not part of
the copy in ``../shared/data/spkatt-2023`` and its README does not define the metric, so this is
our reconstruction of the overview's description — token-level precision, recall and F1 for
cues and for roles, roles counted only under a matched cue:

1. **Cue alignment, per speech.** Predicted and gold events are paired one-to-one by a
   maximum-weight assignment whose weight is the token-overlap F1 of the two cues; a pair whose
   cues share no token is no pair.
2. **Cue scores.** True positives are the cue tokens a pair shares; precision divides them by
   all predicted cue tokens, recall by all gold cue tokens (micro, over the corpus). We also
   report ``cue_exact``: a pair counts when both cues have the same tokens.
3. **Role scores, per role and pooled.** For a role ``r``, true positives are the tokens of ``r``
   that a *pair* shares; precision divides them by all predicted tokens of ``r`` (paired or
   not), recall by all gold tokens of ``r``. ``roles`` pools the token counts of all seven
   roles. A role empty on both sides adds nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from quellenlage.records import Claim

log = logging.getLogger("quellenlage.research")

ROLES: tuple[str, ...] = ("Source", "Message", "Addr", "Topic", "Medium", "Evidence", "PTC")
TokenId = tuple[int, int]
#: No space before these tokens and none after the opening ones, so that the joined text reads
#: as ordinary prose ("sagte , dass" would parse worse than "sagte, dass").
NO_SPACE_BEFORE = frozenset(".,;:!?)]}“”%…")
NO_SPACE_AFTER = frozenset("([{„")
#: Tags of cue tokens that SpkAtt labels PTC rather than Cue ("teilte … mit", "sich äußern").
PTC_TAGS = frozenset({"PTKVZ", "PRF"})


class SpkAttFormatError(ValueError):
    """A SpkAtt file is unreadable or not in the task-1 format."""


@dataclass(frozen=True, slots=True)
class SpkAttEvent:
    """One speech event: cue tokens and role tokens (sets of ``(sentence, token)``)."""

    cue: frozenset[TokenId]
    roles: Mapping[str, frozenset[TokenId]] = field(default_factory=dict)

    def role(self, name: str) -> frozenset[TokenId]:
        return self.roles.get(name, frozenset())


@dataclass(frozen=True, slots=True)
class SpkAttDocument:
    """One speech: its sentences (id, tokens) and its annotated events."""

    name: str
    sentences: tuple[tuple[int, tuple[str, ...]], ...]
    events: tuple[SpkAttEvent, ...]

    def text(self) -> tuple[str, dict[TokenId, tuple[int, int]]]:
        """The speech as one text, and each token's character span in it."""
        pieces: list[str] = []
        offsets: dict[TokenId, tuple[int, int]] = {}
        length = 0
        previous = ""
        for sid, tokens in self.sentences:
            for index, token in enumerate(tokens):
                if pieces and not (token in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER):
                    pieces.append(" ")
                    length += 1
                offsets[(sid, index)] = (length, length + len(token))
                pieces.append(token)
                length += len(token)
                previous = token
        return "".join(pieces), offsets


def _token_ids(values: Any, where: str, known: set[TokenId]) -> frozenset[TokenId]:
    if not isinstance(values, list):
        raise SpkAttFormatError(f"{where}: expected a list of 'sentence:token' ids")
    ids = set()
    for value in values:
        try:
            sid, tid = (int(part) for part in str(value).split(":"))
        except ValueError:
            raise SpkAttFormatError(f"{where}: {value!r} is not a 'sentence:token' id") from None
        if (sid, tid) not in known:
            raise SpkAttFormatError(f"{where}: token {value!r} is not in the speech")
        ids.add((sid, tid))
    return frozenset(ids)


def read_document(path: str | Path) -> SpkAttDocument:
    """Read one task-1 JSON file (``{"Sentences": [...], "Annotations": [...]}``)."""
    path = Path(path)
    try:
        payload = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise SpkAttFormatError(f"{path}: cannot read: {error.strerror or error}") from error
    except json.JSONDecodeError as error:
        raise SpkAttFormatError(f"{path}: not JSON: {error.msg}") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("Sentences"), list):
        raise SpkAttFormatError(f"{path}: no 'Sentences' list (not the SpkAtt task-1 format)")
    sentences = []
    for number, sentence in enumerate(payload["Sentences"]):
        tokens = sentence.get("Tokens") if isinstance(sentence, dict) else None
        sid = sentence.get("SentenceId") if isinstance(sentence, dict) else None
        if not isinstance(sid, int) or not isinstance(tokens, list):
            raise SpkAttFormatError(f"{path}: sentence {number} lacks SentenceId or Tokens")
        sentences.append((sid, tuple(str(t) for t in tokens)))
    sentences.sort()
    known = {(sid, i) for sid, tokens in sentences for i in range(len(tokens))}
    events = []
    for number, item in enumerate(payload.get("Annotations") or []):
        where = f"{path}: annotation {number}"
        if not isinstance(item, dict):
            raise SpkAttFormatError(f"{where}: not an object")
        cue = _token_ids(item.get("Cue", []), f"{where} Cue", known)
        roles = {r: _token_ids(item.get(r, []), f"{where} {r}", known) for r in ROLES}
        events.append(SpkAttEvent(cue, {r: ids for r, ids in roles.items() if ids}))
    return SpkAttDocument(path.stem, tuple(sentences), tuple(events))


def read_folder(folder: str | Path) -> list[SpkAttDocument]:
    """Every ``*.json`` speech of ``folder`` (or of its ``task1/`` subfolder), sorted by name."""
    folder = Path(folder)
    if (folder / "task1").is_dir():
        folder = folder / "task1"
    if not folder.is_dir():
        raise SpkAttFormatError(f"{folder}: not a folder")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SpkAttFormatError(f"{folder}: no *.json speeches in this folder")
    return [read_document(path) for path in files]


def _tokens_in(
    spans: Iterable[tuple[int, int]], offsets: Mapping[TokenId, tuple[int, int]]
) -> frozenset[TokenId]:
    spans = [s for s in spans if s[1] > s[0]]
    return frozenset(
        tid for tid, (start, end) in offsets.items() if any(start < e and s < end for s, e in spans)
    )


def claims_to_events(
    claims: Sequence[Claim], doc: Any, offsets: Mapping[TokenId, tuple[int, int]]
) -> list[SpkAttEvent]:
    """The claims with a cue as SpkAtt events; claims sharing a cue become one event.

    Cue tokens that are separated particles or reflexives (``PTKVZ``, ``PRF``) go to ``PTC``.
    """
    merged: dict[frozenset[TokenId], dict[str, set[TokenId]]] = {}
    for claim in claims:
        if claim.cue is None or claim.mode == "assertion":
            continue
        cue_spans, ptc_spans = [], []
        for start, end in claim.cue.parts or (claim.cue.span,):
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span if span is not None else ():
                target = ptc_spans if token.tag_ in PTC_TAGS else cue_spans
                target.append((token.idx, token.idx + len(token)))
        cue = _tokens_in(cue_spans, offsets)
        if not cue:
            continue
        roles = merged.setdefault(cue, {r: set() for r in ROLES})
        roles["PTC"] |= _tokens_in(ptc_spans, offsets)
        roles["Message"] |= _tokens_in([claim.span], offsets) - cue
        if claim.source is not None and claim.source.span is not None:
            roles["Source"] |= _tokens_in([claim.source.span], offsets)
        if claim.addressee is not None:
            roles["Addr"] |= _tokens_in([claim.addressee.span], offsets)
    return [
        SpkAttEvent(cue, {r: frozenset(ids) for r, ids in roles.items() if ids})
        for cue, roles in merged.items()
    ]


def _f1(a: frozenset, b: frozenset) -> float:
    shared = len(a & b)
    return 2 * shared / (len(a) + len(b)) if shared else 0.0


def align(predicted: Sequence[SpkAttEvent], gold: Sequence[SpkAttEvent]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs by maximum total cue-overlap F1."""
    if not predicted or not gold:
        return []
    weights = np.array([[_f1(p.cue, g.cue) for g in gold] for p in predicted])
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]


@dataclass(slots=True)
class Counts:
    """Token counts of one score: shared (true positives), predicted, gold."""

    shared: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.shared / self.predicted if self.predicted else 0.0
        r = self.shared / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class SpkAttResult:
    """Corpus scores: ``cue``, ``cue_exact``, each role and ``roles`` (pooled)."""

    counts: dict[str, Counts] = field(
        default_factory=lambda: {n: Counts() for n in ("cue", "cue_exact", *ROLES, "roles")}
    )
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0

    def add(self, predicted: Sequence[SpkAttEvent], gold: Sequence[SpkAttEvent]) -> None:
        """Score one speech's predicted events against its gold events."""
        self.documents += 1
        self.gold_events += len(gold)
        self.predicted_events += len(predicted)
        pairs = align(predicted, gold)
        c = self.counts
        c["cue_exact"].predicted += len(predicted)
        c["cue_exact"].gold += len(gold)
        for event in predicted:
            c["cue"].predicted += len(event.cue)
            for role in ROLES:
                c[role].predicted += len(event.role(role))
        for event in gold:
            c["cue"].gold += len(event.cue)
            for role in ROLES:
                c[role].gold += len(event.role(role))
        for p, g in pairs:
            c["cue"].shared += len(predicted[p].cue & gold[g].cue)
            c["cue_exact"].shared += predicted[p].cue == gold[g].cue
            for role in ROLES:
                c[role].shared += len(predicted[p].role(role) & gold[g].role(role))
        pooled = c["roles"]
        pooled.shared = sum(c[r].shared for r in ROLES)
        pooled.predicted = sum(c[r].predicted for r in ROLES)
        pooled.gold = sum(c[r].gold for r in ROLES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "scores": {name: counts.scores() for name, counts in self.counts.items()},
        }


def score(
    pairs: Iterable[tuple[Sequence[SpkAttEvent], Sequence[SpkAttEvent]]],
) -> SpkAttResult:
    """Score (predicted, gold) event lists, one pair per speech."""
    result = SpkAttResult()
    for predicted, gold in pairs:
        result.add(predicted, gold)
    return result


def predict_documents(
    documents: Sequence[SpkAttDocument], nlp: Any, extractor: Any
) -> Iterator[tuple[SpkAttDocument, list[SpkAttEvent]]]:
    """Each speech with the events the extractor's claims map to.

    A failure on one speech is logged with its name and gives it no predictions (its gold
    events still count as missed), so one bad speech does not end a corpus run.
    """
    for document in documents:
        text, offsets = document.text()
        try:
            doc = nlp(text)
            events = claims_to_events(extractor(doc), doc, offsets)
        except Exception as error:  # a crash on one speech must not end the run
            log.warning("%s: extraction failed, no predictions: %r", document.name, error)
            events = []
        yield document, events
