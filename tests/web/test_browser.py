"""The web interface in a real headless Chromium (Playwright) against a live uvicorn server.

Needs Debian's ``chromium`` at /usr/bin/chromium (CI installs it); Playwright never
downloads a browser of its own here. Screenshots go to $QUELLENLAGE_SCREENSHOTS or
the test's temporary directory.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from quellenlage import api
from quellenlage.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "browser-token-42"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(
        "BROWSER TESTS SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)",
        allow_module_level=True,
    )
uvicorn = pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """A live server with edits allowed over a copy of the demo database."""
    import shutil

    db = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db, db)
    port = _free_port()
    config = uvicorn.Config(
        create_app(db, allow_edits=True, token=TOKEN), host="127.0.0.1", port=port,
        log_level="warning",
    )  # fmt: skip
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    live.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    out = os.environ.get("QUELLENLAGE_SCREENSHOTS")
    path = Path(out) if out else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def troop(db) -> dict:
    rows, _ = api.figure_list(db, limit=50)
    best = max((r for r in rows if r["unit_class"] == "soldier"), key=lambda r: r["values"])
    return api.figure(str(best["id"]), db)


def test_overview_and_search_with_filters(server, browser, shots):
    url, db = server
    page = browser.new_page()
    page.goto(url + "/")
    page.screenshot(path=str(shots / "overview.png"))
    page.fill("form.bigsearch input[name=q]", "Soldaten")
    page.press("form.bigsearch input[name=q]", "Enter")
    page.wait_for_selector("li.hit")
    expected = api.search_claims(api.ClaimQuery(q="Soldaten"), db)
    assert page.locator("li.hit").count() == min(50, expected.total)
    mode, count = expected.facets["mode"][0]
    page.click(f"section[data-facet=mode] a:text-is('{mode}')")
    page.wait_for_url("**mode=*")
    assert page.locator("li.hit").count() == count
    page.screenshot(path=str(shots / "claims.png"), full_page=True)
    page.locator("li.hit a.snippet").first.click()
    page.wait_for_url("**/documents/*#c*")
    target = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{target}").is_visible()
    page.close()


def test_document_highlights_are_the_claims_spans(server, browser, shots):
    url, db = server
    view = api.document_view(1, db)
    page = browser.new_page()
    page.goto(f"{url}/documents/1")
    for c in view.claims:
        ref = f"c{c.id}"
        shown = page.evaluate(
            """ref => [...document.querySelectorAll('a.m[data-content]')]
                .filter(e => e.dataset.content.split(' ').includes(ref))
                .map(e => e.textContent).join('')""",
            ref,
        )
        start, end = c.claim.span
        assert shown == view.document.text[start:end]
    first = view.claims[0]
    page.locator(f"a.m[data-content~='c{first.id}']").first.click()
    assert "active" in (page.locator(f"#c{first.id}").get_attribute("class") or "")
    page.screenshot(path=str(shots / "document.png"))
    page.close()


def test_troop_figure_chart_shows_every_value(server, browser, shots):
    url, db = server
    figure = troop(db)
    page = browser.new_page()
    page.goto(f"{url}/figures/{figure['id']}")
    points = page.locator("svg.chart a.point")
    assert points.count() == len(figure["timeline"]) > 5
    keys = [points.nth(i).get_attribute("data-key") for i in range(points.count())]
    assert sorted(keys) == sorted(v["key"] for v in figure["timeline"])
    for i in range(points.count()):  # every point is drawn inside the chart
        box = points.nth(i).locator("circle.dot").bounding_box()
        assert box is not None and box["width"] > 0
    page.locator("figure.chart-box").screenshot(path=str(shots / "figure.png"))
    page.screenshot(path=str(shots / "figure-page.png"), full_page=True)
    page.close()


def test_edits_refused_without_token_then_split_survives_reanalysis(server, browser, shots):
    url, db = server
    figure = troop(db)
    value = figure["timeline"][1]
    page = browser.new_page()
    page.goto(f"{url}/figures/{figure['id']}")
    assert page.locator("form.edit").count() == 0  # locked: no edit forms
    refused = page.request.post(f"{url}/api/edits", data={"action": "split", "key": value["key"]})
    assert refused.status == 403
    page.goto(f"{url}/unlock")
    page.fill("input[name=token]", "wrong")
    page.click("form button")
    assert "not the token" in page.content()
    page.fill("input[name=token]", TOKEN)
    page.click("form button")
    page.goto(f"{url}/figures/{figure['id']}")
    row = page.locator(f"tr[data-key='{value['key']}']")
    row.locator("input[name=note]").fill("a different unit")
    row.locator("button[value=split]").click()
    page.wait_for_selector("p.notice")
    assert "Split off" in page.locator("p.notice").inner_text()
    api.analyze(None, db=db, force=True)  # re-analysis: every claim replaced
    first = figure["timeline"][0]["key"]
    assert api.figure_of_value(value["key"], db) != api.figure_of_value(first, db)
    page.goto(f"{url}/edits")
    assert "a different unit" in page.content()
    page.screenshot(path=str(shots / "edits.png"))
    page.close()
