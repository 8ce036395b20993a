"""The housing options interview: what the law says about a client's situation, and why.

Pure rules over `InterviewFacts`, the answers an officer records in the interview. Each rule
returns a value and a reason in plain English, for the officer, the client's letter and anyone
reviewing the case. The dates and thresholds a council may need to correct come from the policy
file (`[assessment]` and `[triage]`). Sections are of the Housing Act 1996 (Part 7) unless
another Act is named.

These rules say what *appears* to be the case, to decide what to do now. The decisions
themselves (homeless, eligible, priority need, local connection) are the officer's, made on
enquiries and signed off as the council requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from housing_tui.calendar.deadlines import add_working_days
from housing_tui.casework.triage import not_16_or_17
from housing_tui.reference.codes import Channel, _Coded
from housing_tui.reference.fields import age_on
from housing_tui.reference.hclic import hclic_codes
from housing_tui.reference.policy import AssessmentPolicy, Policy

CARE_LEAVER_AGES = range(18, 21)
"""Care leavers aged 18, 19 or 20 are in priority need (Homelessness (Priority Need for
Accommodation) (England) Order 2002, art. 4); from 21 only if vulnerable (art. 5(1))."""

YOUNG_APPLICANT_AGES = range(16, 18)
"""16- and 17-year-olds are in priority need (the same Order, art. 3)."""


# --- the answers an officer records --------------------------------------------------------------


class Relationship(_Coded):
    """How a household member is related to the applicant."""

    APPLICANT = "applicant", "Applicant"
    PARTNER = "partner", "Partner"
    CHILD = "child", "Son or daughter"
    PARENT = "parent", "Parent"
    SIBLING = "sibling", "Brother or sister"
    OTHER_RELATIVE = "other_relative", "Other relative"
    OTHER = "other", "Other"


class Tenure(_Coded):
    """How the client lives now."""

    PRIVATE_RENTED = "private_rented", "Private tenant (assured or assured shorthold)"
    SOCIAL_RENTED = "social_rented", "Council or housing association tenant"
    OWNER_OCCUPIER = "owner_occupier", "Owner-occupier or shared owner"
    LODGER = "lodger", "Lodger with a resident landlord"
    FAMILY_FRIENDS = "family_friends", "Living with family or friends"
    SUPPORTED = "supported", "Hostel or supported housing"
    TIED = "tied", "Tied accommodation (goes with a job)"
    TEMPORARY = "temporary", "Temporary accommodation"
    HOSPITAL = "hospital", "In hospital"
    PRISON = "prison", "In prison"
    CARE = "care", "In care"
    NO_ACCOMMODATION = "no_accommodation", "No fixed abode or sleeping rough"
    OTHER = "other", "Other"


class NoticeType(_Coded):
    """The notice or request to leave the client has had."""

    NONE = "none", "No notice"
    SECTION_8 = "section_8", "Section 8 notice (on a ground)"
    SECTION_21 = "section_21", "Section 21 notice"
    NOTICE_TO_QUIT = "notice_to_quit", "Notice to quit"
    LICENCE_ENDED = "licence_ended", "Licence ended (lodger, hostel)"
    FAMILY_FRIENDS = "family_friends", "Family or friends asked them to leave"
    MORTGAGE_POSSESSION = "mortgage_possession", "Mortgage lender seeking possession"
    OTHER = "other", "Other"


class CourtStage(_Coded):
    """How far possession proceedings have gone."""

    NONE = "none", "No court action yet"
    CLAIM_ISSUED = "claim_issued", "Possession claim issued"
    HEARING_LISTED = "hearing_listed", "Hearing date set"
    POSSESSION_ORDER = "possession_order", "Possession order made"
    WARRANT = "warrant", "Bailiffs' eviction date set"


class Institution(_Coded):
    """Where a client is leaving from under the hospital discharge or prison release protocol."""

    NONE = "none", "Not leaving an institution"
    HOSPITAL = "hospital", "Hospital"
    MENTAL_HEALTH_HOSPITAL = "mental_health_hospital", "Mental health hospital"
    PRISON = "prison", "Prison or youth custody"


class ImmigrationStatus(_Coded):
    """The eligibility answer: the client's nationality or immigration status."""

    BRITISH_OR_IRISH = "british_irish", "British or Irish citizen"
    EEA_SETTLED = "eea_settled", "EEA citizen with settled status"
    EEA_PRE_SETTLED = "eea_pre_settled", "EEA citizen with pre-settled status"
    LEAVE_WITH_RECOURSE = "leave_with_recourse", "Leave to remain with recourse to public funds"
    NO_RECOURSE = "no_recourse", "No recourse to public funds"
    ASYLUM_SEEKER = "asylum_seeker", "Asylum seeker"
    NOT_KNOWN = "not_known", "Not known"


class Vulnerability(_Coded):
    """Why the client may be vulnerable (priority need after an assessment, never automatic)."""

    OLD_AGE = "old_age", "Old age"
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability or ill health"
    MENTAL_ILLNESS = "mental_illness", "Mental illness"
    FORMER_ARMED_FORCES = "former_armed_forces", "Former member of the armed forces"
    CUSTODY = "custody", "Has been in custody"
    FLEEING_VIOLENCE = "fleeing_violence", "Left home because of violence or threats (not DA)"
    OTHER = "other", "Another special reason"


