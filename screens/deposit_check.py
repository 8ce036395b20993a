"""The rent deposit check on a case: a property offered to the client, what the landlord asks
for up front and the papers, with the result worked out live beside the form (what the law
allows, the rent against the Local Housing Allowance, affordability, whether the council's
scheme can help). Ctrl+S saves the check and its result on the case; the case's earlier checks
are listed under the form. Every rule is in `housing_tui.money.deposits`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static

from housing_tui.money.amounts import per_period, pounds
from housing_tui.money.benefits import household_entitlement
from housing_tui.money.deposits import (
    ANSWERED_CHECKS,
    DATE_KEYS,
    MONEY_KEYS,
    CheckAnswer,
    CheckStatus,
    DepositCheckResult,
    PropertyOffer,
    PropertyReading,
    check_property,
    form_parsers,
    rate_name,
    read_property,
)
from screens import format as show
from screens.background import in_background
from screens.forms import Form
from screens.keys import after_typing
from screens.widgets.form_column import FormColumn
from screens.widgets.form_field import FormField, money_field, pick_row, regular_amount_field
from screens.widgets.pick_field import PickField
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.reference.policy import DepositsPolicy
    from storage.case_file import CaseFile
    from storage.deposits import PropertyCheckRow

TYPED_FIELDS = (
    ("The property", "address", "Address", "house, street, town"),
    ("The property", "landlord", "Landlord or agent", "who the client deals with"),
    ("The property", "rent", "Rent", "e.g. 650 pcm or 150 pw"),
    ("The property", "bedrooms", "Bedrooms", "1 to 10 (a studio is 1)"),
    ("The tenancy", "tenancy_signed_on", "Signed on", "date; empty if not yet"),
    ("The tenancy", "tenancy_starts_on", "Starts on", "its first day"),
    ("Asked for up front", "deposit_asked", "Deposit asked", "e.g. 750; 0 if none"),
    ("Asked for up front", "rent_in_advance_asked", "Rent in advance", "empty if none"),
    ("Asked for up front", "holding_deposit", "Holding deposit", "empty if none"),
    ("Asked for up front", "fees_asked", "Letting fees asked", "banned: empty if none"),
    ("Papers and checks", "epc_rating", "EPC rating", "A to G; empty if not known"),
)
"""The typed fields: section, field name (`deposits.form_parsers`), label, what to type."""

LABELS = {
    **{key: label for _, key, label, _ in TYPED_FIELDS},
    **{check.value: check.label for check in ANSWERED_CHECKS},
}
"""Each field's label, to name the fields still to put right."""

TIDY: dict[str, Callable[[Any], str]] = {
    **dict.fromkeys(DATE_KEYS, lambda day: f"{day:%d/%m/%Y}"),
    "epc_rating": str,
}
"""How a good date or rating is shown back once the field is left ("c" -> "C"); amounts are
shown back the way every form shows them (`money_field`, `regular_amount_field`). Each takes
what its field's parser (`deposits.form_parsers`) reads, which one dict cannot say: Any."""

STATUS_MARK = {
    CheckStatus.PASS: ("✔ OK", "green"),
    CheckStatus.FAIL: ("✘ Fail", "bold red"),
    CheckStatus.NOT_KNOWN: ("? Not known", "yellow"),
}


