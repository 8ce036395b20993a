"""Temporary accommodation by keyboard, at 80x24: a family placed in B&B, and the warning on
the case and the due list once five weeks have gone by (the injected clock moved on); a
16/17-year-old's B&B placement refused to an officer who may not override; costs recorded and
recharged through a repayment plan set against them; each dialog asking before it drops
what was typed; a placement corrected (Enter) and one recorded in error removed (x, Keep
first); and a placement overlapping another refused beside its date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlmodel import select
from textual.widgets import DataTable

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import load_policy
from screens.accommodation import AccommodationScreen
from screens.accommodation_dialogs import CostDialog, PlacementDialog, PlacementEndDialog
from screens.dialogs import ConfirmDialog
from screens.due import DueScreen
from screens.new_plan import NewPlanScreen
from screens.placements import PlacementsScreen
from storage.tables import AuditEvent, Placement, RechargeCost, RepaymentPlan
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste_into,
    prepare,
    settle,
    signed_in,
)
from tests.ui.test_dialogs import Host
from tests.ui.test_repayments import replace_text
from tests.ui.test_safe_defaults import default_answer

SIZE = (80, 24)


def rows(data_dir: Path, table) -> list:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(table)))


async def open_accommodation(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the only case on the caseload
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AccommodationScreen)


async def place_in_bnb(pilot) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PlacementDialog)
    await choose(pilot, "type", "Bed")
    await paste_into(pilot, "provider", "Station Hotel")
    await paste_into(pilot, "address", "1 Station Road, Ely")
    await paste_into(pilot, "cost", "65")
    await choose(pilot, "duty", "Interim")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_family_placed_in_bnb_shows_the_warning_after_five_weeks(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id, adults=2, children=2)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await place_in_bnb(pilot)
        assert isinstance(app.screen, AccommodationScreen)
        detail = str(app.screen.query_one("#ta-text").render())
        # Mon 23 Nov 2026: warning on + 35 days, the six weeks used up on + 42 days.
        assert "warning on 28/12/2026" in detail and "used up on 04/01/2027" in detail

    (placement,) = rows(data_dir, Placement)
    assert (placement.case_id, placement.type, placement.provider) == (
        case_id,
        "bnb",
        "Station Hotel",
    )
    assert (placement.start_on, placement.end_on) == (clock.today(), None)
    assert (placement.cost, placement.cost_period, placement.duty) == (
        Decimal("65.00"),
        "nightly",
        "s188",
    )

    # Five weeks on: Mon 28 Dec 2026.
    later = FixedClock(clock.at + timedelta(days=35))
    app = HousingApp(data_dir, clock=later, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        section = str(app.screen.query_one("#case-accommodation").render())
        assert "WARNING: the family's 6 weeks in B&B are used up on 04/01/2027" in section
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        table = app.screen.query_one(DataTable)
        whats = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        assert any(what.startswith("B&B warning: 5 of the family's 6 weeks") for what in whats)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlacementsScreen)
        first = app.screen.query_one(DataTable).get_row_at(0)
        assert str(first[0]) == "Warning" and first[1] == "04/01/2027"


async def test_a_16_17_year_old_is_not_placed_in_bnb_by_someone_who_may_not_override(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)  # an admin: only a principal may override
    interviewed_case(data_dir, officer.id, born=clock.today().replace(year=2009))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await place_in_bnb(pilot)
        assert isinstance(app.screen, PlacementDialog)  # kept, with the reason
        message = str(app.screen.query_one("#error-type").render())
        assert "not suitable for a 16- or 17-year-old" in message
        assert "Only a principal officer may place" in message
    assert rows(data_dir, Placement) == []


async def test_costs_are_recharged_through_a_repayment_plan_set_against_them(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        for kind, amount in (("B&B", "455"), ("Stor", "120.50")):
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CostDialog)
            await choose(pilot, "kind", kind)
            await paste_into(pilot, "amount", amount)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, AccommodationScreen)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewPlanScreen)
        # 100% recharging: £455.00 + £120.50.
        assert form.query_one("#amount_owed").value == "575.50"
        await replace_text(pilot, "instalment", "10")
        await paste_into(pilot, "first_due_on", "30/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewPlanScreen)

    (plan,) = rows(data_dir, RepaymentPlan)
    assert (plan.case_id, plan.kind, plan.amount_owed) == (case_id, "other", Decimal("575.50"))
    assert plan.instalment == Decimal("10.00")
    assert plan.description == "Temporary accommodation: B&B, Storage"
    costs = rows(data_dir, RechargeCost)
    assert sorted(cost.amount for cost in costs) == [Decimal("120.50"), Decimal("455.00")]
    assert {cost.plan_id for cost in costs} == {plan.id}


async def test_each_accommodation_dialog_asks_before_dropping_what_was_typed() -> None:
    from housing_tui.accommodation import CostPeriod, PlacementDuty, PlacementType
    from housing_tui.accommodation import Placement as Placed

    today = date(2026, 11, 23)
    placed = Placed(
        PlacementType.HOSTEL,
        "Hostel",
        "2 Mill Lane",
        date(2026, 11, 2),
        None,
        Decimal("150.00"),
        CostPeriod.WEEKLY,
        PlacementDuty.INTERIM,
    )
    dialogs = {
        "provider": PlacementDialog(
            today=today, members=(), applicant_16_17=False, override_refused=None
        ),
        "end_on": PlacementEndDialog(today=today, placement=placed),
        "amount": CostDialog(today=today, policy=load_policy().recharging),
    }
    for field, dialog in dialogs.items():
        app = Host(dialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            dialog.query_one(f"#{field}").focus()
            await pilot.press("end", *"1", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), type(dialog).__name__
            assert default_answer(app) == "keep", type(dialog).__name__
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog


async def test_who_is_placed_is_recorded_from_the_household(
    data_dir: Path, clock: FixedClock
) -> None:
    from storage.tables import HouseholdMember

    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    with open_db(data_dir).writing(officer.id) as session:
        for position, (name, relationship) in enumerate(
            (("Testy Tenant", "applicant"), ("Sam Tenant", "partner"), ("Kit Tenant", "child"))
        ):
            session.add(
                HouseholdMember(
                    case_id=case_id, name=name, relationship=relationship, position=position
                )
            )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlacementDialog)
        # Sam stays with family: everyone else is placed.
        sam = next(m for m in dialog.members if m[1] == "Sam Tenant")
        dialog.query_one(f"#placed-{sam[0]}").focus()
        await pilot.press("space")
        await settle(pilot)
        await choose(pilot, "type", "Hostel")
        await paste_into(pilot, "provider", "Mill Lane Hostel")
        await paste_into(pilot, "address", "2 Mill Lane, Ely")
        await paste_into(pilot, "cost", "150")
        await choose(pilot, "cost_period", "a week")
        await choose(pilot, "duty", "Interim")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccommodationScreen)
    (placement,) = rows(data_dir, Placement)
    placed = set(json.loads(placement.placed))
    members = {row.name: row.id for row in rows(data_dir, HouseholdMember)}
    assert placed == {members["Testy Tenant"], members["Kit Tenant"]}
    assert (placement.type, placement.cost_period) == ("hostel", "weekly")


def placed_in_bnb(data_dir: Path, officer_id: str, case_id: str) -> str:
    """A B&B placement from Mon 23/11/2026 (the test clock's today), as recorded."""
    from housing_tui.accommodation import CostPeriod, PlacementDuty, PlacementType
    from housing_tui.accommodation import Placement as Placed
    from storage.accommodation import add_placement

    return add_placement(
        open_db(data_dir),
        officer_id=officer_id,
        case_id=case_id,
        placement=Placed(
            PlacementType.BED_AND_BREAKFAST,
            "Staton Hotle",
            "1 Station Road, Ely",
            date(2026, 11, 23),
            None,
            Decimal("6.50"),
            CostPeriod.NIGHTLY,
            PlacementDuty.INTERIM,
        ),
        policy=load_policy(),
    )


async def test_enter_on_a_placement_opens_it_filled_in_and_saves_the_correction(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    placement_id = placed_in_bnb(data_dir, officer.id, case_id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlacementDialog)
        assert dialog.query_one("#provider").value == "Staton Hotle"
        assert dialog.query_one("#cost").value == "6.50"
        assert dialog.query_one("#start_on").value == "23/11/2026"
        await replace_text(pilot, "provider", "Station Hotel")
        await replace_text(pilot, "cost", "65")
        await replace_text(pilot, "start_on", "22/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccommodationScreen)

    (placement,) = rows(data_dir, Placement)
    assert placement.id == placement_id
    assert (placement.provider, placement.cost, placement.start_on) == (
        "Station Hotel",
        Decimal("65.00"),
        date(2026, 11, 22),
    )
    assert (placement.type, placement.duty, placement.end_on) == ("bnb", "s188", None)
    (event,) = [
        e
        for e in rows(data_dir, AuditEvent)
        if e.record_id == placement_id and e.action == "update"
    ]
    assert set(json.loads(event.changes)) == {"provider", "cost", "start_on"}


async def test_a_placement_recorded_in_error_is_removed_only_after_asking_keep_first(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    placed_in_bnb(data_dir, officer.id, case_id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert default_answer(app) == "keep"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccommodationScreen)
        (placement,) = rows(data_dir, Placement)
        assert placement.deleted_at is None
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AccommodationScreen)
        assert not app.screen.query_one("#ta-placements").display
    (placement,) = rows(data_dir, Placement)
    assert placement.deleted_at is not None
    assert [e.action for e in rows(data_dir, AuditEvent) if e.record_id == placement.id] == [
        "create",
        "delete",
    ]


async def test_an_overlapping_placement_is_refused_beside_the_date_naming_the_other(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    placed_in_bnb(data_dir, officer.id, case_id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "type", "Hostel")
        await paste_into(pilot, "provider", "Mill Lane Hostel")
        await paste_into(pilot, "address", "2 Mill Lane, Ely")
        await paste_into(pilot, "cost", "150")
        await choose(pilot, "duty", "Interim")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlacementDialog)  # kept, with what overlaps
        message = str(app.screen.query_one("#field-start_on FieldMessage").render())
        assert "overlaps Bed and breakfast at Staton Hotle (from 23/11/2026, still there)" in (
            " ".join(message.split())
        )
    assert [p.provider for p in rows(data_dir, Placement)] == ["Staton Hotle"]


async def test_the_day_the_receiving_council_was_told_is_recorded_and_leaves_the_due_list(
    data_dir: Path, clock: FixedClock
) -> None:
    from dataclasses import replace

    from housing_tui.accommodation import CostPeriod, PlacementDuty, PlacementType
    from housing_tui.accommodation import Placement as Placed
    from storage.accommodation import add_placement

    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    hostel = Placed(
        PlacementType.HOSTEL,
        "Fen Hostel",
        "9 River Lane, Wisbech",
        date(2026, 11, 23),
        None,
        Decimal("150.00"),
        CostPeriod.WEEKLY,
        PlacementDuty.INTERIM,
    )
    away = replace(hostel, out_of_district=True, out_of_district_reason="No space in district")
    add_placement(
        open_db(data_dir),
        officer_id=officer.id,
        case_id=case_id,
        placement=away,
        policy=load_policy(),
    )

    def notices(app) -> list[tuple[str, str]]:
        table = app.screen.query_one(DataTable)
        found = [table.get_row_at(row) for row in range(table.row_count)]
        return [(str(r[1]), str(r[-1])) for r in found if "receiving council" in str(r[-1])]

    # Thu 3 Dec 2026: the due list shows the week ahead.
    later = FixedClock(clock.at + timedelta(days=10))
    app = HousingApp(data_dir, clock=later, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        # Made available Mon 23 Nov 2026: the notice is due 14 days later, Mon 7 Dec.
        [(due, _)] = notices(app)
        assert due == "07/12/2026"
        await pilot.press("escape")
        await settle(pilot)
        await open_accommodation(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlacementDialog)
        await paste_into(pilot, "notified_on", "24/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccommodationScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        assert notices(app) == []
    (placement,) = rows(data_dir, Placement)
    assert placement.notified_on == date(2026, 11, 24)


async def test_the_placements_list_has_the_focus_only_when_it_is_shown(
    data_dir: Path, clock: FixedClock
) -> None:
    """With no placements the list is hidden, and must not keep the focus (the arrow keys went
    to it, and the footer's keys moved with it); once there is one, placed now or before, it
    is focused to move along with the arrow keys."""
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        listed = app.screen.query_one("#ta-placements", DataTable)
        assert not listed.display and app.focused is None
        await place_in_bnb(pilot)  # the first placement: the list shows, ready for the arrows
        assert isinstance(app.screen, AccommodationScreen)
        assert listed.display and app.focused is listed
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodation(pilot)
        assert app.focused is app.screen.query_one("#ta-placements", DataTable)