@dataclass(frozen=True)
class Member:
    """One person in the household, the applicant included."""

    relationship: Relationship
    date_of_birth: date | None = None
    pregnant: bool = False
    due_date: date | None = None
    dependent_child: bool = False
    """Under 16, or 16 to 18 in full-time education or training, and living with the applicant."""
    name: str = ""
    sex: str | None = None
    """"female" or "male" (`benefits.Sex`), for the bedroom size criteria; None if not recorded."""


@dataclass(frozen=True)
class InterviewFacts:
    """What the officer has recorded in the housing options interview, already parsed."""

    members: tuple[Member, ...] = ()
    approached_on: date | None = None
    channel: Channel | None = None

    # The home and the threat to it.
    tenure: Tenure | None = None
    homeless_tonight: bool = False
    """Nowhere they are entitled and safe to stay tonight."""
    must_leave_on: date | None = None
    """The day they will actually have to leave, when known apart from any notice."""
    notice: NoticeType = NoticeType.NONE
    section8_ground: str | None = None
    notice_served_on: date | None = None
    notice_expires_on: date | None = None
    """For a notice to quit, a licence or family asking them to go: the day to leave by."""
    court_stage: CourtStage = CourtStage.NONE
    claim_issued_on: date | None = None
    hearing_on: date | None = None
    possession_date: date | None = None
    """The day the possession order says to give up the home."""
    eviction_on: date | None = None
    """The bailiffs' (or High Court enforcement officers') eviction date."""
    leaving_institution: Institution = Institution.NONE
    leaves_institution_on: date | None = None
    """The discharge or release date, when the client is in hospital or prison now."""

    # Eligibility.
    immigration_status: ImmigrationStatus = ImmigrationStatus.NOT_KNOWN
    recently_came_to_live_in_uk: bool = False
    """Arrived or came back from abroad recently: habitual residence needs checking."""

    # Local connection.
    months_resident_of_last_12: int | None = None
    years_resident_of_last_5: int | None = None
    works_in_area: bool = False
    close_family_years_in_area: int | None = None
    """How long the close relative with the longest residence has lived in the area."""
    special_circumstances: str | None = None
    fleeing_domestic_abuse_into_area: bool = False

    # Priority need and safety.
    aged_16_17: bool = False
    """Ticked when the date of birth is not known; the date of birth decides when it is."""
    care_leaver: bool = False
    """Looked after, accommodated or fostered at some time while aged 16 or 17."""
    domestic_abuse: bool = False
    """The applicant is a victim of domestic abuse."""
    abuse_is_why_homeless: bool = True
    """Only read with `domestic_abuse`: they are homeless (or threatened) because of the abuse."""
    wants_to_stay: bool = False
    """Domestic abuse: the client wants to, and can safely, stay with the home made secure."""
    vulnerabilities: frozenset[Vulnerability] = frozenset()
    emergency: bool = False
    """Homeless because of an emergency such as fire or flood."""
    care_needs: bool = False

    # The statutory return (H-CLIC codes) and income.
    hclic_household_type: str | None = None
    hclic_reason_for_loss: str | None = None
    hclic_accommodation_at_application: str | None = None
    hclic_support_needs: frozenset[str] = frozenset()
    hclic_referral_source: str | None = None
    partner_income: Decimal | None = None
    employment_status: str | None = None
    """An H-CLIC employment status code."""

    # Money, weekly (monthly amounts converted x 12 / 52): None when not answered.
    rent_weekly: Decimal | None = None
    housing_benefit_weekly: Decimal | None = None
    uc_housing_element: bool | None = None
    """Universal Credit includes the housing element (None: not asked yet)."""
    arrears_total: Decimal | None = None
    """Rent arrears, or mortgage arrears for an owner, owed now."""
    weekly_residual: Decimal | None = None
    """Weekly income less weekly outgoings, when any money has been recorded."""
    prevention_duty_from: date | None = None
    relief_duty_from: date | None = None

    @property
    def applicant(self) -> Member | None:
        return next((m for m in self.members if m.relationship is Relationship.APPLICANT), None)

    @property
    def receives_housing_support(self) -> bool | None:
        """Getting Housing Benefit or the Universal Credit housing element (the gateway to a
        DHP); None while neither question is answered."""
        if self.housing_benefit_weekly is not None and self.housing_benefit_weekly > 0:
            return True
        if self.uc_housing_element is not None:
            return self.uc_housing_element
        return None if self.housing_benefit_weekly is None else False

    @property
    def rent_shortfall_weekly(self) -> Decimal | None:
        """Rent not met by Housing Benefit, weekly; None when the rent or the benefit is not
        known. Universal Credit's housing element is not itemised in the interview, so a UC
        claimant's shortfall is worked out in the DHP check, not here."""
        if self.rent_weekly is None or self.housing_benefit_weekly is None:
            return None
        return max(self.rent_weekly - self.housing_benefit_weekly, Decimal(0))

    def applicant_age(self, today: date) -> int | None:
        applicant = self.applicant
        if applicant is None or applicant.date_of_birth is None:
            return None
        return age_on(applicant.date_of_birth, today)

    def is_16_or_17(self, today: date) -> bool:
        """Aged 16 or 17 by the date of birth, or by the tick when there is none."""
        age = self.applicant_age(today)
        return age in YOUNG_APPLICANT_AGES if age is not None else self.aged_16_17


