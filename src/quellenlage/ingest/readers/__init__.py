"""Readers: each turns one opened input into raw inputs, one per document it holds.

Every reader has the :class:`Reader` signature. Readers never raise for bad input:
a problem with the whole input or with one record inside it becomes a
:class:`~quellenlage.records.Failure` and reading goes on with the next record.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from quellenlage.ingest.decode import binary_kind
from quellenlage.records import Failure, RawInput

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1024 * 1024
#: Buffer wide enough to sniff a format from the first bytes.
SNIFF_BUFFER = 64 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one page or record may weigh before it is refused."""

    max_bytes: int = DEFAULT_MAX_BYTES


class Reader(Protocol):
    """Read ``stream`` (named ``origin`` in messages) and yield its documents or failures."""

    def __call__(
        self, origin: str, stream: BinaryIO, limits: Limits
    ) -> Iterator[RawInput | Failure]: ...


class TooLarge(ValueError):
    """An input over :attr:`Limits.max_bytes`; the message gives both sizes."""


def read_limited(stream: BinaryIO, limits: Limits, what: str = "page") -> bytes:
    """Read all of ``stream`` or raise :class:`TooLarge` without holding more than the limit.

    The rest of an oversized stream is drained in chunks only to report its size.
    """
    data = stream.read(limits.max_bytes + 1)
    if len(data) <= limits.max_bytes:
        return data
    size = len(data)
    del data
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
    raise TooLarge(too_large_message(what, size, limits))


def read_checked(
    origin: str, stream: BinaryIO, limits: Limits, what: str = "page"
) -> bytes | Failure:
    """All of ``stream``, or the failure saying why it is not read (too large, binary)."""
    try:
        data = read_limited(stream, limits, what)
    except TooLarge as err:
        return Failure(origin, str(err))
    if problem := binary_kind(data[:4096]):
        return Failure(origin, problem)
    return data


def too_large_message(what: str, size: int, limits: Limits) -> str:
    """ "page too large: 52.4 MB > 20 MB"."""
    return f"{what} too large: {_megabytes(size)} > {_megabytes(limits.max_bytes)}"


def _megabytes(size: int) -> str:
    value = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return f"{value} MB"


class _RawAdapter(io.RawIOBase):
    """Lets any object with ``read`` sit under an :class:`io.BufferedReader`.

    ``prefix`` holds bytes already taken from ``stream``; they are read first.
    """

    def __init__(self, stream: BinaryIO, prefix: bytes = b"") -> None:
        self._stream = stream
        self._prefix = prefix

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            data, self._prefix = self._prefix[: len(buffer)], self._prefix[len(buffer) :]
        elif hasattr(self._stream, "readinto"):
            return self._stream.readinto(buffer) or 0  # no second copy of a large read
        else:
            data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peekable(stream: BinaryIO) -> io.BufferedReader:
    """``stream`` with ``peek`` (needed to sniff formats without consuming bytes)."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(_RawAdapter(stream), buffer_size=SNIFF_BUFFER)


def read_head(stream: BinaryIO, size: int) -> tuple[bytes, io.BufferedReader]:
    """The first ``size`` bytes (fewer only at end of input) and the whole stream again.

    Unlike ``peek``, this waits for a slow pipe (standard input) to deliver enough bytes.
    """
    head = b""
    while len(head) < size and (chunk := stream.read(size - len(head))):
        head += chunk
    return head, io.BufferedReader(_RawAdapter(stream, head), buffer_size=SNIFF_BUFFER)
