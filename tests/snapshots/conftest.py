"""Snapshot failures that explain themselves: CI keeps only the test output, not the HTML
report, so a mismatch is reported with the rows of text that differ (or, when the text is the
same, the first styles that do)."""

from __future__ import annotations

import difflib
import html
import pickle
import re
from collections import defaultdict
from collections.abc import Callable

import pytest
from pytest_textual_snapshot import node_to_report_path

_TEXT = re.compile(r'<text class="([^"]*)" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_CLASS_PREFIX = re.compile(r"terminal(?:-\d+)?-")


def text_rows(svg: str) -> list[str]:
    """The screen's rows as a person reads them, from a Textual SVG screenshot."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for match in _TEXT.finditer(svg):
        x, y = float(match.group(2)), float(match.group(3))
        rows[y].append((x, html.unescape(re.sub("<[^>]+>", "", match.group(4)))))
    return [
        "".join(text for _, text in sorted(cells)).replace("\xa0", " ").rstrip()
        for _, cells in sorted(rows.items())
    ]


def styled_cells(svg: str) -> list[str]:
    """Each piece of text with its style class, for differences the text alone does not show
    (a highlight, a focused field)."""
    return [
        f"y={match.group(3)} x={match.group(2)} {_CLASS_PREFIX.sub('', match.group(1))}: "
        f"{html.unescape(re.sub('<[^>]+>', '', match.group(4)))!r}"
        for match in _TEXT.finditer(svg)
    ]


def mismatch(expected: str, actual: str, most: int = 40) -> str:
    diff = list(difflib.unified_diff(text_rows(expected), text_rows(actual), lineterm="", n=0))
    if diff:
        return "text rows, expected then actual:\n" + "\n".join(diff[2 : 2 + most])
    cells = (styled_cells(expected), styled_cells(actual))
    diff = list(difflib.unified_diff(*cells, lineterm="", n=0))
    if diff:
        return "same text; styles differ, expected then actual:\n" + "\n".join(diff[2 : 2 + most])
    return "same text and text styles: backgrounds or the cursor differ (see the HTML report)"


@pytest.fixture(autouse=True)
def _patient_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """A save still being written after `PATIENCE` tells the officer so in a notice: on a loaded
    machine even the audit row of opening a case can take that long (a CI run once showed it),
    and a screenshot must not depend on the machine's load. Tests of the notice are in
    tests/ui/test_saving.py."""
    monkeypatch.setattr("screens.saving.PATIENCE", 3600.0)


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool], request: pytest.FixtureRequest):
    """The plugin's `snap_compare`, failing with what differs."""

    def compare(*args: object, **kwargs: object) -> bool:
        if snap_compare(*args, **kwargs):
            return True
        if request.config.getoption("--snapshot-update", default=False):
            return False
        data = pickle.loads(node_to_report_path(request.node).read_bytes())
        expected, actual = data[1], data[2]
        raise AssertionError(f"the screen differs from its snapshot; {mismatch(expected, actual)}")

    return compare
