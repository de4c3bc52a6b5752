"""docs/cli.md documents every command, option and exit code, and is not stale."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

app_module = importlib.import_module("quellenlage.cli.app")  # the module, not the Typer app

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "cli.md"
CLI = ROOT / "src" / "quellenlage" / "cli"
sys.path.insert(0, str(ROOT / "docs"))
from cli_reference import commands  # noqa: E402


def _sections() -> dict[str, str]:
    """The text of each ``### `quellenlage …` `` section of docs/cli.md, by command."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^### `(quellenlage[^`]*)`$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_generated_reference_is_current():
    cog = Path(sys.executable).with_name("cog")
    result = subprocess.run(
        [str(cog), "--check", "-I", str(ROOT / "docs"), str(DOCS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"docs/cli.md is stale: run `make docs`\n{result.stdout}"


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in commands()])
def test_every_command_and_option_is_documented(path):
    sections = _sections()
    name = f"quellenlage {path}"
    assert name in sections, f"{name} is not in docs/cli.md: run `make docs`"
    command = dict((" ".join(p), c) for p, c in commands())[path]
    for param in command.params:
        if param.param_type_name == "option":
            for opt in (*param.opts, *param.secondary_opts):
                assert f"`{opt}`" in sections[name], f"{name} {opt} is not documented"
    assert (command.help or "").split("\n")[0].strip() in sections[name]


def _exit_codes_used() -> set[int]:
    """Exit codes the CLI sources raise, as literals or as the EXIT_* constants."""
    names = {
        n: v for n, v in vars(app_module).items() if n.startswith("EXIT_") and n != "EXIT_CODES"
    }
    used = set(names.values())
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Exit":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, int):
                        used.add(arg.value)
                    elif isinstance(arg, ast.Name) and arg.id in names:
                        used.add(names[arg.id])
    return used


def test_every_exit_code_is_documented():
    documented = set(app_module.EXIT_CODES)
    assert _exit_codes_used() <= documented, "add the exit code to EXIT_CODES in cli/app.py"
    table = DOCS.read_text(encoding="utf-8").split("## Commands")[0]
    for code in documented:
        assert f"| `{code}` |" in table
