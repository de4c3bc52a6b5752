"""Character spans of English claims: sentences, trimming, overlaps."""

from __future__ import annotations

import re

from spacy.tokens import Doc

TRIM = " \t\n,;:—–-.!?"
QUOTE_MARKS = "\"“”‘’'«»"


_DOUBLED_OPEN = re.compile(r"(``|'')(?=\w)")
_DOUBLED_CLOSE = re.compile(r"(?<=[\w.,!?;:)—-])''")


def quote_text(text: str) -> str:
    """``text`` with typewriter quotes made of two marks (``quote'' and ''quote'', as in
    older wire and newspaper copy) turned into one straight quote plus a space, so that the
    quote scanner pairs them while every offset stays where it was."""
    text = _DOUBLED_OPEN.sub(' "', text)
    return _DOUBLED_CLOSE.sub('" ', text)


def sentences(doc: Doc):
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


def token_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens ``start:end``, trimmed of edge punctuation and a leading "that"."""
    tokens = [t for t in doc[start:end]]
    while tokens and (
        tokens[0].is_space
        or tokens[0].text in TRIM
        or (tokens[0].lower_ == "that" and len(tokens) > 2)
    ):
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or tokens[-1].text in TRIM):
        tokens.pop()
    if not tokens:
        return (0, 0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
