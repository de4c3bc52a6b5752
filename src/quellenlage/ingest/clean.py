"""Boilerplate removal for text copied from a news page.

A reader who selects a page and copies it gets the article plus page furniture:
captions and credits, player labels ("Audiobeitrag"), stray symbols, the headline
twice, template lines whose value is missing ("Nachrichten am ."), share buttons,
cookie and newsletter prompts, related-link lists and an outlet footer.

The cleaner decides per line from general evidence, never from one page's strings:

* line features: length, end punctuation, a media/credit label before a colon
  ("Foto: …", "Archivbild: …"), credit marks (©, "|"), an empty template slot
  (a space before the final period), calls to action (newsletter, cookies, app);
* repetition: a line seen before is dropped; a line repeated at the top is the title;
* position: furniture before the title, headings with no paragraph after them,
  related-link lists, and an outlet's self-reference after the last paragraph;
* the article body as a whole (:mod:`quellenlage.ingest.body`): the densest run of
  paragraphs at one indentation; navigation, teaser lists and footers around it go.

It also recovers the title, a byline author, a publication date written in a date
line ("Stand: 24.10.2024 12:03 Uhr") and an outlet named in a footer or a copyright
line. Nothing is guessed: what the text does not say stays ``None``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from quellenlage.ingest.body import mark_outside_body
from quellenlage.ingest.decode import normalise_text
from quellenlage.ingest.metadata import find_date

#: End of a sentence-like line (closing quotes and brackets may follow the mark).
_TERMINAL = re.compile(r"""[.!?…:;][\"'“”»«‘’)\]]*$""")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
#: "Foto: …" (one or two words before a colon) or "Image caption, …" (two before a comma).
_LABEL = re.compile(
    r"^([^\W\d_][\w-]*(?:\s[^\W\d_][\w-]*)?)\s*:\s+\S|^([^\W\d_][\w-]*\s[^\W\d_][\w-]*),\s+\S"
)
#: Labels that introduce a picture, player, map or credit: whole words ("Foto", "Image
#: source"), compounds ending in a picture word ("Archivbild", "Wetterkarte"), and picture
#: words with a credit ending ("Bildrechte", "Videobeitrag"). Prefix matching alone would
#: take "Bildung:" or "Arbeitnehmerrechte:" for captions.
_MEDIA_WORDS = frozenset(
    (
        "bild", "bilder", "foto", "fotos", "grafik", "karte", "video", "audio", "galerie",
        "infografik", "image", "photo", "photograph", "picture", "credit", "credits", "map",
        "chart", "graphic", "illustration", "screenshot", "caption", "listen", "watch",
        "quelle", "source", "copyright", "podcast",
    )
)  # fmt: skip
_MEDIA_ENDINGS = ("bild", "bilder", "foto", "fotos", "grafik", "karte", "video", "galerie")
_MEDIA_PREFIXES = ("bild", "foto", "video", "audio")
_CREDIT_ENDINGS = ("rechte", "quelle", "nachweis", "beitrag", "credit", "unterschrift", "text")
_CREDIT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|picture[ -]alliance|getty ?images|\bimago\b|"
    r"\bdpa\s*/|/\s*dpa\b|\bafp\s*/|\breuters\s*/|\bap photo\b",
    re.I,
)
#: A caption that ends in its credit: "… an. Bild: Andreas Muster/Archiv", "(Foto: dpa)".
_TRAILING_CREDIT = re.compile(
    r"[.!?)]\s+\(?(?:bild|foto|fotos|photo|image|grafik|video|quelle|credit)\s*:\s*"
    r"[^.!?:]{2,60}\)?$",
    re.I,
)
#: A template whose value is missing: "Nachrichten am .", "Sendung vom". Separable verb
#: particles ("kamen … um.") and English "goes on." end real sentences, so they are absent.
_EMPTY_SLOT = re.compile(r"\s[.,;:]$|\b(?:am|vom|seit)$")
_DATE_WORDS = re.compile(
    r"\b(?:stand|aktualisiert|veröffentlicht|zuletzt|erstellt|datum|published|updated|"
    r"last|modified|uhr|am|um|on|at|ago|vor|stunden?|minuten?|hours?|minutes?|mez|mesz|"
    r"cet|cest|utc|gmt)\b",
    re.I,
)
_DATE_LABELS = re.compile(
    r"\b(?:stand|aktualisiert|veröffentlicht|zuletzt|erstellt|published|updated)\b", re.I
)
#: "Stand: …", "Aktualisiert am …", "Published 3 hours ago" (not "Stand der Ermittlungen").
_DATE_LINE_START = re.compile(
    r"(?:zuletzt |last )?(?:stand|aktualisiert|veröffentlicht|erstellt|published|updated)"
    r"\s*(?::|am\b|um\b|on\b|\d)",
    re.I,
)
_PROMO = re.compile(
    r"newsletter|abonnier|\babo\b|\banmeld(?:en|ung)\b|\bregistrier(?:en|ung)\b|\bapp\b|"
    r"push-?mitteilung|whatsapp|"
    r"telegram|cookies?\b|datenschutzerklärung|einwillig|werbefrei|"
    r"sign[ -]?up|subscribe|subscription|download|follow us|privacy|consent|podcast",
    re.I,
)
#: Addressing the reader: imperatives and links, polite "Sie"/"Ihr" inside a sentence
#: (capitalised there, unlike "sie"/"ihr" for she/they/her, which news prose is full of).
_CALL_TO_ACTION = re.compile(
    r"(?i:\bhier\b|\bjetzt\b|klicken|kostenlos|\bdu\b|\bdein|\byou(?:r)?\b|\bhere\b|"
    r"\bclick\b|\bfree\b)|!\s*$|(?<=[\w,] )(?:Sie|Ihnen|Ihre?[mnrs]?)\b"
)
_UI = re.compile(
    r"\b(?:teilen|share|drucken|print|kommentare?|comments?|merken|speichern|save|"
    r"weiterlesen|read more|startseite|menü|menu|login|zurück|nach oben|anhören|vorlesen|"
    r"listen|link kopieren|e-mail|facebook|twitter|whatsapp|instagram|linkedin|"
    r"akzeptieren|accept|ablehnen|reject|"
    r"einstellungen|settings|anzeige|advertisement|werbung)\b",
    re.I,
)
_RELATED = re.compile(
    r"^(?:mehr zum thema|mehr dazu|zum thema|lesen sie (?:auch|mehr)|auch interessant|"
    r"das könnte sie (?:auch )?interessieren|weitere (?:artikel|nachrichten|meldungen|themen)|"
    r"related|more on this|read more|see also|most read|meistgelesen|empfehlungen)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^(?i:von|by|ein (?:kommentar|bericht|gastbeitrag|interview) von)\s+"
    r"([A-ZÄÖÜ][\w.'’-]+(?:\s+(?:und|and|von|van|de)?\s*[A-ZÄÖÜ][\w.'’-]+){0,4})"
    r"(?:\s*[,|/]\s*.*)?$"
)
_FOOTER_OUTLET = re.compile(r"\b(?:bei|auf|von|at|on|from)\s+([A-ZÄÖÜ][\w.-]*\w)[.!]?$")
#: "© DER SPIEGEL 2024", "Copyright 2024 BBC.", "(c) tagesschau.de": the name after the mark.
_COPYRIGHT_OUTLET = re.compile(
    r"(?i:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(\w[\w&'’-]*(?:\.\w+)*(?:\s+[A-ZÄÖÜ][\w&'’-]*(?:\.\w+)*){0,3})"
)

