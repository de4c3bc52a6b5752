"""Reports from the web: ingest URLs, feeds and sitemaps politely, keep what each page said.

Every fetched response is archived in a WARC file in the archive folder beside
the database (``story.db`` -> ``story-archive/``), and each document is linked
to the record it was read from. A page fetched again that changed becomes a
new version: a new document with the same origin (its URL), its own record and
its own claims. :func:`watch` polls feeds and reports what each poll changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quellenlage.api.common import DbArg, NotFound, UsageError, open_db
from quellenlage.api.ingest import IngestedItem, IngestReport, store_items
from quellenlage.records import Document, Failure
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    import httpx

    from quellenlage.fetch.crawl import Outcome
    from quellenlage.fetch.policy import Politeness
    from quellenlage.store import Store
    from quellenlage.store.archive import ArchivedFetch, Version


def is_url(text: str) -> bool:
    """Whether a command-line input names a web page rather than a file."""
    return text.startswith(("http://", "https://"))


def read_url_list(path: str | Path) -> list[str]:
    """URLs listed in a file, one per line; blank lines and ``#`` comments are ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read URL list {path}: {err}") from err
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [url for url in urls if not is_url(url)]
    if bad:
        raise UsageError(f"{path}: not an http(s) URL: {bad[0]!r}")
    return urls


def politeness(**options: Any) -> Politeness:
    """A :class:`~quellenlage.fetch.policy.Politeness` with these options changed.

    A bad value (a negative delay, no requests per host) is a :class:`UsageError`.
    """
    from quellenlage.fetch.policy import Politeness

    try:
        return Politeness(**{k: v for k, v in options.items() if v is not None})
    except (TypeError, ValueError) as err:
        raise UsageError(str(err)) from err


def archive_folder(store: Store, archive: str | Path | None = None) -> Path:
    """The WARC folder: ``archive`` if given, else ``<database name>-archive`` beside it."""
    if archive is not None:
        return Path(archive).expanduser().resolve()
    database = store.engine.url.database if store.engine.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        path = Path(database)
        return path.with_name(path.stem + "-archive")
    return Path("quellenlage-archive").resolve()


