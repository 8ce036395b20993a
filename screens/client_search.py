"""Find a client as you type (name, date of birth, postcode, NI number) and see their earlier
approaches before starting a new one; create a new client only after searching."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from screens import format as show
from screens.background import in_background
from screens.services import HousingScreen
from screens.widgets.one_line_input import OneLineInput
from screens.widgets.row_table import RowTable
from screens.workers import Work
from storage.rows import CaseRow, ClientRow


class ClientSearchScreen(HousingScreen[None]):
    """Who is this? Search before creating, so nobody is on record twice."""

    BINDINGS = [
        Binding(
            "ctrl+n",
            "new_client",
            "New client",
            priority=True,
            tooltip="None of these: start triage for a new client",
            id="client_search.new_client",
        ),
        Binding("down", "to_results", "Results", show=False, id="client_search.to_results"),
        Binding("escape", "app.pop_screen", "Back", id="client_search.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._clients: dict[str, ClientRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            "New approach: find the client first. Enter on a result starts triage.",
            classes="screen-intro",
        )
        yield OneLineInput(
            placeholder="Name, date of birth (31/01/1990), postcode or NI number",
            id="search-text",
            what="the search",
        )
        yield Static("Type to search.", id="search-status")
        with Horizontal(id="search-body"):
            table: DataTable[object] = RowTable(id="search-results")
            table.add_column("Name", key="name", width=24)
            table.add_column("Born", key="born", width=10)
            table.add_column("Postcode", key="postcode", width=8)
            table.add_column("NI number", key="ni", width=9)
            table.add_column("Seen", key="seen", width=4)
            yield table
            with Vertical(id="search-history"):
                yield Label("Previous approaches", classes="panel-title")
                yield Static("", id="history-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search-text", Input).focus()

    @on(Input.Changed, "#search-text")
    def _search(self, event: Input.Changed) -> None:
        services = self.services
        from storage.clients import search_clients

        text = event.value
        in_background(
            self,
            lambda: search_clients(services.db, text, today=services.clock.today()),
            self._show,
            group=Work.SEARCH,
        )

    def _show(self, found: tuple[list[ClientRow], bool]) -> None:
        clients, more = found
        table = self.query_one("#search-results", DataTable)
        table.clear()
        self._clients = {client.id: client for client in clients}
        for client in clients:
            table.add_row(
                client.full_name,
                show.day(client.date_of_birth),
                client.postcode or "",
                client.ni_number or "",
                str(client.approaches),
                key=client.id,
            )
        text = self.query_one("#search-text", Input).value.strip()
        if not text:
            status = "Type to search."
        elif not clients:
            status = "Nobody matches. Ctrl+N: new client."
        else:
            status = (
                f"{len(clients)}{'+' if more else ''} found"
                f"{', type more to narrow' if more else ''}. ↓ to the list, "
                "Enter: triage for that person. Ctrl+N: new client."
            )
        self.query_one("#search-status", Static).update(status)
        if not clients:
            self.query_one("#history-body", Static).update("")

    @on(DataTable.RowHighlighted, "#search-results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        from storage.cases import cases_for_client

        client_id, db = event.row_key.value, self.services.db
        if client_id:
            in_background(
                self,
                lambda: cases_for_client(db, client_id),
                self._show_history,
                group=Work.HISTORY,
            )

    def _show_history(self, cases: list[CaseRow]) -> None:
        if not cases:
            text = "None: this is their first approach."
        else:
            lines = [
                f"{len(cases)} approach{'es' if len(cases) != 1 else ''}"
                f"{' — repeat homelessness?' if len(cases) > 1 else ''}"
            ]
            for case in cases:
                lines.append(
                    f"{show.day(case.approached_at.date())}  {show.case_status(case.status)} "
                    f"{show.problem(case.presenting_problem)}"
                )
            text = "\n".join(lines)
        self.query_one("#history-body", Static).update(text)

    @on(DataTable.RowSelected, "#search-results")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        from screens.triage import TriageScreen

        client = self._clients.get(str(event.row_key.value))
        if client:
            self.app.switch_screen(TriageScreen(client=client))

    def action_to_results(self) -> None:
        table = self.query_one("#search-results", DataTable)
        if table.row_count:
            table.focus()

    def action_new_client(self) -> None:
        from screens.triage import TriageScreen

        typed = self.query_one("#search-text", Input).value
        self.app.switch_screen(TriageScreen(prefill=typed))
