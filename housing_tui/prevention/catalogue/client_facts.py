"""Named facts about the client read from the interview ("a private tenant", "behind with the
rent"), each answering yes, no or not known yet, with what to record when not known. An
option's `when` list names them. Each fact's test sits next to the table that names it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from housing_tui.casework.assessment.eligibility import Eligibility, eligibility
from housing_tui.casework.assessment.facts import (
    Answer,
    CourtStage,
    Institution,
    InterviewFacts,
    NoticeType,
    Relationship,
    Tenure,
)
from housing_tui.casework.assessment.notices import NoticeCheck, notice_validity
from housing_tui.casework.assessment.priority_need import priority_need

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy


# --- facts about the client ----------------------------------------------------------------------

FactTest = Callable[[InterviewFacts, date, "Policy"], "bool | None"]


@dataclass(frozen=True)
class ClientFact:
    """A yes/no fact about the client that an option's `when` list can name."""

    name: str
    holds: str
    """What it says when the fact holds, in officers' words: "a private tenant"."""
    fails: str
    """What it says when it does not: "not a private tenant"."""
    test: FactTest
    """True, False, or None when the interview has not recorded what it needs yet."""
    record: str
    """What to record (or assess) when the test cannot tell yet: "Record the tenure"."""

    def says(self, held: bool, policy: Policy) -> str:
        """The phrase for the outcome, with the policy's numbers filled in."""
        text = self.holds if held else self.fails
        return text.replace("{older_person_age}", str(policy.assessment.older_person_age))


TENANCIES = frozenset(
    {Tenure.PRIVATE_RENTED, Tenure.SOCIAL_RENTED, Tenure.LODGER, Tenure.SUPPORTED}
)
"""Homes with a landlord an officer can negotiate with: hostels and supported housing
included, as evictions from them are prevented the same way."""

RENTED = TENANCIES | {Tenure.TIED, Tenure.TEMPORARY}
"""Homes whose arrears are rent arrears."""

POSSESSION_NOTICES = frozenset(
    {
        NoticeType.SECTION_8,
        NoticeType.SECTION_21,
        NoticeType.NOTICE_TO_QUIT,
        NoticeType.LICENCE_ENDED,
        NoticeType.MORTGAGE_POSSESSION,
        NoticeType.OTHER,
    }
)
"""Notices from a landlord or lender. Family or friends asking them to go is not one."""

LOOKING_FOR_WORK = frozenset({"registered_unemployed", "seeking_work_not_registered"})
"""H-CLIC employment statuses of people out of work and looking for it."""

SINGLE_ADULT_HOUSEHOLDS = frozenset(
    {"single_adult_male", "single_adult_female", "single_adult_other"}
)

YOUNG_PERSON_AGES = range(16, 25)
"""The young persons' and young parents' projects take people aged 16 to 24."""

_PARENTS = frozenset({Relationship.APPLICANT, Relationship.PARTNER})
"""Whose pregnancy makes the applicant a parent-to-be."""


