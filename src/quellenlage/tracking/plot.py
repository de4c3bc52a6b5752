"""Draw a figure's timeline: values over the time they refer to, with bounds and sources."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
from matplotlib.figure import Figure as Canvas  # no pyplot: no GUI backend, no global state

FORMATS = (".png", ".svg", ".pdf")


class PlotError(ValueError):
    """The plot cannot be written; the message names the path and the problem."""


def _when(value: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    start = value.get("refers_start") or value.get("published")
    end = value.get("refers_end") or start
    if not start:
        return None
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def _allowed(value: dict[str, Any]) -> tuple[float, float]:
    v = value["value"]
    if value.get("low") is not None and value.get("high") is not None:
        low, high = value["low"], value["high"]
    elif value.get("bound") in ("more_than", "at_least") or value.get("vague"):
        low, high = v, math.inf
    elif value.get("bound") in ("less_than", "at_most"):
        low, high = 0.0, v
    else:
        low = high = v
    if value.get("approx"):
        low, high = low * 0.9, high * 1.1
    return low, high


def plot_timeline(figure: dict[str, Any], path: str | Path) -> Path:
    """Write the timeline of ``figure`` (as from :func:`queries.timeline`) to a PNG/SVG/PDF."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise PlotError(
            f"{path}: cannot draw into {path.suffix or 'a file without extension'}; "
            f"use {', '.join(FORMATS)}"
        )
    if path.parent and not path.parent.exists():
        raise PlotError(f"{path}: folder {path.parent} does not exist")
    dated = [(v, w) for v in figure["timeline"] if (w := _when(v))]
    if not dated:
        raise PlotError(f"{path}: figure {figure['label']!r} has no dated values to draw")
    disputed = {k for d in figure.get("disagreements", []) for k in (d["first"], d["second"])}
    sources = sorted({v.get("source") or v.get("outlet") or "?" for v, _ in dated})
    palette = [
        c for i, c in enumerate(matplotlib.colormaps["tab10"].colors) if i != 3
    ]  # red marks disputes
    colours = {s: palette[i % len(palette)] for i, s in enumerate(sources)}
    top = max(v["value"] for v, _ in dated)

    fig = Canvas(figsize=(12, 5.5), layout="constrained")
    ax = fig.subplots()
    for index, (value, (start, end)) in enumerate(dated):
        who = value.get("source") or value.get("outlet") or "?"
        colour = colours[who]
        middle = start + (end - start) / 2
        low, high = _allowed(value)
        if end > start:  # a period: draw its extent
            ax.hlines(value["value"], start, end, colors=[colour], linewidth=2, alpha=0.6)
        shown_high = min(high, top * 1.4)
        if shown_high > low:
            ax.vlines(middle, low, shown_high, colors=[colour], linewidth=1.5, alpha=0.7)
        if math.isinf(high):
            ax.annotate(
                "",
                xy=(middle, top * 1.4),
                xytext=(middle, value["value"]),
                arrowprops={"arrowstyle": "->", "color": colour},
            )
        ax.plot(
            middle,
            value["value"],
            marker="o",
            markersize=9,
            markerfacecolor="white" if value.get("projection") else colour,
            markeredgecolor="red" if value["key"] in disputed else colour,
            markeredgewidth=2.5 if value["key"] in disputed else 1.5,
            linestyle="none",
        )
        label = f"{value['text']}\n{who} · {value.get('outlet') or ''}"
        ax.annotate(
            label,
            (middle, value["value"]),
            textcoords="offset points",
            xytext=(6, 6 if index % 2 else -22),
            fontsize=7,
            color="#333333",
        )
    for source, colour in colours.items():
        ax.plot([], [], marker="o", linestyle="none", color=colour, label=source)
    ax.plot(
        [],
        [],
        marker="o",
        linestyle="none",
        markerfacecolor="white",
        markeredgecolor="grey",
        label="planned / expected",
    )
    if disputed:
        ax.plot(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="white",
            markeredgecolor="red",
            markeredgewidth=2.5,
            label="disputed",
        )
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title(
        f"{figure['label']} — {len(figure['timeline'])} values, {figure['sources']} sources"
    )
    ax.set_ylabel(figure.get("unit_class") or "value")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda y, _: f"{y:,.0f}"))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(alpha=0.3)
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    fig.text(
        0.01,
        0.005,
        "Bars: range the wording allows (rund/etwa ±10 %, bounds, periods). "
        "Every value is shown; none is chosen as right.",
        fontsize=7,
        color="grey",
    )
    try:
        fig.savefig(path, dpi=130)
    except OSError as exc:
        raise PlotError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return path
