"""The housing options interview rules, with worked examples written from the law (DOMAIN.md)
and counted by hand, never copied from what the code returned.

The rules: threatened = likely homeless within 56 days (s.175(4)); a valid section 21 notice
expiring within 56 days counts (s.175(5)), and by council policy a valid section 8 notice too;
no section 21 notice can be served after 30 April 2026 and claims on older ones had to be
issued by 31 July 2026 (Renters' Rights Act 2025); priority need categories of s.189 and the
Priority Need Order 2002; local connection on 6 of 12 months / 3 of 5 years (s.199); interim
accommodation on reason to believe (s.188); the team's targets in working days."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from housing_tui.calendar.deadlines import add_working_days, is_working_day
from housing_tui.casework.assessment.consistency import consistency_problems
from housing_tui.casework.assessment.eligibility import Eligibility, eligibility
from housing_tui.casework.assessment.facts import (
    Answer,
    CourtStage,
    ImmigrationStatus,
    InterviewFacts,
    Member,
    NoticeType,
    Relationship,
    Tenure,
    Vulnerability,
)
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.assessment.interim_accommodation import interim_accommodation
from housing_tui.casework.assessment.local_connection import local_connection
from housing_tui.casework.assessment.missing import missing_items
from housing_tui.casework.assessment.next_steps import must_happen
from housing_tui.casework.assessment.notices import NoticeCheck, notice_validity
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.money.amounts import Frequency
from housing_tui.reference.codes import Channel
from housing_tui.reference.policy import PolicyError, load_policy

TODAY = date(2026, 11, 23)
"""Monday 23 November 2026."""

POLICY = load_policy()

ADULT = Member(Relationship.APPLICANT, date_of_birth=date(1990, 4, 3))


def _facts(**changes) -> InterviewFacts:
    return InterviewFacts(**({"members": (ADULT,)} | changes))


def _applicant_born(born: date, **changes) -> InterviewFacts:
    return _facts(members=(Member(Relationship.APPLICANT, date_of_birth=born),), **changes)


def _policy(tmp_path: Path, text: str):
    (tmp_path / "policy.toml").write_text(text, "utf-8")
    return load_policy(tmp_path)


# --- section 21 after the Renters' Rights Act ----------------------------------------------------


def _s21(served: date, **changes) -> InterviewFacts:
    """A private tenant's section 21 notice giving two months, as one had to."""
    notice = {
        "tenure": Tenure.PRIVATE_RENTED,
        "notice": NoticeType.SECTION_21,
        "notice_served_on": served,
        "notice_expires_on": served + relativedelta(months=2),
    }
    return _facts(**(notice | changes))


def test_section_21_served_on_30_april_2026_is_valid_while_a_claim_can_be_issued() -> None:
    result = notice_validity(_s21(date(2026, 4, 30)), today=date(2026, 5, 15), policy=POLICY)
    assert result.check is NoticeCheck.VALID
    assert "31 July 2026" in result.reason


def test_section_21_served_on_1_may_2026_is_not_valid() -> None:
    result = notice_validity(_s21(date(2026, 5, 1)), today=date(2026, 5, 15), policy=POLICY)
    assert result.check is NoticeCheck.NOT_VALID
    assert "no section 21 notice can be served after 30 April 2026" in result.reason
    assert "Renters' Rights Act 2025" in result.reason


def test_section_21_30_april_vs_1_may_checked_in_late_november() -> None:
    # By 23 November 2026 the 30 April notice is spent (no claim by 31 July); the 1 May one
    # was never valid at all.
    served_30_april = notice_validity(_s21(date(2026, 4, 30)), today=TODAY, policy=POLICY)
    served_1_may = notice_validity(_s21(date(2026, 5, 1)), today=TODAY, policy=POLICY)
    assert served_30_april.check is NoticeCheck.SPENT
    assert served_1_may.check is NoticeCheck.NOT_VALID


