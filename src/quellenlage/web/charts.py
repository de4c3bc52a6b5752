"""Charts drawn as SVG on the server from the values (no plotting library, no JavaScript).

``timeline_svg``: a figure's values over the time they refer to; ranges and bounds as
bars, planned/expected values hollow, disputed values ringed in red, each point a link
to its evidence. ``citation_svg``: who cites whom, sources on a circle, edges by count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from markupsafe import Markup, escape

W, H = 760, 330
LEFT, RIGHT, TOP, BOTTOM = 78, 24, 18, 56


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g} Mio."
    return f"{value:,.0f}".replace(",", ".") if value >= 1000 else f"{value:g}"


def _when(v: dict[str, Any]) -> dt.date | None:
    return _day(v.get("refers_start")) or _day(v.get("published"))


def timeline_svg(figure: dict[str, Any]) -> Markup:
    values = figure["timeline"]
    disputed = {k for d in figure["disagreements"] for k in (d["first"], d["second"])}
    dated = [d for v in values if (d := _when(v))]
    undated = any(_when(v) is None for v in values)
    plot_right = W - RIGHT - (60 if undated else 0)
    top = max([max(v["value"], v["high"] or 0) for v in values] or [1]) * 1.15
    y_max = _nice_max(top)
    first, last = (min(dated), max(dated)) if dated else (None, None)
    span = max(1, (last - first).days) if first and last else 1

    def x_of(day: dt.date | None) -> float:
        if day is None:
            return W - RIGHT - 30
        if first == last:
            return (LEFT + plot_right) / 2
        return LEFT + 12 + (day - first).days / span * (plot_right - LEFT - 24)  # type: ignore[operator]

    def y_of(value: float) -> float:
        return H - BOTTOM - min(value, y_max) / y_max * (H - TOP - BOTTOM)

    out = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-label="{escape(figure["label"])}: {len(values)} values over time" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i in range(6):  # horizontal grid and value ticks
        value = y_max * i / 5
        y = y_of(value)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{plot_right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f"{escape(number(value))}</text>")  # fmt: skip
    if first and last:
        months = []
        day = first.replace(day=1)
        while day <= last:
            months.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        step = max(1, math.ceil(len(months) / 8))
        for month in months[::step]:
            x = x_of(max(month, first))
            out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" '
                       f'y2="{H - BOTTOM}"/>')  # fmt: skip
            out.append(f'<text class="tick" x="{x:.1f}" y="{H - BOTTOM + 18}" '
                       f'text-anchor="middle">{month:%Y-%m}</text>')  # fmt: skip
    if undated:
        out.append(f'<text class="tick" x="{W - RIGHT - 30}" y="{H - BOTTOM + 18}" '
                   'text-anchor="middle">undated</text>')  # fmt: skip
    out.append(f'<line class="axis" x1="{LEFT}" x2="{plot_right}" y1="{H - BOTTOM}" '
               f'y2="{H - BOTTOM}"/>')  # fmt: skip
    out.append(f'<text class="tick" x="{LEFT}" y="{H - 12}">time the value refers to '
               "(else the report's date)</text>")  # fmt: skip
    seen: Counter[tuple[dt.date | None, float]] = Counter()
    for v in values:
        day = _when(v)
        nudge = seen[(day, v["value"])]
        seen[(day, v["value"])] += 1
        x = x_of(day) + 9 * nudge
        out.append(_point(v, x, y_of, v["key"] in disputed))
    out.append("</svg>")
    return Markup("".join(out))


def _point(v: dict[str, Any], x: float, y_of: Any, disputed: bool) -> str:
    y = y_of(v["value"])
    parts = []
    low, high, bound = v["low"], v["high"], v["bound"]
    if low is not None and high is not None and high > low:
        y1, y2 = y_of(high), y_of(low)
        parts.append(f'<rect class="bound" x="{x - 4:.1f}" y="{y1:.1f}" width="8" '
                     f'height="{max(1, y2 - y1):.1f}"/>')  # fmt: skip
    elif bound in ("more_than", "at_least") or v.get("vague"):
        parts.append(f'<line class="bound-line" x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" '
                     f'y2="{y - 26:.1f}"/><path class="bound-head" d="M{x - 5:.1f},{y - 22:.1f} '
                     f'L{x:.1f},{y - 30:.1f} L{x + 5:.1f},{y - 22:.1f}"/>')  # fmt: skip
    elif bound in ("less_than", "at_most"):
        parts.append(f'<line class="bound-line" x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" '
                     f'y2="{y + 26:.1f}"/><path class="bound-head" d="M{x - 5:.1f},{y + 22:.1f} '
                     f'L{x:.1f},{y + 30:.1f} L{x + 5:.1f},{y + 22:.1f}"/>')  # fmt: skip
    classes = ["point"]
    if v["projection"]:
        classes.append("planned")
    if disputed:
        classes.append("disputed")
        parts.append(f'<circle class="ring" cx="{x:.1f}" cy="{y:.1f}" r="10"/>')
    parts.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="6"/>')
    who = " ← ".join([v["source"] or f"({v['outlet'] or 'outlet'})", *v["chain"]])
    when = v["refers_start"] or f"report of {v['published'] or '?'}"
    title = f"#{v['position']} {v['text']} — {who} — {when}"
    if v["projection"]:
        title += " (planned/expected)"
    if disputed:
        title += " (disputed)"
    evidence = v["evidence"]
    href = f"/documents/{evidence['document_id']}"
    if evidence["claim_id"] is not None:
        href += f"#c{evidence['claim_id']}"
    return (
        f'<a href="{escape(href)}" class="{" ".join(classes)}" data-key="{escape(v["key"])}" '
        f'data-value="{v["value"]:g}" data-position="{v["position"]}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</a>"
    )


def citation_svg(edges: list[dict[str, Any]], top: int = 24) -> Markup:
    """Who cites whom: the most connected sources on a circle, one arrow per citation pair."""
    weight: Counter[str] = Counter()
    for e in edges:
        weight[e["source"]] += e["count"]
        weight[e["cited"]] += e["count"]
    names = [name for name, _ in weight.most_common(top)]
    if not names:
        return Markup('<p class="muted">No citations recorded yet.</p>')
    size, radius = 640, 230
    centre = size / 2
    where = {}
    for i, name in enumerate(names):
        angle = 2 * math.pi * i / len(names) - math.pi / 2
        where[name] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    out = [
        f'<svg class="graph" viewBox="0 0 {size} {size}" width="100%" role="img" '
        'aria-label="citation graph" xmlns="http://www.w3.org/2000/svg">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/>'
        "</marker></defs>"
    ]
    for e in edges:
        if e["source"] in where and e["cited"] in where:
            (x1, y1), (x2, y2) = where[e["source"]], where[e["cited"]]
            width = min(6.0, 1 + math.log2(e["count"]))
            out.append(
                f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke-width="{width:.1f}" marker-end="url(#arrow)"><title>'
                f"{escape(e['source'])} cites {escape(e['cited'])} ({e['count']}×)</title></line>"
            )
    for name, (x, y) in where.items():
        anchor = "start" if x >= centre else "end"
        dx = 8 if x >= centre else -8
        out.append(
            f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
            f'<text class="label" x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(name[:40])}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))
