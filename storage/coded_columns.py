"""Which columns hold a code, and the code list each one's codes come from.

One mapping, column -> the code list officers choose from when they type it (the domain's own
lists: no copy of any list here). A batch arriving by sync is checked against it
(storage/sync/code_checks.py), and the conflicts list shows a code by its label.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from housing_tui.accommodation.placements import CostPeriod, PlacementDuty, PlacementType
from housing_tui.casework.assessment.facts import Relationship
from housing_tui.casework.decisions.outcomes import (
    ApplicationGround,
    Finding,
    Inquiry,
    ReviewOutcome,
)
from housing_tui.casework.decisions.outcomes import Outcome as DecisionOutcome
from housing_tui.casework.duties import DutyKind
from housing_tui.documents.rendering.kinds import DOCUMENT_TITLES
from housing_tui.money.amounts import Frequency
from housing_tui.money.benefits import Sex
from housing_tui.money.deposits.offer import EPC_RATINGS
from housing_tui.money.dhp.applications import DhpStatus
from housing_tui.money.repayments.plan import PlanStatus, RechargeKind
from housing_tui.prevention.actions import ActionOwner, ActionStatus, Outcome
from housing_tui.prevention.target_hardening import Agreement
from housing_tui.reference.codes import CaseStatus, Channel, PresentingProblem, Urgency, _Coded
from housing_tui.reference.hclic import hclic_codes
from housing_tui.reference.policy import Role
from storage.retention import ERASURE, RETENTION

CodeLabels = Mapping[str, str]
"""A code list: each code and the label officers read for it."""


def _coded(kind: type[_Coded]) -> Callable[[], CodeLabels]:
    return lambda: {member.value: member.label for member in kind}


def _hclic(*names: str) -> Callable[[], CodeLabels]:
    """One H-CLIC list, or several where the column holds a code of either (a duty's end
    reason is from the prevention or the relief list, by the duty's kind)."""
    return lambda: {entry.code: entry.display for name in names for entry in hclic_codes()[name]}


def _words(words: Mapping[str, str]) -> Callable[[], CodeLabels]:
    return lambda: words


CODE_COLUMNS: dict[tuple[str, str], Callable[[], CodeLabels]] = {
    ("officer", "role"): _words({role.value: role.label for role in Role}),
    ("case", "channel"): _coded(Channel),
    ("case", "status"): _coded(CaseStatus),
    ("case", "urgency"): _coded(Urgency),
    ("case", "presenting_problem"): _coded(PresentingProblem),
    ("case", "secured_outcome"): _coded(Outcome),
    ("case", "secured_duty"): _coded(DutyKind),
    ("case", "main_activity"): _hclic("main_prevention_activity", "main_relief_activity"),
    ("household_member", "relationship"): _coded(Relationship),
    ("household_member", "sex"): _coded(Sex),
    ("case_action", "owner"): _coded(ActionOwner),
    ("case_action", "status"): _coded(ActionStatus),
    ("case_action", "prevention_activity"): _hclic("main_prevention_activity"),
    ("case_action", "relief_activity"): _hclic("main_relief_activity"),
    ("case_action", "outcome"): _coded(Outcome),
    ("case_action", "accommodation_secured"): _hclic("accommodation_secured"),
    ("duty", "kind"): _coded(DutyKind),
    ("duty", "end_reason"): _hclic("prevention_duty_end", "relief_duty_end"),
    ("homelessness_application", "ground"): _coded(ApplicationGround),
    # Each inquiry's finding is a column of the application named by the inquiry.
    **{("homelessness_application", inquiry.value): _coded(Finding) for inquiry in Inquiry},
    ("homelessness_application", "minded_to_outcome"): _coded(DecisionOutcome),
    ("homelessness_application", "outcome"): _coded(DecisionOutcome),
    ("homelessness_application", "outcome_reason"): _hclic("relief_duty_end"),
    ("homelessness_application", "review_outcome"): _coded(ReviewOutcome),
    ("homelessness_application", "main_duty_end_reason"): _hclic("main_duty_end"),
    ("placement", "type"): _coded(PlacementType),
    ("placement", "duty"): _coded(PlacementDuty),
    ("placement", "cost_period"): _coded(CostPeriod),
    ("recharge_cost", "kind"): _coded(RechargeKind),
    ("target_hardening", "agreement"): _coded(Agreement),
    ("case_document", "kind"): _words(DOCUMENT_TITLES),
    ("dhp_application", "status"): _coded(DhpStatus),
    ("property_check", "rent_frequency"): _coded(Frequency),
    ("property_check", "epc_rating"): _words({rating: rating for rating in EPC_RATINGS}),
    ("repayment_plan", "kind"): _coded(RechargeKind),
    ("repayment_plan", "frequency"): _coded(Frequency),
    ("repayment_plan", "status"): _coded(PlanStatus),
    ("purged_record", "reason"): _words({RETENTION: "Retention", ERASURE: "Erasure"}),
    ("sync_conflict", "resolution"): _words({"restored": "Put back", "kept": "Kept"}),
}
"""Every column of storage/tables.py that holds a code, and its code list
(tests/unit/sync/test_forged_codes.py checks that none is left out)."""


@cache
def code_labels(table: str, column: str) -> CodeLabels | None:
    """The code list of `table.column`, or None for a column that holds no code."""
    codes = CODE_COLUMNS.get((table, column))
    return None if codes is None else dict(codes())
