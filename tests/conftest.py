"""Shared fixtures: a data folder of its own per test, a fixed clock, and a ready officer.

`HOUSING_TUI_TEST_REAL_DATE_SHIFT_DAYS=365` runs the tests with the real clock moved a year on
(time-machine): they must pass all the same, since nothing may depend on the real date.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
from housing_tui.calendar.clock import FixedClock

REAL_DATE_SHIFT = "HOUSING_TUI_TEST_REAL_DATE_SHIFT_DAYS"

TODAY_AT = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
"""Tests run on Monday 23 November 2026 at 10:30 (UK time is UTC in November), whatever the
real date: the one "now" of the whole suite. Everything a test writes is stamped with it."""


@pytest.fixture(autouse=True)
def _no_user_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch a real user's data folder, whatever a test forgets to pass.
    monkeypatch.setenv("HOUSING_TUI_DATA_DIR", str(tmp_path / "default-data"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY_AT)


TEST_PASSPHRASE = "correct horse battery staple"
"""The passphrase of every account the tests make (tests/ui/helpers.py prepare)."""


@pytest.fixture
def passphrase_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run in the test's process read TEST_PASSPHRASE from standard input, as a
    script would give it (housing_tui.startup.signed_in_for_command)."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO((TEST_PASSPHRASE + "\n") * 50))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes two screenshots of the same screen differ: the one-line fields'
    and the note boxes' (a CI run caught a note's cursor mid-blink)."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget, "__init__", _without_blink(widget.__init__))


def _without_blink(original: Callable[..., None]) -> Callable[..., None]:
    def init(self: Any, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        self.cursor_blink = False

    return init


def pytest_configure(config: pytest.Config) -> None:
    if days := os.environ.get(REAL_DATE_SHIFT):
        import time_machine

        # Ticking, so that the real clock still moves on (from a year later) during the run.
        shifted = time_machine.travel(datetime.now(UTC) + timedelta(days=int(days)), tick=True)
        shifted.start()
        config.add_cleanup(shifted.stop)


def pytest_report_header(config: pytest.Config) -> str | None:
    if days := os.environ.get(REAL_DATE_SHIFT):
        return f"real date moved {days} days: {datetime.now(UTC):%Y-%m-%d}"
    return None
