"""Language of a document: py3langid on the start of the clean text.

German and English are analysed later; other languages are stored and marked. A
language declared by the data (JSONL, feed) wins over detection; detection wins over
nothing. Too little text or an unsure detector leaves the language unknown.
"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from quellenlage.records import Field

#: Characters read: enough for a stable decision on news prose; the detector's cost is
#: linear in this (a pure-Python walk), and at 3000 it cost a third of trafilatura's time.
SAMPLE_CHARS = 600
#: Below this normalised probability the detector's answer is not trusted.
MIN_PROBABILITY = 0.5
MIN_WORDS = 3
_CODE = re.compile(r"^[a-z]{2,3}$")


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Field:
    """ISO 639-1 code detected in ``text`` with provenance ``"text"``, or unknown."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return Field()
    code, probability = _identifier().classify(sample)
    return Field(code, "text") if probability >= MIN_PROBABILITY else Field()


def language_code(value: str) -> str | None:
    """``"de-DE"``/``"DE"``/``"de_AT"`` -> ``"de"``; ``None`` if it is not a language code."""
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if _CODE.match(code) else None


def choose_language(text: str, declared: Field, override: str | None = None) -> Field:
    """User override, else the data's declared language, else detection on ``text``."""
    if override:
        return Field(override, "user")
    if declared.value and (code := language_code(declared.value)):
        return Field(code, declared.source)
    return detect_language(text)
