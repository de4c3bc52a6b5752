"""Convert the English corpora into spaCy DocBin files: UD English EWT and GUM (permissive genres).

Splits (all fixed, deterministic):

- ``en_syntax-train``: EWT train + GUM train (UD trees, PTB tags, features, lemmas);
- ``en_syntax-dev``: GUM dev, used by ``spacy train`` for model selection only;
- ``en_syntax-heldout``: EWT dev, never trained on nor selected on; the issue's syntax measure;
- ``en_ner-train`` / ``en_ner-dev`` / ``en_ner-heldout``: GUM train / dev / test named mentions.

English multi-word tokens ("don't" = "do" + "n't", "Lopez's" = "Lopez" + "'s") are split into
their words, as spaCy's English tokenizer splits them on raw text.

GUM marks named mentions as full noun phrases with a Wikipedia identity ("the UK", "his" for a
named person, "Zurbarán's"). The NER data keeps the names only: each identity mention is cut to
the span from its first to its last proper noun; mentions without a proper noun (pronouns,
"the country") are no entities. Types: person → PER, organization → ORG, place → LOC; every
other GUM type with a name (event, object, abstract, substance, animal, plant, time) → MISC.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from training.convert import DATA_DIR, UDSentence, group_into_docs, read_conllu

GUM_LABELS = {"person": "PER", "organization": "ORG", "place": "LOC"}
GUM = "gum-permissive"
EWT = "ud-english-ewt"


def english_sentence_to_doc(vocab, sentence: UDSentence) -> Doc:
    """A Doc with PTB tags, UPOS, features, lemmas and dependencies; multi-word tokens split."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    position: dict[int, int] = {}
    flat = []
    for token in sentence.tokens:
        for j, word in enumerate(token.words):
            position[word.index] = len(flat)
            last = j == len(token.words) - 1
            flat.append((word, token.space_after if last else False))
    for word, space in flat:
        words.append(word.form)
        spaces.append(space)
        tags.append(word.xpos if word.xpos != "_" else "")
        pos.append(word.upos)
        morphs.append("" if word.feats == "_" else word.feats)
        lemmas.append(word.lemma)
        heads.append(position[word.index] if word.head == 0 else position[word.head])
        deps.append("ROOT" if word.head == 0 else word.deprel)
    return Doc(
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


def read_gum_names(path: Path) -> dict[tuple[str, int], str]:
    """``(sent_id, word id) → BIO tag`` of GUM's named (Wikified) mentions, GUM types."""
    tags = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] != "O":
                tags[(cols[1], int(cols[2]))] = cols[6]
    return tags


def name_spans(
    sentence: UDSentence, tags: dict[tuple[str, int], str]
) -> list[tuple[int, int, str]]:
    """Word-index spans ``(start, end_exclusive, label)`` cut to their proper nouns."""
    words = [w for token in sentence.tokens for w in token.words]
    mentions: list[list] = []
    for i, word in enumerate(words):
        tag = tags.get((sentence.sent_id, word.index), "O")
        if tag == "O":
            continue
        prefix, _, kind = tag.partition("-")
        if prefix == "B" or not mentions or mentions[-1][1] != i or mentions[-1][2] != kind:
            mentions.append([i, i + 1, kind])
        else:
            mentions[-1][1] = i + 1
    spans = []
    for start, end, kind in mentions:
        proper = [i for i in range(start, end) if words[i].upos == "PROPN"]
        if proper:
            spans.append((proper[0], proper[-1] + 1, GUM_LABELS.get(kind, "MISC")))
    return spans


def gum_ner_docs(vocab, conllu: Path, entities: Path) -> list[Doc]:
    tags = read_gum_names(entities)
    docs = []
    for sentence in read_conllu(conllu):
        # Only the entities are the NER's target; the syntax stays with the syntax pipeline.
        words = [w for token in sentence.tokens for w in token.words]
        spaces = []
        for token in sentence.tokens:
            spaces += [False] * (len(token.words) - 1) + [token.space_after]
        iob = ["O"] * len(words)
        for start, end, label in name_spans(sentence, tags):
            iob[start] = f"B-{label}"
            iob[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
        docs.append(Doc(vocab, words=[w.form for w in words], spaces=spaces, ents=iob))
    return docs


def convert_english(data_dir: Path = DATA_DIR, out_dir: Path | None = None) -> dict[str, int]:
    """Write the English DocBins to ``out_dir``; return the token count of each."""
    from training.convert import CORPUS_DIR

    out_dir = out_dir or CORPUS_DIR
    for folder in (EWT, GUM):
        if not (data_dir / folder).is_dir():
            raise FileNotFoundError(f"corpus folder not found: {data_dir / folder}")
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("en").vocab

    def ud(path: Path) -> list[Doc]:
        return [english_sentence_to_doc(vocab, s) for s in read_conllu(path)]

    ewt, gum = data_dir / EWT, data_dir / GUM
    sets = {
        "en_syntax-train": group_into_docs(
            ud(ewt / "en_ewt-ud-train.conllu") + ud(gum / "en_gum-permissive-train.conllu"), 5
        ),
        "en_syntax-dev": ud(gum / "en_gum-permissive-dev.conllu"),
        "en_syntax-heldout": group_into_docs(ud(ewt / "en_ewt-ud-dev.conllu"), 5),
    }
    for split, name in (("train", "train"), ("dev", "dev"), ("test", "heldout")):
        sets[f"en_ner-{name}"] = gum_ner_docs(
            vocab,
            gum / f"en_gum-permissive-{split}.conllu",
            gum / f"en_gum-permissive-{split}.entities.tsv",
        )
    sizes = {}
    for name, docs in sets.items():
        DocBin(docs=docs).to_disk(out_dir / f"{name}.spacy")
        sizes[name] = sum(len(d) for d in docs)
    return sizes
