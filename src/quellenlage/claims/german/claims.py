"""Turning frames into claims, and units without a cue into continuation, free indirect or
the outlet's own claims (assertions), with the shared builder
(:mod:`quellenlage.claims.build`).
"""

from __future__ import annotations

from itertools import pairwise

from quellenlage.claims.build import build_claim
from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.content import _assign_content
from quellenlage.claims.german.grammar import _cue_mention, _konjunktiv, _strip
from quellenlage.claims.german.marks import (
    _cue_tokens,
    _has_denial,
    _hedges,
    _reported_cue,
    _reported_frame,
)
from quellenlage.claims.german.resolve import link_of
from quellenlage.claims.german.roles import _fill_verb_roles
from quellenlage.claims.german.state import (
    Attribution,
    Context,
    Frame,
    Listing,
    _contains_quote,
    _exact_quote,
    _in_any_quote,
    _main_finite,
    _main_mood,
    _main_subject,
    _main_tense,
    _unit_chars,
)
from quellenlage.claims.german.units import Unit, is_finite, is_question
from quellenlage.claims.quotes import Quote
from quellenlage.records import Claim, ClaimMode, Source, SourceLink


def _claims_from_frames(context: Context, unit: Unit, frames: list[Frame]) -> list[Claim]:
    for frame in frames:
        if frame.cue.kind == "verb":
            _fill_verb_roles(context, frame)
    back = _pointing_back(context, unit, frames)
    if back is not None:
        context.points_back = back
        context.attribute(Attribution(back.source, tuple(back.chain), back.cue.medium))
        return []
    _assign_content(context, unit, frames)
    frames = [frame for frame in frames if frame.content]
    if frames and context.active is not None and all(_reported_cue(f) for f in frames):
        # "Er gehe davon aus, dass …": the speech act itself is reported in Konjunktiv, so the
        # whole sentence carries the open attribution on (Wikinews: IndirectFreeIndirect).
        return _claims_without_cue(context, unit)
    frames = _nest(frames)
    claims = []
    for frame in frames:
        claim = _frame_claim(context, unit, frame)
        if claim is not None:
            claims.append(claim)
        if frame.cue.kind == "noun_colon":
            claims.extend(_pre_colon_assertion(context, unit, frame))
        claims.extend(_assertion(context, unit, *part) for part in frame.outlet_parts)
    if claims:
        last = max(frames, key=lambda frame: frame.end)
        if len(frames) == 1 and _embedded(context, last):
            return claims  # the open attribution goes on after the act it reports
        listing = _listing(context, unit, last)
        context.attribute(Attribution(last.source, tuple(last.chain), last.cue.medium, listing))
        if last.source is not None:
            context.last_subject = last.source
    elif not frames:
        return _claims_without_cue(context, unit)
    return claims


def _embedded(context: Context, frame: Frame) -> bool:
    """ "Darin führte die Fed aus, … . Mitarbeitende hätten von Druck berichtet, … . Die
    Vermögenswerte seien um 37 Prozent gestiegen.": a speech act told in Konjunktiv right
    after an open attribution is part of what that source reports; the Konjunktiv
    sentences after it still carry the source that reports it, not the speaker it reported."""
    active = context.active
    if (
        active is None
        or active.source is None
        or context.recent_unit != context.unit_index - 1  # open up to the sentence before
        or frame.cue.kind != "verb"
        or frame.source is None
        or frame.source.name == active.source.name
    ):
        return False
    head = frame.cue.head
    verbs = [head, *(child for child in head.children if child.dep_ in {"aux", "aux:pass"})]
    return any(_konjunktiv(verb) is not None for verb in verbs)


