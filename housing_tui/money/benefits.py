"""Housing Benefit and Universal Credit housing costs: the bedroom size criteria and the Local
Housing Allowance rate they lead to.

The size criteria (Housing Benefit Regulations 2006 reg. 13D; Universal Credit Regulations 2013
Schedule 4) allow one bedroom for each of:

- a couple;
- any other person aged 16 or over;
- two children of the same sex under 16;
- two children under 10, whatever their sex;
- any other child;
- a non-resident overnight carer the claimant or partner needs;

and a child or partner who cannot share because of a disability gets a room of their own. A
private tenant's help is capped at the four-bedroom rate. A single person under 35 without
children gets the shared accommodation rate unless an exemption applies. An unborn child is not
counted until it is born.

Children are paired to need the fewest bedrooms, as the regulations intend; the reasons list
says who shares with whom, so an officer can check it against the client's own count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from housing_tui.reference.codes import LhaCategory, _Coded
from housing_tui.reference.fields import age_on
from housing_tui.reference.policy import BenefitsPolicy, LhaPolicy, Policy, load_policy

if TYPE_CHECKING:
    from housing_tui.casework.assessment.facts import InterviewFacts

ADULT_AGE = 16
"""From 16 a person counts as an adult: a bedroom of their own."""
SAME_SEX_SHARE_UNDER = 16
ANY_SEX_SHARE_UNDER = 10


class Sex(_Coded):
    """As the size criteria need it: two children of the same sex under 16 share a bedroom."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"


class SharedRateExemption(_Coded):
    """Why a single person under 35 is not held to the shared accommodation rate (Universal
    Credit Regulations 2013 Sch 4 para 29; Housing Benefit Regulations 2006 reg. 2(1), the
    "young individual"; as amended in 2021 and by SI 2022/942). The ages, months and dates are
    the policy file's [benefits]."""

    CARE_LEAVER = "care_leaver", "Care leaver"
    HOSTEL = "hostel", "Lived in a homeless hostel and was offered support to move on"
    DOMESTIC_ABUSE = (
        "domestic_abuse",
        "Victim of domestic abuse since 16 (partner, ex-partner or relative)",
    )
    MAPPA = "mappa", "Ex-offender managed under MAPPA"
    SEVERE_DISABILITY = (
        "severe_disability",
        "Gets PIP daily living (or DLA care middle or high rate, Attendance Allowance, AFIP)",
    )
    MODERN_SLAVERY = "modern_slavery", "Victim of modern slavery (positive conclusive grounds)"


@dataclass(frozen=True)
class Occupant:
    """Someone who lives in the home, as the size criteria see them."""

    age: int
    sex: Sex | None = None
    applicant: bool = False
    partner: bool = False
    """The applicant's partner: the two are a couple and share a bedroom."""
    cannot_share: bool = False
    """Cannot share a bedroom because of a disability (a child, or one of a couple)."""
    name: str = ""

    @property
    def described(self) -> str:
        who = self.name.strip() or (
            "the applicant" if self.applicant else "a child" if self.age < ADULT_AGE else "an adult"
        )
        return f"{who} ({self.age})"


@dataclass(frozen=True)
class BedroomEntitlement:
    bedrooms: int
    """Bedrooms the household is allowed, after the cap (the shared rate still counts 1)."""
    uncapped: int
    """Bedrooms the criteria give before the cap: more than `bedrooms` when the cap bites."""
    category: LhaCategory
    """The Local Housing Allowance rate that applies to a private tenant."""
    reasons: tuple[str, ...]
    """One line per bedroom (or rule applied), in plain words."""
    assumptions: tuple[str, ...] = field(default=())
    """What was assumed for lack of information: the officer should check and record it."""
    exempt_by: SharedRateExemption | None = None
    """The exemption that kept a single person under the shared rate age off that rate."""


