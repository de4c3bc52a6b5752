"""Reading the Wikinews JSONL format and turning claims into its annotations."""

from __future__ import annotations

import json
import re

import pytest

from quellenlage.records import Claim, Mention, Source
from quellenlage.research.metric import TokenAnnotation, evaluate
from quellenlage.research.wikinews import (
    WikinewsFormatError,
    claims_to_annotations,
    parse_record,
    predict_document,
    read_wikinews,
    run_wikinews,
    to_document,
)

TOKEN = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]")


def make_record(text: str, annotations: list[dict] | None = None) -> dict:
    """A record in the data set's shape, tokenised by a simple regex for the tests."""
    tokens, sentence = [], 1
    for number, match in enumerate(TOKEN.finditer(text)):
        tokens.append(
            {
                "id": number,
                "charBegin": match.start(),
                "charEnd": match.end(),
                "text": match.group(),
                "sentence": sentence,
            }
        )
        if match.group() in ".!?":
            sentence += 1
    return {
        "documentName": "test",
        "published": "2005-08-20",
        "originalText": text,
        "tokens": tokens,
        "annotations": annotations or [],
    }


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(part, start)
    return (begin, begin + len(part))


def claim(text: str, content: str, mode: str, **kwargs) -> Claim:
    span = span_of(text, content)
    sentence = kwargs.pop("sentence", None)
    sentence_span = span_of(text, sentence) if sentence else span
    return Claim(
        text=content,
        span=span,
        sentence_span=sentence_span,
        mode=mode,
        certainty="reported",
        **kwargs,
    )


def mention(text: str, part: str) -> Mention:
    return Mention(part, span_of(text, part))


def source(text: str, part: str) -> Source:
    return Source(part, span_of(text, part), "person")


INDIRECT = "Der Minister sagte, die Lage sei ernst. Er werde handeln."


def convert(text: str, claims: list[Claim]) -> list[dict]:
    return claims_to_annotations(claims, parse_record(make_record(text), "test#line 1"))


def test_indirect_claim_becomes_indirect_annotation_with_frame():
    c = claim(
        INDIRECT,
        "die Lage sei ernst",
        "indirect",
        cue=mention(INDIRECT, "sagte"),
        source=source(INDIRECT, "Der Minister"),
        medium="speech",
    )
    (annotation,) = convert(INDIRECT, [c])
    assert annotation["type"] == "Indirect"
    assert annotation["medium"] == "Speech"
    assert annotation["quote"]["text"] == "die Lage sei ernst"
    assert annotation["speaker"]["text"] == "Der Minister"
    assert annotation["speaker"]["tokenIds"] == [0, 1]
    assert annotation["cue"]["text"] == "sagte"
    assert annotation["frame"]["text"] == "Der Minister sagte,"
    assert annotation["frame"]["spans"] == [{"begin": 0, "end": 4, "charBegin": 0, "charEnd": 19}]
    assert annotation["addressee"] == {"spans": [], "text": "", "tokenIds": []}


def test_konjunktiv_continuation_is_indirect_free_indirect_with_final_period():
    c = claim(
        INDIRECT,
        "Er werde handeln",
        "konjunktiv",
        source=source(INDIRECT, "Der Minister"),
        inherited=True,
    )
    (annotation,) = convert(INDIRECT, [c])
    assert annotation["type"] == "IndirectFreeIndirect"
    assert annotation["quote"]["text"] == "Er werde handeln."
    assert annotation["speaker"]["text"] == "Der Minister"
    assert annotation["cue"]["tokenIds"] == annotation["frame"]["tokenIds"] == []
    assert annotation["medium"] == "SW"  # unknown medium


def test_direct_quote_keeps_its_marks_and_frame_after_it():
    text = "„Wir handeln jetzt“, betonte der Minister am Montag."
    c = claim(
        text,
        "Wir handeln jetzt",
        "direct",
        cue=mention(text, "betonte"),
        source=source(text, "der Minister"),
        medium="speech",
    )
    (annotation,) = convert(text, [c])
    assert annotation["type"] == "Direct"
    assert annotation["quote"]["text"] == "„Wir handeln jetzt“"
    assert annotation["frame"]["text"] == ", betonte der Minister am Montag"


