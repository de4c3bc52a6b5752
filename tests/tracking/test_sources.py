"""Source names, kinds and the citation graph."""

from __future__ import annotations

import pytest

from quellenlage.records import Source
from quellenlage.tracking import normalise_source, track
from quellenlage.tracking.sources import SourceTable
from tests.tracking.builders import claim, document
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


@pytest.mark.parametrize(
    ("mention", "name", "kind"),
    [
        ("des Bürgermeisters Hans Müller", "Hans Müller", "person"),
        ("Doch Annika Poestges", "Annika Poestges", None),
        ("Auffassung der Gerichts", "Gericht", None),
        ("Geheimdienstes", "Geheimdienst", "organisation"),
        ("Andreas", "Andreas", None),  # a name ending in -s is no genitive
        ("Angaben der Hilfsorganisation Ärzte ohne Grenzen", "Ärzte ohne Grenzen", "organisation"),
        ("Doctors Without Borders", "Ärzte ohne Grenzen", "organisation"),
    ],
)
def test_lemma_forms_leading_words_and_aliases(mention, name, kind):
    assert normalise_source(mention) == (name, kind)


def test_a_role_is_kept_with_the_person():
    table = _table("des Bürgermeisters Hans Müller", "Bürgermeister Hans Müller")
    (entry,) = table.entries()
    assert (entry.name, entry.roles, entry.mentions) == ("Hans Müller", ("Bürgermeister",), 2)


def _generic_report(text, outlet, day, mentions):
    doc = document(text, outlet=outlet, published=f"2024-05-0{day}", doc_id=day)
    return doc, [claim(text, text.split("\n")[1][:-1], source=m) for m in mentions]


def test_generic_descriptions_are_not_merged_across_reports():
    one = _generic_report("T\nDer Verband sagte, es sei gut.\n", "Blatt", 1, ["Der Verband"])
    two = _generic_report("T\nDer Verband sagte, es sei schlecht.\n", "Zeitung", 2, ["Der Verband"])
    named = _generic_report(
        "T\nDer Deutsche Bauernverband warnte. Der Verband sagte, es sei spät.\n",
        "Kurier",
        3,
        ["Der Deutsche Bauernverband", "Der Verband"],
    )
    tracking = track([one, two, named])
    names = {e.name: e.mentions for e in tracking.sources}
    assert names["Verband (Blatt, 2024-05-01)"] == 1
    assert names["Verband (Zeitung, 2024-05-02)"] == 1
    assert names["Deutsche Bauernverband"] == 2  # the report names the organisation
    source = one[1][0].source
    assert tracking.source_name(source, one[0].content_hash) == "Verband (Blatt, 2024-05-01)"


def test_users_extend_the_aliases(tmp_path, monkeypatch):
    from quellenlage.tracking import aliases, sources

    extra = tmp_path / "aliases.tsv"
    extra.write_text("Pentagon\torganisation\tdas verteidigungsministerium der usa\n")
    monkeypatch.setenv("QUELLENLAGE_ALIASES", str(extra))
    for cached in (
        aliases.aliases,
        aliases.alias_index,
        sources.normalise_source,
        sources._identity,
    ):
        cached.cache_clear()
    try:
        assert normalise_source("das Verteidigungsministerium der USA")[0] == "Pentagon"
        assert normalise_source("US-Verteidigungsministerium")[0] == "Pentagon"  # still there
    finally:
        monkeypatch.delenv("QUELLENLAGE_ALIASES")
        for cached in (
            aliases.aliases,
            aliases.alias_index,
            sources.normalise_source,
            sources._identity,
        ):
            cached.cache_clear()


def test_source_names_end_before_a_number_and_take_the_name_of_an_apposition():
    from quellenlage.tracking.sources import normalise_source

    assert normalise_source("einem Artikel der Nachrichtenagentur Reuters 900 Menschen") == (
        "Reuters",
        "agency",
    )
    assert normalise_source("Tegaye Mununhe, der Polizeichef der Region")[0] == "Tegaye Mununhe"
    assert normalise_source("lawmaker Lee Seong-kweun, who attended the briefing")[0] == (
        "Lee Seong-kweun"
    )
    assert normalise_source("des Parteichefs Hanois, Pham Quang Nghi")[0] == "Pham Quang Nghi"
    assert normalise_source("Regierungsangaben") == ("Regierung", "state")
    assert normalise_source("die 27 EU-Staaten")[0] != ""


def test_source_kinds_are_checked_against_what_the_name_is():
    from quellenlage.records import Source
    from quellenlage.tracking.sources import source_identity

    assert source_identity(Source("Moskau", None, "unknown")) == ("Moskau", "state")
    assert source_identity(Source("Süden Äthiopiens", None, "document"))[1] == "unknown"
    assert source_identity(Source("Angaben des Gesundheitsministeriums", None, "document")) == (
        "Gesundheitsministerium",
        "organisation",
    )
    assert source_identity(Source("Hans Müller", None, "document")) == ("Hans Müller", "person")
