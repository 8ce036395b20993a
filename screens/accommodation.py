"""Temporary accommodation on one case (the case screen's t): every placement, the current
one's standing against the suitability rules (the family's weeks in B&B, a 16- or 17-year-old
in B&B), the costs recorded to recharge and the repayment plan set against them.

What the case screen and the placements screen say of a placement is built here too
(`placement_line`, `standing_line`, `accommodation_text`), so each says it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.accommodation import (
    BnbLimit,
    Placement,
    RechargeableCost,
    Standing,
    recharge_of,
    recharged_amount,
    standing,
)
from housing_tui.calendar.deadlines import CaseDates
from housing_tui.money.amounts import pounds
from housing_tui.money.repayments import affordability
from housing_tui.reference.policy import Policy, ReservedAction
from screens import format as show
from screens.background import in_background
from screens.forms import DialogSave
from screens.services import HousingScreen
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from storage.accommodation import CaseAccommodation
    from storage.case_file import CaseFile


def placement_line(placement: Placement) -> str:
    """'Bed and breakfast, Station Hotel, 1 Station Road: from 23/11/2026, £65.00 a night,
    Interim (s.188)'."""
    until = f" to {show.day(placement.end_on)}" if placement.end_on else ""
    away = ", out of district" if placement.out_of_district else ""
    return (
        f"{placement.type.label}, {placement.provider}, {placement.address}: from "
        f"{show.day(placement.start_on)}{until}, {pounds(placement.cost)} "
        f"{placement.cost_period.label}, {placement.duty.label}{away}"
    )


def standing_line(where: Standing, limit: BnbLimit | None, policy: Policy) -> str:
    """What the suitability rules say of the current placement, or "" when nothing."""
    weeks = policy.accommodation.bnb_family_max_weeks
    if where is Standing.BREACH and limit is None:
        return "BREACH: B&B is not suitable for a 16- or 17-year-old: move them today."
    if limit is None:
        return ""
    earlier = f" (with {limit.earlier_nights} nights before)" if limit.earlier_nights else ""
    if where is Standing.BREACH:
        return (
            f"BREACH: the family's {weeks} weeks in B&B{earlier} were used up on "
            f"{show.day(limit.limit_on)}: move them now."
        )
    if where is Standing.WARNING:
        return (
            f"WARNING: the family's {weeks} weeks in B&B{earlier} are used up on "
            f"{show.day(limit.limit_on)}: find them somewhere else before then."
        )
    return f"A family in B&B{earlier}: warning on {show.day(limit.warning_on)}, " + (
        f"{weeks} weeks used up on {show.day(limit.limit_on)}."
    )


_STYLES = {Standing.BREACH: "bold red", Standing.WARNING: "bold yellow", Standing.SUITABLE: ""}


def current_text(
    placements: tuple[Placement, ...], facts: CaseDates, *, today: date, policy: Policy
) -> Text:
    """The current placement and what the suitability rules say of it."""
    current = [p for p in placements if p.is_current(today)]
    text = Text("\n".join(placement_line(p) for p in current) or "Not in temporary accommodation.")
    where, limit = standing(placements, facts=facts, today=today, policy=policy)
    said = standing_line(where, limit, policy)
    if said:
        text.append("\n" + said, style=_STYLES[where])
    return text


def accommodation_text(
    accommodation: CaseAccommodation, facts: CaseDates, *, today: date, policy: Policy
) -> Text:
    """The case screen's section: the current placement and its standing, and the costs."""
    text = current_text(accommodation.placements, facts, today=today, policy=policy)
    if accommodation.costs:
        text.append("\n" + costs_summary(accommodation.costs, policy))
    return text


def costs_summary(costs: tuple[RechargeableCost, ...], policy: Policy) -> str:
    """'Costs: £575.50 paid, £575.50 recharged; £120.50 not yet on a repayment plan.'"""
    paid = sum((cost.amount for cost in costs), Decimal("0.00"))
    recharged = sum((recharged_amount(cost, policy.recharging) for cost in costs), Decimal("0"))
    pending = recharge_of(costs, policy.recharging)
    left = f"; {pounds(pending.amount_owed)} not yet on a repayment plan" if pending else ""
    return f"Costs: {pounds(paid)} paid, {pounds(recharged)} recharged{left}."


