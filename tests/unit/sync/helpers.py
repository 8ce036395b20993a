"""Real batches and snapshots for the team-store tests, built with `storage.sync.ops`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from storage.database import Database
from storage.keys import KEYS_FILE_NAME
from storage.sync.devices import team_seal
from storage.sync.engine import SyncSummary
from storage.sync.engine import sync as engine_sync
from storage.sync.ops import (
    SNAPSHOT_MAGIC,
    Batch,
    FieldChange,
    Hlc,
    Op,
    encode_batch,
)
from storage.sync.sealing import TeamSeal, new_signing_key, public_key_of
from storage.sync.transport import Transport

TEAM = "7e4b2c1a-5d3f-4a8e-9b60-1c2d3e4f5a6b"
LAPTOP_A = "aaaaaaaa-1111-4111-8111-111111111111"
LAPTOP_B = "bbbbbbbb-2222-4222-8222-222222222222"
LAPTOP_C = "cccccccc-3333-4333-8333-333333333333"
"""Device ids are UUIDs, as the app makes them (the folder store relies on it)."""


def make_batch(
    device: str, first: int, last: int, *, team: str = TEAM, seen: Mapping[str, int] | None = None
) -> Batch:
    """A batch of `device`'s ops first..last, each renaming one client."""
    ops = tuple(
        Op(
            device=device,
            seq=seq,
            hlc=Hlc(1_795_000_000_000 + seq, 0).format(),
            schema=6,
            officer="officer-olu",
            table="client",
            record=f"client-{device[:4]}-{seq}",
            fields={"name": FieldChange(new=f"Client {seq}", old=None, base=None)},
        )
        for seq in range(first, last + 1)
    )
    return Batch(team, device, first, last, schema=6, seen=dict(seen or {}), ops=ops)


def publish(store: Transport, batch: Batch) -> None:
    store.publish(batch, encode_batch(batch, TEST_SEAL))


def names(items: list) -> list[str]:
    """`Batch.name` of each fetched batch, in the order fetched."""
    return [item.name for item in items]


def snapshot_bytes(covers: Mapping[str, int], *, device: str = LAPTOP_A) -> bytes:
    """A whole snapshot as the store sees it: framed, with what it covers in its header."""
    header = {"kind": "snapshot", "covers": dict(covers), "device": device}
    return TEST_SEAL.seal(SNAPSHOT_MAGIC, header, b"rows as of then")


# --- the keys the tests' laptops seal with --------------------------------------------------

TEST_TEAM_KEY = bytes(range(32))
"""The team key of the laptops these tests make without keys.json (plain storage tests)."""
_ENROLLED: dict[str, bytes] = {}
"""Every such laptop's public key: as if an admin had enrolled each (pinned at join)."""
_SEALS: dict[str, TeamSeal] = {}


def seal_for(db: Database) -> TeamSeal:
    """The keys a laptop syncs with: its own (keys.json, signed in as Test Officer) when it
    has them, else a laptop of the tests' team, enrolled, with a signing key of its own."""
    if (db.path.parent / KEYS_FILE_NAME).exists():
        from tests.ui.helpers import signed_in

        return team_seal(db, signed_in(db.path.parent).team_key)
    where = str(db.path)
    if where not in _SEALS:
        key = new_signing_key()
        signer = str(uuid.uuid5(uuid.NAMESPACE_URL, where))
        _ENROLLED[signer] = public_key_of(key)
        _SEALS[where] = TeamSeal(TEST_TEAM_KEY, signer, key, _ENROLLED)
    return _SEALS[where]


TEST_SEAL = TeamSeal(TEST_TEAM_KEY, "test-writer", new_signing_key(), _ENROLLED)
"""For tests that write batches to a store directly, as an enrolled laptop."""
_ENROLLED["test-writer"] = public_key_of(TEST_SEAL.signing_key)


def sync(db: Database, transport: Transport, **options: Any) -> SyncSummary:
    """`storage.sync.engine.sync` with the laptop's keys (`seal_for`)."""
    return engine_sync(db, transport, seal=seal_for(db), **options)
