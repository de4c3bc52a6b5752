"""JSON Lines: one object per line with ``text`` or ``html`` and optional metadata.

Recognised keys: ``text``, ``html``, ``url``, ``title``, ``published``, ``outlet``,
``author``, ``language``. Values from the line get provenance ``"jsonl"`` and win over
what trafilatura finds in ``html``. Lines are read one at a time, each capped at the
size limit, so a large file never sits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from quellenlage.ingest.decode import normalise_text
from quellenlage.ingest.metadata import date_field, first_known, text_field
from quellenlage.ingest.readers import Limits, too_large_message
from quellenlage.ingest.readers.html import extract_html
from quellenlage.records import Failure, RawInput

_CHUNK = 1024 * 1024


def read_jsonl(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """One document per non-blank line; a bad line fails alone as ``origin#L<n>``."""
    line_number = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            return
        line_number += 1
        line_origin = f"{origin}#L{line_number}"
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            size = len(line) + _drain_line(stream)
            yield Failure(line_origin, too_large_message("JSONL line", size, limits))
            continue
        if line.strip():
            yield _parse_line(line_origin, line)


def _drain_line(stream: BinaryIO) -> int:
    """Skip the rest of an oversized line in chunks; return how many bytes it had."""
    size = 0
    while chunk := stream.readline(_CHUNK):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


def _parse_line(origin: str, line: bytes) -> RawInput | Failure:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return Failure(origin, "JSONL line is not valid UTF-8")
    except json.JSONDecodeError as err:
        return Failure(origin, f"JSONL line is not valid JSON: {err.msg} at column {err.colno}")
    if not isinstance(record, dict):
        return Failure(origin, f"JSONL line is a JSON {type(record).__name__}, not an object")
    text, html = record.get("text"), record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (
        isinstance(html, str) and html.strip()
    ):
        return Failure(origin, 'JSONL object has no non-empty "text" or "html" string')
    url = _string(record, "url")
    warnings = _date_warnings(record)
    declared = {
        "title": text_field(_string(record, "title"), "jsonl"),
        "published": date_field(_string(record, "published"), "jsonl"),
        "author": text_field(_string(record, "author"), "jsonl"),
        "outlet": text_field(_string(record, "outlet"), "jsonl"),
        "language": text_field(_string(record, "language"), "jsonl"),
    }
    if isinstance(text, str) and text.strip():
        return RawInput(
            origin=origin,
            raw=line.decode("utf-8"),
            format="jsonl",
            text=normalise_text(text),
            url=url,
            warnings=warnings,
            **declared,
        )
    extracted = extract_html(origin, normalise_text(html), url=url, fmt="jsonl")
    if isinstance(extracted, Failure):
        return extracted
    return RawInput(
        origin=origin,
        raw=extracted.raw,
        format="jsonl",
        text=extracted.text,
        html=extracted.html,
        url=url or extracted.url,
        title=first_known(declared["title"], extracted.title),
        published=first_known(declared["published"], extracted.published),
        author=first_known(declared["author"], extracted.author),
        outlet=first_known(declared["outlet"], extracted.outlet),
        language=declared["language"],
        warnings=warnings + extracted.warnings,
    )


def _date_warnings(record: dict[str, Any]) -> tuple[str, ...]:
    """A ``published`` that is given but is not a date is reported, not dropped in silence."""
    value = record.get("published")
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str) and date_field(value, "jsonl").value:
        return ()
    shown = value if isinstance(value, str) else json.dumps(value)
    return (f'"published" {shown[:80]!r} is not a date; the date is left unknown',)


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None
