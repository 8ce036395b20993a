"""Duty letters: every start letter and end notice the case still needs, each drafted from the
case, and the letters already produced (the homelessness application's minded-to and decision
letters among them, produced on the Decision screen); Ctrl+E saves a copy of the one shown, to
print or email, where the officer chooses (screens/save_copy.py).

The Ombudsman finds duty-end notices never sent, or sent without reasons, so that applicants
lost their right to a review: an end notice here cannot be produced without the officer's
reasons, and stays on the list until it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from housing_tui.casework.duties import Duty, LetterKind
from housing_tui.documents.rendering import (
    DECISION_DOCUMENT_KINDS,
    DOCUMENT_TITLES,
    END_LETTER_KINDS,
    LETTER_KINDS,
    LetterContent,
    RenderedDocument,
    TemplateError,
    render_letter,
)
from screens import format as show
from screens.background import in_background
from screens.keys import after_typing
from screens.plan import client_address
from screens.save_copy import SAVE_COPY, SavesCopies
from screens.widgets.document_text import document_text
from screens.widgets.form_field import FieldMessage
from screens.workers import Work

if TYPE_CHECKING:
    from collections.abc import Callable

    from housing_tui.calendar.deadlines import Deadline
    from storage.rows import CaseDetail, DocumentRow

REASONS_PLACEHOLDER = "(Your reasons will appear here as you write them.)"
"""Stands in for the reasons in the preview only: an end notice is never saved without them."""

REDRAW_AFTER = 0.3
"""Seconds of no typing before the draft is drawn again with the reasons."""


@dataclass(frozen=True)
class NeededLetter:
    """A letter the case still needs, for one duty's start or end."""

    duty: Duty
    kind: LetterKind
    deadline: Deadline
    end_reason_label: str | None = None
    """Why the duty ended, from the H-CLIC list (read off the UI thread): end notices only."""

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.duty.id}"

    @property
    def is_end(self) -> bool:
        return self.kind.value in END_LETTER_KINDS


@dataclass(frozen=True)
class LetterDraft:
    """A letter as drawn for the officer: Ctrl+S produces this document, the one seen."""

    key: str
    """The `NeededLetter.key` it is for."""
    reasons: str | None
    """The reasons it was drawn with (an end notice), as typed and trimmed."""
    document: RenderedDocument | None
    problem: str | None = None
    """Why there is no document (a council template that cannot be used), for the officer."""


@dataclass(frozen=True)
class LetterView:
    detail: CaseDetail
    needed: tuple[NeededLetter, ...]
    produced: tuple[DocumentRow, ...]
    """Newest first."""


