"""The suite passes on any day: the date-sensitive tests (what the case, caseload and due
screens show, when nothing happened on a case since, who changed what when) run again in a
child pytest with the real clock a year on, and must pass exactly as they do today. Tests see
only their fixed clock (tests.conftest.TODAY_AT), so the real date must make no difference."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REAL_DATE_SHIFT

ROOT = Path(__file__).resolve().parents[1]

DATE_SENSITIVE = [
    "tests/snapshots/test_screens.py::test_caseload",
    "tests/snapshots/test_screens.py::test_case",
    "tests/snapshots/test_screens.py::test_case_with_plan",
    "tests/snapshots/test_screens.py::test_due",
    "tests/snapshots/test_screens.py::test_duty_letters",
    "tests/snapshots/test_sync_screens.py::test_case_with_conflicts",
    "tests/ui/test_caseload.py",
    "tests/ui/test_prevention.py",
    "tests/unit/test_due.py",
    "tests/unit/test_interviews_storage.py",
    "tests/unit/test_stamps.py",
]


@pytest.mark.skipif(
    REAL_DATE_SHIFT in os.environ, reason="already running with the real date moved"
)
def test_the_date_sensitive_tests_pass_a_year_from_now(tmp_path: Path) -> None:
    a_year_on = (datetime.now(UTC) + timedelta(days=365)).date()
    # The child is a pytest run of its own, not one more xdist worker of this run: without the
    # worker's variables (which would make the snapshot plugins write into this run's report),
    # and in one process (`-n 0`), since this run already has a worker on every core.
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("PYTEST_XDIST")
    }
    child = subprocess.run(
        [sys.executable, "-m", "pytest", *DATE_SENSITIVE]
        + ["-n", "0", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run")],
        cwd=ROOT,
        env={**environment, REAL_DATE_SHIFT: "365"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = child.stdout + child.stderr
    assert child.returncode == 0, report[-5000:]
    # The run really was a year on (the header is printed by tests.conftest).
    assert f"real date moved 365 days: {a_year_on:%Y-%m-%d}" in report
