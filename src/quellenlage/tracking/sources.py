"""Who cites whom: normalised source names, their kinds, and the citation graph.

Names are normalised by rules (case, articles, leading conjunctions, German
genitives, descriptive prefixes such as "die Nachrichtenagentur", role nouns
before a person's name) and by an alias table for sources whose names vary
beyond that (Nato/NATO, "südkoreanischer Geheimdienst"/NIS), kept in
``lang/xx/aliases.tsv`` and extendable by users. A mention the rules cannot place
keeps its own name. A generic description ("der Verband", "ein Sprecher") is
one source only within its report (see :func:`generic_head`).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quellenlage.records import Claim, Source, SourceKind
from quellenlage.tracking.aliases import alias_index as _alias_index
from quellenlage.tracking.aliases import aliases
from quellenlage.tracking.aliases import source_words as _source_words
from quellenlage.tracking.lexicon import word_set
from quellenlage.tracking.source_kinds import checked_kind

if TYPE_CHECKING:
    import networkx as nx

#: Descriptive words in front of a name that say what it is, with the kind they imply.
_DESCRIPTORS: dict[str, SourceKind] = {
    "nachrichtenagentur": "agency",
    "news agency": "agency",
    "agentur": "agency",
    "zeitung": "media",
    "tageszeitung": "media",
    "newspaper": "media",
    "sender": "media",
    "broadcaster": "media",
    "magazin": "media",
    "minister": "person",
    "ministerin": "person",
    "präsident": "person",
    "präsidentin": "person",
    "abgeordnete": "person",
    "abgeordneter": "person",
    "abgeordneten": "person",
    "lawmaker": "person",
    "president": "person",
    "minister of": "person",
}
#: Endings of the last word of a name that say what kind of source it is.
_KIND_SUFFIXES: tuple[tuple[str, SourceKind], ...] = (
    ("abgeordnete", "person"),
    ("abgeordneten", "person"),
    ("abgeordneter", "person"),
    ("minister", "person"),
    ("ministerin", "person"),
    ("sprecher", "person"),
    ("sprecherin", "person"),
    ("präsident", "person"),
    ("experten", "group"),
    ("kreise", "group"),
    ("kreisen", "group"),
    ("geheimdienst", "organisation"),
    ("ministerium", "organisation"),
    ("regierung", "state"),
    ("behörde", "organisation"),
    ("behörden", "organisation"),
    ("armee", "organisation"),
    ("agentur", "agency"),
    ("briefing", "document"),
    ("bericht", "document"),
    ("studie", "document"),
    ("lawmakers", "person"),
    ("lawmaker", "person"),
    ("spokesman", "person"),
    ("spokeswoman", "person"),
    ("officials", "group"),
    ("agency", "organisation"),
    ("report", "document"),
)
_KIND_NOUNS = tuple(suffix for suffix, _ in _KIND_SUFFIXES)
_ARTICLES = word_set("der die das den dem des the a an ein eine einem einen einer eines")


_SPACE = re.compile(r"\s+")
_QUOTES = '"„“”‚‘»«›‹'


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    text = text.strip().strip(_QUOTES + "' ,.;:")
    for quote in _QUOTES:
        text = text.replace(quote, "")
    text = _SPACE.sub(" ", text)
    tail = _NUMBER_TAIL.search(text)
    if tail and len(text[: tail.start()].split(" ")) >= 2:  # "die 27 EU-Staaten" keeps its number
        text = text[: tail.start()]
    return text


#: Nouns that introduce a source without being it: "nach Angaben des Ministeriums".
_INTRODUCERS = word_set(
    "angaben einschätzung einschätzungen worten informationen erkenntnissen erkenntnisse "
    "berichten aussagen schätzungen darstellung auffassung ansicht berufung "
    "artikel bericht meldung meldungen pressemitteilung mitteilung erklärung"
)
#: A number ends a source's name: the rest is what it said ("Reuters 900 Menschen").
_NUMBER_TAIL = re.compile(r"\s+[\d][\d.,]*\s+\S.*$")  # "Channel 10" keeps its number
_LINKS = frozenset({"des", "der", "von", "vom", "auf", "den", "dem", "eines", "einer", "of"})
_COORDINATION = re.compile(r"(?<!-) (?:und|and|sowie) ")


def _strip(text: str) -> tuple[str, SourceKind | None]:
    """Remove articles, introducing nouns and descriptors in front; report the kind implied."""
    words = text.split(" ")
    kind: SourceKind | None = None
    while words:
        head = words[0].lower()
        pair = " ".join(words[:2]).lower()
        if head in _ARTICLES or (
            head in _LINKS | _INTRODUCERS | _source_words("lead") and len(words) > 1
        ):
            words = words[1:]
        elif pair in _DESCRIPTORS and len(words) > 2:
            kind, words = _DESCRIPTORS[pair], words[2:]
        elif head in _DESCRIPTORS and len(words) > 1:
            kind, words = _DESCRIPTORS[head], words[1:]
        elif (  # adjective + descriptor + name: "südkoreanische Nachrichtenagentur Yonhap"
            len(words) > 2 and words[0][:1].islower() and words[1].lower() in _DESCRIPTORS
        ):
            kind, words = _DESCRIPTORS[words[1].lower()], words[2:]
        else:
            break
    if len(words) > 2 and words[-2] == "in" and words[-1][:1].isupper():  # "Rutte in Brüssel"
        words = words[:-2]
    return " ".join(words), kind


def _genitive_lemma(word: str) -> str:
    """A German noun without its genitive ending: "Bürgermeisters", "Geheimdienstes" -> base."""
    lower = word.lower()
    if lower.endswith("es") and len(word) > 5 and lower[-3] in "dtszßkgbh":
        return word[:-2]
    if lower.endswith("s") and len(word) > 4 and not lower.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word


def person_after_role(words: list[str]) -> tuple[list[str], str] | None:
    """The name after a role noun, and the role.

    "Nato-Generalsekretär Mark Rutte" -> (["Mark", "Rutte"], "Nato-Generalsekretär");
    "Bürgermeisters Hans Müller" -> (["Hans", "Müller"], "Bürgermeister").
    """
    roles = tuple(_source_words("role"))
    for i, word in enumerate(words[:-1]):
        # the word itself, its genitive's base, a weak noun's base ("Präsidenten", "Experten")
        forms = (word, _genitive_lemma(word), word[:-2] if word.endswith("en") else word[:-1])
        role = next((f for f in forms if f.lower().endswith(roles)), None)
        if role:
            name = words[i + 1 :]
            return (name, role) if all(w[:1].isupper() for w in name) else None
    return None


def _alias(text: str) -> str | None:
    return _alias_index().get(text.lower())


def _is_name(part: str) -> bool:
    words = part.split(" ")
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w.lower() not in _ARTICLES for w in words
    )


def _compound_introducer(word: str) -> str | None:
    """ "Behördenangaben", "Regierungsangaben": the source inside an introducing compound."""
    lower = word.lower()
    for noun in _INTRODUCERS:
        if lower.endswith(noun) and len(lower) - len(noun) >= 4:
            stem = word[: -len(noun)].rstrip("-")  # "UNO-Angaben"
            return stem[:-1] if stem.endswith("s") and not stem.endswith("ss") else stem
    return None


def _normalise_one(cleaned: str) -> tuple[str, SourceKind | None]:
    if (
        ", " in cleaned
    ):  # "Tegaye Mununhe, der Polizeichef …", "… Parteichefs Hanois, Pham Quang Nghi"
        parts = cleaned.split(", ")
        names = [part for part in parts if _is_name(part)]
        if names:
            name, kind = _normalise_one(max(names, key=lambda part: len(part.split(" "))))
            return name, kind or "person"
        if parts[0] and all(part[:1].islower() for part in parts[1:]):
            return _normalise_one(parts[0])  # "…, who attended the briefing": a clause, no name
    head, _, last = cleaned.rpartition(" ")
    if stem := _compound_introducer(last):  # "israelischen Armeeangaben": the army
        cleaned = f"{head} {stem}" if head else stem
    stripped, kind = _strip(cleaned)
    for candidate in (stripped, cleaned):
        if name := _alias(candidate):
            return name, aliases()[name][0]
    words = stripped.split(" ")
    for word in words:  # "der ukrainische Militärgeheimdienst HUR"
        if word.isupper() and len(word) > 1 and (name := _alias(word)):
            return name, aliases()[name][0]
    if stripped.isupper() or not stripped:
        return stripped or cleaned, kind
    person = person_after_role(words)
    if person:
        return " ".join(person[0]), "person"
    if len(words) <= 2 and words[-1][:1].isupper() and not words[-1].isupper():
        # "Auffassung der Gerichts", "Geheimdienstes": the genitive of a noun is the noun
        lemma = _genitive_lemma(words[-1])
        genitive = stripped != cleaned or lemma.lower().endswith(
            _KIND_NOUNS
        )  # "des …", "Angaben der …"
        if lemma != words[-1] and genitive and (len(words) == 1 or words[0][:1].islower()):
            words = [*words[:-1], lemma]
            stripped = " ".join(words)
            if name := _alias(stripped):
                return name, aliases()[name][0]
    if kind is None:
        last = words[-1].lower()
        kind = next((k for suffix, k in _KIND_SUFFIXES if last.endswith(suffix)), None)
    # German inflection of adjective + noun ("südkoreanischer Militärkreise"): drop case endings
    # on a leading lower-case adjective so that its forms meet in one name.
    if len(words) > 1 and words[0][:1].islower():
        words[0] = re.sub(r"(e|er|en|es|em)$", "e", words[0])
    normalised = " ".join(words)
    if name := _alias(normalised):
        return name, aliases()[name][0]
    return normalised, kind


@functools.lru_cache(maxsize=65536)
def source_role(text: str) -> str | None:
    """The role a mention gives a person: "des Bürgermeisters Hans Müller" -> "Bürgermeister"."""
    person = person_after_role(_strip(_clean(text))[0].split(" "))
    return person[1] if person else None


@functools.lru_cache(maxsize=65536)
def normalise_source(text: str) -> tuple[str, SourceKind | None]:
    """A canonical name for a source mention and the kind its wording implies.

    >>> normalise_source("die Nachrichtenagentur Reuters")
    ('Reuters', 'agency')
    >>> normalise_source("Nato")
    ('NATO', 'organisation')
    >>> normalise_source("die Nato und die USA")
    ('NATO und USA', 'group')
    """
    cleaned = _clean(text)
    parts = _COORDINATION.split(cleaned)
    if len(parts) > 1 and all(parts) and not _alias(_strip(cleaned)[0]):
        names = [_normalise_one(part)[0] for part in parts]
        return " und ".join(names), "group"
    return _normalise_one(cleaned)


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source as listed in the source table."""

    name: str
    kind: SourceKind
    mentions: int
    variants: tuple[str, ...]
    claims: int
    #: The roles the mentions give a person ("Bürgermeister" of "des Bürgermeisters Hans Müller").
    roles: tuple[str, ...] = ()


