"""English claims from the dependency parse of the shipped English pipeline.

Per sentence, :mod:`frames` finds the attribution frames (reporting verbs and nouns,
"according to", "citing"); this module turns them into claims over the whole document:

- direct quotes across sentences and paragraphs: a frame whose content touches a quote takes
  the whole quote, with the speaker before, inside or after it; a quoted paragraph without a
  frame continues the speaker of the claim before it (``inherited``);
- transcript lines ("SMITH: …") and headlines with their attribution ("Strike Closes 300
  Schools, Union Says");
- sources resolved to names (:mod:`sources`), chains from "according to" and "citing",
  addressees ("told reporters"), certainty from denials and hedges;
- every other declarative sentence is the outlet's own assertion; questions and headings
  without a frame are not claims.

Offsets are character offsets into ``doc.text``. Without a parse (a blank pipeline) only
quotes, transcript lines and headlines are found.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from quellenlage.claims.build import build_claim
from quellenlage.claims.english.discourse import Discourse
from quellenlage.claims.english.frames import Frame, verb_frames
from quellenlage.claims.english.lexicon import (
    function_words,
    hedge_frames,
    hedge_words,
    lemma_of,
    source_kind,
)
from quellenlage.claims.english.nominal import according_to, citing, noun_frames
from quellenlage.claims.english.sources import (
    Referents,
    entity_referents,
    make_source,
    remember,
)
from quellenlage.claims.english.spans import (
    QUOTE_MARKS,
    overlap,
    quote_text,
    sentences,
    token_chars,
    trim_chars,
)
from quellenlage.claims.quotes import find_quotes
from quellenlage.records import Claim, Mention, Source

__all__ = ["extract_english_claims", "source_kind"]


class _Document(Discourse):
    """State of one document's extraction."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        scan = find_quotes(quote_text(self.text))
        self.quotes = [
            q for q in scan.quotes if q.depth == 0 and re.search(r"\w", self.text[q.start : q.end])
        ]
        self.referents = entity_referents(doc)
        self.sources = Referents()
        self.claims: list[Claim] = []

    # --- quotes -----------------------------------------------------------------------------
    def _with_quotes(
        self, start: int, end: int, sentence: Span, cue: tuple[int, int], frame: tuple[int, int]
    ) -> tuple[int, int, str]:
        """Extend a content span over the quotes it touches; return it with its mode."""
        cue_start, cue_end = cue
        frame_start, frame_end = frame
        quoted_content = any(q.start <= start < q.end for q in self.quotes)
        for quote in self.quotes:
            touches = quote.start < end and start < quote.end
            # "“A,” X told reporters, “B”", "“A,” he said on Monday, but “B”": the frame and a
            # few words at most between the quotes
            gap = self.text[max(end, frame_end) : quote.start].strip(" ,:;\n—–-")
            follows = (
                quote.start >= cue_end
                and quote.start <= sentence.end_char
                and len(gap.split()) <= 3
                and not re.search(r"[.!?\"“”]", gap)
            )
            precedes = (  # "“A,” he said, “B”" with B as the parsed content
                quoted_content
                and quote.end <= frame_start <= start
                and quote.start >= sentence.start_char
                and not self.text[quote.end : frame_start].strip(" ,:;—–-")
                and self.text[quote.start : quote.end - 1].rstrip().endswith(",")
            )
            if touches or follows or precedes:
                start, end = min(start, quote.start), max(end, quote.end)
        covered = [q for q in self.quotes if start <= q.start and q.end <= end]
        if not covered:
            return start, end, "indirect"
        # Words outside the quotes are content ("said Trump is reduced to “taunts”"), unless
        # the frame sits between the quotes ("“A,” he said on Monday, “B”").
        cut = [(q.start, q.end) for q in covered]
        if start < cue_start < end:
            cut.append((frame_start, frame_end))
        outside = "".join(
            char
            for offset, char in enumerate(self.text[start:end], start)
            if not any(a <= offset < b for a, b in cut)
        )
        words = re.findall(r"\w+", outside)
        if len(words) > (3 if start < cue_start < end else 0):
            return start, end, "mixed"
        first, last = covered[0], covered[-1]
        return first.start + 1, last.end - 1, "direct"  # inside the outer quote marks

    # --- frames → claims ------------------------------------------------------------------
    def frame_claim(self, frame: Frame, sentence: Span, chain: list[Source]) -> Claim | None:
        doc = self.doc
        start, end = token_chars(doc, *frame.content)
        if end <= start or doc[frame.content[0]].lower_ in function_words("relative_pronouns"):
            return None  # "…, said Smith, who …": a relative clause is no content
        cue_start = frame.cue[0].idx
        cue_end = frame.cue[-1].idx + len(frame.cue[-1].text)
        if any(q.start < cue_start < q.end for q in self.quotes):
            return None  # "I think …" inside a quote: the quote is the outer speaker's claim
        mode = frame.mode
        if mode in ("indirect", "according_to"):
            parts = [(cue_start, cue_end)] + [
                (part.start_char, part.end_char)
                for part in (frame.source, frame.addressee)
                if part is not None and abs(part.start_char - cue_start) < 120
            ]
            frame_span = (min(a for a, _ in parts), max(b for _, b in parts))
            start, end, quoted = self._with_quotes(
                start, end, sentence, (cue_start, cue_end), frame_span
            )
            if quoted != "indirect" and mode == "indirect":
                mode = quoted
            if mode == "direct" and start < cue_start < end:
                mode = "direct"  # the frame inside the quote ("“A,” he said, “B”")
        question = doc[frame.content[0]].lower_ in function_words("question_words")  # "asked how …"
        if "quote_only" in frame.flags and mode not in ("direct", "mixed") and not question:
            return None  # "continued", "asked": a frame for quotes, not for a clause
        start, end = trim_chars(self.text, start, end)
        if end <= start:
            return None
        source = None
        inherited = False
        if frame.source is not None:
            source, inherited = make_source(frame.source, self.referents, self.sources)
            if not inherited:
                remember(self.sources, source, frame.source)
        addressee = (
            Mention(frame.addressee.text, (frame.addressee.start_char, frame.addressee.end_char))
            if frame.addressee is not None
            else None
        )
        cue = Mention(self.text[cue_start:cue_end], (cue_start, cue_end))
        if len(frame.cue) > 1 and any(
            b.i - a.i > 1 for a, b in zip(frame.cue, frame.cue[1:], strict=False)
        ):
            parts = tuple((t.idx, t.idx + len(t.text)) for t in frame.cue)
            cue = Mention(" ".join(t.text for t in frame.cue), (cue_start, cue_end), parts)
        if frame.outer is not None:
            outer, _ = make_source(frame.outer, self.referents, self.sources)
            remember(self.sources, outer, frame.outer)
            chain = [source, *chain] if source is not None else chain
            source, mode = outer, "according_to"
            first, last = frame.outer_cue[0], frame.outer_cue[-1]
            cue = Mention(doc[first.i : last.i + 1].text, (first.idx, last.idx + len(last.text)))
        content_tokens = doc.char_span(start, end, alignment_mode="expand")
        sentence_span = (min(sentence.start_char, start), max(sentence.end_char, end))
        return build_claim(
            self.text,
            (start, end),
            sentence_span,
            mode,
            hedges=_frame_hedges(frame, content_tokens, sentence),
            denied="denial" in frame.flags,
            cue=cue,
            source=source,
            chain=chain,
            addressee=addressee,
            inherited=inherited,
            medium=frame.medium,
        )

    def sentence_claims(self, sentence: Span) -> list[Claim]:
        frames = verb_frames(sentence) + noun_frames(sentence)
        heading = not sentence.text.rstrip().rstrip(QUOTE_MARKS).endswith((".", "!", "?"))
        for frame in frames:  # a heading line parsed into the next sentence stays apart
            start, end = max(frame.content[0], sentence.start), min(frame.content[1], sentence.end)
            after_cue = frame.cue[-1].i + 1
            if start >= end and heading and after_cue < sentence.end - 1:
                start, end = after_cue, sentence.end  # "South Korea says 3,000 troops in Russia"
            frame.content = (start, end)
        for cue, source in according_to(sentence):
            frames = _apply_according(sentence, frames, cue, source)
        cited = citing(sentence)
        chain_spans = [span for _, span in cited]
        found: list[Claim] = []
        seen: set[tuple[int, int]] = set()
        for frame in sorted(frames, key=lambda f: (f.content[0], -(f.content[1] - f.content[0]))):
            for participle, _span in cited:  # "…, citing X": the content ends before it
                if frame.content[0] < participle.i < frame.content[1]:
                    frame.content = (frame.content[0], participle.i)
            chain = [make_source(s, self.referents, self.sources)[0] for s in chain_spans]
            claim = self.frame_claim(frame, sentence, chain)
            if claim is not None and claim.span not in seen:
                seen.add(claim.span)
                found.append(claim)
        if not found:
            headline = self.headline(sentence)
            if headline is not None:
                found.append(headline)
        return found


