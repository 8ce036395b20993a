"""Code lists: a member is defined by its code and label and looked up by its code alone, and
the type checker accepts the lookup (strict, as CI checks the domain)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from housing_tui.money.amounts import Frequency
from housing_tui.reference.codes import Channel, _Coded

ROOT = Path(__file__).resolve().parents[2]


def test_a_code_is_looked_up_by_its_code_and_shows_its_label() -> None:
    assert Channel("drop_in") is Channel.DROP_IN
    assert Channel("drop_in").label == "Drop-in"
    assert Frequency("weekly") == "weekly"


def test_a_code_defined_without_its_label_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="'loft' of Rooms is defined without its label"):

        class Rooms(_Coded):
            LOFT = "loft"


def test_a_lookup_by_code_type_checks(tmp_path: Path) -> None:
    # Before the overloads, mypy read `Frequency("weekly")` as a call missing the label.
    snippet = tmp_path / "lookup.py"
    snippet.write_text(
        "from housing_tui.money.amounts import Frequency\n"
        "from housing_tui.reference.codes import Channel\n"
        "frequency: Frequency = Frequency('weekly')\n"
        "label: str = Channel('drop_in').label\n"
    )
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("mypy")), "--strict", "--no-incremental", str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
