"""Reading what officers type: dates, NI numbers, postcodes, names and counts.

Each `parse_*` function takes the raw text of one field and returns a clean value, `None` for
an optional field left empty, or raises `FieldError` with a message fit to show beside the field.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

OLDEST_PLAUSIBLE_AGE = 120
"""A date of birth further back than this is a typing mistake."""


class FieldError(ValueError):
    """The text of a field cannot be used; str(error) is the message for the officer."""


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$")
_RUN_OF_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*([dw]?)$")
# Far enough apart that a part missing from the text shows as a difference.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


DATE_FORMS: tuple[tuple[str, str], ...] = (
    ("14/3/97", "day first; 14.03.1997 and 140397 too"),
    ("3 Apr 1990", ""),
    ("1990-04-03", ""),
    ("today", ""),
    ("tomorrow", ""),
    ("+10", "days from today"),
    ("+2w", "weeks from today"),
)
"""How a date may be typed, with what the less obvious mean: what `parse_date` reads (a test
reads each) and what F1 shows officers."""


def parse_date(text: str, *, today: date, two_digit_years_past: bool = False) -> date | None:
    """A date typed day first, as officers in England write it, in any of `DATE_FORMS`.

    Two-digit years go into the past when `two_digit_years_past` (dates of birth), otherwise to
    the nearest century.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    if cleaned in ("today", "tonight"):
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if relative := _RELATIVE.match(cleaned):
        amount, unit = int(relative[1]), relative[2]
        return today + timedelta(weeks=amount) if unit == "w" else today + timedelta(days=amount)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    numeric = _NUMERIC_DATE.match(cleaned) or _RUN_OF_DIGITS.match(cleaned)
    if numeric:
        day, month, year_text = int(numeric[1]), int(numeric[2]), numeric[3]
        two_digit_year = len(year_text) == 2
        year = _century(int(year_text), today) if two_digit_year else int(year_text)
        try:
            result = date(year, month, day)
        except ValueError as error:
            raise FieldError(
                f"Not a real date: {error}. Type it day first, e.g. 31/01/1990."
            ) from None
    else:
        result = _words_date(cleaned)
        two_digit_year = not re.search(r"\d{4}", cleaned)
    if two_digit_years_past and two_digit_year and result > today:
        result = result - relativedelta(years=100)
    return result


def _century(two_digits: int, today: date) -> int:
    """The year nearest today that ends in these two digits."""
    candidates = [century + two_digits for century in (1900, 2000, 2100)]
    return min(candidates, key=lambda year: abs(year - today.year))


def _words_date(cleaned: str) -> date:
    try:
        first, second = (
            date_parser.parse(cleaned, dayfirst=True, default=default).date()
            for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        # The parser's own words ("Unknown string format") mean nothing to an officer.
        raise FieldError(
            f"{cleaned!r} is not a date I can read. Try 31/01/1990 or 31 Jan 1990."
        ) from None
    if first != second:
        raise FieldError("Give the day, month and year, e.g. 31/01/1990.")
    return first


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February has their birthday on 28
    February in other years (as dateutil's relativedelta counts it). Plain arithmetic: the due
    list works out ages for every open case."""
    birthday = (date_of_birth.month, date_of_birth.day)
    if birthday == (2, 29) and not calendar.isleap(day.year):
        birthday = (2, 28)
    return day.year - date_of_birth.year - ((day.month, day.day) < birthday)


def parse_date_of_birth(text: str, *, today: date) -> date | None:
    born = parse_date(text, today=today, two_digit_years_past=True)
    if born is None:
        return None
    if born > today:
        raise FieldError(f"Date of birth {born:%d/%m/%Y} is in the future.")
    if age_on(born, today) > OLDEST_PLAUSIBLE_AGE:
        raise FieldError(f"Date of birth {born:%d/%m/%Y} would make them over 120.")
    return born


def parse_must_leave(text: str, *, today: date) -> date | None:
    """The date the client must leave their home; never in the past."""
    leave = parse_date(text, today=today)
    if leave is not None and leave < today:
        raise FieldError(
            f"{leave:%d/%m/%Y} is in the past. If they have already had to leave, "
            "tick 'Homeless tonight'."
        )
    return leave


# HMRC's rules: two prefix letters (D, F, I, Q, U, V never used; O never second; some pairs
# never issued), six digits, and a suffix A-D.
_NI_NUMBER = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")


def parse_ni_number(text: str) -> str | None:
    """A National Insurance number, stored without spaces: 'ab 12 34 56 c' -> 'AB123456C'."""
    cleaned = re.sub(r"\s", "", text).upper()
    if not cleaned:
        return None
    if not _NI_NUMBER.match(cleaned):
        raise FieldError(
            "Not a valid NI number: two letters, six digits and A, B, C or D, e.g. AB 12 34 56 C."
        )
    return cleaned


# The format of a UK postcode: outward code (area, district) and inward code (sector, unit).
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?|GIR) ?(\d[A-Z]{2})$")


def parse_postcode(text: str) -> str | None:
    """A UK postcode in its standard form: 'sw1a1aa' -> 'SW1A 1AA'."""
    cleaned = re.sub(r"\s", "", text).upper()
    if not cleaned:
        return None
    match = _POSTCODE.match(cleaned)
    if not match:
        raise FieldError("Not a UK postcode, e.g. ZZ99 3AB (NFA: leave it empty).")
    return f"{match[1]} {match[2]}"


def parse_name(text: str, what: str) -> str:
    """A required name; inner runs of spaces are tidied."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FieldError(f"{what} is needed.")
    if len(cleaned) > 100:
        raise FieldError(f"{what} is longer than 100 characters.")
    if not re.search(r"[^\W\d_]", cleaned):
        raise FieldError(f"{what} must contain letters.")
    return cleaned


_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "el", "la", "le"}
    | {"ten", "ter", "van", "von"}
)
"""Words that stay in lower case before the rest of a name: "de Souza", "van der Berg"."""


