"""The prevention options catalogue and the rules that propose options.

Worked examples from Monday 23 November 2026. Expected answers come from the rules as the
catalogue and DOMAIN.md state them (a DHP needs Housing Benefit or the UC housing element and a
shortfall; the young persons' project takes 16 to 24; older clients are 55+ by policy; the
innovations fund pays up to 200 pounds, target hardening up to 1,000 pounds), worked by hand,
never copied from what the code returned.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

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
from housing_tui.casework.interview import MemberAnswer, facts_from_answers
from housing_tui.money.amounts import Frequency
from housing_tui.prevention.actions import ActionOwner
from housing_tui.prevention.catalogue import (
    CATALOGUE_FILE_NAME,
    CLIENT_FACTS,
    Catalogue,
    CatalogueError,
    Fit,
    Proposal,
    client_facts,
    load_catalogue,
    propose_options,
)
from housing_tui.reference.hclic import hclic_codes
from housing_tui.reference.policy import load_policy

TODAY = date(2026, 11, 23)
"""Monday 23 November 2026."""

POLICY = load_policy(None)
CATALOGUE = load_catalogue(policy=POLICY)

BORN_38 = date(1988, 6, 14)
BORN_17 = date(2009, 5, 1)
BORN_18_TODAY = date(2008, 11, 23)
BORN_24_LAST_DAY = date(2001, 11, 24)
"""24 today; 25 tomorrow."""
BORN_25_TODAY = date(2001, 11, 23)
BORN_22 = date(2004, 2, 10)
BORN_55_TODAY = date(1971, 11, 23)
BORN_54 = date(1971, 11, 24)
"""55 tomorrow."""
BORN_72 = date(1954, 5, 5)


def _applicant(born: date | None = BORN_38, **changes) -> Member:
    return Member(Relationship.APPLICANT, date_of_birth=born, **changes)


def _facts(born: date | None = BORN_38, **changes) -> InterviewFacts:
    """An adult applicant on their own, British; everything else as given."""
    values = {
        "members": (_applicant(born),),
        "approached_on": TODAY,
        "immigration_status": ImmigrationStatus.BRITISH_OR_IRISH,
    }
    return InterviewFacts(**(values | changes))


def _child(born: date = date(2021, 3, 9)) -> Member:
    return Member(Relationship.CHILD, date_of_birth=born, dependent_child=True)


def _interview(
    answers: dict[str, str], members=(), *, born: date | None = BORN_38
) -> InterviewFacts:
    """Facts built the way the app builds them, from stored interview answers."""
    return facts_from_answers(
        {"immigration_status": "british_irish", **answers},
        members,
        applicant_born=born,
        approached_on=TODAY,
        channel="drop_in",
    )


def _propose(facts: InterviewFacts, catalogue: Catalogue = CATALOGUE, **kw) -> list[Proposal]:
    return propose_options(facts, today=TODAY, policy=POLICY, catalogue=catalogue, **kw)


def _proposal(facts: InterviewFacts, key: str, catalogue: Catalogue = CATALOGUE) -> Proposal:
    found = [p for p in _propose(facts, catalogue, include_all=True) if p.option.key == key]
    assert len(found) == 1, key
    return found[0]


def _council(tmp_path: Path, text: str) -> Catalogue:
    (tmp_path / CATALOGUE_FILE_NAME).write_text(text, "utf-8")
    return load_catalogue(tmp_path, policy=POLICY)


# --- client facts: holds, fails, not recorded yet ------------------------------------------------

S21_AFTER_COMMENCEMENT = {
    "tenure": Tenure.PRIVATE_RENTED,
    "notice": NoticeType.SECTION_21,
    "notice_served_on": date(2026, 6, 15),
    "notice_expires_on": date(2026, 8, 15),
}
"""Served after 30 April 2026, when no section 21 notice could be served: not valid."""

S8_GROUND_8_VALID = {
    "tenure": Tenure.PRIVATE_RENTED,
    "notice": NoticeType.SECTION_8,
    "section8_ground": "8",
    "notice_served_on": date(2026, 11, 2),
    "notice_expires_on": date(2026, 11, 30),
    "rent_amount": Decimal("650.00"),
    "rent_frequency": Frequency.MONTHLY,
    "arrears_total": Decimal("1950.00"),
}
"""Ground 8 needs 4 weeks: 2 Nov + 28 days = 30 Nov; and at least 3 months' rent unpaid:
3 x 650.00 = 1,950.00 owed, exactly enough. So valid on its face."""

FACT_CASES: list[tuple[str, InterviewFacts, bool | None]] = [
    ("private_tenant", _facts(tenure=Tenure.PRIVATE_RENTED), True),
    ("private_tenant", _facts(tenure=Tenure.SOCIAL_RENTED), False),
    ("private_tenant", _facts(), None),
    ("social_tenant", _facts(tenure=Tenure.SOCIAL_RENTED), True),
    ("social_tenant", _facts(tenure=Tenure.PRIVATE_RENTED), False),
    ("social_tenant", _facts(), None),
    ("owner_occupier", _facts(tenure=Tenure.OWNER_OCCUPIER), True),
    ("owner_occupier", _facts(tenure=Tenure.LODGER), False),
    ("owner_occupier", _facts(), None),
    ("living_with_family_or_friends", _facts(tenure=Tenure.FAMILY_FRIENDS), True),
    ("living_with_family_or_friends", _facts(tenure=Tenure.PRIVATE_RENTED), False),
    ("living_with_family_or_friends", _facts(), None),
    ("has_landlord", _facts(tenure=Tenure.LODGER), True),
    ("has_landlord", _facts(tenure=Tenure.SUPPORTED), True),
    ("has_landlord", _facts(tenure=Tenure.FAMILY_FRIENDS), False),
    ("has_landlord", _facts(tenure=Tenure.OWNER_OCCUPIER), False),
    ("has_landlord", _facts(), None),
    ("has_possession_notice", _facts(**S8_GROUND_8_VALID), True),
    ("has_possession_notice", _facts(court_stage=CourtStage.CLAIM_ISSUED), True),
    ("has_possession_notice", _facts(notice=NoticeType.FAMILY_FRIENDS), False),
    ("has_possession_notice", _facts(), False),
    ("notice_may_be_invalid", _facts(**S21_AFTER_COMMENCEMENT), True),
    (
        "notice_may_be_invalid",
        _facts(tenure=Tenure.SOCIAL_RENTED, notice=NoticeType.SECTION_8),
        True,
    ),
    ("notice_may_be_invalid", _facts(notice=NoticeType.NOTICE_TO_QUIT), True),
    ("notice_may_be_invalid", _facts(**S8_GROUND_8_VALID), False),
    # Ground 8 on 950 pcm with 1,800 owed: 3 months' rent is 3 x 950 = 2,850, so the ground is
    # not made out and the notice needs checking.
    (
        "notice_may_be_invalid",
        _facts(
            **(
                S8_GROUND_8_VALID
                | {"rent_amount": Decimal("950.00"), "arrears_total": Decimal("1800.00")}
            )
        ),
        True,
    ),
    ("notice_may_be_invalid", _facts(), False),
    ("rent_arrears", _facts(tenure=Tenure.PRIVATE_RENTED, arrears_total=Decimal("1200")), True),
    ("rent_arrears", _facts(tenure=Tenure.PRIVATE_RENTED, arrears_total=Decimal("0")), False),
    ("rent_arrears", _facts(tenure=Tenure.OWNER_OCCUPIER, arrears_total=Decimal("1200")), False),
    ("rent_arrears", _facts(tenure=Tenure.PRIVATE_RENTED), None),
    ("rent_arrears", _facts(arrears_total=Decimal("1200")), None),
    ("mortgage_arrears", _facts(tenure=Tenure.OWNER_OCCUPIER, arrears_total=Decimal("3000")), True),
    ("mortgage_arrears", _facts(tenure=Tenure.OWNER_OCCUPIER, arrears_total=Decimal("0")), False),
    (
        "mortgage_arrears",
        _facts(tenure=Tenure.PRIVATE_RENTED, arrears_total=Decimal("3000")),
        False,
    ),
    ("mortgage_arrears", _facts(tenure=Tenure.OWNER_OCCUPIER), None),
    (
        "rent_shortfall",
        _facts(rent_weekly=Decimal("150.00"), housing_benefit_weekly=Decimal("120.00")),
        True,
    ),
    (
        "rent_shortfall",
        _facts(rent_weekly=Decimal("150.00"), housing_benefit_weekly=Decimal("150.00")),
        False,
    ),
    ("rent_shortfall", _facts(rent_weekly=Decimal("150.00"), uc_housing_element=True), None),
    ("receives_housing_support", _facts(housing_benefit_weekly=Decimal("120.00")), True),
    ("receives_housing_support", _facts(uc_housing_element=True), True),
    ("receives_housing_support", _facts(uc_housing_element=False), False),
    ("receives_housing_support", _facts(), None),
    ("money_problems", _facts(weekly_residual=Decimal("-20.00")), True),
    ("money_problems", _facts(arrears_total=Decimal("500")), True),
    ("money_problems", _facts(weekly_residual=Decimal("15.00")), False),
    ("money_problems", _facts(arrears_total=Decimal("0")), None),
    ("domestic_abuse", _facts(domestic_abuse=True), True),
    ("domestic_abuse", _facts(), False),
    ("wants_to_stay_safely", _facts(domestic_abuse=True, wants_to_stay=True), True),
    ("wants_to_stay_safely", _facts(domestic_abuse=True, wants_to_stay=False), False),
    ("wants_to_stay_safely", _facts(wants_to_stay=True), False),
    ("single_no_children", _facts(hclic_household_type="single_adult_female"), True),
    (
        "single_no_children",
        _facts(members=(_applicant(), _child()), hclic_household_type="single_parent_female"),
        False,
    ),
    (
        "single_no_children",
        _facts(
            members=(_applicant(pregnant=True, due_date=date(2027, 3, 1)),),
            hclic_household_type="single_adult_female",
        ),
        False,
    ),
    ("single_no_children", _facts(hclic_household_type="two_adults_without_children"), False),
    ("single_no_children", _facts(), None),
    ("single_no_children", _facts(members=()), None),
    ("likely_priority_need", _facts(members=(_applicant(), _child())), True),
    ("likely_priority_need", _facts(), False),
    (
        "likely_priority_need",
        _facts(vulnerabilities=frozenset({Vulnerability.MENTAL_ILLNESS})),
        None,
    ),
    ("aged_16_17", _facts(BORN_17), True),
    ("aged_16_17", _facts(None, aged_16_17=True), True),
    ("aged_16_17", _facts(BORN_18_TODAY), False),
    ("aged_16_17", _facts(None), None),
    ("aged_16_to_24", _facts(BORN_24_LAST_DAY), True),
    ("aged_16_to_24", _facts(None, aged_16_17=True), True),
    ("aged_16_to_24", _facts(BORN_25_TODAY), False),
    ("aged_16_to_24", _facts(None), None),
    ("young_parent", _facts(members=(_applicant(BORN_22), _child())), True),
    (
        "young_parent",
        _facts(members=(_applicant(BORN_22, pregnant=True, due_date=date(2027, 2, 10)),)),
        True,
    ),
    ("young_parent", _facts(members=(_applicant(BORN_38), _child())), False),
    ("young_parent", _facts(BORN_22), False),
    ("young_parent", _facts(members=(_applicant(None), _child())), None),
    ("aged_55_plus_with_care_needs", _facts(BORN_55_TODAY, care_needs=True), True),
    ("aged_55_plus_with_care_needs", _facts(BORN_54, care_needs=True), False),
    ("aged_55_plus_with_care_needs", _facts(BORN_72), False),
    ("aged_55_plus_with_care_needs", _facts(None, care_needs=True), None),
    (
        "leaving_hospital",
        _facts(leaving_institution=Institution.MENTAL_HEALTH_HOSPITAL),
        True,
    ),
    ("leaving_hospital", _facts(tenure=Tenure.HOSPITAL), True),
    ("leaving_hospital", _facts(leaving_institution=Institution.PRISON), False),
    ("leaving_prison", _facts(leaving_institution=Institution.PRISON), True),
    ("leaving_prison", _facts(tenure=Tenure.PRISON), True),
    ("leaving_prison", _facts(leaving_institution=Institution.HOSPITAL), False),
    ("unemployed_or_seeking_work", _facts(employment_status="registered_unemployed"), True),
    ("unemployed_or_seeking_work", _facts(employment_status="seeking_work_not_registered"), True),
    ("unemployed_or_seeking_work", _facts(employment_status="full_time"), False),
    ("unemployed_or_seeking_work", _facts(employment_status="retired"), False),
    ("unemployed_or_seeking_work", _facts(), None),
    ("unemployed_or_seeking_work", _facts(employment_status="not_known"), None),
    ("homeless_tonight", _facts(homeless_tonight=True), True),
    ("homeless_tonight", _facts(tenure=Tenure.NO_ACCOMMODATION), True),
    ("homeless_tonight", _facts(tenure=Tenure.PRIVATE_RENTED), False),
    ("eligible", _facts(), True),
    ("eligible", _facts(immigration_status=ImmigrationStatus.NO_RECOURSE), False),
    ("eligible", _facts(immigration_status=ImmigrationStatus.ASYLUM_SEEKER), False),
    ("eligible", _facts(immigration_status=ImmigrationStatus.EEA_PRE_SETTLED), None),
    ("eligible", _facts(immigration_status=ImmigrationStatus.NOT_KNOWN), None),
    ("has_support_needs", _facts(hclic_support_needs=frozenset({"mental_health"})), True),
    ("has_support_needs", _facts(hclic_support_needs=frozenset({"none"})), False),
    ("has_support_needs", _facts(), None),
    ("has_support_needs", _facts(hclic_support_needs=frozenset({"not_known"})), None),
]

NEVER_UNKNOWN = {
    "has_possession_notice",
    "notice_may_be_invalid",
    "domestic_abuse",
    "wants_to_stay_safely",
    "leaving_hospital",
    "leaving_prison",
    "homeless_tonight",
}
"""Facts read from questions that default to "no" (no notice, not a victim of domestic abuse,
not leaving an institution, not homeless tonight): the interview cannot tell "not asked" from
"no", so these are never unknown; a blank interview says they fail."""


@pytest.mark.parametrize(
    ("name", "facts", "expected"),
    FACT_CASES,
    ids=[f"{name}-{expected}-{n}" for n, (name, _, expected) in enumerate(FACT_CASES)],
)
def test_client_fact(name: str, facts: InterviewFacts, expected: bool | None) -> None:
    assert CLIENT_FACTS[name].test(facts, TODAY, POLICY) is expected


def test_every_fact_has_a_case_that_holds_one_that_fails_and_one_not_recorded() -> None:
    outcomes: dict[str, set[bool | None]] = {name: set() for name in CLIENT_FACTS}
    for name, _, expected in FACT_CASES:
        outcomes[name].add(expected)
    for name, seen in outcomes.items():
        wanted = {True, False} if name in NEVER_UNKNOWN else {True, False, None}
        assert seen == wanted, name


def test_facts_that_cannot_be_unknown_fail_on_a_blank_interview() -> None:
    blank = _interview({}, born=None)
    values = client_facts(blank, today=TODAY, policy=POLICY)
    assert {name for name in NEVER_UNKNOWN if values[name] is False} == NEVER_UNKNOWN
    # And the others that need an answer are not guessed.
    assert values["private_tenant"] is None
    assert values["aged_16_17"] is None
    assert values["rent_arrears"] is None


def test_the_older_person_age_comes_from_the_policy(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("[assessment]\nolder_person_age = 60\n", "utf-8")
    sixty = load_policy(tmp_path)
    aged_58 = _facts(date(1968, 1, 15), care_needs=True)
    fact = CLIENT_FACTS["aged_55_plus_with_care_needs"]
    assert fact.test(aged_58, TODAY, POLICY) is True
    assert fact.test(aged_58, TODAY, sixty) is False
    proposal = next(
        p
        for p in propose_options(
            aged_58, today=TODAY, policy=sixty, catalogue=CATALOGUE, include_all=True
        )
        if p.option.key == "sheltered_extra_care"
    )
    assert proposal.fit is Fit.DOES_NOT_FIT
    assert proposal.reasons == ("Not aged 60 or over with care needs",)


def test_facts_have_names_phrases_and_what_to_record() -> None:
    for name, fact in CLIENT_FACTS.items():
        assert fact.name == name
        assert fact.holds and fact.fails and fact.holds != fact.fails
        assert fact.record[:1].isupper()


# --- each shipped option: a worked case where it fits, and one where it does not -----------------

ELIGIBLE = "Eligible for help (nationality or immigration status)"

FITS: list[tuple[str, InterviewFacts, tuple[str, ...]]] = [
    (
        # 19, her parents have told her to leave by 11 December.
        "family_mediation",
        _interview(
            {
                "tenure": "family_friends",
                "notice": "family_friends",
                "must_leave_on": "2026-12-11",
                "domestic_abuse": "no",
            },
            born=date(2007, 7, 2),
        ),
        ("Living with family or friends", "No domestic abuse recorded"),
    ),
    (
        "landlord_negotiation",
        _facts(**S8_GROUND_8_VALID),
        ("Has a landlord (a tenant, lodger or hostel resident)",),
    ),
    (
        # A section 21 notice served in June 2026, after they were abolished.
        "notice_check",
        _facts(**S21_AFTER_COMMENCEMENT),
        ("The notice may not be valid: it needs checking",),
    ),
    (
        # Rent 650 pcm = 150.00 pw; Housing Benefit 520 pcm = 120.00 pw: short by 30.00 pw.
        "discretionary_housing_payment",
        _interview(
            {
                "tenure": "private_rented",
                "rent": "650.00 monthly",
                "housing_benefit": "520.00 monthly",
            }
        ),
        (
            "Gets Housing Benefit or the Universal Credit housing element",
            "The rent is more than the Housing Benefit",
        ),
    ),
    (
        "small_prevention_payment",
        _interview({"tenure": "social_rented", "arrears_total": "1200.00"}),
        ("Behind with the rent", ELIGIBLE),
    ),
    (
        "rent_deposit_scheme",
        _facts(tenure=Tenure.PRIVATE_RENTED),
        (ELIGIBLE, "Not aged 16 or 17"),
    ),
    (
        "floating_support",
        _interview({"support_needs": "mental_health,alcohol_dependency"}),
        ("Has support needs",),
    ),
    (
        # Her ex-partner has left and has bail conditions; she owns the home and wants to stay.
        "target_hardening",
        _interview({"tenure": "owner_occupier", "domestic_abuse": "yes", "wants_to_stay": "yes"}),
        (
            "A victim of domestic abuse",
            "Wants to stay, and can safely, with the home made secure",
        ),
    ),
    (
        # 30, single, lodging, no vulnerability recorded.
        "single_person_home_finder",
        _interview(
            {"tenure": "lodger", "household_type": "single_adult_male"}, born=date(1996, 8, 30)
        ),
        (
            "A single person: no partner, children, pregnancy or others in the household",
            "No apparent priority need",
            ELIGIBLE,
        ),
    ),
    (
        "young_persons_project",
        _interview({"household_type": "single_adult_female"}, born=date(2007, 1, 20)),
        ("Aged 16 to 24", "Not a young parent or parent-to-be aged 16 to 24"),
    ),
    (
        "young_parents_project",
        _facts(members=(_applicant(BORN_22, pregnant=True, due_date=date(2027, 2, 10)),)),
        ("A young parent or parent-to-be (aged 16 to 24)",),
    ),
    (
        "childrens_social_care_joint_assessment",
        _interview({"tenure": "family_friends"}, born=BORN_17),
        ("Aged 16 or 17",),
    ),
    (
        "sheltered_extra_care",
        _interview({"care_needs": "yes", "tenure": "private_rented"}, born=BORN_72),
        ("Aged 55 or over with care needs",),
    ),
    (
        "hospital_discharge_pathway",
        _interview(
            {
                "tenure": "hospital",
                "leaving_institution": "hospital",
                "leaves_institution_on": "2026-12-07",
            }
        ),
        ("In hospital or about to be discharged",),
    ),
    (
        "prison_release_pathway",
        _interview(
            {
                "tenure": "prison",
                "leaving_institution": "prison",
                "leaves_institution_on": "2026-12-14",
            }
        ),
        ("In prison or about to be released",),
    ),
    (
        # UC 900 pcm = 207.69 pw in; rent 750 pcm + council tax 120 pcm + utilities 160 pcm
        # = 1,030 pcm = 237.69 pw out: 30.00 pw short.
        "debt_advice",
        _interview(
            {
                "universal_credit": "900.00 monthly",
                "rent": "750.00 monthly",
                "council_tax": "120.00 monthly",
                "utilities": "160.00 monthly",
            }
        ),
        ("Income does not cover outgoings, or arrears are owed",),
    ),
    (
        "mortgage_arrears_help",
        _interview(
            {
                "tenure": "owner_occupier",
                "arrears_total": "4200.00",
                "notice": "mortgage_possession",
            }
        ),
        ("Behind with the mortgage",),
    ),
    ("housing_register", _facts(tenure=Tenure.SOCIAL_RENTED), (ELIGIBLE,)),
    (
        "innovations_fund",
        _interview({"employment_status": "registered_unemployed"}),
        ("Out of work and looking for work",),
    ),
]

DOES_NOT_FIT: list[tuple[str, InterviewFacts, tuple[str, ...]]] = [
    (
        # Staying with her mother after leaving an abusive partner: mediation is not safe.
        "family_mediation",
        _facts(tenure=Tenure.FAMILY_FRIENDS, domestic_abuse=True),
        ("A victim of domestic abuse",),
    ),
    (
        "landlord_negotiation",
        _facts(tenure=Tenure.OWNER_OCCUPIER),
        ("No landlord to negotiate with (not a tenant, lodger or hostel resident)",),
    ),
    (
        "notice_check",
        _facts(**S8_GROUND_8_VALID),
        ("No notice that needs checking (none recorded, or it is valid on its face)",),
    ),
    (
        # Working full time, no help with housing costs. The shortfall cannot be worked out
        # without Housing Benefit, but that does not matter: one fact that fails is enough.
        "discretionary_housing_payment",
        _interview(
            {
                "tenure": "private_rented",
                "employment_status": "full_time",
                "earnings": "2100.00 monthly",
                "rent": "800.00 monthly",
                "uc_housing_element": "no",
            }
        ),
        ("Not getting Housing Benefit or the Universal Credit housing element",),
    ),
    (
        "small_prevention_payment",
        _facts(tenure=Tenure.PRIVATE_RENTED, arrears_total=Decimal("0")),
        ("No rent arrears",),
    ),
    ("rent_deposit_scheme", _facts(BORN_17, tenure=Tenure.FAMILY_FRIENDS), ("Aged 16 or 17",)),
    (
        "floating_support",
        _facts(hclic_support_needs=frozenset({"none"})),
        ("No support needs",),
    ),
    (
        "target_hardening",
        _facts(tenure=Tenure.SOCIAL_RENTED, domestic_abuse=True, wants_to_stay=False),
        ("Not staying on with the home made secure (does not want to, or it is not safe)",),
    ),
    (
        # Single, homeless because of domestic abuse: in priority need, so not this service.
        "single_person_home_finder",
        _facts(hclic_household_type="single_adult_female", domestic_abuse=True),
        ("Likely to be in priority need",),
    ),
    ("young_persons_project", _facts(BORN_25_TODAY), ("Not aged 16 to 24",)),
    (
        "young_persons_project",
        _facts(members=(_applicant(BORN_22), _child())),
        ("A young parent or parent-to-be (aged 16 to 24)",),
    ),
    (
        "young_parents_project",
        _facts(members=(_applicant(date(1995, 4, 1)), _child(), _child(date(2018, 9, 9)))),
        ("Not a young parent or parent-to-be aged 16 to 24",),
    ),
    (
        "childrens_social_care_joint_assessment",
        _facts(BORN_18_TODAY),
        ("Not aged 16 or 17",),
    ),
    ("sheltered_extra_care", _facts(BORN_72), ("Not aged 55 or over with care needs",)),
    ("hospital_discharge_pathway", _facts(), ("Not in or leaving hospital",)),
    (
        "prison_release_pathway",
        _facts(leaving_institution=Institution.HOSPITAL),
        ("Not in or leaving prison",),
    ),
    (
        # Earnings 2,000 pcm = 461.54 pw; rent 700 pcm + council tax 150 pcm = 196.15 pw.
        "debt_advice",
        _interview(
            {
                "earnings": "2000.00 monthly",
                "rent": "700.00 monthly",
                "council_tax": "150.00 monthly",
            }
        ),
        ("No money problems recorded: income covers outgoings and no arrears",),
    ),
    (
        "mortgage_arrears_help",
        _facts(tenure=Tenure.PRIVATE_RENTED, arrears_total=Decimal("900")),
        ("No mortgage arrears",),
    ),
    (
        "housing_register",
        _facts(immigration_status=ImmigrationStatus.NO_RECOURSE),
        ("Not eligible for help because of the immigration status (s.185)",),
    ),
    (
        "innovations_fund",
        _interview({"employment_status": "part_time"}),
        ("Not out of work and looking for work",),
    ),
]


def test_every_shipped_option_has_a_worked_case_each_way() -> None:
    assert {key for key, _, _ in FITS} == set(CATALOGUE.keys())
    assert {key for key, _, _ in DOES_NOT_FIT} == set(CATALOGUE.keys())


@pytest.mark.parametrize(("key", "facts", "held"), FITS, ids=[key for key, _, _ in FITS])
def test_option_fits_with_the_reason(key: str, facts: InterviewFacts, held: tuple[str, ...]):
    proposal = _proposal(facts, key)
    assert proposal.fit is Fit.FITS
    assert proposal.reasons == (CATALOGUE[key].fits_because, *held)
    # Offered without asking for everything.
    assert proposal in _propose(facts)


@pytest.mark.parametrize(
    ("key", "facts", "why_not"),
    DOES_NOT_FIT,
    ids=[f"{key}-{n}" for n, (key, _, _) in enumerate(DOES_NOT_FIT)],
)
def test_option_does_not_fit_and_says_why(
    key: str, facts: InterviewFacts, why_not: tuple[str, ...]
) -> None:
    proposal = _proposal(facts, key)
    assert proposal.fit is Fit.DOES_NOT_FIT
    assert proposal.reasons == why_not
    # A common option is shown with the reason it does not fit; an uncommon one is left out.
    assert (proposal in _propose(facts)) is CATALOGUE[key].common


def test_award_limits_are_in_the_text() -> None:
    assert CATALOGUE["innovations_fund"].award_limit == Decimal("200")
    assert "up to £200" in CATALOGUE["innovations_fund"].what
    assert CATALOGUE["target_hardening"].award_limit == Decimal("1000")
    assert "up to £1,000" in CATALOGUE["target_hardening"].fits_because
    assert CATALOGUE["small_prevention_payment"].award_limit is not None
    for option in CATALOGUE:
        for text in (option.what, option.fits_because, option.council_step):
            assert "{award_limit}" not in text, option.key


# --- the shipped catalogue -----------------------------------------------------------------------

COMMON = {
    "family_mediation",
    "landlord_negotiation",
    "notice_check",
    "discretionary_housing_payment",
    "rent_deposit_scheme",
    "floating_support",
    "debt_advice",
    "housing_register",
}


def test_the_shipped_catalogue_has_the_options_the_team_uses() -> None:
    assert CATALOGUE.keys() == (
        "family_mediation",
        "landlord_negotiation",
        "notice_check",
        "discretionary_housing_payment",
        "small_prevention_payment",
        "rent_deposit_scheme",
        "floating_support",
        "target_hardening",
        "single_person_home_finder",
        "young_persons_project",
        "young_parents_project",
        "childrens_social_care_joint_assessment",
        "sheltered_extra_care",
        "hospital_discharge_pathway",
        "prison_release_pathway",
        "debt_advice",
        "mortgage_arrears_help",
        "housing_register",
        "innovations_fund",
    )
    assert {option.key for option in CATALOGUE if option.common} == COMMON
    assert CATALOGUE.source == "shipped defaults"


def test_each_option_counts_as_an_hclic_activity() -> None:
    codes = hclic_codes()
    for option in CATALOGUE:
        assert option.prevention_activity in codes.main_prevention_activity, option.key
        assert option.relief_activity in codes.main_relief_activity, option.key
    assert CATALOGUE["discretionary_housing_payment"].prevention_activity == "dhp_shortfall"
    assert CATALOGUE["family_mediation"].prevention_activity == "mediation_family_friends"
    assert CATALOGUE["landlord_negotiation"].prevention_activity == ("negotiation_prevent_eviction")
    assert CATALOGUE["rent_deposit_scheme"].relief_activity == "helped_with_payment"
    assert CATALOGUE["young_persons_project"].prevention_activity == "supported_housing"
    assert CATALOGUE["discretionary_housing_payment"].prevention_activity_label == (
        "DHP to reduce shortfall"
    )


def test_plan_steps_are_addressed_to_the_client() -> None:
    for option in CATALOGUE:
        assert option.council_step.startswith("We will "), option.key
        assert option.applicant_step.startswith("You will "), option.key
        assert option.owner in (ActionOwner.COUNCIL, ActionOwner.APPLICANT)
        assert option.due_working_days >= 0
        assert option.title and option.what and option.fits_because


def test_shipped_text_is_current_law_and_names_nobody() -> None:
    text = (
        Path(__file__)
        .resolve()
        .parents[2]
        .joinpath("housing_tui", "prevention", CATALOGUE_FILE_NAME)
        .read_text("utf-8")
    )
    # The prevention duty is 56 days (the seeds' 28 days was the law before April 2018).
    assert "28 days" not in text
    # Staff named in the seed documents.
    for surname in ("Brooks", "Vaughan", "Davis", "Freya", "Hopkins", "Tompkin", "Harbon"):
        assert surname not in text
    notice = CATALOGUE["notice_check"].what
    assert "1 May 2026" in notice and "31 July 2026" in notice
    assert "one month's rent in advance" in CATALOGUE["rent_deposit_scheme"].fits_because


def test_default_due_dates_count_council_working_days(tmp_path: Path) -> None:
    # Mon 23 Nov 2026: 5 working days -> Mon 30 Nov; 10 -> Mon 7 Dec; 0 -> today.
    assert CATALOGUE["target_hardening"].due_on(TODAY, POLICY) == date(2026, 11, 30)
    assert CATALOGUE["housing_register"].due_on(TODAY, POLICY) == date(2026, 12, 7)
    assert CATALOGUE["childrens_social_care_joint_assessment"].due_on(TODAY, POLICY) == TODAY
    # A council closure day on Tue 24 Nov pushes the 5th working day to Tue 1 Dec.
    (tmp_path / "policy.toml").write_text('[deadlines]\nclosure_days = ["2026-11-24"]\n', "utf-8")
    closed = load_policy(tmp_path)
    assert CATALOGUE["target_hardening"].due_on(TODAY, closed) == date(2026, 12, 1)


# --- proposing: unknowns, ordering, what is left out ---------------------------------------------


def test_a_blank_interview_asks_for_what_is_missing() -> None:
    blank = _interview({}, born=None)
    proposals = {p.option.key: p for p in _propose(blank, include_all=True)}
    home_finder = proposals["single_person_home_finder"]
    assert home_finder.fit is Fit.NEEDS_INFORMATION
    # British by default in _interview, so only the household is missing; the priority need
    # rule finds nothing, so "not likely_priority_need" holds.
    assert home_finder.reasons == ("Record the household type and who lives with them",)
    assert proposals["landlord_negotiation"].reasons == ("Record the tenure (how they live now)",)
    assert proposals["young_persons_project"].reasons == ("Record the applicant's date of birth",)


def test_needs_information_lists_each_thing_to_record_once(tmp_path: Path) -> None:
    catalogue = _council(
        tmp_path,
        """
