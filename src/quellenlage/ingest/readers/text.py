"""Plain text, typically copied from a page; :mod:`quellenlage.ingest.clean` cleans it later."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from quellenlage.ingest.decode import DecodeError, decode, normalise_text
from quellenlage.ingest.readers import Limits, read_checked
from quellenlage.records import Failure, RawInput


def read_text(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """One text file: one document, or a failure (too large, binary, undecodable, blank)."""
    data = read_checked(origin, stream, limits, "text")
    if isinstance(data, Failure):
        yield data
        return
    try:
        decoded = decode(data)
    except DecodeError as err:
        yield Failure(origin, str(err))
        return
    text = normalise_text(decoded.text)
    if not text.strip():
        yield Failure(origin, "file contains only whitespace")
        return
    yield RawInput(origin=origin, raw=text, format="text", warnings=decoded.warnings)