def _apply_according(sentence: Span, frames: list[Frame], cue, source: Span) -> list[Frame]:
    """ "according to X": X is the source; a verb frame it wraps moves into the chain."""
    doc = sentence.doc
    phrase_start = cue[0].i
    phrase_end = source.end
    while phrase_end < sentence.end and doc[phrase_end].is_punct and doc[phrase_end].text in ",":
        phrase_end += 1
    # The verb frame whose content the phrase ends (or follows) is the one it wraps.
    wrapped = [
        f
        for f in frames
        if f.source is not None and f.mode != "according_to" and f.content[0] < phrase_start
    ]
    if wrapped:
        frame = wrapped[-1]
        frame.content = (frame.content[0], min(frame.content[1], phrase_start))
        frame.outer = source
        frame.outer_cue = list(cue)
        return frames
    before = [t for t in doc[sentence.start : phrase_start] if not t.is_punct]
    after = [t for t in doc[phrase_end : sentence.end] if not t.is_punct]
    if not before:
        content = (phrase_end, sentence.end)
    elif not after:
        content = (sentence.start, phrase_start)
    else:
        content = (sentence.start, sentence.end)
    inside = [f for f in frames if f.content[0] <= phrase_start < f.content[1]]
    for frame in inside:  # "X said the toll, according to Y, rose": Y is inside X's content
        frame.content = (
            (frame.content[0], phrase_start) if frame.content[0] < phrase_start else frame.content
        )
    frames.append(Frame(cue=list(cue), content=content, source=source, mode="according_to"))
    return frames