# --- the answers the rules give ------------------------------------------------------------------


class Answer(_Coded):
    YES = "yes", "Yes"
    NO = "no", "No"
    MAYBE = "maybe", "Maybe: needs an assessment"


class NoticeCheck(_Coded):
    VALID = "valid", "Valid"
    NOT_VALID = "not_valid", "Not valid"
    SPENT = "spent", "Spent: too late to use"
    NEEDS_CHECKING = "needs_checking", "Needs checking"
    NOT_APPLICABLE = "not_applicable", "Not a section 8 or 21 notice"


class HomelessStatus(_Coded):
    HOMELESS = "homeless", "Homeless: relief duty"
    THREATENED = "threatened", "Threatened with homelessness: prevention duty"
    NOT_YET_THREATENED = "not_yet_threatened", "Not yet threatened"
    NOT_HOMELESS = "not_homeless", "Not homeless or threatened"


class Eligibility(_Coded):
    ELIGIBLE = "eligible", "Eligible"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"
    NEEDS_CHECKING = "needs_checking", "Needs checking"


@dataclass(frozen=True)
class NoticeValidity:
    check: NoticeCheck
    reason: str
    ground: str | None = None


@dataclass(frozen=True)
class HomelessnessResult:
    status: HomelessStatus
    reason: str
    homeless_on: date | None = None
    """The day they are likely to become homeless, when there is one."""
    prevention_from: date | None = None
    """When not yet threatened: the day the prevention duty would start."""


@dataclass(frozen=True)
class EligibilityResult:
    answer: Eligibility
    reason: str


@dataclass(frozen=True)
class PriorityNeedResult:
    answer: Answer
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True)
class LocalConnectionResult:
    answer: Answer
    reasons: tuple[str, ...]
    referral_allowed: bool
    """Whether a referral to another council on local connection grounds may be considered."""

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True)
class InterimAccommodationResult:
    owed: bool
    reason: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """Something that must happen, by when, and the rule that says so."""

    what: str
    due: date
    rule: str


# --- dates ---------------------------------------------------------------------------------------


def _day(when: date) -> str:
    """'Thu 30 Apr 2026'."""
    return f"{when:%a} {when.day} {when:%b %Y}"


def _long(when: date) -> str:
    """'30 April 2026'."""
    return f"{when.day} {when:%B %Y}"


# --- notices -------------------------------------------------------------------------------------

_OTHER_NOTICES = {
    NoticeType.NOTICE_TO_QUIT: (
        "Notice to quit: a landlord's notice to quit a periodic tenancy or licence must be in "
        "writing and give at least 4 weeks (Protection from Eviction Act 1977 s.5), unless the "
        "occupier is excluded (e.g. lodging with the landlord). Check it."
    ),
    NoticeType.LICENCE_ENDED: (
        "Licence ended: a lodger living with the landlord, or in a hostel, needs only reasonable "
        "notice and no court order. Ask for the letter and the date they must leave."
    ),
    NoticeType.FAMILY_FRIENDS: (
        "Family or friends asked them to leave: no formal notice is needed. Ask when they must "
        "go; mediation may let them stay."
    ),
    NoticeType.MORTGAGE_POSSESSION: (
        "Mortgage possession: the lender needs a court order; the court stage and dates decide "
        "how soon. Refer for debt and mortgage advice now."
    ),
    NoticeType.OTHER: "Another kind of notice: the app does not check it. Record what it says.",
}


def notice_validity(facts: InterviewFacts, *, today: date, policy: Policy) -> NoticeValidity:
    """Whether the client's notice can be used to end their home, and why.

    Section 21 notices end with the Renters' Rights Act 2025: none can be served from the
    commencement date (1 May 2026), and a claim on an older one had to be issued by the last
    claim date (31 July 2026) and within the usual time from service; after that it is spent.
    A section 8 notice is valid on its face when it names a ground and gives the notice the
    policy file lists for that ground. Other kinds of notice are described, not checked.
    """
    rules = policy.assessment
    if facts.notice is NoticeType.NONE:
        return NoticeValidity(NoticeCheck.NOT_APPLICABLE, "No notice recorded.")
    if facts.notice is NoticeType.SECTION_21:
        return _section21(facts, today, rules)
    if facts.notice is NoticeType.SECTION_8:
        return _section8(facts, rules)
    return NoticeValidity(NoticeCheck.NOT_APPLICABLE, _OTHER_NOTICES[facts.notice])


