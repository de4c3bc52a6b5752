"""Subjects from the text: countries from gazetteers, a speaker's or dateline's place is not the figure's."""

from __future__ import annotations

from dataclasses import replace

from quellenlage.records import Field
from quellenlage.tracking import track
from quellenlage.tracking.places import country_name, gazetteer
from quellenlage.tracking.subjects import owner_and_places
from tests.tracking.builders import claim, document, quantity


def test_countries_and_demonyms_come_from_the_gazetteer():
    de, en = gazetteer("de"), gazetteer("en")
    assert [de.country_at([w], 0) for w in ("haitianische", "chilenen", "pakistans")] == [
        ("HT", 1),
        ("CL", 1),
        ("PK", 1),
    ]
    assert en.country_at(["sri", "lankan", "troops"], 0) == ("LK", 2)
    assert en.country_at(["many"], 0) is None and de.country_at(["kinder"], 0) is None
    assert country_name("HT") == "Haiti"


def test_a_place_after_the_speaker_is_not_the_figures_place():
    sentence = "Ein Sprecher in Washington sagte, mindestens 3.000 syrische Soldaten seien im Irak."
    start = sentence.index("mindestens")
    owner, places = owner_and_places(sentence, start, start + 30, [(4, 11)], "de")
    assert owner == "SY" and places == {"IQ"}
    spoken = "Ein Sprecher in Washington sagte, mindestens 3.000 syrische Soldaten seien dort."
    assert owner_and_places(spoken, start, start + 30, [], "de") == (
        "SY",
        set(),
    )  # by the role word


def test_the_dateline_is_not_the_figures_place():
    sentence = "KABUL (AP) – Mindestens 150 pakistanische Pilger sind in Mekka eingetroffen."
    start = sentence.index("Mindestens")
    owner, places = owner_and_places(sentence, start, start + 38, [], "de")
    assert owner == "PK" and "AF" not in places


def test_a_toll_in_a_country_no_list_knew_forms_one_figure():
    reports = []
    for day, value in ((13, 100), (14, 150), (15, 230)):
        text = f"Meldung\nIn Haiti sind nach dem Erdbeben {value} Menschen ums Leben gekommen.\n"
        doc = document(text, outlet=f"Blatt {day}", published=f"2010-01-{day}", doc_id=day)
        piece = f"{value} Menschen"
        q = quantity(text, piece, value, "Mensch")
        reports.append((doc, [claim(text, text.split("\n")[1][:-1], quantities=(q,))]))
    english = "Report\nThe earthquake in Haiti killed 300 people, officials said.\n"
    doc = replace(
        document(english, outlet="Wire", published="2010-01-16", doc_id=20),
        language=Field("en", "user"),
    )
    q = quantity(english, "300 people", 300, "people")
    reports.append(
        (doc, [claim(english, "The earthquake in Haiti killed 300 people", quantities=(q,))])
    )
    (figure,) = track(reports).figures
    assert [link.observation.quantity.value for link in figure.links] == [100, 150, 230, 300]
    assert figure.measure == "killed" and figure.places == ("HT",)


def test_a_part_of_a_country_is_another_place_than_the_country():
    cases = {
        ("Im chinesischen Südwesten wurden 51 Personen getötet.", "de"): {"CN/SW"},
        ("In Zentralvietnam wurden 41 Personen getötet.", "de"): {"VN/C"},
        ("Helfer retteten im Süden Äthiopiens 6.000 Menschen.", "de"): {"ET/S"},
        ("In Äthiopien starben 100 Menschen.", "de"): {"ET"},
        ("300 people died in southern Ethiopia.", "en"): {"ET/S"},
        ("51 people died in the south west of China.", "en"): {"CN/SW"},
    }
    for (sentence, lang), places in cases.items():
        assert owner_and_places(sentence, 0, 0, [], lang)[1] == places, sentence


def _toll_report(text: str, day: int, pieces: list[tuple[str, int]]):
    doc = document(text, outlet=f"Blatt {day}", published=f"2008-11-0{day}", doc_id=day)
    claims = []
    for piece, value in pieces:
        sentence = next(s for s in text.split("\n") if piece in s)
        q = quantity(text, piece, value, "Person")
        claims.append(claim(text, sentence.rstrip("."), quantities=(q,)))
    return doc, claims


def test_dort_takes_the_place_of_the_sentence_before_and_regional_tolls_stay_apart():
    first = "Flut\nIn Äthiopien starben bisher 100 Personen.\n"
    second = (
        "Flut\nDer Fluss im Süden Äthiopiens trat über die Ufer.\n"
        "Dort starben 300 Personen.\nLandesweit starben 900 Personen.\n"
    )
    figures = track(
        [
            _toll_report(first, 1, [("100 Personen", 100)]),
            _toll_report(second, 3, [("300 Personen", 300), ("900 Personen", 900)]),
        ]
    ).figures
    values = sorted(sorted(link.observation.quantity.value for link in f.links) for f in figures)
    assert values == [[100, 900], [300]]
    (south,) = [f for f in figures if f.places == ("ET/S",)]
    assert "in southern Ethiopia" in south.label


def test_one_voice_of_one_report_gives_one_value_of_a_figure():
    text = (
        "Flut\nIn Vietnam wurden 51 Personen getötet.\n"
        "In Vietnam wurden außerdem 41 Personen getötet.\n"
    )
    doc = document(text, outlet="Blatt", published="2008-11-05", doc_id=1)
    first = quantity(text, "51 Personen", 51, "Person")
    second = quantity(text, "41 Personen", 41, "Person")
    figures = track(
        [
            (
                doc,
                [
                    claim(text, "In Vietnam wurden 51 Personen getötet", quantities=(first,)),
                    claim(
                        text, "In Vietnam wurden außerdem 41 Personen getötet", quantities=(second,)
                    ),
                ],
            )
        ]
    ).figures
    assert sorted(len(f.links) for f in figures) == [
        1,
        1,
    ]  # the narrator gave two values: two figures
    reasons = {link.reason for f in figures for link in f.links}
    assert reasons == {"first value of this figure"}