def test_section_21_served_in_march_with_no_claim_is_spent_by_late_november() -> None:
    result = notice_validity(_s21(date(2026, 3, 10)), today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.SPENT
    assert "31 July 2026" in result.reason


def test_section_21_served_in_march_with_a_claim_issued_in_july_goes_on_at_court() -> None:
    facts = _s21(
        date(2026, 3, 10), court_stage=CourtStage.CLAIM_ISSUED, claim_issued_on=date(2026, 7, 20)
    )
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.VALID
    assert "court case continues" in result.reason


def test_section_21_claim_issued_after_31_july_2026_is_too_late() -> None:
    facts = _s21(date(2026, 3, 10), claim_issued_on=date(2026, 8, 3))
    assert notice_validity(facts, today=TODAY, policy=POLICY).check is NoticeCheck.SPENT


def test_section_21_can_still_be_used_on_31_july_but_not_on_1_august() -> None:
    facts = _s21(date(2026, 3, 10))
    on_the_day = notice_validity(facts, today=date(2026, 7, 31), policy=POLICY)
    day_after = notice_validity(facts, today=date(2026, 8, 1), policy=POLICY)
    assert on_the_day.check is NoticeCheck.VALID
    assert day_after.check is NoticeCheck.SPENT


def test_section_21_six_months_from_service_can_come_before_31_july() -> None:
    # Served 15 January 2026: the six months beginning with that day end on 14 July 2026
    # (Housing Act 1988 s.21(4D)), earlier than 31 July, so a claim on 20 July is too late.
    facts = _s21(date(2026, 1, 15), claim_issued_on=date(2026, 7, 20))
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.SPENT
    assert "14 July 2026" in result.reason
    in_time = _s21(date(2026, 1, 15), claim_issued_on=date(2026, 7, 14))
    assert notice_validity(in_time, today=TODAY, policy=POLICY).check is NoticeCheck.VALID


def test_section_21_with_less_than_two_months_notice_needs_checking() -> None:
    facts = _facts(
        notice=NoticeType.SECTION_21,
        notice_served_on=date(2026, 3, 1),
        notice_expires_on=date(2026, 4, 20),
    )
    result = notice_validity(facts, today=date(2026, 4, 1), policy=POLICY)
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert "2 months" in result.reason


def test_section_21_without_a_served_date_needs_checking() -> None:
    facts = _facts(notice=NoticeType.SECTION_21)
    assert notice_validity(facts, today=TODAY, policy=POLICY).check is NoticeCheck.NEEDS_CHECKING


def test_council_can_correct_the_last_claim_date(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[assessment]\nsection21_last_claim_date = 2026-08-31\n")
    facts = _s21(date(2026, 4, 1), claim_issued_on=date(2026, 8, 10))
    assert notice_validity(facts, today=TODAY, policy=POLICY).check is NoticeCheck.SPENT
    assert notice_validity(facts, today=TODAY, policy=council).check is NoticeCheck.VALID


def test_social_landlords_keeping_section_21_is_a_policy_switch(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[assessment]\nsocial_landlords_keep_section21 = true\n")
    social = _s21(date(2026, 10, 1), tenure=Tenure.SOCIAL_RENTED)
    private = _s21(date(2026, 10, 1), tenure=Tenure.PRIVATE_RENTED)
    assert notice_validity(social, today=TODAY, policy=POLICY).check is NoticeCheck.NOT_VALID
    assert notice_validity(social, today=TODAY, policy=council).check is NoticeCheck.VALID
    assert notice_validity(private, today=TODAY, policy=council).check is NoticeCheck.NOT_VALID


# --- section 8 -----------------------------------------------------------------------------------


def _s8(ground: str | None, served: date, expires: date, **changes) -> InterviewFacts:
    return _facts(
        tenure=Tenure.PRIVATE_RENTED,
        notice=NoticeType.SECTION_8,
        section8_ground=ground,
        notice_served_on=served,
        notice_expires_on=expires,
        **changes,
    )


GROUND_8_MADE_OUT = {
    "rent_amount": Decimal("950.00"),
    "rent_frequency": Frequency.MONTHLY,
    "arrears_total": Decimal("2850.00"),
}
"""Ground 8 since 1 May 2026 needs 3 months' rent unpaid where rent is paid monthly:
3 x 950.00 = 2,850.00, and 2,850.00 is owed (at least that: made out)."""

TENANCY_OF_2024 = {"tenancy_started_on": date(2024, 3, 1)}
"""A tenancy well past its first 12 months (grounds 1 and 1A)."""


def test_section_8_is_valid_with_its_ground_shown() -> None:
    # Ground 8 needs 4 weeks: served Mon 2 Nov, 28 days later is Mon 30 Nov.
    result = notice_validity(
        _s8("8", date(2026, 11, 2), date(2026, 11, 30), **GROUND_8_MADE_OUT),
        today=TODAY,
        policy=POLICY,
    )
    assert result.check is NoticeCheck.VALID
    assert result.ground == "8"
    assert "ground 8 (Serious rent arrears)" in result.reason
    assert "£2,850.00" in result.reason and "at the hearing" in result.reason


def test_section_8_ground_8_with_27_days_notice_needs_checking() -> None:
    result = notice_validity(
        _s8("8", date(2026, 11, 2), date(2026, 11, 29), **GROUND_8_MADE_OUT),
        today=TODAY,
        policy=POLICY,
    )
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert "4 weeks" in result.reason


def test_section_8_ground_is_read_as_written() -> None:
    # Ground 1A needs 4 months: 1 Sep 2026 + 4 months = 1 Jan 2027.
    facts = _s8("ground 1a", date(2026, 9, 1), date(2027, 1, 1), **TENANCY_OF_2024)
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.VALID
    assert result.ground == "1A"


def test_ground_8_below_three_months_rent_is_not_made_out() -> None:
    # The issue's case: 950.00 pcm, 1,800.00 owed. 3 months' rent = 3 x 950.00 = 2,850.00;
    # 1,800.00 < 2,850.00 (under 2 months' rent), so ground 8 is not made out, whatever the
    # notice period (2 Nov + 28 days = 30 Nov: long enough).
    facts = _s8(
        "8",
        date(2026, 11, 2),
        date(2026, 11, 30),
        **(GROUND_8_MADE_OUT | {"arrears_total": Decimal("1800.00")}),
    )
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.GROUND_NOT_MADE_OUT
    assert "£1,800.00 owed" in result.reason and "£2,850.00" in result.reason
    # A penny short is short: 2,849.99 < 2,850.00.
    one_penny_short = _s8(
        "8",
        date(2026, 11, 2),
        date(2026, 11, 30),
        **(GROUND_8_MADE_OUT | {"arrears_total": Decimal("2849.99")}),
    )
    assert notice_validity(one_penny_short, today=TODAY, policy=POLICY).check is (
        NoticeCheck.GROUND_NOT_MADE_OUT
    )
    # It does not make them threatened: the notice does not count (the policy switch aside).
    status = _status(facts)
    assert status.status is HomelessStatus.NOT_HOMELESS
    assert "not made out" in status.reason


def test_ground_8_on_weekly_rent_counts_13_weeks() -> None:
    # 200.00 pw: 13 weeks' rent = 13 x 200.00 = 2,600.00. 2,600.00 owed is enough; 2,599.99
    # is not. (3 "months" of 200 pw would be 200 x 52 / 12 x 3 = 2,600.00 too, so also check
    # fortnightly: 400.00 every 2 weeks is 13 x 200.00 = 2,600.00 as well.)
    weekly = {"rent_amount": Decimal("200.00"), "rent_frequency": Frequency.WEEKLY}
    for owed, expected in (
        ("2600.00", NoticeCheck.VALID),
        ("2599.99", NoticeCheck.GROUND_NOT_MADE_OUT),
    ):
        facts = _s8(
            "8", date(2026, 11, 2), date(2026, 11, 30), **weekly, arrears_total=Decimal(owed)
        )
        assert notice_validity(facts, today=TODAY, policy=POLICY).check is expected
    fortnightly = {"rent_amount": Decimal("400.00"), "rent_frequency": Frequency.FORTNIGHTLY}
    facts = _s8(
        "8", date(2026, 11, 2), date(2026, 11, 30), **fortnightly, arrears_total=Decimal("2599.99")
    )
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.GROUND_NOT_MADE_OUT
    assert "13 weeks' rent" in result.reason and "£2,600.00" in result.reason


def test_ground_8_without_the_rent_or_arrears_needs_checking() -> None:
    facts = _s8("8", date(2026, 11, 2), date(2026, 11, 30))
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert "Record the rent and the arrears" in result.reason


def test_ground_1a_needs_four_months_notice() -> None:
    # Ground 1A (landlord selling) needs 4 months: served Tue 1 Sep 2026, it cannot expire
    # before Fri 1 Jan 2027. Two months' notice (to 1 Nov) was enough for section 21, not here.
    facts = _s8("1A", date(2026, 9, 1), date(2026, 11, 1), **TENANCY_OF_2024)
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert "4 months' notice" in result.reason and "Fri 1 Jan 2027" in result.reason
    # The day before the earliest is still short: 31 Dec 2026.
    short = _s8("1A", date(2026, 9, 1), date(2026, 12, 31), **TENANCY_OF_2024)
    assert notice_validity(short, today=TODAY, policy=POLICY).check is NoticeCheck.NEEDS_CHECKING


def test_ground_1_cannot_end_a_tenancy_in_its_first_12_months() -> None:
    # Tenancy began Mon 1 Jun 2026: the first 12 months run to 31 May 2027, so a ground 1
    # notice cannot expire before Tue 1 Jun 2027. Served 1 Sep 2026 with 4 months (1 Jan
    # 2027) it has the period but falls inside the first year: not valid.
    began = {"tenancy_started_on": date(2026, 6, 1)}
    facts = _s8("1", date(2026, 9, 1), date(2027, 1, 1), **began)
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NOT_VALID
    assert "Tue 1 Jun 2027" in result.reason
    # Served 1 Feb 2027 expiring 1 Jun 2027: 4 months and not in the first year.
    later = _s8("1", date(2027, 2, 1), date(2027, 6, 1), **began)
    assert notice_validity(later, today=TODAY, policy=POLICY).check is NoticeCheck.VALID
    # Without the tenancy's start the officer is asked for it.
    unknown = notice_validity(
        _s8("1A", date(2026, 9, 1), date(2027, 1, 1)), today=TODAY, policy=POLICY
    )
    assert unknown.check is NoticeCheck.NEEDS_CHECKING
    assert "Record when the tenancy began" in unknown.reason


def test_section_8_on_several_grounds_needs_the_longest_period() -> None:
    # Grounds 8 (4 weeks) and 1A (4 months) on one notice: 4 months applies. Served 2 Nov 2026,
    # expiring 30 Nov 2026 (28 days) is too short for ground 1A.
    facts = _s8(
        "Grounds 8 and 1A",
        date(2026, 11, 2),
        date(2026, 11, 30),
        **GROUND_8_MADE_OUT,
        **TENANCY_OF_2024,
    )
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert result.ground == "8, 1A"
    assert "4 months' notice" in result.reason


def test_a_ground_the_schedule_does_not_have_needs_checking() -> None:
    # Ground 3 (former holiday let) and 16 went with the Renters' Rights Act 2025.
    facts = _s8("3", date(2026, 9, 1), date(2027, 1, 1))
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NEEDS_CHECKING
    assert "not a ground" in result.reason


def test_every_ground_in_the_policy_has_a_period_and_cites_nothing_unknown() -> None:
    grounds = POLICY.assessment.section8_grounds
    # Housing Act 1988 Sch 2 as amended: the landlord's own grounds need 4 months.
    for ground in ("1", "1A", "1B", "2", "2ZA", "2ZB", "2ZC", "2ZD", "4A", "6", "6A", "6B"):
        assert grounds[ground].notice == "4 months' notice", ground
    for ground in ("8", "10", "11", "18", "5E", "5F", "5G"):
        assert grounds[ground].notice == "4 weeks' notice", ground
    assert grounds["14"].earliest_expiry(date(2026, 11, 2)) == date(2026, 11, 2)
    assert (grounds["1"].not_within_first_months, grounds["1A"].not_within_first_months) == (
        12,
        12,
    )
    assert (grounds["8"].arrears_months, grounds["8"].arrears_weeks) == (3, 13)
    assert "3" not in grounds and "16" not in grounds


def test_section_8_without_a_ground_needs_checking() -> None:
    facts = _s8(None, date(2026, 11, 2), date(2026, 11, 30))
    assert notice_validity(facts, today=TODAY, policy=POLICY).check is NoticeCheck.NEEDS_CHECKING


def test_other_notices_are_described_not_checked() -> None:
    facts = _facts(notice=NoticeType.FAMILY_FRIENDS, notice_expires_on=date(2026, 12, 1))
    result = notice_validity(facts, today=TODAY, policy=POLICY)
    assert result.check is NoticeCheck.NOT_APPLICABLE
    assert "mediation" in result.reason
    assert notice_validity(_facts(), today=TODAY, policy=POLICY).check is (
        NoticeCheck.NOT_APPLICABLE
    )


# --- homeless, threatened within 56 days, or not yet ---------------------------------------------


def _status(facts: InterviewFacts, policy=POLICY):
    return homelessness_status(facts, today=TODAY, policy=policy)


def test_homeless_tonight_is_the_relief_duty() -> None:
    result = _status(_facts(homeless_tonight=True))
    assert result.status is HomelessStatus.HOMELESS
    assert "relief duty" in result.reason


def test_must_leave_in_exactly_56_days_is_threatened() -> None:
    # 23 Nov 2026 + 56 days: 7 to 30 Nov, 31 in December (38), 18 more: Mon 18 Jan 2027.
    result = _status(_facts(must_leave_on=date(2027, 1, 18)))
    assert result.status is HomelessStatus.THREATENED
    assert "prevention duty" in result.reason


def test_must_leave_in_57_days_is_not_yet_threatened_and_prevention_starts_tomorrow() -> None:
    result = _status(_facts(must_leave_on=date(2027, 1, 19)))
    assert result.status is HomelessStatus.NOT_YET_THREATENED
    assert result.prevention_from == date(2026, 11, 24)
    assert "Tue 24 Nov 2026" in result.reason


def test_must_leave_today_is_homeless() -> None:
    assert _status(_facts(must_leave_on=TODAY)).status is HomelessStatus.HOMELESS


def test_eviction_by_bailiffs_today_is_homeless() -> None:
    assert _status(_facts(eviction_on=TODAY)).status is HomelessStatus.HOMELESS


def test_possession_date_passed_but_still_in_the_home_is_threatened_not_homeless() -> None:
    facts = _facts(court_stage=CourtStage.POSSESSION_ORDER, possession_date=date(2026, 11, 20))
    result = _status(facts)
    assert result.status is HomelessStatus.THREATENED
    assert "bailiffs" in result.reason


def test_valid_section_8_expiring_within_56_days_is_threatened_by_default() -> None:
    facts = _s8("8", date(2026, 11, 16), date(2026, 12, 14), **GROUND_8_MADE_OUT)
    assert _status(facts).status is HomelessStatus.THREATENED


def test_section_8_switch_off_means_the_notice_alone_is_not_a_threat(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[assessment]\nsection8_counts_as_threatened = false\n")
    facts = _s8("8", date(2026, 11, 16), date(2026, 12, 14), **GROUND_8_MADE_OUT)
    result = _status(facts, council)
    assert result.status is HomelessStatus.NOT_HOMELESS
    assert "court stage" in result.reason


def test_valid_section_8_expiring_in_57_days_is_not_yet_threatened() -> None:
    facts = _s8("1A", date(2026, 9, 19), date(2027, 1, 19), **TENANCY_OF_2024)
    result = _status(facts)
    assert result.status is HomelessStatus.NOT_YET_THREATENED
    assert result.prevention_from == date(2026, 11, 24)


def test_invalid_section_21_does_not_make_them_threatened() -> None:
    facts = _s21(date(2026, 10, 1))  # served after 30 April 2026; "expires" 1 Dec 2026
    result = _status(facts)
    assert result.status is HomelessStatus.NOT_HOMELESS
    assert "not valid" in result.reason


def test_old_section_21_at_court_with_a_possession_date_is_threatened() -> None:
    facts = _s21(
        date(2026, 3, 10),
        court_stage=CourtStage.POSSESSION_ORDER,
        claim_issued_on=date(2026, 7, 20),
        possession_date=date(2026, 12, 10),
    )
    assert _status(facts).status is HomelessStatus.THREATENED


def test_family_asking_them_to_leave_in_8_days_is_threatened() -> None:
    facts = _facts(notice=NoticeType.FAMILY_FRIENDS, notice_expires_on=date(2026, 12, 1))
    result = _status(facts)
    assert result.status is HomelessStatus.THREATENED
    assert "in 8 days" in result.reason


def test_no_date_and_no_notice_is_not_homeless() -> None:
    assert _status(_facts()).status is HomelessStatus.NOT_HOMELESS


def test_domestic_abuse_reminds_that_an_unsafe_home_is_no_home() -> None:
    result = _status(_facts(domestic_abuse=True))
    assert "s.177(1)" in result.reason


def test_council_window_of_28_days(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[triage]\nthreatened_within_days = 28\n")
    facts = _facts(must_leave_on=TODAY + timedelta(days=40))
    assert _status(facts).status is HomelessStatus.THREATENED
    assert _status(facts, council).status is HomelessStatus.NOT_YET_THREATENED


# --- eligibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (ImmigrationStatus.BRITISH_OR_IRISH, Eligibility.ELIGIBLE),
        (ImmigrationStatus.EEA_SETTLED, Eligibility.ELIGIBLE),
        (ImmigrationStatus.EEA_PRE_SETTLED, Eligibility.NEEDS_CHECKING),
        (ImmigrationStatus.LEAVE_WITH_RECOURSE, Eligibility.ELIGIBLE),
        (ImmigrationStatus.NO_RECOURSE, Eligibility.NOT_ELIGIBLE),
        (ImmigrationStatus.ASYLUM_SEEKER, Eligibility.NOT_ELIGIBLE),
        (ImmigrationStatus.NOT_KNOWN, Eligibility.NEEDS_CHECKING),
    ],
)
def test_eligibility(status: ImmigrationStatus, expected: Eligibility) -> None:
    result = eligibility(_facts(immigration_status=status))
    assert result.answer is expected
    assert result.reason


def test_pre_settled_status_needs_a_right_to_reside() -> None:
    assert (
        "right to reside"
        in eligibility(_facts(immigration_status=ImmigrationStatus.EEA_PRE_SETTLED)).reason
    )


def test_british_citizen_just_back_from_abroad_needs_habitual_residence_checked() -> None:
    result = eligibility(
        _facts(
            immigration_status=ImmigrationStatus.BRITISH_OR_IRISH, recently_came_to_live_in_uk=True
        )
    )
    assert result.answer is Eligibility.NEEDS_CHECKING
    assert "habitually resident" in result.reason


# --- priority need -------------------------------------------------------------------------------


def _need(facts: InterviewFacts):
    return priority_need(facts, today=TODAY)


def test_nobody_in_priority_need() -> None:
    assert _need(_facts()).answer is Answer.NO


def test_pregnancy_is_priority_need() -> None:
    members = (ADULT, Member(Relationship.PARTNER, pregnant=True, due_date=date(2027, 3, 1)))
    result = _need(_facts(members=members))
    assert result.answer is Answer.YES
    assert "Pregnant" in result.reason


def test_dependent_children_are_priority_need() -> None:
    members = (ADULT, Member(Relationship.CHILD, date(2020, 1, 1), dependent_child=True))
    assert _need(_facts(members=members)).answer is Answer.YES


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(2009, 6, 1), Answer.YES),  # 17 on 23 Nov 2026
        (date(2008, 11, 24), Answer.YES),  # 18 tomorrow: still 17 today
        (date(2008, 11, 23), Answer.NO),  # 18 today
        (date(2010, 11, 23), Answer.YES),  # 16 today
    ],
)
def test_16_and_17_year_olds_from_the_date_of_birth(born: date, expected: Answer) -> None:
    assert _need(_applicant_born(born)).answer is expected


