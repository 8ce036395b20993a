"""Snapshots: the whole team's data as of a vector of (device, seq), so that a new laptop
loads one file instead of replaying years of batches; and compaction, which lets a device
remove its own old batches once a snapshot covers them AND every device the store knows has
acknowledged applying them. A laptop that has not synced for months therefore still finds
every batch it has not seen: nothing is removed ahead of it.
"""

from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from sqlmodel import col

from storage.audit import record_event
from storage.database import Database, jsonable
from storage.retention import remove_case_documents
from storage.sync.audit_sharing import snapshot_rows
from storage.sync.capture import schema_revision
from storage.sync.merge import Merge, applied_vector, synced_tables
from storage.sync.ops import SNAPSHOT_MAGIC, DamagedBatch
from storage.sync.registers import Registers
from storage.sync.sealing import Refused, TeamSeal
from storage.sync.transport import Damaged, Transport
from storage.tables import SyncRegister, SyncState

STORE_RESEALED = "sync-resealed"
"""The audit action of `reseal`."""


def write_snapshot(
    db: Database, transport: Transport, seal: TeamSeal, device: str, team: str
) -> dict[str, int]:
    """Publish a snapshot of this laptop's data, which holds every op it has applied and every
    op of its own it has published; returns what it covers."""
    tables = synced_tables()
    with db.engine.connect() as connection, connection.begin():
        covers = applied_vector(connection)
        covers[device] = connection.execute(sa.select(col(SyncState.sent_through))).scalar() or 0
        registers: dict[str, str] = dict(
            connection.execute(
                sa.select(col(SyncRegister.record_id), col(SyncRegister.fields))
            ).all()
        )
        rows = []
        for name, table in tables.items():
            for row in connection.execute(sa.select(table)).mappings():
                values = {k: jsonable(v) for k, v in row.items() if k not in ("id", "version")}
                rows.append(
                    [
                        name,
                        row["id"],
                        row["version"],
                        values,
                        Registers.loads(registers.get(row["id"])).raw(),
                    ]
                )
        rows.extend(snapshot_rows(connection))  # every laptop's audit trail too
    body = zlib.compress(json.dumps(rows, separators=(",", ":")).encode(), 6)
    header = {
        "kind": "snapshot",
        "team": team,
        "device": device,
        "covers": covers,
        "schema": schema_revision(),
    }
    transport.publish_snapshot(covers, seal.seal(SNAPSHOT_MAGIC, header, body))
    return covers


def load_latest_snapshot(  # noqa: ANN001
    db: Database, transport: Transport, seal: TeamSeal, device: str, summary
) -> bool:
    """On a laptop that has applied nothing yet: start from the newest snapshot, if any."""
    found = transport.latest_snapshot()
    if found is None:
        return False
    if isinstance(found, Damaged):
        summary.damaged.append(found)
        return False
    covers, data = found
    if covers.get(device, 0) > 0:
        # The snapshot holds changes of this laptop's own (a laptop that synced before any
        # other had sent anything): merged as a snapshot they would count twice in `version`,
        # and this laptop's later edits of the same fields would lose or win without a
        # conflict. Nothing is needed from it either: this laptop has acknowledged applying
        # nothing, so compaction has removed none of the batches it needs.
        return False
    try:
        header, body, signed = seal.open(SNAPSHOT_MAGIC, data)
        seal.verify(signed)
        if header.get("kind") != "snapshot" or header.get("covers") != covers:
            raise Refused("its header does not match what the store files it under")
        if header["schema"] > schema_revision():
            summary.problems.append(
                "The team's snapshot comes from a newer version of the app; upgrade to use it"
            )
            return False
        rows = json.loads(zlib.decompress(body))
    except Refused as error:
        summary.refused.append(Damaged("snapshot", str(error), refused=True))
        return False
    except (DamagedBatch, ValueError, KeyError, zlib.error) as error:
        summary.damaged.append(Damaged("snapshot", str(error)))
        return False
    with db.engine.begin() as connection:
        merge = Merge(connection, now=db.clock.now())
        merge.load_state(rows)
        for other, through in covers.items():
            if other != device:
                merge.applied[other] = max(merge.applied.get(other, 0), through)
        merge.finish()
    remove_case_documents(db, merge.removed)
    summary.rows += len(rows)
    return True


def reseal(db: Database, transport: Transport, seal: TeamSeal, officer_id: str) -> int:
    """After a sync that left nothing waiting here: publish a sealed, signed snapshot of
    this laptop's data, which covers the plain batches it applied before the store was
    sealed, then remove the plain files (`Transport.remove_plain`), so that a laptop enrolled
    again starts from the snapshot. Audited as `officer_id`'s; returns how many files went."""
    with db.engine.connect() as connection:
        state = connection.execute(sa.select(SyncState)).one()
    covers = write_snapshot(db, transport, seal, state.device_id, state.team_id)
    removed = transport.remove_plain()
    record_event(
        db,
        officer_id,
        STORE_RESEALED,
        table_name="sync_state",
        record_id=state.device_id,
        details={"snapshot_covers": sum(covers.values()), "plain_files_removed": removed},
    )
    return removed


def compact(db: Database, transport: Transport, seal: TeamSeal, device: str, team: str) -> int:
    """Write a snapshot, then remove this device's own batches that it covers and that every
    device known to the store (or to this laptop) has acknowledged. Returns how many went."""
    covers = write_snapshot(db, transport, seal, device, team)
    acks = {ack.device: ack.applied for ack in transport.acknowledgements()}
    with db.engine.connect() as connection:
        known = set(applied_vector(connection))
    # Every device the store has seen, even one that never acknowledged (it holds us up).
    known |= set(acks) | transport.devices()
    known.discard(device)
    through = covers.get(device, 0)
    for other in known:
        through = min(through, acks.get(other, {}).get(device, 0))
    return transport.forget(device, through) if through > 0 else 0
