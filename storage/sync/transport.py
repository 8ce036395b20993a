"""What a team store must do, whatever it is made of. Two kinds exist: a folder on the team's
network drive (`storage.sync.folder`) and a PostgreSQL database (`storage.sync.postgres`).

A store is append-only. Each device adds only batches of its own operations and never changes
what is there, so two laptops syncing at the same moment cannot overwrite each other and no
lock is needed. The one exception is compaction: a device may remove *its own* batches once a
snapshot covers them and every device has acknowledged them (`forget`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from storage.sync.ops import ACK_MAGIC, Batch, DamagedBatch
from storage.sync.sealing import Refused, TeamSeal

STORE_FORMAT = 1
"""The layout of a team store. A store with a newer format is refused (upgrade the app)."""


class SyncError(Exception):
    """Sync cannot go ahead; the message says why in words an officer can act on."""


class StoreUnreachable(SyncError):
    """The shared location cannot be reached now (drive not mapped, server down)."""


class StoreRefused(SyncError):
    """The shared location is reachable but must not be used: another team's store, a newer
    store format, or not a team store at all."""


@dataclass(frozen=True)
class StoreInfo:
    team_id: str
    format: int
    newest_schema: int
    """The newest database schema any device has written to this store with."""


@dataclass(frozen=True)
class Damaged:
    """A batch or snapshot that failed its checks: reported, skipped, retried next time."""

    where: str
    reason: str
    refused: bool = False
    """Whole, but not sealed by this team or not signed by an enrolled laptop: never merged,
    reported to the officer and audited (not a bad copy, which the writer may write again)."""


@dataclass(frozen=True)
class Acknowledgement:
    """What one device had applied, as it last told the store (compaction waits for these)."""

    device: str
    applied: dict[str, int]


def seal_ack(seal: TeamSeal, team: str, ack: Acknowledgement) -> bytes:
    """An acknowledgement as the store keeps it: sealed and signed like a batch."""
    header = {"kind": "ack", "team": team, "device": ack.device}
    return seal.seal(ACK_MAGIC, header, json.dumps(ack.applied, sort_keys=True).encode())


def open_ack(seal: TeamSeal, team: str, device: str, data: bytes) -> Acknowledgement | None:
    """The acknowledgement `device` gave in `data`, or None if it is damaged, not sealed by
    this team, not signed by an enrolled laptop, or another device's (such an acknowledgement
    is not believed: compaction then waits, which loses nothing)."""
    try:
        header, plain, signed = seal.open(ACK_MAGIC, data)
        seal.verify(signed)
        if (header.get("kind"), header.get("team"), header.get("device")) != ("ack", team, device):
            return None
        applied = json.loads(plain)
        return Acknowledgement(device, {str(k): int(v) for k, v in applied.items()})
    except (DamagedBatch, Refused, ValueError, AttributeError, TypeError):
        return None


class Transport(Protocol):
    def describe(self) -> str:
        """Where the store is, for messages ("folder S:\\Housing\\sync")."""
        ...

    def connect(self, *, team_id: str | None, create: bool, seal: TeamSeal) -> StoreInfo:
        """Check the store (creating it if `create` and it does not exist yet); what is read
        and written from now on is opened and sealed with `seal`.

        `team_id` is the team this laptop already syncs with (None on its first sync): a store
        of another team raises `StoreRefused`, as do a newer store format and a location that
        is not a team store when `create` is False. An unreachable location raises
        `StoreUnreachable`."""
        ...

    def record_schema(self, schema: int) -> None:
        """Note that a device writes with this schema (idempotent)."""
        ...

    def published_through(self, device: str) -> int:
        """The highest seq of `device` the store holds (0 if none), so that a sync interrupted
        after publishing does not publish the same operations again."""
        ...

    def publish(self, batch: Batch, data: bytes) -> None:
        """Add one batch (`data` is `encode_batch(batch, seal)`), durably, never overwriting
        anything.
        Publishing a batch that is already there (same device and range) is harmless."""
        ...

    def fetch(
        self, applied: Mapping[str, int], *, exclude: str | None
    ) -> Iterator[Batch | Damaged]:
        """Every batch of every device except `exclude` with ops after `applied[device]`
        (0 if absent), each device's batches in ascending seq order. Damaged ones are yielded
        as `Damaged` and not used."""
        ...

    def device_batches(self, device: str, after: int) -> Iterator[Batch | Damaged]:
        """`device`'s batches with ops after `after`, in ascending seq order (what `fetch`
        gives of one device; a device checks with it that nobody else has used its id)."""
        ...

    def devices(self) -> set[str]:
        """Every device that has published a batch or an acknowledgement to this store."""
        ...

    def acknowledge(self, ack: Acknowledgement) -> None:
        """Record what this device has applied."""
        ...

    def acknowledgements(self) -> list[Acknowledgement]:
        """The latest acknowledgement of every device that has given one (sealed, signed by
        an enrolled laptop: others are left out, so compaction waits rather than trust them)."""
        ...

    def publish_snapshot(self, covers: Mapping[str, int], data: bytes) -> None:
        """Add a snapshot of the whole team's data as of `covers` (each device's seq)."""
        ...

    def latest_snapshot(self) -> tuple[dict[str, int], bytes] | Damaged | None:
        """The snapshot covering the most operations, with what it covers, or None."""
        ...

    def damaged_own_batches(self, device: str, after: int) -> list[tuple[int, int, Damaged]]:
        """`device`'s own recent batches ending after `after` that fail their checks, as
        (first seq, last seq, what is wrong), so that it can write them again."""
        ...

    def replace_damaged(self, batch: Batch, data: bytes, damaged: Damaged) -> None:
        """Publish `batch` again and remove the damaged copy `damaged` names."""
        ...

    def remove_unfinished(self, device: str) -> None:
        """Remove what `device` left half-written in a sync that was cut off."""
        ...

    def forget(self, device: str, through_seq: int) -> int:
        """Remove `device`'s own batches that end at or before `through_seq` (compaction);
        returns how many went. A store that is insert-only may keep them and return 0."""
        ...

    def remove_plain(self) -> int:
        """Remove what was written before the store was sealed (`sync --reseal`); returns
        how many batches, acknowledgements and snapshots went."""
        ...

    def close(self) -> None: ...
