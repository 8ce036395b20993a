"""Is the landlord's notice valid? Section 21 (while it still applies) and section 8 notices,
and the other notices a client may bring."""

from __future__ import annotations

import re
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
from housing_tui.money.amounts import PERIODS_A_YEAR, Frequency, pounds, show_regular_amount
from housing_tui.reference.codes import _Coded
from housing_tui.reference.policy import AssessmentPolicy, GroundRule, Policy


class NoticeCheck(_Coded):
    VALID = "valid", "Valid"
    NOT_VALID = "not_valid", "Not valid"
    SPENT = "spent", "Spent: too late to use"
    NEEDS_CHECKING = "needs_checking", "Needs checking"
    GROUND_NOT_MADE_OUT = "ground_not_made_out", "Ground not made out"
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
    A section 8 notice is valid on its face when every ground it names is one the policy file
    lists, it gives the notice those grounds need, and their conditions hold on the facts
    recorded (`_section8`). Other kinds of notice are described, not checked.
    """
    rules = policy.assessment
    if facts.notice is NoticeType.NONE:
        return NoticeValidity(NoticeCheck.NOT_APPLICABLE, "No notice recorded.")
    if facts.notice is NoticeType.SECTION_21:
        return _section21(facts, today, rules)
    if facts.notice is NoticeType.SECTION_8:
        return _section8(facts, today, rules)
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


_GROUND_WRITTEN = re.compile(r"\b(\d{1,2}[A-Z]{0,3})\b")
"""A ground as written on a notice: "8", "1A", "14ZA"; a notice may name several."""

_SCHEDULE_2 = "Housing Act 1988 Sch 2, as amended by the Renters' Rights Act 2025"


def _grounds_named(written: str | None) -> list[str]:
    """The grounds a notice names, as the officer typed them: "Grounds 8, 10 and 11"."""
    return _GROUND_WRITTEN.findall((written or "").upper())


def _section8(facts: InterviewFacts, today: date, rules: AssessmentPolicy) -> NoticeValidity:
    """A section 8 notice (Housing Act 1988 s.8) is checked against every ground it names: the
    ground must be one of Schedule 2 as amended, the notice must give the longest period those
    grounds need, and each ground's own conditions must hold (grounds 1 and 1A: the notice
    cannot expire in the tenancy's first 12 months; ground 8: at least 3 months' (13 weeks')
    rent unpaid when served and at the hearing). Periods and conditions come from the policy
    file's [assessment.section8_grounds]."""
    named = _grounds_named(facts.section8_ground)
    if not named:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            "Section 8 notice: which ground is it on? The ground decides the notice the landlord "
            "must give and whether the court must or may order possession.",
        )
    shown = ", ".join(named)
    unknown = [ground for ground in named if ground not in rules.section8_grounds]
    if unknown:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"Section 8 notice on ground {', '.join(unknown)}: not a ground of {_SCHEDULE_2} "
            "(as listed in the policy file). Check the ground written on the notice.",
            shown,
        )
    grounds = [rules.section8_grounds[ground] for ground in named]
    served, expires = facts.notice_served_on, facts.notice_expires_on
    # The notice must give the longest period any of its grounds needs.
    longest = max(grounds, key=lambda rule: rule.earliest_expiry(served or today))
    heading = f"Section 8 notice on {', '.join(rule.named for rule in grounds)}"
    if served is None or expires is None:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"{heading}: record when it was served and the date it gives for court proceedings "
            f"to begin. {longest.named.capitalize()} needs at least {longest.notice} "
            f"({_SCHEDULE_2}).",
            shown,
        )
    if expires < served:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"{heading}: it expires before the day it was served. Check both dates.",
            shown,
        )
    earliest = longest.earliest_expiry(served)
    if expires < earliest:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"{heading}: {longest.named} needs at least {longest.notice}, so served on "
            f"{_day(served)} it cannot expire before {_day(earliest)}; this one gives "
            f"{(expires - served).days} days, so it may not be valid ({_SCHEDULE_2}).",
            shown,
        )
    checked = [(rule, *_ground_check(rule, facts, expires)) for rule in grounds]
    problems = [(rule, check, text) for rule, check, text in checked if check is not None]
    notes = " ".join(text for _, check, text in checked if check is None and text)
    if not problems:
        return NoticeValidity(
            NoticeCheck.VALID,
            _join(
                f"{heading}: gives {longest.notice}, as the ground needs ({_SCHEDULE_2}); valid "
                "on its face.",
                notes,
                "It does not end the tenancy by itself: the landlord must prove the ground and "
                "get a possession order.",
            ),
            shown,
        )
    why = " ".join(text for _, _, text in problems)
    made_out = [rule for rule in grounds if all(rule is not other for other, _, _ in problems)]
    if made_out:
        rest = ", ".join(rule.named for rule in made_out)
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"{heading}: {why} It may still be valid on {rest}: check it.",
            shown,
        )
    # Missing facts first (the officer can record them), then a ground that cannot be used.
    worst = min((check for _, check, _ in problems), key=_SEVERITY.index)
    return NoticeValidity(worst, f"{heading}: {why}", shown)