#: A copied table row (cells split by tabs) or a result line ("Schalke 04 - Köln 2:1").
_TABLE_ROW = re.compile(r"\t|\b\d+\s?[:–-]\s?\d+\b(?!\s*(?:uhr|h)\b)", re.I)
_CREDIT_REASONS = ("caption or credit label", "credit")

#: Longest line read as a heading or title; longer lines are paragraphs.
MAX_HEADING_WORDS = 25
#: Longest line read as a picture caption; longer ones are paragraphs whatever they start with.
MAX_CAPTION_WORDS = 40
#: Longest line the furniture rules look at; every rule is for shorter lines.
MAX_FEATURE_WORDS = 45
#: Characters at a line's end where end punctuation is looked for.
_TAIL = 64
#: Shortest line read as a body paragraph (the lead counts as one).
MIN_PARAGRAPH_WORDS = 15


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The cleaner's result: the text, what it recovered, and which lines it dropped why.

    ``kept`` and ``dropped`` index the input's lines (``text.split("\\n")`` after newline
    normalisation), so callers can measure the cleaner line by line.
    """

    text: str
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    kept: tuple[int, ...]
    dropped: tuple[tuple[int, str], ...]


@dataclass(slots=True)
class _Line:
    index: int
    text: str
    words: int
    terminal: bool
    table: bool = False
    indent: int = 0  # leading spaces in the copy: how deeply the line was nested  # a table or result row: figures worth keeping wherever it stands
    reason: str | None = None

    @property
    def is_paragraph(self) -> bool:
        long_enough = self.words >= MIN_PARAGRAPH_WORDS
        return self.reason is None and long_enough and (self.terminal or self.is_long)

    @property
    def is_long(self) -> bool:
        """Too long for a heading: a paragraph even if its final period was lost."""
        return self.words > MAX_HEADING_WORDS


def clean_text(raw: str) -> CleanedText:
    """Drop page furniture from copied text and recover title, author, date and outlet."""
    lines = _lines(raw)
    published = _mark_line_features(lines)
    _mark_captions_beside_credits(lines)
    author = _mark_bylines(lines)
    _mark_related_lists(lines)
    _mark_repeats(lines)
    title = _find_title(lines)
    title_at = next(
        (i for i, line in enumerate(lines) if line.text == title and line.reason is None), None
    )
    mark_outside_body(lines, title_at)
    outlet = _mark_tail(lines)
    kept = [line for line in lines if line.reason is None]
    if title is not None and kept and kept[0].text != title:
        title = None
    return CleanedText(
        text="\n\n".join(line.text for line in kept),
        title=title,
        author=author,
        published=published,
        outlet=outlet,
        kept=tuple(line.index for line in kept),
        dropped=tuple((line.index, line.reason) for line in lines if line.reason),
    )


def line_reason(text: str) -> str | None:
    """Why a single line, seen alone, is page furniture (``None`` when it may be content)."""
    line = _make_line(0, text)
    _mark_line_features([line])
    return line.reason


def _lines(raw: str) -> list[_Line]:
    return [
        _make_line(
            i,
            " ".join(text.split()),
            table=bool(_TABLE_ROW.search(text.strip())),
            indent=len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip()),
        )
        for i, text in enumerate(normalise_text(raw).split("\n"))
        if text.strip()
    ]


def _make_line(index: int, text: str, *, table: bool = False, indent: int = 0) -> _Line:
    words = sum(1 for _ in _WORD.finditer(text))
    # the end is enough to see end punctuation; a whole 5 MB line would cost quadratic time
    return _Line(index, text, words, bool(_TERMINAL.search(text[-_TAIL:])), table, indent)


def _mark_line_features(lines: list[_Line]) -> str | None:
    """Mark lines that are furniture by their own features; return a date-line date."""
    published = None
    for line in lines:
        text, lower = line.text, line.text.lower()
        if line.words == 0:
            line.reason = "no words"
        elif line.words > MAX_FEATURE_WORDS:
            continue  # a paragraph: every furniture rule below is for shorter lines
        elif _is_media_label(text) or _is_captioned(line):
            line.reason = "caption or credit label"
        elif _CREDIT.search(text) and line.words <= 20:
            line.reason = "credit"
        elif _is_date_line(line):
            line.reason = "date line"
            published = published or find_date(text)
        elif _EMPTY_SLOT.search(text) and line.words <= MAX_HEADING_WORDS:
            line.reason = "template with empty value"
        elif text.endswith(":") and line.words <= 4:
            line.reason = "label without value"
        elif _PROMO.search(text) and _CALL_TO_ACTION.search(text) and line.words <= 45:
            line.reason = "promotion or consent prompt"
        elif line.table:
            continue
        elif line.words <= 2 and not line.terminal:
            line.reason = "too short for content"
        elif line.words <= 5 and not line.terminal and _UI.search(lower):
            line.reason = "interface label"
        elif " | " in text and line.words <= 12:
            line.reason = "navigation or credit"
    return published


def _mark_captions_beside_credits(lines: list[_Line]) -> None:
    """A short line directly above a credit (no blank line between) is its picture's caption."""
    for line, below in itertools.pairwise(lines):
        if (
            line.reason is None
            and line.words <= MAX_HEADING_WORDS
            and below.index == line.index + 1
            and below.reason in _CREDIT_REASONS
            and below.words <= 8
        ):
            line.reason = "caption above a credit"