def test_16_or_17_tick_counts_when_there_is_no_date_of_birth() -> None:
    facts = _facts(members=(Member(Relationship.APPLICANT),), aged_16_17=True)
    assert _need(facts).answer is Answer.YES


@pytest.mark.parametrize(
    ("born", "age"),
    [(date(2008, 11, 23), 18), (date(2006, 1, 1), 20), (date(2006, 11, 24), 19)],
)
def test_care_leaver_aged_18_to_20_is_priority_need(born: date, age: int) -> None:
    result = _need(_applicant_born(born, care_leaver=True))
    assert result.answer is Answer.YES
    assert f"aged {age}" in result.reason


def test_care_leaver_aged_21_is_not_automatic_priority_need() -> None:
    # Born 1 June 2005: 21 on 23 November 2026. Only if vulnerable as a result of being in care.
    result = _need(_applicant_born(date(2005, 6, 1), care_leaver=True))
    assert result.answer is not Answer.YES
    assert result.answer is Answer.MAYBE
    assert "vulnerable" in result.reason


def test_care_leaver_turning_21_today_is_no_longer_automatic() -> None:
    result = _need(_applicant_born(date(2005, 11, 23), care_leaver=True))
    assert result.answer is Answer.MAYBE


def test_domestic_abuse_victim_homeless_as_a_result_is_automatic_priority_need() -> None:
    result = _need(_facts(domestic_abuse=True))
    assert result.answer is Answer.YES
    assert "July 2021" in result.reason


