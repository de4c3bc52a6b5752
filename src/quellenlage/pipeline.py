"""Analyse documents: the language pipeline with quellenlage's components, in batches.

``load(lang)`` is the language pipeline (:func:`quellenlage.nlp.load`) with the analysis
components of ``pipeline.cfg`` added: ``times`` -> ``quantities`` -> ``attribution`` ->
``claim_context`` (see :mod:`quellenlage.nlp.extensions` for what each writes on the ``Doc``).
``analyze`` reads one document, ``analyze_many`` many through ``nlp.pipe``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from quellenlage import nlp, pieces
from quellenlage.claims import component as _claims_component  # noqa: F401  (factories)
from quellenlage.nlp.extensions import collecting
from quellenlage.quantities import component as _quantities_component  # noqa: F401
from quellenlage.records import Claim, Document
from quellenlage.times import component as _times_component  # noqa: F401

CONFIG_PATH = Path(__file__).resolve().parent / "pipeline.cfg"

#: Characters of text per ``nlp.pipe`` batch. The networks' working memory grows with the
#: text of a batch (about 2 KB per character at 150,000), and batches beyond a few documents
#: are no faster: 8 real pages (about 40,000 characters) were quickest.
BATCH_CHARS = 40_000

__all__ = ["CONFIG_PATH", "Analysis", "analyze", "analyze_many", "load"]


@dataclass
class Analysis:
    """What the analysis of one document produced, and what it had to skip.

    ``failed`` names the error when the document could not be analysed at all (its claims
    are then empty); the other documents of a batch are not affected.
    """

    document: Document
    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)
    failed: str | None = None


def load(lang: str = "de", overrides: Mapping[str, Any] | None = None) -> Language:
    """The analysis pipeline for ``lang``: language model plus quellenlage's components.

    ``overrides`` change settings of ``pipeline.cfg`` by dotted path, e.g.
    ``{"components.attribution.learned.path": "models/wikinews-attribution"}``. Without
    overrides the components are added to the (cached) ``nlp.load(lang)`` pipeline once.
    """
    if overrides:
        # Values may be lists or dicts (e.g. ``parts = ["cue", "source"]``): the cache key
        # holds them as JSON so that every override is hashable.
        key = tuple(sorted((name, json.dumps(value)) for name, value in overrides.items()))
        return _load_with(lang, key)
    return _with_components(nlp.load(lang), {})


@cache
def _load_with(lang: str, overrides: tuple[tuple[str, str], ...]) -> Language:
    return _with_components(nlp.build(lang), {name: json.loads(value) for name, value in overrides})


def _with_components(pipeline: Language, overrides: dict[str, Any]) -> Language:
    config = Config().from_disk(CONFIG_PATH, overrides=overrides)
    for name, block in config["components"].items():
        if name in pipeline.pipe_names:
            continue
        settings = dict(block)
        pipeline.add_pipe(settings.pop("factory"), name=name, config=settings)
    return pipeline


def analyze(document: Document, *, published: dt.date | None = None) -> Analysis:
    """Extract the claims of one document, with their figures and times.

    Never raises for odd text: what had to be skipped is in ``warnings``.
    """
    (result,) = analyze_many([document], published=published, batch_size=1)
    if result.failed:
        raise RuntimeError(result.failed)
    return result


def analyze_many(
    documents: Iterable[Document],
    *,
    published: dt.date | None = None,
    batch_size: int = 32,
    overrides: Mapping[str, Any] | None = None,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Analysis]:
    """Analyse ``documents`` through ``nlp.pipe`` in batches, yielding results in input order.

    A batch holds at most ``batch_size`` documents and, unless it is one document, at
    most ``batch_chars`` characters of text (memory stays bounded whatever the input).

    ``published`` (if given) anchors relative times of every document instead of its own
    date. A document in a language without a pipeline gets a warning and no claims; one
    whose analysis fails gets ``failed`` set, and the others go on.
    """
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if pieces.is_long(document.text):  # bounded memory and linear time on any size
            yield from _analyze_batch(batch, published, overrides, batch_size)
            batch, chars = [], 0
            parts = partial(
                analyze_many,
                published=published,
                batch_size=batch_size,
                overrides=overrides,
                batch_chars=batch_chars,
            )
            yield pieces.analyze_in_pieces(document, parts)
            continue
        if batch and chars + len(document.text) > batch_chars:
            yield from _analyze_batch(batch, published, overrides, batch_size)
            batch, chars = [], 0
        batch.append(document)
        chars += len(document.text)
        if len(batch) >= batch_size:
            yield from _analyze_batch(batch, published, overrides, batch_size)
            batch, chars = [], 0
    if batch:
        yield from _analyze_batch(batch, published, overrides, batch_size)


def _analyze_batch(
    batch: list[Document],
    published: dt.date | None,
    overrides: Mapping[str, Any] | None,
    batch_size: int,
) -> Iterator[Analysis]:
    results: dict[int, Analysis] = {}
    by_language: dict[str, list[int]] = {}
    for index, document in enumerate(batch):
        by_language.setdefault(document.language.value or "de", []).append(index)
    for language, indices in by_language.items():
        try:
            pipeline = load(language, overrides)
        except (nlp.ModelNotFoundError, nlp.UnsupportedLanguageError) as exc:
            for index in indices:
                results[index] = Analysis(batch[index], [], [f"no claims extracted: {exc}"])
            continue
        # the strings and lexemes of the batch's new words are freed after it, so that
        # memory stays flat over any number of documents; only records leave the zone
        with pipeline.memory_zone():
            docs = [_make_doc(pipeline, batch[index], published) for index in indices]
            try:
                done = list(pipeline.pipe(docs, batch_size=batch_size))
            except Exception:  # one bad document must not take the batch down: one by one
                done = [_one(pipeline, doc) for doc in docs]
            for index, doc in zip(indices, done, strict=True):
                results[index] = _analysis(batch[index], doc)
    for index in range(len(batch)):
        yield results[index]


def _make_doc(pipeline: Language, document: Document, published: dt.date | None) -> Doc:
    if len(document.text) >= pipeline.max_length:
        pipeline.max_length = len(document.text) + 1
    doc = pipeline.make_doc(document.text)
    doc._.published = published or document.published_date
    doc._.document_id = document.id
    doc._.warnings = []
    return doc


def _one(pipeline: Language, doc: Doc) -> Doc | str:
    try:
        with collecting(doc):
            for _, component in pipeline.pipeline:
                doc = component(doc)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return doc


def _analysis(document: Document, doc: Doc | str) -> Analysis:
    if isinstance(doc, str):
        return Analysis(document, [], [], failed=doc)
    return Analysis(document, list(doc._.claims or []), list(doc._.warnings or []))
