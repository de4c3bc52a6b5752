"""Train the optional learned attribution (claim ranker + quote classifier) on Wikinews.

    .venv/bin/python -m training.wikinews [--data ../shared/data/wikinews-quotes]
                                          [--out models/wikinews-attribution]

Runs the German pipeline and the rule extractor over train and dev, then fits two logistic
models (:mod:`quellenlage.research.learned`):

* the ranker, on every attributed rule claim, labelled by whether its quote matches a gold
  quote (token F1 >= 0.5);
* the quote classifier, on every quoted stretch no rule claim covers, labelled by whether a
  gold Direct quote covers at least half of it.

Both thresholds are tuned for joint F1 on dev (ranker first). Writes ``ranker.json``,
``quotes.json`` and the measured dev scores (``scores.json``) into the output folder. The
result is trained on CC BY-NC-SA 4.0 data: it must stay outside the MIT package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quellenlage.claims.quotes import Quote
from quellenlage.records import Claim
from quellenlage.research.learned import (
    LearnedAttribution,
    QuoteClassifier,
    quote_features,
    uncovered_quotes,
)
from quellenlage.research.metric import EvaluationResult, Scorer, TokenAnnotation, token_f1
from quellenlage.research.ranker import ClaimRanker, claim_features, fit_logistic
from quellenlage.research.wikinews import WikinewsDocument, claims_to_annotations, read_wikinews

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "wikinews-quotes"
DEFAULT_OUT = REPO / "models" / "wikinews-attribution"
MATCH_F1 = 0.5  # a claim is "right" when its quote overlaps a gold quote this well
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 19))


def extracted(path: Path, nlp: Any, extract: Callable[[Any], Sequence[Claim]]) -> list[tuple]:
    """``(wikinews document, spaCy doc, attributed claims)`` for every document of ``path``."""
    documents = list(read_wikinews(path))
    out = []
    for wdoc, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        claims = [c for c in extract(doc) if c.mode != "assertion"]
        out.append((wdoc, doc, claims))
    return out


def label(claim: Claim, wdoc: WikinewsDocument, gold: list[TokenAnnotation]) -> int:
    annotations = claims_to_annotations([claim], wdoc)
    if not annotations:
        return 0
    quote = TokenAnnotation.from_json(annotations[0]).quote
    return int(any(token_f1(quote, g.quote) >= MATCH_F1 for g in gold))


def score(corpus: list[tuple], keep: Callable[[Claim, Any, list[Claim]], bool]) -> EvaluationResult:
    scorer = Scorer()
    for wdoc, doc, claims in corpus:
        kept = [c for c in claims if keep(c, doc, claims)]
        predicted = [TokenAnnotation.from_json(a) for a in claims_to_annotations(kept, wdoc)]
        scorer.add(wdoc.gold(), predicted)
    return scorer.result()


def quote_label(quote: Quote, wdoc: WikinewsDocument) -> int:
    """1 when a gold Direct quote covers at least half of the quoted stretch."""
    for annotation in wdoc.annotations:
        if annotation["type"] != "Direct":
            continue
        covered = sum(
            max(0, min(quote.end, s["charEnd"]) - max(quote.start, s["charBegin"]))
            for s in annotation["quote"]["spans"]
        )
        if covered >= 0.5 * (quote.end - quote.start):
            return 1
    return 0


def score_learned(corpus: list[tuple], learned: LearnedAttribution) -> EvaluationResult:
    scorer = Scorer()
    for wdoc, doc, claims in corpus:
        every = learned.apply(claims, doc)
        predicted = [TokenAnnotation.from_json(a) for a in claims_to_annotations(every, wdoc)]
        scorer.add(wdoc.gold(), predicted)
    return scorer.result()


def summary(result: EvaluationResult) -> dict[str, float]:
    row = {group: round(s.f1, 3) for group, s in result.scores.items()}
    row["type_accuracy"] = round(result.type_accuracy, 3)
    return row


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)

    from quellenlage import nlp as pipelines
    from quellenlage.claims import extract_claims

    started = time.perf_counter()
    nlp = pipelines.load("de")

    def extract(doc: Any) -> Sequence[Claim]:
        return extract_claims(doc, include_assertions=False)

    train = extracted(args.data / "train.jsonl", nlp, extract)
    dev = extracted(args.data / "dev.jsonl", nlp, extract)
    rows, labels = [], []
    for wdoc, doc, claims in train:
        gold = wdoc.gold()
        for claim in claims:
            rows.append(claim_features(claim, doc, claims))
            labels.append(label(claim, wdoc, gold))
    weights = fit_logistic(rows, labels, l2=args.l2)
    probe = ClaimRanker(weights, 0.0, {})

    def keeper(threshold: float) -> Callable[[Claim, Any, list[Claim]], bool]:
        def keep(claim: Claim, doc: Any, claims: list[Claim]) -> bool:
            return probe.probability(claim_features(claim, doc, claims)) >= threshold

        return keep

    rules_only = summary(score(dev, lambda *_: True))
    by_threshold = {t: summary(score(dev, keeper(t))) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (by_threshold[t]["joint"], -t))

    quote_rows, quote_labels = [], []
    for wdoc, doc, claims in train:
        for quote in uncovered_quotes(doc, claims):
            quote_rows.append(quote_features(doc, quote))
            quote_labels.append(quote_label(quote, wdoc))
    quote_weights = fit_logistic(quote_rows, quote_labels, l2=args.l2)
    ranker = ClaimRanker(weights, best, {})
    with_quotes = {
        t: summary(
            score_learned(dev, LearnedAttribution(ranker, QuoteClassifier(quote_weights, t)))
        )
        for t in THRESHOLDS
    }
    best_quotes = max(THRESHOLDS, key=lambda t: (with_quotes[t]["joint"], t))
    seconds = round(time.perf_counter() - started)
    metadata = {
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": "Wikinews German quotation attribution (Petersen-Frey & Biemann 2024), "
        "train split; threshold tuned on dev",
        "license": "CC BY-NC-SA 4.0",
        "train_claims": len(rows),
        "train_positive": sum(labels),
        "train_quotes": len(quote_rows),
        "train_quotes_positive": sum(quote_labels),
        "l2": args.l2,
        "seconds": seconds,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    ClaimRanker(weights, best, metadata).save(args.out / "ranker.json")
    QuoteClassifier(quote_weights, best_quotes).save(args.out / "quotes.json")
    results = {
        "rules": rules_only,
        "rules + ranker": by_threshold[best],
        "rules + ranker + quotes": with_quotes[best_quotes],
    }
    scores = {
        "dev": results,
        "ranker_threshold": best,
        "quote_threshold": best_quotes,
        "metadata": metadata,
    }
    (args.out / "scores.json").write_text(json.dumps(scores, indent=1) + "\n", "utf-8")
    print(f"{'dev F1':28}" + "".join(f"{g[:9]:>10}" for g in rules_only))
    for name, row in results.items():
        print(f"{name:28}" + "".join(f"{v:>10.3f}" for v in row.values()))
    print(
        f"thresholds: ranker {best}, quotes {best_quotes}; {len(rows)} train claims "
        f"({sum(labels)} right), {len(quote_rows)} quotes ({sum(quote_labels)} Direct); {seconds} s"
    )


if __name__ == "__main__":
    main()
