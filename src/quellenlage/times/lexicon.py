"""Month, weekday, season and relative-time words for German and English (lower case)."""

from __future__ import annotations

from quellenlage.lang import load, merged, per_language
from quellenlage.quantities.numbers import DE_TEENS, DE_UNITS, EN_SMALL

_DE = load("de")
_EN = load("en")

DE_MONTHS = _DE.mapping("months")
DE_MONTH_ABBREVIATIONS = _DE.mapping("month_abbreviations")
EN_MONTHS = _EN.mapping("months")
EN_MONTH_ABBREVIATIONS = _EN.mapping("month_abbreviations")
MONTHS = per_language("months", "mapping")
MONTHS_WITH_ABBREVIATIONS = {
    code: months | per_language("month_abbreviations", "mapping")[code]
    for code, months in MONTHS.items()
}

WEEKDAYS = per_language("weekdays", "mapping")

# Meteorological seasons: 1 spring (Mar-May), 2 summer, 3 autumn, 4 winter (Dec-Feb).
SEASONS = per_language("seasons", "mapping")

ORDINALS = per_language("period_ordinals", "mapping")

# Adjectives that move a relative expression: -2 strictly before, +2 strictly after.
DE_DIRECTION_ADJECTIVES = _DE.mapping("direction_adjectives")
EN_DIRECTION_ADJECTIVES = _EN.mapping("direction_adjectives")

# Units of relative offsets ("vor drei Tagen", "in two weeks").
UNITS = merged("time_units")

#: Number words in relative times ("in zwei Wochen", "three days ago"): the figures
#: parser's own tables, plus the article forms that mean one.
SMALL_NUMBERS = {**DE_UNITS, **DE_TEENS, **EN_SMALL, **merged("relative_number_words")}

# Relation words before an expression.
RELATIONS = merged("time_relations")
MODS = merged("time_mods")

# "seit Beginn der Proteste im März 2023": onset nouns between "seit"/"since" and a date.
ONSET_NOUNS = per_language("onset_nouns", "words")
# "in der Nacht zu Dienstag", "overnight into Tuesday": the night before the weekday.
NIGHT_BEFORE = per_language("night_before", "ordered")
