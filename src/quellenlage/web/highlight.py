"""The clean text of a document with every claim marked in place, as safe HTML.

The text is cut at every boundary of every span (claim content, cue pieces, source
mention, quantities, times); each piece carries the claims it belongs to per kind of
mark, so that a piece inside two claims is marked for both. Every character of the
text is escaped; control characters become U+FFFD one for one, so offsets still hold.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from quellenlage.api import ClaimView

MARKS = ("content", "cue", "source", "quantity", "time")
LEGEND = {
    "content": "what is claimed",
    "cue": "the cue (said, laut, according to …)",
    "source": "who it is attributed to",
    "quantity": "a figure",
    "time": "a time",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def anchor(view: ClaimView, index: int) -> str:
    """The HTML id of a claim's card: ``c<id>`` when stored, ``n<index>`` when not."""
    return f"c{view.id}" if view.id is not None else f"n{index}"


def safe_text(text: str) -> str:
    """The text with control characters replaced one for one (offsets unchanged)."""
    return _CONTROL.sub("\ufffd", text)


def _spans(view: ClaimView) -> list[tuple[str, tuple[int, int]]]:
    claim = view.claim
    out: list[tuple[str, tuple[int, int]]] = [("content", claim.span)]
    if claim.cue is not None:
        out.extend(("cue", part) for part in (claim.cue.parts or (claim.cue.span,)))
    if claim.source is not None and claim.source.span is not None:
        out.append(("source", claim.source.span))
    out.extend(("quantity", q.span) for q in claim.quantities)
    out.extend(("time", t.span) for t in claim.times)
    return out


@dataclass
class Piece:
    start: int
    end: int
    marks: dict[str, list[str]] = field(default_factory=dict)


def pieces(text: str, views: list[ClaimView] | tuple[ClaimView, ...]) -> list[Piece]:
    """The text cut into pieces, each with the claim anchors it carries per kind of mark."""
    length = len(text)
    marked: list[tuple[int, int, str, str]] = []
    for index, view in enumerate(views):
        ref = anchor(view, index)
        for kind, (start, end) in _spans(view):
            start, end = max(0, start), min(length, end)
            if start < end:
                marked.append((start, end, kind, ref))
    cuts = sorted({0, length, *(s for s, _, _, _ in marked), *(e for _, e, _, _ in marked)})
    out = [Piece(a, b) for a, b in itertools.pairwise(cuts)]
    starts = [p.start for p in out]
    for start, end, kind, ref in marked:
        i = bisect.bisect_left(starts, start)
        while i < len(out) and out[i].end <= end:
            refs = out[i].marks.setdefault(kind, [])
            if ref not in refs:
                refs.append(ref)
            i += 1
    return out


def highlighted(text: str, views: list[ClaimView] | tuple[ClaimView, ...]) -> Markup:
    """The document text as HTML: marked pieces are links to their claim's card."""
    clean = safe_text(text)
    html: list[str] = []
    for piece in pieces(clean, views):
        chunk = escape(clean[piece.start : piece.end])
        if not piece.marks:
            html.append(chunk)
            continue
        target = next(refs[0] for kind in MARKS if (refs := piece.marks.get(kind)))
        classes = " ".join(f"m-{kind}" for kind in MARKS if kind in piece.marks)
        data = " ".join(
            f'data-{kind}="{escape(" ".join(piece.marks[kind]))}"'
            for kind in MARKS
            if kind in piece.marks
        )
        html.append(f'<a class="m {classes}" href="#{target}" {data}>{chunk}</a>')
    return Markup("".join(html))


def mark_words(text: str, words: list[str]) -> Markup:
    """Escaped text with every word starting with one of ``words`` in <mark> (search hits)."""
    clean = safe_text(text)
    if not words:
        return escape(clean)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)
    out, last = [], 0
    for match in pattern.finditer(clean):
        out += [escape(clean[last : match.start()]), Markup("<mark>"), escape(match.group())]
        out.append(Markup("</mark>"))
        last = match.end()
    out.append(escape(clean[last:]))
    return Markup("").join(out)
