"""Money as officers type it and the benefit-style conversions between pay periods.

Expected values are worked out by hand from the rule (a year is 52 weeks or 12 months; monthly
to weekly is x 12 / 52; four-weekly to weekly is / 4; fortnightly / 2; yearly / 52; pence rounded
half up), never copied from what the code returned."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from housing_tui.money.amounts import (
    MAX_AMOUNT,
    MONEY_FORMS,
    Frequency,
    RegularAmount,
    income_and_expenditure,
    parse_money,
    parse_regular_amount,
    to_monthly,
    to_weekly,
)
from housing_tui.reference.fields import FieldError

# --- reading what was typed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("450", "450.00"),
        ("£450.00", "450.00"),
        ("1,200.50", "1200.50"),
        ("450.5", "450.50"),
        (" £ 1,200 ", "1200.00"),
        ("0", "0.00"),
        ("0.99", "0.99"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed: str, expected: str) -> None:
    assert parse_money(typed) == Decimal(expected)


def test_amounts_come_back_to_the_penny() -> None:
    amount = parse_money("450.5")
    assert amount is not None
    assert amount.as_tuple().exponent == -2
    assert str(amount) == "450.50"


def test_empty_amount_is_none() -> None:
    assert parse_money("") is None
    assert parse_money("   ") is None


@pytest.mark.parametrize("typed", ["-5", "- 5", "£-5", "-£5", "−5"])
def test_negative_amounts_are_refused(typed: str) -> None:
    with pytest.raises(FieldError, match="Amounts cannot be negative"):
        parse_money(typed)


@pytest.mark.parametrize("typed", ["12.345", "£0.001", "1,200.505"])
def test_more_than_two_decimal_places_is_refused(typed: str) -> None:
    with pytest.raises(FieldError, match="2 decimal places"):
        parse_money(typed)


@pytest.mark.parametrize(
    "typed", ["fifty", "£", "12,34", "1,20", "1.2.3", "450 pounds", "12/6", "1e3", "."]
)
def test_words_and_garbled_numbers_are_refused(typed: str) -> None:
    with pytest.raises(FieldError, match="in figures"):
        parse_money(typed)


def test_the_limit_is_allowed_but_a_penny_more_is_not() -> None:
    assert parse_money("100,000") == Decimal("100000.00")
    with pytest.raises(FieldError, match="check the amount"):
        parse_money("100000.01")
    with pytest.raises(FieldError, match="check the amount"):
        parse_money("1,000,000")


# --- conversions between periods -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "frequency", "weekly"),
    [
        ("650", Frequency.MONTHLY, "150.00"),  # 650 x 12 / 52 = 7800 / 52 = 150
        ("433.33", Frequency.MONTHLY, "100.00"),  # 5199.96 / 52 = 99.9992... -> 100.00
        ("400", Frequency.FOUR_WEEKLY, "100.00"),  # 400 / 4
        ("250", Frequency.FORTNIGHTLY, "125.00"),  # 250 / 2
        ("5200", Frequency.YEARLY, "100.00"),  # 5200 / 52
        ("95.55", Frequency.WEEKLY, "95.55"),
        ("100.01", Frequency.FORTNIGHTLY, "50.01"),  # 50.005: half rounds up, not to even
        ("0.01", Frequency.FORTNIGHTLY, "0.01"),  # 0.005 -> 0.01
        ("1000", Frequency.MONTHLY, "230.77"),  # 12000 / 52 = 230.769...
    ],
)
def test_to_weekly_as_benefits_do_it(amount: str, frequency: Frequency, weekly: str) -> None:
    assert to_weekly(Decimal(amount), frequency) == Decimal(weekly)


@pytest.mark.parametrize(
    ("amount", "frequency", "monthly"),
    [
        ("100", Frequency.WEEKLY, "433.33"),  # 100 x 52 / 12 = 433.333...
        ("150", Frequency.WEEKLY, "650.00"),  # 7800 / 12
        ("3", Frequency.WEEKLY, "13.00"),  # 156 / 12
        ("200", Frequency.FORTNIGHTLY, "433.33"),  # 200 x 26 / 12
        ("40", Frequency.FOUR_WEEKLY, "43.33"),  # 40 x 13 / 12 = 43.333...
        ("6", Frequency.YEARLY, "0.50"),
        ("0.06", Frequency.YEARLY, "0.01"),  # 0.005 -> 0.01
        ("650", Frequency.MONTHLY, "650.00"),
    ],
)
def test_to_monthly(amount: str, frequency: Frequency, monthly: str) -> None:
    assert to_monthly(Decimal(amount), frequency) == Decimal(monthly)


def test_frequency_codes_and_labels() -> None:
    assert [code for _, code in Frequency.choices()] == [
        "weekly",
        "fortnightly",
        "four_weekly",
        "monthly",
        "yearly",
    ]
    assert to_weekly(Decimal("650"), "monthly") == Decimal("150.00")  # a stored code works too


# --- income and expenditure ----------------------------------------------------------------------


def test_income_and_expenditure_worked_by_hand() -> None:
    income = [
        RegularAmount("Wages", Decimal("1300"), Frequency.MONTHLY),  # 300.00 a week
        RegularAmount("Child Benefit", Decimal("26.05"), Frequency.WEEKLY),  # 112.88 a month
    ]
    outgoings = [
        RegularAmount("Rent", Decimal("650"), Frequency.MONTHLY),  # 150.00 a week
        RegularAmount("Council tax", Decimal("1560"), Frequency.YEARLY),  # 30.00 / 130.00
        RegularAmount("Food", Decimal("80"), Frequency.WEEKLY),  # 346.67 a month
        RegularAmount("Phone", Decimal("40"), Frequency.FOUR_WEEKLY),  # 10.00 / 43.33
    ]
    summary = income_and_expenditure(income, outgoings)
    assert summary.weekly_income == Decimal("326.05")  # 300.00 + 26.05
    assert summary.weekly_outgoings == Decimal("270.00")  # 150 + 30 + 80 + 10
    assert summary.weekly_residual == Decimal("56.05")
    assert summary.monthly_income == Decimal("1412.88")  # 1300.00 + 112.88
    assert summary.monthly_outgoings == Decimal("1170.00")  # 650 + 130 + 346.67 + 43.33
    assert summary.monthly_residual == Decimal("242.88")


def test_a_shortfall_is_a_negative_residual() -> None:
    summary = income_and_expenditure(
        [RegularAmount("Universal Credit", Decimal("800"), Frequency.MONTHLY)],
        [RegularAmount("Rent", Decimal("950"), Frequency.MONTHLY)],
    )
    assert summary.monthly_residual == Decimal("-150.00")
    # 800 x 12 / 52 = 184.615... -> 184.62; 950 x 12 / 52 = 219.230... -> 219.23
    assert summary.weekly_residual == Decimal("-34.61")


def test_no_lines_is_all_zero() -> None:
    summary = income_and_expenditure([], [])
    assert summary.weekly_residual == summary.monthly_residual == Decimal("0.00")


# --- properties ----------------------------------------------------------------------------------

pounds_and_pence = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2)


@given(pounds_and_pence)
def test_typed_amounts_read_back_exactly(amount: Decimal) -> None:
    assert parse_money(str(amount)) == amount
    assert parse_money(f"£{amount:,}") == amount


@given(pounds_and_pence)
def test_weekly_to_monthly_and_back_is_within_a_penny(amount: Decimal) -> None:
    there_and_back = to_weekly(to_monthly(amount, Frequency.WEEKLY), Frequency.MONTHLY)
    assert abs(there_and_back - amount) <= Decimal("0.01")


@given(pounds_and_pence, st.sampled_from(list(Frequency)))
def test_conversions_are_whole_pence_and_never_negative(
    amount: Decimal, frequency: Frequency
) -> None:
    for converted in (to_weekly(amount, frequency), to_monthly(amount, frequency)):
        assert converted.as_tuple().exponent == -2
        assert converted >= 0


# --- money as screens and documents show it (issue 14) -------------------------------------------


def test_less_than_nothing_has_its_sign_before_the_pound_sign() -> None:
    from housing_tui.money.amounts import pounds

    assert pounds(Decimal("-450")) == "-£450.00"
    assert pounds(Decimal("1234.5")) == "£1,234.50"
    assert pounds(Decimal("-0.001")) == "£0.00"  # rounds to nothing: no sign


@pytest.mark.parametrize(
    ("amount", "frequency", "said"),
    [
        ("5000", Frequency.MONTHLY, "£5,000.00 a month"),
        ("150", Frequency.WEEKLY, "£150.00 a week"),
        ("200", Frequency.FORTNIGHTLY, "£200.00 every two weeks"),
        ("600", Frequency.FOUR_WEEKLY, "£600.00 every four weeks"),
        ("60000", Frequency.YEARLY, "£60,000.00 a year"),
    ],
)
def test_an_amount_and_how_often_is_said_in_words(
    amount: str, frequency: Frequency, said: str
) -> None:
    from housing_tui.money.amounts import per_period

    assert per_period(Decimal(amount), frequency) == said


def test_the_shared_rate_is_named_once() -> None:
    from housing_tui.money.benefits import rate_name
    from housing_tui.reference.codes import LhaCategory

    assert rate_name(LhaCategory.SHARED) == "the shared accommodation rate"
    assert rate_name(LhaCategory.TWO_BEDROOMS) == "the 2 bedrooms rate"


def test_every_money_form_f1_shows_is_read_as_it_says() -> None:
    """F1 shows `MONEY_FORMS`; each must be read, as often as it says."""
    expected = {
        "450 pcm": (Decimal("450.00"), Frequency.MONTHLY),
        "100 pw": (Decimal("100.00"), Frequency.WEEKLY),
        "200 2w": (Decimal("200.00"), Frequency.FORTNIGHTLY),
        "400 4w": (Decimal("400.00"), Frequency.FOUR_WEEKLY),
        "5200 pa": (Decimal("5200.00"), Frequency.YEARLY),
        "0": (Decimal("0.00"), Frequency.WEEKLY),
    }
    assert {typed: parse_regular_amount(typed) for typed, _ in MONEY_FORMS} == expected
