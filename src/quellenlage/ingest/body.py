"""Where the article lies in a copied page: the densest run of body paragraphs.

A whole-page copy holds the article as one run of paragraphs, framed by navigation,
teaser lists and footers. Two general signs find that run without knowing the page:

* **indentation**: a browser's copy (or a text dump) indents lines by how deeply they
  nest, and an article's paragraphs sit at one depth (give or take a step); the depths
  holding the most words of paragraph-like lines are the candidates;
* **density**: the run is the stretch of lines with the highest score (maximum sum
  subarray), where paragraph-like lines at the body's depth score their word count and
  every other line costs a little, so short furniture between paragraphs does not cut
  the run, while a teaser list (headline, one short paragraph, headline, ...) or a
  block at another depth does not extend it. The candidate depth with the best run wins.

Lines outside the run are page furniture, except the lines between a title found just
before the run and the run (the lead, summary points); inside the run, lines nested
deeper than the body (boxes, captions) are dropped unless they are paragraphs.

The thresholds below were tuned on the tuning part of the copied pages
(``benchmarks/clean_lines.py`` names the split); they are counts and weights of
general line features, no page's strings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

#: Words of a line that reads as a body paragraph for finding the run.
PARAGRAPH_WORDS = 12
#: Longer lines are paragraphs even without end punctuation (it was lost).
LONG_WORDS = 25
#: Words of a short sentence, which neither extends the run much nor cuts it.
SENTENCE_WORDS = 4
SENTENCE_SCORE = 1.0
#: What a short or dropped line costs inside the run.
LINE_COST = 2.0
#: Share of its words that a teaser-like paragraph (between two headlines) scores.
TEASER_WEIGHT = 0.2
#: Longest paragraph that can be a teaser.
TEASER_WORDS = 45
#: How much deeper than the body a line may be indented and still be read with it.
INDENT_SLACK = 2
#: Most lines between a title and the run for the lines between to count as its lead.
LEAD_LINES = 12
#: Indentations tried as the body's: the article wins over a teaser list by its score.
CANDIDATES = 3


class Line(Protocol):
    index: int
    text: str
    words: int
    terminal: bool
    indent: int
    table: bool
    reason: str | None


def mark_outside_body(lines: Sequence[Line], title: int | None = None) -> None:
    """Give lines outside the article's run, or nested off it, a reason.

    ``title`` is the position of the title line, if one was found: when it stands
    shortly before the run, the lines between (lead, summary points) belong to it.
    """
    depths = candidate_indents(lines)
    if not depths:
        return
    runs = []
    for depth in depths:
        scores = [_score(lines, i, depth) for i in range(len(lines))]
        runs.append((*_best_run(scores), depth))
    _, start, end, depth = max(runs)
    if title is not None and title < start and start - title <= LEAD_LINES:
        start = title
    for i, line in enumerate(lines):
        if line.reason is not None:
            continue
        if i < start or i >= end:
            line.reason = "outside the article body"
        elif line.indent > depth + INDENT_SLACK and not _paragraph(line):
            line.reason = "nested off the article body"


def candidate_indents(lines: Sequence[Line], count: int = CANDIDATES) -> list[int]:
    """The indentations (give or take the slack) holding most words of paragraph lines."""
    exact: Counter[int] = Counter()
    for line in lines:
        if line.reason is None and _paragraph(line):
            exact[line.indent] += line.words
    mass = {
        depth: sum(words for other, words in exact.items() if abs(other - depth) <= INDENT_SLACK)
        for depth in exact
    }
    return sorted(mass, key=lambda depth: (-mass[depth], depth))[:count]


def _paragraph(line: Line) -> bool:
    """Long enough, and ending like a sentence (or too long for anything but a paragraph)."""
    return line.words >= PARAGRAPH_WORDS and (line.terminal or line.words > LONG_WORDS)


def _sentence(line: Line) -> bool:
    """A short sentence ("Gestreikt wird auch bei Siemens.") or a table row: body-like."""
    return line.table or (line.terminal and line.words >= SENTENCE_WORDS)


def _headline(line: Line | None) -> bool:
    return line is None or line.reason is not None or not line.terminal


def _score(lines: Sequence[Line], i: int, depth: int) -> float:
    line = lines[i]
    if line.reason is not None or abs(line.indent - depth) > INDENT_SLACK:
        return -LINE_COST
    if not _paragraph(line):
        return SENTENCE_SCORE if _sentence(line) else -LINE_COST
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    if line.words <= TEASER_WORDS and _headline(before) and _headline(after):
        return TEASER_WEIGHT * line.words
    return float(line.words)


def _best_run(scores: Sequence[float]) -> tuple[float, int, int]:
    """``(score, start, end)`` of the maximum-sum run of ``scores`` (Kadane), end exclusive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, *best_span
