"""WARC and WARC.gz archives: one document per HTML ``response`` record.

Records are streamed by warcio. Responses that are not HTML (images, scripts) are
listed one by one as skipped; the other record types (requests, metadata, warcinfo)
are not reports at all and are counted in one skipped line per archive. warcio stops quietly at a
truncated gzip member or record, so this reader checks completeness itself: a
:class:`_GzipCheck` follows the compressed stream, and each record's payload must
reach its declared length.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from quellenlage.ingest.decode import DecodeError, binary_kind, decode
from quellenlage.ingest.readers import Limits, TooLarge, peekable, read_limited
from quellenlage.ingest.readers.html import extract_html
from quellenlage.records import Failure, RawInput, Skipped

GZIP_MAGIC = b"\x1f\x8b"
_INFLATE_STEP = 1024 * 1024


class _GzipCheck:
    """A file wrapper that inflates what passes through to learn if the last member ended."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._in_member = False
        self.corrupt: str | None = None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._follow(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        self._follow(data)
        return data

    @property
    def complete(self) -> bool:
        return not self._in_member and self.corrupt is None

    def _follow(self, data: bytes) -> None:
        while data and self.corrupt is None:
            self._in_member = True
            try:
                # bounded output per step: a small gzip member may inflate a thousandfold
                self._inflate.decompress(data, _INFLATE_STEP)
                while self._inflate.unconsumed_tail:
                    self._inflate.decompress(self._inflate.unconsumed_tail, _INFLATE_STEP)
            except zlib.error as err:
                self.corrupt = str(err)
                return
            if not self._inflate.eof:
                return
            data = self._inflate.unused_data
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._in_member = False


def read_warc(
    origin: str, stream: BinaryIO, limits: Limits
) -> Iterator[RawInput | Failure | Skipped]:
    """Each HTML response in the archive; a truncated or corrupt archive ends with a failure."""
    stream = peekable(stream)
    checked = _GzipCheck(stream) if stream.peek(2)[:2] == GZIP_MAGIC else None
    complete = seen = 0
    truncated_record = False
    other: Counter[str] = Counter()
    try:
        for record in ArchiveIterator(checked or stream):
            seen += bool(record.rec_type)  # warcio hands out header garbage as typeless records
            if record.rec_type != "response" or record.http_headers is None:
                if record.rec_type:  # typeless records are header garbage, failed below
                    other[record.rec_type] += 1
                continue
            record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record {seen}"
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                shown = content_type.split(";")[0].strip() or "no content type"
                yield Skipped(f"{origin}#{record_id}", f"WARC response is not HTML ({shown})")
                continue
            result = _record(f"{origin}#{record_id}", record, content_type, limits)
            if getattr(record.raw_stream, "limit", 0) > 0:
                truncated_record = True  # the payload ended before its declared length
                break
            complete += 1
            yield result
    except AttributeError:
        # warcio meets a record header cut short with an AttributeError on the missing line
        yield Failure(origin, f"broken WARC stream after {complete} records: incomplete header")
        return
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, zlib.error) as err:
        yield Failure(origin, f"broken WARC stream after {complete} records: {err}")
        return
    if other:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(other.items()))
        yield Skipped(origin, f"WARC records that are not responses: {counts}")
    if checked is not None and not checked.complete:
        reason = checked.corrupt or "truncated gzip stream"
        yield Failure(origin, f"{reason} after {complete} records")
    elif truncated_record:
        yield Failure(origin, f"truncated WARC record after {complete} records")
    elif not seen:
        yield Failure(origin, "no WARC records found")
    elif not complete:
        yield Failure(origin, f"no HTML responses among {seen} WARC records")


def _record(origin: str, record: object, content_type: str, limits: Limits) -> RawInput | Failure:
    try:
        data = read_limited(record.content_stream(), limits)  # type: ignore[attr-defined]
    except TooLarge as err:
        return Failure(origin, str(err))
    except (OSError, zlib.error, ValueError) as err:
        return Failure(origin, f"WARC record payload could not be read: {err}")
    if problem := binary_kind(data[:4096]):
        return Failure(origin, problem)
    try:
        decoded = decode(data, _charset(content_type))
    except DecodeError as err:
        return Failure(origin, str(err))
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    return extract_html(origin, decoded.text, url=url, fmt="warc", warnings=decoded.warnings)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
