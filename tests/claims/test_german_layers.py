"""claims/german/ imports in one direction only, in the order its phases run; modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import quellenlage.claims.german as german

PACKAGE = Path(german.__file__).resolve().parent
#: Lower layers first; a module may import only modules listed before it.
ORDER = [
    "vocabulary",
    "cues",
    "speakers",
    "resolve",
    "units",
    "grammar",
    "state",
    "marks",
    "roles",
    "content",
    "according",
    "frames",
    "claims",
    "headings",
    "document",
]
PREFIX = "quellenlage.claims.german"


def sibling_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == PREFIX:
                found.update(alias.name for alias in node.names)
            elif node.module.startswith(PREFIX + "."):
                found.add(node.module.removeprefix(PREFIX + "."))
    return found


def test_every_module_has_a_layer():
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(ORDER)


@pytest.mark.parametrize("module", ORDER)
def test_module_imports_only_lower_layers(module):
    lower = set(ORDER[: ORDER.index(module)])
    upward = sibling_imports(PACKAGE / f"{module}.py") - lower
    assert not upward, f"{module} imports {sorted(upward)} from its own or a higher layer"


@pytest.mark.parametrize("module", ORDER)
def test_module_is_of_a_size_one_can_hold_in_mind(module):
    lines = (PACKAGE / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 450, f"{module}.py has {lines} lines"
