"""Claims read from the discourse around quotes and lines rather than from one parse.

Headlines with their frame ("Strike Closes 300 Schools, Union Says"), transcript lines
("SMITH: …"), quotes with the speaker right before or after them (also where the parse lost
the frame), quotes signed with a name ("“…” ― Jane Doe"), quotes that follow a frame and
belong to its claim ("“A,” she said. “B.”"), and quoted paragraphs that continue the speaker
of the claim before them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from quellenlage.claims.build import build_claim
from quellenlage.claims.english.lexicon import headline_cue, verb_entry_any
from quellenlage.claims.english.sources import make_source, remember
from quellenlage.claims.english.spans import QUOTE_MARKS, overlap, trim_chars
from quellenlage.records import Claim, Mention


def _named_again(name: str, span: Span, rest: str) -> bool:
    """ "Rush Limbaugh: …" as a headline: a proper name that the text names again."""
    if not all(t.pos_ == "PROPN" for t in span if t.is_alpha):
        return False
    return re.search(rf"\b{re.escape(name)}\b", rest) is not None


class Discourse:
    """Mixed into the document state of :mod:`quellenlage.claims.english`."""

    def headline(self, sentence: Span) -> Claim | None:
        """ "Strike Closes 300 Schools, Union Says": a frame after the last comma of a line."""
        tokens = [t for t in sentence if not t.is_space]
        if tokens and tokens[-1].text in ".!":
            tokens.pop()
        if len(tokens) < 4 or not headline_cue(tokens[-1]):
            return None
        commas = [i for i, t in enumerate(tokens) if t.text == ","]
        if not commas or not 1 <= len(tokens) - commas[-1] - 2 <= 6:
            return None
        comma = commas[-1]
        source_span = self.doc[tokens[comma + 1].i : tokens[-1].i]
        start, end = trim_chars(self.text, tokens[0].idx, tokens[comma].idx)
        source, _ = make_source(source_span, self.referents, self.sources)
        cue = tokens[-1]
        return build_claim(
            self.text,
            (start, end),
            (sentence.start_char, sentence.end_char),
            "indirect",
            cue=Mention(cue.text, (cue.idx, cue.idx + len(cue.text))),
            source=source,
            medium="speech",
        )

    # --- discourse --------------------------------------------------------------------------
    def transcript_claims(self) -> list[Claim]:
        """Lines "NAME: text" where NAME is a person or organisation named in the text, or
        a speaker in capitals of a transcript ("WALLACE: …" on two lines or more)."""
        found = []
        surnames = {e.text.split()[-1].upper() for e in self.doc.ents if e.label_ == "PER"}
        lines = list(
            re.finditer(
                r"(?m)^[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)",
                self.text,
            )
        )
        capitals = [line.group(1) for line in lines if line.group(1).isupper()]
        for line in lines:
            name = line.group(1)
            span = self.doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
            if span is None:
                continue
            named = (
                any(t.ent_type_ in ("PER", "ORG") for t in span)
                or name.split()[-1].upper() in surnames
                or (name.isupper() and len(name) > 2 and len(capitals) >= 2)
                or _named_again(name, span, self.text[line.end() :])
            )
            if not named:
                continue
            start, end = trim_chars(self.text, line.start(2), line.end(2))
            if end <= start:
                continue
            source, inherited = make_source(span, self.referents, self.sources)
            colon = line.end(1)
            found.append(
                build_claim(
                    self.text,
                    (start, end),
                    (line.start(), line.end()),
                    "direct",
                    cue=Mention(":", (colon, colon + 1)),
                    source=source,
                    inherited=inherited,
                    medium="speech",
                )
            )
        return found

    def quote_frame(self, quote) -> Claim | None:
        """A quote with its speaker right after it ("“…,” the minister said", "“…,” said X")
        or right before it ("X said: “…”"), read from the words around the quote."""
        doc = self.doc
        after = doc.char_span(
            quote.end, min(len(self.text), quote.end + 160), alignment_mode="contract"
        )
        before = doc.char_span(max(0, quote.start - 160), quote.start, alignment_mode="contract")
        frame = None
        signed = re.match(
            r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})",
            self.text[quote.end : quote.end + 80],
        )
        if signed:  # "“…” ― Maria Lopez": a quote signed with its speaker's name
            dash = quote.end + signed.start(1)
            name_end = (
                quote.end
                + signed.end(2)
                - (signed.group(2).endswith(".") and len(signed.group(2).split()[-1]) > 3)
            )
            name = doc.char_span(quote.end + signed.start(2), name_end, alignment_mode="contract")
            if name is not None:
                source, _ = make_source(name, self.referents, self.sources)
                return build_claim(
                    self.text,
                    trim_chars(self.text, quote.start + 1, quote.end - 1),
                    (quote.start, name.end_char),
                    "direct",
                    cue=Mention(signed.group(1), (dash, dash + len(signed.group(1)))),
                    source=source,
                    medium="unknown",
                )
        if after is not None:
            words = []
            depth = 0
            for token in after:
                depth += (token.text == "(") - (token.text == ")")
                if depth > 0 or token.text == ")":
                    continue  # "Rep. Jane Doe (D-Md.) said"
                if (
                    token.text in ".;!?\n"
                    or token.is_space
                    or (token.text in QUOTE_MARKS and words)
                ):
                    break
                if len(words) >= 14:
                    break
                words.append(token)  # commas stay: "the minister, Maria Lopez, told"
            verbs = [t for t in words[:10] if t.text != "," and verb_entry_any(t)]
            if verbs and verbs[0].i - words[0].i <= 9:
                verb = verbs[0]
                source_tokens = [t for t in words if t.i < verb.i]
                if not source_tokens:  # "…,” said Maria Lopez, who …": up to the comma
                    for token in words[words.index(verb) + 1 :]:
                        if token.text == ",":
                            break
                        source_tokens.append(token)
                while source_tokens and source_tokens[-1].text == ",":
                    source_tokens.pop()
                frame = (verb, source_tokens)
        if frame is None and before is not None:
            tokens = [t for t in before if not t.is_space]
            while tokens and tokens[-1].text in ",:":
                tokens.pop()
            if tokens and verb_entry_any(tokens[-1]):
                verb = tokens[-1]
                start = verb.i
                while (
                    start > 0
                    and doc[start - 1].i >= tokens[0].i
                    and not (doc[start - 1].text in '.;!?"“”' or doc[start - 1].is_space)
                    and verb.i - start < 10
                ):
                    start -= 1
                source_tokens = [
                    t
                    for t in doc[start : verb.i]
                    if t.dep_ not in ("aux", "advmod") or t.i < verb.i - 2
                ]
                source_tokens = [
                    t for t in source_tokens if not (t.pos_ in ("AUX", "ADV") and t.i >= verb.i - 2)
                ]
                frame = (verb, source_tokens)
        if frame is None or not frame[1]:
            return None
        verb, source_tokens = frame
        span = doc[source_tokens[0].i : source_tokens[-1].i + 1]
        source, inherited = make_source(span, self.referents, self.sources)
        if not inherited:
            remember(self.sources, source, span)
        entry = verb_entry_any(verb)
        start, end = trim_chars(self.text, quote.start + 1, quote.end - 1)
        return build_claim(
            self.text,
            (start, end),
            (min(quote.start, span.start_char), max(quote.end, span.end_char)),
            "direct",
            denied="denial" in entry.flags,
            cue=Mention(verb.text, (verb.idx, verb.idx + len(verb.text))),
            source=source,
            inherited=inherited,
            medium=entry.medium,
        )

    def with_following_quotes(self, claim: Claim, claims: list[Claim]) -> Claim:
        """ "“A,” she said. “B.”": quotes right after a frame that ends its sentence belong to
        the same claim, as long as they stay in the paragraph and have no frame of their own."""
        if claim.source is None or claim.cue is None or claim.cue.span[0] < claim.span[1]:
            return claim
        end = claim.span[1]
        position = max(claim.sentence_span[1], claim.cue.span[1])
        stop = re.compile(r"[.!?]").search(self.text, position, position + 80)
        ended = self.text[:position].rstrip().endswith((".", "!", "?"))
        if stop and not ended and not re.search(r"[\"“”\n]", self.text[position : stop.start()]):
            position = stop.end()  # "“A,” she told reporters. “B.”": after the frame's sentence
        for quote in self.quotes:
            if quote.start < position:
                continue
            gap = self.text[position : quote.start]
            if "\n" in gap or re.search(r"\w", gap):
                break
            if any(
                other is not claim and overlap(other.span, (quote.start, quote.end))
                for other in claims
            ):
                break
            end, position = trim_chars(self.text, quote.start + 1, quote.end - 1)[1], quote.end
        if end == claim.span[1]:
            return claim
        mode = claim.mode if claim.mode in ("direct", "mixed") else "mixed"
        return replace(
            claim,
            text=self.text[claim.span[0] : end],
            span=(claim.span[0], end),
            mode=mode,
            sentence_span=(claim.sentence_span[0], max(position, claim.sentence_span[1])),
        )

    def continuation(self, quote, previous: Claim | None) -> Claim | None:
        """A quoted paragraph with no frame of its own keeps the speaker of the claim before."""
        if previous is None or previous.source is None:
            return None
        line_start = self.text.rfind("\n", 0, quote.start) + 1
        if self.text[line_start : quote.start].strip():
            return None
        gap = self.text[previous.sentence_span[1] : line_start]
        if gap.count("\n\n") > 1 or len(gap) > 400:
            return None
        return build_claim(
            self.text,
            trim_chars(self.text, quote.start + 1, quote.end - 1),
            (line_start, quote.end),
            "direct",
            source=previous.source,
            chain=previous.chain,
            inherited=True,
            medium=previous.medium,
        )
