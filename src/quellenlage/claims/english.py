"""English claims from surface patterns: a first English path until a trained one exists.

There is no English parser in quellenlage yet, so this module reads each sentence
with patterns that cover the common shapes of English news attribution:

- "X said (that) …", "X told Y (that) …", "… , X said (on Tuesday)." and "… , said X.";
- "according to X", and "citing X" / "quoting X" as the next link of the chain;
- quoted speech in “…” or "…" with such a frame (mode ``direct``);
- a pronoun source ("he said") resolved to the nearest earlier fitting source, which
  also carries that source's chain on;
- hedges ("reportedly", "allegedly", "may") and denials ("denied", "rejected").

Everything else that is a declarative sentence is the outlet's own assertion; headings
and questions are not claims. Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from quellenlage.records import Certainty, Claim, Medium, Mention, Source, SourceKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VERBS: dict[str, Medium] = {}
for _forms, _medium in (
    (
        "say says said tell tells told add adds added state states stated announce announces "
        "announced confirm confirms confirmed insist insists insisted claim claims claimed "
        "warn warns warned argue argues argued acknowledge acknowledges acknowledged "
        "admit admits admitted allege alleges alleged deny denies denied reject rejects "
        "rejected dismiss dismisses dismissed",
        "speech",
    ),
    ("report reports reported write writes wrote", "writing"),
    (
        "believe believes believed estimate estimates estimated think thinks thought "
        "suspect suspects suspected assess assesses assessed",
        "thought",
    ),
):
    _VERBS.update(dict.fromkeys(_forms.split(), _medium))

#: Verbs that introduce a clause without "that" ("He said the number rose"); with the others
#: and no "that", the object is what was said about, and the claim is the whole sentence.
_CLAUSE_VERBS = _words(
    "say says said add adds added tell tells told think thinks thought believe believes "
    "believed write writes wrote warn warns warned insist insists insisted"
)
_DENIAL_VERBS = _words("deny denies denied reject rejects rejected dismiss dismisses dismissed")
_HEDGE_VERBS = _words(
    "believe believes believed suspect suspects suspected estimate estimates estimated think thinks thought"
)
_HEDGE_WORDS = sorted(
    _words(
        "reportedly allegedly apparently purportedly possibly probably likely unconfirmed "
        "may might could suspected presumably"
    )
)
_PRONOUNS = {"he": "person", "she": "person", "they": "group"}

_VERB_ALT = "|".join(sorted(_VERBS, key=len, reverse=True))
_AUX = r"(?:(?:has|have|had|also|earlier|later|previously|then)\s+)*"
_WHEN = r"(?:\s+(?:on|last|this|in|late|early)\s+\w+(?:\s+\w+)?)?"
# An attribution noun phrase: a few words, no clause punctuation.
_NP = r"[^,;:.!?“”\"]{1,80}?"

_FRONT = re.compile(
    rf"^(?P<src>{_NP})\s+{_AUX}(?P<cue>{_VERB_ALT})\b{_WHEN}(?:\s+that\b)?[\s,:]+(?P<content>\S.*)$",
    re.IGNORECASE,
)
_TOLD = re.compile(
    rf"^(?P<src>{_NP})\s+{_AUX}(?P<cue>told|tells|tell)\s+(?P<addr>{_NP}){_WHEN}"
    rf"(?:\s+that\b|:)\s*(?P<content>\S.*)$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    rf"^(?P<content>.+?(?:,[\"”’]|[\"”’],|,))\s+(?P<src>{_NP})\s+{_AUX}(?P<cue>{_VERB_ALT})\b{_WHEN}\s*[.!]?$",
    re.IGNORECASE,
)
_TRAILING_INVERTED = re.compile(
    rf"^(?P<content>.+?(?:,[\"”’]|[\"”’],|,))\s+(?P<cue>said|says|added|wrote)\s+(?P<src>{_NP}){_WHEN}\s*[.!]?$",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r",?\s*according\s+to\s+(?P<src>[^,;.!?]{1,100}?)(?=\s*(?:,|;|\.|!|\?|$|\s+who\b|\s+which\b))",
    re.IGNORECASE,
)
_CITING = re.compile(r"\b(?:citing|quoting)\s+(?P<src>[^,;.!?]{1,100}?)(?=\s*(?:,|;|\.|$))", re.I)
_QUOTE = re.compile(r"[“\"](?P<inner>[^”\"]{3,})[”\"]")

_AGENCIES = _words("reuters ap afp dpa yonhap bloomberg interfax tass kcna xinhua")
_MEDIA_WORDS = _words("times post journal guardian cnn bbc newspaper broadcaster television")
_STATES = _words(
    "russia moscow ukraine kyiv kiev us u.s. washington china beijing germany berlin "
    "pyongyang seoul japan tokyo britain london france paris"
) | {"south korea", "north korea", "united states", "the us", "the u.s."}
_ORG_WORDS = _words(
    "ministry department agency pentagon nato kremlin government army military service "
    "office commission council police intelligence command un eu"
)
_GROUP_WORDS = _words("officials lawmakers experts analysts sources diplomats observers")
_DOCUMENT_WORDS = _words("report statement document briefing study assessment")
_PERSON_WORDS = _words(
    "spokesman spokeswoman spokesperson minister president lawmaker mr ms mrs secretary "
    "general chancellor ambassador envoy leader"
)
_DETERMINERS = ("the ", "a ", "an ")


@dataclass
class _Active:
    """The last source named, for pronouns and continuations."""

    source: Source | None = None
    chain: tuple[Source, ...] = ()


def source_kind(text: str) -> SourceKind:
    lower = text.lower().strip()
    words = set(re.findall(r"[\w.]+", lower))
    bare = lower.removeprefix("the ")
    if words & _AGENCIES:
        return "agency"
    if words & _MEDIA_WORDS:
        return "media"
    if words & _PERSON_WORDS or lower in ("he", "she"):
        return "person"
    if words & _ORG_WORDS:
        return "organisation"
    if bare in _STATES or lower in _STATES:
        return "state"
    if words & _GROUP_WORDS or lower == "they":
        return "group"
    if words & _DOCUMENT_WORDS:
        return "document"
    names = re.findall(r"\b[A-Z][a-z]+", text)
    return "person" if len(names) >= 2 else "unknown"


def _plausible_source(text: str) -> bool:
    """A short noun phrase that can name a speaker (not a clause)."""
    words = text.split()
    if not words or len(words) > 9:
        return False
    lower = text.lower()
    if lower in _PRONOUNS:
        return True
    if any(
        w.lower() in ("that", "which", "if", "when", "because", "is", "are", "was") for w in words
    ):
        return False
    return text[0].isupper() or lower.startswith(_DETERMINERS) or lower.split()[0] in _GROUP_WORDS


def _mention(sentence: Span, match: re.Match, group: str) -> tuple[str, tuple[int, int]]:
    start, end = match.span(group)
    text = match.group(group)
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    end = start + len(stripped)
    base = sentence.start_char
    return stripped, (base + start, base + end)


def _content_span(sentence: Span, start: int, end: int) -> tuple[int, int]:
    text = sentence.text
    while end > start and text[end - 1] in " .,;:!?":
        end -= 1
    while start < end and text[start] in " ,;:":
        start += 1
    return sentence.start_char + start, sentence.start_char + end


def _make_source(
    text: str, span: tuple[int, int], active: _Active
) -> tuple[Source, tuple[Source, ...], bool]:
    """A source for the mention; pronouns resolve to the active source (and its chain)."""
    pronoun = _PRONOUNS.get(text.lower())
    if pronoun and active.source is not None:
        kind = active.source.kind
        if (pronoun == "person") == (kind == "person"):
            return Source(text, span, kind, active.source.name), active.chain, True
    return Source(text, span, source_kind(text)), (), False


def _hedges(text: str) -> tuple[str, ...]:
    found = [w for w in _HEDGE_WORDS if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    return tuple(found)


def _is_claim_sentence(text: str) -> bool:
    stripped = text.strip().rstrip("”\"’'")
    return len(stripped.split()) >= 4 and stripped[-1:] in (".", "!")


def _certainty(cue: str | None, hedges: tuple[str, ...], sourced: bool) -> Certainty:
    lowered = (cue or "").lower()
    if lowered in _DENIAL_VERBS:
        return "denied"
    if hedges or lowered in _HEDGE_VERBS:
        return "hedged"
    return "reported" if sourced else "asserted"


def _sentence_claims(sentence: Span, active: _Active) -> list[Claim]:
    text = sentence.text
    if not _is_claim_sentence(text):
        return []
    sentence_span = (sentence.start_char, sentence.end_char)
    according = _ACCORDING.search(text)
    body = text
    if according:  # read the frame without the "according to X" phrase
        body = (
            text[: according.start()]
            + " " * (according.end() - according.start())
            + text[according.end() :]
        )
    frame = None
    for pattern in (_TRAILING_INVERTED, _TRAILING, _TOLD, _FRONT):
        match = pattern.match(body)
        if match and _plausible_source(match.group("src").strip()):
            frame = match
            break

    chain: list[Source] = []
    source = cue = addressee = None
    inherited = False
    medium: Medium = "unknown"
    mode = "assertion"
    content = (0, len(text))
    if frame:
        src_text, src_span = _mention(sentence, frame, "src")
        source, carried, inherited = _make_source(src_text, src_span, active)
        chain.extend(carried)
        cue_text, cue_span = _mention(sentence, frame, "cue")
        cue = Mention(cue_text, cue_span)
        medium = _VERBS[cue_text.lower()]
        content = frame.span("content")
        if frame.groupdict().get("addr"):
            addressee = Mention(*_mention(sentence, frame, "addr"))
        mode = "indirect"
        introduced = re.search(r"\b(?:that|whether|if)\s*$|:\s*$", body[: frame.start("content")])
        if frame.re is _FRONT and not introduced and cue_text.lower() not in _CLAUSE_VERBS:
            mode, content = "reported", (0, len(text))  # "The Kremlin denied the report."
    if according:
        outer_text, outer_span = _mention(sentence, according, "src")
        outer = Source(outer_text, outer_span, source_kind(outer_text))
        if source is not None:  # "X told Y that …, according to Z": Z cites X
            chain = [source, *chain]
        source = outer
        at = text.lower().index("according", according.start())
        cue = Mention(text[at : at + 12], (sentence.start_char + at, sentence.start_char + at + 12))
        mode = "according_to"
        if not frame:
            content = (
                (0, according.start()) if according.start() > 0 else (according.end(), len(text))
            )
        elif content[0] < according.start() < content[1]:
            content = (content[0], according.start())
    for citing in _CITING.finditer(text):
        cited_text, cited_span = _mention(sentence, citing, "src")
        chain.append(Source(cited_text, cited_span, source_kind(cited_text)))
        if content[0] <= citing.start() < content[1]:
            before = text[content[0] : citing.start()].strip(" ,;:")
            content = (content[0], citing.start()) if before else (citing.end(), content[1])
    start, end = _content_span(sentence, *content)
    if end <= start:
        return []
    claim_text = sentence.doc.text[start:end]
    quote = _QUOTE.fullmatch(claim_text.strip())
    if source is not None and quote:
        mode = "direct"
        start, end = start + quote.start("inner"), start + quote.end("inner")
        claim_text = sentence.doc.text[start:end]
    elif source is not None and _QUOTE.search(claim_text):
        mode = "mixed"
    hedges = _hedges(text)
    if source is not None:
        active.source, active.chain = source, tuple(chain)
    return [
        Claim(
            text=claim_text,
            span=(start, end),
            sentence_span=sentence_span,
            mode=mode,  # type: ignore[arg-type]
            certainty=_certainty(cue.text if cue else None, hedges, source is not None),
            cue=cue,
            source=source,
            chain=tuple(chain),
            addressee=addressee,
            inherited=inherited,
            medium=medium,
            hedges=hedges,
        )
    ]


def extract_english_claims(
    doc: Doc, *, document_id: int | None = None, include_assertions: bool = True
) -> list[Claim]:
    """Claims of an English document segmented into sentences (``doc.sents``)."""
    active = _Active()
    claims: list[Claim] = []
    for sentence in _sentences(doc):
        for claim in _sentence_claims(sentence, active):
            if claim.mode == "assertion" and not include_assertions:
                continue
            claims.append(claim if document_id is None else _with_id(claim, document_id))
    return claims


def _sentences(doc: Doc):
    """Sentences, also split at line breaks: a heading line is its own sentence."""
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start : token.i]
                start = token.i + 1
        if start < sentence.end:
            yield doc[start : sentence.end]


def _with_id(claim: Claim, document_id: int) -> Claim:
    return replace(claim, document_id=document_id)
