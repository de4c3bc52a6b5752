"""Source mentions of English claims: the noun phrase, the name in it, and what it refers to.

A subject's noun phrase keeps titles and appositions ("UN Secretary-General António Guterres",
"The head of the health authority, Maria Lopez,"); its ``resolved`` name is the person or
organisation named in it. Pronouns ("he", "they") and descriptions ("the spokeswoman", "the
agency") resolve to the latest fitting name before them: first the sources of earlier claims,
then the named entities of the text. A surname alone ("Lopez") resolves to the full name met
before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quellenlage.claims.english.lexicon import (
    function_words,
    gender_of,
    kind_words,
    lemma_of,
    pronoun_sources,
    source_kind,
)
from quellenlage.records import Source

#: Dependents that end a source mention: a relative clause, a clause, a parenthesis.
_CUT_DEPS = frozenset({"acl:relcl", "acl", "parataxis", "advcl"})
#: The kinds of names a pronoun of each kind can stand for ("they": a group or a body).
_PRONOUN_REFERENTS = {
    "person": ("person",),
    "group": ("group", "organisation", "state"),
    "organisation": ("organisation", "agency", "media", "document", "state"),
}
_EDGE_PUNCT = frozenset(",;:—–-()[]\"'“”‘’")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT):
        end -= 1
    return start, end


def phrase(head: Token, *, drop_case: bool = True) -> Span:
    """The noun phrase of ``head``: its subtree up to a relative clause, edges trimmed.

    With ``drop_case`` the preposition of an oblique ("by the ministry") is left out.
    """
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        relative = child.left_edge.lower_ in function_words("relative_pronouns")
        if child.dep_ in _CUT_DEPS or "relcl" in child.dep_ or relative:
            end = min(end, child.left_edge.i)
    for token in doc[head.i + 1 : end]:  # "X, who …" hung on a word inside the name
        if "relcl" in token.dep_ and token.left_edge.i > head.i:
            end = min(end, token.left_edge.i)
    if drop_case:
        while start < head.i and doc[start].dep_ in ("case", "fixed") and doc[start].head == head:
            start += 1
    for token in doc[start:end]:  # a dateline or heading line before it is not the source
        if "\n" in token.text:
            if token.i < head.i:
                start = token.i + 1
            else:
                end = min(end, token.i)
    start, end = _trim(doc, start, end)
    if start >= end:
        return doc[head.i : head.i + 1]
    return doc[start:end]


def _name_in(span: Span) -> tuple[str, str] | None:
    """The name a mention stands for: the entity on its head noun or on an apposition of it
    ("UN Secretary-General António Guterres", "the head of …, Maria Lopez"): (text, label)."""
    heads = [span.root] + [c for c in span.root.children if c.dep_ in ("appos", "flat", "compound")]
    for label in ("PER", "ORG", "LOC"):
        for head in heads:
            for ent in span.doc.ents:
                inside = span.start <= ent.start and ent.end <= span.end
                if inside and ent.label_ == label and ent.start <= head.i < ent.end:
                    return _without_titles(ent), ent.label_
    return None


def _without_titles(ent: Span) -> str:
    """A person's name without the titles the NER sometimes takes in ("General António …")."""
    tokens = list(ent)
    person_words = kind_words("person")
    while ent.label_ == "PER" and len(tokens) > 1 and tokens[0].lower_ in person_words:
        tokens.pop(0)
    return ent.doc[tokens[0].i : tokens[-1].i + 1].text


def _label_of(span: Span) -> str | None:
    for ent in span.doc.ents:
        if ent.start <= span.root.i < ent.end:
            return ent.label_
    return None


@dataclass
class Referents:
    """Names met so far in a document, latest last: for pronouns and descriptions."""

    #: (token position, name, kind, description words of the mention, gender or None)
    named: list[tuple[int, str, str, frozenset[str], str | None]] = field(default_factory=list)

    def add(self, position: int, name: str, kind: str, words: frozenset[str] = frozenset()) -> None:
        gender = gender_of(name, words) if kind == "person" else None
        self.named.append((position, name, kind, words, gender))

    def latest(
        self,
        before: int,
        kinds: tuple[str, ...],
        word: str | None = None,
        gender: str | None = None,
        *,
        known: bool = False,
    ) -> str | None:
        """The latest name of one of ``kinds`` before ``before``; with ``word``, one described
        by it ("the spokeswoman"); with ``gender``, none of the other gender ("she"), and
        with ``known`` only names known to be of that gender."""
        fallback = None
        for position, name, kind, words, own in reversed(self.named):
            if position >= before or kind not in kinds:
                continue
            if gender is not None and (known or own is not None) and own != gender:
                continue
            if word is None or word in words or word in name.lower():
                return name
            fallback = fallback or name
        return fallback if word is None else None

    def full_name(self, before: int, surname: str) -> str | None:
        for position, name, kind, _words, _gender in reversed(self.named):
            if position < before and kind == "person" and name != surname == name.split()[-1]:
                return name
        return None


