"""English attribution: intention and predicative verbs, attitude predicates, support verbs,
typewriter quotes, parse slips and referents (quellenlage.claims.english).

Every sentence here is written for the test; each test names the construction it covers.
"""

from __future__ import annotations

import pytest

from quellenlage import nlp
from quellenlage.claims.english import extract_english_claims
from quellenlage.claims.english.lexicon import gender_of, stems


@pytest.fixture(scope="module")
def english():
    return nlp.load("en")


def claims(english, text):
    doc = english(text)
    found = extract_english_claims(doc, include_assertions=False)
    for claim in found:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text
    return found


def by_cue(found, cue):
    matching = [c for c in found if c.cue is not None and cue in c.cue.text]
    assert matching, [(c.cue and c.cue.text, c.text) for c in found]
    return matching[0]


def test_intention_verb_with_an_infinitive(english):
    claim = by_cue(claims(english, "The governor vowed to cut property taxes next year."), "vowed")
    assert claim.source.text == "The governor"
    assert claim.text == "to cut property taxes next year"


def test_urge_takes_its_object_with_the_infinitive(english):
    claim = by_cue(claims(english, "The union urged its members to stay home on Friday."), "urged")
    assert claim.text.startswith("its members to stay home")


def test_call_with_a_predicate_after_the_object(english):
    claim = by_cue(claims(english, "The senator called the new budget a disaster."), "called")
    assert claim.source.text == "The senator"
    assert claim.text == "the new budget a disaster"


def test_call_without_a_predicate_is_no_claim(english):
    assert claims(english, "The senator called her office on Monday morning.") == []


def test_call_for_a_gerund(english):
    claim = by_cue(claims(english, "The farmers' group called for ending the import ban."), "call")
    assert claim.text == "ending the import ban"


def test_attitude_adjective_with_a_that_clause(english):
    found = claims(english, "The finance minister is confident that the budget will pass.")
    claim = by_cue(found, "confident")
    assert claim.source.text == "The finance minister"
    assert claim.text == "the budget will pass"


def test_support_verb_gives_the_noun_its_source(english):
    found = claims(english, "The agency issued a warning that the river would flood the town.")
    claim = by_cue(found, "warning")
    assert claim.source.text == "The agency"
    assert claim.text == "the river would flood the town"


def test_statement_issued_by_someone_is_theirs(english):
    found = claims(english, "The union issued a statement calling the offer an insult.")
    claim = by_cue(found, "calling")
    assert claim.source.text == "The union"
    assert claim.text == "the offer an insult"


def test_typewriter_quotes_made_of_two_apostrophes(english):
    found = claims(english, "''We will not leave the valley,'' the mayor said on Sunday.")
    claim = by_cue(found, "said")
    assert claim.mode == "direct"
    assert claim.text == "We will not leave the valley"
    assert claim.source.text == "the mayor"


def test_subject_with_an_apostrophe(english):
    found = claims(english, "O'Neill said investigators had found the device on Sunday.")
    claim = by_cue(found, "said")
    assert claim.source.text == "O'Neill"
    assert claim.text == "investigators had found the device on Sunday"


def test_a_paragraph_glued_to_the_one_before_keeps_its_own_frame(english):
    text = '"He stepped in when nobody else would," she said.\n\nMr. Clarke says he relies on his staff.'
    claim = by_cue(claims(english, text), "says")
    assert claim.source.text == "Mr. Clarke"
    assert claim.text == "he relies on his staff"


def test_quoted_words_inside_an_indirect_clause(english):
    text = 'The spokeswoman said the senator is reduced to "taunts and insults" in the debate.'
    claim = by_cue(claims(english, text), "said")
    assert claim.mode == "mixed"
    assert claim.text.startswith("the senator is reduced to")


def test_a_quote_after_a_finished_frame_sentence_is_not_joined(english):
    text = (
        "The first ad could run this week, said Brian Doe, an adviser to the group.\n\n"
        'Why now? "Voters are making up their minds," Doe said.'
    )
    found = claims(english, text)
    first = by_cue(found, "said")
    assert first.text == "The first ad could run this week"


def test_pronouns_agree_in_gender(english):
    text = (
        "Maria Lopez met John Smith in the capital on Monday. She said the hospitals were full. "
        "He said the army would help."
    )
    found = claims(english, text)
    assert [c.source.name for c in found] == ["Maria Lopez", "John Smith"]


