"""The English pipeline and attribution: ``.venv/bin/python benchmarks/english.py``.

Prints three tables:

1. the shipped English pipeline on its held-out parts (UD EWT dev: UPOS, PTB tags, LAS …;
   GUM test: NER F1 per type), its size and load time (``training/recipe_en.py``; converts the
   corpora first if needed);
2. analysis speed, English beside German, one thread, CPU time: tokens per second of the
   pipeline alone and of pipeline + attribution, over news text (PolNeAR dev articles for
   English, German Wikinews dev articles for German; both only read to measure);
3. PolNeAR dev: content P/R/F1, source and cue accuracy, joint P/R/F1 on the ``tune`` part
   (what the rules were tuned on), the ``heldout`` part (every third article) and all of it.

``--skip-accuracy`` / ``--skip-polnear`` leave out tables 1 / 3; ``--data`` points at another
copy of ``../shared/data``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# One thread, set before numpy is imported, so that tokens/s is a per-core figure.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from training.convert import CORPUS_DIR, DATA_DIR  # noqa: E402


def _german_texts(data: Path, limit: int) -> list[str]:
    path = data / "wikinews-quotes" / "dev.jsonl"
    if not path.is_file():
        path = next((data / "wikinews-quotes").glob("*dev*"))
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.append(record.get("text") or record.get("originalText") or "")
            if len(texts) >= limit:
                break
    return texts


def _english_texts(data: Path, limit: int) -> list[str]:
    paths = sorted((data / "polnear-dev" / "text").glob("*.txt"))[:limit]
    return [p.read_text(encoding="utf-8") for p in paths]


def speed(lang: str, texts: list[str]) -> dict[str, float]:
    from quellenlage import nlp
    from quellenlage.claims import extract_claims

    pipeline = nlp.load(lang)
    pipeline(texts[0][:200])  # warm up
    started = time.process_time()
    docs = [pipeline(text) for text in texts]
    parsed = time.process_time() - started
    for doc in docs:
        extract_claims(doc)
    total = time.process_time() - started
    tokens = sum(len(doc) for doc in docs)
    return {"tokens": tokens, "pipeline": tokens / parsed, "with_claims": tokens / total}


def polnear_rows(folder: Path) -> list[tuple[str, dict]]:
    from quellenlage import api

    rows = []
    for part in ("tune", "heldout", "all"):
        rows.append((part, api.evaluate_polnear(folder, part=part).to_dict()))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-polnear", action="store_true")
    parser.add_argument("--documents", type=int, default=40, help="texts per language for speed")
    args = parser.parse_args(argv)
    if not args.skip_accuracy:
        from training.convert_en import convert_english
        from training.recipe_en import evaluate, print_table

        if not (CORPUS_DIR / "en_syntax-heldout.spacy").is_file():
            convert_english(args.data)
        print("## English pipeline (held-out parts)\n")
        print_table(evaluate())
    print("\n## Analysis speed, one thread (CPU time)\n")
    print("| language | texts | tokens | pipeline tokens/s | pipeline + attribution tokens/s |")
    print("|---|---|---|---|---|")
    for lang, texts in (
        ("en", _english_texts(args.data, args.documents)),
        ("de", _german_texts(args.data, args.documents)),
    ):
        result = speed(lang, texts)
        print(
            f"| {lang} | {len(texts)} | {result['tokens']} | {result['pipeline']:.0f} "
            f"| {result['with_claims']:.0f} |"
        )
    if not args.skip_polnear:
        print("\n## PolNeAR dev (tune = tuned on; heldout = every third article, not looked at)\n")
        print(
            "| part | articles | gold | predicted | content P / R / F1 | source acc | cue acc | joint P / R / F1 |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for part, d in polnear_rows(args.data / "polnear-dev"):
            c, j = d["content"], d["joint"]
            print(
                f"| {part} | {d['articles']} | {d['gold']} | {d['predicted']} "
                f"| {c['precision']:.3f} / {c['recall']:.3f} / {c['f1']:.3f} "
                f"| {d['source_accuracy']:.3f} | {d['cue_accuracy']:.3f} "
                f"| {j['precision']:.3f} / {j['recall']:.3f} / {j['f1']:.3f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
