"""Accuracy and speed of the shipped German pipeline: ``.venv/bin/python benchmarks/nlp.py``.

Prints the table of ``training/evaluate.py``: held-out GSD (POS, STTS, morphology, lemmas,
UAS/LAS, Mood=Sub with and without the form check), held-out GermEval (NER per type), tokens
per second on one thread over the Wikinews dev texts, and load time. Needs ``../shared/data``
and the converted corpora (``python -m training.recipe convert``, which this runs if needed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# One thread, set before numpy is imported, so that tokens/s is a per-core figure.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from training.convert import CORPUS_DIR, convert_all  # noqa: E402
from training.evaluate import evaluate_and_print  # noqa: E402


def main() -> int:
    if not (CORPUS_DIR / "syntax-heldout.spacy").is_file():
        convert_all()
    evaluate_and_print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
