"""The seed article against its hand-made reference: sources and chains of its 26 claims."""

from __future__ import annotations

import json

import pytest

from quellenlage.claims import extract_claims
from quellenlage.records import Claim, Document
from tests.seed import ARTICLE as SAMPLE
from tests.seed import GOLD


def normalise(text: str) -> str:
    return " ".join(text.split())


def clean_document() -> Document:
    from quellenlage.ingest import read_inputs

    documents = [item for item in read_inputs([SAMPLE]) if isinstance(item, Document)]
    assert len(documents) == 1, "the ingest must read the sample"
    return documents[0]


def match(gold: dict, claims: list[Claim], text: str) -> Claim | None:
    """The shortest claim whose text holds the anchor, else one whose sentence holds it."""
    anchor = normalise(gold["anchor"])
    by_text = [c for c in claims if anchor in normalise(c.text)]
    if by_text:
        return min(by_text, key=lambda c: len(c.text))
    by_sentence = [
        c for c in claims if anchor in normalise(text[c.sentence_span[0] : c.sentence_span[1]])
    ]
    return min(by_sentence, key=lambda c: len(c.text)) if by_sentence else None


def right_source(gold: dict, claim: Claim) -> bool:
    if gold.get("source_optional"):
        return True
    if not gold["source"]:
        return claim.source is None
    return claim.source is not None and all(name in claim.source.text for name in gold["source"])


def chain_recovered(gold: dict, claim: Claim) -> bool:
    """Every gold chain element appears, in order, in the claim's chain."""
    texts = [source.text for source in claim.chain]
    position = 0
    for name in gold["chain"]:
        while position < len(texts) and name not in texts[position]:
            position += 1
        if position == len(texts):
            return False
        position += 1
    return True


@pytest.fixture(scope="module")
def seed(nlp_de) -> tuple[dict, list[Claim], str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    document = clean_document()
    claims = extract_claims(nlp_de(document.text))
    return gold, claims, document.text


def test_at_least_22_of_26_claims_have_the_right_source(seed):
    gold, claims, text = seed
    assert len(gold["claims"]) == 26
    wrong = []
    for entry in gold["claims"]:
        claim = match(entry, claims, text)
        if claim is None or not right_source(entry, claim):
            found = None if claim is None else (claim.source.text if claim.source else "")
            wrong.append((entry["anchor"], entry["source"], found))
    assert len(gold["claims"]) - len(wrong) >= 22, wrong


def test_every_gold_chain_is_recovered(seed):
    gold, claims, text = seed
    with_chain = [entry for entry in gold["claims"] if entry["chain"]]
    assert with_chain, "the reference has chains"
    for entry in with_chain:
        claim = match(entry, claims, text)
        assert claim is not None, entry["anchor"]
        assert chain_recovered(entry, claim), (
            entry["anchor"],
            entry["chain"],
            [s.text for s in claim.chain],
        )


def test_headings_and_questions_of_the_seed_are_not_claims(seed):
    _, claims, _ = seed
    for claim in claims:
        assert "Welche Rolle spielt" not in claim.text
        assert not claim.text.startswith("Nordkorea nutzt Ukraine-Krieg")
        assert "Was Putin im Gegenzug" not in claim.text
