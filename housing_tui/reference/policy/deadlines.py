"""The [deadlines] section: council closure days and the time limits on a case
(`housing_tui.calendar.deadlines`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from housing_tui.reference.policy.reading import whole_days


@dataclass(frozen=True)
class DeadlinesPolicy:
    """Time limits the deadline engine uses (`housing_tui.calendar.deadlines.case_deadlines`).

    The 16/17 joint assessment and target-hardening limits are not repeated here: they are
    `AssessmentPolicy.joint_assessment_working_days` and `target_hardening_working_days`.
    """

    closure_days: frozenset[date]
    """Council closure days (e.g. a Christmas shutdown): not working days. Pass as
    `closures=policy.deadlines.closure_days` to the working-day functions."""
    prevention_duty_days: int
    relief_duty_days: int
    decision_working_days: int
    social_care_referral_days: int
    php_review_days: int
    protocol_contact_days_before: int
    inactivity_days: int


def read_deadlines(raw: dict[str, Any]) -> DeadlinesPolicy:
    def whole(key: str) -> int:
        return whole_days(raw[key], f"deadlines.{key}")

    closures = raw["closure_days"]
    if not isinstance(closures, list):
        raise ValueError(
            f'deadlines.closure_days must be a list of dates like ["2026-12-29"] (got {closures!r})'
        )
    days = set()
    for value in closures:
        if isinstance(value, date) and not isinstance(value, datetime):
            days.add(value)
            continue
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            days.add(date.fromisoformat(value))
        except ValueError:
            raise ValueError(
                f'deadlines.closure_days: {value!r} is not a date like "2026-12-29"'
            ) from None
    return DeadlinesPolicy(
        closure_days=frozenset(days),
        prevention_duty_days=whole("prevention_duty_days"),
        relief_duty_days=whole("relief_duty_days"),
        decision_working_days=whole("decision_working_days"),
        social_care_referral_days=whole("social_care_referral_days"),
        php_review_days=whole("php_review_days"),
        protocol_contact_days_before=whole("protocol_contact_days_before"),
        inactivity_days=whole("inactivity_days"),
    )
