"""Triage worked examples, written from the rule (DOMAIN.md): threatened with homelessness means
likely to become homeless within 56 days (Housing Act 1996 s.175(4) as amended by the
Homelessness Reduction Act 2017); plus the council's "must happen today" list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from housing_tui.casework.triage import (
    TriageFacts,
    aged_16_or_17,
    assess_urgency,
    flag_conflicts,
    flag_label,
    must_happen_today,
    read_approach,
    triage,
)
from housing_tui.reference.codes import Channel, PresentingProblem, SafetyFlag, Urgency
from housing_tui.reference.policy import PolicyError, load_policy

TODAY = date(2026, 11, 23)


@pytest.fixture
def policy():
    return load_policy().triage


def _urgency(facts: TriageFacts, policy) -> Urgency:
    return assess_urgency(facts, today=TODAY, policy=policy).urgency


def _today_text(facts: TriageFacts, policy) -> str:
    return "\n".join(must_happen_today(facts, today=TODAY, policy=policy)).lower()


# --- the policy carries the law's numbers --------------------------------------------------------


def test_shipped_policy_uses_the_56_day_threatened_window(policy) -> None:
    assert policy.threatened_within_days == 56


# --- urgency -------------------------------------------------------------------------------------


def test_must_leave_exactly_56_days_away_is_threatened(policy) -> None:
    must_leave = date(2027, 1, 18)
    assert (must_leave - TODAY).days == 56  # the worked example is what it says
    assessment = assess_urgency(TriageFacts(must_leave_on=must_leave), today=TODAY, policy=policy)
    assert assessment.urgency is Urgency.THREATENED
    assert "prevention duty" in assessment.reason.lower()


def test_must_leave_57_days_away_is_later_and_says_when_prevention_starts(policy) -> None:
    must_leave = date(2027, 1, 19)
    assert (must_leave - TODAY).days == 57
    assessment = assess_urgency(TriageFacts(must_leave_on=must_leave), today=TODAY, policy=policy)
    assert assessment.urgency is Urgency.LATER
    # On 24 Nov 2026 the date is 56 days away: that is when they become threatened.
    assert any(
        shown in assessment.reason for shown in ("24 Nov 2026", "24/11/2026", "2026-11-24")
    ), assessment.reason
    assert "prevention duty" in assessment.reason.lower()


def test_must_leave_tomorrow_is_threatened(policy) -> None:
    assert _urgency(TriageFacts(must_leave_on=TODAY + timedelta(days=1)), policy) is (
        Urgency.THREATENED
    )


def test_must_leave_today_is_homeless_tonight(policy) -> None:
    assert _urgency(TriageFacts(must_leave_on=TODAY), policy) is Urgency.HOMELESS_TONIGHT


def test_homeless_tonight_ticked(policy) -> None:
    assert _urgency(TriageFacts(homeless_tonight=True), policy) is Urgency.HOMELESS_TONIGHT
    # Ticked wins over a date far away (they have already had to leave).
    facts = TriageFacts(homeless_tonight=True, must_leave_on=TODAY + timedelta(days=90))
    assert _urgency(facts, policy) is Urgency.HOMELESS_TONIGHT


def test_rough_sleeping_tonight_is_homeless_tonight(policy) -> None:
    facts = TriageFacts(flags=frozenset({SafetyFlag.ROUGH_SLEEPING_TONIGHT}))
    assert _urgency(facts, policy) is Urgency.HOMELESS_TONIGHT


def test_no_date_is_advice_only(policy) -> None:
    assert _urgency(TriageFacts(), policy) is Urgency.ADVICE_ONLY


def test_urgency_ranks_most_urgent_first() -> None:
    ranks = [Urgency.HOMELESS_TONIGHT, Urgency.THREATENED, Urgency.LATER, Urgency.ADVICE_ONLY]
    assert sorted(ranks, key=lambda urgency: urgency.rank) == ranks


# --- what must happen today ----------------------------------------------------------------------


def test_aged_16_17_ticked_means_childrens_social_care_referral_today(policy) -> None:
    facts = TriageFacts(flags=frozenset({SafetyFlag.AGED_16_17}))
    assert "children's social care" in _today_text(facts, policy)


def test_date_of_birth_making_them_17_adds_the_16_17_rule(policy) -> None:
    facts = TriageFacts(date_of_birth=date(2009, 6, 1))  # 17 on 23 Nov 2026, flag not ticked
    assert "children's social care" in _today_text(facts, policy)
    result = triage(facts, today=TODAY, policy=policy)
    assert any("17" in note for note in result.notes), result.notes
    assert result.next_action_on == TODAY


def test_date_of_birth_making_them_16_today_adds_the_16_17_rule(policy) -> None:
    facts = TriageFacts(date_of_birth=date(2010, 11, 23))  # 16th birthday today
    assert "children's social care" in _today_text(facts, policy)


@pytest.mark.parametrize(
    "born", [date(2010, 11, 24), date(2008, 11, 23), date(1990, 4, 3)], ids=["15", "18", "36"]
)
def test_date_of_birth_outside_16_17_adds_nothing(policy, born: date) -> None:
    facts = TriageFacts(date_of_birth=born)
    assert "children's social care" not in _today_text(facts, policy)
    assert triage(facts, today=TODAY, policy=policy).notes == ()


def test_domestic_abuse_means_dash_and_marac(policy) -> None:
    text = _today_text(TriageFacts(flags=frozenset({SafetyFlag.DOMESTIC_ABUSE})), policy)
    assert "dash" in text
    assert "marac" in text


def test_over_55_with_care_needs_means_adult_social_care(policy) -> None:
    text = _today_text(TriageFacts(flags=frozenset({SafetyFlag.OVER_55_CARE_NEEDS})), policy)
    assert "adult social care" in text


def test_homeless_tonight_with_children_gets_the_bed_and_breakfast_6_week_line(policy) -> None:
    text = _today_text(TriageFacts(homeless_tonight=True, children=2), policy)
    assert "b&b" in text
    assert "6 weeks" in text


def test_must_leave_today_with_children_gets_the_bed_and_breakfast_line(policy) -> None:
    text = _today_text(TriageFacts(must_leave_on=TODAY, children=1), policy)
    assert "6 weeks" in text


def test_homeless_tonight_and_pregnant_gets_the_bed_and_breakfast_line(policy) -> None:
    assert "6 weeks" in _today_text(TriageFacts(homeless_tonight=True, pregnant=True), policy)


def test_no_bed_and_breakfast_line_without_children_or_pregnancy(policy) -> None:
    assert "6 weeks" not in _today_text(TriageFacts(homeless_tonight=True), policy)


def test_no_bed_and_breakfast_line_when_not_homeless_tonight(policy) -> None:
    facts = TriageFacts(must_leave_on=TODAY + timedelta(days=30), children=3)
    assert "6 weeks" not in _today_text(facts, policy)


def test_homeless_tonight_means_interim_accommodation_decision_today(policy) -> None:
    assert "interim accommodation" in _today_text(TriageFacts(homeless_tonight=True), policy)


def test_nothing_today_for_a_plain_threatened_case(policy) -> None:
    facts = TriageFacts(must_leave_on=TODAY + timedelta(days=30))
    assert must_happen_today(facts, today=TODAY, policy=policy) == []


# --- next action date ----------------------------------------------------------------------------


def test_next_action_is_today_when_anything_must_happen_today(policy) -> None:
    facts = TriageFacts(
        must_leave_on=TODAY + timedelta(days=30), flags=frozenset({SafetyFlag.DOMESTIC_ABUSE})
    )
    assert triage(facts, today=TODAY, policy=policy).next_action_on == TODAY
    tonight = triage(TriageFacts(homeless_tonight=True), today=TODAY, policy=policy)
    assert tonight.next_action_on == TODAY


@pytest.mark.parametrize(
    ("must_leave_on", "urgency"),
    [
        (TODAY + timedelta(days=30), Urgency.THREATENED),
        (TODAY + timedelta(days=80), Urgency.LATER),
        (None, Urgency.ADVICE_ONLY),
    ],
)
def test_next_action_otherwise_follows_the_policy_days_for_the_urgency(
    policy, must_leave_on: date | None, urgency: Urgency
) -> None:
    result = triage(TriageFacts(must_leave_on=must_leave_on), today=TODAY, policy=policy)
    assert result.urgency.urgency is urgency
    assert result.today == ()
    assert result.next_action_on == TODAY + timedelta(days=policy.next_action_days[urgency])


def test_shipped_next_action_days() -> None:
    # policy_default.toml: threatened 2 days, later 14, advice only 28.
    days = load_policy().triage.next_action_days
    assert days[Urgency.THREATENED] == 2
    assert days[Urgency.LATER] == 14
    assert days[Urgency.ADVICE_ONLY] == 28


# --- conflicts and reading the form --------------------------------------------------------------


def test_16_17_ticked_with_a_date_of_birth_making_them_36_is_a_conflict() -> None:
    facts = TriageFacts(flags=frozenset({SafetyFlag.AGED_16_17}), date_of_birth=date(1990, 4, 3))
    conflicts = flag_conflicts(facts, today=TODAY, policy=load_policy())
    assert SafetyFlag.AGED_16_17.value in conflicts
    assert "36" in conflicts[SafetyFlag.AGED_16_17.value]


def test_16_17_ticked_with_a_date_of_birth_making_them_17_is_no_conflict() -> None:
    facts = TriageFacts(flags=frozenset({SafetyFlag.AGED_16_17}), date_of_birth=date(2009, 6, 1))
    assert flag_conflicts(facts, today=TODAY, policy=load_policy()) == {}


def test_over_55_ticked_for_a_40_year_old_is_a_conflict() -> None:
    facts = TriageFacts(
        flags=frozenset({SafetyFlag.OVER_55_CARE_NEEDS}), date_of_birth=date(1986, 1, 1)
    )
    assert SafetyFlag.OVER_55_CARE_NEEDS.value in flag_conflicts(
        facts, today=TODAY, policy=load_policy()
    )


def _good_raw() -> dict[str, str]:
    return {
        "channel": Channel.DROP_IN.value,
        "presenting_problem": PresentingProblem.END_OF_PRIVATE_TENANCY.value,
        "detail": "Section 8 notice, ground 8",
        "must_leave_on": "18/01/2027",
        "adults": "2",
        "children": "1",
    }


def _read(raw: dict[str, str], **overrides):
    options = dict(
        homeless_tonight=False,
        pregnant=False,
        flags=frozenset(),
        date_of_birth=None,
        today=TODAY,
        policy=load_policy(),
    )
    options.update(overrides)
    return read_approach(raw, **options)


def test_read_approach_reads_a_good_form() -> None:
    approach, errors = _read(_good_raw())
    assert errors == {}
    assert approach is not None
    assert approach.channel == Channel.DROP_IN
    assert approach.presenting_problem == PresentingProblem.END_OF_PRIVATE_TENANCY
    assert approach.facts.must_leave_on == date(2027, 1, 18)
    assert approach.facts.adults == 2
    assert approach.facts.children == 1
    assert approach.detail == "Section 8 notice, ground 8"


def test_read_approach_reports_every_bad_field_by_name() -> None:
    raw = {
        "channel": "carrier pigeon",
        "presenting_problem": "",
        "detail": "",
        "must_leave_on": "01/01/2020",  # in the past
        "adults": "0",  # a household has at least one adult
        "children": "lots",
    }
    approach, errors = _read(raw)
    assert approach is None
    assert set(errors) == {"channel", "presenting_problem", "must_leave_on", "adults", "children"}
    assert all(message for message in errors.values())


def test_read_approach_reports_flag_conflicts_with_field_errors() -> None:
    raw = _good_raw() | {"adults": "x"}
    approach, errors = _read(
        raw, flags=frozenset({SafetyFlag.AGED_16_17}), date_of_birth=date(1990, 4, 3)
    )
    assert approach is None
    assert set(errors) == {"adults", SafetyFlag.AGED_16_17.value}


def test_a_17_year_old_is_saved_as_aged_16_or_17_though_the_box_was_not_ticked() -> None:
    # Born 1 Jun 2009: 17 on 23 Nov 2026 (s.189(1) and the 2002 Order: priority need at 16/17).
    approach, errors = _read(_good_raw(), date_of_birth=date(2009, 6, 1))
    assert errors == {}
    assert approach is not None
    assert SafetyFlag.AGED_16_17 in approach.facts.flags


def test_an_18_year_old_is_not_saved_as_aged_16_or_17() -> None:
    # Born 23 Nov 2008: 18 today, the day of the 18th birthday.
    approach, _ = _read(_good_raw(), date_of_birth=date(2008, 11, 23))
    assert approach is not None
    assert SafetyFlag.AGED_16_17 not in approach.facts.flags


def test_aged_16_or_17_from_the_date_of_birth() -> None:
    assert aged_16_or_17(date(2010, 11, 23), TODAY)  # 16th birthday today
    assert aged_16_or_17(date(2008, 11, 24), TODAY)  # 17, 18 tomorrow
    assert not aged_16_or_17(date(2010, 11, 24), TODAY)  # 15, 16 tomorrow
    assert not aged_16_or_17(None, TODAY)


def test_the_older_persons_flag_is_named_with_the_councils_age() -> None:
    policy = load_policy()
    assert flag_label(SafetyFlag.OVER_55_CARE_NEEDS, policy) == "Aged 55+ with care needs"
    sixty = replace(policy, assessment=replace(policy.assessment, older_person_age=60))
    assert flag_label(SafetyFlag.OVER_55_CARE_NEEDS, sixty) == "Aged 60+ with care needs"
    # The check against the date of birth uses the same age: 57 is not 60 or over.
    facts = TriageFacts(
        flags=frozenset({SafetyFlag.OVER_55_CARE_NEEDS}), date_of_birth=date(1969, 1, 1)
    )
    assert flag_conflicts(facts, today=TODAY, policy=policy) == {}
    assert "60" in flag_conflicts(facts, today=TODAY, policy=sixty)["over_55_care_needs"]


# --- a council's own policy file -----------------------------------------------------------------


def _write_policy(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "policy.toml").write_text(text, "utf-8")
    return directory


def test_policy_override_changes_the_threatened_window(tmp_path: Path) -> None:
    facts = TriageFacts(must_leave_on=TODAY + timedelta(days=40))
    shipped = load_policy(tmp_path).triage  # no override file yet
    assert assess_urgency(facts, today=TODAY, policy=shipped).urgency is Urgency.THREATENED

    data_dir = _write_policy(tmp_path, "[triage]\nthreatened_within_days = 28\n")
    council = load_policy(data_dir)
    assert council.triage.threatened_within_days == 28
    assert assess_urgency(facts, today=TODAY, policy=council.triage).urgency is Urgency.LATER
    # Keys the override does not name keep the shipped values.
    assert council.triage.next_action_days == shipped.next_action_days
    assert council.triage.today == shipped.today
    assert str(data_dir / "policy.toml") in council.source


def test_the_older_person_age_for_a_flag_conflict_comes_from_the_council_policy(
    tmp_path: Path,
) -> None:
    # Aged 57 with care needs: older under the shipped age (55), not under a council's 60.
    facts = TriageFacts(
        flags=frozenset({SafetyFlag.OVER_55_CARE_NEEDS}),
        date_of_birth=TODAY.replace(year=TODAY.year - 57),
    )
    assert flag_conflicts(facts, today=TODAY, policy=load_policy(tmp_path)) == {}

    data_dir = _write_policy(tmp_path, "[assessment]\nolder_person_age = 60\n")
    conflicts = flag_conflicts(facts, today=TODAY, policy=load_policy(data_dir))
    assert conflicts == {
        SafetyFlag.OVER_55_CARE_NEEDS.value: (
            "The date of birth makes them 57: the council's older person's age is 60."
        )
    }


def test_policy_override_with_an_unknown_fact_is_refused_clearly(tmp_path: Path) -> None:
    _write_policy(
        tmp_path,
        '[[triage.today]]\nwhen = ["has_a_unicorn"]\naction = "Feed the unicorn."\n',
    )
    with pytest.raises(PolicyError) as raised:
        load_policy(tmp_path)
    message = str(raised.value)
    assert "has_a_unicorn" in message
    assert "triage.today" in message


@pytest.mark.parametrize(
    "text",
    [
        "[triage]\nthreatened_within_days = -1\n",
        "[triage.next_action_days]\nthreatened = -3\n",
        '[triage]\nthreatened_within_days = "56"\n',
        "[triage]\nthreatened_within_days = 5.5\n",
    ],
)
def test_policy_override_with_a_bad_number_of_days_is_refused(tmp_path: Path, text: str) -> None:
    _write_policy(tmp_path, text)
    with pytest.raises(PolicyError):
        load_policy(tmp_path)


def test_policy_override_negative_days_names_the_key(tmp_path: Path) -> None:
    _write_policy(tmp_path, "[triage]\nthreatened_within_days = -1\n")
    with pytest.raises(PolicyError, match="threatened_within_days"):
        load_policy(tmp_path)


def test_policy_override_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    _write_policy(tmp_path, "[triage\nthreatened_within_days = \n")
    with pytest.raises(PolicyError, match="policy.toml"):
        load_policy(tmp_path)


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"],
    ids=["UTF-8 with a byte-order mark (Notepad)", "UTF-16", "UTF-16 LE", "UTF-16 BE"],
)
def test_policy_override_saved_by_a_windows_editor_is_read(tmp_path: Path, encoding: str) -> None:
    text = '[council]\nname = "Borough of Ässex — £ and é"\n[triage]\nthreatened_within_days = 28\n'
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # with the byte-order mark an editor writes
        data = "\ufeff".encode(encoding) + data
    (tmp_path / "policy.toml").write_bytes(data)
    policy = load_policy(tmp_path)
    assert policy.triage.threatened_within_days == 28
    assert policy.council.name == "Borough of Ässex — £ and é"


def test_policy_override_in_another_encoding_is_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_bytes('[council]\nname = "£ council"\n'.encode("cp1252"))
    with pytest.raises(PolicyError, match=r"policy.toml: cannot be read as UTF-8 text"):
        load_policy(tmp_path)


def test_policy_override_with_a_value_where_a_section_belongs_is_refused(tmp_path: Path) -> None:
    _write_policy(tmp_path, "[triage]\nnext_action_days = 3\n")
    with pytest.raises(PolicyError, match=r"triage.next_action_days must be a \[triage.next"):
        load_policy(tmp_path)


def test_policy_override_today_list_replaces_the_whole_list(tmp_path: Path) -> None:
    _write_policy(
        tmp_path,
        '[[triage.today]]\nwhen = ["domestic_abuse"]\naction = "Call the IDVA."\n',
    )
    council = load_policy(tmp_path).triage
    facts = TriageFacts(homeless_tonight=True, flags=frozenset({SafetyFlag.DOMESTIC_ABUSE}))
    assert must_happen_today(facts, today=TODAY, policy=council) == ["Call the IDVA."]
