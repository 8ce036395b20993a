"""Officers' accounts: the officer table is their source of truth (they travel with the sync
like any officer row); keys.json mirrors them after every change here and after every sync,
so that signing in works before the database is open (storage.keys)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from housing_tui.calendar.clock import Clock
from housing_tui.reference.policy import Argon2Cost, Role, SecurityPolicy
from storage.account_mirror import cost_text, keys_path, mirror_accounts
from storage.audit import SIGN_IN, SIGN_IN_FAILED, record_event
from storage.database import DATABASE_FILE_NAME, Database
from storage.errors import StorageError
from storage.keys import (
    DATABASE_KEY,
    Account,
    KeyRing,
    SignedIn,
    Unlocked,
    credentials_for,
    new_key,
    public_text,
    wrap,
)
from storage.officers import get_officer
from storage.rows import OfficerRow
from storage.sync.devices import enrol
from storage.sync.officer_laptops import sign_in_here
from storage.tables import Officer, new_id


@dataclass(frozen=True)
class AccountRow:
    """An officer's account as the Officers screen and command list it."""

    officer: OfficerRow
    active: bool
    has_passphrase: bool
    must_change_passphrase: bool


def create_team(
    data_dir: Path,
    *,
    name: str,
    initials: str,
    passphrase: str,
    security: SecurityPolicy,
    clock: Clock,
    plain: bool = False,
    officer_id: str | None = None,
) -> Unlocked:
    """The first admin of a new team on this laptop: the team key, keys.json and the admin's
    account. With no database yet it is made encrypted (a new database key, saved wrapped
    before the database exists). A plain database from before accounts is kept as it is here
    (`open_data_folder` encrypts it next); `officer_id`, its officer, becomes the admin, and
    its other officers get accounts with no passphrase yet."""
    path = data_dir / DATABASE_FILE_NAME
    team_key = new_key()
    database_key = None if plain or path.exists() else new_key()
    wrapped = wrap(database_key, team_key, DATABASE_KEY) if database_key else None
    KeyRing(wrapped, ()).save(keys_path(data_dir))
    db = Database.open(path, key=database_key, clock=clock)
    try:
        admin = get_officer(db, officer_id) if officer_id else None
        if admin is None:
            admin = add_account(db, None, name=name, initials=initials, role=Role.ADMIN)
        set_role(db, admin.id, admin.id, Role.ADMIN)
        key = set_passphrase(db, admin.id, admin.id, passphrase, team_key, security.argon2)
        unlocked = Unlocked(admin.id, Role.ADMIN, team_key, database_key)
        # The team's first laptop is enrolled by its first admin, at first run; they use it.
        enrol(db, unlocked, data_dir)
        sign_in_here(db, admin.id, key)
    finally:
        db.close()
    return unlocked


def join_team(
    data_dir: Path, admin: Unlocked, admins_db: Database, accounts: tuple[Account, ...]
) -> None:
    """Make the laptop whose data folder is `data_dir` one of the team's, enrolled by `admin`
    signed in on an enrolled laptop (whose database is `admins_db`): a new database key
    wrapped by the team key, keys.json with the team's accounts as the enrolling laptop has
    them (so that they can sign in for the first sync, which brings their officer rows), its
    signing key and the device register (storage/sync/devices.py), and an empty encrypted
    database."""
    database_key = new_key()
    KeyRing(wrap(database_key, admin.team_key, DATABASE_KEY), accounts).save(keys_path(data_dir))
    enrol(admins_db, admin, data_dir)
    Database.open(data_dir / DATABASE_FILE_NAME, key=database_key, clock=admins_db.clock).close()


def add_account(
    db: Database, by: str | None, *, name: str, initials: str, role: Role
) -> OfficerRow:
    """A new officer (with no passphrase yet: `set_passphrase` next)."""
    officer = Officer(id=new_id(), name=name, initials=initials.upper(), role=role.value)
    with db.writing(by or officer.id) as session:
        if _initials_taken(session, officer.initials):
            raise StorageError(
                f"Another officer already has the initials {officer.initials}: officers sign "
                "in by their initials, so choose others (add a middle initial)."
            )
        session.add(officer)
    mirror_accounts(db)
    return OfficerRow(officer.id, officer.name, officer.initials, role)


def set_passphrase(
    db: Database,
    by: str,
    officer_id: str,
    passphrase: str,
    team_key: bytes,
    cost: Argon2Cost,
    *,
    must_change: bool = False,
) -> Ed25519PrivateKey:
    """Give the account a passphrase: its hash, the team key wrapped by its key, and the
    officer's signing key derived from it. An admin's reset sets `must_change`: the officer
    chooses their own at the next sign-in. The officer's own change (`by` is them, at this
    laptop) signs that they use this laptop with the new key. Returns the signing key."""
    credentials = credentials_for(officer_id, passphrase, team_key, cost)
    with db.writing(by) as session:
        officer = _existing(session, officer_id)
        officer.passphrase_hash = credentials.passphrase_hash
        officer.key_salt = credentials.key_salt
        officer.key_cost = cost_text(cost)
        officer.wrapped_team_key = credentials.wrapped_team_key
        officer.signing_key = public_text(credentials.signing_key)
        officer.must_change_passphrase = must_change
    mirror_accounts(db)
    if by == officer_id:
        sign_in_here(db, officer_id, credentials.signing_key)
    return credentials.signing_key


