"""Quantities in German and English news text, normalised and exact.

``parse_quantities(text, lang)`` returns :class:`~quellenlage.records.Quantity` records in
text order. Spans are character offsets into ``text`` plus ``offset``: pass the position of
``text`` inside a larger document (e.g. a claim's sentence) to get document offsets.
"""

from __future__ import annotations

from quellenlage.lang import LANGUAGES
from quellenlage.quantities.parser import find
from quellenlage.records import Quantity


def parse_quantities(text: str, lang: str = "de", offset: int = 0) -> list[Quantity]:
    """Find and normalise every quantity in ``text``.

    ``lang`` ("de" or "en") decides how digits read: "1.500" is 1500 in German and 1.5 in
    English. Dates, times of day, years, page numbers and parts of names are left out.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantities: text must be str, got {type(text).__name__}")
    language = _language(lang)
    found = find(text, language)
    if offset:
        found = [_shift(q, offset) for q in found]
    return found


def _language(lang: str) -> str:
    code = (lang or "").lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(
            f"parse_quantities: unsupported language {lang!r} (use one of {', '.join(LANGUAGES)})"
        )
    return code


def _shift(quantity: Quantity, offset: int) -> Quantity:
    from dataclasses import replace

    start, end = quantity.span
    return replace(quantity, span=(start + offset, end + offset))


__all__ = ["Quantity", "parse_quantities"]
