"""Safe by default: read-only, token and CSRF for edits, bounded bodies, CSP, escaped text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from lxml import html

from quellenlage import api
from quellenlage.web import create_app

TOKEN = "test-token-123"


def csrf_of(client: TestClient, path: str) -> str:
    return html.fromstring(client.get(path).text).cssselect("input[name=csrf]")[0].get("value")


def troop_value(db) -> dict:
    rows, _ = api.figure_list(db, limit=50)
    figure = max((r for r in rows if r["unit_class"] == "soldier"), key=lambda r: r["values"])
    return api.figure(str(figure["id"]), db)


def test_every_response_has_a_content_security_policy(demo_db):
    client = TestClient(create_app(demo_db))
    for path in ("/", "/claims", "/api/overview", "/documents/9999"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_document_text_cannot_run_as_script(demo_db):
    client = TestClient(create_app(demo_db))
    rows, _ = api.document_list(demo_db, limit=100)
    hostile = next(r for r in rows if r["outlet"] == "<b>Evil</b>")
    for path in (f"/documents/{hostile['id']}", "/claims?q=script", "/documents", "/", "/sources"):
        page = client.get(path).text
        # the only script element is our own file; no tag from the text survives as a tag
        assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js" defer>']
        assert "<img" not in page and "<b>Evil" not in page and "</textarea></pre>" not in page
        assert "\x01" not in page and "\x1b" not in page
    page = client.get(f"/documents/{hostile['id']}").text
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;Evil&lt;/b&gt;" in page
    text = html.fromstring(page).cssselect("article.text")[0].text_content()
    assert len(text) == len(api.document_view(hostile["id"], demo_db).document.text)
    assert api.document_view(hostile["id"], demo_db).claims  # its claims were marked too


def test_read_only_by_default(db_copy):
    client = TestClient(create_app(db_copy))
    key = troop_value(db_copy)["timeline"][1]["key"]
    response = client.post("/api/edits", json={"action": "split", "key": key})
    assert response.status_code == 403 and "--allow-edits" in response.json()["detail"]
    response = client.post("/api/edits", json={"action": "split", "key": key},
                           headers={"Authorization": "Bearer anything"})  # fmt: skip
    assert response.status_code == 403
    csrf = csrf_of(client, "/analyze")
    assert client.post("/unlock", data={"token": "x", "csrf": csrf}).status_code == 403
    assert "read-only" in client.get("/unlock").text
    assert api.edit_log(db_copy) == []


def test_edits_need_the_token(db_copy):
    client = TestClient(create_app(db_copy, allow_edits=True, token=TOKEN))
    key = troop_value(db_copy)["timeline"][1]["key"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = client.post("/api/edits", json={"action": "split", "key": key}, headers=headers)
        assert response.status_code == 403 and "token" in response.json()["detail"]
    page = client.get(f"/figures/{troop_value(db_copy)['id']}")
    assert 'action="/figures/' not in page.text  # no edit forms before unlocking
    csrf = csrf_of(client, "/unlock")
    wrong = client.post("/unlock", data={"token": "nope", "csrf": csrf})
    assert wrong.status_code == 403 and "not the token" in wrong.text
    assert api.edit_log(db_copy) == []


def test_forms_need_the_csrf_token(db_copy):
    client = TestClient(create_app(db_copy, allow_edits=True, token=TOKEN))
    csrf = csrf_of(client, "/unlock")
    assert client.post("/unlock", data={"token": TOKEN}).status_code == 403
    assert client.post("/unlock", data={"token": TOKEN, "csrf": "forged"}).status_code == 403
    response = client.post("/unlock", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303
    figure = troop_value(db_copy)
    key = figure["timeline"][1]["key"]
    forged = client.post(f"/figures/{figure['id']}/edit",
                         data={"action": "split", "key": key, "csrf": "forged"})  # fmt: skip
    assert forged.status_code == 403 and "CSRF" in forged.text
    cross_site = client.post(
        f"/figures/{figure['id']}/edit",
        data={"action": "split", "key": key, "csrf": csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert cross_site.status_code == 403
    assert api.edit_log(db_copy) == []


def test_split_through_the_form_is_logged_and_survives_reanalysis(db_copy):
    client = TestClient(create_app(db_copy, allow_edits=True, token=TOKEN))
    client.post("/unlock", data={"token": TOKEN, "csrf": csrf_of(client, "/unlock")})
    figure = troop_value(db_copy)
    value = figure["timeline"][1]
    csrf = csrf_of(client, f"/figures/{figure['id']}")
    response = client.post(
        f"/figures/{figure['id']}/edit",
        data={"action": "split", "key": value["key"], "note": "another unit", "csrf": csrf},
    )
    assert response.status_code == 200 and "Split off" in response.text
    moved = api.figure_of_value(value["key"], db_copy)
    assert moved != api.figure_of_value(figure["timeline"][0]["key"], db_copy)
    api.analyze(None, db=db_copy, force=True)  # re-analysis replaces every claim
    assert api.figure_of_value(value["key"], db_copy) != api.figure_of_value(
        figure["timeline"][0]["key"], db_copy
    )
    log = api.edit_log(db_copy)
    assert [(e["action"], e["key"], e["note"]) for e in log] == [
        ("split", value["key"], "another unit")
    ]
    assert "another unit" in client.get("/edits").text


def test_json_edit_with_bearer_token(db_copy):
    client = TestClient(create_app(db_copy, allow_edits=True, token=TOKEN))
    figure = troop_value(db_copy)
    first, second = figure["timeline"][0]["key"], figure["timeline"][2]["key"]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    done = client.post("/api/edits", json={"action": "confirm", "key": second, "note": "checked"},
                       headers=headers)  # fmt: skip
    assert done.status_code == 200 and done.json()["done"].startswith("confirmed")
    assert api.figure_of_value(second, db_copy) == api.figure_of_value(first, db_copy)
    missing = client.post(
        "/api/edits", json={"action": "split", "key": "nope:1-2"}, headers=headers
    )
    assert missing.status_code == 404


@pytest.mark.parametrize("path", ["/analyze", "/api/edits"])
def test_request_bodies_are_bounded(demo_db, path):
    client = TestClient(create_app(demo_db, max_body=10_000))
    response = client.post(path, content=b"x" * 20_000, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "limit is 10000 bytes" in response.json()["detail"]


def test_chunked_body_without_length_is_bounded_too(demo_db):
    client = TestClient(create_app(demo_db, max_body=10_000))

    def chunks():
        for _ in range(30):
            yield b"y" * 1000

    form = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post("/analyze", content=chunks(), headers=form)
    assert response.status_code == 413