def test_frame_inside_quote_is_cut_out_of_it():
    text = "Die Lage sei ernst, sagte er, man werde handeln."
    c = claim(
        text,
        "Die Lage sei ernst, sagte er, man werde handeln",
        "indirect",
        cue=mention(text, "sagte"),
        source=Source("er", span_of(text, "er", text.index("sagte"))),
    )
    (annotation,) = convert(text, [c])
    assert annotation["quote"]["text"] == "Die Lage sei ernst man werde handeln"
    assert len(annotation["quote"]["spans"]) == 2
    assert annotation["frame"]["text"] == ", sagte er,"


def test_according_to_frame_is_just_cue_and_speaker():
    text = "Laut Polizei wurden drei Menschen verletzt."
    c = claim(
        text,
        "wurden drei Menschen verletzt",
        "according_to",
        cue=mention(text, "Laut"),
        source=source(text, "Polizei"),
    )
    (annotation,) = convert(text, [c])
    assert annotation["type"] == "Indirect"
    assert annotation["frame"]["text"] == "Laut Polizei"


def test_mixed_claim_adds_nested_direct_fragment():
    text = "Der Minister sagte, die Lage sei „sehr ernst“ geworden."
    c = claim(
        text,
        "die Lage sei „sehr ernst“ geworden",
        "mixed",
        cue=mention(text, "sagte"),
        source=source(text, "Der Minister"),
    )
    outer, nested = convert(text, [c])
    assert outer["type"] == "Indirect"
    assert outer["hasNested"] and not outer["isNested"]
    assert nested["type"] == "Direct"
    assert nested["quote"]["text"] == "„sehr ernst“"
    assert nested["isNested"]
    assert nested["speaker"] == outer["speaker"]
    assert nested["frame"] == outer["frame"]


def test_reported_claim_covers_its_sentence_without_cue():
    text = "Die Firma forderte eine schnellere Entscheidung. Danach ging es weiter."
    c = claim(
        text,
        "eine schnellere Entscheidung",
        "reported",
        sentence="Die Firma forderte eine schnellere Entscheidung",
        cue=mention(text, "forderte"),
        source=source(text, "Die Firma"),
    )
    (annotation,) = convert(text, [c])
    assert annotation["type"] == "Reported"
    assert annotation["quote"]["text"] == "Die Firma forderte eine schnellere Entscheidung."
    assert annotation["speaker"]["text"] == "Die Firma"
    assert annotation["cue"]["tokenIds"] == []


def test_assertions_are_not_exported():
    text = "In Berlin regnet es."
    c = claim(text, "In Berlin regnet es", "assertion")
    assert convert(text, [c]) == []


def test_umlauts_and_offsets_survive_round_trip_through_the_metric():
    text = "Laut Behörde wären Übergriffe möglich. „Äußerst bedenklich“, sagte Müller."
    claims = [
        claim(
            text,
            "wären Übergriffe möglich",
            "according_to",
            cue=mention(text, "Laut"),
            source=source(text, "Behörde"),
        ),
        claim(
            text,
            "Äußerst bedenklich",
            "direct",
            cue=mention(text, "sagte"),
            source=source(text, "Müller"),
        ),
    ]
    annotations = convert(text, claims)
    for annotation in annotations:
        for role in ("quote", "speaker", "cue", "frame"):
            for span in annotation[role]["spans"]:
                assert text[span["charBegin"] : span["charEnd"]] in annotation[role]["text"]
    as_tokens = [TokenAnnotation.from_json(a) for a in annotations]
    result = evaluate([(as_tokens, as_tokens)])
    assert result.scores["joint"].f1 == 1.0


def test_read_wikinews_reads_records_and_limit(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [make_record("Er sagte, es regne."), make_record("Sie schrieb: „Ja.“")]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    docs = list(read_wikinews(path))
    assert [d.text for d in docs] == ["Er sagte, es regne.", "Sie schrieb: „Ja.“"]
    assert docs[0].tokens[1].start == 3
    assert len(list(read_wikinews(path, limit=1))) == 1
    document = to_document(docs[0])
    assert document.text == docs[0].text
    assert document.published_date is not None


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({"tokens": []}), "originalText"),
        (json.dumps({"originalText": "x"}), "tokens"),
        (
            json.dumps({"originalText": "ab", "tokens": [{"id": 0, "charBegin": 0, "charEnd": 9}]}),
            "outside",
        ),
        (
            json.dumps({"originalText": "ab", "tokens": [], "annotations": [{"quote": [1]}]}),
            "bad annotation",
        ),
    ],
)
def test_malformed_records_raise_with_file_and_line(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(make_record("Gut.")) + "\n" + line + "\n")
    with pytest.raises(WikinewsFormatError, match=rf"bad\.jsonl#line 2: .*{problem}"):
        list(read_wikinews(path))


