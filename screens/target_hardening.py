"""Target hardening (sanctuary scheme) on a domestic abuse case, by keyboard: the referral, the
property check, the landlord's agreement, the works with their costs (one a line), and when
they were ordered and completed. The line above the form keeps the works' total against the
limit, the due date and the approval in view as they are typed. Ctrl+S saves (with the plan
step the works are); Ctrl+A is a principal officer's approval of works over the limit. Every
rule is in `housing_tui.prevention.target_hardening`; storage checks the cost rule again."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from housing_tui.calendar.clock import uk_local
from housing_tui.money.amounts import pounds
from housing_tui.prevention.target_hardening import (
    DATE_KEYS,
    Agreement,
    Reading,
    TargetHardening,
    approved_for,
    over_limit,
    read_target_hardening,
    refusal,
    show_works,
    working_days_late,
    works_due_on,
)
from housing_tui.reference.fields import FieldError, parse_date
from housing_tui.reference.policy import ReservedAction
from screens import format as show
from screens.background import in_background
from screens.forms import Form
from screens.keys import after_typing
from screens.widgets.form_field import FieldMessage, FormField, pick_row
from screens.widgets.pick_field import PickField
from screens.workers import Work

if TYPE_CHECKING:
    from storage.case_file import CaseFile

DATE_FIELDS = (
    ("referred_on", "Referred on", "date of the referral"),
    ("checked_on", "Property checked on", "date; empty if not yet"),
)
GOING_AHEAD = (
    ("ordered_on", "Works ordered on", "date; empty if not yet"),
    ("completed_on", "Works completed on", "date; empty if not yet"),
)
LABELS = {
    **{key: label for key, label, _ in (*DATE_FIELDS, *GOING_AHEAD)},
    "checked_by": "Checked by",
    "agreement": "Landlord's agreement",
    "agreement_on": "Landlord answered on",
    "works": "Works",
}
"""Each field's label, to name the fields still to put right."""