def test_domestic_abuse_that_is_not_why_they_are_homeless_needs_an_assessment() -> None:
    assert _need(_facts(domestic_abuse=True, abuse_is_why_homeless=False)).answer is Answer.MAYBE


def test_emergency_is_priority_need() -> None:
    assert _need(_facts(emergency=True)).answer is Answer.YES


@pytest.mark.parametrize("vulnerability", list(Vulnerability))
def test_vulnerability_needs_an_assessment(vulnerability: Vulnerability) -> None:
    result = _need(_facts(vulnerabilities=frozenset({vulnerability})))
    assert result.answer is Answer.MAYBE
    assert vulnerability.label in result.reason


def test_every_reason_is_listed() -> None:
    members = (ADULT, Member(Relationship.CHILD, date(2020, 1, 1), dependent_child=True))
    result = _need(
        _facts(
            members=members,
            domestic_abuse=True,
            vulnerabilities=frozenset({Vulnerability.MENTAL_ILLNESS}),
        )
    )
    assert result.answer is Answer.YES
    assert len(result.reasons) == 3


# --- local connection ----------------------------------------------------------------------------


def _connection(policy=POLICY, **changes):
    return local_connection(_facts(**changes), policy=policy)


def test_six_of_the_last_twelve_months_exactly_is_a_local_connection() -> None:
    result = _connection(months_resident_of_last_12=6, years_resident_of_last_5=0)
    assert result.answer is Answer.YES


