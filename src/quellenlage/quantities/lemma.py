"""Compact noun lemmatisation for the counted noun after a number.

After a number above one a German noun is plural, often dative plural ("mit 318 Passagieren").
A few suffix rules cover the regular plurals; an exception table keyed by the *head* of a
compound covers the rest, so "Elitesoldaten" is lemmatised through "soldaten" -> "soldat".
English nouns follow the usual -s/-es/-ies rules plus irregular plurals.
"""

from __future__ import annotations

from quellenlage.lang import load

_DE = load("de")
_EN = load("en")

# Head (lower case) -> lemma head. Matched against the longest suffix of the word.
_DE_HEADS = _DE.mapping("noun_heads")

# Nominalised adjectives keep their -e: "300 Tote", "12 Verletzte", "40 Abgeordnete".
_DE_NOMINALISED = _DE.ordered("nominalised_adjectives")

# Suffix rules, tried in order: (plural suffix, singular suffix).
_DE_SUFFIX_RULES = _DE.rows("noun_suffix_rules")


def german_noun_lemma(word: str, plural: bool = True) -> str:
    """Lemma of a German noun seen after a number ("Elitesoldaten" -> "Elitesoldat").

    With ``plural=False`` (after "1", "ein") the noun is taken as written.
    """
    if not plural:
        return word
    prefix, _, last = word.rpartition("-")
    lemma = _german_simple_lemma(last)
    return f"{prefix}-{lemma}" if prefix else lemma


def _german_simple_lemma(word: str) -> str:
    lower = word.lower()
    for cut in range(len(lower) - 2):
        head = lower[cut:]
        if head in _DE_HEADS:
            return _restore_case(word[:cut] + _DE_HEADS[head], word)
    if lower.endswith(_DE_NOMINALISED):
        return word
    for plural, singular in _DE_SUFFIX_RULES:
        if lower.endswith(plural) and len(lower) > len(plural) + 1:
            return word[: len(word) - len(plural)] + singular
    if _is_diminutive(lower):
        return word  # diminutives do not change in the plural: Mädchen, Brötchen
    if lower.endswith("en") and len(lower) > 4:
        # feminine -e nouns form their plural with -n: Raketen, Drohnen, Waffen
        return word[:-1]
    if lower.endswith("e") and len(lower) > 3 and not lower.endswith(("ie", "ee")):
        # -e plurals of masculine and neuter nouns: Tage, Jahre, Preise, Gebiete, Kämpfe
        return _without_umlaut(word[:-1])
    if _is_s_plural(lower):
        return word[:-1]  # Autos, Hotels, Teams, Regierungschefs
    return word


_UMLAUTS = str.maketrans("äöüÄÖÜ", "aouAOU")
# Nouns that keep their umlaut in the singular: Gespräche -> Gespräch, Geräte -> Gerät.
_UMLAUT_STEMS = _DE.ordered("umlaut_stems")


def _without_umlaut(stem: str) -> str:
    """Undo the plural umlaut of the last syllable: Kämpf -> Kampf, Räum -> Raum."""
    lower = stem.lower()
    if lower.endswith(_UMLAUT_STEMS):
        return stem
    for index in range(len(stem) - 1, max(len(stem) - 5, 0) - 1, -1):
        if stem[index] in "uU" and index > 0 and stem[index - 1] in "äÄ":
            continue  # "äu" as in Räume: the umlaut is on the "ä" before
        if stem[index] in "aeiou":
            return stem  # the last vowel is plain: no umlaut plural
        if stem[index] in "äöüÄÖÜ":
            return stem[:index] + stem[index].translate(_UMLAUTS) + stem[index + 1 :]
    return stem


def _is_diminutive(lower: str) -> bool:
    """Mädchen, Brötchen, Märchen: "-chen" after a consonant, not Kirchen or Küchen."""
    if not lower.endswith("chen") or lower.endswith("schen") or len(lower) < 6:
        return False
    before = lower[-5]
    return before in "dtzlnm" or (before == "r" and any(u in lower for u in "äöü"))


def _is_s_plural(lower: str) -> bool:
    if len(lower) < 4 or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "nis", "us", "is", "ms", "ns", "ls", "rs", "ts"))


def _restore_case(lemma: str, original: str) -> str:
    if original[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma


_EN_IRREGULAR = _EN.mapping("irregular_plurals")


def english_noun_lemma(word: str) -> str:
    """Lemma of an English noun seen after a number ("containers" -> "container")."""
    lower = word.lower()
    prefix, sep, last = lower.rpartition("-")
    lemma = _english_simple_lemma(last)
    return f"{prefix}{sep}{lemma}"


def _english_simple_lemma(word: str) -> str:
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word