@dataclass(frozen=True)
class AccommodationView:
    case_file: CaseFile
    accommodation: CaseAccommodation


class AccommodationScreen(HousingScreen[None]):
    AUTO_FOCUS = ""
    """The list takes the focus once loaded, if it has rows (`_show`): focused at mount, it
    kept the focus hidden when empty, so the arrow keys went to it."""

    BINDINGS = [
        Binding("a", "place", "Place", tooltip="Record a placement", id="accommodation.place"),
        # Priority: the placements table would otherwise take Enter for itself.
        Binding(
            "enter",
            "correct",
            "Correct",
            tooltip="Correct the highlighted placement (provider, cost, dates...)",
            priority=True,
            id="accommodation.correct",
        ),
        # Rarely wanted, and the footer at 80 columns has no room left: the heading and F1
        # name it.
        Binding(
            "x",
            "remove",
            "Remove",
            tooltip="Remove the highlighted placement, recorded in error (asks first)",
            show=False,
            id="accommodation.remove",
        ),
        Binding(
            "e",
            "left",
            "Left",
            tooltip="Record the day they left the highlighted placement",
            id="accommodation.left",
        ),
        Binding("c", "cost", "Cost", tooltip="Record a cost to recharge", id="accommodation.cost"),
        Binding(
            "r",
            "recharge",
            "Recharge",
            tooltip="Agree a repayment plan for the costs not yet recharged",
            id="accommodation.recharge",
        ),
        Binding(
            "escape", "app.pop_screen", "Back", tooltip="Back to the case", id="accommodation.back"
        ),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: AccommodationView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Loading the placements…", id="ta-heading", classes="list-heading", markup=False
        )
        table: DataTable[object] = RowTable(id="ta-placements", classes="case-list")
        table.add_column("Kind", key="type", width=18)
        table.add_column("From", key="from", width=10)
        table.add_column("To", key="to", width=10)
        table.add_column("Cost", key="cost", width=16)
        table.add_column("Provider", key="provider", width=20)
        yield table
        with VerticalScroll(id="ta-detail", classes="list-detail"):
            yield Static("", id="ta-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Temporary accommodation"
        self.record_view("case", self.case_id, "the case's temporary accommodation")
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.accommodation import case_accommodation
        from storage.case_file import load_case_file

        case_id = self.case_id

        def read() -> AccommodationView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            return AccommodationView(case_file, case_accommodation(services.db, case_id))

        in_background(self, services.db.in_one_read(read), self._show, group=Work.ACCOMMODATION)

    @property
    def _facts(self) -> CaseDates:
        due = self.view.case_file.due if self.view else None
        return due.dates if due else CaseDates()

    def _show(self, view: AccommodationView | None) -> None:
        heading = self.query_one("#ta-heading", Static)
        if view is None:
            heading.update("This case is no longer on record.")
            return
        first_load = self.view is None
        self.view = view
        detail = view.case_file.detail
        who = f"{detail.client.full_name}, case {detail.case.ref}"
        self.sub_title = f"Temporary accommodation: {who}"
        heading.update(
            f"Temporary accommodation: {who}\n"
            "a: place   Enter: correct   x: remove   e: they left   c: a cost   r: recharge"
        )
        table = self.query_one("#ta-placements", DataTable)
        table.clear()
        for placement in reversed(view.accommodation.placements):
            table.add_row(
                placement.type.label,
                show.day(placement.start_on),
                show.day(placement.end_on) if placement.end_on else "there now",
                f"{pounds(placement.cost)} {placement.cost_period.label}",
                placement.provider,
                key=placement.id,
            )
        table.display = bool(view.accommodation.placements)
        self._show_detail()
        if table.display and (first_load or self.focused is None):
            table.focus()  # and once the first placement shows, to move along it

    @on(DataTable.RowHighlighted, "#ta-placements")
    def _show_detail(self) -> None:
        view = self.view
        if view is None:
            return
        today, policy = self.services.clock.today(), self.services.policy
        parts = [
            current_text(view.accommodation.placements, self._facts, today=today, policy=policy)
        ]
        chosen = self._highlighted()
        if chosen is not None:
            parts.append(self._placement_detail(chosen))
        if view.accommodation.costs:
            parts.append(self._costs_text(view.accommodation.costs))
        self.query_one("#ta-text", Static).update(Text("\n\n").join(parts))

    def _placement_detail(self, placement: Placement) -> Text:
        view = self.view
        assert view is not None
        names = {member.id: member.name for member in view.case_file.interview.members}
        placed = (
            ", ".join(
                names.get(member_id, "someone no longer listed") for member_id in placement.placed
            )
            or "the whole household"
        )
        text = Text("Highlighted placement\n", style="bold")
        text.append(placement_line(placement) + f"\nPlaced: {placed}")
        if placement.out_of_district_reason:
            text.append(f"\nOut of district because: {placement.out_of_district_reason}")
        if placement.out_of_district:
            told = placement.notified_on
            text.append(
                f"\nReceiving council told on {show.day(told)}"
                if told
                else "\nReceiving council not yet told (s.208): Enter records the day."
            )
        if placement.override_reason:
            text.append(
                f"\n16/17 in B&B, allowed by a principal because: {placement.override_reason}"
            )
        return text

    def _costs_text(self, costs: tuple[RechargeableCost, ...]) -> Text:
        policy = self.services.policy
        text = Text("Costs to recharge\n", style="bold")
        for cost in costs:
            if cost.waived_reason:
                how = f"waived: {cost.waived_reason}"
            else:
                recharged = pounds(recharged_amount(cost, policy.recharging))
                how = f"recharged {recharged}" + (" on a plan" if cost.plan_id else "")
            details = f" ({cost.description})" if cost.description else ""
            text.append(
                f"{show.day(cost.incurred_on)}  {cost.kind.label}{details}: "
                f"{pounds(cost.amount)}, {how}\n"
            )
        text.append(costs_summary(costs, policy))
        return text

    def _highlighted(self) -> Placement | None:
        view = self.view
        table = self.query_one("#ta-placements", DataTable)
        if view is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in view.accommodation.placements if p.id == key), None)

    # -- actions ------------------------------------------------------------------------------

    def _open_case(self) -> bool:
        view = self.view
        if view is None:
            return False
        if not view.case_file.detail.case.still_open:
            self.notify(
                "The case is closed: its placements can no longer change.", severity="warning"
            )
            return False
        return True

    def action_place(self) -> None:
        if not self._open_case():
            return
        from storage.accommodation import add_placement

        services, app, case_id = self.services, self.app, self.case_id
        self._placement_dialog(
            None,
            DialogSave(
                "the placement",
                lambda placement: add_placement(
                    services.db,
                    officer_id=services.officer.id,
                    case_id=case_id,
                    placement=placement,
                    policy=services.policy,
                ),
                lambda placement: app.changed(f"Placement in {placement.type.label} recorded."),
                refused_as="The placement was not saved",
            ),
        )

    def action_correct(self) -> None:
        if not self._open_case():
            return
        placement = self._highlighted()
        if placement is None:
            self.notify("No placement to correct: a records one.", severity="warning")
            return
        from storage.accommodation import change_placement

        services, app = self.services, self.app
        self._placement_dialog(
            placement,
            DialogSave(
                "the corrected placement",
                lambda corrected: change_placement(
                    services.db,
                    officer_id=services.officer.id,
                    placement=corrected,
                    policy=services.policy,
                ),
                lambda corrected: app.changed(f"{corrected.type.label} placement corrected."),
                refused_as="The correction was not saved",
            ),
        )

    def _placement_dialog(self, placement: Placement | None, saving: DialogSave) -> None:
        """The placement dialog, new (`placement` None) or filled in to correct one."""
        from screens.accommodation_dialogs import PlacementDialog

        view = self.view
        assert view is not None
        services = self.services
        self.app.push_screen(
            PlacementDialog(
                today=services.clock.today(),
                members=tuple((m.id, m.name) for m in view.case_file.interview.members),
                applicant_16_17=self._facts.aged_16_17,
                override_refused=services.refusal(ReservedAction.OVERRIDE_BED_AND_BREAKFAST_BLOCK),
                others=view.accommodation.placements,
                placement=placement,
                saving=saving,
            )
        )

    def action_remove(self) -> None:
        if not self._open_case():
            return
        placement = self._highlighted()
        if placement is None:
            self.notify("No placement to remove.", severity="warning")
            return
        from screens.dialogs import ConfirmDialog
        from storage.accommodation import remove_placement

        services, app = self.services, self.app

        def decided(answer: str | None) -> None:
            if answer != "remove":
                return
            app.saves.save(
                "the placement's removal",
                lambda: remove_placement(
                    services.db, officer_id=services.officer.id, placement=placement
                ),
                lambda _: app.changed("The placement recorded in error is removed."),
                refused_as="The placement was not removed",
            )

        app.push_screen(
            ConfirmDialog(
                "Remove this placement?",
                f"{placement_line(placement)}\n\nOnly for a placement recorded in error: it "
                "goes from the case, the due list and the placements screen (the audit trail "
                "keeps it). If they have left, e records the day instead.",
                # Keep first: Enter, like Escape, changes nothing.
                [("keep", "Keep"), ("remove", "Remove")],
            ),
            decided,
        )

    def action_left(self) -> None:
        if not self._open_case():
            return
        placement = self._highlighted()
        if placement is None or placement.end_on is not None:
            self.notify("Highlight a placement they are still in.", severity="warning")
            return
        from screens.accommodation_dialogs import PlacementEndDialog
        from storage.accommodation import end_placement

        services, app = self.services, self.app
        app.push_screen(
            PlacementEndDialog(
                today=services.clock.today(),
                placement=placement,
                saving=DialogSave(
                    "the day they left",
                    lambda left: end_placement(
                        services.db,
                        officer_id=services.officer.id,
                        placement_id=placement.id,
                        ended_on=left,
                    ),
                    lambda _: app.changed("The day they left is recorded."),
                    refused_as="The day they left was not saved",
                ),
            )
        )

    def action_cost(self) -> None:
        if not self._open_case():
            return
        from screens.accommodation_dialogs import CostDialog
        from storage.accommodation import record_cost

        services, app, case_id = self.services, self.app, self.case_id
        app.push_screen(
            CostDialog(
                today=services.clock.today(),
                policy=services.policy.recharging,
                saving=DialogSave(
                    "the cost",
                    lambda cost: record_cost(
                        services.db,
                        officer_id=services.officer.id,
                        case_id=case_id,
                        cost=cost,
                        policy=services.policy,
                    ),
                    lambda cost: app.changed(
                        f"{cost.kind.label} cost of {pounds(cost.amount)} recorded."
                    ),
                    refused_as="The cost was not saved",
                ),
            )
        )

    def action_recharge(self) -> None:
        if not self._open_case():
            return
        view = self.view
        assert view is not None
        recharge = recharge_of(view.accommodation.costs, self.services.policy.recharging)
        if recharge is None:
            self.notify("No cost is waiting to be recharged: c records one.", severity="warning")
            return
        from housing_tui.casework.interview import household_budget
        from screens.new_plan import NewPlanScreen

        case_file = view.case_file
        recorded = case_file.facts.weekly_residual is not None
        budget = household_budget(case_file.interview.answers) if recorded else None
        self.app.push_screen(
            NewPlanScreen(
                self.case_id,
                case_file.detail,
                affordability(budget, self.services.policy.repayments),
                recharge=recharge,
            )
        )
