"""The housing options interview as data: its sections and questions, how each answer is read
and stored, how complete each section is, and the facts the assessment rules work on.

Answers are stored as canonical text (ISO dates, "450.00 monthly", codes, "yes"/"no",
comma-separated codes), one row per question, so each can be saved the moment it is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from housing_tui.casework.assessment.facts import (
    CourtStage,
    ImmigrationStatus,
    Institution,
    InterviewFacts,
    Member,
    NoticeType,
    Relationship,
    Tenure,
    Vulnerability,
)
from housing_tui.money.amounts import (
    Frequency,
    IncomeAndExpenditure,
    RegularAmount,
    income_and_expenditure,
    parse_money,
    parse_regular_amount,
    show_regular_amount,
    to_weekly,
)
from housing_tui.money.benefits import Sex
from housing_tui.reference import fields
from housing_tui.reference.codes import Channel, _Coded
from housing_tui.reference.fields import FieldError
from housing_tui.reference.hclic import hclic_codes


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    MONEY = "money"
    """An amount and how often, typed together: "450 pcm", "£100 pw", "200 2w"."""
    AMOUNT = "amount"
    """A sum owed, with no period: "£1,250.50"."""
    CHOICE = "choice"
    MULTI = "multi"
    YES_NO = "yes_no"
    COUNT = "count"


class SharingPartner(_Coded):
    """Who the client agrees information may be shared with."""

    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    HEALTH = "health", "Health (GP, hospital, mental health)"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    DWP = "dwp", "DWP / Jobcentre Plus"
    REVENUES_BENEFITS = "revenues_benefits", "Council revenues and benefits"
    LANDLORD = "landlord", "Landlord or agent"
    SUPPORT_PROVIDERS = "support_providers", "Support providers"


YES_NO = (("Yes", "yes"), ("No", "no"))


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()
    """(label, code) pairs for CHOICE and MULTI."""
    required: bool = False
    """Needed for the section to count as complete (and for the statutory return)."""
    maximum: int = 0
    """For COUNT: the largest sensible number."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    short: str
    """For the progress strip, which must fit 80 columns."""
    questions: tuple[Question, ...]


def _q(
    key: str,
    label: str,
    kind: Kind,
    choices: Iterable[tuple[str, str]] = (),
    *,
    required: bool = False,
    maximum: int = 0,
) -> Question:
    return Question(key, label, kind, tuple(choices), required, maximum)


