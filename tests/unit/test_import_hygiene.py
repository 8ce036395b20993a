"""Layering and start-up speed: the domain needs neither Textual nor SQLAlchemy, storage never
needs Textual or the screens, and the first screen paints before SQLAlchemy is imported."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

APP_SHELL = {"app.py"}
"""Files under housing_tui/ that are the Textual app shell and may import Textual."""
_NOT_DOMAIN = APP_SHELL | {"cli.py", "__init__.py", "__main__.py"}
"""The command line is checked on its own below: it must stay light to parse arguments."""


def _modules(package: str, *, skip: set[str] = frozenset()) -> list[str]:
    """Every module directly in `package` (new modules are checked without being listed)."""
    return sorted(
        f"{package}.{path.stem}"
        for path in (ROOT / package).glob("*.py")
        if path.name not in skip and path.name != "__init__.py"
    )


DOMAIN_MODULES = _modules("housing_tui", skip=_NOT_DOMAIN)
STORAGE_MODULES = _modules("storage")


def _imported_after(modules: list[str], watched: list[str]) -> dict[str, list[str]]:
    """In a fresh interpreter, import `modules` and report which `watched` top-level packages
    (or any of their submodules) ended up in sys.modules."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"watched = {watched!r}\n"
        "found = {w: sorted(m for m in sys.modules if m == w or m.startswith(w + '.'))"
        " for w in watched}\n"
        "print(json.dumps({w: ms for w, ms in found.items() if ms}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_domain_modules_import_neither_textual_nor_the_database() -> None:
    leaked = _imported_after(DOMAIN_MODULES, ["textual", "sqlmodel", "sqlalchemy", "storage"])
    assert leaked == {}


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_each_domain_module_alone_is_light(module: str) -> None:
    assert _imported_after([module], ["textual", "sqlmodel", "sqlalchemy"]) == {}


def test_storage_modules_import_neither_textual_nor_the_screens() -> None:
    assert _imported_after(STORAGE_MODULES, ["textual", "screens"]) == {}


def test_cheap_storage_modules_do_not_import_sqlalchemy() -> None:
    # storage.rows and storage.errors are imported by screens before the database is open.
    assert (
        _imported_after(
            ["storage", "storage.rows", "storage.errors"], ["sqlmodel", "sqlalchemy", "alembic"]
        )
        == {}
    )


def test_the_app_shell_does_not_import_the_database_at_start_up() -> None:
    leaked = _imported_after(["housing_tui.app"], ["sqlmodel", "sqlalchemy", "alembic"])
    assert leaked == {}


def test_the_command_line_does_not_import_the_app_or_the_database_to_parse_arguments() -> None:
    leaked = _imported_after(["housing_tui.cli"], ["textual", "sqlmodel", "sqlalchemy", "screens"])
    assert leaked == {}


# --- the source says the same --------------------------------------------------------------------


def _imports(path: Path) -> list[str]:
    """Every module named by an import statement anywhere in the file (also inside functions)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _top_level(name: str) -> str:
    return name.split(".")[0]


def _sources(package: str, *, skip: set[str] = frozenset()) -> list[Path]:
    files = sorted(
        path
        for path in (ROOT / package).rglob("*.py")
        if path.relative_to(ROOT / package).as_posix() not in skip
    )
    assert files, f"no sources found under {package}/"
    return files


def test_no_textual_import_in_the_domain_outside_the_app_shell() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): name
        for path in _sources("housing_tui", skip=APP_SHELL)
        for name in _imports(path)
        if _top_level(name) in ("textual", "screens")
    }
    assert offenders == {}


def test_no_textual_import_in_storage() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): name
        for path in _sources("storage")
        for name in _imports(path)
        if _top_level(name) in ("textual", "screens")
    }
    assert offenders == {}


def test_the_import_scan_sees_textual_in_the_app_shell() -> None:
    """The scan is not vacuous: it finds the imports that app.py really has."""
    assert "textual" in {_top_level(name) for name in _imports(ROOT / "housing_tui" / "app.py")}
