"""The inquiries checklist as the interview and the live assessment already answer it: each
finding the assessment is sure of, with its reason as the first evidence note. The officer
confirms or changes every one: the assessment says what *appears* to be so, the decision is
theirs. Intentionality has no assessment rule, so it starts undecided."""

from __future__ import annotations

from datetime import date

from housing_tui.casework.assessment.eligibility import Eligibility, eligibility
from housing_tui.casework.assessment.facts import Answer, InterviewFacts
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.assessment.local_connection import local_connection
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.casework.decisions.outcomes import Finding, Inquiry
from housing_tui.reference.policy import Policy

_FROM_ELIGIBILITY = {Eligibility.ELIGIBLE: Finding.YES, Eligibility.NOT_ELIGIBLE: Finding.NO}
_FROM_ANSWER = {Answer.YES: Finding.YES, Answer.NO: Finding.NO}
_FROM_HOMELESS = {HomelessStatus.HOMELESS: Finding.YES, HomelessStatus.NOT_HOMELESS: Finding.NO}


def prefilled_inquiries(
    facts: InterviewFacts, *, today: date, policy: Policy
) -> dict[Inquiry, tuple[Finding, str]]:
    """Each inquiry's finding and evidence note as the assessment finds it; "not decided yet"
    where it is unsure (needs checking, maybe, threatened but not yet homeless)."""
    eligible = eligibility(facts)
    homeless = homelessness_status(facts, today=today, policy=policy)
    need = priority_need(facts, today=today)
    connection = local_connection(facts, policy=policy)
    return {
        Inquiry.ELIGIBILITY: (
            _FROM_ELIGIBILITY.get(eligible.answer, Finding.NOT_YET),
            eligible.reason,
        ),
        Inquiry.HOMELESS: (_FROM_HOMELESS.get(homeless.status, Finding.NOT_YET), homeless.reason),
        Inquiry.PRIORITY_NEED: (
            _FROM_ANSWER.get(need.answer, Finding.NOT_YET),
            " ".join(need.reasons),
        ),
        Inquiry.INTENTIONALITY: (Finding.NOT_YET, ""),
        Inquiry.LOCAL_CONNECTION: (
            _FROM_ANSWER.get(connection.answer, Finding.NOT_YET),
            connection.reason,
        ),
    }
