"""The English pipeline: trained by ``make model`` and shipped in ``nlp/models/en/``.

Tokenizer with news rules (:func:`customize_english_tokenizer`), tagger (PTB), morphologizer,
lemmatizer, dependency parser (UD English EWT + GUM), gazetteer entity rulers and an NER
trained on GUM's named mentions; see the model card ``nlp/models/en/README.md``. Without the
trained folder (a source checkout before ``make model``), English falls back to spaCy's
tokenizer and a sentence splitter, and attribution finds only quotes, transcript lines and
headlines.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from quellenlage import lang

MODEL_DIR = Path(__file__).resolve().parent / "models" / "en"
log = logging.getLogger("quellenlage.nlp")

#: Split points inside a whitespace-delimited chunk, beyond spaCy's English infixes.
EXTRA_INFIXES = (
    # a colon glued to an opening quote: said:“We → said : “ We
    r"(?<=\w)[:,](?=[“\"‘])",
    r"(?<=[:,][“\"‘])(?=\w)",
    # an opening quote glued to the word before it: word“Quote
    r"(?<=\w)(?=[“])",
    r"(?<=\w“)(?=\w)",
)


def customize_english_tokenizer(nlp: Language) -> Language:
    """Add the news rules to an English pipeline's tokenizer (saved with the pipeline)."""
    if nlp.lang != "en":
        raise ValueError(f"the English tokenizer rules need an 'en' pipeline, not {nlp.lang!r}")
    infixes = list(nlp.Defaults.infixes or ()) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in lang.load("en").ordered("news_abbreviations"):
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    return nlp


def english_pipeline(path: Path = MODEL_DIR) -> Language:
    """The trained English pipeline, or the tokenizer-and-sentences fallback without it."""
    if (path / "config.cfg").is_file() and (path / "meta.json").is_file():
        return spacy.load(path)
    log.warning("the English pipeline is missing at %s; using tokenizer and sentences only", path)
    nlp = customize_english_tokenizer(spacy.blank("en"))
    nlp.add_pipe("sentencizer")
    return nlp
