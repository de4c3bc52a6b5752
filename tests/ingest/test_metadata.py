"""Dates and outlets from metadata and text; nothing is guessed."""

from __future__ import annotations

import pytest

from quellenlage.ingest.decode import declared_encoding, decode_bytes
from quellenlage.ingest.metadata import find_date, outlet_from_url, parse_date, user_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Stand: 24.10.2024 14:37 Uhr", "2024-10-24"),
        ("Veröffentlicht am 3. März 2024", "2024-03-03"),
        ("24 October 2024", "2024-10-24"),
        ("Published October 24, 2024", "2024-10-24"),
        ("2024-10-24T08:00:00+02:00", "2024-10-24T08:00:00+02:00"),
        ("Nachrichten am .", None),
        ("am Mittwoch", None),
        ("Oktober 2024", None),
        ("31.02.2024", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_parse_date_formats() -> None:
    assert parse_date("2024-10-24") == "2024-10-24"
    assert parse_date("2024-10-24T08:00:00Z") == "2024-10-24T08:00:00+00:00"
    assert parse_date("Thu, 24 Oct 2024 08:30:00 +0200") == "2024-10-24T08:30:00+02:00"
    assert parse_date("gestern") is None
    assert parse_date("  ") is None


def test_user_date() -> None:
    assert user_date("2024-10-24") == "2024-10-24"
    assert user_date("2024-10-24T10:00:00") == "2024-10-24T10:00:00"
    with pytest.raises(ValueError, match=r"expected e\.g\. 2024-10-24"):
        user_date("morgen")


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.br.de/nachrichten/x") == "br.de"
    assert outlet_from_url(None) is None


def test_declared_encodings() -> None:
    assert declared_encoding(b'<?xml version="1.0" encoding="ISO-8859-1"?>') == "cp1252"
    assert declared_encoding(b'<meta charset="windows-1252">') == "cp1252"
    assert declared_encoding(b'<meta charset="no-such-codec">') is None
    assert decode_bytes("Übung".encode("iso8859-15"), "iso8859-15") == "Übung"
