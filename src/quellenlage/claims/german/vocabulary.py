"""Word lists for German attribution: cues, hedges, denials, source kinds.

All entries are lower-case lemmas (verbs in the infinitive, separable verbs with
their particle joined: ``mitteilen``). Lookups go through the helpers at the end
so that callers never depend on the container types.
"""

from __future__ import annotations

from quellenlage.lang import load
from quellenlage.records import Medium

_DE = load("de")

#: Verbs that introduce speech, writing or thought, with their medium.
CUE_VERBS: dict[str, Medium] = _DE.mapping("cue_verbs")

#: Cue verbs that deny what follows.
DENIAL_VERBS = _DE.words("denial_verbs")

#: Cue verbs that mark the content as uncertain.
HEDGE_VERBS = _DE.words("hedge_verbs")

#: Verbs that only count as cues with a complement clause ("ausgehen" alone is movement).
CLAUSE_ONLY_VERBS = _DE.words("clause_only_verbs")

#: Cue verbs that never summarise a speech act on their own (no "reported" claim without a clause).
NOT_REPORTED_VERBS = _DE.words("not_reported_verbs")

#: Nouns that name a statement: "nach Angaben …", "Die Vermutung: …", "zwei Annahmen: …".
CUE_NOUNS: dict[str, Medium] = _DE.mapping("cue_nouns")

#: Cue nouns that mark doubt (gold convention: "Vermutung", "Annahmen" are hedges).
HEDGE_NOUNS = _DE.words("hedge_nouns")

#: Nouns after which "nach …" attributes ("nach Angaben der Polizei").
ACCORDING_NOUNS = _DE.words("according_nouns")

#: According-to nouns that also name an event, so that "nach" may be temporal ("nach der
#: Auszählung"): they do not head compounds.
EVENT_NOUNS = _DE.words("event_nouns")

#: Adverbs that are cue and source at once: "Demnach soll …" refers back to the last source.
ANAPHORIC_CUES = _DE.words("anaphoric_cues")

#: Line openings that point to other articles ("Lesen Sie auch", "Mehr zum Thema").
TEASER_LEADS = _DE.ordered("teaser_leads")
#: "Das teilte X mit.": a pronoun object that stands for the previous sentence.
ANAPHORIC_OBJECTS = _DE.words("anaphoric_objects")

#: Prepositions that attribute the noun phrase after them: "laut X", "gemäß X" ("zufolge" follows it).
ACCORDING_PREPOSITIONS = _DE.words("according_prepositions")

#: Words that mark doubt anywhere in a claim.
HEDGE_WORDS = _DE.words("hedge_words")

#: Finite forms of modals that mark an inference ("es dürfte um … gehen").
HEDGE_MODAL_FORMS = _DE.words("hedge_modal_forms")

#: Present forms of "sollen" that are reportative with a perfect infinitive ("soll … gesagt haben").
REPORTATIVE_SOLLEN = _DE.words("reportative_sollen")

#: Denial phrases without a cue verb of their own.
DENIAL_WORDS = _DE.words("denial_words")

#: News agencies (source kind "agency").
AGENCIES = _DE.words("agencies")

#: Words that name media outlets (source kind "media").
MEDIA_WORDS = _DE.words("media_words")

#: Nouns naming documents (kind "document").
DOCUMENT_WORDS = _DE.words("document_words")

#: Nouns naming states and their organs (kind "state").
STATE_WORDS = _DE.words("state_words")

#: Plural person nouns (kind "group").
GROUP_WORDS = _DE.words("group_words")

#: Person nouns (titles, roles) that make a mention source-like.
PERSON_WORDS = _DE.words("person_words")

#: Suffixes of compound nouns that make a mention source-like ("Außenminister", "Sicherheitskreise").
SOURCE_SUFFIXES = _DE.ordered("source_suffixes")
#: Sentence adverbs that a small tagger may take for names ("Unterdessen ruft …").
NOT_SOURCES = _DE.words("not_sources")

#: Cue verbs that name whom they address with an object ("sagte der Zeitung").
ADDRESSING_VERBS = _DE.words("addressing_verbs")

#: Of those, the ones whose addressee is the accusative object ("forderte die Regierung auf").
ACCUSATIVE_ADDRESSEE_VERBS = _DE.words("accusative_addressee_verbs")
