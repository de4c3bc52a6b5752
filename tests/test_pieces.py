"""Long texts are analysed in bounded pieces, and the claims come back in place."""

from __future__ import annotations

from dataclasses import dataclass, field

from quellenlage.pieces import MAX_PIECE, analyze_in_pieces, is_long, pieces, shift
from quellenlage.records import Claim, Document, Field, Mention, Quantity

SENTENCE = "Der Sprecher sagte am Montag, es gebe 1.500 neue Fälle. "


def _document(text: str) -> Document:
    return Document("long", text, text, "text", "h", language=Field("de", "user"))


def test_pieces_cover_the_text_and_respect_the_bounds() -> None:
    paragraphs = "\n\n".join(SENTENCE * 40 for _ in range(200))  # ~450,000 characters
    parts = list(pieces(paragraphs))
    assert "".join(text for _, text in parts) == paragraphs
    assert [offset for offset, _ in parts] == [
        sum(len(text) for _, text in parts[:i]) for i in range(len(parts))
    ]
    assert all(len(text) <= MAX_PIECE for _, text in parts)
    assert all(text.endswith("\n\n") for _, text in parts[:-1])  # cut at paragraph breaks


def test_run_without_sentence_end_is_cut_at_a_space() -> None:
    text = "wort " * 5000  # 25,000 characters, no sentence end
    parts = list(pieces(text, max_run=1000))
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= 1000 for _, part in parts)
    assert all(part.endswith(" ") for _, part in parts)
    assert list(pieces("x" * 2500, max_run=1000)) == [
        (0, "x" * 1000),
        (1000, "x" * 1000),
        (2000, "x" * 500),
    ]


def test_news_sized_text_is_one_piece() -> None:
    text = "\n\n".join(SENTENCE * 5 for _ in range(30))
    assert not is_long(text)
    assert list(pieces(text)) == [(0, text)]


def test_shift_moves_every_span_in_a_claim() -> None:
    claim = Claim(
        "es gebe 1.500 neue Fälle",
        (30, 54),
        (0, 55),
        "indirect",
        "reported",
        cue=Mention("sagte", (12, 17), parts=((12, 17), (20, 22))),
        quantities=(Quantity("1.500", (38, 43), 1500),),
    )
    moved = shift(claim, 1000)
    assert moved.span == (1030, 1054) and moved.sentence_span == (1000, 1055)
    assert moved.cue.span == (1012, 1017) and moved.cue.parts == ((1012, 1017), (1020, 1022))
    assert moved.quantities[0].span == (1038, 1043)
    assert moved.text == claim.text


@dataclass
class _Result:
    document: Document
    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)
    failed: str | None = None


def _claims_per_sentence(documents):
    """A stand-in analysis: one claim per "es gebe …" clause, offsets into its own text."""
    for document in documents:
        claims = []
        start = document.text.find("es gebe")
        while start >= 0:
            end = document.text.index(".", start)
            claims.append(
                Claim(
                    document.text[start:end], (start, end), (start, end + 1), "indirect", "reported"
                )
            )
            start = document.text.find("es gebe", end)
        yield _Result(document, claims)


def test_claims_of_pieces_point_into_the_whole_text() -> None:
    text = "\n\n".join(SENTENCE * 40 for _ in range(100))
    document = _document(text)
    result = analyze_in_pieces(document, _claims_per_sentence)
    assert result.document is document
    assert len(result.claims) == 4000
    assert all(text[c.span[0] : c.span[1]] == c.text for c in result.claims)
    assert result.warnings[0].startswith("long text analysed in ")
