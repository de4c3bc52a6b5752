"""Finding inputs and choosing a reader: paths, directories, standard input, sniffing."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from quellenlage.ingest.decode import binary_kind
from quellenlage.ingest.readers import Limits, Reader, read_head
from quellenlage.ingest.readers.feed import read_feed
from quellenlage.ingest.readers.html import read_html
from quellenlage.ingest.readers.jsonl import read_jsonl
from quellenlage.ingest.readers.text import read_text
from quellenlage.ingest.readers.warc import GZIP_MAGIC, read_warc
from quellenlage.records import Failure, RawInput

STDIN_ORIGIN = "<stdin>"
READERS: dict[str, Reader] = {
    "html": read_html,
    "warc": read_warc,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "text": read_text,
}
#: File types picked up when walking a directory; other files there are ignored.
SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".text": "text",
}
_SNIFF = 4096


def walk(
    paths: Iterable[str | Path], limits: Limits, stdin: BinaryIO | None
) -> Iterator[RawInput | Failure]:
    """Raw inputs of every path: files, directories (recursively, by type) and ``-``."""
    for path in paths:
        if str(path) == "-":
            if stdin is None:
                yield Failure(STDIN_ORIGIN, "standard input is not available")
            else:
                yield from read_stream(STDIN_ORIGIN, stdin, limits, None)
            continue
        yield from _read_any(Path(path), limits)


def _read_any(path: Path, limits: Limits) -> Iterator[RawInput | Failure]:
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as err:
        yield Failure(str(path), f"cannot access path: {err.strerror or err}")
        return
    if is_dir:
        unreadable: list[OSError] = []
        for file in _directory_files(path, unreadable.append):
            yield from read_path(file, limits, SUFFIX_FORMATS[_suffix(file)])
        for err in unreadable:
            yield Failure(str(err.filename), f"cannot read folder: {err.strerror or err}")
    elif exists:
        yield from read_path(path, limits, SUFFIX_FORMATS.get(_suffix(path)))
    else:
        yield Failure(str(path), "no such file or directory")


def read_path(path: Path, limits: Limits, fmt: str | None) -> Iterator[RawInput | Failure]:
    """Open one file and read it with the reader for ``fmt`` (sniffed when ``None``)."""
    origin = str(path.resolve())
    try:
        with path.open("rb") as stream:
            yield from read_stream(origin, stream, limits, fmt)
    except OSError as err:
        yield Failure(origin, f"cannot read file: {err.strerror or err}")


def read_stream(
    origin: str, stream: BinaryIO, limits: Limits, fmt: str | None
) -> Iterator[RawInput | Failure]:
    """Check that ``stream`` holds text of some kind, then hand it to its reader."""
    head, buffered = read_head(stream, _SNIFF)
    if not head:
        yield Failure(origin, "empty file")
        return
    if head.startswith(GZIP_MAGIC):
        if _gzip_holds_warc(head):
            fmt = "warc"
        else:
            yield Failure(origin, "gzip file that does not hold a WARC archive")
            return
    elif problem := binary_kind(head):
        yield Failure(origin, problem)
        return
    if fmt in (None, "text"):  # ".txt" is also what people name saved pages and exports
        fmt = sniff_format(head)
    yield from READERS[fmt](origin, buffered, limits)


def sniff_format(head: bytes) -> str:
    """Guess the format of text input from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml"):
        return "html" if b"<html" in head[:_SNIFF].lower() else "feed"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<"):
        return "html"
    return "text"


def _gzip_holds_warc(head: bytes) -> bool:
    try:
        inflated = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
    except zlib.error:
        return False
    return inflated.startswith(b"WARC/")


def _directory_files(root: Path, on_error: Callable[[OSError], None]) -> Iterator[Path]:
    """Known file types under ``root`` in a stable order, hidden files and folders skipped."""
    for folder, subfolders, files in os.walk(root, onerror=on_error):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith(".") and _suffix(path) in SUFFIX_FORMATS:
                yield path


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()
