"""Resolving pronouns and descriptions to the names they stand for, by agreement and salience.

The memory holds the document's earlier source-like mentions: entities as the walk passes
them, and every source the rules made. A pronoun takes the nearest mention that agrees in
number and gender (grammatical gender of a common-noun head; a person named without one
agrees with "er" and "sie"; a bare organisation name is never "er"), recent speakers first.
A definite description ("die Agentur", "der Sender", "der Geheimdienstchef") takes the
nearest earlier name of its kind. The mention is kept; the name is ``Source.resolved``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.cues import noun_lemma
from quellenlage.claims.german.speakers import head_of, is_source_like, source_kind
from quellenlage.lang import load
from quellenlage.records import Source, SourceKind, SourceLink

_DE = load("de")
_PERSONAL_PRONOUNS = _DE.words("personal_pronouns")
#: How many of the latest mentions a pronoun or description may refer back to.
RESOLUTION_WINDOW = 40
#: How many of the latest mentions count as recent for a speaker to be preferred.
SPEAKER_WINDOW = 12
_DEFINITE = frozenset({"der", "die", "das", "dieser", "diese", "dieses"})
#: Kinds of which a description resolves to the nearest earlier name of the same kind.
_DESCRIBED_KINDS = frozenset({"agency", "media", "person", "state", "organisation", "document"})
#: Kinds a named-entity tagger gives foreign person names too ("Ngozi Adaeze Okafor" as LOC):
#: a person described by role and surname may have been named with any of them.
_PERSON_NAMED_AS = frozenset({"person", "state", "unknown"})
#: Words that attach the cited source to a noun of saying ("Angaben von X").
_ATTRIBUTE_WORDS = frozenset({"von", "vom", "seitens"})


@dataclass(frozen=True, slots=True)
class Remembered:
    """An earlier mention that a pronoun or description may refer to."""

    start: int
    end: int
    text: str
    name: str  # the name it stands for (itself, or what it was resolved to)
    kind: SourceKind
    plural: bool
    gender: str | None = None  # of a common-noun head ("der Verband": Masc); None for names
    named: bool = False  # a name (entity, proper noun), or resolved to one
    speaker: bool = False  # the source of a frame


def _gender(phrase: Span) -> str | None:
    head = head_of(phrase)
    if head.pos_ != "NOUN" or head.ent_type_:
        return None
    genders = head.morph.get("Gender")
    return genders[0] if len(genders) == 1 else None


def _is_named(phrase: Span) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in {"PER", "ORG"} for t in phrase)


@dataclass
class MentionMemory:
    """Earlier source-like mentions of a document, for resolving "er" and "der Minister"."""

    mentions: list[Remembered] = field(default_factory=list)
    #: Abbreviations in brackets after a name ("Bundesamt für Verfassungsschutz (BfV)").
    aliases: dict[str, Remembered] = field(default_factory=dict)
    _entities: list[Span] | None = None  # the document's entities, read once
    _next_entity: int = 0

    def remember(
        self,
        phrase: Span,
        kind: SourceKind,
        antecedent: Remembered | None = None,
        *,
        speaker: bool = True,
    ) -> None:
        plural = "Number=Plur" in str(head_of(phrase).morph) or " und " in phrase.text
        gender = _gender(phrase)
        named = _is_named(phrase) or (antecedent is not None and antecedent.named)
        name = antecedent.name if antecedent is not None else phrase.text
        titled = _document_name(head_of(phrase), phrase.end) if kind == "document" else None
        if titled is not None and antecedent is None:  # "die sogenannte PISA-Studie"
            name, named = titled.text, True
        if antecedent is not None and head_of(phrase).pos_ == "PRON":
            gender = gender or antecedent.gender
        mention = Remembered(
            phrase.start_char,
            phrase.end_char,
            phrase.text,
            name,
            kind,
            plural,
            gender,
            named,
            speaker,
        )
        self.mentions.append(mention)
        abbreviation = _bracketed_abbreviation(phrase)
        if abbreviation is not None:
            self.aliases[abbreviation] = mention

    def remember_entities(self, doc: Doc, upto: int) -> None:
        """Add the person and organisation entities that start before char ``upto``."""
        if self._entities is None:
            self._entities = list(doc.ents)
        known = {mention.start for mention in self.mentions[-50:]}
        added = False
        while self._next_entity < len(self._entities):
            ent = self._entities[self._next_entity]
            if ent.start_char >= upto:
                break
            self._next_entity += 1
            if ent.label_ in {"PER", "ORG"} and ent.start_char not in known:
                kind: SourceKind = "person" if ent.label_ == "PER" else source_kind(ent)
                if kind == "unknown":
                    kind = "organisation"
                self.mentions.append(
                    Remembered(
                        ent.start_char, ent.end_char, ent.text, ent.text, kind, False, named=True
                    )
                )
                added = True
        if added:
            self.mentions.sort(key=lambda mention: mention.start)

    def remember_documents(self, span: Span) -> None:
        """Add the named documents of ``span`` ("die PISA-Studie", "der Bericht des
        Rechnungshofs"): a later "die Untersuchung" names the study, even where the study
        was not itself a source."""
        known = {mention.start for mention in self.mentions[-50:]}
        added = False
        for token in span:
            # the STTS tag too: the small tagger gives "PISA-Studie" NN but DET
            noun = token.pos_ in {"NOUN", "PROPN"} or token.tag_ in {"NN", "NE"}
            if not noun or not _document_noun(token):
                continue
            name = _document_name(token, span.end)
            if name is None or name.start_char in known:
                continue
            self.mentions.append(
                Remembered(
                    name.start_char,
                    name.end_char,
                    name.text,
                    name.text,
                    "document",
                    "Number=Plur" in str(token.morph),
                    _gender(name),
                    named=True,
                )
            )
            added = True
        if added:
            self.mentions.sort(key=lambda mention: mention.start)

    def _candidates(self, before: int) -> list[Remembered]:
        """The latest mentions before ``before``, without names that lie inside a longer
        remembered mention ("Sebastian Edathy" inside "der Vorsitzende …, Sebastian Edathy")."""
        earlier = [m for m in self.mentions[-RESOLUTION_WINDOW:] if m.end <= before]
        return [
            m
            for m in earlier
            if not any(
                o is not m
                and o.kind != "document"  # a document's name holds its author, another referent
                and o.start <= m.start
                and m.end <= o.end
                and o.end - o.start > m.end - m.start
                for o in earlier
            )
        ]

    def resolve(self, phrase: Span) -> Remembered | None:
        """Resolve a pronoun or a definite description to the nearest fitting earlier mention."""
        head = head_of(phrase)
        names = [t.text for t in phrase if t.pos_ in {"PROPN", "NOUN", "X"} or t.ent_type_]
        if len(names) == 1 and names[0] in self.aliases:  # "das BfV" after "… (BfV)"
            alias = self.aliases[names[0]]
            return alias if alias.end <= phrase.start_char else None
        before = self._candidates(phrase.start_char)
        if not before:
            return None
        if head.pos_ == "PRON" or head.lower_ in _PERSONAL_PRONOUNS:
            return _antecedent_of_pronoun(head.lower_, _plural_verb(phrase), before)
        if _is_named(phrase):
            return _antecedent_of_surname(phrase, before)
        return _antecedent_of_description(phrase, before)


#: Document nouns long enough to head a compound ("Untersuchungsbericht"), for str.endswith.
_DOCUMENT_HEADS = tuple(sorted(noun for noun in vocabulary.DOCUMENT_WORDS if len(noun) >= 6))


def _document_noun(token: Token) -> bool:
    """A noun for a document ("Studie", "Untersuchungsbericht", "PISA-Studie")."""
    word = token.lower_.rsplit("-", 1)[-1]
    if word in vocabulary.DOCUMENT_WORDS:
        return True
    lemma = noun_lemma(token).rsplit("-", 1)[-1]
    return lemma in vocabulary.DOCUMENT_WORDS or lemma.endswith(_DOCUMENT_HEADS)


def _document_name(noun: Token, limit: int) -> Span | None:
    """How a document noun names its document, or None where it names none: the compound
    with an abbreviation ("PISA-Studie", "SVB-Bericht"), or the noun with the name in its
    attribute ("Studie der Universität Leipzig", "Bericht von Amnesty International")."""
    doc = noun.doc
    prefix = noun.text.rsplit("-", 1)[0] if "-" in noun.text else ""
    if sum(ch.isupper() for ch in prefix) >= 2:
        return doc[noun.i : noun.i + 1]
    end = noun.i + 1
    named_end = None
    while end < limit:
        token = doc[end]
        if named_end is None and (token.lower_ in _ATTRIBUTE_WORDS or token.pos_ in {"DET", "ADJ"}):
            end += 1
            continue
        if token.pos_ in {"NOUN", "PROPN"}:
            end += 1
            if token.pos_ == "PROPN" or token.ent_type_ in {"ORG", "PER"}:
                named_end = end
            continue
        break
    if named_end is None or doc[noun.i + 1].pos_ not in {"DET", "ADP", "PROPN"}:
        return None
    return doc[noun.i : named_end]


def _cited_part(phrase: Span) -> Span | None:
    """ "Angaben von Gewerkschaftsmitglied Ngozi Adaeze Okafor" -> the one whose Angaben these
    are: remembered as a speaker of its own, for a later "er" or "die Aktivistin Okafor"."""
    nouns = [t for t in phrase if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or nouns[0].pos_ != "NOUN":
        return None
    lemma = noun_lemma(nouns[0])
    if lemma not in vocabulary.ACCORDING_NOUNS and lemma not in vocabulary.DOCUMENT_WORDS:
        return None
    start = nouns[0].i + 1 - phrase.start
    if start < len(phrase) and phrase[start].lower_ in _ATTRIBUTE_WORDS:
        start += 1
    if start < len(phrase) - 1 and phrase[start].pos_ == "DET":  # "Angaben der Sprecherin X"
        start += 1
    part = phrase[start:]
    return part if len(part) and is_source_like(part) else None


def _bracketed_abbreviation(phrase: Span) -> str | None:
    """ "Das Bundesamt für Verfassungsschutz (BfV)" -> "BfV": a short capitalised word in
    brackets at the end of a longer name."""
    if len(phrase) < 4 or phrase[-1].text != ")" or phrase[-3].text != "(":
        return None
    word = phrase[-2].text
    if 2 <= len(word) <= 8 and word[0].isupper() and sum(c.isupper() for c in word) >= 2:
        return word
    return None


def _plural_verb(phrase: Span) -> bool:
    head = head_of(phrase)
    return "Number=Plur" in str(head.head.morph) if head.head is not head else False


def _agrees(word: str, plural_verb: bool, mention: Remembered) -> bool:
    """Number and gender agreement of "er"/"sie" with an earlier mention."""
    if mention.kind == "document":
        return False
    if word == "er":
        if mention.plural:
            return False
        return mention.gender == "Masc" or (mention.kind == "person" and mention.gender is None)
    if word != "sie":
        return False
    if plural_verb:
        return mention.plural or mention.kind in {"group", "state"}
    if mention.plural:
        return False
    if mention.gender is not None:
        return mention.gender == "Fem"
    return True  # a name: a person, or an organisation referred to by its kind ("die Firma")


def _antecedent_of_pronoun(
    word: str, plural_verb: bool, before: list[Remembered]
) -> Remembered | None:
    """Recent speakers first ("…“, sagte sie." after an organisation named in between), then
    the nearest agreeing mention."""
    fitting = [m for m in reversed(before) if _agrees(word, plural_verb, m)]
    recent = {id(m) for m in before[-SPEAKER_WINDOW:]}
    for mention in fitting:
        if mention.speaker and id(mention) in recent:
            return mention
    return fitting[0] if fitting else None


def _antecedent_of_surname(phrase: Span, before: list[Remembered]) -> Remembered | None:
    """ "Die Aktivistin Okafor" after "Ngozi Adaeze Okafor": a person named by the last word of
    a fuller name named before."""
    names = [t for t in phrase if t.pos_ == "PROPN" or t.ent_type_ == "PER"]
    # the tagger often takes the role word into the name ("Aktivistin Okafor" as PER)
    proper = [t for t in names if t.pos_ != "NOUN"]
    if len(proper) == 1 and len(names) > 1:
        names = proper
    if len(names) != 1 or source_kind(phrase) != "person":
        return None
    surname = names[0].text
    fuller = [
        mention
        for mention in reversed(before)
        if mention.kind in _PERSON_NAMED_AS
        and mention.named
        and len(mention.name.split()) >= 2
        and mention.name.split()[-1] == surname
        and mention.name != phrase.text
    ]
    # a name tagged as a person first; else one the tagger took for a place or nothing
    return next((m for m in fuller if m.kind == "person"), fuller[0] if fuller else None)


def _antecedent_of_description(phrase: Span, before: list[Remembered]) -> Remembered | None:
    """ "der Minister" after "Verteidigungsminister X"; "die Agentur" after "dpa"."""
    if phrase[0].lower_ not in _DEFINITE or len(phrase) > 4 or _is_named(phrase):
        return None
    head = head_of(phrase)
    noun = head.lower_
    for mention in reversed(before):
        lowered = mention.name.lower()
        # "der Minister" names "Verteidigungsminister X": the noun heads a word of the name
        # (not "die Fed" for "Fed-Vizechef Michael Barr", where it only starts one)
        heads = any(word.endswith(noun) for word in lowered.split())
        if heads and lowered != phrase.text.lower() and len(mention.name) > len(noun) + 2:
            return mention
    kind = source_kind(phrase)
    if kind not in _DESCRIBED_KINDS:
        return None
    gender = _gender(phrase)
    for mention in reversed(before):
        if not mention.named or mention.kind != kind:
            continue
        if kind == "person" and not mention.speaker:
            continue  # a role names a person already speaking, not anyone named before
        if (
            kind != "document"  # "die Untersuchung" for "der Bericht": synonyms differ in gender
            and mention.gender is not None
            and gender is not None
            and mention.gender != gender
        ):
            continue
        return mention
    return None


def make_source(phrase: Span, memory: MentionMemory, *, speaker: bool = True) -> Source:
    """A Source for a mention, resolved against earlier mentions where it is a pronoun or
    a description (the mention stays the text; the name is ``resolved``)."""
    kind = source_kind(phrase)
    antecedent = memory.resolve(phrase)
    name = None
    span = (phrase.start_char, phrase.end_char)
    if antecedent is not None:
        name = antecedent.name
        pronoun = head_of(phrase).pos_ == "PRON"
        # "Die Aktivistin Okafor" stays a person though the tagger took his name for a place
        described_person = kind == "person" and antecedent.kind in _PERSON_NAMED_AS
        if kind == "unknown" or pronoun or (kind == "person" and not described_person):
            kind = antecedent.kind
    cited = _cited_part(phrase)
    if cited is not None and antecedent is None:  # "Angaben von X": X is who spoke
        memory.remember(cited, source_kind(cited), memory.resolve(cited), speaker=speaker)
    else:
        memory.remember(phrase, kind, antecedent, speaker=speaker)
    return Source(text=phrase.text, span=span, kind=kind, resolved=name)


def link_of(source: Source | None) -> SourceLink | None:
    """How a source named in the claim's own sentence was linked: as it stands, or resolved
    from a pronoun, a description or a bracketed abbreviation to an earlier name."""
    if source is None:
        return None
    if source.resolved is None or source.resolved == source.text:
        return "same_sentence"
    if source.text.lower() in _PERSONAL_PRONOUNS:
        return "pronoun"
    words = source.text.split()
    if any(f"({word})" in source.resolved for word in words) or (
        source.resolved.split()[-1] == words[-1]  # "Scholz" after "Olaf Scholz"
    ):
        return "alias"
    return "description"
