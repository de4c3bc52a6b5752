"""Convert the shared corpora into spaCy DocBin files for training and evaluation.

Syntax comes from Universal Dependencies (GSD dev/test, PUD test), entities from GermEval 2014
(dev/test) and SmartData v3 (dev/test). Both training sets keep a deterministic held-out part:

- ``syntax-heldout``: every second sentence of GSD test (never trained on).
- ``ner-heldout``: every fifth sentence of GermEval test (never trained on).

The development sets that ``spacy train`` uses for model selection are cut from the training
material, never from the held-out parts.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

#: GermEval outer-level labels mapped to ours; -deriv/-part are adjectives and compound parts.
GERMEVAL_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}

#: SmartData concept types mapped to ours (the rest are dates, numbers, triggers ... → O).
SMARTDATA_LABELS = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "ORGANIZATION_COMPANY": "ORG",
    "LOCATION": "LOC",
    "LOCATION_CITY": "LOC",
    "LOCATION_STREET": "LOC",
    "LOCATION_STOP": "LOC",
}


@dataclass
class UDWord:
    """One syntactic word of a CoNLL-U sentence."""

    index: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool = True


@dataclass
class UDToken:
    """One surface token: a word, or a multi-word token (``am`` = ``an`` + ``dem``) merged."""

    form: str
    words: list[UDWord]
    space_after: bool = True


@dataclass
class UDSentence:
    sent_id: str
    tokens: list[UDToken] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[UDSentence]:
    """Yield sentences with multi-word tokens kept as one surface token."""
    sentence = UDSentence(sent_id="")
    pending_range: tuple[int, int, str, bool] | None = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sentence.sent_id = line.split("=", 1)[1].strip()
            elif not line:
                if sentence.tokens:
                    yield sentence
                sentence = UDSentence(sent_id="")
            elif not line.startswith("#"):
                cols = line.split("\t")
                space_after = "SpaceAfter=No" not in cols[9]
                if "-" in cols[0]:
                    first, last = (int(n) for n in cols[0].split("-"))
                    pending_range = (first, last, cols[1], space_after)
                    sentence.tokens.append(UDToken(form=cols[1], words=[], space_after=space_after))
                    continue
                if "." in cols[0]:  # empty nodes of enhanced UD
                    continue
                word = UDWord(
                    index=int(cols[0]),
                    form=cols[1],
                    lemma=cols[2],
                    upos=cols[3],
                    xpos=cols[4],
                    feats=cols[5],
                    head=int(cols[6]),
                    deprel=cols[7],
                    space_after=space_after,
                )
                if pending_range and pending_range[0] <= word.index <= pending_range[1]:
                    sentence.tokens[-1].words.append(word)
                    if word.index == pending_range[1]:
                        pending_range = None
                else:
                    sentence.tokens.append(
                        UDToken(form=word.form, words=[word], space_after=space_after)
                    )
    if sentence.tokens:
        yield sentence


def _merge_feats(words: list[UDWord]) -> str:
    feats: dict[str, str] = {}
    for word in words:
        if word.feats != "_":
            for pair in word.feats.split("|"):
                key, value = pair.split("=", 1)
                feats.setdefault(key, value)
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


def ud_sentence_to_doc(
    vocab, sentence: UDSentence, keep_xpos: bool = True, allowed_feats: dict | None = None
) -> Doc:
    """Build a Doc with tags, morphs, lemmas and dependencies from one UD sentence.

    A multi-word token takes the tag ``APPRART`` (the STTS tag for "am", "zum" …), the UPOS and
    attachment of its first word (the preposition) and the features of all its words.
    """
    word_to_token: dict[int, int] = {}
    for i, token in enumerate(sentence.tokens):
        for word in token.words:
            word_to_token[word.index] = i
    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    for i, token in enumerate(sentence.tokens):
        first = token.words[0]
        words.append(token.form)
        spaces.append(token.space_after)
        if len(token.words) > 1:
            tag = "APPRART"
            lemma = first.lemma
            feats = _merge_feats(token.words)
            outside = [w for w in token.words if w.head == 0 or word_to_token[w.head] != i]
            attach = outside[0] if outside else first
        else:
            tag, lemma, feats, attach = first.xpos, first.lemma, first.feats, first
        feats = "" if feats == "_" else feats
        if allowed_feats is not None:
            feats = _harmonise_feats(first.upos, feats, allowed_feats)
        tags.append(tag if keep_xpos else "")
        pos.append(first.upos)
        morphs.append(feats)
        lemmas.append(lemma)
        heads.append(i if attach.head == 0 else word_to_token[attach.head])
        deps.append("ROOT" if attach.head == 0 else attach.deprel)
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    return doc


#: GSD writes quotation marks the LaTeX way; German news writes „…“.
GERMAN_QUOTES = {"``": "„", "''": "“"}


def with_german_quotes(sentence: UDSentence) -> UDSentence:
    """The sentence with ``…'' replaced by „…“, so that training also sees German quotes."""
    tokens = []
    for token in sentence.tokens:
        form = GERMAN_QUOTES.get(token.form, token.form)
        words = [
            UDWord(**{**vars(w), "form": GERMAN_QUOTES.get(w.form, w.form)}) for w in token.words
        ]
        for word in words:
            word.lemma = GERMAN_QUOTES.get(word.lemma, word.lemma)
        tokens.append(UDToken(form=form, words=words, space_after=token.space_after))
    return UDSentence(sent_id=sentence.sent_id, tokens=tokens)


def _harmonise_feats(upos: str, feats: str, allowed: dict[str, set[str]]) -> str:
    """Make PUD features look like GSD's: add VerbForm=Fin to finite verbs, drop unknown keys."""
    pairs = dict(p.split("=", 1) for p in feats.split("|")) if feats else {}
    if upos in ("VERB", "AUX") and "Mood" in pairs and "VerbForm" not in pairs:
        pairs["VerbForm"] = "Fin"
    keep = allowed.get(upos, set())
    return "|".join(f"{k}={v}" for k, v in sorted(pairs.items()) if k in keep)


