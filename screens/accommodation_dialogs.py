"""The dialogs of the temporary accommodation screen: a placement, new or corrected
(`PlacementDialog`), the day the household left it (`PlacementEndDialog`), and a cost to
recharge (`CostDialog`). Each saves what the domain's reader made of the form before it closes
(see `FormDialog`), or dismisses with None on Escape (asking first when something was typed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Label, Static

from housing_tui.accommodation import (
    COST_KINDS,
    CostPeriod,
    Placement,
    PlacementDuty,
    PlacementType,
    RechargeableCost,
    read_cost,
    read_placement,
)
from housing_tui.money.amounts import parse_money
from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError
from housing_tui.reference.policy import RechargingPolicy
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField, money_field, pick_row

_SAVE_KEYS: list[BindingType] = [
    Binding("ctrl+s", "keep", "Save", priority=True, id="accommodation_dialog.save"),
    Binding("escape", "cancel", "Cancel", id="accommodation_dialog.cancel"),
]


class PlacementDialog(FormDialog[Placement | None]):
    """A placement: what, who with, where, when, the cost, the duty, who is placed, and the
    reasons the rules ask for (out of the district; a 16- or 17-year-old in B&B). Given a
    recorded `placement`, it opens filled in with it, to correct it."""

    BINDINGS = _SAVE_KEYS
    DISCARD_TITLE = "Discard this placement?"

    def __init__(
        self,
        *,
        today: date,
        members: tuple[tuple[str, str], ...],
        applicant_16_17: bool,
        override_refused: str | None,
        others: tuple[Placement, ...] = (),
        placement: Placement | None = None,
        saving: DialogSave | None = None,
    ) -> None:
        """`members`: the household's (id, name), each placed unless unticked;
        `override_refused`: why the officer may not override the 16/17 B&B block, or None;
        `others`: the case's placements, which this one may not overlap."""
        super().__init__(saving=saving)
        self.today, self.members, self.others = today, members, others
        self.applicant_16_17, self.override_refused = applicant_16_17, override_refused
        self.placement = placement

    def compose(self) -> ComposeResult:
        was = self.placement
        title = "Correct the placement" if was else "Place in temporary accommodation"
        with Vertical(classes="dialog"):
            yield Label(f"{title}  (Ctrl+S save)", classes="dialog-title")
            with VerticalScroll(classes="dialog-form"):
                yield from pick_row(
                    "Kind", "type", PlacementType.choices(), value=was.type.value if was else ""
                )
                yield FormField(
                    "Provider",
                    "provider",
                    value=was.provider if was else "",
                    placeholder="hotel, landlord, hostel",
                )
                yield FormField("Address", "address", value=was.address if was else "")
                yield self._date(
                    "Moved in on", "start_on", show.day(was.start_on if was else self.today)
                )
                yield self._date(
                    "Left on",
                    "end_on",
                    show.day(was.end_on) if was and was.end_on else "",
                    placeholder="empty while there",
                )
                yield money_field(
                    "Cost",
                    "cost",
                    parse=self.checked("cost", parse_money),
                    value=str(was.cost) if was else "",
                )
                yield from pick_row(
                    "Per",
                    "cost_period",
                    CostPeriod.choices(),
                    value=was.cost_period.value if was else "nightly",
                )
                yield from pick_row(
                    "Duty", "duty", PlacementDuty.choices(), value=was.duty.value if was else ""
                )
                yield from pick_row(
                    "Out of district",
                    "out_of_district",
                    [("No", "no"), ("Yes", "yes")],
                    value="yes" if was and was.out_of_district else "no",
                )
                yield FormField(
                    "Why out of district",
                    "out_of_district_reason",
                    value=was.out_of_district_reason if was else "",
                )
                yield self._date(
                    "Council told on",
                    "notified_on",
                    show.day(was.notified_on) if was and was.notified_on else "",
                    placeholder="out of district: when told (s.208)",
                )
                if self.applicant_16_17:
                    yield Static(
                        "The applicant is 16 or 17: B&B is not suitable. "
                        + (
                            self.override_refused
                            or "To place them there in an emergency, write why below."
                        ),
                        classes="hint",
                        markup=False,
                    )
                    yield FormField(
                        "Why B&B (16/17)",
                        "override_reason",
                        value=was.override_reason if was else "",
                    )
                if self.members:
                    yield Static("Who is placed", classes="hint")
                    placed = was.placed if was else ()
                    for member_id, name in self.members:
                        ticked = not placed or member_id in placed
                        yield Checkbox(name, ticked, id=f"placed-{member_id}")
            yield self.problem_line()

    def _date(
        self, label: str, key: str, value: str, *, placeholder: str = ""
    ) -> FormField[date | None]:
        return FormField(
            label,
            key,
            value=value,
            placeholder=placeholder,
            parse=self.checked(key, partial(fields.parse_date, today=self.today)),
            tidy=show.day,
        )

    def on_mount(self) -> None:
        self.query_one("#type").focus()

    def read_form(self, text: dict[str, str]) -> tuple[Placement | None, dict[str, str]]:
        placed = tuple(
            member_id
            for member_id, _ in self.members
            if self.query_one(f"#placed-{member_id}", Checkbox).value
        )
        everyone = len(placed) == len(self.members)
        was = self.placement
        read, problems = read_placement(
            {"override_reason": "", **text},
            today=self.today,
            # Everyone ticked is the whole household, as it is when none are recorded.
            placed=() if everyone else placed,
            applicant_16_17=self.applicant_16_17,
            override_refused=self.override_refused,
            others=tuple(other for other in self.others if was is None or other.id != was.id),
        )
        if read is None or was is None:
            return read, problems
        # The same placement, as it was read: storage refuses it if it changed meanwhile.
        return replace(read, id=was.id, version=was.version), problems


