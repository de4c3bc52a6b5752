"""Every table and block the CLI prints, in one place, and the cleaning of text for a terminal.

Text that comes from documents (titles, claims, sources, origins) goes
through :func:`text`: control characters are removed (an ``ESC[31m`` in a
page must not recolour the terminal) and Rich markup is escaped.
"""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape
from rich.table import Table

from quellenlage.records import Claim, Document

# ANSI escape sequences first (CSI ``ESC [ … final``, OSC ``ESC ] … BEL/ST``, two-character
# escapes), then any other C0/C1 control character except tab and newline.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str | None) -> str:
    """``value`` without terminal control sequences or control characters."""
    if not value:
        return ""
    return _CONTROL.sub("", _ANSI.sub("", value))


def text(value: str | None) -> str:
    """Document text made safe for the terminal and for Rich markup."""
    return escape(clean(value))


def ingest_table(items: list[Any]) -> Table:
    table = Table(title="Ingested", show_lines=False)
    for column in ("id", "status", "language", "title", "origin"):
        table.add_column(column, overflow="fold")
    for item in items:
        status = item.status
        if item.duplicate_of:
            status += f" of {item.duplicate_of}"
        table.add_row(
            str(item.document_id or ""),
            status,
            item.language or "?",
            text(item.title),
            text(item.origin),
        )
    return table


def documents_table(rows: list[dict[str, Any]], db: str) -> Table:
    table = Table(title=f"Documents in {escape(db)}")
    for column in ("id", "published", "outlet", "lang", "title", "dup of"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            text(r["published"]) or "unknown",
            text(r["outlet"]) or "unknown",
            text(r["language"]) or "?",
            text(r["title"]),
            str(r["duplicate_of"] or ""),
        )
    return table


def document_table(doc: Document, meta: dict[str, dict[str, Any]]) -> Table:
    table = Table(show_header=True, title=f"Document {doc.id}")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from")
    for name, value in meta.items():
        table.add_row(name, text(value["value"]) or "unknown", value["source"])
    table.add_row("origin", text(doc.origin), "")
    if doc.duplicate_of:
        table.add_row("duplicate of", str(doc.duplicate_of), doc.duplicate_kind or "")
    return table


def failures_table(rows: list[Any]) -> Table:
    table = Table(title="Failed inputs")
    for column in ("input", "error", "last tried", "attempts"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            text(r.origin),
            text(r.error),
            r.last_failed_at.isoformat(timespec="seconds"),
            str(r.attempts),
        )
    return table


def _quantity_label(q) -> str:
    value = f"{q.low:,.10g}–{q.high:,.10g}" if q.bound == "range" else f"{q.value:,.10g}"
    marks = [
        m for m in (q.bound if q.bound != "range" else None, "approx" if q.approx else None) if m
    ]
    return f"{q.text} = {value}{' ' + q.unit if q.unit else ''}" + (
        f" ({', '.join(marks)})" if marks else ""
    )


def _time_label(t) -> str:
    same = t.start == t.end
    target = (t.start or "?") if same else f"{t.start or '…'} – {t.end or '…'}"
    return f"{t.text} = {t.relation} {target}" + ("" if t.resolved else " (unresolved)")


def claim_blocks(claims: list[Claim]) -> list[str]:
    """One compact block per claim (lines of Rich markup): it reads in any terminal width."""
    lines = []
    for number, c in enumerate(claims, 1):
        head = f"[bold]{number}[/] [cyan]{c.mode}[/] · {c.certainty}"
        if c.hedges:
            head += f" ({text(', '.join(c.hedges))})"
        if c.source:
            head += f" · source: [bold]{text(c.source.text)}[/]"
            if c.source.resolved:
                head += f" = {text(c.source.resolved)}"
            if c.link not in (None, "same_sentence"):  # how it was linked: "previous sentence"
                head += f" ({c.link.replace('_', ' ')})"
            elif c.inherited:
                head += " (carried over)"
        if c.chain:
            head += " → " + text(" → ".join(s.name for s in c.chain))
        if c.cue:
            head += f" · cue: {text(c.cue.text)}"
        lines.append(head)
        lines.append(f"    {text(c.text)}")
        lines.extend(f"    [green]figure[/] {text(_quantity_label(q))}" for q in c.quantities)
        lines.extend(f"    [magenta]time[/] {text(_time_label(t))}" for t in c.times)
    lines.append(f"{len(claims)} claims")
    return lines