def _section21(facts: InterviewFacts, today: date, rules: AssessmentPolicy) -> NoticeValidity:
    served, expires = facts.notice_served_on, facts.notice_expires_on
    commencement = rules.rra_commencement
    last_day_to_serve = commencement - timedelta(days=1)
    if served is None:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"Section 21 notice: when was it served? No section 21 notice can be served after "
            f"{_long(last_day_to_serve)} (Renters' Rights Act 2025).",
        )
    if expires is not None and expires < served:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            "Section 21 notice: it expires before the day it was served. Check both dates.",
        )
    social_exception = rules.social_landlords_keep_section21 and (
        facts.tenure is Tenure.SOCIAL_RENTED
    )
    if served >= commencement and not social_exception:
        return NoticeValidity(
            NoticeCheck.NOT_VALID,
            f"Section 21 notice served on {_day(served)}: no section 21 notice can be served "
            f"after {_long(last_day_to_serve)} (Renters' Rights Act 2025), so it is not valid "
            "and does not end the tenancy. A landlord now needs a section 8 notice on a ground.",
        )
    minimum = served + relativedelta(months=rules.section21_min_notice_months)
    if expires is not None and expires < minimum:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            f"Section 21 notice served on {_day(served)} expires on {_day(expires)}: less than "
            f"{rules.section21_min_notice_months} months' notice, so it may not be valid.",
        )
    # Proceedings may not be begun after the period of N months beginning with the day served.
    within = served + relativedelta(months=rules.section21_claim_within_months) - timedelta(1)
    if social_exception:
        deadline, why = within, f"{rules.section21_claim_within_months} months from service"
        served_text = (
            f"Section 21 notice served on {_day(served)} by a social landlord (council policy: "
            "social landlords may still use section 21)"
        )
    else:
        deadline = min(rules.section21_last_claim_date, within)
        why = (
            "the last day for claims on notices served before the Renters' Rights Act"
            if deadline == rules.section21_last_claim_date
            else f"{rules.section21_claim_within_months} months from service"
        )
        served_text = f"Section 21 notice served on {_day(served)}, before {_long(commencement)}"
    if facts.claim_issued_on is not None:
        if facts.claim_issued_on > deadline:
            return NoticeValidity(
                NoticeCheck.SPENT,
                f"{served_text}, but the possession claim was issued on "
                f"{_day(facts.claim_issued_on)}, after {_long(deadline)} ({why}): the notice "
                "was spent and cannot support the claim. Get legal advice for the client.",
            )
        return NoticeValidity(
            NoticeCheck.VALID,
            f"{served_text}; the possession claim was issued on {_day(facts.claim_issued_on)}, "
            f"by {_long(deadline)} ({why}), so the notice is still valid and the court case "
            "continues.",
        )
    if facts.court_stage is not CourtStage.NONE:
        return NoticeValidity(
            NoticeCheck.VALID,
            f"{served_text}, and the case is at court ({facts.court_stage.label.lower()}): "
            f"the notice is valid if the claim was issued by {_long(deadline)} ({why}). "
            "Record the date the claim was issued.",
        )
    if today > deadline:
        return NoticeValidity(
            NoticeCheck.SPENT,
            f"{served_text}, but no possession claim was issued by {_long(deadline)} ({why}): "
            "the notice is spent and can no longer be used. A landlord now needs a section 8 "
            "notice on a ground.",
        )
    return NoticeValidity(
        NoticeCheck.VALID,
        f"{served_text}: valid. A possession claim on it can still be issued until "
        f"{_long(deadline)} ({why}); after that it is spent.",
    )


def _section8(facts: InterviewFacts, rules: AssessmentPolicy) -> NoticeValidity:
    ground = (facts.section8_ground or "").strip().upper().removeprefix("GROUND").strip()
    if not ground:
        return NoticeValidity(
            NoticeCheck.NEEDS_CHECKING,
            "Section 8 notice: which ground is it on? The ground decides the notice the landlord "
            "must give and whether the court must or may order possession.",
        )
    served, expires = facts.notice_served_on, facts.notice_expires_on
    weeks = rules.section8_notice_weeks.get(ground)
    if served is not None and expires is not None:
        if expires < served:
            return NoticeValidity(
                NoticeCheck.NEEDS_CHECKING,
                f"Section 8 notice on ground {ground}: it expires before the day it was served. "
                "Check both dates.",
                ground,
            )
        if weeks is not None and expires < served + timedelta(weeks=weeks):
            given = (expires - served).days
            return NoticeValidity(
                NoticeCheck.NEEDS_CHECKING,
                f"Section 8 notice on ground {ground}: the ground needs at least {weeks} weeks' "
                f"notice, and this one gives {given} days, so it may not be valid.",
                ground,
            )
    period = f" (at least {weeks} weeks' notice)" if weeks is not None else ""
    return NoticeValidity(
        NoticeCheck.VALID,
        f"Section 8 notice on ground {ground}{period}: valid on its face. It does not end the "
        "tenancy by itself: the landlord must prove the ground and get a possession order.",
        ground,
    )


# --- homeless or threatened ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Threat:
    on: date
    what: str
    leaves: bool
    """True when on that day they actually have to go (eviction, a date they must leave)."""


