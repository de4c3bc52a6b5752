"""Each reader on inputs the tests write themselves, including broken ones."""

from __future__ import annotations

import gzip
import io
import json

from quellenlage.ingest.readers import Limits
from quellenlage.ingest.readers.feed import read_feed
from quellenlage.ingest.readers.html import extract_html, fragment_text, read_html
from quellenlage.ingest.readers.jsonl import read_jsonl
from quellenlage.ingest.readers.text import read_text
from quellenlage.ingest.readers.warc import read_warc
from quellenlage.records import Failure, Field, RawInput, Skipped

from .helpers import ATOM, PARAGRAPHS_DE, RSS, article_html, warc_bytes

LIMITS = Limits()
META = (
    '<meta name="author" content="Anna Muster">'
    '<meta property="og:site_name" content="Beispiel-Zeitung">'
    '<meta property="article:published_time" content="2024-10-24T08:00:00+02:00">'
)


def _read(reader, data: bytes, limits: Limits = LIMITS, origin: str = "input"):
    return list(reader(origin, io.BytesIO(data), limits))


def test_html_text_and_metadata_with_provenance() -> None:
    (raw,) = _read(read_html, article_html(meta=META).encode())
    assert isinstance(raw, RawInput)
    assert PARAGRAPHS_DE[0] in raw.text
    assert "Cookies" not in raw.text and "Impressum" not in raw.text
    assert raw.title == Field("Nordkorea schickt Soldaten", "html_meta")
    assert raw.author == Field("Anna Muster", "html_meta")
    assert raw.outlet == Field("Beispiel-Zeitung", "html_meta")
    assert raw.published == Field("2024-10-24", "html_meta")


def test_html_date_and_outlet_from_url() -> None:
    url = "https://www.beispiel.de/politik/2023/05/17/nordkorea.html"
    raw = extract_html("page", article_html(), url=url)
    assert isinstance(raw, RawInput)
    assert raw.published == Field("2023-05-17", "url")
    assert raw.outlet == Field("beispiel.de", "url")


def test_html_without_date_stays_unknown_even_with_dates_in_text() -> None:
    paragraphs = (*PARAGRAPHS_DE, "Am 12. März 2023 hatte die Regierung anders entschieden.")
    (raw,) = _read(read_html, article_html(paragraphs=paragraphs).encode())
    assert raw.published == Field()


def test_broken_html_still_yields_text() -> None:
    broken = f"<html><body><div><p>{PARAGRAPHS_DE[0]}<p>{PARAGRAPHS_DE[1]}<div></span>"
    (raw,) = _read(read_html, broken.encode())
    assert isinstance(raw, RawInput)
    assert "nordkoreanische Soldaten" in raw.text


def test_html_without_article_text_fails() -> None:
    (failure,) = _read(read_html, b"<html><head><title>x</title></head><body></body></html>")
    assert failure == Failure("input", "no article text found in HTML")


def test_html_mislabelled_cp1252_is_read() -> None:
    page = article_html(
        paragraphs=(
            "Die Brücke über die Isar wird für Lkw über 7,5 Tonnen gesperrt, sagte der Bürgermeister.",
        )
    )
    (raw,) = _read(read_html, page.encode("cp1252"))
    assert "Brücke über die Isar" in raw.text


def test_html_utf8_declared_latin1_is_read_as_utf8() -> None:
    page = article_html(
        paragraphs=("Die Straße in Köln bleibt bis Dezember gesperrt, teilte die Stadt mit.",),
        charset="iso-8859-1",
    )
    (raw,) = _read(read_html, page.encode("utf-8"))
    assert "Straße in Köln" in raw.text


def test_html_too_large_fails_with_sizes() -> None:
    (failure,) = _read(read_html, b"<p>" + b"x" * 3 * 1024 * 1024, Limits(max_bytes=1024 * 1024))
    assert failure.error == "page too large: 3 MB > 1 MB"


def test_fragment_text_keeps_paragraphs() -> None:
    assert fragment_text("<p>Erster Satz.</p><p>Zweiter <b>Satz</b>.<br>Dritter.</p>") == (
        "Erster Satz.\n\nZweiter Satz.\nDritter."
    )


def test_text_reader_decodes_and_rejects_undecodable() -> None:
    (raw,) = _read(read_text, "Größere Übung in Österreich.".encode("cp1252"))
    assert raw.raw == "Größere Übung in Österreich."
    (failure,) = _read(read_text, b"abc \x81\x8d\x90 def")
    assert failure.error == "not valid UTF-8 and no declared encoding decodes it"
    (raw,) = _read(read_text, "Grüße".encode("utf-16"))
    assert raw.raw == "Grüße"


def test_text_reader_rejects_blank_and_binary() -> None:
    assert _read(read_text, b" \n\n ")[0].error == "file contains only whitespace"
    assert _read(read_text, b"abc\x00def")[0].error == "binary file (NUL bytes)"


def _warc_pages() -> list[tuple[str, bytes, str]]:
    return [
        ("https://a.example.de/1", article_html("Erste Seite").encode(), "text/html; charset=utf-8"),
        ("https://a.example.de/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://a.example.de/2", article_html("Zweite Seite").encode("cp1252"), "text/html; charset=windows-1252"),
        ("https://a.example.de/3", article_html("Dritte Seite").encode(), "text/html"),
    ]  # fmt: skip