def claims_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} claims", show_lines=False)
    for column in ("id", "doc", "published", "source", "mode", "certainty", "claim"):
        table.add_column(column, overflow="fold")
    for r in rows:
        who = r["source"] or r["source_mention"] or f"({r['outlet'] or 'outlet'})"
        if r["chain"]:
            who += " ← " + " ← ".join(r["chain"])
        table.add_row(
            str(r["id"]),
            str(r["document_id"]),
            (r["published"] or "")[:10],
            text(who),
            r["mode"],
            r["certainty"],
            text(r["text"]),
        )
    return table


def figures_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} figures")
    for column in ("id", "figure", "values", "sources", "reports", "from", "to", "disputed"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            text(r["label"]),
            str(r["values"]),
            str(r["sources"]),
            str(r["documents"]),
            r["first_date"] or "?",
            r["last_date"] or "?",
            "[red]yes[/]" if r["disputed"] else "",
        )
    return table


def timeline_table(figure: dict[str, Any]) -> Table:
    disputed = {k for d in figure["disagreements"] for k in (d["first"], d["second"])}
    table = Table(
        title=f"{text(figure['label'])}  [dim](figure {figure['id']}, key {figure['key']})[/]"
    )
    for column in ("#", "refers to", "value", "source ← cited", "report", "how", "link"):
        table.add_column(column, overflow="fold")
    for v in figure["timeline"]:
        when = v["refers_start"] or "?"
        if v["refers_end"] and v["refers_end"] != v["refers_start"]:
            when += f" – {v['refers_end']}"
        if v["from_report_date"]:
            when += " (report date)"
        elif v["relation"] != "at":
            when = f"{v['relation']} {when}"
        who = " ← ".join([v["source"] or f"({v['outlet'] or 'outlet'})", *v["chain"]])
        value = text(v["text"]) + (" [dim](planned/expected)[/]" if v["projection"] else "")
        places = v.get("places") or []
        if len(places) > 1:  # headline and body of one report: one value, both places
            at = ", ".join(f"#{p['position']}" for p in places)
            value += f" [dim](×{len(places)} in report: {at})[/]"
        if v["key"] in disputed or any(p["key"] in disputed for p in places):
            value = f"[red]{value}[/]"
        table.add_row(
            str(v["position"]),
            when,
            value,
            text(who),
            text(f"{v['outlet'] or '?'} {v['published'] or ''} doc {v['evidence']['document_id']}"),
            f"{v['mode']}, {v['certainty']}",
            f"{v['score']:.2f}" + (" [bold]manual[/]" if v["manual"] else ""),
        )
    return table


def sources_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} sources")
    for column in ("name", "kind", "mentions", "claims", "cites", "written as"):
        table.add_column(column, overflow="fold")
    for r in rows:
        cites = ", ".join(f"{c['name']} ({c['count']})" for c in r["cites"])
        table.add_row(
            text(r["name"]),
            r["kind"],
            str(r["mentions"]),
            str(r["claims"]),
            text(cites),
            text("; ".join(r["variants"][:4])),
        )
    return table


def scores_table(result: Any, groups: tuple[str, ...]) -> Table:
    table = Table(title=f"Wikinews attribution ({result.documents} documents)")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for group in groups:
        score = result.scores[group]
        table.add_row(group, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    return table


def polnear_table(result: Any) -> Table:
    """The PolNeAR scores (``research.polnear.PolnearResult``): content, source, cue, joint."""
    table = Table(title=f"PolNeAR attribution ({result.articles} articles)")
    for column in ("", "precision", "recall", "F1 / accuracy"):
        table.add_column(column, justify="right" if column else "left")
    for name, score in (("content", result.content), ("joint", result.joint_scores)):
        table.add_row(
            name, f"{score['precision']:.3f}", f"{score['recall']:.3f}", f"{score['f1']:.3f}"
        )
    table.add_row("source (of matched)", "", "", f"{result.source_accuracy:.3f}")
    table.add_row("cue (of matched)", "", "", f"{result.cue_accuracy:.3f}")
    return table


def spkatt_table(result: dict[str, Any]) -> Table:
    """The SpkAtt-2023 scores (``research.spkatt.SpkAttResult.to_dict()``): cue, roles."""
    table = Table(title=f"SpkAtt-2023 attribution ({result['documents']} speeches)")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for name, score in result["scores"].items():
        table.add_row(
            name, f"{score['precision']:.3f}", f"{score['recall']:.3f}", f"{score['f1']:.3f}"
        )
    return table
