"""Optional learned attribution after the rules (model folder ``models/wikinews-attribution``).

Two logistic models over sparse features, trained by ``python -m training.wikinews``:

* the **ranker** (:class:`~quellenlage.research.ranker.ClaimRanker`) drops rule claims that
  rarely match a human annotation (precision);
* the **quote classifier** reads each quoted stretch („…“) that no kept claim covers and
  decides whether it is a quotation — typically a quoted object such as "X nannte den Bericht
  eine „Zeitungsente“" or "bezeichnete die Pläne als „maßvoll“" — rather than a title, a name
  or scare quotes. A quotation becomes a direct claim whose cue is the sentence's main verb
  (with its particle and a directly preceding "als"/"von") and whose source is that verb's
  subject (recall).

The code is MIT; model files trained on the Wikinews corpus are CC BY-NC-SA 4.0 and are never
part of the package: :meth:`LearnedAttribution.load` reads them from a folder.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quellenlage.claims.quotes import Quote, find_quotes
from quellenlage.records import Claim, Mention, Source
from quellenlage.research.ranker import ClaimRanker, RankerError, read_model_file

QUOTE_FORMAT = "quellenlage-quote-classifier/1"
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "sb"})
LINKING_WORDS = frozenset({"als", "von", "vom"})  # "bezeichnete … als „…“", "sprach von „…“"


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _subject(verb: Any, sentence: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            start = max(child.left_edge.i, sentence.start)
            end = min(child.right_edge.i + 1, sentence.end)
            while end > start + 1 and sentence.doc[end - 1].is_punct:
                end -= 1  # "…, Sprecher für Innere Sicherheit," ends before its comma
            return sentence.doc[start:end]
    return None


def _sentence_of(doc: Any, quote: Quote) -> Any | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None


def quote_features(doc: Any, quote: Quote) -> list[str]:
    """Sparse features of one quoted stretch in its parsed document."""
    inner = doc.char_span(*quote.inner, alignment_mode="expand")
    sentence = _sentence_of(doc, quote)
    if inner is None or sentence is None or not len(inner):
        return ["bias", "unparsed"]
    root = sentence.root
    before = doc[inner.start - 2 : inner.start - 1] if inner.start >= 2 else None
    before2 = doc[inner.start - 3 : inner.start - 2] if inner.start >= 3 else None
    after = doc[inner.end + 1] if inner.end + 1 < len(doc) else None
    subject = _subject(root, sentence)
    finite = any(t.tag_.endswith("FIN") for t in inner)
    features = [
        "bias",
        f"root={root.lemma_.lower()}",
        f"root_tag={root.tag_}",
        f"before={before.text.lower() if before else '-'}",
        f"before2={before2.text.lower() if before2 else '-'}",
        f"after={after.text.lower() if after is not None and after.is_punct else 'word'}",
        f"after_tag={after.tag_ if after is not None else '-'}",
        f"length={_bucket(len(inner), (1, 2, 4, 8, 16))}",
        f"finite={finite}",
        f"capital={inner.text[:1].isupper()}",
        f"subject={subject.root.tag_ if subject is not None else '-'}",
        f"subject_entity={subject.root.ent_type_ if subject is not None else '-'}",
        f"root_before={root.lemma_.lower()}|{before.text.lower() if before else '-'}",
        f"entity_inside={inner[0].ent_type_ or '-'}",
        f"sentence_share={_bucket(round(10 * len(inner) / max(1, len(sentence))), (2, 5, 8))}",
    ]
    return features


def quote_claim(doc: Any, quote: Quote) -> Claim | None:
    """The direct claim a quotation stands for: cue = main verb, source = its subject."""
    sentence = _sentence_of(doc, quote)
    inner = doc.char_span(*quote.inner, alignment_mode="expand")
    if sentence is None or inner is None or not len(inner):
        return None
    root = sentence.root
    cue: Mention | None = None
    if root.pos_ in ("VERB", "AUX") and not (inner.start <= root.i < inner.end):
        pieces = [root] + [c for c in root.children if c.tag_ in ("PTKVZ", "PRF")]
        linking = [t for t in doc[max(sentence.start, inner.start - 4) : inner.start]
                   if t.lower_ in LINKING_WORDS]  # fmt: skip
        pieces += linking[-1:]
        pieces = sorted({t.i: t for t in pieces}.values(), key=lambda t: t.i)
        parts = tuple((t.idx, t.idx + len(t)) for t in pieces)
        cue = Mention(
            " ".join(t.text for t in pieces),
            (parts[0][0], parts[-1][1]),
            parts if len(parts) > 1 else (),
        )
    subject = _subject(root, sentence)
    source = None
    if subject is not None and not (inner.start <= subject.start < inner.end):
        source = Source(subject.text, (subject.start_char, subject.end_char))
    return Claim(
        text=doc.text[quote.inner[0] : quote.inner[1]],
        span=quote.inner,
        sentence_span=(sentence.start_char, sentence.end_char),
        mode="direct",
        certainty="reported",
        cue=cue,
        source=source,
    )


@dataclass(frozen=True, slots=True)
class QuoteClassifier:
    """Logistic model: is an uncovered quoted stretch a quotation to annotate?"""

    weights: dict[str, float]
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def save(self, path: str | Path) -> None:
        payload = {
            "format": QUOTE_FORMAT,
            "threshold": self.threshold,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if v},
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> QuoteClassifier:
        path = Path(path)
        payload = read_model_file(path, QUOTE_FORMAT, "a quote classifier")
        return cls(
            weights={str(k): float(v) for k, v in payload["weights"].items()},
            threshold=float(payload["threshold"]),
        )


def uncovered_quotes(doc: Any, claims: Sequence[Claim]) -> list[Quote]:
    """Top-level quoted stretches that no attributed claim overlaps."""
    taken = [c.span for c in claims if c.mode != "assertion"]
    return [
        q
        for q in find_quotes(doc.text).quotes
        if q.depth == 0 and not any(q.start < end and start < q.end for start, end in taken)
    ]


@dataclass(frozen=True, slots=True)
class LearnedAttribution:
    """The ranker and the quote classifier, applied after the rules."""

    ranker: ClaimRanker | None
    quotes: QuoteClassifier | None

    def apply(self, claims: Sequence[Claim], doc: Any) -> list[Claim]:
        """Rank the rule claims, then add classified quotations that no kept claim covers."""
        kept = self.ranker.filter(claims, doc) if self.ranker else list(claims)
        if self.quotes is None:
            return kept
        added = []
        for quote in uncovered_quotes(doc, kept):
            if self.quotes.probability(quote_features(doc, quote)) >= self.quotes.threshold:
                claim = quote_claim(doc, quote)
                if claim is not None:
                    added.append(claim)
        return sorted([*kept, *added], key=lambda c: c.span)

    @classmethod
    def load(cls, folder: str | Path) -> LearnedAttribution:
        """Read ``ranker.json`` and/or ``quotes.json`` from a model folder."""
        folder = Path(folder)
        ranker_path, quotes_path = folder / "ranker.json", folder / "quotes.json"
        if not ranker_path.exists() and not quotes_path.exists():
            raise RankerError(f"{folder}: neither ranker.json nor quotes.json in this folder")
        return cls(
            ranker=ClaimRanker.load(ranker_path) if ranker_path.exists() else None,
            quotes=QuoteClassifier.load(quotes_path) if quotes_path.exists() else None,
        )
