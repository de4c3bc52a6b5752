"""PolNeAR reader and metric (quellenlage.research.polnear), on a fixture written for it."""

from __future__ import annotations

import pytest

from quellenlage.records import Claim, Mention, Source
from quellenlage.research.polnear import (
    PolnearFormatError,
    article_names,
    evaluate,
    read_polnear,
)

TEXT = "The mayor said the bridge was safe. Officials say the river is rising. Rain fell."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _ann(*events: tuple[str, str, str]) -> str:
    lines, n = [], 0
    for number, (source, cue, content) in enumerate(events, 1):
        ids = []
        for role, part in (("Source", source), ("Cue", cue), ("Content", content)):
            n += 1
            s, e = _span(TEXT, part)
            lines.append(f"T{n}\t{role} {s} {e}\t{part}")
            ids.append(f"{role}:T{n}")
        lines.append(f"E{number}\tAttribution:T{n} " + " ".join(ids))
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    gold = _ann(
        ("The mayor", "said", "the bridge was safe"),
        ("Officials", "say", "the river is rising"),
    )
    (tmp_path / "attributions" / "a_ann1.ann").write_text(gold, encoding="utf-8")
    (tmp_path / "attributions" / "a_ann2.ann").write_text("", encoding="utf-8")
    for name in ("b", "c"):
        (tmp_path / "attributions" / f"{name}_x.ann").write_text(gold, encoding="utf-8")
    return tmp_path


def _claim(part: str, source: str | None, cue: str, mode: str = "indirect") -> Claim:
    span = _span(TEXT, part)
    return Claim(
        text=part,
        span=span,
        sentence_span=span,
        mode=mode,  # type: ignore[arg-type]
        certainty="reported",
        cue=Mention(cue, _span(TEXT, cue)),
        source=Source(source, _span(TEXT, source)) if source else None,
    )


def test_reads_the_first_annotator_and_splits(folder):
    articles = read_polnear(folder)
    assert [a.annotation for a in articles] == ["a_ann1.ann", "b_x.ann", "c_x.ann"]
    assert [g.content.text for g in articles[0].attributions] == [
        "the bridge was safe",
        "the river is rising",
    ]
    assert article_names(folder, "heldout") == ["c"]
    assert article_names(folder, "tune") == ["a", "b"]


def test_scores_content_source_cue_and_joint(folder):
    def predict(_text):
        return [
            _claim("the bridge was safe", "The mayor", "said"),  # all right
            _claim("the river is rising", "Rain", "say"),  # wrong source
            _claim("Rain fell", None, "fell"),  # no gold content
            _claim("Rain fell", None, "fell", mode="assertion"),  # not scored
        ]

    result = evaluate(read_polnear(folder, "heldout"), predict)
    assert (result.gold, result.predicted, result.matched) == (2, 3, 2)
    assert result.content["precision"] == pytest.approx(2 / 3)
    assert result.content["recall"] == 1.0
    assert result.source_accuracy == 0.5
    assert result.cue_accuracy == 1.0
    assert result.joint_scores["recall"] == 0.5
    assert result.to_dict()["misses"]["spurious_predictions_by_mode"] == {"indirect": 1}


def test_half_overlap_matches_and_less_does_not(folder):
    [article] = read_polnear(folder, "heldout")
    half = evaluate([article], lambda _t: [_claim("the bridge was", "The mayor", "said")])
    assert half.matched == 1  # 3 of 4 words: F1 0.86
    little = evaluate([article], lambda _t: [_claim("bridge", "The mayor", "said")])
    assert little.matched == 0  # 1 of 4 words: F1 0.4


def test_bad_folder_is_named(tmp_path):
    with pytest.raises(PolnearFormatError, match="not a PolNeAR folder"):
        read_polnear(tmp_path)