def _is_media_label(text: str) -> bool:
    match = _LABEL.match(text)
    if not match or len(_WORD.findall(text)) > MAX_CAPTION_WORDS:
        return False
    label = (match.group(1) or match.group(2)).lower()
    first = label.split()[0]
    return (
        first in _MEDIA_WORDS
        or first.endswith(_MEDIA_ENDINGS)
        or (first.startswith(_MEDIA_PREFIXES) and first.endswith(_CREDIT_ENDINGS))
    )


def _is_captioned(line: _Line) -> bool:
    return line.words <= MAX_CAPTION_WORDS and _TRAILING_CREDIT.search(line.text) is not None


def _is_date_line(line: _Line) -> bool:
    """A short line of date words and numbers only ("Stand: 24.10.2024 12:03 Uhr").

    It needs a full date, or a date label with a number ("Updated 3 hours ago"). A line
    that starts with a date label and has a number is one whatever follows (a source list).
    """
    if line.words > 20:
        return False
    has_digit = re.search(r"\d", line.text) is not None
    if has_digit and _DATE_LINE_START.match(line.text):
        return True  # "Aktualisiert am 24. Oktober 2024, 12:03 Uhr Quelle: ZEIT ONLINE, dpa"
    if line.words > 12 or not (
        find_date(line.text) or (has_digit and _DATE_LABELS.search(line.text))
    ):
        return False
    rest = _DATE_WORDS.sub(" ", re.sub(r"\d+|[^\w\s]", " ", line.text))
    months = sum(1 for word in rest.split() if _is_month(word))
    return len(rest.split()) - months <= 1


