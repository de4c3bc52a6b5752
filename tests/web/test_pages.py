"""Every page and JSON route over the demo database, through FastAPI's TestClient."""

from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from lxml import html

from quellenlage import api
from quellenlage.web import create_app


@pytest.fixture(scope="module")
def client(demo_db) -> TestClient:
    return TestClient(create_app(demo_db))


def troop_figure(db) -> dict:
    rows, _ = api.figure_list(db, limit=50)
    return max((r for r in rows if r["unit_class"] == "soldier"), key=lambda r: r["values"])


def test_overview_counts_and_disputed_figures_first(client, demo_db):
    page = client.get("/")
    assert page.status_code == 200
    data = api.overview(demo_db)
    assert f"{data['claims']} claims" in page.text
    tree = html.fromstring(page.text)
    first = tree.cssselect("section table tbody tr")[0]
    assert "disputed" in first.get("class", "")
    top = data["top_figures"][0]
    cells = [td.text_content().strip() for td in first.cssselect("td")]
    assert cells[1:3] == [str(top["values"]), str(top["sources"])]
    assert "BR24" in page.text and "2024-10" in page.text


def test_documents_page_lists_every_document(client, demo_db):
    rows, total = api.document_list(demo_db, limit=100)
    page = client.get("/documents")
    assert f"{total} documents" in page.text
    assert all(f'href="/documents/{r["id"]}"' in page.text for r in rows)


def _marked(tree, kind: str, ref: str) -> str:
    return "".join(
        e.text_content()
        for e in tree.cssselect(f"a.m[data-{kind}]")
        if ref in e.get(f"data-{kind}").split()
    )


def test_document_page_marks_every_claim_span(client, demo_db):
    view = api.document_view(1, demo_db)
    assert view.claims
    page = client.get("/documents/1")
    tree = html.fromstring(page.text)
    text = view.document.text
    for c in view.claims:
        ref = f"c{c.id}"
        start, end = c.claim.span
        assert _marked(tree, "content", ref) == text[start:end]
        if c.claim.cue is not None:
            pieces = c.claim.cue.parts or (c.claim.cue.span,)
            assert _marked(tree, "cue", ref) == "".join(text[a:b] for a, b in pieces)
        for q in c.claim.quantities:
            assert text[q.span[0] : q.span[1]] in _marked(tree, "quantity", ref)
        assert tree.get_element_by_id(ref) is not None  # the claim's card
    # the whole text is there once, in order, with nothing added or lost
    assert tree.cssselect("article.text")[0].text_content() == text
    assert "Raw input" in page.text
    for name in ("content", "cue", "source", "quantity", "time"):
        assert f'class="m m-{name}"' in page.text  # legend


def test_document_card_links_to_its_figure(client, demo_db):
    figure = troop_figure(demo_db)
    value = api.figure(str(figure["id"]), demo_db)["timeline"][0]
    page = client.get(f"/documents/{value['evidence']['document_id']}")
    assert f'href="/figures/{figure["id"]}"' in page.text


def test_missing_document_is_404_with_message(client):
    page = client.get("/documents/9999")
    assert page.status_code == 404 and "no document 9999" in page.text
    assert client.get("/api/documents/9999").json() == {"detail": "no document 9999"}


def test_claim_search_full_text_and_facets(client, demo_db):
    everything = api.search_claims(api.ClaimQuery(limit=200), demo_db)
    expected = [r for r in everything.rows if re.search(r"\bsoldat", r["text"], re.I)]
    found = client.get("/api/claims", params={"q": "Soldat", "limit": 200}).json()
    assert found["total"] == len(expected) > 3
    assert {r["id"] for r in found["items"]} == {r["id"] for r in expected}
    modes = {f["value"]: f["count"] for f in found["facets"]["mode"]}
    assert sum(modes.values()) == found["total"]
    mode, count = max(modes.items(), key=lambda kv: kv[1])
    narrowed = client.get("/api/claims", params={"q": "Soldat", "mode": mode}).json()
    assert narrowed["total"] == count and all(r["mode"] == mode for r in narrowed["items"])
    page = client.get("/claims", params={"q": "Soldat"})
    tree = html.fromstring(page.text)
    hits = tree.cssselect("li.hit a.snippet")
    assert len(hits) == min(50, len(expected))
    assert all(re.fullmatch(r"/documents/\d+#c\d+", a.get("href")) for a in hits)
    assert tree.cssselect("li.hit mark")  # the words found are marked


def test_claim_filters_source_outlet_figure_language_dates(client, demo_db):
    rows = api.search_claims(api.ClaimQuery(limit=200), demo_db).rows
    outlet = rows[0]["outlet"]
    by_outlet = client.get("/api/claims", params={"outlet": outlet, "limit": 200}).json()
    assert by_outlet["total"] == sum(1 for r in rows if r["outlet"] == outlet)
    source = next(r["source"] for r in rows if r["source"])
    by_source = client.get("/api/claims", params={"source": source, "limit": 200}).json()
    assert by_source["total"] == sum(1 for r in rows if r["source"] == source)
    english = client.get("/api/claims", params={"language": "en", "limit": 200}).json()
    assert english["total"] == sum(1 for r in rows if r["language"] == "en") > 0
    with_figure = client.get("/api/claims", params={"has_figure": "yes", "limit": 200}).json()
    assert all(r["has_figure"] for r in with_figure["items"])
    november = client.get(
        "/api/claims", params={"since": "2024-11-01", "until": "2024-11-06", "limit": 200}
    ).json()
    assert november["total"] == sum(
        1 for r in rows if "2024-11-01" <= (r["published"] or "")[:10] <= "2024-11-06"
    )
    measure = client.get("/api/claims", params={"measure": "Soldat", "limit": 200}).json()
    soldiers = api.search_claims(api.ClaimQuery(measure="Soldat", limit=200), demo_db).rows
    assert measure["total"] == len(soldiers) > 0
    facet = dict(api.search_claims(api.ClaimQuery(), demo_db).facets["measure"])
    assert facet["Soldat"] == measure["total"]