def _tenure_is(*tenures: Tenure) -> FactTest:
    def test(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
        return None if facts.tenure is None else facts.tenure in tenures

    return test


def _has_landlord(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return None if facts.tenure is None else facts.tenure in TENANCIES


def _has_possession_notice(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    # The notice question defaults to "no notice", so this is never unknown.
    return facts.notice in POSSESSION_NOTICES or facts.court_stage is not CourtStage.NONE


def _notice_may_be_invalid(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    if facts.notice in (NoticeType.SECTION_8, NoticeType.SECTION_21):
        check = notice_validity(facts, today=today, policy=policy).check
        return check is not NoticeCheck.VALID
    # The app cannot check a notice to quit (writing, 4 weeks, prescribed information): the
    # officer must, so it counts as one to check.
    return facts.notice is NoticeType.NOTICE_TO_QUIT


def _rent_arrears(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # arrears_total is rent arrears for a tenant and mortgage arrears for an owner.
    return _arrears(facts, RENTED)


def _mortgage_arrears(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return _arrears(facts, frozenset({Tenure.OWNER_OCCUPIER}))


def _arrears(facts: InterviewFacts, tenures: frozenset[Tenure]) -> bool | None:
    owed = facts.arrears_total
    if owed is not None and owed <= 0:
        return False
    if facts.tenure is not None and facts.tenure not in tenures:
        return False
    if owed is None or facts.tenure is None:
        return None
    return True


def _rent_shortfall(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    shortfall = facts.rent_shortfall_weekly
    return None if shortfall is None else shortfall > 0


def _receives_housing_support(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return facts.receives_housing_support


def _money_problems(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # The residual already counts debt repayments; arrears are the other sign. With the budget
    # recorded, arrears left blank are taken as none (the question is optional).
    if facts.arrears_total is not None and facts.arrears_total > 0:
        return True
    if facts.weekly_residual is None:
        return None
    return facts.weekly_residual < 0


def _domestic_abuse(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.domestic_abuse


def _wants_to_stay_safely(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    # The interview only asks (and only reads) "wants to stay" for a victim of domestic abuse.
    return facts.domestic_abuse and facts.wants_to_stay


def _single_no_children(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    applicant = facts.applicant
    if applicant is None:
        return None
    if len(facts.members) > 1 or applicant.pregnant or applicant.dependent_child:
        return False
    # Only the applicant is recorded: that is a household of one only if the household type
    # says so (the members may simply not have been added yet).
    household = facts.hclic_household_type
    if household is None or household == "not_known":
        return None
    return household in SINGLE_ADULT_HOUSEHOLDS


def _likely_priority_need(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    answer = priority_need(facts, today=today).answer
    return None if answer is Answer.MAYBE else answer is Answer.YES


def _aged_16_17(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    if facts.applicant_age(today) is None and not facts.aged_16_17:
        return None
    return facts.is_16_or_17(today)


def _aged_16_to_24(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    age = facts.applicant_age(today)
    if age is None:
        return True if facts.aged_16_17 else None
    return age in YOUNG_PERSON_AGES


def _young_parent(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # A parent or parent-to-be: a dependent child lives with them, or someone is pregnant
    # (the applicant or a partner).
    parent = any(
        m.dependent_child or (m.pregnant and m.relationship in _PARENTS) for m in facts.members
    )
    if not parent:
        return False
    return _aged_16_to_24(facts, today, policy)


def _older_with_care_needs(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    if not facts.care_needs:
        return False
    age = facts.applicant_age(today)
    return None if age is None else age >= policy.assessment.older_person_age


def _leaving_hospital(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.tenure is Tenure.HOSPITAL or facts.leaving_institution in (
        Institution.HOSPITAL,
        Institution.MENTAL_HEALTH_HOSPITAL,
    )


def _leaving_prison(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.tenure is Tenure.PRISON or facts.leaving_institution is Institution.PRISON


def _looking_for_work(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    status = facts.employment_status
    if status is None or status == "not_known":
        return None
    return status in LOOKING_FOR_WORK


def _homeless_tonight(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.homeless_tonight or facts.tenure is Tenure.NO_ACCOMMODATION


def _eligible(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    answer = eligibility(facts).answer
    return None if answer is Eligibility.NEEDS_CHECKING else answer is Eligibility.ELIGIBLE


def _has_support_needs(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    needs = facts.hclic_support_needs
    if not needs or needs == {"not_known"}:
        return None
    return bool(needs - {"none", "not_known"})


_TENURE = "Record the tenure (how they live now)"
_AGE = "Record the applicant's date of birth"
_INSTITUTION = "Record whether they are leaving hospital or prison"

CLIENT_FACTS: dict[str, ClientFact] = {
    fact.name: fact
    for fact in (
        ClientFact(
            "private_tenant",
            "a private tenant",
            "not a private tenant",
            _tenure_is(Tenure.PRIVATE_RENTED),
            _TENURE,
        ),
        ClientFact(
            "social_tenant",
            "a council or housing association tenant",
            "not a council or housing association tenant",
            _tenure_is(Tenure.SOCIAL_RENTED),
            _TENURE,
        ),
        ClientFact(
            "owner_occupier",
            "an owner-occupier or shared owner",
            "not an owner-occupier",
            _tenure_is(Tenure.OWNER_OCCUPIER),
            _TENURE,
        ),
        ClientFact(
            "living_with_family_or_friends",
            "living with family or friends",
            "not living with family or friends",
            _tenure_is(Tenure.FAMILY_FRIENDS),
            _TENURE,
        ),
        ClientFact(
            "has_landlord",
            "has a landlord (a tenant, lodger or hostel resident)",
            "no landlord to negotiate with (not a tenant, lodger or hostel resident)",
            _has_landlord,
            _TENURE,
        ),
        ClientFact(
            "has_possession_notice",
            "has a notice to leave from a landlord or lender, or a court claim",
            "no notice to leave from a landlord or lender, and no court claim",
            _has_possession_notice,
            "Record the notice and the court stage",
        ),
        ClientFact(
            "notice_may_be_invalid",
            "the notice may not be valid: it needs checking",
            "no notice that needs checking (none recorded, or it is valid on its face)",
            _notice_may_be_invalid,
            "Record the notice, its dates and the section 8 ground",
        ),
        ClientFact(
            "rent_arrears",
            "behind with the rent",
            "no rent arrears",
            _rent_arrears,
            "Record the tenure and any rent arrears owed (0 if none)",
        ),
        ClientFact(
            "mortgage_arrears",
            "behind with the mortgage",
            "no mortgage arrears",
            _mortgage_arrears,
            "Record the tenure and any mortgage arrears owed (0 if none)",
        ),
        ClientFact(
            "rent_shortfall",
            "the rent is more than the Housing Benefit",
            "no rent shortfall: Housing Benefit meets the rent",
            _rent_shortfall,
            "Record the rent and the Housing Benefit (on Universal Credit: work out the "
            "shortfall from the UC statement)",
        ),
        ClientFact(
            "receives_housing_support",
            "gets Housing Benefit or the Universal Credit housing element",
            "not getting Housing Benefit or the Universal Credit housing element",
            _receives_housing_support,
            "Record whether they get Housing Benefit or the Universal Credit housing element",
        ),
        ClientFact(
            "money_problems",
            "income does not cover outgoings, or arrears are owed",
            "no money problems recorded: income covers outgoings and no arrears",
            _money_problems,
            "Record their income and outgoings",
        ),
        ClientFact(
            "domestic_abuse",
            "a victim of domestic abuse",
            "no domestic abuse recorded",
            _domestic_abuse,
            "Ask, when it is safe to, whether they are experiencing domestic abuse",
        ),
        ClientFact(
            "wants_to_stay_safely",
            "wants to stay, and can safely, with the home made secure",
            "not staying on with the home made secure (does not want to, or it is not safe)",
            _wants_to_stay_safely,
            "Ask whether they want to stay with the home made secure, and whether it is safe",
        ),
        ClientFact(
            "single_no_children",
            "a single person: no partner, children, pregnancy or others in the household",
            "not a single person: others in the household, children or a pregnancy",
            _single_no_children,
            "Record the household type and who lives with them",
        ),
        ClientFact(
            "likely_priority_need",
            "likely to be in priority need",
            "no apparent priority need",
            _likely_priority_need,
            "Assess whether they are vulnerable (priority need)",
        ),
        ClientFact("aged_16_17", "aged 16 or 17", "not aged 16 or 17", _aged_16_17, _AGE),
        ClientFact("aged_16_to_24", "aged 16 to 24", "not aged 16 to 24", _aged_16_to_24, _AGE),
        ClientFact(
            "young_parent",
            "a young parent or parent-to-be (aged 16 to 24)",
            "not a young parent or parent-to-be aged 16 to 24",
            _young_parent,
            _AGE,
        ),
        ClientFact(
            "aged_55_plus_with_care_needs",
            "aged {older_person_age} or over with care needs",
            "not aged {older_person_age} or over with care needs",
            _older_with_care_needs,
            _AGE,
        ),
        ClientFact(
            "leaving_hospital",
            "in hospital or about to be discharged",
            "not in or leaving hospital",
            _leaving_hospital,
            _INSTITUTION,
        ),
        ClientFact(
            "leaving_prison",
            "in prison or about to be released",
            "not in or leaving prison",
            _leaving_prison,
            _INSTITUTION,
        ),
        ClientFact(
            "unemployed_or_seeking_work",
            "out of work and looking for work",
            "not out of work and looking for work",
            _looking_for_work,
            "Record the employment status",
        ),
        ClientFact(
            "homeless_tonight",
            "homeless tonight",
            "has somewhere to stay tonight",
            _homeless_tonight,
            "Ask whether they have somewhere safe to stay tonight",
        ),
        ClientFact(
            "eligible",
            "eligible for help (nationality or immigration status)",
            "not eligible for help because of the immigration status (s.185)",
            _eligible,
            "Check eligibility: record the nationality or immigration status",
        ),
        ClientFact(
            "has_support_needs",
            "has support needs",
            "no support needs",
            _has_support_needs,
            "Record the support needs (or 'no support needs')",
        ),
    )
}
"""Every fact an option's `when` list may name, by name."""


def client_facts(facts: InterviewFacts, *, today: date, policy: Policy) -> dict[str, bool | None]:
    """Every client fact for this interview: True, False, or None (not recorded yet)."""
    return {name: fact.test(facts, today, policy) for name, fact in CLIENT_FACTS.items()}
