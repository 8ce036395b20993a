"""The audit trail: append-only and hash-chained, so that a row edited, removed or slipped in
afterwards (with sqlite3, say) is found by `verify_audit_trail`.

Each laptop (device, the sync identity in `sync_state`) keeps one chain: its rows are numbered
1, 2, 3 ... (`chain_seq`), and each holds the SHA-256 of its own content and the hash of the
chain's row before it (`prev_hash`; `GENESIS` for the first). Chains are kept per device so
that rows written elsewhere (if the trail ever travels with the sync) verify against their
own chain, whatever order they arrive in; a laptop that takes a new identity starts a new
chain. The trail travels with the sync (storage/sync/audit_sharing.py): each laptop keeps the
rows other laptops wrote, in their chains, and verifies them with its own.

Every audit row is written by `append_events`, on the writing transaction's connection: the
write path's flush (storage/database.py), sync's merge (storage/sync/rows.py), the demo loader,
and `record_event` for what is not a change of a row (a case viewed, an export, a sync run,
and sign-in, failed sign-in and lock from the accounts work). Rows are never updated or
deleted: the app never does, and database triggers (migration 0008) refuse it.

What the chain cannot show on its own: the newest rows of a chain removed together (nothing
comes after them to miss them), or a chain rewritten whole by someone who recomputes every
hash. Once rows have been shared with the team, the row each chain was shared through is
noted (`audit_shared`) and checked, and every other laptop holds a copy; rows not yet shared,
and a chain rewritten together with that note, still need the head kept somewhere the
attacker cannot write.

Rows written before the chain existed are sealed into the chain once, by migration 0008
(`seal_unchained`), in the order they were written: a database upgraded from an older version
verifies, and from then on any change to those rows is found like any other.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import SQLModel, col, select

from housing_tui.calendar.clock import uk_local
from storage.rows import AuditEntry
from storage.tables import AuditEvent, Case, Officer, SyncState

if TYPE_CHECKING:
    from storage.database import Database

GENESIS = "0" * 64
"""The `prev_hash` of a chain's first row."""

HASHED_COLUMNS = (
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    "deleted_at",
    "officer_id",
    "table_name",
    "record_id",
    "action",
    "changes",
    "device_id",
    "chain_seq",
    "prev_hash",
)
"""Every column but `row_hash`, in the order they are serialised for hashing."""

VIEW = "view"
"""A client's record was shown: a case opened, the client's details, a letter or plan."""
EXPORT = "export"
SYNC_RUN = "sync-run"
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in-failed"
"""Wrong passphrases for an account, counted on this laptop since its last sign-in."""
LOCK = "lock"
UNLOCK = "unlock"


@dataclass(frozen=True)
class AuditNote:
    """One audit row to append: who did what to which record. `changes` is JSON: for a change
    {column: [old, new]}; for an event (a view, an export, a sync run) its details."""

    officer_id: str | None
    table_name: str
    record_id: str
    action: str
    changes: str = "{}"


_CHANGES = HASHED_COLUMNS.index("changes")

REDACTED = "redacted"
"""The key of a row's `changes` once its personal data is removed (`redact`)."""


def changes_digest(changes: str) -> str:
    """The SHA-256 of a row's `changes` as written; a redacted row keeps it (`redact`)."""
    redaction = _redaction(changes)
    if redaction is not None:
        return str(redaction["digest"])
    return hashlib.sha256(changes.encode("utf-8")).hexdigest()


def _redaction(changes: str) -> dict[str, Any] | None:
    if not changes.startswith('{"' + REDACTED + '":'):
        return None
    found = json.loads(changes)[REDACTED]
    return found if isinstance(found, dict) else None


