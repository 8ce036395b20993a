"""The facts the assessment rules work on, from the stored answers and household members."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from housing_tui.casework.assessment.facts import (
    CourtStage,
    Household,
    ImmigrationStatus,
    Institution,
    InterviewFacts,
    Member,
    NoticeType,
    Relationship,
    Tenure,
    Vulnerability,
)
from housing_tui.casework.interview.budget import (
    INCOME_KEYS,
    household_budget,
    regular_amounts,
)
from housing_tui.money.amounts import to_weekly
from housing_tui.reference.codes import Channel, _Coded

_T = TypeVar("_T")
_CodeT = TypeVar("_CodeT", bound=_Coded)


# -- facts for the assessment -------------------------------------------------------------------


@dataclass(frozen=True)
class MemberAnswer:
    """A household member as stored (see storage.rows.MemberRow)."""

    name: str
    relationship: str
    date_of_birth: date | None
    pregnant: bool
    due_date: date | None
    dependent_child: bool
    sex: str | None = None


@dataclass(frozen=True)
class RecordedOnTheCase:
    """What a stored case holds besides the interview's answers that its facts include."""

    household_at_triage: Household | None = None
    prevention_duty_from: date | None = None
    relief_duty_from: date | None = None


class _Stored:
    """Typed reads of the stored answers; an unanswered question gives the rules' default."""

    def __init__(self, answers: Mapping[str, str]) -> None:
        self.answers = answers

    def read(self, key: str, parse: Callable[[str], _T]) -> _T | None:
        value = self.answers.get(key, "")
        return parse(value) if value else None

    def code(self, key: str, codes: type[_CodeT], default: _CodeT) -> _CodeT:
        found = self.read(key, codes)
        return default if found is None else found

    def yes(self, key: str, default: bool = False) -> bool:
        value = self.answers.get(key, "")
        return value == "yes" if value else default

    def day(self, key: str) -> date | None:
        return self.read(key, date.fromisoformat)

    def count(self, key: str) -> int | None:
        return self.read(key, int)

    def text(self, key: str) -> str | None:
        return self.answers.get(key) or None

    def codes(self, key: str) -> frozenset[str]:
        return frozenset(code for code in self.answers.get(key, "").split(",") if code)

    def weekly(self, key: str) -> Decimal | None:
        lines = regular_amounts(self.answers, (key,))
        return to_weekly(lines[0].amount, lines[0].frequency) if lines else None


def facts_from_answers(
    answers: dict[str, str],
    members: Iterable[MemberAnswer],
    *,
    applicant_born: date | None,
    approached_on: date,
    channel: str,
    recorded: RecordedOnTheCase | None = None,
) -> InterviewFacts:
    """The interview's facts; an unanswered question takes the rules' default. One line per
    fact: the mapping from questions to facts reads best whole. `recorded`: what the case
    holds besides the answers (the triage's household, the open duties)."""
    recorded = recorded or RecordedOnTheCase()
    stored = _Stored(answers)
    # Unknown is not zero: with no income recorded there is nothing to set spending against.
    income_recorded = any(answers.get(key) for key in INCOME_KEYS)
    partner = regular_amounts(answers, ("partner_income",))
    rent = regular_amounts(answers, ("rent",))
    return InterviewFacts(
        members=_household(applicant_born, members),
        approached_on=approached_on,
        channel=Channel(channel),
        tenure=stored.read("tenure", Tenure),
        allowed_to_stay=stored.read("allowed_to_stay", lambda value: value == "yes"),
        tenancy_started_on=stored.day("tenancy_started_on"),
        rent_amount=rent[0].amount if rent else None,
        rent_frequency=rent[0].frequency if rent else None,
        homeless_tonight=stored.yes("homeless_tonight"),
        must_leave_on=stored.day("must_leave_on"),
        notice=stored.code("notice", NoticeType, NoticeType.NONE),
        section8_ground=stored.text("section8_ground"),
        notice_served_on=stored.day("notice_served_on"),
        notice_expires_on=stored.day("notice_expires_on"),
        court_stage=stored.code("court_stage", CourtStage, CourtStage.NONE),
        claim_issued_on=stored.day("claim_issued_on"),
        hearing_on=stored.day("hearing_on"),
        possession_date=stored.day("possession_date"),
        eviction_on=stored.day("eviction_on"),
        leaving_institution=stored.code("leaving_institution", Institution, Institution.NONE),
        leaves_institution_on=stored.day("leaves_institution_on"),
        immigration_status=stored.code(
            "immigration_status", ImmigrationStatus, ImmigrationStatus.NOT_KNOWN
        ),
        recently_came_to_live_in_uk=stored.yes("recently_came_to_live_in_uk"),
        months_resident_of_last_12=stored.count("months_resident_of_last_12"),
        years_resident_of_last_5=stored.count("years_resident_of_last_5"),
        works_in_area=stored.yes("works_in_area"),
        close_family_years_in_area=stored.count("close_family_years_in_area"),
        special_circumstances=stored.text("special_circumstances"),
        fleeing_domestic_abuse_into_area=stored.yes("fleeing_domestic_abuse_into_area"),
        aged_16_17=stored.yes("aged_16_17"),
        care_leaver=stored.yes("care_leaver"),
        domestic_abuse=stored.yes("domestic_abuse"),
        abuse_is_why_homeless=stored.yes("abuse_is_why_homeless", default=True),
        wants_to_stay=stored.yes("wants_to_stay"),
        vulnerabilities=frozenset(Vulnerability(code) for code in stored.codes("vulnerabilities")),
        emergency=stored.yes("emergency"),
        care_needs=stored.yes("care_needs"),
        hostel_months=stored.count("hostel_months"),
        hostel_support_offered=stored.yes("hostel_support"),
        mappa=stored.yes("mappa"),
        disability_daily_living=stored.yes("pip_daily_living"),
        modern_slavery=stored.yes("modern_slavery"),
        hclic_household_type=stored.text("household_type"),
        hclic_reason_for_loss=stored.text("reason_for_loss"),
        hclic_accommodation_at_application=stored.text("accommodation_at_application"),
        hclic_referral_source=stored.text("referral_source"),
        hclic_support_needs=stored.codes("support_needs"),
        partner_income=partner[0].amount if partner else None,
        employment_status=stored.text("employment_status"),
        rent_weekly=stored.weekly("rent"),
        housing_benefit_weekly=stored.weekly("housing_benefit"),
        uc_housing_element=stored.read("uc_housing_element", lambda value: value == "yes"),
        uc_housing_element_weekly=stored.weekly("uc_housing_amount"),
        arrears_total=stored.read("arrears_total", Decimal),
        living_costs_weekly=stored.weekly("living_costs"),
        weekly_residual=household_budget(answers).weekly_residual if income_recorded else None,
        prevention_duty_from=recorded.prevention_duty_from,
        relief_duty_from=recorded.relief_duty_from,
        household_at_triage=recorded.household_at_triage,
    )


def _household(applicant_born: date | None, members: Iterable[MemberAnswer]) -> tuple[Member, ...]:
    """The applicant first, then the household members as recorded."""
    applicant = Member(Relationship.APPLICANT, applicant_born, name="Applicant")
    return (
        applicant,
        *(
            Member(
                Relationship(m.relationship),
                m.date_of_birth,
                m.pregnant,
                m.due_date,
                m.dependent_child,
                m.name,
                m.sex,
            )
            for m in members
        ),
    )
