"""Local connection (s.199): residence, work, family and special circumstances, with the
council's thresholds from the policy file."""

from __future__ import annotations

from dataclasses import dataclass

from housing_tui.casework.assessment.facts import Answer, InterviewFacts
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class LocalConnectionResult:
    answer: Answer
    reasons: tuple[str, ...]
    referral_allowed: bool
    """Whether a referral to another council on local connection grounds may be considered."""

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def local_connection(facts: InterviewFacts, *, policy: Policy) -> LocalConnectionResult:
    """A local connection with this council's area (s.199) on the policy's thresholds, and
    whether a referral to another council may even be considered.

    A referral must never send a victim of domestic abuse where they would be at risk of it
    (s.198(2)(c)); local connection plays no part in the prevention duty.
    """
    rules = policy.assessment
    grounds: list[str] = []
    months, years = facts.months_resident_of_last_12, facts.years_resident_of_last_5
    if months is not None and months >= rules.residence_months_of_last_12:
        grounds.append(
            f"Lived in the area {months} of the last 12 months "
            f"({rules.residence_months_of_last_12} needed)."
        )
    if years is not None and years >= rules.residence_years_of_last_5:
        grounds.append(
            f"Lived in the area {years} of the last 5 years ({rules.residence_years_of_last_5} "
            "needed)."
        )
    if facts.works_in_area:
        grounds.append("Works in the area.")
    family = facts.close_family_years_in_area
    if family is not None and family >= rules.close_family_years:
        grounds.append(
            f"Close family have lived in the area for {family} years "
            f"({rules.close_family_years} needed)."
        )
    to_weigh: list[str] = []
    if facts.special_circumstances and facts.special_circumstances.strip():
        to_weigh.append(f"Special circumstances to weigh: {facts.special_circumstances.strip()}")
    if months is None and years is None and not grounds:
        to_weigh.append("How long they have lived in the area is not recorded.")

    if grounds:
        answer = Answer.YES
    elif to_weigh:
        answer = Answer.MAYBE
    else:
        answer = Answer.NO
        grounds.append(
            "No local connection found: not resident long enough, no work, no close family "
            "here long enough, no special circumstances."
        )
    abuse = facts.domestic_abuse or facts.fleeing_domestic_abuse_into_area
    if abuse:
        closing = (
            "Domestic abuse: a local connection referral must not be made. Local connection is "
            "never used to send a victim of domestic abuse back into danger (s.198(2)(c))."
        )
    elif answer is Answer.YES:
        closing = "So no referral to another council arises."
    else:
        closing = (
            "A referral to another council may be considered at the relief stage, only where "
            "they have a connection there and would not be at risk of violence there."
        )
    return LocalConnectionResult(
        answer,
        tuple(grounds + to_weigh + [closing]),
        referral_allowed=not abuse and answer is not Answer.YES,
    )
