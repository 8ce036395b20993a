"""A triage in at most 40 keys, free text aside, for four approaches an officer sees every week.

Each starts on the caseload, as a triage does: `n` to search for the client first (the search's
name and date of birth are carried over to the form), Ctrl+N for a new client, then the form
in the order of the conversation, choosing from pick lists by the officer's own words, and
Ctrl+S. The keys are pressed without pauses, and again all queued at once; then the database
is checked for every fact the keys gave, and for what the form worked out from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from storage.tables import Case, Client
from tests.ui.helpers import burst, open_db, prepare, settle, signed_in

MOST_KEYS = 40


@dataclass(frozen=True)
class Words:
    """Free text the officer types ("in their words"): its keys are not counted."""

    text: str


def keys_of(script: list[str | Words]) -> list[str]:
    return [
        key for step in script for key in ((*step.text,) if isinstance(step, Words) else (step,))
    ]


def counted(script: list[str | Words]) -> int:
    return sum(1 for step in script if not isinstance(step, Words))


# Mon 23 Nov 2026 (the tests' clock).

SEVENTEEN_ASKED_TO_LEAVE = [
    "n",
    *"Sam Carter 2/5/09",  # 17 today: the 16/17 box ticks itself
    "ctrl+n",  # the name and date of birth are filled in: straight to how they came
    *"d",  # Drop-in
    "tab",
    *"parent",  # Family or friends asked them to leave
    "tab",
    Words("Mum says he has to be out by next Monday"),
    "tab",
    *"+7",
    "ctrl+s",
]

LONE_PARENT_SECTION_8 = [
    "n",
    *"Amy Jones 4/3/95",
    "ctrl+n",
    *"d",
    "tab",
    *"s8",  # End of private tenancy (Rent arrears is offered second)
    "tab",
    Words("Section 8 notice served last week, four weeks"),
    "tab",
    *"+4w",
    "tab",
    "tab",  # past homeless tonight: no
    "tab",  # past domestic abuse (the 16/17 and 55+ boxes are not offered at 31)
    "tab",  # past care leaver
    "tab",  # past leaving hospital or prison
    "tab",  # past sleeping rough tonight
    "tab",  # past adults: 1
    *"1",  # children
    "ctrl+s",
]

SIXTY_SEVEN_LANDLORD_SELLING = [
    "n",
    *"Olive Elder 2/3/59",
    "ctrl+n",
    *"h",  # Home visit
    "tab",
    *"sell",  # End of private tenancy
    "tab",
    Words("Landlord is selling; struggles with stairs, carers twice a day"),
    "tab",
    *"+16w",
    "tab",
    "tab",  # past homeless tonight: no
    "space",  # aged 55+ with care needs: offered first, at 67
    "ctrl+s",
]

DOMESTIC_ABUSE_COUNCIL_TENANT = [
    "n",
    *"Kim Lee 3/3/90",
    "ctrl+n",
    *"d",
    "tab",
    *"dv",  # Domestic abuse: the safety box ticks itself
    "tab",
    Words("Ex-partner has keys to the council flat, police called twice"),
    "tab",
    "tab",  # past must leave on: no date
    "space",  # homeless tonight: not safe to go back
    "tab",
    "tab",  # past domestic abuse: already ticked
    "tab",  # past care leaver
    "tab",  # past leaving hospital or prison
    "tab",  # past sleeping rough tonight
    "tab",  # past adults: 1
    *"2",  # children
    "ctrl+s",
]


@dataclass(frozen=True)
class Expected:
    forenames: str
    surname: str
    born: date
    channel: str
    problem: str
    must_leave_on: date | None
    homeless_tonight: bool
    children: int
    flags: set[str]


SCENARIOS = {
    "17-year-old asked to leave by a parent": (
        SEVENTEEN_ASKED_TO_LEAVE,
        Expected(
            "Sam", "Carter", date(2009, 5, 2), "drop_in", "family_friends",
            date(2026, 11, 30), False, 0, {"aged_16_17"},
        ),
    ),
    "lone parent with a section 8 notice": (
        LONE_PARENT_SECTION_8,
        Expected(
            "Amy", "Jones", date(1995, 3, 4), "drop_in", "end_private_tenancy",
            date(2026, 12, 21), False, 1, set(),
        ),
    ),
    "67-year-old with care needs, landlord selling, home visit": (
        SIXTY_SEVEN_LANDLORD_SELLING,
        Expected(
            "Olive", "Elder", date(1959, 3, 2), "home_visit", "end_private_tenancy",
            date(2027, 3, 15), False, 0, {"over_55_care_needs"},
        ),
    ),
    "domestic abuse survivor, council tenancy, two children": (
        DOMESTIC_ABUSE_COUNCIL_TENANT,
        Expected(
            "Kim", "Lee", date(1990, 3, 3), "drop_in", "domestic_abuse",
            None, True, 2, {"domestic_abuse"},
        ),
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_triage_takes_at_most_40_keys(name: str) -> None:
    script, _ = SCENARIOS[name]
    assert counted(script) <= MOST_KEYS, f"{name}: {counted(script)} keys"


@pytest.mark.parametrize("pace", ["without pauses", "all queued at once"])
@pytest.mark.parametrize("name", SCENARIOS)
async def test_the_triage_saves_every_fact_its_keys_gave(
    data_dir: Path, clock: FixedClock, name: str, pace: str
) -> None:
    script, expected = SCENARIOS[name]
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        if pace == "without pauses":
            await pilot.press(*keys_of(script))
            await settle(pilot)
        else:
            await burst(pilot, *keys_of(script))
        assert isinstance(app.screen, CaseScreen), f"not saved: still on {app.screen}"
    with open_db(data_dir).reading() as session:
        client = session.exec(select(Client)).one()
        case = session.exec(select(Case)).one()
    assert (client.forenames, client.surname, client.date_of_birth) == (
        expected.forenames,
        expected.surname,
        expected.born,
    )
    assert (case.channel, case.presenting_problem) == (expected.channel, expected.problem)
    assert case.detail == next(step.text for step in script if isinstance(step, Words))
    assert case.must_leave_on == expected.must_leave_on
    assert case.homeless_tonight is expected.homeless_tonight
    assert (case.adults, case.children) == (1, expected.children)
    flags = {
        flag
        for flag in (
            "aged_16_17",
            "over_55_care_needs",
            "domestic_abuse",
            "care_leaver",
            "leaving_institution",
            "rough_sleeping_tonight",
        )
        if getattr(case, flag)
    }
    assert flags == expected.flags