def test_bad_parameters_are_clear_errors(client):
    response = client.get("/claims", params={"since": "gestern"})
    assert response.status_code == 400 and "since 'gestern' is not a date" in response.text
    response = client.get("/api/claims", params={"limit": 100000})
    assert response.status_code == 422 and "limit" in response.json()["detail"]
    assert client.get("/claims/export", params={"format": "xls"}).status_code == 400


def test_fts_query_syntax_cannot_break_search(client):
    for q in ['"', "NEAR(a b)", "text:*", "a OR", "'; DROP TABLE claims; --", "*"]:
        response = client.get("/api/claims", params={"q": q})
        assert response.status_code == 200, q
    assert client.get("/api/overview").json()["claims"] > 0


def test_export_is_exactly_the_filtered_set(client, demo_db):
    params = {"q": "Soldaten", "has_figure": "yes"}
    expected = client.get("/api/claims", params={**params, "limit": 200}).json()
    ids = {r["id"] for r in expected["items"]}
    as_csv = client.get("/claims/export", params={**params, "format": "csv", "limit": 1})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {int(r["id"]) for r in rows} == ids  # limit does not cut an export
    lines = client.get("/claims/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert {json.loads(line)["id"] for line in lines} == ids
    table = pq.read_table(
        io.BytesIO(client.get("/claims/export", params={**params, "format": "parquet"}).content)
    )
    assert set(table.column("id").to_pylist()) == ids


def test_figures_page_and_chart_show_every_value(client, demo_db):
    figure = troop_figure(demo_db)
    listing = html.fromstring(client.get("/figures").text)
    assert "disputed" in listing.cssselect("tbody tr")[0].get("class", "")
    rows, _ = api.figure_list(demo_db, limit=100)
    cells = [
        [td.text_content().strip() for td in tr.cssselect("td")]
        for tr in listing.cssselect("tbody tr")
    ]
    assert [c[1:4] for c in cells] == [
        [str(r["values"]), str(r["sources"]), str(r["documents"])] for r in rows
    ]
    data = api.figure(str(figure["id"]), demo_db)
    page = client.get(f"/figures/{figure['id']}")
    tree = html.fromstring(page.text)
    points = tree.cssselect("svg.chart a.point")
    assert sorted(p.get("data-key") for p in points) == sorted(v["key"] for v in data["timeline"])
    for point, value in zip(points, data["timeline"], strict=True):
        evidence = value["evidence"]
        assert point.get("href") == f"/documents/{evidence['document_id']}#c{evidence['claim_id']}"
        assert float(point.get("data-value")) == pytest.approx(value["value"])
    disputed = {k for d in data["disagreements"] for k in (d["first"], d["second"])}
    assert {p.get("data-key") for p in tree.cssselect("svg.chart a.disputed")} == disputed
    planned = {v["key"] for v in data["timeline"] if v["projection"]}
    assert {p.get("data-key") for p in tree.cssselect("svg.chart a.planned")} == planned
    assert len(tree.cssselect("table.timeline tbody tr")) == len(data["timeline"])
    assert f"{data['values']} values from {data['sources']} sources" in tree.text_content()
    assert data["disagreements"] and data["disagreements"][0]["reason"] in tree.text_content()


def test_sources_pages_cites_and_cited_by(client, demo_db):
    rows = api.source_list(demo_db)
    page = client.get("/sources")
    assert page.status_code == 200 and "svg" in page.text
    cited = next(r for r in rows if r["cited_by"])
    detail = client.get(f"/api/sources/{cited['id']}").json()
    assert {c["name"] for c in detail["cited_by"]} == {c["name"] for c in cited["cited_by"]}
    html_page = client.get(f"/sources/{cited['id']}")
    assert all(c["name"] in html_page.text for c in cited["cited_by"])


def test_json_api_is_paginated_and_described(client):
    first = client.get("/api/documents", params={"limit": 3}).json()
    second = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] and len(first["items"]) == 3
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    spec = client.get("/openapi.json").json()
    for route in ("/api/claims", "/api/figures/{name}", "/api/edits", "/api/sources"):
        assert route in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_analyze_page_shows_claims_without_storing(client, demo_db):
    before = api.overview(demo_db)["documents"]
    form = client.get("/analyze")
    csrf = html.fromstring(form.text).cssselect("input[name=csrf]")[0].get("value")
    text = "Laut Reuters sind 2.000 Soldaten in der Region eingetroffen. Das sagte ein Sprecher."
    page = client.post(
        "/analyze", data={"text": text, "published": "2024-10-30", "language": "de", "csrf": csrf}
    )
    assert page.status_code == 200
    tree = html.fromstring(page.text)
    assert tree.cssselect("article.text")[0].text_content() == text
    assert tree.cssselect("a.m-content") and tree.cssselect("article.card")
    assert "2.000" in "".join(e.text_content() for e in tree.cssselect("a.m-quantity"))
    assert api.overview(demo_db)["documents"] == before
