"""Homeless, or threatened with homelessness within 56 days (s.175): the threats the answers show
and the date each one bites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from housing_tui.casework.assessment.facts import InterviewFacts, NoticeType, Tenure, _day
from housing_tui.casework.assessment.notices import NoticeCheck, notice_validity
from housing_tui.reference.codes import _Coded
from housing_tui.reference.policy import Policy


class HomelessStatus(_Coded):
    HOMELESS = "homeless", "Homeless: relief duty"
    THREATENED = "threatened", "Threatened with homelessness: prevention duty"
    NOT_YET_THREATENED = "not_yet_threatened", "Not yet threatened"
    NOT_HOMELESS = "not_homeless", "Not homeless or threatened"


@dataclass(frozen=True)
class HomelessnessResult:
    status: HomelessStatus
    reason: str
    homeless_on: date | None = None
    """The day they are likely to become homeless, when there is one."""
    prevention_from: date | None = None
    """When not yet threatened: the day the prevention duty would start."""


@dataclass(frozen=True)
class _Threat:
    on: date
    what: str
    leaves: bool
    """True when on that day they actually have to go (eviction, a date they must leave)."""


NO_FIXED_ABODE = frozenset({"no_fixed_abode", "rough_sleeping"})
"""The H-CLIC "accommodation at application" codes for having no home at all (sofa surfing is
no fixed abode)."""

WITH_FAMILY_OR_FRIENDS = frozenset({"living_with_family", "living_with_friends"})
"""The H-CLIC "accommodation at application" codes for staying with family or friends."""


def homelessness_status(
    facts: InterviewFacts, *, today: date, policy: Policy
) -> HomelessnessResult:
    """Homeless now (relief duty), threatened within the window (56 days: prevention duty),
    not yet threatened (and when prevention would start), or neither; a duty the council has
    recorded stands (it was satisfied of it, s.189B(1), s.195(1)).

    See `_from_the_facts` for the assessment itself."""
    found = _from_the_facts(facts, today=today, policy=policy)
    if facts.relief_duty_from is not None and found.status is not HomelessStatus.HOMELESS:
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            f"The relief duty is owed from {_day(facts.relief_duty_from)}: the council is "
            "satisfied they are homeless (s.189B(1)).",
            homeless_on=facts.relief_duty_from,
        )
    if facts.prevention_duty_from is not None and found.status in (
        HomelessStatus.NOT_HOMELESS,
        HomelessStatus.NOT_YET_THREATENED,
    ):
        _, notice_note = _threats(facts, today=today, policy=policy)
        return HomelessnessResult(
            HomelessStatus.THREATENED,
            _join(
                f"The prevention duty is owed from {_day(facts.prevention_duty_from)}: the "
                "council is satisfied they are threatened with homelessness (s.195(1)), "
                "though the interview's answers do not show the threat within "
                f"{policy.triage.threatened_within_days} days: check them.",
                notice_note,
                _abuse_note(facts),
            ),
            homeless_on=found.homeless_on,
        )
    return found


def _from_the_facts(facts: InterviewFacts, *, today: date, policy: Policy) -> HomelessnessResult:
    """Homeless now (relief duty), threatened within the window (56 days: prevention duty),
    not yet threatened (and when prevention would start), or neither.

    A valid section 21 notice expiring within the window counts as threatened (s.175(5)); so
    does a valid section 8 notice when the policy switch `section8_counts_as_threatened` is on.
    A notice or possession date that has passed, with the client still in the home, is still a
    threat, not homelessness: they are homeless from the day they actually have to leave.
    """
    window = policy.triage.threatened_within_days
    notes = _abuse_note(facts)
    if facts.homeless_tonight:
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            "Homeless now: nowhere they are entitled and safe to stay tonight. If they are "
            "eligible, the relief duty applies (s.189B).",
            homeless_on=facts.approached_on or today,
        )
    if no_home := _no_accommodation(facts, today):
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            _join(f"{no_home} If they are eligible, the relief duty applies (s.189B).", notes),
            homeless_on=facts.approached_on or today,
        )
    threats, notice_note = _threats(facts, today=today, policy=policy)
    notes = " ".join(note for note in (notice_note, notes) if note)
    if not threats:
        return HomelessnessResult(
            HomelessStatus.NOT_HOMELESS,
            _join(
                "No eviction date, no date they must leave and no notice that counts: not "
                "homeless or threatened with homelessness on these facts. Give advice.",
                notes,
            ),
        )
    threat = min(threats, key=lambda t: (t.on, not t.leaves))
    days = (threat.on - today).days
    if threat.leaves and days <= 0:
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            _join(
                f"{threat.what} ({'today' if days == 0 else 'passed'}): homeless now. If they "
                "are eligible, the relief duty applies (s.189B).",
                notes,
            ),
            homeless_on=threat.on,
        )
    if days <= 0:
        return HomelessnessResult(
            HomelessStatus.THREATENED,
            _join(
                f"{threat.what}, which has passed, and they are still in the home: threatened "
                "with homelessness, so the prevention duty applies (s.195) until they have to "
                "leave. Do not advise them to wait for the bailiffs.",
                notes,
            ),
            homeless_on=threat.on,
        )
    in_days = f"in {days} day{'s' if days != 1 else ''}"
    if days <= window:
        return HomelessnessResult(
            HomelessStatus.THREATENED,
            _join(
                f"{threat.what}, {in_days}: within {window} days, so they are threatened with "
                "homelessness and the prevention duty applies (s.195).",
                notes,
            ),
            homeless_on=threat.on,
        )
    starts = threat.on - timedelta(days=window)
    return HomelessnessResult(
        HomelessStatus.NOT_YET_THREATENED,
        _join(
            f"{threat.what}, {in_days}: more than {window} days away, so not yet threatened. "
            f"The prevention duty would start on {_day(starts)}; advise now.",
            notes,
        ),
        homeless_on=threat.on,
        prevention_from=starts,
    )


def _no_accommodation(facts: InterviewFacts, today: date) -> str | None:
    """Why they have no accommodation they are entitled to occupy now, from the facts rather
    than one tick box, or None. s.175(1): a person is homeless who has no accommodation they
    (a) are entitled to occupy by an interest or a court order, (b) have an express or implied
    licence to occupy, or (c) occupy by a right to remain or a restriction on recovering
    possession. Someone staying with family or friends occupies on a bare licence (b); it ends
    when they are asked to go (after the date given, if any) and, sharing the host's home, they
    are excluded occupiers with no right to a court order first (Protection from Eviction Act
    1977 s.3A(2)-(3)). Sofa surfing night to night is no fixed abode: no home at all."""
    sofa = facts.tenure is Tenure.NO_ACCOMMODATION or (
        facts.hclic_accommodation_at_application in NO_FIXED_ABODE
    )
    if sofa:
        return (
            "No fixed abode (sofa surfing) or sleeping rough: no accommodation they are "
            "entitled to occupy (s.175(1)), so homeless now."
        )
    with_family = facts.tenure is Tenure.FAMILY_FRIENDS or (
        facts.hclic_accommodation_at_application in WITH_FAMILY_OR_FRIENDS
    )
    if with_family and facts.allowed_to_stay is False:
        return (
            "Staying with family or friends who do not let them stay: no licence to occupy "
            "(s.175(1)(b)), so no accommodation they are entitled to occupy: homeless now."
        )
    expires = facts.notice_expires_on
    if facts.notice is NoticeType.FAMILY_FRIENDS and (expires is None or expires <= today):
        when = "" if expires is None else f" by {_day(expires)}"
        return (
            f"Family or friends asked them to leave{when}: their permission to stay (a "
            "licence, s.175(1)(b)) has ended, so they have no accommodation they are entitled "
            "to occupy, even if they are still there for now: homeless now."
        )
    return None


def _threats(facts: InterviewFacts, *, today: date, policy: Policy) -> tuple[list[_Threat], str]:
    threats = []
    if facts.eviction_on is not None:
        threats.append(
            _Threat(facts.eviction_on, f"Eviction by bailiffs on {_day(facts.eviction_on)}", True)
        )
    if facts.must_leave_on is not None:
        threats.append(
            _Threat(facts.must_leave_on, f"Must leave on {_day(facts.must_leave_on)}", True)
        )
    if facts.possession_date is not None:
        threats.append(
            _Threat(
                facts.possession_date,
                f"Possession order to leave by {_day(facts.possession_date)}",
                False,
            )
        )
    note = ""
    expires = facts.notice_expires_on
    if facts.notice in (NoticeType.SECTION_21, NoticeType.SECTION_8):
        validity = notice_validity(facts, today=today, policy=policy)
        name = (
            "section 21"
            if facts.notice is NoticeType.SECTION_21
            else f"section 8 (ground {validity.ground})"
            if validity.ground
            else "section 8"
        )
        counts = validity.check is NoticeCheck.VALID and (
            facts.notice is NoticeType.SECTION_21 or policy.assessment.section8_counts_as_threatened
        )
        if counts and expires is not None:
            threats.append(_Threat(expires, f"Valid {name} notice expiring {_day(expires)}", False))
        elif validity.check is not NoticeCheck.VALID:
            note = f"The {name} notice does not count. {validity.reason}"
        elif expires is None:
            note = f"The {name} notice counts once its expiry date is recorded."
        else:
            note = (
                "Council policy: a section 8 notice alone does not make them threatened; look at "
                "the court stage and dates."
            )
    elif facts.notice is not NoticeType.NONE and expires is not None:
        threats.append(
            _Threat(expires, f"{facts.notice.label}: to leave by {_day(expires)}", False)
        )
    return threats, note


def _abuse_note(facts: InterviewFacts) -> str:
    if not facts.domestic_abuse or facts.homeless_tonight:
        return ""
    return (
        "Domestic abuse: it is not reasonable to stay where that would probably lead to "
        "domestic abuse (s.177(1)); if it is not safe to stay, they are homeless now."
    )


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)
