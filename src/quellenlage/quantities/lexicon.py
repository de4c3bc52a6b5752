"""Words that make, qualify or exclude quantities, per language (all lower case)."""

from __future__ import annotations

import re

from quellenlage.lang import load, per_language
from quellenlage.records import Bound

_DE = load("de")
_EN = load("en")
_XX = load("xx")

# Qualifiers before a number: token sequence -> (bound, approx).
Qualifier = tuple[Bound | None, bool]

QUALIFIERS: dict[str, dict[tuple[str, ...], Qualifier]] = per_language(
    "quantity_qualifiers", "pairs"
)
QUALIFIER_MAX_LEN = 3

# "über"/"over" after these stems is a preposition ("verfügt über 300 Panzer").
DE_UBER_VERB_STEMS = _DE.ordered("uber_verb_stems")

# "nicht weniger als", "not less than": a negation turns a comparative bound round.
BOUND_NEGATIONS = per_language("bound_negations", "words")
NEGATED_BOUNDS: dict[Bound, Bound] = {"less_than": "at_least", "more_than": "at_most"}
# "über" after these noun stems means "amounting to" ("ein Scheck über 500 Euro").
DE_UBER_AMOUNT_NOUNS = _DE.ordered("uber_amount_nouns")
# Verbs saying a count passed the number: "hat 5.000 überschritten", "topped 2,000".
EXCEED_VERBS = per_language("exceed_verbs", "words")
# English verbs of change before "from X to Y": two values, not a range.
EN_CHANGE_VERBS = _EN.words("change_verbs")
# English nouns hyphenated to a number as its measure: "a 6.1-magnitude quake".
EN_COMPOUND_UNITS = _EN.words("compound_units")

# "sechsstellig", "six-figure": a number of digits, a vague magnitude.
DIGIT_COUNT_SUFFIXES = per_language("digit_count_suffixes", "ordered")

# Words that open a range before the first number.
RANGE_OPENERS = per_language("range_openers", "words")
RANGE_JOINERS = per_language("range_joiners", "words")
RANGE_JOINERS_AFTER_OPENER = per_language("range_joiners_after_opener", "words")

# Scale words after a number.
DE_SCALES = _DE.decimals("scales")
EN_SCALES = _EN.decimals("scales")
# Scales glued to digits: "3bn", "10k", "2,5Mio".
SCALE_SUFFIXES = per_language("scale_suffixes", "mapping")
ABBREVIATED_SCALES = set(_XX.words("abbreviated_scales"))

# Vague plurals: a lower bound, flagged vague ("Tausende Menschen").
VAGUE = per_language("vague", "mapping")
# "mehrere Tausend", "einige Hundert", "several hundred": vague as well.
VAGUE_DETERMINERS = per_language("vague_determiners", "words")
VAGUE_SCALES = per_language("vague_scales", "mapping")

PERCENT_WORDS = per_language("percent_words", "mapping")
CURRENCY_WORDS = per_language("currency_words", "mapping")
CURRENCY_SYMBOLS = per_language("currency_symbols", "mapping")
FREQUENCY_UNIT = {"de": "Mal", "en": "time"}
# Unit symbols after a number, case-sensitive ("5 m" is metres, "5 M" is not).
UNIT_ABBREVIATIONS = per_language("unit_abbreviations", "mapping")

# Fractions: denominator words.
DE_FRACTIONS = _DE.decimals("fractions")
EN_FRACTIONS = _EN.decimals("fractions")
FRACTION_ARTICLES = per_language("fraction_articles", "words")
# "jeder Zweite", "jede dritte Befragte".
DE_ORDINAL_STEMS = _DE.mapping("ordinal_stems")
DE_EVERY = set(_DE.words("every"))
EN_EVERY_ORDINALS = _EN.mapping("every_ordinals")
_DE_ORDINAL_WORD = re.compile(r"(" + "|".join(DE_ORDINAL_STEMS) + r")e[nrsm]?")


def german_ordinal_word(word: str) -> int | None:
    """Value of "zweite", "Dritten", "zehnte" …, else None (lower case input)."""
    match = _DE_ORDINAL_WORD.fullmatch(word)
    return DE_ORDINAL_STEMS[match.group(1)] if match else None


# Words before a number that make it a label, not a quantity ("Seite 5", "Boeing 737").
LABEL_WORDS = set(_XX.words("label_words"))

# Nouns right before a bare four-digit number that make it a year ("im Jahr 2000 Menschen").
YEAR_NOUNS = set(_XX.words("year_nouns"))

# Capitalised words after a number that are not the counted noun.
DE_NOT_NOUNS = set(_DE.words("not_counted_nouns"))
DE_NOT_ADJECTIVES = set(_DE.words("not_adjectives"))
# Words between two adjectives before the counted noun ("gefallenen sowie verwundeten").
DE_ADJECTIVE_JOINERS = set(_DE.words("adjective_joiners"))

EN_STOP = set(_EN.words("quantity_stop_words"))
