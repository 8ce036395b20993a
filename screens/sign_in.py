"""The doors of the app, which show no client data: signing in at start, the lock screen
(idle, or Ctrl+L), creating the team's first admin, and choosing a new passphrase.

The checking (argon2id, SQLCipher) runs in a worker: the screen stays responsive, and says
why a try was refused without a toast. What a try does is the shell's (`attempt`): screens do
not import the shell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from housing_tui.casework.roles import passphrase_problem
from housing_tui.reference import fields
from housing_tui.reference.policy import SecurityPolicy
from screens.background import in_background
from screens.workers import Work
from storage.keys import Account, KeysFileError, SignInRefused

T = TypeVar("T")

Attempt = Callable[[str, str], T]
"""(officer id, passphrase) -> what the door opens to; raises with a message for the officer."""


class _Door(Screen[T], Generic[T]):
    """A screen that covers everything and takes a passphrase; nothing behind it shows."""

    DEFAULT_CSS = """
    _Door { align: center middle; }
    _Door > Vertical { width: 72; height: auto; border: round $primary; padding: 0 1; }
    _Door Input { margin-bottom: 1; }
    _Door .section-title { margin-bottom: 1; }
    _Door .door-problem { color: $error; }
    """

    def __init__(self, refusals: tuple[type[Exception], ...] = ()) -> None:
        super().__init__()
        self._refusals = (SignInRefused, KeysFileError, *refusals)
        self._trying = False

    def problem(self, message: str | None) -> None:
        self.query_one("#door-problem", Static).update(message or "")

    def try_in_background(self, call: Callable[[], T]) -> None:
        """Run `call` in a worker; close with its result, or say why not."""
        if self._trying:
            return
        self._trying = True
        self.problem("Checking…")
        in_background(
            self,
            call,
            self._opened,
            group=Work.SIGN_IN,
            failed=self._refused,
            also_for_officer=self._refusals,
            notify=False,
        )

    def _opened(self, result: T) -> None:
        self._trying = False
        self.dismiss(result)

    def _refused(self, message: str) -> None:
        self._trying = False
        self.problem(message)
        for field in self.query(Input):
            if field.password:
                field.value = ""
        self.refused()

    def refused(self) -> None:
        """After a refusal: where the officer types next."""

    def door_problem(self) -> Static:
        return Static("", id="door-problem", classes="door-problem", markup=False)


class SignInScreen(_Door[T]):
    """Who is signing in (their initials, from the list) and their passphrase. As the lock
    screen it is for the signed-in officer only (`only`: their id and name), and keeps what is
    under it."""

    BINDINGS = [Binding("escape", "nothing", show=False, id="sign_in.stay")]

    def __init__(
        self,
        accounts: Sequence[Account],
        attempt: Attempt[T],
        *,
        only: tuple[str, str] | None = None,
        refusals: tuple[type[Exception], ...] = (),
    ) -> None:
        super().__init__(refusals)
        self.accounts = [a for a in accounts if a.active]
        self.attempt = attempt
        self.only = only

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.only is None:
                yield Label("Housing Options: sign in", classes="section-title")
                yield Static(
                    "Officers on this laptop: "
                    + "; ".join(a.label for a in sorted(self.accounts, key=lambda a: a.name)),
                    id="sign-in-officers",
                    markup=False,
                )
                yield Label("Your initials")
                # The only officer on the laptop need not say who they are: just the passphrase.
                alone = self.accounts[0].initials if len(self.accounts) == 1 else ""
                yield Input(id="sign-in-initials", value=alone, compact=True, max_length=5)
            else:
                yield Label(f"Locked: {self.only[1]}", classes="section-title")
                yield Static(
                    "The screen was locked. Your work is kept as it was: type your passphrase "
                    "to carry on.",
                    markup=False,
                )
            yield Label("Passphrase")
            yield Input(id="sign-in-passphrase", compact=True, password=True)
            yield self.door_problem()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        known = self.only or len(self.accounts) == 1
        first = "#sign-in-passphrase" if known else "#sign-in-initials"
        self.query_one(first, Input).focus()

    def action_nothing(self) -> None:
        """Escape does not leave a door."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "sign-in-initials":
            self.query_one("#sign-in-passphrase", Input).focus()
            return
        if self.only:
            officer_id = self.only[0]
        elif account := self._account(self.query_one("#sign-in-initials", Input).value):
            officer_id = account.officer_id
        else:
            return
        passphrase = event.input.value
        if not passphrase:
            self.problem("Type your passphrase, then Enter.")
            return
        attempt = self.attempt
        self.try_in_background(lambda: attempt(officer_id, passphrase))

    def _account(self, typed: str) -> Account | None:
        wanted = typed.strip().upper()
        found = next((a for a in self.accounts if a.initials == wanted), None)
        if found is None:
            self.problem(
                f"No officer on this laptop has the initials {wanted or '(none typed)'}: "
                "type yours as the list shows them."
                if wanted
                else "Type your initials first."
            )
            self.query_one("#sign-in-initials", Input).focus()
        return found

    def refused(self) -> None:
        self.query_one("#sign-in-passphrase", Input).focus()


class NewPassphraseScreen(_Door[T]):
    """A new passphrase, typed twice: the team's first admin (with their name and initials,
    unless `known` already says who they are) or an officer changing theirs (`officer_id`)."""

    def __init__(
        self,
        security: SecurityPolicy,
        attempt: Callable[[dict[str, str]], T],
        *,
        title: str,
        explanation: str,
        ask_name: bool,
        refusals: tuple[type[Exception], ...] = (),
    ) -> None:
        super().__init__(refusals)
        self.security = security
        self.attempt = attempt
        self.title_text, self.explanation, self.ask_name = title, explanation, ask_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="section-title")
            yield Static(self.explanation, markup=False)
            if self.ask_name:
                yield Label("Your name")
                yield Input(id="officer_name", compact=True, max_length=100)
                yield Label("Initials")
                yield Input(id="initials", compact=True, max_length=5)
            yield Label(
                f"New passphrase (at least {self.security.passphrase_min_length} characters)"
            )
            yield Input(id="new-passphrase", compact=True, password=True)
            yield Label("The same passphrase again")
            yield Input(id="new-passphrase-again", compact=True, password=True)
            yield self.door_problem()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "new-passphrase-again":
            self.focus_next()
            return
        typed: dict[str, Any] = {str(field.id): field.value for field in self.query(Input)}
        if self.ask_name:
            reading = fields.read_form(
                {"officer_name": typed["officer_name"], "initials": typed["initials"]},
                {
                    "officer_name": lambda text: fields.parse_name(text, what="Your name"),
                    "initials": fields.parse_initials,
                },
            )
            if reading.errors:
                field, wrong = next(iter(reading.errors.items()))
                self.problem(wrong)
                self.query_one(f"#{field}", Input).focus()
                return
            typed.update(reading.values)
        problem = passphrase_problem(
            typed["new-passphrase"], typed["new-passphrase-again"], self.security
        )
        if problem:
            self._refused(problem)  # typed again, both
            return
        attempt = self.attempt
        self.try_in_background(lambda: attempt(typed))

    def refused(self) -> None:
        self.query_one("#new-passphrase", Input).focus()
