"""The interview's section strip says what the section on show still needs for its ✓, on one
line for the sections and one for the needs, whatever the width (80 columns at least)."""

from __future__ import annotations

from rich.text import Text

from housing_tui.casework.interview import progress
from screens.interview_panels import NARROWEST, section_strip


def strip_lines(answers: dict[str, str], section_index: int, width: int = NARROWEST) -> list[str]:
    return Text.from_markup(section_strip(answers, section_index, width)).plain.splitlines()


def needs_line(answers: dict[str, str], section_index: int) -> str:
    return strip_lines(answers, section_index)[1]


def test_the_strip_names_what_the_section_on_show_still_needs() -> None:
    answers = {"homeless_tonight": "no", "reason_for_loss": "other"}
    assert needs_line(answers, 2) == "F4 Threat needs: Notice"
    answers["notice"] = "none"
    assert needs_line(answers, 2) == "F4 Threat ✓ nothing more needed"


def test_needs_that_do_not_fit_80_columns_are_counted() -> None:
    local = progress({})[6]
    assert local.section.key == "local_connection" and len(local.missing) == 3
    line = needs_line({}, 6)
    assert line == "F8 Local needs: Months here of last 12, Years here of last 5 and 1 more"
    assert all(len(needs_line({}, index)) <= NARROWEST for index in range(9))


def test_at_80_columns_the_sections_are_keys_and_ticks_with_the_one_on_show_titled() -> None:
    answers = {"homeless_tonight": "no", "reason_for_loss": "other", "notice": "none"}
    for index in range(9):
        sections, _ = strip_lines(answers, index)
        assert len(sections) <= NARROWEST
    sections, needs = strip_lines(answers, 2)
    assert sections.startswith("F2 · F3 · ")
    assert " F4 Threat ✓ " in sections and "Household" not in sections
    assert needs == "F4 Threat ✓ nothing more needed"


def test_at_120_columns_every_section_has_its_title_and_more_needs_fit() -> None:
    sections, needs = strip_lines({}, 6, width=118)
    assert len(sections) <= 118
    assert sections.startswith("F2 Household · F3 Home · F4 Threat · ")
    assert sections.endswith(" F9 Priority · F10 Consent ·")
    # All three of what the section needs fit, where 80 columns counted the third.
    assert needs == "F8 Local needs: " + ", ".join(progress({})[6].missing)
