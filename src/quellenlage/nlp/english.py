"""The English pipeline: spaCy's English tokenizer and a rule-based sentence splitter.

No English corpus is available to train on here, so English has no tagger, parser or
NER yet; :mod:`quellenlage.claims.english` reads attribution from surface patterns.
"""

from __future__ import annotations

import spacy
from spacy.language import Language


def english_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
