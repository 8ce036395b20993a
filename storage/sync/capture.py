"""Turning this laptop's writes into operations, inside the same transaction as the write.

`storage.database`'s flush hook calls `record_local_ops` (registered with it when this module
is imported) with every row it stamped: each
becomes one `Op` in `sync_op` (the outbox), with the field registers updated so that the next
change knows what it replaced. A write and its op commit together or not at all, so nothing
typed can be left out of the next sync.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, SQLModel

from storage.audit import this_device
from storage.database import Writes, capture_writes_with, jsonable
from storage.sync.ops import FieldChange, Hlc, Op
from storage.sync.registers import Register, Registers, op_of
from storage.tables import AuditEvent, Record, SyncOp, SyncRegister, SyncState

NOT_SENT = frozenset({"id", "version", "surname_key", "forenames_key", "postcode_key"})
"""Columns each laptop works out for itself: the key, the change count (one per op applied,
so it ends the same everywhere) and search keys derived from other columns."""

BOOKKEEPING = frozenset({"created_at", "created_by", "updated_at", "updated_by"})
"""Sent and merged like any field, but a concurrent difference in them is not a conflict."""


def is_synced(row: object) -> bool:
    return isinstance(row, Record) and not isinstance(row, AuditEvent)


def schema_revision() -> int:
    from storage.migrations import HEAD

    # Its number: a revision made alongside others ("0013a") counts as the number it extends.
    return int(HEAD.rstrip("abcdefghijklmnopqrstuvwxyz"))


def device_state(session: Session) -> SyncState:
    """This laptop's sync row, made (with a new device id) the first time it is needed; the
    write lock is taken before the next seq is read (`storage.audit.this_device`)."""
    state = session.get(SyncState, this_device(session.connection()))
    assert state is not None  # this_device has just made it if it was not there
    return state


def record_local_ops(
    session: Session,
    writes: Writes,
    officer: str | None,
    now: datetime,
) -> None:
    """One op per written row. `writes` pairs each row with its audited changes
    ({column: [old, new]}), or None for a new row (every set field is sent); `now` is the
    time the rows were stamped with, and the physical part of the ops' clock."""
    writes = [(row, changes) for row, changes in writes if is_synced(row)]
    if not writes:
        return
    # Parents first (a client before its case), so that no batch, which may end anywhere,
    # holds a row whose parent comes only in the next one.
    order = {table.name: index for index, table in enumerate(SQLModel.metadata.sorted_tables)}
    writes.sort(key=lambda write: order[write[0].__tablename__])
    state = device_state(session)
    clock = Hlc.parse(state.hlc)
    schema = schema_revision()
    for row, changes in writes:
        register_row = session.get(SyncRegister, row.id) if changes is not None else None
        registers = Registers.loads(register_row.fields if register_row else None)
        if changes is None:
            sent = {
                name: [None, jsonable(getattr(row, name))]
                for name in op_columns(row)
                if getattr(row, name) is not None
            }
        else:
            sent = dict(changes)
            for name in ("updated_at", "updated_by"):
                sent[name] = [None, jsonable(getattr(row, name))]
        clock = clock.tick(now)
        seq = state.next_seq
        state.next_seq += 1
        fields = {
            name: FieldChange(new=new, old=old, base=_base(registers.get(name)))
            for name, (old, new) in sent.items()
        }
        op = Op(
            state.device_id, seq, clock.format(), schema, officer, row.__tablename__, row.id, fields
        )
        session.add(
            SyncOp(seq=seq, hlc=op.hlc, schema_revision=schema, body=json.dumps(op.to_json()))
        )
        register = [op.hlc, op.device, seq, officer]
        for name in fields:
            registers.set(name, register)
        if register_row is None:
            session.add(
                SyncRegister(
                    record_id=row.id, table_name=row.__tablename__, fields=registers.dumps()
                )
            )
        else:
            register_row.fields = registers.dumps()
    state.hlc = clock.format()


def op_columns(row: Record) -> list[str]:
    return [name for name in type(row).model_fields if name not in NOT_SENT]


def _base(register: Register | None) -> str | None:
    """The base of a change that replaces the value `register` set."""
    return None if register is None else op_of(register)


capture_writes_with(record_local_ops)
