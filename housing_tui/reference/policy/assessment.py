"""The [assessment] section: the Renters' Rights Act dates, local connection thresholds, the
older person's age and the working-day targets the interview's assessment uses
(`housing_tui.casework.assessment`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from housing_tui.reference.policy.reading import _GROUND


@dataclass(frozen=True)
class GroundRule:
    """One section 8 ground: the notice it needs and its conditions (Housing Act 1988 s.8 and
    Sch 2, as amended by the Renters' Rights Act 2025). See [assessment.section8_grounds]."""

    ground: str
    """As written on the notice: "8", "1A"."""
    title: str
    mandatory: bool
    notice_months: int
    notice_weeks: int
    """The least notice: these months plus these weeks (usually one of the two); both 0
    means proceedings may begin as soon as the notice is served."""
    not_within_first_months: int | None = None
    """The notice may not expire within this many months of the tenancy beginning."""
    arrears_months: int | None = None
    """Months' rent unpaid, where rent is paid monthly, when served and at the hearing."""
    arrears_weeks: int | None = None
    """Weeks' rent unpaid, where rent is paid weekly or fortnightly."""

    @property
    def named(self) -> str:
        """'ground 1A (Landlord selling)'."""
        return f"ground {self.ground}" + (f" ({self.title})" if self.title else "")

    @property
    def notice(self) -> str:
        """'4 months' notice', '2 weeks' notice', 'no notice period ...'."""
        parts = [
            f"{number} {unit}{'s' if number != 1 else ''}"
            for number, unit in ((self.notice_months, "month"), (self.notice_weeks, "week"))
            if number
        ]
        if not parts:
            return "no notice period (proceedings may begin once it is served)"
        return " and ".join(parts) + "' notice"

    def earliest_expiry(self, served: date) -> date:
        """The first day the notice may name for proceedings to begin."""
        return served + relativedelta(months=self.notice_months) + timedelta(self.notice_weeks * 7)


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
    section8_grounds: dict[str, GroundRule]
    """Each section 8 ground's notice and conditions, by the ground as written ("8", "1A")."""


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
    grounds = {ground: _ground(ground, rule) for ground, rule in raw["section8_grounds"].items()}
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
        section8_grounds=grounds,
    )


def _ground(ground: str, raw: Any) -> GroundRule:
    key = f"assessment.section8_grounds.{ground}"
    if not _GROUND.match(ground):
        raise ValueError(
            f'assessment.section8_grounds: {ground!r} is not a ground, e.g. "8" or "1A"'
        )
    if not isinstance(raw, dict):
        raise ValueError(f"{key} must be a table, e.g. {{ mandatory = true, notice_weeks = 4 }}")

    def count(name: str) -> int | None:
        value = raw.get(name)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key}.{name} must be a whole number, 0 or more (got {value!r})")
        return value

    months, weeks = count("notice_months"), count("notice_weeks")
    if months is None and weeks is None:
        raise ValueError(f"{key} needs notice_months or notice_weeks (0 for none)")
    mandatory, title = raw.get("mandatory"), raw.get("title", "")
    if not isinstance(mandatory, bool):
        raise ValueError(f"{key}.mandatory must be true or false (got {mandatory!r})")
    if not isinstance(title, str):
        raise ValueError(f"{key}.title must be text in quotes (got {title!r})")
    unknown = set(raw) - {
        "title",
        "mandatory",
        "notice_months",
        "notice_weeks",
        "not_within_first_months",
        "arrears_months",
        "arrears_weeks",
    }
    if unknown:
        raise ValueError(f"{key}: {', '.join(sorted(unknown))} is not a setting of a ground")
    return GroundRule(
        ground=ground,
        title=title.strip(),
        mandatory=mandatory,
        notice_months=months or 0,
        notice_weeks=weeks or 0,
        not_within_first_months=count("not_within_first_months"),
        arrears_months=count("arrears_months"),
        arrears_weeks=count("arrears_weeks"),
    )
