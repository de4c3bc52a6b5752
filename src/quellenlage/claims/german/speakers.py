"""Source mentions: noun-phrase extents, source kinds, whether a phrase can name a source.

Everything here degrades gracefully on a weak parse: extents come from the parse where it
is plausible and from part-of-speech runs otherwise.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quellenlage.claims.german import vocabulary
from quellenlage.lang import load
from quellenlage.records import SourceKind

_DE = load("de")

_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "X"})
_NP_LINK_POS = frozenset({"CCONJ"})
_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "X"})
_ENTITY_KINDS: dict[str, SourceKind] = {"PER": "person", "ORG": "organisation", "LOC": "state"}
_PERSONAL_PRONOUNS = _DE.words("personal_pronouns")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj"})
#: Endings of words for persons in a role ("Bundeswahlleiter", "Gutachter").
_PERSON_ROLE_ENDINGS = _DE.ordered("person_role_endings")

_ORGANISATION_SUFFIXES = _DE.ordered("organisation_suffixes")


def noun_phrase(start: Token, limit: tuple[int, int]) -> Span | None:
    """The noun phrase that begins at ``start`` (token index range ``limit`` bounds it).

    It runs over determiners, adjectives, nouns, names and coordinations ("die Nato und
    die USA") and genitive attributes ("der Sprecher des Ministeriums"), and stops at
    prepositions, verbs, commas and adverbs.
    """
    doc = start.doc
    low, high = limit
    if not (low <= start.i < high):
        return None
    i = start.i
    while i < high and (
        not _np_like(doc[i]) and not _is_quote_token(doc[i]) and not doc[i].ent_type_
    ):
        i += 1
    if i >= high:
        return None
    begin = i
    end = i
    seen_head = False
    while end < high:
        token = doc[end]
        if token.ent_type_ and end > begin and (token.ent_iob_ == "I" or seen_head):
            end += 1  # inside a name, whatever the tagger says ("n-tv", "Joachim Banke")
            seen_head = True
            continue
        if _np_like(token) or _is_quote_token(token):
            previous = doc[end - 1] if end > begin else None
            after_head = previous is not None and previous.pos_ in {"NOUN", "PROPN"}
            if seen_head and after_head and token.pos_ == "ADJ":
                break  # "Angaben des Roten Kreuzes obdachlos"
            if (
                seen_head
                and after_head
                and token.tag_ == "NN"
                and previous.tag_ == "NN"
                and not (token.ent_type_ or previous.ent_type_)
                and not previous.lower_.endswith("s")  # "Osttimors Außenminister"
                and _cases_differ(previous, token)
            ):
                break  # "ersten Meldungen Schäden"
            if seen_head and after_head and _starts_counted_phrase(doc, end, high):
                break  # "laut Behördenangaben 7.000 Menschen"
            if _head_like(token):
                seen_head = True
            elif seen_head and token.pos_ == "DET" and not _genitive_det(token):
                break
            if seen_head and token.pos_ == "PRON" and token.lower_ not in _PERSONAL_PRONOUNS:
                break
            end += 1
            if token.pos_ == "PRON" and token.lower_ in _PERSONAL_PRONOUNS and seen_head:
                break
            continue
        close = _closing_bracket(doc, end, high) if seen_head else None
        if close is not None:
            end = close + 1  # "des Multilateralen Investitionsfonds (MIF)"
            continue
        series = _adjective_series(doc, begin, end, high)
        if series is not None:
            end = series  # "Deutsche, französische und polnische Diplomaten"
            seen_head = True
            continue
        if (
            token.pos_ in _NP_LINK_POS
            and (
                seen_head
                or doc[end - 1].text.endswith("-")  # "Bau- und Verkehrsministerium"
                or (doc[end - 1].pos_ == "ADJ" and doc[end + 1].pos_ == "ADJ")
            )
            and end + 1 < high
            and (_np_like(doc[end + 1]) or doc[end + 1].text.endswith("-"))
        ):
            end += 1
            seen_head = False
            continue
        break
    while end > begin and (_is_quote_token(doc[end - 1]) and _unbalanced_at_end(doc, begin, end)):
        end -= 1
    if not any(_head_like(doc[k]) for k in range(begin, end)):
        return None
    return doc[begin:end]


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _adjective_series(doc: Doc, begin: int, index: int, high: int) -> int | None:
    """Coordinated adjectives before one noun, the first capitalised at a sentence start
    ("Deutsche, französische und polnische Diplomaten"): the end of the phrase, else None."""
    if index >= high or doc[index].text != "," or index == begin:
        return None
    before = doc[index - 1]
    if before.pos_ != "ADJ" and not (
        index - 1 == begin and before.lower_.endswith(_ADJECTIVE_ENDINGS)
    ):
        return None
    k, joined = index, False
    while k + 1 < high and doc[k].text in {",", "und", "oder", "sowie"}:
        joined = joined or doc[k].text != ","
        if doc[k + 1].pos_ != "ADJ" or not doc[k + 1].is_lower:
            return None
        k += 2
    if not joined or k >= high or doc[k].pos_ not in {"NOUN", "PROPN"}:
        return None
    return k + 1


def _starts_counted_phrase(doc: Doc, index: int, high: int) -> bool:
    """A number followed by a noun opens a new phrase ("7.000 Menschen", "13 Prozent")."""
    return (
        doc[index].pos_ == "NUM"
        and index + 1 < high
        and doc[index + 1].pos_ in {"NOUN", "ADJ"}
        and not doc[index + 1].text[:1].isdigit()
    )


def _closing_bracket(doc: Doc, index: int, high: int) -> int | None:
    """The ")" closing a short bracketed abbreviation or name at ``index`` ("(BKA)", "(CDU)")."""
    if doc[index].text != "(":
        return None
    for k in range(index + 1, min(index + 6, high)):
        if doc[k].text == ")":
            inside = doc[index + 1 : k]
            if len(inside) and all(t.text[:1].isupper() or t.pos_ == "PROPN" for t in inside):
                return k
            return None
    return None


def _head_like(token: Token) -> bool:
    """A noun, name or pronoun by its universal tag, or a noun by its STTS tag (the small
    tagger sometimes disagrees with itself: "Verteidigungskreise" ADV/NN)."""
    return token.pos_ in _HEAD_POS or (token.tag_ in {"NN", "NE"} and token.text[:1].isupper())


def _np_like(token: Token) -> bool:
    return token.pos_ in _NP_POS or _head_like(token) or token.tag_ == "TRUNC"


def _cases_differ(first: Token, second: Token) -> bool:
    """Two nouns in different cases belong to different phrases ("Meldungen Schäden")."""
    first_case, second_case = first.morph.get("Case"), second.morph.get("Case")
    return bool(first_case and second_case and first_case != second_case)


def _is_quote_token(token: Token) -> bool:
    return len(token.text) == 1 and token.text in '„“”»«"‚‘›‹'


def _unbalanced_at_end(doc: Doc, begin: int, end: int) -> bool:
    marks = sum(1 for k in range(begin, end) if _is_quote_token(doc[k]))
    return marks % 2 == 1


def _genitive_det(token: Token) -> bool:
    """A determiner that starts a genitive attribute ("des", "der" after a head noun)."""
    morph = str(token.morph)
    return (
        token.lower_ in {"des", "der", "eines", "einer"}
        and "Case=Dat" not in morph
        and "Case=Nom" not in morph
        and not weak_nominative_adjective(token)  # "einer Nachricht der ursprüngliche Toaster"
    )


def weak_nominative_adjective(det: Token) -> bool:
    """``det`` is followed by a weak "-e" adjective, so it is no genitive ("der neue")."""
    following = det.doc[det.i + 1] if det.i + 1 < len(det.doc) else None
    return following is not None and following.pos_ == "ADJ" and following.lower_.endswith("e")


def head_of(phrase: Span) -> Token:
    """The head noun of a phrase: the first name/noun that the rest does not modify."""
    nouns = [t for t in phrase if _head_like(t)]
    if not nouns:
        return phrase[-1]
    # Before a genitive attribute or a coordination, the first noun group is the head.
    for token in phrase:
        if _head_like(token):
            following = token.i + 1
            if following < phrase.end and phrase.doc[following].pos_ in {"DET", "CCONJ"}:
                return token
    named = [t for t in nouns if t.ent_type_ in {"PER", "ORG"}]
    if named:
        return named[0]
    names = [t for t in nouns if t.pos_ == "PROPN" and not t.lower_.endswith("s")]
    return names[-1] if names else nouns[-1]


def source_kind(phrase: Span) -> SourceKind:
    """Guess the kind of a source mention from names, entity types and word lists."""
    words = [t.lower_.strip('„“"»«') for t in phrase]
    lowered = " ".join(words)
    if any(word in vocabulary.AGENCIES for word in words) or any(
        name in lowered for name in vocabulary.AGENCIES if " " in name
    ):
        return "agency"
    if any(word in vocabulary.MEDIA_WORDS for word in words) or any(
        word.endswith(("zeitung", "magazin", "sender")) for word in words
    ):
        return "media"
    head = head_of(phrase)
    head_word = head.lower_
    head_lemma = head.lemma_.lower()
    if head.pos_ == "PRON":
        return "group" if head_word in {"wir"} else "person"
    if head_lemma in vocabulary.DOCUMENT_WORDS or head_word in vocabulary.DOCUMENT_WORDS:
        return "document"
    if head.ent_type_ == "PER" or head_lemma in vocabulary.PERSON_WORDS:
        return "person"
    if head_word in vocabulary.GROUP_WORDS or head_lemma in vocabulary.GROUP_WORDS:
        return "group"
    if head_word in vocabulary.STATE_WORDS or head_lemma in vocabulary.STATE_WORDS:
        return "state"
    if head.pos_ == "PROPN" and head.ent_type_ not in {"PER", "ORG"} and _role_before(head, phrase):
        return "person"  # "Die Ärztin Sommer", "Der Ökonom Dubois" (a surname tagged as a place)
    if head.ent_type_ in _ENTITY_KINDS:
        return _ENTITY_KINDS[head.ent_type_]
    if head_word.endswith(_PERSON_ROLE_ENDINGS):
        return "person"
    if head_word.endswith(("kreise", "kreisen", "experten", "abgeordnete", "abgeordneten")):
        return "group"
    if head_word.endswith(("ministerium", "regierung", "behörde", "behörden", "dienst", "dienste")):
        return "state"
    if head_word.endswith(("bericht", "studie", "briefing")):
        return "document"
    if any(form.endswith(_ORGANISATION_SUFFIXES) for form in _singulars(head_word)):
        return "organisation"  # "Gewerkschaften", "Verbände", "Länderparlamente" too
    if head.pos_ == "PROPN":
        return "organisation" if head.ent_type_ == "ORG" else "unknown"
    return "unknown"


def _role_before(name: Token, phrase: Span) -> bool:
    """Whether a person's role noun stands right before ``name`` in the phrase."""
    if name.i == phrase.start:
        return False
    role = phrase.doc[name.i - 1]
    if role.pos_ not in {"NOUN", "PROPN"} or role.ent_type_ in {"ORG", "LOC"}:
        return False
    word = role.lower_
    return (
        word in vocabulary.PERSON_WORDS
        or role.lemma_.lower() in vocabulary.PERSON_WORDS
        or word.endswith(_PERSON_ROLE_ENDINGS)
    )


_UMLAUTS = str.maketrans("äöü", "aou")


def _singulars(word: str) -> set[str]:
    """The word and its possible singulars: plural endings off, umlaut undone ("verbände")."""
    forms = {word}
    for ending in ("en", "n", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            forms.add(word[: -len(ending)])
    return forms | {form.translate(_UMLAUTS) for form in forms}


def is_source_like(phrase: Span | None) -> bool:
    """Whether a phrase can name who says something (a name, a role, an institution)."""
    if phrase is None or len(phrase) == 0:
        return False
    if phrase[0].lower_ in vocabulary.NOT_SOURCES or phrase[0].pos_ == "NUM":
        return False  # "Unterdessen", "Anfang Februar", "Neun Tage"
    head = head_of(phrase)
    if head.pos_ == "PRON":
        return head.lower_ in _PERSONAL_PRONOUNS
    if any(token.ent_type_ in {"PER", "ORG"} for token in phrase):
        return True
    if head.ent_type_ in {"PER", "ORG"} or (head.pos_ == "PROPN" and head.ent_type_ != "MISC"):
        return True
    if head.ent_type_ == "LOC":
        return True
    word = head.lower_
    lemma = head.lemma_.lower()
    if (
        word in vocabulary.PERSON_WORDS
        or lemma in vocabulary.PERSON_WORDS
        or word in vocabulary.GROUP_WORDS
        or word in vocabulary.STATE_WORDS
        or lemma in vocabulary.STATE_WORDS
        or word in vocabulary.AGENCIES
        or word in vocabulary.MEDIA_WORDS
    ):
        return True
    return word.endswith(vocabulary.SOURCE_SUFFIXES)


def subject_of(
    verb: Token, allowed: tuple[int, int], excluded: list[tuple[int, int]]
) -> Token | None:
    """The subject of ``verb`` from the parse, if it lies in ``allowed`` and outside ``excluded``."""
    candidates = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    for aux in verb.children:
        if aux.dep_ in {"aux", "aux:pass", "cop"}:
            candidates.extend(c for c in aux.children if c.dep_ in _SUBJECT_DEPS)
    if verb.dep_ in {"xcomp", "conj"} and verb.head is not verb:
        candidates.extend(c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS)
    for candidate in candidates:
        if not (allowed[0] <= candidate.i < allowed[1]):
            continue
        if any(lo <= candidate.idx < hi for lo, hi in excluded):
            continue
        if candidate.lower_ in {"es", "das", "dies"}:
            continue
        if candidate.morph.get("Case") and candidate.morph.get("Case") != ["Nom"]:
            continue  # a dative or accusative the parser took for the subject
        return candidate
    return None


def phrase_around(token: Token, limit: tuple[int, int]) -> Span | None:
    """The noun phrase that contains ``token``: its left modifiers and, for a genitive
    attribute ("Ein Reporter des Senders"), the noun it belongs to."""
    doc = token.doc
    start = token.i
    while (
        start - 1 >= limit[0]
        and (
            doc[start - 1].pos_ in {"DET", "ADJ", "NUM", "PROPN", "NOUN"}
            or _is_quote_token(doc[start - 1])
        )
        and not doc[start - 1].text.endswith(".")
    ):
        start -= 1
    if (
        start < token.i
        and _is_quote_token(doc[start])
        and _unbalanced_at_end(doc, start, token.i + 1)
    ):
        start += 1
    while start <= token.i:
        phrase = noun_phrase(doc[start], limit)
        if phrase is not None and phrase.start <= token.i < phrase.end:
            return phrase
        start += 1
    return noun_phrase(token, limit)
