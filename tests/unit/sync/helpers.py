"""Real batches and snapshots for the team-store tests, built with `storage.sync.ops`."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

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
from storage.sync.sealing import TeamSeal, public_key_of
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
_TEST_LAPTOP = "test-laptop:"


def _test_signing_key(signer: str) -> Ed25519PrivateKey:
    # Derived from the laptop's id, so that laptops syncing in other processes (the crash and
    # concurrency tests) know each other's keys, as if an admin had enrolled every one.
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(signer.encode()).digest())


class _TestRegister(dict[str, bytes]):
    """The tests' device register: every test laptop (ids starting "test-laptop:") enrolled;
    any other signer only if added (a forger's laptop is not)."""

    def get(self, signer: str, default: bytes | None = None) -> bytes | None:  # type: ignore[override]
        if signer.startswith(_TEST_LAPTOP):
            return public_key_of(_test_signing_key(signer))
        return super().get(signer, default)

    def __contains__(self, signer: object) -> bool:
        return self.get(str(signer)) is not None


def seal_for(db: Database) -> TeamSeal:
    """The keys a laptop syncs with: its own (keys.json, signed in as Test Officer) when it
    has them, else an enrolled laptop of the tests' team with a signing key of its own."""
    if (db.path.parent / KEYS_FILE_NAME).exists():
        from tests.ui.helpers import signed_in

        return team_seal(db, signed_in(db.path.parent).team_key)
    signer = _TEST_LAPTOP + hashlib.sha256(str(db.path).encode()).hexdigest()[:16]
    return TeamSeal(TEST_TEAM_KEY, signer, _test_signing_key(signer), _TestRegister())


TEST_SEAL = TeamSeal(
    TEST_TEAM_KEY,
    _TEST_LAPTOP + "writer",
    _test_signing_key(_TEST_LAPTOP + "writer"),
    _TestRegister(),
)
"""For tests that write batches to a store directly, as an enrolled laptop."""


def sync(db: Database, transport: Transport, **options: Any) -> SyncSummary:
    """`storage.sync.engine.sync` with the laptop's keys (`seal_for`)."""
    return engine_sync(db, transport, seal=seal_for(db), **options)
