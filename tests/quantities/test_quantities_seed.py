"""The seed article: every quantity of the hand-made gold comes out exactly."""

from __future__ import annotations

import json

import pytest

from quellenlage.quantities import parse_quantities
from quellenlage.records import Quantity
from tests.seed import ARTICLE, GOLD


def _gold_quantities() -> list[dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [q for claim in gold["claims"] for q in claim["quantities"]]


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def quantities(text: str) -> list[Quantity]:
    return parse_quantities(text, lang="de")


@pytest.fixture(scope="module")
def found(text: str, quantities: list[Quantity]) -> dict[str, Quantity]:
    for q in quantities:
        assert text[q.span[0] : q.span[1]] == q.text
    return {q.text: q for q in quantities}


@pytest.mark.parametrize("gold", _gold_quantities(), ids=lambda g: g["text"])
def test_gold_quantity(found: dict[str, Quantity], gold: dict) -> None:
    assert gold["text"] in found, f"{gold['text']!r} not found among {sorted(found)}"
    quantity = found[gold["text"]]
    assert quantity.value == gold["value"]
    assert type(quantity.value) is type(gold["value"])
    assert quantity.approx == gold["approx"]
    assert quantity.bound == gold["bound"]
    assert quantity.unit == gold["unit"]


@pytest.mark.parametrize(
    "not_a_quantity",
    ["Vom 8. bis 13. Oktober", "BR24", "im Juni 2023", "zum ersten Mal", "über ein sehr"],
)
def test_dates_names_and_prepositions_stay_out(
    text: str, quantities: list[Quantity], not_a_quantity: str
) -> None:
    start = text.index(not_a_quantity)
    end = start + len(not_a_quantity)
    overlapping = [q for q in quantities if q.span[0] < end and start < q.span[1]]
    assert overlapping == []
