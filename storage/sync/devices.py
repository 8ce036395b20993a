"""The device register: which laptops are enrolled in the team, and their public keys.

A laptop is enrolled by an admin signed in on an enrolled laptop (or, for the team's first
laptop, on itself at first run): `enrol` makes the new laptop's Ed25519 key pair, records its
public key in the `device` table (a synced row, written as the admin and audited) and keeps
the private key wrapped by the team key in the new laptop's keys.json, with the register as
the enrolling laptop has it then (pinned: what the new laptop believes before its first sync
brings the register). Other laptops learn of it when the enrolling laptop's batch arrives;
they accept a device row only from an enrolled laptop, made by an admin
(`storage.sync.checks`).

An admin revokes a laptop (lost, stolen, retired): its row says when and by whom, and from
the moment a laptop merges that, nothing the revoked laptop signed and it has not merged yet
is believed (`revoke`).
"""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlmodel import col

from housing_tui.reference.policy import Role
from storage.audit import record_event
from storage.database import Database
from storage.errors import StorageError
from storage.keys import KEYS_FILE_NAME, KeyDoesNotFit, KeyRing, LaptopKey, Unlocked, unwrap, wrap
from storage.sync.sealing import TeamSeal, new_signing_key, public_key_of
from storage.sync.transport import SyncError
from storage.tables import Device, new_id

DEVICE_ENROLLED = "device-enrolled"
"""The audit action of an enrolment."""
DEVICE_REVOKED = "device-revoked"
"""The audit action of a revocation."""


def signing_key_purpose(laptop_id: str) -> str:
    return f"housing-tui signing key for laptop {laptop_id}"


def enrol(db: Database, admin: Unlocked, new_laptop: Path) -> str:
    """Enrol the laptop whose data folder is `new_laptop` (this one's, at first run), as
    `admin`, in the register of `db` (the enrolling laptop's database). Returns its id."""
    if admin.role is not Role.ADMIN:
        raise StorageError("Only an admin can enrol a laptop in the team.")
    laptop_id = new_id()
    key = new_signing_key()
    public = base64.b64encode(public_key_of(key)).decode("ascii")
    with db.writing(admin.officer_id) as session:
        session.add(
            Device(
                id=laptop_id,
                public_key=public,
                enrolled_by=admin.officer_id,
                enrolled_at=db.clock.now(),
            )
        )
    record_event(db, admin.officer_id, DEVICE_ENROLLED, table_name="device", record_id=laptop_id)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    path = new_laptop / KEYS_FILE_NAME
    ring = KeyRing.load(path)
    ring = replace(
        ring,
        laptop=LaptopKey(laptop_id, wrap(raw, admin.team_key, signing_key_purpose(laptop_id))),
        pinned_devices=tuple(sorted(enrolled(db).items())),
    )
    ring.save(path)
    return laptop_id


def enrolled(db: Database) -> dict[str, str]:
    """The register: {laptop id: public key (base64)} of every enrolled laptop not revoked."""
    with db.engine.connect() as connection:
        return dict(
            connection.execute(
                sa.select(col(Device.id), col(Device.public_key)).where(
                    col(Device.deleted_at).is_(None), col(Device.revoked_at).is_(None)
                )
            ).all()
        )


def revoked(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(
            connection.execute(
                sa.select(col(Device.id)).where(col(Device.revoked_at).is_not(None))
            ).scalars()
        )


def this_laptop(db: Database) -> str | None:
    """This laptop's id in the register (keys.json), None before it is enrolled."""
    path = db.path.parent / KEYS_FILE_NAME
    if not path.exists():
        return None
    ring = KeyRing.load(path)
    return ring.laptop.laptop_id if ring.laptop else None


def find_laptop(db: Database, typed: str) -> str:
    """The id of the one laptop whose id starts with `typed` (as `laptops` lists them)."""
    wanted = typed.strip().lower()
    found = [laptop for laptop in _all_ids(db) if wanted and laptop.startswith(wanted)]
    if len(found) != 1:
        raise StorageError(
            f"No laptop's id starts with {typed!r}: see housing-tui devices list."
            if not found
            else f"More than one laptop's id starts with {typed!r}: type more of it."
        )
    return found[0]


def _all_ids(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return list(
            connection.execute(
                sa.select(col(Device.id)).where(col(Device.deleted_at).is_(None))
            ).scalars()
        )


def revoke(db: Database, admin: Unlocked, laptop_id: str) -> None:
    """Revoke a laptop, as `admin`: audited, and travelling with the next sync."""
    if admin.role is not Role.ADMIN:
        raise StorageError("Only an admin can revoke a laptop.")
    if laptop_id == this_laptop(db):
        raise StorageError(
            "That is this laptop: revoke it from another admin's laptop (this one could no "
            "longer sync its own changes)."
        )
    with db.writing(admin.officer_id) as session:
        device = session.get(Device, laptop_id)
        if device is None or device.deleted_at is not None:
            raise StorageError("That laptop is not in the register on this laptop: sync first.")
        if device.revoked_at is not None:
            raise StorageError(f"Laptop {laptop_id[:8]} was already revoked.")
        device.revoked_at = db.clock.now()
        device.revoked_by = admin.officer_id
    record_event(db, admin.officer_id, DEVICE_REVOKED, table_name="device", record_id=laptop_id)


def team_seal(db: Database, team_key: bytes) -> TeamSeal:
    """This laptop's keys for the team store, from keys.json beside its database."""
    path = db.path.parent / KEYS_FILE_NAME
    ring = KeyRing.load(path)
    if ring.laptop is None:
        raise SyncError(
            "This laptop is not enrolled in the team yet, so it cannot sync: ask an admin to "
            "enrol it (docs/security.md, The team store)."
        )
    try:
        raw = unwrap(
            ring.laptop.wrapped_signing_key, team_key, signing_key_purpose(ring.laptop.laptop_id)
        )
    except KeyDoesNotFit as error:
        raise SyncError(
            f"{path}: this laptop's signing key does not fit the team's key (keys.json was "
            "changed or copied). Ask an admin to enrol this laptop again."
        ) from error
    gone = revoked(db)
    public = {**dict(ring.pinned_devices), **enrolled(db)}
    return TeamSeal(
        team_key=team_key,
        signer=ring.laptop.laptop_id,
        signing_key=Ed25519PrivateKey.from_private_bytes(raw),
        public_keys={
            laptop: base64.b64decode(key) for laptop, key in public.items() if laptop not in gone
        },
        revoked=gone,
    )


def refresh(seal: TeamSeal, db: Database) -> None:
    """Believe laptops enrolled, and stop believing laptops revoked, by what the sync has just
    merged."""
    seal.public_keys.update((laptop, base64.b64decode(key)) for laptop, key in enrolled(db).items())
    seal.revoked.update(revoked(db))
    for laptop in seal.revoked:
        seal.public_keys.pop(laptop, None)