def homelessness_status(
    facts: InterviewFacts, *, today: date, policy: Policy
) -> HomelessnessResult:
    """Homeless now (relief duty), threatened within the window (56 days: prevention duty),
    not yet threatened (and when prevention would start), or neither.

    A valid section 21 notice expiring within the window counts as threatened (s.175(5)); so
    does a valid section 8 notice when the policy switch `section8_counts_as_threatened` is on.
    A notice or possession date that has passed, with the client still in the home, is still a
    threat, not homelessness: they are homeless from the day they actually have to leave.
    """
    window = policy.triage.threatened_within_days
    notes = _abuse_note(facts)
    if facts.homeless_tonight:
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            "Homeless now: nowhere they are entitled and safe to stay tonight. If they are "
            "eligible, the relief duty applies (s.189B).",
            homeless_on=today,
        )
    threats, notice_note = _threats(facts, today=today, policy=policy)
    notes = " ".join(note for note in (notice_note, notes) if note)
    if not threats:
        return HomelessnessResult(
            HomelessStatus.NOT_HOMELESS,
            _join(
                "No eviction date, no date they must leave and no notice that counts: not "
                "homeless or threatened with homelessness on these facts. Give advice.",
                notes,
            ),
        )
    threat = min(threats, key=lambda t: (t.on, not t.leaves))
    days = (threat.on - today).days
    if threat.leaves and days <= 0:
        return HomelessnessResult(
            HomelessStatus.HOMELESS,
            _join(
                f"{threat.what} ({'today' if days == 0 else 'passed'}): homeless now. If they "
                "are eligible, the relief duty applies (s.189B).",
                notes,
            ),
            homeless_on=threat.on,
        )
    if days <= 0:
        return HomelessnessResult(
            HomelessStatus.THREATENED,
            _join(
                f"{threat.what}, which has passed, and they are still in the home: threatened "
                "with homelessness, so the prevention duty applies (s.195) until they have to "
                "leave. Do not advise them to wait for the bailiffs.",
                notes,
            ),
            homeless_on=threat.on,
        )
    in_days = f"in {days} day{'s' if days != 1 else ''}"
    if days <= window:
        return HomelessnessResult(
            HomelessStatus.THREATENED,
            _join(
                f"{threat.what}, {in_days}: within {window} days, so they are threatened with "
                "homelessness and the prevention duty applies (s.195).",
                notes,
            ),
            homeless_on=threat.on,
        )
    starts = threat.on - timedelta(days=window)
    return HomelessnessResult(
        HomelessStatus.NOT_YET_THREATENED,
        _join(
            f"{threat.what}, {in_days}: more than {window} days away, so not yet threatened. "
            f"The prevention duty would start on {_day(starts)}; advise now.",
            notes,
        ),
        homeless_on=threat.on,
        prevention_from=starts,
    )


def _threats(facts: InterviewFacts, *, today: date, policy: Policy) -> tuple[list[_Threat], str]:
    threats = []
    if facts.eviction_on is not None:
        threats.append(
            _Threat(facts.eviction_on, f"Eviction by bailiffs on {_day(facts.eviction_on)}", True)
        )
    if facts.must_leave_on is not None:
        threats.append(
            _Threat(facts.must_leave_on, f"Must leave on {_day(facts.must_leave_on)}", True)
        )
    if facts.possession_date is not None:
        threats.append(
            _Threat(
                facts.possession_date,
                f"Possession order to leave by {_day(facts.possession_date)}",
                False,
            )
        )
    note = ""
    expires = facts.notice_expires_on
    if facts.notice in (NoticeType.SECTION_21, NoticeType.SECTION_8):
        validity = notice_validity(facts, today=today, policy=policy)
        name = "Section 21" if facts.notice is NoticeType.SECTION_21 else "Section 8"
        counts = validity.check is NoticeCheck.VALID and (
            facts.notice is NoticeType.SECTION_21 or policy.assessment.section8_counts_as_threatened
        )
        if counts and expires is not None:
            threats.append(
                _Threat(expires, f"Valid {name.lower()} notice expiring {_day(expires)}", False)
            )
        elif validity.check is not NoticeCheck.VALID:
            note = f"The {name.lower()} notice does not count. {validity.reason}"
        elif expires is None:
            note = f"The {name.lower()} notice counts once its expiry date is recorded."
        else:
            note = (
                "Council policy: a section 8 notice alone does not make them threatened; look at "
                "the court stage and dates."
            )
    elif facts.notice is not NoticeType.NONE and expires is not None:
        threats.append(
            _Threat(expires, f"{facts.notice.label}: to leave by {_day(expires)}", False)
        )
    return threats, note


def _abuse_note(facts: InterviewFacts) -> str:
    if not facts.domestic_abuse or facts.homeless_tonight:
        return ""
    return (
        "Domestic abuse: it is not reasonable to stay where that would probably lead to "
        "domestic abuse (s.177(1)); if it is not safe to stay, they are homeless now."
    )


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


# --- eligibility ---------------------------------------------------------------------------------

