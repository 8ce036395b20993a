"""A laptop whose data folder was restored from a backup, or copied from another laptop, takes a
new device identity.

Ops are known by `device:seq`. A data folder put back from a backup numbers its next changes
with seqs its device already used for changes the store holds (made after the backup and lost
with the restore); a copied folder and its original both go on with the same seqs. Every
other laptop takes a seq it has applied for one already seen and skips it, so the later
changes were never seen anywhere and the earlier ones never came back.

Before sending, a laptop therefore compares what the store holds (or the other laptops have
applied) of its own device beyond the last op it knows it sent with its outbox. Any op the
outbox lacks, or holds differently, means someone else has used this identity. The laptop then:

* takes a new device id, and renumbers the ops made since the two diverged as that device's
  1, 2, 3 ... (each keeps its clock, so merges order it as before; the bases, registers and
  conflicts naming them are renamed with it). Other laptops have never seen them, so none
  applies them twice; the ops before that point stay the old device's, which every laptop has;
* treats the old identity as any other laptop's, so it fetches and merges what the old
  identity sent that this laptop lacks.

The old identity sends nothing more (or goes on, on the laptop it was copied from). Like a
lost laptop, an identity nobody uses any more holds up compaction of the others' batches
(`docs/sync.md`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Row
from sqlmodel import col

from storage.database import Database
from storage.sync.merge import applied_vector, conflict_id
from storage.sync.ops import Op, op_id
from storage.sync.registers import Registers
from storage.sync.rows import chunks
from storage.sync.transport import Damaged, Transport
from storage.tables import SyncApplied, SyncConflict, SyncOp, SyncRegister, SyncSent, SyncState


@dataclass(frozen=True)
class NewIdentity:
    old_device: str
    device: str
    resent: int
    """This laptop's changes the store lacked, now numbered as the new device's."""


def take_new_identity_if_reused(
    db: Database, transport: Transport, device: str, published: int
) -> NewIdentity | None:
    """Check that nobody else has used `device` (the store holds its ops through
    `published`); if someone has, take a new identity (see the module's description)."""
    with db.engine.connect() as connection:
        sent_through = connection.execute(sa.select(col(SyncState.sent_through))).scalar() or 0
    applied_elsewhere = max(
        (a.applied.get(device, 0) for a in transport.acknowledgements() if a.device != device),
        default=0,
    )
    through = max(published, applied_elsewhere)
    if through <= sent_through:
        return None
    agreed = _last_agreed(db, transport, device, sent_through, through)
    if agreed is None:
        return None
    return _take_new_identity(db, device, agreed)


def _last_agreed(
    db: Database, transport: Transport, device: str, sent_through: int, through: int
) -> int | None:
    """The last seq up to which the store's ops of `device` (after `sent_through`, up to
    `through`) are the outbox's, or None if all are (a sync cut off after publishing)."""
    with db.engine.connect() as connection:
        outbox = dict(
            connection.execute(
                sa.select(col(SyncOp.seq), col(SyncOp.body)).where(
                    col(SyncOp.seq) > sent_through, col(SyncOp.seq) <= through
                )
            ).all()
        )
    checked = sent_through
    for batch in transport.device_batches(device, sent_through):
        if isinstance(batch, Damaged):
            return (
                None  # cannot tell from a damaged copy; it is written again and checked next time
            )
        if batch.first_seq > checked + 1:
            break
        for op in batch.ops:
            if op.seq <= checked:
                continue
            body = outbox.get(op.seq)
            if body is None or Op.from_json(device, json.loads(body)) != op:
                return op.seq - 1
            checked = op.seq
    # The other laptops have applied ops the store no longer holds (removed by compaction)
    # and this laptop does not have: they were made by another user of this identity.
    return checked if checked < through else None


def _take_new_identity(db: Database, old: str, agreed: int) -> NewIdentity | None:
    renumbering = _Renumbering(old=old, new=str(uuid.uuid4()), agreed=agreed)
    with db.engine.begin() as connection:
        # The write lock first: another window of the app may be saving or syncing now.
        connection.execute(sa.update(SyncState).values(hlc=SyncState.hlc))
        if connection.execute(sa.select(col(SyncState.device_id))).scalar() != old:
            return None  # another window has just done it
        ops = connection.execute(
            sa.select(
                col(SyncOp.seq), col(SyncOp.hlc), col(SyncOp.schema_revision), col(SyncOp.body)
            )
            .where(col(SyncOp.seq) > agreed)
            .order_by(col(SyncOp.seq))
        ).all()
        conflicts = _rename_conflicts(connection, ops, renumbering)
        outbox, records = _renumbered_outbox(ops, renumbering, conflicts)
        # The old identity's ops are in the store; the outbox now holds only the new one's.
        connection.execute(sa.delete(SyncOp))
        connection.execute(sa.delete(SyncSent))
        if outbox:
            connection.execute(sa.insert(SyncOp.__table__), outbox)
        _renumber_registers(connection, records, renumbering)
        # From now on the old identity is another laptop: what it sent after `agreed` is
        # fetched and merged like anyone's.
        if agreed > applied_vector(connection).get(old, 0):
            connection.execute(
                sa.insert(SyncApplied.__table__).prefix_with("OR REPLACE"),
                {"device_id": old, "through_seq": agreed},
            )
        connection.execute(
            sa.update(SyncState).values(
                device_id=renumbering.new, next_seq=len(outbox) + 1, sent_through=0
            )
        )
    return NewIdentity(old_device=old, device=renumbering.new, resent=len(outbox))


@dataclass(frozen=True)
class _Renumbering:
    """The `old` device's ops after `agreed` become the `new` device's 1, 2, 3 ..."""

    old: str
    new: str
    agreed: int

    def op(self, op: str) -> str:
        """The id an op ("device:seq") has after the renumbering."""
        if not op.startswith(self.old + ":"):
            return op
        seq = int(op.rsplit(":", 1)[1])
        return op_id(self.new, seq - self.agreed) if seq > self.agreed else op


def _rename_conflicts(
    connection: Connection, ops: Sequence[Row[int, str, int, str]], renumbering: _Renumbering
) -> dict[str, str]:
    """Conflicts this laptop's own lost changes made are named after them: renamed too, so
    that they are the ones every other laptop works out. Returns {old id: new id} of those
    this laptop has."""
    conflicts: dict[str, str] = {}
    for seq, _hlc, _schema, body in ops:
        _, _, _, _, _, record, fields = json.loads(body)
        was_op = op_id(renumbering.old, seq)
        for name in fields:
            was = conflict_id(was_op, record, name)
            conflicts[was] = conflict_id(renumbering.op(was_op), record, name)
    table = SyncConflict.__table__
    found: set[str] = set()
    for chunk in chunks(sorted(conflicts)):
        found.update(
            connection.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))).scalars()
        )
    conflicts = {was: now for was, now in conflicts.items() if was in found}
    for was, now in conflicts.items():
        connection.execute(sa.update(table).where(table.c.id == was).values(id=now))
        connection.execute(
            sa.update(SyncRegister).where(col(SyncRegister.record_id) == was).values(record_id=now)
        )
    return conflicts


