"""The housing options interview: one section at a time (F2-F10 jump between them), every answer
saved the moment its field is left, and the assessment of the duties owed alongside, live.

Reopening a case's interview resumes at the first section with something required missing.
The fields for each question and the household's table are in screens/interview_fields.py; the
section strip and the assessment's text in screens/interview_panels.py.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Label, SelectionList, Static

from housing_tui.casework.assessment.consistency import consistency_problems
from housing_tui.casework.interview import (
    QUESTIONS,
    SECTIONS,
    Question,
    answers_from_triage,
    first_incomplete,
    parse_answer,
    problems_by_question,
    shown,
)
from housing_tui.reference.fields import FieldError
from screens import format as show
from screens.background import in_background
from screens.interview_fields import household_widgets, question_widgets
from screens.interview_panels import SECTION_KEYS, assessment_text, section_strip
from screens.saving import NOT_SAVED_YET
from screens.services import HousingScreen
from screens.widgets.form_field import FieldMessage, FormField
from screens.widgets.pick_field import PickField, field_key
from screens.workers import Work

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.widget import Widget

    from housing_tui.casework.duties import Duty
    from screens.member_dialog import MemberChange
    from storage.rows import CaseDetail, InterviewRecord


class InterviewScreen(HousingScreen[None]):
    BINDINGS = [
        *[
            Binding(key, f"section({index})", section.title, show=False, id=f"interview.{key}")
            for index, (key, section) in enumerate(zip(SECTION_KEYS, SECTIONS, strict=True))
        ],
        Binding(
            "ctrl+a",
            "add_member",
            "Add member",
            tooltip="Add a household member",
            id="interview.add_member",
            priority=True,  # from any field too: a field's own Ctrl+A (start of line) is Home
        ),
        Binding(
            "ctrl+y",
            "history",
            "History",
            tooltip="Earlier answers to this question",
            id="interview.history",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="interview.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.answers: dict[str, str] = {}
        """Question key -> canonical answer, as the assessment reads it ("" if unreadable)."""
        self.typed: dict[str, str] = {}
        """Question key -> what was typed, for answers that cannot be read."""
        self._asked: dict[str, tuple[str, str | None]] = {}
        """Question key -> the (answer, typed) last saved or being saved."""
        self.unsaved: dict[str, str] = {}
        """Question key -> why its answer is not saved (yet), shown beside the question."""
        self.members: tuple = ()
        self.duties: tuple[Duty, ...] = ()
        """The duties recorded on the case: the assessment reads them as the case does."""
        self.detail: CaseDetail | None = None
        self.section_index = 0
        self.opening = True  # until the interview is read and its first section shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the interview…", id="interview-progress")
        with Horizontal(id="interview-body"):
            yield VerticalScroll(id="interview-form")
            with VerticalScroll(id="interview-assessment"):
                yield Static("", id="assessment-text", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load(resume=True)

    def _load(self, *, resume: bool = False) -> None:
        from storage.cases import get_case
        from storage.interviews import load_interview
        from storage.plans import load_plan

        db, case_id = self.services.db, self.case_id

        def load() -> tuple[CaseDetail | None, InterviewRecord, tuple[Duty, ...]]:
            detail = get_case(db, case_id)
            duties = load_plan(db, case_id).duties if detail else ()
            return detail, load_interview(db, case_id), tuple(duties)

        in_background(
            self,
            db.in_one_read(load),
            partial(self._loaded, resume=resume),
            group=Work.INTERVIEW,
            failed=self.stop_opening,
        )

    def _loaded(
        self, loaded: tuple[CaseDetail | None, InterviewRecord, tuple[Duty, ...]], *, resume: bool
    ) -> None:
        detail, record, self.duties = loaded
        self.detail = detail
        answers, typed = dict(record.answers), dict(record.typed)
        for key in self.answers:  # answers still being saved stay as the officer left them
            if self.app.saves.underway(self._save_key(key)):
                answers[key] = self.answers[key]
                typed.pop(key, None)
                if key in self.typed:
                    typed[key] = self.typed[key]
        self.answers, self.typed = answers, typed
        self._asked = {key: (value, typed.get(key)) for key, value in answers.items()}
        self.members = record.members
        if detail:
            self.sub_title = f"Interview: {detail.client.full_name} (case {detail.case.ref})"
            seeded = answers_from_triage(
                homeless_tonight=detail.homeless_tonight,
                must_leave_on=detail.case.must_leave_on,
                flags=detail.flags,
            )
            for key, value in seeded.items():
                if key not in self.answers:
                    self._save(key, value)
        if resume:
            self.section_index = first_incomplete(self.answers)
        self._show_section()

    # -- the current section ----------------------------------------------------------------

    async def _render_section(self) -> None:
        form = self.query_one("#interview-form", VerticalScroll)
        await form.remove_children()
        section = SECTIONS[self.section_index]
        widgets: list = [Label(f"{section.title}", classes="section-title")]
        if section.key == "household":
            widgets += household_widgets(self.detail.client if self.detail else None, self.members)
        widgets += [widget for question in section.questions for widget in self._widgets(question)]
        await form.mount_all(widgets)
        form.scroll_home(animate=False)
        focusable = [w for w in form.query("Input, SelectionList, DataTable")]
        if focusable:
            focusable[0].focus()
        self.opening = False

    def _show_section(self) -> None:
        # Keys typed from here (after F5, say) wait until the section's fields are there.
        self.opening = True
        self.run_worker(self._render_section(), group=Work.RENDER, exclusive=True)
        self._refresh_progress()
        self._refresh_assessment()

    def _widgets(self, question: Question) -> list[Widget]:
        return question_widgets(
            question,
            stored=self.answers.get(question.key, ""),
            typed=self.typed.get(question.key),
            unsaved=self.unsaved.get(question.key),
            today=self.services.clock.today(),
        )

    # -- saving answers as they are left ----------------------------------------------------

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _text_left(self, event: Input.Blurred | Input.Submitted) -> None:
        question = QUESTIONS.get(event.input.id or "")
        if question is not None:
            self._save_text(question, event.value)

    def _save_text(self, question: Question, text: str) -> None:
        try:
            value = parse_answer(question, text, today=self.services.clock.today())
        except FieldError:
            # Kept as typed, so it is there with its message when the interview is reopened;
            # the assessment treats the question as unanswered meanwhile.
            self._save(question.key, "", typed=text)
        else:
            self._save(question.key, value)

    @on(PickField.Chosen)
    def _chosen(self, event: PickField.Chosen) -> None:
        question = QUESTIONS.get(event.control.id or "")
        if question is not None:
            self._save(question.key, event.value or "")

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        question = QUESTIONS.get(event.selection_list.id or "")
        if question is not None:
            chosen = set(event.selection_list.selected)
            self._save(question.key, ",".join(c for _, c in question.choices if c in chosen))

    def save_focused(self) -> None:
        """Save the field being typed in: used when the app is closed."""
        focused = self.focused
        question = QUESTIONS.get(field_key(focused) or "")
        if question is None or not isinstance(focused, Input):
            return
        if isinstance(focused.parent, PickField):  # what its list highlights now
            self._save(question.key, focused.parent.value or "")
        else:
            self._save_text(question, focused.value)

    def _save_key(self, key: str) -> str:
        return f"answer-{self.case_id}-{key}"

    def _save(self, key: str, value: str, *, typed: str | None = None) -> None:
        services = self.services
        if self._asked.get(key, ("", None)) == (value, typed):
            return
        from storage.interviews import save_answer

        self._asked[key] = (value, typed)
        self.answers[key] = value
        if typed is None:
            self.typed.pop(key, None)
        else:
            self.typed[key] = typed
        self._refresh_progress()
        self._refresh_assessment()
        app = self.app
        app.saves.save(
            f"the interview answer to “{QUESTIONS[key].label}”",
            partial(
                save_answer,
                services.db,
                officer_id=services.officer.id,
                case_id=self.case_id,
                key=key,
                value=value,
                typed=typed,
            ),
            # The case, the caseload and the due list below read the interview's facts.
            lambda _: app.changed(),
            owner=self,
            shown=partial(self._show_saving, key),
            key=self._save_key(key),
        )

    def _show_saving(self, key: str, message: str | None) -> None:
        """Beside the question: not saved yet, or why it was refused (None once saved)."""
        if message is None:
            self.unsaved.pop(key, None)
        else:
            self.unsaved[key] = message
            if message != NOT_SAVED_YET:
                self._asked.pop(key, None)  # refused: leaving the field again tries again
        for widget in self.query(f"#saving-{key}"):
            if isinstance(widget, FieldMessage):
                widget.show(message)

    # -- progress and assessment ------------------------------------------------------------

    def _refresh_progress(self) -> None:
        strip = self.query_one("#interview-progress", Static)
        # The strip spans the screen: the terminal's width, less its padding.
        width = self.app.size.width - strip.styles.gutter.width
        strip.update(section_strip(self.answers, self.section_index, width))

    def on_resize(self) -> None:
        self._refresh_progress()

    def _refresh_assessment(self) -> None:
        if self.detail is None:
            return
        from storage.case_file import case_facts

        facts = case_facts(self.detail, self.answers, self.members, self.duties)
        problems = consistency_problems(facts)
        self.query_one("#assessment-text", Static).update(
            assessment_text(
                facts,
                self.answers,
                section_index=self.section_index,
                problems=problems,
                today=self.services.clock.today(),
                policy=self.services.policy,
            )
        )
        self._show_problems(problems)

    def _show_problems(self, problems: dict[str, str]) -> None:
        """Beside each question, what does not add up (text fields keep their own
        message about how they were typed until that is put right)."""
        by_question = problems_by_question(problems)
        for form_field in self.query(FormField):
            if form_field.field_name in by_question:
                form_field.show_error(by_question[form_field.field_name])
        for message in self.query(FieldMessage):
            if message.id and message.id.startswith("error-"):
                message.show(by_question.get(message.id.removeprefix("error-")))

    # -- actions ----------------------------------------------------------------------------

    def action_section(self, index: int) -> None:
        self.save_focused()  # the field being typed in is left by changing section
        self.section_index = index
        self._show_section()

    def action_back(self) -> None:
        self.save_focused()
        self.app.pop_screen()

    def action_add_member(self) -> None:
        from screens.member_dialog import MemberDialog

        self.app.push_screen(MemberDialog(today=self.services.clock.today()), self._member_saved)

    @on(DataTable.RowSelected, "#members")
    def _edit_member(self, event: DataTable.RowSelected) -> None:
        from screens.member_dialog import MemberDialog

        member = next((m for m in self.members if m.id == event.row_key.value), None)
        if member is None:
            self.notify("The applicant's details are on the client record.")
            return
        self.app.push_screen(
            MemberDialog(today=self.services.clock.today(), member=member), self._member_saved
        )

    def _member_saved(self, result: MemberChange | None) -> None:
        if result is None:
            return
        from storage.interviews import remove_member, save_member

        services, case_id = self.services, self.case_id
        call: Callable[[], object]
        if isinstance(result, str):  # a member id to remove
            call = partial(
                remove_member, services.db, officer_id=services.officer.id, member_id=result
            )
        else:
            member_id, values = result
            call = partial(
                save_member,
                services.db,
                officer_id=services.officer.id,
                case_id=case_id,
                member_id=member_id,
                member=values,
            )
        app = self.app

        def saved(_: object) -> None:
            app.changed()
            if self.is_attached:
                self._load()

        app.saves.save("the household member", call, saved, owner=self)

    def action_history(self) -> None:
        from screens.dialogs import ConfirmDialog
        from storage.interviews import answer_history

        question = QUESTIONS.get(field_key(self.focused) or "")
        if question is None:
            self.notify("Move to a question first, then Ctrl+Y for its earlier answers.")
            return
        db, case_id = self.services.db, self.case_id

        def present(changes: list) -> None:
            text = (
                "\n".join(
                    f"{show.moment(c.changed_at)} {c.officer_initials}: "
                    f"{shown(question, c.old or '') or '(none)'} → "
                    f"{shown(question, c.new) or '(cleared)'}"
                    for c in changes
                )
                or "Not answered yet."
            )
            self.app.push_screen(
                ConfirmDialog(f"Earlier answers: {question.label}", text, [("ok", "Close")])
            )

        in_background(
            self, lambda: answer_history(db, case_id, question.key), present, group=Work.HISTORY
        )
