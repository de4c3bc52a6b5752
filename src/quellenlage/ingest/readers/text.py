"""Plain text, typically copied from a page; :mod:`quellenlage.ingest.clean` cleans it later."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from quellenlage.ingest.decode import DecodeError, decode_bytes, normalise_text
from quellenlage.ingest.readers import Limits, read_checked
from quellenlage.records import Failure, RawInput


def read_text(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """One text file: one document, or a failure (too large, binary, undecodable, blank)."""
    data = read_checked(origin, stream, limits, "text")
    if isinstance(data, Failure):
        yield data
        return
    try:
        text = normalise_text(decode_bytes(data))
    except DecodeError as err:
        yield Failure(origin, str(err))
        return
    if not text.strip():
        yield Failure(origin, "file contains only whitespace")
        return
    yield RawInput(origin=origin, raw=text, format="text")
