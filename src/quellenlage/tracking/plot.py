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

from quellenlage.tracking.repeats import allowed, merge_repeats

FORMATS = (".png", ".svg", ".pdf")


class PlotError(ValueError):
    """The plot cannot be written; the message names the path and the problem."""


def _when(value: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    start = value.get("refers_start") or value.get("published")
    end = value.get("refers_end") or start
    if not start:
        return None
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


#: Marker shapes combined with the colours, so that more than ten sources stay distinct.
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "<", ">", "*", "p")
#: At most this many characters of a value's wording in the list beside the plot.
_TEXT_WIDTH = 38


def _styles(sources: list[str]) -> dict[str, tuple[Any, str]]:
    """A distinct (colour, marker) per source: nine colours (red marks disputes) × shapes."""
    palette = [c for i, c in enumerate(matplotlib.colormaps["tab10"].colors) if i != 3]
    return {
        s: (palette[i % len(palette)], _MARKERS[(i // len(palette)) % len(_MARKERS)])
        for i, s in enumerate(sources)
    }


def _entry(number: int, value: dict[str, Any], who: str, places: list[Any]) -> str:
    text = " ".join(str(value.get("text") or value["value"]).split())
    if len(text) > _TEXT_WIDTH:
        text = text[: _TEXT_WIDTH - 1] + "…"
    when = value.get("refers_start") or value.get("published") or "?"
    repeat = f" (×{len(places)} in report)" if len(places) > 1 else ""
    kind = value.get("value_kind")
    mark = f" [{kind}]" if kind in ("delta", "previous", "range") else ""
    return f"{number:>2}. {text}{mark}{repeat}\n     {who} · {value.get('outlet') or ''} · {when}"


def plot_timeline(figure: dict[str, Any], path: str | Path) -> Path:
    """Write the timeline of ``figure`` (as from :func:`queries.timeline`) to a PNG/SVG/PDF.

    Points are numbered in time order and explained in a list beside the plot, so that
    labels never overlap however many values there are; each source has its own colour
    and marker. The axes speak the labels' language (English, like every figure label).
    """
    from quellenlage.tracking.labels import thing_label

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise PlotError(
            f"{path}: cannot draw into {path.suffix or 'a file without extension'}; "
            f"use {', '.join(FORMATS)}"
        )
    if path.parent and not path.parent.exists():
        raise PlotError(f"{path}: folder {path.parent} does not exist")
    points = [(v, w, v["places"]) for v in merge_repeats(figure["timeline"]) if (w := _when(v))]
    if not points:
        raise PlotError(f"{path}: figure {figure['label']!r} has no dated values to draw")
    disputed = {k for d in figure.get("disagreements", []) for k in (d["first"], d["second"])}
    sources = sorted({v.get("source") or v.get("outlet") or "?" for v, _, _ in points})
    styles = _styles(sources)
    top = max(v["value"] for v, _, _ in points)

    fig = Canvas(figsize=(14, 6.5), layout="constrained")
    ax, side = fig.subplots(1, 2, width_ratios=(2.2, 1))
    side.axis("off")
    entries = []
    labels_at: dict[tuple[dt.date, float], list[str]] = {}
    for number, (value, (start, end), places) in enumerate(points, start=1):
        who = value.get("source") or value.get("outlet") or "?"
        colour, marker = styles[who]
        middle = start + (end - start) / 2
        low, high = allowed(value)
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
            marker=marker,
            markersize=9,
            markerfacecolor="white" if value.get("projection") else colour,
            markeredgecolor="red" if value["key"] in disputed else colour,
            markeredgewidth=2.5 if value["key"] in disputed else 1.5,
            linestyle="none",
        )
        labels_at.setdefault((middle, value["value"]), []).append(str(number))
        entries.append(_entry(number, value, who, places))
    for (x, y), numbers in labels_at.items():  # one label per spot: "3, 4" when values coincide
        ax.annotate(
            ", ".join(numbers),
            (x, y),
            textcoords="offset points",
            xytext=(7, 5),
            fontsize=8,
            fontweight="bold",
            color="#333333",
        )
    size = 7 if len(entries) <= 14 else 6
    side.text(0, 1, "\n".join(entries), va="top", ha="left", fontsize=size, family="monospace")
    for source, (colour, marker) in styles.items():
        ax.plot([], [], marker=marker, linestyle="none", color=colour, label=source)
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
    handles, names = ax.get_legend_handles_labels()  # under the list, never over the data
    side.legend(
        handles, names, fontsize=7, loc="lower left", ncols=1 if len(names) <= 8 else 2,
        frameon=False, title="source", title_fontsize=7,
    )  # fmt: skip
    ax.set_title(f"{figure['label']} — {len(points)} values, {len(sources)} sources", fontsize=10)
    units = [str(v["unit"]) for v, _, _ in points if v.get("unit")]
    ax.set_ylabel(thing_label(figure.get("unit_class"), units) or "value")
    ax.set_xlabel("date the value refers to")
    ax.set_ylim(bottom=0, top=top * 1.5)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda y, _: f"{y:,.0f}"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(alpha=0.3)
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    side.set_title(
        "Bars: range the wording allows (about ±10 %, bounds, periods).\n"
        "A value a report repeats (headline and body) is one point.\n"
        "Every value is shown; none is chosen as right.",
        fontsize=7,
        color="grey",
        loc="left",
    )
    try:
        fig.savefig(path, dpi=130)
    except OSError as exc:
        raise PlotError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return path