_ELIGIBILITY = {
    ImmigrationStatus.BRITISH_OR_IRISH: (
        Eligibility.ELIGIBLE,
        "British or Irish citizen living in the Common Travel Area: eligible.",
    ),
    ImmigrationStatus.EEA_SETTLED: (
        Eligibility.ELIGIBLE,
        "EEA citizen with settled status (indefinite leave under the EU Settlement Scheme): "
        "eligible. Check the status online with a share code.",
    ),
    ImmigrationStatus.EEA_PRE_SETTLED: (
        Eligibility.NEEDS_CHECKING,
        "EEA citizen with pre-settled status: that alone does not make them eligible. Check for "
        "a qualifying right to reside (e.g. a worker or self-employed person, or their family "
        "member) and habitual residence.",
    ),
    ImmigrationStatus.LEAVE_WITH_RECOURSE: (
        Eligibility.ELIGIBLE,
        "Leave to remain with recourse to public funds: eligible. Check the leave is current "
        "and has no 'no recourse to public funds' condition (share code or BRP).",
    ),
    ImmigrationStatus.NO_RECOURSE: (
        Eligibility.NOT_ELIGIBLE,
        "Leave with a 'no recourse to public funds' condition: not eligible for homelessness "
        "help (s.185). Refer to social services (Nil Recourse Team) if there are children or "
        "care needs; they may ask the Home Office to lift the condition.",
    ),
    ImmigrationStatus.ASYLUM_SEEKER: (
        Eligibility.NOT_ELIGIBLE,
        "Asylum seeker: not eligible (s.185); the Home Office provides asylum support "
        "accommodation. Signpost to Migrant Help.",
    ),
    ImmigrationStatus.NOT_KNOWN: (
        Eligibility.NEEDS_CHECKING,
        "Immigration status not known: ask and check. Until then there may be reason to believe "
        "they are eligible.",
    ),
}


def eligibility(facts: InterviewFacts) -> EligibilityResult:
    """Eligible, not eligible, or needs checking, from the immigration status answer."""
    answer, reason = _ELIGIBILITY[facts.immigration_status]
    settled = facts.immigration_status in (
        ImmigrationStatus.BRITISH_OR_IRISH,
        ImmigrationStatus.EEA_SETTLED,
    )
    if settled and facts.recently_came_to_live_in_uk:
        return EligibilityResult(
            Eligibility.NEEDS_CHECKING,
            f"{facts.immigration_status.label}, but recently came to live in the UK: check they "
            "are habitually resident in the Common Travel Area before deciding.",
        )
    return EligibilityResult(answer, reason)


# --- priority need -------------------------------------------------------------------------------


def priority_need(facts: InterviewFacts, *, today: date) -> PriorityNeedResult:
    """Apparent priority need: yes (an automatic category), maybe (vulnerability needs an
    assessment), or no, with every reason found (s.189 and the Priority Need Order 2002)."""
    yes: list[str] = []
    maybe: list[str] = []
    pregnant = [m for m in facts.members if m.pregnant]
    if pregnant:
        due = pregnant[0].due_date
        yes.append(
            "Pregnant (someone in the household)"
            + (f", due {_day(due)}" if due else "")
            + ": priority need (s.189(1)(a))."
        )
    if any(m.dependent_child for m in facts.members):
        yes.append("Dependent children live with them: priority need (s.189(1)(b)).")
    age = facts.applicant_age(today)
    if facts.is_16_or_17(today):
        how = f"Aged {age} from the date of birth" if age is not None else "Aged 16 or 17"
        yes.append(
            f"{how}: priority need, unless children's services owe them a duty as a "
            "looked-after or relevant child (Priority Need Order 2002, art. 3)."
        )
    if facts.care_leaver:
        if age is None:
            maybe.append(
                "Care leaver, age not known: priority need is automatic only at 18, 19 or 20. "
                "Record the date of birth."
            )
        elif age in CARE_LEAVER_AGES:
            yes.append(
                f"Care leaver aged {age}: priority need at 18 to 20 (Priority Need Order 2002, "
                "art. 4), unless a relevant student."
            )
        elif age > max(CARE_LEAVER_AGES):
            maybe.append(
                f"Care leaver aged {age}: not automatic from 21; in priority need if vulnerable "
                "as a result of having been looked after (Priority Need Order 2002, art. 5(1)). "
                "Assess."
            )
    if facts.domestic_abuse:
        if facts.abuse_is_why_homeless:
            yes.append(
                "Homeless because of domestic abuse: every such victim has had priority need "
                "since July 2021 (s.189(1)(e), Domestic Abuse Act 2021)."
            )
        else:
            maybe.append(
                "Victim of domestic abuse, though not homeless because of it: assess whether "
                "they are vulnerable."
            )
    if facts.emergency:
        yes.append(
            "Homeless because of an emergency such as fire or flood: priority need (s.189(1)(d))."
        )
    for vulnerability in Vulnerability:
        if vulnerability in facts.vulnerabilities:
            maybe.append(
                f"{vulnerability.label}: priority need only if, as a result, they are "
                "significantly more vulnerable than an ordinary person would be if homeless "
                "(s.189(1)(c)). Assess."
            )
    if yes:
        return PriorityNeedResult(Answer.YES, tuple(yes + maybe))
    if maybe:
        return PriorityNeedResult(Answer.MAYBE, tuple(maybe))
    return PriorityNeedResult(
        Answer.NO,
        (
            "No priority need found: no pregnancy, dependent children, 16/17-year-old, care "
            "leaver, domestic abuse, emergency or vulnerability recorded.",
        ),
    )


# --- local connection ----------------------------------------------------------------------------


