"""What the DHP check shows beside its form, worked out live as the officer types: the
recommendation and what to watch first, then the sums and the reasons (`result_text`); what to
put right while the form cannot be worked out yet (`waiting_text`); and the year's DHP budget in
a line (`budget_line`). Text only: the screen (screens/dhp.py) puts it on show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.text import Text

from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import FORM_LABELS, DhpBudget, DhpCheck, Recommendation, over_budget
from screens import format as show

RECOMMENDATION_STYLE = {
    Recommendation.APPLY: "bold green",
    Recommendation.APPLY_FOR_LESS: "bold yellow",
    Recommendation.DO_NOT_APPLY: "bold red",
}


def result_text(check: DhpCheck) -> Group:
    """The check as the panel beside the form shows it: the recommendation and what to watch
    first, then the sums and the reasons."""
    headline = Text()
    if check.recommendation is None:
        headline.append("Not worked out yet: type the weeks of help or a one-off cost.", "bold")
    else:
        headline.append(check.recommendation.label, RECOMMENDATION_STYLE[check.recommendation])
        if check.advised_total:
            headline.append(f": {pounds(check.advised_total)}", "bold")
    parts: list[RenderableType] = [headline, Text(check.eligibility)]
    if check.eligible and check.total and check.advised_total != check.total:
        parts.append(Text(f"Ctrl+S applies for {pounds(check.total)} with this advice."))
    if check.support is not None:
        weekly = (
            f"Each week: rent {pounds(check.rent)}, {check.support.label} paid "
            f"{pounds(check.support_paid)}, shortfall {pounds(check.shortfall)}"
        )
        if check.coverable != check.shortfall:
            weekly += f"; a DHP can cover {pounds(check.coverable)}"
        parts.append(Text(weekly + "."))
    _section(parts, "Check", check.warnings, style="yellow")
    if check.items:
        lines = [
            Text.assemble(
                f"{item.what}: asked {pounds(item.asked)}, DHP ",
                (pounds(item.covered), "bold" if item.covered else "red"),
                f" ({item.why})",
            )
            for item in check.items
        ]
        lines.append(Text(f"Total: {pounds(check.total)}", "bold"))
        _section(parts, "What it is for", lines)
    _section(parts, "A DHP cannot cover", check.cannot_cover)
    _section(parts, "Money", check.affordability)
    household = check.household
    bedrooms = household.entitlement.bedrooms
    entitled = f"{bedrooms} bedroom{'' if bedrooms == 1 else 's'} under the size criteria"
    if household.lha_weekly is not None:
        entitled += (
            f"; LHA rate ({household.entitlement.category.label}) "
            f"{pounds(household.lha_weekly)} a week"
        )
    people = f"{household.size} {'person' if household.size == 1 else 'people'}"
    _section(parts, "Household", [f"{people}; {entitled}", *household.notes])
    _section(parts, "Why", check.reasons)
    return Group(*parts)


def waiting_text(errors: Mapping[str, str]) -> Group:
    """The panel while the form's rules refuse it: each field to put right, in form order."""
    waiting: list[RenderableType] = [Text("Not worked out yet.", "bold")]
    _section(
        waiting,
        "Put right",
        [f"{label}: {errors[key]}" for key, label in FORM_LABELS.items() if key in errors],
    )
    return Group(*waiting)


def budget_line(budget: DhpBudget, asked: Decimal | None) -> tuple[str, bool]:
    """The year's budget in a line, and whether to flag it: with no allocation for the year,
    always; else when the request (`asked`) is more than is left."""
    remaining = budget.remaining
    if budget.allocation is None or remaining is None:
        return over_budget(budget, asked or Decimal(0)) or "", True
    left = (
        f"{pounds(remaining)} left of {pounds(budget.allocation)}"
        if remaining >= 0
        else f"overspent by {pounds(-remaining)} (allocation {pounds(budget.allocation)})"
    )
    text = f"DHP {budget.year}: {left}; {pounds(budget.pending)} awaiting decisions."
    flag = over_budget(budget, asked) if asked else None
    return (f"{flag} {text}" if flag else text), bool(flag)


def _section(
    parts: list[RenderableType], title: str, lines: Sequence[str | Text], style: str = ""
) -> None:
    """A titled list whose long lines wrap under their own text, not under the bullet."""
    if not lines:
        return
    grid = show.hanging(
        (("-", Text(line, style) if isinstance(line, str) else line) for line in lines),
        expand=True,
    )
    parts.extend((Text(f"\n{title}", "bold"), grid))
