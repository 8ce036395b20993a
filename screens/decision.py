"""The homelessness application on a case (`s` from the case): opened on a day and why, the
inquiries checklist (prefilled from the interview and its assessment until first saved), "minded
to", the decision, a principal's sign-off (Ctrl+G), the letter for the stage reached (Ctrl+T),
the day the applicant was notified, and the s.202 review. Ctrl+S saves every step typed in, each
checked by `casework.decisions.application.read_decision_form`; what is wrong shows beside its
field and nothing typed is lost. The heading is the case screen's own account of the
application (`case_panels.application_text`): one place says when the decision is due."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Label, Static, TextArea

from housing_tui.casework.decisions.application import (
    Application,
    letter_refusal,
    minded_to_letter_refusal,
    read_decision_form,
    sign_off_refusal,
)
from housing_tui.casework.decisions.main_duty_end import main_duty_end_letter_refusal
from housing_tui.casework.decisions.outcomes import (
    ApplicationGround,
    Finding,
    Inquiry,
    Outcome,
    ReviewOutcome,
)
from housing_tui.documents.rendering import (
    DOCUMENT_TITLES,
    MAIN_DUTY_ENDED,
    MINDED_TO,
    RenderedDocument,
    TemplateError,
    render_decision_letter,
)
from housing_tui.reference import fields
from housing_tui.reference.hclic import hclic_codes
from screens import format as show
from screens.background import in_background
from screens.case_panels import application_text
from screens.forms import Form
from screens.keys import after_typing
from screens.plan import client_address
from screens.widgets.form_field import FieldMessage, FormField, pick_row
from screens.workers import Work

if TYPE_CHECKING:
    from storage.case_file import CaseFile

DATE_KEYS = (
    "opened_on",
    "minded_to_told_on",
    "decided_on",
    "notified_on",
    "review_requested_on",
    "review_decided_on",
)


class DecisionScreen(Form[None]):
    """The application and decision on case `case_id`."""

    PROBLEM_ID = "decision-problem"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Save every step typed in",
            id="decision.save",
        ),
        Binding(
            "ctrl+g",
            "sign_off",
            "Sign off",
            priority=True,
            tooltip="A principal signs the decision off",
            id="decision.sign_off",
        ),
        Binding(
            "ctrl+t",
            "letter",
            "Letter",
            priority=True,
            tooltip="Produce the minded-to or decision letter, or the one saying the main "
            "duty ended",
            id="decision.letter",
        ),
        Binding(
            "ctrl+e",
            "end_main_duty",
            "End duty",
            # Over a field's own Ctrl+E (end of line; the End key does the same).
            priority=True,
            tooltip="End the main duty: when, why, and the day they were told",
            id="decision.end_main_duty",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="decision.back"),
    ]
    DEFAULT_CSS = """
    DecisionScreen #decision-heading { height: auto; padding: 0 1; background: $boost; }
    DecisionScreen #decision-problem { margin-left: 1; }
    DecisionScreen #decision-form { height: 1fr; padding: 0 1; }
    DecisionScreen #reasons { height: 5; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_file: CaseFile | None = None

    @property
    def application(self) -> Application | None:
        return self.case_file.application if self.case_file else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the case…", id="decision-heading", markup=False)
        yield self.problem_line()
        yield VerticalScroll(id="decision-form")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Homelessness decision"
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        from storage.case_file import load_case_file

        db, case_id = self.services.db, self.case_id
        in_background(
            self, db.in_one_read(lambda: load_case_file(db, case_id)), self._loaded, group=Work.CASE
        )

    def _loaded(self, case_file: CaseFile | None) -> None:
        heading = self.query_one("#decision-heading", Static)
        if case_file is None:
            heading.update("This case is no longer on record.")
            return
        first = self.case_file is None
        self.case_file = case_file
        if case_file.application is not None:  # the inquiries' evidence is the client's record
            self.record_view(
                "homelessness_application",
                case_file.application.id,
                "the homelessness application",
            )
        detail = case_file.detail
        self.sub_title = f"Decision: {detail.client.full_name} (case {detail.case.ref})"
        today, policy = self.services.clock.today(), self.services.policy
        heading.update(
            f"{detail.client.full_name}, case {detail.case.ref}\n"
            + application_text(case_file, today=today, policy=policy)
        )
        if first:  # built once: a later read (after a save) must not undo what is typed
            self.query_one("#decision-form").mount_all(self._fields(self._as_saved()))
            self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.opened(self._saved_text())
        self.query_one("#opened_on").focus()

    # -- the form -----------------------------------------------------------------------------

    def _as_saved(self) -> dict[str, str]:
        """The form's text for the application as saved, or prefilled from the interview's
        assessment before it is first saved (then nothing of it is saved yet)."""
        application = self.application
        if application is None:
            return self._prefilled()
        text = {
            "opened_on": show.day(application.opened_on),
            "ground": application.ground.value,
            "minded_to_outcome": _code(application.minded_to_outcome),
            "minded_to_told_on": _day(application.minded_to_told_on),
            "minded_to_reply": application.minded_to_reply,
            "reasons": application.reasons,
            "outcome": _code(application.outcome),
            "outcome_reason": application.outcome_reason or "",
            "decided_on": _day(application.decided_on),
            "notified_on": _day(application.notified_on),
            "review_requested_on": _day(application.review_requested_on),
            "review_outcome": _code(application.review_outcome),
            "review_decided_on": _day(application.review_decided_on),
        }
        for inquiry in Inquiry:
            text[inquiry.value] = application.finding(inquiry).value
            text[inquiry.notes_key] = application.evidence.get(inquiry, "")
        return text

    def _prefilled(self) -> dict[str, str]:
        from housing_tui.casework.decisions.prefill import prefilled_inquiries

        assert self.case_file is not None
        today = self.services.clock.today()
        found = prefilled_inquiries(self.case_file.facts, today=today, policy=self.services.policy)
        text = {"opened_on": show.day(today)}
        for inquiry, (finding, evidence) in found.items():
            text[inquiry.value], text[inquiry.notes_key] = finding.value, evidence
        return text

    def _saved_text(self) -> dict[str, str]:
        """The form as it stands for what is saved: unchanged until something is typed."""
        if self.application is None:
            return {}  # nothing saved yet: leaving would lose the prefilled checklist too
        return self.form_text()

    def _fields(self, text: dict[str, str]) -> ComposeResult:
        today = self.services.clock.today()

        def day(label: str, key: str) -> FormField[date | None]:
            return FormField(
                label,
                key,
                value=text.get(key, ""),
                parse=self.checked(key, partial(fields.parse_date, today=today)),
                tidy=show.day,
            )

        def note(label: str, key: str, placeholder: str = "") -> FormField[Any]:
            return FormField(label, key, value=text.get(key, ""), placeholder=placeholder)

        def pick(label: str, key: str, choices: list[tuple[str, str]], blank: str) -> Any:
            return pick_row(label, key, choices, value=text.get(key, ""), blank=blank)

        adverse = [(o.label, o.value) for o in Outcome if o.adverse]
        yield Label("Application", classes="section-title")
        yield day("Opened on", "opened_on")
        yield from pick("Why", "ground", ApplicationGround.choices(), "Choose")
        yield Label(
            "Inquiries  (prefilled from the interview: check each)", classes="section-title"
        )
        for inquiry in Inquiry:
            yield from pick(inquiry.label, inquiry.value, Finding.choices(), "Not decided yet")
            yield note("Evidence", inquiry.notes_key, "what shows it")
        yield Label("Minded to  (adverse decisions: tell them first)", classes="section-title")
        yield from pick("Minded to decide", "minded_to_outcome", adverse, "None")
        yield day("Told on", "minded_to_told_on")
        yield note("Their reply", "minded_to_reply", "what they said, if anything")
        yield Label("Reasons  (for the minded-to and decision letters)", classes="section-title")
        yield TextArea(text.get("reasons", ""), id="reasons")
        yield FieldMessage(id="error-reasons")
        yield Label("Decision  (Ctrl+G sign off, Ctrl+T letter)", classes="section-title")
        yield from pick("Outcome", "outcome", Outcome.choices(), "Not decided yet")
        yield from pick(
            "Why relief ended",
            "outcome_reason",
            hclic_codes().relief_duty_end.choices(),
            "Only for relief duty ended",
        )
        yield day("Decided on", "decided_on")
        yield day("Notified on", "notified_on")
        yield Label("Review (s.202)", classes="section-title")
        yield day("Asked for on", "review_requested_on")
        yield from pick("Review outcome", "review_outcome", ReviewOutcome.choices(), "Not yet")
        yield day("Review decided", "review_decided_on")

    def read_form(self, text: dict[str, str]) -> tuple[object | None, dict[str, str]]:
        return self._read(text)

    def _read(
        self, text: dict[str, str]
    ) -> tuple[dict[str, dict[str, object]] | None, dict[str, str]]:
        """Every step typed in, as `read_decision_form` reads it (nothing until loaded)."""
        if self.case_file is None:
            return None, {}
        return read_decision_form(
            text,
            as_saved=self.opened_as or {},
            today=self.services.clock.today(),
            approached_on=self.case_file.facts.approached_on or self.services.clock.today(),
            saved=self.application,
            policy=self.services.policy.decisions,
        )

    # -- saving -------------------------------------------------------------------------------

    @after_typing
    def action_save(self) -> None:
        services = self.services
        from storage.decisions import save_decision_form

        key = f"decision {self.case_id}"
        if self.still_saving(key, "Still saving…") or self.case_file is None:
            return
        raw = self.form_text()
        steps, errors = self._read(raw)
        self.show_errors(errors)
        if steps is None:
            self.show_problem("Not saved: put right what is shown beside each field.")
            return
        if self.saved_already(raw):
            self.notify("Saved already: change something to save again.")
            return
        officer_id, case_id = services.officer.id, self.case_id
        self.save_form(
            "the application",
            lambda: save_decision_form(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                steps=steps,
            ),
            lambda _: self.now_saved(raw, "Application saved."),
            key=key,
            refused_as="The application was not saved",
        )

    def _saved_first(self) -> Application | None:
        """The saved application, if the form holds nothing unsaved; else say so."""
        if not self.unchanged():
            self.notify("Save what you typed first (Ctrl+S).", severity="warning")
            return None
        if self.application is None:
            self.notify("Open the application first: fill it in and press Ctrl+S.")
        return self.application

    def action_sign_off(self) -> None:
        services = self.services
        from storage.decisions import sign_off_decision

        application = self._saved_first()
        if application is None:
            return
        refused = sign_off_refusal(
            application, role=services.officer.role, security=services.policy.security
        )
        if refused:
            self.notify(refused, severity="error", timeout=10)
            return
        today = services.clock.today()
        self.app.saves.save(
            "the sign-off",
            lambda: sign_off_decision(
                services.db,
                officer_id=services.officer.id,
                application_id=application.id,
                signed_on=today,
                security=services.policy.security,
            ),
            lambda _: self.app.changed("Decision signed off: now produce its letter (Ctrl+T)."),
            owner=self,
            shown=self.show_problem,
            key=f"sign-off {application.id}",
        )

    def action_letter(self) -> None:
        services = self.services
        from housing_tui.casework.decisions.letters import decision_letter_content

        application = self._saved_first()
        if application is None or self.case_file is None:
            return
        if self.app.saves.underway(f"letter {self.case_id}"):
            self.notify("Still producing the last letter…")
            return
        # The letter for the stage reached: minded to, the decision, the end of the main duty.
        if application.main_duty_ended_on is not None:
            kind, refused = MAIN_DUTY_ENDED, main_duty_end_letter_refusal(application)
        elif application.outcome is not None:
            kind, refused = application.outcome.letter, letter_refusal(application)
        else:
            kind, refused = MINDED_TO, minded_to_letter_refusal(application)
        if refused:
            self.notify(refused, severity="warning", timeout=10)
            return
        detail, today = self.case_file.detail, services.clock.today()
        content = decision_letter_content(
            application,
            kind,
            client_name=detail.client.full_name,
            client_address=client_address(detail.client),
            case_ref=detail.case.ref,
            officer_name=detail.officer_name,
            written_on=today,
            policy=services.policy.decisions,
        )
        council, templates = services.policy.council, services.templates

        def draw() -> RenderedDocument | str:
            try:
                return render_decision_letter(content, council=council, templates=templates)
            except (TemplateError, ValueError) as error:
                return f"The letter cannot be made: {error}"

        # A .docx takes a moment to make: drawn off the UI thread, then saved.
        in_background(
            self,
            draw,
            partial(self._produce, kind, today),
            group=Work.LETTER_DRAFT,
        )

    def _produce(self, kind: str, today: date, drawn: RenderedDocument | str) -> None:
        """Keep the letter `drawn` on the case (or say why it could not be made)."""
        from storage.plans import save_letter

        if isinstance(drawn, str):
            self.show_problem(drawn)
            return
        services, case_id = self.services, self.case_id
        officer_id = services.officer.id
        self.app.saves.save(
            f"the {DOCUMENT_TITLES[kind].lower()}",
            lambda: save_letter(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                kind=kind,
                document=drawn,
                issued_on=today,
            ),
            lambda row: self.app.changed(
                f"{show.document_title(kind, row.plan_version)} produced: it is on the case "
                "(l lists letters)."
            ),
            owner=self,
            shown=self.show_problem,
            key=f"letter {case_id}",
            refused_as="The letter was not produced",
        )

    def action_end_main_duty(self) -> None:
        services = self.services
        from screens.forms import DialogSave
        from screens.main_duty_end_dialog import MainDutyEndDialog
        from storage.decisions import record_main_duty_end

        application = self._saved_first()
        if application is None:
            return
        if application.main_duty_ended_on is None and not application.main_duty_owed:
            self.notify(
                "The main duty is not owed on this case: there is nothing to end.",
                severity="warning",
                timeout=10,
            )
            return
        app, case_id = self.app, self.case_id
        app.push_screen(
            MainDutyEndDialog(
                today=services.clock.today(),
                application=application,
                saving=DialogSave(
                    "the end of the main duty",
                    lambda values: record_main_duty_end(
                        services.db,
                        officer_id=services.officer.id,
                        case_id=case_id,
                        values=values,
                    ),
                    lambda values: app.changed(
                        "Notified that the main duty ended: the last day to ask for a review "
                        "is on the due list."
                        if values["main_duty_end_notified_on"]
                        else "Main duty ended: produce its letter (Ctrl+T), then record the "
                        "day they got it (Ctrl+E)."
                    ),
                    refused_as="The end of the main duty was not saved",
                ),
            )
        )

    def action_back(self) -> None:
        self.leave_form(
            self.app.pop_screen,
            "Leave without saving the application?",
            "What is on the form has not been saved (Ctrl+S saves it).",
            discard="Leave without saving",
        )


def _code(value: Any) -> str:
    return value.value if value is not None else ""


def _day(value: date | None) -> str:
    return show.day(value) if value else ""
