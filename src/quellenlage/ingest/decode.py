"""Turning input bytes into text: binary sniffing and encoding choice.

Order of attempts (decided for mislabelled pages, the common case on the web):

1. a byte-order mark wins (UTF-8/UTF-16/UTF-32);
2. a declared UTF-16/32 label is used as is;
3. strict UTF-8: bytes that validate as UTF-8 and contain non-ASCII are UTF-8 with
   near certainty, even when the page declares Latin-1 (a frequent mislabel);
4. the declared encoding, when it decodes strictly;
5. cp1252 (a superset of Latin-1 used for most mislabelled German pages), only when
   the result looks like text: few control characters and no undefined bytes.

Anything else fails with "not valid UTF-8 and no declared encoding decodes it".
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Leading bytes of binary formats people drop into news folders by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0", "legacy office document"),
    (b"\x7fELF", "executable"),
)

_DECLARED_XML = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_DECLARED_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NARROW_SPACES = re.compile("[\u00a0\u202f]")

SNIFF_BYTES = 64 * 1024


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


def binary_kind(head: bytes) -> str | None:
    """Name the binary format of ``head`` ("binary file (NUL bytes)", …) or ``None`` for text."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({name})"
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head[:SNIFF_BYTES]:
        return "binary file (NUL bytes)"
    return None


def declared_encoding(head: bytes) -> str | None:
    """The encoding an XML declaration or an HTML ``<meta charset>`` names, if any."""
    match = _DECLARED_XML.search(head[:1024]) or _DECLARED_META.search(head[:SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` following the order in the module docstring; raise :class:`DecodeError`."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(f"invalid {codec} after byte-order mark: {err.reason}") from err
    label = _lookup(declared) or declared_encoding(data[:SNIFF_BYTES])
    if label and label.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(label)
        except UnicodeDecodeError as err:
            raise DecodeError(f"declared {label} does not decode: {err.reason}") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if label and label not in ("utf-8", "ascii"):
        try:
            return data.decode(label)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text):
        return text
    raise DecodeError("not valid UTF-8 and no declared encoding decodes it")


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, non-breaking spaces as spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NARROW_SPACES.sub(" ", text)


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _looks_like_text(text: str) -> bool:
    """cp1252 decodes almost anything; accept it only when few characters are controls."""
    if not text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls / len(text) < 0.001
