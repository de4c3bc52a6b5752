"""Attribution frames of one English sentence, read from its dependency parse (UD labels).

A frame is a cue with its source, content, addressee and cited sources:

- a reporting verb with its subject and clausal complement, on either side ("X said (that) Y",
  "Y, X said Monday", "Y, said X", "X said: Y"), or its object where the verb takes one
  ("X denied the report", "X called for talks");
- subjects shared with a conjoined or participle verb ("… and added", "…, saying"), the noun
  a relative clause hangs on ("officials who said"), the agent of a passive ("was told by X");
- impersonal and raising frames without a source ("it was reported that", "X is believed to");
- "according to X" (the source of the clause it is in; a verb frame it wraps becomes a chain
  link), "citing X" / "quoting X" (the next link of the chain);
- reporting nouns with a source ("a report by X", "X's claim that Y").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from quellenlage.claims.english.lexicon import adverbial_conjunctions, noun_medium, verb_entry
from quellenlage.claims.english.sources import phrase
from quellenlage.records import Medium

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
_CLAUSE_DEPS = ("ccomp", "parataxis", "advcl", "dep", "obj", "advmod", "xcomp")
_SHARE_SUBJECT = ("conj", "xcomp", "advcl")
_RELATIVE_WORDS = frozenset(
    {"who", "whom", "whose", "which", "where", "when", "in", "after", "before"}
)
_QUOTES = frozenset("\"“”‘’'«»")


@dataclass
class Frame:
    cue: list[Token]
    content: tuple[int, int]  # token offsets, end exclusive
    source: Span | None = None
    mode: str = "indirect"
    medium: Medium = "unknown"
    addressee: Span | None = None
    chain: list[Span] = field(default_factory=list)
    flags: frozenset[str] = frozenset()
    outer: Span | None = None  # "according to" wrapping a verb frame: the outer source
    outer_cue: list[Token] = field(default_factory=list)


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of ``verb`` (shared from the verb it depends on); ``True`` when passive."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child, False
    for child in verb.children:
        if child.dep_ in _PASSIVE_SUBJECTS:
            return child, True
    if verb.dep_ == "acl:relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head, False
    if verb.dep_ == "acl" and verb.lower_.endswith("ing"):  # "a statement saying …"
        return verb.head, False
    if verb.dep_ in _SHARE_SUBJECT and depth < 2 and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    return None, False


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "obl:agent" or (
            child.dep_ == "obl"
            and any(c.dep_ == "case" and c.lower_ == "by" for c in child.children)
        ):
            return child
    return None


def _span_of(tokens) -> tuple[int, int]:
    indices = [t.i for t in tokens]
    return (min(indices), max(indices) + 1)


def _subtree_without(head: Token, cut: Token) -> list[Token]:
    removed = {t.i for t in cut.subtree}
    return [t for t in head.subtree if t.i not in removed]


def _clausal(token: Token) -> bool:
    """A clause head: a verb or predicate with its own subject, or a finite verb."""
    if token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON", "ADV", "NUM", "ADP"):
        return False
    deps = {c.dep_ for c in token.children}
    if deps & {"nsubj", "nsubj:pass", "csubj", "expl"}:
        return True
    return token.pos_ in ("VERB", "AUX") and token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _adverbial(token: Token) -> bool:
    if token.left_edge.lower_ in _RELATIVE_WORDS and token.left_edge.i < token.i:
        return True  # "… said Smith, who …": a relative clause, not what was said
    return any(
        c.dep_ == "mark" and c.lower_ in adverbial_conjunctions() for c in token.children
    ) or token.lower_ in ("citing", "quoting", "saying", "adding")


def _content_of_verb(verb: Token, flags: frozenset[str]):
    """(token span, mode) of what ``verb`` attributes, or None."""
    clauses = [
        c
        for c in verb.children
        if (c.dep_ in _CLAUSE_DEPS or (c.dep_.startswith("csubj") and c.i > verb.i))
        and _clausal(c)
        and not _adverbial(c)
    ]
    if not clauses and "addressee" in flags:
        # "told lawmakers that …" with the that-clause parsed onto the addressee
        for target in verb.children:
            if target.dep_ in ("obj", "iobj"):
                clauses += [c for c in target.rights if c.dep_.startswith("acl") and _marked(c)]
    if clauses:
        best = next((c for c in clauses if c.dep_ == "ccomp"), None) or max(
            clauses, key=lambda c: len(list(c.subtree))
        )
        return _span_of(list(best.subtree)), "indirect"
    head = verb.head
    # "Y, X said." and "Y, X said, Z": the clause the frame hangs on; not when that clause is
    # itself framed ("Fowler said he expects …") or adverbial ("When …, Clarke said").
    after = verb.right_edge.i + 1
    parenthetical = after < len(verb.doc) and verb.doc[after].text == "," and head.i > verb.i
    hangs = verb.dep_ == "parataxis" or (
        verb.dep_ in ("ccomp", "advcl", "dep") and (head.i < verb.i or parenthetical)
    )
    edge = verb.left_edge.i
    set_off = verb.doc[edge].text in (",", "—", "–") or (
        edge > 0 and verb.doc[edge - 1].text in (",", "—", "–")
    )
    framed = verb.dep_ == "ccomp" and verb_entry(head) is not None and not set_off
    # "Y, the company said": parsed as a conjunct without "and", it is still the frame of Y
    bare_conj = (
        verb.dep_ == "conj"
        and head.i < verb.i
        and set_off
        and not any(c.dep_ == "cc" for c in verb.children)
        and any(c.dep_ in _SUBJECTS for c in verb.children)
    )
    hangs = hangs or bare_conj
    if hangs and head.i != verb.i and not framed and not _adverbial(head):
        rest = [t for t in _subtree_without(head, verb) if not t.is_punct or t.text in _QUOTES]
        if rest and _clausal(head):
            return _span_of(rest), "indirect"
    # "X is believed to have …", "troops are said to be …": the raised subject and its verb.
    subject = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if subject is not None and xcomp is not None:
        return _span_of(list(subject.subtree) + list(xcomp.subtree)), "indirect"
    if "object_content" in flags:
        for child in verb.children:
            if child.dep_ == "obj" or (
                child.dep_ == "obl" and _has_case(child, "for", "against", "of")
            ):
                tokens = list(child.subtree)
                # "called the charges unfounded", "described it as a hoax": with the predicate
                for other in verb.rights:
                    if other.i > child.i and (
                        other.dep_ == "xcomp" or (other.dep_ == "obl" and _has_case(other, "as"))
                    ):
                        tokens += list(other.subtree)
                return _span_of(tokens), "reported"
    return None


def _has_case(token: Token, *cases: str) -> bool:
    return any(c.dep_ == "case" and c.lower_ in cases for c in token.children)


def _cue_tokens(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
    parts = [verb] + [
        c for c in verb.children if c.dep_ in ("aux", "aux:pass", "neg", "compound:prt")
    ]
    return sorted(parts, key=lambda t: t.i)


def verb_frames(sentence: Span) -> list[Frame]:
    frames = []
    for verb in sentence:
        entry = verb_entry(verb)
        if entry is None:
            continue
        found = _content_of_verb(verb, entry.flags)
        if found is None:
            continue
        content, mode = found
        if "evidence" in entry.flags and mode != "indirect":
            continue
        subject, passive = _subject(verb)
        fallback = None
        if subject is None and not passive and "impersonal" not in entry.flags:
            fallback = _adjacent_subject(verb, content)
        source = None
        if passive:
            agent = _agent(verb)
            source = phrase(agent) if agent is not None else None
        elif subject is not None and subject.dep_ != "expl" and subject.lower_ != "it":
            source = phrase(subject)
        elif fallback is not None:
            source = fallback
        if source is not None and not any(t.is_alpha for t in source):
            continue
        addressee = None
        if "addressee" in entry.flags:
            target = next((c for c in verb.children if c.dep_ in ("iobj", "obj")), None)
            if target is not None and not (mode == "reported" and target.dep_ == "obj"):
                addressee = phrase(target)
        if source is not None and source.start <= content[0] < source.end:
            continue
        frames.append(
            Frame(
                cue=_cue_tokens(verb),
                content=content,
                source=source,
                mode=mode,
                medium=entry.medium,
                addressee=addressee,
                flags=entry.flags | ({"impersonal"} if source is None else frozenset()),
            )
        )
    return frames


_NAME_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"})


def _adjacent_subject(verb: Token, content: tuple[int, int]) -> Span | None:
    """The noun phrase next to a reporting verb whose subject the parse lost: after it when
    the content comes first ("…,” said the Rev. Jane Doe, of …"), else right before it
    ("House Speaker Jane Doe (R-Ohio) said …")."""
    doc = verb.doc
    sentence = verb.sent
    if content[1] <= verb.i:
        end = verb.i + 1
        while (
            end < sentence.end
            and (doc[end].pos_ in _NAME_POS or doc[end].text in ".-")
            and doc[end].text != ","
        ):
            end += 1
        span = doc[verb.i + 1 : end]
    else:
        start = verb.i
        depth = 0
        while start > sentence.start:
            token = doc[start - 1]
            depth += (token.text == ")") - (token.text == "(")
            if (
                depth <= 0
                and token.text not in "()"
                and token.pos_ not in _NAME_POS
                and token.text not in ".-"
            ):
                break
            start -= 1
        span = doc[start : verb.i]
    tokens = [t for t in span if t.is_alpha]
    if (
        not tokens
        or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens)
        or len(tokens) > 10
    ):
        return None
    return span


def citing(sentence: Span) -> list[tuple[Token, Span]]:
    """ "citing X" / "quoting X": (the participle, the cited source)."""
    found = []
    for token in sentence:
        if token.lower_ in ("citing", "quoting"):
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


def noun_frames(sentence: Span) -> list[Frame]:
    """Reporting nouns with a named source and a content: "X's claim that Y", "a report by X
    found …" is a verb frame; here: the noun's that-clause, or the clause it is the subject of."""
    frames = []
    for noun in sentence:
        medium = noun_medium(noun)
        if medium is None:
            continue
        source = None
        for child in noun.children:
            if child.dep_ == "nmod:poss" or (
                child.dep_ == "nmod" and _has_case(child, "by", "from")
            ):
                source = phrase(child)
        if source is None:
            continue
        content = None
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _marked(c)), None)
        if clause is not None:
            content = _span_of(list(clause.subtree))
        elif noun.dep_ == "nsubj" and verb_entry(noun.head) is None:
            rest = [t for t in _subtree_without(noun.head, noun) if t.i > noun.right_edge.i]
            if len(rest) >= 3:
                content = _span_of(rest)
        if content is not None:
            frames.append(
                Frame(cue=[noun], content=content, source=source, mode="indirect", medium=medium)
            )
    return frames


def _marked(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
