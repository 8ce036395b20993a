"""The rent deposit check, worked by hand from the rules (Tenant Fees Act 2019, Renters' Rights
Act 2025, the size criteria and the shipped policy's sample figures):

- annual rent = rent x periods a year (52, 26, 13, 12, 1); a week's rent = annual / 52;
- deposit cap = annual x 5 / 52 under £50,000 a year, annual x 6 / 52 at or over it;
- holding deposit cap = annual x 1 / 52; rent in advance = annual x 1 / 12 from 1 May 2026;
- every limit rounded DOWN to the penny;
- sample LHA: shared £90, 1 bedroom £150, 2 bedrooms £185 a week; the scheme takes rent up to
  10% over the LHA rate and puts up at most £1,500.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship
from housing_tui.casework.duties import Duty, DutyKind
from housing_tui.money.amounts import Frequency
from housing_tui.money.deposits import (
    ANSWERED_CHECKS,
    Check,
    CheckAnswer,
    CheckStatus,
    PropertyOffer,
    check_property,
    rate_name,
    read_property,
    up_front_limits,
)
from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy import load_policy

POLICY = load_policy()
RULES = POLICY.deposits
TODAY = date(2026, 11, 23)
PREVENTION = Duty("duty-1", DutyKind.PREVENTION, started_on=date(2026, 11, 16))

SINGLE_36 = Member(Relationship.APPLICANT, date(1990, 1, 1))
"""Aged 36 on the day of the check: one bedroom, not the shared rate."""

ELIGIBLE = InterviewFacts(
    members=(SINGLE_36,),
    rent_weekly=Decimal("150.00"),
    housing_benefit_weekly=Decimal("120.00"),
    weekly_residual=Decimal("20.00"),
    living_costs_weekly=Decimal("95.00"),
    months_resident_of_last_12=12,
)
"""On Housing Benefit in a £150-a-week home with £20 a week left once everything the interview
records is paid (food and living included), and a local connection."""

ALL_YES = dict.fromkeys(ANSWERED_CHECKS, CheckAnswer.YES)


def offer(**changes) -> PropertyOffer:
    """650 pcm (£150 a week, £7,800 a year), one bedroom, £750 deposit (exactly 5 weeks), one
    month in advance, every paper seen, EPC C."""
    base = PropertyOffer(
        address="1 Example Street",
        landlord="A Landlord",
        rent=Decimal("650.00"),
        rent_frequency=Frequency.MONTHLY,
        bedrooms=1,
        deposit_asked=Decimal("750.00"),
        rent_in_advance_asked=Decimal("650.00"),
        epc_rating="C",
        answers=ALL_YES,
    )
    return dataclasses.replace(base, **changes)


def check(the_offer: PropertyOffer | None = None, *, facts=ELIGIBLE, duties=(PREVENTION,), **more):
    return check_property(
        the_offer or offer(),
        facts=facts,
        duties=duties,
        checked_on=more.get("on", TODAY),
        policy=more.get("policy", POLICY),
    )


def limits(amount: str, frequency: Frequency, on: date = TODAY):
    return up_front_limits(Decimal(amount), frequency, on=on, rules=RULES)


# --- the deposit cap either side of £50,000 a year ------------------------------------------------


@pytest.mark.parametrize(
    ("rent", "frequency", "annual", "weeks", "cap"),
    [
        # 961.53 x 52 = 49,999.56: under £50,000, so 5 weeks: 961.53 x 5 = 4,807.65.
        ("961.53", Frequency.WEEKLY, "49999.56", 5, "4807.65"),
        # 961.54 x 52 = 50,000.08: £50,000 or more, so 6 weeks: 961.54 x 6 = 5,769.24.
        ("961.54", Frequency.WEEKLY, "50000.08", 6, "5769.24"),
        # 4,166.66 x 12 = 49,999.92; x 5 / 52 = 4,807.6846... rounded down: 4,807.68.
        ("4166.66", Frequency.MONTHLY, "49999.92", 5, "4807.68"),
        # 4,166.67 x 12 = 50,000.04; x 6 / 52 = 5,769.2353... rounded DOWN: 5,769.23 (to the
        # nearest it would be 5,769.24, a fraction of a penny over the limit).
        ("4166.67", Frequency.MONTHLY, "50000.04", 6, "5769.23"),
        # Exactly £50,000 a year is "at or over": 50,000 x 6 / 52 = 5,769.2307... -> 5,769.23.
        ("50000", Frequency.YEARLY, "50000", 6, "5769.23"),
        # The guidance's example: 750 x 12 = 9,000; x 5 / 52 = 865.3846... -> 865.38.
        ("750", Frequency.MONTHLY, "9000", 5, "865.38"),
        # 300 a fortnight x 26 = 7,800 = 600 every four weeks x 13; x 5 / 52 = 750.00.
        ("300", Frequency.FORTNIGHTLY, "7800", 5, "750.00"),
        ("600", Frequency.FOUR_WEEKLY, "7800", 5, "750.00"),
    ],
)
def test_the_deposit_cap_is_5_weeks_under_50000_a_year_and_6_weeks_from_it(
    rent, frequency, annual, weeks, cap
) -> None:
    worked = limits(rent, frequency)
    assert worked.annual_rent == Decimal(annual)
    assert worked.deposit_weeks == weeks
    assert worked.deposit_cap == Decimal(cap)


@given(
    pence=st.integers(min_value=1, max_value=500_000 * 100),
    frequency=st.sampled_from(list(Frequency)),
)
def test_the_cap_never_exceeds_the_legal_limit_and_loses_less_than_a_penny(
    pence: int, frequency: Frequency
) -> None:
    amount = Decimal(pence) / 100
    worked = up_front_limits(amount, frequency, on=TODAY, rules=RULES)
    periods = {"weekly": 52, "fortnightly": 26, "four_weekly": 13, "monthly": 12, "yearly": 1}
    annual = amount * periods[frequency.value]
    weeks = 5 if annual < 50_000 else 6
    exact = annual * weeks / 52
    assert worked.deposit_weeks == weeks
    assert exact - Decimal("0.01") < worked.deposit_cap <= exact


def test_a_deposit_of_exactly_the_cap_passes_and_a_penny_more_breaks_the_law() -> None:
    # 650 pcm: 7,800 a year, x 5 / 52 = 750.00.
    exactly = check(offer(deposit_asked=Decimal("750.00"))).result_of(Check.DEPOSIT)
    assert exactly.status is CheckStatus.PASS
    over = check(offer(deposit_asked=Decimal("750.01"))).result_of(Check.DEPOSIT)
    assert over.status is CheckStatus.FAIL and over.breaks_the_law
    assert "£750.00" in over.reason and "£0.01" in over.reason
    assert "5 weeks' rent" in over.reason and "under £50,000.00" in over.reason


def test_a_deposit_not_typed_is_not_known_and_says_the_most_allowed() -> None:
    result = check(offer(deposit_asked=None)).result_of(Check.DEPOSIT)
    assert result.status is CheckStatus.NOT_KNOWN
    assert "£750.00" in result.reason


# --- holding deposit and rent in advance ---------------------------------------------------------


def test_the_holding_deposit_is_capped_at_one_weeks_rent_rounded_down() -> None:
    # 750 pcm: 9,000 / 52 = 173.0769... -> 173.07 (£173.08 would be over a week's rent).
    assert limits("750", Frequency.MONTHLY).holding_deposit_cap == Decimal("173.07")
    within = check(offer(rent=Decimal("750"), holding_deposit=Decimal("173.07")))
    assert within.result_of(Check.HOLDING_DEPOSIT).status is CheckStatus.PASS
    over = check(offer(rent=Decimal("750"), holding_deposit=Decimal("173.08")))
    assert over.result_of(Check.HOLDING_DEPOSIT).status is CheckStatus.FAIL


def test_rent_in_advance_is_the_initial_rent_for_tenancies_from_1_may_2026() -> None:
    # Monthly rent: the first rent period is a month, and the next ends more than 28 days after
    # the first day, so the initial rent is 1 month's rent: £650.00.
    assert limits("650", Frequency.MONTHLY).rent_in_advance_limit == Decimal("650.00")
    two_months = offer(rent_in_advance_asked=Decimal("1300.00"))
    from_may = check(two_months, on=date(2026, 5, 1)).result_of(Check.RENT_IN_ADVANCE)
    assert from_may.status is CheckStatus.FAIL and from_may.breaks_the_law
    assert "£650.00" in from_may.reason and "Renters' Rights Act 2025" in from_may.reason
    assert "s.4B" in from_may.reason
    one_month = check(offer(rent_in_advance_asked=Decimal("650.00")), on=date(2026, 5, 1))
    assert one_month.result_of(Check.RENT_IN_ADVANCE).status is CheckStatus.PASS


def test_weekly_rent_in_advance_is_28_days_not_a_twelfth_of_a_year() -> None:
    # Housing Act 1988 s.4B (Renters' Rights Act 2025 s.8): initial rent is the first rent
    # period's rent and any later period ending within 28 days of its first day. Weekly
    # periods end on days 7, 14, 21 and 28: 4 weeks' rent. 173 pw: 4 x 173.00 = 692.00, not
    # 173 x 52 / 12 = 749.66 (a twelfth of a year, 4.33 weeks).
    weekly = limits("173", Frequency.WEEKLY)
    assert weekly.rent_in_advance_limit == Decimal("692.00")
    assert weekly.initial_rent == "4 weeks' rent"
    # Fortnightly 346: periods end on days 14 and 28, so 2 x 346.00 = 692.00.
    assert limits("346", Frequency.FORTNIGHTLY).rent_in_advance_limit == Decimal("692.00")
    # Four-weekly 692: one period of 28 days, 692.00.
    assert limits("692", Frequency.FOUR_WEEKLY).rent_in_advance_limit == Decimal("692.00")
    # 749.66 asked on 173 pw is over by 57.66.
    asked = offer(rent=Decimal("173"), rent_frequency=Frequency.WEEKLY)
    asked = dataclasses.replace(asked, rent_in_advance_asked=Decimal("749.66"))
    result = check(asked).result_of(Check.RENT_IN_ADVANCE)
    assert result.status is CheckStatus.FAIL and "£57.66" in result.reason


def test_the_limit_follows_the_tenancys_dates_not_the_day_of_the_check() -> None:
    two_months = offer(rent_in_advance_asked=Decimal("1300.00"))
    april_20 = date(2026, 4, 20)
    # Checked on 20 April 2026 for a tenancy signed on 5 May 2026: the limit applies (£650).
    signed_in_may = dataclasses.replace(two_months, tenancy_signed_on=date(2026, 5, 5))
    found = check(signed_in_may, on=april_20).result_of(Check.RENT_IN_ADVANCE)
    assert found.status is CheckStatus.FAIL and "£650.00" in found.reason
    # Signed 20 April, starting (first rent due) 15 May: rent falls due after 1 May: limited.
    starts_in_may = dataclasses.replace(
        two_months, tenancy_signed_on=april_20, tenancy_starts_on=date(2026, 5, 15)
    )
    assert check(starts_in_may, on=april_20).result_of(Check.RENT_IN_ADVANCE).status is (
        CheckStatus.FAIL
    )
    # Signed 20 April and starting 25 April: both before 1 May, no legal limit.
    all_april = dataclasses.replace(
        two_months, tenancy_signed_on=april_20, tenancy_starts_on=date(2026, 4, 25)
    )
    before = check(all_april, on=april_20).result_of(Check.RENT_IN_ADVANCE)
    assert before.status is CheckStatus.PASS and "No legal limit" in before.reason
    # Checked on 20 April with no dates: it depends on when it is signed, so not known.
    unknown = check(two_months, on=april_20).result_of(Check.RENT_IN_ADVANCE)
    assert unknown.status is CheckStatus.NOT_KNOWN and "1 May 2026" in unknown.reason
    # Checked on or after 1 May with no dates: a tenancy not yet signed will be signed from
    # then on, so the limit applies.
    assert check(two_months, on=date(2026, 5, 1)).result_of(Check.RENT_IN_ADVANCE).status is (
        CheckStatus.FAIL
    )


def test_the_tenancy_dates_are_read_from_the_form() -> None:
    reading = read_property(
        {**FORM, "tenancy_signed_on": "5/5/2026", "tenancy_starts_on": "+7"}, today=TODAY
    )
    assert reading.errors == {}
    assert reading.offer is not None
    assert reading.offer.tenancy_signed_on == date(2026, 5, 5)
    assert reading.offer.tenancy_starts_on == date(2026, 11, 30)  # Mon 23 Nov + 7 days


# --- letting fees ---------------------------------------------------------------------------------


def test_a_letting_fee_is_a_warning_never_a_payment() -> None:
    result = check(offer(fees_asked=Decimal("200.00")))
    fee = result.result_of(Check.LETTING_FEES)
    assert fee.status is CheckStatus.FAIL and fee.breaks_the_law
    assert "banned" in fee.reason and "Tenant Fees Act 2019" in fee.reason
    assert result.checks[0] is fee  # the only breach, so listed first
    assert not result.scheme.can_help and result.scheme.deposit is None
    assert any("Letting fees" in reason for reason in result.scheme.reasons)
    assert check(offer(fees_asked=Decimal("0"))).result_of(Check.LETTING_FEES).status is (
        CheckStatus.PASS
    )


def test_breaches_of_the_law_are_listed_first_in_the_checks_order() -> None:
    result = check(offer(deposit_asked=Decimal("900"), fees_asked=Decimal("50"), epc_rating="F"))
    first = [r.check for r in result.checks[:3]]
    assert first == [Check.DEPOSIT, Check.LETTING_FEES, Check.EPC_RATING]
    assert all(r.breaks_the_law for r in result.checks[:3])
    assert not any(r.breaks_the_law for r in result.checks[3:])


# --- the papers and the landlord ------------------------------------------------------------------


@pytest.mark.parametrize("failing", ANSWERED_CHECKS)
def test_each_check_answered_no_fails_and_stops_the_scheme(failing: Check) -> None:
    result = check(offer(answers={**ALL_YES, failing: CheckAnswer.NO}))
    found = result.result_of(failing)
    assert found.status is CheckStatus.FAIL
    assert found.breaks_the_law is (failing is not Check.LANDLORD_CHECKS)
    assert not result.scheme.can_help
    assert f"To put right first: {failing.label}." in result.scheme.reasons


def test_the_deposit_protection_check_quotes_the_policys_days() -> None:
    result = check(offer(answers={**ALL_YES, Check.DEPOSIT_PROTECTION: CheckAnswer.NOT_KNOWN}))
    assert "within 30 days" in result.result_of(Check.DEPOSIT_PROTECTION).reason


@pytest.mark.parametrize(
    ("rating", "status"),
    [("A", CheckStatus.PASS), ("E", CheckStatus.PASS), ("F", CheckStatus.FAIL), (None, None)],
)
def test_the_epc_must_be_the_policys_minimum_or_better(rating, status) -> None:
    found = check(offer(epc_rating=rating)).result_of(Check.EPC_RATING)
    assert found.status is (status or CheckStatus.NOT_KNOWN)
    assert "E or better" in found.reason or "below E" in found.reason


# --- rent against the Local Housing Allowance, and affordability ---------------------------------


def test_a_single_person_under_35_is_held_to_the_shared_rate() -> None:
    under_35 = dataclasses.replace(
        ELIGIBLE, members=(Member(Relationship.APPLICANT, date(1996, 1, 1)),)
    )
    # Aged 30: the shared rate, £90. £150 a week is £60 over, more than 10% (£99.00).
    result = check(facts=under_35)
    assert result.rent.category is LhaCategory.SHARED
    assert result.rent.lha_weekly == Decimal("90.00")
    lha = result.result_of(Check.RENT_AGAINST_LHA)
    assert lha.status is CheckStatus.FAIL and "£99.00" in lha.reason
    # A care leaver under 25 is exempt; at 30 the exemption has run out.
    care_leaver = dataclasses.replace(under_35, care_leaver=True)
    assert check(facts=care_leaver).rent.category is LhaCategory.SHARED
    abuse = dataclasses.replace(under_35, domestic_abuse=True)
    assert check(facts=abuse).rent.category is LhaCategory.ONE_BEDROOM


@pytest.mark.parametrize(
    "exempt",
    [
        {"mappa": True},
        {"disability_daily_living": True},
        {"modern_slavery": True},
        {"hostel_months": 3, "hostel_support_offered": True},
    ],
)
def test_every_shared_rate_exemption_reaches_the_deposit_check(exempt) -> None:
    # Aged 30, living alone: the shared rate (£90) unless exempt; exempt, the one-bedroom rate
    # (£150). £150 a week is then within the LHA rate, and the heading names the rate.
    under_35 = dataclasses.replace(
        ELIGIBLE, members=(Member(Relationship.APPLICANT, date(1996, 1, 1)),), **exempt
    )
    result = check(facts=under_35)
    assert result.rent.category is LhaCategory.ONE_BEDROOM
    assert result.rent.lha_weekly == Decimal("150.00")
    assert "shared" not in rate_name(result.rent.entitlement.category).lower()


def test_housing_support_is_worked_on_the_smaller_of_entitlement_and_the_property() -> None:
    family = dataclasses.replace(
        ELIGIBLE,
        members=(
            SINGLE_36,
            Member(Relationship.PARTNER, date(1991, 5, 1)),
            Member(Relationship.CHILD, date(2014, 3, 1), sex="male"),  # 12
            Member(Relationship.CHILD, date(2018, 3, 1), sex="female"),  # 8
        ),
    )
    # Couple 1, boy of 12 and girl of 8 cannot share: 3 bedrooms. A 2-bedroom property: the
    # 2-bedroom rate, £185.
    result = check(offer(bedrooms=2), facts=family)
    assert result.rent.entitlement.bedrooms == 3
    assert result.rent.category is LhaCategory.TWO_BEDROOMS
    assert result.rent.lha_weekly == Decimal("185.00")
    # A single person in a 2-bedroom property: still the 1-bedroom rate.
    assert check(offer(bedrooms=2)).rent.category is LhaCategory.ONE_BEDROOM


@pytest.mark.parametrize(
    ("weekly", "status", "shortfall"),
    [
        ("150.00", CheckStatus.PASS, "0.00"),  # the 1-bedroom rate exactly
        ("165.00", CheckStatus.PASS, "15.00"),  # 150 x 110% = 165: the scheme's limit
        ("165.01", CheckStatus.FAIL, "15.01"),  # a penny over it
    ],
)
def test_the_rent_may_be_up_to_the_schemes_margin_over_the_lha_rate(
    weekly, status, shortfall
) -> None:
    # 4 weeks' rent in advance: the most a landlord may take on weekly rent.
    weekly_rent = offer(
        rent=Decimal(weekly),
        rent_frequency=Frequency.WEEKLY,
        rent_in_advance_asked=Decimal(weekly) * 4,
    )
    result = check(weekly_rent)
    assert result.result_of(Check.RENT_AGAINST_LHA).status is status
    assert result.rent.shortfall_weekly == Decimal(shortfall)
    assert result.scheme.can_help is (status is CheckStatus.PASS)


@pytest.mark.parametrize(
    ("facts_change", "weekly", "left"),
    [
        # On HB: 20 left + 150 rent now - 160 new rent + (min(160, 150) - min(150, 150)) = 10.
        ({}, "160.00", "10.00"),
        # A cheaper home lowers the support as much as the rent: 20 + 150 - 140 + (140 - 150).
        ({}, "140.00", "20.00"),
        # No housing support: 20 + 150 - 160 = 10, the whole rent is theirs.
        ({"housing_benefit_weekly": Decimal(0), "uc_housing_element": False}, "160.00", "10.00"),
        # Living with family, no rent, on UC with the housing element for the new home:
        # 20 + 0 - 150 + (min(150, 150) - 0) = 20.
        (
            {"rent_weekly": None, "housing_benefit_weekly": None, "uc_housing_element": True},
            "150.00",
            "20.00",
        ),
        # No support and more rent than is left: 20 + 150 - 180 = -10, a shortfall.
        ({"housing_benefit_weekly": Decimal(0), "uc_housing_element": False}, "180.00", "-10.00"),
    ],
)
def test_money_left_after_the_move(facts_change, weekly, left) -> None:
    facts = dataclasses.replace(ELIGIBLE, **facts_change)
    result = check(offer(rent=Decimal(weekly), rent_frequency=Frequency.WEEKLY), facts=facts)
    assert result.rent.left_weekly == Decimal(left)
    afford = result.result_of(Check.AFFORDABILITY)
    assert afford.status is (CheckStatus.FAIL if left.startswith("-") else CheckStatus.PASS)


def test_a_shortfall_is_named_and_stops_the_scheme() -> None:
    facts = dataclasses.replace(
        ELIGIBLE, housing_benefit_weekly=Decimal(0), uc_housing_element=False
    )
    # 160 pw with 4 weeks' rent (640.00) in advance, the most allowed on weekly rent.
    weekly_rent = offer(
        rent=Decimal("160.00"),
        rent_frequency=Frequency.WEEKLY,
        rent_in_advance_asked=Decimal("640.00"),
    )
    result = check(weekly_rent, facts=facts)
    assert result.rent.left_weekly == Decimal("10.00")  # 20 + 150 - 160
    short = dataclasses.replace(facts, weekly_residual=Decimal("-5.00"))
    worse = check(weekly_rent, facts=short)
    afford = worse.result_of(Check.AFFORDABILITY)
    # -5 + 150 - 160 = -15.
    assert afford.status is CheckStatus.FAIL and afford.reason.startswith("£15.00 a week short")
    assert "To put right first: Affordability." in worse.scheme.reasons


def test_food_and_living_are_not_spare_when_the_interview_records_none() -> None:
    # No food and living costs recorded: the policy's allowance for one adult, the UC standard
    # allowance £424.90 a month = 424.90 x 12 / 52 = £98.05 a week, comes off the £20 left.
    # Same rent and support after the move: 20.00 - 98.05 + 150 - 150 + 0 = -78.05.
    facts = dataclasses.replace(ELIGIBLE, living_costs_weekly=None)
    result = check(facts=facts)
    assert result.rent.left_weekly == Decimal("-78.05")
    afford = result.result_of(Check.AFFORDABILITY)
    assert afford.status is CheckStatus.FAIL and afford.reason.startswith("£78.05 a week short")
    assert any("£98.05 a week assumed for one adult" in note for note in result.notes)


def test_affordability_is_not_known_without_income_and_spending() -> None:
    result = check(facts=dataclasses.replace(ELIGIBLE, weekly_residual=None))
    assert result.result_of(Check.AFFORDABILITY).status is CheckStatus.NOT_KNOWN
    assert result.rent.left_weekly is None
    assert "Not known yet: Affordability." in result.scheme.reasons


def test_no_lha_rates_for_the_day_means_the_rent_cannot_be_judged() -> None:
    # The sample rates apply from 1 April 2024.
    result = check(on=date(2024, 3, 31))
    assert result.rent.lha_weekly is None
    assert result.result_of(Check.RENT_AGAINST_LHA).status is CheckStatus.NOT_KNOWN
    assert result.result_of(Check.AFFORDABILITY).status is CheckStatus.NOT_KNOWN
    assert "Not known yet: Rent against LHA, Affordability." in result.scheme.reasons


def test_the_sample_lha_figures_are_said_to_be_samples() -> None:
    assert any("SAMPLE" in note for note in check().notes)
    council = dataclasses.replace(POLICY, lha=dataclasses.replace(POLICY.lha, sample=False))
    assert not any("SAMPLE" in note for note in check(policy=council).notes)


# --- the rent deposit scheme ----------------------------------------------------------------------


def test_the_scheme_puts_up_the_deposit_and_it_is_recharged() -> None:
    result = check()
    assert result.scheme.can_help and result.scheme.deposit == Decimal("750.00")
    assert "The scheme can put up the deposit of £750.00." in result.scheme.reasons
    assert any("repayment agreement for £750.00" in r for r in result.scheme.reasons)
    not_recharged = dataclasses.replace(
        POLICY,
        deposits=dataclasses.replace(
            RULES, scheme=dataclasses.replace(RULES.scheme, recharged=False)
        ),
    )
    assert not any("repayment" in r for r in check(policy=not_recharged).scheme.reasons)


def scheme_reasons(the_offer=None, **more) -> tuple[str, ...]:
    answer = check(the_offer, **more).scheme
    assert not answer.can_help and answer.deposit is None
    return answer.reasons


def test_the_scheme_needs_an_open_duty() -> None:
    ended = dataclasses.replace(PREVENTION, ended_on=date(2026, 11, 20), end_reason="contact_lost")
    for duties in ((), (ended,)):
        assert scheme_reasons(duties=duties) == (
            "No prevention or relief duty is open on the case: the scheme helps only where "
            "one is owed.",
        )


def test_the_scheme_needs_a_local_connection() -> None:
    none = dataclasses.replace(ELIGIBLE, months_resident_of_last_12=2, years_resident_of_last_5=0)
    assert scheme_reasons(facts=none) == (
        "No local connection with the area: the scheme needs one.",
    )
    unknown = dataclasses.replace(ELIGIBLE, months_resident_of_last_12=None)
    assert scheme_reasons(facts=unknown)[0].startswith("Local connection not established")


def test_the_scheme_needs_the_safety_papers_seen_not_just_not_known() -> None:
    papers = {**ALL_YES, Check.GAS_SAFETY: CheckAnswer.NOT_KNOWN}
    assert scheme_reasons(offer(answers=papers, epc_rating=None)) == (
        "Not known yet: Gas safety cert., EPC rating.",
    )
    # Deposit protection and the landlord checks are not safety papers: still to check.
    later = {**ALL_YES, Check.LANDLORD_CHECKS: CheckAnswer.NOT_KNOWN}
    answer = check(offer(answers=later)).scheme
    assert answer.can_help
    assert "Still to check before it is paid: Landlord checks." in answer.reasons


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"deposit_asked": None}, "Type the deposit asked"),
        ({"deposit_asked": Decimal("0")}, "No deposit is asked"),
        # 2,000 pcm: cap 24,000 x 5 / 52 = 2,307.69, so £1,600 is lawful but over £1,500.
        (
            {"rent": Decimal("2000"), "deposit_asked": Decimal("1600")},
            "The deposit, £1,600.00, is more than the scheme puts up (£1,500.00).",
        ),
    ],
)
def test_the_scheme_needs_a_deposit_it_can_cover(changes, reason) -> None:
    facts = dataclasses.replace(ELIGIBLE, weekly_residual=Decimal("500.00"))
    policy = dataclasses.replace(
        POLICY,
        deposits=dataclasses.replace(
            RULES, scheme=dataclasses.replace(RULES.scheme, max_rent_over_lha_percent=100)
        ),
    )
    reasons = scheme_reasons(offer(**changes), facts=facts, policy=policy)
    assert [r for r in reasons if r.startswith(reason)], reasons


# --- reading the form -----------------------------------------------------------------------------

FORM = {
    "address": "1 Example Street",
    "landlord": "A Landlord",
    "rent": "650 pcm",
    "bedrooms": "1",
    "deposit_asked": "750",
    "rent_in_advance_asked": "£650.00",
    "holding_deposit": "",
    "fees_asked": "",
    "epc_rating": "c",
    "gas_safety": "yes",
    "electrical_safety": "no",
    "how_to_rent": "not_known",
    "deposit_protection": "",
    "landlord_checks": "yes",
}


def test_the_form_is_read_as_typed() -> None:
    reading = read_property(FORM, today=TODAY)
    assert reading.errors == {}
    assert reading.offer == PropertyOffer(
        address="1 Example Street",
        landlord="A Landlord",
        rent=Decimal("650.00"),
        rent_frequency=Frequency.MONTHLY,
        bedrooms=1,
        deposit_asked=Decimal("750.00"),
        rent_in_advance_asked=Decimal("650.00"),
        epc_rating="C",
        answers={
            Check.GAS_SAFETY: CheckAnswer.YES,
            Check.ELECTRICAL_SAFETY: CheckAnswer.NO,
            Check.HOW_TO_RENT: CheckAnswer.NOT_KNOWN,
            Check.DEPOSIT_PROTECTION: CheckAnswer.NOT_KNOWN,
            Check.LANDLORD_CHECKS: CheckAnswer.YES,
        },
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("rent", "0 pcm", "The rent must be more than £0: type what the landlord asks."),
        ("rent", "-650 pcm", "Amounts cannot be negative."),
        ("rent", "", "Type the rent and how often, e.g. 650 pcm or 150 pw."),
        ("rent", "£", "Type the rent and how often, e.g. 650 pcm or 150 pw."),
        ("rent", "six fifty a month", "Type the rent and how often, e.g. 650 pcm or 150 pw."),
        ("rent", "650 a fortnight or so", "£650.00 how often?"),
        ("rent", "650", "£650.00 how often? Add pw, 2w, 4w, pcm or pa, e.g. 650.00 pcm."),
        # 6,500 pw is more than £5,000 a week: the wrong period, most likely.
        ("rent", "6500 pw", "£6,500.00 a week is more than £5,000.00: check the amount"),
        ("bedrooms", "0", "Bedrooms: a whole number from 1 to 10 (a studio flat counts as 1)."),
        ("bedrooms", "two", "Bedrooms: a whole number from 1 to 10"),
        ("bedrooms", "11", "Bedrooms: a whole number from 1 to 10"),
        ("deposit_asked", "-750", "Amounts cannot be negative."),
        ("fees_asked", "lots", "Type the amount in figures"),
        ("holding_deposit", "150000", "£150,000.00 is more than £100,000: check the amount."),
        ("epc_rating", "H", "EPC rating: one letter, A (best) to G"),
        ("address", "   ", "The property's address is needed."),
        ("gas_safety", "maybe", "Choose yes, no or not known."),
    ],
)
def test_bad_input_gets_a_message_for_its_field(field, typed, message) -> None:
    reading = read_property({**FORM, field: typed}, today=TODAY)
    assert list(reading.errors) == [field]
    assert reading.errors[field].startswith(message)


def test_the_live_result_needs_only_the_rent_and_bedrooms() -> None:
    # An unreadable deposit is left out of the live result (and kept in the errors).
    reading = read_property(
        {"rent": "650 pcm", "bedrooms": "1", "deposit_asked": "abc"}, today=TODAY
    )
    assert reading.offer is not None and reading.offer.deposit_asked is None
    assert set(reading.errors) == {"address", "deposit_asked"}
    assert read_property({**FORM, "rent": "0 pcm"}, today=TODAY).offer is None
    assert read_property({**FORM, "bedrooms": ""}, today=TODAY).offer is None


def test_the_summary_keeps_the_result_in_words() -> None:
    summary = check(offer(fees_asked=Decimal("200"))).summary
    lines = summary.splitlines()
    assert lines[0] == "Rent deposit check on 23 November 2026."
    assert lines[1] == "The scheme cannot help."
    assert any(line.startswith("[Fail] Letting fees: £200.00 in letting fees") for line in lines)
