"""The [security] section: passphrase rules, sign-in back-off, the idle lock, the argon2id
cost, and which roles may do each action the seeds reserve for the principal
(`housing_tui.casework.roles` decides with it; `storage.keys` derives keys with it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from housing_tui.reference.policy.reading import Section


class Role(StrEnum):
    """What an account may do beyond an officer's own casework."""

    OFFICER = "officer"
    PRINCIPAL = "principal"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"officer": "officer", "principal": "principal officer", "admin": "admin"}[
            self.value
        ]


class ReservedAction(StrEnum):
    """Actions only some roles may do. The decision, target hardening, bed and breakfast and
    report actions are checked the same way once they are built (issue 17)."""

    TEAM_CASELOAD = "team_caseload"
    TEAM_DUE_LIST = "team_due_list"
    EXPORT = "export"
    MANAGE_OFFICERS = "manage_officers"
    SIGN_OFF_DECISION = "sign_off_decision"
    APPROVE_TARGET_HARDENING_OVER_LIMIT = "approve_target_hardening_over_limit"
    OVERRIDE_BED_AND_BREAKFAST_BLOCK = "override_bed_and_breakfast_block"
    TEAM_REPORTS = "team_reports"
    PURGE_RECORDS = "purge_records"
    SUBJECT_ACCESS = "subject_access"
    ERASE_CLIENT = "erase_client"

    @property
    def words(self) -> str:
        """The action in officers' words, to follow "Only ... may"."""
        return _WORDS[self]


_WORDS = {
    ReservedAction.TEAM_CASELOAD: "see the team's caseload",
    ReservedAction.TEAM_DUE_LIST: "see what is due on the team's cases",
    ReservedAction.EXPORT: "export clients, cases or the audit trail",
    ReservedAction.MANAGE_OFFICERS: "add officers, reset passphrases and set roles",
    ReservedAction.SIGN_OFF_DECISION: "sign off a homelessness decision",
    ReservedAction.APPROVE_TARGET_HARDENING_OVER_LIMIT: (
        "approve target hardening costing more than the limit"
    ),
    ReservedAction.OVERRIDE_BED_AND_BREAKFAST_BLOCK: (
        "place a 16 or 17 year old in bed and breakfast"
    ),
    ReservedAction.TEAM_REPORTS: "run the team's reports",
    ReservedAction.PURGE_RECORDS: "list or purge records past their retention date",
    ReservedAction.SUBJECT_ACCESS: "export everything held about a person",
    ReservedAction.ERASE_CLIENT: "erase a person's records",
}


@dataclass(frozen=True)
class Argon2Cost:
    """argon2id's parameters (RFC 9106): passes, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int


@dataclass(frozen=True)
class SecurityPolicy:
    idle_lock_minutes: int
    passphrase_min_length: int
    failed_sign_in_wait_seconds: int
    """The wait after the first wrong passphrase; it doubles after each further one."""
    failed_sign_in_wait_most_seconds: int
    argon2: Argon2Cost
    roles: dict[ReservedAction, frozenset[Role]]
    """Who may do each reserved action."""

    def wait_after(self, failures: int) -> int:
        """Seconds before the next try after `failures` wrong passphrases in a row."""
        if failures <= 0:
            return 0
        # Capped before doubling: a thousand failures must not make a huge number.
        doublings = min(failures - 1, 32)
        wait: int = self.failed_sign_in_wait_seconds * 2**doublings
        return min(wait, self.failed_sign_in_wait_most_seconds)


_KEYS = frozenset(
    (
        "idle_lock_minutes",
        "passphrase_min_length",
        "failed_sign_in_wait_seconds",
        "failed_sign_in_wait_most_seconds",
        "argon2",
        "roles",
    )
)


def read_security(raw: dict[str, Any]) -> SecurityPolicy:
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"security: unknown keys {sorted(unknown)}; the keys are {sorted(_KEYS)}")
    section = Section(raw, "security")
    cost = Section(raw["argon2"], "security.argon2")
    return SecurityPolicy(
        idle_lock_minutes=section.whole("idle_lock_minutes", least=1, most=60),
        passphrase_min_length=section.whole("passphrase_min_length", least=8),
        failed_sign_in_wait_seconds=section.whole("failed_sign_in_wait_seconds", least=1),
        failed_sign_in_wait_most_seconds=section.whole("failed_sign_in_wait_most_seconds", least=1),
        argon2=Argon2Cost(
            time_cost=cost.whole("time_cost", least=1),
            memory_kib=cost.whole("memory_kib", least=8),
            parallelism=cost.whole("parallelism", least=1, most=16),
        ),
        roles=_read_roles(raw["roles"]),
    )


def _read_roles(raw: dict[str, Any]) -> dict[ReservedAction, frozenset[Role]]:
    actions = {action.value for action in ReservedAction}
    if set(raw) != actions:
        raise ValueError(
            f"security.roles must list exactly the actions {sorted(actions)} "
            f"(missing {sorted(actions - set(raw))}, unknown {sorted(set(raw) - actions)})"
        )
    roles = {role.value for role in Role}
    read: dict[ReservedAction, frozenset[Role]] = {}
    for action, allowed in raw.items():
        if (
            not isinstance(allowed, list)
            or not allowed
            or not all(isinstance(role, str) and role in roles for role in allowed)
        ):
            raise ValueError(
                f"security.roles.{action} must be a list of one or more of {sorted(roles)} "
                f"(got {allowed!r})"
            )
        read[ReservedAction(action)] = frozenset(Role(role) for role in allowed)
    return read
