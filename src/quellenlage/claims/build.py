"""The one claim builder: every language's attribution makes its ``records.Claim`` here.

It fixes what a claim's fields mean whatever the language: the text is the document's
text at ``span``; certainty is ``denied`` for a denial, else ``hedged`` when hedges were
found, else the mode's unmarked certainty (``reported`` for reported speech,
``asserted`` for the outlet's own statements); the link is ``same_sentence`` for a source
of the claim's own sentence and ``previous_sentence`` for an inherited one unless the
attribution says how it was linked.
"""

from __future__ import annotations

from collections.abc import Iterable

from quellenlage.records import (
    Certainty,
    Claim,
    ClaimMode,
    Medium,
    Mention,
    Source,
    SourceLink,
    Span,
)


def certainty_of(
    hedges: tuple[str, ...], *, denied: bool = False, unmarked: Certainty
) -> Certainty:
    """``denied`` > ``hedged`` (any hedge) > ``unmarked``."""
    if denied:
        return "denied"
    return "hedged" if hedges else unmarked


def build_claim(
    text: str,
    span: Span,
    sentence_span: Span,
    mode: ClaimMode,
    *,
    hedges: tuple[str, ...] = (),
    denied: bool = False,
    cue: Mention | None = None,
    source: Source | None = None,
    chain: Iterable[Source] = (),
    addressee: Mention | None = None,
    inherited: bool = False,
    medium: Medium = "unknown",
    document_id: int | None = None,
    link: SourceLink | None = None,
) -> Claim:
    """A claim over ``text[span[0]:span[1]]`` (``text`` is the whole document's text)."""
    if link is None and source is not None:
        link = "previous_sentence" if inherited else "same_sentence"
    return Claim(
        text=text[span[0] : span[1]],
        span=span,
        sentence_span=sentence_span,
        mode=mode,
        certainty=certainty_of(
            hedges, denied=denied, unmarked="asserted" if mode == "assertion" else "reported"
        ),
        cue=cue,
        source=source,
        chain=tuple(chain),
        addressee=addressee,
        inherited=inherited,
        medium=medium,
        hedges=hedges,
        document_id=document_id,
        link=link,
    )
