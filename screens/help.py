"""F1: every key, on this screen first, then on every other screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from screens.case_detail import CaseScreen
from screens.caseload import CaseloadScreen
from screens.client_search import ClientSearchScreen
from screens.conflicts import ConflictsScreen
from screens.deposit_check import DepositCheckScreen
from screens.dhp import DhpScreen
from screens.dhp_budget import DhpBudgetScreen
from screens.due import DueScreen
from screens.interview import InterviewScreen
from screens.letter import LetterScreen
from screens.options import OptionsScreen
from screens.plan import PlanScreen
from screens.repayments import RepaymentsScreen
from screens.triage import TriageScreen
from screens.widgets.conflict_list import ConflictList

SCREENS: dict[str, type[Screen[None]]] = {
    "Caseload": CaseloadScreen,
    "Find a client": ClientSearchScreen,
    "New approach (triage)": TriageScreen,
    "Case": CaseScreen,
    "Interview": InterviewScreen,
    "Prevention options": OptionsScreen,
    "Personal Housing Plan": PlanScreen,
    "Duty letters": LetterScreen,
    "DHP check": DhpScreen,
    "Rent deposit check": DepositCheckScreen,
    "Repayment plans": RepaymentsScreen,
    "What is due": DueScreen,
    "DHP budget (command palette)": DhpBudgetScreen,
    "Sync conflicts (command palette)": ConflictsScreen,
}
EVERYWHERE = [
    ("F1", "this help"),
    ("Ctrl+P", "command palette: every action by name"),
    ("Tab / Shift+Tab", "next / previous field"),
    ("Ctrl+R", "sync with the team store"),
    ("Ctrl+Q", "quit (everything saved stays saved)"),
]


KEY_NAMES = {
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "down": "Down",
}


def key_name(key: str) -> str:
    """How a key is written on a keyboard: 'ctrl+s' -> 'Ctrl+S', 'slash' -> '/'."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    *modifiers, last = key.split("+")
    if modifiers or (last[:1] == "f" and last[1:].isdigit()):
        last = last.upper()
    return "+".join([modifier.capitalize() for modifier in modifiers] + [last])


def _binding_lines(bindings: list[BindingType]) -> list[str]:
    lines = []
    for binding in bindings:
        assert isinstance(binding, Binding)
        keys = ", ".join(key_name(key) for key in binding.key.split(","))
        lines.append(f"  {keys:<16} {binding.tooltip or binding.description}")
    return lines


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys  (Esc to close)", classes="dialog-title")
            yield Static(self._text(), markup=False, id="help-text")

    def _text(self) -> str:
        lines = ["Everywhere"]
        lines += [f"  {key:<16} {what}" for key, what in EVERYWHERE]
        for title, screen in SCREENS.items():
            lines += ["", title]
            lines += _binding_lines(screen.BINDINGS)
            if screen in (CaseScreen, ConflictsScreen):
                lines += _binding_lines(ConflictList.BINDINGS)
            if screen is ConflictsScreen:
                lines.append(f"  {'Enter':<16} open the case of the highlighted conflict")
            if screen is CaseloadScreen:
                lines.append(f"  {'Enter':<16} open the highlighted case")
            if screen is ClientSearchScreen:
                lines.append(f"  {'Enter':<16} triage for the highlighted client")
        return "\n".join(lines)