class PlacementEndDialog(FormDialog[date | None]):
    """The day the household left a placement."""

    BINDINGS = _SAVE_KEYS
    DISCARD_TITLE = "Discard the day they left?"

    def __init__(
        self, *, today: date, placement: Placement, saving: DialogSave | None = None
    ) -> None:
        super().__init__(saving=saving)
        self.today, self.placement = today, placement

    def compose(self) -> ComposeResult:
        placement = self.placement
        with Vertical(classes="dialog"):
            yield Label("They left the placement  (Ctrl+S save)", classes="dialog-title")
            yield Static(
                f"{placement.type.label}, {placement.provider}: moved in "
                f"{show.day(placement.start_on)}",
                classes="hint",
                markup=False,
            )
            yield FormField(
                "Left on",
                "end_on",
                value=show.day(self.today),
                parse=self.checked("end_on", partial(fields.parse_date, today=self.today)),
                tidy=show.day,
            )
            yield self.problem_line()

    def on_mount(self) -> None:
        self.query_one("#end_on").focus()

    def read_form(self, text: dict[str, str]) -> tuple[date | None, dict[str, str]]:
        try:
            left = fields.parse_date(text["end_on"], today=self.today)
        except FieldError as error:
            return None, {"end_on": str(error)}
        if left is None:
            return None, {"end_on": f"Give the day they left, e.g. {self.today:%d/%m/%Y}."}
        if left <= self.placement.start_on:
            return None, {
                "end_on": f"They moved in on {self.placement.start_on:%d/%m/%Y}: the day they "
                "left must be after it."
            }
        return left, {}


class CostDialog(FormDialog[RechargeableCost | None]):
    """A cost the council paid (TA charge, B&B, storage, removals), to recharge."""

    BINDINGS = _SAVE_KEYS
    DISCARD_TITLE = "Discard this cost?"

    def __init__(
        self, *, today: date, policy: RechargingPolicy, saving: DialogSave | None = None
    ) -> None:
        super().__init__(saving=saving)
        self.today, self.policy = today, policy

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("A cost to recharge  (Ctrl+S save)", classes="dialog-title")
            with VerticalScroll(classes="dialog-form"):
                yield from pick_row("What for", "kind", [(k.label, k.value) for k in COST_KINDS])
                yield FormField(
                    "Paid on",
                    "incurred_on",
                    value=show.day(self.today),
                    parse=self.checked("incurred_on", partial(fields.parse_date, today=self.today)),
                    tidy=show.day,
                )
                yield money_field("Amount", "amount", parse=self.checked("amount", parse_money))
                yield FormField("Details", "description", placeholder="e.g. 7 nights, invoice")
                if self.policy.waivers_allowed:
                    yield FormField(
                        "Waived because", "waived_reason", placeholder="empty: recharged"
                    )
            yield Static(
                "Recharged under the policy: "
                + ", ".join(
                    f"{kind.label} {self.policy.percent.get(kind.value, 0)}%" for kind in COST_KINDS
                ),
                classes="hint",
                markup=False,
            )
            yield self.problem_line()

    def on_mount(self) -> None:
        self.query_one("#kind").focus()

    def read_form(self, text: dict[str, str]) -> tuple[RechargeableCost | None, dict[str, str]]:
        return read_cost({"waived_reason": "", **text}, today=self.today, policy=self.policy)
