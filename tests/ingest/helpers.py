"""Small input builders shared by the ingest tests (pages, archives, feeds)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS_DE = (
    "Es gebe Beweise, dass nordkoreanische Soldaten in Russland seien, erklärten die Nato "
    "und die USA am Mittwoch übereinstimmend in Brüssel.",
    "Nach Angaben des südkoreanischen Geheimdienstes wurden bereits rund 1.500 Soldaten "
    "nach Wladiwostok gebracht, wo sie ausgebildet würden.",
    "Die Bundesregierung äußerte sich zunächst nicht zu den Berichten über die Truppen.",
)


def article_html(
    title: str = "Nordkorea schickt Soldaten",
    paragraphs: tuple[str, ...] = PARAGRAPHS_DE,
    *,
    meta: str = "",
    charset: str | None = "utf-8",
    lang: str = "de",
) -> str:
    """A news page with navigation, an article, a cookie banner and a footer."""
    charset_tag = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{charset_tag}<title>{title} | Beispiel</title>'
        f"{meta}</head><body><nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f'<div class="cookie">Wir verwenden Cookies.</div><main><article><h1>{title}</h1>'
        f"{body}</article></main><footer>Impressum | Datenschutz</footer></body></html>"
    )


def warc_bytes(pages: list[tuple[str, bytes, str]], *, gzip: bool) -> bytes:
    """A WARC with one response record per ``(url, payload, content type)``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, payload, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Beispiel Nachrichten</title><link>https://news.example.de/</link>
<language>de-DE</language><description>Nachrichten</description>
<item><title>Erste Meldung</title><link>https://news.example.de/a1</link>
<guid>https://news.example.de/a1</guid>
<pubDate>Thu, 24 Oct 2024 08:30:00 +0200</pubDate>
<description><![CDATA[<p>Der Bürgermeister sagte am Mittwoch, die Brücke werde bis März gesperrt.</p><p>Rund 1.200 Pendler seien betroffen.</p>]]></description>
</item>
<item><title>Leere Meldung</title><link>https://news.example.de/a2</link><description></description></item>
<item><title>Dritte Meldung</title><link>https://news.example.de/a3</link>
<description>Die Feuerwehr meldete einen Großbrand im Hafen, verletzt wurde niemand.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Example World News</title><id>urn:example:feed</id><updated>2024-10-24T10:00:00Z</updated>
<entry><title>Zelensky asks for air defence</title><id>urn:example:1</id>
<link href="https://world.example.com/1"/><updated>2024-10-24T09:00:00Z</updated>
<author><name>Jane Example</name></author>
<summary>Short teaser.</summary>
<content type="html">&lt;p&gt;Ukraine's president urged allies to send more air defence systems, officials said.&lt;/p&gt;</content>
</entry>
</feed>
"""