[[option]]
key = "rent_guarantor"
title = "Guarantor scheme"
what = "The council stands as guarantor for a private tenancy."
when = ["private_tenant", "has_landlord", "eligible"]
fits_because = "A private tenant whose landlord wants a guarantor."
council_step = "We will act as your guarantor."
applicant_step = "You will keep to the tenancy."
owner = "council"
due_working_days = 3
prevention_activity = "helped_without_payment"
relief_activity = "helped_without_payment"
common = false
""",
    )
    facts = _facts(immigration_status=ImmigrationStatus.NOT_KNOWN)
    proposal = _proposal(facts, "rent_guarantor", catalogue)
    assert proposal.fit is Fit.NEEDS_INFORMATION
    assert proposal.reasons == (
        "Record the tenure (how they live now)",
        "Check eligibility: record the nationality or immigration status",
    )


def test_fits_then_needs_information_then_common_options_that_do_not_fit() -> None:
    # A private tenant, 38, on Housing Benefit with a 30.00 pw shortfall, valid ground 8 notice,
    # 1,950 arrears (3 months of 650 pcm), support needs not yet recorded, employment not
    # recorded, single.
    facts = _facts(
        hclic_household_type="single_adult_male",
        rent_weekly=Decimal("150.00"),
        housing_benefit_weekly=Decimal("120.00"),
        **S8_GROUND_8_VALID,
    )
    proposals = _propose(facts)
    order = [(p.option.key, p.fit) for p in proposals]
    assert order == [
        ("landlord_negotiation", Fit.FITS),
        ("discretionary_housing_payment", Fit.FITS),
        ("small_prevention_payment", Fit.FITS),
        ("rent_deposit_scheme", Fit.FITS),
        ("single_person_home_finder", Fit.FITS),
        ("debt_advice", Fit.FITS),
        ("housing_register", Fit.FITS),
        ("floating_support", Fit.NEEDS_INFORMATION),
        ("innovations_fund", Fit.NEEDS_INFORMATION),
        ("family_mediation", Fit.DOES_NOT_FIT),
        ("notice_check", Fit.DOES_NOT_FIT),
    ]
    everything = _propose(facts, include_all=True)
    assert len(everything) == len(CATALOGUE)
    assert [p for p in everything if p.fit is not Fit.DOES_NOT_FIT] == proposals[:9]
    assert [p.option.key for p in everything if p.fit is Fit.DOES_NOT_FIT] == [
        "family_mediation",
        "notice_check",
        "target_hardening",
        "young_persons_project",
        "young_parents_project",
        "childrens_social_care_joint_assessment",
        "sheltered_extra_care",
        "hospital_discharge_pathway",
        "prison_release_pathway",
        "mortgage_arrears_help",
    ]


def test_a_universal_credit_claimant_is_asked_to_work_out_the_shortfall() -> None:
    facts = _interview(
        {"tenure": "private_rented", "rent": "700.00 monthly", "uc_housing_element": "yes"}
    )
    proposal = _proposal(facts, "discretionary_housing_payment")
    assert proposal.fit is Fit.NEEDS_INFORMATION
    assert proposal.reasons == (
        "Record the rent and the Housing Benefit (on Universal Credit: work out the shortfall "
        "from the UC statement)",
    )


def test_a_young_parent_from_stored_answers() -> None:
    child = MemberAnswer("Child", "child", date(2025, 5, 1), False, None, True)
    facts = _interview({"tenure": "family_friends"}, [child], born=BORN_22)
    assert _proposal(facts, "young_parents_project").fit is Fit.FITS
    assert _proposal(facts, "young_persons_project").fit is Fit.DOES_NOT_FIT
    assert _proposal(facts, "single_person_home_finder").reasons == (
        "Not a single person: others in the household, children or a pregnancy",
        "Likely to be in priority need",
    )


# --- a council's own catalogue -------------------------------------------------------------------


def test_a_council_changes_fields_switches_off_and_adds(tmp_path: Path) -> None:
    catalogue = _council(
        tmp_path,
        """