def _pointing_back(context: Context, unit: Unit, frames: list[Frame]) -> Frame | None:
    """ "Das teilte ein Sprecher am Dienstag mit.": one verb frame whose object is a pronoun
    opening the sentence says the previous sentence; its own words are no claim."""
    doc = context.doc
    first = doc[unit.start]
    if (
        not context.can_link_back
        or len(frames) != 1
        or frames[0].cue.kind != "verb"
        or frames[0].source is None
    ):
        return None
    # the pronoun alone before the finite verb (the parser often takes it for the subject)
    if first.lower_ not in vocabulary.ANAPHORIC_OBJECTS or unit.start + 1 >= unit.end:
        return None
    source = frames[0].source
    if doc[unit.start + 1] != frames[0].cue.head or (
        source.span is not None and source.span[0] <= first.idx
    ):
        return None
    rest = doc[unit.start + 2 : unit.end]
    if any(is_finite(token) or token.text in {",", ":", ";"} for token in rest):
        return None  # more than one clause: the sentence says something of its own
    if _contains_quote(context, first.idx, doc[unit.end - 1].idx + 1):
        return None
    return frames[0]


def _pre_colon_assertion(context: Context, unit: Unit, frame: Frame) -> list[Claim]:
    """ "Die Besorgnis … basiert auf zwei Annahmen: …": the clause before the colon is the outlet's."""
    doc = context.doc
    start, end = _strip(doc, unit.start, frame.end)
    mood, has_finite = _main_mood(context, start, end)
    if not has_finite or mood is not None or end <= start:
        return []
    return [_assertion(context, unit, start, end)]


def _assertion(context: Context, unit: Unit, start: int, end: int) -> Claim:
    doc = context.doc
    hedges = _hedges(doc, None, start, end)
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return build_claim(
        context.text,
        (char_start, char_end),
        _unit_chars(doc, unit),
        "assertion",
        hedges=hedges,
        document_id=context.document_id,
    )


def _nest(frames: list[Frame]) -> list[Frame]:
    """A cue inside another cue's content cites through it: Reuters → Lee → the instructors.

    Two frames that share their content ("Y seien zu dem Ergebnis gekommen, so zitiert X
    Lee, „…“") are nested too: the frame whose verb is in Konjunktiv is the reported one.
    """
    result = list(frames)
    for first, second in pairwise(frames):
        if first.content != second.content or first not in result or second not in result:
            continue
        inner, outer = (first, second) if _reported_frame(first) else (second, first)
        _merge(outer, inner)
        result.remove(outer)
    for outer in list(result):
        lo = min(s for s, _ in outer.content)
        hi = max(e for _, e in outer.content)
        inner = [
            f
            for f in frames
            if f is not outer
            and lo <= f.start
            and f.end <= hi
            and all(lo <= s and e <= hi for s, e in f.content)
        ]
        if not inner or outer not in result:
            continue
        result.remove(outer)
        for frame in inner:
            _merge(outer, frame)
    return result


def _merge(outer: Frame, inner: Frame) -> None:
    """Make ``inner`` cite through ``outer``: outer's source first, inner's source in the chain."""
    chain = [*outer.chain]
    if inner.source is not None:
        chain.append(inner.source)
    chain.extend(inner.chain)
    inner.chain = chain
    inner.source = outer.source
    if outer.cue.kind == "verb":
        inner.cue = outer.cue


def _frame_claim(context: Context, unit: Unit, frame: Frame) -> Claim | None:
    doc = context.doc
    start = min(s for s, _ in frame.content)
    end = max(e for _, e in frame.content)
    mode = frame.mode
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    if doc[start].lower_ in {"dass", "ob"} and start + 2 < end and doc[start + 1].text == ",":
        quote = _exact_quote(context, doc, start + 2, end)
        if quote is not None:  # "sagte, dass, „wenn …“": the quote is the claim
            frame.content = [(start + 2, end)]
    exact = [_exact_quote(context, doc, s, e) for s, e in frame.content]
    if all(quote is not None for quote in exact):
        mode = "direct"
        char_start = exact[0].start + 1  # type: ignore[union-attr]
        char_end = exact[-1].end - 1  # type: ignore[union-attr]
    elif mode in {"indirect", "according_to"} and _contains_quote(context, char_start, char_end):
        mode = "mixed"
    if frame.cue.kind == "speaker_colon":
        mode = "direct" if mode != "mixed" else mode
    cue = None
    if frame.cue.kind != "speaker_colon":
        cue = _cue_mention(doc, frame.cue, _cue_tokens(doc, frame))
    hedges = _hedges(doc, frame, start, end)
    return build_claim(
        context.text,
        (char_start, char_end),
        _unit_chars(doc, unit),
        mode,
        denied=frame.cue.denial or _has_denial(doc, frame),
        cue=cue,
        source=_named_source(frame),
        chain=frame.chain,
        addressee=frame.addressee,
        medium=frame.cue.medium,
        hedges=hedges,
        document_id=context.document_id,
        link=_frame_link(frame),
    )


