"""A fetched HTML page read by the same decoder and reader as an HTML file.

The charset of the ``Content-Type`` header is handed to the decoder as the
declared encoding; the decoder also reads the page's own ``<meta charset>``
and copes with mislabelled pages (see :mod:`quellenlage.ingest.decode`).
"""

from __future__ import annotations

from dataclasses import replace

from quellenlage.fetch.client import Fetched
from quellenlage.fetch.discover import Link, kind_of
from quellenlage.ingest.decode import DecodeError, binary_kind, decode
from quellenlage.ingest.readers.html import extract_html
from quellenlage.records import Failure, Field, RawInput


def read_page(fetched: Fetched, link: Link | None = None) -> RawInput | Failure:
    """The article in a fetched page; its origin is the URL asked for, its url the final one.

    ``link`` is the feed entry that pointed here: its date fills a page that has none.
    """
    response, origin = fetched.response, fetched.url
    if kind_of(response) != "html" or response.body_skipped:
        return Failure(origin, f"not HTML: content type {response.content_type or 'missing'}")
    if problem := binary_kind(response.body[:4096]):
        return Failure(origin, f"not HTML: {problem}")
    try:
        decoded = decode(response.body, response.charset)
    except DecodeError as err:
        return Failure(origin, str(err))
    raw = extract_html(
        origin, decoded.text, url=fetched.final_url, fmt="html", warnings=decoded.warnings
    )
    if isinstance(raw, RawInput) and link and link.published and not raw.published.value:
        raw = replace(raw, published=Field(link.published, "feed"))
    return raw
