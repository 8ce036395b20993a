"""The repayment agreement the client signs: the values of its template."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from housing_tui.documents.rendering import bullets, long_date
from housing_tui.money.amounts import per_period, pounds

if TYPE_CHECKING:
    pass
from housing_tui.money.repayments.affordability import Affordability
from housing_tui.money.repayments.plan import WHAT_IT_PAID_FOR, PlanTerms
from housing_tui.money.repayments.schedule import Instalment


def agreement_values(
    terms: PlanTerms,
    schedule: tuple[Instalment, ...],
    afforded: Affordability,
    *,
    written_on: date,
    grace_days: int,
) -> dict[str, object]:
    """The values the repayment agreement template needs beyond the client and the council
    (`housing_tui.documents.rendering.PLACEHOLDERS["repayment_agreement"]`)."""
    first, last = schedule[0], schedule[-1]
    what_for = WHAT_IT_PAID_FOR.get(terms.kind, "")
    if terms.description:
        what_for = f"{what_for} ({terms.description})" if what_for else terms.description
    payments = f"{len(schedule)} payment{'s' if len(schedule) != 1 else ''} in all"
    if last.amount != terms.instalment:
        payments += f", the last one {pounds(last.amount)}"
    return {
        "written_on": long_date(written_on),
        "what_for": what_for,
        "amount_owed": pounds(terms.amount_owed),
        "instalment": f"{per_period(terms.instalment, terms.frequency)} ({payments})",
        "first_due_on": long_date(first.due_on),
        "last_due_on": long_date(last.due_on),
        "schedule": [
            {"number": str(i.number), "due_on": long_date(i.due_on), "amount": pounds(i.amount)}
            for i in schedule
        ],
        "affordability": bullets(
            [*afforded.reasons, f"We agreed {per_period(terms.instalment, terms.frequency)}."]
        ),
        "grace_days": str(grace_days),
    }
