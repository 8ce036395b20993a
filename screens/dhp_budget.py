"""The council's DHP budget for a financial year: the allocation, what is awarded, paid and
committed, what is asked for and awaiting a decision, what remains, and the money paid out month
by month. [ and ] step to the previous and next year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.dhp import ZERO, financial_year, next_year, year_months
from housing_tui.money import pounds
from screens.background import in_background

if TYPE_CHECKING:
    from housing_tui.dhp import DhpBudget


class DhpBudgetScreen(Screen[None]):
    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", "Previous year"),
        Binding("right_square_bracket", "year(1)", "Next year"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the DHP budget…", id="budget-summary", markup=False)
        table: DataTable[str] = DataTable(id="budget-months", cursor_type="row", zebra_stripes=True)
        table.add_column("Month", key="month", width=14)
        table.add_column("Paid", key="paid", width=14)
        table.add_column("Paid so far", key="so_far", width=14)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.year = financial_year(self.app.clock.today())
        self.watch(self.app, "data_version", self._load)

    def action_year(self, by: int) -> None:
        self.year = next_year(self.year, by)
        self._load()

    def _load(self, *_: object) -> None:
        from storage.dhp import budget_for_year

        app, year = self.app, self.year
        allocation = app.policy.dhp.allocations.get(year)
        self.sub_title = f"DHP budget {year}"
        in_background(
            self, lambda: budget_for_year(app.db, year, allocation), self._show, group="dhp-budget"
        )

    def _show(self, budget: DhpBudget) -> None:
        first, last = year_months(budget.year)[0], year_months(budget.year)[-1]
        lines = [f"DHP budget {budget.year}: {first:%B %Y} to {last:%B %Y}.  [ and ] change year."]
        if budget.allocation is None:
            lines.append(
                f"No DHP allocation is set for {budget.year} in the policy file (dhp.allocations):"
                " the figures below are what was awarded and paid, against nothing."
            )
        else:
            lines.append(f"Allocation {pounds(budget.allocation)}")
        lines.append(
            f"Awarded {pounds(budget.awarded)} = paid {pounds(budget.paid)} + committed "
            f"(awarded, not yet paid) {pounds(budget.committed)}"
        )
        remaining = budget.remaining
        if remaining is not None:
            lines.append(
                f"Remaining {pounds(remaining)}"
                if remaining >= 0
                else f"Overspent by {pounds(-remaining)}"
            )
        lines.append(f"Asked for, awaiting a decision: {pounds(budget.pending)} (not counted yet)")
        self.query_one("#budget-summary", Static).update("\n".join(lines))
        table = self.query_one(DataTable)
        table.clear()
        so_far = ZERO
        for month in budget.by_month:
            so_far += month.paid
            table.add_row(f"{month.month:%B %Y}", pounds(month.paid), pounds(so_far))
        if budget.paid_after_year:
            table.add_row(
                f"After {last:%b %Y}", pounds(budget.paid_after_year), pounds(budget.paid)
            )
        table.focus()
