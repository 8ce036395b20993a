"""Homeless, or threatened with homelessness, from the facts of where they stay (issue 14), not
from the "Homeless tonight" tick alone.

Housing Act 1996 s.175(1): a person is homeless if they have no accommodation available for
their occupation which they (a) are entitled to occupy by an interest in it or a court order,
(b) have an express or implied licence to occupy, or (c) occupy as a residence by a right to
remain or a restriction on another's right to recover possession. Someone staying with family
or friends occupies on a bare licence (b): it ends when they are asked to go (on the date given,
if one is); sharing the host's home, they are excluded occupiers, so no court order is needed
first (Protection from Eviction Act 1977 s.3A(2)-(3)). s.175(4): threatened with homelessness
if likely to become homeless within 56 days. Sofa surfing night to night is no fixed abode.

Today is Mon 23 Nov 2026; the approach was that day.
"""

from __future__ import annotations

from datetime import date

from housing_tui.casework.assessment.facts import (
    Answer,
    InterviewFacts,
    Member,
    NoticeType,
    Relationship,
    Tenure,
)
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.casework.case_summary import urgency
from housing_tui.reference.codes import Urgency
from housing_tui.reference.policy import load_policy

TODAY = date(2026, 11, 23)
POLICY = load_policy()
ADULT = (Member(Relationship.APPLICANT, date_of_birth=date(1990, 4, 3)),)


def _status(**facts: object) -> HomelessStatus:
    found = homelessness_status(
        InterviewFacts(members=ADULT, approached_on=TODAY, **facts),
        today=TODAY,
        policy=POLICY,
    )
    return found.status


def test_asked_to_leave_by_family_with_no_date_is_homeless_now() -> None:
    # The licence to stay ended when they were asked to go: s.175(1)(b) no longer applies.
    facts = InterviewFacts(
        members=ADULT,
        approached_on=TODAY,
        tenure=Tenure.FAMILY_FRIENDS,
        notice=NoticeType.FAMILY_FRIENDS,
    )
    found = homelessness_status(facts, today=TODAY, policy=POLICY)
    assert found.status is HomelessStatus.HOMELESS
    assert "s.175(1)(b)" in found.reason and "asked them to leave" in found.reason


def test_asked_to_leave_by_a_date_that_has_passed_is_homeless_even_if_still_there() -> None:
    # Told to go by Sun 22 Nov 2026: the licence ended then; staying on is not a right to stay.
    assert (
        _status(notice=NoticeType.FAMILY_FRIENDS, notice_expires_on=date(2026, 11, 22))
        is HomelessStatus.HOMELESS
    )


def test_asked_to_leave_by_a_date_within_56_days_is_threatened_and_says_why() -> None:
    # To leave by Mon 14 Dec 2026: 21 days from Mon 23 Nov, within 56: threatened (s.175(4)).
    facts = InterviewFacts(
        members=ADULT,
        approached_on=TODAY,
        notice=NoticeType.FAMILY_FRIENDS,
        notice_expires_on=date(2026, 12, 14),
    )
    found = homelessness_status(facts, today=TODAY, policy=POLICY)
    assert found.status is HomelessStatus.THREATENED
    assert "Family or friends asked them to leave" in found.reason
    assert "in 21 days" in found.reason


def test_staying_with_friends_who_do_not_let_them_stay_is_homeless() -> None:
    # No licence at all (s.175(1)(b)), whatever the tick says.
    assert _status(tenure=Tenure.FAMILY_FRIENDS, allowed_to_stay=False) is HomelessStatus.HOMELESS
    assert (
        _status(hclic_accommodation_at_application="living_with_friends", allowed_to_stay=False)
        is HomelessStatus.HOMELESS
    )
    # Allowed to stay, and not asked to go: they have accommodation; advice.
    assert (
        _status(tenure=Tenure.FAMILY_FRIENDS, allowed_to_stay=True) is HomelessStatus.NOT_HOMELESS
    )


def test_sofa_surfing_is_no_fixed_abode_and_homeless() -> None:
    assert _status(tenure=Tenure.NO_ACCOMMODATION) is HomelessStatus.HOMELESS
    assert _status(hclic_accommodation_at_application="no_fixed_abode") is HomelessStatus.HOMELESS


def test_the_17_year_old_asked_to_leave_by_his_mother_on_a_friends_sofa() -> None:
    # The scenario: 17 (born 1 Jun 2009), his mother asked him to leave, on a friend's
    # sofa since last night; "Homeless tonight" not ticked. Homeless (s.175(1)), in priority
    # need at 16 or 17 (Priority Need Order 2002 art. 3), so the relief duty (s.189B) and the
    # case is "Homeless tonight", not "Advice only".
    facts = InterviewFacts(
        members=(Member(Relationship.APPLICANT, date_of_birth=date(2009, 6, 1)),),
        approached_on=TODAY,
        tenure=Tenure.NO_ACCOMMODATION,
        notice=NoticeType.FAMILY_FRIENDS,
        hclic_accommodation_at_application="no_fixed_abode",
        homeless_tonight=False,
    )
    found = homelessness_status(facts, today=TODAY, policy=POLICY)
    assert found.status is HomelessStatus.HOMELESS
    assert found.status.label == "Homeless: relief duty"
    assert priority_need(facts, today=TODAY).answer is Answer.YES
    assert urgency(facts, today=TODAY, policy=POLICY).urgency is Urgency.HOMELESS_TONIGHT


def test_a_recorded_relief_duty_stands_over_thin_answers() -> None:
    # The council was satisfied they were homeless when it recorded the relief duty (s.189B(1)).
    found = homelessness_status(
        InterviewFacts(members=ADULT, approached_on=TODAY, relief_duty_from=TODAY),
        today=TODAY,
        policy=POLICY,
    )
    assert found.status is HomelessStatus.HOMELESS
    assert "relief duty is owed from Mon 23 Nov 2026" in found.reason
