"""The evidence: every fetched exchange written to a WARC file, and read back by reference.

Each run appends to its own gzipped WARC file (one gzip member per record, so a
record can be read from its offset alone) in the archive folder beside the
database. A page is stored as a ``response`` record followed by the ``request``
record that asked for it (``WARC-Concurrent-To`` links them). The body is
stored as httpx delivered it, after removing any ``Content-Encoding``; the
headers say so (``X-Archive-Orig-Content-Encoding``) and ``Content-Length`` is
the stored body's, so any WARC tool replays the record as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import threading
import zlib
from base64 import b32encode
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quellenlage import __version__
from quellenlage.fetch.client import Exchange

#: Headers that describe the transfer, not the stored body; replaced as the module says.
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


#: zlib level of each record's gzip member: warcio's fixed 9 costs about 40 % more CPU than 6
#: for files under 1 % smaller (``benchmarks/fetch.py --level``).
COMPRESSION_LEVEL = 6


class _Gzip:
    """One gzip member per record (what warcio's own wrapper does, at a chosen level)."""

    def __init__(self, out: io.BufferedWriter, level: int) -> None:
        self._out = out
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self._out.write(self._compressor.compress(data))

    def flush(self) -> None:
        self._out.write(self._compressor.flush())
        self._out.flush()


class _Writer(WARCWriter):
    def __init__(self, out: io.BufferedWriter, level: int) -> None:
        super().__init__(out, gzip=False)
        self._level = level

    def write_record(self, record, params=None) -> None:
        self._write_warc_record(_Gzip(self.out, self._level), record)


class ArchiveError(OSError):
    """A WARC record cannot be read back; the message names the file and offset."""


@dataclass(frozen=True, slots=True)
class ArchiveRef:
    """Where an exchange's response record lies, and what its payload hashes to."""

    file: str  # relative to the archive folder
    offset: int
    length: int
    record_id: str
    digest: str  # WARC-Payload-Digest, "sha1:<base32>"
    fetched_at: dt.datetime
    url: str
    status: int


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    """A response read back from the archive."""

    ref: ArchiveRef
    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def payload_digest(body: bytes) -> str:
    """The WARC payload digest of ``body``: ``sha1:`` and the base32 SHA-1, as warcio writes."""
    return "sha1:" + b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True, slots=True)
class Prepared:
    """An exchange serialised and compressed, ready to append (see :meth:`WarcArchive.prepare`)."""

    data: bytes  # the response record's gzip member, then the request record's
    response_length: int
    record_id: str
    digest: str
    fetched_at: dt.datetime
    url: str
    status: int


def prepare(exchange: Exchange, level: int = COMPRESSION_LEVEL) -> Prepared:
    """Build and compress the records of ``exchange``; touches no file, so any thread may."""
    buffer = io.BytesIO()
    writer = _Writer(buffer, level)  # type: ignore[arg-type]
    response = _response_record(writer, exchange)
    request = _request_record(writer, exchange, response)
    writer.write_record(response)
    length = buffer.tell()
    writer.write_record(request)
    return Prepared(
        buffer.getvalue(),
        length,
        response.rec_headers.get_header("WARC-Record-ID"),
        response.rec_headers.get_header("WARC-Payload-Digest"),
        exchange.fetched_at,
        exchange.url,
        exchange.status,
    )


class WarcArchive:
    """Appends exchanges to ``folder/quellenlage-<time>-<pid>.warc.gz`` (created on first use).

    Thread-safe. Compressing is the costly part: :func:`prepare` does it without
    the file, in the fetching threads; :meth:`append` only writes the bytes.
    """

    def __init__(self, folder: str | Path, *, level: int = COMPRESSION_LEVEL) -> None:
        self.folder = Path(folder)
        self.level = level
        self._lock = threading.Lock()
        self._file: io.BufferedWriter | None = None
        self._name = ""

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def record(self, exchange: Exchange) -> ArchiveRef:
        """Write the response and its request; return where the response record lies."""
        return self.append(prepare(exchange, self.level))

    def append(self, prepared: Prepared) -> ArchiveRef:
        with self._lock:
            out = self._open()
            offset = out.tell()
            out.write(prepared.data)
            out.flush()
            return ArchiveRef(
                file=self._name,
                offset=offset,
                length=prepared.response_length,
                record_id=prepared.record_id,
                digest=prepared.digest,
                fetched_at=prepared.fetched_at,
                url=prepared.url,
                status=prepared.status,
            )

    def _open(self) -> io.BufferedWriter:
        if self._file is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
            self._name = f"quellenlage-{stamp}-{os.getpid()}.warc.gz"
            self._file = (self.folder / self._name).open("xb")
            writer = _Writer(self._file, self.level)
            info = {"software": f"quellenlage/{__version__}", "format": "WARC File Format 1.1"}
            writer.write_record(writer.create_warcinfo_record(self._name, info))
        return self._file


def read_record(folder: str | Path, ref: ArchiveRef) -> ArchivedPage:
    """The response record at ``ref``, its payload checked against the stored digest."""
    path = Path(folder) / ref.file
    try:
        with path.open("rb") as stream:
            stream.seek(ref.offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None or record.rec_type != "response":
                raise ArchiveError(f"{path} at offset {ref.offset}: no response record there")
            body = record.content_stream().read()
            headers = tuple(record.http_headers.headers) if record.http_headers else ()
            status = int(record.http_headers.get_statuscode()) if record.http_headers else 0
            url = record.rec_headers.get_header("WARC-Target-URI") or ref.url
    except OSError as err:
        if isinstance(err, ArchiveError):
            raise
        raise ArchiveError(f"cannot read archive {path}: {err.strerror or err}") from err
    if payload_digest(body) != ref.digest:
        raise ArchiveError(f"{path} at offset {ref.offset}: payload digest does not match")
    return ArchivedPage(ref, url, status, headers, body)


def _response_record(writer: WARCWriter, exchange: Exchange):
    headers = [(k, v) for k, v in exchange.headers if k.lower() not in _TRANSFER_HEADERS]
    headers += [
        (f"X-Archive-Orig-{k}", v) for k, v in exchange.headers if k.lower() in _TRANSFER_HEADERS
    ]
    headers.append(("Content-Length", str(len(exchange.body))))
    status = f"{exchange.status} {exchange.reason}".strip()
    http = StatusAndHeaders(status, headers, protocol=_protocol(exchange.http_version))
    return writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": _warc_date(exchange.fetched_at)},
    )


def _request_record(writer: WARCWriter, exchange: Exchange, response):
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    http = StatusAndHeaders(
        f"GET {target} {_protocol(exchange.http_version)}",
        list(exchange.request_headers),
        is_http_request=True,
    )
    return writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=http,
        warc_headers_dict={
            "WARC-Date": _warc_date(exchange.fetched_at),
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )


def _protocol(version: str) -> str:
    return version if version.startswith("HTTP/") else "HTTP/1.1"


def _warc_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