def _renumbered_outbox(
    ops: Sequence[Row[int, str, int, str]],
    renumbering: _Renumbering,
    conflicts: dict[str, str],
) -> tuple[list[dict[str, Any]], set[str]]:
    """The outbox rows of `ops` as the new device's, with the bases and conflicts they name
    renamed; and the records they change."""
    outbox, records = [], set()
    for seq, hlc, schema, body in ops:
        _, _, _, officer, table_name, record, fields = json.loads(body)
        record = conflicts.get(record, record)
        records.add(record)
        fields = {
            name: [n, o, None if base is None else renumbering.op(base)]
            for name, (n, o, base) in fields.items()
        }
        new_seq = seq - renumbering.agreed
        outbox.append(
            {
                "seq": new_seq,
                "hlc": hlc,
                "schema_revision": schema,
                "body": json.dumps([new_seq, hlc, schema, officer, table_name, record, fields]),
            }
        )
    return outbox, records


def _renumber_registers(
    connection: Connection, records: set[str], renumbering: _Renumbering
) -> None:
    """The registers of `records` name the renumbered ops by their new ids."""
    for chunk in chunks(sorted(records)):
        for record_id, fields in connection.execute(
            sa.select(col(SyncRegister.record_id), col(SyncRegister.fields)).where(
                col(SyncRegister.record_id).in_(chunk)
            )
        ).all():
            registers = Registers.loads(fields)
            for register in registers.ops:
                if register[1] == renumbering.old and register[2] > renumbering.agreed:
                    register[1], register[2] = renumbering.new, register[2] - renumbering.agreed
            connection.execute(
                sa.update(SyncRegister)
                .where(col(SyncRegister.record_id) == record_id)
                .values(fields=registers.dumps())
            )
