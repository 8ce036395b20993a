"""The case's entries in the command palette (Ctrl+P): what each is called, what it does
(`CASE_COMMANDS`), and the palette's Provider that offers them while a case is on screen
(`CaseCommands`, which the app registers through a loader so that the case screen is not
imported at start-up)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from screens.case_detail import CaseScreen


def _opening(part: str) -> Callable[[CaseScreen], None]:
    return partial(CaseScreen.action_open, part=part)


CASE_COMMANDS: tuple[tuple[str, str, Callable[[CaseScreen], object]], ...] = (
    (
        "Interview",
        "The housing options interview for this case",
        _opening("interview"),
    ),
    (
        "Prevention options",
        "Options that fit the client",
        _opening("options"),
    ),
    (
        "Personal Housing Plan",
        "Preview, issue and read the plan",
        _opening("plan"),
    ),
    (
        "Duty letters",
        "Letters needed and produced",
        _opening("letters"),
    ),
    (
        "Homelessness decision",
        "The application, inquiries, minded to, decision, sign-off and review",
        _opening("decision"),
    ),
    ("Start a duty", "Record a prevention or relief duty", CaseScreen.action_start_duty),
    ("End the duty", "Record that the open duty ended", CaseScreen.action_end_duty),
    (
        "DHP check",
        "Is a Discretionary Housing Payment worth asking for",
        _opening("dhp"),
    ),
    (
        "Rent deposit check",
        "Check a property for the rent deposit scheme",
        _opening("deposit"),
    ),
    (
        "Repayment plans",
        "Money owed to the council and its instalments",
        _opening("repayments"),
    ),
    (
        "Sanctuary works",
        "Target hardening for domestic abuse: referral, works, costs",
        CaseScreen.action_target_hardening,
    ),
    (
        "Temporary accommodation",
        "Placements, the weeks in B&B, and costs to recharge",
        _opening("accommodation"),
    ),
    (
        "Correct the client's details",
        "Date of birth, name, NI number, contact or address, after triage",
        CaseScreen.action_correct_client,
    ),
    ("Add a case note", "Write a note on this case", CaseScreen.action_add_note),
    ("Close this case", "Mark the case closed", CaseScreen.action_close_case),
    (
        "Audit trail for this client",
        "Every change to the client and their cases, and who viewed them",
        CaseScreen.action_audit_trail,
    ),
)
"""The case's entries in the command palette (Ctrl+P): name, help, what it does."""


class CaseCommands(Provider):
    """The command palette's entries for the case on screen (none on other screens)."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        case = self.screen
        if isinstance(case, CaseScreen):
            for name, help_text, run in CASE_COMMANDS:
                yield name, help_text, partial(run, case)

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
