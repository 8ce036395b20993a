"""The council's DHP budget for a financial year: the allocation, what is paid and committed,
what remains, what is asked for and awaiting a decision, and the money paid out month by month.
[ and ] step to the previous and next year.

The seeds' warning stands behind the "used" line: an allocation not spent shrinks next year's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import ZERO, financial_year, next_year, year_months
from screens.background import in_background
from screens.services import HousingScreen
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.money.dhp import DhpBudget


def _figure(label: str, amount: Decimal) -> str:
    """One line of the summary, the amounts lined up under each other."""
    return f"{label:<36}{pounds(amount):>14}"


def _money(amount: Decimal) -> Text:
    return Text(pounds(amount), justify="right")


class DhpBudgetScreen(HousingScreen[None]):
    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", "Previous year", id="dhp_budget.year(-1)"),
        Binding("right_square_bracket", "year(1)", "Next year", id="dhp_budget.1"),
        Binding("escape", "app.pop_screen", "Back", id="dhp_budget.back"),
    ]
    DEFAULT_CSS = """
    DhpBudgetScreen #budget-summary { height: auto; padding: 0 1; }
    DhpBudgetScreen #budget-months-title { padding: 0 1; margin: 0; }
    DhpBudgetScreen #budget-months { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.year = ""
        """The financial year shown, "2026-27"."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the DHP budget…", id="budget-summary", markup=False)
        yield Static("Paid out, month by month", id="budget-months-title", classes="section-title")
        table: DataTable[Text] = RowTable(id="budget-months", zebra_stripes=True)
        table.add_column("Month", key="month", width=14)
        table.add_column(Text("Paid", justify="right"), key="paid", width=14)
        table.add_column(Text("Paid so far", justify="right"), key="so_far", width=14)
        yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.year = financial_year(self.services.clock.today())
        self.watch(self.app, "data_version", self._load)

    def action_year(self, by: int) -> None:
        self.year = next_year(self.year, by)
        self._load()

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.dhp import budget_for_year

        year = self.year
        allocation = services.policy.dhp.allocations.get(year)
        self.sub_title = f"DHP budget {year}"
        in_background(
            self,
            lambda: budget_for_year(services.db, year, allocation),
            self._show,
            group=Work.DHP_BUDGET,
        )

    def _show(self, budget: DhpBudget) -> None:
        months = year_months(budget.year)
        lines = [f"{months[0]:%B %Y} to {months[-1]:%B %Y}.  [ and ] change the year."]
        if budget.allocation is None:
            lines.append(
                f"No DHP allocation is set for {budget.year} in the policy file "
                "(dhp.allocations): nothing to count against."
            )
        else:
            lines.append(_figure("Allocation", budget.allocation))
        lines.append(_figure("Paid", budget.paid))
        lines.append(_figure("Committed (awarded, not yet paid)", budget.committed))
        remaining = budget.remaining
        if remaining is not None and budget.allocation:
            lines.append(
                _figure("Remaining", remaining)
                if remaining >= 0
                else _figure("Overspent by", -remaining)
            )
            used = (budget.allocation - remaining) * 100 / budget.allocation
            lines.append(
                f"Used, paid or committed: {used.quantize(Decimal('0.1'), ROUND_HALF_UP)}% "
                "of the allocation."
            )
        lines.append(
            _figure("Asked for, awaiting a decision", budget.pending) + "  (not counted yet)"
        )
        self.query_one("#budget-summary", Static).update("\n".join(lines))

        table = self.query_one(DataTable)
        table.clear()
        so_far = ZERO
        for month in budget.by_month:
            so_far += month.paid
            table.add_row(Text(f"{month.month:%B %Y}"), _money(month.paid), _money(so_far))
        if budget.paid_after_year:
            table.add_row(
                Text(f"After {months[-1]:%b %Y}"),
                _money(budget.paid_after_year),
                _money(budget.paid),
            )
        table.focus()
