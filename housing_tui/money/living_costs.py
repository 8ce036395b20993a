"""Food and other living costs: what the interview records, or an allowance from the policy
file when it records none. Money for food is never spare money (the DHP check and the rent
deposit check both take it off what a client has left)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship
from housing_tui.money.amounts import Frequency, pounds, to_weekly
from housing_tui.reference.fields import age_on
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class LivingCosts:
    """Food and other living costs, weekly: as the interview records them, or the policy
    file's allowance for the household when it records none (`assumed` says which)."""

    weekly: Decimal
    assumed: str | None
    """How the allowance was made up, when it was assumed; None when recorded."""


def living_costs(facts: InterviewFacts, *, policy: Policy, on: date) -> LivingCosts:
    """The interview's food and living costs, or the policy's allowance (`dhp.living_costs_*`,
    the Universal Credit standard allowance and child element): a single person's or a
    couple's, and one for each child under 16 or dependent child in the household."""
    if facts.living_costs_weekly is not None:
        return LivingCosts(facts.living_costs_weekly, None)
    rules = policy.dhp
    couple = any(m.relationship is Relationship.PARTNER for m in facts.members)
    children = sum(1 for m in facts.members if _child(m, on))
    adults = rules.living_costs_couple_monthly if couple else rules.living_costs_single_monthly
    weekly = to_weekly(adults, Frequency.MONTHLY) + children * to_weekly(
        rules.living_costs_each_child_monthly, Frequency.MONTHLY
    )
    who = "a couple" if couple else "one adult"
    if children:
        who += f" and {children} child{'' if children == 1 else 'ren'}"
    return LivingCosts(
        weekly,
        f"Food and living costs are not recorded in the interview: {pounds(weekly)} a week "
        f"assumed for {who} (the Universal Credit standard allowance"
        f"{' and child element' if children else ''}, policy file). Record them to be exact.",
    )


def _child(member: Member, on: date) -> bool:
    if member.relationship in (Relationship.APPLICANT, Relationship.PARTNER):
        return False
    if member.dependent_child:
        return True
    born = member.date_of_birth
    return member.relationship is Relationship.CHILD and born is not None and age_on(born, on) < 16
