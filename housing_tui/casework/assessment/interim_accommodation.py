"""Interim accommodation (s.188): whether there is reason to believe the client may be homeless,
eligible and in priority need, so that the duty to accommodate applies now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from housing_tui.casework.assessment.eligibility import Eligibility, eligibility
from housing_tui.casework.assessment.facts import Answer, InterviewFacts
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class InterimAccommodationResult:
    owed: bool
    reason: str
    notes: tuple[str, ...] = ()


def interim_accommodation(
    facts: InterviewFacts, *, today: date, policy: Policy
) -> InterimAccommodationResult:
    """The interim accommodation duty (s.188): owed now when there is reason to believe the
    applicant may be homeless, eligible and in priority need. "May be" is a low bar: an
    eligibility still to be checked and a priority need still to be assessed both count."""
    status = homelessness_status(facts, today=today, policy=policy)
    eligible = eligibility(facts)
    need = priority_need(facts, today=today)
    missing = []
    if status.status is not HomelessStatus.HOMELESS:
        missing.append(f"not homeless now ({status.status.label.lower()})")
    if eligible.answer is Eligibility.NOT_ELIGIBLE:
        missing.append("not eligible")
    if need.answer is Answer.NO:
        missing.append("no apparent priority need")
    notes = []
    if facts.is_16_or_17(today):
        notes.append("Aged 16 or 17: never bed and breakfast.")
    if any(m.dependent_child or m.pregnant for m in facts.members):
        notes.append(
            "Children or pregnancy: bed and breakfast only if nothing else is available, and "
            "for no more than 6 weeks."
        )
    if missing:
        return InterimAccommodationResult(
            False,
            f"No interim accommodation duty: {'; '.join(missing)}.",
            tuple(notes),
        )
    checks = []
    if eligible.answer is Eligibility.NEEDS_CHECKING:
        checks.append("eligibility still to be checked")
    if need.answer is Answer.MAYBE:
        checks.append("priority need still to be assessed")
    pending = f" ({'; '.join(checks)}: reason to believe is enough)" if checks else ""
    return InterimAccommodationResult(
        True,
        "Reason to believe they may be homeless, eligible and in priority need"
        f"{pending}: interim accommodation must be provided now, tonight if need be (s.188).",
        tuple(notes),
    )
