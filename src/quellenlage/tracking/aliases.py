"""The vocabulary of source names as data: aliases (users extend them) and lead/role words."""

from __future__ import annotations

import functools
import os
from importlib.resources import files
from pathlib import Path

from quellenlage.records import SourceKind


def _read_aliases(text: str, where: str) -> dict[str, tuple[SourceKind, tuple[str, ...]]]:
    table: dict[str, tuple[SourceKind, tuple[str, ...]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] not in _KINDS or not parts[2].strip():
            raise ValueError(
                f"{where}:{number}: expected 'name<TAB>kind<TAB>variant|…', got {line!r}"
            )
        name, kind, variants = parts
        known = table.get(name, (kind, ()))[1]
        table[name] = (
            kind,
            (*known, *(v.strip().lower() for v in variants.split("|") if v.strip())),
        )  # type: ignore[assignment]
    return table


_KINDS = frozenset(SourceKind.__args__)  # type: ignore[attr-defined]


@functools.cache
def aliases() -> dict[str, tuple[SourceKind, tuple[str, ...]]]:
    """Canonical name -> (kind, lower-cased variants): ``lang/xx/aliases.tsv`` and the user's files.

    Users add their own in files named by ``QUELLENLAGE_ALIASES`` (the GenderGapTracker's
    alias list works the same way); a name in both gets the variants of both.
    """
    path = files("quellenlage").joinpath("lang", "xx", "aliases.tsv")
    table = _read_aliases(path.read_text(encoding="utf-8"), str(path))
    for extra in filter(None, os.environ.get("QUELLENLAGE_ALIASES", "").split(os.pathsep)):
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"QUELLENLAGE_ALIASES: cannot read {extra}: {exc}") from exc
        for name, (kind, variants) in _read_aliases(text, extra).items():
            known = table.get(name, (kind, ()))[1]
            table[name] = (kind, (*known, *variants))
    return table


@functools.cache
def alias_index() -> dict[str, str]:
    return {variant: name for name, (_, variants) in aliases().items() for variant in variants}


@functools.cache
def source_words(kind: str) -> frozenset[str]:
    """Lead words or role nouns of both languages, from ``lang/<code>/source_words.tsv``."""
    words: set[str] = set()
    for lang in ("de", "en"):
        path = files("quellenlage").joinpath("lang", lang, "source_words.tsv")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, _, word = line.partition("\t")
                if label == kind:
                    words.add(word.strip().lower())
    return frozenset(words)
