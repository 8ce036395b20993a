"""Eligibility for assistance (s.185): immigration status and habitual residence, as far as the
answers show; the decision is the officer's, on enquiries."""

from __future__ import annotations

from dataclasses import dataclass

from housing_tui.casework.assessment.facts import ImmigrationStatus, InterviewFacts
from housing_tui.reference.codes import _Coded


class Eligibility(_Coded):
    ELIGIBLE = "eligible", "Eligible"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"
    NEEDS_CHECKING = "needs_checking", "Needs checking"


@dataclass(frozen=True)
class EligibilityResult:
    answer: Eligibility
    reason: str


_ELIGIBILITY = {
    ImmigrationStatus.BRITISH_OR_IRISH: (
        Eligibility.ELIGIBLE,
        "British or Irish citizen living in the Common Travel Area: eligible.",
    ),
    ImmigrationStatus.EEA_SETTLED: (
        Eligibility.ELIGIBLE,
        "EEA citizen with settled status (indefinite leave under the EU Settlement Scheme): "
        "eligible. Check the status online with a share code.",
    ),
    ImmigrationStatus.EEA_PRE_SETTLED: (
        Eligibility.NEEDS_CHECKING,
        "EEA citizen with pre-settled status: that alone does not make them eligible. Check for "
        "a qualifying right to reside (e.g. a worker or self-employed person, or their family "
        "member) and habitual residence.",
    ),
    ImmigrationStatus.LEAVE_WITH_RECOURSE: (
        Eligibility.ELIGIBLE,
        "Leave to remain with recourse to public funds: eligible. Check the leave is current "
        "and has no 'no recourse to public funds' condition (share code or BRP).",
    ),
    ImmigrationStatus.NO_RECOURSE: (
        Eligibility.NOT_ELIGIBLE,
        "Leave with a 'no recourse to public funds' condition: not eligible for homelessness "
        "help (s.185). Refer to social services (Nil Recourse Team) if there are children or "
        "care needs; they may ask the Home Office to lift the condition.",
    ),
    ImmigrationStatus.ASYLUM_SEEKER: (
        Eligibility.NOT_ELIGIBLE,
        "Asylum seeker: not eligible (s.185); the Home Office provides asylum support "
        "accommodation. Signpost to Migrant Help.",
    ),
    ImmigrationStatus.NOT_KNOWN: (
        Eligibility.NEEDS_CHECKING,
        "Immigration status not known: ask and check. Until then there may be reason to believe "
        "they are eligible.",
    ),
}


def eligibility(facts: InterviewFacts) -> EligibilityResult:
    """Eligible, not eligible, or needs checking, from the immigration status answer."""
    answer, reason = _ELIGIBILITY[facts.immigration_status]
    settled = facts.immigration_status in (
        ImmigrationStatus.BRITISH_OR_IRISH,
        ImmigrationStatus.EEA_SETTLED,
    )
    if settled and facts.recently_came_to_live_in_uk:
        return EligibilityResult(
            Eligibility.NEEDS_CHECKING,
            f"{facts.immigration_status.label}, but recently came to live in the UK: check they "
            "are habitually resident in the Common Travel Area before deciding.",
        )
    return EligibilityResult(answer, reason)