def source_identity(source: Source) -> tuple[str, SourceKind]:
    """Normalised name and kind; a known alias's kind wins over the extractor's guess.

    Any other kind is checked against what the name is (a place, a person's name, an
    organisation's noun): see :mod:`quellenlage.tracking.source_kinds`.
    """
    return _identity(source.name, source.kind)


@functools.lru_cache(maxsize=65536)
def _identity(text: str, kind: SourceKind) -> tuple[str, SourceKind]:
    # all a source's identity depends on: relinking asks for it once per claim and mention
    name, implied = normalise_source(text)
    if name in aliases():
        return name, aliases()[name][0]
    kind = kind if kind != "unknown" else (implied or "unknown")
    last = name.split(" ")[-1].lower()
    by_noun = next((k for suffix, k in _KIND_SUFFIXES if last.endswith(suffix)), None)
    return name, checked_kind(name, kind, by_noun)


def person_aliases(kinds: dict[str, Counter[str]]) -> dict[str, str]:
    """Short names that stand for exactly one fuller person name: "Rutte" -> "Mark Rutte"."""
    by_surname: dict[str, set[str]] = {}
    for name, counter in kinds.items():
        words = name.split(" ")
        if len(words) >= 2 and counter.get("person") and all(w[:1].isupper() for w in words):
            by_surname.setdefault(words[-1], set()).add(name)
    short = {}
    for name in kinds:
        if " " in name or name.isupper() or name in aliases():
            continue
        fuller = by_surname.get(name, set())
        if len(fuller) == 1:  # two people with that surname: leave it as it is
            short[name] = next(iter(fuller))
    return short


