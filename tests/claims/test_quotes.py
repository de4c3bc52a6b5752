"""Quote-mark pairing without a parser."""

from __future__ import annotations

from quellenlage.claims.quotes import find_quotes


def inner_texts(text: str) -> list[str]:
    scan = find_quotes(text)
    return [text[q.inner[0] : q.inner[1]] for q in scan.quotes]


def test_german_low_high_quotes():
    assert inner_texts("Er sagte: „Wir kommen.“ Dann ging er.") == ["Wir kommen."]


def test_guillemets_both_directions():
    assert inner_texts("»Nein«, sagte sie. «Doch», sagte er.") == ["Nein", "Doch"]


def test_straight_and_english_quotes():
    text = 'Die "New York Times" schreibt, “the deal is done”.'
    assert inner_texts(text) == ["New York Times", "the deal is done"]


def test_nested_single_quotes_inside_double():
    text = "„Er rief ‚Halt!‘ und lief weg“, berichtete die Zeugin."
    scan = find_quotes(text)
    assert [(text[q.inner[0] : q.inner[1]], q.depth) for q in scan.quotes] == [
        ("Er rief ‚Halt!‘ und lief weg", 0),
        ("Halt!", 1),
    ]


def test_quote_across_sentences():
    text = "„Wir kommen. Wir bleiben. Wir gehen nicht.“, sagte er."
    assert inner_texts(text) == ["Wir kommen. Wir bleiben. Wir gehen nicht."]


def test_quote_continued_in_next_paragraph():
    text = "Sie sagte: „Das ist der erste Teil.\n\n„Und das ist der zweite.“ Ende."
    scan = find_quotes(text)
    assert len(scan.quotes) == 1
    assert text[scan.quotes[0].start : scan.quotes[0].end].endswith("zweite.“")
    assert scan.unpaired == ()


def test_unbalanced_mark_is_reported_not_paired():
    text = "Er sagte: „Das bleibt offen.\n\nNeuer Absatz ohne Zitat."
    scan = find_quotes(text)
    assert scan.quotes == ()
    assert scan.unpaired == (text.index("„"),)


def test_apostrophe_is_not_a_quote():
    assert find_quotes("Hier geht’s zur Anmeldung, sagt’s.").quotes == ()
