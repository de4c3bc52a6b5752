"""`quellenlage ingest`, `docs`, `show`, `failed` end to end, through the real CLI."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quellenlage.cli import app

runner = CliRunner()

ARTICLE = """<html><head><title>{title}</title>
<meta property="og:site_name" content="Testpost">
<meta name="date" content="2024-10-{day:02d}"></head>
<body><nav>Startseite | Politik | Sport</nav><article><h1>{title}</h1>
<p>{body}</p><p>Die Regierung in Seoul teilte am Mittwoch mit, es gebe neue Hinweise.
Nach Angaben des Geheimdienstes seien {n}.000 Soldaten verlegt worden.</p></article>
<footer>© Testpost 2024 · Impressum · Datenschutz</footer></body></html>"""


def article(i: int, body: str | None = None) -> str:
    body = body or (
        f"Bericht Nummer {i}: Der Verteidigungsminister erklärte in Berlin, die Lage an der "
        f"Front habe sich im Abschnitt {i} deutlich verschärft. Beobachter sprechen von einer "
        f"neuen Phase des Krieges, die auch die Nachbarländer {i} betreffe."
    )
    return ARTICLE.format(title=f"Meldung {i} zur Lage", day=1 + i % 28, body=body, n=i)


def run(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_sample_article_is_one_german_document_with_unknown_date(tmp_path, sample_article):
    db = tmp_path / "q.db"
    result = run("ingest", str(sample_article), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["status"] == "added"
    shown = json.loads(run("show", str(item["document_id"]), "--db", str(db), "--json").stdout)
    assert (
        shown["title"]["value"] == "Putins Partner: Welche Rolle spielt Nordkorea im Ukraine-Krieg?"
    )
    assert shown["language"]["value"] == "de"
    assert shown["published"] == {"value": None, "source": "unknown"}
    assert "Audiobeitrag" not in shown["text"]


def test_published_option_is_stored_with_user_provenance(tmp_path, sample_article):
    db = tmp_path / "q.db"
    result = run("ingest", str(sample_article), "--db", str(db), "--published", "2024-10-24")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", "1", "--db", str(db), "--json").stdout)
    assert shown["published"] == {"value": "2024-10-24", "source": "user"}


def test_bad_date_option_is_a_usage_error(tmp_path, sample_article):
    result = run(
        "ingest", str(sample_article), "--db", str(tmp_path / "q.db"), "--published", "24.10."
    )
    assert result.exit_code == 2
    assert "not a date" in result.output


def make_mixed_folder(folder: Path) -> tuple[list[str], list[str]]:
    """Good and bad inputs side by side; returns (good names, bad names)."""
    folder.mkdir()
    (folder / "one.html").write_text(article(1), encoding="utf-8")
    (folder / "two.html").write_text(article(2), encoding="utf-8")
    (folder / "notes.txt").write_text(
        "Kiew meldet neue Angriffe\n\nDas ukrainische Militär berichtete am Morgen von "
        "mehr als 40 Drohnen, die über Nacht abgefangen worden seien. Die Angaben ließen sich "
        "nicht unabhängig überprüfen.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 200)
    (folder / "broken.xml").write_text("<rss><channel><item><title>kaputt", encoding="utf-8")
    (folder / "truncated.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" * 500)[:300])
    return ["one.html", "two.html", "notes.txt"], [
        "empty.txt",
        "binary.html",
        "broken.xml",
        "truncated.warc.gz",
    ]


def test_mixed_folder_ingests_good_lists_bad_and_second_run_adds_nothing(tmp_path):
    good, bad = make_mixed_folder(tmp_path / "in")
    db = tmp_path / "q.db"
    first = run("ingest", str(tmp_path / "in"), "--db", str(db), "--json")
    assert first.exit_code == 3  # some inputs failed
    items = json.loads(first.stdout)
    added = {Path(i["origin"]).name for i in items if i["status"] == "added"}
    failed = {
        Path(i["origin"].split("#")[0]).name: i["error"] for i in items if i["status"] == "failed"
    }
    assert added == set(good)
    assert set(failed) == set(bad)
    assert all(failed.values())  # every failure says why
    for name in bad:
        assert name in first.stderr  # one line per bad input on stderr

    second = run("ingest", str(tmp_path / "in"), "--db", str(db), "--json")
    statuses = {i["status"] for i in json.loads(second.stdout)}
    assert statuses == {"already stored", "failed"}
    docs = json.loads(run("docs", "--db", str(db), "--json").stdout)
    assert len(docs) == len(good)
    failures = json.loads(run("failed", "--db", str(db), "--json").stdout)
    assert len(failures) == len(bad)
    assert {f["attempts"] for f in failures} == {2}


def test_exact_and_near_duplicates_are_linked_to_the_first_copy(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    body = (
        "Die Nachrichtenagentur meldete unter Berufung auf Regierungskreise, dass die Gespräche "
        "über einen Waffenstillstand in der kommenden Woche in Genf fortgesetzt werden sollen. "
        "Beide Seiten hätten Delegationen benannt, hieß es weiter. Ein Sprecher wollte sich "
        "zunächst nicht äußern. Beobachter rechnen mit zähen Verhandlungen über den Verlauf der "
        "Grenze und über den Austausch von Gefangenen, der seit Monaten stockt. Die "
        "Vereinten Nationen boten an, die Gespräche zu begleiten; ein Vertreter der Organisation "
        "sagte, man stehe bereit, sobald beide Seiten zustimmten. In der Hauptstadt wurde die "
        "Nachricht mit Zurückhaltung aufgenommen. Mehrere Abgeordnete forderten, das Parlament "
        "müsse über jedes Ergebnis abstimmen, bevor es in Kraft trete."
    )
    (folder / "a.jsonl").write_text(
        json.dumps({"text": body, "title": "Gespräche", "url": "https://a.example/1"})
        + "\n"
        + json.dumps({"text": body, "title": "Gespräche", "url": "https://b.example/1"})
        + "\n"
        + json.dumps({"text": body.replace("zähen", "schwierigen"), "title": "Gespräche"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "q.db"
    items = json.loads(run("ingest", str(folder), "--db", str(db), "--json").stdout)
    assert [i["status"] for i in items] == ["added", "duplicate", "near-duplicate"]
    first = items[0]["document_id"]
    assert items[1]["duplicate_of"] == first
    assert items[2]["duplicate_of"] == first
    from quellenlage.store import Store

    assert Store.open(db).pending_analysis() == [first]  # copies are not analysed twice


def test_standard_input(tmp_path):
    db = tmp_path / "q.db"
    result = run("ingest", "-", "--db", str(db), "--json", input=article(7).encode("utf-8"))
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["status"] == "added"
    assert item["title"] == "Meldung 7 zur Lage"


def test_missing_path_and_missing_document_are_clear_errors(tmp_path):
    good = tmp_path / "gut.html"
    good.write_text(article(1), encoding="utf-8")
    db = str(tmp_path / "q.db")
    result = run("ingest", str(tmp_path / "nope.html"), str(good), "--db", db, "--json")
    assert result.exit_code == 3  # a failure like any other: the rest of the run goes on
    items = {Path(item["origin"]).name: item for item in json.loads(result.stdout)}
    assert items["nope.html"]["status"] == "failed"
    assert items["nope.html"]["error"] == "no such file or directory"
    assert items["gut.html"]["status"] == "added"
    assert "nope.html" in run("failed", "--db", db).output
    result = run("show", "42", "--db", str(tmp_path / "q.db"))
    assert result.exit_code == 4
    assert "no document 42" in result.output


@pytest.mark.slow
def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 600
    for i in range(total):
        (folder / f"{i:04d}.html").write_text(article(i), encoding="utf-8")
    db = tmp_path / "q.db"
    command = [sys.executable, "-m", "quellenlage", "ingest", str(folder), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 100:
                break
    assert process.poll() is None, "the run finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < total

    result = run("ingest", str(folder), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        count, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT origin) FROM documents"
        ).fetchone()
    assert count == distinct == total


def test_postgresql_database_by_url(postgres_url, tmp_path):
    good, _ = make_mixed_folder(tmp_path / "in")
    result = run("ingest", str(tmp_path / "in"), "--db", postgres_url, "--json")
    assert result.exit_code == 3
    docs = json.loads(run("docs", "--db", postgres_url, "--json").stdout)
    assert len(docs) == len(good)