def _is_month(word: str) -> bool:
    return find_date(f"1 {word} 2000") is not None


def _mark_bylines(lines: list[_Line]) -> str | None:
    author = None
    for line in lines:
        if line.reason is None and line.words <= 10 and (match := _BYLINE.match(line.text)):
            line.reason = "byline"
            author = author or match.group(1)
    return author


def _mark_related_lists(lines: list[_Line]) -> None:
    """A related-links heading and the teaser lines under it, up to the next paragraph."""
    in_list = False
    for line in lines:
        if line.words <= 8 and _RELATED.match(line.text):
            line.reason, in_list = "related links", True
        elif in_list and (line.reason or not line.is_paragraph):
            line.reason = line.reason or "related links"
        else:
            in_list = False


def _mark_repeats(lines: list[_Line]) -> None:
    seen: set[str] = set()
    for line in lines:
        key = line.text.casefold()
        if key in seen and line.reason is None:
            line.reason = "repeated line"
        seen.add(key)


def _find_title(lines: list[_Line]) -> str | None:
    """Title: a headline repeated before the first paragraph, else the longest headline there.

    Lines before the title are page furniture (breadcrumbs, toplines, player labels);
    short lines between title and lead are bylines or datelines.
    """
    first_paragraph = next((i for i, line in enumerate(lines) if line.is_paragraph), None)
    if first_paragraph is None:
        return None
    head = lines[:first_paragraph]
    counts: dict[str, int] = {}
    for line in head:
        key = line.text.casefold()
        counts[key] = counts.get(key, 0) + 1
    candidates = [
        i
        for i, line in enumerate(head)
        if 3 <= line.words <= MAX_HEADING_WORDS
        and not line.text.endswith(".")
        and (line.reason is None or line.reason == "repeated line")
    ]
    if not candidates:
        return None
    repeated = [i for i in candidates if counts[head[i].text.casefold()] > 1]
    chosen = repeated[0] if repeated else max(candidates, key=lambda i: (head[i].words, i))
    for line in head[:chosen]:
        if not line.table:
            line.reason = line.reason or "before the title"
    for line in head[chosen + 1 :]:
        if line.reason is None and line.words <= 5 and not line.terminal:
            line.reason = "byline or dateline"
    return head[chosen].text