def test_five_of_the_last_twelve_months_is_not() -> None:
    result = _connection(months_resident_of_last_12=5, years_resident_of_last_5=0)
    assert result.answer is Answer.NO
    assert result.referral_allowed


def test_three_of_the_last_five_years() -> None:
    assert _connection(months_resident_of_last_12=0, years_resident_of_last_5=3).answer is (
        Answer.YES
    )
    assert _connection(months_resident_of_last_12=0, years_resident_of_last_5=2).answer is (
        Answer.NO
    )


def test_work_or_close_family_for_five_years() -> None:
    base = {"months_resident_of_last_12": 0, "years_resident_of_last_5": 0}
    assert _connection(works_in_area=True, **base).answer is Answer.YES
    assert _connection(close_family_years_in_area=5, **base).answer is Answer.YES
    assert _connection(close_family_years_in_area=4, **base).answer is Answer.NO


def test_special_circumstances_are_weighed() -> None:
    result = _connection(
        months_resident_of_last_12=0,
        years_resident_of_last_5=0,
        special_circumstances="Receives cancer treatment at the local hospital",
    )
    assert result.answer is Answer.MAYBE
    assert "cancer treatment" in result.reason


def test_unknown_residence_is_not_a_no() -> None:
    assert _connection().answer is Answer.MAYBE