def set_role(db: Database, by: str, officer_id: str, role: Role) -> None:
    with db.writing(by) as session:
        officer = _existing(session, officer_id)
        if officer.role != role.value:
            _keep_an_admin(session, officer, becomes_admin=role is Role.ADMIN)
            officer.role = role.value
    mirror_accounts(db)


def deactivate(db: Database, by: str, officer_id: str) -> None:
    """The account can no longer sign in (on any laptop, once synced); its work stays theirs."""
    with db.writing(by) as session:
        officer = _existing(session, officer_id)
        _keep_an_admin(session, officer, becomes_admin=False)
        officer.active = False
    mirror_accounts(db)


def list_accounts(db: Database) -> list[AccountRow]:
    with db.reading() as session:
        officers = session.exec(
            select(Officer).where(Officer.deleted_at.is_(None)).order_by(Officer.name)  # type: ignore[union-attr]
        ).all()
        return [
            AccountRow(
                OfficerRow(o.id, o.name, o.initials, Role(o.role), o.active),
                active=o.active,
                has_passphrase=o.passphrase_hash is not None,
                must_change_passphrase=o.must_change_passphrase,
            )
            for o in officers
        ]


def record_sign_in(
    db: Database,
    signed: SignedIn,
    passphrase: str,
    security: SecurityPolicy,
    *,
    action: str = SIGN_IN,
) -> None:
    """Audit a sign-in or an unlock (`action`), and the wrong passphrases typed before it,
    with their count; re-make the account's passphrase hash and key if the policy's cost has
    changed."""
    officer_id = signed.unlocked.officer_id
    if signed.failed_before:
        record_event(
            db,
            officer_id,
            SIGN_IN_FAILED,
            table_name="officer",
            record_id=officer_id,
            details={"wrong_passphrases": signed.failed_before},
        )
    record_event(db, officer_id, action, table_name="officer", record_id=officer_id)
    key = signed.unlocked.signing_key
    assert key is not None  # `sign_in` always derives it
    # Signed first: a laptop whose officer table is behind (the officer's key came from
    # another laptop, not synced here yet) still says it with the key the team has.
    sign_in_here(db, officer_id, key)
    # Not on a laptop that joined the team and has not synced yet: its officer table does
    # not have the account; the next sign-in after the sync re-makes them.
    with db.reading() as session:
        officer = session.get(Officer, officer_id)
        known_key = officer.signing_key if officer else None
    if officer is None:
        return
    if signed.credentials_outdated:
        set_passphrase(
            db,
            officer_id,
            officer_id,
            passphrase,
            signed.unlocked.team_key,
            security.argon2,
            must_change=must_change_passphrase(db, officer_id),
        )
    elif known_key != public_text(key):
        # Accounts from before signing keys get theirs at their next sign-in.
        with db.writing(officer_id) as session:
            _existing(session, officer_id).signing_key = public_text(key)


def must_change_passphrase(db: Database, officer_id: str) -> bool:
    with db.reading() as session:
        officer = session.get(Officer, officer_id)
        return bool(officer and officer.must_change_passphrase)


def _existing(session: object, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)  # type: ignore[attr-defined]
    if officer is None or officer.deleted_at is not None:
        raise StorageError("That officer is not on record on this laptop.")
    assert isinstance(officer, Officer)
    return officer


def _initials_taken(session: object, initials: str) -> bool:
    found = session.exec(  # type: ignore[attr-defined]
        select(Officer.id).where(
            Officer.initials == initials,
            Officer.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    return found is not None


def _keep_an_admin(session: object, officer: Officer, *, becomes_admin: bool) -> None:
    """The team's last active admin cannot stop being one: nobody could manage officers."""
    if officer.role != Role.ADMIN.value or becomes_admin or not officer.active:
        return
    others = session.exec(  # type: ignore[attr-defined]
        select(Officer.id).where(
            Officer.role == Role.ADMIN.value,
            Officer.active.is_(True),  # type: ignore[attr-defined]
            Officer.id != officer.id,
            Officer.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    if others is None:
        raise StorageError(
            f"{officer.name} is the team's only admin: make another officer an admin first."
        )


def one_time_passphrase() -> str:
    """A passphrase an admin gives an officer once (read out, not emailed): 20 characters
    from an alphabet without look-alikes, in groups of five."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    letters = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(letters[i : i + 5] for i in range(0, 20, 5))


def add_officer(
    db: Database, unlocked: Unlocked, cost: Argon2Cost, *, name: str, initials: str, role: Role
) -> tuple[OfficerRow, str]:
    """An admin adds an officer with a one-time passphrase (returned, to give them), which
    they must change at their first sign-in."""
    officer = add_account(db, unlocked.officer_id, name=name, initials=initials, role=role)
    passphrase = one_time_passphrase()
    set_passphrase(
        db, unlocked.officer_id, officer.id, passphrase, unlocked.team_key, cost, must_change=True
    )
    return officer, passphrase


def reset_passphrase(db: Database, unlocked: Unlocked, cost: Argon2Cost, officer_id: str) -> str:
    """A new one-time passphrase for an officer (who forgot theirs, or never had one)."""
    passphrase = one_time_passphrase()
    set_passphrase(
        db, unlocked.officer_id, officer_id, passphrase, unlocked.team_key, cost, must_change=True
    )
    return passphrase
