"""Headlines and sub-headings with figures are claims marked ``link="heading"`` (issue 11)."""

from __future__ import annotations

from quellenlage.claims import extract_claims
from quellenlage.records import Claim

BODY = "\n\nIn der Stadt streikten am Montag viele Beschäftigte."


def heading_claims(parse, heading: str, *, first: bool = False) -> list[Claim]:
    """The heading's claims, as a sub-heading after a first paragraph (or as the first line)."""
    text = heading + BODY if first else "Der Tag begann ruhig.\n\n" + heading + BODY
    return [c for c in extract_claims(parse(text)) if c.link == "heading"]


def test_a_source_after_the_final_dash(parse):
    (claim,) = heading_claims(parse, "12.000 Beschäftigte im Warnstreik – Verdi")
    assert claim.text == "12.000 Beschäftigte im Warnstreik"
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "Verdi"


def test_a_cue_frame_in_a_heading(parse):
    (claim,) = heading_claims(parse, "Polizei spricht von rund 8.000 Demonstranten")
    assert claim.mode == "reported" and "8.000 Demonstranten" in claim.text
    assert claim.source is not None and claim.source.text == "Polizei"


def test_a_place_and_a_figure_is_the_outlets_assertion(parse):
    (claim,) = heading_claims(parse, "Hamburg: 300 Flüge gestrichen")
    assert claim.mode == "assertion" and claim.source is None
    assert claim.text == "Hamburg: 300 Flüge gestrichen"


def test_the_title_line_is_no_assertion_but_an_attributed_title_is_a_claim(parse):
    # the first line restates the report; only a title that names its source is a claim
    assert heading_claims(parse, "Hamburg: 300 Flüge gestrichen", first=True) == []
    (claim,) = heading_claims(parse, "12.000 Beschäftigte im Warnstreik – Verdi", first=True)
    assert claim.source is not None and claim.source.text == "Verdi"


def test_a_heading_without_a_figure_is_no_claim(parse):
    assert heading_claims(parse, "Sie werden nicht verschwinden") == []


def test_a_heading_opens_no_attribution_for_the_next_sentence(parse):
    text = "Polizei spricht von rund 8.000 Demonstranten\n\nDie Lage sei ruhig geblieben."
    body = next(c for c in extract_claims(parse(text)) if "ruhig" in c.text)
    assert body.link != "heading"
    assert body.source is None or body.source.text != "Polizei"
