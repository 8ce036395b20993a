"""Layering and start-up speed: the domain needs neither Textual nor SQLAlchemy, storage never
needs Textual or the screens, and the first screen paints before SQLAlchemy is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DOMAIN_AREAS = sorted(path.parent.name for path in (ROOT / "housing_tui").glob("*/__init__.py"))
"""The domain's areas: every sub-package of housing_tui (the shell is its top-level modules)."""


def _modules(package: str) -> list[str]:
    """Every module in `package` and its sub-packages (new modules are checked without being
    listed)."""
    folder = ROOT.joinpath(*package.split("."))
    return sorted(
        ".".join((package, *path.relative_to(folder).with_suffix("").parts))
        for path in folder.rglob("*.py")
        if path.name != "__init__.py"
    )


DOMAIN_MODULES = [module for area in DOMAIN_AREAS for module in _modules(f"housing_tui.{area}")]
STORAGE_MODULES = [module for module in _modules("storage") if ".migrations." not in module]


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
    # The first frame paints before SQLAlchemy loads: storage opens in a worker afterwards.
    leaked = _imported_after(["housing_tui.app"], ["sqlmodel", "sqlalchemy", "alembic"])
    assert leaked == {}


def test_the_command_line_does_not_import_the_app_or_the_database_to_parse_arguments() -> None:
    leaked = _imported_after(["housing_tui.cli"], ["textual", "sqlmodel", "sqlalchemy", "screens"])
    assert leaked == {}


# --- the source says the same: the contracts in pyproject.toml -------------------------------


def test_the_import_contracts_hold() -> None:
    """`lint-imports` checks every import statement, also those inside functions: the shell
    above the screens above storage above the domain, a domain without Textual or SQL, and no
    cycle inside storage."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    completed = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 broken" in completed.stdout


def test_the_domain_areas_are_found() -> None:
    """The checks above are not vacuous: they see the domain in its areas."""
    assert {"casework", "money", "calendar", "reference"} <= set(DOMAIN_AREAS)
    assert "housing_tui.casework.assessment.facts" in DOMAIN_MODULES


def test_a_write_without_the_sync_outbox_is_refused_not_lost(tmp_path: Path) -> None:
    """storage.database does not import the sync package back; sync registers its outbox. A
    program that forgot to load it must not save changes that would never reach the team."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from storage.database import Database\n"
        "from storage.tables import Officer\n"
        "assert not any(m.startswith('storage.sync') for m in sys.modules), 'sync imported'\n"
        f"db = Database.open(Path({str(tmp_path / 'housing.sqlite3')!r}))\n"
        "try:\n"
        "    with db.writing(None) as session:\n"
        "        session.add(Officer(name='A Officer', initials='AO'))\n"
        "except RuntimeError as error:\n"
        "    print('refused:', error)\n"
        "import storage.sync.capture\n"
        "with db.writing(None) as session:\n"
        "    session.add(Officer(name='A Officer', initials='AO'))\n"
        "print('saved')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[0].startswith("refused: No sync capture"), completed.stdout
    assert completed.stdout.splitlines()[-1] == "saved"