class DepositCheckScreen(Form[None]):
    """A property offered to the client on case `case_id`, checked as it is typed."""

    PROBLEM_ID = "deposit-problem"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save check",
            priority=True,
            tooltip="Save the property and its result on the case",
            id="deposit_check.save",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="deposit_check.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DepositCheckScreen #deposit-heading { height: auto; padding: 0 1; background: $boost; }
    DepositCheckScreen #deposit-problem { margin-left: 1; }
    DepositCheckScreen #deposit-body { layout: vertical; height: 1fr; }
    DepositCheckScreen #deposit-form { height: 1fr; padding: 0 1; }
    DepositCheckScreen #deposit-result {
        height: 9; padding: 0 1; border-top: solid $primary-background;
    }
    DepositCheckScreen.-wide #deposit-body { layout: horizontal; }
    DepositCheckScreen.-wide #deposit-result {
        width: 1fr; height: 1fr; border-top: none; border-left: solid $primary-background;
    }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_file: CaseFile | None = None
        self.earlier: tuple[PropertyCheckRow, ...] = ()
        self._refused = False
        """Ctrl+S was refused for fields that are wrong: the line above the form names them
        until they are right."""

    def compose(self) -> ComposeResult:
        # The form's fields and what reads them; dates like "today" count from the clock.
        self.parsers = form_parsers(self.services.clock.today())
        yield Header()
        yield Static("Loading the case…", id="deposit-heading")
        yield self.problem_line()
        with Container(id="deposit-body"):
            with FormColumn(id="deposit-form", result_id="deposit-result"):
                section = ""
                for title, key, label, placeholder in TYPED_FIELDS:
                    if title != section:
                        section = title
                        yield Label(title, classes="section-title")
                    yield self._typed_field(key, label, placeholder)
                for check in ANSWERED_CHECKS:
                    yield from pick_row(
                        check.label,
                        check.value,
                        CheckAnswer.choices(),
                        value=CheckAnswer.NOT_KNOWN.value,
                        blank="Not known",
                    )
                yield Label("Earlier checks on this case", classes="section-title")
                yield Static("", id="deposit-earlier", markup=False)
            with VerticalScroll(id="deposit-result"):
                yield Static("", id="deposit-result-text")
        yield Footer(compact=True)

    def _typed_field(self, key: str, label: str, placeholder: str) -> FormField[Any]:
        parse = self.parsers[key]
        if key == "rent":
            return regular_amount_field(label, key, parse=parse, placeholder=placeholder)
        if key in MONEY_KEYS:
            return money_field(label, key, parse=parse, placeholder=placeholder)
        return FormField(label, key, parse=parse, tidy=TIDY.get(key), placeholder=placeholder)

    def on_mount(self) -> None:
        self.sub_title = "Rent deposit check"
        self.opened()
        self.query_one("#address").focus()
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        from storage.case_file import load_case_file
        from storage.deposits import property_checks

        db, case_id = self.services.db, self.case_id

        def read() -> tuple[CaseFile, tuple[PropertyCheckRow, ...]] | None:
            case_file = load_case_file(db, case_id)
            return None if case_file is None else (case_file, property_checks(db, case_id))

        in_background(self, db.in_one_read(read), self._loaded, group=Work.DEPOSIT)

    def _loaded(self, found: tuple[CaseFile, tuple[PropertyCheckRow, ...]] | None) -> None:
        if found is None:
            self.query_one("#deposit-heading", Static).update("This case is no longer on record.")
            return
        self.case_file, self.earlier = found
        detail = self.case_file.detail
        self.sub_title = f"Deposit check: {detail.client.full_name} (case {detail.case.ref})"
        self._show_heading()
        self._show_earlier()
        self._show_result()

    def _show_heading(self) -> None:
        assert self.case_file is not None and self.services.policy is not None
        policy, today = self.services.policy, self.services.clock.today()
        detail = self.case_file.detail
        entitlement, _ = household_entitlement(self.case_file.facts, today, policy)
        heading = Text(f"{detail.client.full_name}, case {detail.case.ref}", style="bold")
        if not detail.case.still_open:
            heading.append("  (closed: a check can be worked out, not saved)", style="bold red")
        heading.append(f"\nEntitled to {rate_name(entitlement.category)}. ")
        if policy.lha.sample:
            heading.append("LHA: SAMPLE figures, not your area's.", style="bold yellow")
        else:
            heading.append(f"LHA: {policy.lha.area}.")
        self.query_one("#deposit-heading", Static).update(heading)

    def _show_earlier(self) -> None:
        lines = [
            f"{show.day(row.checked_on)} {row.checked_by_initials:<3} {row.address}: "
            f"{row.rent_shown}, {row.bedrooms} bed, deposit "
            f"{pounds(row.deposit_asked) if row.deposit_asked is not None else 'not known'}. "
            + (
                f"Scheme can help: {pounds(row.scheme_deposit)}."
                if row.scheme_can_help and row.scheme_deposit is not None
                else "Scheme cannot help."
            )
            for row in self.earlier
        ]
        self.query_one("#deposit-earlier", Static).update("\n".join(lines) or "None yet.")

    # -- the live result ----------------------------------------------------------------------

    def _read(self, raw: dict[str, str]) -> PropertyReading:
        return read_property(raw, today=self.services.clock.today())

    def _checked(self, offer: PropertyOffer) -> DepositCheckResult:
        assert self.case_file is not None and self.services.policy is not None
        return check_property(
            offer,
            facts=self.case_file.facts,
            duties=self.case_file.plan.duties,
            checked_on=self.services.clock.today(),
            policy=self.services.policy,
        )

    @on(Input.Changed)
    @on(PickField.Changed)
    def _show_result(self) -> None:
        reading = self._read(self.form_text())
        if self._refused:
            self._show_refusal(reading.errors)
        if self.case_file is None:
            return
        offer = reading.offer
        text = self.query_one("#deposit-result-text", Static)
        if offer is None:
            text.update("The result shows here once the rent and the bedrooms can be read.")
            return
        assert self.services.policy is not None
        text.update(_result_view(self._checked(offer), offer, self.services.policy.deposits))

    # -- saving -------------------------------------------------------------------------------

    @after_typing
    def action_save(self) -> None:
        services = self.services
        from storage.deposits import save_property_check

        if self.still_saving(f"property check {self.case_id}", "Still saving the last check…"):
            return
        if self.case_file is None:
            self.notify("The case is still loading…")
            return
        raw = self.form_text()
        reading = self._read(raw)
        self.show_errors(reading.errors)
        if reading.offer is None or reading.errors:
            self._refused = True
            self._show_refusal(reading.errors)
            return
        if self.saved_already(raw):
            self.notify("This check is saved already: change something to save another.")
            return
        offer, case_id = reading.offer, self.case_id
        result = self._checked(offer)
        officer_id = services.officer.id

        def save() -> PropertyCheckRow:
            return save_property_check(
                services.db, officer_id=officer_id, case_id=case_id, offer=offer, result=result
            )

        def saved(row: PropertyCheckRow) -> None:
            scheme = (
                f"the scheme can put up {pounds(row.scheme_deposit)}"
                if row.scheme_can_help and row.scheme_deposit is not None
                else "the scheme cannot help"
            )
            self.now_saved(raw, f"Check saved for {row.address}: {scheme}.")

        self.save_form("the property check", save, saved, key=f"property check {case_id}")

    def _show_refusal(self, errors: dict[str, str]) -> None:
        """Which fields stopped the save, kept up to date as they are put right."""
        labels = [LABELS[key] for key in self.parsers if key in errors]
        self._refused = bool(labels)
        self.show_problem(
            f"Not saved: put right {', '.join(labels)} (see beside each)." if labels else None
        )

    def same_form(self, text: dict[str, str], other: dict[str, str]) -> bool:
        """Compared as read, so a field only tidied on leaving it ("c" -> "C") is no change."""
        return self._read(text) == self._read(other)

    def action_back(self) -> None:
        self.leave_form(
            self.app.pop_screen,
            "Leave without saving this check?",
            "What is on the form has not been saved (Ctrl+S saves it).",
            discard="Leave without saving",
        )


