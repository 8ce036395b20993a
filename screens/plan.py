"""The Personal Housing Plan: the draft of the next version, rendered live from the case, and
every version issued so far. Ctrl+S issues the draft; Ctrl+E saves a copy of the version shown,
to print or email, where the officer chooses (screens/save_copy.py).

A case never owed a duty, and every closed case, gets written advice instead of a plan: the
same steps and dates, without the duties, and with no review date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from housing_tui.documents.rendering import (
    DOCUMENT_TITLES,
    PLAN_KINDS,
    RenderedDocument,
    TemplateError,
    document_file_name,
    render_case_document,
    render_plan,
)
from screens import format as show
from screens.background import in_background
from screens.save_copy import SAVE_COPY, SavesCopies
from screens.widgets.document_text import document_text
from screens.widgets.form_field import FieldMessage
from screens.workers import Work

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from screens.services import Services
    from storage.case_file import CaseFile
    from storage.rows import CaseDetail, ClientRow, DocumentRow

DRAFT = "draft"
"""The option id of the draft, above the issued versions."""


@dataclass(frozen=True)
class PlanDraft:
    """The next version exactly as previewed: Ctrl+S saves this document, not a fresh
    rendering."""

    kind: str
    version: int
    issued_on: date
    review_on: date | None
    document: RenderedDocument


@dataclass(frozen=True)
class PlanView:
    case_ref: str
    client_name: str
    is_closed: bool
    issued: tuple[DocumentRow, ...]
    """Newest first."""
    draft: PlanDraft | None
    problem: str | None
    """Why there is no draft (a council template that cannot be used), for the officer."""


def client_address(client: ClientRow) -> str | None:
    """The address as an envelope shows it: the address, then the postcode on its own line."""
    lines = [part.strip() for part in (client.address, client.postcode) if part and part.strip()]
    return "\n".join(lines) or None


def money_document(
    kind: str, values: Mapping[str, object], *, detail: CaseDetail, services: Services
) -> RenderedDocument:
    """A money document (`kind`) for the client of the case, from the council's template:
    the letterhead, the client and the officer filled in. Raises TemplateError for a council
    template that cannot be used."""
    return render_case_document(
        kind,
        values,
        council=services.policy.council,
        templates=services.templates,
        client_name=detail.client.full_name,
        client_address=client_address(detail.client),
        case_ref=detail.case.ref,
        officer_name=detail.officer_name,
    )


@dataclass(frozen=True)
class DocumentToSave:
    """A document to make from the council's template, in the save's worker (a .docx takes
    a moment), and the name a copy is offered under."""

    make: Callable[[], RenderedDocument]
    """Raises StorageError, saying why, for a council template that cannot be used: the
    save is refused and the form says so, keeping what was typed."""
    file_name: str


def document_to_save(
    services: Services,
    kind: str,
    values: Mapping[str, object],
    *,
    detail: CaseDetail,
    number: int,
    cannot: str,
) -> DocumentToSave:
    """Money document `kind` for the case (the `number`th of its kind), with its file name;
    `cannot` ("the agreement cannot be made") begins the reason a template cannot be used."""

    def make() -> RenderedDocument:
        from storage.errors import StorageError

        try:
            return money_document(kind, values, detail=detail, services=services)
        except TemplateError as error:
            raise StorageError(f"{cannot}: {error}") from error

    ref = detail.case.ref
    return DocumentToSave(make, document_file_name(ref, kind, number, services.clock.today()))


def draft_plan(case_file: CaseFile, *, version: int, services: Services) -> PlanDraft:
    """The next version of the plan from what the case holds today. Raises TemplateError for
    a council template that cannot be used."""
    from housing_tui.calendar.due import case_due
    from housing_tui.prevention.catalogue import propose_options
    from housing_tui.prevention.plan import plan_content

    today, policy, catalogue = services.clock.today(), services.policy, services.catalogue
    detail, plan = case_file.detail, case_file.plan
    facts = case_file.facts
    content = plan_content(
        client_name=detail.client.full_name,
        client_address=client_address(detail.client),
        case_ref=detail.case.ref,
        officer_name=detail.officer_name,
        issued_on=today,
        review_days=policy.deadlines.php_review_days,
        case_open=detail.case.still_open,
        version=version,
        facts=facts,
        actions=plan.actions,
        duties=plan.duties,
        proposals=propose_options(facts, today=today, policy=policy, catalogue=catalogue),
        deadlines=case_due(case_file.due, today=today, policy=policy) if case_file.due else [],
        catalogue=catalogue,
    )
    return PlanDraft(
        kind=content.kind,
        version=version,
        issued_on=today,
        review_on=content.review_on,
        document=render_plan(content, council=policy.council, templates=services.templates),
    )


class PlanScreen(SavesCopies):
    BINDINGS = [
        Binding(
            "ctrl+s",
            "issue",
            "Issue draft",
            tooltip="Issue the draft as the next version",
            id="plan.issue",
        ),
        SAVE_COPY,
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the case", id="plan.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    PlanScreen #plan-heading { height: auto; padding: 0 1; background: $boost; }
    PlanScreen #plan-body { layout: vertical; height: 1fr; }
    PlanScreen #plan-versions { height: auto; max-height: 5; border: none; }
    PlanScreen #plan-document { height: 1fr; padding: 0 1; }
    PlanScreen.-wide #plan-body { layout: horizontal; }
    PlanScreen.-wide #plan-versions { width: 40; height: 1fr; max-height: 100%; }
    PlanScreen.-wide #plan-document { width: 1fr; border-left: solid $primary-background; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: PlanView | None = None
        self.selected = DRAFT
        """The option shown: DRAFT or an issued document's id."""
        self._problem_shown: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the plan…", id="plan-heading", markup=False)
        yield FieldMessage(id="plan-problem")
        with Container(id="plan-body"):
            yield OptionList(id="plan-versions", markup=False, compact=True)
            with VerticalScroll(id="plan-document"):
                yield document_text("plan-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Personal Housing Plan"
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.case_file import load_case_file
        from storage.plans import next_version

        case_id = self.case_id

        def read() -> PlanView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            # The plan and the written advice share one numbering.
            version = next_version(services.db, case_id, PLAN_KINDS[0])
            draft, problem = None, None
            try:
                draft = draft_plan(case_file, version=version, services=services)
            except TemplateError as error:
                problem = f"The draft cannot be made: {error}"
            detail = case_file.detail
            return PlanView(
                case_ref=detail.case.ref,
                client_name=detail.client.full_name,
                is_closed=not detail.case.still_open,
                issued=case_file.plan.plans,
                draft=draft,
                problem=problem,
            )

        in_background(self, services.db.in_one_read(read), self._show, group=Work.PLAN)

    def _show(self, view: PlanView | None) -> None:
        if view is None:
            self.query_one("#plan-heading", Static).update("This case is no longer on record.")
            return
        first_load = self.view is None
        self.view = view
        self.sub_title = f"Plan: {view.client_name} (case {view.case_ref})"
        if view.problem and view.problem != self._problem_shown:
            self.notify(view.problem, severity="error", timeout=10)
        self._show_problem(view.problem)
        versions = self.query_one("#plan-versions", OptionList)
        versions.set_options([Option(self._draft_label(view), id=DRAFT)])
        versions.add_options(
            Option(
                f"v{doc.plan_version} {show.day(doc.issued_on)} {doc.issued_by_initials}"
                + (f", review by {show.day(doc.review_on)}" if doc.review_on else ""),
                id=doc.id,
            )
            for doc in view.issued
        )
        if self.selected not in {DRAFT, *(doc.id for doc in view.issued)}:
            self.selected = DRAFT
        versions.highlighted = versions.get_option_index(self.selected)
        self._show_selected()
        if first_load:
            versions.focus()

    def _draft_label(self, view: PlanView) -> str:
        version = view.draft.version if view.draft else len(view.issued) + 1
        return f"Draft of version {version} (not issued)"

    # -- what is shown ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#plan-versions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.selected:
            self.selected = event.option.id
            self._show_selected()

    @on(OptionList.OptionSelected, "#plan-versions")
    def _read_it(self) -> None:
        # Enter on a version: move into the text, to scroll it with the arrow keys.
        self.query_one("#plan-document").focus()

    def _show_selected(self) -> None:
        view = self.view
        if view is None:
            return
        heading = self.query_one("#plan-heading", Static)
        text = self.query_one("#plan-text", Markdown)
        who = f"{view.client_name}, case {view.case_ref}"
        document = next((doc for doc in view.issued if doc.id == self.selected), None)
        if document is not None:
            self.record_view("case_document", document.id, "the plan")
            heading.update(
                f"{DOCUMENT_TITLES[document.kind]} v{document.plan_version}, issued "
                f"{show.day(document.issued_on)} by {document.issued_by_initials}: {who}\n"
                "Ctrl+E saves a copy to print or email."
            )
            text.update(document.body)
        elif view.draft is not None:
            draft = view.draft
            closed = " (the case is closed)" if view.is_closed else ""
            heading.update(
                f"{DOCUMENT_TITLES[draft.kind]}{closed}: {who}\n"
                f"Draft of version {draft.version}, not issued: Ctrl+S issues it as shown."
            )
            text.update(draft.document.text)
        else:
            heading.update(f"Plan for {who}\nNo draft: see the message above.")
            text.update("")
        self.query_one("#plan-document", VerticalScroll).scroll_home(animate=False)

    def _show_problem(self, message: str | None) -> None:
        self._problem_shown = message
        self.query_one("#plan-problem", FieldMessage).show(message)

    def document_to_copy(self) -> tuple[DocumentRow, str] | str:
        view = self.view
        document = next((d for d in view.issued if d.id == self.selected), None) if view else None
        if view is None or document is None:
            return "Choose an issued version from the list (Ctrl+S issues the draft first)."
        return document, view.case_ref

    # -- issuing ------------------------------------------------------------------------------

    def action_issue(self) -> None:
        services = self.services
        from storage.plans import save_document

        view, app = self.view, self.app
        if app.saves.underway(f"plan {self.case_id}"):
            self.notify("Still issuing the last version…")
            return
        if view is None or view.draft is None:
            self.notify(
                view.problem if view and view.problem else "The draft is not ready yet.",
                severity="warning",
            )
            return
        draft, case_id, officer_id = view.draft, self.case_id, services.officer.id
        file_name = document_file_name(view.case_ref, draft.kind, draft.version, draft.issued_on)

        def issue() -> DocumentRow:
            return save_document(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                kind=draft.kind,
                document=draft.document,
                issued_on=draft.issued_on,
                file_name=file_name,
                review_on=draft.review_on,
                version=draft.version,
            )

        def issued(document: DocumentRow) -> None:
            app.notify(
                f"Version {document.plan_version} issued. Ctrl+E saves a copy to print or email."
            )
            self.selected = document.id  # show what was issued, ready for Ctrl+E
            if self.is_attached:
                self._show_problem(None)
            app.changed()

        app.saves.save(
            f"version {draft.version} of the plan",
            issue,
            issued,
            owner=self,
            shown=self._show_problem,
            key=f"plan {case_id}",
            refused_as=f"Version {draft.version} was not issued",
        )
