"""The parts of a case that open on a screen of their own (`CASE_PARTS`), by the name the case
screen's keys and its command palette entries open them with (screens/case_detail.py,
screens/case_commands.py)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from screens.accommodation import AccommodationScreen
from screens.decision import DecisionScreen
from screens.deposit_check import DepositCheckScreen
from screens.dhp import DhpScreen
from screens.interview import InterviewScreen
from screens.letter import LetterScreen
from screens.options import OptionsScreen
from screens.plan import PlanScreen
from screens.repayments import RepaymentsScreen
from screens.target_hardening import TargetHardeningScreen

CASE_PARTS: dict[str, Callable[[str], Screen[None]]] = {
    "interview": InterviewScreen,
    "options": OptionsScreen,
    "plan": PlanScreen,
    "letters": LetterScreen,
    "decision": DecisionScreen,
    "dhp": DhpScreen,
    "deposit": DepositCheckScreen,
    "repayments": RepaymentsScreen,
    "hardening": TargetHardeningScreen,
    "accommodation": AccommodationScreen,
}
"""The parts of a case that open on a screen of their own, given the case's id."""
