"""The [assessment] section: the Renters' Rights Act dates, local connection thresholds, the
older person's age and the working-day targets the interview's assessment uses
(`housing_tui.casework.assessment`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from housing_tui.reference.policy.reading import _GROUND


@dataclass(frozen=True)
class AssessmentPolicy:
    """Dates and thresholds the housing options interview rules use
    (`housing_tui.casework.assessment`)."""

    rra_commencement: date
    """Renters' Rights Act 2025 main commencement: no section 21 notice served on or after it."""
    section21_last_claim_date: date
    """Last day to issue a possession claim on a section 21 notice served before commencement."""
    section21_claim_within_months: int
    section21_min_notice_months: int
    social_landlords_keep_section21: bool
    section8_counts_as_threatened: bool
    residence_months_of_last_12: int
    residence_years_of_last_5: int
    close_family_years: int
    older_person_age: int
    joint_assessment_working_days: int
    target_hardening_working_days: int
    section8_notice_weeks: dict[str, int]
    """Minimum notice by section 8 ground, where the council has confirmed it."""


def read_assessment(raw: dict[str, Any]) -> AssessmentPolicy:
    def whole(key: str, *, most: int | None = None) -> int:
        value = raw[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"assessment.{key} must be a whole number, 0 or more (got {value!r})")
        if most is not None and value > most:
            raise ValueError(f"assessment.{key} must be at most {most} (got {value})")
        return value

    def day(key: str) -> date:
        value = raw[key]
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError(
                f"assessment.{key} must be a date like 2026-05-01, no quotes (got {value!r})"
            )
        return value

    def switch(key: str) -> bool:
        value = raw[key]
        if not isinstance(value, bool):
            raise ValueError(f"assessment.{key} must be true or false (got {value!r})")
        return value

    commencement, last_claim = day("rra_commencement"), day("section21_last_claim_date")
    if last_claim < commencement:
        raise ValueError(
            "assessment.section21_last_claim_date must not be before assessment.rra_commencement"
        )
    notice_weeks = {}
    for ground, weeks in raw["section8_notice_weeks"].items():
        if not _GROUND.match(ground):
            raise ValueError(
                f'assessment.section8_notice_weeks: {ground!r} is not a ground, e.g. "8" or "1A"'
            )
        if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 0:
            raise ValueError(
                f"assessment.section8_notice_weeks.{ground} must be a whole number of weeks"
            )
        notice_weeks[ground] = weeks
    return AssessmentPolicy(
        rra_commencement=commencement,
        section21_last_claim_date=last_claim,
        section21_claim_within_months=whole("section21_claim_within_months", most=24),
        section21_min_notice_months=whole("section21_min_notice_months", most=12),
        social_landlords_keep_section21=switch("social_landlords_keep_section21"),
        section8_counts_as_threatened=switch("section8_counts_as_threatened"),
        residence_months_of_last_12=whole("residence_months_of_last_12", most=12),
        residence_years_of_last_5=whole("residence_years_of_last_5", most=5),
        close_family_years=whole("close_family_years"),
        older_person_age=whole("older_person_age", most=120),
        joint_assessment_working_days=whole("joint_assessment_working_days"),
        target_hardening_working_days=whole("target_hardening_working_days"),
        section8_notice_weeks=notice_weeks,
    )
