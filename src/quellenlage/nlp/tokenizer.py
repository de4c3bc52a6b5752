"""Tokenizer rules for German news text on top of spaCy's German defaults.

spaCy's German tokenizer already keeps dates (13.10.2024), German numbers (1.500, 1,2) and many
abbreviations (z.B., bzw., Dr.) together. What it misses in news copy:

- quotes glued to the preceding word or colon: ``sagte:„Nein`` → ``sagte : „ Nein``;
- an ordinal glued to a month or noun: ``3.Oktober`` → ``3. Oktober``;
- a sentence-final period after a year: ``2024.`` → ``2024 .``;
- abbreviations common in news and not in spaCy's list (``rd.``, ``Art.``, ``lt.``, ``Tsd.``).

``customize_tokenizer`` changes a pipeline's tokenizer in place; the rules are saved with the
pipeline (``nlp.to_disk``), so the shipped model carries them without any registration.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

from quellenlage.lang import load

_DE = load("de")

#: Opening and closing quotation marks used in German text.
QUOTES = '„“”‚‘»«›‹"'

#: Abbreviations that end with a period and must stay one token.
NEWS_ABBREVIATIONS = _DE.ordered("abbreviations")

#: Split points inside a whitespace-delimited chunk, in addition to spaCy's German infixes.
EXTRA_INFIXES = (
    # an opening quotation mark glued to the preceding word: Wort„Zitat
    r"(?<=\w)(?=[„‚»›])",
    # a colon or comma glued to a word and an opening quote: sagte:„Nein → sagte : „ Nein
    r"(?<=\w)[:,](?=[„‚»›])",
    # the word after such a glued quote
    r"(?<=[\w:,][„‚»›])(?=\w)",
    # an ordinal glued to a capitalised word: 3.Oktober → 3. Oktober
    r"(?<=\d\.)(?=[A-ZÄÖÜ][a-zäöüß])",
)

#: Split-off endings in addition to spaCy's German suffixes.
EXTRA_SUFFIXES = (
    # a sentence-final period after a year: "im Jahr 2024." and "am 13.10.2024."
    r"(?<=(?:19|20)\d\d)\.",
)


def customize_tokenizer(nlp: Language) -> Language:
    """Add the news rules to ``nlp.tokenizer`` (German pipelines) and return ``nlp``."""
    if nlp.lang != "de":
        raise ValueError(f"the German tokenizer rules need a 'de' pipeline, not {nlp.lang!r}")
    infixes = list(nlp.Defaults.infixes or ()) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes or ()) + list(EXTRA_SUFFIXES)
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for abbreviation in NEWS_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    return nlp
