"""`keep_until` and `erasure_refusal`: worked examples from the rule (a case closed on D is
kept until D + N years; 29 February falls back to 28 February in a year without it)."""

from __future__ import annotations

from datetime import date

import pytest

from housing_tui.casework.retention import (
    CaseForErasure,
    erasure_refusal,
    keep_until,
    past_retention,
)
from housing_tui.reference.policy import RetentionPolicy, load_policy

SIX = RetentionPolicy(years_after_closure=6)


@pytest.mark.parametrize(
    ("closed_on", "kept_until"),
    [
        (date(2020, 3, 15), date(2026, 3, 15)),
        (date(2019, 12, 31), date(2025, 12, 31)),
        (date(2020, 1, 1), date(2026, 1, 1)),
        # 29 February: 2030 has no 29th, so the last day kept is 28 February.
        (date(2024, 2, 29), date(2030, 2, 28)),
        # ... and in a leap year six years on there is one (2020 + 6 = 2026: not leap).
        (date(2020, 2, 29), date(2026, 2, 28)),
        (date(2022, 2, 28), date(2028, 2, 28)),
        (date(2022, 3, 1), date(2028, 3, 1)),
    ],
)
def test_a_case_is_kept_until_the_same_day_six_years_after_closure(
    closed_on: date, kept_until: date
) -> None:
    assert keep_until(closed_on, SIX) == kept_until


def test_29_february_is_kept_until_29_february_when_that_year_has_one() -> None:
    assert keep_until(date(2024, 2, 29), RetentionPolicy(years_after_closure=4)) == date(
        2028, 2, 29
    )


def test_the_case_is_kept_on_its_last_day_and_gone_the_day_after() -> None:
    closed = date(2020, 3, 15)
    assert not past_retention(closed, today=date(2026, 3, 15), policy=SIX)
    assert past_retention(closed, today=date(2026, 3, 16), policy=SIX)


def test_the_shipped_policy_keeps_six_years_and_a_council_may_change_it(tmp_path) -> None:  # noqa: ANN001
    assert load_policy().retention == SIX
    (tmp_path / "policy.toml").write_text("[retention]\nyears_after_closure = 7\n")
    assert load_policy(tmp_path).retention.years_after_closure == 7


def test_erasure_is_refused_while_a_case_is_open_or_kept_and_allowed_after() -> None:
    today = date(2026, 6, 1)
    open_case = CaseForErasure("aaaa1111", None)
    kept = CaseForErasure("bbbb2222", date(2021, 1, 10))  # kept until 10 Jan 2027
    gone = CaseForErasure("cccc3333", date(2019, 1, 10))
    refusal = erasure_refusal([open_case, kept, gone], today=today, policy=SIX)
    assert refusal is not None
    assert "case aaaa1111 is open" in refusal
    assert "case bbbb2222 is kept until 10 Jan 2027" in refusal
    assert "cccc3333" not in refusal
    assert erasure_refusal([gone], today=today, policy=SIX) is None
