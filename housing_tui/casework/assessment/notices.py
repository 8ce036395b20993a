"""Is the landlord's notice valid? Section 21 (while it still applies) and section 8 notices,
and the other notices a client may bring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from housing_tui.casework.assessment.facts import (
    CourtStage,
    InterviewFacts,
    NoticeType,
    Tenure,
    _day,
    _long,
)
from housing_tui.reference.codes import _Coded
from housing_tui.reference.policy import AssessmentPolicy, Policy


class NoticeCheck(_Coded):
    VALID = "valid", "Valid"
    NOT_VALID = "not_valid", "Not valid"
    SPENT = "spent", "Spent: too late to use"
    NEEDS_CHECKING = "needs_checking", "Needs checking"
    NOT_APPLICABLE = "not_applicable", "Not a section 8 or 21 notice"


@dataclass(frozen=True)
class NoticeValidity:
    check: NoticeCheck
    reason: str
    ground: str | None = None


_OTHER_NOTICES = {
    NoticeType.NOTICE_TO_QUIT: (
        "Notice to quit: a landlord's notice to quit a periodic tenancy or licence must be in "
        "writing and give at least 4 weeks (Protection from Eviction Act 1977 s.5), unless the "
        "occupier is excluded (e.g. lodging with the landlord). Check it."
    ),
    NoticeType.LICENCE_ENDED: (
        "Licence ended: a lodger living with the landlord, or in a hostel, needs only reasonable "
        "notice and no court order. Ask for the letter and the date they must leave."
    ),
    NoticeType.FAMILY_FRIENDS: (
        "Family or friends asked them to leave: no formal notice is needed. Ask when they must "
        "go; mediation may let them stay."
    ),
    NoticeType.MORTGAGE_POSSESSION: (
        "Mortgage possession: the lender needs a court order; the court stage and dates decide "
        "how soon. Refer for debt and mortgage advice now."
    ),
    NoticeType.OTHER: "Another kind of notice: the app does not check it. Record what it says.",
}


def notice_validity(facts: InterviewFacts, *, today: date, policy: Policy) -> NoticeValidity:
    """Whether the client's notice can be used to end their home, and why.

    Section 21 notices end with the Renters' Rights Act 2025: none can be served from the
    commencement date (1 May 2026), and a claim on an older one had to be issued by the last
    claim date (31 July 2026) and within the usual time from service; after that it is spent.
    A section 8 notice is valid on its face when it names a ground and gives the notice the
    policy file lists for that ground. Other kinds of notice are described, not checked.
    """
    rules = policy.assessment
    if facts.notice is NoticeType.NONE:
        return NoticeValidity(NoticeCheck.NOT_APPLICABLE, "No notice recorded.")
    if facts.notice is NoticeType.SECTION_21:
        return _section21(facts, today, rules)
    if facts.notice is NoticeType.SECTION_8:
        return _section8(facts, rules)
    return NoticeValidity(NoticeCheck.NOT_APPLICABLE, _OTHER_NOTICES[facts.notice])


def _section21(facts: InterviewFacts, today: date, rules: AssessmentPolicy) -> NoticeValidity:
    served, expires = facts.notice_served_on, facts.notice_expires_on
    commencement = rules.rra_commencement
    last_day_to_serve = commencement - timedelta(days=1)
    if served is None:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"Section 21 notice: when was it served? No section 21 notice can be served after "
            f"{_long(last_day_to_serve)} (Renters' Rights Act 2025).",
        )
    if expires is not None and expires < served:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            "Section 21 notice: it expires before the day it was served. Check both dates.",
        )
    social_exception = rules.social_landlords_keep_section21 and (
        facts.tenure is Tenure.SOCIAL_RENTED
    )
    if served >= commencement and not social_exception:
        return NoticeValidity(
            NoticeCheck.NOT_VALID,
            f"Section 21 notice served on {_day(served)}: no section 21 notice can be served "
            f"after {_long(last_day_to_serve)} (Renters' Rights Act 2025), so it is not valid "
            "and does not end the tenancy. A landlord now needs a section 8 notice on a ground.",
        )
    minimum = served + relativedelta(months=rules.section21_min_notice_months)
    if expires is not None and expires < minimum:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"Section 21 notice served on {_day(served)} expires on {_day(expires)}: less than "
            f"{rules.section21_min_notice_months} months' notice, so it may not be valid.",
        )
    # Proceedings may not be begun after the period of N months beginning with the day served.
    within = served + relativedelta(months=rules.section21_claim_within_months) - timedelta(1)
    if social_exception:
        deadline, why = within, f"{rules.section21_claim_within_months} months from service"
        served_text = (
            f"Section 21 notice served on {_day(served)} by a social landlord (council policy: "
            "social landlords may still use section 21)"
        )
    else:
        deadline = min(rules.section21_last_claim_date, within)
        why = (
            "the last day for claims on notices served before the Renters' Rights Act"
            if deadline == rules.section21_last_claim_date
            else f"{rules.section21_claim_within_months} months from service"
        )
        served_text = f"Section 21 notice served on {_day(served)}, before {_long(commencement)}"
    if facts.claim_issued_on is not None:
        if facts.claim_issued_on > deadline:
            return NoticeValidity(
                NoticeCheck.SPENT,
                f"{served_text}, but the possession claim was issued on "
                f"{_day(facts.claim_issued_on)}, after {_long(deadline)} ({why}): the notice "
                "was spent and cannot support the claim. Get legal advice for the client.",
            )
        return NoticeValidity(
            NoticeCheck.VALID,
            f"{served_text}; the possession claim was issued on {_day(facts.claim_issued_on)}, "
            f"by {_long(deadline)} ({why}), so the notice is still valid and the court case "
            "continues.",
        )
    if facts.court_stage is not CourtStage.NONE:
        return NoticeValidity(
            NoticeCheck.VALID,
            f"{served_text}, and the case is at court ({facts.court_stage.label.lower()}): "
            f"the notice is valid if the claim was issued by {_long(deadline)} ({why}). "
            "Record the date the claim was issued.",
        )
    if today > deadline:
        return NoticeValidity(
            NoticeCheck.SPENT,
            f"{served_text}, but no possession claim was issued by {_long(deadline)} ({why}): "
            "the notice is spent and can no longer be used. A landlord now needs a section 8 "
            "notice on a ground.",
        )
    return NoticeValidity(
        NoticeCheck.VALID,
        f"{served_text}: valid. A possession claim on it can still be issued until "
        f"{_long(deadline)} ({why}); after that it is spent.",
    )


def _section8(facts: InterviewFacts, rules: AssessmentPolicy) -> NoticeValidity:
    ground = (facts.section8_ground or "").strip().upper().removeprefix("GROUND").strip()
    if not ground:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            "Section 8 notice: which ground is it on? The ground decides the notice the landlord "
            "must give and whether the court must or may order possession.",
        )
    served, expires = facts.notice_served_on, facts.notice_expires_on
    weeks = rules.section8_notice_weeks.get(ground)
    if served is not None and expires is not None:
        if expires < served:
            return NoticeValidity(
                NoticeCheck.NEEDS_CHECKING,
                f"Section 8 notice on ground {ground}: it expires before the day it was served. "
                "Check both dates.",
                ground,
            )
        if weeks is not None and expires < served + timedelta(weeks=weeks):
            given = (expires - served).days
            return NoticeValidity(
                NoticeCheck.NEEDS_CHECKING,
                f"Section 8 notice on ground {ground}: the ground needs at least {weeks} weeks' "
                f"notice, and this one gives {given} days, so it may not be valid.",
                ground,
            )
    period = f" (at least {weeks} weeks' notice)" if weeks is not None else ""
    return NoticeValidity(
        NoticeCheck.VALID,
        f"Section 8 notice on ground {ground}{period}: valid on its face. It does not end the "
        "tenancy by itself: the landlord must prove the ground and get a possession order.",
        ground,
    )
