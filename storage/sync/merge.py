"""Merging operations from other laptops into the local database.

Each field of each row has a register naming the op that set its current value
(`SyncRegister`). An incoming change to a field wins when it was made on top of that op (its
*base* is the register's op: a later edit) or, for two edits made without seeing each other,
when its clock is later (ties broken by device id). Every laptop applies every op in an order
that respects what each op's laptop had seen (`Batch.seen`), so every laptop ends with the same
registers, the same rows and the same conflicts, whatever order the syncs happened in.

When two such concurrent edits set a field to different values, the loser is kept as a
`SyncConflict` (its id comes from the losing op, so every laptop makes the same one).
Bookkeeping fields (updated_at ...) merge the same way but never make conflicts.

Records purged or erased (storage/retention.py) are removed here when their `PurgedRecord`
arrives, and changes to them arriving later are dropped (storage/sync/purges.py).

The rows are read before and written after in bulk (`storage.sync.rows`), as Core statements
on one connection inside the sync's transaction; they are audited (action "sync") in the same
transaction like every other write.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import SQLModel, col

from storage.retention import Removed
from storage.sync.audit_sharing import AUDIT_TABLE, ROWS, audit_rows, keep_received
from storage.sync.capture import BOOKKEEPING, NOT_SENT
from storage.sync.ops import Hlc, Op, op_id
from storage.sync.purges import carry_out_purges, purged_among
from storage.sync.registers import Registers, op_of
from storage.sync.rows import MergedRow, TableRows

# Converting a value for its column lives with the writing; conflicts.py imports it from here.
from storage.tables import AuditEvent, Record, SyncApplied, SyncState

_CONFLICT_IDS = uuid.UUID("1b1f5a52-5e0c-4f57-9a63-3a2d6a1c9d40")


def synced_models() -> dict[str, type[Record]]:
    """Every model whose rows travel, by table name, parents before the tables that refer to
    them: all Records but the audit trail (each laptop keeps its own, recording what arrived
    by sync)."""
    found: dict[str, type[Record]] = {}
    pending = list(Record.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        table = getattr(model, "__table__", None)
        if table is not None and model is not AuditEvent:
            found[table.name] = model
    order = [table.name for table in SQLModel.metadata.sorted_tables]
    return {name: found[name] for name in sorted(found, key=order.index)}


def synced_tables() -> dict[str, sa.Table]:
    return {name: model.__table__ for name, model in synced_models().items()}


def applied_vector(connection: Connection) -> dict[str, int]:
    """How far this laptop has applied each other device's ops: {device: last seq}."""
    return dict(
        connection.execute(
            sa.select(col(SyncApplied.device_id), col(SyncApplied.through_seq))
        ).all()
    )


@dataclass
class MergeCounts:
    ops: int = 0
    rows: int = 0
    conflicts: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Losses:
    """What one device's ops lost to concurrent edits, and what they withdrew."""

    conflicts: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: set[str] = field(default_factory=set)
    """Conflicts whose lost value a later edit was made on top of: it was not lost."""
    differ: set[str] = field(default_factory=set)
    """Conflicts whose losing value differed from the one kept when they arose."""