def _result_view(result: DepositCheckResult, offer: PropertyOffer, rules: DepositsPolicy) -> Group:
    """The result as the panel shows it: the scheme's answer, what the law allows, the rent
    against the LHA rate, then every check (breaches of the law first)."""
    scheme, limits, rent = result.scheme, result.limits, result.rent
    if scheme.can_help and scheme.deposit is not None:
        answer = Text(f"Rent deposit scheme: CAN HELP, {pounds(scheme.deposit)}", "bold green")
    else:
        answer = Text("Rent deposit scheme: CANNOT HELP", "bold red")

    advance = limits.rent_in_advance_limit
    most = show.hanging(
        (
            (
                "  Rent",
                f"{per_period(offer.rent, offer.rent_frequency)}: "
                f"{pounds(limits.weekly_rent)} a week, {pounds(limits.annual_rent)} a year",
            ),
            ("  Deposit", f"{pounds(limits.deposit_cap)}: {limits.deposit_rule(rules)}"),
            ("  Holding deposit", pounds(limits.holding_deposit_cap)),
            (
                "  Rent in advance",
                f"{pounds(advance)} ({limits.initial_rent})"
                if advance is not None
                else "no legal limit"
                if limits.rent_in_advance_applies is False
                else "depends on the tenancy's dates",
            ),
        )
    )
    rate = (
        "none in the policy file for today"
        if rent.lha_weekly is None
        else f"{pounds(rent.lha_weekly)} a week ({rate_name(rent.category)})"
    )
    against_lha: list[tuple[str | Text, str | Text]] = [("  LHA rate", rate)]
    if rent.shortfall_weekly:
        against_lha.append(("  Rent above it", f"{pounds(rent.shortfall_weekly)} a week"))
    left = rent.left_weekly
    if left is not None:
        after = (
            Text(f"{pounds(left)} a week left")
            if left >= 0
            else Text(f"{pounds(-left)} a week short", "bold red")
        )
        against_lha.append(("  After the move", after))
    checks = show.hanging(
        (
            Text(*STATUS_MARK[check.status]),
            Text.assemble((f"{check.what}: ", "bold"), check.reason),
        )
        for check in result.checks
    )
    return Group(
        answer,
        show.hanging(("  •", reason) for reason in scheme.reasons),
        Text("\nThe most the landlord may ask (to the penny below)", "bold"),
        most,
        Text("\nRent against the LHA", "bold"),
        show.hanging(against_lha),
        Text("\nChecks", "bold"),
        checks,
        *(Text(f"\n{note}", "italic") for note in result.notes),
    )