def parse_since(value: str | None) -> dt.datetime | None:
    """``--since`` as a UTC datetime (a date means its start); :class:`UsageError` if bad."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as err:
        raise UsageError(f"--since {value!r} is not a date like 2024-10-24") from err
    return moment.replace(tzinfo=moment.tzinfo or dt.UTC).astimezone(dt.UTC)


def ingest_urls(
    urls: Iterable[str],
    *,
    db: DbArg = DEFAULT_DB,
    since: str | None = None,
    politeness: Politeness | None = None,
    archive: str | Path | None = None,
    published: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    on_item: Callable[[IngestedItem], None] | None = None,
    recheck: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> IngestReport:
    """Fetch pages, feeds (their entries' articles) and sitemaps (their pages) and store them.

    Polite by default (see :class:`quellenlage.fetch.policy.Politeness`). Each
    document is stored in its own transaction and a URL's state only after it,
    so a killed run resumes; asking again for an unchanged page (304, or the
    same bytes) adds nothing. Failures are recorded with the URL and the reason.
    Pages a feed or sitemap lists are fetched once; with ``recheck`` those already
    held are asked for again (conditionally), so edits become new versions.
    """
    from quellenlage.fetch.client import Fetcher
    from quellenlage.fetch.crawl import crawl
    from quellenlage.fetch.warc import WarcArchive
    from quellenlage.ingest.document import Overrides

    try:
        overrides = Overrides.checked(published, outlet, language)
    except ValueError as err:
        raise UsageError(str(err)) from err
    since_at = parse_since(since)
    store = open_db(db)
    run = _UrlRun(store, archive_folder(store, archive), overrides, on_item)
    with Fetcher(politeness, transport=transport) as fetcher, WarcArchive(run.folder) as warc:
        outcomes = crawl(urls, fetcher, warc, run.known, since=since_at, recheck=recheck)
        store_items(run.items(outcomes), db=store, batch_size=1, on_item=run.stored)
    return run.report


class _UrlRun:
    """Turns crawl outcomes into documents for :func:`store_items` and keeps URL state."""

    def __init__(self, store: Store, folder: Path, overrides: Any, on_item: Any) -> None:
        self.store, self.folder, self.overrides, self.on_item = store, folder, overrides, on_item
        self.report = IngestReport()
        #: State to save for a URL once its document or failure is stored.
        self.pending: dict[str, dict[str, Any]] = {}
        self.had_page: set[str] = set()

    def known(self, url: str):
        from quellenlage.fetch.crawl import Known
        from quellenlage.store.archive import page_state

        state = page_state(self.store, url)
        if state is None or state.state == "failed":  # failed for now: try again
            return None
        if state.state == "gone":  # failed for good: not from listings, asked anew when named
            return Known(gone=True)
        return Known(
            state.etag, state.last_modified, state.digest, listing=state.state == "listing"
        )

    def emit(self, item: IngestedItem) -> None:
        self.report.counts[item.status] += 1
        if item.status == "failed":
            self.report.failed.append(item)
        if self.on_item:
            self.on_item(item)

    def stored(self, item: IngestedItem) -> None:
        from quellenlage.store.archive import save_page_state

        if item.status == "added" and item.origin in self.had_page:
            item = replace(item, status="new version")
        if (state := self.pending.pop(item.origin, None)) is not None:
            save_page_state(self.store, item.origin, **state)
        self.emit(item)

    def items(self, outcomes: Iterator[Outcome]) -> Iterator[Document | Failure]:
        from quellenlage.ingest.document import build_document
        from quellenlage.store.archive import page_state, save_page_state

        for outcome in outcomes:
            url = outcome.url
            if outcome.kind == "known":
                continue
            if outcome.kind == "unchanged":
                previous = page_state(self.store, url)
                save_page_state(self.store, url, state=previous.state if previous else "page")
                if previous is None or previous.state == "page":
                    self.emit(IngestedItem(url, "already stored"))
                continue
            state = _validators(outcome)
            if outcome.kind in ("listing", "expanded"):
                if outcome.kind == "listing":
                    self._add_fetch(outcome, None)
                else:  # its pages are stored: an unchanged listing may now be skipped
                    changed = outcome.archived is not None  # not when read again unchanged
                    save_page_state(self.store, url, state="listing", changed=changed, **state)
                continue
            if outcome.kind == "failed":
                assert isinstance(outcome.raw, Failure)
                if outcome.archived is not None:
                    self._add_fetch(outcome, None)
                gone = "gone" if outcome.permanent else "failed"
                self.pending[url] = {"state": gone, "error": outcome.raw.error, **state}
                yield outcome.raw
                continue
            previous = page_state(self.store, url)
            if previous is not None and previous.state == "page":
                self.had_page.add(url)
            doc = build_document(outcome.raw, self.overrides)  # type: ignore[arg-type]
            self._add_fetch(outcome, doc.content_hash if isinstance(doc, Document) else None)
            if isinstance(doc, Document):
                self.pending[url] = {"state": "page", "changed": True, **state}
            else:
                self.pending[url] = {"state": "gone", "error": doc.error, **state}
            yield doc

    def _add_fetch(self, outcome: Outcome, content_hash: str | None) -> None:
        from quellenlage.store.archive import ArchivedFetch, add_fetch

        ref, fetched = outcome.archived, outcome.fetched
        if ref is None or fetched is None:
            return
        add_fetch(
            self.store,
            ArchivedFetch(
                url=outcome.url,
                final_url=fetched.final_url,
                status=ref.status,
                content_type=fetched.response.header("content-type"),
                warc_file=_relative(self.folder / ref.file, self.store),
                warc_offset=ref.offset,
                warc_length=ref.length,
                warc_record_id=ref.record_id,
                digest=ref.digest,
                fetched_at=ref.fetched_at,
                content_hash=content_hash,
            ),
        )


def _validators(outcome: Outcome) -> dict[str, Any]:
    fetched = outcome.fetched
    if fetched is None or outcome.archived is None:
        return {}
    return {
        "final_url": fetched.final_url,
        "etag": fetched.response.header("etag"),
        "last_modified": fetched.response.header("last-modified"),
        "digest": outcome.archived.digest,
    }


def _relative(path: Path, store: Store) -> str:
    """A WARC path relative to the database's folder when it lies below it (portable)."""
    base = archive_folder(store).parent
    try:
        return str(path.resolve().relative_to(base))
    except ValueError:
        return str(path.resolve())


# --- reading the archive ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """What a page said when it was fetched, with where the record lies and its versions."""

    document_id: int
    fetch: ArchivedFetch
    http_status: int
    headers: tuple[tuple[str, str], ...]
    body: str
    versions: tuple[Version, ...] = field(default_factory=tuple)


def archived(doc_id: int, *, db: DbArg = DEFAULT_DB) -> ArchivedCopy:
    """The archived response a document was read from (its first fetch), digest checked.

    :class:`NotFound` when there is no such document or it was not fetched from
    the web; :class:`UsageError` when the WARC file is missing or does not match.
    """
    from quellenlage.fetch.warc import ArchiveError, ArchiveRef, read_record
    from quellenlage.ingest.decode import DecodeError, decode
    from quellenlage.store.archive import document_fetches, versions

    store = open_db(db)
    if store.document(doc_id) is None:
        raise NotFound(f"no document {doc_id}")
    fetches = document_fetches(store, doc_id)
    if not fetches:
        raise NotFound(f"document {doc_id} was not fetched from the web: it has no archived copy")
    first = fetches[0]
    ref = ArchiveRef(
        first.warc_file, first.warc_offset, first.warc_length, first.warc_record_id,
        first.digest, first.fetched_at, first.url, first.status,
    )  # fmt: skip
    try:
        page = read_record(archive_folder(store).parent, ref)
    except ArchiveError as err:
        raise UsageError(str(err)) from err
    charset = next(
        (v.split("charset=")[-1] for k, v in page.headers if k.lower() == "content-type" and "charset=" in v),
        None,
    )  # fmt: skip
    try:
        body = decode(page.body, charset).text
    except DecodeError:
        body = page.body.decode("utf-8", "replace")
    return ArchivedCopy(
        doc_id, first, page.status, page.headers, body, tuple(versions(store, doc_id))
    )


def document_versions(doc_id: int, *, db: DbArg = DEFAULT_DB) -> list[Version]:
    """Every stored version of the page a document came from (empty for files)."""
    from quellenlage.store.archive import versions

    return versions(open_db(db), doc_id)
