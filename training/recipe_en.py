"""Retrain the English pipeline from ``../shared/data``: ``python -m training.recipe_en all``.

Steps (each also runs alone):

- ``convert``: UD English EWT + GUM → ``training/corpus/en_*.spacy`` (``training/convert_en.py``);
- ``train``: ``spacy train`` of ``configs/en_syntax.cfg`` and ``configs/en_ner.cfg`` side by
  side, one thread each, into ``training/output/en_{syntax,ner}``;
- ``assemble``: news tokenizer rules + syntax components + gazetteer entity rulers + NER →
  ``src/quellenlage/nlp/models/en`` (written beside it, then renamed into place);
- ``evaluate``: accuracy on the held-out parts (EWT dev, GUM test), size and load time.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from quellenlage import lang
from quellenlage.nlp.english import MODEL_DIR, customize_english_tokenizer
from quellenlage.nlp.gazetteer import (
    country_names,
    exemplar_cities,
    first_names,
    geonames_cities,
    person_name_pattern,
)
from training.convert import CORPUS_DIR, DATA_DIR
from training.convert_en import convert_english
from training.recipe import OUTPUT_DIR, save_atomically, train

PIPELINES = ("en_syntax", "en_ner")
#: CLDR English region names that are no places in running text.
SKIPPED_REGIONS = {"world", "unknown region", "outlying oceania", "pseudo-accents", "pseudo-bidi"}


def _docs(name: str, corpus_dir: Path = CORPUS_DIR, vocab=None):
    vocab = vocab or spacy.blank("en").vocab
    return list(DocBin().from_disk(corpus_dir / f"{name}.spacy").get_docs(vocab))


def common_words(corpus_dir: Path = CORPUS_DIR) -> set[str]:
    """Words the syntax training data mostly tags as something other than a proper noun.

    (GUM's entity data cannot tell: it marks only names with a Wikipedia page, so most
    person names there are outside entities.)
    """
    proper: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for doc in _docs("en_syntax-train", corpus_dir):
        for token in doc:
            (proper if token.pos_ == "PROPN" else other)[token.text] += 1
    return {word for word, count in other.items() if count >= 2 and count > proper[word]}


def training_first_names(corpus_dir: Path = CORPUS_DIR) -> set[str]:
    found = set()
    for doc in _docs("en_ner-train", corpus_dir):
        for entity in doc.ents:
            if entity.label_ == "PER" and len(entity) > 1 and entity[0].text.isalpha():
                found.add(entity[0].text)
    return {name for name in found if name.istitle()}


def _pattern(nlp: Language, name: str, label: str) -> dict:
    return {"label": label, "pattern": [{"ORTH": token.text} for token in nlp.tokenizer(name)]}


def gazetteer_patterns(nlp: Language, corpus_dir: Path = CORPUS_DIR) -> tuple[list, list]:
    """(anchors before the NER, places after it), as for German (``quellenlage.nlp.gazetteer``)."""
    data = lang.load("en")
    blocked = common_words(corpus_dir)
    curated = dict.fromkeys(data.ordered("gazetteer_places"), "LOC")
    curated |= dict.fromkeys(data.ordered("gazetteer_organisations"), "ORG")
    anchors = [_pattern(nlp, name, label) for name, label in sorted(curated.items())]
    anchors.append(person_name_pattern(first_names(training_first_names(corpus_dir)), blocked))
    generated = country_names("en") | exemplar_cities("en") | geonames_cities()
    places = sorted(
        name
        for name in generated
        if name not in curated
        and name.lower() not in SKIPPED_REGIONS
        and len(name) >= 3
        and not (" " not in name and name in blocked)
    )
    return anchors, [_pattern(nlp, name, "LOC") for name in places]


def assemble(syntax_dir: Path, ner_dir: Path, target: Path = MODEL_DIR) -> Path:
    syntax = spacy.load(syntax_dir)
    ner = spacy.load(ner_dir)
    nlp = customize_english_tokenizer(spacy.blank("en"))
    anchors, places = gazetteer_patterns(nlp)
    for name in syntax.pipe_names:
        nlp.add_pipe(name, source=syntax)
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer_anchors", config={"overwrite_ents": False})
    ruler.add_patterns(anchors)
    nlp.add_pipe("ner", source=ner)
    nlp.add_pipe("gazetteer_filler", name="gazetteer_places").add_patterns(places)
    nlp.add_pipe("trim_entities")
    nlp.meta.update(
        {
            "name": "quellenlage_en",
            "version": "0.1.0",
            "description": "English pipeline of quellenlage (see README.md in this folder)",
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "UD English EWT", "license": "CC BY-SA 4.0"},
                {
                    "name": "GUM (academic, bio, court, interview, news, voyage)",
                    "license": "CC BY 4.0 annotations",
                },
            ],
        }
    )
    return save_atomically(nlp, target)


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def evaluate(target: Path = MODEL_DIR, corpus_dir: Path = CORPUS_DIR) -> dict:
    """Accuracy of the shipped pipeline on the held-out parts, its size and load time."""
    started, cpu = time.perf_counter(), time.process_time()
    nlp = spacy.load(target)
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    references = _docs("en_syntax-heldout", corpus_dir, nlp.vocab)
    raw = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in references])
    # As in the UD literature: the treebank's own tokens (the tokenizer's differences left out).
    scores = nlp.evaluate(
        [
            Example(
                Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]),
                d,
            )
            for d in references
        ]
    )
    names = [
        Example(nlp.make_doc(d.text), d) for d in _docs("en_ner-heldout", corpus_dir, nlp.vocab)
    ]
    started = time.perf_counter()
    ner = nlp.evaluate(names)
    seconds = time.perf_counter() - started
    tokens = sum(len(e.reference) for e in names)
    with nlp.select_pipes(disable=["gazetteer_anchors", "gazetteer_places"]):
        ner_only = nlp.evaluate(names)
    return {
        "ewt_dev": {
            "upos": scores["pos_acc"],
            "xpos": scores["tag_acc"],
            "morph": scores["morph_acc"],
            "lemma": scores["lemma_acc"],
            "uas": scores["dep_uas"],
            "las": scores["dep_las"],
            "sents_f": scores["sents_f"],
        },
        "ewt_dev_raw_text": {
            "upos": raw["pos_acc"],
            "las": raw["dep_las"],
            "uas": raw["dep_uas"],
            "sents_f": raw["sents_f"],
        },
        "gum_test_ner": {
            "f1": ner["ents_f"],
            "precision": ner["ents_p"],
            "recall": ner["ents_r"],
            "per_type": ner["ents_per_type"],
            "without_gazetteer_f1": ner_only["ents_f"],
        },
        "size_mb": _folder_size(target) / 1e6,
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "tokens_per_s": tokens / seconds,
    }


def print_table(result: dict) -> None:
    ewt = result["ewt_dev"]
    print("| measure (held out) | value |\n|---|---|")
    for key in ("upos", "xpos", "morph", "lemma", "uas", "las", "sents_f"):
        print(f"| EWT dev {key}, treebank tokens | {ewt[key]:.3f} |")
    raw = result["ewt_dev_raw_text"]
    for key in ("upos", "uas", "las", "sents_f"):
        print(f"| EWT dev {key}, from raw text (own tokenizer) | {raw[key]:.3f} |")
    ner = result["gum_test_ner"]
    print(
        f"| GUM test NER F1 (P / R) | {ner['f1']:.3f} ({ner['precision']:.3f} / {ner['recall']:.3f}) |"
    )
    for label, score in sorted(ner["per_type"].items()):
        print(
            f"| GUM test NER {label} F1 (P / R) | {score['f']:.3f} ({score['p']:.3f} / {score['r']:.3f}) |"
        )
    print(f"| GUM test NER F1 without gazetteers | {ner['without_gazetteer_f1']:.3f} |")
    print(f"| size | {result['size_mb']:.1f} MB |")
    print(f"| load time, CPU (wall) | {result['load_cpu_s']:.2f} s ({result['load_s']:.2f} s) |")
    print(f"| speed (GUM test, whole pipeline) | {result['tokens_per_s']:.0f} tokens/s |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.recipe_en", description=__doc__)
    parser.add_argument("step", choices=["convert", "train", "assemble", "evaluate", "all"])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="shared corpora folder")
    parser.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.step in ("convert", "all"):
        for name, tokens in convert_english(args.data).items():
            print(f"{name:18} {tokens:>8} tokens")
    if args.step in ("train", "all"):
        train(PIPELINES)
        print(f"[{time.perf_counter() - started:6.0f} s] trained", flush=True)
    if args.step in ("assemble", "all"):
        path = assemble(
            OUTPUT_DIR / "en_syntax" / "model-best", OUTPUT_DIR / "en_ner" / "model-best"
        )
        print(f"[{time.perf_counter() - started:6.0f} s] saved pipeline to {path}", flush=True)
    if args.step in ("evaluate", "all"):
        result = evaluate()
        print(json.dumps(result, indent=2) if args.json else "", end="")
        if not args.json:
            print_table(result)
    print(f"{args.step} took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