def row_hash(values: Sequence[Any]) -> str:
    """SHA-256 of a row's `HASHED_COLUMNS` values as stored (text, integers, NULL), serialised
    as compact JSON: one canonical form, whatever wrote the row. `changes` counts by its
    digest, so that its personal data can be removed when the record it is about is purged or
    erased (`redact`) while the chain still proves nothing else was touched."""
    hashed = list(values)
    hashed[_CHANGES] = changes_digest(hashed[_CHANGES])
    text = json.dumps(hashed, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def redact(connection: Connection, record_ids: Iterable[str], reason: str) -> int:
    """Remove what the audit rows about `record_ids` say of them (old and new values, view
    details), keeping who did what, when, to which record, and the digest the chain holds:
    retention and erasure reach the audit trail too. Returns how many rows were redacted. The
    database allows this one change to an audit row, and nothing else (migration 0008)."""
    redacted = 0
    ids = sorted(set(record_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f"SELECT id, changes FROM audit_event WHERE record_id IN ({marks})", tuple(chunk)
        ).all()
        for row_id, changes in rows:
            if _redaction(changes) is not None:
                continue
            marker = {REDACTED: {"digest": changes_digest(changes), "reason": reason}}
            connection.exec_driver_sql(
                "UPDATE audit_event SET changes = ? WHERE id = ?",
                (json.dumps(marker, separators=(",", ":")), row_id),
            )
            redacted += 1
    return redacted


def stored_time(moment: datetime) -> str:
    """A time as SQLAlchemy stores a UTCDateTime in SQLite (naive UTC text): audit rows are
    written as the driver takes them, so that what is hashed is exactly what is stored."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def this_device(connection: Connection) -> str:
    """This laptop's device id, its sync row made (with a new id) the first time it is needed.
    Takes SQLite's write lock first, so another window of the app writing at the same moment
    waits instead of reading the same chain head (or making a second sync row)."""
    connection.execute(sa.update(SyncState).values(next_seq=SyncState.next_seq))
    device = connection.execute(sa.select(col(SyncState.device_id))).scalar()
    if device is None:
        device = str(uuid.uuid4())
        connection.execute(sa.insert(SyncState).values(device_id=device, last_sync_summary=""))
    return device


_INSERT = (
    f"INSERT INTO audit_event ({', '.join(HASHED_COLUMNS)}, row_hash) "
    f"VALUES ({', '.join('?' * (len(HASHED_COLUMNS) + 1))})"
)


def append_events(connection: Connection, notes: Sequence[AuditNote], now: datetime) -> None:
    """Append `notes` to this laptop's chain, stamped `now`, inside the caller's transaction."""
    if not notes:
        return
    device = this_device(connection)
    head = connection.exec_driver_sql(
        "SELECT chain_seq, row_hash FROM audit_event WHERE device_id = ? "
        "ORDER BY chain_seq DESC LIMIT 1",
        (device,),
    ).first()
    seq, previous = (head[0], head[1]) if head else (0, GENESIS)
    stamp = stored_time(now)
    rows = []
    for note in notes:
        seq += 1
        values = (
            str(uuid.uuid4()),
            stamp,
            note.officer_id,
            stamp,
            note.officer_id,
            1,
            None,
            note.officer_id,
            note.table_name,
            note.record_id,
            note.action,
            note.changes,
            device,
            seq,
            previous,
        )
        previous = row_hash(values)
        rows.append((*values, previous))
    connection.exec_driver_sql(_INSERT, rows)


def record_event(
    db: Database,
    officer_id: str | None,
    action: str,
    *,
    table_name: str = "",
    record_id: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record something an officer did that changes no row, in its own transaction: a view of
    a client's record (`VIEW`, naming the table and record shown), an export, a sync run, a
    sign-in or failed sign-in ("sign-in", "sign-in-failed"; `officer_id` the account tried),
    a lock. `details` (JSON-able) says what else matters, such as counts or a file name.
    Raises DatabaseBusy, having written nothing, while another program holds the lock."""
    note = AuditNote(
        officer_id, table_name, record_id, action, json.dumps(details or {}, sort_keys=True)
    )
    with db.writing(officer_id or "") as session:
        append_events(session.connection(), [note], db.clock.now())


# --- sealing rows from before the chain (migration 0008) ----------------------------------


def seal_unchained(connection: Connection) -> int:
    """Put the rows written before the chain into this laptop's chain, oldest first, once;
    returns how many. Run by the migration that adds the chain, before the triggers that
    refuse any later update of an audit row."""
    unchained = connection.exec_driver_sql(
        f"SELECT rowid, {', '.join(HASHED_COLUMNS[:-3])} FROM audit_event "
        "WHERE chain_seq IS NULL ORDER BY created_at, rowid"
    ).all()
    if not unchained:
        return 0
    device = this_device(connection)
    head = connection.exec_driver_sql(
        "SELECT chain_seq, row_hash FROM audit_event WHERE device_id = ? "
        "ORDER BY chain_seq DESC LIMIT 1",
        (device,),
    ).first()
    seq, previous = (head[0], head[1]) if head else (0, GENESIS)
    sealed = []
    for rowid, *content in unchained:
        seq += 1
        current = row_hash((*content, device, seq, previous))
        sealed.append((device, seq, previous, current, rowid))
        previous = current
    connection.exec_driver_sql(
        "UPDATE audit_event SET device_id = ?, chain_seq = ?, prev_hash = ?, row_hash = ? "
        "WHERE rowid = ?",
        sealed,
    )
    return len(sealed)


# --- verifying ------------------------------------------------------------------------------


@dataclass
class Verification:
    """What `verify_audit_trail` found: how many rows and chains, and the first break of
    each broken chain, in words."""

    rows: int = 0
    chains: int = 0
    breaks: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks

    def describe(self) -> str:
        if self.intact:
            return f"{self.rows:,} rows, chains intact."
        return (
            f"The audit trail has been tampered with ({self.rows:,} rows in {self.chains} "
            "chain(s)):\n" + "\n".join(f"- {line}" for line in self.breaks)
        )


def verify_audit_trail(db: Database) -> Verification:
    """Check every chain, row by row: each row's hash against its content, each link against
    the row before, the numbering for gaps, and that no row is outside every chain."""
    with db.reading() as session:
        connection = session.connection()
        officers = {
            officer: initials
            for officer, initials in connection.execute(
                sa.select(col(Officer.id), col(Officer.initials))
            )
        }
        result = connection.exec_driver_sql(
            f"SELECT {', '.join(HASHED_COLUMNS)}, row_hash FROM audit_event "
            "ORDER BY device_id, chain_seq"
        )
        found = _verify(result, officers)
        found.breaks.extend(_shared_rows_missing(connection))
        return found


def _shared_rows_missing(connection: Connection) -> list[str]:
    """Chains whose newest rows were removed after they were shared: the row each chain had
    been shared through (storage/sync/audit_sharing.py) is gone or not the one shared."""
    missing = []
    for device, through, shared_hash in connection.exec_driver_sql(
        "SELECT device_id, through_seq, row_hash FROM audit_shared WHERE through_seq > 0 "
        "ORDER BY device_id"
    ):
        here = connection.exec_driver_sql(
            "SELECT row_hash FROM audit_event WHERE device_id = ? AND chain_seq = ?",
            (device, through),
        ).scalar()
        if here != shared_hash:
            missing.append(
                f"Laptop {device[:8]}, row {through}: it has been removed or replaced since "
                "it was shared with the team (its newest rows were removed)."
            )
    return missing


def _verify(rows: Iterator[Sequence[Any]], officers: dict[str, str]) -> Verification:
    found = Verification()
    device_at, seq_at, link_at = (
        HASHED_COLUMNS.index(name) for name in ("device_id", "chain_seq", "prev_hash")
    )
    chain: str | None = None
    expected_seq, previous, broken = 1, GENESIS, False
    for row in rows:
        found.rows += 1
        content, stored_hash = row[:-1], row[-1]
        device, seq = content[device_at], content[seq_at]
        if device is None or seq is None:
            found.breaks.append(
                f"{_described(content, officers)} is in no chain: it was added to the "
                "database outside the app."
            )
            continue
        if device != chain:
            chain, expected_seq, previous, broken = device, 1, GENESIS, False
            found.chains += 1
        if broken:
            continue
        where = f"Laptop {device[:8]}, row {seq} ({_described(content, officers)})"
        if seq != expected_seq:
            missing = f"rows {expected_seq} to {seq - 1} before it have"
            if seq == expected_seq + 1:
                missing = f"row {expected_seq} before it has"
            found.breaks.append(f"{where}: {missing} been removed.")
            broken = True
        elif content[link_at] != previous:
            found.breaks.append(
                f"{where}: it does not follow the row before it (a row was removed or put in "
                "and the rows renumbered)."
            )
            broken = True
        elif row_hash(content) != stored_hash:
            found.breaks.append(f"{where}: it has been changed since it was written.")
            broken = True
        expected_seq, previous = seq + 1, stored_hash
    return found


def _described(content: Sequence[Any], officers: dict[str, str]) -> str:
    """A row in words an officer can find it by: when, who, what."""
    values = dict(zip(HASHED_COLUMNS, content, strict=True))
    officer = officers.get(values["officer_id"] or "", values["officer_id"] or "no officer")
    try:
        written = datetime.fromisoformat(values["created_at"]).replace(tzinfo=UTC)
        when = f"{uk_local(written):%d %b %Y %H:%M}"
    except (TypeError, ValueError):  # a time edited into something else
        when = str(values["created_at"])
    return (
        f"{when}, {officer}, {values['action']} of {values['table_name']} "
        f"{str(values['record_id'])[:8]}"
    )


# --- reading: a client's or an officer's trail ----------------------------------------------

_CHUNK = 500  # SQLite allows 32,766 bound values; keep IN lists well short of that


def audit_for_client(db: Database, client_id: str) -> list[AuditEntry]:
    """Every audit row about a client, oldest first: their client row, their cases and every
    row under those cases (notes, answers, plan steps, documents, money ...), and each view
    of them, on every laptop whose trail has reached this one (storage/sync/audit_sharing.py).
    For a subject access request, and the principal's screen."""
    with db.reading() as session:
        cases = list(session.exec(select(Case.id).where(col(Case.client_id) == client_id)))
        records = {client_id, *cases}
        for table in _tables_under_a_case():
            for chunk in _chunks(cases):
                records.update(
                    session.execute(sa.select(table.c.id).where(table.c.case_id.in_(chunk)))
                    .scalars()
                    .all()
                )
        entries: list[AuditEntry] = []
        for chunk in _chunks(sorted(records)):
            entries.extend(_entries(session, col(AuditEvent.record_id).in_(chunk)))
    return sorted(entries, key=lambda entry: (entry.at, entry.device_id, entry.chain_seq))


def this_laptop(db: Database) -> str | None:
    """This laptop's device id (its chain's), or None before its first write."""
    with db.reading() as session:
        return session.exec(select(SyncState.device_id)).first()


def audit_for_officer(db: Database, officer_id: str) -> list[AuditEntry]:
    """Every audit row of what an officer did, oldest first."""
    with db.reading() as session:
        return _entries(session, col(AuditEvent.officer_id) == officer_id)


def _tables_under_a_case() -> list[sa.Table]:
    return [
        table
        for table in SQLModel.metadata.sorted_tables
        if "case_id" in table.c and table.name != AuditEvent.__tablename__
    ]


def _entries(session: Any, condition: Any) -> list[AuditEntry]:
    statement = (
        select(AuditEvent, Officer.initials)
        .join(Officer, col(Officer.id) == col(AuditEvent.officer_id), isouter=True)
        .where(condition)
        .order_by(col(AuditEvent.created_at), col(AuditEvent.device_id), col(AuditEvent.chain_seq))
    )
    return [
        AuditEntry(
            at=event.created_at,
            officer_id=event.officer_id,
            officer=initials or "",
            device_id=event.device_id or "",
            chain_seq=event.chain_seq or 0,
            action=event.action,
            table_name=event.table_name,
            record_id=event.record_id,
            details=event.changes,
        )
        for event, initials in session.exec(statement)
    ]


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
