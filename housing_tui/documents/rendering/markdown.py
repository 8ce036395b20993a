"""Markdown that reads as plain text: lists, numbered steps, hard line breaks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from housing_tui.documents.rendering.content import KeyDate, PlanStep, long_date


def _one_line(text: str) -> str:
    """Officers' text on one line, so it stays inside its list item."""
    return " ".join(text.split())


def hard_lines(lines: Sequence[str]) -> str:
    """Lines kept as lines: a Markdown hard break (two spaces) is invisible in plain text."""
    return "  \n".join(line.strip() for line in lines if line.strip())


def bullet_list(items: Sequence[str], when_empty: str) -> str:
    kept = [_one_line(item) for item in items if item.strip()]
    if not kept:
        return when_empty
    return "\n".join(f"- {item}" for item in kept)


def numbered_steps(steps: Sequence[PlanStep], when_empty: str) -> str:
    lines: list[str] = []
    for step in steps:
        text = _one_line(step.text).rstrip(".")
        if not text:
            continue
        if step.due_on is not None:
            text += f", by {long_date(step.due_on)}"
        text += "."
        label = _one_line(step.status_label).rstrip(".")
        if label:
            text += f" Progress: {label}."
        lines.append(f"{len(lines) + 1}. {text}")
    return "\n".join(lines) if lines else when_empty


def key_date_list(dates: Sequence[KeyDate]) -> str:
    items = [
        f"{long_date(key.on)}: {_one_line(key.what)}"
        for key in sorted(dates, key=lambda key: key.on)
        if key.what.strip()
    ]
    return bullet_list(items, "No key dates yet.")


def tidy(text: str) -> str:
    """One blank line at most between paragraphs (an empty placeholder leaves a gap), and a
    final newline."""
    text = re.sub(r"(?m)^[ \t]+$", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
