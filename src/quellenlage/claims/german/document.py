"""The German attribution over one document: units in order, each analysed by phase
(frames -> roles -> content -> claims; headings by :mod:`headings`), linked across sentences
("Das teilte X mit.", a figure sentence between two of one source); a unit that trips a
rule is skipped with a warning.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Doc

from quellenlage.claims.build import certainty_of
from quellenlage.claims.german.claims import _claims_from_frames, _claims_without_cue
from quellenlage.claims.german.frames import _find_frames
from quellenlage.claims.german.grammar import _cue_mention, _is_full_quote
from quellenlage.claims.german.headings import heading_claims
from quellenlage.claims.german.marks import _cue_tokens
from quellenlage.claims.german.resolve import MentionMemory
from quellenlage.claims.german.state import Context
from quellenlage.claims.german.units import (
    Unit,
    content_tokens,
    is_heading,
    is_promotion,
    split_units,
    teaser_line,
)
from quellenlage.claims.quotes import find_quotes
from quellenlage.records import Claim

logger = logging.getLogger("quellenlage.claims")


MAX_UNIT_TOKENS = 400


def extract_document(doc: Doc, *, document_id: int | None, include_assertions: bool) -> list[Claim]:
    """Extract the claims of ``doc`` (see ``quellenlage.claims.extract_claims``)."""
    text = doc.text  # built from the tokens on every access: read it once
    if len(doc) == 0 or not text.strip():
        return []
    scan = find_quotes(text)
    if scan.unpaired:
        logger.warning(
            "ignored %d unpaired quotation mark(s) at offsets %s",
            len(scan.unpaired),
            ", ".join(str(offset) for offset in scan.unpaired[:10]),
        )
    top_level = tuple(quote for quote in scan.quotes if quote.depth == 0)
    full = tuple(quote for quote in top_level if _is_full_quote(text, quote))
    context = Context(doc, text, top_level, full, MentionMemory(), document_id)
    claims: list[Claim] = []
    previous: list[Claim] = []  # all claims of the last unit, assertions included
    earlier: list[Claim] = []  # all claims of the unit before it
    listed = 0  # lines of a list of links to other articles just read
    for unit in split_units(doc, full):
        start, end = content_tokens(doc, unit)
        if start >= end:
            continue
        teaser, listed = teaser_line(doc, Unit(start, end), listed)
        if teaser:  # a teaser of another article: no claim of this report, no link across it
            context.active = None
            previous = earlier = []
            continue
        if end - start > MAX_UNIT_TOKENS:
            logger.warning(
                "skipped a unit of %d tokens at chars %d-%d (longer than %d)",
                end - start,
                doc[start].idx,
                doc[end - 1].idx,
                MAX_UNIT_TOKENS,
            )
            context.active = None
            previous = earlier = []
            continue
        context.unit_index += 1
        context.memory.remember_entities(doc, doc[end - 1].idx + 1)
        context.memory.remember_documents(doc[start:end])
        context.can_link_back = _linkable(text, previous, doc[start].idx)
        try:
            unit_claims = _analyse_unit(context, Unit(start, end))
        except Exception as error:  # a rule tripped over odd input: keep the other units
            logger.warning(
                "skipped the unit at chars %d-%d: %s: %s",
                doc[start].idx,
                doc[end - 1].idx,
                type(error).__name__,
                error,
            )
            previous = earlier = []
            continue
        if context.points_back is not None:
            linked = _linked_back(context, previous, doc[start].idx)
            if linked:  # the outlet's assertions become the source's claims
                claims = [claim for claim in claims if claim not in previous] + linked
            context.points_back = None
        between = _between(context, earlier, previous, unit_claims, Unit(start, end))
        if between:  # a figure sentence between two sentences of one source
            claims = [claim for claim in claims if claim not in previous] + between
            previous = between
        earlier, previous = previous, unit_claims
        claims.extend(
            claim for claim in unit_claims if include_assertions or claim.mode != "assertion"
        )
    claims.sort(key=lambda claim: (claim.span, claim.sentence_span))
    return claims


def _analyse_unit(context: Context, unit: Unit) -> list[Claim]:
    doc = context.doc
    if is_heading(doc, unit):
        context.active = None
        return heading_claims(context, unit)
    text = doc[unit.start : unit.end].text
    if is_promotion(text):
        return []
    frames = _find_frames(context, unit)
    if frames:
        return _claims_from_frames(context, unit, frames)
    return _claims_without_cue(context, unit)


def _linkable(text: str, previous: list[Claim], start: int) -> bool:
    """The last unit holds only the outlet's assertions and no paragraph break follows it."""
    if not previous or not all(claim.mode == "assertion" for claim in previous):
        return False
    return "\n" not in text[previous[-1].sentence_span[1] : start]


def _between(
    context: Context, earlier: list[Claim], previous: list[Claim], now: list[Claim], unit: Unit
) -> list[Claim]:
    """ "X sagte, … . Im Januar lag die Inflation bei 3,2 Prozent. …, sagte X weiter.": the
    outlet's sentence between two claims of one source in one paragraph, the second going
    on ("weiter"), is that source's too (carried, ``free_indirect``)."""
    doc, text = context.doc, context.text
    if not earlier or not now or not previous or not all(c.mode == "assertion" for c in previous):
        return []
    before, after = earlier[-1], now[0]
    if before.source is None or after.source is None or before.source.name != after.source.name:
        return []
    if "\n" in text[before.sentence_span[0] : after.sentence_span[0]]:
        return []
    going_on = any(
        token.lower_ == "weiter" and not after.span[0] <= token.idx < after.span[1]
        for token in doc[unit.start : unit.end]
    )
    if not going_on:
        return []
    return [
        replace(
            claim,
            mode="free_indirect",
            certainty=certainty_of(claim.hedges, unmarked="reported"),
            source=before.source,
            chain=before.chain,
            inherited=True,
            medium=before.medium,
            link="previous_sentence",
        )
        for claim in previous
    ]


def _linked_back(context: Context, previous: list[Claim], start: int) -> list[Claim]:
    """The outlet's sentence before "Das teilte X mit." in the same paragraph, as X's claim.

    The claims are marked ``inherited``: their source was carried from the next sentence.
    """
    frame = context.points_back
    if frame is None or not _linkable(context.text, previous, start):
        return []
    cue = _cue_mention(context.doc, frame.cue, _cue_tokens(context.doc, frame))
    return [
        replace(
            claim,
            mode="indirect",
            certainty=certainty_of(claim.hedges, unmarked="reported"),
            cue=cue,
            source=frame.source,
            chain=tuple(frame.chain),
            inherited=True,
            medium=frame.cue.medium,
            link="following_sentence",
        )
        for claim in previous
    ]
