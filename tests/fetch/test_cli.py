"""The commands: `ingest URL…`, `ingest --urls`, `show --archived`, `failed`, `watch --json`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from quellenlage.cli import app
from tests.fetch.server import Route, article, rss
from tests.fetch.test_ingest_urls import TEXT

runner = CliRunner()
FAST = ["--delay", "0.05"]


def test_ingest_a_url_then_show_the_archived_page(site, tmp_path):
    db = str(tmp_path / "cli.db")
    site.add("/a", article("Brand in Lagerhalle", *TEXT))
    result = runner.invoke(app, ["ingest", site.url("/a"), "--db", db, "--json", *FAST])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["status"] == "added" and item["origin"] == site.url("/a")
    shown = runner.invoke(app, ["show", str(item["document_id"]), "--archived", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "<h1>Brand in Lagerhalle</h1>" in shown.stdout
    assert "sha1:" in shown.stdout and ".warc.gz" in shown.stdout
    as_json = runner.invoke(
        app, ["show", str(item["document_id"]), "--archived", "--json", "--db", db]
    )
    data = json.loads(as_json.stdout)
    assert data["fetch"]["url"] == site.url("/a") and data["http_status"] == 200
    assert data["versions"][0]["document_id"] == item["document_id"]


def test_show_archived_of_a_file_says_there_is_no_archive(tmp_path):
    db = str(tmp_path / "cli.db")
    page = tmp_path / "page.html"
    page.write_text(article("Aus einer Datei", *TEXT), encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(page), "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["show", "1", "--archived", "--db", db])
    assert shown.exit_code == 4
    assert "was not fetched from the web" in shown.output


def test_ingest_urls_file_and_failed_lists_them(site, tmp_path):
    db = str(tmp_path / "cli.db")
    site.add("/ok", article("Gut", *TEXT))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning reading\n{site.url('/ok')}\n\n{site.url('/nope')}\n")
    result = runner.invoke(app, ["ingest", "--urls", str(listing), "--db", db, *FAST])
    assert result.exit_code == 3  # the run went on, but one input failed
    assert "1 added" in result.stdout
    failed = runner.invoke(app, ["failed", "--json", "--db", db])
    (row,) = json.loads(failed.stdout)
    assert row["origin"] == site.url("/nope") and row["error"] == "HTTP 404 Not Found"


def test_a_bad_url_list_is_a_usage_error(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("news/article.html\n")
    result = runner.invoke(app, ["ingest", "--urls", str(listing), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


def test_watch_writes_json_lines_and_logs_each_poll(site, tmp_path):
    db = str(tmp_path / "cli.db")
    site.add("/one", article("Eins", *TEXT))
    feed = rss(("Eins", site.url("/one"), "Thu, 24 Oct 2024 08:00:00 GMT"))
    site.add("/feed.xml", Route(feed.encode(), content_type="application/rss+xml", etag='"f1"'))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    args = ["watch", str(feeds), "--every", "10ms", "--max-polls", "2", "--json", "--db", db]
    result = runner.invoke(app, [*args, *FAST])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    documents = [e for e in events if e["type"] == "document"]
    assert [d["url"] for d in documents] == [site.url("/one")]
    assert "poll 1 at" in result.stderr and "poll 2 at" in result.stderr
    assert "poll 2 at" in result.stderr and "0 new documents" in result.stderr.split("poll 2")[1]


def test_watch_rejects_a_bad_interval(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n")
    result = runner.invoke(
        app, ["watch", str(feeds), "--every", "soon", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2 and "--every 'soon'" in result.output
