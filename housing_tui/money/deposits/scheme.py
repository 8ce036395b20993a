"""Whether the council's rent deposit scheme can help, with every reason (its rules are the
policy's [deposits.scheme])."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.assessment.facts import Answer, InterviewFacts
from housing_tui.casework.assessment.local_connection import local_connection
from housing_tui.casework.duties import Duty
from housing_tui.money.amounts import pounds
from housing_tui.money.deposits.offer import (
    SAFETY_CHECKS,
    Check,
    CheckResult,
    CheckStatus,
    PropertyOffer,
)
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class SchemeAnswer:
    can_help: bool
    deposit: Decimal | None
    """What the scheme would put up; None when it cannot help."""
    reasons: tuple[str, ...]


# --- the council's rent deposit scheme -----------------------------------------------------------


def scheme_answer(
    offer: PropertyOffer,
    checks: Sequence[CheckResult],
    facts: InterviewFacts,
    duties: Sequence[Duty],
    checked_on: date,
    policy: Policy,
) -> SchemeAnswer:
    """Whether the scheme can put up the deposit, on the policy's [deposits.scheme] rules: a
    duty owed, a local connection, no check failing (so the rent is within the LHA rate plus
    the scheme's margin, affordable, and nothing the law forbids is asked), the rent and its
    affordability known, the safety papers seen, and a deposit it can cover."""
    rules = policy.deposits.scheme
    reasons: list[str] = []
    if rules.requires_duty and not any(
        duty.started_on <= checked_on and (duty.ended_on is None or duty.ended_on > checked_on)
        for duty in duties
    ):
        reasons.append(
            "No prevention or relief duty is open on the case: the scheme helps only where "
            "one is owed."
        )
    if rules.requires_local_connection:
        connection = local_connection(facts, policy=policy).answer
        if connection is Answer.NO:
            reasons.append("No local connection with the area: the scheme needs one.")
        elif connection is Answer.MAYBE:
            reasons.append(
                "Local connection not established: record residence, work or family in the "
                "interview."
            )
    failing = [result.what for result in checks if result.status is CheckStatus.FAIL]
    if failing:
        reasons.append(f"To put right first: {', '.join(failing)}.")
    unknown = {result.check for result in checks if result.status is CheckStatus.NOT_KNOWN}
    needed = {Check.RENT_AGAINST_LHA, Check.AFFORDABILITY}
    if rules.requires_safety_checks:
        needed |= SAFETY_CHECKS
    if unknown & needed:
        names = [check.label for check in Check if check in unknown & needed]
        reasons.append(f"Not known yet: {', '.join(names)}.")
    deposit = offer.deposit_asked
    if deposit is None:
        reasons.append("Type the deposit asked: the scheme needs to know what it would cover.")
    elif deposit == 0:
        reasons.append("No deposit is asked: there is nothing for the scheme to put up.")
    elif deposit > rules.max_deposit:
        reasons.append(
            f"The deposit, {pounds(deposit)}, is more than the scheme puts up "
            f"({pounds(rules.max_deposit)})."
        )
    if reasons or deposit is None:
        return SchemeAnswer(can_help=False, deposit=None, reasons=tuple(reasons))
    helps = [f"The scheme can put up the deposit of {pounds(deposit)}."]
    still = [result.what for result in checks if result.status is CheckStatus.NOT_KNOWN]
    if still:
        helps.append(f"Still to check before it is paid: {', '.join(still)}.")
    if rules.recharged:
        helps.append(
            f"The deposit is recharged: the client signs a repayment agreement for "
            f"{pounds(deposit)} before it is paid."
        )
    return SchemeAnswer(can_help=True, deposit=deposit, reasons=tuple(helps))