def local_connection(facts: InterviewFacts, *, policy: Policy) -> LocalConnectionResult:
    """A local connection with this council's area (s.199) on the policy's thresholds, and
    whether a referral to another council may even be considered.

    A referral must never send a victim of domestic abuse where they would be at risk of it
    (s.198(2)(c)); local connection plays no part in the prevention duty.
    """
    rules = policy.assessment
    grounds: list[str] = []
    months, years = facts.months_resident_of_last_12, facts.years_resident_of_last_5
    if months is not None and months >= rules.residence_months_of_last_12:
        grounds.append(
            f"Lived in the area {months} of the last 12 months "
            f"({rules.residence_months_of_last_12} needed)."
        )
    if years is not None and years >= rules.residence_years_of_last_5:
        grounds.append(
            f"Lived in the area {years} of the last 5 years ({rules.residence_years_of_last_5} "
            "needed)."
        )
    if facts.works_in_area:
        grounds.append("Works in the area.")
    family = facts.close_family_years_in_area
    if family is not None and family >= rules.close_family_years:
        grounds.append(
            f"Close family have lived in the area for {family} years "
            f"({rules.close_family_years} needed)."
        )
    to_weigh: list[str] = []
    if facts.special_circumstances and facts.special_circumstances.strip():
        to_weigh.append(f"Special circumstances to weigh: {facts.special_circumstances.strip()}")
    if months is None and years is None and not grounds:
        to_weigh.append("How long they have lived in the area is not recorded.")

    if grounds:
        answer = Answer.YES
    elif to_weigh:
        answer = Answer.MAYBE
    else:
        answer = Answer.NO
        grounds.append(
            "No local connection found: not resident long enough, no work, no close family "
            "here long enough, no special circumstances."
        )
    abuse = facts.domestic_abuse or facts.fleeing_domestic_abuse_into_area
    if abuse:
        closing = (
            "Domestic abuse: a local connection referral must not be made. Local connection is "
            "never used to send a victim of domestic abuse back into danger (s.198(2)(c))."
        )
    elif answer is Answer.YES:
        closing = "So no referral to another council arises."
    else:
        closing = (
            "A referral to another council may be considered at the relief stage, only where "
            "they have a connection there and would not be at risk of violence there."
        )
    return LocalConnectionResult(
        answer,
        tuple(grounds + to_weigh + [closing]),
        referral_allowed=not abuse and answer is not Answer.YES,
    )


# --- interim accommodation -----------------------------------------------------------------------


def interim_accommodation(
    facts: InterviewFacts, *, today: date, policy: Policy
) -> InterimAccommodationResult:
    """The interim accommodation duty (s.188): owed now when there is reason to believe the
    applicant may be homeless, eligible and in priority need. "May be" is a low bar: an
    eligibility still to be checked and a priority need still to be assessed both count."""
    status = homelessness_status(facts, today=today, policy=policy)
    eligible = eligibility(facts)
    need = priority_need(facts, today=today)
    missing = []
    if status.status is not HomelessStatus.HOMELESS:
        missing.append(f"not homeless now ({status.status.label.lower()})")
    if eligible.answer is Eligibility.NOT_ELIGIBLE:
        missing.append("not eligible")
    if need.answer is Answer.NO:
        missing.append("no apparent priority need")
    notes = []
    if facts.is_16_or_17(today):
        notes.append("Aged 16 or 17: never bed and breakfast.")
    if any(m.dependent_child or m.pregnant for m in facts.members):
        notes.append(
            "Children or pregnancy: bed and breakfast only if nothing else is available, and "
            "for no more than 6 weeks."
        )
    if missing:
        return InterimAccommodationResult(
            False,
            f"No interim accommodation duty: {'; '.join(missing)}.",
            tuple(notes),
        )
    checks = []
    if eligible.answer is Eligibility.NEEDS_CHECKING:
        checks.append("eligibility still to be checked")
    if need.answer is Answer.MAYBE:
        checks.append("priority need still to be assessed")
    pending = f" ({'; '.join(checks)}: reason to believe is enough)" if checks else ""
    return InterimAccommodationResult(
        True,
        "Reason to believe they may be homeless, eligible and in priority need"
        f"{pending}: interim accommodation must be provided now, tonight if need be (s.188).",
        tuple(notes),
    )


# --- what must happen, by when -------------------------------------------------------------------


def must_happen(facts: InterviewFacts, *, today: date, policy: Policy) -> list[Action]:
    """The actions the law or the council's protocols require, each with its due date.

    Deadlines run from the day of approach (not the day the interview is finished), so an
    interview completed later shows an action that is already overdue as overdue.
    """
    rules = policy.assessment
    approached = facts.approached_on or today
    actions = []
    if interim_accommodation(facts, today=today, policy=policy).owed:
        actions.append(
            Action("Provide interim accommodation (s.188)", today, "tonight, if need be")
        )
    if facts.is_16_or_17(today):
        n = rules.joint_assessment_working_days
        actions.append(
            Action("Refer to children's social care", approached, "on the day of approach")
        )
        actions.append(
            Action(
                "Joint assessment with children's social care",
                add_working_days(approached, n),
                f"within {n} working days",
            )
        )
    if facts.domestic_abuse:
        actions.append(
            Action(
                "Risk check (DASH); refer to MARAC if high risk",
                approached,
                "on the day of approach",
            )
        )
        if facts.wants_to_stay:
            n = rules.target_hardening_working_days
            actions.append(
                Action(
                    "Target-hardening referral so they can stay safely",
                    add_working_days(approached, n),
                    f"within {n} working days",
                )
            )
    age = facts.applicant_age(today)
    if facts.care_needs and age is not None and age >= rules.older_person_age:
        actions.append(
            Action(
                f"Refer to adult social care (aged {age}, with care needs)",
                approached,
                "on the day of approach",
            )
        )
    return actions