def gsd_feature_inventory(sentences: list[UDSentence]) -> dict[str, set[str]]:
    """Feature names GSD uses per UPOS, to filter PUD's richer annotation."""
    inventory: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for token in sentence.tokens:
            for word in token.words:
                if word.feats != "_":
                    inventory[word.upos].update(p.split("=", 1)[0] for p in word.feats.split("|"))
    return inventory


def group_into_docs(docs: list[Doc], size: int) -> list[Doc]:
    """Join consecutive sentences so that the parser and senter learn sentence boundaries."""
    return [Doc.from_docs(docs[i : i + size]) for i in range(0, len(docs), size)]


def convert_syntax(data_dir: Path, out_dir: Path) -> dict[str, int]:
    nlp = spacy.blank("de")
    ud = data_dir / "ud-german"
    gsd_dev = list(read_conllu(ud / "de_gsd-ud-dev.conllu"))
    gsd_test = list(read_conllu(ud / "de_gsd-ud-test.conllu"))
    pud = list(read_conllu(ud / "de_pud-ud-test.conllu"))
    inventory = gsd_feature_inventory(gsd_dev + gsd_test)
    heldout = [ud_sentence_to_doc(nlp.vocab, s) for s in gsd_test[0::2]]
    gsd_train = [
        ud_sentence_to_doc(nlp.vocab, with_german_quotes(s) if i % 2 else s)
        for i, s in enumerate(gsd_dev + gsd_test[1::2])
    ]
    pud_train = [
        ud_sentence_to_doc(nlp.vocab, s, keep_xpos=False, allowed_feats=inventory) for s in pud
    ]
    # Model selection uses every tenth GSD training sentence; the rest is trained on.
    dev = gsd_train[0::10]
    train = [d for i, d in enumerate(gsd_train) if i % 10] + pud_train
    sizes = {}
    for name, docs in (
        ("syntax-train", group_into_docs(train, 5)),
        ("syntax-dev", dev),
        ("syntax-heldout", group_into_docs(heldout, 5)),
    ):
        DocBin(docs=docs).to_disk(out_dir / f"{name}.spacy")
        sizes[name] = sum(len(d) for d in docs)
    return sizes


