"""Hypothesis over bytes and text: every reader and the cleaner take anything.

Examples are few and small, so the suite stays fast; what they assert is the promise:
bytes become documents, failures or skips (never an exception), and the cleaner's
bookkeeping covers every line.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quellenlage.ingest.clean import clean_text
from quellenlage.ingest.decode import DecodeError, decode, normalise_text
from quellenlage.ingest.readers import Limits
from quellenlage.ingest.walk import SUFFIX_FORMATS, read_stream
from quellenlage.pieces import pieces
from quellenlage.records import Failure, RawInput, Skipped

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = Limits(max_bytes=64 * 1024)
FORMATS = st.sampled_from([None, *sorted(set(SUFFIX_FORMATS.values()))])
#: Bytes that look like the start of each format, so that every reader gets exercised.
PREFIXES = st.sampled_from(
    [b"", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item><description>",
     b'{"text": "', b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"<feed>"]
)  # fmt: skip
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "S", "Cc"]),
    max_size=2000,
)


@FAST
@given(prefix=PREFIXES, body=st.binary(max_size=3000), fmt=FORMATS)
def test_any_bytes_are_documents_failures_or_skips(prefix: bytes, body: bytes, fmt) -> None:
    results = list(read_stream("input", io.BytesIO(prefix + body), LIMITS, fmt))
    assert results
    assert all(isinstance(r, RawInput | Failure | Skipped) for r in results)
    assert all(r.origin.startswith("input") for r in results)


@FAST
@given(
    body=st.binary(max_size=3000),
    label=st.sampled_from([None, "utf-8", "iso-8859-1", "koi8-r", "nonsense"]),
)
def test_decode_returns_text_or_says_why_not(body: bytes, label) -> None:
    try:
        decoded = decode(body, label)
    except DecodeError as err:
        assert str(err)
        return
    assert isinstance(decoded.text, str)
    assert all(isinstance(warning, str) and warning for warning in decoded.warnings)


@FAST
@given(text=TEXT)
def test_cleaner_accounts_for_every_line(text: str) -> None:
    cleaned = clean_text(text)
    lines = normalise_text(text).split("\n")
    kept = set(cleaned.kept)
    dropped = {index for index, _ in cleaned.dropped}
    assert not kept & dropped
    assert kept | dropped == {i for i, line in enumerate(lines) if line.strip()}
    assert all(reason for _, reason in cleaned.dropped)


@FAST
@given(text=TEXT, piece=st.integers(50, 400), run=st.integers(10, 100))
def test_pieces_always_rebuild_the_text(text: str, piece: int, run: int) -> None:
    parts = list(pieces(text, max_piece=piece, max_run=run))
    assert "".join(part for _, part in parts) == text
    assert all(0 < len(part) <= piece for _, part in parts)
