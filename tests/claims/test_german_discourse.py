"""Discourse links across sentences (issue 11): "Das teilte X mit." after the outlet's
sentence makes that sentence X's claim, carried from the next sentence (``inherited``)."""

from __future__ import annotations

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def claims_of(parse, text: str) -> list[Claim]:
    return extract_claims(parse(text), include_assertions=True)


def test_das_teilte_x_mit_takes_the_previous_sentence_as_content(parse):
    text = (
        "Die Stadt hat rund 2.000 Notbetten eingerichtet. Das teilte ein Sprecher am Dienstag mit."
    )
    claims = claims_of(parse, text)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.text == "Die Stadt hat rund 2.000 Notbetten eingerichtet"
    assert claim.mode == "indirect" and claim.certainty == "reported"
    assert claim.source is not None and claim.source.text == "ein Sprecher"
    assert claim.cue is not None and "teilte" in claim.cue.text
    assert claim.inherited  # the link kind: the source was carried from the next sentence
    assert all("Dienstag" not in c.text for c in claims)


def test_das_sagte_x_links_back_too(parse):
    text = "Im Hafen liegen 12 Schiffe fest. Das sagte ein Sprecher der Hafenbehörde."
    claim = next(c for c in claims_of(parse, text) if c.mode != "assertion")
    assert claim.text == "Im Hafen liegen 12 Schiffe fest"
    assert claim.source is not None and claim.source.text == "ein Sprecher der Hafenbehörde"
    assert claim.inherited


def test_no_link_across_a_paragraph_break(parse):
    text = "Die Stadt hat rund 2.000 Notbetten eingerichtet.\n\nDas teilte ein Sprecher mit."
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Notbetten" in c.text)
    assert first.mode == "assertion" and first.source is None


def test_no_link_when_the_sentence_says_more_than_the_pronoun(parse):
    # a second clause has content of its own: the pronoun does not stand for a whole claim
    text = (
        "Die Stadt hat rund 2.000 Notbetten eingerichtet. "
        "Das teilte ein Sprecher mit, der weitere Betten ankündigte."
    )
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Notbetten" in c.text)
    assert first.mode == "assertion" and not first.inherited


def test_no_link_back_to_a_reported_sentence(parse):
    # the previous sentence already has its source: "Das" does not re-attribute it
    text = "Der Minister sagte, es gebe 40 Verletzte. Das bestätigte die Polizei am Abend."
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Verletzte" in c.text)
    assert first.source is not None and first.source.text == "Der Minister"
    assert not first.inherited


def test_modal_will_is_no_speech_cue(parse):
    claims = claims_of(parse, "Die Schule will technologisch vorangehen.")
    assert all(claim.mode == "assertion" and claim.cue is None for claim in claims)


def test_spricht_von_and_geht_davon_aus_are_cues(parse):
    claim = next(c for c in claims_of(parse, "Die Polizei spricht von rund 8.000 Demonstranten."))
    assert claim.source is not None and claim.source.text == "Die Polizei"
    text = "Das Ministerium geht davon aus, dass 600 Soldaten verlegt werden."
    claim = next(c for c in claims_of(parse, text) if c.mode != "assertion")
    assert claim.source is not None and claim.source.text == "Das Ministerium"
    assert claim.text.endswith("600 Soldaten verlegt werden")


def test_dies_as_parsed_subject_still_links_back(parse):
    # the parser reads "Dies" as the subject: the source is the noun phrase after the verb
    text = "In der Region wurden 300 Menschen verletzt. Dies teilte das Ministerium mit."
    claims = claims_of(parse, text)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.text == "In der Region wurden 300 Menschen verletzt"
    assert claim.source is not None and claim.source.text == "das Ministerium"
    assert claim.link == "following_sentence"


def test_link_kinds_of_a_frame_and_its_konjunktiv_continuation(parse):
    text = (
        "Wie die Polizei mitteilte, wurden drei Menschen verletzt. "
        "Zudem seien 40 Autos beschädigt worden."
    )
    first, second = claims_of(parse, text)
    assert first.link == "same_sentence"
    assert second.source is not None and second.source.text == "die Polizei"
    assert second.link == "previous_sentence" and second.inherited


