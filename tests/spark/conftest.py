"""One local Spark session for all Spark tests, and small inputs written for them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from quellenlage.spark.session import session
from tests.ingest.helpers import article_html, warc_bytes

GERMAN_WARC = (
    "Es gebe Beweise, dass nordkoreanische Soldaten in Russland seien, erklärten die Nato "
    "und die USA am Mittwoch übereinstimmend in Brüssel.",
    "Nach Angaben des südkoreanischen Geheimdienstes wurden bereits rund 1.500 Soldaten "
    "nach Wladiwostok gebracht, wo sie ausgebildet würden.",
)
ENGLISH_WARC = (
    "About 3,000 North Korean soldiers have arrived in Russia, South Korea's spy agency said "
    "on Wednesday.",
    "The Pentagon said it could not confirm the figure, according to a spokesman.",
)
GERMAN_HTML = (
    "Laut Reuters sollen inzwischen 12.000 Soldaten in Russland stationiert sein.",
    "Der Sprecher des Ministeriums sagte, man habe „keine Kenntnis“ von weiteren Verlegungen.",
)


def write_inputs(folder: Path) -> Path:
    """A WARC, a JSONL file with one bad line, an HTML page and its copy; returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = [
        ("https://example.org/de", article_html("Soldaten in Russland", GERMAN_WARC).encode(),
         "text/html"),
        ("https://example.org/en", article_html("Troops", ENGLISH_WARC, lang="en").encode(),
         "text/html"),
    ]  # fmt: skip
    (folder / "crawl.warc.gz").write_bytes(warc_bytes(pages, gzip=True))
    lines = [
        {
            "text": "Nach Angaben der Nato wurden rund 10.000 Soldaten nach Kursk verlegt, "
            "teilte ein Sprecher am Montag mit.",
            "published": "2024-10-28",
            "outlet": "BR24",
            "language": "de",
        },
        "{not json",
        {
            "text": "Russia has moved 11,000 North Korean troops to Kursk, a US official said.",
            "published": "2024-11-04",
            "outlet": "Reuters",
        },
    ]
    (folder / "reports.jsonl").write_text(
        "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                for line in lines),
        encoding="utf-8",
    )  # fmt: skip
    page = article_html("Zwölftausend Soldaten", GERMAN_HTML)
    (folder / "article.html").write_text(page, encoding="utf-8")
    (folder / "copy.html").write_text(page, encoding="utf-8")
    manifest = folder / "manifest.txt"
    names = ["crawl.warc.gz", "reports.jsonl", "article.html", "copy.html", "missing.html"]
    manifest.write_text("# test inputs\n" + "\n".join(names) + "\n", encoding="utf-8")
    return manifest


@pytest.fixture(scope="session")
def spark():
    # local[2,2]: two cores, and a failed task is tried once more (as on a cluster)
    spark = session("local[2,2]", shuffle_partitions=2)
    yield spark
    spark.stop()


@pytest.fixture(scope="session")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="session")
def output(spark, inputs, tmp_path_factory) -> Path:
    """One ``spark analyze`` run on :func:`inputs`, shared by the tests that only read it."""
    from quellenlage.spark.analyze import analyze

    out = tmp_path_factory.mktemp("spark") / "out"
    report = analyze(spark, inputs, out)
    assert (report.documents, report.analysed, report.failures) == (6, 5, 2)
    return out
