"""F1: the screen it was opened on first, with its rules (what client search finds, what an
interview section needs for its ✓), then how dates, money and pick-lists are typed, then every
key on every other screen. The rules and forms come from the code that applies them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from housing_tui.casework.clients import SEARCH_ACCEPTS
from housing_tui.casework.interview import progress
from housing_tui.money.amounts import MONEY_FORMS
from housing_tui.reference.fields import DATE_FORMS
from screens.accommodation import AccommodationScreen
from screens.case_detail import CaseScreen
from screens.caseload import CaseloadScreen
from screens.client_search import ClientSearchScreen
from screens.conflicts import ConflictsScreen
from screens.decision import DecisionScreen
from screens.deposit_check import DepositCheckScreen
from screens.dhp import DhpScreen
from screens.dhp_budget import DhpBudgetScreen
from screens.due import DueScreen
from screens.interview import InterviewScreen
from screens.interview_panels import SECTION_KEYS
from screens.laptops import LaptopsScreen
from screens.letter import LetterScreen
from screens.officers import OfficersScreen
from screens.options import OptionsScreen
from screens.placements import PlacementsScreen
from screens.plan import PlanScreen
from screens.repayments import RepaymentsScreen
from screens.target_hardening import TargetHardeningScreen
from screens.triage import TriageScreen
from screens.widgets.conflict_list import ConflictList
from screens.widgets.form_column import FormColumn

SCREENS: dict[str, type[Screen[None]]] = {
    "Caseload": CaseloadScreen,
    "Find a client": ClientSearchScreen,
    "New approach (triage)": TriageScreen,
    "Case": CaseScreen,
    "Interview": InterviewScreen,
    "Prevention options": OptionsScreen,
    "Personal Housing Plan": PlanScreen,
    "Duty letters": LetterScreen,
    "Homelessness decision": DecisionScreen,
    "DHP check": DhpScreen,
    "Rent deposit check": DepositCheckScreen,
    "Repayment plans": RepaymentsScreen,
    "Sanctuary works (target hardening)": TargetHardeningScreen,
    "Temporary accommodation": AccommodationScreen,
    "What is due": DueScreen,
    "Placements": PlacementsScreen,
    "DHP budget (command palette)": DhpBudgetScreen,
    "Sync conflicts (command palette)": ConflictsScreen,
    "Officers (command palette, admins)": OfficersScreen,
    "Laptops (command palette, admins)": LaptopsScreen,
}
EVERYWHERE = [
    ("F1", "this help"),
    ("Ctrl+P", "command palette: every action by name"),
    ("Tab / Shift+Tab", "next / previous field"),
    ("Ctrl+R", "sync with the team store"),
    ("Ctrl+Q", "quit (everything saved stays saved)"),
]


def _forms(forms: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{typed} ({meaning})" if meaning else typed for typed, meaning in forms)


TYPING = [
    "Typing into forms",
    f"  Dates        {_forms(DATE_FORMS)}",
    f"  Money        {_forms(MONEY_FORMS)}",
    "  Pick-lists   type a word to find a choice, in your own words too (dv, selling, s8);",
    "               Down shows them all; Tab or Enter takes the one highlighted; Esc puts back",
    "  Text fields  Home / End: start / end of the line, always. Ctrl+A / Ctrl+E do the same",
    "               except where a screen lists them as its own keys (Ctrl+E: save a copy)",
]


def _interview_rules() -> list[str]:
    """What each section needs for its ✓: the questions the rule (`progress`) finds missing
    when nothing is answered."""
    return [
        "  A section gets its ✓ once these are answered (the line under the strip says what",
        "  is left); 0 answers a money question, 'No support needs' the support needs:",
        *[
            f"    {key.upper():<4} {state.section.short}: {', '.join(state.missing)}"
            for key, state in zip(SECTION_KEYS, progress({}), strict=True)
        ],
    ]


PARTS: dict[type[Screen[None]], type[Widget]] = {
    CaseScreen: ConflictList,
    ConflictsScreen: ConflictList,
    DhpScreen: FormColumn,
    DepositCheckScreen: FormColumn,
}
"""A part of a screen with keys of its own (they work while the focus is in it)."""

RULES: dict[type[Screen[None]], list[str]] = {
    ClientSearchScreen: [f"  {SEARCH_ACCEPTS}"],
    InterviewScreen: _interview_rules(),
}
"""A screen's rules, shown above its keys."""


KEY_NAMES = {
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "down": "Down",
    "pagedown": "PageDown",
    "pageup": "PageUp",
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

    def __init__(self, opened_on: Screen[object] | None = None) -> None:
        super().__init__()
        self._opened_on = type(opened_on) if opened_on else None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys  (Esc to close)", classes="dialog-title")
            yield Static(self._text(), markup=False, id="help-text")

    def _text(self) -> str:
        first = [title for title, screen in SCREENS.items() if screen is self._opened_on]
        lines = [line for title in first for line in [*_screen_lines(title), ""]]
        lines += ["Everywhere", *[f"  {key:<16} {what}" for key, what in EVERYWHERE]]
        lines += ["", *TYPING]
        for title in SCREENS:
            if title not in first:
                lines += ["", *_screen_lines(title)]
        return "\n".join(lines)


def _screen_lines(title: str) -> list[str]:
    """A screen's title, its rules, then its keys."""
    screen = SCREENS[title]
    lines = [title, *RULES.get(screen, []), *_binding_lines(screen.BINDINGS)]
    if screen in PARTS:
        lines += _binding_lines(PARTS[screen].BINDINGS)
    if screen is ConflictsScreen:
        lines.append(f"  {'Enter':<16} open the case of the highlighted conflict")
    if screen is CaseloadScreen:
        lines.append(f"  {'Enter':<16} open the highlighted case")
    if screen is ClientSearchScreen:
        lines.append(f"  {'Enter':<16} triage for the highlighted client")
    return lines
