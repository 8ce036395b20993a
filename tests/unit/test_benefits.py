"""The bedroom size criteria and Local Housing Allowance rates, held to worked examples.

Each expected count is worked out by hand from the size criteria (one bedroom for a couple, for
each other person 16 or over, for two children of the same sex under 16, for two children under
10, for any other child, for an overnight carer; capped at four; the shared accommodation rate
for a single person under 35 without children unless exempt), never from what the code returned.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from housing_tui.casework.interview import facts_from_answers
from housing_tui.money.benefits import (
    BedroomEntitlement,
    HouseholdPerson,
    Occupant,
    Sex,
    SharedRateExemption,
    bedroom_entitlement,
    household_entitlement,
    lha_rate,
    occupants_on,
)
from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy import LhaPolicy, LhaRates, load_policy

F, M = Sex.FEMALE, Sex.MALE
C = LhaCategory


def applicant(age: int, **kwargs) -> Occupant:
    return Occupant(age, applicant=True, **kwargs)


def partner(age: int = 30, **kwargs) -> Occupant:
    return Occupant(age, partner=True, **kwargs)


def child(age: int, sex: Sex | None = None, **kwargs) -> Occupant:
    return Occupant(age, sex, **kwargs)


# (household, overnight carer, exemptions, bedrooms allowed, uncapped, LHA category)
SHAPES = [
    pytest.param([applicant(40)], False, (), 1, 1, C.ONE_BEDROOM, id="single 40: 1 bedroom"),
    pytest.param(
        [applicant(30)], False, (), 1, 1, C.SHARED, id="single 30, no exemption: shared rate"
    ),
    pytest.param(
        [applicant(22)],
        False,
        (SharedRateExemption.CARE_LEAVER,),
        1,
        1,
        C.ONE_BEDROOM,
        id="care leaver 22: exempt from the shared rate",
    ),
    pytest.param(
        [applicant(26)],
        False,
        (SharedRateExemption.CARE_LEAVER,),
        1,
        1,
        C.SHARED,
        id="care leaver 26: the exemption ends at 25",
    ),
    pytest.param(
        [applicant(28)],
        False,
        (SharedRateExemption.HOSTEL,),
        1,
        1,
        C.ONE_BEDROOM,
        id="hostel 3 months, aged 28: exempt",
    ),
    pytest.param(
        [applicant(23)],
        False,
        (SharedRateExemption.HOSTEL,),
        1,
        1,
        C.ONE_BEDROOM,
        id="hostel, aged 23: exempt from 16 since 31 May 2021 (it was 25)",
    ),
    pytest.param(
        [applicant(17)],
        False,
        (SharedRateExemption.HOSTEL,),
        1,
        1,
        C.ONE_BEDROOM,
        id="hostel, aged 17: exempt (from 16)",
    ),
    pytest.param(
        [applicant(30), partner(29)], False, (), 1, 1, C.ONE_BEDROOM, id="couple under 35: 1"
    ),
    pytest.param(
        [applicant(35), partner(), child(12, M), child(14, M)],
        False,
        (),
        2,
        2,
        C.TWO_BEDROOMS,
        id="couple, two boys 12 and 14 share: 2",
    ),
    pytest.param(
        [applicant(35), partner(), child(12, F), child(14, M)],
        False,
        (),
        3,
        3,
        C.THREE_BEDROOMS,
        id="couple, girl 12 and boy 14 cannot share: 3",
    ),
    pytest.param(
        [applicant(28), child(8, F), child(6, M)],
        False,
        (),
        2,
        2,
        C.TWO_BEDROOMS,
        id="lone parent, girl 8 and boy 6 share (under 10): 2",
    ),
    pytest.param(
        # Pairing the two under-10s first (girl 9 + boy 7) would leave the boy of 12 and the
        # girl of 11 a room each: 4 in all. Boys together and girls together need only 3.
        [applicant(40), partner(), child(12, M), child(9, F), child(7, M), child(11, F)],
        False,
        (),
        3,
        3,
        C.THREE_BEDROOMS,
        id="couple, four children paired for the fewest rooms: 3",
    ),
    pytest.param(
        [applicant(45), partner(), child(17, M), child(3, F)],
        False,
        (),
        3,
        3,
        C.THREE_BEDROOMS,
        id="couple, son 17 (an adult) and daughter 3: 3",
    ),
    pytest.param(
        [applicant(50)], True, (), 2, 2, C.TWO_BEDROOMS, id="single 50 with overnight carer: 2"
    ),
    pytest.param(
        [applicant(30)],
        True,
        (),
        2,
        2,
        C.TWO_BEDROOMS,
        id="single 30 with overnight carer: not the shared rate",
    ),
    pytest.param(
        [applicant(55), partner(), child(20), child(19), child(18), child(16)],
        False,
        (),
        4,
        5,
        C.FOUR_BEDROOMS,
        id="couple and four adult children: 5, capped at 4",
    ),
    pytest.param(
        [applicant(33), partner(), child(5, M, cannot_share=True), child(7, M)],
        False,
        (),
        3,
        3,
        C.THREE_BEDROOMS,
        id="a disabled child who cannot share: a room of their own",
    ),
    pytest.param(
        [applicant(60, cannot_share=True), partner(62)],
        False,
        (),
        2,
        2,
        C.TWO_BEDROOMS,
        id="a couple who cannot share because of disability: 2",
    ),
    pytest.param(
        [applicant(30), Occupant(28)],
        False,
        (),
        2,
        2,
        C.TWO_BEDROOMS,
        id="single 30 living with a brother of 28: 2",
    ),
]


@pytest.mark.parametrize(
    ("household", "carer", "exemptions", "bedrooms", "uncapped", "category"), SHAPES
)
def test_bedroom_entitlement_for_household_shapes(
    household, carer, exemptions, bedrooms, uncapped, category
) -> None:
    found = bedroom_entitlement(household, overnight_carer=carer, exemptions=exemptions)
    assert (found.bedrooms, found.uncapped, found.category) == (bedrooms, uncapped, category)
    assert found.reasons, "every entitlement says why"


def test_the_reasons_say_who_shares_with_whom() -> None:
    found = bedroom_entitlement(
        [applicant(35), partner(), Occupant(12, M, name="Sam"), Occupant(14, M, name="Tom")]
    )
    assert found.reasons == (
        "1 bedroom: the couple",
        "1 bedroom: Sam (12) and Tom (14) share (same sex, both under 16)",
    )


def test_children_of_unrecorded_sex_are_counted_apart_and_the_officer_is_told() -> None:
    # Without their sex, a child of 12 and one of 13 cannot be shown to share: 1 + 2 = 3.
    found = bedroom_entitlement([applicant(40), child(12), child(13)])
    assert found.bedrooms == 3
    assert any("sex" in line for line in found.assumptions)


def test_under_tens_of_unrecorded_sex_still_share() -> None:
    found = bedroom_entitlement([applicant(40), child(4), child(7)])
    assert found.bedrooms == 2
    assert found.assumptions == ()


def test_a_single_person_under_35_living_with_other_adults_is_flagged_for_checking() -> None:
    found = bedroom_entitlement([applicant(30), Occupant(28)])
    assert any("shared accommodation rate" in line for line in found.assumptions)


@pytest.mark.parametrize(
    "household",
    [
        pytest.param([Occupant(30)], id="no applicant"),
        pytest.param([applicant(30), applicant(31)], id="two applicants"),
        pytest.param([applicant(30), partner(), partner()], id="two partners"),
    ],
)
def test_a_household_must_have_one_applicant_and_at_most_one_partner(household) -> None:
    with pytest.raises(ValueError):
        bedroom_entitlement(household)


def test_the_policy_file_sets_the_shared_rate_age_and_the_cap() -> None:
    younger = replace(
        load_policy().benefits,
        shared_rate_under_age=25,
        care_leaver_exempt_under_age=22,
        max_bedrooms=3,
    )
    # At 30 the council's (hypothetical) age of 25 no longer applies the shared rate.
    assert bedroom_entitlement([applicant(30)], policy=younger).category is C.ONE_BEDROOM
    big = [applicant(50), partner(), child(20), child(19), child(18)]
    assert bedroom_entitlement(big, policy=younger) == BedroomEntitlement(
        bedrooms=3,
        uncapped=4,
        category=C.THREE_BEDROOMS,
        reasons=(
            "1 bedroom: the couple",
            "1 bedroom: an adult (20), aged 16 or over",
            "1 bedroom: an adult (19), aged 16 or over",
            "1 bedroom: an adult (18), aged 16 or over",
            "Capped at 3 bedrooms: Local Housing Allowance pays no more.",
        ),
    )


# --- the household from the interview --------------------------------------------------------


def test_occupants_on_reads_ages_on_the_day_and_names_what_is_missing() -> None:
    people = [
        HouseholdPerson("applicant", date(1990, 6, 1)),
        HouseholdPerson("partner", date(1991, 1, 1), name="Alex"),
        # 10 on 24 Nov 2026, so still 9 on the 23rd: under 10, shares with anyone under 10.
        HouseholdPerson("child", date(2016, 11, 24), "female", name="Kim"),
        HouseholdPerson("child", None, name="Jo"),
    ]
    occupants, missing = occupants_on(people, date(2026, 11, 23))
    assert [(o.age, o.applicant, o.partner, o.sex) for o in occupants] == [
        (36, True, False, None),
        (35, False, True, None),
        (9, False, False, Sex.FEMALE),
        (16, False, False, None),
    ]
    assert missing == ["Jo: no date of birth, counted as an adult"]


def test_an_applicant_without_a_date_of_birth_is_not_put_on_the_shared_rate_by_the_policy_age(
    tmp_path,
) -> None:
    # Counted as an adult with a bedroom of their own whatever age the policy file sets for
    # the shared accommodation rate (here a hypothetical 40).
    (tmp_path / "policy.toml").write_text("[benefits]\nshared_rate_under_age = 40\n", "utf-8")
    council = load_policy(tmp_path).benefits
    occupants, missing = occupants_on(
        [HouseholdPerson("applicant", None)], date(2026, 11, 23), policy=council
    )
    assert missing == ["The applicant: no date of birth, counted as an adult"]
    assert bedroom_entitlement(occupants, policy=council).category is C.ONE_BEDROOM


# --- exemptions from the shared accommodation rate, from the interview's answers ------------------

POLICY = load_policy()
CHECKED_ON = date(2026, 11, 23)


def _single(born: date, **answers: str):
    """A single client living alone, with these interview answers."""
    return facts_from_answers(
        answers,
        [],
        applicant_born=born,
        approached_on=CHECKED_ON,
        channel="drop_in",
    )


@pytest.mark.parametrize(
    ("born", "answers", "category", "reason"),
    [
        # 23 on 23 Nov 2026 (born 1 Jan 2003), 4 months in a hostel with support: 4 >= 3 months
        # and 23 >= 16, so exempt (before 31 May 2021 the age was 25 and 23 would not be).
        (
            date(2003, 1, 1),
            {"hostel_months": "4", "hostel_support": "yes"},
            C.ONE_BEDROOM,
            "homeless hostels",
        ),
        # 2 months is less than 3: the shared rate.
        (date(2003, 1, 1), {"hostel_months": "2", "hostel_support": "yes"}, C.SHARED, None),
        # 3 months exactly is enough ("at least 3 months").
        (
            date(2003, 1, 1),
            {"hostel_months": "3", "hostel_support": "yes"},
            C.ONE_BEDROOM,
            "homeless hostels",
        ),
        # 30 (born 1 Jun 1996), managed under MAPPA: exempt at any age under 35.
        (date(1996, 6, 1), {"mappa": "yes"}, C.ONE_BEDROOM, "MAPPA"),
        # 24, getting PIP daily living: exempt.
        (date(2002, 1, 1), {"pip_daily_living": "yes"}, C.ONE_BEDROOM, "PIP daily living"),
        # 27, a positive conclusive grounds decision (modern slavery): exempt since 1 Oct 2022.
        (date(1999, 3, 3), {"modern_slavery": "yes"}, C.ONE_BEDROOM, "modern slavery"),
        # 29, a victim of domestic abuse (not in a refuge): exempt since 1 Oct 2022.
        (date(1997, 5, 5), {"domestic_abuse": "yes"}, C.ONE_BEDROOM, "domestic abuse"),
        # 24, a care leaver: exempt under 25. At 25 (born 1 Nov 2001) no longer.
        (date(2002, 1, 1), {"care_leaver": "yes"}, C.ONE_BEDROOM, "care leaver under 25"),
        (date(2001, 11, 1), {"care_leaver": "yes"}, C.SHARED, None),
        # 30 with none of them: the shared rate.
        (date(1996, 6, 1), {}, C.SHARED, None),
    ],
)
def test_shared_rate_exemptions_from_the_interview(born, answers, category, reason) -> None:
    entitlement, _ = household_entitlement(_single(born, **answers), CHECKED_ON, POLICY)
    assert entitlement.category is category
    if reason:
        assert any(reason in line for line in entitlement.reasons), entitlement.reasons


def test_domestic_abuse_and_modern_slavery_exemptions_start_on_1_october_2022() -> None:
    # SI 2022/942 came into force on 1 October 2022: a 27-year-old on 30 Sep 2022 was still on
    # the shared rate; on 1 Oct 2022 not.
    for answers in ({"modern_slavery": "yes"}, {"domestic_abuse": "yes"}):
        facts = _single(date(1995, 3, 3), **answers)
        before, _ = household_entitlement(facts, date(2022, 9, 30), POLICY)
        after, _ = household_entitlement(facts, date(2022, 10, 1), POLICY)
        assert (before.category, after.category) == (C.SHARED, C.ONE_BEDROOM)


def test_the_domestic_abuse_exemption_says_what_evidence_benefits_need() -> None:
    _, notes = household_entitlement(
        _single(date(1997, 5, 5), domestic_abuse="yes"), CHECKED_ON, POLICY
    )
    assert any("official capacity" in note for note in notes)


def test_hostel_months_without_support_recorded_asks_for_it() -> None:
    entitlement, notes = household_entitlement(
        _single(date(2003, 1, 1), hostel_months="5"), CHECKED_ON, POLICY
    )
    assert entitlement.category is C.SHARED
    assert any("offered support" in note for note in notes)


def test_the_policy_file_sets_the_hostel_age_and_months(tmp_path) -> None:
    (tmp_path / "policy.toml").write_text(
        "[benefits]\nhostel_exempt_from_age = 25\nhostel_exempt_months = 6\n", "utf-8"
    )
    council = load_policy(tmp_path)
    # 23 with 4 months: under the (old) age of 25 and short of 6 months: the shared rate.
    facts = _single(date(2003, 1, 1), hostel_months="4", hostel_support="yes")
    assert household_entitlement(facts, CHECKED_ON, council)[0].category is C.SHARED
    assert POLICY.benefits.hostel_exempt_from_age == 16
    assert POLICY.benefits.hostel_exempt_months == 3


# --- Local Housing Allowance rates ----------------------------------------------------------


def _rates(**weekly: str) -> dict[LhaCategory, Decimal]:
    return {C(category): Decimal(amount) for category, amount in weekly.items()}


TWO_SETS = LhaPolicy(
    area="Testshire",
    sample=False,
    rates=(
        LhaRates(
            date(2024, 4, 1),
            _rates(
                shared="80.00",
                one_bedroom="140.00",
                two_bedrooms="170.00",
                three_bedrooms="200.00",
                four_bedrooms="260.00",
            ),
        ),
        LhaRates(
            date(2027, 4, 1),
            _rates(
                shared="85.00",
                one_bedroom="145.00",
                two_bedrooms="175.00",
                three_bedrooms="205.00",
                four_bedrooms="265.00",
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("on", "category", "expected"),
    [
        (date(2024, 3, 31), C.ONE_BEDROOM, None),  # before the first set: no rate known
        (date(2024, 4, 1), C.ONE_BEDROOM, Decimal("140.00")),
        (date(2026, 11, 23), C.SHARED, Decimal("80.00")),  # frozen through 2026
        (date(2027, 3, 31), C.FOUR_BEDROOMS, Decimal("260.00")),
        (date(2027, 4, 1), C.FOUR_BEDROOMS, Decimal("265.00")),  # the new set from its day
    ],
)
def test_lha_rate_is_the_set_in_force_on_the_day(on, category, expected) -> None:
    assert lha_rate(TWO_SETS, category, on) == expected


def test_the_shipped_lha_rates_are_marked_as_samples() -> None:
    lha = load_policy().lha
    assert lha.sample is True
    assert "sample" in lha.area.lower()
    assert lha_rate(lha, C.TWO_BEDROOMS, date(2026, 11, 23)) is not None
