"""Where a frame's content lies: the clause after the cue's comma or colon, without frame
material, relative clauses or what follows a semicolon; the reported content of a speech
act without a clause.
"""

from __future__ import annotations

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.grammar import (
    _BOUNDARY_TEXTS,
    _antecedent,
    _can_act,
    _dependent_start,
    _konjunktiv,
    _strip,
    _subordinate,
    _trim_end,
)
from quellenlage.claims.german.marks import _is_verb_first, _speech_object
from quellenlage.claims.german.state import Context, Frame, _in_any_quote, _main_finite
from quellenlage.claims.german.units import Unit, is_finite, is_question
from quellenlage.lang import load

_DE = load("de")
_AGENT_ONLY_VERBS = _DE.words("agent_only_verbs")
#: Conjunctions of infinitives that are adverbials of the frame ("ohne … zu", "um … zu").
_ADVERBIAL_ZU = frozenset({"ohne", "um", "statt", "anstatt"})
#: "Das Erdbeben forderte 35 Todesopfer": "fordern" with victims is no speech act.
_CASUALTY_WORDS = _DE.ordered("casualty_words")


def _has_claim_matter(
    context: Context, start: int, end: int, *, loose: bool = False, main: bool = False
) -> bool:
    """Whether a stretch can be a claim: a finite verb or a full quote in it.

    ``loose`` accepts any stretch of three words or more: after "sagte," a clause follows
    even where the tagger missed its verb ("das reiche nicht"). ``main`` asks for a main
    clause: "Frank Sichau, der als Sprecher fungiert," is a subject with a relative clause.
    """
    doc = context.doc
    if end <= start:
        return False
    if loose and sum(1 for k in range(start, end) if doc[k].is_alpha) >= 3:
        return True
    if main:
        has_quote = any(
            doc[start].idx <= quote.start < doc[end - 1].idx + len(doc[end - 1])
            for quote in context.full_quotes
        )
        return has_quote or _main_finite(context, start, end) is not None
    if any(
        is_finite(doc[k]) or doc[k].tag_ in {"VVPP", "VVINF", "VVIZU"} for k in range(start, end)
    ):
        return True
    return any(
        doc[start].idx <= quote.start < doc[end - 1].idx + len(doc[end - 1])
        for quote in context.full_quotes
    )


def _assign_content(context: Context, unit: Unit, frames: list[Frame]) -> None:
    doc = context.doc
    unit_end = _trim_end(doc, unit.start, unit.end)
    spans = sorted((frame.start, frame.end) for frame in frames)
    for frame in frames:
        if frame.content:
            continue
        previous_end = max((e for s, e in spans if e <= frame.start), default=unit.start)
        next_start = min((s for s, e in spans if s >= frame.end), default=unit_end)
        left = (previous_end, frame.start)
        right = (frame.end, next_start)
        # Parenthetical frames ", so X, …": skip over a following frame to the content.
        if next_start < unit_end and right[1] - right[0] <= 1:
            after = min((e for s, e in spans if s == next_start), default=next_start)
            following = min((s for s, e in spans if s >= after), default=unit_end)
            right = (after, following)
        if frame.cue.kind == "verb":
            right = _skip_frame_material(context, right)
        else:
            right = _skip_relative_clause(context, right)
        left_ok = _has_claim_matter(context, *_strip(doc, *left), main=True)
        right_ok = _has_claim_matter(context, *_strip(doc, *right), loose=frame.cue.kind == "verb")
        verb_first = frame.cue.kind != "verb" or _is_verb_first(doc, frame)
        if frame.cue.kind == "verb" and doc[frame.start].lower_ == "wie":
            verb_first = True
        parts: list[tuple[int, int]] = []
        left_stripped, right_stripped = _strip(doc, *left), _strip(doc, *right)
        if (
            frame.cue.kind != "verb"
            and frame.start > unit.start
            and doc[frame.start - 1].text in {"–", "—"}
            and _has_claim_matter(context, *right_stripped, loose=True)
        ):
            # "… auf 400 Millionen geschätzt – laut Trump durch Spenden finanziert": the frame
            # after the dash covers what follows it; the clause before is the outlet's
            frame.content = [right_stripped]
            frame.outlet_parts = [left_stripped] if left_ok else []
            continue
        if (
            frame.cue.kind != "verb"
            and left_stripped[1] > left_stripped[0]
            and right_stripped[1] > right_stripped[0]
            and _has_claim_matter(context, left_stripped[0], right_stripped[1])
        ):
            # "Danach setzte nach Informationen X ein Strom ein": the frame sits in the claim.
            frame.content = [left_stripped, right_stripped]
            continue
        if verb_first and left_ok:
            parts.append(_strip(doc, *left))
            if right_ok and (frame.end < unit_end):
                parts.append(_strip(doc, *right))
        elif right_ok:
            parts.append(_strip(doc, *right))
        elif left_ok and frame.cue.kind != "verb":
            parts.append(_strip(doc, *left))
        if frame.cue.lemma == "wollen":
            parts = []  # an intention is reported, never the frame of a clause
        # "verwies auf X, während …": an adverbial clause is no content; the object may be
        dependent = [p for p in parts if p[1] > p[0] and _dependent_start(doc, p[0])]
        parts = [part for part in parts if part not in dependent]
        if not parts and frame.cue.kind == "verb":
            parts = _reported_content(context, frame)
            if parts:
                frame.mode = "reported"
                # the adverbial clause beside the reported act is the outlet's own
                frame.outlet_parts = [p for p in dependent if p[0] >= frame.end]
        frame.content = [
            _until_semicolon(context, *part)
            for part in parts
            if part[1] > part[0] and not _dependent_start(doc, part[0])
        ]


