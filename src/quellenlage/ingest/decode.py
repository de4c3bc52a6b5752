"""Turning input bytes into text: binary sniffing and encoding choice.

Labels are read the way browsers read them (the WHATWG Encoding Standard): ISO-8859-1,
Latin-1 and ASCII labels mean windows-1252, whose „ “ quotes sit at bytes a strict
Latin-1 decoder would turn into control characters. Order of attempts:

1. a byte-order mark wins (UTF-8/UTF-16/UTF-32);
2. a declared UTF-16/32 label is used as is;
3. strict UTF-8: bytes that validate as UTF-8 and contain non-ASCII are UTF-8 with
   near certainty, even when the page declares a legacy encoding (a frequent mislabel);
4. mostly UTF-8 with a few invalid bytes (a damaged page): UTF-8, the invalid bytes
   replaced where they are (U+FFFD) and counted in a warning, never the whole file
   re-decoded in another encoding;
5. the declared encoding, when it decodes the bytes;
6. no label: windows-1252, when the result looks like text (few control characters);
7. a label that does not fit the bytes, or no label and no windows-1252 text:
   charset-normalizer detects the encoding (given enough non-ASCII bytes to judge),
   and the document gets a warning saying so; failing that, windows-1252 if it
   looks like text.

Anything else fails with "not valid UTF-8 and no declared encoding decodes it".
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

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
#: Bytes charset-normalizer looks at: enough to decide, bounded on a 20 MB page.
DETECT_BYTES = 256 * 1024
#: A UTF-8 page may carry at most this share of invalid sequences among its non-ASCII ones.
MAX_INVALID_SHARE = 0.5
#: Fewest non-ASCII bytes from which a detected encoding is trusted.
MIN_DETECT_BYTES = 16

#: WHATWG label aliases that differ from Python's codecs (Encoding Standard, section 4.2).
_WHATWG = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_UTF8_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and what had to be repaired on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


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
    return _lookup(match.group(1).decode("ascii", "replace"))


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` following the order in the module docstring; raise :class:`DecodeError`.

    ``declared`` is a label from outside the bytes (an HTTP ``Content-Type`` charset);
    without one, the page's own ``<meta charset>`` or XML declaration is used.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as err:
                raise DecodeError(f"invalid {codec} after byte-order mark: {err.reason}") from err
    label = _lookup(declared) or declared_encoding(data[:SNIFF_BYTES])
    if label and label.startswith(("utf-16", "utf-32")):
        try:
            return Decoded(data.decode(label), label)
        except UnicodeDecodeError as err:
            raise DecodeError(f"declared {label} does not decode: {err.reason}") from err
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if repaired := _mostly_utf8(data, first_bad):
        return repaired
    if label and label != "utf-8":
        try:
            return Decoded(_decode_legacy(data, label), label)
        except UnicodeDecodeError:
            pass
    text = _decode_legacy(data, "cp1252")
    if not label and _looks_like_text(text):
        return Decoded(text, "cp1252")
    if detected := _detect(data, label):
        return detected
    if _looks_like_text(text):
        return Decoded(
            text, "cp1252", (f"declared {label} does not fit the bytes; read as cp1252",)
        )
    raise DecodeError("not valid UTF-8 and no declared encoding decodes it")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Only the text of :func:`decode`."""
    return decode(data, declared).text


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, non-breaking spaces as spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NARROW_SPACES.sub(" ", text)


def _lookup(name: str | None) -> str | None:
    """Python's codec name for a label, with the WHATWG meaning of legacy labels."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return _WHATWG.get(codec, codec)


def _mostly_utf8(data: bytes, first_bad: int) -> Decoded | None:
    """UTF-8 with its few invalid bytes replaced in place, or ``None`` if it is not UTF-8."""
    valid = len(_UTF8_LEAD.findall(data))
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if valid == 0 or invalid > MAX_INVALID_SHARE * (valid + invalid):
        return None
    warning = (
        f"{invalid} invalid UTF-8 byte sequence{'s' if invalid != 1 else ''} replaced "
        f"with U+FFFD (first at byte {first_bad})"
    )
    return Decoded(text, "utf-8", (warning,))


def _decode_legacy(data: bytes, codec: str) -> str:
    """Decode strictly; windows-1252's five unassigned bytes map to C1 controls (WHATWG)."""
    if codec == "cp1252":
        return data.decode("cp1252", errors="c1-controls")
    return data.decode(codec)


def _c1_controls(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(chr(b) for b in err.object[err.start : err.end]), err.end


codecs.register_error("c1-controls", _c1_controls)


def _detect(data: bytes, label: str | None) -> Decoded | None:
    """charset-normalizer's reading of the bytes, when it is confident and the text decodes."""
    from charset_normalizer import from_bytes

    sample = data[:DETECT_BYTES]
    if sum(byte >= 0x80 for byte in sample) < MIN_DETECT_BYTES:
        return None  # a handful of odd bytes says nothing about an encoding
    best = from_bytes(sample).best()
    if best is None or best.encoding is None:
        return None
    codec = _lookup(best.encoding) or best.encoding
    try:
        text = _decode_legacy(data, codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if not _looks_like_text(text):
        return None
    if codec != "cp1252" and text == _decode_legacy(data, "cp1252"):
        codec = "cp1252"  # the same characters: name the encoding most German pages use
    said = f"declared {label} does not fit the bytes" if label else "no encoding declared"
    return Decoded(text, codec, (f"{said}; detected {codec}",))


def _looks_like_text(text: str) -> bool:
    """cp1252 decodes almost anything; accept it only when few characters are controls."""
    if not text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls / len(text) < 0.001
