"""The shared rendering module: control characters from documents never reach the terminal."""

from __future__ import annotations

import io

from rich.console import Console

from quellenlage.cli import render

HOSTILE = "\x1b[31mrot\x1b[0m \x1b]0;title\x07und \x07\x00\x9bfrei [bold]x[/]\n\tok"


def test_clean_removes_escape_sequences_and_control_characters():
    assert render.clean(HOSTILE) == "rot und frei [bold]x[/]\n\tok"
    assert render.clean("„Zitat“ – 1.500 Soldaten, Größe") == "„Zitat“ – 1.500 Soldaten, Größe"
    assert render.clean(None) == ""


def _printed(renderable) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(renderable)
    return out.getvalue()


def test_tables_show_document_text_without_control_characters():
    row = {
        "id": 1,
        "document_id": 2,
        "published": "2024-10-24",
        "source": None,
        "source_mention": HOSTILE,
        "outlet": None,
        "chain": [],
        "mode": "direct",
        "certainty": "certain",
        "text": HOSTILE,
    }
    printed = _printed(render.claims_table([row]))
    assert "\x1b" not in printed and "\x07" not in printed and "\x00" not in printed
    assert "rot und frei [bold]x[/]" in printed  # markup in a document is shown, not applied