def _named_source(frame: Frame) -> Source | None:
    """ "Demnach …" with nothing before it that it could stand for names no source: the
    outlet's claim (the connective stays its cue), not a source called "Demnach"."""
    source = frame.source
    if frame.link == "connective" and frame.cue.kind == "preposition" and source is not None:
        return None if source.resolved is None and source.span is not None else source
    return source


def _frame_link(frame: Frame) -> SourceLink | None:
    """ "Demnach …" links by the connective; else by the mention."""
    if frame.link is not None:
        return frame.link
    return link_of(frame.source)


def _claims_without_cue(context: Context, unit: Unit) -> list[Claim]:
    doc = context.doc
    parts = _colon_parts(context, unit)
    claims: list[Claim] = []
    previous_subject: Source | None = None
    for index, (start, end) in enumerate(parts):
        start, end = _strip(doc, start, end)
        if end <= start:
            continue
        if is_question(doc, start, min(end + 1, unit.end)) or (
            index == len(parts) - 1 and is_question(doc, start, unit.end)
        ):
            continue
        mood, has_finite = _main_mood(context, start, end)
        exact = _exact_quote(context, doc, start, end)
        colon_source = previous_subject if index > 0 else None
        if exact is not None or mood is not None:
            attribution = context.active
            inherited = attribution is not None
            if attribution is None and colon_source is not None:
                attribution = Attribution(colon_source, (), "unknown")
                inherited = True
            elif attribution is None and mood == "I" and context.recent_attribution():
                attribution = context.recent_attribution()
                inherited = True
            elif attribution is None and mood == "I" and context.last_subject is not None:
                attribution = Attribution(context.last_subject, (), "unknown")
                inherited = True
            if attribution is not None or mood == "I" or exact is not None:
                claims.append(
                    _continuation_claim(context, unit, start, end, attribution, inherited, exact)
                )
                if attribution is not None:
                    context.attribute(attribution)
                continue
        if not has_finite:
            continue
        finite = _main_finite(context, start, end)
        carried = context.active or context.recent_attribution()
        if (
            finite is not None
            and finite.lower_ in vocabulary.REPORTATIVE_SOLLEN
            and carried is not None
            and carried.source is not None
        ):
            claims.append(_free_indirect_claim(context, unit, start, end, carried))
            continue
        listed = _listing_on(context, start, end)
        if listed is not None:  # "Die CDU folgt mit 21 Prozent.": the poll's list goes on
            claims.append(_free_indirect_claim(context, unit, start, end, listed))
            context.attribute(_listed(context, listed, unit))
            continue
        subject = _main_subject(context, start, end)
        previous_subject = subject
        context.active = None
        context.last_subject = subject
        claims.append(_assertion(context, unit, start, end))
    return claims


def _figure_kinds(context: Context, start: int, end: int) -> frozenset[tuple[str, str | None]]:
    doc = context.doc
    chars = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return frozenset((q.kind, q.unit) for q in context.figures_in(*chars))