class TargetHardeningScreen(Form[None]):
    """The target hardening on case `case_id`."""

    PROBLEM_ID = "hardening-problem"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Save the target hardening and its plan step on the case",
            id="hardening.save",
        ),
        Binding(
            "ctrl+a",
            "approve",
            "Approve",
            priority=True,
            tooltip="Principal officer: approve the saved works over the cost limit",
            id="hardening.approve",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="hardening.back"),
    ]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    TargetHardeningScreen #hardening-heading { height: auto; padding: 0 1; background: $boost; }
    TargetHardeningScreen #hardening-problem { margin-left: 1; }
    TargetHardeningScreen #hardening-form { height: 1fr; padding: 0 1; }
    TargetHardeningScreen #works { height: 5; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_file: CaseFile | None = None
        self.record: TargetHardening | None = None
        self._refused = False
        """Ctrl+S was refused for fields that are wrong: the line above the form names them
        until they are right."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the case…", id="hardening-heading")
        yield self.problem_line()
        with VerticalScroll(id="hardening-form"):
            for key, label, placeholder in DATE_FIELDS:
                yield self._date_field(key, label, placeholder)
            yield FormField("Checked by", "checked_by", placeholder="who checked the property")
            yield from pick_row(
                "Landlord's agreement",
                "agreement",
                Agreement.choices(),
                value=Agreement.NEEDED.value,
            )
            yield self._date_field("agreement_on", "Landlord answered on", "date given or refused")
            yield Label(
                "Works: one a line, what then the cost, e.g. 'Window locks: 120'",
                classes="section-title",
            )
            yield TextArea(id="works", compact=True)
            yield FieldMessage(id="error-works")
            for key, label, placeholder in GOING_AHEAD:
                yield self._date_field(key, label, placeholder)
        yield Footer(compact=True)

    def _date_field(self, key: str, label: str, placeholder: str) -> FormField[date]:
        # Checked against the whole form's rules as it is left: "before the referral", "over
        # the limit, not approved" show beside the date at once.
        parse = self.checked(key, partial(parse_date, today=self.services.clock.today()))
        return FormField(label, key, parse=parse, tidy=show.day, placeholder=placeholder)

    def read_form(self, text: dict[str, str]) -> tuple[object | None, dict[str, str]]:
        reading = self._read(text)
        return reading.record, reading.errors

    def on_mount(self) -> None:
        self.sub_title = "Target hardening"
        self.opened()
        self.query_one("#referred_on").focus()
        self.opening = True  # keys typed meanwhile wait for what is on record
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        from storage.case_file import load_case_file
        from storage.target_hardening import load_target_hardening

        db, case_id = self.services.db, self.case_id

        def read() -> tuple[CaseFile, TargetHardening | None] | None:
            case_file = load_case_file(db, case_id)
            return None if case_file is None else (case_file, load_target_hardening(db, case_id))

        in_background(
            self,
            db.in_one_read(read),
            self._loaded,
            group=Work.HARDENING,
            failed=self.stop_opening,
        )

    def _loaded(self, found: tuple[CaseFile, TargetHardening | None] | None) -> None:
        if found is None:
            self.query_one("#hardening-heading", Static).update("This case is no longer on record.")
            self.opening = False
            return
        first = self.case_file is None
        self.case_file, self.record = found
        detail = self.case_file.detail
        self.sub_title = f"Target hardening: case {detail.case.ref}"
        self.record_view("case", self.case_id, "the case's target hardening")
        # Filled in once, on opening: a later load (after a save, a sync, an approval) only
        # refreshes what is shown above the form, never what the officer is typing.
        if first:
            if self.record is not None:
                self._fill(self.record)
            self.opening = False
        self._show_heading()

    def _fill(self, record: TargetHardening) -> None:
        for key in DATE_KEYS:
            day = getattr(record, key)
            self.query_one(f"#field-{key}", FormField).value = show.day(day) if day else ""
        self.query_one("#field-checked_by", FormField).value = record.checked_by
        self.query_one("#agreement", PickField).value = record.agreement.value
        self.query_one("#works", TextArea).text = show_works(record.works)
        self.opened()
        self.last_saved = self.form_text()

    # -- what is shown above the form ---------------------------------------------------------

    def _read(self, raw: dict[str, str]) -> Reading:
        return read_target_hardening(
            raw,
            today=self.services.clock.today(),
            policy=self.services.policy,
            approval=self.record.approval if self.record else None,
        )

    @on(Input.Changed)
    @on(PickField.Changed)
    @on(TextArea.Changed)
    def _show_heading(self) -> None:
        if self.case_file is None:
            return
        reading = self._read(self.form_text())
        if self._refused:
            self._show_refusal(reading.errors)
        self.query_one("#hardening-heading", Static).update(self._heading(reading))

    def _heading(self, reading: Reading) -> Text:
        assert self.case_file is not None
        policy, today = self.services.policy, self.services.clock.today()
        detail = self.case_file.detail
        heading = Text(f"{detail.client.full_name}, case {detail.case.ref}", style="bold")
        refused = refusal(self.case_file.facts)
        if refused:
            heading.append(f"\n{refused}", style="bold red")
            return heading
        if not detail.case.still_open:
            heading.append("  (closed: nothing here can be saved)", style="bold red")
        limit = policy.target_hardening.cost_limit
        approval = self.record.approval if self.record else None
        total = reading.total
        if total is None:
            heading.append("\nWorks: a line cannot be read yet (see under the works).")
        elif not over_limit(total, policy):
            heading.append(f"\nWorks {pounds(total)}: within the {pounds(limit)} limit.")
        elif approved_for(total, approval, policy) and approval is not None:
            heading.append(
                f"\nWorks {pounds(total)}: over the {pounds(limit)} limit, approved by "
                f"{approval.by} on {_when(uk_local(approval.at).date())}.",
                style="green",
            )
        else:
            heading.append(
                f"\nWorks {pounds(total)}: over the {pounds(limit)} limit, NOT YET APPROVED: "
                "a principal officer approves (Ctrl+A) once they are saved.",
                style="bold yellow",
            )
        record = reading.record
        referred = record.referred_on if record else self._referred_as_typed()
        if referred is None:
            heading.append("\nDue: give the referral date.")
            return heading
        due = works_due_on(referred, policy)
        n = policy.assessment.target_hardening_working_days
        heading.append(f"\nDue {_when(due)} ({n} working days from the referral). ")
        done = record.completed_on if record else None
        late = working_days_late(
            TargetHardening(referred_on=referred, completed_on=done), today=today, policy=policy
        )
        if done is not None:
            heading.append(
                f"Completed {_when(done)}"
                + (
                    f", {late} working day{'s' if late != 1 else ''} late."
                    if late
                    else ", on time."
                ),
                style="bold red" if late else "green",
            )
        elif late:
            heading.append(
                f"LATE by {late} working day{'s' if late != 1 else ''}.", style="bold red"
            )
        return heading

    def _referred_as_typed(self) -> date | None:
        try:
            return parse_date(
                self.query_one("#field-referred_on", FormField).value,
                today=self.services.clock.today(),
            )
        except FieldError:
            return None

    # -- saving -------------------------------------------------------------------------------

    def _may_record(self) -> bool:
        if self.case_file is None:
            self.notify("The case is still loading…")
            return False
        refused = refusal(self.case_file.facts)
        if refused:
            self.notify(refused, title="Not saved", severity="warning", timeout=10, markup=False)
            return False
        return True

    @after_typing
    def action_save(self) -> None:
        services = self.services
        from housing_tui.calendar.due import case_due
        from housing_tui.prevention.target_hardening import plan_step, referral_met
        from storage.target_hardening import save_target_hardening

        key = f"target hardening {self.case_id}"
        if self.still_saving(key, "Still saving…") or not self._may_record():
            return
        assert self.case_file is not None
        raw = self.form_text()
        reading = self._read(raw)
        self.show_errors(reading.errors)
        if reading.record is None:
            self._refused = True
            self._show_refusal(reading.errors)
            return
        if self.saved_already(raw):
            self.notify("This is saved already: change something to save it again.")
            return
        option = services.catalogue.get("target_hardening")
        if option is None:
            self.show_problem(
                "Not saved: the prevention options file has no 'target_hardening' option, which "
                "the plan step comes from: ask whoever looks after the council's files."
            )
            return
        record, case_id, policy = reading.record, self.case_id, services.policy
        today = services.clock.today()
        due = self.case_file.due
        meets = referral_met(case_due(due, today=today, policy=policy)) if due else None
        officer_id = services.officer.id

        def save() -> TargetHardening:
            return save_target_hardening(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                record=record,
                step=plan_step(record, option),
                policy=policy,
                meets=meets,
            )

        def saved(_row: TargetHardening) -> None:
            self.now_saved(
                raw,
                "Target hardening saved: works due "
                f"{_when(works_due_on(record.referred_on, policy))}.",
            )

        self.save_form("the target hardening", save, saved, key=key)

    def _show_refusal(self, errors: dict[str, str]) -> None:
        """Which fields stopped the save, kept up to date as they are put right."""
        labels = [label for key, label in LABELS.items() if key in errors]
        self._refused = bool(labels)
        self.show_problem(
            f"Not saved: put right {', '.join(labels)} (see beside each)." if labels else None
        )

    def same_form(self, text: dict[str, str], other: dict[str, str]) -> bool:
        """Compared as read, so a date only tidied on leaving it is no change."""
        return self._read(text) == self._read(other)

    # -- approval -----------------------------------------------------------------------------

    def action_approve(self) -> None:
        services = self.services
        from storage.target_hardening import approve_over_limit

        key = f"target hardening {self.case_id}"
        if self.still_saving(key, "Still saving…") or not self._may_record():
            return
        if not self.permitted(ReservedAction.APPROVE_TARGET_HARDENING_OVER_LIMIT):
            return
        if self.record is None or not self.unchanged():
            self.show_problem(
                "Not approved: save the works first (Ctrl+S); the approval is for the works "
                "on record."
            )
            return
        case_id, officer_id, policy = self.case_id, services.officer.id, services.policy

        def approve() -> TargetHardening:
            return approve_over_limit(
                services.db, officer_id=officer_id, case_id=case_id, policy=policy
            )

        def approved(record: TargetHardening) -> None:
            self.record = record
            assert record.approval is not None
            self.app.notify(
                f"Approved: works up to {pounds(record.approval.total)} may go ahead.",
                markup=False,
            )
            self.app.changed()

        self.save_form("the approval", approve, approved, key=key, refused_as="Not approved")

    def action_back(self) -> None:
        self.leave_form(
            self.app.pop_screen,
            "Leave without saving the target hardening?",
            "What is on the form has not been saved (Ctrl+S saves it).",
            discard="Leave without saving",
        )


def _when(day: date) -> str:
    """'Mon 4 Jan 2027': the weekday helps when counting working days."""
    return f"{day:%a} {day.day} {day:%b %Y}"
