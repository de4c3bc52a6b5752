"""From URLs to pages: fetch, archive, expand feeds and sitemaps, read articles.

:func:`crawl` knows nothing of the database; the caller tells it, through
``known``, what it holds for a URL (validators for a conditional request, the
digest of the last payload), and stores what comes out. A payload identical to
the last one archived for its URL (a 304, or a server without validators that
sends the same bytes again) is neither archived nor read again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from quellenlage.fetch.client import Fetched, Fetcher, FetchFailure, Request
from quellenlage.fetch.discover import (
    Link,
    Listing,
    feed_links,
    kind_of,
    since_filter,
    sitemap_links,
)
from quellenlage.fetch.pages import read_page
from quellenlage.fetch.warc import ArchiveRef, Prepared, WarcArchive, payload_digest, prepare
from quellenlage.records import Failure, RawInput

#: Sitemap indexes nest; deeper levels than this are not followed.
MAX_SITEMAP_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Known:
    """What the store holds for a URL."""

    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None
    #: Failed for good (404, robots.txt, not HTML): not fetched again from a listing.
    gone: bool = False
    #: A feed or sitemap.
    listing: bool = False


OutcomeKind = Literal["page", "listing", "expanded", "unchanged", "known", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one URL.

    ``page``: an article was read (``raw``); ``listing``: a feed or sitemap gave
    more URLs (``listing``), whose outcomes follow; ``expanded``: the same listing
    again once all of them came (so the caller can mark it done only then);
    ``unchanged``: same as the copy held; ``known``: a listed URL already held, not
    fetched again; ``failed``: ``raw`` is the failure, ``permanent`` if asking
    again soon is pointless.
    """

    url: str
    kind: OutcomeKind
    raw: RawInput | Failure | None = None
    fetched: Fetched | None = None
    #: The archived response of this URL (its redirects are archived too).
    archived: ArchiveRef | None = None
    link: Link | None = None
    listing: Listing | None = None
    permanent: bool = False


def crawl(
    urls: Iterable[str],
    fetcher: Fetcher,
    archive: WarcArchive,
    known: Callable[[str], Known | None],
    *,
    since: dt.datetime | None = None,
    recheck: bool = False,
) -> Iterator[Outcome]:
    """Outcomes of ``urls`` and of the pages their feeds and sitemaps list, in order.

    Listed pages already held are not fetched again, unless ``recheck``: then
    they are asked for conditionally, so that an edited one is read again, and
    feeds and sitemaps are read even when unchanged (so that their pages are).
    """
    requests = (_request(url, known(url), recheck) for url in urls)
    for result, records in _fetch(fetcher, archive, requests):
        outcome = _settle(result, records, archive, known, None, recheck)
        yield outcome
        if outcome.listing is not None:
            yield from _expand(outcome.listing, fetcher, archive, known, since, recheck, 1)
            yield replace(outcome, kind="expanded")


def _expand(
    listing: Listing,
    fetcher: Fetcher,
    archive: WarcArchive,
    known: Callable[[str], Known | None],
    since: dt.datetime | None,
    recheck: bool,
    depth: int,
) -> Iterator[Outcome]:
    if listing.sitemaps and depth < MAX_SITEMAP_DEPTH:
        requests = (_request(u, known(u), recheck) for u in listing.sitemaps)
        for result, records in _fetch(fetcher, archive, requests):
            outcome = _settle(result, records, archive, known, None, recheck)
            yield outcome
            if outcome.listing is not None:
                yield from _expand(
                    outcome.listing, fetcher, archive, known, since, recheck, depth + 1
                )
                yield replace(outcome, kind="expanded")
    fresh: list[tuple[Link, Request]] = []
    for link in since_filter(listing.links, since):
        held = known(link.url)
        if held is not None and (held.gone or not recheck):  # fetched before, not twice
            yield Outcome(link.url, "known", link=link)
        else:
            fresh.append((link, _request(link.url, held)))
    results = _fetch(fetcher, archive, (request for _, request in fresh))
    for (link, _), (result, records) in zip(fresh, results, strict=True):
        outcome = _settle(result, records, archive, known, link, recheck=False)
        if outcome.kind == "listing":  # a listed page must be an article
            failure = Failure(link.url, "not HTML: a feed or sitemap")
            outcome = replace(outcome, kind="failed", raw=failure, listing=None, permanent=True)
        yield outcome


def _fetch(
    fetcher: Fetcher, archive: WarcArchive, requests: Iterable[Request]
) -> Iterator[tuple[Fetched | FetchFailure, tuple[Prepared, ...]]]:
    """Results with their WARC records, compressed in the fetching threads (in parallel)."""

    def with_records(result: Fetched | FetchFailure) -> tuple[Fetched | FetchFailure, tuple]:
        if isinstance(result, FetchFailure) or result.not_modified:
            return result, ()
        exchanges = (*result.hops, result.response)
        return result, tuple(prepare(exchange, archive.level) for exchange in exchanges)

    return fetcher.fetch_all(requests, then=with_records)


def _request(url: str, held: Known | None, recheck: bool = False) -> Request:
    """A conditional request where validators are held (a listing to recheck needs its body)."""
    if held is None or (recheck and held.listing):
        return Request(url)
    return Request(url, held.etag, held.last_modified)


def _settle(
    result: Fetched | FetchFailure,
    records: tuple[Prepared, ...],
    archive: WarcArchive,
    known: Callable[[str], Known | None],
    link: Link | None,
    recheck: bool,
) -> Outcome:
    if isinstance(result, FetchFailure):
        failure = Failure(result.url, result.reason)
        return Outcome(result.url, "failed", failure, link=link, permanent=result.permanent)
    if result.not_modified:
        return Outcome(result.url, "unchanged", fetched=result, link=link)
    held = known(result.url)
    if held is not None and held.digest == payload_digest(result.response.body):
        if recheck and kind_of(result.response) in ("feed", "sitemap"):
            listing = _listing(result)  # archived already; read again for its pages
            if isinstance(listing, Listing):
                return Outcome(result.url, "listing", None, result, None, link, listing)
        return Outcome(result.url, "unchanged", fetched=result, link=link)
    refs = [archive.append(record) for record in records]  # the redirects, then the page
    archived = refs[-1]
    kind = kind_of(result.response)
    if kind in ("feed", "sitemap"):
        listing = _listing(result)
        if isinstance(listing, str):
            failure = Failure(result.url, listing)
            return Outcome(result.url, "failed", failure, result, archived, permanent=True)
        return Outcome(result.url, "listing", None, result, archived, link, listing)
    raw = read_page(result, link)
    if isinstance(raw, RawInput):
        return Outcome(result.url, "page", raw, result, archived, link)
    return Outcome(result.url, "failed", raw, result, archived, link, permanent=True)


def _listing(fetched: Fetched) -> Listing | str:
    body, base = fetched.response.body, fetched.final_url
    if kind_of(fetched.response) == "feed":
        return feed_links(body, base)
    return sitemap_links(body, base)
