"""The interview's questions: how answers are read and stored, progress, and the facts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from housing_tui.casework.assessment.facts import NoticeType, Relationship
from housing_tui.casework.interview import (
    QUESTIONS,
    SECTIONS,
    MemberAnswer,
    answers_from_triage,
    facts_from_answers,
    first_incomplete,
    household_budget,
    parse_answer,
    parse_regular_amount,
    progress,
    read_member,
    shown,
)
from housing_tui.money.amounts import Frequency
from housing_tui.reference.fields import FieldError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "amount", "frequency"),
    [
        ("450 pcm", "450.00", Frequency.MONTHLY),
        ("£100 pw", "100.00", Frequency.WEEKLY),
        ("200/2w", "200.00", Frequency.FORTNIGHTLY),
        ("400 4w", "400.00", Frequency.FOUR_WEEKLY),
        ("1,200.50 pa", "1200.50", Frequency.YEARLY),
        ("85.5 per week", "85.50", Frequency.WEEKLY),
    ],
)
def test_amounts_are_typed_with_how_often(typed: str, amount: str, frequency: Frequency) -> None:
    assert parse_regular_amount(typed) == (Decimal(amount), frequency)


@pytest.mark.parametrize("typed", ["450", "450 sometimes", "-5 pw", "lots pcm", "12.345 pw"])
def test_amounts_without_a_period_or_that_cannot_be_read_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        parse_regular_amount(typed)


def test_answers_are_stored_in_one_canonical_form_and_shown_as_typed() -> None:
    served = QUESTIONS["notice_served_on"]
    assert parse_answer(served, "2/5/26", today=TODAY) == "2026-05-02"
    assert shown(served, "2026-05-02") == "02/05/2026"
    rent = QUESTIONS["rent"]
    assert parse_answer(rent, "£650 pcm", today=TODAY) == "650.00 monthly"
    assert shown(rent, "650.00 monthly") == "650.00 pcm"
    assert parse_answer(QUESTIONS["notice"], "section_8", today=TODAY) == "section_8"
    assert shown(QUESTIONS["notice"], "section_8") == NoticeType.SECTION_8.label
    assert parse_answer(rent, "   ", today=TODAY) == ""


def test_choices_outside_the_list_and_counts_out_of_range_are_refused() -> None:
    with pytest.raises(FieldError):
        parse_answer(QUESTIONS["notice"], "section_99", today=TODAY)
    with pytest.raises(FieldError):
        parse_answer(QUESTIONS["months_resident_of_last_12"], "13", today=TODAY)
    assert parse_answer(QUESTIONS["months_resident_of_last_12"], "12", today=TODAY) == "12"


def test_multi_choice_keeps_the_lists_order() -> None:
    question = QUESTIONS["share_with"]
    assert parse_answer(question, "police,adult_social_care", today=TODAY) == (
        "adult_social_care,police"
    )


def test_progress_needs_every_required_question_and_resume_finds_the_first_gap() -> None:
    assert first_incomplete({}) == 0
    required = {q.key: "x" for s in SECTIONS[:3] for q in s.questions if q.required}
    states = progress(required)
    assert [state.complete for state in states[:4]] == [True, True, True, False]
    assert first_incomplete(required) == 3
    everything = {q.key: "x" for s in SECTIONS for q in s.questions if q.required}
    assert all(state.complete for state in progress(everything))
    assert first_incomplete(everything) == len(SECTIONS) - 1


def test_facts_from_answers_feed_the_assessment() -> None:
    answers = {
        "notice": "section_21",
        "notice_served_on": "2026-03-02",
        "homeless_tonight": "no",
        "domestic_abuse": "yes",
        "vulnerabilities": "mental_illness,old_age",
        "months_resident_of_last_12": "6",
        "partner_income": "100.00 weekly",
    }
    child = MemberAnswer("Kit", "child", date(2020, 6, 1), False, None, True)
    facts = facts_from_answers(
        answers, [child], applicant_born=date(1990, 4, 3), approached_on=TODAY, channel="drop_in"
    )
    assert facts.notice is NoticeType.SECTION_21
    assert facts.notice_served_on == date(2026, 3, 2)
    assert facts.domestic_abuse and facts.abuse_is_why_homeless  # unanswered: the default
    assert {v.value for v in facts.vulnerabilities} == {"mental_illness", "old_age"}
    assert facts.months_resident_of_last_12 == 6
    assert facts.partner_income == Decimal("100.00")
    assert facts.members[0].relationship is Relationship.APPLICANT
    assert facts.members[0].date_of_birth == date(1990, 4, 3)
    assert facts.members[1].dependent_child


def test_money_and_release_facts_are_weekly_and_typed() -> None:
    # By hand: rent 650 pcm = 650 x 12 / 52 = 150.00 pw; HB 520 pcm = 120.00 pw; shortfall 30.
    answers = {
        "rent": "650.00 monthly",
        "housing_benefit": "520.00 monthly",
        "arrears_total": "1200.00",
        "leaving_institution": "prison",
        "leaves_institution_on": "2026-12-14",
        "employment_status": "registered_unemployed",
    }
    facts = facts_from_answers(
        answers, [], applicant_born=None, approached_on=TODAY, channel="drop_in"
    )
    assert facts.rent_weekly == Decimal("150.00")
    assert facts.housing_benefit_weekly == Decimal("120.00")
    assert facts.rent_shortfall_weekly == Decimal("30.00")
    assert facts.receives_housing_support is True
    assert facts.arrears_total == Decimal("1200.00")
    assert facts.leaving_institution.value == "prison"
    assert facts.leaves_institution_on == date(2026, 12, 14)
    assert facts.employment_status == "registered_unemployed"
    # Income 520 pcm = 120.00 pw; outgoings 150.00 pw.
    assert facts.weekly_residual == Decimal("-30.00")


def test_housing_support_unknown_until_asked() -> None:
    nothing = facts_from_answers(
        {}, [], applicant_born=None, approached_on=TODAY, channel="drop_in"
    )
    assert nothing.receives_housing_support is None
    assert nothing.rent_shortfall_weekly is None
    assert nothing.weekly_residual is None
    uc = facts_from_answers(
        {"uc_housing_element": "no"}, [], applicant_born=None, approached_on=TODAY, channel="phone"
    )
    assert uc.receives_housing_support is False


def test_household_budget_weekly_and_monthly() -> None:
    # By hand: earnings 1200 pcm = 1200 x 12 / 52 = 276.92 pw; rent 100 pw = 433.33 pcm.
    budget = household_budget({"earnings": "1200.00 monthly", "rent": "100.00 weekly"})
    assert budget.weekly_income == Decimal("276.92")
    assert budget.weekly_outgoings == Decimal("100.00")
    assert budget.weekly_residual == Decimal("176.92")
    assert budget.monthly_outgoings == Decimal("433.33")
    assert budget.monthly_residual == Decimal("766.67")


def test_triage_seeds_the_interview() -> None:
    assert answers_from_triage(
        homeless_tonight=False, must_leave_on=date(2026, 12, 1), flags=["domestic_abuse"]
    ) == {"homeless_tonight": "no", "must_leave_on": "2026-12-01", "domestic_abuse": "yes"}


def test_triage_care_needs_for_an_older_person_is_the_interviews_care_needs_answer() -> None:
    # "Aged 55+ with care needs" at triage: the interview asks "Care needs" (the age comes
    # from the date of birth), so it starts answered yes.
    seeded = answers_from_triage(
        homeless_tonight=False, must_leave_on=None, flags=["over_55_care_needs"]
    )
    assert seeded == {"homeless_tonight": "no", "care_needs": "yes"}


def test_member_form_says_what_is_wrong() -> None:
    values, errors = read_member(
        {
            "name": "",
            "relationship": "applicant",
            "date_of_birth": "01/01/1990",
            "dependent_child": "yes",
            "pregnant": "yes",
            "due_date": "",
        },
        today=TODAY,
    )
    assert values is None
    assert set(errors) == {"name", "relationship", "dependent_child", "due_date"}
    values, errors = read_member(
        {
            "name": "Kit",
            "relationship": "child",
            "date_of_birth": "01/06/2008",
            "dependent_child": "yes",
            "pregnant": "no",
            "due_date": "",
        },
        today=TODAY,
    )
    assert (
        errors == {} and values is not None and values.date_of_birth == date(2008, 6, 1)
    )  # 18: still dependent


def test_arrears_are_a_sum_owed_without_a_period() -> None:
    arrears = QUESTIONS["arrears_total"]
    assert parse_answer(arrears, "£1,250.5", today=TODAY) == "1250.50"
    with pytest.raises(FieldError):
        parse_answer(arrears, "-5", today=TODAY)


@pytest.mark.parametrize(("chosen", "kept"), [("female", "female"), ("male", "male"), ("", None)])
def test_member_sex_is_kept_for_the_size_criteria(chosen: str, kept: str | None) -> None:
    values, errors = read_member(
        {"name": "Kit", "relationship": "child", "sex": chosen, "date_of_birth": "01/06/2014"},
        today=TODAY,
    )
    assert errors == {} and values is not None and values.sex == kept


def test_member_sex_must_come_from_the_list() -> None:
    _values, errors = read_member({"name": "Kit", "relationship": "child", "sex": "x"}, today=TODAY)
    assert set(errors) == {"sex"}


# --- the UC housing element and £0 (issue 14) -----------------------------------------------------


def test_a_plain_0_is_nothing_in_any_period_and_needs_no_how_often() -> None:
    assert parse_regular_amount("0") == (Decimal("0.00"), Frequency.WEEKLY)
    assert parse_regular_amount("£0.00") == (Decimal("0.00"), Frequency.WEEKLY)
    assert parse_answer(QUESTIONS["housing_benefit"], "0", today=TODAY) == "0.00 weekly"
    # Any other amount still needs how often: 450 could be a week or a month.
    with pytest.raises(FieldError, match="how often"):
        parse_answer(QUESTIONS["earnings"], "450", today=TODAY)


def test_the_uc_housing_element_amount_pays_towards_the_rent_and_hb_of_0_is_none() -> None:
    # The client: rent 219.23 a week, Housing Benefit typed as 0, Universal Credit
    # whose housing element is 183.46 a week. 219.23 - 183.46 = 35.77 a week to find.
    facts = facts_from_answers(
        {
            "rent": "219.23 weekly",
            "housing_benefit": "0.00 weekly",
            "uc_housing_element": "yes",
            "uc_housing_amount": "183.46 weekly",
        },
        [],
        applicant_born=None,
        approached_on=TODAY,
        channel="drop_in",
    )
    assert facts.uc_housing_element_weekly == Decimal("183.46")
    assert facts.housing_support == ("the Universal Credit housing element", Decimal("183.46"))
    assert facts.receives_housing_support is True
    assert facts.rent_shortfall_weekly == Decimal("35.77")


def test_uc_with_housing_but_no_amount_leaves_the_shortfall_unknown_not_the_whole_rent() -> None:
    # HB 0 and UC "includes housing" with no amount: the rent is not all to find; unknown.
    facts = facts_from_answers(
        {"rent": "219.23 weekly", "housing_benefit": "0.00 weekly", "uc_housing_element": "yes"},
        [],
        applicant_born=None,
        approached_on=TODAY,
        channel="drop_in",
    )
    assert facts.rent_shortfall_weekly is None


# --- what a section still needs (issue 15) ----------------------------------------------------


def test_a_section_needs_exactly_its_unanswered_required_questions() -> None:
    threat = progress({"homeless_tonight": "no", "reason_for_loss": "other"})[2]
    assert threat.section.key == "threat"
    assert threat.missing == ("Notice",) and not threat.complete
    answered = progress({"homeless_tonight": "no", "reason_for_loss": "other", "notice": "none"})
    assert answered[2].missing == () and answered[2].complete


def test_money_answered_as_0_and_no_support_needs_complete_their_sections() -> None:
    """Earnings and council tax must be asked (they are required), but "0" answers them: a
    household with no earnings has nothing missing. "No support needs" is an answer too."""
    answers = {
        key: parse_answer(QUESTIONS[key], "0", today=TODAY) for key in ("earnings", "council_tax")
    }
    answers["support_needs"] = parse_answer(QUESTIONS["support_needs"], "none", today=TODAY)
    money, support = progress(answers)[3:5]
    assert money.section.key == "income" and money.complete
    assert support.section.key == "support" and support.complete
