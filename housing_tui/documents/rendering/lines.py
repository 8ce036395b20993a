"""The lists documents print (steps, key dates, the ways to contact us), as lines of text for a
template's `{%p for … %}`: officers' words on one line each, so one item stays one paragraph."""

from __future__ import annotations

from collections.abc import Sequence

from housing_tui.documents.rendering.content import KeyDate, PlanStep, long_date


def one_line(text: str) -> str:
    """Officers' text on one line, so it stays inside its list item."""
    return " ".join(text.split())


def kept_lines(lines: Sequence[str]) -> list[str]:
    """The lines that have text, each trimmed (an address, as on an envelope)."""
    return [line.strip() for line in lines if line.strip()]


def listed(items: Sequence[str], when_empty: str | None = None) -> list[str]:
    """`items` one line each; `[when_empty]` when there are none (and it is given)."""
    kept = [one_line(item) for item in items if item.strip()]
    if not kept and when_empty:
        return [when_empty]
    return kept


def paragraphs(text: str) -> list[str]:
    """Text typed in a box (an officer's reasons), a paragraph a line."""
    return kept_lines(text.splitlines())


def numbered_steps(steps: Sequence[PlanStep], when_empty: str) -> list[str]:
    lines: list[str] = []
    for step in steps:
        text = one_line(step.text).rstrip(".")
        if not text:
            continue
        if step.due_on is not None:
            text += f", by {long_date(step.due_on)}"
        text += "."
        label = one_line(step.status_label).rstrip(".")
        if label:
            text += f" Progress: {label}."
        lines.append(f"{len(lines) + 1}. {text}")
    return lines or [when_empty]


def key_date_list(dates: Sequence[KeyDate]) -> list[str]:
    items = [
        f"{long_date(key.on)}: {one_line(key.what)}"
        for key in sorted(dates, key=lambda key: key.on)
        if key.what.strip()
    ]
    return listed(items, "No key dates yet.")
