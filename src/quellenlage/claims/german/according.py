"""Frames of prepositions and adverbs that attribute: "laut X", "X zufolge", "nach Angaben
X", "unter Berufung auf X", "so X", and anaphoric "demnach".
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.cues import Cue, is_cue_noun, noun_lemma
from quellenlage.claims.german.grammar import (
    _ATTRIBUTE_PREPOSITIONS,
    _attribute_after,
    _attribute_preposition,
    _clause_around,
    _extended_attribute_phrase,
    _is_according_noun,
    _is_berufung,
    _medium_of_phrase,
    _noun_cue,
    _opens_noun_phrase,
    _trim_end,
)
from quellenlage.claims.german.speakers import head_of, is_source_like, noun_phrase
from quellenlage.claims.german.state import Attribution, Context, Frame, _clause_subject, _source
from quellenlage.claims.german.units import Unit, is_finite
from quellenlage.lang import load
from quellenlage.records import Source

_PREPOSITION_POS = frozenset({"ADP", "X", "ADV", "NOUN", "PROPN"})  # "laut" is often mistagged


def _preposition_frame(
    context: Context, unit: Unit, token: Token, boundaries: set[int]
) -> Frame | None:
    """An according-to frame at ``token``: "laut X", "X zufolge", "nach Angaben X", "ihrer
    Meinung nach", "demnach", "unter Berufung auf X", "…, so X."."""
    lower = token.lower_
    if lower in vocabulary.ACCORDING_PREPOSITIONS and token.pos_ in _PREPOSITION_POS:
        return _laut_frame(context, unit, token, boundaries)
    if lower == "zufolge":
        return _zufolge_frame(context, unit, token, boundaries)
    if (
        lower == "nach"
        and token.i > unit.start
        and is_cue_noun(context.doc[token.i - 1])
        and not _opens_noun_phrase(context.doc, token.i + 1)
    ):
        # "ihrer Meinung nach", but not "die Forderung nach mehr Demokratie"
        return _postposed_nach_frame(context, unit, token)
    if lower == "nach":
        return _nach_frame(context, unit, token, boundaries)
    if lower in vocabulary.ANAPHORIC_CUES:
        # "Demnach …" names its source itself; the referent may be a report the last
        # sentences only mentioned ("hat ein Ergebnis bekannt gegeben. Demnach …"): the
        # subject of that sentence published it
        return _anaphoric_frame(token, _earlier(context))
    if lower == "unter":
        return _berufung_frame(context, unit, token)
    if lower in {"in", "im"} and token.pos_ == "ADP":
        return _measured_in_frame(context, unit, token, boundaries)
    if lower == "so" and token.i > unit.start and context.doc[token.i - 1].text in {",", "–", "—"}:
        return _so_frame(context, unit, token, boundaries)
    return None


def _earlier(context: Context) -> Attribution:
    """What a connective points back to: the open or recent attribution, else the subject
    of the last sentence."""
    earlier = context.active or context.recent_attribution()
    return earlier or Attribution(context.last_subject, (), "unknown")


def _according_to(cue: Cue, start: int, end: int, source: Source | None) -> Frame:
    return Frame(cue=cue, start=start, end=end, source=source, mode="according_to")


def _laut_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "laut einer Mitteilung der Polizei": the whole phrase names the source (Wikinews)."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    if token.i + 1 >= limit_end:
        return None
    _, clause_end = _clause_around(token.i, unit, boundaries)
    limit = min(clause_end, limit_end)
    if _DOMAIN.match(doc[token.i + 1].text):
        phrase = doc[token.i + 1 : token.i + 2]  # "laut faz.net", whatever the tagger says
    else:
        phrase = _extended_attribute_phrase(doc, token.i + 1, limit) or noun_phrase(
            doc[token.i + 1], (token.i + 1, limit)
        )
    if phrase is None or (phrase.start != token.i + 1 and doc[token.i + 1].pos_ != "DET"):
        return None
    cue = Cue("preposition", token, [token], token.lower_, medium=_medium_of_phrase(phrase))
    return _according_to(cue, token.i, phrase.end, _source(context, phrase))


_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,4}$")


