"""The interview's nine sections and their questions, in the order officers ask them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from housing_tui.casework.assessment.facts import (
    CourtStage,
    ImmigrationStatus,
    Institution,
    NoticeType,
    Tenure,
    Vulnerability,
)
from housing_tui.reference.codes import _Coded
from housing_tui.reference.hclic import HclicCodes, hclic_codes


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


def _household_section(codes: HclicCodes) -> Section:
    return Section(
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
    )


def _accommodation_section(codes: HclicCodes) -> Section:
    return Section(
        "accommodation",
        "Current home",
        "Home",
        (
            _q("tenure", "Tenure", Kind.CHOICE, Tenure.choices(), required=True),
            # With family or friends: "No" is no licence to occupy, so homeless (s.175(1)(b)).
            _q("allowed_to_stay", "Family/friends let them stay", Kind.YES_NO, YES_NO),
            _q("address", "Address", Kind.TEXT),
            _q("landlord", "Landlord or agent", Kind.TEXT),
            _q("rent", "Rent", Kind.MONEY),
            _q("tenancy_started_on", "Tenancy began on", Kind.DATE),
            _q(
                "accommodation_at_application",
                "Accommodation (H-CLIC)",
                Kind.CHOICE,
                codes.accommodation_at_application.choices(),
                required=True,
            ),
        ),
    )


def _threat_section(codes: HclicCodes) -> Section:
    return Section(
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
    )


def _income_section(codes: HclicCodes) -> Section:
    return Section(
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
            _q("earnings", "Earnings", Kind.MONEY, required=True),
            _q("universal_credit", "Universal Credit", Kind.MONEY),
            _q("uc_housing_element", "UC housing element", Kind.YES_NO, YES_NO),
            # Inside the Universal Credit above (not added to income again): what the DHP
            # check and the plan need to work out the rent left to find.
            _q("uc_housing_amount", "UC housing amount", Kind.MONEY),
            _q("housing_benefit", "Housing Benefit", Kind.MONEY),
            _q("disability_benefits", "Disability, carer benefit", Kind.MONEY),
            _q("pension", "Pensions", Kind.MONEY),
            _q("other_income", "Other income", Kind.MONEY),
            _q("partner_income", "Partner's income", Kind.MONEY),
            _q("council_tax", "Council tax", Kind.MONEY, required=True),
            _q("utilities", "Utilities", Kind.MONEY),
            _q("debt_repayments", "Debt repayments", Kind.MONEY),
            _q("living_costs", "Food, living costs", Kind.MONEY),
            _q("arrears_total", "Rent or mortgage arrears (£)", Kind.AMOUNT),
        ),
    )


def _support_section(codes: HclicCodes) -> Section:
    return Section(
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
    )


def _eligibility_section() -> Section:
    return Section(
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
    )


def _local_connection_section() -> Section:
    return Section(
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
            _q("fleeing_domestic_abuse_into_area", "Fled DA into the area", Kind.YES_NO, YES_NO),
        ),
    )


def _priority_need_section() -> Section:
    return Section(
        "priority_need",
        "Priority need",
        "Priority",
        (
            _q("domestic_abuse", "Victim of domestic abuse", Kind.YES_NO, YES_NO, required=True),
            _q("abuse_is_why_homeless", "Homeless because of it", Kind.YES_NO, YES_NO),
            _q("wants_to_stay", "Wants to stay (DA)", Kind.YES_NO, YES_NO),
            _q("care_leaver", "Care leaver", Kind.YES_NO, YES_NO, required=True),
            _q("aged_16_17", "Aged 16/17 (no DOB)", Kind.YES_NO, YES_NO),
            _q("vulnerabilities", "Vulnerable because of", Kind.MULTI, Vulnerability.choices()),
            _q("emergency", "Emergency (fire, flood)", Kind.YES_NO, YES_NO),
            _q("care_needs", "Care needs", Kind.YES_NO, YES_NO),
            # Exemptions from the shared accommodation rate (with care leaver and domestic
            # abuse above): see housing_tui.money.benefits.
            _q("hostel_months", "Months in homeless hostel", Kind.COUNT, maximum=120),
            _q("hostel_support", "Offered support there", Kind.YES_NO, YES_NO),
            _q("mappa", "Managed under MAPPA", Kind.YES_NO, YES_NO),
            _q("pip_daily_living", "PIP daily living or equiv.", Kind.YES_NO, YES_NO),
            _q("modern_slavery", "Modern slavery (NRM yes)", Kind.YES_NO, YES_NO),
        ),
    )


def _consent_section() -> Section:
    return Section(
        "consent",
        "Consent and safety",
        "Consent",
        (
            _q("consent_to_share", "Consent to share", Kind.YES_NO, YES_NO, required=True),
            _q("share_with", "Share with", Kind.MULTI, SharingPartner.choices()),
            _q("safeguarding", "Safeguarding concerns", Kind.TEXT),
        ),
    )


def _sections() -> tuple[Section, ...]:
    """The interview's sections in the order officers ask them (F2 to F10)."""
    codes = hclic_codes()
    return (
        _household_section(codes),
        _accommodation_section(codes),
        _threat_section(codes),
        _income_section(codes),
        _support_section(codes),
        _eligibility_section(),
        _local_connection_section(),
        _priority_need_section(),
        _consent_section(),
    )


SECTIONS: tuple[Section, ...] = _sections()
QUESTIONS: dict[str, Question] = {q.key: q for s in SECTIONS for q in s.questions}