def entity_referents(doc: Doc) -> Referents:
    """The text's own named entities as referents (persons, organisations, places)."""
    referents = Referents()
    kinds = {"PER": "person", "ORG": "organisation", "LOC": "state"}
    for ent in doc.ents:
        if ent.label_ in kinds:
            kind = kinds[ent.label_] if ent.label_ != "ORG" else source_kind(ent.text, "ORG")
            referents.add(ent.start, ent.text, kind, _described_by(ent))
    return referents


def _described_by(ent: Span) -> frozenset[str]:
    """Words that describe a named entity where it is met: the title before it ("Ms."), its
    appositions and the noun it is in apposition to ("Maria Lopez, the health minister";
    "the minister, Maria Lopez"), for descriptions that refer back to it later."""
    doc = ent.doc
    tokens = list(phrase(ent.root))
    if ent.start:
        tokens.append(doc[ent.start - 1])
    if ent.root.dep_ == "appos":
        tokens += [t for t in phrase(ent.root.head) if t.i < ent.start]
    return frozenset(t.lower_ for t in tokens) | {lemma_of(t) for t in tokens}


def make_source(span: Span, referents: Referents, sources: Referents) -> tuple[Source, bool]:
    """A Source for the mention ``span``; ``True`` when it refers back (pronoun, description)."""
    text = span.text
    lower = text.lower()
    char_span = (span.start_char, span.end_char)
    pronouns = pronoun_sources()
    if lower in pronouns:
        kind, gender = pronouns[lower]["kind"], pronouns[lower]["gender"]
        kinds = _PRONOUN_REFERENTS[kind]
        name = sources.latest(span.start, kinds, gender=gender) or referents.latest(
            span.start, kinds, gender=gender
        )
        return Source(text, char_span, kind, name), name is not None
    if (
        lower in function_words("relative_pronouns") | {"that"}
        and span.root.head.dep_ == "acl:relcl"
    ):
        # "Smith, who said …": the relative pronoun stands for the noun the clause is on.
        antecedent, _ = make_source(phrase(span.root.head.head), referents, sources)
        return Source(text, char_span, antecedent.kind, antecedent.name), True
    label = _label_of(span)
    kind = source_kind(text, label)
    words = [t for t in span if not t.is_punct]
    if (
        words
        and words[0].lower_ in function_words("determiners")
        and not any(t.ent_type_ for t in span)
    ):
        # "the spokeswoman", "the agency": the latest name of that kind, with that word if any.
        word = lemma_of(span.root)
        kinds = (
            (kind,)
            if kind in ("person", "organisation", "agency", "media")
            else (kind, "organisation")
        )
        if kind in ("person", "organisation", "agency", "media", "state"):
            gender = gender_of(text) if kind == "person" else None  # "the spokeswoman"
            name = sources.latest(span.start, kinds, word, gender) or referents.latest(
                span.start, kinds, word, gender
            )
            if name is None and kind == "person":
                name = sources.latest(span.start, kinds, gender=gender)
            if name is None and gender is not None:  # "the spokeswoman": the last woman named
                name = referents.latest(span.start, kinds, gender=gender, known=True)
            if name and name.lower() != lower:
                return Source(text, char_span, kind, name), True
        return Source(text, char_span, kind), False
    found = _name_in(span)
    resolved = None
    if found:
        name, name_label = found
        if name_label == "PER":
            kind = "person"
        if name != text:
            resolved = name
        if name_label == "PER" and " " not in name:
            resolved = (
                referents.full_name(span.start, name)
                or sources.full_name(span.start, name)
                or resolved
            )
    return Source(text, char_span, kind, resolved), False


def remember(sources: Referents, source: Source, span: Span) -> None:
    """Keep an explicit source for later pronouns and descriptions."""
    if source.text.lower() in pronoun_sources():
        return
    words = frozenset(t.lower_ for t in span) | {lemma_of(t) for t in span}
    sources.add(span.start, source.name, source.kind, words)
