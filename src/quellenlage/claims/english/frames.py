"""Attribution frames of one English sentence, read from its dependency parse (UD labels).

A frame is a cue with its source, content, addressee and cited sources:

- a reporting verb with its subject and clausal complement, on either side ("X said (that) Y",
  "Y, X said Monday", "Y, said X", "X said: Y"), or its object where the verb takes one
  ("X denied the report", "X called for talks", "X mocked Y for Z"), its infinitive ("X
  vowed to Y", "X urged Y to Z") or its object with a predicate ("X called the plan a
  failure"); attitude predicates read the same way ("X is confident that Y");
- subjects shared with a conjoined or participle verb ("… and added", "…, saying"), the noun
  a relative clause hangs on ("officials who said"), the agent of a passive ("was told by X"),
  the issuer of a statement ("X issued a statement saying"); a subject the parse lost is
  looked for next to the verb;
- impersonal and raising frames without a source ("it was reported that", "X is believed to").

Frames without a reporting verb (nouns, "according to", "citing") are in :mod:`nominal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from quellenlage.claims.english.lexicon import (
    adjective_entry,
    adverbial_conjunctions,
    function_words,
    noun_medium,
    pronoun_sources,
    time_words,
    verb_entry,
)
from quellenlage.claims.english.sources import phrase
from quellenlage.records import Medium

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
_CLAUSE_DEPS = ("ccomp", "parataxis", "advcl", "dep", "obj", "advmod", "xcomp")
_SHARE_SUBJECT = ("conj", "xcomp", "advcl")
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


def _wordy(token: Token) -> bool:
    """A token with a letter in it ("O'Neill", "G.K." count; spaces and marks do not)."""
    return any(char.isalpha() for char in token.text)


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of ``verb`` (shared from the verb it depends on); ``True`` when passive.

    A subject the parse took from across a line break (a sentence glued to the paragraph
    before it) is none: the line is the sentence."""
    for deps, passive in ((_SUBJECTS, False), (_PASSIVE_SUBJECTS, True)):
        for child in verb.children:
            if child.dep_ in deps and _wordy(child) and not _across_line(child, verb):
                return child, passive
    if verb.dep_ == "acl:relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head, False
    if verb.dep_ == "acl" and verb.lower_.endswith("ing"):  # "a statement saying …"
        document = verb.head
        if noun_medium(document) is not None and document.dep_ in ("obj", "obl"):
            issuer, _ = subject_of(document.head, depth + 1)  # "X issued a statement saying"
            if issuer is not None:
                return issuer, False
        return document, False
    if verb.dep_ in _SHARE_SUBJECT and depth < 2 and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    return None, False


def _dummy_it(subject: Token, entry) -> bool:
    """ "It seems …", "it is believed …": an "it" that stands for nothing; "it said", "it
    wrote" (a paper, a ministry) stand for a source."""
    return subject.lower_ == "it" and (entry.medium == "thought" or "hedge" in entry.flags)


def _trailing_participle(verb: Token) -> bool:
    """ "…, adding that …", "…, saying …" after the main clause, which the parse may have
    hung on a word other than the main verb."""
    doc, root = verb.doc, verb.sent.root
    return (
        verb.tag_ == "VBG"
        and verb.i > 0
        and doc[verb.i - 1].text == ","
        and root.i < verb.i
        and root.pos_ in ("VERB", "AUX")
    )


def _across_line(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[low:high])


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "obl:agent" or (
            child.dep_ == "obl"
            and any(c.dep_ == "case" and c.lower_ == "by" for c in child.children)
        ):
            return child
    return None


def span_of(tokens) -> tuple[int, int]:
    indices = [t.i for t in tokens]
    return (min(indices), max(indices) + 1)


def subtree_without(head: Token, cut: Token) -> list[Token]:
    removed = {t.i for t in cut.subtree}
    return [t for t in head.subtree if t.i not in removed]


def _clausal(token: Token) -> bool:
    """A clause head: a verb or predicate with its own subject, or a finite verb."""
    if token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON", "ADV", "NUM", "ADP"):
        return False
    deps = {c.dep_ for c in token.children}
    if deps & {"nsubj", "nsubj:pass", "csubj", "expl"}:
        return True
    finite = ("VBD", "VBZ", "VBP", "MD")
    if "cop" in deps and any(  # "said Putin has been a leader": the subject on the auxiliary
        c.dep_ == "aux" and (c.tag_ in finite or any(g.dep_ == "nsubj" for g in c.children))
        for c in token.children
    ):
        return True
    return token.pos_ in ("VERB", "AUX") and token.tag_ in finite


def _adverbial(token: Token) -> bool:
    if token.left_edge.lower_ in function_words("relative_openers") and token.left_edge.i < token.i:
        return True  # "… said Smith, who …": a relative clause, not what was said
    return any(
        c.dep_ == "mark" and c.lower_ in adverbial_conjunctions() for c in token.children
    ) or token.lower_ in function_words("chain_participles") | function_words(
        "continuing_participles"
    )


