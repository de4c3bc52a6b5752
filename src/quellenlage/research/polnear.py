"""PolNeAR (English political news attribution): read its brat standoff and score claims on it.

PolNeAR has no licence stated by its authors, so it is for measuring and tuning only: this
module reads a copy the user points it at and ships nothing of it.

Layout: ``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann``. Where
an article has several annotators, the first annotation file in sorted order is the gold.

Scoring (as the independent measurement does it):

- a predicted claim (mode other than ``assertion``) matches a gold Content when the F1 of
  their word-token overlap is at least 0.5; pairs are made one-to-one, best overlap first;
- among matched pairs the source is right when its span overlaps the gold Source, or the texts
  agree without determiners (or both have no source); the cue likewise;
- joint precision/recall count a pair only when content and source both match.

``part`` selects a fixed split of the sorted article names: every third (index 2, 5, …) is
``heldout``, the others ``tune``; tuning looks at ``tune`` only.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from quellenlage.records import Claim, Span

Part = Literal["all", "tune", "heldout"]
PARTS: tuple[Part, ...] = ("all", "tune", "heldout")
MATCH_THRESHOLD = 0.5
_TOKEN = re.compile(r"\w+")
_DETERMINERS = frozenset({"the", "a", "an"})
_ROLES = frozenset({"Source", "Cue", "Content"})


class PolnearFormatError(ValueError):
    """The folder or one of its files is not PolNeAR brat standoff."""


@dataclass(frozen=True, slots=True)
class Role:
    """One role of a gold attribution; ``spans`` has several pieces when discontinuous."""

    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Role
    source: Role | None
    cue: Role | None


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    annotation: str  # the annotation file the gold comes from
    attributions: tuple[GoldAttribution, ...]


def _parse_spans(field_: str, origin: str) -> tuple[str, tuple[Span, ...]]:
    kind, _, offsets = field_.partition(" ")
    spans = []
    for piece in offsets.split(";"):
        try:
            start, end = (int(n) for n in piece.split())
        except ValueError as exc:
            raise PolnearFormatError(f"{origin}: bad offsets {piece!r}") from exc
        spans.append((start, end))
    return kind, tuple(spans)


def read_annotation(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one ``.ann`` file (events with at least one Content)."""
    mentions: dict[str, tuple[str, Role]] = {}
    events: list[list[tuple[str, str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        origin = f"{path}:{number}"
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, spans = _parse_spans(cols[1], origin)
            if any(not 0 <= s <= e <= len(text) for s, e in spans):
                raise PolnearFormatError(f"{origin}: offsets outside the article text")
            piece_text = " ".join(text[s:e] for s, e in spans)
            mentions[cols[0]] = (kind, Role(piece_text, spans))
        elif line.startswith("E") and len(cols) >= 2:
            roles = []
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles.append((role.rstrip("0123456789"), ref))
            events.append(roles)
    found = []
    for roles in events:
        parts: dict[str, list[Role]] = {}
        for role, ref in roles:
            if role in _ROLES and ref in mentions:
                parts.setdefault(role, []).append(mentions[ref][1])
        if "Content" not in parts:
            continue
        found.append(
            GoldAttribution(
                content=_union(parts["Content"]),
                source=_union(parts["Source"]) if "Source" in parts else None,
                cue=_union(parts["Cue"]) if "Cue" in parts else None,
            )
        )
    return tuple(found)


def _union(roles: list[Role]) -> Role:
    if len(roles) == 1:
        return roles[0]
    return Role(" ".join(r.text for r in roles), tuple(s for r in roles for s in r.spans))


def article_names(folder: Path, part: Part = "all") -> list[str]:
    """Sorted article names of ``folder/text`` in the given split."""
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise PolnearFormatError(
            f"{folder}: not a PolNeAR folder (expected text/ and attributions/ in it)"
        )
    names = sorted(p.stem for p in text_dir.glob("*.txt"))
    if not names:
        raise PolnearFormatError(f"{folder}: no articles in text/")
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; choose one of {', '.join(PARTS)}")
    if part == "all":
        return names
    return [n for i, n in enumerate(names) if (i % 3 == 2) == (part == "heldout")]


def read_polnear(folder: Path, part: Part = "all") -> list[Article]:
    """The articles of a PolNeAR folder with the gold of their first annotator."""
    folder = Path(folder)
    articles = []
    annotations = sorted((folder / "attributions").glob("*.ann")) if folder.is_dir() else []
    for name in article_names(folder, part):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        own = [p for p in annotations if p.stem.startswith(name + "_")]
        if not own:
            raise PolnearFormatError(f"{folder}: article {name} has no annotation file")
        articles.append(Article(name, text, own[0].name, read_annotation(own[0], text)))
    return articles


class _Tokens:
    """Word tokens of one article, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        matches = list(_TOKEN.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def of(self, spans: Iterable[Span]) -> frozenset[int]:
        found: set[int] = set()
        for start, end in spans:
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            found.update(range(first, last))
        return frozenset(found)


def overlap_f1(predicted: frozenset[int], gold: frozenset[int]) -> float:
    common = len(predicted & gold)
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def _bare(text: str) -> str:
    words = _TOKEN.findall(text.lower())
    return " ".join(w for w in words if w not in _DETERMINERS)


def _overlaps(span: Span | None, spans: Sequence[Span]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in spans)


def source_right(claim: Claim, gold: GoldAttribution) -> bool:
    if gold.source is None or claim.source is None:
        return gold.source is None and claim.source is None
    if _overlaps(claim.source.span, gold.source.spans):
        return True
    wanted = _bare(gold.source.text)
    return bool(wanted) and wanted in (_bare(claim.source.text), _bare(claim.source.name))


def cue_right(claim: Claim, gold: GoldAttribution) -> bool:
    if gold.cue is None or claim.cue is None:
        return gold.cue is None and claim.cue is None
    spans = claim.cue.parts or (claim.cue.span,)
    if any(_overlaps(s, gold.cue.spans) for s in spans):
        return True
    return bool(_bare(gold.cue.text)) and _bare(gold.cue.text) == _bare(claim.cue.text)


def _cue_category(gold: GoldAttribution) -> str:
    if gold.cue is None:
        return "(no cue)"
    words = _TOKEN.findall(gold.cue.text.lower())
    return " ".join(words[-2:]) if words[:1] == ["according"] else (words[-1] if words else "?")


def _quoted(text: str) -> bool:
    return text.lstrip()[:1] in ("“", '"', "‘")


@dataclass
class PolnearResult:
    """Counts over all scored articles, with the misses broken down for error analysis."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    sources_right: int = 0
    cues_right: int = 0
    joint: int = 0
    missed_by_cue: Counter = field(default_factory=Counter)
    missed_by_form: Counter = field(default_factory=Counter)
    spurious_by_mode: Counter = field(default_factory=Counter)
    wrong_source_by_cue: Counter = field(default_factory=Counter)

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    @property
    def content(self) -> dict[str, float]:
        return self._prf(self.matched, self.predicted, self.gold)

    @property
    def joint_scores(self) -> dict[str, float]:
        return self._prf(self.joint, self.predicted, self.gold)

    @property
    def source_accuracy(self) -> float:
        return self.sources_right / self.matched if self.matched else 0.0

    @property
    def cue_accuracy(self) -> float:
        return self.cues_right / self.matched if self.matched else 0.0

    def to_dict(self, top: int = 15) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "content": self.content,
            "source_accuracy": self.source_accuracy,
            "cue_accuracy": self.cue_accuracy,
            "joint": self.joint_scores,
            "misses": {
                "missed_gold_by_cue": dict(self.missed_by_cue.most_common(top)),
                "missed_gold_by_form": dict(self.missed_by_form),
                "spurious_predictions_by_mode": dict(self.spurious_by_mode),
                "wrong_source_by_cue": dict(self.wrong_source_by_cue.most_common(top)),
            },
        }


def score_article(article: Article, claims: Sequence[Claim], result: PolnearResult) -> None:
    """Add one article's matches and misses to ``result``."""
    tokens = _Tokens(article.text)
    predicted = [c for c in claims if c.mode != "assertion"]
    pred_tokens = [tokens.of([c.span]) for c in predicted]
    gold_tokens = [tokens.of(g.content.spans) for g in article.attributions]
    candidates = []
    for i, p in enumerate(pred_tokens):
        for j, g in enumerate(gold_tokens):
            f1 = overlap_f1(p, g) if p and g else 0.0
            if f1 >= MATCH_THRESHOLD:
                candidates.append((-f1, i, j))
    candidates.sort()
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _f1, i, j in candidates:
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        gold, claim = article.attributions[j], predicted[i]
        right = source_right(claim, gold)
        result.sources_right += right
        result.cues_right += cue_right(claim, gold)
        result.joint += right
        if not right:
            result.wrong_source_by_cue[_cue_category(gold)] += 1
    result.articles += 1
    result.gold += len(gold_tokens)
    result.predicted += len(predicted)
    result.matched += len(used_gold)
    for j, gold in enumerate(article.attributions):
        if j not in used_gold:
            result.missed_by_cue[_cue_category(gold)] += 1
            result.missed_by_form["quote" if _quoted(gold.content.text) else "no quote"] += 1
    for i, claim in enumerate(predicted):
        if i not in used_pred:
            result.spurious_by_mode[claim.mode] += 1


def evaluate(
    articles: Iterable[Article], predict: Callable[[str], Sequence[Claim]]
) -> PolnearResult:
    """Score ``predict(article text)`` on every article."""
    result = PolnearResult()
    for article in articles:
        score_article(article, predict(article.text), result)
    return result
