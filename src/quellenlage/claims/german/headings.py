"""Headlines and sub-headings as claims: they carry a report's most-read figures in a compact
form. A heading with a figure is a claim marked ``link="heading"``: a cue frame in it
("Polizei spricht von rund 8.000 Demonstranten") as in a sentence; a source after a final
dash ("12.000 Beschäftigte im Warnstreik – Verdi"), an according-to claim of that source;
anything else ("Hamburg: 300 Flüge gestrichen") the outlet's assertion, except on the first
line (the title, which restates what the report says). A heading never opens an
attribution for the sentences after it, and one without a figure is no claim.
"""

from __future__ import annotations

from dataclasses import replace

from quellenlage.claims.build import build_claim
from quellenlage.claims.german.claims import _claims_from_frames
from quellenlage.claims.german.frames import _find_frames
from quellenlage.claims.german.grammar import _strip
from quellenlage.claims.german.speakers import is_source_like, noun_phrase
from quellenlage.claims.german.state import Context, _source, _unit_chars
from quellenlage.claims.german.units import Unit
from quellenlage.records import Claim

_DASHES = frozenset({"–", "—", "-"})
#: At most this many tokens after the final dash name the source ("– Verdi", "– Polizei Berlin").
MAX_SOURCE_TOKENS = 5


def heading_claims(context: Context, unit: Unit) -> list[Claim]:
    """The claims of a heading unit (see the module docstring)."""
    doc = context.doc
    start, end = _strip(doc, unit.start, unit.end)
    if end <= start or not any(token.like_num for token in doc[start:end]):
        return []
    kept = (context.recent, context.recent_unit, context.last_subject)
    frames = _find_frames(context, unit)
    claims = _claims_from_frames(context, unit, frames) if frames else []
    # what a heading says is no frame for the text: the attribution state stays as it was
    context.active = None
    context.recent, context.recent_unit, context.last_subject = kept
    if any(claim.mode != "assertion" for claim in claims):
        return [replace(claim, link="heading") for claim in claims]
    source_claim = _dash_source_claim(context, unit, start, end)
    if source_claim is not None:
        return [source_claim]
    if not any(not token.is_space for token in doc[: unit.start]):
        return []  # the title line: it restates the report; only attributed titles count
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return [
        build_claim(
            context.text,
            (char_start, char_end),
            _unit_chars(doc, unit),
            "assertion",
            document_id=context.document_id,
            link="heading",
        )
    ]


def _dash_source_claim(context: Context, unit: Unit, start: int, end: int) -> Claim | None:
    """ "12.000 Beschäftigte im Warnstreik – Verdi": a short source-like phrase alone after
    the last dash names who says what stands before it."""
    doc = context.doc
    dash = next((k for k in range(end - 1, start, -1) if doc[k].text in _DASHES), None)
    if dash is None or end - dash - 1 > MAX_SOURCE_TOKENS or dash + 1 >= end:
        return None
    phrase = noun_phrase(doc[dash + 1], (dash + 1, end))
    named = phrase is not None and (
        is_source_like(phrase) or all(t.text[:1].isupper() for t in phrase)
    )
    if phrase is None or phrase.start != dash + 1 or phrase.end != end or not named:
        return None
    content_start, content_end = _strip(doc, start, dash)
    if content_end <= content_start or not any(t.like_num for t in doc[content_start:content_end]):
        return None
    last = doc[content_end - 1]
    return build_claim(
        context.text,
        (doc[content_start].idx, last.idx + len(last)),
        _unit_chars(doc, unit),
        "according_to",
        source=_source(context, phrase),
        document_id=context.document_id,
        link="heading",
    )
