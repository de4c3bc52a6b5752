"""Figure linking on a hand-made developing story."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from quellenlage.records import Field
from quellenlage.tracking import Override, track
from quellenlage.tracking.linking import Figure
from tests.tracking.builders import claim, document, quantity, time
from tests.tracking.story import seed, story


def _troop_figure(figures: list[Figure]) -> Figure:
    holding = [
        f for f in figures if any(link.observation.quantity.value == 12000 for link in f.links)
    ]
    assert len(holding) == 1
    return holding[0]


def _values(figure: Figure) -> list[tuple[float, str | None]]:
    return [
        (link.observation.quantity.value, link.observation.report.outlet) for link in figure.links
    ]


def test_troop_figure_holds_every_troop_value_in_time_order():
    figure = _troop_figure(track(story()).figures)
    assert sorted(_values(figure)) == sorted(
        [
            (1500, "BR24"),  # 8.–13. Oktober
            (3000, "BR24"),  # report date 2024-10-24
            (10000, "BR24"),  # Kim's plan, report date
            (10000, "Demo-Tagblatt"),
            (12000, "Ostsee-Demo-Kurier"),
            (8000, "Demo-Abendzeitung"),
            (10000, "BR24"),  # "bis Dezember"
        ]
    )
    assert _values(figure)[0] == (1500, "BR24")
    assert _values(figure)[-1] == (10000, "BR24")
    dates = [link.observation.refers_to.sort_date for link in figure.links]
    assert dates == sorted(dates)
    assert figure.unit_class == "soldier"
    assert figure.owner == "KP"
    assert "RU" in figure.places


def test_unrelated_quantities_stay_out_of_the_troop_figure():
    figure = _troop_figure(track(story()).figures)
    texts = {link.observation.quantity.text for link in figure.links}
    assert "rund 1,2 Millionen Soldaten" not in texts  # the whole North Korean army
    assert not any("gefallenen" in t for t in texts)  # Russian losses
    assert "rund 1.500 Soldaten" not in texts  # Russian losses per day
    assert "500 Offiziere" not in texts
    assert "mehr als 13.000 Container" not in texts


def test_every_link_has_a_score_and_a_reason():
    for figure in track(story()).figures:
        for link in figure.links:
            assert 0 < link.score <= 1
            assert link.reason
    figure = _troop_figure(track(story()).figures)
    joined = [link for link in figure.links if link.reason != "first value of this figure"]
    assert all("unit class 'soldier'" in link.reason for link in joined)


def test_chain_and_source_are_kept_on_each_value():
    figure = _troop_figure(track(story()).figures)
    reuters = [
        link.observation.claim for link in figure.links if link.observation.quantity.value == 3000
    ]
    assert reuters[0].source.name == "Reuters"
    assert [s.name for s in reuters[0].chain] == [
        "südkoreanische Parlamentsabgeordnete",
        "Geheimdienst-Briefing",
    ]


def test_relative_times_resolve_against_the_report_date():
    figure = _troop_figure(track(story()).figures)
    first = figure.links[0].observation.refers_to
    assert (first.start, first.end) == (dt.date(2024, 10, 8), dt.date(2024, 10, 13))
    last = figure.links[-1].observation.refers_to
    assert last.relation == "until" and last.end == dt.date(2024, 12, 31)


def test_a_report_without_a_date_keeps_its_values_but_places_them_last():
    doc, claims = seed()
    undated = replace(doc, published=replace(doc.published, value=None))
    figures = track([(undated, claims)]).figures
    assert sum(len(f.links) for f in figures) == sum(len(c.quantities) for c in claims)


def test_split_takes_a_value_out_and_survives_relinking():
    first = track(story())
    figure = _troop_figure(first.figures)
    victim = next(
        link.observation for link in figure.links if link.observation.quantity.value == 8000
    )
    overrides = [Override("split", victim.key)]
    again = track(story(), overrides)
    figure = _troop_figure(again.figures)
    assert victim.key not in {link.observation.key for link in figure.links}
    alone = [f for f in again.figures if victim.key in {link.observation.key for link in f.links}]
    assert len(alone) == 1 and len(alone[0].links) == 1 and alone[0].links[0].manual


def test_merge_joins_two_figures_and_a_later_merge_undoes_a_split():
    tracking = track(story())
    troops = _troop_figure(tracking.figures)
    army = next(f for f in tracking.figures if f.links[0].observation.quantity.value == 1_200_000)
    army_key = army.links[0].observation.key
    merged = track(story(), [Override("merge", army_key, troops.links[0].observation.key)])
    figure = _troop_figure(merged.figures)
    army_link = next(link for link in figure.links if link.observation.key == army_key)
    assert army_link.manual and "merged by hand" in army_link.reason

    victim = troops.links[-1].observation.key
    overrides = [
        Override("split", victim),
        Override("confirm", victim, troops.links[0].observation.key),
    ]
    figure = _troop_figure(track(story(), overrides).figures)
    assert victim in {link.observation.key for link in figure.links}


def test_override_for_a_value_that_disappeared_is_ignored():
    tracking = track(story(), [Override("merge", "nothing:1-2", "gone:3-4")])
    assert len(_troop_figure(tracking.figures).links) == 7


def test_english_troops_join_the_german_soldier_figure():
    text = (
        "South Korea says 3,000 North Korean troops already in Russia\n"
        "About 3,000 North Korean troops have been sent to Russia, lawmakers said.\n"
    )
    doc = replace(
        document(text, outlet="Demo Wire", published="2024-10-25", doc_id=9),
        language=Field("en", "user"),
    )
    claims = [
        claim(
            text,
            "About 3,000 North Korean troops have been sent to Russia",
            source="lawmakers",
            quantities=(
                quantity(text, "About 3,000 North Korean troops", 3000, "troop", approx=True),
            ),
        )
    ]
    figure = _troop_figure(track([*story(), (doc, claims)]).figures)
    english = [link for link in figure.links if link.observation.report.outlet == "Demo Wire"]
    assert len(english) == 1
    assert "unit class 'soldier'" in english[0].reason


def test_a_running_total_since_a_date_refers_up_to_the_report_date():
    text = "Seit August letzten Jahres habe Nordkorea 13.000 Container nach Russland geliefert.\n"
    doc = document(text, outlet="BR24", published="2024-10-24", doc_id=5)
    since = time(text, "Seit August letzten Jahres", "-1-08", granularity="month", relation="since")
    claims = [
        claim(
            text,
            "habe Nordkorea 13.000 Container nach Russland geliefert",
            quantities=(quantity(text, "13.000 Container", 13000, "Container"),),
            times=(since,),
        )
    ]
    (figure,) = track([(doc, claims)]).figures
    ref = figure.links[0].observation.refers_to
    assert (ref.start, ref.end) == (dt.date(2023, 8, 1), dt.date(2024, 10, 24))
