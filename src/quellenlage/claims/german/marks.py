"""What marks a claim beyond its roles: hedges, denials, the tokens of the cue, reported
vs. performed speech.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.grammar import _correlate, _konjunktiv, _perfect_infinitive_after
from quellenlage.claims.german.state import Frame
from quellenlage.lang import load

_DE = load("de")
_VERB_FIRST_FILLERS = _DE.words("verb_first_fillers")
#: Prepositions that belong to a cue: "sprach von", "bezeichnete … als", "warnte vor".
_CUE_PREPOSITIONS: dict[str, tuple[str, ...]] = _DE.groups("cue_prepositions")


def _is_verb_first(doc: Doc, frame: Frame) -> bool:
    first_cue = min(t.i for t in frame.cue.tokens)
    return all(
        doc[k].lower_ in _VERB_FIRST_FILLERS or doc[k].pos_ in {"AUX", "ADV", "PART"}
        for k in range(frame.start, first_cue)
    )


def _speech_object(doc: Doc, frame: Frame) -> bool:
    """ "berichteten von einem Knall", "warnt vor …": the verb names what was said, so any
    subject is a speaker."""
    prepositions = _SPEECH_OBJECT_PREPOSITIONS.get(frame.cue.lemma, ())
    head = frame.cue.head.i
    return any(doc[k].lower_ in prepositions for k in range(head + 1, min(frame.end, head + 4)))


#: Speech verbs whose prepositional object is the reported content.
_SPEECH_OBJECT_PREPOSITIONS: dict[str, tuple[str, ...]] = _DE.groups("speech_object_prepositions")


def _reported_cue(frame: Frame) -> bool:
    """A verb cue in Konjunktiv whose subject is a pronoun or missing ("er gehe davon aus")."""
    source = frame.source
    pronoun = source is None or source.text.lower() in {"er", "sie", "man", "es"}
    return frame.cue.kind == "verb" and pronoun and _reported_frame(frame)


def _reported_frame(frame: Frame) -> bool:
    """Whether the frame's verb complex is in Konjunktiv (it reports someone else's cue)."""
    head = frame.cue.head
    verbs = [head, *(child for child in head.children if child.dep_ in {"aux", "aux:pass"})]
    doc = head.doc
    verbs.extend(doc[k] for k in range(frame.start, frame.end) if doc[k].pos_ == "AUX")
    return any(_konjunktiv(token) is not None for token in verbs)


def _cue_tokens(doc: Doc, frame: Frame) -> list[Token]:
    """The whole verb complex of a verb cue: auxiliaries, "sich", "es" of "heißt es", "wie"."""
    cue = frame.cue
    tokens = {t.i: t for t in cue.tokens}
    if cue.kind != "verb":
        return list(tokens.values())
    head = cue.head
    for child in head.children:
        if child.dep_ in {"aux", "aux:pass"} and frame.start <= child.i < frame.end:
            tokens[child.i] = child
    # a finite verb ("heißt", "verweist") takes no auxiliary, whatever its ending
    participle = head.tag_ in {"VVPP", "VVINF"} or (
        head.lower_.endswith("t") and head.tag_ != "VVFIN"
    )
    clause = _same_clause(doc, frame, head)
    for index in clause:
        token = doc[index]
        if _correlate(doc, index, clause.stop) or (
            participle and token.tag_ == "VAFIN" and index < head.i
        ):
            tokens[index] = token  # "geht die Regierung davon aus,", "hatte das Komitee betont"
    for index in range(max(frame.start, head.i - 3), min(frame.end, head.i + 4)):
        token = doc[index]
        if (
            token.tag_ == "PRF"
            or (token.lower_ == "es" and (cue.lemma == "heißen" or _passive_cue(doc, frame)))
            or (token.tag_ in {"VAFIN", "VMFIN"} and head.tag_ in {"VVPP", "VVINF"})
            or (
                token.lemma_ in {"haben", "sein", "werden"}
                and participle
                and -2 <= index - head.i <= 1
                and index != head.i
            )
            or (token.lower_ in _CUE_PREPOSITIONS.get(cue.lemma, ()) and index > head.i)
        ):
            tokens[index] = token
    first = frame.start + 1 if doc[frame.start].text == "," else frame.start
    if first < frame.end and doc[first].lower_ == "wie":
        tokens[first] = doc[first]  # ", wie X mitteilte"
    for index in range(head.i + 1, min(frame.end, head.i + 6) - 2):
        # "kommentierte mit den Worten", "mit folgenden Worten"
        if doc[index].lower_ == "mit" and doc[index + 2].lower_ == "worten":
            tokens.update({k: doc[k] for k in range(index, index + 3)})
        elif doc[index].lower_ == "mit" and doc[index + 1].lower_ == "worten":
            tokens.update({k: doc[k] for k in range(index, index + 2)})
    if " " in cue.lemma:  # "der Meinung sein", "zu dem Ergebnis kommen": the article too
        for token in cue.tokens:
            index = token.i - 1
            while token.pos_ == "NOUN" and index >= 0 and token.i - index <= 2:
                if doc[index].pos_ not in {"DET", "ADP"}:
                    break
                tokens[index] = doc[index]
                index -= 1
    return [tokens[k] for k in sorted(tokens)]


def _same_clause(doc: Doc, frame: Frame, head: Token) -> range:
    """The token indices of the frame that share the cue verb's clause (no comma between)."""
    start = head.i
    while start > frame.start and doc[start - 1].text not in _CLAUSE_BREAKS:
        start -= 1
    end = head.i + 1
    while end < frame.end and doc[end].text not in _CLAUSE_BREAKS:
        end += 1
    return range(start, end)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "–"})


def _passive_cue(doc: Doc, frame: Frame) -> bool:
    """ "Es wird vermutet, …": an impersonal passive cue."""
    return frame.cue.head.tag_ == "VVPP" and any(
        doc[k].lemma_ == "werden" for k in range(frame.start, frame.end)
    )


def _hedges(doc: Doc, frame: Frame | None, start: int, end: int) -> tuple[str, ...]:
    found: list[str] = []
    if frame is not None and frame.cue.hedge:
        found.append(frame.cue.head.text)
    lo = min(start, frame.start) if frame is not None else start
    hi = max(end, frame.end) if frame is not None else end
    tokens = doc[lo:hi]
    if frame is not None and frame.cue.kind == "verb":
        found.extend(_hedging_zufolge(doc, frame))
    for token in tokens:
        lower = token.lower_
        if (
            lower in vocabulary.HEDGE_WORDS
            or lower in vocabulary.HEDGE_MODAL_FORMS
            or (
                lower in vocabulary.REPORTATIVE_SOLLEN and _perfect_infinitive_after(doc, token, hi)
            )
        ):
            found.append(token.text)
    unique: list[str] = []
    for word in found:
        if word not in unique:
            unique.append(word)
    return tuple(unique)


def _hedging_zufolge(doc: Doc, frame: Frame) -> list[str]:
    """ "X sagte Berichten zufolge, …": inside a speech frame the "zufolge" phrase says how
    the outlet knows of the speech act, not who speaks: a hedge."""
    found = []
    for index in range(frame.start + 1, frame.end):
        if doc[index].lower_ != "zufolge":
            continue
        begin = index
        while begin > frame.start and doc[begin - 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN"}:
            begin -= 1
        if begin < index:
            found.append(doc[begin : index + 1].text)
    return found


def _has_denial(doc: Doc, frame: Frame) -> bool:
    return any(doc[k].lower_ in vocabulary.DENIAL_WORDS for k in range(frame.start, frame.end))
