"""Feeds and sitemaps: what a body is, which links it lists, and --since."""

from __future__ import annotations

import dataclasses
import datetime as dt

from quellenlage.fetch.client import Exchange
from quellenlage.fetch.discover import Link, feed_links, kind_of, since_filter, sitemap_links
from tests.fetch.server import rss, sitemap

BASE = "http://127.0.0.1:9/"


def _response(body: bytes, content_type: str | None) -> Exchange:
    headers = (("Content-Type", content_type),) if content_type else ()
    return Exchange(BASE, (), "HTTP/1.1", 200, "OK", headers, body, dt.datetime.now(dt.UTC))


def test_kind_by_content_type_then_by_first_element():
    assert kind_of(_response(b"<html></html>", "text/html; charset=utf-8")) == "html"
    assert kind_of(_response(rss().encode(), "application/rss+xml")) == "feed"
    assert kind_of(_response(rss().encode(), "text/xml")) == "feed"
    atom = b'<?xml version="1.0"?><!-- atom --><feed xmlns="http://www.w3.org/2005/Atom"/>'
    assert kind_of(_response(atom, "application/xml")) == "feed"
    assert kind_of(_response(sitemap().encode(), "application/xml")) == "sitemap"
    index = b'<?xml version="1.0"?><sitemapindex xmlns="x"></sitemapindex>'
    assert kind_of(_response(index, None)) == "sitemap"
    assert kind_of(_response(b"<!DOCTYPE html><html>", None)) == "html"
    assert kind_of(_response(b"%PDF-1.4", "application/pdf")) == "other"
    assert kind_of(_response(b'{"a": 1}', "application/json")) == "other"


def test_feed_links_resolve_relative_links_and_keep_dates():
    feed = rss(
        ("Eins", "/2024/eins", "Thu, 24 Oct 2024 08:00:00 +0200"),
        ("Zwei", "http://127.0.0.1:9/zwei", "kein Datum"),
    )
    listing = feed_links(feed.encode(), BASE)
    assert [link.url for link in listing.links] == [BASE + "2024/eins", BASE + "zwei"]
    assert listing.links[0].date == dt.datetime(2024, 10, 24, 6, 0, tzinfo=dt.UTC)
    assert listing.links[0].published == "2024-10-24T06:00:00+00:00"
    assert listing.links[1].date is None and listing.title == "Testzeitung"


def test_broken_and_empty_feeds_say_why():
    assert feed_links(b"<rss><channel><title>x</title></channel></rss>", BASE) == (
        "feed has no entries with links"
    )
    assert feed_links(b"\x00\x01 not xml", BASE).startswith("feed is not XML")


def test_sitemap_pages_dates_and_news_dates():
    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>http://127.0.0.1:9/a</loc><lastmod>2024-10-24</lastmod></url>"
        b"<url><loc>http://127.0.0.1:9/b</loc><news:news>"
        b"<news:publication_date>2024-10-25T10:00:00Z</news:publication_date></news:news></url>"
        b"<url><loc>http://127.0.0.1:9/c</loc><lastmod>not a date</lastmod></url>"
        b"</urlset>"
    )
    listing = sitemap_links(body, BASE)
    assert [(link.url[-1], link.date) for link in listing.links] == [
        ("a", dt.datetime(2024, 10, 24, tzinfo=dt.UTC)),
        ("b", dt.datetime(2024, 10, 25, 10, tzinfo=dt.UTC)),
        ("c", None),
    ]


def test_sitemap_index_lists_sitemaps_and_bad_xml_fails():
    index = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/news.xml</loc></sitemap></sitemapindex>"
    )
    assert sitemap_links(index, BASE).sitemaps == (BASE + "news.xml",)
    assert sitemap_links(b"<urlset><url>", BASE).startswith("sitemap is not XML")
    assert sitemap_links(sitemap().encode(), BASE) == "sitemap lists no pages"


def test_since_keeps_newer_and_undated_links():
    old = Link("http://x/old", dt.datetime(2023, 1, 1, tzinfo=dt.UTC))
    new = Link("http://x/new", dt.datetime(2024, 10, 25, tzinfo=dt.UTC))
    undated = dataclasses.replace(old, url="http://x/undated", date=None)
    since = dt.datetime(2024, 10, 1, tzinfo=dt.UTC)
    assert since_filter((old, new, undated), since) == [new, undated]
    assert since_filter((old, new), None) == [old, new]
