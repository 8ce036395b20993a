"""The council policy file: thresholds and lists a council may change without touching code.

Shipped defaults live in `housing_tui/reference/policy_default.toml`; a council's own
`policy.toml` in the data directory overrides any of them, key by key. One module per section
of the file: `triage`, `assessment`, `deadlines`, `decisions`, `council`, `money` (benefits,
LHA, DHP, deposits, repayments), `accommodation` (and recharging), `retention`, `security`,
`target_hardening`; `loading` merges and reads the whole file, `reading` holds the typed reads
every section uses. Import the names from here.
"""

from __future__ import annotations

from housing_tui.reference.policy.accommodation import AccommodationPolicy, RechargingPolicy
from housing_tui.reference.policy.assessment import AssessmentPolicy, GroundRule
from housing_tui.reference.policy.council import CouncilPolicy
from housing_tui.reference.policy.deadlines import DeadlinesPolicy
from housing_tui.reference.policy.decisions import DecisionsPolicy
from housing_tui.reference.policy.loading import POLICY_FILE_NAME, Policy, load_policy
from housing_tui.reference.policy.money import (
    BenefitsPolicy,
    DepositSchemePolicy,
    DepositsPolicy,
    DhpPolicy,
    LhaPolicy,
    LhaRates,
    RepaymentsPolicy,
)
from housing_tui.reference.policy.reading import PolicyError
from housing_tui.reference.policy.retention import RetentionPolicy
from housing_tui.reference.policy.security import (
    Argon2Cost,
    ReservedAction,
    Role,
    SecurityPolicy,
)
from housing_tui.reference.policy.target_hardening import TargetHardeningPolicy
from housing_tui.reference.policy.triage import TodayRule, TriagePolicy

__all__ = [
    "AccommodationPolicy",
    "Argon2Cost",
    "AssessmentPolicy",
    "BenefitsPolicy",
    "CouncilPolicy",
    "DeadlinesPolicy",
    "DecisionsPolicy",
    "DepositSchemePolicy",
    "DepositsPolicy",
    "DhpPolicy",
    "GroundRule",
    "LhaPolicy",
    "LhaRates",
    "POLICY_FILE_NAME",
    "Policy",
    "PolicyError",
    "RechargingPolicy",
    "RepaymentsPolicy",
    "ReservedAction",
    "RetentionPolicy",
    "Role",
    "SecurityPolicy",
    "TargetHardeningPolicy",
    "TodayRule",
    "TriagePolicy",
    "load_policy",
]
