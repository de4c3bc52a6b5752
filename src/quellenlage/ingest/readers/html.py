"""HTML pages: trafilatura extracts the article text and its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO, Literal

import lxml.etree
import lxml.html
import trafilatura

from quellenlage.ingest.decode import DecodeError, decode
from quellenlage.ingest.metadata import date_field, outlet_from_url, text_field
from quellenlage.ingest.readers import Limits, read_checked
from quellenlage.records import Failure, Field, RawInput

#: Only dates written in the page's markup or URL; htmldate's text search guesses.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: Options shared with the benchmarks so that they measure the same extraction.
#: ``favor_precision`` keeps teasers and boxes out: on the tuning part of the copied
#: pages (``benchmarks/clean_lines.py``) precision 0.949 -> 0.963, recall 0.974 -> 0.964.
EXTRACT_OPTIONS = {"with_metadata": True, "include_comments": False, "favor_precision": True}

_BLOCKS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "figure", "figcaption", "header", "footer", "dd", "dt",
}  # fmt: skip
#: libxml2's nesting limit (without XML_PARSE_HUGE): deeper elements are dropped.
PARSER_DEPTH = 255
#: Every tag but those that carry the text's structure (paragraphs, headings, breaks).
_LAYOUT_TAG = re.compile(r"</?(?!(?:p|br|h[1-6]|html|head|body|title|meta)\b)[a-z][^>]*>", re.I)
_URL_DATE = re.compile(r"/(\d{4})[/-](\d{2})[/-](\d{2})(?:/|-|$)")


def read_html(origin: str, stream: BinaryIO, limits: Limits) -> Iterator[RawInput | Failure]:
    """One HTML file: one document, or a failure saying what is wrong with it."""
    data = read_checked(origin, stream, limits)
    if isinstance(data, Failure):
        yield data
        return
    try:
        decoded = decode(data)
    except DecodeError as err:
        yield Failure(origin, str(err))
        return
    yield extract_html(origin, decoded.text, warnings=decoded.warnings)


def extract_html(
    origin: str,
    html: str,
    *,
    url: str | None = None,
    fmt: Literal["html", "jsonl", "warc"] = "html",
    warnings: tuple[str, ...] = (),
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
        depth = _depth(html)
        if depth < PARSER_DEPTH:
            return Failure(origin, "no article text found in HTML")
        flat = _flatten(html)
        if flat == html:
            return Failure(origin, f"HTML nested {depth}+ levels deep and no article text found")
        retried = extract_html(origin, flat, url=url, fmt=fmt, warnings=warnings)
        if isinstance(retried, Failure):
            return Failure(origin, f"HTML nested {depth}+ levels deep and no article text found")
        note = f"HTML nested {depth}+ levels deep: read with its layout tags removed"
        return replace(retried, raw=html, html=html, warnings=(*retried.warnings, note))
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
        warnings=warnings,
    )


def _depth(html: str) -> int:
    """How deep the parsed page nests (libxml2 stops at :data:`PARSER_DEPTH`)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return 0
    deepest = 0
    for element in root.iter():
        deepest = max(deepest, sum(1 for _ in element.iterancestors()))
    return deepest + 1


def _flatten(html: str) -> str:
    """The page without layout tags, for pages nested deeper than the parser goes."""
    return _LAYOUT_TAG.sub(" ", html)


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
