"""Teaser lines of other articles are no claims of the report (issue 11)."""

from __future__ import annotations

from quellenlage.claims import extract_claims

REPORT = "Die Stadt hat 2.000 Notbetten eingerichtet, sagte der Bürgermeister."


def claim_texts(parse, text: str) -> list[str]:
    return [c.text for c in extract_claims(parse(text), include_assertions=True)]


def test_a_list_item_of_a_label_and_a_quote_is_a_teaser(parse):
    text = (
        REPORT
        + "\n\n- Digitalministerin Maier: „Wir brauchen 500 neue Funkmasten“\n\nDas Land zahlt 30 Millionen Euro."
    )
    texts = claim_texts(parse, text)
    assert not any("Funkmasten" in t for t in texts)
    assert any("30 Millionen" in t for t in texts) and any("Notbetten" in t for t in texts)


def test_a_report_s_own_list_item_stays_a_claim(parse):
    text = (
        REPORT
        + "\n\n- Am Montag wurden 300 Flüge gestrichen.\n- Die Bahn setzte 40 Ersatzbusse ein."
    )
    texts = claim_texts(parse, text)
    assert any("300 Flüge" in t for t in texts) and any("40 Ersatzbusse" in t for t in texts)


def test_a_read_also_line_is_a_teaser(parse):
    text = (
        REPORT
        + "\n\nLesen Sie auch: Minister sagt, 80 Prozent der Schulen seien saniert.\n\nDas Land zahlt 30 Millionen Euro."
    )
    texts = claim_texts(parse, text)
    assert not any("80 Prozent" in t for t in texts)
    assert any("30 Millionen" in t for t in texts)


def test_the_lines_of_a_list_of_links_under_a_lead_are_teasers(parse):
    text = (
        REPORT
        + "\n\nMehr zum Thema:\n\n"
        + "Streik: 12.000 Beschäftigte legen die Arbeit nieder\n\n"
        + "Verband erwartet 5 Prozent weniger Umsatz\n\n"
        + "Die Stadt rechnet mit Kosten von 3 Millionen Euro."
    )
    texts = claim_texts(parse, text)
    assert not any("12.000" in t or "5 Prozent" in t for t in texts)
    assert any("3 Millionen" in t for t in texts)


def test_a_teaser_does_not_take_the_open_source_along(parse):
    text = (
        "Der Verband sagte, die Preise seien um 4 Prozent gestiegen.\n"
        "- Bauminister Huber: „Wir bauen 400.000 Wohnungen“\n"
        "Die Mieten seien um 6 Prozent gestiegen."
    )
    claims = extract_claims(parse(text))
    assert not any("400.000" in c.text for c in claims)
    rent = next(c for c in claims if "6 Prozent" in c.text)
    assert rent.source is None or rent.source.name != "Bauminister Huber"
