"""Priority need (s.189 and the Priority Need Order 2002): who in the household makes it appear
that the client is in priority need, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from housing_tui.casework.assessment.facts import (
    CARE_LEAVER_AGES,
    Answer,
    InterviewFacts,
    Vulnerability,
    _day,
)


@dataclass(frozen=True)
class PriorityNeedResult:
    answer: Answer
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def priority_need(facts: InterviewFacts, *, today: date) -> PriorityNeedResult:
    """Apparent priority need: yes (an automatic category), maybe (vulnerability needs an
    assessment), or no, with every reason found (s.189 and the Priority Need Order 2002)."""
    yes: list[str] = []
    maybe: list[str] = []
    pregnant = [m for m in facts.members if m.pregnant]
    if pregnant:
        due = pregnant[0].due_date
        yes.append(
            "Pregnant (someone in the household)"
            + (f", due {_day(due)}" if due else "")
            + ": priority need (s.189(1)(a))."
        )
    if any(m.dependent_child for m in facts.members):
        yes.append("Dependent children live with them: priority need (s.189(1)(b)).")
    age = facts.applicant_age(today)
    if facts.is_16_or_17(today):
        how = f"Aged {age} from the date of birth" if age is not None else "Aged 16 or 17"
        yes.append(
            f"{how}: priority need, unless children's services owe them a duty as a "
            "looked-after or relevant child (Priority Need Order 2002, art. 3)."
        )
    if facts.care_leaver:
        if age is None:
            maybe.append(
                "Care leaver, age not known: priority need is automatic only at 18, 19 or 20. "
                "Record the date of birth."
            )
        elif age in CARE_LEAVER_AGES:
            yes.append(
                f"Care leaver aged {age}: priority need at 18 to 20 (Priority Need Order 2002, "
                "art. 4), unless a relevant student."
            )
        elif age > max(CARE_LEAVER_AGES):
            maybe.append(
                f"Care leaver aged {age}: not automatic from 21; in priority need if vulnerable "
                "as a result of having been looked after (Priority Need Order 2002, art. 5(1)). "
                "Assess."
            )
    if facts.domestic_abuse:
        if facts.abuse_is_why_homeless:
            yes.append(
                "Homeless because of domestic abuse: every such victim has had priority need "
                "since July 2021 (s.189(1)(e), Domestic Abuse Act 2021)."
            )
        else:
            maybe.append(
                "Victim of domestic abuse, though not homeless because of it: assess whether "
                "they are vulnerable."
            )
    if facts.emergency:
        yes.append(
            "Homeless because of an emergency such as fire or flood: priority need (s.189(1)(d))."
        )
    for vulnerability in Vulnerability:
        if vulnerability in facts.vulnerabilities:
            maybe.append(
                f"{vulnerability.label}: priority need only if, as a result, they are "
                "significantly more vulnerable than an ordinary person would be if homeless "
                "(s.189(1)(c)). Assess."
            )
    if yes:
        return PriorityNeedResult(Answer.YES, tuple(yes + maybe))
    if maybe:
        return PriorityNeedResult(Answer.MAYBE, tuple(maybe))
    return PriorityNeedResult(
        Answer.NO,
        (
            "No priority need found: no pregnancy, dependent children, 16/17-year-old, care "
            "leaver, domestic abuse, emergency or vulnerability recorded.",
        ),
    )
