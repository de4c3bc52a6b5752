"""The layering contracts in .importlinter hold, and they cover every package and CLI module."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import quellenlage

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(quellenlage.__file__).parent
CONTRACTS = ROOT / ".importlinter"
#: What the CLI may import from quellenlage, and its own shared helpers.
CLI_MAY_IMPORT = {"api", "records", "cli", "__main__"}
CLI_SHARED = {"__init__", "app", "common", "render"}


def _contract(name: str) -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(CONTRACTS, encoding="utf-8")
    return config[f"importlinter:contract:{name}"]


def _listed(section: configparser.SectionProxy, key: str) -> set[str]:
    return {line.strip() for line in section[key].splitlines() if line.strip()}


def _top_level_modules() -> set[str]:
    names = set()
    for path in PACKAGE.iterdir():
        if path.is_dir() and (path / "__init__.py").exists():
            names.add(path.name)
        elif path.suffix == ".py" and path.stem != "__init__":
            names.add(path.stem)
    return names


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache", str(CONTRACTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_cli_contract_forbids_every_package_but_api_and_records():
    forbidden = {
        m.removeprefix("quellenlage.")
        for m in _listed(_contract("cli-over-api"), "forbidden_modules")
        if m.startswith("quellenlage.")
    }
    missing = _top_level_modules() - CLI_MAY_IMPORT - forbidden
    assert not missing, f"add to forbidden_modules of cli-over-api in .importlinter: {missing}"


def test_every_cli_command_module_is_in_the_independence_contract():
    listed = {
        m.removeprefix("quellenlage.cli.")
        for m in _listed(_contract("cli-commands-independent"), "modules")
    }
    modules = {p.stem for p in (PACKAGE / "cli").glob("*.py")} - CLI_SHARED
    assert modules == listed, "list every cli/<topic>.py in cli-commands-independent"