[[option]]
key = "small_prevention_payment"
award_limit = 750
contact = "Prevention fund (housing options)"

[[option]]
key = "innovations_fund"
enabled = false

[[option]]
key = "tenancy_sustainment"
title = "Tenancy sustainment officer"
what = "A council officer visits new social tenants for their first six months."
when = ["social_tenant", "has_support_needs"]
fits_because = "A social tenant with support needs: early visits stop problems growing."
council_step = "We will ask the tenancy sustainment officer to visit you within 10 working days."
applicant_step = "You will be at home for the visit, or rearrange it."
owner = "council"
due_working_days = 3
prevention_activity = "other"
relief_activity = "other"
common = false
""",
    )
    assert catalogue.source == f"shipped defaults with {tmp_path / CATALOGUE_FILE_NAME}"
    assert "innovations_fund" not in catalogue
    assert catalogue.keys()[-1] == "tenancy_sustainment"
    assert len(catalogue) == len(CATALOGUE)  # one off, one on

    payment = catalogue["small_prevention_payment"]
    shipped = CATALOGUE["small_prevention_payment"]
    assert payment.award_limit == Decimal("750")
    assert "£750" in payment.fits_because and "£500" not in payment.fits_because
    assert payment.contact == "Prevention fund (housing options)"
    assert (payment.title, payment.when, payment.prevention_activity) == (
        shipped.title,
        shipped.when,
        shipped.prevention_activity,
    )
    # The changed option keeps its place.
    assert catalogue.keys().index("small_prevention_payment") == CATALOGUE.keys().index(
        "small_prevention_payment"
    )

    tenant = _facts(tenure=Tenure.SOCIAL_RENTED, hclic_support_needs=frozenset({"mental_health"}))
    proposal = _proposal(tenant, "tenancy_sustainment", catalogue)
    assert proposal.fit is Fit.FITS
    assert proposal.reasons == (
        "A social tenant with support needs: early visits stop problems growing.",
        "A council or housing association tenant",
        "Has support needs",
    )


def test_target_hardening_reads_its_limit_and_days_from_the_councils_policy(
    tmp_path: Path,
) -> None:
    (tmp_path / "policy.toml").write_text(
        "[assessment]\ntarget_hardening_working_days = 3\n\n"
        '[target_hardening]\ncost_limit = "750.00"\n',
        "utf-8",
    )
    option = load_catalogue(tmp_path, policy=load_policy(tmp_path))["target_hardening"]
    assert (option.award_limit, option.due_working_days) == (Decimal("750.00"), 3)
    assert "refer within 3 working days" in option.fits_because
    assert "Works up to £750 go ahead" in option.fits_because
    # Mon 23 Nov 2026: 24, 25, 26 Nov.
    assert option.due_on(TODAY, POLICY) == date(2026, 11, 26)


def test_no_council_file_means_the_shipped_catalogue(tmp_path: Path) -> None:
    assert load_catalogue(tmp_path, policy=POLICY) == CATALOGUE


WHOLE_OPTION = """
[[option]]
key = "{key}"
title = "A council option"
what = "What it is."
when = {when}
fits_because = "Why it fits."
council_step = "We will do it."
applicant_step = "You will help."
owner = "{owner}"
due_working_days = {days}
prevention_activity = "{prevention}"
relief_activity = "{relief}"
common = false
"""


def _whole(**changes) -> str:
    values = {
        "key": "local_option",
        "when": '["private_tenant"]',
        "owner": "council",
        "days": "2",
        "prevention": "other",
        "relief": "other",
    }
    return WHOLE_OPTION.format(**(values | changes))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[option]\nkey = 1", "not valid TOML"),
        (_whole(when='["privte_tenant"]'), "unknown fact 'privte_tenant' in when; did you mean"),
        (_whole(when='["not aged_16_17", "aged_16_17"]'), "can never fit"),
        (_whole(when='"private_tenant"'), "when must be a list of facts"),
        (_whole(prevention="mediation"), "prevention_activity 'mediation' is not an H-CLIC"),
        (_whole(relief="dhp_shortfall"), "relief_activity 'dhp_shortfall' is not an H-CLIC"),
        (_whole(owner="officer"), "owner must be one of council, applicant"),
        (_whole(days="-1"), "due_working_days must be a whole number, 0 or more"),
        (_whole(days="2.5"), "due_working_days must be a whole number, 0 or more"),
        (_whole() + _whole(), "the key is used twice"),
        (
            '[[option]]\nkey = "local_option"\ntitle = "Only a title"\n',
            "a new option needs what, fits_because, council_step, applicant_step, when",
        ),
        ('[[option]]\nkey = "landlord_negotiation"\ntitle = " "\n', "title must be some text"),
        (
            '[[option]]\nkey = "landlord_negotiation"\napplicant_step = ""\n',
            "applicant_step must be some text",
        ),
        ('[[option]]\nkey = "debt_advice"\ntitel = "Money advice"\n', "unknown field titel"),
        ('[[option]]\nkey = "innovations_fund"\naward_limit = -5\n', "award_limit must be"),
        (
            '[[option]]\nkey = "target_hardening"\naward_limit = 750\n',
            "award_limit comes from the policy file ([target_hardening] cost_limit)",
        ),
        (
            '[[option]]\nkey = "target_hardening"\ndue_working_days = 3\n',
            "due_working_days comes from the policy file "
            "([assessment] target_hardening_working_days)",
        ),
        ('[[option]]\nkey = "debt_advice"\ncommon = "yes"\n', "common must be true or false"),
        (
            '[[option]]\nkey = "debt_advice"\nwhat = "Up to {award_limit}."\n',
            "what mentions {award_limit} but the option has no award_limit",
        ),
        ('[[option]]\nkey = "no_such_option"\nenabled = false\n', "no such option to switch off"),
    ],
)
def test_a_bad_council_file_says_which_file_option_and_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(CatalogueError) as raised:
        _council(tmp_path, text)
    message = str(raised.value)
    assert message.startswith(str(tmp_path / CATALOGUE_FILE_NAME) + ": ")
    assert problem in message
    if "TOML" not in problem:
        key = text.split('key = "', 1)[1].split('"', 1)[0]
        assert f"option {key!r}: " in message


def test_a_bad_key_or_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"option 1: needs a key of lower-case letters"):
        _council(tmp_path, '[[option]]\nkey = "Landlord Negotiation"\n')
    with pytest.raises(CatalogueError, match=r"option 1: needs a key"):
        _council(tmp_path, '[[option]]\ntitle = "No key"\n')
    with pytest.raises(CatalogueError, match=r"unexpected \['options'\]"):
        _council(tmp_path, '[[options]]\nkey = "debt_advice"\n')
    with pytest.raises(CatalogueError, match=r"write each option as an \[\[option\]\] table"):
        _council(tmp_path, 'option = "debt_advice"\n')


def test_catalogue_error_is_a_value_error() -> None:
    assert issubclass(CatalogueError, ValueError)


# --- pure domain ---------------------------------------------------------------------------------


def test_the_module_imports_neither_textual_nor_the_database() -> None:
    code = (
        "import json, sys\n"
        "import housing_tui.prevention.catalogue\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'sqlmodel', 'sqlalchemy', 'storage', 'screens'))))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_a_ground_8_notice_on_too_little_arrears_is_one_to_check() -> None:
    # 950 pcm, 1,800 owed: ground 8 needs 3 months' rent, 3 x 950 = 2,850, so the notice's
    # ground is not made out and "Check the possession notice is valid" fits.
    facts = _interview(
        {
            "tenure": "private_rented",
            "rent": "950.00 monthly",
            "arrears_total": "1800.00",
            "notice": "section_8",
            "section8_ground": "Ground 8",
            "notice_served_on": "2026-11-02",
            "notice_expires_on": "2026-11-30",
        }
    )
    proposal = _proposal(facts, "notice_check")
    assert proposal.fit is Fit.FITS
    assert proposal.option.title == "Check the possession notice is valid"