def bedroom_entitlement(
    occupants: Iterable[Occupant],
    *,
    overnight_carer: bool = False,
    exemptions: Iterable[SharedRateExemption] = (),
    policy: BenefitsPolicy | None = None,
    on: date | None = None,
) -> BedroomEntitlement:
    """The bedrooms the household is allowed, and the LHA category, with the reasons.

    `occupants` is everyone who lives in the home, the applicant (`applicant=True`) included;
    `overnight_carer` when a carer who does not live there stays overnight to care for the
    applicant or partner. Ages are whole years on the day that matters (`occupants_on`).
    `policy` defaults to the shipped policy file's [benefits] section; `on` is the day the
    exemptions are judged on (None: as the law stands now).
    """
    rules = policy or _shipped_benefits()
    people = tuple(occupants)
    applicants = [person for person in people if person.applicant]
    if len(applicants) != 1:
        raise ValueError("the household must include the applicant, once")
    applicant = applicants[0]
    partners = [person for person in people if person.partner]
    if len(partners) > 1:
        raise ValueError("the applicant can have at most one partner in the household")
    couple = [applicant, *partners]
    if partners and any(person.cannot_share for person in couple):
        rooms = 2
        reasons = ["2 bedrooms: a couple who cannot share because of a disability"]
    else:
        rooms = 1
        reasons = ["1 bedroom: the couple" if partners else f"1 bedroom: {applicant.described}"]
    others = [person for person in people if person not in couple]
    adults = [f"1 bedroom: {p.described}, aged 16 or over" for p in others if p.age >= ADULT_AGE]
    children, assumptions = _children_rooms([p for p in others if p.age < ADULT_AGE])
    carer = ["1 bedroom: an overnight carer who does not live there"] if overnight_carer else []
    rooms += len(adults) + len(children) + len(carer)
    reasons += [*adults, *children, *carer]

    capped = min(rooms, rules.max_bedrooms)
    if capped < rooms:
        reasons.append(
            f"Capped at {rules.max_bedrooms} bedrooms: Local Housing Allowance pays no more."
        )
    category = LhaCategory.for_bedrooms(capped)
    exempt = None
    if not partners and applicant.age < rules.shared_rate_under_age:
        living_alone = not others and not overnight_carer
        exempt = _exemption(applicant, frozenset(exemptions), rules, on) if living_alone else None
        shared, why, check = _shared_rate(others, living_alone, exempt, rules)
        category = LhaCategory.SHARED if shared else category
        reasons += why
        assumptions += check
    return BedroomEntitlement(
        bedrooms=capped,
        uncapped=rooms,
        category=category,
        reasons=tuple(reasons),
        assumptions=tuple(assumptions),
        exempt_by=exempt[0] if exempt else None,
    )


def _exemption(
    applicant: Occupant,
    exemptions: frozenset[SharedRateExemption],
    rules: BenefitsPolicy,
    on: date | None,
) -> tuple[SharedRateExemption, str] | None:
    """The first exemption that applies to the applicant at their age on `on` (None: the law
    as it is now), and it in words; or None."""
    for exemption in SharedRateExemption:
        if exemption not in exemptions:
            continue
        if exemption is SharedRateExemption.CARE_LEAVER:
            if applicant.age >= rules.care_leaver_exempt_under_age:
                continue
            return exemption, f"care leaver under {rules.care_leaver_exempt_under_age}"
        if exemption is SharedRateExemption.HOSTEL:
            if applicant.age < rules.hostel_exempt_from_age:
                continue
            return exemption, (
                f"lived {rules.hostel_exempt_months} months or more in homeless hostels and was "
                "offered support to move on"
            )
        since = {
            SharedRateExemption.DOMESTIC_ABUSE: rules.domestic_abuse_exempt_from,
            SharedRateExemption.MODERN_SLAVERY: rules.modern_slavery_exempt_from,
        }.get(exemption)
        if since is not None and on is not None and on < since:
            continue
        return exemption, exemption.label[0].lower() + exemption.label[1:]
    return None


