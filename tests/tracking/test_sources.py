"""Source names, kinds and the citation graph."""

from __future__ import annotations

import pytest

from quellenlage.records import Source
from quellenlage.tracking import normalise_source, track
from quellenlage.tracking.sources import SourceTable
from tests.tracking.story import story


@pytest.mark.parametrize(
    ("mention", "name", "kind"),
    [
        ("die Nachrichtenagentur Reuters", "Reuters", "agency"),
        ("Reuters", "Reuters", "agency"),
        ("Nato", "NATO", "organisation"),
        ("die NATO", "NATO", "organisation"),
        ("der südkoreanische Geheimdienst", "NIS (südkoreanischer Geheimdienst)", "organisation"),
        ("südkoreanischen Geheimdienstes", "NIS (südkoreanischer Geheimdienst)", "organisation"),
        ("South Korea's spy agency", "NIS (südkoreanischer Geheimdienst)", "organisation"),
        (
            "der ukrainische Militärgeheimdienst HUR",
            "HUR (ukrainischer Militärgeheimdienst)",
            "organisation",
        ),
        ("„New York Times“", "New York Times", "media"),
        ("südkoreanischer Militärkreise", "südkoreanische Militärkreise", "group"),
        ("südkoreanische Parlamentsabgeordnete", "südkoreanische Parlamentsabgeordnete", "person"),
        # as the claim extractor hands them over
        ("Angaben des US-Außenministeriums", "US-Außenministerium", "organisation"),
        ("Einschätzung der US-Regierung", "USA", "state"),
        (
            "Worten des ukrainischen Präsidenten Wolodymyr Selenskyj",
            "Wolodymyr Selenskyj",
            "person",
        ),
        ("Die südkoreanische Nachrichtenagentur Yonhap", "Yonhap", "agency"),
        ("Nato-Generalsekretär Mark Rutte", "Mark Rutte", "person"),
        ("den südkoreanischen Abgeordneten Lee Seong-kweun", "Lee Seong-kweun", "person"),
        ("einem Geheimdienst-Briefing", "Geheimdienst-Briefing", "document"),
        ("die Nato und die USA", "NATO und USA", "group"),
        ("Russland- und Nordkorea-Experten", "Russland- und Nordkorea-Experten", "group"),
    ],
)
def test_names_are_normalised(mention, name, kind):
    assert normalise_source(mention) == (name, kind)


def test_unknown_names_keep_their_own_spelling():
    assert normalise_source("Lee Seong-kweun") == ("Lee Seong-kweun", None)


def test_source_table_counts_claims_and_mentions():
    sources = {s.name: s for s in track(story()).sources}
    assert sources["Reuters"].claims == 2
    assert sources["Geheimdienst-Briefing"].claims == 0
    assert sources["Geheimdienst-Briefing"].mentions == 2
    assert sources["NATO"].variants == ("die Nato",)


def test_citation_graph_follows_chains_from_the_outlet():
    graph = track(story()).graph
    assert graph.edges["BR24", "Reuters"]["count"] == 2
    assert graph.edges["Reuters", "südkoreanische Parlamentsabgeordnete"]["count"] == 2
    assert (
        graph.edges["südkoreanische Parlamentsabgeordnete", "Geheimdienst-Briefing"]["count"] == 2
    )
    assert graph.nodes["Reuters"]["kind"] == "agency"
    assert graph.nodes["BR24"]["kind"] == "media"
    assert graph.nodes["Reuters"]["claims"] == 2


def _table(*mentions: str) -> SourceTable:
    table = SourceTable()
    for mention in mentions:
        table.add(Source(mention, None), as_claim_source=True)
    table.resolve()
    return table


def test_a_surname_alone_joins_the_one_full_name_it_stands_for():
    table = _table("Nato-Generalsekretär Mark Rutte", "Rutte in Brüssel")
    entries = table.entries()
    assert [(e.name, e.mentions, e.claims) for e in entries] == [("Mark Rutte", 2, 2)]
    assert table.canonical("Rutte") == "Mark Rutte"


def test_a_surname_shared_by_two_people_stays_apart():
    table = _table("Präsident Joe Biden", "Sprecherin Jill Biden", "Biden")
    assert table.canonical("Biden") == "Biden"
    assert {e.name for e in table.entries()} == {"Joe Biden", "Jill Biden", "Biden"}
