"""English attribution over the parse of the shipped pipeline (quellenlage.claims.english).

Every sentence here is written for the test; each test names the frame it covers.
"""

from __future__ import annotations

import pytest

from quellenlage import nlp
from quellenlage.claims.english import extract_english_claims, source_kind


@pytest.fixture(scope="module")
def english():
    return nlp.load("en")


def claims(english, text, include_assertions=False):
    doc = english(text)
    found = extract_english_claims(doc, include_assertions=include_assertions)
    for claim in found:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text
    return found


def one(english, text):
    found = claims(english, text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def test_reporting_verb_with_subject_and_clause(english):
    claim = one(english, "The health minister said that the hospitals in the north were full.")
    assert claim.mode == "indirect"
    assert claim.source.text == "The health minister"
    assert claim.source.kind == "person"
    assert claim.cue.text == "said"
    assert claim.text == "the hospitals in the north were full"
    assert claim.certainty == "reported"
    assert claim.medium == "speech"


def test_sentence_final_frame_with_a_day(english):
    claim = one(english, "The plant will cut some 2,000 jobs, the company said on Monday.")
    assert claim.text == "The plant will cut some 2,000 jobs"
    assert claim.source.text == "the company"
    assert claim.source.kind == "organisation"


def test_inverted_frame_after_the_content(english):
    claim = one(english, "The bridge will stay closed until March, said Maria Lopez.")
    assert claim.text == "The bridge will stay closed until March"
    assert claim.source.text == "Maria Lopez"
    assert claim.cue.text == "said"


def test_according_to(english):
    claim = one(english, "According to the regional government, 300 schools were closed on Friday.")
    assert claim.mode == "according_to"
    assert claim.source.text == "the regional government"
    assert claim.text == "300 schools were closed on Friday"


def test_told_with_addressee_and_citing_chain(english):
    claim = one(
        english,
        "The general told lawmakers that the army had enough shells, citing intelligence reports.",
    )
    assert claim.source.text == "The general"
    assert claim.addressee.text == "lawmakers"
    assert [s.text for s in claim.chain] == ["intelligence reports"]
    assert claim.text == "the army had enough shells"


def test_according_to_wraps_a_told_frame_into_a_chain(english):
    claim = one(
        english,
        "The spy agency told lawmakers that 3,000 soldiers had been sent abroad, "
        "according to a senior lawmaker.",
    )
    assert claim.mode == "according_to"
    assert claim.source.text == "a senior lawmaker"
    assert [s.text for s in claim.chain] == ["The spy agency"]
    assert claim.text == "3,000 soldiers had been sent abroad"


def test_possessive_spokesman_keeps_the_whole_phrase(english):
    claim = one(english, "The ministry's spokesman said the talks would resume next week.")
    assert claim.source.text == "The ministry's spokesman"
    assert claim.source.kind == "person"


def test_title_before_a_name_keeps_the_name(english):
    claim = one(english, "UN Secretary-General António Guterres said the ceasefire had to hold.")
    assert claim.source.text == "UN Secretary-General António Guterres"
    assert claim.source.name == "António Guterres"
    assert claim.text == "the ceasefire had to hold"


def test_reporting_noun_with_its_source(english):
    claim = one(english, "A report by the World Bank found that growth slowed sharply last year.")
    assert "World Bank" in claim.source.text
    assert claim.text == "growth slowed sharply last year"


def test_impersonal_passive_has_no_source(english):
    claim = one(english, "It was reported that the talks had failed after two days.")
    assert claim.source is None
    assert claim.mode == "indirect"
    assert claim.text == "the talks had failed after two days"


def test_raising_passive_is_hedged(english):
    claim = one(english, "The rebels are believed to have left the city overnight.")
    assert claim.source is None
    assert claim.certainty == "hedged"
    assert "left the city" in claim.text


def test_direct_quote_with_speaker_after(english):
    claim = one(english, "“We will not send troops,” the defence minister said.")
    assert claim.mode == "direct"
    assert claim.text == "We will not send troops"
    assert claim.source.text == "the defence minister"


def test_direct_quote_with_speaker_before_across_sentences(english):
    claim = one(
        english, "The mayor said: “The water is safe. Nobody has fallen ill. We test it daily.”"
    )
    assert claim.mode == "direct"
    assert claim.source.text == "The mayor"
    assert claim.text == "The water is safe. Nobody has fallen ill. We test it daily"


def test_quoted_paragraph_continues_the_speaker(english):
    text = (
        "“The fire is under control,” the fire chief said.\n\n"
        "“We expect the roads to open again by the evening.”"
    )
    first, second = claims(english, text)
    assert first.source.text == "the fire chief"
    assert second.mode == "direct"
    assert second.inherited
    assert second.source.text == "the fire chief"
    assert second.text == "We expect the roads to open again by the evening"


def test_pronoun_and_description_resolve_to_names(english):
    text = (
        "Maria Lopez, a spokeswoman for the city, said the park would reopen. "
        "She said the repairs had cost 2 million dollars. "
        "The spokeswoman added that the lake was still closed."
    )
    found = claims(english, text)
    assert [c.source.text for c in found] == [
        "Maria Lopez, a spokeswoman for the city",
        "She",
        "The spokeswoman",
    ]
    assert found[1].source.resolved == "Maria Lopez"
    assert found[1].inherited
    assert found[2].source.resolved == "Maria Lopez"


def test_hedges_and_denials(english):
    hedged = one(english, "Officials said the strike may have killed 20 people.")
    assert hedged.certainty == "hedged"
    assert "may" in hedged.hedges
    denied = one(english, "The company denied that it had hidden the losses.")
    assert denied.certainty == "denied"
    assert denied.text == "it had hidden the losses"


def test_reportedly_in_an_assertion(english):
    [claim] = claims(
        english, "The army reportedly sent 1,500 soldiers to the border.", include_assertions=True
    )
    assert claim.mode == "assertion"
    assert claim.certainty == "hedged"
    assert claim.hedges == ("reportedly",)


def test_headline_with_its_attribution(english):
    claim = one(english, "Strike Closes 300 Schools, Union Says")
    assert claim.text == "Strike Closes 300 Schools"
    assert claim.source.text == "Union"
    assert claim.cue.text == "Says"


def test_transcript_lines(english):
    text = "Maria Lopez spoke to the council.\n\nLOPEZ: The budget is too small for the schools."
    found = claims(english, text)
    assert found[-1].source.text == "LOPEZ"
    assert found[-1].text == "The budget is too small for the schools"
    assert found[-1].cue.text == ":"


def test_signed_quote(english):
    claim = one(english, "“The new law helps nobody.” ― Maria Lopez")
    assert claim.source.text == "Maria Lopez"
    assert claim.text == "The new law helps nobody"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“An opening quote that never closes, the minister said.",
        "He said ” that ” “ nothing.",
        "Der Minister sagte, die Lage sei ernst. The minister said the situation was serious.",
        " ".join(["The official said the number of soldiers rose"] * 400) + ".",
        "said said said , , according to according to citing",
    ],
)
def test_bad_input_never_raises(english, text):
    found = claims(english, text, include_assertions=True)
    assert isinstance(found, list)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Reuters", "agency"),
        ("the Pentagon", "organisation"),
        ("Western officials", "group"),
        ("The New York Times", "media"),
        ("a White House spokeswoman", "person"),
    ],
)
def test_source_kinds(name, kind):
    assert source_kind(name) == kind
