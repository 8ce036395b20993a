"""Officers known on a laptop: at each sign-in the officer signs, with their own key (derived
from their passphrase: storage.keys `officer_signing_key`), "officer O uses laptop D, whose
key is P". These statements travel in the synced `officer_laptop` register, and a batch from
laptop D claiming officer O is believed only if O has said so for D (`storage.sync.checks`):
someone signed in on an enrolled laptop can no longer write as another officer of the team.

`laptops` lists the register with the officers known on each laptop (`housing-tui devices
list`, the Laptops screen).

Officers with no signing key yet (nobody has signed in as them with this version) are judged
as before, by being the team's: see docs/security.md, "Officers on a laptop".
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection
from sqlmodel import col

from storage.database import Database
from storage.keys import KEYS_FILE_NAME, KeyRing, public_text
from storage.sync.devices import enrolled, this_laptop
from storage.tables import Device, Officer, OfficerLaptop

_IDS = uuid.UUID("5c0f4b8e-2a8d-4d6e-9b1f-6f0a3e7d2c51")


def statement(officer_id: str, laptop_id: str, laptop_key: str, officer_key: str) -> bytes:
    """What the officer signs: every part of it, so that no part can be swapped."""
    return (
        f"housing-tui: officer {officer_id} with key {officer_key} uses laptop {laptop_id} "
        f"with key {laptop_key}"
    ).encode()


def record_id(officer_id: str, laptop_id: str, officer_key: str) -> str:
    """The same on every laptop, so that signing in again says nothing new."""
    return str(uuid.uuid5(_IDS, f"{officer_id} {laptop_id} {officer_key}"))


def sign_in_here(db: Database, officer_id: str, key: Ed25519PrivateKey) -> None:
    """Record, signed with the officer's `key`, that they use this laptop (once per key).
    Nothing on a laptop that is not enrolled: it cannot sync, so there is nobody to tell."""
    path = db.path.parent / KEYS_FILE_NAME
    if not path.exists():
        return
    ring = KeyRing.load(path)
    if ring.laptop is None:
        return
    laptop_id = ring.laptop.laptop_id
    laptop_key = {**dict(ring.pinned_devices), **enrolled(db)}.get(laptop_id)
    if laptop_key is None:
        return
    officer_key = public_text(key)
    record = record_id(officer_id, laptop_id, officer_key)
    signature = key.sign(statement(officer_id, laptop_id, laptop_key, officer_key))
    with db.writing(officer_id) as session:
        if session.get(OfficerLaptop, record) is not None:
            return
        session.add(
            OfficerLaptop(
                id=record,
                officer_id=officer_id,
                laptop_id=laptop_id,
                laptop_key=laptop_key,
                officer_key=officer_key,
                signature=base64.b64encode(signature).decode("ascii"),
                signed_at=db.clock.now(),
            )
        )


def known_pairs(connection: Connection) -> set[tuple[str, str]]:
    """(officer id, laptop id) of every statement on record here. Each was checked when it
    arrived (`Statement.holds`) or made here, with the officer's key of the time: a passphrase
    changed since does not undo it."""
    table = OfficerLaptop.__table__
    return {
        (row.officer_id, row.laptop_id)
        for row in connection.execute(
            sa.select(col(OfficerLaptop.officer_id), col(OfficerLaptop.laptop_id)).where(
                table.c.deleted_at.is_(None)
            )
        )
    }


def officers_on(connection: Connection) -> dict[str, set[str]]:
    """{laptop id: ids of the officers who have signed in on it}."""
    found: dict[str, set[str]] = {}
    for officer, laptop in known_pairs(connection):
        found.setdefault(laptop, set()).add(officer)
    return found


@dataclass(frozen=True)
class Statement:
    """An `officer_laptop` row as a batch carries it."""

    officer_id: str
    laptop_id: str
    laptop_key: str
    officer_key: str
    signature: str

    FIELDS = ("officer_id", "laptop_id", "laptop_key", "officer_key", "signature")

    @classmethod
    def of(cls, values: dict[str, object]) -> Statement | None:
        """From a change's new values; None unless it has them all, as text."""
        parts = [values.get(name) for name in cls.FIELDS]
        if not all(isinstance(part, str) for part in parts):
            return None
        return cls(*(str(part) for part in parts))

    def holds(self, officer_keys: Iterable[str]) -> bool:
        """Signed by one of `officer_keys` (the officer's), and says what it signs."""
        if self.officer_key not in officer_keys:
            return False
        try:
            public = Ed25519PublicKey.from_public_bytes(base64.b64decode(self.officer_key))
            public.verify(
                base64.b64decode(self.signature),
                statement(self.officer_id, self.laptop_id, self.laptop_key, self.officer_key),
            )
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class Laptop:
    """A laptop of the register as `housing-tui devices list` shows it."""

    laptop_id: str
    enrolled_by: str
    """The admin's name."""
    enrolled_at: datetime
    officers: tuple[str, ...]
    """Initials of the officers who have signed in on it (their signed word:
    officer_laptops), as this laptop has synced them."""
    revoked_at: datetime | None
    revoked_by: str | None
    this_laptop: bool


def laptops(db: Database) -> list[Laptop]:
    """Every laptop of the register: this one first, then the earliest enrolled."""
    here = this_laptop(db)
    with db.engine.connect() as connection:
        officers = connection.execute(
            sa.select(col(Officer.id), col(Officer.name), col(Officer.initials))
        ).all()
        seen = officers_on(connection)
        rows = connection.execute(sa.select(Device).where(col(Device.deleted_at).is_(None))).all()
    names = {officer.id: officer.name for officer in officers}
    initials = {officer.id: officer.initials for officer in officers}
    found = [
        Laptop(
            laptop_id=row.id,
            enrolled_by=names.get(row.enrolled_by, row.enrolled_by[:8]),
            enrolled_at=row.enrolled_at,
            officers=tuple(sorted(initials.get(o, o[:8]) for o in seen.get(row.id, ()))),
            revoked_at=row.revoked_at,
            revoked_by=names.get(row.revoked_by, row.revoked_by[:8]) if row.revoked_by else None,
            this_laptop=row.id == here,
        )
        for row in rows
    ]
    return sorted(
        found, key=lambda laptop: (not laptop.this_laptop, laptop.enrolled_at, laptop.laptop_id)
    )
