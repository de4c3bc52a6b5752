"""Real-news gold: loading, page checks, lenient names, figure scoring (quellenlage.research.realnews).

The page is a small HTML report written for these tests; the gold is built from it.
"""

from __future__ import annotations

import json

import pytest

from quellenlage.ingest import read_inputs
from quellenlage.records import Claim, Mention, Quantity, Source
from quellenlage.research.realnews import (
    FigureResult,
    GoldError,
    GoldFigure,
    GoldPage,
    load_gold,
    normalise_name,
    read_page,
    same_source,
    score_page,
    sha256,
    tally,
)

PAGE = """<html><head><title>Streik legt Nahverkehr lahm</title></head><body><article>
<h1>Streik legt Nahverkehr lahm</h1>
<p>Am Montag haben nach Angaben der Gewerkschaft Verdi rund 12.000 Beschäftigte die Arbeit
niedergelegt. Die Stadt hat 300 zusätzliche Busse eingesetzt, wie ein Sprecher sagte.</p>
<p>Die Verkehrsbetriebe rechnen mit Kosten von 2 Millionen Euro. Bis Freitag sollen weitere
Gespräche folgen, an denen auch Vertreter der Arbeitgeber teilnehmen werden.</p>
</article></body></html>"""


@pytest.fixture
def page_file(tmp_path):
    path = tmp_path / "streik.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def page_text(page_file) -> str:
    (document,) = read_inputs([page_file])
    return document.text


def _figure(text: str, part: str, source: str = "outlet", **extra) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part, "source": source, **extra}


def _gold_line(text: str, figures: list[dict], **extra) -> str:
    page = {
        "page": "streik",
        "split": "dev",
        "file": "streik.html",
        "text_sha256": sha256(text),
        "text_length": len(text),
        "figures": figures,
        **extra,
    }
    return json.dumps(page, ensure_ascii=False)


def _write(tmp_path, *lines: str):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_page_is_read_and_checked_against_its_checksum(tmp_path, page_file, page_text):
    line = _gold_line(page_text, [_figure(page_text, "rund 12.000 Beschäftigte", "Verdi")])
    (page,) = load_gold(_write(tmp_path, line))
    assert page.figures[0].source == "Verdi" and page.split == "dev"
    document = read_page(page, tmp_path)
    assert document.text == page_text


def test_changed_text_is_refused_naming_the_page(tmp_path, page_file, page_text):
    line = _gold_line(page_text[:-1], [_figure(page_text, "300 zusätzliche Busse")])
    (page,) = load_gold(_write(tmp_path, line))
    with pytest.raises(GoldError, match=r"streik: the text read from .* changed"):
        read_page(page, tmp_path)


def test_figure_not_at_its_offsets_is_refused(tmp_path, page_file, page_text):
    figure = _figure(page_text, "300 zusätzliche Busse")
    figure["start"] += 1
    figure["end"] += 1
    figure["text"] = page_text[figure["start"] : figure["end"] - 1] + "X"
    (page,) = load_gold(_write(tmp_path, _gold_line(page_text, [figure])))
    with pytest.raises(GoldError, match="is not at"):
        read_page(page, tmp_path)


def test_missing_page_file_is_an_error_naming_it(tmp_path, page_text):
    (page,) = load_gold(_write(tmp_path, _gold_line(page_text, [])))
    with pytest.raises(GoldError, match=r"streik: page file .*elsewhere/streik\.html not found"):
        read_page(page, tmp_path / "elsewhere")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"split": "test"}, "split 'test'"),
        ({"figures": [{"start": 5, "end": 3, "text": "ab", "source": "x"}]}, "offsets 5-3"),
        ({"figures": [{"start": 0, "end": 2, "text": "ab", "source": " "}]}, "empty source"),
        ({"figures": [{"start": 0, "end": 2, "text": "ab", "source": "x", "link": "x"}]}, "link"),
    ],
)
def test_bad_gold_lines_name_line_and_problem(tmp_path, page_text, change, message):
    good = _gold_line(page_text, [])
    bad = json.dumps({**json.loads(good), **change})
    with pytest.raises(GoldError, match=rf"gold.jsonl:2: .*{message}"):
        load_gold(_write(tmp_path, good, bad))


def test_gold_that_is_not_json_or_lacks_a_field(tmp_path):
    with pytest.raises(GoldError, match=r"gold\.jsonl:1: not JSON"):
        load_gold(_write(tmp_path, "{"))
    with pytest.raises(GoldError, match="missing field 'text_sha256'"):
        load_gold(_write(tmp_path, json.dumps({"page": "p", "split": "dev", "file": "f"})))


def test_names_are_compared_without_case_articles_and_endings():
    assert normalise_name("des Statistischen Bundesamts") == normalise_name(
        "Statistisches Bundesamt"
    )
    assert same_source(["Statistisches Bundesamt"], "dem Statistischem Bundesamt")
    assert same_source(["HSBC"], "Die Analysten der britischen Großbank HSBC")
    assert same_source(["Harald Prüß"], "Prüß")
    assert same_source(["Polizei"], "Polizeisprecher")
    assert same_source(["Federal Reserve", "Fed"], "die Fed")


def test_different_names_do_not_match():
    assert not same_source(["Verdi"], "IG Metall")
    assert not same_source(["Polizei"], "Bundespolizei")
    assert not same_source(["Deutsche Bahn"], None)
    assert not same_source(["Statistisches Bundesamt"], "Umweltbundesamt")


def _quantity(text: str, part: str) -> Quantity:
    start = text.index(part)
    return Quantity(part, (start, start + len(part)), 1)


