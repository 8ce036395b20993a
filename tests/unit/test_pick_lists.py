"""Finding a choice by the officer's own words: worked examples written from the rule (the
label's start first, then its words, then the officer's words, in the list's order; a typing
slip of four letters or more still finds its word)."""

from __future__ import annotations

import pytest

from housing_tui.reference.codes import Channel, PresentingProblem
from housing_tui.reference.pick_lists import Choice, choices_for, find, officer_words

PROBLEMS = choices_for("presenting_problem", PresentingProblem.choices())
CHANNELS = choices_for("channel", Channel.choices())


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
    lists = {"channel": Channel, "presenting_problem": PresentingProblem}
    for name, entries in officer_words().items():
        assert name in lists, f"officer_words.toml: no pick list {name!r}"
        for code in entries:
            assert code in {member.value for member in lists[name]}, f"{name}: {code!r}"
