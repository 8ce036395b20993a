"""The answers an officer records in the housing options interview (`InterviewFacts`), and
the shared yes / no / maybe `Answer` the statutory tests give. Every rule in this package reads
these; none of them is decided here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.money.amounts import Frequency
from housing_tui.reference.codes import Channel, _Coded
from housing_tui.reference.fields import age_on

CARE_LEAVER_AGES = range(18, 21)
"""Care leavers aged 18, 19 or 20 are in priority need (Homelessness (Priority Need for
Accommodation) (England) Order 2002, art. 4); from 21 only if vulnerable (art. 5(1))."""


YOUNG_APPLICANT_AGES = range(16, 18)
"""16- and 17-year-olds are in priority need (the same Order, art. 3)."""


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
    NO_ACCOMMODATION = "no_accommodation", "No fixed abode, sofa surfing or sleeping rough"
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
class Household:
    """How many people, as the case header and the due list count them."""

    adults: int
    children: int
    pregnant: bool = False


@dataclass(frozen=True)
class InterviewFacts:
    """What the officer has recorded in the housing options interview, already parsed."""

    members: tuple[Member, ...] = ()
    approached_on: date | None = None
    channel: Channel | None = None

    # The home and the threat to it.
    tenure: Tenure | None = None
    allowed_to_stay: bool | None = None
    """Staying with family or friends: whether they let them stay (None: not asked)."""
    tenancy_started_on: date | None = None
    """The day the current tenancy began (section 8 grounds 1 and 1A: not in its first year)."""
    rent_amount: Decimal | None = None
    rent_frequency: Frequency | None = None
    """The rent as the tenancy sets it (ground 8 counts months' or weeks' rent unpaid)."""
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

    # Exemptions from the shared accommodation rate (`housing_tui.money.benefits`); care
    # leavers and domestic abuse are above.
    hostel_months: int | None = None
    """Months lived in homeless hostels."""
    hostel_support_offered: bool = False
    """Offered support there to move on (resettlement)."""
    mappa: bool = False
    """Managed under multi-agency public protection arrangements."""
    disability_daily_living: bool = False
    """Gets the daily living component of PIP, or the care component of DLA at the middle or
    highest rate, Attendance Allowance or Armed Forces Independence Payment."""
    modern_slavery: bool = False
    """A positive conclusive grounds decision that they are a victim of modern slavery."""

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
    uc_housing_element_weekly: Decimal | None = None
    """The housing element inside the Universal Credit, when its amount is recorded."""
    arrears_total: Decimal | None = None
    """Rent arrears, or mortgage arrears for an owner, owed now."""
    living_costs_weekly: Decimal | None = None
    """Food and other living costs, when recorded (they are among the outgoings then)."""
    weekly_residual: Decimal | None = None
    """Weekly income less weekly outgoings; None while no income is recorded (unknown is not
    nothing)."""
    prevention_duty_from: date | None = None
    """The open prevention duty's start, as recorded on the case."""
    relief_duty_from: date | None = None
    """The open relief duty's start, as recorded on the case."""
    household_at_triage: Household | None = None
    """The household as triage counted it: it counts until the interview records one."""

    @property
    def applicant(self) -> Member | None:
        return next((m for m in self.members if m.relationship is Relationship.APPLICANT), None)

    @property
    def housing_support(self) -> tuple[str, Decimal] | None:
        """What pays towards the rent, named as in letters, and its weekly amount: Housing
        Benefit or the Universal Credit housing element (one home has one or the other). An
        amount of £0.00 is none; None while neither amount is recorded above £0.00."""
        for name, weekly in (
            ("Housing Benefit", self.housing_benefit_weekly),
            ("the Universal Credit housing element", self.uc_housing_element_weekly),
        ):
            if weekly is not None and weekly > 0:
                return name, weekly
        return None

    @property
    def receives_housing_support(self) -> bool | None:
        """Getting Housing Benefit or the Universal Credit housing element (the gateway to a
        DHP); None while neither question is answered."""
        if self.housing_support is not None:
            return True
        if self.uc_housing_element is not None:
            return self.uc_housing_element
        return None if self.housing_benefit_weekly is None else False

    @property
    def rent_shortfall_weekly(self) -> Decimal | None:
        """Rent not met by Housing Benefit or the UC housing element, weekly; None when the rent
        is not known, or the client's Universal Credit includes the housing element but its
        amount is not recorded (the shortfall cannot be worked out)."""
        if self.rent_weekly is None:
            return None
        support = self.housing_support
        if support is None:
            if self.uc_housing_element or self.housing_benefit_weekly is None:
                return None
            return self.rent_weekly  # Housing Benefit recorded as £0.00, no UC housing element
        return max(self.rent_weekly - support[1], Decimal(0))

    def applicant_age(self, today: date) -> int | None:
        applicant = self.applicant
        if applicant is None or applicant.date_of_birth is None:
            return None
        return age_on(applicant.date_of_birth, today)

    def is_16_or_17(self, today: date) -> bool:
        """Aged 16 or 17 by the date of birth, or by the tick when there is none."""
        age = self.applicant_age(today)
        return age in YOUNG_APPLICANT_AGES if age is not None else self.aged_16_17


class Answer(_Coded):
    YES = "yes", "Yes"
    NO = "no", "No"
    MAYBE = "maybe", "Maybe: needs an assessment"


def _day(when: date) -> str:
    """'Thu 30 Apr 2026'."""
    return f"{when:%a} {when.day} {when:%b %Y}"


def _long(when: date) -> str:
    """'30 April 2026'."""
    return f"{when.day} {when:%B %Y}"
