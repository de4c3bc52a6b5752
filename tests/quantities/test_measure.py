"""What a number says about what it counts: measure and value kind, German and English."""

from __future__ import annotations

import pytest

from quellenlage.quantities import parse_quantities
from quellenlage.quantities.measure import read, vocabulary

CASES = [
    # (lang, sentence, quantity text, measure, value kind)
    ("de", "Bei dem Erdbeben sind 200 Menschen ums Leben gekommen und 500 verletzt worden.",
     "200", "killed", "total"),
    ("de", "Bei dem Erdbeben sind 200 Menschen ums Leben gekommen und 500 verletzt worden.",
     "500", "wounded", "total"),
    ("de", "Die Behörden zählten 120 Tote und 300 Verletzte.", "120", "killed", "total"),
    ("de", "Die Behörden zählten 120 Tote und 300 Verletzte.", "300", "wounded", "total"),
    ("de", "Es gab 80 Tote und Verletzte.", "80", "casualties", "total"),
    ("de", "Die Zahl der Toten stieg von 100 auf 250.", "100", "killed", "previous"),
    ("de", "Die Zahl der Toten stieg von 100 auf 250.", "250", "killed", "total"),
    ("de", "Seither seien 3.000 Soldaten nach Russland entsandt worden.", "3.000", "deployed",
     "total"),
    ("de", "Er wolle mit rund 10.000 Soldaten den Krieg unterstützen.", "10.000", "planned",
     "total"),
    ("de", "Das Land habe weitere 1.500 Soldaten geschickt.", "1.500", "deployed", "delta"),
    ("de", "Mehr als 50 Menschen werden vermisst, 20 wurden gerettet.", "50", "missing", "total"),
    ("de", "Mehr als 50 Menschen werden vermisst, 20 wurden gerettet.", "20", "other", "total"),
    ("de", "Tausende Menschen wurden obdachlos.", "Tausende", "other", "vague"),
    ("de", "Die Armee verliert täglich 900 Soldaten.", "900", "casualties", "total"),
    ("de", "Die Polizei hat 14 Demonstranten festgenommen.", "14", "captured", "total"),
    ("en", "The earthquake killed at least 200 people and injured 500.", "200", "killed", "total"),
    ("en", "The earthquake killed at least 200 people and injured 500.", "500", "wounded",
     "total"),
    ("en", "About 3,000 troops have been sent to the border.", "3,000", "deployed", "total"),
    ("en", "The number is expected to reach 10,000 by December.", "10,000", "planned", "total"),
    ("en", "Another 1,500 soldiers arrived on Monday.", "1,500", "deployed", "delta"),
    ("en", "Officials said 40 were taken prisoner.", "40", "captured", "total"),
    ("en", "Thousands of people were evacuated.", "Thousands", "other", "vague"),
    ("en", "The storm left 12 people dead or injured.", "12", "casualties", "total"),
    ("en", "The shop sold 300 books last week.", "300", "unknown", "total"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "piece", "measure", "kind"), CASES)
def test_measure_and_value_kind(lang, sentence, piece, measure, kind):
    quantities = parse_quantities(sentence, lang)
    (quantity,) = [q for q in quantities if piece in q.text]
    reading = read(sentence, quantity, lang, others=[q.span for q in quantities])
    assert (reading.measure, reading.kind) == (measure, kind), reading


def test_other_measures_compare_by_what_they_say():
    evacuated = (
        "20 Menschen wurden evakuiert.",
        "7.000 Menschen mussten in Sicherheit gebracht werden.",
    )
    rescued = ("Helfer konnten 6.000 Menschen retten.", "Bisher wurden 600 Menschen gerettet.")
    for sentences, detail in ((evacuated, "other:evacuated"), (rescued, "other:rescued")):
        for sentence in sentences:
            (quantity,) = parse_quantities(sentence, "de")
            assert read(sentence, quantity, "de").detail == detail, sentence


def test_the_governing_word_may_stand_in_the_clause_next_to_the_number():
    sentence = "Die Polizei beziffert die Zahl der Menschen, die gestorben sind, auf 626."
    quantity = next(q for q in parse_quantities(sentence, "de") if q.value == 626)
    assert read(sentence, quantity, "de").measure == "killed"


def test_every_vocabulary_line_is_well_formed():
    for lang in ("de", "en"):
        vocab = vocabulary(lang)
        assert vocab.exact and vocab.prefixes
        assert all(p for p, _ in vocab.prefixes)  # no bare "*" matching every word


def test_annotate_puts_the_reading_on_the_records_of_a_doc_without_a_parse():
    import spacy

    from quellenlage.quantities.measure import annotate

    doc = spacy.blank("de")("Bei dem Beben starben 120 Menschen, weitere 40 werden vermisst.")
    quantities = parse_quantities(doc.text, "de")
    annotated = annotate(doc, quantities)
    assert [(q.value, q.measure, q.value_kind) for q in annotated] == [
        (120, "killed", "total"),
        (40, "missing", "delta"),
    ]
    assert annotated[0].measure_word == "starb"