_DETERMINERS = word_set("der die das den dem des ein eine einem einen einer eines the a an")


def generic_head(mention: str) -> str | None:
    """The noun of a generic description ("der Verband", "ein Sprecher"), else None.

    Such a mention names a source only within its report: "der Verband" of one
    report and of another are not known to be one organisation.
    """
    words = _clean(mention).split(" ")
    if len(words) != 2 or words[0].lower() not in _DETERMINERS:
        return None
    name = normalise_source(mention)[0]
    if " " in name or name.isupper() or name in aliases() or not name[:1].isupper():
        return None
    return name


def scoped_names(names: Iterable[str], mentions: Iterable[Source], label: str) -> dict[str, str]:
    """What the generic descriptions of one report stand for.

    A description whose noun ends a named source of the same report ("der
    Verband" after "der Deutsche Bauernverband") is that source; any other is
    a source of this report only, shown with the report's ``label``.
    """
    named = [n for n in names if " " in n or n.isupper()]
    scoped = {}
    for source in mentions:
        head = generic_head(source.name)
        if head is None:
            continue
        fits = [n for n in named if n.split(" ")[-1].lower().endswith(head.lower())]
        scoped[head] = fits[0] if len(set(fits)) == 1 else f"{head} ({label})"
    return scoped


@dataclass
class SourceTable:
    """All sources of a set of claims, with their kinds and how often they occur.

    Call :meth:`resolve` after the last :meth:`add` to fold short person names
    into the full name they stand for; :meth:`canonical` then maps names.
    """

    kinds: dict[str, Counter[str]] = field(default_factory=dict)
    variants: dict[str, Counter[str]] = field(default_factory=dict)
    claims: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, str] = field(default_factory=dict)
    roles: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, source: Source, *, as_claim_source: bool, name: str | None = None) -> str:
        """Count a source under its normalised name (or ``name``, e.g. one scoped to a report)."""
        identity, kind = source_identity(source)
        name = name or identity
        self.kinds.setdefault(name, Counter())[kind] += 1
        self.variants.setdefault(name, Counter())[_clean(source.name)] += 1
        if role := source_role(source.name):
            self.roles.setdefault(name, Counter())[role] += 1
        if as_claim_source:
            self.claims[name] += 1
        return name

    def resolve(self) -> None:
        self.aliases = person_aliases(self.kinds)

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def entries(self) -> list[SourceEntry]:
        kinds: dict[str, Counter[str]] = {}
        variants: dict[str, Counter[str]] = {}
        claims: Counter[str] = Counter()
        roles: dict[str, Counter[str]] = {}
        for name, counter in self.kinds.items():
            target = self.canonical(name)
            kinds.setdefault(target, Counter()).update(counter)
            variants.setdefault(target, Counter()).update(self.variants[name])
            claims[target] += self.claims[name]
            roles.setdefault(target, Counter()).update(self.roles.get(name, {}))
        rows = []
        for name, counter in kinds.items():
            known = [(k, n) for k, n in counter.most_common() if k != "unknown"]
            rows.append(
                SourceEntry(
                    name=name,
                    kind=known[0][0] if known else "unknown",  # type: ignore[arg-type]
                    mentions=sum(counter.values()),
                    variants=tuple(v for v, _ in variants[name].most_common()),
                    claims=claims[name],
                    roles=tuple(r for r, _ in roles[name].most_common()),
                )
            )
        rows.sort(key=lambda e: (-e.mentions, e.name.lower()))
        return rows


