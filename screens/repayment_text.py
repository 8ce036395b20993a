"""What the repayment screens say of a plan, as text: its dated schedule with what is paid,
part paid and missed (`schedule_lines`), its arrears in a table cell (`arrears`), and its terms,
standing and payments (`plan_text`). Text only: screens/repayments.py and screens/new_plan.py
put it on show.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from housing_tui.money.amounts import pounds
from housing_tui.money.repayments import (
    Instalment,
    PlanBalance,
    PlanStatus,
    in_arrears_if_unpaid,
    per_period,
)
from screens import format as show

if TYPE_CHECKING:
    from storage.repayments import PlanRow


def schedule_lines(
    schedule: tuple[Instalment, ...],
    balance: PlanBalance | None = None,
    *,
    today: date | None = None,
    grace_days: int = 0,
) -> Text:
    """The dated payments, one a line; with a balance, what is paid, part paid and missed."""
    lines = Text()
    for instalment in schedule:
        lines.append(
            f"{instalment.number:>3}  {instalment.due_on:%a} {show.day(instalment.due_on)}  "
            f"{pounds(instalment.amount):>10}"
        )
        if balance is not None and today is not None:
            lines.append(*_paid_or_not(instalment, balance, today, grace_days))
        lines.append("\n")
    lines.rstrip()
    return lines


def _paid_or_not(
    instalment: Instalment, balance: PlanBalance, today: date, grace_days: int
) -> tuple[str, str]:
    upcoming = balance.next_due
    if upcoming is None or instalment.number < upcoming.number:
        return "  paid", "green"
    late = in_arrears_if_unpaid(instalment, today=today, grace_days=grace_days)
    if instalment.number == upcoming.number and upcoming.amount != instalment.amount:
        return f"  {pounds(upcoming.amount)} still to pay", "bold red" if late else "yellow"
    return ("  missed", "bold red") if late else ("", "")


_STATUS_STYLE = {
    PlanStatus.COMPLETED: "green",
    PlanStatus.LEGAL: "yellow",
    PlanStatus.CANCELLED: "dim",
}


def arrears(row: PlanRow) -> Text:
    """'£40.00', 'Up to date', or the status of a plan no longer active."""
    plan, balance = row.plan, row.balance
    if plan.status is not PlanStatus.ACTIVE:
        return Text(plan.status.label, style=_STATUS_STYLE[plan.status])
    if balance.arrears:
        return Text(pounds(balance.arrears), style="bold red")
    return Text("Up to date", style="green")


def where_it_stands(row: PlanRow) -> Text:
    """What is behind, and what to do about it; or the next payment. Nothing for a plan that
    takes no more payments."""
    plan, balance = row.plan, row.balance
    upcoming = balance.next_due
    if not plan.status.takes_payments or upcoming is None:
        return Text()
    if not balance.arrears:
        return Text(f"Next: {pounds(upcoming.amount)} by {show.day(upcoming.due_on)}.")
    assert balance.behind_since is not None
    behind = f"{pounds(balance.arrears)} behind since {show.day(balance.behind_since)}."
    if plan.status is not PlanStatus.ACTIVE:
        return Text(behind)
    return Text(
        f"In arrears: {behind} Contact the client; if they do not pay, pass the plan to legal (s).",
        style="bold red",
    )


def plan_text(row: PlanRow) -> Text:
    """The plan's terms and where it stands, then its payments."""
    plan, terms = row.plan, row.plan.terms
    text = Text(terms.what_for, style="bold")
    text.append(
        f"\nAgreed {show.day(plan.agreed_on)}: {pounds(terms.amount_owed)} at "
        f"{per_period(terms.instalment, terms.frequency)}, {len(row.schedule)} payments "
        f"from {show.day(row.schedule[0].due_on)} to {show.day(row.schedule[-1].due_on)}."
    )
    text.append(f"\nStatus: {plan.status.label}. ")
    text.append_text(where_it_stands(row))
    text.append("\n\nPayments\n", style="bold")
    payments = [
        f"{show.day(p.paid_on)}  {pounds(p.amount):>10}  {p.note}".rstrip() for p in plan.payments
    ]
    text.append("\n".join(payments) or "None yet.")
    return text
