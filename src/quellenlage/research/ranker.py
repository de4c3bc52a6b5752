"""An optional learned filter over the rule extractor's claims (see ``models/wikinews-attribution``).

The rules propose claims; a logistic model scores each proposed attributed claim from sparse
features (mode, cue word, source, span shape, Konjunktiv, neighbourhood) and drops those whose
probability of matching a human annotation is below a threshold tuned on held-out data.

This module is MIT code. A model *file* trained on the Wikinews quotation corpus carries that
corpus's CC BY-NC-SA 4.0 terms; none ships inside the package, so the rule path never needs
one. Load one explicitly with :meth:`ClaimRanker.load`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from quellenlage.records import Claim

FORMAT = "quellenlage-claim-ranker/1"
PRONOUNS = frozenset(
    [
        "er",
        "sie",
        "es",
        "ich",
        "wir",
        "ihr",
        "man",
        "dieser",
        "diese",
        "dieses",
        "jener",
        "jene",
        "der",
        "die",
        "das",
    ]
)
QUOTE_MARKS = frozenset('„“”"»«‚‘')


class RankerError(ValueError):
    """A ranker file is missing or not in the expected format."""


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def claim_features(claim: Claim, doc: Any, claims: Sequence[Claim]) -> list[str]:
    """Sparse binary features of one claim in its spaCy ``doc`` among the document's claims."""
    mode = claim.mode
    text = doc.text
    span_tokens = doc.char_span(*claim.span, alignment_mode="expand")
    tokens = list(span_tokens) if span_tokens is not None else []
    cue = claim.cue.text.lower() if claim.cue else "-"
    cue_lemma = "-"
    if claim.cue:
        cue_span = doc.char_span(*claim.cue.span, alignment_mode="expand")
        if cue_span is not None and len(cue_span):
            cue_lemma = " ".join(t.lemma_.lower() for t in cue_span if not t.is_punct)[:40]
    source = claim.source
    source_text = source.text.lower() if source else "-"
    before = text[max(0, claim.span[0] - 3) : claim.span[0]]
    after = text[claim.span[1] : claim.span[1] + 3]
    sentence = text[claim.sentence_span[0] : claim.sentence_span[1]].strip()
    n_same_sentence = sum(1 for c in claims if c.sentence_span == claim.sentence_span)
    konjunktiv = sorted({str(k) for t in tokens if (k := getattr(t._, "konjunktiv", None))})
    first_tag = tokens[0].tag_ if tokens else "-"
    features = [
        "bias",
        f"mode={mode}",
        f"cue={cue}",
        f"cue_lemma={cue_lemma}",
        f"mode_cue={mode}|{cue_lemma}",
        f"certainty={claim.certainty}",
        f"medium={claim.medium}",
        f"source={'yes' if source else 'no'}",
        f"source_kind={source.kind if source else '-'}",
        f"source_pronoun={source_text in PRONOUNS}",
        f"source_resolved={bool(source and source.resolved)}",
        f"chain={min(len(claim.chain), 2)}",
        f"inherited={claim.inherited}",
        f"mode_inherited={mode}|{claim.inherited}",
        f"addressee={claim.addressee is not None}",
        f"hedges={min(len(claim.hedges), 2)}",
        f"length={_bucket(len(tokens), (2, 5, 10, 20, 40))}",
        f"mode_length={mode}|{_bucket(len(tokens), (2, 5, 10, 20, 40))}",
        f"quote_before={any(ch in QUOTE_MARKS for ch in before)}",
        f"quote_after={any(ch in QUOTE_MARKS for ch in after)}",
        f"quote_inside={any(ch in QUOTE_MARKS for ch in claim.text)}",
        f"whole_sentence={claim.span[1] - claim.span[0] >= 0.9 * max(1, len(sentence))}",
        f"question={sentence.endswith('?')}",
        f"same_sentence={min(n_same_sentence, 3)}",
        f"konjunktiv={'+'.join(konjunktiv) or '-'}",
        f"mode_konjunktiv={mode}|{'+'.join(konjunktiv) or '-'}",
        f"first_tag={first_tag}",
        f"start={_bucket(claim.span[0], (0, 300, 1000))}",
    ]
    return features


