"""keys.json: this laptop's database key, wrapped by the team key, and a mirror of every
account of the team (rewritten from the officer table after each change and each sync), so
that an officer can sign in before the database is open. Failed sign-ins are counted here
only: they happen before the database can be written, and they are this laptop's."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from housing_tui.reference.policy import Argon2Cost, Role
from storage.private_files import write_private

KEYS_FILE_NAME = "keys.json"
_FORMAT = 1


class KeysFileError(Exception):
    """keys.json cannot be read or written; the message names it and says what to do."""


@dataclass(frozen=True)
class Account:
    """An officer's account, as keys.json mirrors it."""

    officer_id: str
    name: str
    initials: str
    role: Role
    active: bool
    passphrase_hash: str | None
    """None until an admin sets a passphrase (officers brought over from before accounts)."""
    key_salt: str | None
    key_cost: Argon2Cost | None
    wrapped_team_key: str | None
    must_change_passphrase: bool
    failed_attempts: int = 0
    last_failed_at: datetime | None = None

    @property
    def can_sign_in(self) -> bool:
        return (
            self.active and self.passphrase_hash is not None and self.wrapped_team_key is not None
        )

    @property
    def label(self) -> str:
        return f"{self.name} ({self.initials})"


@dataclass(frozen=True)
class LaptopKey:
    """This laptop's enrolment: its id in the device register and its Ed25519 signing key,
    wrapped by the team key (storage/sync/devices.py)."""

    laptop_id: str
    wrapped_signing_key: str


@dataclass(frozen=True)
class KeyRing:
    wrapped_database_key: str | None
    """None while the database is plain (`--plain`), before it is encrypted."""
    accounts: tuple[Account, ...]
    laptop: LaptopKey | None = None
    """None until an admin enrols the laptop."""
    pinned_devices: tuple[tuple[str, str], ...] = ()
    """(laptop id, public key) of the laptops enrolled when this one was: what it believes
    before its first sync brings the device register."""

    @classmethod
    def load(cls, path: Path) -> KeyRing:
        try:
            raw = json.loads(path.read_text("utf-8"))
            if raw.get("format") != _FORMAT:
                raise ValueError(f"format {raw.get('format')!r} is not {_FORMAT}")
            return cls(
                wrapped_database_key=_text_or_none(raw["database_key"]),
                accounts=tuple(_account(entry) for entry in raw["accounts"]),
                laptop=LaptopKey(**raw["laptop"]) if raw.get("laptop") else None,
                pinned_devices=tuple(
                    (str(k), str(v)) for k, v in raw.get("pinned_devices", {}).items()
                ),
            )
        except (OSError, UnicodeDecodeError) as error:
            raise KeysFileError(
                f"{path} cannot be read ({error}). Ask IT to restore it from the laptop's backup."
            ) from error
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeysFileError(
                f"{path} is damaged ({error}): nobody can sign in on this laptop until IT "
                "restores it from the laptop's backup."
            ) from error

    def save(self, path: Path) -> None:
        body = {
            "format": _FORMAT,
            "database_key": self.wrapped_database_key,
            "accounts": [_stored(account) for account in self.accounts],
            "laptop": asdict(self.laptop) if self.laptop else None,
            "pinned_devices": dict(self.pinned_devices),
        }
        try:
            write_private(path, json.dumps(body, indent=2, ensure_ascii=False))
        except OSError as error:
            raise KeysFileError(
                f"{path} cannot be saved ({error.strerror}). Ask IT to give you write access "
                f"to {path.parent}."
            ) from error

    def account(self, officer_id: str) -> Account | None:
        return next((a for a in self.accounts if a.officer_id == officer_id), None)

    def find(self, typed: str) -> Account | None:
        """The active account with these initials (as typed), or None."""
        wanted = typed.strip().upper()
        return next((a for a in self.accounts if a.active and a.initials == wanted), None)

    def with_account(self, account: Account) -> KeyRing:
        others = tuple(a for a in self.accounts if a.officer_id != account.officer_id)
        return replace(self, accounts=(*others, account))

    def with_accounts_from(self, accounts: list[Account]) -> KeyRing:
        """The accounts as the officer table has them now, keeping this laptop's counts of
        failed sign-ins, and the accounts the table does not have yet (a laptop that joined
        the team, before its first sync; accounts are deactivated, never removed)."""
        failures = {a.officer_id: a for a in self.accounts}
        known = {a.officer_id for a in accounts}
        kept = [a for a in self.accounts if a.officer_id not in known]
        for account in accounts:
            if old := failures.get(account.officer_id):
                account = replace(
                    account,
                    failed_attempts=old.failed_attempts,
                    last_failed_at=old.last_failed_at,
                )
            kept.append(account)
        return replace(self, accounts=tuple(kept))


def _text_or_none(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def _account(raw: dict[str, Any]) -> Account:
    cost = raw["key_cost"]
    failed_at = raw["last_failed_at"]
    return Account(
        officer_id=str(raw["officer_id"]),
        name=str(raw["name"]),
        initials=str(raw["initials"]),
        role=Role(raw["role"]),
        active=bool(raw["active"]),
        passphrase_hash=_text_or_none(raw["passphrase_hash"]),
        key_salt=_text_or_none(raw["key_salt"]),
        key_cost=Argon2Cost(**cost) if cost is not None else None,
        wrapped_team_key=_text_or_none(raw["wrapped_team_key"]),
        must_change_passphrase=bool(raw["must_change_passphrase"]),
        failed_attempts=int(raw["failed_attempts"]),
        last_failed_at=datetime.fromisoformat(failed_at) if failed_at else None,
    )


def _stored(account: Account) -> dict[str, Any]:
    stored = asdict(account)
    stored["role"] = account.role.value
    stored["last_failed_at"] = (
        account.last_failed_at.isoformat() if account.last_failed_at else None
    )
    return stored
