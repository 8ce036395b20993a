"""Prevention options: what could keep the client housed or move them safely, from the
interview's facts. Options that fit come first with the reason; then those that need
something recorded first; then common options that do not fit, with why not. Enter turns
the highlighted option into a step of the Personal Housing Plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from screens import format as show
from screens.background import in_background
from screens.forms import DialogSave
from screens.services import HousingScreen
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.prevention.catalogue import Proposal
    from storage.case_file import CaseFile

FIT_STYLE = {"fits": "bold green", "needs_information": "yellow", "does_not_fit": "dim"}
FIT_SHORT = {"fits": "Fits", "needs_information": "Ask first", "does_not_fit": "No"}
"""For the narrow Fit column; the panel beside it says it in full."""


class OptionsScreen(HousingScreen[None]):
    BINDINGS = [
        Binding(
            "a", "choose", "Add to plan", tooltip="Or Enter on the option", id="options.choose"
        ),
        Binding("escape", "app.pop_screen", "Back", id="options.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_file: CaseFile | None = None
        self.proposals: dict[str, Proposal] = {}
        self.chosen: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Working out the options…", id="options-status")
        with Horizontal(id="options-body"):
            table: DataTable[object] = RowTable(id="options-table")
            table.add_column("Fit", key="fit", width=9)
            table.add_column("Option", key="option")
            yield table
            with VerticalScroll(id="options-detail"):
                yield Static("", id="options-why")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        services = self.services
        from housing_tui.prevention.catalogue import propose_options
        from storage.case_file import load_case_file

        today = services.clock.today()

        def work() -> tuple[CaseFile | None, list[Proposal]]:
            case_file = load_case_file(services.db, self.case_id)
            if case_file is None:
                return None, []
            proposals = propose_options(
                case_file.facts, today=today, policy=services.policy, catalogue=services.catalogue
            )
            return case_file, proposals

        in_background(self, services.db.in_one_read(work), self._show, group=Work.OPTIONS)

    def _show(self, loaded: tuple[CaseFile | None, list[Proposal]]) -> None:
        case_file, proposals = loaded
        if case_file is None:
            self.query_one("#options-status", Static).update("This case is no longer on record.")
            return
        self.case_file = case_file
        detail = case_file.detail
        self.sub_title = f"Options: {detail.client.full_name} ({detail.case.ref})"
        self.chosen = {a.option_key for a in case_file.plan.actions if a.option_key}
        table = self.query_one(DataTable)
        selected = self._selected_key()
        table.clear()
        self.proposals = {}
        for proposal in proposals:
            key = proposal.option.key
            self.proposals[key] = proposal
            title = proposal.option.title + ("  ✓ in the plan" if key in self.chosen else "")
            fit = Text(FIT_SHORT[proposal.fit.value], style=FIT_STYLE[proposal.fit.value])
            table.add_row(fit, title, key=key)
        if selected in self.proposals:
            table.move_cursor(row=table.get_row_index(selected))
        counts = {fit: sum(p.fit.value == fit for p in proposals) for fit in FIT_STYLE}
        self.query_one("#options-status", Static).update(
            f"{counts['fits']} fit, {counts['needs_information']} need information first, "
            f"{counts['does_not_fit']} common ones do not fit.  Enter adds the highlighted "
            "option to the plan."
        )
        self._explain()
        table.focus()

    def _selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#options-table")
    def _explain(self) -> None:
        proposal = self.proposals.get(self._selected_key() or "")
        why = self.query_one("#options-why", Static)
        if proposal is None:
            why.update("")
            return
        option = proposal.option
        text = Text()
        text.append(option.title, style="bold")
        text.append(f"\n{option.what}\n\n")
        text.append(f"{proposal.fit.label}:\n", style=FIT_STYLE[proposal.fit.value])
        for reason in proposal.reasons:
            text.append(f"• {reason}\n")
        text.append("\nIn the plan\n", style="bold")
        text.append(f"Council: {option.council_step}\nClient: {option.applicant_step}\n")
        if option.award_limit is not None:
            text.append(f"\nUp to £{option.award_limit:,.0f} without the principal's approval.\n")
        if option.contact:
            text.append(f"Contact: {option.contact}\n")
        text.append(
            f"\nStatutory return: prevention '{option.prevention_activity_label}', "
            f"relief '{option.relief_activity_label}'",
            style="dim",
        )
        why.update(text)

    @on(DataTable.RowSelected, "#options-table")
    def action_choose(self) -> None:
        proposal = self.proposals.get(self._selected_key() or "")
        if proposal is None or self.case_file is None:
            return
        if not self.case_file.detail.case.still_open:
            self.notify("This case is closed: its plan can no longer change.", severity="warning")
            return
        from housing_tui.prevention.catalogue import Fit
        from screens.dialogs import ConfirmDialog

        if proposal.fit is Fit.FITS:
            self._ask_for_step(proposal)
            return
        why = "; ".join(proposal.reasons)
        self.app.push_screen(
            ConfirmDialog(
                f"{proposal.option.title}: {proposal.fit.label.lower()}",
                f"{why}\n\nAdd it to the plan anyway?",
                [("add", "Add anyway"), ("back", "Back")],
            ),
            lambda answer: self._ask_for_step(proposal) if answer == "add" else None,
        )

    def _ask_for_step(self, proposal: Proposal) -> None:
        services = self.services
        from screens.action_dialog import ActionDialog

        app = self.app
        today = services.clock.today()
        option = proposal.option
        suggested = {
            "title": option.title,
            "owner": option.owner.value,
            "due_on": show.day(option.due_on(today, services.policy)),
            "status": "agreed",
        }

        def add(values: dict) -> object:
            from storage.plans import add_actions

            step = {
                **values,
                "option_key": option.key,
                "council_step": option.council_step,
                "applicant_step": option.applicant_step,
                "prevention_activity": option.prevention_activity,
                "relief_activity": option.relief_activity,
            }
            return add_actions(
                services.db, officer_id=services.officer.id, case_id=self.case_id, actions=[step]
            )

        app.push_screen(
            ActionDialog(
                today=today,
                suggested=suggested,
                heading="Add to the plan",
                saving=DialogSave(
                    "the plan step",
                    add,
                    lambda values: app.changed(f"Added to the plan: {values['title']}"),
                    refused_as="The plan step was not saved",
                ),
            )
        )