def test_domestic_abuse_victim_is_never_referred_back() -> None:
    result = _connection(
        months_resident_of_last_12=0,
        years_resident_of_last_5=0,
        fleeing_domestic_abuse_into_area=True,
    )
    assert result.answer is Answer.NO
    assert not result.referral_allowed
    assert "must not be made" in result.reason


def test_council_thresholds_apply(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[assessment]\nresidence_months_of_last_12 = 9\n")
    assert _connection(council, months_resident_of_last_12=6).answer is not Answer.YES


# --- interim accommodation -----------------------------------------------------------------------


def _interim(**changes):
    return interim_accommodation(_facts(**changes), today=TODAY, policy=POLICY)


def test_homeless_eligible_and_pregnant_is_owed_interim_accommodation_tonight() -> None:
    members = (ADULT, Member(Relationship.PARTNER, pregnant=True))
    result = _interim(
        members=members,
        homeless_tonight=True,
        immigration_status=ImmigrationStatus.BRITISH_OR_IRISH,
    )
    assert result.owed
    assert "tonight" in result.reason
    assert any("6 weeks" in note for note in result.notes)


def test_reason_to_believe_is_enough_status_unknown_and_vulnerable() -> None:
    result = _interim(
        homeless_tonight=True, vulnerabilities=frozenset({Vulnerability.MENTAL_ILLNESS})
    )
    assert result.owed
    assert "reason to believe is enough" in result.reason


def test_no_interim_duty_when_not_eligible() -> None:
    result = _interim(
        homeless_tonight=True, domestic_abuse=True, immigration_status=ImmigrationStatus.NO_RECOURSE
    )
    assert not result.owed
    assert "not eligible" in result.reason


def test_no_interim_duty_without_apparent_priority_need() -> None:
    result = _interim(homeless_tonight=True, immigration_status=ImmigrationStatus.BRITISH_OR_IRISH)
    assert not result.owed
    assert "priority need" in result.reason


def test_no_interim_duty_when_only_threatened() -> None:
    members = (ADULT, Member(Relationship.CHILD, date(2020, 1, 1), dependent_child=True))
    result = _interim(members=members, must_leave_on=TODAY + timedelta(days=20))
    assert not result.owed
    assert "not homeless now" in result.reason


def test_homeless_17_year_old_never_in_b_and_b() -> None:
    facts = _applicant_born(date(2009, 6, 1), homeless_tonight=True)
    result = interim_accommodation(facts, today=TODAY, policy=POLICY)
    assert result.owed
    assert any("never bed and breakfast" in note for note in result.notes)


# --- working days and what must happen -----------------------------------------------------------

CHRISTMAS_2026 = date(2026, 12, 21)
"""Monday 21 December 2026. England's bank holidays that follow: Christmas Day Fri 25 Dec;
Boxing Day Sat 26 Dec, so its substitute day Mon 28 Dec; New Year's Day Fri 1 Jan 2027."""


def test_the_bank_holidays_this_relies_on() -> None:
    for day in (date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)):
        assert not is_working_day(day)
    assert not is_working_day(date(2026, 12, 26))  # a Saturday anyway
    assert is_working_day(date(2026, 12, 24))
    assert is_working_day(date(2026, 12, 29))


def test_ten_working_days_across_christmas() -> None:
    # Counted by hand: Tue 22 (1), Wed 23 (2), Thu 24 (3), [Fri 25, Sat, Sun, Mon 28 off],
    # Tue 29 (4), Wed 30 (5), Thu 31 (6), [Fri 1 Jan, Sat, Sun off], Mon 4 (7), Tue 5 (8),
    # Wed 6 (9), Thu 7 Jan 2027 (10).
    assert add_working_days(CHRISTMAS_2026, 10) == date(2027, 1, 7)


def test_five_working_days_across_christmas() -> None:
    # Tue 22, Wed 23, Thu 24, Tue 29, Wed 30 December.
    assert add_working_days(CHRISTMAS_2026, 5) == date(2026, 12, 30)


def test_working_days_without_bank_holidays() -> None:
    assert add_working_days(TODAY, 10) == date(2026, 12, 7)  # two whole weeks, Monday to Monday
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday to Monday
    assert add_working_days(TODAY, 0) == TODAY
    with pytest.raises(ValueError):
        add_working_days(TODAY, -1)


def test_working_days_over_easter_2027() -> None:
    # Good Friday 26 March and Easter Monday 29 March 2027: Thursday 25 March + 1 is Tuesday.
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 40))
def test_working_days_property(start: date, days: int) -> None:
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert due >= start + timedelta(days)
    between = [start + timedelta(n) for n in range(1, (due - start).days + 1)]
    if days:
        assert sum(is_working_day(day) for day in between) == days
    else:  # day 0: the start itself, or the first working day after it
        assert not any(is_working_day(day) for day in [start, *between][:-1])


def test_16_17_year_old_children_social_care_today_and_joint_assessment_in_10_working_days() -> (
    None
):
    # Born 1 June 2009: 17 on Monday 21 December 2026.
    facts = _applicant_born(date(2009, 6, 1))
    actions = {a.key: a for a in must_happen(facts, today=CHRISTMAS_2026, policy=POLICY)}
    referral = actions["social_care_referral"]
    assert referral.what.startswith("Refer to children's social care")
    assert referral.due == CHRISTMAS_2026
    joint = actions["joint_assessment"]
    assert joint.due == date(2027, 1, 7)
    assert "within 10 working days" in joint.rule


def test_domestic_abuse_marac_today_and_target_hardening_in_5_working_days() -> None:
    facts = _facts(domestic_abuse=True, wants_to_stay=True)
    actions = must_happen(facts, today=CHRISTMAS_2026, policy=POLICY)
    by_key = {a.key: a for a in actions}
    assert by_key["dash_risk_check"].what == "Risk check (DASH); refer to MARAC if high risk"
    assert by_key["dash_risk_check"].due == CHRISTMAS_2026
    hardening = by_key["target_hardening"]
    assert hardening.due == date(2026, 12, 30)
    assert "within 5 working days" in hardening.rule


