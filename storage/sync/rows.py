"""The rows one merge touches: read in bulk before the ops are applied, written in bulk after.

`TableRows.read` loads the registers and current values of the rows a merge's ops name;
`storage.sync.merge` decides field by field what wins; `TableRows.write` then inserts and
updates the rows that changed, each with its audit event (action "sync") and its registers,
all as Core statements on the sync's one connection, a statement per table and column set.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import col

from storage.audit import AuditNote, append_events
from storage.database import client_search_keys, column_value, jsonable
from storage.sync.capture import BOOKKEEPING, NOT_SENT
from storage.sync.registers import Registers
from storage.tables import SyncConflict, SyncRegister

_CHUNK = 500  # SQLite allows 32,766 bound values; keep IN lists well short of that
_ALWAYS_READ = frozenset({"id", "version", "case_id"})

_Batches = dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]
"""Rows to insert or update, by table name and the columns they set (one statement each)."""


@dataclass
class MergedRow:
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
        return jsonable(self.current.get(name))


class TableRows:
    """The synced `tables`' rows as one merge reads and writes them on `connection`; `now`
    stamps the audit events of the rows it writes."""

    def __init__(
        self, connection: Connection, tables: dict[str, sa.Table], *, now: datetime
    ) -> None:
        self.connection = connection
        self.tables = tables
        self.now = now
        self._convert = {
            name: {column.name: column_value(column) for column in table.columns}
            for name, table in tables.items()
        }

    # --- reading ------------------------------------------------------------------------

    def read(
        self, touched: dict[str, set[str]], keys: set[tuple[str, str]], problems: list[str]
    ) -> tuple[dict[str, Registers], dict[str, MergedRow]]:
        """The registers and current values of the rows `keys` (table, id) name; of each
        table, only the columns `touched` (and those every merge needs) are read."""
        return self._registers(keys), self._rows(touched, keys, problems)

    def _registers(self, keys: set[tuple[str, str]]) -> dict[str, Registers]:
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
        return registers

    def _rows(
        self, touched: dict[str, set[str]], keys: set[tuple[str, str]], problems: list[str]
    ) -> dict[str, MergedRow]:
        by_table: dict[str, list[str]] = defaultdict(list)
        for table_name, record in keys:
            by_table[table_name].append(record)
        rows: dict[str, MergedRow] = {}
        for table_name, records in by_table.items():
            table = self.tables.get(table_name)
            if table is None:
                problems.append(f"changes to an unknown table {table_name!r} were skipped")
                continue
            for record in records:
                rows[record] = MergedRow(table, exists=False, current={})
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
        return rows

    # --- writing ------------------------------------------------------------------------

    def write(
        self, rows: dict[str, MergedRow], registers: dict[str, Registers], problems: list[str]
    ) -> int:
        """Write the rows that ops were applied to, with their audit events and registers.
        Returns how many rows were written (a new row arriving incomplete is held back)."""
        inserts, updates, audits = self._statements(rows, problems)
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
        append_events(self.connection, audits, self.now)
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
        return len(audits)

    def _statements(
        self, rows: dict[str, MergedRow], problems: list[str]
    ) -> tuple[_Batches, _Batches, list[AuditNote]]:
        """The inserts and updates the changed rows need, and an audit event for each."""
        updates: _Batches = defaultdict(list)
        inserts: _Batches = defaultdict(list)
        audits: list[AuditNote] = []
        for record, row in rows.items():
            if not row.applied_ops:
                continue
            values = self._values(row)
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
                missing = _missing(row.table, values)
                if missing:
                    problems.append(
                        f"{row.table.name} {record[:8]}: held back, it arrived without "
                        f"{', '.join(missing)} (the rest of it comes with a later sync)"
                    )
                    continue
                values["id"] = record
                values["version"] = row.version if row.replace_version else row.applied_ops
                inserts[(row.table.name, tuple(sorted(values)))].append(values)
            audits.append(_audit_event(record, row))
        return inserts, updates, audits

    def _values(self, row: MergedRow) -> dict[str, Any]:
        """The row's winning values as its columns take them, with a client's search keys
        worked out again from its merged name and postcode."""
        convert = self._convert[row.table.name]
        values = {name: convert[name](value) for name, value in row.changed.items()}
        if row.table.name == "client":
            merged = {**row.current, **row.changed}
            values.update(
                client_search_keys(
                    merged.get("surname"), merged.get("forenames"), merged.get("postcode")
                )
            )
        return values

    def write_conflicts(
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


def _missing(table: sa.Table, values: dict[str, Any]) -> list[str]:
    """The required columns a new row arrived without."""
    return [
        column.name
        for column in table.columns
        if not column.nullable and column.name not in values and column.name not in NOT_SENT
    ]


def _audit_event(record: str, row: MergedRow) -> AuditNote:
    """The audit event of a row written by sync: what changed, from what to what,
    bookkeeping aside."""
    changes = {
        name: [row.old.get(name), row.changed[name]]
        for name in row.changed
        if name not in BOOKKEEPING and row.old.get(name) != row.changed[name]
    }
    return AuditNote(
        row.officer,
        row.table.name,
        record,
        "sync-create" if not row.exists else "sync-update",
        json.dumps(changes, sort_keys=True),
    )


def chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
