"""The public entry: walking paths, dispatching, cleaning, metadata, language, bad input."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from quellenlage.ingest import read_inputs
from quellenlage.ingest.dedup import content_hash
from quellenlage.ingest.walk import sniff_format
from quellenlage.records import ANALYSABLE_LANGUAGES, Document, Failure, Field

from .helpers import ATOM, PARAGRAPHS_DE, RSS, article_html, warc_bytes

COPIED = (
    "Audiobeitrag\n\nBrücke in Regensburg gesperrt\n\n"
    "Die Stadt Regensburg hat die Steinerne Brücke am Montag für den Verkehr gesperrt, "
    "teilte ein Sprecher mit. Grund seien Risse im Mauerwerk.\n\n"
    "Bildrechte: BR / Max Muster\n"
)
ENGLISH = (
    "The city council said on Monday that the old bridge would stay closed until March, "
    "because engineers had found deep cracks in the stonework.\n"
)
FRENCH = (
    "Le conseil municipal a annoncé lundi que le vieux pont resterait fermé jusqu'en mars, "
    "car les ingénieurs ont trouvé des fissures profondes.\n"
)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _errors(results: list) -> dict[str, str]:
    return {Path(r.origin).name: r.error for r in results if isinstance(r, Failure)}


def test_directory_is_walked_recursively_by_type(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "seite.html", article_html(meta='<meta name="author" content="A B">'))
    _write(tmp_path / "a" / "b" / "kopie.txt", COPIED)
    _write(tmp_path / "feed.rss", RSS)
    _write(tmp_path / "welt.atom", ATOM)
    _write(tmp_path / "batch.jsonl", json.dumps({"text": ENGLISH}) + "\n")
    _write(tmp_path / "crawl.warc.gz", warc_bytes(
        [("https://x.example/1", article_html("Aus dem Archiv").encode(), "text/html")], gzip=True
    ))  # fmt: skip
    _write(tmp_path / "bild.png", b"\x89PNG\r\n\x1a\n")
    _write(tmp_path / ".versteckt" / "alt.txt", COPIED)
    _write(tmp_path / "notizen.docx", b"PK\x03\x04")
    results = list(read_inputs([tmp_path]))
    formats = sorted(r.format for r in results if isinstance(r, Document))
    assert formats == ["feed", "feed", "feed", "html", "jsonl", "text", "warc"]
    assert [r.error for r in results if isinstance(r, Failure)] == [
        "feed entry has no content or summary"
    ]
    assert all(r.origin.startswith(str(tmp_path.resolve())) for r in results)


def test_origins_are_stable_across_runs(tmp_path: Path) -> None:
    _write(tmp_path / "batch.jsonl", json.dumps({"text": ENGLISH}) + "\n")
    _write(tmp_path / "kopie.txt", COPIED)
    first = [(r.origin, r.content_hash) for r in read_inputs([tmp_path])]
    second = [(r.origin, r.content_hash) for r in read_inputs([tmp_path])]
    assert first == second
    assert first[0][0].endswith("batch.jsonl#L1")


def test_copied_text_is_cleaned_with_title_and_user_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path / "kopie.txt", COPIED)
    (document,) = read_inputs([path], published="2024-10-21", outlet="BR24")
    assert document.title == Field("Brücke in Regensburg gesperrt", "text")
    assert "Audiobeitrag" not in document.text and "Bildrechte" not in document.text
    assert document.published == Field("2024-10-21", "user")
    assert document.outlet == Field("BR24", "user")
    assert document.language == Field("de", "text")
    assert document.id is None and document.duplicate_of is None
    assert document.content_hash == content_hash(document.text)


def test_language_detection_override_and_declared(tmp_path: Path) -> None:
    english = _write(tmp_path / "en.txt", ENGLISH)
    french = _write(tmp_path / "fr.txt", FRENCH)
    en, fr = read_inputs([english, french])
    assert en.language == Field("en", "text")
    assert fr.language == Field("fr", "text")
    assert "fr" not in ANALYSABLE_LANGUAGES
    (forced,) = read_inputs([english], language="de")
    assert forced.language == Field("de", "user")
    declared = _write(tmp_path / "d.jsonl", json.dumps({"text": ENGLISH, "language": "en-GB"}))
    (doc,) = read_inputs([declared])
    assert doc.language == Field("en", "jsonl")


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    (from_text,) = read_inputs(["-"], stdin=io.BytesIO(COPIED.encode()))
    assert from_text.origin == "<stdin>"
    assert from_text.format == "text"
    lines = "\n".join(json.dumps({"text": t}) for t in (ENGLISH, FRENCH)).encode()
    results = list(read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert [r.origin for r in results] == ["<stdin>#L1", "<stdin>#L2"]
    (from_html,) = read_inputs(["-"], stdin=io.BytesIO(article_html().encode()))
    assert from_html.format == "html"
    (missing,) = read_inputs(["-"])
    assert missing == Failure("<stdin>", "standard input is not available")


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.1\r\n", "warc"),
        (b'\xef\xbb\xbf{"text": "x"}', "jsonl"),
        (b'<?xml version="1.0"?><rss>', "feed"),
        (b"  <feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"Putins Partner\n\nText", "text"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


def test_bad_inputs_each_fail_with_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "gut.txt", ENGLISH)
    archive = warc_bytes(
        [(f"https://x.example/{i}", article_html(f"Seite {i}").encode(), "text/html")
         for i in range(4)], gzip=True,
    )  # fmt: skip
    paths = [
        _write(tmp_path / "leer.txt", b""),
        _write(tmp_path / "bild.txt", b"GIF89a\x01\x00"),
        _write(tmp_path / "nul.html", b"<html>\x00\x00\x00</html>"),
        _write(tmp_path / "kaputt.txt", b"Stra\xdfe \x81\x90 kaputt"),
        _write(tmp_path / "abgebrochen.warc.gz", archive[:-30]),
        _write(tmp_path / "keine-seite.html", b"<html><body><script>var x;</script></body></html>"),
        _write(tmp_path / "feed.xml", b"Das ist kein Feed, sondern Text."),
        _write(tmp_path / "daten.gz", gzip.compress(b"hello")),
        tmp_path / "fehlt.txt",
        good,
    ]
    results = list(read_inputs(paths))
    assert _errors(results) == {
        "leer.txt": "empty file",
        "bild.txt": "binary file (GIF image)",
        "nul.html": "binary file (NUL bytes)",
        "kaputt.txt": "not valid UTF-8 and no declared encoding decodes it",
        "abgebrochen.warc.gz": "truncated gzip stream after 3 records",
        "keine-seite.html": "no article text found in HTML",
        "feed.xml": _errors(results)["feed.xml"],
        "daten.gz": "no article text found",  # read through: "hello" is no article
        "fehlt.txt": "no such file or directory",
    }
    assert _errors(results)["feed.xml"].startswith("feed is not XML: ")
    assert all("\n" not in error for error in _errors(results).values())
    assert isinstance(results[-1], Document)
    assert sum(isinstance(r, Document) for r in results) == 4


def test_fifty_megabyte_page_fails_without_loading_it(tmp_path: Path) -> None:
    path = tmp_path / "riesig.html"
    with path.open("wb") as out:
        out.write(b"<html><body><p>")
        chunk = b"Sehr viel Text. " * 65536
        for _ in range(50):
            out.write(chunk)
    tracemalloc.start()
    try:
        (failure,) = read_inputs([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert failure.error == "page too large: 50 MB > 20 MB"
    assert peak < 25 * 1024 * 1024


def test_bad_options_raise_clear_errors_before_reading() -> None:
    with pytest.raises(ValueError, match=r"--published '24\.10\.2024' is not an ISO date"):
        read_inputs(["x"], published="24.10.2024")
    with pytest.raises(ValueError, match="--language 'Deutsch!' is not an ISO 639 code"):
        read_inputs(["x"], language="Deutsch!")
    with pytest.raises(ValueError, match="--outlet must not be empty"):
        read_inputs(["x"], outlet="  ")


def test_html_document_keeps_reader_metadata(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2024-10-24">'
    path = _write(tmp_path / "seite.htm", article_html(meta=meta))
    (document,) = read_inputs([path])
    assert document.published == Field("2024-10-24", "html_meta")
    assert document.text.split("\n\n")[1:] == list(PARAGRAPHS_DE)
    (overridden,) = read_inputs([path], published="2024-10-25")
    assert overridden.published == Field("2024-10-25", "user")


class _TrickleStream:
    """A pipe that delivers one byte per read, like a slow producer on standard input."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._data.read(1 if size != 0 else 0)


def test_slow_stdin_is_sniffed_on_a_full_head() -> None:
    data = warc_bytes(
        [("https://x.example/1", article_html("Aus der Leitung").encode(), "text/html")],
        gzip=True,
    )
    (document,) = read_inputs(["-"], stdin=_TrickleStream(data))
    assert document.format == "warc"
    assert document.title.value == "Aus der Leitung"


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.txt", ENGLISH)
    (document,) = read_inputs(str(path))
    assert document.language == Field("en", "text")


def test_txt_file_holding_html_is_read_as_html(tmp_path: Path) -> None:
    path = _write(tmp_path / "gespeichert.txt", article_html("Gespeicherte Seite"))
    (document,) = read_inputs([path])
    assert document.format == "html"
    assert document.title == Field("Gespeicherte Seite", "html_meta")
