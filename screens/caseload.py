"""The caseload: the officer's open cases (or the team's), filtered, sorted, a page at a time.

Only one page of rows is ever read or drawn, so a caseload of 100,000 opens as fast as one of 10.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Input, Static

from housing_tui.reference.codes import CaseStatus, Urgency
from screens import format as show
from screens.background import in_background
from screens.mine_or_team import MineOrTeam, toggle_binding
from screens.widgets.one_line_input import OneLineInput
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from datetime import date

    from housing_tui.reference.policy import Policy
    from storage.database import Database
    from storage.rows import CaseRow, Page

PAGE_SIZE = 100
SORT_LABELS = {
    "urgency": "urgency",
    "client": "client name",
    "approached": "age of case",
    "next_action": "next action date",
}
# Column key -> the sort it stands for (the other columns are not sortable).
COLUMN_SORTS = {
    "client": "client",
    "age": "approached",
    "urgency": "urgency",
    "next": "next_action",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    least: int
    """The narrowest it is any use: what its longest short value needs."""
    most: int


COLUMNS = [
    Column("ref", "Ref", 8, 8),
    Column("client", "Client", 12, 20),
    Column("age", "Age", 4, 5),
    Column("urgency", "Urgency", 16, 16),
    Column("next", "Next action", 11, 12),
    Column("due", "Due", 9, 9),
    Column("officer", "By", 3, 3),
    Column("problem", "Problem", 12, 30),
]
"""In the order they are shown."""
KEEP_FIRST = ["client", "urgency", "due", "next", "officer", "problem", "ref", "age"]
"""Which columns a narrow terminal keeps, most important first (the last are dropped first);
the room left after every kept column's least width goes to them in the same order."""
CELL_PADDING = 2
"""A DataTable column's padding, one each side."""


def fit_columns(room: int) -> dict[str, int]:
    """Column key -> width, for the kept columns in the order they are shown, in `room` cells."""
    by_key = {column.key: column for column in COLUMNS}
    kept: list[Column] = []
    for key in KEEP_FIRST:
        column = by_key[key]
        if sum(c.least + CELL_PADDING for c in kept) + column.least + CELL_PADDING <= room:
            kept.append(column)
    spare = room - sum(column.least + CELL_PADDING for column in kept)
    widths = {}
    for column in kept:
        widths[column.key] = column.least + min(column.most - column.least, spare)
        spare -= widths[column.key] - column.least
    return {column.key: widths[column.key] for column in COLUMNS if column.key in widths}


def _fitted(text: str, width: int) -> str:
    """A name or problem cut to the column with an ellipsis, so a cut word shows as cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class _FromTheInterview:
    """An open case's urgency and its most pressing deadline's status, both from the
    interview's facts as the case and the due list read them."""

    urgency: str
    due: tuple[str, date] | None
    """Overdue, due today or due this week, and on what day; None when nothing is due so soon."""


def _from_the_interview(
    db: Database, page: Page[CaseRow], *, today: date, policy: Policy
) -> dict[str, _FromTheInterview]:
    """Case id -> its urgency and Due column, for the page's open rows only."""
    from housing_tui.calendar.due import soonest_due
    from housing_tui.casework.case_summary import urgency
    from storage.due import cases_for_due

    open_ids = [row.id for row in page.rows if row.still_open]
    if not open_ids:
        return {}
    found: dict[str, _FromTheInterview] = {}
    for case in cases_for_due(db, officer_id=None, case_ids=open_ids):
        soonest = soonest_due(case, today=today, policy=policy)
        found[case.case_id] = _FromTheInterview(
            urgency(case.facts, today=today, policy=policy).urgency.value,
            (soonest[0], soonest[1].due) if soonest and soonest[0] != "later" else None,
        )
    return found


