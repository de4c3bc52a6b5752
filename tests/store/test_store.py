"""The Store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from quellenlage.ingest.dedup import minhash_signature
from quellenlage.records import (
    Claim,
    Document,
    Failure,
    Field,
    Mention,
    Quantity,
    Source,
    TimeExpr,
)
from quellenlage.store import Store, StoreError


def make_document(
    origin: str = "a.txt", text: str = "Die Nato erklärte, es gebe Beweise."
) -> Document:
    return Document(
        origin=origin,
        text=text,
        raw=text,
        format="text",
        content_hash=f"hash-{origin}-{len(text)}",
        title=Field("Überschrift „mit“ Umlauten", "text"),
        published=Field("2024-10-24", "user"),
        language=Field("de", "text"),
    )


CLAIM = Claim(
    text="seien bereits 3.000 Soldaten nach Russland entsandt worden",
    span=(10, 68),
    sentence_span=(0, 80),
    mode="indirect",
    certainty="reported",
    cue=Mention("teilte … mit", (2, 30), ((2, 8), (26, 30))),
    source=Source("die Nachrichtenagentur Reuters", (12, 42), "agency", "Reuters"),
    chain=(Source("südkoreanische Parlamentsabgeordnete", (60, 96), "group"),),
    inherited=False,
    medium="writing",
    hedges=("offenbar",),
    quantities=(
        Quantity("rund der Hälfte", (1, 9), 0.5, unit="fraction", kind="fraction", approx=True),
        Quantity("zwischen 1.500 und 3.000", (10, 20), 1500, bound="range", low=1500, high=3000),
        Quantity("3.000 Soldaten", (24, 38), 3000, unit="Soldat"),
    ),
    times=(
        TimeExpr(
            "bis Dezember", (70, 82), None, "--12", "month", True, False, "until", {"month": 12}
        ),
    ),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    if request.param == "sqlite":
        db = tmp_path / "test.db"
    else:
        db = request.getfixturevalue("postgres_url")
    store = Store.open(db)
    yield store
    store.close()


def test_documents_round_trip_with_provenance(store: Store) -> None:
    signature = minhash_signature(make_document().text)
    [doc_id] = store.add_documents([(make_document(), signature)])
    doc = store.document(doc_id)
    assert doc.title == Field("Überschrift „mit“ Umlauten", "text")
    assert doc.published == Field("2024-10-24", "user")
    assert doc.author == Field(None, "unknown")
    assert store.copies(doc.content_hash) == [(doc_id, "a.txt", None)]
    assert store.copies("no such hash") == []
    assert store.near_duplicate(signature) == doc_id  # found through the stored LSH bands
    other = minhash_signature("Ganz andere Meldung über das Wetter in Hamburg am Wochenende.")
    assert store.near_duplicate(other) is None


def test_claims_round_trip_exactly(store: Store) -> None:
    [doc_id] = store.add_documents([(make_document(), None)])
    assert store.pending_analysis() == [doc_id]
    store.save_analysis(doc_id, [CLAIM], ["skipped one sentence"])
    [claim] = store.claims(doc_id)
    assert claim == dataclasses.replace(CLAIM, document_id=doc_id)
    assert claim.source.name == "Reuters"
    assert claim.chain == CLAIM.chain
    assert claim.quantities == CLAIM.quantities
    assert isinstance(claim.quantities[2].value, int)
    assert claim.times == CLAIM.times
    assert claim.hedges == ("offenbar",)
    assert store.pending_analysis() == []
    assert store.pending_analysis(force=True) == [doc_id]


def test_reanalysis_replaces_claims(store: Store) -> None:
    [doc_id] = store.add_documents([(make_document(), None)])
    store.save_analysis(doc_id, [CLAIM, CLAIM], [])
    store.save_analysis(doc_id, [CLAIM], [])
    assert len(store.claims(doc_id)) == 1


def test_unsupported_language_is_stored_but_not_analysed(store: Store) -> None:
    french = make_document("fr.txt", "Le gouvernement a annoncé des mesures.")
    french = dataclasses.replace(french, language=Field("fr", "text"))
    [doc_id] = store.add_documents([(french, None)])
    assert store.document(doc_id).language.value == "fr"
    assert store.pending_analysis() == []


def test_failures_are_recorded_once_with_attempts(store: Store) -> None:
    store.record_failures([Failure("bad.bin", "binary file (NUL bytes)")])
    store.record_failures([Failure("bad.bin", "binary file (NUL bytes)")])
    [failure] = store.failures()
    assert failure.origin == "bad.bin"
    assert failure.attempts == 2
    store.clear_failures(["bad.bin"])
    assert store.failures() == []


def test_sqlite_uses_wal_and_has_readable_view(tmp_path) -> None:
    db = tmp_path / "wal.db"
    store = Store.open(db)
    [doc_id] = store.add_documents([(make_document(), None)])
    store.save_analysis(doc_id, [CLAIM], [])
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = conn.execute("SELECT document_title, source, mode FROM claims_view").fetchone()
    assert row == ("Überschrift „mit“ Umlauten", "Reuters", "indirect")


def test_unopenable_database_names_the_problem(tmp_path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open("nosuchdialect://x")