def _content_of_verb(verb: Token, flags: frozenset[str]):
    """(token span, mode) of what ``verb`` attributes, or None."""
    clauses = [
        c
        for c in verb.children
        if (c.dep_ in _CLAUSE_DEPS or (c.dep_.startswith("csubj") and c.i > verb.i))
        and _clausal(c)
        and not _adverbial(c)
        and not _across_line(c, verb)
    ]
    if not clauses and "addressee" in flags:
        # "told lawmakers that …" with the that-clause parsed onto the addressee
        for target in verb.children:
            if target.dep_ in ("obj", "iobj"):
                clauses += [c for c in target.rights if c.dep_.startswith("acl") and marked(c)]
    if (  # "threatened to sue, should he fail …": the infinitive, not the condition
        "infinitive" in flags
        and not any(c.dep_ == "ccomp" for c in clauses)
        and any(infinitive(c) for c in verb.rights)
    ):
        return _object_content(verb, flags)
    if clauses:
        best = next((c for c in clauses if c.dep_ == "ccomp"), None) or max(
            clauses, key=lambda c: len(list(c.subtree))
        )
        tokens = list(best.subtree)
        if best.dep_ == "ccomp":  # "said A has X and B was Y", parsed as two clauses
            side = best.i > verb.i
            for other in clauses:
                if other.dep_ == "ccomp" and (other.i > verb.i) == side:
                    tokens += list(other.subtree)
        return span_of(tokens), "indirect"
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
        rest = [t for t in subtree_without(head, verb) if not t.is_punct or t.text in _QUOTES]
        if rest and _clausal(head):
            return span_of(rest), "indirect"
    # "X is believed to have …", "troops are said to be …": the raised subject and its verb.
    subject = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if subject is not None and xcomp is not None:
        return span_of(list(subject.subtree) + list(xcomp.subtree)), "indirect"
    return _object_content(verb, flags)


def _object_content(verb: Token, flags: frozenset[str]):
    """What a verb attributes through its object or infinitive rather than a clause.

    ``infinitive``: "vowed to punish …", "urged Congress to act" (the object with the
    infinitive); ``object_content``: "denied the report", "called for talks", "called for
    ending the ban"; ``predicative``: only with a predicate after the object, "called the
    charges unfounded", "called Burma a success" (the object and the predicate)."""
    objects = [c for c in verb.children if c.dep_ in ("obj", "iobj")]
    if "infinitive" in flags:
        for child in verb.rights:
            if infinitive(child):
                before = [o for o in objects if o.i < child.i]
                tokens = list(child.subtree) + [t for o in before for t in o.subtree]
                return span_of(tokens), "reported"
    if not flags & {"object_content", "predicative"}:
        return None
    for child in verb.children:
        if not (
            child.dep_ == "obj"
            or (child.dep_ == "obl" and has_case(child, *function_words("object_prepositions")))
            or (child.dep_ == "advcl" and child.tag_ == "VBG" and _has_mark(child, "for"))
        ):
            continue
        tokens = [t for t in child.subtree if not (t.head == child and t.dep_ in ("case", "mark"))]
        predicate = [
            other
            for other in verb.rights
            if other.i > child.i
            and (
                other.dep_ == "xcomp"
                or (other.dep_ == "obj" and other is not child)
                or (other.dep_ == "obl" and has_case(other, *_PREDICATE_CASES))
                or (other.dep_ == "advcl" and _has_mark(other, *_PREDICATE_CASES))
                or infinitive(other)
            )
        ]
        if "predicative" in flags and not predicate:
            return None
        for other in predicate[:1]:
            tokens += list(other.subtree)
        return span_of(tokens), "reported"
    return None


#: What follows the object of "condemned X as Y", "mocked X for Y", "likened X to Y",
#: "accused X of Y": part of what is attributed.
_PREDICATE_CASES = ("as", "for", "to", "of")


def _has_mark(token: Token, *marks: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in token.children)


def infinitive(token: Token) -> bool:
    """ "to act" / "acting" hanging on a verb, without its own subject."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("xcomp", "advcl"):
        return False
    if any(c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS for c in token.children):
        return False
    return _has_mark(token, "to") or (token.dep_ == "xcomp" and token.tag_ in ("VB", "VBG"))


def has_case(token: Token, *cases: str) -> bool:
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
        entry = verb_entry(verb) or adjective_entry(verb)
        if entry is None:
            continue
        found = _content_of_verb(verb, entry.flags)
        if found is None:
            continue
        content, mode = found
        if "evidence" in entry.flags and mode != "indirect":
            continue
        subject, passive = subject_of(verb)
        if subject is None and not passive and _trailing_participle(verb):
            subject, passive = subject_of(verb.sent.root)  # "X rejected it, saying …"
        fallback = None
        expletive = any(c.dep_ == "expl" for c in verb.children)  # "it seems that …"
        if subject is None and not passive and not expletive and "impersonal" not in entry.flags:
            fallback = _adjacent_subject(verb, content)
        source = None
        if passive:
            agent = _agent(verb)
            source = phrase(agent) if agent is not None else None
        elif subject is not None and subject.dep_ != "expl" and not _dummy_it(subject, entry):
            source = phrase(subject)
        elif fallback is not None:
            source = fallback
        if source is not None and not any(_wordy(t) for t in source):
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
    while len(span) > 1 and span[-1].tag_ == "TO":  # "the chair of the party to call …"
        span = span[:-1]
    tokens = [t for t in span if _wordy(t)]
    if not tokens or len(tokens) > 10 or not _names_someone(tokens):
        return None
    return span


def _names_someone(tokens: list[Token]) -> bool:
    """Whether the words of a fallback subject can be a source: a name, a pronoun or a
    noun ("the spokeswoman"), not a time ("Tuesday"), a preposition or a clause."""
    first = tokens[0]
    if first.pos_ in ("ADP", "SCONJ", "VERB"):
        return False
    if any(t.lower_ in time_words() for t in tokens):
        return False
    return any(
        t.pos_ in ("PROPN", "NOUN") or (t.pos_ == "PRON" and t.lower_ in pronoun_sources())
        for t in tokens
    )


def marked(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