def test_no_target_hardening_when_the_client_does_not_want_to_stay() -> None:
    actions = must_happen(_facts(domestic_abuse=True), today=TODAY, policy=POLICY)
    assert not any("Target-hardening" in a.what for a in actions)


def test_over_55_with_care_needs_adult_social_care_today() -> None:
    older = _applicant_born(date(1970, 1, 1), care_needs=True)  # 56
    younger = _applicant_born(date(1972, 1, 1), care_needs=True)  # 54
    assert [a.due for a in must_happen(older, today=TODAY, policy=POLICY)] == [TODAY]
    assert "adult social care" in must_happen(older, today=TODAY, policy=POLICY)[0].what
    assert must_happen(younger, today=TODAY, policy=POLICY) == []


def test_interim_accommodation_is_on_the_list_when_owed() -> None:
    facts = _facts(homeless_tonight=True, emergency=True)
    actions = must_happen(facts, today=TODAY, policy=POLICY)
    assert actions[0].what.startswith("Provide interim accommodation")
    assert actions[0].due == TODAY


def test_council_working_day_targets(tmp_path: Path) -> None:
    council = _policy(tmp_path, "[assessment]\njoint_assessment_working_days = 5\n")
    facts = _applicant_born(date(2009, 6, 1))
    actions = {a.key: a for a in must_happen(facts, today=CHRISTMAS_2026, policy=council)}
    assert actions["joint_assessment"].due == date(2026, 12, 30)


def test_council_closure_days_are_not_working_days_for_the_interview_deadlines(
    tmp_path: Path,
) -> None:
    # A Christmas shutdown on 29-31 December: from Monday 21 December 2026 the 10 working
    # days (bank holidays 25 and 28 December, 1 January) end on 12 January 2027, not the 7th;
    # the 5 for target hardening on 5 January, not 30 December.
    council = _policy(
        tmp_path, '[deadlines]\nclosure_days = ["2026-12-29", "2026-12-30", "2026-12-31"]\n'
    )
    young = {
        a.key: a.due
        for a in must_happen(
            _applicant_born(date(2009, 6, 1)), today=CHRISTMAS_2026, policy=council
        )
    }
    assert young["joint_assessment"] == date(2027, 1, 12)
    abused = _facts(domestic_abuse=True, wants_to_stay=True)
    by_key = {a.key: a.due for a in must_happen(abused, today=CHRISTMAS_2026, policy=council)}
    assert by_key["target_hardening"] == date(2027, 1, 5)


# --- statutory-return consistency ----------------------------------------------------------------

PARTNER = Member(Relationship.PARTNER, date_of_birth=date(1991, 5, 5))
CHILD = Member(Relationship.CHILD, date_of_birth=date(2018, 2, 2), dependent_child=True)


def test_consistent_facts_have_no_problems() -> None:
    facts = _facts(
        members=(ADULT, PARTNER, CHILD),
        hclic_household_type="two_adults_with_children",
        partner_income=Decimal("200.00"),
        approached_on=TODAY,
        prevention_duty_from=TODAY,
        notice_served_on=date(2026, 11, 2),
        notice_expires_on=date(2026, 11, 30),
        hclic_support_needs=frozenset({"domestic_abuse", "mental_health"}),
    )
    assert consistency_problems(facts) == {}


def test_partner_income_without_a_partner() -> None:
    problems = consistency_problems(_facts(partner_income=Decimal("150")))
    assert set(problems) == {"partner_income"}


def test_a_duty_date_before_the_approach() -> None:
    problems = consistency_problems(
        _facts(approached_on=TODAY, relief_duty_from=TODAY - timedelta(days=1))
    )
    assert set(problems) == {"relief_duty_from"}


def test_household_type_that_does_not_match_the_members() -> None:
    facts = _facts(members=(ADULT, CHILD), hclic_household_type="single_adult_female")
    problems = consistency_problems(facts)
    assert set(problems) == {"hclic_household_type"}
    assert "single parent" in problems["hclic_household_type"]
    matching = _facts(members=(ADULT, CHILD), hclic_household_type="single_parent_female")
    assert consistency_problems(matching) == {}


def test_three_adults_are_not_a_couple() -> None:
    grandparent = Member(Relationship.PARENT, date_of_birth=date(1960, 1, 1))
    facts = _facts(
        members=(ADULT, PARTNER, grandparent), hclic_household_type="two_adults_without_children"
    )
    assert "three or more adults" in consistency_problems(facts)["hclic_household_type"]


def test_a_dependent_child_older_than_the_applicant() -> None:
    older_child = Member(Relationship.CHILD, date_of_birth=date(1985, 1, 1), dependent_child=True)
    problems = consistency_problems(_facts(members=(ADULT, older_child)))
    assert set(problems) == {"members[1].date_of_birth"}


def test_a_notice_that_expires_before_it_was_served() -> None:
    facts = _facts(notice_served_on=date(2026, 11, 10), notice_expires_on=date(2026, 11, 9))
    assert set(consistency_problems(facts)) == {"notice_expires_on"}


def test_codes_not_on_the_hclic_lists() -> None:
    facts = _facts(
        hclic_reason_for_loss="evicted_by_aliens",
        hclic_support_needs=frozenset({"none", "drug_dependency"}),
    )
    assert set(consistency_problems(facts)) == {"hclic_reason_for_loss", "hclic_support_needs"}


def test_not_referred_contradicts_coming_through_the_duty_to_refer() -> None:
    assert consistency_problems(_facts(hclic_referral_source="not_referred")) == {}
    referred = _facts(channel=Channel.DUTY_TO_REFER, hclic_referral_source="not_referred")
    assert set(consistency_problems(referred)) == {"hclic_referral_source"}