def test_assertions_have_no_link(parse):
    (claim,) = claims_of(parse, "Der Sturm zerstörte am Montag 40 Häuser.")
    assert claim.mode == "assertion" and claim.link is None


def test_hiess_es_weiter_carries_the_open_source_without_a_mention(parse):
    text = (
        "Die Polizei teilte mit, 12 Verdächtige seien festgenommen worden. "
        "Rund 40 Häuser wurden zerstört, hieß es weiter."
    )
    claim = next(c for c in claims_of(parse, text) if "Häuser" in c.text)
    assert claim.source is not None and claim.source.name == "Die Polizei"
    assert claim.source.span is None  # "es" names nobody: no mention in this sentence
    assert claim.link == "connective"


def test_hiess_es_without_an_open_source_has_none(parse):
    (claim,) = claims_of(parse, "Rund 40 Häuser wurden zerstört, hieß es.")
    assert claim.cue is not None and "hieß" in claim.cue.text
    assert claim.source is None


def test_connectives_keep_their_mention_and_resolve_to_the_open_source(parse):
    text = (
        "Die Polizei sagte, 40 Menschen seien verletzt worden. "
        "Demnach wurden 20 schwer verletzt. Dem zufolge gab es drei Tote."
    )
    claims = claims_of(parse, text)
    demnach = next(c for c in claims if "20 schwer" in c.text)
    dem = next(c for c in claims if "Tote" in c.text)
    for claim, mention in ((demnach, "Demnach"), (dem, "Dem")):
        assert claim.source is not None and claim.source.text == mention
        assert claim.source.resolved == "Die Polizei"
        assert claim.link == "connective"
    assert dem.cue is not None and dem.cue.text == "zufolge"


def test_demnach_after_a_published_report_resolves_to_its_publisher(parse):
    text = "Die Polizei veröffentlichte ihre Bilanz. Demnach wurden 40 Menschen verletzt."
    claim = next(c for c in claims_of(parse, text) if "40 Menschen" in c.text)
    assert claim.source is not None and claim.source.resolved == "Die Polizei"


def test_a_connective_with_nothing_before_it_is_no_source(parse):
    # nothing open, no sentence before: the outlet's claim, the connective kept as its cue
    for text, cue in (
        ("Demnach wurden 40 Menschen verletzt.", "Demnach"),
        ("Dem zufolge gab es drei Tote.", "Dem zufolge"),
    ):
        (claim,) = claims_of(parse, text)
        assert claim.source is None, text
        assert claim.cue is not None and claim.cue.text == cue
        assert claim.link == "connective" and claim.mode == "according_to"


def test_figure_sentence_between_two_claims_of_one_source(parse):
    text = (
        "Der Verband sagte, die Preise seien gestiegen. Im Januar lag die Inflation bei "
        "3,2 Prozent. Die Lage sei ernst, sagte er weiter."
    )
    middle = next(c for c in claims_of(parse, text) if "3,2 Prozent" in c.text)
    assert middle.mode == "free_indirect" and middle.inherited
    assert middle.source is not None and middle.source.text == "Der Verband"
    assert middle.link == "previous_sentence"


def test_no_sandwich_without_going_on_or_with_another_source(parse):
    plain = (
        "Der Verband sagte, die Preise seien gestiegen. Im Januar lag die Inflation bei "
        "3,2 Prozent. Die Lage sei ernst, sagte er."
    )
    other = (
        "Der Verband sagte, die Preise seien gestiegen. Im Januar lag die Inflation bei "
        "3,2 Prozent. Die Lage sei ernst, sagte die Ministerin weiter."
    )
    for text in (plain, other):
        middle = next(c for c in claims_of(parse, text) if "3,2 Prozent" in c.text)
        assert middle.mode == "assertion" and middle.source is None


def test_a_connective_with_nothing_before_it_stays_the_wikinews_speaker(parse):
    from tests.research.test_wikinews import convert

    text = "Demnach wurden 40 Menschen verletzt."
    (annotation,) = convert(text, claims_of(parse, text))
    assert annotation["speaker"]["text"] == "Demnach"  # the data set annotates the mention
    assert annotation["cue"]["text"] == "Demnach"