def _can_share(first: Occupant, second: Occupant) -> bool:
    if first.age < ANY_SEX_SHARE_UNDER and second.age < ANY_SEX_SHARE_UNDER:
        return True
    # An unrecorded sex never counts as the same: the officer is told to record it.
    return first.sex is not None and first.sex == second.sex


def _fewest_rooms(children: tuple[Occupant, ...]) -> list[tuple[Occupant, ...]]:
    """The children grouped into bedrooms (pairs or singles) so that the fewest are needed."""

    @cache
    def best(left: frozenset[int]) -> tuple[tuple[int, ...], ...]:
        if not left:
            return ()
        first = min(left)
        rest = left - {first}
        options = [((first,), *best(rest))]
        for other in sorted(rest):
            if _can_share(children[first], children[other]):
                options.append(((first, other), *best(rest - {other})))
        return min(options, key=len)

    return [tuple(children[i] for i in room) for room in best(frozenset(range(len(children))))]


# --- from the interview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdPerson:
    """A household member as the interview records them (see `assessment.Member`)."""

    relationship: str
    date_of_birth: date | None
    sex: str | None = None
    name: str = ""


def _children_rooms(children: list[Occupant]) -> tuple[list[str], list[str]]:
    """One reason per bedroom for the children (a child who cannot share has one of their own;
    the rest are paired for the fewest rooms), and what had to be assumed."""
    rooms = [
        f"1 bedroom: {child.described}, who cannot share (disability)"
        for child in children
        if child.cannot_share
    ]
    sharing = [child for child in children if not child.cannot_share]
    for group in _fewest_rooms(tuple(sharing)):
        if len(group) == 2:
            first, second = group
            why = (
                "both under 10"
                if first.age < ANY_SEX_SHARE_UNDER and second.age < ANY_SEX_SHARE_UNDER
                else "same sex, both under 16"
            )
            rooms.append(f"1 bedroom: {first.described} and {second.described} share ({why})")
        else:
            rooms.append(f"1 bedroom: {group[0].described}")
    assumptions = []
    if (
        any(child.sex is None and child.age >= ANY_SEX_SHARE_UNDER for child in sharing)
        and len(sharing) > 1
    ):
        assumptions.append(
            "The sex of a child aged 10 to 15 is not recorded: counted as not sharing with a "
            "child of the other sex. Record it to be sure."
        )
    return rooms, assumptions


def _shared_rate(
    others: list[Occupant],
    living_alone: bool,
    exempt: tuple[SharedRateExemption, str] | None,
    rules: BenefitsPolicy,
) -> tuple[bool, list[str], list[str]]:
    """For an applicant with no partner under the shared-rate age: whether the shared
    accommodation rate applies, the reasons, and what to check."""
    if living_alone:
        if exempt is None:
            return (
                True,
                [
                    f"Shared accommodation rate: single, no children, under "
                    f"{rules.shared_rate_under_age}, and no exemption recorded."
                ],
                [],
            )
        return False, [f"Not the shared accommodation rate: {exempt[1]}."], []
    if others and all(person.age >= ADULT_AGE for person in others):
        return (
            False,
            [],
            [
                f"Single and under {rules.shared_rate_under_age}, living with other adults: "
                "check with revenues and benefits whether the shared accommodation rate applies."
            ],
        )
    return False, [], []


def occupants_on(
    people: Sequence[HouseholdPerson], when: date, *, policy: BenefitsPolicy | None = None
) -> tuple[list[Occupant], list[str]]:
    """The household as the size criteria see it on `when`, and what is missing to be sure.

    The first person is the applicant; a "partner" is the applicant's partner. Someone without
    a date of birth is counted as an adult (a bedroom of their own) and named in the list; an
    applicant without one is taken to be old enough not to be held to the shared accommodation
    rate (`policy.shared_rate_under_age`; the shipped policy file's if not given).
    """
    rules = policy or _shipped_benefits()
    occupants, missing = [], []
    for number, person in enumerate(people):
        label = person.name.strip() or ("The applicant" if number == 0 else "Someone")
        if person.date_of_birth is None:
            missing.append(f"{label}: no date of birth, counted as an adult")
            age = ADULT_AGE if number else rules.shared_rate_under_age
        else:
            age = age_on(person.date_of_birth, when)
        occupants.append(
            Occupant(
                age=age,
                sex=Sex(person.sex) if person.sex else None,
                applicant=number == 0,
                partner=number > 0 and person.relationship == "partner",
                name=person.name if number else "the applicant",
            )
        )
    return occupants, missing