def _hedges(content: Span | None, sentence: Span) -> tuple[str, ...]:
    words = hedge_words()
    tokens = list(sentence) + (list(content) if content is not None else [])
    return tuple(sorted({t.lower_ for t in tokens if t.lower_ in words}))


def _frame_hedges(frame: Frame, content: Span | None, sentence: Span) -> tuple[str, ...]:
    """Hedge words of the sentence and content, with a hedging frame verb ("is believed to",
    "estimated") among them."""
    found = set(_hedges(content, sentence))
    for token in frame.cue:
        if ("hedge" in frame.flags and token.pos_ in ("VERB", "ADJ")) or (
            lemma_of(token) in hedge_frames()
        ):
            found.add(lemma_of(token))
    return tuple(sorted(found))


def _is_claim_sentence(text: str) -> bool:
    stripped = text.strip().rstrip(QUOTE_MARKS)
    return len(stripped.split()) >= 4 and stripped[-1:] in (".", "!")


def _assertion(doc: Doc, sentence: Span) -> Claim | None:
    if not _is_claim_sentence(sentence.text):
        return None
    start, end = trim_chars(doc.text, sentence.start_char, sentence.end_char)
    return build_claim(
        doc.text,
        (start, end),
        (sentence.start_char, sentence.end_char),
        "assertion",
        hedges=_hedges(None, sentence),
    )


def extract_english_claims(
    doc: Doc, *, document_id: int | None = None, include_assertions: bool = True
) -> list[Claim]:
    """Claims of an English document (parsed, or at least split into sentences), by span."""
    state = _Document(doc)
    claims = state.transcript_claims()
    for claim in claims:
        if claim.source is not None:
            remember(
                state.sources,
                claim.source,
                doc.char_span(*claim.source.span, alignment_mode="expand"),
            )
    parts = list(sentences(doc))
    for sentence in parts:
        if any(
            overlap(c.span, (sentence.start_char, sentence.end_char))
            for c in claims
            if c.cue and c.cue.text == ":"
        ):
            continue
        claims.extend(state.sentence_claims(sentence))
    claims.sort(key=lambda c: c.span)
    claims = [state.with_following_quotes(c, claims) for c in claims]
    for quote in state.quotes:
        if any(overlap(c.span, (quote.start, quote.end)) for c in claims):
            continue
        framed = state.quote_frame(quote)
        if framed is not None:
            cues = {c.cue.span for c in claims if c.cue is not None}
            if framed.cue is not None and framed.cue.span in cues:
                continue  # "“A,” he said, “B”": B joins the claim of A below
            claims.append(framed)
            continue
        if len(doc.text[quote.start : quote.end].split()) < 4:
            continue  # a short quote without a frame: a term in scare quotes, not a claim
        previous = max(
            (c for c in claims if c.span[1] <= quote.start and c.source is not None),
            key=lambda c: c.span[1],
            default=None,
        )
        continued = state.continuation(quote, previous)
        if continued is not None:
            claims.append(continued)
    claims.sort(key=lambda c: c.span)
    claims = [state.with_following_quotes(c, claims) for c in claims]
    if include_assertions:
        for sentence in parts:
            span = (sentence.start_char, sentence.end_char)
            if not any(overlap(c.span, span) or overlap(c.sentence_span, span) for c in claims):
                assertion = _assertion(doc, sentence)
                if assertion is not None:
                    claims.append(assertion)
    claims.sort(key=lambda c: (c.span, c.mode))
    if document_id is not None:
        claims = [replace(c, document_id=document_id) for c in claims]
    return claims