def _sections() -> tuple[Section, ...]:
    codes = hclic_codes()
    money = Kind.MONEY
    return (
        Section(
            "household",
            "Household",
            "Household",
            (
                _q(
                    "household_type",
                    "Household type (H-CLIC)",
                    Kind.CHOICE,
                    codes.household_type.choices(),
                    required=True,
                ),
            ),
        ),
        Section(
            "accommodation",
            "Current home",
            "Home",
            (
                _q("tenure", "Tenure", Kind.CHOICE, Tenure.choices(), required=True),
                _q("address", "Address", Kind.TEXT),
                _q("landlord", "Landlord or agent", Kind.TEXT),
                _q("rent", "Rent", money),
                _q(
                    "accommodation_at_application",
                    "Accommodation (H-CLIC)",
                    Kind.CHOICE,
                    codes.accommodation_at_application.choices(),
                    required=True,
                ),
            ),
        ),
        Section(
            "threat",
            "Threat or loss",
            "Threat",
            (
                _q("homeless_tonight", "Homeless tonight", Kind.YES_NO, YES_NO, required=True),
                _q("must_leave_on", "Must leave on", Kind.DATE),
                _q(
                    "referral_source",
                    "Referred by (duty to refer)",
                    Kind.CHOICE,
                    codes.referral_source.choices(),
                ),
                _q(
                    "reason_for_loss",
                    "Reason (H-CLIC)",
                    Kind.CHOICE,
                    codes.reason_for_loss.choices(),
                    required=True,
                ),
                _q("notice", "Notice", Kind.CHOICE, NoticeType.choices(), required=True),
                _q("section8_ground", "Section 8 ground", Kind.TEXT),
                _q("notice_served_on", "Notice served on", Kind.DATE),
                _q("notice_expires_on", "Notice expires on", Kind.DATE),
                _q("court_stage", "Court stage", Kind.CHOICE, CourtStage.choices()),
                _q("claim_issued_on", "Claim issued on", Kind.DATE),
                _q("hearing_on", "Hearing on", Kind.DATE),
                _q("possession_date", "Possession order date", Kind.DATE),
                _q("eviction_on", "Bailiffs' date", Kind.DATE),
                _q(
                    "leaving_institution",
                    "Leaving hospital or prison",
                    Kind.CHOICE,
                    Institution.choices(),
                ),
                _q("leaves_institution_on", "Discharge or release on", Kind.DATE),
            ),
        ),
        Section(
            "income",
            "Income and spending",
            "Money",
            (
                _q(
                    "employment_status",
                    "Employment (H-CLIC)",
                    Kind.CHOICE,
                    codes.employment_status.choices(),
                ),
                _q("earnings", "Earnings", money, required=True),
                _q("universal_credit", "Universal Credit", money),
                _q("uc_housing_element", "UC housing element", Kind.YES_NO, YES_NO),
                _q("housing_benefit", "Housing Benefit", money),
                _q("disability_benefits", "Disability, carer benefit", money),
                _q("pension", "Pensions", money),
                _q("other_income", "Other income", money),
                _q("partner_income", "Partner's income", money),
                _q("council_tax", "Council tax", money, required=True),
                _q("utilities", "Utilities", money),
                _q("debt_repayments", "Debt repayments", money),
                _q("arrears_total", "Rent or mortgage arrears (£)", Kind.AMOUNT),
            ),
        ),
        Section(
            "support",
            "Support needs",
            "Support",
            (
                _q(
                    "support_needs",
                    "Support needs (H-CLIC)",
                    Kind.MULTI,
                    codes.support_needs.choices(),
                    required=True,
                ),
            ),
        ),
        Section(
            "eligibility",
            "Eligibility",
            "Eligible",
            (
                _q(
                    "immigration_status",
                    "Nationality/status",
                    Kind.CHOICE,
                    ImmigrationStatus.choices(),
                    required=True,
                ),
                _q("recently_came_to_live_in_uk", "Came to the UK recently", Kind.YES_NO, YES_NO),
            ),
        ),
        Section(
            "local_connection",
            "Local connection",
            "Local",
            (
                _q(
                    "months_resident_of_last_12",
                    "Months here of last 12",
                    Kind.COUNT,
                    required=True,
                    maximum=12,
                ),
                _q(
                    "years_resident_of_last_5",
                    "Years here of last 5",
                    Kind.COUNT,
                    required=True,
                    maximum=5,
                ),
                _q("works_in_area", "Works in the area", Kind.YES_NO, YES_NO, required=True),
                _q(
                    "close_family_years_in_area",
                    "Close family here (years)",
                    Kind.COUNT,
                    maximum=99,
                ),
                _q("special_circumstances", "Special circumstances", Kind.TEXT),
                _q(
                    "fleeing_domestic_abuse_into_area", "Fled DA into the area", Kind.YES_NO, YES_NO
                ),
            ),
        ),
        Section(
            "priority_need",
            "Priority need",
            "Priority",
            (
                _q(
                    "domestic_abuse", "Victim of domestic abuse", Kind.YES_NO, YES_NO, required=True
                ),
                _q("abuse_is_why_homeless", "Homeless because of it", Kind.YES_NO, YES_NO),
                _q("wants_to_stay", "Wants to stay (DA)", Kind.YES_NO, YES_NO),
                _q("care_leaver", "Care leaver", Kind.YES_NO, YES_NO, required=True),
                _q("aged_16_17", "Aged 16/17 (no DOB)", Kind.YES_NO, YES_NO),
                _q("vulnerabilities", "Vulnerable because of", Kind.MULTI, Vulnerability.choices()),
                _q("emergency", "Emergency (fire, flood)", Kind.YES_NO, YES_NO),
                _q("care_needs", "Care needs", Kind.YES_NO, YES_NO),
            ),
        ),
        Section(
            "consent",
            "Consent and safety",
            "Consent",
            (
                _q("consent_to_share", "Consent to share", Kind.YES_NO, YES_NO, required=True),
                _q("share_with", "Share with", Kind.MULTI, SharingPartner.choices()),
                _q("safeguarding", "Safeguarding concerns", Kind.TEXT),
            ),
        ),
    )


SECTIONS: tuple[Section, ...] = _sections()
QUESTIONS: dict[str, Question] = {q.key: q for s in SECTIONS for q in s.questions}


# -- reading an answer --------------------------------------------------------------------------


def parse_answer(question: Question, text: str, *, today: date) -> str:
    """The canonical text to store for what was typed or chosen ("" for nothing)."""
    cleaned = text.strip()
    if not cleaned:
        return ""
    if question.kind is Kind.DATE:
        parsed = fields.parse_date(cleaned, today=today)
        return parsed.isoformat() if parsed else ""
    if question.kind is Kind.MONEY:
        regular = parse_regular_amount(cleaned)
        return f"{regular[0]} {regular[1].value}" if regular else ""
    if question.kind is Kind.AMOUNT:
        owed = parse_money(cleaned)
        return str(owed) if owed is not None else ""
    if question.kind is Kind.COUNT:
        return str(fields.parse_count(cleaned, question.label, minimum=0, maximum=question.maximum))
    if question.kind in (Kind.CHOICE, Kind.YES_NO, Kind.MULTI):
        codes = [code.strip() for code in cleaned.split(",") if code.strip()]
        known = {code for _, code in question.choices}
        if not codes or any(code not in known for code in codes):
            raise FieldError(f"{question.label}: choose from the list.")
        if question.kind is not Kind.MULTI and len(codes) > 1:
            raise FieldError(f"{question.label}: choose one.")
        return ",".join(code for _, code in question.choices if code in codes)
    result = fields.parse_optional_text(cleaned)
    return result or ""


