"""Exact and near duplicate detection."""

from __future__ import annotations

import pytest

from quellenlage.ingest.dedup import (
    JACCARD_THRESHOLD,
    NearDuplicateIndex,
    content_hash,
    minhash_signature,
    normalise_for_hash,
)

REPORT = (
    "Es gebe Beweise, dass nordkoreanische Soldaten in Russland seien, erklärten die Nato und "
    "die USA am Mittwoch übereinstimmend. Die Vermutung: Nordkoreas Diktator Kim Jong Un wolle "
    "mit rund 10.000 Soldaten Putins Krieg gegen die Ukraine unterstützen. Es war der "
    "südkoreanische Geheimdienst, der die erkennbaren Anzeichen für die Entsendung "
    "nordkoreanischer Einheiten nach Russland entdeckte: Vom 8. bis 13. Oktober hätten "
    "Kriegsschiffe der russischen Pazifikflotte 1.500 nordkoreanische Elitesoldaten nach "
    "Wladiwostok gebracht. Dort seien die Nordkoreaner vor ihrem Kampfeinsatz mit russischen "
    "Uniformen, Waffen und gefälschten Personaldokumenten ausgestattet worden. Inzwischen seien "
    "bereits 3.000 Soldaten nach Russland entsandt worden, berichtet Reuters."
)
OTHER = (
    "Die Stadt Regensburg hat die Steinerne Brücke am Montag für den gesamten Verkehr gesperrt, "
    "teilte ein Sprecher der Stadtverwaltung mit. Grund seien neue Risse im Mauerwerk, die bei "
    "einer Routineprüfung entdeckt worden seien. Wie lange die Sperrung dauert, ist offen; "
    "Busse werden über die Nibelungenbrücke umgeleitet."
)


def test_exact_hash_ignores_layout_case_and_quote_style() -> None:
    variant = REPORT.replace("Die Vermutung", "\n\n  die   Vermutung").replace(", ", ",  ")
    assert content_hash(REPORT) == content_hash(variant)
    assert content_hash("„Wir prüfen das“ – sagte er.") == content_hash(
        '"Wir prüfen das" - sagte er.'
    )
    assert content_hash(REPORT) != content_hash(REPORT.replace("3.000", "4.000"))
    assert len(content_hash(REPORT)) == 64
    assert normalise_for_hash("  A\u00a0B\n") == "a b"


def test_near_duplicate_found_and_linked_to_lowest_key() -> None:
    index = NearDuplicateIndex()
    index.add(7, minhash_signature(REPORT))
    index.add(3, minhash_signature(REPORT + " Die Bundesregierung äußerte sich nicht."))
    index.add(9, minhash_signature(OTHER))
    edited = REPORT.replace("am Mittwoch", "am Mittwochabend")
    assert index.query(minhash_signature(edited)) == 3
    assert index.query(minhash_signature(OTHER + " Ein Satz mehr.")) == 9
    assert len(index) == 3


def test_different_reports_are_not_near_duplicates() -> None:
    index = NearDuplicateIndex()
    index.add(1, minhash_signature(REPORT))
    half = REPORT[: len(REPORT) // 2] + " " + OTHER
    assert index.query(minhash_signature(OTHER)) is None
    assert index.query(minhash_signature(half)) is None
    assert JACCARD_THRESHOLD == 0.8


def test_signature_is_bytes_that_rebuild_the_index() -> None:
    signature = minhash_signature(REPORT)
    assert isinstance(signature, bytes) and len(signature) == 128 * 8
    assert signature == minhash_signature(REPORT)
    rebuilt = NearDuplicateIndex()
    rebuilt.add(1, bytes(bytearray(signature)))
    assert rebuilt.query(signature) == 1
    assert minhash_signature("Kurz.") != minhash_signature("Anders.")


def test_bad_signature_is_rejected_with_reason() -> None:
    with pytest.raises(ValueError, match="MinHash signature has 3 bytes, expected 1024"):
        NearDuplicateIndex().query(b"abc")
