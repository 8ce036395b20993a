"""New approach: a quick keyboard-only triage while the client is talking. The panel on the
right says, live, how urgent it is and what must happen today; Ctrl+S saves the client (if
new) and the case together, or says beside each field what is wrong and keeps every value.

The fields follow the conversation: who they are, how they came and what has happened, when
they must leave, what makes it unsafe, who lives with them; contact details last, since Ctrl+S
saves from anywhere. What earlier answers say is filled in (16/17 from the date of birth, the
abuse flag from the problem), and what the date of birth rules out is not offered."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Footer, Header, Input, Label, Static

from housing_tui.casework.clients import ClientDraft, Likeness, guess_client_fields, read_client
from housing_tui.casework.triage import (
    Approach,
    TriageFacts,
    TriageResult,
    flag_label,
    flags_from_answers,
    flags_ruled_out,
    read_approach,
    triage,
)
from housing_tui.reference import fields
from housing_tui.reference.codes import Channel, PresentingProblem, SafetyFlag
from screens import format as show
from screens.background import in_background
from screens.client_dialog import contact_fields, identity_fields
from screens.dialogs import ConfirmDialog
from screens.forms import Form
from screens.keys import after_typing
from screens.triage_duplicates import identity_draft, matches_text
from screens.widgets.form_field import FieldMessage, FormField, pick_row
from screens.widgets.pick_field import PickField
from screens.workers import Work
from storage.rows import ClientRow

_SAVE_KEY = "new approach"

SAFETY_ORDER = (
    SafetyFlag.AGED_16_17,
    SafetyFlag.OVER_55_CARE_NEEDS,
    SafetyFlag.DOMESTIC_ABUSE,
    SafetyFlag.CARE_LEAVER,
    SafetyFlag.LEAVING_INSTITUTION,
    SafetyFlag.ROUGH_SLEEPING_TONIGHT,
)
"""The boxes the date of birth decides first (it shows or ticks them), then the rest."""


class TriageScreen(Form[None]):
    """Record a new approach for a known client (`client`) or a new one (`prefill` from search)."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Save the client and the case",
            id="triage.save",
        ),
        Binding(
            "ctrl+u",
            "use_match",
            "Use match",
            show=False,
            tooltip="Use the existing client shown as a possible duplicate",
            id="triage.use_match",
        ),
        Binding("escape", "cancel", "Cancel", id="triage.cancel"),
    ]

    def __init__(self, *, client: ClientRow | None = None, prefill: str = "") -> None:
        super().__init__()
        self.client = client
        self._guessed: dict[str, str] = {}
        """A new client's fields, guessed from what was typed to search for them."""
        self._prefill = prefill
        self._matches: list[ClientRow] = []
        self._panel_due = False
        """The live panel is to be read again after the next refresh."""
        self._derived: frozenset[SafetyFlag] = frozenset()
        """What earlier answers said at the last look (`flags_from_answers`): a box is ticked
        when they start to say it, and unticked when they stop, so the officer's own tick, or
        a tick taken away, stays."""

    def compose(self) -> ComposeResult:
        self._guessed = guess_client_fields(self._prefill, today=self.services.clock.today())
        yield Header()
        with Horizontal(id="triage-body"):
            with VerticalScroll(id="triage-form"):
                yield from self._client_fields()
                yield from self._approach_fields()
                yield from self._safety_fields()
                yield from self._household_fields()
                yield from self._contact_fields()
            with Vertical(id="triage-panel"):
                yield Label("Urgency", classes="panel-title")
                yield Static("", id="panel-urgency")
                yield Static("", id="panel-reason", markup=False)
                yield Label("Must happen today", classes="panel-title")
                yield Static("", id="panel-today", markup=False)
                yield Static("", id="panel-next", markup=False)
        yield Footer(compact=True)

    def _client_fields(self) -> ComposeResult:
        """A known client in a line, or a new client's name and date of birth (guessed from
        the search)."""
        today = self.services.clock.today()
        yield Label("Client", classes="section-title")
        yield Static("", id="known-client", markup=False)
        with Vertical(id="new-client"):
            yield from identity_fields(today=today, values=self._guessed)
            yield Static("", id="duplicates", markup=False)

    def _contact_fields(self) -> ComposeResult:
        with Vertical(id="new-client-contact"):
            yield Label("Contact", classes="section-title")
            yield from contact_fields(values=self._guessed)

    def _approach_fields(self) -> ComposeResult:
        yield Label("The approach", classes="section-title")
        yield from pick_row("How they came", "channel", Channel.choices())
        yield from pick_row("Presenting problem", "presenting_problem", PresentingProblem.choices())
        yield FormField("In their words", "detail", parse=fields.parse_optional_text)
        yield FormField(
            "Must leave on",
            "must_leave_on",
            placeholder="31/12/2026, +14 or +2w",
            tidy=show.day,
            parse=partial(fields.parse_must_leave, today=self.services.clock.today()),
        )
        yield Checkbox(
            "Homeless tonight: nowhere safe to stay", id="homeless_tonight", compact=True
        )

    def _household_fields(self) -> ComposeResult:
        yield Label("Household", classes="section-title")
        yield FormField(
            "Adults",
            "adults",
            value="1",
            parse=partial(fields.parse_count, what="Adults", minimum=1, maximum=20),
        )
        yield FormField(
            "Children",
            "children",
            value="0",
            parse=partial(fields.parse_count, what="Children", minimum=0, maximum=20),
        )
        yield Checkbox("Someone in the household is pregnant", id="pregnant", compact=True)

    def _safety_fields(self) -> ComposeResult:
        """A box per safety flag, each labelled with the policy's thresholds."""
        yield Label("Safety", classes="section-title")
        for flag in SAFETY_ORDER:
            yield Checkbox(flag_label(flag, self.services.policy), id=flag.value, compact=True)
            yield FieldMessage(id=f"error-{flag.value}")

    def on_mount(self) -> None:
        self._show_client()
        self._refresh_panel()

    def _show_client(self) -> None:
        known = self.client
        self.query_one("#new-client").display = known is None
        self.query_one("#new-client-contact").display = known is None
        summary = self.query_one("#known-client", Static)
        summary.display = known is not None
        if known:
            seen = (
                f"{known.approaches} earlier approach{'es' if known.approaches != 1 else ''}"
                if known.approaches
                else "first approach"
            )
            summary.update(
                f"{known.full_name}, born {show.day(known.date_of_birth)}, "
                f"{known.postcode or 'no postcode'} ({seen})"
            )
            self.query_one("#channel", PickField).focus()
            return
        # A search that gave the name and date of birth goes on to how they came.
        typed = self.form_text()
        first_empty = next(
            (name for name in ("forenames", "surname", "date_of_birth") if not typed[name]),
            "channel",
        )
        self.query_one(f"#{first_empty}").focus()

    # -- reading the form -------------------------------------------------------------------

    def _ticked(self, widget_id: str) -> bool:
        return self.query_one(f"#{widget_id}", Checkbox).value

    def _flags(self) -> frozenset[SafetyFlag]:
        return frozenset(flag for flag in SafetyFlag if self._ticked(flag.value))

    def _date_of_birth(self) -> date | None:
        if self.client:
            return self.client.date_of_birth
        today = self.services.clock.today()
        parse = partial(fields.parse_date_of_birth, today=today)
        return fields.read_or(parse, self.form_text()["date_of_birth"])

    def _read(self) -> tuple[ClientDraft | ClientRow | None, Approach | None, dict[str, str]]:
        today = self.services.clock.today()
        raw = self.form_text()
        errors: dict[str, str] = {}
        client: ClientDraft | ClientRow | None = self.client
        if client is None:
            client, errors = read_client(raw, today=today)
        approach, approach_errors = read_approach(
            raw,
            homeless_tonight=self._ticked("homeless_tonight"),
            pregnant=self._ticked("pregnant"),
            flags=self._flags(),
            date_of_birth=client.date_of_birth if client else self._date_of_birth(),
            today=today,
            policy=self.services.policy,
        )
        return client, approach, {**errors, **approach_errors}

    def _live_facts(self) -> TriageFacts:
        """The facts as far as they can be read now; a field still wrong counts as empty."""
        raw, today = self.form_text(), self.services.clock.today()
        tolerant = fields.read_or
        return TriageFacts(
            homeless_tonight=self._ticked("homeless_tonight"),
            must_leave_on=tolerant(
                partial(fields.parse_must_leave, today=today), raw["must_leave_on"], None
            ),
            adults=tolerant(
                partial(fields.parse_count, what="", minimum=1, maximum=20), raw["adults"], 1
            ),
            children=tolerant(
                partial(fields.parse_count, what="", minimum=0, maximum=20), raw["children"], 0
            ),
            pregnant=self._ticked("pregnant"),
            flags=self._flags(),
            date_of_birth=self._date_of_birth(),
        )

    # -- the live panel ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(PickField.Changed)
    def _something_changed(self) -> None:
        """Once for all the changes a screen refresh brings (a form opening filled in, a
        paste, a burst of keys), not once per change: each reading reads the whole form."""
        if not self._panel_due:
            self._panel_due = True
            self.call_after_refresh(self._refresh_panel)

    def _refresh_panel(self) -> None:
        self._panel_due = False
        self._follow_earlier_answers()
        policy = self.services.policy
        result = triage(self._live_facts(), today=self.services.clock.today(), policy=policy.triage)
        self._show_result(result)

    def _follow_earlier_answers(self) -> None:
        """Tick what the date of birth and the problem now say and untick what they stopped
        saying; offer no box the date of birth rules out (unless ticked: its message shows)."""
        today, born = self.services.clock.today(), self._date_of_birth()
        problem = self.query_one("#presenting_problem", PickField).value
        says = flags_from_answers(
            born, PresentingProblem(problem) if problem else None, today=today
        )
        for flag in says ^ self._derived:
            self.query_one(f"#{flag.value}", Checkbox).value = flag in says
        self._derived = says
        ruled_out = flags_ruled_out(born, today=today, policy=self.services.policy)
        for flag in SafetyFlag:
            box = self.query_one(f"#{flag.value}", Checkbox)
            box.display = box.value or flag.value not in ruled_out

    def _show_result(self, result: TriageResult) -> None:
        self.query_one("#panel-urgency", Static).update(show.urgency(result.urgency.urgency))
        self.query_one("#panel-reason", Static).update(
            "\n".join((result.urgency.reason, *result.notes))
        )
        today = "\n".join(f"• {action}" for action in result.today) or "Nothing from triage."
        self.query_one("#panel-today", Static).update(today)
        self.query_one("#panel-next", Static).update(
            f"Next action: {show.day(result.next_action_on)}"
        )

    # -- possible duplicates ----------------------------------------------------------------

    @on(Input.Blurred, "#surname, #date_of_birth, #ni_number, #postcode, #forenames")
    def _look_for_duplicates(self) -> None:
        if self.client:
            return
        draft = identity_draft(self.form_text(), today=self.services.clock.today())
        if draft is None:
            return
        from storage.clients import possible_duplicates

        db = self.services.db
        in_background(
            self, lambda: possible_duplicates(db, draft), self._show_matches, group=Work.DUPLICATES
        )

    def _show_matches(self, matches: list[tuple[ClientRow, Likeness]]) -> None:
        self._matches = [client for client, _ in matches]
        warning = self.query_one("#duplicates", Static)
        warning.display = bool(matches)
        if matches:
            warning.update(matches_text(matches))

    def action_use_match(self) -> None:
        if self.client or not self._matches:
            return
        self.client = self._matches[0]
        self.show_errors({})
        self._show_client()
        self._refresh_panel()
        self.notify(f"Using the existing record for {self.client.full_name}.")

    # -- saving -----------------------------------------------------------------------------

    @after_typing
    def action_save(self) -> None:
        if self.still_saving(_SAVE_KEY):
            return
        client, approach, errors = self._read()
        self.show_errors(errors, move_focus=False)
        if errors or client is None or approach is None:
            # To the first thing to put right, in the order the rules check them.
            first = self.query(f"#{next(iter(errors))}")
            if first:
                first.first().focus()
            self.notify(
                f"{len(errors)} thing{'s' if len(errors) != 1 else ''} to put right "
                "before saving: see the messages in red.",
                severity="warning",
            )
            return
        if isinstance(client, ClientDraft):
            from storage.clients import possible_duplicates

            db = self.services.db
            in_background(
                self,
                lambda: possible_duplicates(db, client),
                lambda matches: self._confirm_new(client, approach, matches),
                group=Work.DUPLICATES,
            )
        else:
            self._record(client.id, approach)

    def _confirm_new(self, draft: ClientDraft, approach: Approach, matches: list) -> None:
        if not matches:
            self._record(draft, approach)
            return
        self._show_matches(matches)
        best, likeness = matches[0]

        def decided(answer: str | None) -> None:
            if answer == "existing":
                self.client = best
                self._record(best.id, approach)
            elif answer == "new":
                self._record(draft, approach)

        self.app.push_screen(
            ConfirmDialog(
                "Is this someone already on record?",
                f"{best.full_name}, born {show.day(best.date_of_birth)}, "
                f"{best.postcode or 'no postcode'}, {best.approaches} approach(es): "
                f"{', '.join(likeness.reasons)}.",
                [
                    ("existing", "Same person: use their record"),
                    ("new", "Different person: create new"),
                    ("back", "Back to the form"),
                ],
            ),
            decided,
        )

    def _record(self, client: ClientDraft | str, approach: Approach) -> None:
        services = self.services
        from storage.cases import record_approach

        app = self.app
        result = triage(approach.facts, today=services.clock.today(), policy=services.policy.triage)

        def save() -> str:
            return record_approach(
                services.db,
                officer_id=services.officer.id,
                client=client,
                approach=approach,
                result=result,
                approached_at=services.clock.now(),
            )

        # If refused, the form keeps every value: the officer can try again.
        app.saves.save("the new approach", save, self._saved, key=_SAVE_KEY)

    def _saved(self, case_id: str) -> None:
        from screens.case_detail import CaseScreen
        from storage.rows import case_ref

        self.app.changed()
        self.app.notify(f"Saved: case {case_ref(case_id)}.")
        if self.is_current:
            self.app.switch_screen(CaseScreen(case_id))

    def unchanged(self) -> bool:
        """Nothing typed or ticked (the household's counts start filled in)."""
        typed = self.form_text().items()
        return not self._flags() and not any(
            value for name, value in typed if name not in ("adults", "children")
        )

    def action_cancel(self) -> None:
        self.leave_form(
            self.app.pop_screen,
            "Discard this approach?",
            "Nothing has been saved yet.",
            keep="Keep typing",
        )
