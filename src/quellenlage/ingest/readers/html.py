"""HTML pages: trafilatura extracts the article text and its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO, Literal

import lxml.etree
import lxml.html
import trafilatura

from quellenlage.ingest.decode import DecodeError, decode_bytes
from quellenlage.ingest.metadata import date_field, outlet_from_url, text_field
from quellenlage.ingest.readers import Limits, read_checked
from quellenlage.records import Failure, Field, RawInput

#: Only dates written in the page's markup or URL; htmldate's text search guesses.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: Options shared with ``benchmarks/ingest.py`` so both measure the same extraction.
EXTRACT_OPTIONS = {"with_metadata": True, "include_comments": False}

_BLOCKS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "figure", "figcaption", "header", "footer", "dd", "dt",
}  # fmt: skip
_URL_DATE = re.compile(r"/(\d{4})[/-](\d{2})[/-](\d{2})(?:/|-|$)")


def read_html(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """One HTML file: one document, or a failure saying what is wrong with it."""
    data = read_checked(origin, stream, limits)
    if isinstance(data, Failure):
        yield data
        return
    try:
        html = decode_bytes(data)
    except DecodeError as err:
        yield Failure(origin, str(err))
        return
    yield extract_html(origin, html)


def extract_html(
    origin: str,
    html: str,
    *,
    url: str | None = None,
    fmt: Literal["html", "jsonl", "warc"] = "html",
) -> RawInput | Failure:
    """Article text and metadata of one decoded page, with where each value came from."""
    if not html.strip():
        return Failure(origin, "empty HTML page")
    try:
        result = trafilatura.bare_extraction(
            html, url=url, date_extraction_params=DATE_PARAMS, **EXTRACT_OPTIONS
        )
    except Exception as err:  # any parser error on untrusted HTML fails this page only
        return Failure(origin, f"HTML could not be parsed: {type(err).__name__}: {err}")
    text = (result.text or "").strip() if result is not None else ""
    if not text:
        return Failure(origin, "no article text found in HTML")
    url = url or result.url
    return RawInput(
        origin=origin,
        raw=html,
        format=fmt,
        text=text,
        html=html,
        url=url,
        title=text_field(result.title, "html_meta"),
        published=date_field(result.date, _date_source(result.date, url)),
        author=text_field(result.author, "html_meta"),
        outlet=_outlet(result.sitename, url),
    )


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block per paragraph."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = ("\n".join(_lines(part)) for part in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _lines(paragraph: str) -> list[str]:
    lines = (" ".join(line.split()) for line in paragraph.split("\n"))
    return [line for line in lines if line]


def _date_source(date: str | None, url: str | None) -> Literal["url", "html_meta"]:
    """htmldate reads the URL too; a date that the URL spells out came from it."""
    match = _URL_DATE.search(url or "")
    if date and match and date.startswith("-".join(match.groups())):
        return "url"
    return "html_meta"


def _outlet(sitename: str | None, url: str | None) -> Field:
    """trafilatura falls back to the host name for the site name; report that as "url"."""
    host = outlet_from_url(url)
    if sitename and sitename != host:
        return text_field(sitename, "html_meta")
    return text_field(host, "url")
