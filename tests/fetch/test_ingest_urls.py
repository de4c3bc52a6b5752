"""api.ingest_urls end to end: a local server, the database, the WARC archive."""

from __future__ import annotations

import dataclasses
import hashlib
from base64 import b32encode

import pytest
from warcio.archiveiterator import ArchiveIterator

from quellenlage import api
from quellenlage.store.archive import document_fetches
from tests.fetch.server import FAST, Route, article, rss, sitemap

TEXT = (
    "Bei dem Brand in der Lagerhalle sind nach Angaben der Feuerwehr 120 Menschen verletzt "
    "worden. Die Einsatzkräfte waren bis in die Nacht vor Ort.",
    "Ein Sprecher der Polizei sagte, die Ursache sei noch unklar. Man ermittle in alle "
    "Richtungen, auch Brandstiftung werde nicht ausgeschlossen.",
    "Die Stadt richtete eine Notunterkunft für die Anwohner ein, deren Häuser wegen des "
    "Rauchs geräumt werden mussten.",
)


def _ingest(urls, db, **options):
    items = []
    report = api.ingest_urls(urls, db=db, politeness=FAST, on_item=items.append, **options)
    return report, items


@pytest.fixture
def db(tmp_path):
    return api.open_db(tmp_path / "story.db")


def _warc_records(folder):
    found = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI")))
    return found


def test_an_article_url_is_stored_with_its_archived_record(site, db, tmp_path):
    site.add("/old-link", Route(b"", 301, None, {"Location": "/2024/10/24/brand"}))
    site.add("/2024/10/24/brand", article("Brand in Lagerhalle", *TEXT), etag='"a1"')
    report, items = _ingest([site.url("/old-link")], db)
    assert report.count("added") == 1 and not report.failed
    doc = api.document(items[0].document_id, db=db)
    assert doc.origin == site.url("/old-link")
    assert doc.url == site.url("/2024/10/24/brand")  # the final URL after the redirect
    assert "120 Menschen verletzt" in doc.text and doc.title.value == "Brand in Lagerhalle"
    (fetch,) = document_fetches(db, doc.id)
    body = article("Brand in Lagerhalle", *TEXT).encode()
    assert fetch.digest == "sha1:" + b32encode(hashlib.sha1(body).digest()).decode()
    assert fetch.final_url == site.url("/2024/10/24/brand") and fetch.status == 200
    assert (tmp_path / fetch.warc_file).exists()
    assert fetch.warc_file.startswith("story-archive/")
    kinds = _warc_records(tmp_path / "story-archive")
    assert ("response", site.url("/old-link")) in kinds  # the redirect is evidence too
    assert ("response", site.url("/2024/10/24/brand")) in kinds
    assert ("request", site.url("/2024/10/24/brand")) in kinds


def test_archived_copy_is_what_the_page_said_at_fetch_time(site, db):
    site.add("/a", article("Erste Fassung", *TEXT))
    _, items = _ingest([site.url("/a")], db)
    site.add("/a", article("Geänderte Fassung", "Ganz anderer Text " * 30))
    copy = api.archived(items[0].document_id, db=db)
    assert "Erste Fassung" in copy.body and "Geänderte" not in copy.body
    assert copy.http_status == 200 and copy.fetch.url == site.url("/a")


def test_unchanged_page_costs_a_304_and_adds_nothing(site, db, tmp_path):
    site.add("/a", article("Brand", *TEXT), etag='"v1"')
    _ingest([site.url("/a")], db)
    records = _warc_records(tmp_path / "story-archive")
    report, items = _ingest([site.url("/a")], db)
    assert [i.status for i in items] == ["already stored"] and report.added == 0
    assert site.requests("/a")[-1].headers["if-none-match"] == '"v1"'
    assert _warc_records(tmp_path / "story-archive") == records  # nothing archived
    assert api.count_documents(db=db) == 1


def test_same_bytes_without_validators_add_nothing(site, db, tmp_path):
    site.add("/a", article("Brand", *TEXT))
    _ingest([site.url("/a")], db)
    records = _warc_records(tmp_path / "story-archive")
    report, _ = _ingest([site.url("/a")], db)
    assert report.count("already stored") == 1 and report.added == 0
    assert _warc_records(tmp_path / "story-archive") == records


