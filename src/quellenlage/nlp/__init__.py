"""Language pipelines: ``load("de")`` returns the German spaCy pipeline shipped with quellenlage.

The pipeline is trained by ``make model`` (see ``training/README.md``) and saved to
``quellenlage/nlp/models/<lang>/``. Importing this package registers the custom components the
saved pipeline refers to (Konjunktiv detection, gazetteer filler), so that it loads offline.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from quellenlage.lang import LANGUAGES
from quellenlage.nlp import gazetteer, konjunktiv, tokenizer
from quellenlage.nlp.english import english_pipeline
from quellenlage.nlp.konjunktiv import konjunktiv_of

MODELS_DIR = Path(__file__).resolve().parent / "models"
SUPPORTED_LANGUAGES = LANGUAGES

__all__ = [
    "MODELS_DIR",
    "SUPPORTED_LANGUAGES",
    "ModelNotFoundError",
    "UnsupportedLanguageError",
    "build",
    "gazetteer",
    "konjunktiv",
    "konjunktiv_of",
    "load",
    "model_path",
    "tokenizer",
]


class ModelNotFoundError(FileNotFoundError):
    """The trained pipeline for a supported language is not where the package expects it."""


class UnsupportedLanguageError(ValueError):
    """No pipeline exists (yet) for the requested language."""


def model_path(lang: str = "de") -> Path:
    """Folder of the shipped pipeline for ``lang``."""
    return MODELS_DIR / lang


@cache
def load(lang: str = "de") -> Language:
    """Load (once per process) the shipped spaCy pipeline for ``lang`` (see ``build``)."""
    return build(lang)


def build(lang: str = "de") -> Language:
    """Load the shipped spaCy pipeline for ``lang`` afresh.

    German is the trained pipeline; English is tokenizer and sentence splitter only
    (:mod:`quellenlage.nlp.english`). Raises ``UnsupportedLanguageError`` for languages
    without a pipeline and ``ModelNotFoundError`` when the pipeline folder is missing.
    """
    if lang == "en":
        pipeline = english_pipeline()
        if "gazetteer_anchors" in pipeline.pipe_names:  # not in the fallback without a model
            gazetteer.use_phrase_patterns(pipeline)
        return pipeline
    if lang not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"no pipeline for language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    path = model_path(lang)
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise ModelNotFoundError(
            f"the {lang!r} pipeline is missing at {path}; build it with `make model` "
            "(see training/README.md)"
        )
    pipeline = spacy.load(path)
    gazetteer.use_phrase_patterns(pipeline)
    return pipeline
