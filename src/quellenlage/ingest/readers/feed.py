"""RSS and Atom feeds: one document per entry.

The entry's content (or, failing that, its summary) is the text; its date, link,
title and author, and the feed's title (as outlet) and language, carry provenance
``"feed"``. feedparser needs the whole feed in memory, so feeds obey the size limit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from quellenlage.ingest.metadata import date_field, text_field
from quellenlage.ingest.readers import Limits, read_checked
from quellenlage.ingest.readers.html import fragment_text
from quellenlage.records import Failure, Field, RawInput

#: Feeds have no use for their own entities; declaring them is how expansion bombs work.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


def read_feed(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """Each entry of the feed, or one failure when the file is not a feed."""
    data = read_checked(origin, stream, limits, "feed")
    if isinstance(data, Failure):
        yield data
        return
    if _ENTITY_DECLARATION.search(data):
        yield Failure(origin, "feed declares XML entities (a possible entity-expansion bomb)")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as err:  # feedparser is lenient; anything it still throws fails this feed
        yield Failure(origin, f"feed could not be parsed: {type(err).__name__}: {err}")
        return
    if parsed.get("bozo") and not parsed.entries:
        error = " ".join(str(parsed.get("bozo_exception", "unknown error")).split())
        yield Failure(origin, f"feed is not XML: {error}")
        return
    if not parsed.entries:
        yield Failure(origin, "feed has no entries")
        return
    channel = parsed.feed
    outlet = text_field(channel.get("title"), "feed")
    language = text_field((channel.get("language") or "").split("-")[0].lower(), "feed")
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry(origin, number, entry, outlet, language)


def _entry(
    origin: str, number: int, entry: Any, outlet: Field, language: Field
) -> RawInput | Failure:
    key = entry.get("id") or entry.get("link") or f"entry {number}"
    entry_origin = f"{origin}#{key}"
    html = _content(entry)
    text = fragment_text(html) if html else ""
    if not text:
        return Failure(entry_origin, "feed entry has no content or summary")
    return RawInput(
        origin=entry_origin,
        raw=html,
        format="feed",
        text=text,
        html=html,
        url=entry.get("link"),
        title=text_field(entry.get("title"), "feed"),
        published=_published(entry),
        author=text_field(entry.get("author"), "feed"),
        outlet=outlet,
        language=language,
    )


def _content(entry: Any) -> str:
    """The longest full content of the entry, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or ""


def _published(entry: Any) -> Field:
    """feedparser gives UTC ``struct_time``s; keep them as ISO datetimes in UTC."""
    for key in ("published_parsed", "updated_parsed"):
        if parsed := entry.get(key):
            stamp = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
            return Field(stamp.isoformat(), "feed")
    return date_field(entry.get("published") or entry.get("updated"), "feed")