def test_a_description_refers_back_to_the_name_it_describes(english):
    text = (
        "Maria Lopez met John Smith, a police spokesman, on Monday. "
        "The spokesman said the roads were closed."
    )
    [claim] = claims(english, text)
    assert claim.source.text == "The spokesman"
    assert claim.source.name == "John Smith"


def test_headline_with_a_plural_frame(english):
    found = claims(english, "Floods Close 300 Schools, Officials Warn\n\nThe rain went on.")
    claim = by_cue(found, "Warn")
    assert claim.text == "Floods Close 300 Schools"
    assert claim.source.text == "Officials"


def test_stems_recover_base_forms():
    assert "debate" in stems("debated")
    assert "slam" in stems("slammed")
    assert "worry" in stems("worries")
    assert stems("said") == ("said",)


def test_gender_from_titles_descriptions_and_first_names():
    assert gender_of("Ms. Doe") == "female"
    assert gender_of("the spokesman") == "male"
    assert gender_of("Maria Lopez") == "female"
    assert gender_of("John Smith") == "male"
    assert gender_of("Acme Corporation") is None


@pytest.mark.parametrize(
    "text",
    [
        "''",
        "'' '' ''",
        "He called.",
        "They vowed to",
        "The minister is confident that",
        "expressed concern that",
    ],
)
def test_fragments_never_raise(english, text):
    assert isinstance(claims(english, text), list)


def test_a_trailing_participle_takes_the_main_subject(english):
    text = "A judge rejected a request to open the divorce file, saying the courts had no business in it."
    claim = by_cue(claims(english, text), "saying")
    assert claim.source.text == "A judge"
    assert claim.text == "the courts had no business in it"


def test_it_said_stands_for_the_body_named_before(english):
    text = (
        "The Ministry of Health published its annual report on Monday. It said the wards were full."
    )
    claim = by_cue(claims(english, text), "said")
    assert claim.source.text == "It"
    assert claim.source.name == "Ministry of Health"
    assert claim.text == "the wards were full"


def test_it_seems_has_no_source(english):
    found = claims(english, "It seems that the talks have failed again.")
    assert all(c.source is None for c in found)


def test_object_content_keeps_what_follows_the_object(english):
    found = claims(english, "The senator mocked the governor for hiding his tax returns.")
    assert by_cue(found, "mocked").text == "the governor for hiding his tax returns"
    found = claims(english, "The minister likened the new rules to a farm tax.")
    assert by_cue(found, "likened").text == "the new rules to a farm tax"


def test_an_intention_verb_prefers_its_infinitive_to_a_condition(english):
    found = claims(english, "The mayor threatened to sue the state, should the law pass.")
    assert by_cue(found, "threatened").text == "to sue the state"


def test_a_copular_clause_with_its_subject_on_the_auxiliary(english):
    found = claims(english, 'She said the mayor has "been a friend far longer than anyone."')
    claim = by_cue(found, "said")
    assert claim.text.startswith("the mayor has")
    assert claim.mode == "mixed"


def test_quotes_around_a_frame_with_a_time_join(english):
    text = '"The plan is dead," the senator told reporters on Monday, "and nobody will revive it."'
    claim = by_cue(claims(english, text), "told")
    assert claim.text.startswith("The plan is dead")
    assert claim.text.endswith("nobody will revive it")


def test_a_quote_split_by_its_frame_is_one_claim(english):
    text = '"My hope," he said, "is that the council will listen to the farmers this time."'
    found = claims(english, text)
    assert len(found) == 1
    assert found[0].mode == "direct"
    assert found[0].text.startswith("My hope")
    assert found[0].text.endswith("listen to the farmers this time")


def test_transcript_speakers_in_capitals(english):
    text = (
        "HOST: Will the senator attend the debate tomorrow night?\n\n"
        "GUEST: She will not attend, and nobody in the campaign has asked her to.\n"
    )
    found = claims(english, text)
    assert [c.source.text for c in found] == ["HOST", "GUEST"]
    assert all(c.mode == "direct" and c.cue.text == ":" for c in found)


def test_a_headline_led_by_a_name_the_text_names_again(english):
    text = (
        "Maria Lopez: Farmers Will Not Pay The New Tax\n\n"
        "Maria Lopez, the agriculture minister, spoke in the capital on Monday."
    )
    claim = by_cue(claims(english, text), ":")
    assert claim.source.text == "Maria Lopez"
    assert claim.text == "Farmers Will Not Pay The New Tax"