def _listing(context: Context, unit: Unit, frame: Frame) -> Listing | None:
    """What an according-to frame with figures in its content lists (see ``Listing``)."""
    if frame.mode != "according_to" or frame.source is None or not frame.content:
        return None
    kinds = frozenset().union(*(_figure_kinds(context, s, e) for s, e in frame.content))
    if not kinds:
        return None
    tense = _main_tense(context, unit.start, unit.end)
    return Listing(kinds, tense, context.unit_index, _unit_chars(context.doc, unit)[1])


def _listing_on(context: Context, start: int, end: int) -> Attribution | None:
    """The open according-to attribution whose list of figures this indicative sentence
    continues: the next sentence of the paragraph, no cue of its own, figures of a kind the
    frame gave and the same tense ("laut Umfragen liegt die AfD bei 30 Prozent. Die CDU
    folgt mit 21 Prozent."; not "Bei der Wahl 2019 hatte sie 23 Prozent erreicht.")."""
    active = context.active
    listing = active.listing if active is not None else None
    if listing is None or listing.unit_index != context.unit_index - 1:
        return None
    if "\n" in context.text[listing.end : context.doc[start].idx]:
        return None  # a new paragraph
    kinds = _figure_kinds(context, start, end)
    if not kinds or not kinds & listing.kinds:
        return None
    if listing.tense is None or _main_tense(context, start, end) != listing.tense:
        return None
    return active


def _listed(context: Context, attribution: Attribution, unit: Unit) -> Attribution:
    """The attribution after one more sentence of its list."""
    listing = attribution.listing
    assert listing is not None
    end = _unit_chars(context.doc, unit)[1]
    moved = Listing(listing.kinds, listing.tense, context.unit_index, end)
    return Attribution(attribution.source, attribution.chain, attribution.medium, moved)


def _colon_parts(context: Context, unit: Unit) -> list[tuple[int, int]]:
    """Split at a colon whose right side is a Konjunktiv clause or a quote; else one part."""
    doc = context.doc
    for index in range(unit.start + 1, unit.end - 1):
        if doc[index].text != ":" or _in_any_quote(context, doc[index]):
            continue
        right = _strip(doc, index + 1, unit.end)
        mood, _ = _main_mood(context, *right)
        left_finite = _main_mood(context, unit.start, index)[1]
        if (mood is not None or _exact_quote(context, doc, *right) is not None) and left_finite:
            return [(unit.start, index), (index + 1, unit.end)]
    return [(unit.start, unit.end)]


def _continuation_claim(
    context: Context,
    unit: Unit,
    start: int,
    end: int,
    attribution: Attribution | None,
    inherited: bool,
    exact: Quote | None,
) -> Claim:
    doc = context.doc
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    mode: ClaimMode = "konjunktiv"
    if exact is not None:
        mode = "direct"
        char_start, char_end = exact.start + 1, exact.end - 1
    elif _contains_quote(context, char_start, char_end):
        mode = "mixed"
    hedges = _hedges(doc, None, start, end)
    carried = inherited and attribution is not None and attribution.source is not None
    return build_claim(
        context.text,
        (char_start, char_end),
        _unit_chars(doc, unit),
        mode,
        source=attribution.source if attribution else None,
        chain=attribution.chain if attribution else (),
        inherited=carried,
        medium=attribution.medium if attribution else "unknown",
        hedges=hedges,
        document_id=context.document_id,
        link="quote_speaker" if carried and exact is not None else None,
    )


def _free_indirect_claim(
    context: Context, unit: Unit, start: int, end: int, attribution: Attribution
) -> Claim:
    """ "Im Département sollen drei Lagerhallen abgebrannt sein.": reportative "sollen"."""
    doc = context.doc
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    hedges = _hedges(doc, None, start, end)
    return build_claim(
        context.text,
        (char_start, char_end),
        _unit_chars(doc, unit),
        "free_indirect",
        source=attribution.source,
        chain=attribution.chain,
        inherited=True,
        medium=attribution.medium,
        hedges=hedges,
        document_id=context.document_id,
    )
