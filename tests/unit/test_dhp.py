"""The DHP check and the DHP budget, on worked examples done by hand.

Weekly amounts follow the benefit rules: a month is 12/52 of a week (650 pcm x 12 / 52 = 150.00
a week), each conversion rounded to the penny with halves rounded up. The shipped policy file
allows at most 26 weeks of help with a shortfall, a 2026-27 allocation of £150,000.00, and the
sample LHA rates: shared 90.00, 1 bedroom 150.00, 2 bedrooms 185.00 a week.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship, Tenure
from housing_tui.documents.rendering import (
    DOCUMENT_PLACEHOLDERS,
    PLACEHOLDERS,
    load_templates,
    render_case_document,
)
from housing_tui.money.dhp import (
    ApplicationsTotal,
    DhpStatus,
    HousingSupport,
    Paid,
    Recommendation,
    dhp_budget,
    dhp_check,
    financial_year,
    form_from_interview,
    next_year,
    over_budget,
    read_check_form,
    read_decision,
    read_payment,
    summary_values,
    year_months,
    year_starts,
)
from housing_tui.reference.policy import load_policy
from tests.unit.conftest import TODAY

POLICY = load_policy()
D = Decimal


def facts(**changes) -> InterviewFacts:
    """A private tenant living alone, born 1 January 1990 (36 on the tests' day), whose
    interview recorded no money unless a test says so."""
    values = {
        "members": (Member(Relationship.APPLICANT, date(1990, 1, 1), name="Applicant"),),
        "tenure": Tenure.PRIVATE_RENTED,
    }
    values.update(changes)
    return InterviewFacts(**values)


def check(form: dict[str, str], on: date = TODAY, **fact_changes):
    inputs, errors = read_check_form(form)
    assert errors == {}
    return dhp_check(inputs, facts=facts(**fact_changes), policy=POLICY, on=on)


# --- the shortfall and what a DHP can pay ---------------------------------------------------------


def test_shortfall_between_monthly_rent_and_housing_benefit_for_13_weeks() -> None:
    result = check({"rent": "650 pcm", "housing_benefit": "520 pcm", "weeks": "13"})
    # Rent 650 x 12 / 52 = 7,800 / 52 = 150.00 a week; HB 520 x 12 / 52 = 6,240 / 52 = 120.00.
    assert result.rent == D("150.00")
    assert result.support is HousingSupport.HOUSING_BENEFIT
    assert result.support_paid == D("120.00")
    # 150.00 - 120.00 = 30.00 a week, all of it a DHP can cover; 30.00 x 13 = 390.00.
    assert result.shortfall == result.coverable == result.dhp_weekly == D("30.00")
    assert result.weeks == 13
    assert result.total == result.total_asked == D("390.00")
    assert result.eligible
    assert result.recommendation is Recommendation.APPLY


def test_uc_housing_element_is_converted_and_each_conversion_rounded_first() -> None:
    result = check({"rent": "550 pcm", "uc_housing_element": "475 pcm", "weeks": "10"})
    # Rent 550 x 12 / 52 = 126.923... -> 126.92; UC 475 x 12 / 52 = 109.615... -> 109.62.
    assert (result.rent, result.support_paid) == (D("126.92"), D("109.62"))
    assert result.support is HousingSupport.UC_HOUSING_ELEMENT
    # 126.92 - 109.62 = 17.30 a week; x 10 weeks = 173.00.
    assert result.shortfall == D("17.30")
    assert result.total == D("173.00")


def test_half_a_penny_is_rounded_up() -> None:
    # Housing Benefit 240.01 a fortnight = 120.005 a week -> 120.01 (not 120.00, as banks
    # would round it); rent 150.00 a week; shortfall 29.99; 4 weeks = 119.96.
    result = check({"rent": "150 pw", "housing_benefit": "240.01 2w", "weeks": "4"})
    assert result.support_paid == D("120.01")
    assert result.shortfall == D("29.99")
    assert result.total == D("119.96")


def test_one_off_costs_are_added_to_the_shortfall() -> None:
    result = check(
        {
            "rent": "150 pw",
            "housing_benefit": "120 pw",
            "weeks": "13",
            "rent_in_advance": "650",
            "deposit": "750",
            "removal_costs": "180.50",
        }
    )
    # 390.00 (30.00 x 13) + 650.00 + 750.00 + 180.50 = 1,970.50.
    assert [(item.what, item.covered) for item in result.items] == [
        ("Rent shortfall", D("390.00")),
        ("Rent in advance", D("650.00")),
        ("Deposit", D("750.00")),
        ("Removal costs", D("180.50")),
    ]
    assert result.total == D("1970.50")
    assert result.recommendation is Recommendation.APPLY


def test_no_housing_benefit_or_uc_housing_element_means_no_dhp() -> None:
    result = check({"rent": "650 pcm", "weeks": "13", "deposit": "600"})
    assert not result.eligible
    assert "cannot be paid" in result.eligibility
    assert "neither Housing Benefit nor the Universal Credit housing element" in result.eligibility
    assert result.total == D("0.00")
    assert all(item.covered == 0 for item in result.items)
    assert result.recommendation is Recommendation.DO_NOT_APPLY


def test_housing_benefit_of_nothing_is_no_housing_benefit() -> None:
    result = check({"rent": "650 pcm", "housing_benefit": "0 pw", "weeks": "13"})
    assert not result.eligible
    assert result.total == D("0.00")


def test_uc_with_the_housing_element_but_no_amount_asks_for_the_amount() -> None:
    result = check({"rent": "650 pcm", "weeks": "13"}, uc_housing_element=True)
    assert not result.eligible
    assert "Type its amount" in result.eligibility


def test_service_charges_sanction_deductions_and_council_tax_are_left_out() -> None:
    result = check(
        {
            "rent": "160 pw",
            "service_charges": "10 pw",
            "housing_benefit": "130 pw",
            "deductions": "15 pw",
            "council_tax_shortfall": "5 pw",
            "weeks": "10",
        }
    )
    # Paid 130 - 15 = 115; shortfall 160 - 115 = 45.00 a week. A DHP can cover only the
    # eligible rent HB does not meet: 160 - 10 - 130 = 20.00 a week; x 10 = 200.00.
    assert result.support_paid == D("115.00")
    assert result.shortfall == D("45.00")
    assert result.coverable == result.dhp_weekly == D("20.00")
    assert result.total == D("200.00")
    # Asked: the whole shortfall for 10 weeks, 45.00 x 10 = 450.00.
    assert result.total_asked == D("450.00")
    assert result.recommendation is Recommendation.APPLY_FOR_LESS
    assert result.cannot_cover == (
        "Ineligible service charges in the rent: £10.00 a week",
        "Taken off the housing support for a sanction, suspension or overpayment: £15.00 a week",
        "Council tax not met by council tax support: £5.00 a week",
    )


def test_letting_agent_fee_gets_a_warning_not_a_payment() -> None:
    result = check(
        {"rent": "150 pw", "housing_benefit": "120 pw", "letting_fee": "250", "deposit": "500"}
    )
    fee = next(item for item in result.items if item.what == "Letting-agent fee")
    assert (fee.asked, fee.covered) == (D("250.00"), D("0.00"))
    assert any("Tenant Fees Act 2019" in warning for warning in result.warnings)
    # Only the deposit is paid: 500.00 of the 750.00 asked.
    assert result.total == D("500.00")
    assert result.recommendation is Recommendation.APPLY_FOR_LESS


def test_a_letting_fee_alone_is_not_worth_applying_for() -> None:
    result = check({"rent": "150 pw", "housing_benefit": "120 pw", "letting_fee": "250"})
    assert result.total == D("0.00")
    assert result.recommendation is Recommendation.DO_NOT_APPLY


def test_more_weeks_than_the_policy_allows_are_cut_to_its_limit_and_said() -> None:
    result = check({"rent": "150 pw", "housing_benefit": "120 pw", "weeks": "30"})
    # Asked 30.00 x 30 = 900.00; the policy allows 26 weeks: 30.00 x 26 = 780.00.
    assert result.weeks == POLICY.dhp.max_ongoing_weeks == 26
    assert (result.total_asked, result.total) == (D("900.00"), D("780.00"))
    assert any("30 weeks asked" in w and "at most 26 weeks" in w for w in result.warnings)
    assert result.recommendation is Recommendation.APPLY_FOR_LESS


def test_nothing_asked_for_has_no_recommendation_yet() -> None:
    result = check({"rent": "150 pw", "housing_benefit": "120 pw"})
    assert result.recommendation is None
    with pytest.raises(ValueError, match="nothing is asked for"):
        summary_values(result)


def test_no_shortfall_means_nothing_for_the_rent() -> None:
    result = check({"rent": "150 pw", "housing_benefit": "150 pw", "weeks": "13"})
    assert result.shortfall == D("0.00")
    assert result.items[0].why == "no shortfall a DHP can cover"
    assert result.recommendation is Recommendation.DO_NOT_APPLY


# --- affordability from the interview ------------------------------------------------------------

# The interview recorded the same rent (150.00) and HB (120.00) as the check, and food and
# living costs (so they are in its residual already and nothing is assumed for them).
RECORDED_LIVING = {"living_costs_weekly": D("100.00")}
SAME_MONEY = {"rent_weekly": D("150.00"), "housing_benefit_weekly": D("120.00"), **RECORDED_LIVING}
SHORTFALL_13_WEEKS = {"rent": "150 pw", "housing_benefit": "120 pw", "weeks": "13"}


def test_a_client_who_can_pay_part_of_the_shortfall_is_asked_for_less() -> None:
    # £10.00 short a week after paying the whole rent: they can pay 30 - 10 = 20.00 of the
    # shortfall; the check advises a DHP of 10.00 a week for the rest: 10.00 x 13 = 130.00.
    # Applying asks for all a DHP can pay, 30.00 x 13 = 390.00: the officer decides.
    result = check(SHORTFALL_13_WEEKS, weekly_residual=D("-10.00"), **SAME_MONEY)
    assert result.left_before == D("-10.00")
    assert (result.advised_weekly, result.advised_total) == (D("10.00"), D("130.00"))
    assert (result.dhp_weekly, result.total) == (D("30.00"), D("390.00"))
    assert result.left_after == D("0.00")
    assert result.recommendation is Recommendation.APPLY_FOR_LESS
    assert any("can pay £20.00 a week of the shortfall" in reason for reason in result.reasons)


def test_a_client_who_can_meet_the_shortfall_is_told_so() -> None:
    result = check(SHORTFALL_13_WEEKS, weekly_residual=D("5.00"), **SAME_MONEY)
    assert result.advised_total == D("0.00")
    assert result.total == D("390.00")  # what applying anyway asks for: 30.00 x 13
    assert result.recommendation is Recommendation.DO_NOT_APPLY
    assert any("can meet the whole shortfall" in reason for reason in result.reasons)


def test_a_dhp_that_leaves_the_budget_negative_only_buys_time() -> None:
    # £50.00 short a week: the whole 30.00 is paid and they are still 50 - 30 = 20.00 short.
    result = check(
        {**SHORTFALL_13_WEEKS, "rent": "200 pw", "housing_benefit": "170 pw"},
        weekly_residual=D("-50.00"),
        rent_weekly=D("200.00"),
        housing_benefit_weekly=D("170.00"),
        **RECORDED_LIVING,
    )
    assert result.dhp_weekly == D("30.00")
    assert result.left_after == D("-20.00")
    assert result.recommendation is Recommendation.APPLY
    buys_time = next(reason for reason in result.reasons if "only buys time" in reason)
    assert "£20.00 a week short" in buys_time
    assert "benefit check" in buys_time
    # The rent, 200.00, is 50.00 above the 1-bedroom LHA rate (150.00): look for a cheaper home.
    assert "the 1 bedroom rate of the LHA (£150.00 a week)" in buys_time


def test_the_checks_own_rent_and_housing_benefit_replace_the_interviews() -> None:
    # The interview: rent 150.00 and HB 120.00, nothing else, so 30.00 short. The check says
    # the rent is 160.00 and HB 125.00: -30.00 + 150.00 - 160.00 + 125.00 - 120.00 = -35.00.
    result = check(
        {"rent": "160 pw", "housing_benefit": "125 pw", "weeks": "13"},
        weekly_residual=D("-30.00"),
        **SAME_MONEY,
    )
    assert result.left_before == D("-35.00")
    assert result.advised_weekly == D("35.00")


def test_universal_credit_stays_as_the_interview_recorded_it() -> None:
    # UC is one amount in the interview, its housing element inside it: the residual, 20.00
    # short, is not adjusted for the element typed on the check. Of the 150 - 120 = 30.00
    # shortfall they can pay 10.00; a DHP makes up 20.00 a week: 20.00 x 13 = 260.00.
    result = check(
        {"rent": "150 pw", "uc_housing_element": "120 pw", "weeks": "13"},
        weekly_residual=D("-20.00"),
        rent_weekly=D("150.00"),
        uc_housing_element=True,
        **RECORDED_LIVING,
    )
    assert result.left_before == D("-20.00")
    assert result.advised_total == D("260.00")


def test_no_money_in_the_interview_is_said_and_the_dhp_is_not_reduced() -> None:
    result = check(SHORTFALL_13_WEEKS)
    assert result.left_before is None
    assert result.dhp_weekly == D("30.00")
    assert any("affordability is not checked" in warning for warning in result.warnings)


# --- the household and the LHA rate --------------------------------------------------------------


def test_rent_above_the_lha_rate_is_noted() -> None:
    result = check({"rent": "200 pw", "housing_benefit": "150 pw", "weeks": "13"})
    # Alone and 36: 1 bedroom, 150.00 a week; the rent is 200.00 - 150.00 = 50.00 above it.
    assert result.household.lha_weekly == D("150.00")
    notes = result.household.notes
    assert any("£50.00 above the 1 bedroom rate of the LHA" in note for note in notes)


def test_a_single_person_under_35_is_on_the_shared_rate_unless_a_care_leaver() -> None:
    young = (Member(Relationship.APPLICANT, date(2000, 1, 1), name="Applicant"),)  # 26
    shared = check(SHORTFALL_13_WEEKS, members=young)
    assert shared.household.lha_weekly == D("90.00")
    care_leaver = (Member(Relationship.APPLICANT, date(2003, 1, 1), name="Applicant"),)  # 23
    exempt = check(SHORTFALL_13_WEEKS, members=care_leaver, care_leaver=True)
    assert exempt.household.lha_weekly == D("150.00")
    # 26 and managed under MAPPA, or 26 after 3 months in a homeless hostel with support (from
    # 16 since 31 May 2021): exempt too, so the one-bedroom rate, 150.00.
    for exemption in ({"mappa": True}, {"hostel_months": 3, "hostel_support_offered": True}):
        found = check(SHORTFALL_13_WEEKS, members=young, **exemption)
        assert found.household.lha_weekly == D("150.00")


def test_a_couple_with_a_boy_and_a_girl_under_10_need_two_bedrooms() -> None:
    family = (
        Member(Relationship.APPLICANT, date(1990, 1, 1), name="Applicant"),
        Member(Relationship.PARTNER, date(1991, 5, 5), name="Sam"),
        Member(Relationship.CHILD, date(2019, 3, 3), name="Ann", sex="female"),
        Member(Relationship.CHILD, date(2021, 4, 4), name="Ben", sex="male"),
    )
    result = check(SHORTFALL_13_WEEKS, members=family)
    assert result.household.entitlement.bedrooms == 2
    assert result.household.lha_weekly == D("185.00")


def test_a_social_tenant_is_not_compared_with_the_lha_rate() -> None:
    result = check(SHORTFALL_13_WEEKS, tenure=Tenure.SOCIAL_RENTED)
    assert result.household.lha_weekly is None


# --- the form ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"rent": "-650 pcm"}, "rent", "cannot be negative"),
        ({"rent": "650"}, "rent", "how often"),
        ({"rent": ""}, "rent", "Type the rent"),
        ({"rent": "0 pw"}, "rent", "cannot be nothing"),
        ({"rent": "200000 pcm"}, "rent", "more than £100,000"),
        ({"rent": "100 pw", "service_charges": "120 pw"}, "service_charges", "More than the rent"),
        (
            {"rent": "100 pw", "housing_benefit": "80 pw", "uc_housing_element": "80 pw"},
            "uc_housing_element",
            "clear one",
        ),
        (
            {"rent": "100 pw", "housing_benefit": "80 pw", "deductions": "90 pw"},
            "deductions",
            "£80.00",
        ),
        ({"rent": "100 pw", "deductions": "10 pw"}, "deductions", "no Housing Benefit"),
        ({"rent": "100 pw", "weeks": "thirteen"}, "weeks", "whole number of weeks"),
        ({"rent": "100 pw", "weeks": "-3"}, "weeks", "whole number of weeks"),
        ({"rent": "100 pw", "weeks": "53"}, "weeks", "At most 52 weeks"),
        ({"rent": "100 pw", "deposit": "-600"}, "deposit", "cannot be negative"),
        ({"rent": "100 pw", "removal_costs": "12.345"}, "removal_costs", "2 decimal places"),
        ({"rent": "100 pw", "letting_fee": "lots"}, "letting_fee", "in figures"),
    ],
)
def test_bad_input_is_explained_beside_the_field(form, field, message) -> None:
    inputs, errors = read_check_form(form)
    assert inputs is None
    assert message in errors[field]


def test_the_form_starts_from_the_interviews_rent_and_housing_benefit() -> None:
    form = form_from_interview({"rent": "650.00 monthly", "housing_benefit": "120.00 weekly"})
    assert form["rent"] == "650.00 pcm"
    assert form["housing_benefit"] == "120.00 pw"
    assert form["weeks"] == form["uc_housing_element"] == ""


def test_the_form_takes_the_uc_housing_element_from_the_interview_and_leaves_hb_of_0_out() -> None:
    form = form_from_interview(
        {
            "rent": "219.23 weekly",
            "housing_benefit": "0.00 weekly",
            "uc_housing_element": "yes",
            "uc_housing_amount": "183.46 weekly",
        }
    )
    assert (form["rent"], form["housing_benefit"], form["uc_housing_element"]) == (
        "219.23 pw",
        "",
        "183.46 pw",
    )


def test_housing_benefit_of_0_with_a_uc_housing_element_is_no_hb_not_a_conflict() -> None:
    # The officer typed 0 for Housing Benefit (a plain 0, no "how often") and the UC housing
    # element: rent 219.23 - UC housing element 183.46 = 35.77 a week; 35.77 x 13 = 465.01.
    result = check(
        {
            "rent": "219.23 pw",
            "housing_benefit": "0",
            "uc_housing_element": "183.46 pw",
            "weeks": "13",
        }
    )
    assert result.support is HousingSupport.UC_HOUSING_ELEMENT
    assert result.eligible
    assert result.shortfall == D("35.77")
    assert result.total == D("465.01")


# --- the summary for revenues and benefits -------------------------------------------------------


def test_the_summary_fills_exactly_the_templates_own_placeholders_and_renders() -> None:
    result = check({**SHORTFALL_13_WEEKS, "letting_fee": "200"})
    values = summary_values(result)
    assert set(values) == PLACEHOLDERS["dhp_summary"] - DOCUMENT_PLACEHOLDERS
    body = render_case_document(
        "dhp_summary",
        values,
        council=POLICY.council,
        templates=load_templates(),
        client_name="Testy Tenant",
        client_address=None,
        case_ref="CA5E0000",
        officer_name="Olu Officer",
    ).text
    assert "Total asked for: £390.00" in body
    assert "Rent shortfall: £390.00 (£30.00 a week for 13 weeks)" in body
    assert "Letting-agent fee: £200.00 (banned, never paid)" in body
    assert "Monday 23 November 2026" in body


# --- decisions and payments ----------------------------------------------------------------------

REQUESTED_ON = date(2026, 11, 16)


def test_an_award_needs_its_amount() -> None:
    values, errors = read_decision(
        {"status": "awarded", "decided_on": "20/11/2026", "amount_awarded": ""},
        today=TODAY,
        requested_on=REQUESTED_ON,
    )
    assert values is None
    assert "amount awarded" in errors["amount_awarded"]


def test_a_refusal_ignores_an_amount_left_in_the_form() -> None:
    values, errors = read_decision(
        {"status": "refused", "decided_on": "20/11/2026", "amount_awarded": "390"},
        today=TODAY,
        requested_on=REQUESTED_ON,
    )
    assert errors == {}
    assert values == {"status": "refused", "decided_on": date(2026, 11, 20), "amount_awarded": None}


@pytest.mark.parametrize(
    ("typed", "message"),
    [("15/11/2026", "before the request"), ("24/11/2026", "in the future"), ("", "Type the date")],
)
def test_a_decision_is_dated_between_the_request_and_today(typed, message) -> None:
    _, errors = read_decision(
        {"status": "awarded", "decided_on": typed, "amount_awarded": "390"},
        today=TODAY,
        requested_on=REQUESTED_ON,
    )
    assert message in errors["decided_on"]


def test_a_payment_cannot_be_more_than_is_left_on_the_award() -> None:
    raw = {"paid_on": "23/11/2026", "amount": "260.01", "note": ""}
    _, errors = read_payment(raw, today=TODAY, decided_on=REQUESTED_ON, left_to_pay=D("260.00"))
    assert "£260.00" in errors["amount"]
    values, errors = read_payment(
        {**raw, "amount": "260"}, today=TODAY, decided_on=REQUESTED_ON, left_to_pay=D("260.00")
    )
    assert errors == {}
    assert values["amount"] == D("260.00")


# --- the financial year --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2027, 3, 31), "2026-27"),
        (date(2027, 4, 1), "2027-28"),
        (date(2026, 4, 1), "2026-27"),
        (date(2026, 1, 1), "2025-26"),
        (date(2000, 3, 31), "1999-00"),
    ],
)
def test_the_financial_year_runs_april_to_march(day, year) -> None:
    assert financial_year(day) == year


def test_financial_years_step_and_have_twelve_months_april_first() -> None:
    assert next_year("2026-27") == "2027-28"
    assert next_year("2026-27", -1) == "2025-26"
    assert next_year("1999-00") == "2000-01"
    months = year_months("2026-27")
    assert (len(months), months[0], months[-1]) == (12, date(2026, 4, 1), date(2027, 3, 1))
    with pytest.raises(ValueError, match="not a financial year"):
        year_starts("2026-28")


# --- the DHP budget ------------------------------------------------------------------------------


def test_budget_committed_paid_remaining_and_spend_by_month() -> None:
    budget = dhp_budget(
        "2026-27",
        D("1000.00"),
        [
            ApplicationsTotal(DhpStatus.AWARDED, requested=D("390.00"), awarded=D("400.00")),
            ApplicationsTotal(DhpStatus.AWARDED, requested=D("200.00"), awarded=D("200.00")),
            ApplicationsTotal(DhpStatus.REQUESTED, requested=D("150.00")),
            ApplicationsTotal(DhpStatus.REFUSED, requested=D("300.00")),
        ],
        [
            Paid(date(2026, 11, 23), D("100.00")),
            Paid(date(2026, 11, 30), D("30.00")),
            Paid(date(2027, 1, 4), D("70.00")),
        ],
    )
    # Awarded 400 + 200 = 600; paid 100 + 30 + 70 = 200; committed 600 - 200 = 400;
    # remaining 1,000 - 400 - 200 = 400. The refusal counts for nothing; the request is pending.
    assert (budget.awarded, budget.paid, budget.committed) == (
        D("600.00"),
        D("200.00"),
        D("400.00"),
    )
    assert budget.pending == D("150.00")
    assert budget.remaining == D("400.00")
    spend = {month.month: month.paid for month in budget.by_month}
    assert spend[date(2026, 11, 1)] == D("130.00")
    assert spend[date(2027, 1, 1)] == D("70.00")
    assert sum(spend.values()) == budget.paid
    assert [month.month for month in budget.by_month] == list(year_months("2026-27"))


def test_a_payment_after_the_year_counts_but_not_in_its_months() -> None:
    budget = dhp_budget(
        "2026-27",
        D("1000.00"),
        [ApplicationsTotal(DhpStatus.AWARDED, requested=D("300.00"), awarded=D("300.00"))],
        [Paid(date(2027, 3, 31), D("100.00")), Paid(date(2027, 4, 1), D("50.00"))],
    )
    assert budget.paid == D("150.00")
    assert budget.paid_after_year == D("50.00")
    assert budget.by_month[-1].paid == D("100.00")


def test_a_request_larger_than_what_remains_is_flagged() -> None:
    budget = dhp_budget(
        "2026-27",
        D("1000.00"),
        [ApplicationsTotal(DhpStatus.AWARDED, requested=D("600.00"), awarded=D("600.00"))],
        [],
    )
    # Remaining: 1,000 - 600 committed = 400.00.
    assert over_budget(budget, D("400.00")) is None
    flag = over_budget(budget, D("400.01"))
    assert flag is not None and "only £400.00 is left" in flag


def test_an_overspent_budget_and_a_missing_allocation_are_flagged() -> None:
    overspent = dhp_budget(
        "2026-27",
        D("100.00"),
        [ApplicationsTotal(DhpStatus.AWARDED, requested=D("150.00"), awarded=D("150.00"))],
        [],
    )
    assert overspent.remaining == D("-50.00")
    assert "nothing is left" in over_budget(overspent, D("1.00"))
    unset = dhp_budget("2027-28", None, [], [])
    assert unset.remaining is None
    assert "No DHP allocation is set for 2027-28" in over_budget(unset, D("1.00"))


def test_rent_above_the_shared_rate_names_it_once() -> None:
    # 26 and alone: the shared accommodation rate, 90.00 a week (sample rates); the rent,
    # 150.00, is 150.00 - 90.00 = 60.00 above it.
    young = (Member(Relationship.APPLICANT, date(2000, 1, 1), name="Applicant"),)
    result = check(SHORTFALL_13_WEEKS, members=young)
    notes = " ".join(result.household.notes)
    assert "£60.00 above the shared accommodation rate of the LHA" in notes
    assert "rate rate" not in notes.lower()


# --- food and living costs are not spare; unknown income is not nothing (issue 14) ---------------

UC_CLIENT = {"rent": "219.23 pw", "uc_housing_element": "183.46 pw", "weeks": "13"}
UC_INTERVIEW = {
    "rent_weekly": D("219.23"),
    "uc_housing_element": True,
    "uc_housing_element_weekly": D("183.46"),
}


FAMILY = (
    Member(Relationship.APPLICANT, date(1990, 1, 1), name="Applicant"),
    Member(Relationship.PARTNER, date(1991, 5, 5), name="Sam"),
    Member(Relationship.CHILD, date(2019, 3, 3), name="Ann", sex="female"),
    Member(Relationship.CHILD, date(2021, 4, 4), name="Ben", sex="male"),
)


def test_food_and_living_costs_are_not_counted_as_spare() -> None:
    # Issue 14's client: 123.47 a week left after the outgoings the interview records (the
    # whole rent among them), food not recorded: once "Do not apply". A couple with two
    # children: the UC standard allowance for a couple, 666.97 a month x 12 / 52 = 153.916 ->
    # 153.92 a week, and the child element 303.94 x 12 / 52 = 70.14 for each child:
    # 153.92 + 2 x 70.14 = 294.20 a week assumed (policy file). 123.47 - 294.20 = 170.73 short,
    # so they can pay none of the 219.23 - 183.46 = 35.77 shortfall: 35.77 x 13 = 465.01.
    result = check(UC_CLIENT, weekly_residual=D("123.47"), members=FAMILY, **UC_INTERVIEW)
    assert result.left_before == D("-170.73")
    assert result.advised_weekly == result.dhp_weekly == D("35.77")
    assert result.advised_total == result.total == D("465.01")
    assert result.recommendation is Recommendation.APPLY
    assumed = next(line for line in result.affordability if "assumed" in line)
    assert "£294.20 a week assumed for a couple and 2 children" in assumed
    assert "policy file" in assumed


def test_a_single_adult_is_allowed_the_single_rate_and_can_still_be_applied_for() -> None:
    # One adult of 36: 424.90 x 12 / 52 = 98.0538 -> 98.05 a week. 123.47 - 98.05 = 25.42 left
    # after paying the whole rent and living: they could meet the 35.77 shortfall. The check
    # advises against; applying (the officer decides) asks for 35.77 x 13 = 465.01.
    result = check(UC_CLIENT, weekly_residual=D("123.47"), **UC_INTERVIEW)
    assert result.left_before == D("25.42")
    assert result.advised_total == D("0.00")
    assert result.total == D("465.01")
    assert result.recommendation is Recommendation.DO_NOT_APPLY
    assert any("£98.05 a week assumed for one adult" in line for line in result.affordability)
    assert any("applying asks for £465.01" in reason for reason in result.reasons)


def test_living_costs_recorded_in_the_interview_are_not_assumed_again() -> None:
    result = check(
        UC_CLIENT, weekly_residual=D("123.47"), living_costs_weekly=D("90.00"), **UC_INTERVIEW
    )
    assert result.left_before == D("123.47")
    assert not any("assumed" in line for line in result.affordability)


def test_no_income_recorded_is_not_checked_and_no_deficit_is_made_up() -> None:
    from housing_tui.casework.interview import facts_from_answers

    # Rent 219.23 and council tax recorded, no income at all: not "110.77 a week short".
    facts = facts_from_answers(
        {"rent": "219.23 weekly", "council_tax": "15.77 weekly"},
        [],
        applicant_born=date(1990, 1, 1),
        approached_on=TODAY,
        channel="drop_in",
    )
    assert facts.weekly_residual is None
    inputs, _ = read_check_form({"rent": "219.23 pw", "housing_benefit": "108.46 pw", "weeks": "4"})
    result = dhp_check(inputs, facts=facts, policy=POLICY, on=TODAY)
    assert result.affordability == (
        "Income is not recorded in the interview: affordability is not checked.",
    )
    assert not any("debt advice" in reason or "short" in reason for reason in result.reasons)
    assert result.advised_weekly == result.dhp_weekly == D("110.77")  # 219.23 - 108.46


def test_rent_arrears_get_a_line_on_what_a_dhp_can_do() -> None:
    result = check(SHORTFALL_13_WEEKS, arrears_total=D("1300.00"))
    arrears = next(reason for reason in result.reasons if "Rent arrears" in reason)
    assert arrears.startswith("Rent arrears of £1,300.00 (interview): a DHP can also cover")
    assert "got Housing Benefit or the UC housing element, for that period only" in arrears
    assert "DHP guidance manual" in arrears
    no_arrears = check(SHORTFALL_13_WEEKS)
    assert not any("Rent arrears" in reason for reason in no_arrears.reasons)
