"""Token-level German grammar the attribution rules share: clause edges, moods, subordinate
clauses, noun-phrase openers, attribute phrases after a noun. Nothing here knows the
document state; everything works on the ``Doc`` and token indices.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.cues import Cue, is_cue_noun, noun_lemma
from quellenlage.claims.german.speakers import noun_phrase, weak_nominative_adjective
from quellenlage.claims.german.units import Unit, is_finite
from quellenlage.claims.quotes import Quote
from quellenlage.lang import load
from quellenlage.records import Medium, Mention, Source

_DE = load("de")
_BOUNDARY_TEXTS = frozenset({",", ";", ":", "–", "—", "(", ")"})
_FINAL_PUNCT = frozenset({".", "!", "?", ",", ";", ":", "–", "—", "…"})
_SUBORDINATORS = frozenset({"KOUS", "KOUI", "PRELS", "PRELAT", "PWAV", "PWS"})
_COORDINATORS = _DE.words("coordinators")
_TEMPORAL_SUBORDINATORS = _DE.words("temporal_subordinators")
_CONDITIONAL_VERBS = _DE.words("conditional_verb_forms")
#: Pronominal adverbs that Wikinews counts into the cue ("wies darauf hin", "geht davon aus");
#: "dazu" and "damit" it mostly leaves out.
_CUE_ADVERBS = _DE.words("cue_adverbs")


def _is_full_quote(text: str, quote: Quote) -> bool:
    """A quoted statement, as opposed to a quoted name or phrase ("große Anzahl")."""
    inner = text[quote.start + 1 : quote.end - 1].strip()
    words = inner.split()
    if not words:
        return False
    if inner[-1] in ".!?…" and len(words) >= 2:
        return True
    if len(words) == 3:  # "Wir bleiben hier" is a statement, "New York Times" a name
        return not all(word[:1].isupper() for word in words)
    return len(words) >= 4


def _token_mask(doc: Doc, quotes: tuple[Quote, ...], *, marks: bool) -> list[bool]:
    """For each token, whether it lies in one of ``quotes`` (sorted, not overlapping)."""
    mask = [False] * len(doc)
    for quote in quotes:
        low, high = (quote.start, quote.end) if marks else (quote.start + 1, quote.end - 1)
        span = doc.char_span(low, high, alignment_mode="expand")
        if span is not None:
            for index in range(span.start, span.end):
                mask[index] = low <= doc[index].idx < high
    return mask


def _trim_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].text in _FINAL_PUNCT or doc[end - 1].is_space):
        end -= 1
    return end


def _clause_around(index: int, unit: Unit, boundaries: set[int]) -> tuple[int, int]:
    left = index
    while left > unit.start and left - 1 not in boundaries:
        left -= 1
    right = index + 1
    while right < unit.end and right not in boundaries:
        right += 1
    return left, right


def _complement_follows(doc: Doc, index: int, limit: int) -> bool:
    """A complement clause starts at the comma ``index``: "wurde beschlossen, dass …",
    "wird vorgeworfen, an … beteiligt gewesen zu sein"."""
    if index + 1 >= limit or doc[index].text != ",":
        return False
    if doc[index + 1].lower_ in {"dass", "ob"}:
        return True
    for k in range(index + 1, min(limit, index + 15)):
        if doc[k].text in {",", ";", ":"}:
            return False
        if doc[k].tag_ in {"PTKZU", "VVIZU"}:
            return True
    return False


def _extended_attribute_phrase(doc: Doc, start: int, limit: int) -> Span | None:
    """ "einer am Dienstag veröffentlichten Pressemitteilung des WFP": an article, a
    participle's own phrase, then the participle and the noun phrase it belongs to."""
    if start >= limit or doc[start].pos_ != "DET":
        return None
    index = start + 1
    if index >= limit or doc[index].pos_ != "ADP":
        return None
    while index < limit and doc[index].tag_ != "ADJA":
        if doc[index].pos_ not in {"ADP", "ADV", "NUM", "PROPN", "NOUN", "DET"}:
            return None
        index += 1
    if index >= limit or index - start > 6:
        return None
    rest = noun_phrase(doc[index], (index, limit))
    if rest is None or rest.start != index:
        return None
    return doc[start : rest.end]


