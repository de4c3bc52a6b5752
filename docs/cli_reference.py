"""Generate the CLI reference in docs/cli.md from the commands themselves (run by cog).

``make docs`` rewrites the generated parts; ``cog --check`` (in ``make lint``
and tests/cli/test_cli_docs.py) fails when they are stale.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import typer

from quellenlage.cli import app
from quellenlage.cli.app import EXIT_CODES


def _is_group(command: Any) -> bool:
    return hasattr(command, "commands")  # Typer ships its own Click: no isinstance


def commands(
    group: Any = None, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command as (its words after ``quellenlage``, the Click command), groups first."""
    group = group or typer.main.get_command(app)
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        yield (*path, name), command
        if _is_group(command):
            yield from commands(command, (*path, name))


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()


def _is_argument(param: Any) -> bool:
    return param.param_type_name == "argument"


def _default(param: Any) -> str:
    if param.required:
        return "required"
    default = param.default
    if default is None or default is False or callable(default) or default in ((), []):
        return ""
    if getattr(param, "is_flag", False) and param.secondary_opts:
        return f"`{param.opts[0] if default else param.secondary_opts[0]}`"
    return f"`{default}`"


def _names(param: Any) -> str:
    if _is_argument(param):
        name = param.metavar or param.name.upper()
        return f"`{name}`" + (" …" if param.nargs == -1 and "..." not in name else "")
    return ", ".join(f"`{n}`" for n in (*param.opts, *param.secondary_opts))


def command_section(path: tuple[str, ...], command: Any) -> str:
    name = " ".join(("quellenlage", *path))
    lines = [f"### `{name}`", "", inspect.cleandoc(command.help or ""), ""]
    if _is_group(command):
        subcommands = ", ".join(f"`{' '.join((*path, sub))}`" for sub in sorted(command.commands))
        return "\n".join([*lines, f"Commands: {subcommands}.", ""])
    words = [name, "[OPTIONS]" if any(not _is_argument(p) for p in command.params) else ""]
    words += [_names(p).strip("`") for p in command.params if _is_argument(p)]
    lines += ["```", " ".join(w for w in words if w), "```", ""]
    params = [p for p in command.params if p.name != "help"]
    if params:
        lines += ["| argument / option | default | meaning |", "|---|---|---|"]
        for param in params:
            help_text = getattr(param, "help", None) or ""
            if getattr(param, "envvar", None):
                help_text += f" Also `${param.envvar}`."
            lines.append(f"| {_names(param)} | {_cell(_default(param))} | {_cell(help_text)} |")
        lines.append("")
    return "\n".join(lines)


def reference() -> str:
    """The generated part of docs/cli.md: the exit codes, then every command."""
    out = ["## Exit codes", "", "| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in sorted(EXIT_CODES.items())]
    out += ["", "## Commands", ""]
    out += [command_section(path, command) for path, command in commands()]
    return "\n".join(out).rstrip() + "\n"
