"""Language data: the word lists of each analysed language, as files under ``lang/<code>/``.

Every list exists once, as a plain-text file (one entry a line; ``words`` for a set,
``ordered`` where the order matters) or a JSON file (``mapping``, ``decimals``, ``groups``,
``rows``, ``pairs``). Stages load them with ``load("de").words("months")``; each file is read
once per process. ``LANGUAGES`` is the one registry of analysed languages, built on
``records.ANALYSABLE_LANGUAGES``; code that needs a table per language asks
``per_language(name, kind)`` instead of naming the languages itself.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from quellenlage.records import ANALYSABLE_LANGUAGES

LANG_DIR = Path(__file__).resolve().parent
#: The analysed languages, in a fixed order.
LANGUAGES: tuple[str, ...] = tuple(sorted(ANALYSABLE_LANGUAGES))
#: spaCy's code for "any language": lists shared by all (symbols, unit abbreviations,
#: agency names) and lists whose German and English entries are not kept apart.
NEUTRAL = "xx"

__all__ = [
    "LANGUAGES",
    "NEUTRAL",
    "LanguageData",
    "LanguageDataError",
    "load",
    "merged",
    "per_language",
]


class LanguageDataError(LookupError):
    """A language or one of its word lists is not there."""


class LanguageData:
    """The word lists of one language (read lazily, each file once)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.folder = LANG_DIR / code

    def __repr__(self) -> str:
        return f"LanguageData({self.code!r})"

    def _file(self, name: str, suffix: str) -> Path:
        path = self.folder / f"{name}{suffix}"
        if not path.is_file():
            raise LanguageDataError(f"no word list {name!r} for language {self.code!r} ({path})")
        return path

    def words(self, name: str) -> frozenset[str]:
        """A set of words (``name.txt``)."""
        return frozenset(_lines(self._file(name, ".txt")))

    def ordered(self, name: str) -> tuple[str, ...]:
        """A list whose order matters, e.g. suffixes tried longest first (``name.txt``)."""
        return _lines(self._file(name, ".txt"))

    def mapping(self, name: str) -> dict[str, Any]:
        """A table word -> value (``name.json``), in file order."""
        return dict(_json(self._file(name, ".json")))

    def decimals(self, name: str) -> dict[str, Decimal]:
        """A table word -> exact number, stored as strings (``name.json``)."""
        return {key: Decimal(value) for key, value in _json(self._file(name, ".json")).items()}

    def groups(self, name: str) -> dict[str, frozenset[str]]:
        """A table word -> set of words (``name.json``)."""
        return {key: frozenset(value) for key, value in _json(self._file(name, ".json")).items()}

    def rows(self, name: str) -> tuple[tuple[str, ...], ...]:
        """Ordered rows of words, e.g. (suffix, replacement) rules (``name.json``)."""
        return tuple(tuple(row) for row in _json(self._file(name, ".json")))

    def pairs(self, name: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        """A table word sequence -> value tuple (``name.json``: ``[[words], [values]]`` rows)."""
        return {tuple(key): tuple(value) for key, value in _json(self._file(name, ".json"))}


@cache
def load(code: str) -> LanguageData:
    """The word lists of ``code`` (one object per language and process)."""
    if code not in LANGUAGES and code != NEUTRAL:
        raise LanguageDataError(
            f"language {code!r} is not analysed; analysed: {', '.join(LANGUAGES)}"
        )
    return LanguageData(code)


def per_language(name: str, kind: str) -> dict[str, Any]:
    """The list ``name`` of every analysed language, e.g. ``{"de": ..., "en": ...}``."""
    return {code: getattr(load(code), kind)(name) for code in LANGUAGES}


def merged(name: str) -> dict[str, Any]:
    """The tables ``name`` of every analysed language in one (for parsers that read both)."""
    return {
        key: value
        for table in per_language(name, "mapping").values()
        for key, value in table.items()
    }


@cache
def _lines(path: Path) -> tuple[str, ...]:
    text = path.read_text(encoding="utf-8")
    return tuple(line for line in text.split("\n") if line and not line.startswith("# "))


@cache
def _json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