def household_entitlement(
    facts: InterviewFacts, when: date, policy: Policy
) -> tuple[BedroomEntitlement, list[str]]:
    """The household's bedroom entitlement from the interview on `when`, and what had to be
    assumed (missing dates of birth, unrecorded sexes, evidence benefits will ask for). Every
    exemption from the shared accommodation rate is read from the interview's answers."""
    people = [
        HouseholdPerson(member.relationship.value, member.date_of_birth, member.sex, member.name)
        for member in facts.members
    ] or [HouseholdPerson("applicant", None)]
    occupants, missing = occupants_on(people, when, policy=policy.benefits)
    exemptions = shared_rate_exemptions(facts, policy.benefits)
    entitlement = bedroom_entitlement(
        occupants, exemptions=exemptions, policy=policy.benefits, on=when
    )
    return entitlement, [*missing, *entitlement.assumptions, *_evidence(entitlement, facts)]


def shared_rate_exemptions(
    facts: InterviewFacts, rules: BenefitsPolicy
) -> list[SharedRateExemption]:
    """The exemptions from the shared accommodation rate the interview records (the ages and
    dates they apply from are checked in `bedroom_entitlement`)."""
    hostel = facts.hostel_months is not None and facts.hostel_months >= rules.hostel_exempt_months
    return [
        exemption
        for exemption, applies in (
            (SharedRateExemption.CARE_LEAVER, facts.care_leaver),
            (SharedRateExemption.HOSTEL, hostel and facts.hostel_support_offered),
            (SharedRateExemption.DOMESTIC_ABUSE, facts.domestic_abuse),
            (SharedRateExemption.MAPPA, facts.mappa),
            (SharedRateExemption.SEVERE_DISABILITY, facts.disability_daily_living),
            (SharedRateExemption.MODERN_SLAVERY, facts.modern_slavery),
        )
        if applies
    ]


def _evidence(entitlement: BedroomEntitlement, facts: InterviewFacts) -> list[str]:
    """What revenues and benefits will ask for, or what is still to record, where it decides
    between the shared rate and the one-bedroom rate."""
    if entitlement.exempt_by is SharedRateExemption.DOMESTIC_ABUSE:
        return [
            "Domestic abuse exemption: benefits will need evidence from someone acting in an "
            "official capacity (police, health, a social worker, a support service) that they "
            "have been in touch with them about it."
        ]
    if (
        entitlement.category is LhaCategory.SHARED
        and facts.hostel_months
        and (not facts.hostel_support_offered)
    ):
        return [
            f"{facts.hostel_months} months in homeless hostels: record whether they were offered "
            "support there to move on; with it (and long enough there) the shared rate may not "
            "apply."
        ]
    return []


# --- Local Housing Allowance ----------------------------------------------------------------------


def rate_name(category: LhaCategory) -> str:
    """'the 2 bedrooms rate', 'the shared accommodation rate' (whose label already ends in
    "rate": never "Shared accommodation rate rate")."""
    if category is LhaCategory.SHARED:
        return "the shared accommodation rate"
    return f"the {category.label} rate"


def lha_rate(rates: LhaPolicy, category: LhaCategory, when: date) -> Decimal | None:
    """The weekly LHA rate for `category` in force on `when`, or None before the first set."""
    found = rates.rates_on(when)
    return None if found is None else found.weekly[LhaCategory(category)]


@cache
def _shipped_benefits() -> BenefitsPolicy:
    return load_policy().benefits
