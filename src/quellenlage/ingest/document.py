"""From a reader's raw input to a :class:`~quellenlage.records.Document`."""

from __future__ import annotations

from dataclasses import dataclass

from quellenlage.ingest.clean import clean_text
from quellenlage.ingest.decode import normalise_text
from quellenlage.ingest.dedup import content_hash
from quellenlage.ingest.language import choose_language, language_code
from quellenlage.ingest.metadata import first_known, text_field, user_date
from quellenlage.records import Document, Failure, Field, RawInput


@dataclass(frozen=True, slots=True)
class Overrides:
    """Values the user gave on the command line; they win, with provenance ``"user"``."""

    published: str | None = None
    outlet: str | None = None
    language: str | None = None

    @classmethod
    def checked(cls, published: str | None, outlet: str | None, language: str | None) -> Overrides:
        """Validate the options; raise ``ValueError`` naming the bad option."""
        if language is not None and language_code(language) is None:
            raise ValueError(f"--language {language!r} is not an ISO 639 code such as 'de'")
        if outlet is not None and not outlet.strip():
            raise ValueError("--outlet must not be empty")
        return cls(
            published=user_date(published) if published is not None else None,
            outlet=" ".join(outlet.split()) if outlet is not None else None,
            language=language_code(language) if language is not None else None,
        )


def build_document(raw: RawInput, overrides: Overrides) -> Document | Failure:
    """Clean ``raw``, settle its metadata and language, and hash its text."""
    if raw.format == "text":
        cleaned = clean_text(raw.raw)
        text = cleaned.text
        found = {
            "title": text_field(cleaned.title, "text"),
            "published": text_field(cleaned.published, "text"),
            "author": text_field(cleaned.author, "text"),
            "outlet": text_field(cleaned.outlet, "text"),
        }
    else:
        text = paragraphs(raw.text or "")
        found = {}
    if not text:
        return Failure(raw.origin, "no article text found")
    user = {
        "published": text_field(overrides.published, "user"),
        "outlet": text_field(overrides.outlet, "user"),
    }
    return Document(
        origin=raw.origin,
        text=text,
        raw=raw.raw,
        format=raw.format,
        content_hash=content_hash(text),
        title=_pick("title", raw, user, found),
        published=_pick("published", raw, user, found),
        author=_pick("author", raw, user, found),
        outlet=_pick("outlet", raw, user, found),
        language=choose_language(text, raw.language, overrides.language),
        url=raw.url,
        warnings=raw.warnings,
    )


def paragraphs(text: str) -> str:
    """One paragraph per non-blank line, spaces collapsed, separated by blank lines."""
    lines = (" ".join(line.split()) for line in normalise_text(text).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _pick(name: str, raw: RawInput, user: dict[str, Field], found: dict[str, Field]) -> Field:
    """User option, then the reader's metadata, then what the text itself says."""
    return first_known(user.get(name, Field()), getattr(raw, name), found.get(name, Field()))
