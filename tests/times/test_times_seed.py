"""The seed article: every time of the hand-made gold comes out exactly.

The gold writes unresolved forms ("--10-08": day in the publication year, "-1-08": August
of the year before); with ``published=2024-10-24`` they must resolve to full dates.
"""

from __future__ import annotations

import json

import pytest

from quellenlage.times import parse_times, resolve
from tests.seed import ARTICLE, GOLD

PUBLISHED = "2024-10-24"


def _gold_times() -> list[dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [t for claim in gold["claims"] for t in claim["times"]]


def _resolved(partial: str | None) -> str | None:
    """The gold's partial form resolved against 2024-10-24, independently of the parser."""
    if partial is None:
        return None
    if partial.startswith("--"):
        return "2024-" + partial[2:]
    if partial.startswith("-1"):
        return "2023" + partial[2:]
    return partial


def _by_text(published: str | None) -> dict[str, object]:
    text = ARTICLE.read_text(encoding="utf-8")
    return {t.text: t for t in parse_times(text, lang="de", published=published)}


@pytest.mark.parametrize("gold", _gold_times(), ids=lambda g: g["text"])
def test_gold_time_without_date(gold: dict) -> None:
    found = _by_text(None)
    assert gold["text"] in found, f"{gold['text']!r} not among {sorted(found)}"
    expr = found[gold["text"]]
    assert expr.relative == gold["relative"]
    assert expr.resolved == (not gold["relative"])
    for key in ("start", "end"):
        if key in gold:
            assert getattr(expr, key) == gold[key]
    if gold["relative"]:
        assert expr.parts, "an unresolved expression keeps its parts"


@pytest.mark.parametrize("gold", _gold_times(), ids=lambda g: g["text"])
def test_gold_time_with_date(gold: dict) -> None:
    expr = _by_text(PUBLISHED)[gold["text"]]
    assert expr.resolved
    for key in ("start", "end"):
        if key in gold:
            assert getattr(expr, key) == _resolved(gold[key])


def test_relations_and_the_wednesday() -> None:
    found = _by_text(PUBLISHED)
    assert found["am Mittwoch"].start == "2024-10-23"
    assert found["Bis Dezember"].relation == "until"
    assert found["Bis Dezember"].start is None
    assert found["seit August letzten Jahres"].relation == "since"
    assert found["seit August letzten Jahres"].end is None
    assert found["Seit letztem Jahr"].start == "2023"
    assert found["Vom 8. bis 13. Oktober"].relation == "during"


def test_resolve_later_equals_parsing_with_the_date() -> None:
    later = resolve(list(_by_text(None).values()), PUBLISHED)
    direct = list(_by_text(PUBLISHED).values())
    assert [(t.text, t.start, t.end, t.resolved) for t in later] == [
        (t.text, t.start, t.end, t.resolved) for t in direct
    ]