def _zufolge_frame(
    context: Context, unit: Unit, token: Token, boundaries: set[int]
) -> Frame | None:
    """ "Einem Bericht des Senders zufolge": the noun phrase before the postposition."""
    doc = context.doc
    clause_start, _ = _clause_around(token.i, unit, boundaries)
    if token.i > clause_start and doc[token.i - 1].lower_ in {"dem", "diesem"}:
        # "Dem zufolge …": the demonstrative points back like "demnach"
        return _anaphoric_frame(doc[token.i - 1], _earlier(context), token)
    begin = token.i
    while begin > clause_start and (
        doc[begin - 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"}
        or doc[begin - 1].text in '„“"»«'
        or _attribute_preposition(doc, begin - 1, clause_start)
    ):
        begin -= 1
    if begin == token.i:
        return None
    phrase = noun_phrase(doc[begin], (begin, token.i))
    if phrase is None:
        return None
    if phrase.end < token.i and doc[phrase.end].lower_ in _ATTRIBUTE_PREPOSITIONS:
        phrase = doc[phrase.start : token.i]  # "Angaben des Instituts von Athen zufolge"
    cue = Cue("preposition", token, [token], "zufolge", medium=_medium_of_phrase(phrase))
    return _according_to(cue, phrase.start, token.i + 1, _source(context, phrase))


def _postposed_nach_frame(context: Context, unit: Unit, token: Token) -> Frame:
    """ "ihrer Meinung nach": the possessive phrase before "nach" is the source."""
    doc = context.doc
    begin = token.i - 1
    while begin > unit.start and doc[begin - 1].pos_ in {"DET", "PRON", "ADJ"}:
        begin -= 1
    cue = _noun_cue(token, noun_lemma(doc[token.i - 1]))
    return _according_to(cue, begin, token.i + 1, _source(context, doc[begin : token.i]))


def _nach_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "nach Angaben der Polizei": cue "nach", source "Angaben der Polizei" (Wikinews)."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    _, clause_end = _clause_around(token.i, unit, boundaries)
    noun_index = token.i + 1
    while noun_index < clause_end and (
        doc[noun_index].pos_ in {"DET", "ADJ", "ADV"}
        or doc[noun_index].lower_ in {"dessen", "deren"}
        or (doc[noun_index].pos_ == "PROPN" and doc[noun_index].lower_.endswith("s"))
    ):
        noun_index += 1  # "nach bisher unbestätigten Berichten", "nach Celebis Angaben"
    if noun_index >= min(clause_end, limit_end):
        return None
    noun = doc[noun_index]
    lemma = noun_lemma(noun)
    if not _is_according_noun(lemma):
        return None
    attribute = _attribute_after(noun, min(clause_end, limit_end))
    end = attribute.end if attribute is not None else noun_index + 1
    frame_end = end
    if attribute is not None and end < limit_end and doc[end].text == ",":
        # "nach Angaben des Sprechers, Roland Eichhorn, …": the apposition names the source.
        close = next(
            (k for k in range(end + 1, min(end + 7, limit_end)) if doc[k].text == ","), None
        )
        if close is not None and all(
            doc[k].pos_ in {"PROPN", "NOUN", "DET", "ADJ"} or doc[k].ent_type_
            for k in range(end + 1, close)
        ):
            end, frame_end = close, close + 1
    source = _source(context, doc[token.i + 1 : end])
    own = any(doc[k].lower_ in {"eigenen", "eigener"} for k in range(token.i + 1, noun_index))
    if attribute is None and own and source is not None:
        # "nach eigenen Angaben": the statement of the clause's subject.
        subject = _clause_subject(context, unit, exclude=(token.i, end))
        if subject is not None:
            source = replace(source, resolved=subject.text)
    return _according_to(_noun_cue(token, lemma), token.i, frame_end, source)


_MEASUREMENT_NOUNS = tuple(sorted(load("de").words("measurement_nouns")))


def _measurement_noun(token: Token) -> bool:
    """ "Umfragen", "Kriminalstatistik", "Forsa-Umfrage": a noun of something that measures."""
    return noun_lemma(token).rsplit("-", 1)[-1].endswith(_MEASUREMENT_NOUNS)


def _measured_in_frame(
    context: Context, unit: Unit, token: Token, boundaries: set[int]
) -> Frame | None:
    """ "In den aktuellen Umfragen liegt die AfD bei 30 Prozent": a figure found in a poll,
    a count or a statistic is theirs. Only where the clause holds a figure: "in der Studie"
    alone says where something was written, not whose figure it is."""
    doc = context.doc
    clause_start, clause_end = _clause_around(token.i, unit, boundaries)
    noun_index = token.i + 1
    while noun_index < clause_end and doc[noun_index].pos_ in {"DET", "ADJ", "ADV"}:
        noun_index += 1  # "in den letzten veröffentlichten Umfragen"
    if noun_index >= clause_end or not _measurement_noun(doc[noun_index]):
        return None
    attribute = _attribute_after(doc[noun_index], clause_end)
    end = attribute.end if attribute is not None else noun_index + 1
    phrase = doc[token.i + 1 : end]
    first, last = doc[clause_start], doc[clause_end - 1]
    outside = [
        q
        for q in context.figures_in(first.idx, last.idx + len(last))
        if not phrase.start_char <= q.span[0] < phrase.end_char
    ]
    if not outside:
        return None
    cue = Cue("preposition", token, [token], "in", medium="writing")
    return _according_to(cue, token.i, end, _source(context, phrase))


def _anaphoric_frame(token: Token, active: Attribution, cue_token: Token | None = None) -> Frame:
    """ "Demnach …": cue and source at once, standing for the open attribution's source
    ("Dem zufolge": the source before its cue).

    With nothing it could point back to, the mention keeps its place in the attribution
    state but names nobody (``resolved`` None): the claim is the outlet's (see
    ``claims._named_source``), and the cue holds the mention ("Dem zufolge" whole).
    """
    source = Source(token.text, (token.idx, token.idx + len(token)), "unknown", None)
    cue_token = cue_token or token
    tokens = [cue_token]
    if active.source is not None and not _unnamed_connective(active.source):
        source = replace(source, kind=active.source.kind, resolved=active.source.name)
    elif token.i != cue_token.i:
        tokens = [token, cue_token]
    cue = Cue("preposition", cue_token, tokens, cue_token.lower_, medium=active.medium)
    frame = _according_to(cue, token.i, cue_token.i + 1, source)
    frame.chain = list(active.chain)
    frame.link = "connective"
    return frame


def _unnamed_connective(source: Source) -> bool:
    """An earlier "Demnach" that stood for nothing: a later one cannot stand for it either."""
    return (
        source.resolved is None
        and source.span is not None
        and source.text.lower()
        in {
            *vocabulary.ANAPHORIC_CUES,
            "dem",
        }
    )


def _berufung_frame(context: Context, unit: Unit, token: Token) -> Frame | None:
    """ "unter Berufung auf X" outside a verb frame: X is the source."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    if not _is_berufung(doc, token.i, limit_end):
        return None
    phrase = noun_phrase(doc[token.i + 3], (token.i + 3, limit_end))
    if phrase is None:
        return None
    cue = Cue("preposition", token, list(doc[token.i : token.i + 3]), "unter berufung auf")
    return _according_to(cue, token.i, phrase.end, _source(context, phrase))


def _so_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "…, so der Minister.": a source-like phrase after "so" and no verb."""
    doc = context.doc
    _, clause_end = _clause_around(token.i, unit, boundaries)
    if token.i + 1 >= clause_end:
        return None
    phrase = noun_phrase(doc[token.i + 1], (token.i + 1, clause_end))
    if (
        phrase is None
        or phrase.start != token.i + 1
        or any(is_finite(t) for t in doc[token.i : clause_end])
    ):
        return None
    # "…, so Schnappauf.": a bare capitalised word after "so" names someone even when the
    # tagger does not know the name
    bare_name = phrase[0].pos_ in {"NOUN", "PROPN"} and phrase[0].text[:1].isupper()
    if (
        not is_source_like(phrase)
        and not bare_name
        and head_of(phrase).lemma_.lower() not in vocabulary.DOCUMENT_WORDS
    ):
        return None
    cue = Cue("so", token, [token], "so", medium="speech")
    return _according_to(cue, token.i, clause_end, _source(context, phrase))