class CaseloadScreen(MineOrTeam):
    """Home screen: my open cases."""

    TEAM_RIGHT = "team_caseload"

    BINDINGS = [
        Binding(
            "n",
            "app.new_approach",
            "New approach",
            tooltip="Find or create the client",
            id="caseload.new_approach",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter by name, postcode or case ref",
            id="caseload.filter",
        ),
        Binding(
            "s", "next_sort", "Sort", tooltip="Sort by the next column", id="caseload.next_sort"
        ),
        # Not in the footer, so that Quit and Help fit at 80 columns: F1 lists it.
        Binding(
            "r",
            "reverse",
            "Reverse",
            tooltip="Reverse the order",
            show=False,
            id="caseload.reverse",
        ),
        toggle_binding("caseload"),
        Binding(
            "u", "due", "Due", tooltip="Overdue, due today and due this week", id="caseload.due"
        ),
        Binding(
            "p",
            "placements",
            "Placements",
            tooltip="Everyone in temporary accommodation",
            show=False,
            id="caseload.placements",
        ),
        Binding(
            "m",
            "toggle_main_duty",
            "Main duty",
            tooltip="Only the cases owed the main housing duty, or every open case",
            show=False,
            id="caseload.toggle_main_duty",
        ),
        Binding("right_square_bracket", "page(1)", "Next page", show=False, id="caseload.1"),
        Binding(
            "left_square_bracket", "page(-1)", "Previous page", show=False, id="caseload.page(-1)"
        ),
        Binding("escape", "leave_filter", "Back to list", show=False, id="caseload.leave_filter"),
    ]

    @dataclass
    class Shown(Message):
        """A page of the caseload is on screen (tests and the start-up benchmark wait for it)."""

        total: int

    sort: reactive[str] = reactive("urgency")
    descending: reactive[bool] = reactive(False)
    page_start: reactive[int] = reactive(0)
    """How many cases come before the page shown (not `offset`: that is where a widget is)."""
    filter_text: reactive[str] = reactive("")
    main_duty_only: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self._page: Page[CaseRow] | None = None
        self._loaded: tuple[Page[CaseRow], dict[str, _FromTheInterview]] | None = None
        """The page shown, to lay it out again when the terminal is resized."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Lazy(
            OneLineInput(
                placeholder="Filter: name, postcode or case ref  ( / )",
                id="caseload-filter",
                what="the filter",
            )
        )
        yield Static("Opening the case database…", id="caseload-status")
        # Its columns are added with each page, as wide as the terminal allows (_show).
        table: DataTable[object] = RowTable(id="caseload-table", zebra_stripes=True)
        # Mounted just after the first frame: the table has no rows until the database is
        # open anyway, and the first frame is a start-up budget (benchmarks/startup.py).
        yield Lazy(table)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self.load, init=False)
        self.call_after_refresh(self._focus_table)

    def _focus_table(self) -> None:
        tables = self.query(DataTable)
        if tables:
            tables.first().focus()
        else:
            self.call_after_refresh(self._focus_table)

    def show_status(self, text: str) -> None:
        self.query_one("#caseload-status", Static).update(text)

    def load(self, *_: object) -> None:
        if not self.app.ready:  # the first screen: shown while the database opens
            return
        services = self.services
        from storage.cases import CaseloadQuery, caseload_page

        query = CaseloadQuery(
            officer_id=self.officer_shown,
            text=self.filter_text,
            sort=self.sort,
            descending=self.descending,
            offset=self.page_start,
            limit=PAGE_SIZE,
            status=CaseStatus.MAIN_DUTY if self.main_duty_only else None,
        )
        today, policy = services.clock.today(), services.policy

        def work() -> tuple[Page[CaseRow], dict[str, _FromTheInterview]]:
            page = caseload_page(services.db, query)
            return page, _from_the_interview(services.db, page, today=today, policy=policy)

        in_background(self, services.db.in_one_read(work), self._show, group=Work.CASELOAD)

    def watch_team(self) -> None:
        self.page_start = 0
        super().watch_team()

    def watch_main_duty_only(self) -> None:
        self.page_start = 0
        self.load()

    def watch_sort(self) -> None:
        self.load()

    def watch_descending(self) -> None:
        self.load()

    def watch_page_start(self) -> None:
        self.load()

    def _show(self, loaded: tuple[Page[CaseRow], dict[str, _FromTheInterview]]) -> None:
        if not self.query(DataTable):  # the lazily mounted table is not there yet
            self.call_after_refresh(self._show, loaded)
            return
        page, interviewed = loaded
        self._page, self._loaded = page, loaded
        today = self.services.clock.today()
        table = self.query_one(DataTable)
        selected = self._selected_id()
        table.clear(columns=True)
        # Fixed widths: an auto width would follow whichever rows were shown first.
        widths = fit_columns(self.size.width - table.styles.scrollbar_size_vertical)
        labels = {column.key: column.label for column in COLUMNS}
        for key, width in widths.items():
            table.add_column(labels[key], key=key, width=width)
        # A closed case keeps the urgency triage gave it; nothing is due on it.
        read_rows = [
            (row, interviewed.get(row.id, _FromTheInterview(row.urgency, None)))
            for row in page.rows
        ]
        if self.sort == "urgency":
            # The database orders by the urgency triage stored; the interview may since have
            # changed it, so the page is put in the order of the urgency shown (across pages
            # the stored order still holds: see README, known limits).
            read_rows.sort(key=lambda pair: Urgency(pair[1].urgency).rank, reverse=self.descending)
        for row, read in read_rows:
            cells = {
                "ref": row.ref,
                "client": _fitted(row.client_name, widths.get("client", 0)),
                "age": show.age_in_days(row.approached_at, today),
                "urgency": show.urgency(read.urgency, short=True),
                "next": show.next_action(row.next_action_on, today),
                "due": show.due(read.due[0], read.due[1], today=today) if read.due else "",
                "officer": row.officer_initials,
                "problem": _fitted(show.problem(row.presenting_problem), widths.get("problem", 0)),
            }
            table.add_row(*(cells[key] for key in widths), key=row.id)
        if selected and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self.post_message(self.Shown(page.total))
        which = "main housing duty cases" if self.main_duty_only else "open cases"
        whose = f"Team {which}" if self.team else f"My {which}"
        order = f"{SORT_LABELS[self.sort]} {'▼' if self.descending else '▲'}"
        if page.total == 0:
            empty = (
                "none match the filter"
                if self.filter_text
                else "none: m shows every open case"
                if self.main_duty_only
                else "none: press n for a new approach"
            )
            self.show_status(f"{whose}: {empty}")
            return
        first, last = page.offset + 1, page.offset + len(page.rows)
        pages = "" if page.total <= PAGE_SIZE else "   [ ] previous/next page"
        self.show_status(f"{whose}: {first:,}–{last:,} of {page.total:,}, by {order}{pages}")

    def on_resize(self) -> None:
        if self._loaded is not None:
            self._show(self._loaded)

    def _selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(Input.Changed, "#caseload-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.page_start = 0
        self.load()

    @on(Input.Submitted, "#caseload-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#caseload-table")
    def _open_case(self, event: DataTable.RowSelected) -> None:
        from screens.case_detail import CaseScreen

        if event.row_key.value:
            self.app.push_screen(CaseScreen(event.row_key.value))

    @on(DataTable.HeaderSelected, "#caseload-table")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        chosen = COLUMN_SORTS.get(str(event.column_key.value))
        if chosen == self.sort:
            self.descending = not self.descending
        elif chosen:
            self.sort = chosen

    def action_filter(self) -> None:
        self.query_one("#caseload-filter", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one(DataTable).focus()

    def action_next_sort(self) -> None:
        sorts = list(SORT_LABELS)
        self.sort = sorts[(sorts.index(self.sort) + 1) % len(sorts)]

    def action_reverse(self) -> None:
        self.descending = not self.descending

    def action_toggle_main_duty(self) -> None:
        self.main_duty_only = not self.main_duty_only

    def action_placements(self) -> None:
        # The team's placements when the team's caseload is on screen (already permitted).
        self.app.action_placements(team=self.team)

    def action_due(self) -> None:
        from housing_tui.reference.policy import ReservedAction
        from screens.due import DueScreen

        if not self.team or self.permitted(ReservedAction.TEAM_DUE_LIST):
            self.app.push_screen(DueScreen(team=self.team))

    def action_page(self, step: int) -> None:
        total = self._page.total if self._page else 0
        offset = self.page_start + step * PAGE_SIZE
        if 0 <= offset < total:
            self.page_start = offset
        else:
            self.notify("No more pages that way.", timeout=2)