def read_model_file(path: Path, fmt: str, what: str) -> dict:
    """The JSON payload of a model file of format ``fmt``, or a RankerError saying why not."""
    try:
        payload = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise RankerError(f"{path}: cannot read: {error.strerror or error}") from error
    except json.JSONDecodeError as error:
        raise RankerError(f"{path}: not JSON: {error.msg}") from error
    if not isinstance(payload, dict) or payload.get("format") != fmt:
        raise RankerError(f"{path}: not {what} (expected format {fmt!r})")
    return payload


@dataclass(frozen=True, slots=True)
class ClaimRanker:
    """Logistic keep/drop scores for attributed claims; assertions pass through untouched."""

    weights: dict[str, float]
    threshold: float
    metadata: dict[str, Any]

    def probability(self, features: Iterable[str]) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def filter(self, claims: Sequence[Claim], doc: Any) -> list[Claim]:
        """The claims worth keeping: assertions, and attributed claims scoring ≥ threshold."""
        return [
            claim
            for claim in claims
            if claim.mode == "assertion"
            or self.probability(claim_features(claim, doc, claims)) >= self.threshold
        ]

    def save(self, path: str | Path) -> None:
        payload = {
            "format": FORMAT,
            "threshold": self.threshold,
            "metadata": self.metadata,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if v},
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ClaimRanker:
        """Read a ranker file, or a model folder holding ``ranker.json``."""
        path = Path(path)
        if path.is_dir():
            path = path / "ranker.json"
        payload = read_model_file(path, FORMAT, "a claim ranker file")
        return cls(
            weights={str(k): float(v) for k, v in payload["weights"].items()},
            threshold=float(payload["threshold"]),
            metadata=dict(payload.get("metadata") or {}),
        )


def fit_logistic(
    rows: Sequence[Sequence[str]],
    labels: Sequence[int],
    *,
    l2: float = 1.0,
    epochs: int = 300,
    min_count: int = 2,
) -> dict[str, float]:
    """Fit L2-regularised logistic regression on sparse binary features (Adam, full batch).

    Features seen fewer than ``min_count`` times are left out (weight 0). Small and exact enough
    for a few thousand claims; returns feature → weight.
    """
    from scipy import sparse  # only when training; loading a model needs numpy alone

    counts: dict[str, int] = {}
    for row in rows:
        for feature in set(row):
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    column = {f: i for i, f in enumerate(vocabulary)}
    indices = [sorted({column[f] for f in row if f in column}) for row in rows]
    # sparse rows: SpkAtt trains on ~100,000 candidates over tens of thousands of features
    matrix = sparse.csr_matrix(
        (
            np.ones(sum(len(i) for i in indices)),
            np.concatenate([np.asarray(i, dtype=np.int64) for i in indices]),
            np.cumsum([0] + [len(i) for i in indices]),
        ),
        shape=(len(rows), len(vocabulary)),
    )
    target = np.asarray(labels, dtype=float)
    weights = np.zeros(len(vocabulary))
    # Adam on the mean log-loss plus l2/n * |w|^2 (bias unregularised)
    penalty = np.full(len(vocabulary), l2 / max(1, len(rows)))
    penalty[column["bias"]] = 0.0
    moment, velocity = np.zeros_like(weights), np.zeros_like(weights)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, epochs + 1):
        predicted = 1.0 / (1.0 + np.exp(-np.clip(matrix @ weights, -30, 30)))
        gradient = matrix.T @ (predicted - target) / len(rows) + 2 * penalty * weights
        moment = beta1 * moment + (1 - beta1) * gradient
        velocity = beta2 * velocity + (1 - beta2) * gradient**2
        corrected = moment / (1 - beta1**step)
        weights -= rate * corrected / (np.sqrt(velocity / (1 - beta2**step)) + 1e-8)
    return {f: float(w) for f, w in zip(vocabulary, weights, strict=True)}
