"""What is still missing from the interview, section by section, before the assessment can be
relied on."""

from __future__ import annotations

from housing_tui.casework.assessment.facts import (
    CourtStage,
    ImmigrationStatus,
    InterviewFacts,
    NoticeType,
)
from housing_tui.reference.codes import Channel

SECTIONS = {
    "household": "Household",
    "home": "Home and notice",
    "court": "Court",
    "eligibility": "Eligibility",
    "local_connection": "Local connection",
    "statutory_return": "Statutory return (H-CLIC)",
}
"""The interview's sections, in order, with their headings."""


def missing_items(facts: InterviewFacts) -> dict[str, list[str]]:
    """Mandatory items not yet recorded, by section; sections with nothing missing are left out."""
    missing: dict[str, list[str]] = {section: [] for section in SECTIONS}
    applicant = facts.applicant
    if applicant is None:
        missing["household"].append("The applicant")
    elif applicant.date_of_birth is None:
        missing["household"].append("Applicant's date of birth")
    if any(m.dependent_child and m.date_of_birth is None for m in facts.members):
        missing["household"].append("Date of birth of each dependent child")
    if any(m.pregnant and m.due_date is None for m in facts.members):
        missing["household"].append("Due date of the pregnancy")

    home = missing["home"]
    if facts.tenure is None:
        home.append("Tenure: how they live now")
    if facts.notice in (NoticeType.SECTION_21, NoticeType.SECTION_8):
        if facts.notice_served_on is None:
            home.append("Date the notice was served")
        if facts.notice_expires_on is None:
            home.append("Date the notice expires")
        if facts.notice is NoticeType.SECTION_8 and not (facts.section8_ground or "").strip():
            home.append("The section 8 ground")
    elif (
        facts.notice is not NoticeType.NONE
        and facts.notice_expires_on is None
        and facts.must_leave_on is None
    ):
        home.append("The date they have been told to leave by")

    court_dates = {
        CourtStage.CLAIM_ISSUED: ("claim_issued_on", "Date the possession claim was issued"),
        CourtStage.HEARING_LISTED: ("hearing_on", "Date of the hearing"),
        CourtStage.POSSESSION_ORDER: ("possession_date", "Date the order says to leave by"),
        CourtStage.WARRANT: ("eviction_on", "Date of the eviction"),
    }
    if facts.court_stage in court_dates:
        name, label = court_dates[facts.court_stage]
        if getattr(facts, name) is None:
            missing["court"].append(label)

    if facts.immigration_status is ImmigrationStatus.NOT_KNOWN:
        missing["eligibility"].append("Nationality or immigration status")
    if facts.months_resident_of_last_12 is None and facts.years_resident_of_last_5 is None:
        missing["local_connection"].append("How long they have lived in the area")

    statutory = missing["statutory_return"]
    if facts.approached_on is None:
        statutory.append("Date of the approach")
    for name, label in (
        ("hclic_household_type", "Household type"),
        ("hclic_reason_for_loss", "Reason for loss of last settled home"),
        ("hclic_accommodation_at_application", "Accommodation at application"),
    ):
        if getattr(facts, name) is None:
            statutory.append(label)
    if not facts.hclic_support_needs:
        statutory.append("Support needs (or 'no support needs')")
    if facts.channel is Channel.DUTY_TO_REFER and facts.hclic_referral_source is None:
        statutory.append("Referral source (duty to refer)")
    return {section: items for section, items in missing.items() if items}
