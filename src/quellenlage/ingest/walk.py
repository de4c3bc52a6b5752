"""Finding inputs and choosing a reader: paths, directories, standard input, sniffing.

In a directory every file is looked at: known suffixes choose the reader, others are
sniffed, and ``.gz`` files are read through (``page.html.gz``, ``feed.xml.gz``). What
is not read is listed as :class:`~quellenlage.records.Skipped` with its reason
(dangling links, binary files with unknown suffixes), never passed over in silence.
"""

from __future__ import annotations

import gzip
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
from quellenlage.records import Failure, RawInput, Skipped

STDIN_ORIGIN = "<stdin>"
READERS: dict[str, Reader] = {
    "html": read_html,
    "warc": read_warc,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "text": read_text,
}
#: Readers chosen by suffix; other files are sniffed.
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


Item = RawInput | Failure | Skipped


class _BrokenGzip(OSError):
    """A gzip stream that ends early or is corrupt (raised while a reader reads it)."""


class _Gunzip:
    """A gzip stream read through, its errors turned into :class:`_BrokenGzip`."""

    def __init__(self, stream: BinaryIO) -> None:
        self._inner = gzip.GzipFile(fileobj=stream, mode="rb")

    def read(self, size: int = -1) -> bytes:
        try:
            return self._inner.read(size)
        except (OSError, EOFError, zlib.error) as err:
            raise _BrokenGzip(str(err) or type(err).__name__) from err

    def readline(self, size: int = -1) -> bytes:
        try:
            return self._inner.readline(size)
        except (OSError, EOFError, zlib.error) as err:
            raise _BrokenGzip(str(err) or type(err).__name__) from err


def walk(paths: Iterable[str | Path], limits: Limits, stdin: BinaryIO | None) -> Iterator[Item]:
    """Raw inputs of every path: files, directories (recursively, by type) and ``-``."""
    for path in paths:
        if str(path) == "-":
            if stdin is None:
                yield Failure(STDIN_ORIGIN, "standard input is not available")
            else:
                yield from read_stream(STDIN_ORIGIN, stdin, limits, None)
            continue
        yield from _read_any(Path(path), limits)


def _read_any(path: Path, limits: Limits) -> Iterator[Item]:
    try:
        is_dir, exists = path.is_dir(), path.exists()
        dangling = not exists and path.is_symlink()
    except OSError as err:
        yield Failure(str(path), f"cannot access path: {err.strerror or err}")
        return
    if is_dir:
        unreadable: list[OSError] = []
        for file in _directory_files(path, unreadable.append):
            if file.is_symlink() and not file.exists():
                yield Skipped(
                    str(file.absolute()), f"dangling symbolic link to {os.readlink(file)}"
                )
            else:
                yield from read_path(file, limits, _format(file), in_folder=True)
        for err in unreadable:
            yield Failure(str(err.filename), f"cannot read folder: {err.strerror or err}")
    elif exists:
        yield from read_path(path, limits, _format(path))
    elif dangling:
        yield Failure(str(path), f"dangling symbolic link to {os.readlink(path)}")
    else:
        yield Failure(str(path), "no such file or directory")


def read_path(
    path: Path, limits: Limits, fmt: str | None, *, in_folder: bool = False
) -> Iterator[Item]:
    """Open one file and read it with the reader for ``fmt`` (sniffed when ``None``).

    ``in_folder``: the file was found in a directory, not named; a binary file there
    with an unknown suffix (a picture beside the pages) is skipped, not failed.
    """
    origin = str(path.resolve())
    try:
        with path.open("rb") as stream:
            yield from read_stream(origin, stream, limits, fmt, skip_binary=in_folder and not fmt)
    except OSError as err:
        yield Failure(origin, f"cannot read file: {err.strerror or err}")


def read_stream(
    origin: str,
    stream: BinaryIO,
    limits: Limits,
    fmt: str | None,
    *,
    skip_binary: bool = False,
    gunzipped: bool = False,
) -> Iterator[Item]:
    """Check that ``stream`` holds text of some kind, then hand it to its reader."""
    head, buffered = read_head(stream, _SNIFF)
    if not head:
        yield Failure(origin, "empty file")
        return
    if head.startswith(GZIP_MAGIC):
        if _gzip_holds_warc(head):
            fmt = "warc"
        elif gunzipped:
            yield Failure(origin, "gzip file inside a gzip file")
            return
        else:
            inner = _Gunzip(buffered)
            try:
                yield from read_stream(
                    origin, inner, limits, fmt, skip_binary=skip_binary, gunzipped=True
                )  # type: ignore[arg-type]
            except (_BrokenGzip, EOFError, zlib.error) as err:
                yield Failure(origin, f"broken gzip stream: {err}")
            return
    elif problem := binary_kind(head):
        yield Skipped(origin, problem) if skip_binary else Failure(origin, problem)
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
    """Files under ``root`` in a stable order; hidden files and folders are not inputs."""
    for folder, subfolders, files in os.walk(root, onerror=on_error):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith("."):
                yield path


def _format(path: Path) -> str | None:
    """The reader a file's suffix names (``page.html.gz`` as ``.html``), ``None`` to sniff."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    name = name.removesuffix(".gz")
    return SUFFIX_FORMATS.get(Path(name).suffix)