class LetterScreen(SavesCopies):
    BINDINGS = [
        Binding(
            "ctrl+s",
            "produce",
            "Produce letter",
            priority=True,
            tooltip="Produce the letter",
            id="letter.produce",
        ),
        SAVE_COPY,
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the case", id="letter.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    LetterScreen #letter-heading { height: auto; padding: 0 1; background: $boost; }
    LetterScreen #letter-body { layout: vertical; height: 1fr; }
    LetterScreen #letter-list { height: auto; max-height: 5; border: none; }
    LetterScreen #letter-main { height: 1fr; }
    LetterScreen #letter-reasons-field { height: auto; padding: 0 1; display: none; }
    LetterScreen #letter-reasons { height: 4; background: $boost; }
    LetterScreen #letter-document { height: 1fr; padding: 0 1; }
    LetterScreen.-wide #letter-body { layout: horizontal; }
    LetterScreen.-wide #letter-list { width: 40; height: 1fr; max-height: 100%; }
    LetterScreen.-wide #letter-main { width: 1fr; border-left: solid $primary-background; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: LetterView | None = None
        self.selected: str | None = None
        """The option shown: a needed letter's key or a produced letter's document id."""
        self.reasons: dict[str, str] = {}
        """What the officer wrote for each end notice, kept until it is produced: moving to
        another letter, or a save that fails, loses nothing."""
        self._redraw: Timer | None = None
        self._draft: LetterDraft | None = None
        """The letter last drawn: produced by Ctrl+S if it is still the one shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the letters…", id="letter-heading", markup=False)
        yield FieldMessage(id="letter-problem")
        with Container(id="letter-body"):
            yield OptionList(id="letter-list", markup=False, compact=True)
            with Vertical(id="letter-main"):
                with Vertical(id="letter-reasons-field"):
                    yield Label("Reasons (in plain words, to the client)", classes="field-label")
                    yield TextArea(id="letter-reasons", compact=True)
                    yield FieldMessage(id="letter-reasons-error")
                with VerticalScroll(id="letter-document"):
                    yield document_text("letter-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Duty letters"
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        services = self.services
        from housing_tui.casework.duties import letters_needed, why_it_ended
        from storage.case_file import load_case_file

        case_id = self.case_id
        today = services.clock.today()

        def end_reason(duty: Duty, letter: LetterKind) -> str | None:
            if letter.value not in END_LETTER_KINDS or not duty.end_reason:
                return None
            # To the client ("you became homeless"); the H-CLIC label where there is no wording.
            return why_it_ended(duty.end_reason) or duty.kind.end_reasons.label(duty.end_reason)

        def read() -> LetterView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            plan = case_file.plan
            return LetterView(
                detail=case_file.detail,
                needed=tuple(
                    NeededLetter(duty, letter, deadline, end_reason(duty, letter))
                    for duty, letter, deadline in letters_needed(plan.duties, today=today)
                ),
                # The application's minded-to and decision letters too, to read and copy.
                produced=tuple(
                    doc
                    for doc in plan.documents
                    if doc.kind in LETTER_KINDS or doc.kind in DECISION_DOCUMENT_KINDS
                ),
            )

        in_background(self, services.db.in_one_read(read), self._show, group=Work.LETTERS)

    def _show(self, view: LetterView | None) -> None:
        if view is None:
            self.query_one("#letter-heading", Static).update("This case is no longer on record.")
            return
        first_load = self.view is None
        self.view = view
        self.sub_title = f"Letters: {view.detail.client.full_name} (case {view.detail.case.ref})"
        today = self.services.clock.today()
        to_send = [
            Option(
                f"{'Overdue' if letter.deadline.due < today else 'To send'}: "
                f"{DOCUMENT_TITLES[letter.kind.value]}, due {show.day(letter.deadline.due)}",
                id=letter.key,
            )
            for letter in view.needed
        ]
        sent = [
            Option(
                f"Sent {show.day(doc.issued_on)} {doc.issued_by_initials}: "
                f"{show.document_title(doc.kind, doc.plan_version)}",
                id=doc.id,
            )
            for doc in view.produced
        ]
        letters = self.query_one("#letter-list", OptionList)
        letters.set_options([*to_send, None, *sent] if to_send and sent else to_send + sent)
        ids = [option.id for option in to_send + sent]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected is not None:
            letters.highlighted = letters.get_option_index(self.selected)
        self._show_selected()
        if first_load:
            letters.focus()

    # -- what is shown ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#letter-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.selected:
            self.selected = event.option.id
            self._show_selected()

    @on(OptionList.OptionSelected, "#letter-list")
    def _work_on_it(self) -> None:
        # Enter on a letter: straight to the reasons an end notice needs, else to the text.
        reasons = self.query_one("#letter-reasons-field")
        self.query_one("#letter-reasons" if reasons.display else "#letter-document").focus()

    def _needed(self) -> NeededLetter | None:
        if self.view is None:
            return None
        return next((n for n in self.view.needed if n.key == self.selected), None)

    def _show_selected(self) -> None:
        view = self.view
        if view is None:
            return
        heading = self.query_one("#letter-heading", Static)
        reasons_field = self.query_one("#letter-reasons-field")
        who = f"{view.detail.client.full_name}, case {view.detail.case.ref}"
        self._show_problem(None)
        self.query_one("#letter-reasons-error", FieldMessage).show(None)
        needed = self._needed()
        produced = next((doc for doc in view.produced if doc.id == self.selected), None)
        reasons_field.display = bool(needed and needed.is_end)
        if needed is not None:
            duty = needed.duty
            if needed.is_end:
                what = f"The duty ended on {show.day(duty.ended_on)}. Write the reasons below"
                area = self.query_one("#letter-reasons", TextArea)
                if area.text != self.reasons.get(needed.key, ""):
                    area.load_text(self.reasons.get(needed.key, ""))
            else:
                what = f"The duty started on {show.day(duty.started_on)}. Check the letter below"
            heading.update(
                f"{DOCUMENT_TITLES[needed.kind.value]}: {who}\n{what}, then Ctrl+S produces it."
            )
            self._draw_draft()
        elif produced is not None:
            self.record_view("case_document", produced.id, "the letter")
            heading.update(
                f"{show.document_title(produced.kind, produced.plan_version)}, produced "
                f"{show.day(produced.issued_on)} by "
                f"{produced.issued_by_initials}: {who}\nCtrl+E saves a copy to print or email."
            )
            self.query_one("#letter-text", Markdown).update(produced.body)
        else:
            heading.update(
                f"Duty letters for {who}\nNone yet: each duty that starts or ends on the case "
                "needs its letter, and it will be listed here."
            )
            self.query_one("#letter-text", Markdown).update("")
        self.query_one("#letter-document", VerticalScroll).scroll_home(animate=False)

    def document_to_copy(self) -> tuple[DocumentRow, str] | str:
        view = self.view
        if view is not None:
            for document in view.produced:
                if document.id == self.selected:
                    return document, view.detail.case.ref
        return "Choose a letter already produced from the list (Ctrl+S produces one first)."

    def _draw_draft(self, *, then_produce: bool = False) -> None:
        """The selected letter as it would be produced now, the reasons as written so far,
        made in the background (a .docx takes a moment) and shown when it is ready; then
        produced, if `then_produce` (Ctrl+S pressed before it was drawn)."""
        needed = self._needed()
        if needed is None:
            return
        self._draft = None
        typed = self.reasons.get(needed.key, "").strip() if needed.is_end else None
        draw = self._letter_maker(needed, typed)

        def drawn(draft: LetterDraft) -> None:
            if draft.key != self.selected:
                return  # another letter was chosen meanwhile; its own drawing follows
            self._draft = draft
            self._show_problem(draft.problem)
            text = draft.document.text if draft.document else ""
            self.query_one("#letter-text", Markdown).update(text)
            if then_produce:
                self.action_produce()

        in_background(self, draw, drawn, group=Work.LETTER_DRAFT)

    def _letter_maker(self, needed: NeededLetter, reasons: str | None) -> Callable[[], LetterDraft]:
        """A function making the letter, for a worker: without reasons yet, an end notice is
        drawn with a placeholder, to show only (`LetterDraft.reasons` stays None)."""
        services = self.services
        assert self.view is not None
        detail, duty = self.view.detail, needed.duty
        content = LetterContent(
            client_name=detail.client.full_name,
            client_address=client_address(detail.client),
            case_ref=detail.case.ref,
            officer_name=detail.officer_name,
            written_on=services.clock.today(),
            duty_started_on=duty.started_on,
            duty_ended_on=duty.ended_on if needed.is_end else None,
            end_reason_label=needed.end_reason_label,
            reasons=(reasons or REASONS_PLACEHOLDER) if needed.is_end else None,
        )
        council, templates = services.policy.council, services.templates

        def make() -> LetterDraft:
            try:
                document = render_letter(
                    needed.kind.value, content, council=council, templates=templates
                )
            except (TemplateError, ValueError) as error:
                return LetterDraft(needed.key, reasons, None, f"The letter cannot be made: {error}")
            return LetterDraft(needed.key, reasons, document)

        return make

    def _show_problem(self, message: str | None) -> None:
        self.query_one("#letter-problem", FieldMessage).show(message)

    # -- the reasons, as they are typed -------------------------------------------------------

    @on(TextArea.Changed, "#letter-reasons")
    def _reasons_changed(self, event: TextArea.Changed) -> None:
        needed = self._needed()
        if needed is None or not needed.is_end:
            return
        self.reasons[needed.key] = event.text_area.text
        if event.text_area.text.strip():
            self.query_one("#letter-reasons-error", FieldMessage).show(None)
        # Redraw once typing pauses, not on every key.
        if self._redraw is not None:
            self._redraw.stop()
        self._redraw = self.set_timer(REDRAW_AFTER, self._draw_draft)

    # -- producing ----------------------------------------------------------------------------

    @after_typing
    def action_produce(self) -> None:
        services = self.services
        from storage.plans import save_letter

        app, view, needed = self.app, self.view, self._needed()
        if app.saves.underway(f"letter {self.case_id}"):
            self.notify("Still producing the last letter…")
            return
        if view is None or needed is None:
            self.notify("Choose a letter still to send from the list: a letter produced is kept.")
            return
        reasons = self.reasons.get(needed.key, "").strip() if needed.is_end else None
        if needed.is_end and not reasons:
            self.query_one("#letter-reasons-error", FieldMessage).show(
                "Write the reasons the duty ended: the client needs them to decide whether to "
                "ask for a review, so the notice cannot be sent without them."
            )
            self.query_one("#letter-reasons", TextArea).focus()
            return
        draft = self._draft
        if draft is None or draft.key != needed.key or draft.reasons != reasons:
            # Still drawing, or drawn before the last words typed: draw, then produce that.
            if self._redraw is not None:
                self._redraw.stop()
            self._draw_draft(then_produce=True)
            return
        if draft.document is None:
            self.notify(draft.problem or "The letter cannot be made.", severity="error", timeout=10)
            return
        document = draft.document  # what is produced is what is seen
        kind, today = needed.kind.value, services.clock.today()
        case_id, officer_id = self.case_id, services.officer.id

        def produce() -> DocumentRow:
            return save_letter(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                kind=kind,
                document=document,
                issued_on=today,
                duty_id=needed.duty.id,
            )

        def produced(row: DocumentRow) -> None:
            self.reasons.pop(needed.key, None)
            app.notify(f"{DOCUMENT_TITLES[kind]} produced. Ctrl+E saves a copy to print or email.")
            self.selected = row.id  # show what was produced, ready for Ctrl+E
            app.changed()

        # If refused, the reasons stay in the box and in self.reasons: try again without
        # retyping.
        app.saves.save(
            f"the {DOCUMENT_TITLES[kind].lower()}",
            produce,
            produced,
            owner=self,
            shown=self._show_problem,
            key=f"letter {case_id}",
            refused_as="The letter was not produced",
        )
