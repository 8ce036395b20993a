"""The interview's section strip says what the section on show still needs for its ✓."""

from __future__ import annotations

from rich.text import Text

from housing_tui.casework.interview import progress
from screens.interview_panels import NEEDS_WIDTH, section_strip


def needs_line(answers: dict[str, str], section_index: int) -> str:
    return Text.from_markup(section_strip(answers, section_index)).plain.splitlines()[1]


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
    assert all(len(needs_line({}, index)) <= NEEDS_WIDTH for index in range(9))
