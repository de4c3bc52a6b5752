"""The Wikinews quotation-attribution metric (Petersen-Frey & Biemann 2024), on token ids.

Every annotation has five roles — ``quote``, ``speaker``, ``cue``, ``frame``, ``addressee`` —
each a set of token ids into the document's given ``tokens``, and a ``type`` label.

How a corpus is scored:

1. **Pairing, per document.** Predicted and gold annotations are paired by a maximum-weight
   assignment (:func:`scipy.optimize.linear_sum_assignment`) whose weight is the token-overlap F1
   of the two quotes. An assigned pair whose quotes share no token is not a pair: both of its
   annotations count as unpaired.
2. **Per-role contributions.** For a role group ``R`` (one role, the four roles, or all five),
   a pair contributes precision ``sum_r |P_r & G_r| / sum_r |P_r|`` and recall
   ``sum_r |P_r & G_r| / sum_r |G_r|`` (sums over the roles in ``R``); a group's tokens are pooled
   within the pair, so that ``roles`` and ``joint`` weigh long roles more, as token scores do.
   An unpaired prediction contributes precision 0, an unpaired gold annotation recall 0.
3. **Macro average over pairs.** Corpus precision is the mean of all precision contributions,
   recall the mean of all recall contributions (pooled over the documents, not averaged per
   document); F1 is their harmonic mean.
4. ``roles`` = speaker + cue + frame + addressee; ``joint`` = quote + the four roles.
5. **Type accuracy** is the share of pairs whose ``type`` labels are equal.

Interpretation choices (the published description leaves them open; we document ours):

* A side with no tokens for ``R`` makes no precision (prediction) or recall (gold) contribution:
  precision is the share of *predicted* tokens that are right, so an empty prediction claims
  nothing. Hence a role absent on both sides (most addressees) is skipped rather than counted
  as a perfect score, and a missed speaker costs recall only.
* Token ids are compared as sets: a role split into several spans is the union of its spans;
  duplicate ids do not count twice.
* Type accuracy is measured over pairs only; annotations that were not found at all already
  lower the quote recall.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

ROLES: tuple[str, ...] = ("quote", "speaker", "cue", "frame", "addressee")
FRAME_ROLES: tuple[str, ...] = ("speaker", "cue", "frame", "addressee")

#: Reported groups: each single role, the four frame roles together, and all five.
GROUPS: dict[str, tuple[str, ...]] = {
    **{role: (role,) for role in ROLES},
    "roles": FRAME_ROLES,
    "joint": ROLES,
}


@dataclass(frozen=True, slots=True)
class TokenAnnotation:
    """One attribution annotation reduced to what the metric needs: token ids per role."""

    quote: frozenset[int]
    speaker: frozenset[int] = frozenset()
    cue: frozenset[int] = frozenset()
    frame: frozenset[int] = frozenset()
    addressee: frozenset[int] = frozenset()
    type: str | None = None

    def tokens(self, roles: Iterable[str]) -> int:
        return sum(len(getattr(self, role)) for role in roles)

    @classmethod
    def from_json(cls, annotation: Mapping[str, object]) -> TokenAnnotation:
        """Build from a Wikinews annotation dict (roles as ``{"tokenIds": [...]}``)."""

        def ids(role: str) -> frozenset[int]:
            value = annotation.get(role) or {}
            if not isinstance(value, Mapping):
                raise ValueError(f"role {role!r} is not an object: {value!r}")
            return frozenset(int(i) for i in value.get("tokenIds") or ())

        kind = annotation.get("type")
        return cls(
            quote=ids("quote"),
            speaker=ids("speaker"),
            cue=ids("cue"),
            frame=ids("frame"),
            addressee=ids("addressee"),
            type=str(kind) if kind is not None else None,
        )


@dataclass(frozen=True, slots=True)
class Score:
    """Macro-averaged precision and recall of one role group, with their counts."""

    precision: float
    recall: float
    n_precision: int  # how many contributions the precision averages
    n_recall: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(slots=True)
class _Sums:
    precision: float = 0.0
    recall: float = 0.0
    n_precision: int = 0
    n_recall: int = 0

    def score(self) -> Score:
        return Score(
            precision=self.precision / self.n_precision if self.n_precision else 0.0,
            recall=self.recall / self.n_recall if self.n_recall else 0.0,
            n_precision=self.n_precision,
            n_recall=self.n_recall,
        )


@dataclass(slots=True)
class Scorer:
    """Accumulates documents; :meth:`result` gives the corpus scores."""

    _sums: dict[str, _Sums] = field(default_factory=lambda: {g: _Sums() for g in GROUPS})
    _pairs: int = 0
    _same_type: int = 0
    _gold: int = 0
    _predicted: int = 0
    _documents: int = 0

    def add(self, gold: Sequence[TokenAnnotation], predicted: Sequence[TokenAnnotation]) -> None:
        """Score one document's annotations."""
        self._documents += 1
        self._gold += len(gold)
        self._predicted += len(predicted)
        pairs = pair_annotations(gold, predicted)
        paired_gold = {g for g, _ in pairs}
        paired_predicted = {p for _, p in pairs}
        for g, p in pairs:
            self._pairs += 1
            self._same_type += gold[g].type == predicted[p].type
            for group, roles in GROUPS.items():
                self._add_pair(self._sums[group], gold[g], predicted[p], roles)
        for group, roles in GROUPS.items():
            sums = self._sums[group]
            for i, annotation in enumerate(predicted):
                if i not in paired_predicted and annotation.tokens(roles):
                    sums.n_precision += 1
            for i, annotation in enumerate(gold):
                if i not in paired_gold and annotation.tokens(roles):
                    sums.n_recall += 1

    @staticmethod
    def _add_pair(
        sums: _Sums, gold: TokenAnnotation, predicted: TokenAnnotation, roles: tuple[str, ...]
    ) -> None:
        overlap = sum(len(getattr(gold, r) & getattr(predicted, r)) for r in roles)
        if n_predicted := predicted.tokens(roles):
            sums.precision += overlap / n_predicted
            sums.n_precision += 1
        if n_gold := gold.tokens(roles):
            sums.recall += overlap / n_gold
            sums.n_recall += 1

    def result(self) -> EvaluationResult:
        return EvaluationResult(
            scores={group: sums.score() for group, sums in self._sums.items()},
            type_accuracy=self._same_type / self._pairs if self._pairs else 0.0,
            pairs=self._pairs,
            gold=self._gold,
            predicted=self._predicted,
            documents=self._documents,
        )


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """Corpus scores per group (``quote``, ``speaker``, …, ``roles``, ``joint``)."""

    scores: dict[str, Score]
    type_accuracy: float
    pairs: int
    gold: int
    predicted: int
    documents: int

    def to_dict(self) -> dict[str, object]:
        return {
            "scores": {
                group: {
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                    "n_precision": s.n_precision,
                    "n_recall": s.n_recall,
                }
                for group, s in self.scores.items()
            },
            "type_accuracy": self.type_accuracy,
            "pairs": self.pairs,
            "gold": self.gold,
            "predicted": self.predicted,
            "documents": self.documents,
        }


def token_f1(a: frozenset[int], b: frozenset[int]) -> float:
    """Token-overlap F1 of two id sets (0 when either is empty)."""
    overlap = len(a & b)
    return 2 * overlap / (len(a) + len(b)) if overlap else 0.0


def pair_annotations(
    gold: Sequence[TokenAnnotation], predicted: Sequence[TokenAnnotation]
) -> list[tuple[int, int]]:
    """Maximum-weight pairing of gold and predicted annotations on quote-token F1.

    Returns ``(gold index, predicted index)`` pairs; pairs with no quote overlap are dropped.
    """
    if not gold or not predicted:
        return []
    weights = np.array([[token_f1(g.quote, p.quote) for p in predicted] for g in gold])
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]


def evaluate(
    documents: Iterable[tuple[Sequence[TokenAnnotation], Sequence[TokenAnnotation]]],
) -> EvaluationResult:
    """Score ``(gold, predicted)`` annotation lists, one pair of lists per document."""
    scorer = Scorer()
    for gold, predicted in documents:
        scorer.add(gold, predicted)
    return scorer.result()
