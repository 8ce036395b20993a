"""Working days, worked by hand from the 2026-27 calendar (England and Wales bank holidays:
Christmas Day Fri 25 Dec 2026; Boxing Day Sat 26 Dec 2026, substitute Mon 28 Dec 2026;
New Year's Day Fri 1 Jan 2027; Good Friday 26 Mar 2027; Easter Monday 29 Mar 2027;
Early May bank holiday Mon 3 May 2027)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from housing_tui.calendar.deadlines import (
    add_council_working_days,
    add_working_days,
    council_working_days_between,
    is_council_working_day,
    is_working_day,
    previous_working_day,
    working_days_between,
)
from housing_tui.reference.policy import load_policy


def test_zero_on_a_working_day_is_that_day_and_on_a_weekend_rolls_forward() -> None:
    assert add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)  # a Monday
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)  # Sat -> Mon
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)  # Christmas -> Tue


def test_easter_2027() -> None:
    # Thu 25 Mar 2027 + 1: Good Friday and Easter Monday are holidays -> Tue 30 Mar.
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert not is_working_day(date(2027, 3, 26)) and not is_working_day(date(2027, 3, 29))


def test_council_closure_days_are_not_working_days() -> None:
    shutdown = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    # From Thu 24 Dec 2026: 25, 26, 27, 28 off; 29-31 closed; 1 Jan holiday; 2-3 weekend.
    assert add_working_days(date(2026, 12, 24), 1, shutdown) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_working_days_between_counts_after_a_up_to_and_including_b() -> None:
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 30)) == 5
    # Mon 21 Dec 2026 to Thu 7 Jan 2027: 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6, 7 Jan = 10.
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 7)) == 10
    assert working_days_between(date(2026, 12, 1), date(2026, 11, 1)) == 0


def test_early_may_bank_holiday_2027() -> None:
    # Fri 30 Apr 2027 + 1: Sat 1, Sun 2, Mon 3 May (Early May bank holiday) -> Tue 4 May.
    assert not is_working_day(date(2027, 5, 3))
    assert add_working_days(date(2027, 4, 30), 1) == date(2027, 5, 4)


def test_previous_working_day_stays_on_a_working_day_and_otherwise_goes_back() -> None:
    assert previous_working_day(date(2026, 12, 31)) == date(2026, 12, 31)  # a Thursday
    # Fri 1 Jan 2027 is New Year's Day -> Thu 31 Dec 2026.
    assert previous_working_day(date(2027, 1, 1)) == date(2026, 12, 31)
    # Mon 28 Dec 2026 (Boxing Day substitute), Sun 27, Sat 26, Fri 25 (Christmas) -> Thu 24 Dec.
    assert previous_working_day(date(2026, 12, 28)) == date(2026, 12, 24)
    # Easter Monday 29 Mar 2027, back over the weekend and Good Friday -> Thu 25 Mar 2027.
    assert previous_working_day(date(2027, 3, 29)) == date(2027, 3, 25)
    shutdown = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    assert previous_working_day(date(2027, 1, 1), shutdown) == date(2026, 12, 24)


def test_council_calendar_uses_the_closure_days_in_the_policy_file(tmp_path: Path) -> None:
    shipped = load_policy(tmp_path)
    assert shipped.deadlines.closure_days == frozenset()  # no council's shutdown invented
    (tmp_path / "policy.toml").write_text(
        '[deadlines]\nclosure_days = ["2026-12-29", "2026-12-30", "2026-12-31"]\n', "utf-8"
    )
    council = load_policy(tmp_path)
    # Thu 24 Dec 2026 + 1: Christmas, the weekend, the Boxing Day substitute, then the three
    # closure days, New Year's Day and the weekend -> Mon 4 Jan 2027.
    assert add_council_working_days(date(2026, 12, 24), 1, council) == date(2027, 1, 4)
    assert add_council_working_days(date(2026, 12, 24), 1, shipped) == date(2026, 12, 29)
    assert not is_council_working_day(date(2026, 12, 30), council)
    assert is_council_working_day(date(2026, 12, 30), shipped)
    # Mon 21 Dec 2026 to Thu 7 Jan 2027: 22, 23, 24 Dec, 4, 5, 6, 7 Jan = 7 (10 without closures).
    assert council_working_days_between(date(2026, 12, 21), date(2027, 1, 7), council) == 7
    # The closure days can also be passed straight to the plain functions.
    closures = council.deadlines.closure_days
    assert add_working_days(date(2026, 12, 24), 1, closures=closures) == date(2027, 1, 4)


def test_easter_2026() -> None:
    # Good Friday Fri 3 Apr 2026 and Easter Monday Mon 6 Apr 2026 are bank holidays.
    assert not is_working_day(date(2026, 4, 3)) and not is_working_day(date(2026, 4, 6))
    # Thu 2 Apr 2026 + 1 -> Tue 7 Apr; + 5 -> 7, 8, 9, 10, 13 Apr.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)
    # Wed 1 Apr to Wed 8 Apr 2026: 2, 7, 8 = 3 working days.
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 8)) == 3


def test_christmas_2027_substitute_days() -> None:
    # Christmas Day Sat 25 Dec 2027 -> substitute Mon 27 Dec; Boxing Day Sun 26 -> Tue 28 Dec.
    assert not is_working_day(date(2027, 12, 27)) and not is_working_day(date(2027, 12, 28))
    # Fri 24 Dec 2027 + 1 -> Wed 29 Dec 2027.
    assert add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)
    # New Year's Day Sat 1 Jan 2028 -> substitute Mon 3 Jan 2028.
    assert add_working_days(date(2027, 12, 31), 1) == date(2028, 1, 4)