#: Prepositions that attach an attribute inside a source phrase ("Angaben vom Mittwoch").
_ATTRIBUTE_PREPOSITIONS = _DE.words("attribute_prepositions")


def _attribute_preposition(doc: Doc, index: int, clause_start: int) -> bool:
    """ "Angaben von/vom/aus …" inside a phrase before "zufolge": a noun stands before it."""
    return (
        doc[index].lower_ in _ATTRIBUTE_PREPOSITIONS
        and index > clause_start
        and doc[index - 1].pos_ in {"NOUN", "PROPN"}
    )


def _noun_cue(token: Token, lemma: str) -> Cue:
    return Cue(
        "preposition",
        token,
        [token],
        f"nach {lemma}",
        medium=vocabulary.CUE_NOUNS.get(lemma, "unknown"),
        hedge=lemma in vocabulary.HEDGE_NOUNS,
    )


def _opens_noun_phrase(doc: Doc, index: int) -> bool:
    return index < len(doc) and doc[index].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"}


def _is_according_noun(lemma: str) -> bool:
    """An according-to noun, also as the head of a compound ("Expertenmeinung"); nouns of
    events are taken only as they are ("nach der Auszählung" is temporal)."""
    return lemma in vocabulary.ACCORDING_NOUNS or any(
        lemma.endswith((noun, noun + "n", noun + "en"))
        for noun in vocabulary.ACCORDING_NOUNS - vocabulary.EVENT_NOUNS
        if len(noun) >= 6
    )


def _is_berufung(doc: Doc, index: int, limit: int) -> bool:
    return (
        index + 3 < limit and doc[index + 1].lower_ == "berufung" and doc[index + 2].lower_ == "auf"
    )


def _cue_noun_before(doc: Doc, colon: int, start: int) -> Token | None:
    index = colon - 1
    while index >= start and index >= colon - 4:
        token = doc[index]
        if is_cue_noun(token) and noun_lemma(token) in vocabulary.CUE_NOUNS:
            return token
        if token.pos_ not in {"DET", "ADJ", "NUM", "NOUN", "PROPN", "ADP"}:
            return None
        index -= 1
    return None


def _attribute_after(noun: Token, limit: int) -> Span | None:
    """The genitive or "von"/"aus" attribute right after a noun ("Angaben der Polizei")."""
    doc = noun.doc
    index = noun.i + 1
    if index >= limit:
        return None
    following = doc[index]
    if following.lower_ in {"von", "vom", "aus", "seitens"} and index + 1 < limit:
        return noun_phrase(doc[index + 1], (index + 1, limit))
    if (following.pos_ == "ADJ" and not following.lower_.endswith("er")) or (
        weak_nominative_adjective(following)
    ):
        # "nach Expertenmeinung historische …", "der ursprüngliche Toaster"; a genitive
        # adjective ends in "-er" ("Informationen südkoreanischer Militärkreise")
        return None
    if following.pos_ in {"DET", "ADJ", "PROPN", "NOUN"} and following.lower_ not in {
        "dem",
        "den",
        "die",
        "das",
        "ein",
        "eine",
        "einen",
        "einem",
    }:
        phrase = noun_phrase(following, (index, limit))
        if phrase is not None and phrase.start == index:
            return phrase
    return None


def _medium_of_phrase(phrase: Span) -> Medium:
    for token in phrase:
        lemma = noun_lemma(token)
        if lemma in vocabulary.CUE_NOUNS:
            return vocabulary.CUE_NOUNS[lemma]
    return "unknown"


def _np_token(token: Token) -> bool:
    return token.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} or token.tag_ in {"NN", "NE"}


def _first_position_subject(doc: Doc, phrase: Span, verb: int) -> bool:
    """A bare noun phrase right before the finite verb at the start of a clause is its
    subject unless its case says otherwise ("Elshorst wies darauf hin")."""
    if phrase.end != verb or phrase[0].pos_ == "ADP" or not phrase.text[:1].isupper():
        return False
    cases = {case for token in phrase for case in token.morph.get("Case")}
    return not cases or "Nom" in cases


def _clause_start(doc: Doc, index: int) -> int:
    """The start of the sentence that holds ``index``."""
    return doc[index].sent.start if doc.has_annotation("SENT_START") else 0


