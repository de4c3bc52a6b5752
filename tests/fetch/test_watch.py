"""api.watch: new feed entries picked up once, changes reported, errors survived."""

from __future__ import annotations

import pytest

from quellenlage import api
from tests.fetch.server import FAST, Route, article, rss

FIRST = (
    "Bei dem Brand in der Lagerhalle in Köln sind nach Angaben der Feuerwehr 120 Menschen "
    "verletzt worden.",
    "Die Einsatzkräfte waren bis in die Nacht vor Ort, sagte ein Sprecher.",
    "Die Stadt richtete eine Notunterkunft ein.",
)
SECOND = (
    "Bei dem Brand in der Lagerhalle in Köln sind nach Angaben der Polizei 150 Menschen "
    "verletzt worden.",
    "Die Ursache sei unklar, sagte ein Polizeisprecher am Abend.",
    "Anwohner mussten ihre Häuser verlassen.",
)


def _feed(site, *paths: str) -> None:
    entries = [(p, site.url(p), f"Thu, 2{n} Oct 2024 08:00:00 GMT") for n, p in enumerate(paths)]
    body = rss(*entries).encode()
    site.add("/feed.xml", Route(body, content_type="application/rss+xml", etag=f'"{len(paths)}"'))


def test_watch_picks_up_a_new_entry_reports_changes_and_nothing_twice(site, tmp_path):
    db = api.open_db(tmp_path / "live.db")
    site.add("/one", article("120 Verletzte", *FIRST, published="2024-10-24"))
    site.add("/two", article("150 Verletzte", *SECOND, published="2024-10-25"))
    _feed(site, "/one")
    polls: list[api.Poll] = []

    def after_poll(poll: api.Poll) -> None:
        polls.append(poll)
        if poll.number == 1:  # the outlet publishes a second report
            _feed(site, "/one", "/two")

    api.watch(
        [site.url("/feed.xml")], db=db, every=0.01, max_polls=3, politeness=FAST,
        on_poll=after_poll,
    )  # fmt: skip
    first, second, third = polls
    assert [e["url"] for e in first.events if e["type"] == "document"] == [site.url("/one")]
    assert [e["url"] for e in second.events if e["type"] == "document"] == [site.url("/two")]
    assert third.events == () and third.new_documents == 0
    assert all(p.error is None for p in polls)
    values = [e for e in second.events if e["type"] == "figure_value"]
    assert [(v["text"], v["document_id"]) for v in values] == [("150 Menschen", 2)]
    disagreements = [e for e in second.events if e["type"] == "disagreement"]
    assert len(disagreements) == 1 and disagreements[0]["kind"] == "value"
    assert len(site.requests("/one")) == 1 and len(site.requests("/two")) == 1
    assert site.requests("/feed.xml")[-1].headers["if-none-match"] == '"2"'

    restarted: list[api.Poll] = []
    api.watch(
        [site.url("/feed.xml")], db=db, every=0.01, max_polls=1, politeness=FAST,
        on_poll=restarted.append,
    )  # fmt: skip
    assert restarted[0].events == () and api.count_documents(db=db) == 2


def test_watch_survives_a_server_that_goes_away(site, tmp_path):
    db = api.open_db(tmp_path / "live.db")
    site.add("/one", article("120 Verletzte", *FIRST))
    _feed(site, "/one")
    polls: list[api.Poll] = []

    def after_poll(poll: api.Poll) -> None:
        polls.append(poll)
        if poll.number == 1:
            site.add("/feed.xml", Route(b"maintenance", 503, "text/plain"))
        if poll.number == 2:
            _feed(site, "/one")

    count = api.watch(
        [site.url("/feed.xml")], db=db, every=0.01, max_polls=3, politeness=FAST,
        analyze=False, on_poll=after_poll,
    )  # fmt: skip
    assert count == 3
    assert [p.new_documents for p in polls] == [1, 0, 0]
    assert polls[1].failed == 1 and polls[1].error is None
    failures = [e for e in polls[1].events if e["type"] == "failed"]
    assert failures[0]["url"] == site.url("/feed.xml") and "HTTP 503" in failures[0]["error"]
    assert polls[2].failed == 0 and api.count_documents(db=db) == 1


def test_recheck_turns_an_edited_entry_into_a_new_version(site, tmp_path):
    db = api.open_db(tmp_path / "live.db")
    site.add("/one", Route(article("120 Verletzte", *FIRST).encode(), etag='"a"'))
    site.add("/gone", Route(b"gone", 410, "text/plain"))
    _feed(site, "/one", "/gone")
    polls: list[api.Poll] = []

    def after_poll(poll: api.Poll) -> None:
        polls.append(poll)
        if poll.number == 2:  # the outlet corrects its report; the feed stays the same
            edited = (FIRST[0].replace("120", "130"), *FIRST[1:])
            site.add("/one", Route(article("130 Verletzte", *edited).encode(), etag='"b"'))

    api.watch(
        [site.url("/feed.xml")], db=db, every=0.01, max_polls=3, politeness=FAST,
        analyze=False, recheck=True, on_poll=after_poll,
    )  # fmt: skip
    statuses = [[e.get("status") for e in p.events if e["type"] == "document"] for p in polls]
    assert statuses == [["added"], [], ["new version"]]
    assert [p.unchanged for p in polls] == [0, 1, 0]  # poll 2: a 304 for the unchanged page
    assert site.requests("/one")[1].headers["if-none-match"] == '"a"'
    assert len(site.requests("/gone")) == 1  # a 410 is not asked for again
    assert [v.number for v in api.document_versions(2, db=db)] == [1, 2]


def test_watch_stops_when_asked(site, tmp_path):
    import threading

    _feed(site, "/one")
    site.add("/one", article("120 Verletzte", *FIRST))
    stop = threading.Event()
    count = api.watch(
        [site.url("/feed.xml")], db=tmp_path / "live.db", every=30, politeness=FAST,
        analyze=False, stop=stop, on_poll=lambda poll: stop.set(),
    )  # fmt: skip
    assert count == 1


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400), ("250ms", 0.25), ("2", 2)]
)
def test_parse_interval(text, seconds):
    assert api.parse_interval(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "0s", "-5m"])
def test_parse_interval_rejects_nonsense(text):
    with pytest.raises(api.UsageError):
        api.parse_interval(text)
