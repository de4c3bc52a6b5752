"""Choosing an encoding, sniffing binaries, normalising text."""

from __future__ import annotations

import codecs

import pytest

from quellenlage.ingest.decode import DecodeError, binary_kind, decode_bytes, normalise_text

GERMAN = "„Größere Übung“ – sagte die Bürgermeisterin in Köln."


def test_utf8_wins_over_a_wrong_latin1_label() -> None:
    assert decode_bytes(GERMAN.encode("utf-8"), "iso-8859-1") == GERMAN


def test_declared_encoding_is_used_when_utf8_fails() -> None:
    text = "Größe und Maß"
    assert decode_bytes(text.encode("iso8859-15"), "iso8859-15") == text
    assert decode_bytes(b'<meta charset="koi8-r">' + "Москва".encode("koi8-r")).endswith("Москва")


def test_cp1252_fallback_for_unlabelled_german() -> None:
    assert decode_bytes(GERMAN.encode("cp1252")) == GERMAN


def test_byte_order_marks_and_declared_utf16() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + GERMAN.encode()) == GERMAN
    assert decode_bytes(GERMAN.encode("utf-16")) == GERMAN
    assert decode_bytes(GERMAN.encode("utf-16-le"), "utf-16-le") == GERMAN


def test_control_heavy_bytes_are_not_passed_off_as_cp1252() -> None:
    with pytest.raises(DecodeError, match="not valid UTF-8 and no declared encoding decodes it"):
        decode_bytes(bytes(range(1, 32)) * 10 + b"\xe4")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7", "binary file (PDF)"),
        (b"PK\x03\x04rest", "binary file (ZIP archive or office document)"),
        (b"text\x00more", "binary file (NUL bytes)"),
        (GERMAN.encode("utf-16"), None),
        (GERMAN.encode(), None),
    ],
)
def test_binary_kind(head: bytes, kind: str | None) -> None:
    assert binary_kind(head) == kind


def test_normalise_text() -> None:
    raw = "Bundes\u00adtag\r\nzweite\u00a0Zeile\u200b\rdritte"
    assert normalise_text(raw) == "Bundestag\nzweite Zeile\ndritte"
    assert normalise_text("Mu\u0308nchen") == "München"