def _skip_frame_material(context: Context, region: tuple[int, int]) -> tuple[int, int]:
    """Skip appositions and adverbials that still belong to the frame ("…, Kommandant des
    Corps, ohne auf einen Vorfall zu verweisen, dass …") up to "dass"/"ob", a quote, or a
    clause with a finite verb."""
    doc = context.doc
    start, end = region
    segment = start
    index = start
    while index < end:
        token = doc[index]
        if token.lower_ in {"dass", "ob"} or any(q.start == token.idx for q in context.full_quotes):
            return (
                segment if index == segment or doc[segment].text in _BOUNDARY_TEXTS else index,
                end,
            )
        if is_finite(token) or token.text == ":":
            return (segment, end)
        if token.tag_ in {"PTKZU", "VVIZU"} and doc[segment + 1].lower_ not in _ADVERBIAL_ZU:
            return (segment, end)  # "gab vor, Arzt zu sein": the infinitive is what was said
        if token.text == "," and index > segment:
            segment = index
        index += 1
    return region


def _until_semicolon(context: Context, start: int, end: int) -> tuple[int, int]:
    """Content ends at a semicolon outside quotes: what follows is a sentence of its own; and
    at an indicative ", was …" that comments on it ("gab vor, Arzt zu sein, was nicht
    stimmte": the outlet's remark, not the speaker's)."""
    doc = context.doc
    for index in range(start + 1, end):
        token = doc[index]
        if _in_any_quote(context, token):
            continue
        if token.text == ";":
            return (start, _trim_end(doc, start, index))
        if token.text == "," and index + 1 < end and doc[index + 1].lower_ == "was":
            verbs = [doc[k] for k in range(index + 2, end) if is_finite(doc[k])]
            if verbs and _konjunktiv(verbs[0]) is None:
                return (start, _trim_end(doc, start, index))
    return (start, end)


def _skip_relative_clause(context: Context, region: tuple[int, int]) -> tuple[int, int]:
    """ "Nach einer Hochrechnung des Senders, die auf … beruht, entfallen …": the relative
    clause belongs to the frame's noun; the content starts after it."""
    doc = context.doc
    start, end = _strip(doc, *region)
    if start >= end or doc[start].tag_ not in {"PRELS", "PRELAT"} or not _antecedent(doc, start):
        return region
    for index in range(start, end):
        if doc[index].text == "," and any(is_finite(doc[k]) for k in range(start, index)):
            return (index + 1, end)
    return region


def _reported_content(context: Context, frame: Frame) -> list[tuple[int, int]]:
    """ "Die Firma forderte eine schnellere Entscheidung": the object is the content."""
    if frame.cue.lemma in vocabulary.NOT_REPORTED_VERBS or " " in frame.cue.lemma:
        return []
    if frame.source is None or not frame.subject_source:
        return []
    pronoun = frame.source.text.lower() in {"er", "sie", "wir", "ich"}  # the speaker is a person
    if frame.source.kind == "unknown" and not pronoun and not _speech_object(context.doc, frame):
        return []
    if frame.cue.lemma in _AGENT_ONLY_VERBS and not _can_act(frame.source):
        return []  # "Wales will …" with a place as subject is no speech act
    if frame.cue.lemma == "wollen" and "Tense=Past" in str(frame.cue.head.morph):
        return []  # "Die Flugbegleiter wollten den Mann beruhigen": a narrated intention
    head = frame.cue.head
    doc = context.doc
    if is_question(doc, frame.start, min(frame.end + 1, len(doc))):
        return []  # "Befürchten Sie drastische Einschnitte?" asks, it reports nothing
    if _subordinate(doc, frame.start, head.i) or any(
        child.dep_ == "aux:pass" for child in head.children
    ):
        return []
    if frame.cue.lemma == "sprechen" and not any(
        doc[k].lower_ in {"von", "vom"} for k in range(head.i, frame.end)
    ):
        return []
    taken = {t.i for t in frame.cue.tokens}
    if frame.source is not None and frame.source.span is not None:
        taken.update(
            k
            for k in range(frame.start, frame.end)
            if frame.source.span[0] <= doc[k].idx < frame.source.span[1]
        )
    best: tuple[int, int] = (0, 0)
    run_start: int | None = None
    for index in range(frame.start, frame.end + 1):
        inside = (
            index < frame.end and index not in taken and doc[index].pos_ not in {"AUX", "PUNCT"}
        )
        if inside and run_start is None:
            run_start = index
        if not inside and run_start is not None:
            if index - run_start > best[1] - best[0]:
                best = (run_start, index)
            run_start = None
    best = _what_was_said(context, frame, best)
    if best[1] - best[0] < 2 or not any(
        doc[k].pos_ in {"NOUN", "PROPN", "VERB"} for k in range(*best)
    ):
        return []
    if frame.cue.lemma in {"fordern", "verlangen"} and any(
        doc[k].lower_.endswith(_CASUALTY_WORDS) for k in range(*best)
    ):
        return []
    return [best]


def _what_was_said(context: Context, frame: Frame, run: tuple[int, int]) -> tuple[int, int]:
    """The longest free run without the adverbs that close it ("hat den Gesetzesentwurf
    scharf kritisiert": the manner is the frame's); after a demonstrative object ("Das teilte
    die NGO am Vormittag mit") nothing here is what was said."""
    doc = context.doc
    start, end = run
    if doc[frame.start].lower_ in vocabulary.ANAPHORIC_OBJECTS and (
        frame.start + 1 == frame.cue.head.i
    ):
        return (start, start)
    while end > start and doc[end - 1].pos_ in {"ADV", "ADJ"} and doc[end - 1].tag_ != "ADJA":
        end -= 1
    return (start, end)
