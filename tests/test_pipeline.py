"""The analysis pipeline: components on the Doc, config overrides, analyze and analyze_many."""

from __future__ import annotations

import datetime as dt

import pytest

from quellenlage import nlp, pipeline
from quellenlage.records import Document, Field

TEXT = "Nach Angaben der Polizei kamen am Mittwoch rund 1.500 Menschen. Das Wetter war schön."


def document(text: str = TEXT, language: str = "de", published: str | None = "2024-10-24", **kw):
    return Document(
        origin=kw.pop("origin", "test"),
        text=text,
        raw=text,
        format="text",
        content_hash=kw.pop("content_hash", "h"),
        language=Field(language),
        published=Field(published),
        **kw,
    )


def test_components_follow_the_language_model_in_data_order(nlp_de):
    assert nlp_de.pipe_names[-4:] == ["times", "quantities", "attribution", "claim_context"]
    # one pipeline object per process: the components go onto the cached language model
    assert pipeline.load("de") is pipeline.load("de") is nlp.load("de")


def test_components_write_their_records_on_the_doc(nlp_de):
    doc = nlp_de.make_doc(TEXT)
    doc._.published = dt.date(2024, 10, 24)
    doc = nlp_de(doc)
    [time] = doc._.times
    assert (time.text, time.start) == ("am Mittwoch", "2024-10-23")
    [span] = doc.spans["times"]
    assert span.text == "am Mittwoch" and span._.time == time
    [quantity] = doc._.quantities
    assert doc.spans["quantities"][0]._.quantity == quantity and quantity.value == 1500
    according, assertion = doc._.claims
    assert according.mode == "according_to" and assertion.mode == "assertion"
    # claim_context gave the claim its figure and its time
    assert according.quantities == (quantity,) and according.times == (time,)


def test_config_overrides_reach_the_component():
    without = pipeline.load("de", {"components.attribution.include_assertions": False})
    assert without is not pipeline.load("de")
    assert [c.mode for c in without(TEXT)._.claims] == ["according_to"]


def test_list_valued_overrides_are_accepted_and_cached():
    settings = {
        "components.attribution.include_assertions": False,
        "components.attribution.spkatt.parts": ["cue"],
    }
    loaded = pipeline.load("de", settings)
    assert loaded is pipeline.load("de", dict(settings))
    assert [c.mode for c in loaded(TEXT)._.claims] == ["according_to"]


def test_analyze_fills_claims_with_figures_and_resolved_times():
    result = pipeline.analyze(document())
    assert result.failed is None and result.warnings == []
    first = result.claims[0]
    assert first.source.text == "Angaben der Polizei"
    assert [q.value for q in first.quantities] == [1500]
    assert [t.start for t in first.times] == ["2024-10-23"]


def test_published_argument_overrides_the_document_date():
    result = pipeline.analyze(document(published=None), published=dt.date(2024, 11, 1))
    assert [t.start for t in result.claims[0].times] == ["2024-10-30"]


def test_analyze_many_keeps_input_order_across_languages_and_batches():
    docs = [
        document(f"Die Polizei sagte, es seien {n} Menschen gekommen.", id=n, origin=str(n))
        if n % 2
        else document(f"Police said {n} people came.", language="en", id=n, origin=str(n))
        for n in range(1, 8)
    ]
    results = list(pipeline.analyze_many(docs, batch_size=3))
    assert [r.document.id for r in results] == list(range(1, 8))
    for n, result in enumerate(results, start=1):
        assert [q.value for c in result.claims for q in c.quantities] == [n]
        assert all(c.document_id == n for c in result.claims)


def test_unsupported_language_gets_a_warning_not_an_error():
    [result] = pipeline.analyze_many([document("Bonjour.", language="fr")])
    assert result.claims == [] and result.failed is None
    assert "no claims extracted" in result.warnings[0] and "'fr'" in result.warnings[0]


def test_a_failing_document_does_not_take_the_batch_down(monkeypatch):
    from quellenlage.claims import registry

    german = registry.attribution_for("de")

    def attribute(doc, settings):
        if "Explosion" in doc.text:
            raise ValueError("rule tripped")
        return german(doc, settings)

    monkeypatch.setitem(registry._REGISTRY, "de", attribute)
    docs = [document(TEXT, origin="a"), document("Explosion.", origin="b"), document(TEXT)]
    first, bad, last = pipeline.analyze_many(docs)
    assert bad.claims == [] and bad.failed == "ValueError: rule tripped"
    assert first.claims and last.claims and first.failed is last.failed is None
    with pytest.raises(RuntimeError, match="rule tripped"):
        pipeline.analyze(docs[1])


def test_warnings_logged_by_a_component_belong_to_their_document():
    unpaired = document("„Das ist ein Zitat ohne Ende, sagte er.", origin="u")
    clean, odd = pipeline.analyze_many([document(), unpaired])
    assert clean.warnings == []
    assert any("unpaired quotation mark" in w for w in odd.warnings)


def test_batches_are_bounded_by_characters_and_give_the_same_claims(monkeypatch):
    sizes = []
    analyze_batch = pipeline._analyze_batch

    def spy(batch, *args):
        sizes.append([len(d.text) for d in batch])
        return analyze_batch(batch, *args)

    monkeypatch.setattr(pipeline, "_analyze_batch", spy)
    long = " ".join([TEXT] * 3)
    docs = [document(TEXT, origin=str(i)) for i in range(3)] + [document(long), document()]
    bounded = list(pipeline.analyze_many(docs, batch_chars=2 * len(TEXT) + 1))
    n = len(TEXT)
    assert sizes == [[n, n], [n], [len(long)], [n]]  # a longer document is a batch of its own
    sizes.clear()
    together = list(pipeline.analyze_many(docs))
    assert sizes == [[n, n, n, len(long), n]]
    assert [r.claims for r in bounded] == [r.claims for r in together]
    assert all(r.claims for r in bounded)


def test_new_words_do_not_stay_in_the_vocabulary(nlp_de):
    list(pipeline.analyze_many([document()]))
    before = len(nlp_de.vocab.strings)
    text = "Der Zwrotzkilbeauftragte sagte, 3.000 Blorfingerinnen seien gekommen."
    [result] = pipeline.analyze_many([document(text)])
    assert result.claims and result.claims[0].quantities[0].text.endswith("Blorfingerinnen")
    assert len(nlp_de.vocab.strings) == before  # memory stays flat however many documents