# --- statutory-return checks ---------------------------------------------------------------------

_HOUSEHOLD_SHAPES = {
    "single_parent_male": ("one", True),
    "single_parent_female": ("one", True),
    "single_parent_other": ("one", True),
    "single_adult_male": ("one", False),
    "single_adult_female": ("one", False),
    "single_adult_other": ("one", False),
    "two_adults_with_children": ("two", True),
    "two_adults_without_children": ("two", False),
    "three_plus_adults_with_children": ("three_plus", True),
    "three_plus_adults_without_children": ("three_plus", False),
}
"""The people each H-CLIC household type stands for: how many adults, and whether there are
dependent children. Codes a council adds are not checked."""

_SHAPE_WORDS = {
    ("one", True): "a single parent with dependent children",
    ("one", False): "a single adult",
    ("two", True): "a couple or two adults with dependent children",
    ("two", False): "a couple or two adults without dependent children",
    ("three_plus", True): "three or more adults with dependent children",
    ("three_plus", False): "three or more adults without dependent children",
}


def consistency_problems(facts: InterviewFacts) -> dict[str, str]:
    """Answers that contradict each other, as the statutory return would find them at quarter
    end: one message per field, keyed by the field's name."""
    problems: dict[str, str] = {}
    codes = hclic_codes()
    for name, code_list in (
        ("hclic_household_type", codes.household_type),
        ("hclic_reason_for_loss", codes.reason_for_loss),
        ("hclic_accommodation_at_application", codes.accommodation_at_application),
        ("hclic_referral_source", codes.referral_source),
    ):
        code = getattr(facts, name)
        if code is not None and code not in code_list:
            problems[name] = (
                f"{code!r} is not on the H-CLIC list ({code_list.title}): choose again."
            )
    unknown_needs = sorted(
        need for need in facts.hclic_support_needs if need not in codes.support_needs
    )
    if unknown_needs:
        problems["hclic_support_needs"] = f"Not H-CLIC support needs: {', '.join(unknown_needs)}."
    elif facts.hclic_support_needs & {"none", "not_known"} and len(facts.hclic_support_needs) > 1:
        problems["hclic_support_needs"] = (
            "'No support needs' or 'unknown support needs' cannot go with other support needs."
        )

    applicants = [m for m in facts.members if m.relationship is Relationship.APPLICANT]
    if len(applicants) > 1:
        problems["members"] = "Only one person in the household can be the applicant."
    has_partner = any(m.relationship is Relationship.PARTNER for m in facts.members)
    if facts.partner_income is not None and facts.partner_income > 0 and not has_partner:
        problems["partner_income"] = (
            "Partner's income is recorded but there is no partner in the household: add the "
            "partner or remove the income."
        )
    if facts.approached_on is not None:
        for name, label in (
            ("prevention_duty_from", "prevention duty"),
            ("relief_duty_from", "relief duty"),
        ):
            start = getattr(facts, name)
            if start is not None and start < facts.approached_on:
                problems[name] = (
                    f"The {label} cannot start ({_day(start)}) before the approach "
                    f"({_day(facts.approached_on)})."
                )
    shape = _household_problem(facts)
    if shape and "hclic_household_type" not in problems:
        problems["hclic_household_type"] = shape
    applicant = facts.applicant
    if applicant is not None and applicant.date_of_birth is not None:
        for number, member in enumerate(facts.members):
            born = member.date_of_birth
            if member.dependent_child and born is not None and born < applicant.date_of_birth:
                problems[f"members[{number}].date_of_birth"] = (
                    f"A dependent child cannot be older than the applicant: born {_day(born)}, "
                    f"the applicant {_day(applicant.date_of_birth)}."
                )
        if facts.aged_16_17 and facts.approached_on is not None:
            wrong = not_16_or_17(applicant.date_of_birth, facts.approached_on)
            if wrong:
                problems["aged_16_17"] = wrong
    served, expires = facts.notice_served_on, facts.notice_expires_on
    if served is not None and expires is not None and expires < served:
        problems["notice_expires_on"] = (
            f"The notice expires ({_day(expires)}) before it was served ({_day(served)}): "
            "check both dates."
        )
    return problems


def _household_problem(facts: InterviewFacts) -> str | None:
    recorded = _HOUSEHOLD_SHAPES.get(facts.hclic_household_type or "")
    if recorded is None or not facts.members:
        return None
    adults = sum(1 for m in facts.members if not m.dependent_child)
    children = len(facts.members) - adults
    if adults == 0:
        return None
    size = "one" if adults == 1 else "two" if adults == 2 else "three_plus"
    actual = (size, children > 0)
    if actual == recorded:
        return None
    people = (
        f"{adults} adult{'s' if adults != 1 else ''} and {children} dependent "
        f"child{'ren' if children != 1 else ''}"
    )
    return (
        f"The household type says {_SHAPE_WORDS[recorded]}, but the household has {people}: "
        f"that is {_SHAPE_WORDS[actual]}."
    )


# --- what is still missing -----------------------------------------------------------------------

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