def test_missing_file_is_a_format_error_naming_it(tmp_path):
    with pytest.raises(WikinewsFormatError, match=r"nope\.jsonl"):
        list(read_wikinews(tmp_path / "nope.jsonl"))


def fake_extractor(doc: str) -> list[Claim]:
    """One indirect claim per 'X sagte, Y.' sentence, found without a parser."""
    return [
        Claim(
            text=match.group(3),
            span=match.span(3),
            sentence_span=match.span(),
            mode="indirect",
            certainty="reported",
            cue=Mention("sagte", match.span(2)),
            source=Source(match.group(1), match.span(1)),
        )
        for match in re.finditer(r"(\w+) (sagte), ([^.]+)\.", doc)
    ]


def test_run_wikinews_writes_predictions_and_scores_gold(tmp_path):
    text = "Müller sagte, es regne. Schmidt sagte, es schneie."
    gold_record = make_record(text)
    wdoc = parse_record(gold_record, "gold")
    gold_annotations = predict_document(wdoc, str, fake_extractor)
    gold_annotations = gold_annotations[:1]  # gold knows only the first quote
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({**gold_record, "annotations": gold_annotations}) + "\n")
    out = tmp_path / "out.jsonl"
    run = run_wikinews(path, out, nlp=str, extractor=fake_extractor)
    assert run.documents == 1
    assert run.annotations == 2
    (written,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert written["originalText"] == text
    assert len(written["annotations"]) == 2
    quote = run.result.scores["quote"]
    assert (quote.precision, quote.recall) == (0.5, 1.0)


def test_run_wikinews_without_gold_only_writes(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(make_record("Müller sagte, es regne.")) + "\n")
    run = run_wikinews(path, tmp_path / "out.jsonl", nlp=str, extractor=fake_extractor)
    assert run.result is None
    assert run.annotations == 1


def test_failing_extractor_yields_no_annotations_and_a_warning(caplog):
    wdoc = parse_record(make_record("Er sagte, es regne."), "doc#line 7")

    def broken(doc):
        raise RuntimeError("boom")

    assert predict_document(wdoc, str, broken) == []
    assert "doc#line 7" in caplog.text


def test_discontinuous_cue_uses_its_parts():
    text = "Die Polizei teilte am Abend mit, zwei Menschen seien verletzt."
    cue = Mention(
        "teilte mit",
        span_of(text, "teilte am Abend mit"),
        (span_of(text, "teilte"), span_of(text, "mit")),
    )
    c = claim(
        text,
        "zwei Menschen seien verletzt",
        "indirect",
        cue=cue,
        source=source(text, "Die Polizei"),
    )
    (annotation,) = convert(text, [c])
    assert annotation["cue"]["text"] == "teilte mit"
    assert len(annotation["cue"]["spans"]) == 2
    assert annotation["frame"]["text"] == "Die Polizei teilte am Abend mit,"


@pytest.mark.parametrize(
    ("text", "cue_text", "source_text", "content"),
    [
        (
            "Nach Angaben der Polizei wurden zwei Menschen verletzt.",
            "Nach Angaben",
            "der Polizei",
            "wurden zwei Menschen verletzt",
        ),
        (
            "Ersten Angaben der Polizei zufolge wurden zwei Menschen verletzt.",
            "Angaben der Polizei zufolge",
            "der Polizei",
            "wurden zwei Menschen verletzt",
        ),
    ],
)
def test_according_to_noun_moves_from_cue_to_speaker(text, cue_text, source_text, content):
    cue_span = span_of(text, cue_text)
    parts = (
        (span_of(text, cue_text.split()[0]), span_of(text, cue_text.split()[1]))
        if cue_text.startswith("Nach")
        else (span_of(text, "Angaben"), span_of(text, "zufolge"))
    )
    c = claim(
        text,
        content,
        "according_to",
        cue=Mention(cue_text, cue_span, parts),
        source=source(text, source_text),
    )
    (annotation,) = convert(text, [c])
    particle = "Nach" if cue_text.startswith("Nach") else "zufolge"
    assert annotation["cue"]["text"] == particle
    assert annotation["speaker"]["text"] == "Angaben der Polizei"


def test_frame_stops_at_a_paragraph_break_the_given_sentences_miss():
    text = "Viele Menschen waren dort\n\nNach Polizeiangaben wurden sechs Menschen verletzt."
    record = make_record(text)  # the regex tokeniser keeps both lines in sentence 1
    c = claim(
        text,
        "wurden sechs Menschen verletzt",
        "according_to",
        cue=mention(text, "Nach"),
        source=source(text, "Polizeiangaben"),
    )
    (annotation,) = claims_to_annotations([c], parse_record(record, "test"))
    assert annotation["frame"]["text"] == "Nach Polizeiangaben"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "John Kline, ein Abgeordneter aus Minnesota, sagte, es sei kein Unfall gewesen.",
            "John Kline, ein Abgeordneter aus Minnesota",
        ),
        (
            "John Kline, der seit Jahren im Kongress sitzt, sagte, es sei kein Unfall gewesen.",
            "John Kline",
        ),
    ],
)
def test_apposition_between_speaker_and_cue_joins_the_speaker(text, expected):
    c = claim(
        text,
        "es sei kein Unfall gewesen",
        "indirect",
        cue=Mention("sagte", span_of(text, "sagte")),
        source=source(text, "John Kline"),
    )
    (annotation,) = convert(text, [c])
    assert annotation["speaker"]["text"] == expected


