"""Measure the shipped German pipeline on the held-out corpora and print one table.

- syntax: held-out GSD (every second sentence of GSD test, see ``training/convert.py``):
  UPOS, STTS, morphology, lemma, UAS/LAS, sentence boundaries, and ``Mood=Sub``
  precision/recall/F1 for the morphologizer alone and with the form-based Konjunktiv check;
- entities: held-out GermEval 2014 (every fifth sentence of its test split), per type;
- speed: tokens per second on one thread over the Wikinews dev texts, and load time.

Gold and predicted tokens may differ (the pipeline tokenizes raw text itself); spaCy's scorer
aligns them, as in ``spacy evaluate``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token
from spacy.training import Example

from training.convert import CORPUS_DIR, DATA_DIR

GOALS = {
    "UPOS accuracy": 0.93,
    "STTS accuracy": 0.93,
    "LAS": 0.75,
    "lemma accuracy": 0.94,
    "Mood=Sub F1 (with form check)": 0.85,
    "NER F1 PER": 0.65,
    "NER F1 ORG": 0.65,
    "NER F1 LOC": 0.65,
    "tokens/s (1 thread)": 15_000,
    "load time (s)": 1.0,
}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_docs(name: str, nlp: Language, corpus_dir: Path = CORPUS_DIR) -> list[Doc]:
    path = corpus_dir / f"{name}.spacy"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run `python -m training.recipe convert`")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def evaluate_syntax(nlp: Language) -> dict[str, float]:
    """Scores of the full pipeline; Mood=Sub also for the morphologizer alone."""
    gold_docs = read_docs("syntax-heldout", nlp)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    with nlp.select_pipes(disable=["konjunktiv"]):
        tagger_docs = list(nlp.pipe(doc.text for doc in gold_docs))
    full_docs = list(nlp.pipe(doc.text for doc in gold_docs))
    alone = mood_sub_scores(tagger_docs, gold_docs, lambda t: "Sub" in t.morph.get("Mood"))
    with_check = mood_sub_scores(full_docs, gold_docs, lambda t: t._.konjunktiv is not None)
    return {
        "UPOS accuracy": scores["pos_acc"],
        "STTS accuracy": scores["tag_acc"],
        "morph accuracy": scores["morph_acc"],
        "lemma accuracy": scores["lemma_acc"],
        "UAS": scores["dep_uas"],
        "LAS": scores["dep_las"],
        "sentence F1": scores["sents_f"],
        "Mood=Sub P (tagger)": alone.precision,
        "Mood=Sub R (tagger)": alone.recall,
        "Mood=Sub F1 (tagger)": alone.f1,
        "Mood=Sub P (with form check)": with_check.precision,
        "Mood=Sub R (with form check)": with_check.recall,
        "Mood=Sub F1 (with form check)": with_check.f1,
        "Mood=Sub gold tokens": with_check.tp + with_check.fn,
    }


def mood_sub_scores(
    predicted: list[Doc], gold: list[Doc], says_sub: Callable[[Token], bool]
) -> PRF:
    """Token-level Mood=Sub scores over predicted tokens aligned one-to-one with gold ones."""
    scores = PRF()
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        alignment = Example(pred_doc, gold_doc).alignment.x2y
        for token in pred_doc:
            gold_indices = alignment[token.i]
            if len(gold_indices) != 1:
                continue
            is_gold = "Sub" in gold_doc[int(gold_indices[0])].morph.get("Mood")
            is_pred = says_sub(token)
            scores.tp += is_gold and is_pred
            scores.fp += is_pred and not is_gold
            scores.fn += is_gold and not is_pred
    return scores


def evaluate_ner(nlp: Language) -> dict[str, float]:
    gold_docs = read_docs("ner-heldout", nlp)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    result = {"NER F1 (all types)": scores["ents_f"]}
    for label in ("PER", "ORG", "LOC", "MISC"):
        per_type = scores["ents_per_type"].get(label, {"p": 0.0, "r": 0.0, "f": 0.0})
        result[f"NER P {label}"] = per_type["p"]
        result[f"NER R {label}"] = per_type["r"]
        result[f"NER F1 {label}"] = per_type["f"]
    return result


def wikinews_texts(data_dir: Path = DATA_DIR) -> list[str]:
    path = data_dir / "wikinews-quotes" / "dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["originalText"] for line in lines if line.strip()]


def measure_speed(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Tokens per second of the whole pipeline in one process (threads limited by env)."""
    nlp("Warm-up.")
    started, cpu_started = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time is the per-core figure; wall time also counts waiting for a busy machine.
    return {
        "tokens/s (1 thread)": tokens / cpu,
        "tokens/s (wall clock)": tokens / elapsed,
        "speed test tokens": tokens,
    }


def measure_load_time(path: Path) -> float:
    started = time.perf_counter()
    spacy.load(path)
    return time.perf_counter() - started


def evaluate(nlp: Language, path: Path, data_dir: Path = DATA_DIR) -> dict[str, float]:
    results = {"load time (s)": measure_load_time(path)}
    results |= evaluate_syntax(nlp)
    results |= evaluate_ner(nlp)
    results |= measure_speed(nlp, wikinews_texts(data_dir))
    return results


def format_table(results: dict[str, float]) -> str:
    lines = [f"{'measure':34} {'value':>10} {'goal':>8}  met", "-" * 60]
    for name, value in results.items():
        goal = GOALS.get(name)
        shown = f"{value:10.0f}" if value >= 100 else f"{value:10.3f}"
        if goal is None:
            lines.append(f"{name:34} {shown}")
            continue
        met = value <= goal if name.startswith("load") else value >= goal
        goal_text = f"{goal:8.0f}" if goal >= 100 else f"{goal:8.2f}"
        lines.append(f"{name:34} {shown} {goal_text}  {'yes' if met else 'NO'}")
    return "\n".join(lines)


CARD_START = "<!-- figures:start -->"
CARD_END = "<!-- figures:end -->"


def update_card(card: Path, table: str) -> bool:
    """Put ``table`` between the figure markers of the model card; False if it has none."""
    if not card.is_file():
        return False
    text = card.read_text(encoding="utf-8")
    if CARD_START not in text or CARD_END not in text:
        return False
    head, rest = text.split(CARD_START, 1)
    _, tail = rest.split(CARD_END, 1)
    card.write_text(f"{head}{CARD_START}\n```\n{table}\n```\n{CARD_END}{tail}", encoding="utf-8")
    return True


def evaluate_and_print(path: Path | None = None, write_card: bool = False) -> dict[str, float]:
    """Evaluate the pipeline at ``path`` (default: the shipped one) and print the table;
    with ``write_card``, also put the table into the model card (README.md beside it)."""
    from quellenlage.nlp import model_path

    path = path or model_path("de")
    nlp = spacy.load(path)
    results = evaluate(nlp, path)
    table = format_table(results)
    print(f"pipeline: {path}")
    print(table)
    if write_card and update_card(path / "README.md", table):
        print(f"updated the figures in {path / 'README.md'}")
    return results