def test_warc_html_responses_in_order_with_record_origins() -> None:
    for compressed in (True, False):
        data = warc_bytes(_warc_pages(), gzip=compressed)
        everything = _read(read_warc, data, origin="crawl.warc")
        skipped = [r for r in everything if isinstance(r, Skipped)]
        assert len(skipped) == 1  # the picture, named with its record and its type
        assert skipped[0].origin.startswith("crawl.warc#<urn:uuid:")
        assert skipped[0].reason == "WARC response is not HTML (image/png)"
        results = [r for r in everything if not isinstance(r, Skipped)]
        assert [r.title.value for r in results] == ["Erste Seite", "Zweite Seite", "Dritte Seite"]
        assert [r.url for r in results] == [f"https://a.example.de/{i}" for i in (1, 2, 3)]
        assert all(r.origin.startswith("crawl.warc#<urn:uuid:") for r in results)
        assert all(r.format == "warc" for r in results)


def test_truncated_warc_gz_keeps_complete_records_and_fails_once() -> None:
    data = warc_bytes(_warc_pages(), gzip=True)
    results = _read(read_warc, data[: len(data) - 40], origin="crawl.warc.gz")
    assert [type(r) for r in results] == [RawInput, Skipped, RawInput, Failure]
    assert results[-1] == Failure("crawl.warc.gz", "truncated gzip stream after 2 records")


def test_truncated_plain_warc_fails_once() -> None:
    data = warc_bytes(_warc_pages(), gzip=False)
    results = _read(read_warc, data[: len(data) - 200], origin="crawl.warc")
    assert [type(r) for r in results] == [RawInput, Skipped, RawInput, Failure]
    assert results[-1].error == "truncated WARC record after 2 records"


def test_rss_entries_with_feed_metadata() -> None:
    results = _read(read_feed, RSS.encode(), origin="news.rss")
    assert [type(r) for r in results] == [RawInput, Failure, RawInput]
    first, empty, third = results
    assert first.origin == "news.rss#https://news.example.de/a1"
    assert first.text == (
        "Der Bürgermeister sagte am Mittwoch, die Brücke werde bis März gesperrt.\n\n"
        "Rund 1.200 Pendler seien betroffen."
    )
    assert first.published == Field("2024-10-24T06:30:00+00:00", "feed")
    assert first.outlet == Field("Beispiel Nachrichten", "feed")
    assert first.language == Field("de", "feed")
    assert first.url == "https://news.example.de/a1"
    assert empty.error == "feed entry has no content or summary"
    assert third.published == Field()


def test_atom_entry_prefers_content_over_summary() -> None:
    (entry,) = _read(read_feed, ATOM.encode(), origin="world.atom")
    assert entry.origin == "world.atom#urn:example:1"
    assert entry.text.startswith("Ukraine's president urged allies")
    assert entry.author == Field("Jane Example", "feed")
    assert entry.published == Field("2024-10-24T09:00:00+00:00", "feed")


def test_feed_that_is_not_xml_fails() -> None:
    (failure,) = _read(read_feed, b"this is { not xml at all")
    assert failure.error.startswith("feed is not XML: ")


def test_jsonl_lines_with_metadata_and_bad_lines_failing_alone() -> None:
    lines = [
        json.dumps({"text": "Der Minister sagte, man prüfe alle Optionen.", "title": "T1",
                    "published": "24.10.2024", "outlet": "Agentur", "language": "de-AT"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "ohne Text"}),
        json.dumps({"html": article_html(meta=META), "url": "https://x.example/1",
                    "outlet": "Eigene Angabe"}),
    ]  # fmt: skip
    data = "\n".join(lines).encode() + b"\n\xff\xfe{}\n"
    results = _read(read_jsonl, data, origin="batch.jsonl")
    origins = [r.origin for r in results]
    assert origins == [f"batch.jsonl#L{n}" for n in (1, 3, 4, 5, 6, 7)]
    first, bad_json, a_list, no_text, from_html, bad_utf8 = results
    assert first.text == "Der Minister sagte, man prüfe alle Optionen."
    assert first.published == Field("2024-10-24", "jsonl")
    assert first.language == Field("de-AT", "jsonl")
    assert bad_json.error.startswith("JSONL line is not valid JSON: ")
    assert a_list.error == "JSONL line is a JSON list, not an object"
    assert no_text.error == 'JSONL object has no non-empty "text" or "html" string'
    assert from_html.outlet == Field("Eigene Angabe", "jsonl")
    assert from_html.author == Field("Anna Muster", "html_meta")
    assert from_html.url == "https://x.example/1"
    assert bad_utf8.error == "JSONL line is not valid UTF-8"


def test_jsonl_oversized_line_fails_and_next_line_is_read() -> None:
    big = json.dumps({"text": "x" * 5000}).encode()
    small = json.dumps({"text": "Ein kurzer Satz."}).encode()
    results = _read(read_jsonl, big + b"\n" + small + b"\n", Limits(max_bytes=1000))
    assert results[0].error.startswith("JSONL line too large: ")
    assert results[1].text == "Ein kurzer Satz."


def test_warc_without_records_or_html_fails() -> None:
    (failure,) = _read(read_warc, gzip.compress(b"WARC/1.0\r\n" * 500))
    assert failure.error.startswith("no WARC records found")
    images = warc_bytes([("https://a.example.de/l.png", b"\x89PNG\r\n", "image/png")], gzip=True)
    skipped, failure = _read(read_warc, images)
    assert skipped.reason == "WARC response is not HTML (image/png)"
    assert failure.error == "no HTML responses among 1 WARC records"
