"""WARC recording: records readable by warcio, digests right, read back by reference."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from base64 import b32encode

import pytest
from warcio.archiveiterator import ArchiveIterator

from quellenlage.fetch.client import Exchange, Fetched, Fetcher
from quellenlage.fetch.warc import ArchiveError, WarcArchive, payload_digest, read_record
from tests.fetch.server import FAST


def _exchange(body: bytes, **changes) -> Exchange:
    exchange = Exchange(
        url="http://127.0.0.1:9/a?x=1",
        request_headers=(("Host", "127.0.0.1:9"), ("User-Agent", "quellenlage/test")),
        http_version="HTTP/1.1",
        status=200,
        reason="OK",
        headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")),
        body=body,
        fetched_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC),
    )
    return dataclasses.replace(exchange, **changes)


def test_records_are_a_response_and_its_request_readable_by_warcio(tmp_path):
    body = "<p>Laut Polizei wurden 120 Menschen verletzt – „schwer“.</p>".encode()
    with WarcArchive(tmp_path) as archive:
        ref = archive.record(_exchange(body))
    files = list(tmp_path.glob("*.warc.gz"))
    assert [f.name for f in files] == [ref.file]
    with files[0].open("rb") as stream:
        records = list(
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        )
    assert [kind for kind, *_ in records] == ["warcinfo", "response", "request"]
    _, response_headers, http, payload = records[1]
    assert payload == body
    expected = "sha1:" + b32encode(hashlib.sha1(body).digest()).decode()
    assert response_headers.get_header("WARC-Payload-Digest") == expected == ref.digest
    assert response_headers.get_header("WARC-Target-URI") == "http://127.0.0.1:9/a?x=1"
    assert response_headers.get_header("WARC-Date").startswith("2026-12-01T09:30:00")
    # the stored body is decoded: the header says what the transfer was, not what is stored
    assert http.get_header("Content-Encoding") is None
    assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert http.get_header("Content-Length") == str(len(body))
    _, request_headers, request_http, _ = records[2]
    assert request_headers.get_header("WARC-Concurrent-To") == ref.record_id
    assert request_http.protocol == "GET" and request_http.statusline.startswith("/a?x=1")
    assert request_http.get_header("User-Agent") == "quellenlage/test"


def test_a_record_is_read_back_from_its_offset(tmp_path):
    with WarcArchive(tmp_path) as archive:
        first = archive.record(_exchange(b"<p>first</p>"))
        second = archive.record(_exchange(b"<p>second</p>", url="http://127.0.0.1:9/b"))
    assert second.offset > first.offset
    page = read_record(tmp_path, second)
    assert page.body == b"<p>second</p>" and page.status == 200
    assert page.url == "http://127.0.0.1:9/b"
    assert read_record(tmp_path, first).body == b"<p>first</p>"


def test_a_changed_archive_is_detected(tmp_path):
    with WarcArchive(tmp_path) as archive:
        ref = archive.record(_exchange(b"<p>original</p>"))
    with pytest.raises(ArchiveError, match="digest does not match"):
        read_record(tmp_path, dataclasses.replace(ref, digest=payload_digest(b"other")))
    with pytest.raises(ArchiveError, match="cannot read archive"):
        read_record(tmp_path / "elsewhere", ref)


def test_a_fetched_page_is_recorded_as_served(tmp_path, site):
    site.add("/page", "<html><body><p>Grüße aus Köln</p></body></html>")
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(site.url("/page"))
    assert isinstance(result, Fetched)
    with WarcArchive(tmp_path) as archive:
        ref = archive.record(result.response)
    page = read_record(tmp_path, ref)
    assert page.body.decode("utf-8") == "<html><body><p>Grüße aus Köln</p></body></html>"
    assert dict(page.headers)["Content-Type"] == "text/html; charset=utf-8"