def shown(question: Question, stored: str) -> str:
    """A stored answer the way it goes back into a text field: 23/11/2026, 450.00 pcm."""
    if not stored:
        return ""
    if question.kind is Kind.DATE:
        return date.fromisoformat(stored).strftime("%d/%m/%Y")
    if question.kind is Kind.MONEY:
        amount, frequency = stored.split()
        return show_regular_amount(Decimal(amount), Frequency(frequency))
    if question.choices:
        labels = dict((code, label) for label, code in question.choices)
        return ", ".join(labels.get(code, code) for code in stored.split(","))
    return stored


# -- progress -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    missing: tuple[str, ...]
    """Labels of required questions still unanswered."""

    @property
    def complete(self) -> bool:
        return not self.missing


def progress(answers: dict[str, str]) -> list[SectionProgress]:
    return [
        SectionProgress(
            section,
            tuple(q.label for q in section.questions if q.required and not answers.get(q.key)),
        )
        for section in SECTIONS
    ]


def first_incomplete(answers: dict[str, str]) -> int:
    """Index of the first section with something required missing (the last if none is)."""
    return next((i for i, p in enumerate(progress(answers)) if not p.complete), len(SECTIONS) - 1)


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


def facts_from_answers(
    answers: dict[str, str],
    members: Iterable[MemberAnswer],
    *,
    applicant_born: date | None,
    approached_on: date,
    channel: str,
) -> InterviewFacts:
    """The interview's facts; an unanswered question takes the rules' default."""

    def get(key: str, read: Callable[[str], object], default: object = None) -> object:
        value = answers.get(key, "")
        return read(value) if value else default

    def yes(key: str, default: bool = False) -> bool:
        return bool(get(key, lambda v: v == "yes", default))

    def when(key: str) -> date | None:
        return get(key, date.fromisoformat)  # type: ignore[return-value]

    def count(key: str) -> int | None:
        return get(key, int)  # type: ignore[return-value]

    household = [Member(Relationship.APPLICANT, applicant_born, name="Applicant")]
    household += [
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
    ]

    def weekly(key: str) -> Decimal | None:
        lines = regular_amounts(answers, (key,))
        return to_weekly(lines[0].amount, lines[0].frequency) if lines else None

    budget = household_budget(answers)
    money_recorded = any(answers.get(key) for key in (*INCOME_KEYS, *OUTGOING_KEYS))
    partner = regular_amounts(answers, ("partner_income",))
    return InterviewFacts(
        members=tuple(household),
        approached_on=approached_on,
        channel=Channel(channel),
        tenure=get("tenure", Tenure),  # type: ignore[arg-type]
        homeless_tonight=yes("homeless_tonight"),
        must_leave_on=when("must_leave_on"),
        notice=get("notice", NoticeType, NoticeType.NONE),  # type: ignore[arg-type]
        section8_ground=answers.get("section8_ground") or None,
        notice_served_on=when("notice_served_on"),
        notice_expires_on=when("notice_expires_on"),
        court_stage=get("court_stage", CourtStage, CourtStage.NONE),  # type: ignore[arg-type]
        claim_issued_on=when("claim_issued_on"),
        hearing_on=when("hearing_on"),
        possession_date=when("possession_date"),
        eviction_on=when("eviction_on"),
        leaving_institution=get(
            "leaving_institution",
            Institution,  # type: ignore[arg-type]
            Institution.NONE,
        ),
        leaves_institution_on=when("leaves_institution_on"),
        immigration_status=get(
            "immigration_status",
            ImmigrationStatus,  # type: ignore[arg-type]
            ImmigrationStatus.NOT_KNOWN,
        ),
        recently_came_to_live_in_uk=yes("recently_came_to_live_in_uk"),
        months_resident_of_last_12=count("months_resident_of_last_12"),
        years_resident_of_last_5=count("years_resident_of_last_5"),
        works_in_area=yes("works_in_area"),
        close_family_years_in_area=count("close_family_years_in_area"),
        special_circumstances=answers.get("special_circumstances") or None,
        fleeing_domestic_abuse_into_area=yes("fleeing_domestic_abuse_into_area"),
        aged_16_17=yes("aged_16_17"),
        care_leaver=yes("care_leaver"),
        domestic_abuse=yes("domestic_abuse"),
        abuse_is_why_homeless=yes("abuse_is_why_homeless", default=True),
        wants_to_stay=yes("wants_to_stay"),
        vulnerabilities=frozenset(
            Vulnerability(code) for code in answers.get("vulnerabilities", "").split(",") if code
        ),
        emergency=yes("emergency"),
        care_needs=yes("care_needs"),
        hclic_household_type=answers.get("household_type") or None,
        hclic_reason_for_loss=answers.get("reason_for_loss") or None,
        hclic_accommodation_at_application=answers.get("accommodation_at_application") or None,
        hclic_referral_source=answers.get("referral_source") or None,
        hclic_support_needs=frozenset(
            code for code in answers.get("support_needs", "").split(",") if code
        ),
        partner_income=partner[0].amount if partner else None,
        employment_status=answers.get("employment_status") or None,
        rent_weekly=weekly("rent"),
        housing_benefit_weekly=weekly("housing_benefit"),
        uc_housing_element=get("uc_housing_element", lambda v: v == "yes"),  # type: ignore[arg-type]
        arrears_total=get("arrears_total", Decimal),  # type: ignore[arg-type]
        weekly_residual=budget.weekly_residual if money_recorded else None,
    )


