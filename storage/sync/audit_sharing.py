"""The audit trail travels with the sync: each laptop publishes its own audit rows, and keeps
the rows other laptops published in their own chains, so that `verify_audit_trail` checks
every laptop's chain and a client's or an officer's trail shows what was done on any laptop.

Sending: before each sync's send, this laptop's audit rows written since the last are put in
the outbox as ops of the table `audit_event`, up to `ROWS_PER_OP` rows each, every row whole
(its hash and the hash before it); they travel sealed and signed in the laptop's batches like
its other ops. Rows the sync itself wrote (its run, the changes it merged here) wait until a
change or an officer's own event (a view, a sign-in, an export) goes too. Only rows of this
laptop's own chain (its device id) are sent: rows received from others are never sent again
as this laptop's.

Receiving: a batch whose audit rows do not hash to what they claim is refused whole, like any
forged value (`refusal`). The rows are then kept as they came, each laptop's chain in order;
a row this laptop already has must be the same, and a chain must follow on from its last row
here. What does not (a chain rewritten on its laptop, or one laptop's rows sent by
another) is not kept and is said in the sync's summary. How far each chain has been received
(and this laptop's own put in the outbox) is kept in `audit_shared`, so that removing a
chain's newest received rows is found by `verify_audit_trail` too. Received rows about a
record purged or erased here are redacted as they arrive, as the rows already here were.

Snapshots carry every chain, so that a laptop starting from one has the trail too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import col

from storage.audit import HASHED_COLUMNS, redact, row_hash, this_device
from storage.database import Database
from storage.retention import SYNC_PURGE, purged_ids
from storage.sync.capture import schema_revision
from storage.sync.ops import Batch, FieldChange, Hlc, Op
from storage.tables import AuditEvent, AuditShared, SyncOp, SyncState

AUDIT_TABLE = AuditEvent.__tablename__
ROWS = "rows"
"""The one field of an audit op: its rows, each the `COLUMNS` values as stored."""
ROWS_PER_OP = 1_000
SYNC_ACTIONS = "sync-"
"""How the actions of the sync's own rows start: its runs, refusals, and merged changes."""
COLUMNS = (*HASHED_COLUMNS, "row_hash")
_DEVICE, _SEQ, _PREVIOUS = (
    HASHED_COLUMNS.index(name) for name in ("device_id", "chain_seq", "prev_hash")
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM audit_event"
_INSERT = f"INSERT INTO audit_event ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def queue_own_rows(db: Database, device: str) -> int:
    """Put this laptop's audit rows written since the last sync in the outbox; returns how
    many. Every row of its chain goes, from the first (a laptop from before the trail
    travelled sends its whole chain once)."""
    with db.engine.begin() as connection:
        this_device(connection)  # the write lock: no row or op can be added meanwhile
        through, _ = _shared(connection, device)
        state = connection.execute(
            sa.select(col(SyncState.next_seq), col(SyncState.hlc), col(SyncState.sent_through))
        ).one()
        # What the sync itself wrote (its runs, what merging changed here) waits to go with
        # a change or an officer's own event: sent alone, every sync would publish a batch of
        # the last one's rows, every other laptop would fetch it, and a team never fell quiet.
        # Asked first without reading the rows: a merge may have written many thousands.
        if (
            state.next_seq - 1 <= state.sent_through
            and not connection.exec_driver_sql(
                "SELECT 1 FROM audit_event WHERE device_id = ? AND chain_seq > ? "
                "AND substr(action, 1, ?) != ? LIMIT 1",
                (device, through, len(SYNC_ACTIONS), SYNC_ACTIONS),
            ).first()
        ):
            return 0
        rows = connection.exec_driver_sql(
            f"{_SELECT} WHERE device_id = ? AND chain_seq > ? ORDER BY chain_seq",
            (device, through),
        ).all()
        if not rows:
            return 0
        # The clock orders changes to fields; these change none, so they take its value as
        # it stands and leave it as it was.
        seq, clock, schema = state.next_seq, Hlc.parse(state.hlc), schema_revision()
        outbox = []
        for start in range(0, len(rows), ROWS_PER_OP):
            chunk = [list(row) for row in rows[start : start + ROWS_PER_OP]]
            op = Op(
                device, seq, clock.format(), schema, None, AUDIT_TABLE, chunk[0][0],
                {ROWS: FieldChange(new=chunk, old=None, base=None)},
            )  # fmt: skip
            body = json.dumps(op.to_json(), separators=(",", ":"))
            outbox.append({"seq": seq, "hlc": op.hlc, "schema_revision": schema, "body": body})
            seq += 1
        connection.execute(sa.insert(SyncOp.__table__), outbox)
        connection.execute(sa.update(SyncState).values(next_seq=seq))
        last = rows[-1]
        _note_shared(connection, device, last[_SEQ], last[-1])
        return len(rows)


def refusal(batch: Batch) -> str | None:
    """Why `batch`'s audit rows mean it must not be merged (a row that is not whole, or does
    not hash to what it claims: forged, not written by the app), or None."""
    for op in batch.ops:
        if op.table != AUDIT_TABLE:
            continue
        rows = op.fields.get(ROWS)
        if rows is None or not isinstance(rows.new, list):
            return f"change {op.seq} holds no audit rows"
        for row in rows.new:
            if not (isinstance(row, list) and len(row) == len(COLUMNS)) or not all(
                value is None or isinstance(value, str | int) for value in row
            ):
                return f"change {op.seq} holds an audit row that is not whole"
            if row_hash(row[:-1]) != row[-1]:
                return (
                    f"change {op.seq} holds laptop {str(row[_DEVICE])[:8]}'s audit row "
                    f"{row[_SEQ]}, which does not match its own hash (changed after it was "
                    "written)"
                )
    return None


def is_audit_op(body: str) -> bool:
    """Whether an outbox row's op (its JSON, `Op.to_json`) carries audit rows: read from its
    table's place, without decoding the rest. Summaries count changes, not these."""
    return body.split(",", 5)[4].strip() == f'"{AUDIT_TABLE}"'


def audit_rows(ops: Iterable[Op]) -> list[list[Any]]:
    """The audit rows `ops` carry, in order."""
    return [row for op in ops if op.table == AUDIT_TABLE for row in op.fields[ROWS].new]


def keep_received(
    connection: Connection, rows: Sequence[list[Any]], sender: str | None
) -> list[str]:
    """Keep `rows` (of `sender`'s chain; of any laptop's from a snapshot, `sender` None) in
    their chains, inside the merge's transaction; returns what could not be kept, in words."""
    own = this_device(connection)
    problems: list[str] = []
    by_chain: dict[str, list[list[Any]]] = defaultdict(list)
    for row in rows:
        device = row[_DEVICE]
        if device == own or (sender is not None and device != sender):
            problems.append(
                f"audit rows of laptop {str(device)[:8]} arrived from another laptop and "
                "were not kept"
            )
            continue
        by_chain[device].append(row)
    kept: list[Sequence[Any]] = []
    for device, chain in by_chain.items():
        # Where the chain stands here: its rows may be here already (a copy of this laptop
        # that went on under its old identity, or rows a snapshot brought).
        last = connection.exec_driver_sql(
            "SELECT chain_seq, row_hash FROM audit_event WHERE device_id = ? "
            "ORDER BY chain_seq DESC LIMIT 1",
            (device,),
        ).first()
        through, head = (last[0], last[1]) if last else (0, "")
        for row in sorted(chain, key=lambda row: row[_SEQ]):
            seq = row[_SEQ]
            if seq <= through:
                here = connection.exec_driver_sql(
                    "SELECT row_hash FROM audit_event WHERE device_id = ? AND chain_seq = ?",
                    (device, seq),
                ).scalar()
                if here != row[-1]:  # redacted here or not, a row's hash never changes
                    problems.append(
                        f"laptop {device[:8]}'s audit row {seq} arrived different from the "
                        "copy here; the copy here was kept"
                    )
                    break
                continue
            if seq != through + 1 or (through and row[_PREVIOUS] != head):
                problems.append(
                    f"laptop {device[:8]}'s audit rows from row {seq} do not follow on from "
                    f"row {through} here; they were not kept"
                )
                break
            kept.append(row)
            through, head = seq, row[-1]
        if through:
            _note_shared(connection, device, through, head)
    if kept:
        connection.exec_driver_sql(_INSERT, [tuple(row) for row in kept])
        about = {str(row[COLUMNS.index("record_id")]) for row in kept}
        redact(connection, purged_ids(connection, about), reason=SYNC_PURGE)
    return sorted(set(problems))


def snapshot_rows(connection: Connection) -> Iterator[list[Any]]:
    """Every chain's rows that have been shared (this laptop's put in the outbox, the others'
    received), as snapshot rows: [table, first row's id, 0, {ROWS: rows}, {}]."""
    columns = ", ".join(f"audit_event.{name}" for name in COLUMNS)
    rows = connection.exec_driver_sql(
        f"SELECT {columns} FROM audit_event JOIN audit_shared "
        "ON audit_shared.device_id = audit_event.device_id "
        "WHERE audit_event.chain_seq <= audit_shared.through_seq "
        "ORDER BY audit_event.device_id, audit_event.chain_seq"
    ).all()
    for start in range(0, len(rows), ROWS_PER_OP):
        chunk = [list(row) for row in rows[start : start + ROWS_PER_OP]]
        yield [AUDIT_TABLE, chunk[0][0], 0, {ROWS: chunk}, {}]


def _shared(connection: Connection, device: str) -> tuple[int, str]:
    found = connection.execute(
        sa.select(col(AuditShared.through_seq), col(AuditShared.row_hash)).where(
            col(AuditShared.device_id) == device
        )
    ).first()
    return (found[0], found[1]) if found else (0, "")


def _note_shared(connection: Connection, device: str, through: int, head: str) -> None:
    connection.execute(
        sa.insert(AuditShared.__table__).prefix_with("OR REPLACE"),
        {"device_id": device, "through_seq": through, "row_hash": head},
    )
