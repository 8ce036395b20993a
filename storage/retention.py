"""Removing records for good: cases past their retention period and the clients with nothing
left to keep (`due_for_purge`, `purge`), and a person erased at their request
(`erase_client`).

Rows are otherwise never deleted (soft deletes travel as a change of `deleted_at`). A removal
here deletes the rows outright, with everything under them, and records the removal as a
`PurgedRecord` row, which travels with the sync like any row: each laptop that receives it
removes the same records (`remove_records`, called by storage/sync/merge.py), and every laptop
keeps the ids it removed (`SyncPurged`) so that a change made elsewhere before the purge was
heard of is dropped when it arrives, never bringing the record back.

Every removed row is audited, one audit row each, naming the table, the record and why: never
what the row held, so that the audit trail does not keep what the purge removed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import SQLModel, col, select

from housing_tui.casework.retention import (
    CaseForErasure,
    closed_on,
    erasure_refusal,
    keep_until,
    past_retention,
)
from housing_tui.documents.copies import old_copies_folder
from housing_tui.reference.codes import CaseStatus
from housing_tui.reference.policy import RetentionPolicy
from storage.audit import AuditNote, append_events, redact, this_device
from storage.database import Database
from storage.errors import StorageError
from storage.rows import case_ref
from storage.tables import Case, Client, PurgedRecord, SyncConflict, SyncPurged, SyncRegister

RETENTION = "retention"
ERASURE = "erasure"

PURGE = "purge"
"""The audit action of a row removed because its retention period ended."""
ERASE = "erase"
"""The audit action of a row removed because the person it is about was erased."""
SYNC_PURGE = "sync-purge"
"""The audit action of a row removed here because another laptop purged or erased it."""

_CHUNK = 500  # SQLite allows 32,766 bound values; keep IN lists well short of that


class ErasureRefused(StorageError):
    """The person cannot be erased (a case open or still kept); the message says which."""


@dataclass(frozen=True)
class CaseDue:
    """A closed case past its retention date."""

    case_id: str
    client_id: str
    closed_on: date
    kept_until: date

    @property
    def ref(self) -> str:
        return case_ref(self.case_id)


@dataclass(frozen=True)
class DueForPurge:
    cases: tuple[CaseDue, ...]
    clients: tuple[str, ...]
    """The ids of clients with no case left to keep."""

    def __bool__(self) -> bool:
        return bool(self.cases or self.clients)


@dataclass
class Removed:
    """What one removal deleted: rows by table, and the cases (whose document folders go too)."""

    rows: dict[str, int] = field(default_factory=dict)
    case_ids: set[str] = field(default_factory=set)

    def add(self, other: Removed) -> None:
        for table, count in other.rows.items():
            self.rows[table] = self.rows.get(table, 0) + count
        self.case_ids |= other.case_ids

    def describe(self) -> str:
        parts = [f"{count:,} {table}" for table, count in sorted(self.rows.items()) if count]
        return ", ".join(parts) or "nothing"


def due_for_purge(db: Database, *, today: date, policy: RetentionPolicy) -> DueForPurge:
    """The closed cases past their retention date on `today`, and the clients with no case
    left to keep."""
    with db.reading() as session:
        return _due(session.connection(), today=today, policy=policy)


def _due(connection: Connection, *, today: date, policy: RetentionPolicy) -> DueForPurge:
    cases: list[CaseDue] = []
    kept_clients: set[str] = set()
    clients_with_cases: set[str] = set()
    for case_id, client_id, status, closed_at in connection.execute(
        sa.select(col(Case.id), col(Case.client_id), col(Case.status), col(Case.closed_at))
    ):
        clients_with_cases.add(client_id)
        if status == CaseStatus.CLOSED.value and closed_at is not None:
            day = closed_on(closed_at)
            if past_retention(day, today=today, policy=policy):
                cases.append(CaseDue(case_id, client_id, day, keep_until(day, policy)))
                continue
        kept_clients.add(client_id)
    clients = []
    for client_id, updated_at in connection.execute(
        sa.select(col(Client.id), col(Client.updated_at))
    ):
        if client_id in kept_clients:
            continue
        # A client with no case at all is kept as long as a case closed on the day they were
        # last changed would be: their case may be on its way from another laptop.
        if client_id in clients_with_cases or past_retention(
            closed_on(updated_at), today=today, policy=policy
        ):
            clients.append(client_id)
    cases.sort(key=lambda case: (case.kept_until, case.case_id))
    return DueForPurge(tuple(cases), tuple(sorted(clients)))


def purge(
    db: Database,
    officer_id: str,
    listed: DueForPurge,
    *,
    today: date,
    policy: RetentionPolicy,
) -> Removed:
    """Remove the cases and clients of `listed` (what the officer saw and confirmed) that are
    still due on `today`, in one transaction: a case or client that stopped being due since
    the list was made (a new approach, say) is kept."""
    with db.writing(officer_id) as session:
        connection = session.connection()
        this_device(connection)  # the write lock first: nothing changes under the check
        due = _due(connection, today=today, policy=policy)
        cases = {case.case_id for case in listed.cases} & {case.case_id for case in due.cases}
        clients = set(listed.clients) & set(due.clients)
        roots = [(Client.__tablename__, client) for client in sorted(clients)]
        roots += [(Case.__tablename__, case) for case in sorted(cases)]
        session.add_all(
            PurgedRecord(table_name=table, record_id=record, reason=RETENTION, purged_on=today)
            for table, record in roots
        )
        session.flush()
        return remove_records(
            connection,
            {Client.__tablename__: clients, Case.__tablename__: cases},
            officer_id=officer_id,
            action=PURGE,
            details={"reason": RETENTION},
            now=db.clock.now(),
        )


def erase_client(
    db: Database,
    officer_id: str,
    client_id: str,
    *,
    reason: str,
    override_retention: str | None,
    today: date,
    policy: RetentionPolicy,
) -> Removed:
    """Erase a client and all their cases. Refused (`ErasureRefused`) while a case is open or
    within its retention period, unless `override_retention` gives the reason the law
    requires it even so; both reasons are kept in the audit trail."""
    with db.writing(officer_id) as session:
        connection = session.connection()
        this_device(connection)
        client = session.get(Client, client_id)
        if client is None:
            raise StorageError(f"There is no client {client_id} on this laptop.")
        cases = [
            CaseForErasure(
                case_ref(case.id),
                closed_on(case.closed_at)
                if case.status == CaseStatus.CLOSED.value and case.closed_at
                else None,
            )
            for case in session.exec(select(Case).where(col(Case.client_id) == client_id))
        ]
        refusal = erasure_refusal(cases, today=today, policy=policy)
        if refusal and not override_retention:
            raise ErasureRefused(refusal)
        session.add(
            PurgedRecord(
                table_name=Client.__tablename__,
                record_id=client_id,
                reason=ERASURE,
                purged_on=today,
            )
        )
        session.flush()
        details: dict[str, Any] = {"reason": ERASURE, "why": reason}
        if refusal:
            details["retention_overridden"] = override_retention
        return remove_records(
            connection,
            {Client.__tablename__: {client_id}},
            officer_id=officer_id,
            action=ERASE,
            details=details,
            now=db.clock.now(),
        )


def remove_records(
    connection: Connection,
    roots: Mapping[str, Iterable[str]],
    *,
    officer_id: str | None,
    action: str,
    details: dict[str, Any],
    now: datetime,
) -> Removed:
    """Delete the `roots` ({table: ids}) and every row under them (found by their foreign
    keys: a client's cases, a case's notes, answers, plan, duties, money ...), the sync
    registers and conflicts about them, and note every id in `SyncPurged`, inside the caller's
    transaction. Each deleted row gets an audit row of `action` with `details` (which must
    hold no personal data), and the earlier audit rows about it are redacted. Ids not on this
    laptop are noted all the same."""
    found: dict[str, set[str]] = {name: set(ids) for name, ids in roots.items()}
    tables = SQLModel.metadata.sorted_tables  # parents before the tables that refer to them
    for table in tables:
        for key in table.foreign_keys:
            parents = found.get(key.column.table.name)
            if parents:
                found.setdefault(table.name, set()).update(
                    _select_ids(connection, table, key.parent, parents)
                )
    every_id = set().union(*found.values()) if found else set()
    conflicts = SyncConflict.__table__
    found.setdefault(conflicts.name, set()).update(
        _select_ids(connection, conflicts, conflicts.c.record_id, every_id)
        | _select_ids(connection, conflicts, conflicts.c.case_id, found.get("case", set()))
    )
    removed = Removed(case_ids=set(found.get(Case.__tablename__, set())))
    notes: list[AuditNote] = []
    described = json.dumps(details, sort_keys=True)
    for table in reversed(tables):  # children first
        ids = found.get(table.name)
        if not ids:
            continue
        present = sorted(_select_ids(connection, table, table.c.id, ids))
        for chunk in _chunks(present):
            connection.execute(sa.delete(table).where(table.c.id.in_(chunk)))
        removed.rows[table.name] = len(present)
        notes.extend(
            AuditNote(officer_id, table.name, record, action, described) for record in present
        )
    registers = SyncRegister.__table__
    purged = [
        {"record_id": record, "table_name": table_name}
        for table_name, ids in found.items()
        for record in sorted(ids)
    ]
    for chunk in _chunks(sorted(set().union(*found.values()))):
        connection.execute(sa.delete(registers).where(registers.c.record_id.in_(chunk)))
    if purged:
        connection.execute(sa.insert(SyncPurged.__table__).prefix_with("OR IGNORE"), purged)
    # What the trail said of them goes too (who did what, when, stays).
    redact(connection, every_id, reason=action)
    append_events(connection, notes, now)
    return removed


def remove_case_documents(db: Database, removed: Removed) -> None:
    """Delete the plain copies of the removed cases' documents that earlier versions wrote
    into the data folder (this one writes none there: housing_tui/documents/copies.py), once
    the removal is committed. A copy that cannot be deleted now (open in a word processor,
    say) is left; its text is gone from the database all the same."""
    data_dir = Path(db.engine.url.database or ".").parent
    for case_id in sorted(removed.case_ids):
        shutil.rmtree(old_copies_folder(data_dir, case_ref(case_id)), ignore_errors=True)


def purged_ids(connection: Connection, ids: Iterable[str]) -> set[str]:
    """Which of `ids` this laptop has removed for good."""
    table = SyncPurged.__table__
    return _select_ids(connection, table, table.c.record_id, set(ids), returning=table.c.record_id)


def _select_ids(
    connection: Connection,
    table: sa.Table,
    column: sa.Column[Any],
    values: set[str],
    *,
    returning: sa.Column[Any] | None = None,
) -> set[str]:
    """The ids (or `returning`) of `table`'s rows whose `column` is one of `values`."""
    wanted = returning if returning is not None else table.c.id
    found: set[str] = set()
    for chunk in _chunks(sorted(values)):
        found.update(connection.execute(sa.select(wanted).where(column.in_(chunk))).scalars())
    return found


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