def _dependent_start(doc: Doc, start: int) -> bool:
    """Content cannot start with a relative pronoun or an adverbial subordinator: "…, der am
    Sonntag …", "…, nachdem …" belong to the frame's noun or verb, not to what is said."""
    first = doc[start]
    if first.lower_ in _TEMPORAL_SUBORDINATORS:
        return True
    if first.tag_ not in {"PRELS", "PRELAT"} or not _antecedent(doc, start):
        return False
    # A relative clause ends with its finite verb; "die Lage sei ernst" (an article the
    # tagger took for a relative pronoun) has it in second place.
    end = start + 1
    while end < len(doc) and doc[end].text not in _BOUNDARY_TEXTS | _FINAL_PUNCT:
        end += 1
    return end - 1 > start and is_finite(doc[end - 1])


def _antecedent(doc: Doc, start: int) -> bool:
    """Whether a relative pronoun at ``start`` can have an antecedent: right after a finite
    main verb ("erklärte, die Tiere würden …") the "die" is an article; after a clause-final
    verb ("hat ein Gutachten veröffentlicht, das …") it may refer back."""
    index = start - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1
    return index < 0 or doc[index].tag_ != "VVFIN"


def _can_act(source: Source) -> bool:
    """Whether a source can want or threaten something: anyone but a document."""
    return source.kind != "document"


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in _BOUNDARY_TEXTS or doc[start].is_space):
        start += 1
    end = _trim_end(doc, start, end)
    return start, end


def _correlate(doc: Doc, index: int, clause_end: int) -> bool:
    """A "darauf"/"davon" that points to the following comma clause ("weist darauf hin, dass").

    It closes its clause: only verb parts may follow it before the comma.
    """
    return (
        doc[index].lower_ in _CUE_ADVERBS
        and clause_end < len(doc)
        and doc[clause_end].text == ","
        and all(doc[k].pos_ in {"VERB", "AUX", "ADP", "PART"} for k in range(index + 1, clause_end))
    )


def _cue_mention(doc: Doc, cue: Cue, tokens: list[Token] | None = None) -> Mention:
    tokens = sorted(tokens or cue.tokens, key=lambda t: t.i)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    contiguous = all(b.i == a.i + 1 for a, b in pairwise(tokens))
    if contiguous:
        return Mention(doc[tokens[0].i : tokens[-1].i + 1].text, (start, end))
    parts = tuple((t.idx, t.idx + len(t)) for t in tokens)
    return Mention(" … ".join(t.text for t in tokens), (start, end), parts)


def _perfect_infinitive_after(doc: Doc, token: Token, limit: int) -> bool:
    """ "soll … gesagt haben": reportative, unlike "soll steigen" (a plan)."""
    for index in range(token.i + 1, limit):
        candidate = doc[index]
        if candidate.text in {",", ";", ":"}:
            return False
        if (
            candidate.lower_ in {"haben", "sein"}
            and index > 0
            and doc[index - 1].tag_ in {"VVPP", "VVINF", "VAPP", "VMPP"}
        ):
            return True
    return False


def _konjunktiv(token: Token) -> str | None:
    if Token.has_extension("konjunktiv"):
        value = token._.konjunktiv
        if value in {"I", "II"}:
            return value
    morph = token.morph
    if "Sub" in morph.get("Mood"):
        return "II" if "Past" in morph.get("Tense") else "I"
    return None


def _subordinate(doc: Doc, segment_start: int, verb: int) -> bool:
    """Whether the clause that holds ``verb`` starts with a subordinator or relative pronoun,
    or is a verb-first conditional ("Sollte das nicht gelingen, …")."""
    if (
        verb == segment_start
        and doc[verb].lower_ in _CONDITIONAL_VERBS
        and any(t.text == "," for t in doc[verb : min(len(doc), verb + 15)])
    ):
        return True
    for index in range(segment_start, min(verb, segment_start + 3)):
        token = doc[index]
        if token.tag_ in _SUBORDINATORS or token.lower_ in {
            "dass",
            "ob",
            "weil",
            "da",
            "wenn",
            "als",
        }:
            return index == segment_start or doc[segment_start].pos_ == "ADP"
        if token.lower_ in _COORDINATORS:
            continue
        if token.pos_ != "ADP":
            break
    return False
