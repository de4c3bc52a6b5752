"""Measure claim extraction on annotated research data (the Wikinews quotation format)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quellenlage.records import Claim


class EvaluationError(Exception):
    """The evaluation cannot run: a missing model, a malformed input, an unwritable output."""


def _spkatt_model(spkatt: bool | str | Path, parts: Sequence[str] | None) -> Any | None:
    """The SpkAtt attribution model: None (off), the bundled one (True) or one from a folder,
    using only ``parts`` (``cue``, ``source``, ``add``) when given."""
    if spkatt is False or spkatt is None:
        return None
    from quellenlage.research.spkatt_model import PARTS, SpkAttModel, SpkAttModelError

    try:
        model = SpkAttModel.load(None if spkatt is True else Path(spkatt))
        return model.with_parts(PARTS if parts is None else parts)
    except SpkAttModelError as exc:
        raise EvaluationError(str(exc)) from exc


def _extractor(
    learned: Path | None,
    spkatt: bool | str | Path = False,
    spkatt_parts: Sequence[str] | None = None,
) -> Callable[[Any], Sequence[Claim]]:
    """The rule extractor, then the SpkAtt model (CC BY-SA) and the learned attribution
    (CC BY-NC-SA) where they are asked for, in the order the pipeline applies them."""
    from quellenlage.claims import extract_claims

    source_model = _spkatt_model(spkatt, spkatt_parts)
    model = None
    if learned is not None:
        from quellenlage.research.learned import LearnedAttribution
        from quellenlage.research.ranker import RankerError

        try:
            model = LearnedAttribution.load(learned)
        except RankerError as exc:
            raise EvaluationError(str(exc)) from exc

    def extract(doc: Any) -> Sequence[Claim]:
        claims = extract_claims(doc, include_assertions=False)
        if source_model is not None:
            claims = source_model.apply(claims, doc)
        return model.apply(claims, doc) if model is not None else claims

    return extract


def evaluate_wikinews(
    input_path: str | Path,
    predictions: str | Path,
    *,
    limit: int | None = None,
    learned: str | Path | None = None,
    spkatt: bool | str | Path = False,
    spkatt_parts: Sequence[str] | None = None,
) -> Any:
    """Predict annotations for Wikinews JSONL, write them, and score them against its gold.

    Returns the run (``documents``, ``annotations``, ``result`` with the data
    set's own metric, or None when the input has no gold annotations). ``spkatt``: True for
    the bundled SpkAtt attribution model, or its folder; False for the rules alone;
    ``spkatt_parts`` the parts of it to use (default all).
    """
    from quellenlage import nlp
    from quellenlage.research.wikinews import WikinewsFormatError, run_wikinews

    try:
        pipeline = nlp.load("de")
    except Exception as exc:  # a missing or broken model: say so and stop
        raise EvaluationError(f"cannot load the German pipeline: {exc}") from exc
    extractor = _extractor(Path(learned) if learned else None, spkatt, spkatt_parts)
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


def evaluate_spkatt(
    folder: str | Path,
    *,
    spkatt: bool | str | Path = False,
    spkatt_parts: Sequence[str] | None = None,
    learned: str | Path | None = None,
    limit: int | None = None,
) -> Any:
    """Run the German attribution on SpkAtt-2023 task-1 speeches (a folder of ``*.json``, or
    one holding ``task1/``) and score it with the shared task's metric as reconstructed in
    ``research.spkatt`` (``SpkAttResult``). ``spkatt``/``learned`` as for Wikinews.
    """
    from quellenlage import nlp
    from quellenlage.research.spkatt import SpkAttFormatError, predict_documents, read_folder
    from quellenlage.research.spkatt import score as score_spkatt

    try:
        documents = read_folder(folder)[:limit]
    except SpkAttFormatError as exc:
        raise EvaluationError(str(exc)) from exc
    try:
        pipeline = nlp.load("de")
    except Exception as exc:  # a missing or broken model: say so and stop
        raise EvaluationError(f"cannot load the German pipeline: {exc}") from exc
    extractor = _extractor(Path(learned) if learned else None, spkatt, spkatt_parts)
    return score_spkatt(
        (predicted, document.events)
        for document, predicted in predict_documents(documents, pipeline, extractor)
    )
