"""Who cites whom: normalised source names, their kinds, and the citation graph.

Names are normalised by rules (case, articles, inflection, descriptive
prefixes such as "die Nachrichtenagentur") and by a short alias table for
sources whose names vary beyond that (Nato/NATO, "südkoreanischer
Geheimdienst"/NIS). A mention the rules cannot place keeps its own name.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from quellenlage.records import Claim, Source, SourceKind
from quellenlage.tracking.lexicon import word_set

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
_ARTICLES = word_set("der die das den dem des the a an ein eine einem einen einer eines")

#: Canonical name -> (kind, lower-cased variants after article and inflection removal).
ALIASES: dict[str, tuple[SourceKind, tuple[str, ...]]] = {
    "NATO": ("organisation", ("nato", "nordatlantikpakt", "north atlantic treaty organization")),
    "USA": (
        "state",
        ("usa", "us", "u.s.", "vereinigte staaten", "united states", "us-regierung", "washington"),
    ),
    "Reuters": ("agency", ("reuters",)),
    "dpa": ("agency", ("dpa", "deutsche presse-agentur")),
    "AP": ("agency", ("ap", "associated press")),
    "AFP": ("agency", ("afp", "agence france-presse")),
    "Yonhap": ("agency", ("yonhap",)),
    "New York Times": ("media", ("new york times", "nyt")),
    "NIS (südkoreanischer Geheimdienst)": (
        "organisation",
        (
            "nis",
            "südkoreanische geheimdienst",
            "südkoreanischer geheimdienst",
            "südkoreanischen geheimdienst",
            "südkoreanischen geheimdienstes",
            "geheimdienst südkoreas",
            "nationale geheimdienst südkoreas",
            "national intelligence service",
            "south korea's national intelligence service",
            "south korean intelligence",
            "south korea's spy agency",
            "south korean spy agency",
        ),
    ),
    "HUR (ukrainischer Militärgeheimdienst)": (
        "organisation",
        (
            "hur",
            "ukrainische militärgeheimdienst",
            "ukrainischer militärgeheimdienst",
            "ukrainischen militärgeheimdienst",
            "ukrainischen militärgeheimdienstes",
            "militärgeheimdienst der ukraine",
            "ukraine's military intelligence",
            "ukrainian military intelligence",
        ),
    ),
    "Pentagon": (
        "organisation",
        ("pentagon", "us-verteidigungsministerium", "us defense department"),
    ),
    "Kreml": ("state", ("kreml", "kremlin")),
    "US-Außenministerium": (
        "organisation",
        (
            "us-außenministerium",
            "us-außenministeriums",
            "amerikanische außenministerium",
            "state department",
            "us state department",
        ),
    ),
}
_ALIAS_INDEX = {variant: name for name, (_, variants) in ALIASES.items() for variant in variants}
_SPACE = re.compile(r"\s+")
_QUOTES = '"„“”‚‘»«›‹'


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    text = text.strip().strip(_QUOTES + "' ,.;:")
    for quote in _QUOTES:
        text = text.replace(quote, "")
    return _SPACE.sub(" ", text)


#: Nouns that introduce a source without being it: "nach Angaben des Ministeriums".
_INTRODUCERS = word_set(
    "angaben einschätzung einschätzungen worten informationen erkenntnissen erkenntnisse "
    "berichten aussagen schätzungen darstellung auffassung ansicht berufung"
)
_LINKS = frozenset({"des", "der", "von", "vom", "auf", "den", "dem", "eines", "einer", "of"})
#: Role nouns in front of a person's name ("Kremlsprecher Dmitri Peskow"), matched as endings.
_ROLE_ENDINGS = (
    "sprecher", "sprecherin", "sekretär", "sekretärin", "minister", "ministerin", "präsident",
    "präsidenten", "präsidentin", "abgeordnete", "abgeordneten", "abgeordneter", "kanzler",
    "kanzlerin", "chef", "chefin", "general", "botschafter", "spokesman", "spokeswoman",
    "lawmaker", "secretary", "president", "minister",
)  # fmt: skip
_COORDINATION = re.compile(r"(?<!-) (?:und|and|sowie) ")


def _strip(text: str) -> tuple[str, SourceKind | None]:
    """Remove articles, introducing nouns and descriptors in front; report the kind implied."""
    words = text.split(" ")
    kind: SourceKind | None = None
    while words:
        head = words[0].lower()
        pair = " ".join(words[:2]).lower()
        if head in _ARTICLES or (head in _LINKS | _INTRODUCERS and len(words) > 1):
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


def _person_after_role(words: list[str]) -> list[str] | None:
    """The name after a role noun: "Nato-Generalsekretär Mark Rutte" -> ["Mark", "Rutte"]."""
    for i, word in enumerate(words[:-1]):
        if word.lower().endswith(_ROLE_ENDINGS):
            name = words[i + 1 :]
            if all(w[:1].isupper() for w in name):
                return name
            return None
    return None


def _alias(text: str) -> str | None:
    return _ALIAS_INDEX.get(text.lower())


def _normalise_one(cleaned: str) -> tuple[str, SourceKind | None]:
    stripped, kind = _strip(cleaned)
    for candidate in (stripped, cleaned):
        if name := _alias(candidate):
            return name, ALIASES[name][0]
    words = stripped.split(" ")
    for word in words:  # "der ukrainische Militärgeheimdienst HUR"
        if word.isupper() and len(word) > 1 and (name := _alias(word)):
            return name, ALIASES[name][0]
    if stripped.isupper() or not stripped:
        return stripped or cleaned, kind
    person = _person_after_role(words)
    if person:
        return " ".join(person), "person"
    if kind is None:
        last = words[-1].lower()
        kind = next((k for suffix, k in _KIND_SUFFIXES if last.endswith(suffix)), None)
    # German inflection of adjective + noun ("südkoreanischer Militärkreise"): drop case endings
    # on a leading lower-case adjective so that its forms meet in one name.
    if len(words) > 1 and words[0][:1].islower():
        words[0] = re.sub(r"(e|er|en|es|em)$", "e", words[0])
    normalised = " ".join(words)
    if name := _alias(normalised):
        return name, ALIASES[name][0]
    return normalised, kind


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


def source_identity(source: Source) -> tuple[str, SourceKind]:
    """Normalised name and kind; a known alias's kind wins over the extractor's guess."""
    name, implied = normalise_source(source.name)
    if name in ALIASES:
        return name, ALIASES[name][0]
    kind = source.kind if source.kind != "unknown" else (implied or "unknown")
    return name, kind


def person_aliases(kinds: dict[str, Counter[str]]) -> dict[str, str]:
    """Short names that stand for exactly one fuller person name: "Rutte" -> "Mark Rutte"."""
    by_surname: dict[str, set[str]] = {}
    for name, counter in kinds.items():
        words = name.split(" ")
        if len(words) >= 2 and counter.get("person") and all(w[:1].isupper() for w in words):
            by_surname.setdefault(words[-1], set()).add(name)
    aliases = {}
    for name in kinds:
        if " " in name or name.isupper() or name in ALIASES:
            continue
        fuller = by_surname.get(name, set())
        if len(fuller) == 1:  # two people with that surname: leave it as it is
            aliases[name] = next(iter(fuller))
    return aliases


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

    def add(self, source: Source, *, as_claim_source: bool) -> str:
        name, kind = source_identity(source)
        self.kinds.setdefault(name, Counter())[kind] += 1
        self.variants.setdefault(name, Counter())[_clean(source.name)] += 1
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
        for name, counter in self.kinds.items():
            target = self.canonical(name)
            kinds.setdefault(target, Counter()).update(counter)
            variants.setdefault(target, Counter()).update(self.variants[name])
            claims[target] += self.claims[name]
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
