"""The short wording of a deadline in a narrow column (the caseload's Due column)."""

from __future__ import annotations

from datetime import date

from screens import format as show

MONDAY = date(2026, 11, 23)


def test_a_late_deadline_says_how_many_days_late() -> None:
    assert show.due("overdue", date(2026, 11, 21), today=MONDAY).plain == "2d late"


def test_a_deadline_today_says_today() -> None:
    assert show.due("due today", MONDAY, today=MONDAY).plain == "Today"


def test_a_deadline_this_week_gives_its_day() -> None:
    # Fri 27 Nov 2026.
    assert show.due("due this week", date(2026, 11, 27), today=MONDAY).plain == "Fri 27"


def test_without_a_date_the_status_is_shown() -> None:
    assert show.due("overdue").plain == "Overdue"