def citation_graph(
    claims_by_outlet: Iterable[tuple[str | None, Claim]],
    canonical: Callable[[str], str] = str,
) -> nx.DiGraph:
    """Outlet → source → cited source …, one edge per step of each claim's chain.

    Nodes carry ``kind`` and ``claims`` (how many claims name them); edges
    carry ``count`` (how many claims make that step). ``canonical`` maps a
    normalised name to the name the table lists it under.
    """
    import networkx as nx  # only when a graph is built: it is slow to import

    graph = nx.DiGraph()
    table = SourceTable()
    for outlet, claim in claims_by_outlet:
        if claim.source is None:
            continue
        path: list[tuple[str, str]] = []
        if outlet:
            outlet_name, outlet_kind = normalise_source(outlet)
            path.append((outlet_name, outlet_kind or "media"))
        for i, source in enumerate((claim.source, *claim.chain)):
            name = canonical(table.add(source, as_claim_source=i == 0))
            path.append((name, source_identity(source)[1]))
        for name, kind in path:
            if name not in graph:
                graph.add_node(name, kind=kind, claims=0)
            elif graph.nodes[name]["kind"] == "unknown":
                graph.nodes[name]["kind"] = kind
        graph.nodes[path[1 if outlet else 0][0]]["claims"] += 1
        for (a, _), (b, _) in itertools.pairwise(path):
            if a == b:
                continue
            if graph.has_edge(a, b):
                graph.edges[a, b]["count"] += 1
            else:
                graph.add_edge(a, b, count=1)
    return graph
