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

from spacy.tokens import Doc, Span

from quellenlage.claims.german.speakers import head_of, source_kind
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
_DESCRIBED_KINDS = frozenset({"agency", "media", "person", "state", "organisation"})


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

    def _candidates(self, before: int) -> list[Remembered]:
        """The latest mentions before ``before``, without names that lie inside a longer
        remembered mention ("Sebastian Edathy" inside "der Vorsitzende …, Sebastian Edathy")."""
        earlier = [m for m in self.mentions[-RESOLUTION_WINDOW:] if m.end <= before]
        return [
            m
            for m in earlier
            if not any(
                o is not m
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
    """ "Der Aktivist Taalam" after "Armani Kibet Taalam": a person named by the last word of
    a fuller name named before."""
    names = [t for t in phrase if t.pos_ == "PROPN" or t.ent_type_ == "PER"]
    if len(names) != 1 or source_kind(phrase) != "person":
        return None
    surname = names[0].text
    for mention in reversed(before):
        words = mention.name.split()
        if (
            mention.kind == "person"
            and mention.named
            and len(words) >= 2
            and words[-1] == surname
            and mention.name != phrase.text
        ):
            return mention
    return None


def _antecedent_of_description(phrase: Span, before: list[Remembered]) -> Remembered | None:
    """ "der Minister" after "Verteidigungsminister X"; "die Agentur" after "dpa"."""
    if phrase[0].lower_ not in _DEFINITE or len(phrase) > 4 or _is_named(phrase):
        return None
    head = head_of(phrase)
    noun = head.lower_
    for mention in reversed(before):
        lowered = mention.name.lower()
        if noun in lowered and lowered != phrase.text.lower() and len(mention.name) > len(noun) + 2:
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
        if mention.gender is not None and gender is not None and mention.gender != gender:
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
        if kind in {"person", "unknown"} or head_of(phrase).pos_ == "PRON":
            kind = antecedent.kind
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
