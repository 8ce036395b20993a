"""The whole rent deposit check of one property for one client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.duties import Duty
from housing_tui.money.amounts import pounds
from housing_tui.money.deposits.affordability import RentAgainstLha, rent_against_lha
from housing_tui.money.deposits.limits import UpFrontLimits, long_day, money_checks, up_front_limits
from housing_tui.money.deposits.offer import Check, CheckResult, PropertyOffer
from housing_tui.money.deposits.papers import paper_checks
from housing_tui.money.deposits.scheme import SchemeAnswer, scheme_answer
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class DepositCheckResult:
    checked_on: date
    limits: UpFrontLimits
    rent: RentAgainstLha
    checks: tuple[CheckResult, ...]
    """Breaches of the law first, then the rest in `Check`'s order."""
    scheme: SchemeAnswer
    notes: tuple[str, ...]
    """What the officer should know about the figures (sample LHA rates, assumptions)."""

    def result_of(self, check: Check) -> CheckResult:
        return next(result for result in self.checks if result.check is check)

    @property
    def summary(self) -> str:
        """The result in plain text, as it is kept with the saved check."""
        scheme = self.scheme
        lines = [
            f"Rent deposit check on {long_day(self.checked_on)}.",
            (
                f"The scheme can help: deposit {pounds(scheme.deposit)}."
                if scheme.can_help and scheme.deposit is not None
                else "The scheme cannot help."
            ),
            *(f"  {reason}" for reason in scheme.reasons),
            *(f"[{check.status.label}] {check.what}: {check.reason}" for check in self.checks),
            *self.notes,
        ]
        return "\n".join(lines)


# --- the rules -----------------------------------------------------------------------------------


def check_property(
    offer: PropertyOffer,
    *,
    facts: InterviewFacts,
    duties: Sequence[Duty],
    checked_on: date,
    policy: Policy,
) -> DepositCheckResult:
    """Everything the officer needs to decide on `offer` for the client whose interview is
    `facts` and whose case has `duties`, on `checked_on`."""
    rules = policy.deposits
    limits = up_front_limits(
        offer.rent,
        offer.rent_frequency,
        on=checked_on,
        rules=rules,
        signed_on=offer.tenancy_signed_on,
        starts_on=offer.tenancy_starts_on,
    )
    rent, rent_checks, notes = rent_against_lha(offer, limits, facts, checked_on, policy)
    checks = [*money_checks(offer, limits, rules), *paper_checks(offer, rules), *rent_checks]
    # Breaches of the law first: the officer raises them with the landlord before anything.
    order = list(Check)
    checks.sort(key=lambda result: (not result.breaks_the_law, order.index(result.check)))
    return DepositCheckResult(
        checked_on=checked_on,
        limits=limits,
        rent=rent,
        checks=tuple(checks),
        scheme=scheme_answer(offer, checks, facts, duties, checked_on, policy),
        notes=tuple(notes),
    )