def test_a_changed_page_becomes_a_new_version(site, db):
    site.add("/a", article("Brand", *TEXT), etag='"v1"')
    _, first = _ingest([site.url("/a")], db)
    edited = (TEXT[0].replace("120", "150"), *TEXT[1:])
    site.add("/a", article("Brand", *edited), etag='"v2"')
    _report, second = _ingest([site.url("/a")], db)
    assert [i.status for i in second] == ["new version"]
    versions = api.document_versions(second[0].document_id, db=db)
    assert [v.document_id for v in versions] == [first[0].document_id, second[0].document_id]
    assert [v.number for v in versions] == [1, 2]
    old, new = (api.document(v.document_id, db=db) for v in versions)
    assert "120 Menschen" in old.text and "150 Menschen" in new.text
    assert new.duplicate_of is None  # analysed on its own, not as a copy of version 1
    assert len(document_fetches(db, new.id)) == 1 and len(document_fetches(db, old.id)) == 1


def test_wrong_charset_header_is_overruled_by_the_bytes(site, db):
    page = article("Grüße", *TEXT).encode("utf-8")
    site.add("/mislabelled", Route(page, content_type="text/html; charset=iso-8859-1"))
    legacy = article("Grüße", *TEXT, charset="windows-1252").encode("cp1252")
    site.add("/legacy", Route(legacy, content_type="text/html; charset=utf-8"))
    _, items = _ingest([site.url("/mislabelled"), site.url("/legacy")], db)
    for item in items:
        doc = api.document(item.document_id, db=db)
        assert doc.title.value == "Grüße" and "Einsatzkräfte" in doc.text


def test_a_feed_ingests_its_entries_articles(site, db):
    site.add("/one", article("Eins", *TEXT))
    site.add("/two", article("Zwei", *(t.replace("Lagerhalle", "Scheune") for t in TEXT)))
    feed = rss(
        ("Eins", site.url("/one"), "Thu, 24 Oct 2024 08:00:00 GMT"),
        ("Zwei", site.url("/two"), "Fri, 25 Oct 2024 08:00:00 GMT"),
    )
    site.add("/feed.xml", Route(feed.encode(), content_type="application/rss+xml"))
    report, items = _ingest([site.url("/feed.xml")], db)
    assert sorted(i.origin for i in items) == [site.url("/one"), site.url("/two")]
    assert report.count("added") == 2
    again, _ = _ingest([site.url("/feed.xml")], db)
    assert again.added == 0 and len(site.requests("/one")) == 1  # entries not fetched twice


def test_a_sitemap_with_since_ingests_only_newer_pages(site, db):
    site.add("/new", article("Neu", *TEXT))
    site.add("/undated", article("Ohne Datum", *(t.replace("Brand", "Feuer") for t in TEXT)))
    site.add("/old", article("Alt", *TEXT))
    listing = sitemap(
        (site.url("/new"), "2024-10-25"),
        (site.url("/old"), "2023-01-01T10:00:00+01:00"),
        (site.url("/undated"), None),
    )
    site.add("/sitemap.xml", Route(listing.encode(), content_type="application/xml"))
    _, items = _ingest([site.url("/sitemap.xml")], db, since="2024-10-01")
    assert sorted(i.origin for i in items) == [site.url("/new"), site.url("/undated")]
    assert site.requests("/old") == []


def test_failures_are_recorded_with_url_and_reason(site, db):
    site.add("/robots.txt", b"User-agent: *\nDisallow: /intern/\n", content_type="text/plain")
    site.add("/gone", Route(b"gone", 410, "text/plain"))
    site.add("/intern/x", article("Intern", *TEXT))
    site.add("/photo", Route(b"\x89PNG\r\n", content_type="image/png"))
    site.add("/big", Route(b"<p>" + b"x" * 300_000 + b"</p>", chunked=True))
    urls = [site.url(p) for p in ("/missing", "/gone", "/intern/x", "/photo", "/big")]
    politeness = dataclasses.replace(FAST, max_bytes=100_000)
    report = api.ingest_urls(urls, db=db, politeness=politeness)
    reasons = {f.origin: f.error for f in api.failures(db=db)}
    assert len(report.failed) == 5
    assert reasons == {
        site.url("/missing"): "HTTP 404 Not Found",
        site.url("/gone"): "HTTP 410 Gone",
        site.url("/intern/x"): "disallowed by robots.txt",
        site.url("/photo"): "not HTML: content type image/png",
        site.url("/big"): "page too large: more than 100000 bytes (reading stopped)",
    }