INCOME_KEYS = (
    "earnings",
    "universal_credit",
    "housing_benefit",
    "disability_benefits",
    "pension",
    "other_income",
    "partner_income",
)
OUTGOING_KEYS = ("rent", "council_tax", "utilities", "debt_repayments")


def regular_amounts(answers: dict[str, str], keys: Iterable[str]) -> list[RegularAmount]:
    lines = []
    for key in keys:
        if answers.get(key):
            amount, frequency = answers[key].split()
            lines.append(RegularAmount(QUESTIONS[key].label, Decimal(amount), Frequency(frequency)))
    return lines


def household_budget(answers: dict[str, str]) -> IncomeAndExpenditure:
    """Weekly and monthly totals and the residual, from the money answers given so far."""
    return income_and_expenditure(
        regular_amounts(answers, INCOME_KEYS), regular_amounts(answers, OUTGOING_KEYS)
    )


DEPENDENT_CHILD_MAX_AGE = 18
"""A dependent child is under 16, or 16 to 18 in full-time education or training."""


def read_member(
    raw: dict[str, str], *, today: date
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """A household member from the member form: the values to save, or a message per field."""
    reading = fields.read_form(
        raw,
        {
            "name": lambda text: fields.parse_name(text, "Name"),
            "relationship": lambda text: _one_of(text, Relationship, "Relationship"),
            "date_of_birth": lambda text: fields.parse_date_of_birth(text, today=today),
            "pregnant": lambda text: text == "yes",
            "due_date": lambda text: fields.parse_date(text, today=today),
            "dependent_child": lambda text: text == "yes",
            "sex": lambda text: _one_of(text, Sex, "Sex") if text else None,
        },
    )
    values, errors = reading.values, dict(reading.errors)
    if values.get("relationship") == Relationship.APPLICANT.value:
        errors["relationship"] = "The applicant is the client: add the other people here."
    born = values.get("date_of_birth")
    if values.get("dependent_child") and isinstance(born, date):
        age = fields.age_on(born, today)
        if age > DEPENDENT_CHILD_MAX_AGE:
            errors["dependent_child"] = f"Aged {age}: a dependent child is 18 or under."
    if values.get("pregnant") and not values.get("due_date") and "due_date" not in errors:
        errors["due_date"] = "Give the due date (it decides priority need and deadlines)."
    if errors:
        return None, errors
    return values, {}


def _one_of(text: str, codes: type[_Coded], what: str) -> str:
    try:
        return codes(text).value
    except ValueError:
        raise FieldError(f"{what}: choose one from the list.") from None


def answers_from_triage(
    *, homeless_tonight: bool, must_leave_on: date | None, flags: Iterable[str]
) -> dict[str, str]:
    """What triage already recorded, as interview answers, so nothing is asked twice."""
    ticked = set(flags)
    seeded = {"homeless_tonight": "yes" if homeless_tonight else "no"}
    if must_leave_on:
        seeded["must_leave_on"] = must_leave_on.isoformat()
    for flag in ("domestic_abuse", "care_leaver", "aged_16_17"):
        if flag in ticked:
            seeded[flag] = "yes"
    return seeded


_FACT_QUESTIONS = {
    "hclic_household_type": "household_type",
    "hclic_support_needs": "support_needs",
    "hclic_reason_for_loss": "reason_for_loss",
    "hclic_accommodation_at_application": "accommodation_at_application",
    "hclic_referral_source": "referral_source",
}


def problems_by_question(problems: dict[str, str]) -> dict[str, str]:
    """The assessment's consistency problems (keyed by fact) keyed by the question to fix."""
    return {_FACT_QUESTIONS.get(fact, fact): message for fact, message in problems.items()}
