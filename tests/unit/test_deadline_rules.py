"""A case's deadlines (`case_deadlines`) and how soon they are due (`due_status`).

Every expected date is worked by hand from the rule and the 2026-27 calendar, not from the
code: England bank holidays Christmas Day Fri 25 Dec 2026; Boxing Day Sat 26 Dec 2026,
substitute Mon 28 Dec 2026; New Year's Day Fri 1 Jan 2027; Good Friday 26 Mar 2027; Easter
Monday 29 Mar 2027; Early May Mon 3 May 2027. Day 0 (the start) is never counted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from housing_tui.accommodation import CostPeriod, Placement, PlacementDuty, PlacementType
from housing_tui.calendar.deadlines import (
    CaseDates,
    Deadline,
    DeadlineKind,
    case_deadlines,
    due_status,
    last_of_days_beginning,
)
from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship
from housing_tui.casework.assessment.next_steps import must_happen
from housing_tui.casework.duties import DAYS_56_ELAPSED, Duty, DutyKind, read_duty_end
from housing_tui.reference.policy import Policy, PolicyError, load_policy

POLICY = load_policy()
TODAY = date(2026, 11, 23)  # a Monday
SHUTDOWN = '[deadlines]\nclosure_days = ["2026-12-29", "2026-12-30", "2026-12-31"]\n'


def _policy(tmp_path: Path, text: str) -> Policy:
    (tmp_path / "policy.toml").write_text(text, "utf-8")
    return load_policy(tmp_path)


def _only(facts: CaseDates, *, today: date = TODAY, policy: Policy = POLICY) -> Deadline:
    found = case_deadlines(facts, today=today, policy=policy)
    assert len(found) == 1, found
    return found[0]


def _due(facts: CaseDates, rule_part: str, *, today: date = TODAY, policy: Policy = POLICY):
    matches = [d for d in case_deadlines(facts, today=today, policy=policy) if rule_part in d.rule]
    assert len(matches) == 1, matches
    return matches[0]


# --- the duties ----------------------------------------------------------------------------------


def test_no_dates_no_deadlines() -> None:
    assert case_deadlines(CaseDates(), today=TODAY, policy=POLICY) == []


def test_prevention_duty_56_days() -> None:
    # "A period of 56 days beginning with the day" (s.195(8)(b)): Mon 23 Nov 2026 is day 1, so
    # day 56 is 23 Nov + 55 days = Sun 17 Jan 2027; calendar days, holidays count.
    deadline = _only(CaseDates(prevention_duty_from=date(2026, 11, 23)))
    assert deadline.due == date(2027, 1, 17)
    assert deadline.kind is DeadlineKind.STATUTORY
    assert "s.195" in deadline.rule and "56 days" in deadline.rule
    assert "Mon 23 Nov 2026" in deadline.what


def test_relief_duty_56_days_and_prevention_ends_when_relief_begins() -> None:
    # Relief from Tue 1 Dec 2026 (day 1): day 56 is 1 Dec + 55 days = Mon 25 Jan 2027. The
    # prevention duty (from Mon 23 Nov) ended when the relief duty began, so it sets no
    # deadline of its own.
    deadline = _only(
        CaseDates(prevention_duty_from=date(2026, 11, 23), relief_duty_from=date(2026, 12, 1))
    )
    assert deadline.due == date(2027, 1, 25)
    assert "s.189B" in deadline.rule
    assert deadline.kind is DeadlineKind.STATUTORY


def test_decision_33_working_days_over_christmas() -> None:
    # Application Mon 7 Dec 2026 (day 0). Dec: 8-11 = 1-4; 14-18 = 5-9; 21-24 = 10-13;
    # Fri 25 and Mon 28 are holidays; 29, 30, 31 = 14-16; Fri 1 Jan holiday; Jan 4-8 = 17-21;
    # 11-15 = 22-26; 18-22 = 27-31; Mon 25 = 32; Tue 26 Jan 2027 = 33.
    deadline = _only(CaseDates(application_on=date(2026, 12, 7)))
    assert deadline.due == date(2027, 1, 26)
    assert deadline.rule == "Council target: decision within 33 working days"
    assert deadline.kind is DeadlineKind.LOCAL_TARGET


def test_decision_with_a_council_christmas_closure(tmp_path: Path) -> None:
    # As above, but 29, 30, 31 Dec are closed: three fewer working days before the New Year,
    # so Tue 26 Jan becomes day 30, and day 33 is Fri 29 Jan 2027.
    council = _policy(tmp_path, SHUTDOWN)
    deadline = _only(CaseDates(application_on=date(2026, 12, 7)), policy=council)
    assert deadline.due == date(2027, 1, 29)


def test_decision_over_easter_and_early_may_2027() -> None:
    # Application Mon 22 Mar 2027. 23-25 Mar = 1-3; Good Friday 26 and Easter Monday 29 off;
    # 30, 31 Mar, 1, 2 Apr = 4-7; Apr 5-9 = 8-12; 12-16 = 13-17; 19-23 = 18-22; 26-30 = 23-27;
    # Mon 3 May off; 4-7 May = 28-31; Mon 10 = 32; Tue 11 May 2027 = 33.
    deadline = _only(CaseDates(application_on=date(2027, 3, 22)), today=date(2027, 3, 22))
    assert deadline.due == date(2027, 5, 11)


def test_the_policy_file_sets_the_decision_target(tmp_path: Path) -> None:
    # 10 working days from Mon 23 Nov 2026, no holidays: Mon 7 Dec 2026.
    council = _policy(tmp_path, "[deadlines]\ndecision_working_days = 10\n")
    deadline = _only(CaseDates(application_on=date(2026, 11, 23)), policy=council)
    assert deadline.due == date(2026, 12, 7)
    assert "within 10 working days" in deadline.rule


# --- 16/17-year-olds and domestic abuse (the interview's "must happen", listed as due) -----------


def _must(key: str, *, today: date, policy: Policy = POLICY, **facts: object) -> Deadline:
    applicant = (Member(Relationship.APPLICANT),)
    found = must_happen(InterviewFacts(members=applicant, **facts), today=today, policy=policy)
    [deadline] = [d for d in found if d.key == key]
    return deadline


def test_16_17_referral_on_the_day_and_joint_assessment_in_10_working_days() -> None:
    # Approach Thu 24 Dec 2026: referral the same day. Joint assessment: Fri 25, Mon 28 off;
    # 29, 30, 31 Dec = 1-3; Fri 1 Jan off; 4-8 Jan = 4-8; Mon 11 = 9; Tue 12 Jan 2027 = 10.
    young = {"approached_on": date(2026, 12, 24), "aged_16_17": True}
    referral = _must("social_care_referral", today=date(2026, 12, 24), **young)
    joint = _must("joint_assessment", today=date(2026, 12, 24), **young)
    assert referral.due == date(2026, 12, 24)
    assert "children's social care" in referral.what
    assert "on the day of approach" in referral.rule
    assert joint.due == date(2027, 1, 12)
    assert "10 working days" in joint.rule
    assert {referral.kind, joint.kind} == {DeadlineKind.PROTOCOL}


def test_16_17_joint_assessment_with_a_closure(tmp_path: Path) -> None:
    # With 29-31 Dec closed: 4-8 Jan = 1-5; 11-14 = 6-9; Fri 15 Jan 2027 = 10.
    council = _policy(tmp_path, SHUTDOWN)
    joint = _must(
        "joint_assessment",
        today=date(2026, 12, 24),
        policy=council,
        approached_on=date(2026, 12, 24),
        aged_16_17=True,
    )
    assert joint.due == date(2027, 1, 15)


def _hardening(approached_on: date, policy: Policy = POLICY) -> Deadline:
    return _must(
        "target_hardening",
        today=approached_on,
        policy=policy,
        approached_on=approached_on,
        domestic_abuse=True,
        wants_to_stay=True,
    )


def test_target_hardening_lands_in_a_closure_and_moves_past_it(tmp_path: Path) -> None:
    # Approach Mon 21 Dec 2026: 22, 23, 24 = 1-3; 25, 28 off; 29 = 4; Wed 30 Dec 2026 = 5.
    deadline = _hardening(date(2026, 12, 21))
    assert deadline.due == date(2026, 12, 30)
    assert deadline.rule == "Council target: target-hardening referral within 5 working days"
    assert deadline.kind is DeadlineKind.LOCAL_TARGET
    # Wed 30 Dec is in the council's closure: 29-31 closed, Fri 1 Jan holiday, so
    # 4 Jan = 4, Tue 5 Jan 2027 = 5.
    assert _hardening(date(2026, 12, 21), _policy(tmp_path, SHUTDOWN)).due == date(2027, 1, 5)


def test_target_hardening_over_easter_and_early_may() -> None:
    # Wed 24 Mar 2027: 25 = 1; 26, 29 off; 30, 31 Mar, 1, 2 Apr = 2-5 -> Fri 2 Apr 2027.
    assert _hardening(date(2027, 3, 24)).due == date(2027, 4, 2)
    # Tue 27 Apr 2027: 28, 29, 30 = 1-3; Mon 3 May off; 4 = 4; Wed 5 May 2027 = 5.
    assert _hardening(date(2027, 4, 27)).due == date(2027, 5, 5)


# --- bed and breakfast ---------------------------------------------------------------------------


def _in_bnb(since: date) -> tuple[Placement, ...]:
    return (
        Placement(
            type=PlacementType.BED_AND_BREAKFAST,
            provider="Station Hotel",
            address="1 Station Road",
            start_on=since,
            end_on=None,
            cost=Decimal("60.00"),
            cost_period=CostPeriod.NIGHTLY,
            duty=PlacementDuty.INTERIM,
        ),
    )


def test_family_in_bnb_at_most_6_weeks() -> None:
    # Mon 23 Nov 2026 + 6 weeks = Mon 4 Jan 2027 (a calendar limit: holidays do not extend it).
    facts = CaseDates(placements=_in_bnb(TODAY), household_has_children_or_pregnancy=True)
    warning, limit = case_deadlines(facts, today=TODAY, policy=POLICY)  # soonest first
    assert limit.due == date(2027, 1, 4) and limit.key == "bnb_family"
    assert "Suitability of Accommodation" in limit.rule and "6 weeks" in limit.rule
    assert limit.kind is DeadlineKind.STATUTORY
    # The warning at 5 weeks: Mon 23 Nov 2026 + 35 days = Mon 28 Dec 2026.
    assert warning.due == date(2026, 12, 28) and warning.key == "bnb_family_warning"


def test_adults_without_children_in_bnb_have_no_6_week_limit() -> None:
    facts = CaseDates(placements=_in_bnb(TODAY))
    assert case_deadlines(facts, today=TODAY, policy=POLICY) == []


@pytest.mark.parametrize("children", [False, True])
def test_16_17_in_bnb_must_move_today(children: bool) -> None:
    facts = CaseDates(
        placements=_in_bnb(date(2026, 11, 20)),
        aged_16_17=True,
        household_has_children_or_pregnancy=children,
    )
    deadline = _only(facts)  # never the 6-week limit: that would suggest B&B is allowed
    assert deadline.due == TODAY
    assert deadline.what.startswith("Move out of B&B today")
    assert "16- or 17-year-old" in deadline.what
    assert due_status(deadline, TODAY) == "due today"


# --- plans, protocols, key dates and inactivity --------------------------------------------------


def test_php_review_28_days_by_default() -> None:
    # Mon 23 Nov 2026 + 28 days = Mon 21 Dec 2026.
    deadline = _only(CaseDates(php_issued_on=date(2026, 11, 23)))
    assert deadline.due == date(2026, 12, 21)
    assert "s.189A(9)" in deadline.rule and "Council choice" in deadline.rule


def test_release_contact_landing_on_new_year_moves_to_the_working_day_before() -> None:
    # Release Fri 15 Jan 2027; 14 days before is Fri 1 Jan 2027, New Year's Day. "At least two
    # weeks before" means earlier, never later: Thu 31 Dec 2026.
    facts = CaseDates(discharge_or_release_on=date(2027, 1, 15))
    contact, relief = case_deadlines(facts, today=TODAY, policy=POLICY)
    assert contact.due == date(2026, 12, 31)
    assert contact.kind is DeadlineKind.PROTOCOL
    assert "Fri 15 Jan 2027" in contact.what
    # The relief duty cannot be recorded ahead (a duty is recorded on the day it starts): the
    # release day itself is the task of starting it.
    assert (relief.due, relief.key, relief.kind) == (
        date(2027, 1, 15),
        "relief_on_leaving",
        DeadlineKind.STATUTORY,
    )
    assert "s.189B(2)" in relief.rule


def test_once_relief_is_owed_the_release_day_is_a_key_date() -> None:
    facts = CaseDates(
        discharge_or_release_on=date(2027, 1, 15), relief_duty_from=date(2026, 11, 23)
    )
    release = _due(facts, "Release or discharge date")
    assert (release.due, release.kind) == (date(2027, 1, 15), DeadlineKind.KEY_DATE)
    assert not [
        d for d in case_deadlines(facts, today=TODAY, policy=POLICY) if d.key == "relief_on_leaving"
    ]


def test_release_contact_with_a_closure_goes_back_before_christmas(tmp_path: Path) -> None:
    # Fri 1 Jan holiday, 31, 30, 29 Dec closed, Mon 28 substitute, weekend, Fri 25 Christmas:
    # Thu 24 Dec 2026.
    facts = CaseDates(discharge_or_release_on=date(2027, 1, 15))
    contact = _due(facts, "protocol", policy=_policy(tmp_path, SHUTDOWN))
    assert contact.due == date(2026, 12, 24)


def test_discharge_contact_over_easter_and_early_may() -> None:
    # Mon 12 Apr 2027 - 14 days = Easter Monday 29 Mar; back over the weekend and Good Friday
    # to Thu 25 Mar 2027.
    facts = CaseDates(discharge_or_release_on=date(2027, 4, 12))
    assert _due(facts, "protocol").due == date(2027, 3, 25)
    # Mon 17 May 2027 - 14 days = Mon 3 May (Early May) -> Fri 30 Apr 2027.
    facts = CaseDates(discharge_or_release_on=date(2027, 5, 17))
    assert _due(facts, "protocol").due == date(2027, 4, 30)


def test_key_dates_in_the_past_are_left_out_but_overdue_actions_stay() -> None:
    facts = CaseDates(
        notice_expires_on=date(2026, 11, 20),  # past: an event, not a task
        hearing_on=date(2026, 12, 3),
        eviction_on=date(2027, 1, 6),
        last_activity_on=date(2026, 11, 2),  # + 14 days = Mon 16 Nov 2026: overdue
    )
    found = case_deadlines(facts, today=TODAY, policy=POLICY)
    assert [(d.due, d.kind) for d in found] == [
        (date(2026, 11, 16), DeadlineKind.LOCAL_TARGET),
        (date(2026, 12, 3), DeadlineKind.KEY_DATE),
        (date(2027, 1, 6), DeadlineKind.KEY_DATE),
    ]
    assert due_status(found[0], TODAY) == "overdue"
    assert "Mon 2 Nov 2026" in found[0].what
    assert "14 days" in found[0].rule


def test_a_full_case_is_sorted_by_due_date() -> None:
    facts = CaseDates(
        approached_on=date(2026, 11, 23),
        prevention_duty_from=date(2026, 11, 23),  # day 56: Sun 17 Jan 2027
        application_on=date(2026, 12, 7),  # Tue 26 Jan 2027
        php_issued_on=date(2026, 11, 23),  # Mon 21 Dec 2026
        notice_expires_on=date(2027, 1, 4),  # Mon 4 Jan 2027
        last_activity_on=date(2026, 11, 23),  # Mon 7 Dec 2026
    )
    found = case_deadlines(facts, today=TODAY, policy=POLICY)
    assert [d.due for d in found] == [
        date(2026, 12, 7),
        date(2026, 12, 21),
        date(2027, 1, 4),
        date(2027, 1, 17),
        date(2027, 1, 26),
    ]
    assert all(d.what and d.rule for d in found)


# --- due_status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (date(2026, 11, 22), "overdue"),
        (date(2026, 11, 23), "due today"),
        (date(2026, 11, 24), "due this week"),
        (date(2026, 11, 30), "due this week"),  # today + 7: still within the next 7 days
        (date(2026, 12, 1), "later"),
    ],
)
def test_due_status(due: date, status: str) -> None:
    deadline = Deadline("x", due, "a rule", DeadlineKind.LOCAL_TARGET)
    assert due_status(deadline, TODAY) == status


# --- the [deadlines] section of the policy file --------------------------------------------------


def test_shipped_deadlines_policy() -> None:
    rules = POLICY.deadlines
    assert rules.closure_days == frozenset()
    assert (rules.prevention_duty_days, rules.relief_duty_days) == (56, 56)
    assert rules.decision_working_days == 33
    assert rules.social_care_referral_days == 0
    assert rules.php_review_days == 28
    assert rules.protocol_contact_days_before == 14
    assert rules.inactivity_days == 14


def test_closure_days_accept_quoted_iso_dates_and_toml_dates(tmp_path: Path) -> None:
    council = _policy(tmp_path, '[deadlines]\nclosure_days = ["2026-12-29", 2026-12-30]\n')
    assert council.deadlines.closure_days == {date(2026, 12, 29), date(2026, 12, 30)}
    # The rest of the policy keeps the shipped values.
    assert council.deadlines.decision_working_days == 33
    assert council.assessment == POLICY.assessment


@pytest.mark.parametrize(
    "value",
    ['["2026-13-01"]', '["2026-02-30"]', '["29/12/2026"]', '"2026-12-29"', "[2026-12-29T09:00:00]"],
)
def test_a_bad_closure_day_is_refused_naming_the_key(tmp_path: Path, value: str) -> None:
    (tmp_path / "policy.toml").write_text(f"[deadlines]\nclosure_days = {value}\n", "utf-8")
    with pytest.raises(PolicyError, match=r"deadlines\.closure_days"):
        load_policy(tmp_path)


@pytest.mark.parametrize(
    "key",
    [
        "prevention_duty_days",
        "relief_duty_days",
        "decision_working_days",
        "social_care_referral_days",
        "php_review_days",
        "protocol_contact_days_before",
        "inactivity_days",
    ],
)
def test_a_bad_threshold_is_refused_naming_the_key(tmp_path: Path, key: str) -> None:
    (tmp_path / "policy.toml").write_text(f"[deadlines]\n{key} = -1\n", "utf-8")
    with pytest.raises(PolicyError, match=rf"deadlines\.{key}"):
        load_policy(tmp_path)


def test_the_56_days_begin_with_the_start_day_one_function_for_the_duty_and_the_due_list() -> None:
    # The case: a duty from Sun 6 Dec 2026. "56 days beginning with" that day: 6 Dec is
    # day 1, 31 Dec day 26, 30 Jan 2027 day 56. The duty "runs at least to" Sat 30 Jan 2027 and
    # the due list's "are up" day is the same; "56 days elapsed" can end it from Sun 31 Jan.
    started = date(2026, 12, 6)
    assert last_of_days_beginning(started, 56) == date(2027, 1, 30)
    duty = Duty(id="d", kind=DutyKind.RELIEF, started_on=started)
    review = _only(CaseDates(relief_duty_from=started))
    assert duty.last_day_of_56 == review.due == date(2027, 1, 30)
    _, errors = read_duty_end(
        {"ended_on": "30/01/2027", "end_reason": DAYS_56_ELAPSED}, duty=duty, today=date(2027, 2, 1)
    )
    assert "end_reason" in errors
    _, errors = read_duty_end(
        {"ended_on": "31/01/2027", "end_reason": DAYS_56_ELAPSED}, duty=duty, today=date(2027, 2, 1)
    )
    assert errors == {}
