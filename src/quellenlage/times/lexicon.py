"""Month, weekday, season and relative-time words for German and English (lower case)."""

from __future__ import annotations

from quellenlage.figures.numbers import DE_TEENS, DE_UNITS, EN_SMALL

DE_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "feber": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
DE_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mär": 3,
    "mrz": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dez": 12,
}
EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
EN_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTHS = {"de": DE_MONTHS, "en": EN_MONTHS}
MONTHS_WITH_ABBREVIATIONS = {
    "de": DE_MONTHS | DE_MONTH_ABBREVIATIONS,
    "en": EN_MONTHS | EN_MONTH_ABBREVIATIONS,
}

WEEKDAYS = {
    "de": {
        "montag": 0,
        "dienstag": 1,
        "mittwoch": 2,
        "donnerstag": 3,
        "freitag": 4,
        "samstag": 5,
        "sonnabend": 5,
        "sonntag": 6,
    },
    "en": {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    },
}

# Meteorological seasons: 1 spring (Mar-May), 2 summer, 3 autumn, 4 winter (Dec-Feb).
SEASONS = {
    "de": {"frühjahr": 1, "frühling": 1, "sommer": 2, "herbst": 3, "winter": 4},
    "en": {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4},
}

ORDINALS = {
    "de": {
        "ersten": 1,
        "zweiten": 2,
        "dritten": 3,
        "vierten": 4,
        "1.": 1,
        "2.": 2,
        "3.": 3,
        "4.": 4,
    },
    "en": {"first": 1, "second": 2, "third": 3, "fourth": 4},
}

# Adjectives that move a relative expression: -2 strictly before, +2 strictly after.
DE_DIRECTION_ADJECTIVES = {
    "vergangen": -2,
    "letzt": -2,
    "vorig": -2,
    "vorvergangen": -2,
    "dies": 0,
    "laufend": 0,
    "kommend": 2,
    "nächst": 2,
    "folgend": 2,
    "gestrig": -2,
    "heutig": -1,
    "morgig": 2,
}
EN_DIRECTION_ADJECTIVES = {
    "last": -2,
    "past": -2,
    "previous": -2,
    "this": 0,
    "current": 0,
    "next": 2,
    "coming": 2,
}

# Units of relative offsets ("vor drei Tagen", "in two weeks").
UNITS = {
    "tag": "day",
    "tage": "day",
    "tagen": "day",
    "woche": "week",
    "wochen": "week",
    "monat": "month",
    "monate": "month",
    "monaten": "month",
    "jahr": "year",
    "jahre": "year",
    "jahren": "year",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}

#: Number words in relative times ("in zwei Wochen", "three days ago"): the figures
#: parser's own tables, plus the article forms that mean one.
SMALL_NUMBERS = {
    **DE_UNITS,
    **DE_TEENS,
    **EN_SMALL,
    "eine": 1,
    "einem": 1,
    "einer": 1,
    "einen": 1,
    "zwanzig": 20,
    "twenty": 20,
    "a": 1,
    "an": 1,
}

# Relation words before an expression.
RELATIONS = {
    "seit": "since",
    "ab": "since",
    "bis": "until",
    "vor": "before",
    "nach": "after",
    "während": "during",
    "von": "during",
    "vom": "during",
    "zwischen": "during",
    "since": "since",
    "as of": "since",
    "until": "until",
    "till": "until",
    "by": "until",
    "through": "until",
    "before": "before",
    "after": "after",
    "during": "during",
    "throughout": "during",
    "from": "during",
    "between": "during",
}
MODS = {
    "anfang": "start",
    "beginn": "start",
    "mitte": "mid",
    "ende": "end",
    "early": "start",
    "beginning of": "start",
    "the beginning of": "start",
    "start of": "start",
    "the start of": "start",
    "mid": "mid",
    "mid-": "mid",
    "middle of": "mid",
    "the middle of": "mid",
    "late": "end",
    "end of": "end",
    "the end of": "end",
}
