"""Attribution frames of one English sentence that have no reporting verb at their centre.

- reporting nouns ("claim", "concern", "warning", "view", "plan") with what they carry: a
  that-clause ("his claim that Y"), an infinitive ("its plan to Y"), a prepositional object
  ("concerns about Y", "criticism of Y"), or the clause the noun is the subject of ("a report by
  X found Y" is a verb frame; "X's assessment is that Y" is one here); the source is the
  possessor ("X's view"), a by/from phrase ("a warning from X") or the subject of a support
  verb the noun is the object of ("X expressed concern that", "X voiced doubts about");
- "according to X" (the source of the clause it is in);
- "citing X" / "quoting X" (the next link of a chain).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quellenlage.claims.english.frames import (
    Frame,
    has_case,
    infinitive,
    marked,
    span_of,
    subject_of,
    subtree_without,
)
from quellenlage.claims.english.lexicon import (
    function_words,
    lemma_of,
    noun_medium,
    support_verbs,
    verb_entry,
)
from quellenlage.claims.english.sources import phrase


def _noun_source(noun: Token) -> Span | None:
    for child in noun.children:
        if child.dep_ == "nmod:poss" or (child.dep_ == "nmod" and has_case(child, "by", "from")):
            return phrase(child)
    head = noun.head
    if noun.dep_ == "obj" and lemma_of(head) in support_verbs():
        subject, passive = subject_of(head)
        if subject is not None and not passive and subject.lower_ not in ("it", "there"):
            return phrase(subject)
    return None


def _noun_content(noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and (marked(child) or infinitive(child)):
            return span_of(list(child.subtree))
    return None


def noun_frames(sentence: Span) -> list[Frame]:
    """Reporting nouns with a source and a content (see the module docstring)."""
    frames = []
    for noun in sentence:
        medium = noun_medium(noun)
        if medium is None:
            continue
        source = _noun_source(noun)
        if source is None:
            continue
        content = _noun_content(noun)
        if content is None and noun.dep_ == "nsubj" and verb_entry(noun.head) is None:
            rest = [t for t in subtree_without(noun.head, noun) if t.i > noun.right_edge.i]
            if len(rest) >= 3:
                content = span_of(rest)
        if content is not None:
            frames.append(
                Frame(cue=[noun], content=content, source=source, mode="indirect", medium=medium)
            )
    return frames


def citing(sentence: Span) -> list[tuple[Token, Span]]:
    """ "citing X" / "quoting X": (the participle, the cited source)."""
    found = []
    for token in sentence:
        if token.lower_ in function_words("chain_participles"):
            objects = [c for c in token.rights if c.dep_ in ("obj", "obl", "nmod")]
            target = objects[0] if objects else None
            if len(objects) > 1:  # a compound parsed as two objects: take them together
                first, last = phrase(objects[0]), phrase(objects[-1])
                found.append((token, token.doc[first.start : last.end]))
                continue
            if target is None and token.i + 1 < sentence.end:
                # No object attached: the noun phrase right after the participle.
                target = token.doc[token.i + 1]
                while token.i < target.head.i < token.i + 8 and target.head.i != target.i:
                    target = target.head
            if target is not None and target.i > token.i:
                found.append((token, phrase(target)))
    return found


def according_to(sentence: Span) -> list[tuple[list[Token], Span]]:
    """ "according to X": (the cue tokens, the source phrase)."""
    found = []
    doc = sentence.doc
    for token in sentence:
        if (
            token.lower_ != "according"
            or token.i + 2 > sentence.end
            or doc[token.i + 1].lower_ != "to"
        ):
            continue
        head = token.head if token.head.i > token.i + 1 else doc[min(token.i + 2, sentence.end - 1)]
        source = phrase(head)
        if source.start <= token.i + 1:
            source = doc[token.i + 2 : source.end] if source.end > token.i + 2 else source
        found.append(([token, doc[token.i + 1]], source))
    return found
