"""Claim search with full-text and facets, the same on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest

from quellenlage import api
from quellenlage.records import Claim, Document, Field, Quantity, Source
from quellenlage.store import Store, browse, search
from quellenlage.store.search import ClaimQuery

TEXTS = [
    ("Laut Reuters sind 3.000 Soldaten in Kursk eingetroffen.", "Reuters", "2024-10-20", "de"),
    ("Die Behörden zählten 12 Drohnen über der Grenze.", "die Behörden", "2024-10-22", "de"),
    (
        "Südkoreas Geheimdienst meldet Soldatinnen und Offiziere.",
        "Geheimdienst",
        "2024-11-02",
        "de",
    ),
    ("The Pentagon said 10,000 troops were in Russia.", "Pentagon", "2024-11-05", "en"),
]


def _document(i: int, text: str, published: str, lang: str) -> Document:
    return Document(
        origin=f"test-{i}",
        text=text,
        raw=text,
        format="text",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=Field(published, "user"),
        outlet=Field("Outlet A" if i % 2 else "Outlet B", "user"),
        language=Field(lang, "user"),
    )


def _claim(text: str, source: str) -> Claim:
    quantities = ()
    for word in text.split():
        if word[0].isdigit():
            start = text.index(word)
            unit = "Drohne" if "Drohnen" in text else "Soldat"
            quantities = (Quantity(word, (start, start + len(word)), 1.0, unit=unit),)
            break
    return Claim(text, (0, len(text)), (0, len(text)), "according_to", "reported",
                 source=Source(source, None), quantities=quantities)  # fmt: skip


def _fill(store: Store) -> list[int]:
    docs = [(_document(i, t, p, lang), None) for i, (t, _, p, lang) in enumerate(TEXTS)]
    ids = store.add_documents(docs)
    for doc_id, (text, source, _, _) in zip(ids, TEXTS, strict=True):
        store.save_analysis(doc_id, [_claim(text, source)], [])
    return ids


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        db = tmp_path / "search.db"
    else:
        db = request.getfixturevalue("postgres_url")
    opened = Store.open(db)
    _fill(opened)
    api.link(db=opened)  # sources are searched by their normalised names
    yield opened
    opened.close()


def _texts(store: Store, **where) -> set[str]:
    rows, total = search.search(store, ClaimQuery(**where))
    assert total == len(rows)
    return {r["text"] for r in rows}


def test_words_match_by_prefix_case_and_umlauts(store):
    assert _texts(store, q="soldat") == {TEXTS[0][0], TEXTS[2][0]}
    assert _texts(store, q="Behörden Drohnen") == {TEXTS[1][0]}
    assert _texts(store, q="troops russia") == {TEXTS[3][0]}
    assert _texts(store, q="nothingsuch") == set()


def test_query_syntax_is_taken_as_words(store):
    for q in ['"', "NEAR(a b)", "text:soldat", "soldat OR", "*", "'); DROP TABLE claims; --"]:
        search.search(store, ClaimQuery(q=q))  # no syntax error, nothing dropped
    assert _texts(store, q='"Soldaten"') == {TEXTS[0][0]}
    assert len(_texts(store)) == len(TEXTS)


def test_filters_and_facets_agree(store):
    where = ClaimQuery(language="de")
    facets = search.facets(store, where)
    assert dict(facets["language"]) == {"de": 3, "en": 1}  # a facet ignores its own filter
    assert sum(n for _, n in facets["outlet"]) == 3
    assert dict(facets["has_figure"]) == {True: 2, False: 1}
    assert dict(facets["measure"]) == {"Soldat": 1, "Drohne": 1}
    assert _texts(store, language="de", outlet="Outlet B") == {TEXTS[0][0], TEXTS[2][0]}
    assert _texts(store, since="2024-10-21", until="2024-11-02") == {TEXTS[1][0], TEXTS[2][0]}
    assert _texts(store, has_figure=True, measure="Soldat") == {TEXTS[0][0], TEXTS[3][0]}
    assert _texts(store, source="Reuters") == {TEXTS[0][0]}


def test_index_follows_reanalysis(store):
    rows, _ = search.search(store, ClaimQuery(q="Kursk"))
    doc_id = rows[0]["document_id"]
    store.save_analysis(doc_id, [_claim("Laut Reuters sind Panzer verlegt worden.", "Reuters")], [])
    assert _texts(store, q="Kursk") == set()
    assert _texts(store, q="Panzer") == {"Laut Reuters sind Panzer verlegt worden."}


def test_iter_claims_returns_every_match_across_batches(store):
    assert len(list(search.iter_claims(store, ClaimQuery(limit=1), batch=1))) == len(TEXTS)
    assert {r["text"] for r in search.iter_claims(store, ClaimQuery(q="soldat"), batch=1)} == {
        TEXTS[0][0],
        TEXTS[2][0],
    }


def test_edit_log_is_kept_newest_first(store):
    browse.record_edit(store, action="split", key="k1:1-2", note="first", via="test")
    browse.record_edit(store, action="merge", key="k2:1-2", other="k1:1-2", via="test")
    log = browse.edits(store)
    assert [e["action"] for e in log] == ["merge", "split"]
    assert [e["key"] for e in browse.edits(store, figure_keys=["k1:1-2"])] == ["k2:1-2", "k1:1-2"]
