"""A figure is one measure of one subject: deployments, losses, plans and vague values."""

from __future__ import annotations

from quellenlage.tracking import track
from tests.tracking.builders import claim, document, quantity

SENT = "Laut Regierung seien 3.000 nordkoreanische Soldaten nach Russland entsandt worden.\n"
KILLED = "Laut Regierung seien 1.000 nordkoreanische Soldaten in Russland getötet worden.\n"
PLAIN = "Laut Regierung sind 3.200 nordkoreanische Soldaten in Russland.\n"
MORE = (
    "Laut Regierung seien weitere 1.500 nordkoreanische Soldaten nach Russland entsandt worden.\n"
)
LATER = "Laut Regierung seien 4.000 nordkoreanische Soldaten nach Russland entsandt worden.\n"
VAGUE = "Laut Regierung seien Tausende nordkoreanische Soldaten nach Russland entsandt worden.\n"


def _report(text, piece, value, *, day, doc_id, vague=False):
    doc = document(text, outlet=f"Blatt {doc_id}", published=f"2024-03-{day:02d}", doc_id=doc_id)
    q = quantity(text, piece, value, "Soldat")
    if vague:
        from dataclasses import replace

        q = replace(q, vague=True)
    return doc, [claim(text, text.strip()[15:-1], source="Regierung", quantities=(q,))]


def _figure_of(tracking, value):
    (figure,) = [
        f
        for f in tracking.figures
        if value in [link.observation.quantity.value for link in f.links]
    ]
    return figure


def test_losses_never_join_the_deployment_figure():
    tracking = track(
        [
            _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
            _report(KILLED, "1.000 nordkoreanische Soldaten", 1000, day=2, doc_id=2),
        ]
    )
    sent, killed = _figure_of(tracking, 3000), _figure_of(tracking, 1000)
    assert sent is not killed
    assert (sent.measure, killed.measure) == ("deployed", "killed")
    assert "measures differ" not in " ".join(link.reason for link in sent.links)


def test_a_value_without_a_measure_joins_where_nothing_conflicts():
    tracking = track(
        [
            _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
            _report(PLAIN, "3.200 nordkoreanische Soldaten", 3200, day=3, doc_id=3),
        ]
    )
    assert _figure_of(tracking, 3000) is _figure_of(tracking, 3200)


def test_a_value_without_a_measure_stays_alone_when_figures_of_two_measures_fit():
    tracking = track(
        [
            _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
            _report(KILLED, "1.000 nordkoreanische Soldaten", 1000, day=1, doc_id=2),
            _report(PLAIN, "3.200 nordkoreanische Soldaten", 3200, day=3, doc_id=3),
        ]
    )
    plain = _figure_of(tracking, 3200)
    assert len(plain.links) == 1
    assert "measure not named" in plain.links[0].reason


def test_an_increment_is_kept_but_never_compared_as_a_total():
    tracking = track(
        [
            _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
            _report(MORE, "weitere 1.500 nordkoreanische Soldaten", 1500, day=1, doc_id=2),
            _report(LATER, "4.000 nordkoreanische Soldaten", 4000, day=1, doc_id=3),
        ]
    )
    figure = _figure_of(tracking, 1500)
    kinds = {link.observation.quantity.value: link.observation.features.value_kind
             for link in figure.links}  # fmt: skip
    assert kinds == {3000: "total", 1500: "delta", 4000: "total"}
    pairs = [(d.first, d.second) for d in tracking.disputed(figure)]
    increment = next(link.observation.key for link in figure.links if kinds[1500] == "delta"
                     and link.observation.quantity.value == 1500)  # fmt: skip
    assert pairs and all(increment not in pair for pair in pairs)  # 3.000 vs 4.000 only


def test_a_vague_value_is_context_not_a_value():
    tracking = track(
        [
            _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
            _report(VAGUE, "Tausende nordkoreanische Soldaten", 1000, day=2, doc_id=2, vague=True),
        ]
    )
    (figure,) = tracking.figures
    assert [link.observation.quantity.value for link in figure.links] == [3000]
    assert [link.observation.quantity.text for link in figure.context] == [
        "Tausende nordkoreanische Soldaten"
    ]


def test_a_vague_value_no_figure_fits_is_kept_apart_not_made_a_figure():
    tracking = track(
        [_report(VAGUE, "Tausende nordkoreanische Soldaten", 1000, day=2, doc_id=2, vague=True)]
    )
    assert tracking.figures == []
    assert [obs.quantity.text for obs in tracking.unplaced] == ["Tausende nordkoreanische Soldaten"]