_SEVERITY = (NoticeCheck.NEEDS_CHECKING, NoticeCheck.NOT_VALID, NoticeCheck.GROUND_NOT_MADE_OUT)


def _ground_check(
    rule: GroundRule, facts: InterviewFacts, expires: date
) -> tuple[NoticeCheck | None, str]:
    """What stops this ground being used on the facts recorded (a check and why), or None
    and what still has to hold."""
    if rule.not_within_first_months is not None:
        months = rule.not_within_first_months
        began = facts.tenancy_started_on
        if began is None:
            return (
                NoticeCheck.NEEDS_CHECKING,
                f"Record when the tenancy began: {rule.named} cannot be used to end a tenancy "
                f"in its first {months} months.",
            )
        first_day = began + relativedelta(months=months)
        if expires < first_day:
            return (
                NoticeCheck.NOT_VALID,
                f"The tenancy began on {_day(began)}, so a notice on {rule.named} cannot expire "
                f"before {_day(first_day)} (not within its first {months} months); this one "
                f"expires on {_day(expires)}, so it is not valid on that ground.",
            )
    if rule.arrears_months is not None or rule.arrears_weeks is not None:
        return _arrears_check(rule, facts)
    return None, ""


def _arrears_check(rule: GroundRule, facts: InterviewFacts) -> tuple[NoticeCheck | None, str]:
    """Ground 8: at least N months' rent unpaid where rent is paid monthly, N weeks' rent
    where it is paid weekly or fortnightly, both when the notice was served and at the
    hearing. The arrears recorded are what is owed now."""
    amount, frequency, owed = facts.rent_amount, facts.rent_frequency, facts.arrears_total
    if amount is None or frequency is None or owed is None:
        return (
            NoticeCheck.NEEDS_CHECKING,
            f"Record the rent and the arrears: {rule.named} needs a set amount of rent unpaid "
            "when the notice was served and at the hearing.",
        )
    annual = amount * PERIODS_A_YEAR[frequency]
    if frequency is Frequency.MONTHLY and rule.arrears_months is not None:
        needed, counted = amount * rule.arrears_months, f"{rule.arrears_months} months' rent"
    elif rule.arrears_weeks is not None:
        needed, counted = annual * rule.arrears_weeks / 52, f"{rule.arrears_weeks} weeks' rent"
    else:
        assert rule.arrears_months is not None  # one of the two, or no arrears condition
        needed, counted = annual * rule.arrears_months / 12, f"{rule.arrears_months} months' rent"
    figures = (
        f"{pounds(owed)} owed; {counted} of {show_regular_amount(amount, frequency)} is "
        f"{pounds(needed)}"
    )
    if owed < needed:
        return (
            NoticeCheck.GROUND_NOT_MADE_OUT,
            f"{rule.named.capitalize()} is not made out ({figures}): it needs at least that "
            "both when the notice was served and at the hearing. Keeping the arrears below it "
            "defeats this ground; get the client advice.",
        )
    if frequency not in (Frequency.WEEKLY, Frequency.FORTNIGHTLY, Frequency.MONTHLY):
        return (
            NoticeCheck.NEEDS_CHECKING,
            f"{rule.named.capitalize()} ({figures}): the ground counts weeks' rent for weekly or "
            f"fortnightly rent and months' rent for monthly rent; for "
            f"{frequency.label.lower()} rent check how the arrears count.",
        )
    hearing = f" on {_day(facts.hearing_on)}" if facts.hearing_on else ""
    return (
        None,
        f"{rule.named.capitalize()} ({figures}): the arrears must still be at least that at "
        f"the hearing{hearing}.",
    )


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)