def test_16_17_tick_against_the_date_of_birth() -> None:
    facts = _facts(aged_16_17=True, approached_on=TODAY)  # born 1990
    assert set(consistency_problems(facts)) == {"aged_16_17"}


# --- what is still missing -----------------------------------------------------------------------


def test_an_empty_interview_lists_what_is_missing_by_section() -> None:
    missing = missing_items(InterviewFacts())
    assert list(missing) == [
        "household",
        "home",
        "eligibility",
        "local_connection",
        "statutory_return",
    ]
    assert missing["household"] == ["The applicant"]
    assert "Household type" in missing["statutory_return"]


def test_a_complete_interview_has_nothing_missing() -> None:
    facts = _facts(
        members=(ADULT, CHILD),
        approached_on=TODAY,
        tenure=Tenure.PRIVATE_RENTED,
        notice=NoticeType.SECTION_8,
        section8_ground="8",
        notice_served_on=date(2026, 11, 2),
        notice_expires_on=date(2026, 11, 30),
        immigration_status=ImmigrationStatus.BRITISH_OR_IRISH,
        months_resident_of_last_12=12,
        years_resident_of_last_5=5,
        hclic_household_type="single_parent_female",
        hclic_reason_for_loss="ast_rent_arrears_benefit_change",
        hclic_accommodation_at_application="prs_self_contained",
        hclic_support_needs=frozenset({"none"}),
    )
    assert missing_items(facts) == {}


def test_notice_and_court_details_are_asked_for() -> None:
    facts = _facts(
        notice=NoticeType.SECTION_8,
        court_stage=CourtStage.WARRANT,
        channel=Channel.DUTY_TO_REFER,
    )
    missing = missing_items(facts)
    assert {
        "Date the notice was served",
        "Date the notice expires",
        "The section 8 ground",
    } <= set(missing["home"])
    assert missing["court"] == ["Date of the eviction"]
    assert "Referral source (duty to refer)" in missing["statutory_return"]


# --- the policy's [assessment] section -----------------------------------------------------------


def test_shipped_assessment_policy_carries_the_law_s_dates() -> None:
    rules = POLICY.assessment
    assert rules.rra_commencement == date(2026, 5, 1)
    assert rules.section21_last_claim_date == date(2026, 7, 31)
    assert rules.section8_counts_as_threatened is True
    assert (rules.residence_months_of_last_12, rules.residence_years_of_last_5) == (6, 3)
    assert rules.close_family_years == 5
    assert rules.joint_assessment_working_days == 10
    assert rules.target_hardening_working_days == 5
    assert rules.section8_grounds["8"].notice_weeks == 4


def test_assessment_override_keeps_the_other_keys_and_the_triage_keys(tmp_path: Path) -> None:
    # A council lengthening ground 1A's notice keeps its other settings and every other ground.
    council = _policy(tmp_path, '[assessment.section8_grounds]\n"1A" = { notice_months = 6 }\n')
    grounds = council.assessment.section8_grounds
    assert grounds["1A"].notice == "6 months' notice"
    assert grounds["1A"].not_within_first_months == 12
    assert grounds["8"] == POLICY.assessment.section8_grounds["8"]
    assert council.assessment.rra_commencement == POLICY.assessment.rra_commencement
    assert council.triage == POLICY.triage


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[assessment]\nrra_commencement = "2026-05-01"\n', "rra_commencement"),
        ("[assessment]\nsection21_last_claim_date = 2026-04-01\n", "section21_last_claim_date"),
        ('[assessment]\nsection8_counts_as_threatened = "yes"\n', "section8_counts_as_threatened"),
        ("[assessment]\nresidence_months_of_last_12 = 13\n", "residence_months_of_last_12"),
        ("[assessment]\nclose_family_years = -1\n", "close_family_years"),
        (
            "[assessment.section8_grounds]\neight = { notice_weeks = 4, mandatory = true }\n",
            "eight",
        ),
        ('[assessment.section8_grounds]\n"8" = { notice_weeks = "4" }\n', "section8_grounds.8"),
        ('[assessment.section8_grounds]\n"99" = { mandatory = true }\n', "section8_grounds.99"),
        ('[assessment.section8_grounds]\n"8" = 4\n', "section8_grounds.8"),
    ],
)
def test_bad_assessment_policy_is_refused_naming_the_key(
    tmp_path: Path, text: str, key: str
) -> None:
    with pytest.raises(PolicyError, match=key):
        _policy(tmp_path, text)


# --- layering ------------------------------------------------------------------------------------


def test_the_new_domain_modules_import_neither_textual_nor_the_database() -> None:
    code = (
        "import json, sys\n"
        "import housing_tui.casework.assessment.next_steps, housing_tui.money.amounts\n"
        "import housing_tui.casework.assessment.consistency, housing_tui.reference.hclic\n"
        "import housing_tui.casework.assessment.missing\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'sqlmodel', 'sqlalchemy', 'storage', 'screens', 'holidays'))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    # holidays too: it loads on the first working-day sum, not at start-up.
    assert json.loads(completed.stdout) == []


def test_deadlines_run_from_the_day_of_approach_not_the_interview() -> None:
    # Approached Mon 23 Nov 2026 aged 17; the interview is finished on Mon 30 Nov.
    facts = _applicant_born(date(2009, 6, 1), approached_on=date(2026, 11, 23))
    actions = {a.key: a for a in must_happen(facts, today=date(2026, 11, 30), policy=POLICY)}
    assert actions["social_care_referral"].due == date(2026, 11, 23)
    # 10 working days after Mon 23 Nov 2026 (no bank holidays): Mon 7 Dec 2026.
    assert actions["joint_assessment"].due == date(2026, 12, 7)
