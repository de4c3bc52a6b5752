"""Every common form of input is read, and what is not read is listed with its reason.

Gzipped files of any format, unknown suffixes (sniffed), pictures and dangling links in
folders (skipped, with a line), decoding by the WHATWG rules with local repairs, a
JSONL date that is not a date, XML bombs and pages nested too deep for the parser.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from quellenlage import api
from quellenlage.ingest import read_inputs
from quellenlage.records import Document, Failure, Skipped
from quellenlage.store import Store
from quellenlage.store.skips import skipped_inputs

from .helpers import ATOM, PARAGRAPHS_DE, article_html

COPIED = (
    "Startseite\nPolitik\n\n"
    "Die Stadt München hat am Dienstag neue Regeln für den Verkehr in der Innenstadt "
    "beschlossen, wie ein Sprecher der Verwaltung am Abend mitteilte.\n\n"
    "Nach Angaben der Verwaltung sollen die Regeln ab März gelten und rund 1.500 "
    "Parkplätze betreffen, die künftig wegfallen.\n"
)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _by_name(results: list) -> dict[str, object]:
    return {Path(r.origin.split("#")[0]).name: r for r in results}


def test_gzipped_files_of_every_format_are_read(tmp_path: Path) -> None:
    _write(tmp_path / "seite.html.gz", gzip.compress(article_html("Gepackte Seite").encode()))
    _write(tmp_path / "kopie.txt.gz", gzip.compress(COPIED.encode()))
    _write(tmp_path / "welt.atom.gz", gzip.compress(ATOM.encode()))
    line = json.dumps({"text": PARAGRAPHS_DE[0], "title": "Aus JSONL"})
    _write(tmp_path / "zeilen.jsonl.gz", gzip.compress(line.encode() + b"\n"))
    results = list(read_inputs([tmp_path]))
    formats = sorted(r.format for r in results if isinstance(r, Document))
    assert formats == ["feed", "html", "jsonl", "text"]
    page = _by_name(results)["seite.html.gz"]
    assert isinstance(page, Document) and page.title.value.startswith("Gepackte Seite")


def test_broken_and_nested_gzip_fail_with_their_reason(tmp_path: Path) -> None:
    packed = gzip.compress(article_html().encode())
    results = list(
        read_inputs(
            [
                _write(tmp_path / "kaputt.html.gz", packed[: len(packed) // 2]),
                _write(tmp_path / "doppelt.html.gz", gzip.compress(packed)),
            ]
        )
    )
    errors = {Path(r.origin).name: r.error for r in results if isinstance(r, Failure)}
    assert errors["kaputt.html.gz"].startswith("broken gzip stream: ")
    assert errors["doppelt.html.gz"] == "gzip file inside a gzip file"
    assert len(results) == 2


def test_unknown_suffixes_are_sniffed_and_pictures_skipped_with_a_line(tmp_path: Path) -> None:
    _write(tmp_path / "seite.dat", article_html("Ohne Endung"))
    _write(tmp_path / "notizen", COPIED)
    _write(tmp_path / "bild.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
    _write(tmp_path / "leer.bin", bytes(64))
    results = _by_name(list(read_inputs([tmp_path])))
    assert isinstance(results["seite.dat"], Document)
    assert results["seite.dat"].format == "html"
    assert isinstance(results["notizen"], Document)
    assert results["bild.jpg"] == Skipped(
        str((tmp_path / "bild.jpg").resolve()), "binary file (JPEG image)"
    )
    assert results["leer.bin"].reason == "binary file (NUL bytes)"
    assert len(results) == 4


def test_binary_file_named_on_the_command_line_is_a_failure(tmp_path: Path) -> None:
    (result,) = read_inputs([_write(tmp_path / "bild.jpg", b"\xff\xd8\xff\xe0")])
    assert result == Failure(str((tmp_path / "bild.jpg").resolve()), "binary file (JPEG image)")


def test_dangling_links_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    _write(folder / "gut.txt", COPIED)
    (folder / "weg.html").symlink_to(tmp_path / "gibt-es-nicht.html")
    (tmp_path / "direkt.txt").symlink_to(tmp_path / "auch-nicht.txt")
    results = list(read_inputs([folder, tmp_path / "direkt.txt"]))
    kinds = {Path(r.origin).name: type(r).__name__ for r in results}
    assert kinds == {"gut.txt": "Document", "weg.html": "Skipped", "direkt.txt": "Failure"}
    skip = next(r for r in results if isinstance(r, Skipped))
    assert skip.reason == f"dangling symbolic link to {tmp_path / 'gibt-es-nicht.html'}"


def test_iso_8859_1_label_means_windows_1252_and_keeps_the_quotes(tmp_path: Path) -> None:
    quote = "„Wir bleiben“, sagte die Ministerin am Montag über die 1.500 Plätze."
    page = article_html(paragraphs=(quote, *PARAGRAPHS_DE), charset="iso-8859-1")
    (document,) = read_inputs([_write(tmp_path / "seite.html", page.encode("cp1252"))])
    assert quote in document.text
    assert document.warnings == ()


def test_three_invalid_bytes_are_replaced_where_they_are(tmp_path: Path) -> None:
    data = article_html(
        paragraphs=("Die Plätze sind vergeben, sagte der Sprecher.", *PARAGRAPHS_DE)
    )
    raw = data.encode("utf-8")
    cut = raw.index(b"Sprecher")
    damaged = raw[:cut] + b"\xff\xfe\xc3(" + raw[cut:]
    (document,) = read_inputs([_write(tmp_path / "seite.html", damaged)])
    assert "Plätze" in document.text and "PlÃ" not in document.text
    assert "\ufffd" in document.text
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("3 invalid UTF-8 byte sequences replaced")


def test_label_that_does_not_fit_the_bytes_is_detected_and_reported(tmp_path: Path) -> None:
    text = "Москва заявила в понедельник, что переговоры продолжатся на следующей неделе. " * 5
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
    (document,) = read_inputs([_write(tmp_path / "seite.html", page.encode("koi8-r"))])
    assert "Москва" in document.text
    assert document.warnings == ("declared utf-8 does not fit the bytes; detected koi8-r",)


def test_jsonl_date_that_is_not_a_date_is_a_warning(tmp_path: Path) -> None:
    lines = [
        {"text": PARAGRAPHS_DE[0], "published": "gestern Abend"},
        {"text": PARAGRAPHS_DE[1], "published": 20241024},
        {"text": PARAGRAPHS_DE[2], "published": "2024-10-24"},
    ]
    path = _write(tmp_path / "z.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    first, second, third = read_inputs([path])
    assert first.published.value is None
    assert first.warnings == (
        "\"published\" 'gestern Abend' is not a date; the date is left unknown",
    )
    assert second.warnings == ("\"published\" '20241024' is not a date; the date is left unknown",)
    assert third.published.value == "2024-10-24" and third.warnings == ()


def test_xml_bomb_feed_is_a_failure_not_a_document(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(6)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss><channel><title>t</title>'
        "<item><title>&g;</title><description>&g;</description></item></channel></rss>"
    )
    (result,) = read_inputs([_write(tmp_path / "bombe.xml", bomb)])
    assert result == Failure(
        str((tmp_path / "bombe.xml").resolve()),
        "feed declares XML entities (a possible entity-expansion bomb)",
    )


def test_page_nested_ten_thousand_levels_deep_is_read(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS_DE)
    page = f"<html><body>{'<div>' * 10_000}{body}{'</div>' * 10_000}</body></html>"
    (document,) = read_inputs([_write(tmp_path / "tief.html", page)])
    assert isinstance(document, Document)
    assert PARAGRAPHS_DE[0] in document.text
    assert document.warnings[-1].startswith("HTML nested 256+ levels deep")


def test_nested_page_without_text_names_the_nesting(tmp_path: Path) -> None:
    page = f"<html><body>{'<div>' * 10_000}{'</div>' * 10_000}</body></html>"
    (failure,) = read_inputs([_write(tmp_path / "tief.html", page)])
    assert failure.error == "HTML nested 256+ levels deep and no article text found"


def test_ingest_records_skips_and_warnings_in_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    _write(folder / "bild.png", b"\x89PNG\r\n\x1a\n")
    damaged = article_html().encode().replace(b"Soldaten in Russland", b"Soldaten \xff in Russland")
    _write(folder / "seite.html", damaged)
    db = str(tmp_path / "q.db")
    report = api.ingest([folder], db=db)
    assert report.count("added") == 1 and report.count("skipped") == 1
    assert [item.error for item in report.skipped] == ["binary file (PNG image)"]
    store = Store.open(db)
    assert [(Path(s.origin).name, s.reason) for s in skipped_inputs(store)] == [
        ("bild.png", "binary file (PNG image)")
    ]
    (document,) = store.documents()
    assert document.warnings[0].startswith("1 invalid UTF-8 byte sequence replaced")
    api.ingest([folder], db=db)  # again: still one line per skipped input
    assert len(skipped_inputs(store)) == 1