def _claim(text: str, part: str, mode="indirect", source=None, quantities=(), chain=()) -> Claim:
    start = text.index(part)
    span = (start, start + len(part))
    return Claim(
        part,
        span,
        span,
        mode,
        "reported" if source else "asserted",
        cue=Mention("sagte", span) if source else None,
        source=Source(source, span) if source else None,
        chain=tuple(Source(name, None) for name in chain),
        quantities=tuple(quantities),
    )


TEXT = (
    "Nach Angaben von Verdi streikten rund 12.000 Beschäftigte. "
    "Die Stadt setzte 300 Busse ein, wie ein Sprecher sagte. "
    "Die Kosten liegen bei 2 Millionen Euro."
)


def _page(*figures: GoldFigure) -> GoldPage:
    return GoldPage("p", "dev", "p.html", sha256(TEXT), len(TEXT), figures)


def _gold(part: str, source: str = "outlet", **extra) -> GoldFigure:
    extra.setdefault("link", "outlet" if source == "outlet" else "same_sentence")
    start = TEXT.index(part)
    return GoldFigure(start, start + len(part), part, source, **extra)


def test_figure_is_found_and_its_claim_source_scored():
    q12, q300, q2 = (_quantity(TEXT, p) for p in ("12.000", "300 Busse", "2 Millionen Euro"))
    claims = [
        _claim(TEXT, "streikten rund 12.000 Beschäftigte", "according_to", "Verdi", [q12]),
        _claim(TEXT, "Die Stadt setzte 300 Busse ein", "indirect", "Stadt", [q300]),
        _claim(TEXT, "Die Kosten liegen bei 2 Millionen Euro.", "assertion", None, [q2]),
    ]
    page = _page(
        _gold("rund 12.000 Beschäftigte", "Verdi"),
        _gold("300 Busse", "Sprecher der Stadt", aliases=("Stadt",)),
        _gold("2 Millionen Euro"),
    )
    results = score_page(page, claims, [q12, q300, q2])
    assert [r.found for r in results] == [True, True, True]
    assert [r.right for r in results] == [True, True, True]
    assert results[0].claim is claims[0]


def test_outlet_figure_in_an_attributed_claim_is_wrong_and_vice_versa():
    q2 = _quantity(TEXT, "2 Millionen Euro")
    q12 = _quantity(TEXT, "12.000")
    claims = [
        _claim(TEXT, "Die Kosten liegen bei 2 Millionen Euro.", "indirect", "Kosten", [q2]),
        _claim(TEXT, "streikten rund 12.000 Beschäftigte.", "assertion", None, [q12]),
    ]
    results = score_page(
        page := _page(_gold("2 Millionen Euro"), _gold("12.000", "Verdi")), claims, [q2, q12]
    )
    assert [r.right for r in results] == [False, False]
    assert results[0].row()["tool_source"] == "Kosten" and page.figures[1].names == ("Verdi",)


def test_right_words_without_the_name_count_as_right_mention_only():
    q12 = _quantity(TEXT, "12.000")
    claim = _claim(TEXT, "streikten rund 12.000", "according_to", "der Gewerkschaft", [q12])
    gold = _gold("12.000", "Verdi", mention="die Gewerkschaft")
    other = _gold("12.000", "Verdi", mention="ein Sprecher")
    results = score_page(_page(gold, other), [claim], [q12])
    assert [(r.right, r.right_mention) for r in results] == [(False, True), (False, False)]
    assert tally(results).ratios()["right_mention"] == 0.5


def test_unparsed_figure_takes_the_claim_covering_it():
    claims = [_claim(TEXT, "Die Stadt setzte 300 Busse ein", "indirect", "ein Sprecher")]
    (result,) = score_page(_page(_gold("300 Busse", "Sprecher")), claims, [])
    assert not result.found and result.claim is claims[0] and result.right


def test_figure_without_claim_or_in_the_title_is_not_right():
    (no_claim,) = score_page(_page(_gold("2 Millionen Euro")), [], [])
    assert no_claim.claim is None and not no_claim.right
    title = GoldFigure(0, 4, "Nach", "outlet", field="title", heading=True)
    (in_title,) = score_page(_page(title), [], [_quantity(TEXT, "Nach")])
    assert not in_title.found and not in_title.right


def test_chains_are_matched_in_order_and_spurious_ones_counted():
    q12 = _quantity(TEXT, "12.000")
    claim = _claim(
        TEXT, "streikten rund 12.000", "according_to", "dpa", [q12], ("Verdi", "Betriebsrat")
    )
    right = _gold("12.000", "dpa", chain=("Verdi", "Betriebsrat"))
    wrong_order = _gold("12.000", "dpa", chain=("Betriebsrat", "Verdi"))
    no_chain = _gold("12.000", "dpa")
    results = score_page(_page(right, wrong_order, no_chain), [claim], [q12])
    assert [r.chain_right for r in results] == [True, False, None]
    assert [r.spurious_chain for r in results] == [False, False, True]


def test_tally_gives_shares_over_all_gold_figures_and_by_link():
    figure = _gold("2 Millionen Euro")
    heading = _gold("300 Busse", heading=True)
    claim = _claim(TEXT, "Die Kosten liegen bei 2 Millionen Euro.", "assertion")
    results = [
        FigureResult(figure, True, claim, True, None, False),
        FigureResult(heading, False, None, False, None, False),
    ]
    ratios = tally(results).ratios()
    assert ratios["figures"] == 2 and ratios["found"] == 0.5 and ratios["right_source"] == 0.5
    assert ratios["chain_recovered"] is None and ratios["chains"] == 0
    assert ratios["right_by_link"] == {
        "heading": {"n": 1, "right": 0},
        "outlet": {"n": 1, "right": 1},
    }