def read_germeval(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (words, outer-level IOB tags) per sentence, -deriv/-part mapped to O."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tag = cols[2]
            prefix, _, label = tag.partition("-")
            tags.append(f"{prefix}-{GERMEVAL_LABELS[label]}" if label in GERMEVAL_LABELS else "O")
    if words:
        yield words, tags


def _iob_doc(vocab, words: list[str], tags: list[str]) -> Doc:
    fixed: list[str] = []
    for i, tag in enumerate(tags):
        # An I- after O (left after dropping a -deriv/-part tag) starts a new entity.
        previous = tags[i - 1] if i else "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return Doc(vocab, words=words, ents=fixed)


def read_smartdata(path: Path) -> Iterator[tuple[list[str], list[str], list[bool]]]:
    """Yield (words, IOB tags, spaces) per sentence of a SmartData v3 file (concatenated JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        text = stream.read()
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        document, pos = decoder.raw_decode(text, pos)
        raw = document["text"]["string"]
        for sentence in (document.get("sentences") or {}).get("array", []):
            tokens = sentence["tokens"]["array"]
            words, tags, spaces = [], [], []
            for j, tok in enumerate(tokens):
                start, end = tok["span"]["start"], tok["span"]["end"]
                word = raw[start:end]
                if not word.strip():
                    continue
                words.append(word)
                nxt = tokens[j + 1]["span"]["start"] if j + 1 < len(tokens) else end + 1
                spaces.append(nxt > end)
                ner = (tok.get("ner") or {}).get("string", "O")
                prefix, _, label = ner.partition("-")
                label = SMARTDATA_LABELS.get(label.upper().replace("-", "_"))
                tags.append(f"{prefix}-{label}" if label else "O")
            if words:
                yield words, tags, spaces


def convert_ner(data_dir: Path, out_dir: Path) -> dict[str, int]:
    nlp = spacy.blank("de")
    ge = data_dir / "ner-german" / "germeval2014"
    ge_dev = [_iob_doc(nlp.vocab, w, t) for w, t in read_germeval(ge / "NER-de-dev.tsv")]
    ge_test = [_iob_doc(nlp.vocab, w, t) for w, t in read_germeval(ge / "NER-de-test.tsv")]
    heldout = ge_test[0::5]
    ge_train = ge_dev + [d for i, d in enumerate(ge_test) if i % 5]
    smart: list[Doc] = []
    for name in ("v3_20200302_dev.json.gz", "v3_20200302_test.json.gz"):
        for words, tags, _spaces in read_smartdata(data_dir / "ner-german" / "smartdata" / name):
            smart.append(_iob_doc(nlp.vocab, words, tags))
    dev = ge_train[0::10]
    train = [d for i, d in enumerate(ge_train) if i % 10] + smart
    sizes = {}
    for name, docs in (("ner-train", train), ("ner-dev", dev), ("ner-heldout", heldout)):
        DocBin(docs=docs).to_disk(out_dir / f"{name}.spacy")
        sizes[name] = sum(len(d) for d in docs)
    return sizes


def convert_all(data_dir: Path = DATA_DIR, out_dir: Path = CORPUS_DIR) -> dict[str, int]:
    """Write all DocBins to ``out_dir``; return the token count of each."""
    if not (data_dir / "ud-german").is_dir():
        raise FileNotFoundError(f"corpus folder not found: {data_dir} (expected ud-german/ in it)")
    out_dir.mkdir(parents=True, exist_ok=True)
    return convert_syntax(data_dir, out_dir) | convert_ner(data_dir, out_dir)
