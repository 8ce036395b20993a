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

Writes here are Core statements on one connection inside the sync's transaction, in bulk;
they are audited (action "sync") in the same transaction like every other write.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import SQLModel, col

from storage.database import client_search_keys
from storage.sync.capture import BOOKKEEPING, NOT_SENT
from storage.sync.ops import Hlc, Op, op_id
from storage.sync.registers import Registers, op_of
from storage.tables import AuditEvent, Record, SyncApplied, SyncConflict, SyncRegister, SyncState
from storage.types import Pence, UTCDateTime

_CHUNK = 500  # SQLite allows 32,766 bound values; keep IN lists well short of that
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


def column_value(column: sa.Column) -> Callable[[Any], Any]:
    """A converter from JSON (as ops carry values) to what the column type takes."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v).astimezone(UTC)
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Pence):
        return lambda v: None if v is None else Decimal(v)
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


@dataclass
class MergeCounts:
    ops: int = 0
    rows: int = 0
    conflicts: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Row:
    table: sa.Table
    exists: bool
    current: dict[str, Any]
    """Current values as read (Python values; see `value_now`)."""
    changed: dict[str, Any] = field(default_factory=dict)
    """Winning new values (JSON) to write."""
    old: dict[str, Any] = field(default_factory=dict)
    applied_ops: int = 0
    officer: str | None = None
    version: int | None = None
    replace_version: bool = False
    """Set `version` as it is (a snapshot's), instead of adding the ops applied to it."""

    def value_now(self, name: str) -> Any:
        """The field's value as JSON (as ops carry it), with this merge's changes."""
        if name in self.changed:
            return self.changed[name]
        from storage.database import jsonable

        return jsonable(self.current.get(name))


class Merge:
    """One sync transaction's merging: `Merge(connection, now=db.clock.now())` on a connection
    inside `engine.begin()`, then `apply_ops` or `load_state`, then `finish`. `now` stamps the
    audit events of the rows it writes."""

    def __init__(self, connection: Connection, *, now: datetime) -> None:
        self.connection = connection
        self.now = now
        self.tables = synced_tables()
        self._convert = {
            name: {column.name: column_value(column) for column in table.columns}
            for name, table in self.tables.items()
        }
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

    # --- operations ---------------------------------------------------------------------

    def apply_ops(self, device: str, ops: Iterable[Op]) -> MergeCounts:
        """Apply one device's ops (in seq order, already filtered to the unapplied ones)."""
        ops = [op for op in ops if op.seq > self.applied.get(device, 0)]
        counts = MergeCounts()
        if not ops:
            return counts
        touched: dict[str, set[str]] = defaultdict(set)
        for op in ops:
            touched[op.table].update(op.fields)
        registers, rows = self._load(touched, {(op.table, op.record) for op in ops}, counts)
        conflicts: list[dict[str, Any]] = []
        withdrawn: set[str] = set()
        differ: set[str] = set()
        """Conflicts whose losing value differed from the one kept when they arose."""
        for op in ops:
            row = rows.get(op.record)
            if row is None:
                continue  # a table this app does not have (reported by _load)
            registry = registers[op.record]
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
                        conflicts.append(self._conflict(op, name, row, *loser))
                        if value_now != change.new:
                            differ.add(conflicts[-1]["id"])
                        if change.base is not None:
                            # The value this edit replaced where it was made may have lost
                            # here to a concurrent edit; it was not lost, but overwritten on
                            # top of it, as on the laptops that never saw it lose.
                            withdrawn.add(conflict_id(change.base, op.record, name))
                if wins:
                    registry.set(name, incoming)
                    if name not in row.old:
                        row.old[name] = row.value_now(name)
                    row.changed[name] = change.new
            self.clock = self.clock.witness(Hlc.parse(op.hlc))
        counts.ops = len(ops)
        counts.conflicts = self._write_conflicts(
            [c for c in conflicts if c["id"] not in withdrawn], withdrawn, differ
        )
        counts.rows = self._write_rows(rows, registers, counts)
        self.applied[device] = max(self.applied.get(device, 0), ops[-1].seq)
        return counts

    def _conflict(
        self, op: Op, name: str, row: _Row, value: Any, register: list[Any]
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
        touched: dict[str, set[str]] = defaultdict(set)
        for table_name, _record, _version, values, _registers in rows:
            touched[table_name].update(values)
        registers, loaded = self._load(touched, {(row[0], row[1]) for row in rows}, counts)
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
        self._write_rows(loaded, registers, counts)

    # --- reading and writing ------------------------------------------------------------

    def _load(
        self, touched: dict[str, set[str]], keys: set[tuple[str, str]], counts: MergeCounts
    ) -> tuple[dict[str, Registers], dict[str, _Row]]:
        """The registers and current values of the rows `keys` (table, id) name; of each
        table, only the columns `touched` (and those every merge needs) are read."""
        ids = sorted({record for _, record in keys})
        tables = dict((record, table_name) for table_name, record in keys)
        registers: dict[str, Registers] = defaultdict(Registers)
        for chunk in chunks(ids):
            for record_id, table_name, fields in self.connection.execute(
                sa.select(
                    col(SyncRegister.record_id),
                    col(SyncRegister.table_name),
                    col(SyncRegister.fields),
                ).where(col(SyncRegister.record_id).in_(chunk))
            ):
                # Registers of a row of another table with the same id say nothing about this
                # one: merged against them, a new row lost fields it alone had, was held back,
                # and the rows referring to it broke their foreign keys.
                if table_name == tables[record_id]:
                    registers[record_id] = Registers.loads(fields)
        by_table: dict[str, list[str]] = defaultdict(list)
        for table_name, record in keys:
            by_table[table_name].append(record)
        rows: dict[str, _Row] = {}
        for table_name, records in by_table.items():
            table = self.tables.get(table_name)
            if table is None:
                counts.problems.append(f"changes to an unknown table {table_name!r} were skipped")
                continue
            for record in records:
                rows[record] = _Row(table, exists=False, current={})
            names = (touched.get(table_name, set()) | _ALWAYS_READ) & set(table.c.keys())
            if table_name == "client":
                names |= {"surname", "forenames", "postcode"}  # for its search keys
            columns = [table.c[name] for name in sorted(names)]
            for chunk in chunks(records):
                for found in self.connection.execute(
                    sa.select(*columns).where(table.c.id.in_(chunk))
                ).mappings():
                    row = rows[found["id"]]
                    row.exists = True
                    row.version = found["version"]
                    row.current = dict(found)
        return registers, rows

    def _write_rows(
        self, rows: dict[str, _Row], registers: dict[str, Registers], counts: MergeCounts
    ) -> int:
        updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        inserts: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        audits: list[tuple[Any, ...]] = []
        written = 0
        # As SQLAlchemy stores a UTCDateTime in SQLite (naive UTC text); the audit rows below
        # go straight to the driver, skipping per-row parameter processing (10,000 a sync).
        now = self.now.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        for record, row in rows.items():
            if not row.applied_ops:
                continue
            convert = self._convert[row.table.name]
            values = {name: convert[name](value) for name, value in row.changed.items()}
            if row.table.name == "client":
                merged = {**row.current, **row.changed}
                values.update(
                    client_search_keys(
                        merged.get("surname"), merged.get("forenames"), merged.get("postcode")
                    )
                )
            if row.exists:
                values["version"] = (
                    row.version if row.replace_version else (row.version or 0) + row.applied_ops
                )
                updates[(row.table.name, tuple(sorted(values)))].append({"_id": record, **values})
            elif row.table.name == "sync_conflict" and not row.replace_version:
                # An officer's decision about a conflict this laptop no longer has: a later
                # edit was made on top of the lost value, so the conflict was withdrawn (or,
                # arriving in that order, never arose here). It will not arise again. (A
                # snapshot's conflicts, whole rows, are added like any other row.)
                continue
            else:
                missing = [
                    column.name
                    for column in row.table.columns
                    if not column.nullable
                    and column.name not in values
                    and column.name not in NOT_SENT
                ]
                if missing:
                    counts.problems.append(
                        f"{row.table.name} {record[:8]}: held back, it arrived without "
                        f"{', '.join(missing)} (the rest of it comes with a later sync)"
                    )
                    continue
                values["id"] = record
                values["version"] = row.version if row.replace_version else row.applied_ops
                inserts[(row.table.name, tuple(sorted(values)))].append(values)
            written += 1
            changes = {
                name: [row.old.get(name), row.changed[name]]
                for name in row.changed
                if name not in BOOKKEEPING and row.old.get(name) != row.changed[name]
            }
            audits.append(
                (
                    str(uuid.uuid4()),
                    now,
                    now,
                    row.officer,
                    row.officer,
                    row.officer,
                    row.table.name,
                    record,
                    "sync-create" if not row.exists else "sync-update",
                    json.dumps(changes, sort_keys=True),
                )
            )
        for (table_name, _), batch in inserts.items():
            self.connection.execute(sa.insert(self.tables[table_name]), batch)
        for (table_name, columns), batch in updates.items():
            table = self.tables[table_name]
            statement = (
                sa.update(table)
                .where(table.c.id == sa.bindparam("_id"))
                .values({name: sa.bindparam(name) for name in columns if name != "_id"})
            )
            self.connection.execute(statement, batch)
        if audits:
            self.connection.exec_driver_sql(
                "INSERT INTO audit_event (id, created_at, updated_at, created_by, updated_by, "
                "officer_id, table_name, record_id, action, changes, version, deleted_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULL)",
                audits,
            )
        register_rows = [
            (record, rows[record].table.name, r.dumps())
            for record, r in registers.items()
            if record in rows and rows[record].applied_ops
        ]
        if register_rows:
            self.connection.exec_driver_sql(
                "INSERT OR REPLACE INTO sync_register (record_id, table_name, fields) "
                "VALUES (?, ?, ?)",
                register_rows,
            )
        return written

    def _write_conflicts(
        self, conflicts: list[dict[str, Any]], withdrawn: set[str], differ: set[str]
    ) -> int:
        """Add the new conflicts and remove the `withdrawn` ones (each laptop works conflicts
        out for itself, so these are not deletions that travel). Returns how many new
        conflicts lost a value different from the one kept, the ones an officer needs to see."""
        table = SyncConflict.__table__
        for chunk in chunks(sorted(withdrawn)):
            self.connection.execute(sa.delete(table).where(table.c.id.in_(chunk)))
        if not conflicts:
            return 0
        existing: set[str] = set()
        for chunk in chunks(sorted({c["id"] for c in conflicts})):
            existing.update(
                self.connection.execute(sa.select(table.c.id).where(table.c.id.in_(chunk)))
                .scalars()
                .all()
            )
        new = list({c["id"]: c for c in conflicts if c["id"] not in existing}.values())
        if new:
            self.connection.execute(sa.insert(table), new)
        return sum(1 for c in new if c["id"] in differ)

    def finish(self) -> None:
        """Record how far each device has been applied and the clock, in this transaction."""
        for device, through in self.applied.items():
            self.connection.execute(
                sa.insert(SyncApplied.__table__).prefix_with("OR REPLACE"),
                {"device_id": device, "through_seq": through},
            )
        self.connection.execute(sa.update(SyncState).values(hlc=self.clock.format()))


_ALWAYS_READ = frozenset({"id", "version", "case_id"})


def conflict_id(losing_op: str, record: str, column: str) -> str:
    """The id of the conflict kept for `losing_op`'s change to `column`: the same on every
    laptop that works it out."""
    return str(uuid.uuid5(_CONFLICT_IDS, f"{losing_op}/{record}/{column}"))


def chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