def test_consecutive_konjunktiv_continuations_of_one_source_become_one_passage():
    text = "Der Minister sagte, die Lage sei ernst. Man werde handeln. Es gebe keine Wahl."
    minister = source(text, "Der Minister")
    claims = [
        claim(text, "die Lage sei ernst", "indirect", cue=mention(text, "sagte"), source=minister),
        claim(
            text,
            "Man werde handeln",
            "konjunktiv",
            source=minister,
            inherited=True,
            sentence="Man werde handeln.",
        ),
        claim(
            text,
            "Es gebe keine Wahl",
            "konjunktiv",
            source=minister,
            inherited=True,
            sentence="Es gebe keine Wahl.",
        ),
    ]
    indirect, passage = convert(text, claims)
    assert indirect["type"] == "Indirect"
    assert passage["type"] == "IndirectFreeIndirect"
    assert passage["quote"]["text"] == "Man werde handeln. Es gebe keine Wahl."
    assert passage["speaker"]["text"] == "Der Minister"


def test_quoted_words_in_a_konjunktiv_passage_are_a_nested_direct_quote():
    text = "Der Minister sagte etwas. Man sei von einer „Entschuldung weit entfernt“."
    c = claim(
        text,
        "Man sei von einer „Entschuldung weit entfernt“",
        "konjunktiv",
        source=source(text, "Der Minister"),
    )
    outer, nested = convert(text, [c])
    assert outer["type"] == "IndirectFreeIndirect" and outer["hasNested"]
    assert nested["type"] == "Direct" and nested["isNested"]
    assert nested["quote"]["text"] == "„Entschuldung weit entfernt“"
    assert nested["speaker"]["text"] == "Der Minister"
    assert nested["cue"]["tokenIds"] == []


def test_a_reported_claim_gets_no_nested_direct_quote():
    # measured: a nested Direct for quoted words in a Reported sentence lowered Wikinews
    # dev and train scores (issue 11w), so only frameless passages get one
    text = "Der Minister nannte den Bericht eine „Zeitungsente“."
    c = claim(
        text,
        "den Bericht eine „Zeitungsente“",
        "reported",
        sentence="Der Minister nannte den Bericht eine „Zeitungsente“",
        cue=mention(text, "nannte"),
        source=source(text, "Der Minister"),
    )
    (annotation,) = convert(text, [c])
    assert annotation["type"] == "Reported"
