"""Working days, worked by hand from the 2026-27 calendar (England and Wales bank holidays:
Christmas Day Fri 25 Dec 2026; Boxing Day Sat 26 Dec 2026, substitute Mon 28 Dec 2026;
New Year's Day Fri 1 Jan 2027; Good Friday 26 Mar 2027; Easter Monday 29 Mar 2027)."""

from __future__ import annotations

from datetime import date

from housing_tui.deadlines import add_working_days, is_working_day, working_days_between


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
