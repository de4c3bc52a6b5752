"""A scripted HTTP server on 127.0.0.1 (a free port per test) and small pages to serve."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from quellenlage.fetch.policy import Politeness


@dataclass
class Route:
    """One scripted answer; ``then`` answers the following requests (the last one repeats)."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0
    #: Send no Content-Length and stream the body in chunks (a size limit must still hold).
    chunked: bool = False
    then: list[Route] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class Site:
    """Routes by path, and a log of every request with its time (for politeness checks)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route | str | bytes, **options) -> None:
        if isinstance(route, str):
            route = route.encode("utf-8")
        if isinstance(route, bytes):
            route = Route(route, **options)
        self.routes[path] = route

    def requests(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def answer(self, path: str, headers: dict[str, str]) -> Route:
        with self._lock:
            self.hits.append(Hit(path, time.monotonic(), headers))
            route = self.routes.get(path.split("?")[0])
            if route is None:
                return Route(b"not found", 404, "text/plain")
            if route.then:
                self.routes[path.split("?")[0]] = route.then[0]
                route.then[0].then = route.then[1:] + route.then[0].then
            return route

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            route = site.answer(self.path, headers)
            if route.delay:
                time.sleep(route.delay)
            if route.etag and headers.get("if-none-match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for start in range(0, len(route.body), 16384):
                        piece = route.body[start : start + 16384]
                        self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading at its size limit
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *_args) -> None:  # keep test output quiet
            pass

    return Handler


#: Fast but still polite settings: small delays keep the tests quick.
FAST = Politeness(delay=0.05, timeout=2.0, deadline=5.0, backoff=0.05, max_wait=2.0, retries=2)


def article(
    title: str, *paragraphs: str, published: str = "2024-10-24", charset: str = "utf-8"
) -> str:
    """A news page with enough text for the HTML reader to take it as an article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="og:site_name" content="Testzeitung"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def rss(*entries: tuple[str, str, str], title: str = "Testzeitung") -> str:
    """An RSS feed; each entry is (title, link, RFC 822 date)."""
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate><description>{t}</description></item>"
        for t, link, date in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><language>de</language>"
        f"{items}</channel></rss>"
    )


def sitemap(*entries: tuple[str, str | None]) -> str:
    """A sitemap; each entry is (loc, lastmod or None)."""
    urls = "".join(
        f"<url><loc>{loc}</loc>{f'<lastmod>{mod}</lastmod>' if mod else ''}</url>"
        for loc, mod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
