"""Real batches and snapshots for the team-store tests, built with `storage.sync.ops`."""

from __future__ import annotations

from collections.abc import Mapping

from storage.sync.ops import (
    SNAPSHOT_MAGIC,
    Batch,
    FieldChange,
    Hlc,
    Op,
    encode_batch,
    frame,
)
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
    store.publish(batch, encode_batch(batch))


def names(items: list) -> list[str]:
    """`Batch.name` of each fetched batch, in the order fetched."""
    return [item.name for item in items]


def snapshot_bytes(covers: Mapping[str, int], *, device: str = LAPTOP_A) -> bytes:
    """A whole snapshot as the store sees it: framed, with what it covers in its header."""
    return frame(SNAPSHOT_MAGIC, {"covers": dict(covers), "device": device}, b"rows as of then")
