"""Retrain the German pipeline from ``../shared/data``: ``python -m training.recipe all``.

Steps (each also runs alone):

- ``convert``: corpora → ``training/corpus/*.spacy`` (see ``training/convert.py``);
- ``train``: ``spacy train`` for the syntax pipeline and the NER, one after the other, each on
  one thread, into ``training/output/{syntax,ner}``;
- ``assemble``: tokenizer rules + syntax components + gazetteer entity ruler + NER + Konjunktiv
  component → written to a temporary folder, then swapped into
  ``src/quellenlage/nlp/models/de`` with a rename;
- ``evaluate``: the accuracy table on the held-out parts (``training/evaluate.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin

from quellenlage.nlp import model_path
from quellenlage.nlp.gazetteer import build_patterns
from quellenlage.nlp.konjunktiv import VerbLexicon
from quellenlage.nlp.tokenizer import customize_tokenizer
from training.convert import CORPUS_DIR, DATA_DIR, convert_all

TRAINING_DIR = Path(__file__).resolve().parent
CONFIG_DIR = TRAINING_DIR / "configs"
OUTPUT_DIR = TRAINING_DIR / "output"
PIPELINES = ("syntax", "ner")


def convert(data_dir: Path = DATA_DIR) -> None:
    for name, tokens in convert_all(data_dir, CORPUS_DIR).items():
        print(f"{name:16} {tokens:>8} tokens")


def train_command(name: str, overrides: list[str] | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(CONFIG_DIR / f"{name}.cfg"),
        "--output",
        str(OUTPUT_DIR / name),
        "--paths.train",
        str(CORPUS_DIR / f"{name}-train.spacy"),
        "--paths.dev",
        str(CORPUS_DIR / f"{name}-dev.spacy"),
        *(overrides or []),
    ]


def train(names: tuple[str, ...] = PIPELINES, overrides: list[str] | None = None) -> None:
    """Train the pipelines side by side, one thread each (two cores for the two runs).

    Each run logs to ``training/output/<name>.log``; a failed run fails the step.
    """
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    runs = {}
    for name in names:
        command = train_command(name, overrides)
        print("$", " ".join(command), f"> {OUTPUT_DIR / name}.log", flush=True)
        log = (OUTPUT_DIR / f"{name}.log").open("w", encoding="utf-8")
        runs[name] = (subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT), log)
    failed = []
    for name, (process, log) in runs.items():
        if process.wait() != 0:
            failed.append(name)
        log.close()
    if failed:
        raise RuntimeError(f"training failed for {failed}; see training/output/<name>.log")


def common_words(corpus_dir: Path = CORPUS_DIR) -> set[str]:
    """Words that the NER training data mostly leaves outside entities."""
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    nlp = spacy.blank("de")
    for doc in DocBin().from_disk(corpus_dir / "ner-train.spacy").get_docs(nlp.vocab):
        for token in doc:
            (inside if token.ent_type else outside)[token.text] += 1
    return {word for word, count in outside.items() if count >= 2 and count > inside[word]}


def training_first_names(corpus_dir: Path = CORPUS_DIR) -> set[str]:
    """First words of the multi-word person names in the NER training data."""
    nlp = spacy.blank("de")
    found = set()
    for doc in DocBin().from_disk(corpus_dir / "ner-train.spacy").get_docs(nlp.vocab):
        for entity in doc.ents:
            if entity.label_ == "PER" and len(entity) > 1 and entity[0].text.isalpha():
                found.add(entity[0].text)
    return {name for name in found if name.istitle()}


def training_verbs(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """Infinitives of the verbs in the syntax training data (never the held-out part)."""
    nlp = spacy.blank("de")
    verbs = set()
    for doc in DocBin().from_disk(corpus_dir / "syntax-train.spacy").get_docs(nlp.vocab):
        verbs.update(
            t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.isalpha()
        )
    return sorted(verbs)


def assemble(syntax_dir: Path, ner_dir: Path, target: Path | None = None) -> Path:
    """Build the shipped pipeline from the trained parts and swap it in atomically."""
    target = target or model_path("de")
    syntax = spacy.load(syntax_dir)
    ner = spacy.load(ner_dir)
    nlp = customize_tokenizer(spacy.blank("de"))
    patterns = build_patterns(nlp.tokenizer, common_words(), training_first_names())
    for name in syntax.pipe_names:
        nlp.add_pipe(name, source=syntax)
    # Curated names and the person-name pattern before the NER (it keeps their entities),
    # generated place names after it, only where it found nothing (quellenlage.nlp.gazetteer).
    ruler_config = {"overwrite_ents": False}
    nlp.add_pipe("entity_ruler", name="gazetteer_anchors", config=ruler_config).add_patterns(
        patterns.anchors
    )
    nlp.add_pipe("ner", source=ner)
    nlp.add_pipe("gazetteer_filler", name="gazetteer_places").add_patterns(patterns.places)
    nlp.add_pipe("trim_entities")
    detector = nlp.add_pipe("konjunktiv")
    detector.lexicon = VerbLexicon(training_verbs())
    nlp.meta.update(
        {
            "name": "quellenlage_de",
            "version": "0.1.0",
            "description": "German pipeline of quellenlage (see README.md in this folder)",
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "UD German GSD", "license": "CC BY-SA 4.0"},
                {"name": "UD German PUD", "license": "CC BY-SA 3.0"},
                {"name": "GermEval 2014 NER", "license": "CC BY 4.0"},
                {"name": "SmartData corpus", "license": "CC BY 4.0"},
            ],
        }
    )
    return save_atomically(nlp, target)


def save_atomically(nlp: Language, target: Path) -> Path:
    """Write ``nlp`` beside ``target`` and rename it into place; keep the model card."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.new"
    retired = target.parent / f".{target.name}.old"
    for folder in (staging, retired):
        shutil.rmtree(folder, ignore_errors=True)
    nlp.to_disk(staging)
    card = target / "README.md"
    if card.is_file():
        shutil.copy2(card, staging / "README.md")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.recipe", description=__doc__)
    parser.add_argument("step", choices=["convert", "train", "assemble", "evaluate", "all"])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="shared corpora folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.step in ("convert", "all"):
        convert(args.data)
        print(f"[{time.perf_counter() - started:6.0f} s] converted", flush=True)
    if args.step in ("train", "all"):
        train()
        print(f"[{time.perf_counter() - started:6.0f} s] trained", flush=True)
    if args.step in ("assemble", "all"):
        path = assemble(OUTPUT_DIR / "syntax" / "model-best", OUTPUT_DIR / "ner" / "model-best")
        print(f"[{time.perf_counter() - started:6.0f} s] saved pipeline to {path}", flush=True)
    if args.step in ("evaluate", "all"):
        from training.evaluate import evaluate_and_print

        evaluate_and_print(write_card=True)
    print(f"{args.step} took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
