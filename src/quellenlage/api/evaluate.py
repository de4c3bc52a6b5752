"""Measure claim extraction on annotated research data (the Wikinews quotation format)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quellenlage.records import Claim


class EvaluationError(Exception):
    """The evaluation cannot run: a missing model, a malformed input, an unwritable output."""


def _extractor(learned: Path | None) -> Callable[[Any], Sequence[Claim]]:
    """The rule extractor, followed by the learned attribution when a model folder is given."""
    from quellenlage.claims import extract_claims

    if learned is None:

        def extract(doc: Any) -> Sequence[Claim]:
            return extract_claims(doc, include_assertions=False)

        return extract
    from quellenlage.research.learned import LearnedAttribution
    from quellenlage.research.ranker import RankerError

    try:
        model = LearnedAttribution.load(learned)
    except RankerError as exc:
        raise EvaluationError(str(exc)) from exc

    def extract_learned(doc: Any) -> Sequence[Claim]:
        return model.apply(extract_claims(doc, include_assertions=False), doc)

    return extract_learned


def evaluate_wikinews(
    input_path: str | Path,
    predictions: str | Path,
    *,
    limit: int | None = None,
    learned: str | Path | None = None,
) -> Any:
    """Predict annotations for Wikinews JSONL, write them, and score them against its gold.

    Returns the run (``documents``, ``annotations``, ``result`` with the data
    set's own metric, or None when the input has no gold annotations).
    """
    from quellenlage import nlp
    from quellenlage.research.wikinews import WikinewsFormatError, run_wikinews

    try:
        pipeline = nlp.load("de")
    except Exception as exc:  # a missing or broken model: say so and stop
        raise EvaluationError(f"cannot load the German pipeline: {exc}") from exc
    extractor = _extractor(Path(learned) if learned else None)
    try:
        return run_wikinews(
            Path(input_path), Path(predictions), nlp=pipeline, extractor=extractor, limit=limit
        )
    except WikinewsFormatError as exc:
        raise EvaluationError(str(exc)) from exc
    except OSError as exc:
        raise EvaluationError(f"cannot write {predictions}: {exc.strerror or exc}") from exc


def evaluate_polnear(folder: str | Path, *, part: str = "all") -> Any:
    """Score the English attribution on a PolNeAR copy (brat standoff, ``text/`` and
    ``attributions/``): content, source, cue and joint (``research.polnear.PolnearResult``).

    ``part`` is ``all``, or the fixed split ``tune`` / ``heldout`` (every third article).
    """
    from quellenlage import nlp
    from quellenlage.claims import extract_claims
    from quellenlage.research.polnear import PolnearFormatError, evaluate, read_polnear

    try:
        articles = read_polnear(Path(folder), part)  # type: ignore[arg-type]
    except (PolnearFormatError, ValueError) as exc:
        raise EvaluationError(str(exc)) from exc
    except OSError as exc:
        raise EvaluationError(f"cannot read {folder}: {exc.strerror or exc}") from exc
    try:
        pipeline = nlp.load("en")
    except Exception as exc:  # a missing or broken model: say so and stop
        raise EvaluationError(f"cannot load the English pipeline: {exc}") from exc

    def predict(text: str) -> Sequence[Claim]:
        return extract_claims(pipeline(text), include_assertions=False)

    return evaluate(articles, predict)
