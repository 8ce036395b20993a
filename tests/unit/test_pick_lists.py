"""Finding a choice by the officer's own words: worked examples written from the rule (the
label's start first, then its words, then the officer's words, in the list's order; a typing
slip of four letters or more still finds its word)."""

from __future__ import annotations

import pytest

from housing_tui.casework.assessment.facts import Relationship
from housing_tui.casework.interview import QUESTIONS, Kind
from housing_tui.reference.codes import Channel, PresentingProblem
from housing_tui.reference.pick_lists import Choice, choices_for, find, officer_words

PROBLEMS = choices_for("presenting_problem", PresentingProblem.choices())
CHANNELS = choices_for("channel", Channel.choices())

PICK_LISTS: dict[str, list[tuple[str, str]]] = {
    "channel": Channel.choices(),
    "presenting_problem": PresentingProblem.choices(),
    # The member dialog's: every relationship but the applicant's own.
    "relationship": [(r.label, r.value) for r in Relationship if r is not Relationship.APPLICANT],
    **{key: list(q.choices) for key, q in QUESTIONS.items() if q.kind is Kind.CHOICE},
}
"""Every pick list officers type into, named as its form names the field (its (label, code)s)."""


def codes(typed: str, choices: list[Choice]) -> list[str]:
    return [choice.code for choice in find(typed, choices)]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("parent", "family_friends"),
        ("mum", "family_friends"),
        ("sofa surfing", "family_friends"),
        ("selling", "end_private_tenancy"),
        ("no fault", "end_private_tenancy"),
        ("dv", "domestic_abuse"),
        ("fleeing", "domestic_abuse"),
        ("prison", "leaving_prison"),
        ("hmp", "leaving_prison"),
        ("leaving hosp", "leaving_hospital"),
        ("army", "leaving_armed_forces"),
        ("nfa", "rough_sleeping"),
    ],
)
def test_the_officers_words_find_the_problem(typed: str, first: str) -> None:
    assert codes(typed, PROBLEMS)[0] == first


def test_a_label_starting_with_what_was_typed_comes_before_a_word_inside_one() -> None:
    # "d": Drop-in starts with it; "Referral under the duty to refer" has a word that does.
    assert codes("d", CHANNELS) == ["drop_in", "duty_to_refer"]
    # "leaving": four labels start with it, in the list's order.
    assert codes("leaving", PROBLEMS) == [
        "leaving_hospital",
        "leaving_prison",
        "leaving_care",
        "leaving_armed_forces",
    ]


def test_a_word_two_choices_share_offers_both_in_the_lists_order() -> None:
    assert codes("s8", PROBLEMS) == ["end_private_tenancy", "rent_arrears"]
    assert codes("section 8", PROBLEMS) == ["end_private_tenancy", "rent_arrears"]


def test_every_typed_word_must_find_a_word_of_the_choice() -> None:
    assert codes("leaving care", PROBLEMS) == ["leaving_care"]
    assert codes("rent mortgage", PROBLEMS) == []


def test_case_and_punctuation_do_not_matter() -> None:
    assert codes("DROP-IN", CHANNELS) == ["drop_in"]
    assert codes("  Home  visit ", CHANNELS) == ["home_visit"]


def test_a_typing_slip_of_four_letters_or_more_still_finds_its_word() -> None:
    assert codes("parnet", PROBLEMS) == ["family_friends"]  # parent
    assert codes("mortage", PROBLEMS) == ["mortgage_arrears"]  # mortgage
    # Short words are not guessed at: "dx" is not "dv".
    assert codes("dx", PROBLEMS) == []


def test_nothing_typed_is_every_choice_and_nonsense_is_none() -> None:
    assert codes("", PROBLEMS) == [choice.code for choice in PROBLEMS]
    assert codes("qwertyuiop", PROBLEMS) == []


def test_every_officers_word_names_a_choice_that_exists() -> None:
    for name, entries in officer_words().items():
        assert name in PICK_LISTS, f"officer_words.toml: no pick list {name!r}"
        for code in entries:
            assert code in {code for _, code in PICK_LISTS[name]}, f"{name}: {code!r}"


@pytest.mark.parametrize(
    ("name", "typed", "first"),
    [
        # An officer pressed Down 23 times for this one; now its words find it.
        ("reason_for_loss", "prison", "left_institution"),
        ("reason_for_loss", "left", "left_institution"),
        ("reason_for_loss", "selling", "ast_landlord_sell_or_relet"),
        ("reason_for_loss", "mum", "family_friends"),
        ("reason_for_loss", "dv", "domestic_abuse"),
        ("reason_for_loss", "asylum", "left_asylum_support"),
        # The words of the whole H-CLIC display, headings too.
        ("reason_for_loss", "ast illegal", "ast_illegal_eviction"),
        ("reason_for_loss", "supported breach", "supported_breach"),
        ("accommodation_at_application", "prison", "institution_custody"),
        ("accommodation_at_application", "sofa", "living_with_friends"),
        ("accommodation_at_application", "nfa", "no_fixed_abode"),
        ("accommodation_at_application", "housing association", "srs_rp"),
        ("referral_source", "probation", "national_probation_service"),
        ("referral_source", "jcp", "jobcentre_plus"),
        ("referral_source", "army", "secretary_of_state_defence"),
        ("relationship", "mum", "parent"),
        ("relationship", "dad", "parent"),
        ("relationship", "wife", "partner"),
        ("relationship", "boyfriend", "partner"),
        ("relationship", "nan", "other_relative"),
        ("relationship", "son", "child"),
    ],
)
def test_the_interviews_and_the_members_lists_find_the_officers_words(
    name: str, typed: str, first: str
) -> None:
    assert codes(typed, choices_for(name, PICK_LISTS[name]))[0] == first
