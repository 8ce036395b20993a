"""keys.json's mirror of the accounts: rewritten from the officer table (the accounts' source
of truth) after a change in `storage.accounts` and after every sync (`storage.sync.engine`),
which is why it lives apart from both."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from housing_tui.reference.policy import Argon2Cost, Role
from storage.database import Database
from storage.keys import KEYS_FILE_NAME, Account, KeyRing
from storage.tables import Officer


def keys_path(data_dir: Path) -> Path:
    return data_dir / KEYS_FILE_NAME


def mirror_accounts(db: Database) -> None:
    """Rewrite keys.json's accounts from the officer table (after a change here, or a sync),
    keeping its database key and this laptop's counts of failed sign-ins. Nothing is written
    for a database with no keys.json beside it (storage tests, a plain database before its
    first admin)."""
    path = keys_path(db.path.parent)
    if not path.exists():
        return
    with db.reading() as session:
        officers = session.exec(select(Officer).where(Officer.deleted_at.is_(None))).all()  # type: ignore[union-attr]
        accounts = [_account(officer) for officer in officers]
    ring = KeyRing.load(path)
    ring.with_accounts_from(accounts).save(path)


def _account(officer: Officer) -> Account:
    return Account(
        officer_id=officer.id,
        name=officer.name,
        initials=officer.initials,
        role=Role(officer.role),
        active=officer.active,
        passphrase_hash=officer.passphrase_hash,
        key_salt=officer.key_salt,
        key_cost=_cost(officer.key_cost) if officer.key_cost else None,
        wrapped_team_key=officer.wrapped_team_key,
        must_change_passphrase=officer.must_change_passphrase,
    )


def cost_text(cost: Argon2Cost) -> str:
    return f"t={cost.time_cost},m={cost.memory_kib},p={cost.parallelism}"


def _cost(text: str) -> Argon2Cost:
    parts = dict(part.split("=", 1) for part in text.split(","))
    return Argon2Cost(int(parts["t"]), int(parts["m"]), int(parts["p"]))
