"""What a fetched body is (page, feed, sitemap) and which links a feed or sitemap lists.

A feed's entries and a sitemap's pages become links to fetch, each with the date
the feed or sitemap gives it, so that ``--since`` can leave older ones out.
Links without a date are kept: nothing shows that they are old.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

import feedparser
import lxml.etree

from quellenlage.fetch.client import Exchange

Kind = Literal["html", "feed", "sitemap", "other"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<([A-Za-z:]+)", re.S
)


@dataclass(frozen=True, slots=True)
class Link:
    """A page a feed or sitemap points to, with its date when given (UTC)."""

    url: str
    date: dt.datetime | None = None
    title: str | None = None
    #: The entry's date as the feed gives it (ISO), to fill an article's missing date.
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """The links of one feed or sitemap; ``sitemaps`` are nested sitemaps of an index."""

    links: tuple[Link, ...]
    sitemaps: tuple[str, ...] = ()
    title: str | None = None


def kind_of(response: Exchange) -> Kind:
    """Classify by content type, then by the first element of XML and unlabelled bodies."""
    content_type = response.content_type
    if content_type in _HTML_TYPES:
        return "html"
    if content_type in _FEED_TYPES:
        return "feed"
    if content_type in _XML_TYPES or content_type in ("", "text/plain"):
        match = _START.match(response.body[:4096])
        root = match.group(1).decode("ascii").lower().split(":")[-1] if match else ""
        if root in ("rss", "feed", "rdf"):
            return "feed"
        if root in ("urlset", "sitemapindex"):
            return "sitemap"
        if root == "html" or (not content_type and response.body.lstrip()[:1] == b"<"):
            return "html"
    return "other"


def feed_links(body: bytes, base: str) -> Listing | str:
    """The entries' links of an RSS/Atom feed, or why there are none."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo") and not parsed.entries:
        error = " ".join(str(parsed.get("bozo_exception", "unknown error")).split())
        return f"feed is not XML: {error}"
    links = []
    for entry in parsed.entries:
        href = entry.get("link")
        if not href:
            continue
        when = _entry_date(entry)
        links.append(
            Link(
                urljoin(base, href.strip()),
                when,
                entry.get("title"),
                when.isoformat() if when else None,
            )
        )
    if not links:
        return "feed has no entries with links"
    return Listing(tuple(links), title=parsed.feed.get("title"))


def sitemap_links(body: bytes, base: str) -> Listing | str:
    """The pages (``urlset``) or nested sitemaps (``sitemapindex``) of a sitemap."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError as err:
        return f"sitemap is not XML: {err}"
    name = lxml.etree.QName(root).localname
    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _child_text(node, "loc")
        if loc:
            date = _child_text(node, "publication_date") or _child_text(node, "lastmod")
            entries.append((urljoin(base, loc), _parse_date(date)))
    if name == "sitemapindex":
        return Listing((), sitemaps=tuple(url for url, _ in entries))
    if not entries:
        return "sitemap lists no pages"
    return Listing(tuple(Link(url, when) for url, when in entries))


def since_filter(links: tuple[Link, ...], since: dt.datetime | None) -> list[Link]:
    """Links dated at or after ``since``; undated ones stay (nothing shows they are older)."""
    if since is None:
        return list(links)
    return [link for link in links if link.date is None or link.date >= since]


def _child_text(node: lxml.etree._Element, local: str) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and lxml.etree.QName(child).localname == local:
            return (child.text or "").strip() or None
    return None


def _entry_date(entry: feedparser.FeedParserDict) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning
        if parsed := dict.get(entry, key):
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
    return None


def _parse_date(value: str | None) -> dt.datetime | None:
    """W3C datetime as sitemaps write it (``2024-10-24`` or with time and zone), in UTC."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