def _mark_tail(lines: list[_Line]) -> str | None:
    """After the last paragraph: drop headings with nothing under them and outlet footers.

    Returns the outlet a footer names ("Das ist … bei BR24." -> "BR24"), else the one of
    the last copyright line there ("© DER SPIEGEL 2024"). Copyright marks higher up are
    picture credits ("© dpa"), not the outlet.
    """
    last_paragraph = max((i for i, line in enumerate(lines) if line.is_paragraph), default=None)
    if last_paragraph is None:
        return None
    outlet = None
    dropped_text = "\n".join(line.text for line in lines if line.reason)
    for line in lines[last_paragraph + 1 :]:
        footer = _FOOTER_OUTLET.search(line.text)
        if (
            line.terminal
            and footer
            and line.words <= 12
            and _is_brand(footer.group(1), dropped_text)
        ):
            line.reason = line.reason or "outlet footer"
            outlet = outlet or footer.group(1).rstrip(".")
        if line.reason is None and not (line.terminal or line.table or line.is_long):
            line.reason = "heading without text after it"
    return outlet or _copyright_outlet(lines[last_paragraph + 1 :])


def _is_brand(name: str, dropped_text: str) -> bool:
    """A footer's name is the outlet when it looks like a brand or recurs in page furniture.

    Brands: "BR24", "ZDFheute", "tagesschau.de", "SPIEGEL" (digits, inner or repeated
    capitals, a domain). An ordinary word ("bei Siemens.") only counts when a dropped line
    (a newsletter prompt, a credit) names it too.
    """
    looks_like_brand = bool(re.search(r"\d|\.\w|[A-ZÄÖÜ].*[A-ZÄÖÜ]", name))
    return looks_like_brand or re.search(rf"\b{re.escape(name)}\b", dropped_text) is not None


def _copyright_outlet(tail: list[_Line]) -> str | None:
    for line in reversed(tail):
        if line.reason == "credit" and (match := _COPYRIGHT_OUTLET.search(line.text)):
            return match.group(1).strip()
    return None


def score_lines(raw: str, content: set[str]) -> tuple[float, float]:
    """Line-level precision and recall of :func:`clean_text` against labelled content lines.

    ``content`` holds the whitespace-normalised lines a reader meant to copy; every other
    non-blank line is boilerplate. A content line counts once: its later copies (a
    repeated headline) are boilerplate too. Precision is the share of kept lines that are
    content; recall the share of content lines kept (1.0 when there is nothing to keep).
    """
    expected: set[int] = set()
    seen: set[str] = set()
    for index, text in enumerate(normalise_text(raw).split("\n")):
        line = " ".join(text.split())
        if line in content and line not in seen:
            expected.add(index)
        seen.add(line)
    kept = set(clean_text(raw).kept)
    hits = len(kept & expected)
    precision = hits / len(kept) if kept else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall
