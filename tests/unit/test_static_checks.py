"""The static checks CI runs with the tests: types (mypy, strict on the domain), lint and
format (ruff). Each runs the tool installed with the test extras on the whole code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name(tool)), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_mypy_finds_no_type_error() -> None:
    # The configuration in pyproject.toml names the packages and the strict domain.
    completed = _run("mypy", "--no-incremental")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff_finds_nothing_to_lint() -> None:
    completed = _run("ruff", "check", "--no-cache", ".")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff_finds_nothing_to_format() -> None:
    completed = _run("ruff", "format", "--check", "--no-cache", ".")
    assert completed.returncode == 0, completed.stdout + completed.stderr