def test_a_page_that_works_again_clears_its_failure(site, db):
    site.add("/flaky", Route(b"down", 503, "text/plain"))
    _ingest([site.url("/flaky")], db)
    assert [f.origin for f in api.failures(db=db)] == [site.url("/flaky")]
    site.add("/flaky", article("Zurück", *TEXT))
    report, _ = _ingest([site.url("/flaky")], db)
    assert report.count("added") == 1 and api.failures(db=db) == []


def test_bad_options_are_usage_errors(db):
    with pytest.raises(api.UsageError, match="--since 'gestern'"):
        api.ingest_urls(["http://127.0.0.1:9/"], db=db, since="gestern")
    with pytest.raises(api.UsageError, match="delay"):
        api.politeness(delay=-1)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_exports_carry_the_archive_reference(site, db, tmp_path, fmt):
    import json

    import pyarrow.parquet as pq

    site.add("/a", article("Brand", *TEXT))
    page = tmp_path / "page.html"
    page.write_text(article("Aus einer Datei", *TEXT[1:]), encoding="utf-8")
    _, items = _ingest([site.url("/a")], db)
    api.ingest([page], db=db)
    api.export(fmt, tmp_path / "out", db=db)
    if fmt == "jsonl":
        lines = (tmp_path / "out" / "documents.jsonl").read_text().splitlines()
        rows = [json.loads(line) for line in lines]
    else:
        rows = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    fetched, from_file = rows
    (fetch,) = document_fetches(db, items[0].document_id)
    assert fetched["warc_file"] == fetch.warc_file and fetched["warc_offset"] == fetch.warc_offset
    assert fetched["warc_digest"] == fetch.digest
    assert fetched["warc_record_id"] == fetch.warc_record_id and fetched["fetched_at"]
    assert from_file["warc_file"] is None and from_file["fetched_at"] is None


def test_the_archive_reads_back_with_the_warc_reader(site, db, tmp_path):
    site.add("/a", article("Brand", *TEXT))
    _, items = _ingest([site.url("/a")], db)
    (warc,) = (tmp_path / "story-archive").glob("*.warc.gz")
    other = api.open_db(tmp_path / "replay.db")
    replayed = []
    api.ingest([warc], db=other, on_item=replayed.append)
    added = [i for i in replayed if i.status == "added"]  # other records are skipped
    assert len(added) == 1 and not [i for i in replayed if i.status == "failed"]
    assert (
        api.document(added[0].document_id, db=other).text
        == api.document(items[0].document_id, db=db).text
    )


def test_a_sitemap_index_is_followed_to_its_sitemaps(site, db):
    site.add("/a", article("A", *TEXT))
    site.add("/news.xml", Route(sitemap((site.url("/a"), None)).encode(), content_type="text/xml"))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news.xml')}</loc></sitemap></sitemapindex>"
    )
    site.add("/index.xml", Route(index.encode(), content_type="application/xml"))
    _, items = _ingest([site.url("/index.xml")], db)
    assert [(i.origin, i.status) for i in items] == [(site.url("/a"), "added")]


def test_a_feed_entry_date_fills_a_page_without_one(site, db):
    undated = article("Ohne Datum", *TEXT).replace('property="article:published_time"', "x")
    site.add("/story", undated)
    feed = rss(("Ohne Datum", site.url("/story"), "Thu, 24 Oct 2024 08:00:00 GMT"))
    site.add("/feed.xml", Route(feed.encode(), content_type="application/rss+xml"))
    _, items = _ingest([site.url("/feed.xml")], db)
    doc = api.document(items[0].document_id, db=db)
    assert doc.published.value == "2024-10-24T08:00:00+00:00" and doc.published.source == "feed"
