"""Own real-news gold: every figure of real pages with who claims it, and its scoring.

The gold (``benchmarks/data/real_news_gold/gold.jsonl``, format in its README) holds no page
text: one JSON object per page with the page's file name, its split (``dev`` or
``heldout``), the SHA-256 of the clean text quellenlage reads from it, and per figure the
character offsets into that text (or into the page's title), the figure's surface string and
the source a careful reader names for it. The pages themselves are read from their shared
folder with the project's own reader (:func:`read_page`), so a change of the reader that
moves the offsets is detected, never silently scored.

Scoring one figure against the tool's analysis of its page (:func:`score_page`):

- ``found``: a quantity the tool parsed overlaps the figure's span;
- its *claim*: the claim holding such a quantity (the one with the largest overlap, then the
  shortest); failing that, the shortest claim whose span covers the figure, so that the
  source is measured even where the number was not parsed;
- ``right``: the claim's source names the gold source (:func:`same_source`); for the outlet's
  own assertions (gold ``outlet``) the claim must be the outlet's (mode ``assertion``, no
  source), or name one of the figure's aliases (the outlet's own name). A figure without a
  claim has no source and is wrong;
- ``right mention``: right, or the claim's source mention is the gold mention (the words
  were found, the name not resolved);
- ``chain``: for figures whose gold cites a chain, every gold link is named in the claim's
  chain in order; ``spurious chain`` counts claims with a chain where the gold has none.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from quellenlage.records import Claim, Document, Quantity

#: "heldout2": pages annotated later, measured like "heldout" (summary only, never tuned on).
Split = Literal["dev", "heldout", "heldout2"]
SPLITS: tuple[Split, ...] = ("dev", "heldout", "heldout2")
OUTLET = "outlet"
LINKS = ("same_sentence", "previous", "next", "outlet")
_FIELDS = ("text", "title")
#: Articles and determiners a reader leaves out of a name ("die Deutsche Bahn" = "Deutsche Bahn").
_ARTICLES = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
)
#: German inflection endings, longest first: "Statistischem Bundesamt" = "Statistisches Bundesamt".
_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")
_WORD = re.compile(r"\w+")


class GoldError(ValueError):
    """The gold file or a page it names cannot be used; the message names which and why."""


@dataclass(frozen=True, slots=True)
class GoldFigure:
    start: int
    end: int
    text: str
    source: str
    field: Literal["text", "title"] = "text"
    heading: bool = False
    aliases: tuple[str, ...] = ()
    mention: str | None = None
    chain: tuple[str, ...] = ()
    cue: str | None = None
    link: str = "same_sentence"
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.source, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldPage:
    page: str
    split: Split
    file: str
    text_sha256: str
    text_length: int
    figures: tuple[GoldFigure, ...]
    title_sha256: str | None = None
    #: "first": the pages the split was fixed on; "extra": pages added to dev later.
    set: str = "first"


@dataclass(frozen=True, slots=True)
class FigureResult:
    figure: GoldFigure
    found: bool
    claim: Claim | None
    right: bool
    chain_right: bool | None  # None: the gold cites no chain
    spurious_chain: bool
    #: The tool chose the right words (its mention is the gold's), whether or not it
    #: resolved them to the right name: "Die Untersuchung" for a study it did not name.
    right_mention: bool = False

    def row(self) -> dict[str, Any]:
        """The figure and what the tool made of it, for error lists and JSON."""
        claim = self.claim
        source = claim.source if claim else None
        return {
            "figure": self.figure.text,
            "start": self.figure.start,
            "field": self.figure.field,
            "link": self.figure.link,
            "heading": self.figure.heading,
            "gold_source": self.figure.source,
            "gold_mention": self.figure.mention,
            "found": self.found,
            "tool_mode": claim.mode if claim else None,
            "tool_source": source.name if source else None,
            "tool_mention": source.text if source else None,
            "tool_cue": claim.cue.text if claim and claim.cue else None,
            "tool_chain": [s.name for s in claim.chain] if claim else [],
            "tool_link": claim.link if claim else None,  # how the tool linked the source
        }


@dataclass
class Tally:
    """Counts over a set of figures; ratios are over all gold figures of the set."""

    figures: int = 0
    found: int = 0
    in_claim: int = 0
    right: int = 0
    right_mention: int = 0
    chains: int = 0
    chains_right: int = 0
    spurious_chains: int = 0
    by_link: Counter = field(default_factory=Counter)
    right_by_link: Counter = field(default_factory=Counter)

    def add(self, result: FigureResult) -> None:
        kind = "heading" if result.figure.heading else result.figure.link
        self.figures += 1
        self.found += result.found
        self.in_claim += result.claim is not None
        self.right += result.right
        self.right_mention += result.right or result.right_mention
        self.chains += result.chain_right is not None
        self.chains_right += bool(result.chain_right)
        self.spurious_chains += result.spurious_chain
        self.by_link[kind] += 1
        self.right_by_link[kind] += result.right

    def ratios(self) -> dict[str, Any]:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            "figures": self.figures,
            "found": share(self.found, self.figures),
            "in_claim": share(self.in_claim, self.figures),
            "right_source": share(self.right, self.figures),
            "right_mention": share(self.right_mention, self.figures),
            "chains": self.chains,
            "chain_recovered": share(self.chains_right, self.chains),
            "spurious_chains": self.spurious_chains,
            "right_by_link": {
                kind: {"n": n, "right": self.right_by_link[kind]}
                for kind, n in sorted(self.by_link.items())
            },
        }


def load_gold(path: str | Path) -> list[GoldPage]:
    """The pages of a gold file; a :class:`GoldError` names the line and field that is wrong."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the gold file: {exc}") from exc
    pages = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            pages.append(_page(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON: {exc}") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{where}: {exc}") from exc
    return pages


def _page(data: dict[str, Any]) -> GoldPage:
    for key in ("page", "split", "file", "text_sha256", "text_length", "figures"):
        if key not in data:
            raise KeyError(f"missing field {key!r}")
    if data["split"] not in SPLITS:
        raise ValueError(f"split {data['split']!r} is not one of {', '.join(SPLITS)}")
    figures = []
    for index, item in enumerate(data["figures"]):
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end or end - start != len(item["text"]):
            raise ValueError(f"figure {index}: offsets {start}-{end} do not fit {item['text']!r}")
        if item.get("field", "text") not in _FIELDS:
            raise ValueError(f"figure {index}: field {item['field']!r} is not text or title")
        if item.get("link", "same_sentence") not in LINKS:
            raise ValueError(f"figure {index}: link {item['link']!r} is not one of {LINKS}")
        if not str(item["source"]).strip():
            raise ValueError(f"figure {index}: empty source")
        figures.append(
            GoldFigure(
                start=start,
                end=end,
                text=item["text"],
                source=item["source"],
                field=item.get("field", "text"),
                heading=bool(item.get("heading", False)),
                aliases=tuple(item.get("aliases") or ()),
                mention=item.get("mention"),
                chain=tuple(item.get("chain") or ()),
                cue=item.get("cue"),
                link=item.get("link", "same_sentence"),
                note=item.get("note"),
            )
        )
    return GoldPage(
        page=data["page"],
        split=data["split"],
        file=data["file"],
        text_sha256=data["text_sha256"],
        text_length=int(data["text_length"]),
        figures=tuple(figures),
        title_sha256=data.get("title_sha256"),
        set=data.get("set", "first"),
    )


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_page(page: GoldPage, folder: str | Path) -> Document:
    """The page's document as ``quellenlage ingest`` reads it, checked against the gold.

    A :class:`GoldError` names the page when it cannot be read or its text (or title) is
    no longer the text the offsets were written for.
    """
    from quellenlage.ingest import read_inputs

    path = Path(folder) / page.file
    if not path.is_file():
        raise GoldError(f"{page.page}: page file {path} not found")
    items = list(read_inputs([path]))
    if len(items) != 1 or not isinstance(items[0], Document):
        raise GoldError(f"{page.page}: {path} did not read as one document: {items!r:.200}")
    document = items[0]
    if sha256(document.text) != page.text_sha256:
        raise GoldError(
            f"{page.page}: the text read from {path} changed (sha256 {sha256(document.text)[:12]}"
            f" != gold {page.text_sha256[:12]}, {len(document.text)} vs {page.text_length}"
            " characters): the gold offsets no longer apply"
        )
    title = document.title.value or ""
    if page.title_sha256 is not None and sha256(title) != page.title_sha256:
        raise GoldError(f"{page.page}: the title read from {path} changed")
    for figure in page.figures:
        source = title if figure.field == "title" else document.text
        if source[figure.start : figure.end] != figure.text:
            raise GoldError(
                f"{page.page}: figure {figure.text!r} is not at {figure.start}-{figure.end}"
            )
    return document


def normalise_name(name: str) -> tuple[str, ...]:
    """A name as comparable word stems: case, accents, articles and endings left out.

    "des Statistischen Bundesamts" -> ("statistisch", "bundesamt"); hyphens split words,
    so "RMV-Angaben" holds "rmv".
    """
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = [w for w in _WORD.findall(plain) if w not in _ARTICLES]
    return tuple(_stem(w) for w in words)


def _stem(word: str) -> str:
    """``word`` without its endings, stripped until none is left ("Sprechers" = "Sprecher")."""
    stripped = True
    while stripped:
        stripped = False
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word, stripped = word[: -len(ending)], True
                break
    return word


def _contains(longer: Sequence[str], shorter: Sequence[str], *, compounds: bool = False) -> bool:
    """``shorter`` is a run of words in ``longer``; with ``compounds`` a word of ``longer``
    may also be a compound starting with the word of ``shorter`` ("Polizeisprecher" names
    the "Polizei")."""

    def same(word: str, name: str) -> bool:
        return word == name or (compounds and len(name) >= 4 and word.startswith(name))

    size = len(shorter)
    return size > 0 and any(
        all(same(longer[i + k], shorter[k]) for k in range(size))
        for i in range(len(longer) - size + 1)
    )


def same_source(gold_names: Iterable[str], tool_name: str | None) -> bool:
    """Whether the tool's source name names one of ``gold_names``, leniently.

    Both are compared as :func:`normalise_name` stems; one must contain the other as a run
    of words ("Analysten der britischen Großbank HSBC" names "HSBC", "Prüß" names
    "Harald Prüß"), where a word of the tool's name may be a compound of the gold word
    ("Polizeisprecher" names "Polizei"). The outlet is never a name here: see
    :func:`score_page`.
    """
    if not tool_name:
        return False
    tool = normalise_name(tool_name)
    for name in gold_names:
        gold = normalise_name(name)
        if _contains(tool, gold, compounds=True) or _contains(gold, tool):
            return True
    return False


def score_page(
    page: GoldPage, claims: Sequence[Claim], quantities: Sequence[Quantity]
) -> list[FigureResult]:
    """Each gold figure of ``page`` against the tool's claims and parsed quantities.

    Only claims and quantities of the page's text are compared; a title figure can only be
    found if the caller passes what the tool made of the title (it makes nothing today).
    """
    return [_score(figure, claims, quantities) for figure in page.figures]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _score(
    figure: GoldFigure, claims: Sequence[Claim], quantities: Sequence[Quantity]
) -> FigureResult:
    span = (figure.start, figure.end)
    if figure.field != "text":
        return FigureResult(figure, False, None, False, None if not figure.chain else False, False)
    found = any(_overlap(span, tuple(q.span)) for q in quantities)
    claim = _claim_for(span, claims)
    right = _right(figure, claim)
    mention = claim.source.text if claim and claim.source else None
    right_mention = right or bool(figure.mention and same_source([figure.mention], mention))
    chain_right = None
    if figure.chain:
        names = [s.name for s in claim.chain] if claim else []
        chain_right = _chain_matches(figure.chain, names)
    spurious = bool(claim and claim.chain and not figure.chain)
    return FigureResult(figure, found, claim, right, chain_right, spurious, right_mention)


def _claim_for(span: tuple[int, int], claims: Sequence[Claim]) -> Claim | None:
    holding = [
        (max(_overlap(span, tuple(q.span)) for q in claim.quantities), claim)
        for claim in claims
        if any(_overlap(span, tuple(q.span)) for q in claim.quantities)
    ]
    if holding:
        return max(holding, key=lambda pair: (pair[0], -_length(pair[1])))[1]
    covering = [c for c in claims if c.span[0] <= span[0] and span[1] <= c.span[1]]
    return min(covering, key=_length, default=None)


def _length(claim: Claim) -> int:
    return claim.span[1] - claim.span[0]


def _right(figure: GoldFigure, claim: Claim | None) -> bool:
    if claim is None:
        return False
    name = claim.source.name if claim.source else None
    if figure.source == OUTLET:
        own = claim.mode == "assertion" and claim.source is None
        return own or same_source(figure.aliases, name)
    return same_source(figure.names, name)


def _chain_matches(gold: Sequence[str], names: Sequence[str]) -> bool:
    position = 0
    for link in gold:
        while position < len(names) and not same_source([link], names[position]):
            position += 1
        if position == len(names):
            return False
        position += 1
    return True


def tally(results: Iterable[FigureResult]) -> Tally:
    total = Tally()
    for result in results:
        total.add(result)
    return total