def capitalised_name(text: str) -> str | None:
    """A name typed all in lower (or upper) case with its capitals ("sam carter" -> "Sam
    Carter", "o'neil" -> "O'Neil", "mcdonald" -> "McDonald", "de souza" -> "de Souza"): to
    offer, never to force, since only the client knows how their name is written. None when
    there is nothing to offer: a name with capitals where the officer put them is theirs."""
    cleaned = " ".join(text.split())
    if not (cleaned.islower() or cleaned.isupper()):
        return None  # no letters, or capitals already placed ("McDonald", "de Souza")
    words = cleaned.lower().split(" ")
    offered = " ".join(
        word if word in _NAME_PARTICLES and index < len(words) - 1 else _capitalised(word)
        for index, word in enumerate(words)
    )
    return offered if offered != cleaned else None


def _capitalised(word: str) -> str:
    """Each part after a hyphen or an apostrophe starts with a capital, as does the name after
    "Mc": "smith-jones" -> "Smith-Jones", "o'neil" -> "O'Neil", "mcdonald" -> "McDonald"."""
    parts = re.split(r"([-'’])", word)
    capitals = [part[:1].upper() + part[1:] for part in parts]
    return "".join(
        f"Mc{part[2:3].upper()}{part[3:]}" if part.startswith("Mc") and len(part) > 2 else part
        for part in capitals
    )


def parse_phone(text: str) -> str | None:
    """A phone number as typed, checked for a plausible count of digits."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    digits = re.sub(r"\D", "", cleaned)
    if re.search(r"[^\d\s+()\-]", cleaned) or not 10 <= len(digits) <= 13:
        raise FieldError("Not a phone number: 10 to 13 digits, e.g. 07700 900123.")
    return cleaned


def parse_email(text: str) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", cleaned):
        raise FieldError("Not an email address, e.g. name@example.org.")
    return cleaned


def parse_count(text: str, what: str, *, minimum: int, maximum: int) -> int:
    """A whole number of people, within the range given."""
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise FieldError(f"{what}: type a whole number.")
    value = int(cleaned)
    if not minimum <= value <= maximum:
        raise FieldError(f"{what}: between {minimum} and {maximum}.")
    return value


def parse_optional_text(text: str, *, limit: int = 500) -> str | None:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise FieldError(f"Keep this under {limit} characters (it has {len(cleaned)}).")
    return cleaned or None


def read_form(
    raw: Mapping[str, str], parsers: Mapping[str, Callable[[str], object]]
) -> FormReading:
    """Parse every field of a form, collecting one message per field that cannot be used."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, parse in parsers.items():
        try:
            values[name] = parse(raw.get(name, ""))
        except FieldError as error:
            errors[name] = str(error)
    return FormReading(values, errors)


@dataclass(frozen=True)
class FormReading:
    """The clean values of a form and, by field name, the message for each bad field."""

    values: dict[str, Any]
    errors: dict[str, str]


def parse_initials(text: str) -> str:
    cleaned = re.sub(r"[\s.]", "", text).upper()
    if not re.fullmatch(r"[A-Z]{1,5}", cleaned):
        raise FieldError("Initials: one to five letters, e.g. JS.")
    return cleaned


def read_or(parse: Callable[[str], Any], text: str, default: Any = None) -> Any:
    """What `parse` makes of `text`, or `default` when the field is empty or cannot be read
    yet: for live panels that must not wait for a form to be finished."""
    try:
        value = parse(text)
    except FieldError:
        return default
    return default if value is None else value
