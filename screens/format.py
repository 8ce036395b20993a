"""How dates, ages and codes are shown on screen, and lines that hang under their label."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from rich.table import Table
from rich.text import Text

from housing_tui.calendar.clock import uk_local
from housing_tui.documents.rendering.kinds import DOCUMENT_TITLES, VERSIONED_KINDS
from housing_tui.reference.codes import CaseStatus, PresentingProblem, Urgency

URGENCY_STYLE = {
    Urgency.HOMELESS_TONIGHT: "bold red",
    Urgency.THREATENED: "bold yellow",
    Urgency.LATER: "cyan",
    Urgency.ADVICE_ONLY: "dim",
}


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def ni_number(value: object) -> str:
    """'AB123456C' -> 'AB 12 34 56 C', as printed on the card."""
    text = str(value)
    return f"{text[:2]} {text[2:4]} {text[4:6]} {text[6:8]} {text[8:]}"


def moment(value: datetime | None) -> str:
    return uk_local(value).strftime("%d/%m/%Y %H:%M") if value else "—"


SHORT_URGENCY = {
    Urgency.HOMELESS_TONIGHT: "Homeless tonight",
    Urgency.THREATENED: "Within 56 days",
    Urgency.LATER: "Beyond 56 days",
    Urgency.ADVICE_ONLY: "Advice only",
}
"""For narrow table columns; the full label elsewhere."""


def urgency(code: str, *, short: bool = False) -> Text:
    level = Urgency(code)
    return Text(SHORT_URGENCY[level] if short else level.label, style=URGENCY_STYLE[level])


def document_title(kind: str, version: int) -> str:
    """What a document is called in a list: its title, with its version where it has them."""
    title = DOCUMENT_TITLES.get(kind, kind)
    return f"{title} v{version}" if kind in VERSIONED_KINDS else title


def case_status(code: str) -> str:
    """A case's status in a list of approaches: "open  ", "closed", "main housing duty"."""
    return f"{CaseStatus(code).label.lower():<6}"


def problem(code: str) -> str:
    return PresentingProblem(code).label


def next_action(on: date | None, today: date) -> Text:
    """'Overdue 3d', 'Today', or the date: what an officer scanning a list needs."""
    if on is None:
        return Text("—", style="dim")
    if on < today:
        return Text(f"Overdue {(today - on).days}d", style="bold red")
    if on == today:
        return Text("Today", style="bold yellow")
    return Text(day(on))


def age_in_days(since: datetime, today: date) -> str:
    return f"{(today - uk_local(since).date()).days}d"


DUE_LABELS = {
    "overdue": ("Overdue", "bold red"),
    "due today": ("Today", "bold yellow"),
    "due this week": ("This week", "yellow"),
    "later": ("Later", "dim"),
}
"""A deadline's due status (housing_tui.calendar.deadlines.DueStatus) as a list shows it."""


def due(status: str, on: date | None = None, *, today: date | None = None) -> Text:
    """A deadline's due status; given its date, the short form a narrow column needs: '2d late',
    'Today', 'Fri 11' (a day of the coming week)."""
    label, style = DUE_LABELS[status]
    if on is not None and today is not None:
        if on < today:
            label = f"{(today - on).days}d late"
        elif on > today:
            label = f"{on:%a} {on.day}"
    return Text(label, style=style)


def hanging(rows: Iterable[tuple[str | Text, str | Text]], *, expand: bool = False) -> Table:
    """Two columns, the second wrapping under itself: a label, mark or bullet, then its text
    (`expand`: as wide as the panel)."""
    grid = Table.grid(padding=(0, 1), expand=expand)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for label, text in rows:
        grid.add_row(label, text)
    return grid
