"""The plain-text cleaner on the seed sample (against its gold) and on other copied pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quellenlage.ingest import read_inputs
from quellenlage.ingest.clean import clean_text, line_reason, score_lines
from quellenlage.records import Document

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples"
SAMPLE = SAMPLES / "br24-nordkorea-ukraine.txt"
GOLD = SAMPLES / "br24-nordkorea-ukraine.gold.json"
PAGES = Path(__file__).parent / "pages"

needs_sample = pytest.mark.skipif(
    not (SAMPLE.exists() and GOLD.exists()),
    reason=f"seed sample and gold not found in {SAMPLES} (shared data not mounted)",
)


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_document() -> Document:
    results = list(read_inputs([SAMPLE]))
    assert len(results) == 1
    assert isinstance(results[0], Document), results[0]
    return results[0]


@needs_sample
def test_sample_title_language_and_unknown_date(sample_document: Document, gold: dict) -> None:
    assert sample_document.title.value == gold["document"]["title"]
    assert sample_document.title.source == "text"
    assert sample_document.language.value == gold["document"]["language"] == "de"
    assert sample_document.published.value is None
    assert sample_document.published.source == "unknown"
    assert sample_document.outlet.value == gold["document"]["outlet"]
    assert sample_document.outlet.source == "text"


@needs_sample
def test_sample_clean_text_has_no_gold_boilerplate_line(
    sample_document: Document, gold: dict
) -> None:
    clean_lines = {_norm(line) for line in sample_document.text.split("\n")}
    for boilerplate in gold["document"]["boilerplate_lines"]:
        assert _norm(boilerplate) not in clean_lines
    assert sample_document.text.count(gold["document"]["title"]) == 1


@needs_sample
def test_sample_keeps_every_claim_anchor_heading_and_lead(
    sample_document: Document, gold: dict
) -> None:
    text = _norm(sample_document.text)
    for claim in gold["claims"]:
        assert _norm(claim["anchor"]) in text, claim["anchor"]
    for heading in gold["document"]["headings"]:
        assert _norm(heading) in text
    assert _norm(gold["document"]["lead"]) in text


@needs_sample
def test_sample_user_date_has_user_provenance() -> None:
    (document,) = read_inputs([SAMPLE], published="2024-10-24")
    assert isinstance(document, Document)
    assert document.published.value == "2024-10-24"
    assert document.published.source == "user"
    assert document.published_date is not None


@needs_sample
def test_sample_line_precision_and_recall(gold: dict) -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    boilerplate = {_norm(line) for line in gold["document"]["boilerplate_lines"]}
    content = {_norm(line) for line in raw.split("\n") if line.strip()} - boilerplate
    precision, recall = score_lines(raw, content)
    print(f"\nsample cleaner: line precision {precision:.3f}, line recall {recall:.3f}")
    assert precision >= 0.95
    assert recall >= 0.95


#: Hand labels of the other copied pages: what a reader meant to copy, and the metadata.
PAGE_EXPECTATIONS = {
    "tagesschau-like.txt": {
        "title": "Selenskyj fordert mehr Flugabwehr von westlichen Partnern",
        "published": "2024-10-24",
        "author": "Anna Beispiel",
        "outlet": None,
        "content_starts": [
            "Selenskyj fordert mehr Flugabwehr",
            "Nach einer Serie russischer Drohnenangriffe",
            "Der ukrainische Präsident Wolodymyr Selenskyj",
            "Nach Angaben der ukrainischen Luftwaffe",
            "Luftwaffe: Angriffe werden dichter",
            "Ein Sprecher der Luftwaffe erklärte",
        ],
    },
    "bbc-like.txt": {
        "title": "Ukraine war: Zelensky urges allies to send more air defence",
        "published": "2024-10-24",
        "author": None,
        "outlet": "BBC",
        "content_starts": [
            "Ukraine war: Zelensky urges",
            "Ukraine's President Volodymyr Zelensky",
            '"We need more systems',
            "According to Ukraine's air force",
            "Officials said at least five people were killed.",
        ],
    },
    "spiegel-like.txt": {
        "title": "Koalition ringt um Milliardenlücke im Etat 2025",
        "published": "2024-10-24",
        "author": None,
        "outlet": "DER SPIEGEL",
        "content_starts": [
            "Koalition ringt um Milliardenlücke",
            "Der Streit über den Bundeshaushalt",
            "In der Koalition wächst der Druck",
            "Die Grünen verlangen dagegen",
            "Nach Informationen des SPIEGEL",
        ],
    },
}


@pytest.mark.parametrize("name", sorted(PAGE_EXPECTATIONS))
def test_other_copied_pages(name: str) -> None:
    expected = PAGE_EXPECTATIONS[name]
    raw = (PAGES / name).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.title == expected["title"]
    assert cleaned.published == expected["published"]
    assert cleaned.author == expected["author"]
    assert cleaned.outlet == expected["outlet"]
    kept = cleaned.text.split("\n\n")
    assert len(kept) == len(expected["content_starts"])
    for line, start in zip(kept, expected["content_starts"], strict=True):
        assert line.startswith(start)
    content = {_norm(line) for line in raw.split("\n") if line.startswith(tuple(kept))}
    assert score_lines(raw, content) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (">", "no words"),
        ("Foto: Michael Kappeler / dpa", "caption or credit label"),
        ("Symbolbild: Ein Polizeiauto vor dem Rathaus", "caption or credit label"),
        ("Image source, Getty Images", "caption or credit label"),
        ("© picture alliance", "credit"),
        ("Aktualisiert am 3. März 2024, 08:15 Uhr", "date line"),
        ("Updated 3 hours ago", "date line"),
        ("Stand: 14:37 Uhr", "date line"),
        ("Aktualisiert am 24. Oktober 2024, 12:03 Uhr Quelle: ZEIT ONLINE, dpa, AFP", "date line"),
        ("Sendung vom .", "template with empty value"),
        ("Quelle:", "label without value"),
        ("Jetzt den Newsletter abonnieren!", "promotion or consent prompt"),
        ("We use cookies to improve your experience.", "promotion or consent prompt"),
        ("Teilen", "too short for content"),
        ("Link kopieren und teilen", "interface label"),
        ("Politik | Ausland | Europa", "navigation or credit"),
    ],
)
def test_line_features_name_furniture(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "„Wir werden keinen Haushalt vorlegen“, sagte der Minister am Mittwoch.",
        "Nordkorea nutzt Ukraine-Krieg, um Putins Partner zu werden",
        "Luftwaffe: Angriffe werden dichter",
        "Die Polizei bat die Bevölkerung um Hinweise zu dem Fall in München.",
        "Sie sagte, die Regierung habe 1,2 Millionen Euro bereitgestellt.",
        "Drei Menschen kamen bei dem Brand um.",
        "The war goes on.",
        "Der Datenschutzbeauftragte sagte, ihre Daten seien ohne Einwilligung gespeichert worden.",
        "Die neue App sei bereits zwei Millionen Mal heruntergeladen worden, sagte sie.",
        "Artikel 5 des Grundgesetzes",
        "Suche nach Vermissten geht weiter",
        "Stand der Ermittlungen ist, dass drei Täter am 3. Mai 2024 in das Haus eindrangen.",
    ],
)
def test_line_features_keep_content(line: str) -> None:
    assert line_reason(line) is None


def test_body_only_paste_is_kept_whole_without_title() -> None:
    raw = (
        "Die Stadt München hat am Dienstag neue Regeln für den Verkehr in der Innenstadt "
        "beschlossen, wie ein Sprecher mitteilte.\n\n"
        "Nach Angaben der Verwaltung sollen die Regeln ab März gelten und rund 1.500 "
        "Parkplätze betreffen, die künftig wegfallen.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title is None
    assert cleaned.dropped == ()
    assert cleaned.text.split("\n\n") == [line for line in raw.split("\n") if line]


def test_heading_without_text_after_it_and_footer_are_dropped() -> None:
    raw = (
        "Ein Bericht über Schulen\n\n"
        "Die Kultusministerin sagte am Montag, es fehlten landesweit mehr als 2.000 "
        "Lehrkräfte an Grundschulen und Gymnasien.\n\n"
        "Weitere Meldungen aus Bayern\n"
        "Mehr Nachrichten gibt es bei ZDFheute.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Ein Bericht über Schulen"
    assert cleaned.outlet == "ZDFheute"
    assert "Weitere Meldungen" not in cleaned.text
    assert "ZDFheute" not in cleaned.text


def test_ordinary_closing_sentence_naming_a_company_is_kept() -> None:
    raw = (
        "Die Gewerkschaft kündigte am Montag Warnstreiks in mehreren Werken an, nachdem die "
        "Verhandlungen ohne Ergebnis geblieben waren.\n\n"
        "Gestreikt wird auch bei Siemens.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.outlet is None
    assert cleaned.text.endswith("Gestreikt wird auch bei Siemens.")


def test_paragraph_that_lost_its_period_and_result_rows_are_kept() -> None:
    body = (
        "Die Bundesliga hat am Samstag ihren fünften Spieltag ausgetragen, bei dem vor allem "
        "die Gastmannschaften erfolgreich waren und mehrere Favoriten Punkte abgeben mussten."
    )
    unfinished = (
        "Journalisten beschweren sich unterdessen über massive Behinderungen der "
        "Berichterstattung, nur die Reporter des Staatsfernsehens dürfen in die Stadt und "
        "sämtliche Interviews werden vorher von den Behörden genehmigt"
    )
    raw = f"{body}\n\nSchalke 04 - MSV Duisburg 2:1 (1:0)\nVfL Wolfsburg\t1\t0\n\n{unfinished}\n"
    cleaned = clean_text(raw)
    assert cleaned.dropped == ()
    assert "Schalke 04 - MSV Duisburg 2:1 (1:0)" in cleaned.text


def test_labels_that_only_start_like_picture_words_are_content() -> None:
    assert line_reason("Bildung: Die Partei will die Hochschulen stärken.") is None
    assert line_reason("Arbeitnehmerrechte: Der Kündigungsschutz soll bleiben.") is None
    assert line_reason("Wetterkarte: Sturmtief über Norddeutschland") == "caption or credit label"
    assert line_reason("Videobeitrag: Die Lage in Kiew") == "caption or credit label"


def test_picture_copyright_is_not_the_outlet() -> None:
    raw = (
        "Feuer im Hafen\n\n"
        "© dpa\n\n"
        "Die Feuerwehr hat in der Nacht einen Großbrand im Hamburger Hafen gelöscht, verletzt "
        "wurde nach Angaben eines Sprechers niemand.\n\n"
        "Nach Absatz (c) des Vertrags haftet der Betreiber.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.outlet is None
    assert cleaned.text.endswith("Nach Absatz (c) des Vertrags haftet der Betreiber.")


_ARTICLE = (
    "Die Stadtwerke haben am Montag angekündigt, die Preise für Fernwärme im kommenden Jahr "
    "um rund zwölf Prozent zu erhöhen, wie eine Sprecherin mitteilte.",
    "Grund seien die gestiegenen Kosten für Gas und die Modernisierung des Netzes, das in "
    "weiten Teilen aus den Siebzigerjahren stamme und dringend erneuert werden müsse.",
    "Der Mieterverein kritisierte die Erhöhung scharf und forderte die Stadt auf, einen "
    "Härtefallfonds für Haushalte mit geringem Einkommen einzurichten.",
)
_TEASERS = (
    ("Neues Hallenbad öffnet im Herbst", "Nach zwei Jahren Bauzeit ist das Bad fast fertig."),
    ("Streit um Radweg geht weiter", "Die Anwohner wollen gegen die Pläne klagen, hieß es."),
    ("Schule bekommt neue Turnhalle", "Der Stadtrat hat das Geld dafür am Dienstag bewilligt."),
)


def test_article_is_the_densest_run_at_its_own_indentation() -> None:
    """A browser copy indents by nesting: the teaser box sits deeper than the article."""
    lines = ["Startseite", "  Lokales", "    * Wirtschaft", "    * Sport", ""]
    lines += ["        Fernwärme wird deutlich teurer", ""]
    lines += [f"        {paragraph}" for paragraph in _ARTICLE]
    lines += [""]
    for headline, teaser in _TEASERS:
        lines += [f"            {headline}", f"              {teaser}"]
    lines += ["  Impressum", "  Datenschutz"]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.title == "Fernwärme wird deutlich teurer"
    assert cleaned.text.split("\n\n") == ["Fernwärme wird deutlich teurer", *_ARTICLE]
    reasons = dict(cleaned.dropped)
    teaser_line = lines.index(f"              {_TEASERS[0][1]}")
    assert reasons[teaser_line] == "outside the article body"


def test_teaser_list_after_the_article_does_not_extend_it() -> None:
    """Headline, one short paragraph, headline, …: a list of other articles, not the body."""
    lines = ["Fernwärme wird deutlich teurer", *_ARTICLE, "Weitere Meldungen aus der Region"]
    for headline, teaser in _TEASERS:
        lines += [headline, teaser]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n\n") == ["Fernwärme wird deutlich teurer", *_ARTICLE]


def test_caption_ending_in_its_credit_is_dropped() -> None:
    assert line_reason("Das neue Bad kurz vor der Eröffnung. Bild: Erika Muster/Archiv") == (
        "caption or credit label"
    )
    assert line_reason("Die Ministerin sagte, das Bild der Lage sei ernst.") is None
