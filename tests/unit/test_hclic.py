"""The H-CLIC code lists as data. Expected codes, labels and counts come from the published
category lists (HCLIC_CODES.md: 20 support needs plus "none" and "not known"; the end of an AST
broken down by reason, rent arrears by cause), not from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from housing_tui.reference.hclic import (
    REQUIRED_LISTS,
    HclicDataError,
    hclic_codes,
    load_hclic_codes,
)


@pytest.fixture(scope="module")
def codes():
    return hclic_codes()


def test_every_required_list_is_shipped(codes) -> None:
    for name in REQUIRED_LISTS:
        assert len(codes[name]) > 0, name


def test_codes_are_short_stable_and_unique(codes) -> None:
    for code_list in codes.lists.values():
        found = code_list.codes()
        assert len(found) == len(set(found)), code_list.name
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in found)
        assert all(entry.label.strip() for entry in code_list)


def test_reason_for_loss_flattens_the_nested_ast_reasons(codes) -> None:
    reasons = codes.reason_for_loss
    arrears = [entry for entry in reasons if entry.code.startswith("ast_rent_arrears_")]
    # Rent arrears broken down as: budgeting; rent increase; employment income; benefits;
    # change in personal circumstances.
    assert [entry.label for entry in arrears] == [
        "tenant difficulty budgeting",
        "increase in rent",
        "reduction in employment income",
        "changes in benefit entitlement",
        "change in personal circumstances",
    ]
    assert reasons.label("ast_rent_arrears_budgeting") == (
        "End of AST private tenancy: rent arrears: tenant difficulty budgeting"
    )
    assert reasons.label("ast_illegal_eviction") == "End of AST private tenancy: illegal eviction"
    assert reasons.label("domestic_abuse") == "Domestic abuse"
    assert reasons.label("left_asylum_support") == (
        "Required to leave Home Office asylum-support accommodation"
    )
    # 5 arrears causes + 6 other AST reasons + 5 single reasons + 3 social + 3 supported
    # + institution, asylum support and other / not known.
    assert len(reasons) == 25


def test_support_needs_are_the_twenty_plus_none_and_not_known(codes) -> None:
    needs = codes.support_needs
    assert len(needs) == 22
    assert needs.codes()[-2:] == ("none", "not_known")
    assert needs.get("young_person_16_17").label == "young person 16–17"
    assert needs.get("hm_forces").label == "served in HM Forces"
    assert needs.get("other_abuse").label == "at risk of / has experienced abuse (non-DA)"


def test_accommodation_at_application(codes) -> None:
    places = codes.accommodation_at_application
    assert places.label("prs_lodging") == "PRS: lodging (not with family or friends)"
    assert places.label("institution_custody") == "Departure from institution: custody"
    assert "nass" in places
    assert places.codes()[-1] == "other_not_known"


def test_household_types_split_with_and_without_children(codes) -> None:
    types = codes.household_type
    assert types.label("single_parent_female") == "Single parent with dependent children: female"
    assert types.label("single_adult_other") == "Single adult: other-unknown"
    assert {"two_adults_with_children", "two_adults_without_children"} <= set(types.codes())
    assert {"three_plus_adults_with_children", "three_plus_adults_without_children"} <= set(
        types.codes()
    )
    assert "not_known" in types


def test_referral_sources_are_the_duty_to_refer_bodies(codes) -> None:
    sources = codes.referral_source
    assert sources.label("hospital") == "Hospital (A&E / UTC / in-patient)"
    assert sources.label("childrens_social_services") == "Children's Social Services"
    assert sources.label("another_local_authority") == "Referred by: another local authority"
    # Not referred, 12 bodies (with "other"), and two more ways of being referred.
    assert len(sources) == 15
    assert sources.codes()[0] == "not_referred"


def test_eligibility_categories(codes) -> None:
    eligibility = codes.eligibility
    assert eligibility.codes()[0] == "uk_national"
    assert eligibility.label("eea_worker") == "EEA citizen: worker"
    assert eligibility.label("non_eea_refugee") == "Non-EEA: refugee"


def test_choices_are_label_then_code_in_file_order(codes) -> None:
    choices = codes.household_type.choices()
    assert choices[0] == ("Single parent with dependent children: male", "single_parent_male")
    assert choices[-1] == ("Not known", "not_known")


def test_an_unknown_code_is_labelled_as_unknown_not_a_crash(codes) -> None:
    assert "no_such_code" not in codes.reason_for_loss
    assert codes.reason_for_loss.get("no_such_code") is None
    assert "no_such_code" in codes.reason_for_loss.label("no_such_code")


# --- a council's own copy of the file ------------------------------------------------------------

_GOOD_LISTS = "".join(
    f'[{name}]\ntitle = "{name}"\ncodes = [{{ code = "a", label = "A" }}]\n'
    for name in REQUIRED_LISTS
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hclic_codes.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_council_copy_is_read_instead_of_the_shipped_lists(tmp_path: Path) -> None:
    text = _GOOD_LISTS + '[tenure]\ntitle = "Tenure"\ncodes = [{ code = "b", label = "B" }]\n'
    loaded = load_hclic_codes(_write(tmp_path, text))
    assert loaded.household_type.codes() == ("a",)
    assert loaded["tenure"].label("b") == "B"
    assert str(tmp_path) in loaded.source


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[support_needs\n", "not valid TOML"),
        ('[reason_for_loss]\ntitle = "R"\ncodes = []\n', "missing"),
        (
            _GOOD_LISTS + '[extra]\ntitle = "E"\ncodes = [{ code = "a", label = "A" },'
            ' { code = "a", label = "Again" }]\n',
            "used twice",
        ),
        (
            _GOOD_LISTS + '[extra]\ntitle = "E"\ncodes = [{ code = "Bad Code", label = "A" }]\n',
            "code",
        ),
        (_GOOD_LISTS + '[extra]\ntitle = "E"\ncodes = [{ code = "a", label = "" }]\n', "label"),
        (_GOOD_LISTS + '[extra]\ntitle = "E"\ncodes = []\n', "no codes"),
        (_GOOD_LISTS + '[extra]\ncodes = [{ code = "a", label = "A" }]\n', "title"),
    ],
)
def test_a_bad_council_copy_is_refused_clearly(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(HclicDataError, match=message):
        load_hclic_codes(_write(tmp_path, text))


def test_a_missing_file_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(HclicDataError, match="cannot be read"):
        load_hclic_codes(tmp_path / "nowhere.toml")
