"""Rows that were written without an operation (before this version of the app, or by the
bulk demo loader) are given one creation op each, once, so they travel like any other."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlmodel import col

from storage.database import Database, jsonable
from storage.sync.capture import NOT_SENT, schema_revision
from storage.sync.merge import synced_tables
from storage.sync.ops import FieldChange, Hlc, Op
from storage.tables import SyncOp, SyncRegister, SyncState


def adopt_unlogged_rows(db: Database) -> int:
    """Returns how many rows were adopted. One transaction: all or nothing."""
    schema = schema_revision()
    adopted = 0
    with db.engine.begin() as connection:
        # The write lock first, then the state: another window of the app may be adopting (or
        # saving) at the same moment, and must not be given the same seqs.
        connection.execute(sa.update(SyncState).values(hlc=SyncState.hlc))
        state = connection.execute(sa.select(SyncState)).one()
        if state.adopted:
            return 0
        seq, clock = state.next_seq, Hlc.parse(state.hlc)
        for table in synced_tables().values():
            if table.name == "sync_conflict":
                continue  # worked out by every laptop for itself, never sent as created
            columns = [c for c in table.columns if c.name not in NOT_SENT]
            rows = connection.execute(
                sa.select(table).where(~table.c.id.in_(sa.select(col(SyncRegister.record_id))))
            ).mappings()
            ops, registers = [], []
            for row in rows:
                clock = clock.tick(db.clock.now())
                values = {c.name: jsonable(row[c.name]) for c in columns if row[c.name] is not None}
                officer = row.get("updated_by")
                op = Op(
                    state.device_id,
                    seq,
                    clock.format(),
                    schema,
                    officer,
                    table.name,
                    row["id"],
                    {name: FieldChange(value, None, None) for name, value in values.items()},
                )
                ops.append(
                    {
                        "seq": seq,
                        "hlc": op.hlc,
                        "schema_revision": schema,
                        "body": json.dumps(op.to_json()),
                    }
                )
                register = [op.hlc, op.device, seq, officer]
                registers.append(
                    {
                        "record_id": row["id"],
                        "table_name": table.name,
                        "fields": json.dumps({"o": [register], "f": dict.fromkeys(values, 0)}),
                    }
                )
                seq += 1
            if ops:
                connection.execute(sa.insert(SyncOp.__table__), ops)
                connection.execute(sa.insert(SyncRegister.__table__), registers)
                adopted += len(ops)
        connection.execute(
            sa.update(SyncState).values(next_seq=seq, hlc=clock.format(), adopted=True)
        )
    return adopted
