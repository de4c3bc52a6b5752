"""English attribution from surface patterns (quellenlage.claims.english)."""

from __future__ import annotations

import pytest
import spacy

from quellenlage.claims.english import extract_english_claims, source_kind


@pytest.fixture(scope="module")
def english():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def claims(english, text):
    doc = english(text)
    found = extract_english_claims(doc)
    for claim in found:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text
    return found


def test_trailing_frame_and_pronoun_continuation(english):
    first, second = claims(
        english,
        "North Korean soldiers have begun fighting in Kursk, a State Department spokesman "
        "said on Tuesday. More than 10,000 North Korean troops are now in Russia, he said.",
    )
    assert first.mode == "indirect"
    assert first.source.text == "a State Department spokesman"
    assert first.source.kind == "person"
    assert first.text == "North Korean soldiers have begun fighting in Kursk"
    assert second.source.text == "he"
    assert second.source.resolved == "a State Department spokesman"
    assert second.inherited


def test_according_to_wraps_a_told_frame_into_a_chain(english):
    [claim] = claims(
        english,
        "South Korea's spy agency told lawmakers on Wednesday that about 3,000 soldiers had "
        "been sent to Russia, according to lawmaker Lee Seong-kweun, who attended the briefing.",
    )
    assert claim.mode == "according_to"
    assert claim.source.text == "lawmaker Lee Seong-kweun"
    assert [s.text for s in claim.chain] == ["South Korea's spy agency"]
    assert claim.addressee.text == "lawmakers"
    assert claim.text == "about 3,000 soldiers had been sent to Russia"


def test_citing_extends_the_chain(english):
    [claim] = claims(
        english, "According to Reuters, citing two officials, Russia has paid for the shells."
    )
    assert claim.source.text == "Reuters"
    assert claim.source.kind == "agency"
    assert [s.text for s in claim.chain] == ["two officials"]
    assert claim.text == "Russia has paid for the shells"


def test_direct_quote_with_speaker_after_it(english):
    [claim] = claims(english, "“We will not send troops,” the minister said.")
    assert claim.mode == "direct"
    assert claim.source.text == "the minister"
    assert claim.medium == "speech"
    assert claim.text.startswith("We will not send troops")


def test_denial_and_reported_speech_act(english):
    denial, act = claims(
        english,
        "Moscow has denied that North Korean troops are in Russia. "
        "The Kremlin rejected the report on Monday.",
    )
    assert denial.certainty == "denied"
    assert denial.mode == "indirect"
    assert denial.text == "North Korean troops are in Russia"
    assert act.mode == "reported"
    assert act.certainty == "denied"
    assert act.text == "The Kremlin rejected the report on Monday"


def test_hedged_assertion_heading_and_question(english):
    found = claims(
        english,
        "Troops in Kursk\n\nNorth Korea reportedly sent 1,500 soldiers. Is this the turning point?",
    )
    [claim] = found
    assert claim.mode == "assertion"
    assert claim.source is None
    assert claim.certainty == "hedged"
    assert claim.hedges == ("reportedly",)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Reuters", "agency"),
        ("the Pentagon", "organisation"),
        ("Moscow", "state"),
        ("Western officials", "group"),
        ("Lee Seong-kweun", "person"),
        ("The New York Times", "media"),
    ],
)
def test_source_kinds(name, kind):
    assert source_kind(name) == kind
