"""Reading what officers type. Expected values come from how people in England write dates,
from HMRC's NI number rules and from the Royal Mail postcode format, not from the code."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError

TODAY = date(2026, 11, 23)


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "3/4/1990",
        "03/04/1990",
        "03.04.90",
        "3.4.1990",
        "03-04-1990",
        "03041990",
        "030490",
        "3 Apr 1990",
        "3 April 1990",
        "03 apr 1990",
        "1990-04-03",  # ISO: year, month, day -- 3 April, never 4 March
        "  3/4/1990  ",
    ],
)
def test_dates_are_read_day_first_as_officers_type_them(typed: str) -> None:
    assert fields.parse_date(typed, today=TODAY) == date(1990, 4, 3)


def test_iso_date_is_year_month_day() -> None:
    assert fields.parse_date("1990-04-03", today=TODAY) == date(1990, 4, 3)
    assert fields.parse_date("1990-04-03", today=TODAY) != date(1990, 3, 4)


def test_today_and_relative_dates() -> None:
    assert fields.parse_date("today", today=TODAY) == TODAY
    assert fields.parse_date("Today", today=TODAY) == TODAY
    assert fields.parse_date("+14", today=TODAY) == date(2026, 12, 7)
    assert fields.parse_date("+2w", today=TODAY) == date(2026, 12, 7)
    assert fields.parse_date("+1", today=TODAY) == date(2026, 11, 24)


def test_empty_date_is_none() -> None:
    assert fields.parse_date("", today=TODAY) is None
    assert fields.parse_date("   ", today=TODAY) is None


@pytest.mark.parametrize(
    "typed",
    [
        "31/02/2000",  # no 31st of February
        "29/02/2001",  # 2001 is not a leap year
        "12/25/2000",  # US style: there is no 25th month
        "3",  # incomplete: which month and year?
        "3/4",  # incomplete: which year?
        "Apr 1990",  # incomplete: which day?
        "hello",
        "next week sometime",
        "32/01/2000",
    ],
)
def test_dates_that_cannot_be_used_are_refused(typed: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.parse_date(typed, today=TODAY)
    assert str(raised.value)  # a message the officer can read


def test_leap_day_is_a_real_date() -> None:
    assert fields.parse_date("29/02/2000", today=TODAY) == date(2000, 2, 29)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_date_typed_dd_mm_yyyy_reads_back_as_itself(day: date) -> None:
    typed = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    assert fields.parse_date(typed, today=TODAY) == day


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_iso_date_reads_back_as_itself(day: date) -> None:
    assert fields.parse_date(day.isoformat(), today=TODAY) == day


@given(st.integers(min_value=0, max_value=999))
def test_plus_days_is_that_many_days_from_today(days: int) -> None:
    assert fields.parse_date(f"+{days}", today=TODAY) == TODAY + timedelta(days=days)


# --- dates of birth ------------------------------------------------------------------------------


def test_date_of_birth_in_the_future_is_refused() -> None:
    with pytest.raises(FieldError):
        fields.parse_date_of_birth("24/11/2026", today=TODAY)
    with pytest.raises(FieldError):
        fields.parse_date_of_birth("tomorrow", today=TODAY)


def test_date_of_birth_today_is_allowed() -> None:
    assert fields.parse_date_of_birth("23/11/2026", today=TODAY) == TODAY


def test_date_of_birth_over_120_years_ago_is_refused() -> None:
    with pytest.raises(FieldError):
        fields.parse_date_of_birth("01/01/1900", today=TODAY)
    with pytest.raises(FieldError):
        fields.parse_date_of_birth("22/11/1905", today=TODAY)  # 121 today


def test_date_of_birth_of_a_very_old_person_is_allowed() -> None:
    assert fields.parse_date_of_birth("01/01/1926", today=TODAY) == date(1926, 1, 1)  # 100


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        ("3/4/70", date(1970, 4, 3)),
        ("03.04.70", date(1970, 4, 3)),
        ("3 Apr 70", date(1970, 4, 3)),
        ("3/4/90", date(1990, 4, 3)),
        ("3/4/05", date(2005, 4, 3)),
        ("1/1/30", date(1930, 1, 1)),
    ],
)
def test_two_digit_years_of_birth_go_into_the_past(typed: str, born: date) -> None:
    assert fields.parse_date_of_birth(typed, today=TODAY) == born


def test_six_digit_date_of_birth_with_two_digit_year_goes_into_the_past() -> None:
    assert fields.parse_date_of_birth("030470", today=TODAY) == date(1970, 4, 3)


def test_empty_date_of_birth_is_none() -> None:
    assert fields.parse_date_of_birth("", today=TODAY) is None


# --- must leave ----------------------------------------------------------------------------------


def test_must_leave_in_the_past_is_refused() -> None:
    with pytest.raises(FieldError):
        fields.parse_must_leave("22/11/2026", today=TODAY)


def test_must_leave_today_or_later_is_accepted() -> None:
    assert fields.parse_must_leave("today", today=TODAY) == TODAY
    assert fields.parse_must_leave("23/11/2026", today=TODAY) == TODAY
    assert fields.parse_must_leave("+2w", today=TODAY) == date(2026, 12, 7)
    assert fields.parse_must_leave("", today=TODAY) is None


# --- NI numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("AB123456C", "AB123456C"),
        ("ab 12 34 56 c", "AB123456C"),
        ("  Ab123456D ", "AB123456D"),
        ("JK 00 00 00 A", "JK000000A"),
        ("CE123456B", "CE123456B"),
    ],
)
def test_valid_ni_numbers_are_normalised(typed: str, clean: str) -> None:
    assert fields.parse_ni_number(typed) == clean


def test_empty_ni_number_is_none() -> None:
    assert fields.parse_ni_number("") is None
    assert fields.parse_ni_number("   ") is None


@pytest.mark.parametrize("first", list("DFIQUV"))
def test_ni_numbers_with_a_never_used_first_letter_are_refused(first: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_ni_number(f"{first}A123456C")


@pytest.mark.parametrize("second", list("DFIQUVO"))
def test_ni_numbers_with_a_never_used_second_letter_are_refused(second: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_ni_number(f"A{second}123456C")


@pytest.mark.parametrize("prefix", ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"])
def test_ni_numbers_with_a_never_issued_prefix_are_refused(prefix: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_ni_number(f"{prefix}123456C")


@pytest.mark.parametrize(
    "typed",
    [
        "AB123456",  # missing suffix
        "AB123456E",  # suffix must be A-D
        "AB12345C",  # five digits
        "AB1234567C",  # seven digits
        "A1123456C",
        "123456789",
        "not an NI number",
    ],
)
def test_malformed_ni_numbers_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_ni_number(typed)


_FIRST = "ABCEGHJKLMNOPRSTWXYZ"  # HMRC: never D, F, I, Q, U, V first
_SECOND = "ABCEGHJKLMNPRSTWXYZ"  # nor O second
_NEVER_ISSUED = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}

valid_ni_numbers = st.builds(
    lambda a, b, digits, suffix: f"{a}{b}{digits}{suffix}",
    st.sampled_from(_FIRST),
    st.sampled_from(_SECOND),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.sampled_from("ABCD"),
).filter(lambda ni: ni[:2] not in _NEVER_ISSUED)


@given(valid_ni_numbers, st.sampled_from([" ", "", "  "]), st.booleans())
def test_any_valid_ni_number_normalises_and_reparses_to_itself(
    ni: str, gap: str, lower: bool
) -> None:
    typed = gap.join([ni[:2], ni[2:4], ni[4:6], ni[6:8], ni[8]])
    typed = typed.lower() if lower else typed
    clean = fields.parse_ni_number(typed)
    assert clean == ni
    assert fields.parse_ni_number(clean) == clean


# --- postcodes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("zz993ab", "ZZ99 3AB"),
        ("m11ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("cr26xh", "CR2 6XH"),
        ("W1A 0AX", "W1A 0AX"),
    ],
)
def test_postcodes_are_normalised(typed: str, clean: str) -> None:
    assert fields.parse_postcode(typed) == clean


@pytest.mark.parametrize(
    "typed", ["12345", "SW1A", "1AA", "SW1A 1A", "SW1A 11A", "ABC 1AA", "not a postcode", "S"]
)
def test_bad_postcodes_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_postcode(typed)


def test_empty_postcode_is_none() -> None:
    assert fields.parse_postcode("") is None


# --- names, counts, initials, phone, email -------------------------------------------------------


def test_names_are_tidied() -> None:
    assert fields.parse_name("  Mary   Jane ", "First name(s)") == "Mary Jane"
    assert fields.parse_name("O'Brien-Smith", "Surname") == "O'Brien-Smith"
    assert fields.parse_name("Zoë", "First name(s)") == "Zoë"


@pytest.mark.parametrize("typed", ["", "   ", "12345", "42 7", "---", "x" * 101])
def test_names_that_cannot_be_used_are_refused(typed: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.parse_name(typed, "Surname")
    assert str(raised.value)


def test_name_error_names_the_field() -> None:
    with pytest.raises(FieldError, match="Surname"):
        fields.parse_name("", "Surname")


def test_counts() -> None:
    assert fields.parse_count("2", "Adults", minimum=1, maximum=20) == 2
    assert fields.parse_count(" 0 ", "Children", minimum=0, maximum=20) == 0
    assert fields.parse_count("20", "Adults", minimum=1, maximum=20) == 20


@pytest.mark.parametrize("typed", ["", "two", "-1", "1.5", "0", "21"])
def test_counts_that_cannot_be_used_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_count(typed, "Adults", minimum=1, maximum=20)


def test_initials() -> None:
    assert fields.parse_initials("js") == "JS"
    assert fields.parse_initials("J. S.") == "JS"
    assert fields.parse_initials("abcde") == "ABCDE"


@pytest.mark.parametrize("typed", ["", "   ", "ABCDEF", "J1", "J-S"])
def test_bad_initials_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        fields.parse_initials(typed)


def test_phone_and_email() -> None:
    assert fields.parse_phone("07700 900123") == "07700 900123"
    assert fields.parse_phone("") is None
    assert fields.parse_email("name@example.org") == "name@example.org"
    assert fields.parse_email("") is None
    for bad in ("123", "call me"):
        with pytest.raises(FieldError):
            fields.parse_phone(bad)
    for bad in ("name", "name@", "a@b", "two words@example.org"):
        with pytest.raises(FieldError):
            fields.parse_email(bad)


def test_read_form_collects_every_bad_field() -> None:
    reading = fields.read_form(
        {"a": "x", "b": "3", "c": "ZZ99 3AB"},
        {
            "a": lambda text: fields.parse_count(text, "A", minimum=0, maximum=9),
            "b": fields.parse_postcode,
            "c": fields.parse_postcode,
            "d": lambda text: fields.parse_name(text, "D"),
        },
    )
    assert set(reading.errors) == {"a", "b", "d"}
    assert reading.values == {"c": "ZZ99 3AB"}


def test_an_unreadable_date_says_so_in_plain_words() -> None:
    from datetime import date

    import pytest

    from housing_tui.reference.fields import FieldError, parse_date

    with pytest.raises(FieldError) as error:
        parse_date("banana", today=date(2026, 11, 23))
    assert str(error.value) == "'banana' is not a date I can read. Try 31/01/1990 or 31 Jan 1990."


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("sam carter", "Sam Carter"),
        ("SAM CARTER", "Sam Carter"),
        ("  sam   carter ", "Sam Carter"),
        ("o'neil", "O'Neil"),
        ("mcdonald", "McDonald"),
        ("smith-jones", "Smith-Jones"),
        ("de souza", "de Souza"),  # a particle before the name stays in lower case
        ("van der berg", "van der Berg"),
        ("thi le", "Thi Le"),  # "le" is the name itself here, not a particle
    ],
)
def test_a_name_in_lower_or_upper_case_is_offered_with_capitals(typed: str, offered: str) -> None:
    assert fields.capitalised_name(typed) == offered


@pytest.mark.parametrize(
    "typed", ["Sam Carter", "McDonald", "O'Neil", "de Souza", "bell Hooks", ""]
)
def test_a_name_with_capitals_where_the_officer_put_them_is_not_second_guessed(typed: str) -> None:
    assert fields.capitalised_name(typed) is None


def test_every_date_form_f1_shows_is_read_as_it_says() -> None:
    """F1 shows `DATE_FORMS`; each must be read, to the date its words promise."""
    expected = {
        "14/3/97": date(1997, 3, 14),
        "3 Apr 1990": date(1990, 4, 3),
        "1990-04-03": date(1990, 4, 3),
        "today": TODAY,
        "tomorrow": TODAY + timedelta(days=1),
        "+10": TODAY + timedelta(days=10),
        "+2w": TODAY + timedelta(weeks=2),
    }
    assert {typed: fields.parse_date(typed, today=TODAY) for typed, _ in fields.DATE_FORMS} == (
        expected
    )
    assert fields.parse_date("14.03.1997", today=TODAY) == date(1997, 3, 14)
    assert fields.parse_date("140397", today=TODAY) == date(1997, 3, 14)
