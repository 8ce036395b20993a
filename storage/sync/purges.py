"""Purges and erasures arriving by sync (storage/retention.py).

A `PurgedRecord` row that arrives removes, on this laptop too, the record it names and
everything under it (`carry_out_purges`). A change to a record removed here, made on a laptop
that had not heard of the purge yet, is dropped as it arrives, and so is a new row under one
(a note added elsewhere to a case purged here), which is noted as removed too
(`purged_among`): what was purged never comes back from another laptop's batch or snapshot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from storage.retention import SYNC_PURGE, Removed, purged_ids, remove_records
from storage.sync.rows import MergedRow
from storage.tables import PurgedRecord, SyncPurged

Change = tuple[str, str, Mapping[str, Any]]
"""(table, record id, the values it sets) of an op or a snapshot's row."""


def purged_among(
    connection: Connection, tables: Mapping[str, sa.Table], changes: Iterable[Change]
) -> set[str]:
    """The records of `changes` to drop: removed here for good, or new under a row that was
    (these are noted as removed, so that later changes to them are dropped too)."""
    changes = list(changes)
    references = {
        name: [key.parent.name for key in table.foreign_keys] for name, table in tables.items()
    }
    candidates: set[str] = set()
    for table, record, values in changes:
        candidates.add(record)
        candidates.update(
            value
            for name in references.get(table, ())
            if isinstance(value := values.get(name), str)
        )
    gone = purged_ids(connection, candidates)
    if not gone:
        return set()
    dropped: set[str] = set()
    noted: list[dict[str, str]] = []
    for table, record, values in changes:  # in order: a parent's row before its children's
        if record in gone:
            dropped.add(record)
        elif any(values.get(name) in gone for name in references.get(table, ())):
            gone.add(record)
            dropped.add(record)
            noted.append({"record_id": record, "table_name": table})
    if noted:
        connection.execute(sa.insert(SyncPurged.__table__).prefix_with("OR IGNORE"), noted)
    return dropped


def carry_out_purges(
    connection: Connection, rows: Mapping[str, MergedRow], *, now: datetime
) -> Removed:
    """Remove here what the `PurgedRecord` rows just written among `rows` name."""
    roots: dict[tuple[str | None, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows.values():
        if row.table.name == PurgedRecord.__tablename__ and not row.exists and row.applied_ops:
            values = {**row.current, **row.changed}
            if values.get("table_name") and values.get("record_id"):
                reason = str(values.get("reason") or "")
                roots[(row.officer, reason)][values["table_name"]].add(values["record_id"])
    removed = Removed()
    for (officer, reason), named in roots.items():
        removed.add(
            remove_records(
                connection,
                named,
                officer_id=officer,
                action=SYNC_PURGE,
                details={"reason": reason},
                now=now,
            )
        )
    return removed
