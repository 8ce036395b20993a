"""Signing in: passphrase -> checked against its hash -> the officer's key -> the team key ->
the database key. What comes out, `Unlocked`, is held in memory only."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from housing_tui.reference.policy import Argon2Cost, Role, SecurityPolicy
from storage.keys.kdf import KEY_BYTES, PassphraseHash, officer_key
from storage.keys.keyring import KEYS_FILE_NAME, Account, KeyRing, KeysFileError
from storage.keys.wrapping import KeyDoesNotFit, unwrap, wrap

DATABASE_KEY = "housing-tui database key"
"""What the database key is wrapped for (AES-GCM associated data)."""
_SALT_BYTES = 16


def team_key_purpose(officer_id: str) -> str:
    """The team key is wrapped for one officer: copied into another account it does not open."""
    return f"housing-tui team key for officer {officer_id}"


def officer_signing_key(key: bytes) -> Ed25519PrivateKey:
    """The officer's Ed25519 signing key, derived from their passphrase-derived key (HKDF, its
    own label). Derived rather than stored wrapped: the same passphrase and salt give the same
    key on every laptop, so two laptops making it at once (an officer's first sign-ins after
    the upgrade, before they sync) agree, and it travels with the account as the salt does."""
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"housing-tui officer signing key"
    ).derive(key)
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_text(key: Ed25519PrivateKey) -> str:
    """An Ed25519 public key as the officer and device tables keep it (base64, 44 characters)."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def new_key() -> bytes:
    """A new 256-bit key from the operating system's random source."""
    return os.urandom(KEY_BYTES)


@dataclass(frozen=True)
class Unlocked:
    """A signed-in officer and the keys their passphrase opened. Never written anywhere."""

    officer_id: str
    role: Role
    team_key: bytes = field(repr=False)
    database_key: bytes | None = field(repr=False)
    """None for a plain database (`--plain`)."""
    signing_key: Ed25519PrivateKey | None = field(default=None, repr=False, compare=False)
    """The officer's own signing key (`officer_signing_key`): it says, at sign-in, that they
    use this laptop (storage/sync/officer_laptops.py). None where nobody signed in with a
    passphrase (a team made in a test)."""


@dataclass(frozen=True)
class SignedIn:
    unlocked: Unlocked
    failed_before: int
    """Wrong passphrases typed for this account on this laptop since its last sign-in (to be
    audited once the database is open)."""
    credentials_outdated: bool
    """The passphrase's hash or key were made at another cost than the policy's now: re-make
    them (`credentials_for`) while the passphrase is at hand."""


@dataclass(frozen=True)
class Credentials:
    """What an account keeps of a passphrase: its hash, the team key wrapped by it, and the
    public half of the officer's signing key derived from it."""

    passphrase_hash: str
    key_salt: str
    key_cost: Argon2Cost
    wrapped_team_key: str
    signing_key: Ed25519PrivateKey = field(repr=False)


def credentials_for(
    officer_id: str, passphrase: str, team_key: bytes, cost: Argon2Cost
) -> Credentials:
    salt = os.urandom(_SALT_BYTES)
    key = officer_key(passphrase, salt, cost)
    return Credentials(
        passphrase_hash=PassphraseHash(cost).make(passphrase),
        key_salt=base64.b64encode(salt).decode("ascii"),
        key_cost=cost,
        wrapped_team_key=wrap(team_key, key, team_key_purpose(officer_id)),
        signing_key=officer_signing_key(key),
    )


class SignInRefused(Exception):
    """Not signed in; `str()` says why and what to do. `wait_seconds`: before the next try."""

    def __init__(self, message: str, wait_seconds: int = 0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


def sign_in(
    data_dir: Path, officer_id: str, passphrase: str, security: SecurityPolicy, now: datetime
) -> SignedIn:
    """Check `passphrase` for the account and unwrap the keys. A wrong passphrase is counted
    in keys.json and makes the next try wait (the policy's back-off); a try before the wait is
    over is refused without being checked. SignInRefused, or KeysFileError if keys.json is
    damaged or does not fit this team."""
    path = data_dir / KEYS_FILE_NAME
    ring = KeyRing.load(path)
    account = ring.account(officer_id)
    if account is None or not account.active:
        raise SignInRefused("There is no such officer on this laptop: choose yours from the list.")
    if not account.can_sign_in:
        raise SignInRefused(
            f"{account.label} has no passphrase yet: ask an admin to set one "
            "(Ctrl+P Officers, or housing-tui officers reset-passphrase)."
        )
    if wait := _still_waiting(account, security, now):
        raise SignInRefused(
            f"Too many wrong passphrases: wait {wait} second{'s' if wait != 1 else ''}, "
            "then try again.",
            wait,
        )
    assert account.passphrase_hash and account.key_salt and account.key_cost
    assert account.wrapped_team_key
    hasher = PassphraseHash(security.argon2)
    if not hasher.matches(account.passphrase_hash, passphrase):
        failed = replace(account, failed_attempts=account.failed_attempts + 1, last_failed_at=now)
        ring.with_account(failed).save(path)
        wait = security.wait_after(failed.failed_attempts)
        raise SignInRefused(
            f"That is not {account.label}'s passphrase. Try again in {wait} "
            f"second{'s' if wait != 1 else ''} (each wrong try doubles the wait).",
            wait,
        )
    key = officer_key(passphrase, base64.b64decode(account.key_salt), account.key_cost)
    try:
        team_key = unwrap(account.wrapped_team_key, key, team_key_purpose(officer_id))
    except KeyDoesNotFit as error:
        raise KeysFileError(
            f"{path}: {account.label}'s account was changed outside the app (its key does not "
            "fit its passphrase). Ask IT to restore keys.json from the laptop's backup, or an "
            "admin to reset the passphrase."
        ) from error
    database_key = None
    if ring.wrapped_database_key is not None:
        try:
            database_key = unwrap(ring.wrapped_database_key, team_key, DATABASE_KEY)
        except KeyDoesNotFit as error:
            raise KeysFileError(
                f"{path}: this laptop's database key was not made by your team's key (keys.json "
                "was changed or copied from another team). Ask IT to restore it from the "
                "laptop's backup."
            ) from error
    if account.failed_attempts:
        ring.with_account(replace(account, failed_attempts=0, last_failed_at=None)).save(path)
    return SignedIn(
        Unlocked(officer_id, account.role, team_key, database_key, officer_signing_key(key)),
        failed_before=account.failed_attempts,
        credentials_outdated=(
            hasher.outdated(account.passphrase_hash) or account.key_cost != security.argon2
        ),
    )


def _still_waiting(account: Account, security: SecurityPolicy, now: datetime) -> int:
    """Whole seconds left before this account may try again (0: it may)."""
    if not account.failed_attempts or account.last_failed_at is None:
        return 0
    until = account.last_failed_at + timedelta(seconds=security.wait_after(account.failed_attempts))
    left = (until - now).total_seconds()
    return max(0, int(left + 0.999))
