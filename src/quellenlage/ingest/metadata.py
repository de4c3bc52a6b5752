"""Metadata values with provenance: dates, outlets, overrides.

Dates are stored as ISO strings (``2024-10-24`` or ``2024-10-24T08:00:00+02:00``).
A value we cannot parse is dropped, never guessed: an unknown date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urlsplit

from quellenlage.records import Field, Provenance

_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "dezember": 12, "dez": 12,
    # English (only those not already spelled the same in German)
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?)?"
)
_DOTTED = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)


def find_date(text: str) -> str | None:
    """The first complete calendar date written in ``text``, as ISO ``YYYY-MM-DD`` (or datetime).

    Recognises ISO dates, ``24.10.2024``, ``24. Oktober 2024``, ``24 October 2024`` and
    ``October 24, 2024``. Partial dates ("am Mittwoch", "Oktober 2024") give ``None``.
    """
    found: list[tuple[int, str]] = []
    iso = _ISO.search(text)
    if iso and (date := _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))):
        found.append((iso.start(), _with_time(date, iso.group(4), iso.group(5))))
    for pattern, order in ((_DOTTED, "dmy"), (_DAY_MONTH, "dMy"), (_MONTH_DAY, "Mdy")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = _MONTHS.get(parts["M"].lower()) if "M" in parts else int(parts["m"])
        if month and (date := _valid(int(parts["y"]), month, int(parts["d"]))):
            found.append((match.start(), date))
    return min(found)[1] if found else None


def parse_date(value: str) -> str | None:
    """Normalise a date string from metadata (ISO, RFC 2822, German or English) to ISO."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(value)


def user_date(value: str) -> str:
    """Validate a ``--published`` option; raise ``ValueError`` with a clear message if wrong."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(
            f"--published {value!r} is not an ISO date (expected e.g. 2024-10-24)"
        ) from None


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``: the best outlet name a bare URL gives."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def date_field(value: str | None, source: Provenance) -> Field:
    """A published-date field from a raw metadata value, unknown if it does not parse."""
    iso = parse_date(value) if value else None
    return Field(iso, source) if iso else Field()


def text_field(value: str | None, source: Provenance) -> Field:
    """A metadata field from a string, unknown if blank."""
    value = " ".join(value.split()) if value else ""
    return Field(value, source) if value else Field()


def first_known(*fields: Field) -> Field:
    """The first field with a value: callers list them from most to least trusted."""
    return next((f for f in fields if f.value), Field())


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _with_time(date: str, time: str | None, zone: str | None) -> str:
    if not time:
        return date
    stamp = f"{date}T{time}{'+00:00' if zone == 'Z' else (zone or '')}"
    try:
        return dt.datetime.fromisoformat(stamp).isoformat()
    except ValueError:
        return date
