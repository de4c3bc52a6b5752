"""Hostile inputs of every kind, at any size: shared by the fuzz tests and the benchmark.

Each builder takes a size in bytes (roughly) and returns ``(file name, bytes)``.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = [
    "der",
    "minister",
    "sagte",
    "am",
    "montag",
    "in",
    "berlin",
    "die",
    "lage",
    "sei",
    "ernst",
    "und",
    "man",
    "werde",
    "handeln",
]


def _words(size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        total += len(word) + 1
        i += 1
    return " ".join(out)


def long_line_text(size: int) -> tuple[str, bytes]:
    """One line of words with sentence ends, no newline: a copied page without breaks."""
    sentence = "Der Minister sagte am Montag in Berlin, die Lage sei ernst. "
    return "eine-zeile.txt", (sentence * (size // len(sentence) + 1)).encode()[:size]


def unpunctuated_text(size: int) -> tuple[str, bytes]:
    """One paragraph of words and no punctuation at all."""
    return "ohne-punkt.txt", _words(size).encode()


def quote_marks(size: int) -> tuple[str, bytes]:
    """A run of German opening quotes, none closed („ „ „ …)."""
    unit = "Er sagte „ja "
    return "anfuehrung.txt", (unit * (size // len(unit.encode()) + 1)).encode()


def many_lines(size: int) -> tuple[str, bytes]:
    """Short repeated lines: the cleaner's repetition and run logic."""
    unit = "Ein kurzer Satz steht hier.\nStartseite\n"
    return "zeilen.txt", (unit * (size // len(unit) + 1)).encode()[:size]


def deep_html(size: int) -> tuple[str, bytes]:
    """A page nested ``size // 11`` levels deep around real paragraphs."""
    depth = max(size // 11, 1)
    body = "<p>" + "Der Minister sagte am Montag, die Lage sei ernst und man werde handeln. " * 5
    page = f"<html><body>{'<div>' * depth}{body}</p>{'</div>' * depth}</body></html>"
    return "tief.html", page.encode()


def big_html(size: int) -> tuple[str, bytes]:
    """A page of many ordinary paragraphs."""
    paragraph = (
        "<p>Der Minister sagte am Montag in Berlin, die Lage sei ernst und man werde handeln.</p>\n"
    )
    count = size // len(paragraph) + 1
    return (
        "gross.html",
        f"<html><body><article>{paragraph * count}</article></body></html>".encode(),
    )


def xml_bomb(size: int) -> tuple[str, bytes]:
    """A "feed" whose entities expand a thousandfold (billion laughs)."""
    levels = max(2, min(9, len(str(size))))
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss><channel><title>t</title><item>'
        f"<title>x</title><description>&a{levels - 1};</description></item></channel></rss>"
    )
    return "bombe.xml", feed.encode()


def gzip_bomb(size: int) -> tuple[str, bytes]:
    """A small gzip that inflates to ``100 * size`` bytes of spaces (beyond any limit)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as packed:
        block = b" " * (1 << 20)  # written a megabyte at a time: the builder stays small
        for _ in range(max(100 * size >> 20, 1)):
            packed.write(block)
    return "bombe.txt.gz", buffer.getvalue()


def invalid_utf8(size: int) -> tuple[str, bytes]:
    """A UTF-8 page with a few invalid bytes in it."""
    text = ("Die Plätze für Grüße sind vergeben, sagte der Sprecher. " * (size // 58 + 1))[:size]
    data = text.encode()
    middle = len(data) // 2
    return "kaputt.txt", data[:middle] + b"\xff\xfe\xc3(" + data[middle:]


def jsonl_long_line(size: int) -> tuple[str, bytes]:
    """One JSONL object whose text is one long line."""
    return "lang.jsonl", json.dumps({"text": _words(size), "published": "kein Datum"}).encode()


def warc_mixed(size: int) -> tuple[str, bytes]:
    """A WARC of HTML pages, pictures and request records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    paragraph = "<p>Der Minister sagte am Montag, die Lage sei ernst und man werde handeln.</p>"
    count = max(size // 400, 1)
    for number in range(count):
        html = (
            f"<html><body><article><h1>Meldung {number}</h1>{paragraph * 4}</article></body></html>"
        )
        for payload, kind in ((html.encode(), "text/html"), (b"\x89PNG\r\n", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://x.example/{number}/{kind}", "response",
                payload=io.BytesIO(payload), http_headers=headers,
            )  # fmt: skip
            writer.write_record(record)
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{number}",
                "request",
                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            )
        )
    return "crawl.warc.gz", buffer.getvalue()


#: Every kind, by name.
KINDS: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "long line": long_line_text,
    "no punctuation": unpunctuated_text,
    "10k quote marks": quote_marks,
    "many short lines": many_lines,
    "deep nesting": deep_html,
    "big HTML": big_html,
    "XML bomb": xml_bomb,
    "gzip bomb": gzip_bomb,
    "invalid UTF-8": invalid_utf8,
    "JSONL long line": jsonl_long_line,
    "WARC mixed": warc_mixed,
}