class Merge:
    """One sync transaction's merging: `Merge(connection, now=db.clock.now())` on a connection
    inside `engine.begin()`, then `apply_ops` or `load_state`, then `finish`. `now` stamps the
    audit events of the rows it writes."""

    def __init__(self, connection: Connection, *, now: datetime) -> None:
        self.connection = connection
        self.rows = TableRows(connection, synced_tables(), now=now)
        # Take SQLite's write lock first, so what is read below cannot change under us (another
        # window of the app may be syncing at the same moment).
        connection.execute(sa.update(SyncState).values(hlc=SyncState.hlc))
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        state = connection.execute(sa.select(SyncState)).first()
        if state is None:
            raise RuntimeError("no sync_state row: call engine.prepare first")
        self.device = state.device_id
        self.clock = Hlc.parse(state.hlc)
        self.applied: dict[str, int] = applied_vector(connection)
        self.removed = Removed()
        """What purges and erasures that arrived removed here (storage/retention.py)."""

    # --- operations ---------------------------------------------------------------------

    def apply_ops(self, device: str, ops: Iterable[Op]) -> MergeCounts:
        """Apply one device's ops (in seq order, already filtered to the unapplied ones)."""
        ops = [op for op in ops if op.seq > self.applied.get(device, 0)]
        counts = MergeCounts()
        if not ops:
            return counts
        # The audit trail's rows are kept as they came, in their laptop's chain; the rest
        # merges field by field.
        counts.problems.extend(keep_received(self.connection, audit_rows(ops), device))
        changes = [op for op in ops if op.table != AUDIT_TABLE]
        dropped = purged_among(
            self.connection,
            self.rows.tables,
            (
                (op.table, op.record, {name: c.new for name, c in op.fields.items()})
                for op in changes
            ),
        )
        live = [op for op in changes if op.record not in dropped]
        touched: dict[str, set[str]] = defaultdict(set)
        for op in live:
            touched[op.table].update(op.fields)
        keys = {(op.table, op.record) for op in live}
        registers, rows = self.rows.read(touched, keys, counts.problems)
        losses = _Losses()
        for op in live:
            row = rows.get(op.record)
            if row is None:
                continue  # a table this app does not have (reported by `TableRows.read`)
            self._apply(op, row, registers[op.record], losses)
            self.clock = self.clock.witness(Hlc.parse(op.hlc))
        counts.ops = len(changes)  # the changes merged; the audit rows are not changes
        kept = [c for c in losses.conflicts if c["id"] not in losses.withdrawn]
        counts.conflicts = self.rows.write_conflicts(kept, losses.withdrawn, losses.differ)
        counts.rows = self.rows.write(rows, registers, counts.problems)
        self.removed.add(carry_out_purges(self.connection, rows, now=self.rows.now))
        self.applied[device] = max(self.applied.get(device, 0), ops[-1].seq)
        return counts

    def _apply(self, op: Op, row: MergedRow, registry: Registers, losses: _Losses) -> None:
        """Apply `op` to its row, field by field: an edit made on top of the field's current
        value wins; of two edits that did not see each other, the later clock wins."""
        row.applied_ops += 1
        row.officer = op.officer
        incoming = [op.hlc, op.device, op.seq, op.officer]
        for name, change in op.fields.items():
            if name in NOT_SENT or name not in row.table.c:
                continue
            current = registry.get(name)
            if current is None or op_of(current) == change.base:
                wins = True
            elif op_of(current) == op.id:
                continue
            else:  # two edits that did not see each other: the later clock wins
                wins = (op.hlc, op.device) > (current[0], current[1])
                # Decisions about conflicts merge by the same rule, but a conflict about a
                # decision would only ask the officer to decide the decision again.
                if name not in BOOKKEEPING and row.table.name != "sync_conflict":
                    # The loser is kept even when it holds the same value as the winner:
                    # whether a value was lost must not depend on the order ops arrive in
                    # (the winner may itself be overwritten later by a different value).
                    value_now = row.value_now(name)
                    loser = (value_now, current) if wins else (change.new, incoming)
                    losses.conflicts.append(self._conflict(op, name, row, *loser))
                    if value_now != change.new:
                        losses.differ.add(losses.conflicts[-1]["id"])
                    if change.base is not None:
                        # The value this edit replaced where it was made may have lost here
                        # to a concurrent edit; it was not lost, but overwritten on top of
                        # it, as on the laptops that never saw it lose.
                        losses.withdrawn.add(conflict_id(change.base, op.record, name))
            if wins:
                registry.set(name, incoming)
                if name not in row.old:
                    row.old[name] = row.value_now(name)
                row.changed[name] = change.new

    def _conflict(
        self, op: Op, name: str, row: MergedRow, value: Any, register: list[Any]
    ) -> dict[str, Any]:
        losing_op = op_id(register[1], register[2])
        at = datetime.fromtimestamp(Hlc.parse(register[0]).millis / 1000, UTC)
        case_id = op.record if row.table.name == "case" else row.current.get("case_id")
        if case_id is None:
            case_id = row.changed.get("case_id")
        return {
            "id": conflict_id(losing_op, op.record, name),
            "created_at": at,
            "updated_at": at,
            "created_by": None,
            "updated_by": None,
            "version": 1,
            "deleted_at": None,
            "table_name": row.table.name,
            "record_id": op.record,
            "column_name": name,
            "case_id": case_id,
            "losing_value": json.dumps(value),
            "losing_officer": register[3] if len(register) > 3 else None,
            "losing_at": at,
            "resolved_at": None,
            "resolution": None,
        }

    def load_state(self, rows: list[list[Any]]) -> None:
        """Merge a snapshot's rows ([table, id, version, values, registers]) field by field: a
        field takes the snapshot's value where its register is later than the local one."""
        counts = MergeCounts()
        chains = [row for row in rows if row[0] == AUDIT_TABLE]
        keep_received(self.connection, [r for chain in chains for r in chain[3][ROWS]], None)
        rows = [row for row in rows if row[0] != AUDIT_TABLE]
        dropped = purged_among(
            self.connection, self.rows.tables, ((row[0], row[1], row[3]) for row in rows)
        )
        rows = [row for row in rows if row[1] not in dropped]
        touched: dict[str, set[str]] = defaultdict(set)
        for table_name, _record, _version, values, _registers in rows:
            touched[table_name].update(values)
        keys = {(row[0], row[1]) for row in rows}
        registers, loaded = self.rows.read(touched, keys, counts.problems)
        for _table_name, record, version, values, raw_registers in rows:
            row = loaded.get(record)
            if row is None:
                continue
            incoming = Registers(raw_registers)
            # This laptop's next change must be later than every change the snapshot holds.
            for register in incoming.ops:
                self.clock = self.clock.witness(Hlc.parse(register[0]))
            registry = registers[record]
            for name, value in values.items():
                if name in NOT_SENT or name not in row.table.c:
                    continue
                theirs, ours = incoming.get(name), registry.get(name)
                if ours is not None and (
                    theirs is None or (theirs[0], theirs[1]) <= (ours[0], ours[1])
                ):
                    continue
                if theirs is not None:
                    registry.set(name, theirs)
                if name not in row.old:
                    row.old[name] = row.value_now(name)
                row.changed[name] = value
            if row.changed:
                row.applied_ops = 1
                row.version = max(version, row.version or 0)
                row.replace_version = True
        self.rows.write(loaded, registers, counts.problems)
        self.removed.add(carry_out_purges(self.connection, loaded, now=self.rows.now))

    def finish(self) -> None:
        """Record how far each device has been applied and the clock, in this transaction."""
        for device, through in self.applied.items():
            self.connection.execute(
                sa.insert(SyncApplied.__table__).prefix_with("OR REPLACE"),
                {"device_id": device, "through_seq": through},
            )
        self.connection.execute(sa.update(SyncState).values(hlc=self.clock.format()))


def conflict_id(losing_op: str, record: str, column: str) -> str:
    """The id of the conflict kept for `losing_op`'s change to `column`: the same on every
    laptop that works it out."""
    return str(uuid.uuid5(_CONFLICT_IDS, f"{losing_op}/{record}/{column}"))
