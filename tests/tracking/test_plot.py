"""The timeline plot: distinct styles per source, repeats drawn once, a list instead of labels."""

from __future__ import annotations

import datetime as dt

from quellenlage.tracking.plot import _styles, plot_timeline


def _value(i: int, *, document: int, value: float, day: int = 1) -> dict:
    date = dt.date(2024, 10, day).isoformat()
    return {
        "key": f"k{i}",
        "value": value,
        "text": f"{value:.0f} Soldaten",
        "refers_start": date,
        "refers_end": date,
        "published": date,
        "outlet": f"Blatt {i}",
        "source": f"Quelle {i}",
        "measure": "deployed",
        "value_kind": "total",
        "evidence": {"document_id": document, "span": [10 * i, 10 * i + 5]},
    }


def test_more_than_ten_sources_keep_distinct_colour_and_marker():
    styles = _styles([f"source {i}" for i in range(14)])
    assert len(set(styles.values())) == 14


def test_a_value_repeated_in_one_report_is_one_point_listed_once(tmp_path):
    values = [_value(i, document=i, value=1000 + 100 * i, day=1 + i) for i in range(3)]
    repeat = {**values[1], "key": "again", "evidence": {"document_id": 1, "span": [90, 95]}}
    figure = {"label": "soldiers", "unit_class": "soldier", "timeline": [*values, repeat]}
    path = plot_timeline(figure, tmp_path / "timeline.svg")
    drawn = path.read_text()
    assert "×2 in report" in drawn and "4 values" not in drawn and "3 values" in drawn


def test_plot_with_many_values_and_sources_is_written(tmp_path):
    values = [_value(i, document=i, value=1000 + 100 * i, day=1 + i) for i in range(18)]
    figure = {"label": "soldiers — sent or deployed", "unit_class": "soldier", "timeline": values}
    path = plot_timeline(figure, tmp_path / "timeline.png")
    assert path.stat().st_size > 10_000
