"""What goes into the plan, worked by hand from Mon 23 Nov 2026."""

from __future__ import annotations

import re
from datetime import date

import pytest

from housing_tui.calendar.deadlines import CaseDates, case_deadlines
from housing_tui.casework.assessment.facts import InterviewFacts, NoticeType
from housing_tui.casework.duties import Duty, DutyKind, why_it_ended
from housing_tui.prevention.actions import ActionOwner, ActionStatus, PlanAction
from housing_tui.prevention.catalogue import load_catalogue
from housing_tui.prevention.plan import circumstances, key_dates, plan_content
from housing_tui.reference.policy import load_policy

TODAY = date(2026, 11, 23)
PREVENTION = Duty(
    id="d1",
    kind=DutyKind.PREVENTION,
    started_on=date(2026, 11, 16),
    ended_on=None,
    end_reason=None,
    start_letter_on=None,
    end_letter_on=None,
)


def _step(title: str, status: ActionStatus, **more) -> PlanAction:
    fields = dict(
        id=title,
        title=title,
        owner=ActionOwner.COUNCIL,
        due_on=date(2026, 11, 30),
        status=status,
        option_key=None,
        prevention_activity=None,
        relief_activity=None,
        outcome=None,
        outcome_on=None,
        accommodation_secured=None,
    )
    return PlanAction(**{**fields, **more})


def _content(*, duties=(PREVENTION,), case_open=True, actions=()):
    return plan_content(
        client_name="Testy Tenant",
        client_address=None,
        case_ref="CA5E0000",
        officer_name="Test Officer",
        issued_on=TODAY,
        review_days=28,
        case_open=case_open,
        version=1,
        facts=InterviewFacts(notice=NoticeType.SECTION_8, notice_expires_on=date(2026, 12, 21)),
        actions=actions,
        duties=duties,
        proposals=[],
        deadlines=[],
        catalogue=load_catalogue(policy=load_policy()),
    )


def test_a_plan_has_steps_for_both_sides_a_review_date_and_the_duty() -> None:
    content = _content(
        actions=(
            _step(
                "Negotiate",
                ActionStatus.AGREED,
                council_step="We will ring your landlord.",
                applicant_step="You will pay £20 a week towards the arrears.",
            ),
            _step("Ask family", ActionStatus.IN_PROGRESS, owner=ActionOwner.APPLICANT),
            _step("Rent deposit", ActionStatus.FAILED, note="No landlord would take it."),
        )
    )
    assert content.kind == "personal_housing_plan"
    assert content.review_on == date(2026, 12, 21)  # 23 Nov + 28 days
    assert [step.text for step in content.council_steps] == ["We will ring your landlord."]
    assert [step.text for step in content.applicant_steps] == [
        "You will pay £20 a week towards the arrears.",
        "Ask family",
    ]
    assert content.council_steps[0].due_on == date(2026, 11, 30)
    assert content.options_considered == [
        "Rent deposit: tried, and it did not work. No landlord would take it."
    ]
    assert any("prevention duty" in sentence for sentence in content.duties)
    assert "ends on Monday 21 December 2026" in content.circumstances[0]
    # The duty runs at least 56 days beginning 16 Nov: to Sun 10 Jan 2027.
    assert [(d.on, "prevention duty" in d.what) for d in content.key_dates] == [
        (date(2027, 1, 10), True)
    ]


def test_no_duty_or_a_closed_case_gets_written_advice_without_a_review_date() -> None:
    for content in (_content(duties=()), _content(case_open=False)):
        assert content.kind == "written_advice"
        assert content.is_advice_only and content.review_on is None
        assert list(content.duties) == []


# --- money in the plan (issue 14) ----------------------------------------------------------------


def test_the_plan_names_the_uc_housing_element_and_the_rent_left_to_find() -> None:
    from decimal import Decimal

    from housing_tui.prevention.plan import circumstances

    facts = InterviewFacts(
        rent_weekly=Decimal("219.23"),
        housing_benefit_weekly=Decimal("0.00"),
        uc_housing_element=True,
        uc_housing_element_weekly=Decimal("183.46"),
        arrears_total=Decimal("450.00"),
    )
    # 219.23 - 183.46 = 35.77 a week to find, not the whole 219.23.
    assert circumstances(facts) == [
        "Your rent is £219.23 a week and the Universal Credit housing element pays £183.46 of "
        "it, leaving £35.77 a week to find.",
        "You owe £450.00 in arrears.",
    ]


def test_the_plan_says_housing_benefit_when_it_pays() -> None:
    from decimal import Decimal

    from housing_tui.prevention.plan import circumstances

    # 150.00 - 120.00 = 30.00 a week to find.
    facts = InterviewFacts(rent_weekly=Decimal("150.00"), housing_benefit_weekly=Decimal("120.00"))
    assert circumstances(facts) == [
        "Your rent is £150.00 a week and Housing Benefit pays £120.00 of it, leaving £30.00 a "
        "week to find."
    ]


def test_written_advice_does_not_make_up_a_deficit_when_income_is_unknown() -> None:
    from housing_tui.casework.interview import facts_from_answers
    from housing_tui.prevention.plan import circumstances

    facts = facts_from_answers(
        {"rent": "219.23 weekly", "council_tax": "15.77 weekly"},
        [],
        applicant_born=None,
        approached_on=TODAY,
        channel="drop_in",
    )
    assert not any("more than your income" in line for line in circumstances(facts))


# --- the plan speaks to the client ---------------------------------------------------------------

_THIRD_PERSON = re.compile(r"\b(they|them|their|the client|client's|applicant)\b", re.IGNORECASE)


def test_family_or_friends_asking_them_to_leave_is_told_to_the_client() -> None:
    facts = InterviewFacts(notice=NoticeType.FAMILY_FRIENDS, notice_expires_on=date(2026, 12, 7))
    assert circumstances(facts) == [
        "Your family or friends have asked you to leave, and it ends on Monday 7 December 2026."
    ]


@pytest.mark.parametrize(
    "notice", [notice for notice in NoticeType if notice is not NoticeType.NONE]
)
def test_every_notice_is_told_to_the_client_in_the_second_person(notice: NoticeType) -> None:
    [line] = circumstances(InterviewFacts(notice=notice))
    assert line.startswith(("You ", "Your ")) and not _THIRD_PERSON.search(line), line


def test_key_dates_in_the_plan_speak_to_the_client() -> None:
    # Each date someone else set, in the officer's due list and in the client's plan.
    dates = CaseDates(
        approached_on=TODAY,
        discharge_or_release_on=date(2026, 12, 1),
        notice_expires_on=date(2026, 12, 2),
        hearing_on=date(2026, 12, 3),
        eviction_on=date(2026, 12, 4),
    )
    deadlines = case_deadlines(dates, today=TODAY, policy=load_policy())
    found = key_dates(deadlines, [], TODAY)
    assert [key.on for key in found] == [date(2026, 12, day) for day in (1, 2, 3, 4)]
    assert [key.what for key in found] == [
        "You leave hospital or prison: you need somewhere to live from this day",
        "Your notice ends: the day you have been told to leave by",
        "The court hearing about your home",
        "The bailiffs' eviction date: you need somewhere to live from this day",
    ]


def test_why_a_duty_ended_is_told_to_the_client_for_every_reason() -> None:
    # Every H-CLIC end reason but "not known" has the client's wording; none in the third person.
    for kind in DutyKind:
        for code in kind.end_reasons.codes():
            why = why_it_ended(code)
            if code == "not_known":
                assert why is None
                continue
            assert why and not _THIRD_PERSON.search(why), (code, why)
