"""Train the SpkAtt attribution model (cue check and source choice) on SpkAtt-2023 train.

    nice -n 5 .venv/bin/python -m training.spkatt [--data ../shared/data/spkatt-2023]
        [--out src/quellenlage/research/models/de-attribution-spkatt]

The German rules run on every speech of SpkAtt train; the last ``--heldout`` speeches (sorted by
file name, so later sessions and other agenda items) are held out for choosing the thresholds,
the rest trains the two logistic models. The thresholds are chosen on the held-out speeches
with the SpkAtt metric (cue F1 for the cue threshold, Source F1 for the source threshold); the
models are then refit on all of train. SpkAtt dev is only measured, never used for a choice.
The data is CC BY-SA 4.0, so the model file is too.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quellenlage import nlp
from quellenlage.claims import extract_claims
from quellenlage.research.ranker import fit_logistic
from quellenlage.research.spkatt import (
    SpkAttDocument,
    claims_to_events,
    read_folder,
    score,
)
from quellenlage.research.spkatt_model import (
    BUNDLED,
    OFF,
    PARTS,
    SpkAttModel,
    cue_candidates,
    cue_features,
    cue_tokens,
    main_cue,
    phrase,
    source_candidates,
    source_features,
)

CUE_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
SOURCE_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, OFF)
ADD_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, OFF)


@dataclasses.dataclass
class Parsed:
    document: SpkAttDocument
    doc: Any
    offsets: dict
    claims: list


def parse(documents: Sequence[SpkAttDocument], pipeline: Any) -> list[Parsed]:
    parsed = []
    for document in documents:
        text, offsets = document.text()
        doc = pipeline(text)
        parsed.append(Parsed(document, doc, offsets, extract_claims(doc, include_assertions=False)))
    return parsed


def token_ids(doc: Any, offsets: dict) -> dict[int, set]:
    """For each spaCy token index, the SpkAtt token ids it overlaps."""
    owner: dict[int, Any] = {}
    for tid, (start, end) in offsets.items():
        for char in range(start, end):
            owner[char] = tid
    return {t.i: {owner[c] for c in range(t.idx, t.idx + len(t)) if c in owner} for t in doc}


def rows(parsed: Sequence[Parsed]) -> tuple[list, list, list, list]:
    """Cue rows (every candidate token) and source rows (candidates of matched rule cues)."""
    cue_x, cue_y, source_x, source_y = [], [], [], []
    for item in parsed:
        gold_cue = set().union(*(e.cue for e in item.document.events))
        ids_of = token_ids(item.doc, item.offsets)
        for token in cue_candidates(item.doc):
            cue_x.append(cue_features(token))
            cue_y.append(int(bool(ids_of[token.i] & gold_cue)))
        for claim in item.claims:
            tokens = cue_tokens(claim, item.doc)
            cue = main_cue(tokens)
            if cue is None:
                continue
            ids = set().union(*(ids_of[t.i] for t in tokens))
            overlap = [(len(ids & e.cue), n) for n, e in enumerate(item.document.events)]
            best = max(overlap, default=(0, -1))
            if best[0] == 0:
                continue
            gold_source = item.document.events[best[1]].role("Source")
            for head in source_candidates(cue):
                source_x.append(source_features(head, cue, claim))
                span = phrase(head)
                ids = set().union(*(ids_of[t.i] for t in span))
                source_y.append(int(bool(ids & gold_source)))
    return cue_x, cue_y, source_x, source_y


def measure(parsed: Sequence[Parsed], model: SpkAttModel | None) -> dict:
    """SpkAtt metric of the rules (``model`` None) or the rules plus the model."""
    pairs = []
    for item in parsed:
        claims = model.apply(item.claims, item.doc) if model else item.claims
        pairs.append((claims_to_events(claims, item.doc, item.offsets), item.document.events))
    return score(pairs).to_dict()["scores"]


def _cue_and_roles(scores: dict) -> float:
    return scores["cue"]["f1"] + scores["roles"]["f1"]


def train(parsed: Sequence[Parsed], l2: float) -> tuple[dict, dict]:
    cue_x, cue_y, source_x, source_y = rows(parsed)
    print(f"  {len(cue_y)} cue rows ({sum(cue_y)} cues), "
          f"{len(source_y)} source rows ({sum(source_y)} sources)")  # fmt: skip
    return fit_logistic(cue_x, cue_y, l2=l2), fit_logistic(source_x, source_y, l2=l2)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/spkatt-2023"))
    parser.add_argument("--out", type=Path, default=BUNDLED)
    parser.add_argument("--heldout", type=int, default=35, help="last N train speeches")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    started = time.process_time()
    pipeline = nlp.load("de")
    train_docs = read_folder(args.data / "train")
    dev_docs = read_folder(args.data / "dev")
    print(f"parsing {len(train_docs)} train and {len(dev_docs)} dev speeches")
    parsed = parse(train_docs, pipeline)
    dev = parse(dev_docs, pipeline)
    fitting, heldout = parsed[: -args.heldout], parsed[-args.heldout :]
    print("training on", len(fitting), "speeches; choosing thresholds on", len(heldout))
    cue_w, source_w = train(fitting, args.l2)
    base = SpkAttModel(cue_w, source_w, 0.0, OFF)
    choice: dict[str, Any] = {"rules": measure(heldout, None)}
    cue_scores = {t: measure(heldout, dataclasses.replace(base, cue_threshold=t)) for t in CUE_GRID}
    cue_t = max(CUE_GRID, key=lambda t: (cue_scores[t]["cue"]["f1"], -t))
    source_scores = {
        t: measure(heldout, dataclasses.replace(base, cue_threshold=cue_t, source_threshold=t))
        for t in SOURCE_GRID
    }
    source_t = max(SOURCE_GRID, key=lambda t: (source_scores[t]["Source"]["f1"], t))
    chosen = dataclasses.replace(base, cue_threshold=cue_t, source_threshold=source_t)
    add_scores = {
        t: measure(heldout, dataclasses.replace(chosen, add_threshold=t)) for t in ADD_GRID
    }
    add_t = max(ADD_GRID, key=lambda t: (_cue_and_roles(add_scores[t]), t))
    choice["cue_threshold"] = {str(t): s["cue"] for t, s in cue_scores.items()}
    choice["source_threshold"] = {str(t): s["Source"] for t, s in source_scores.items()}
    choice["add_threshold"] = {
        str(t): {"cue": s["cue"], "roles": s["roles"]} for t, s in add_scores.items()
    }
    choice["chosen"] = add_scores[add_t]
    print(f"thresholds: cue {cue_t}, source {source_t}, add {add_t}")
    print("refitting on all", len(parsed), "train speeches")
    cue_w, source_w = train(parsed, args.l2)
    model = SpkAttModel(cue_w, source_w, cue_t, source_t, add_t)
    dev_scores = {"rules": measure(dev, None)}
    for parts in (("cue",), ("source",), ("add",), PARTS):
        dev_scores["rules+" + "+".join(parts)] = measure(dev, model.with_parts(parts))
    metadata = {
        "trained_on": "SpkAtt-2023 task 1 train (177 Bundestag speeches), CC BY-SA 4.0",
        "heldout": f"last {args.heldout} train speeches by file name (threshold choice)",
        "l2": args.l2,
        "heldout_scores": choice,
        "dev_scores": dev_scores,
        "cpu_seconds": round(time.process_time() - started, 1),
    }
    model = dataclasses.replace(model, metadata=metadata)
    path = model.save(args.out)
    for name, scores in dev_scores.items():
        print(f"dev {name}: " + json.dumps({k: scores[k]["f1"] for k in ("cue", "Source",
              "Message", "roles")}))  # fmt: skip
    print(f"wrote {path} ({metadata['cpu_seconds']} CPU s)")


if __name__ == "__main__":
    main()
