"""Conflicts an officer decides: a value that lost to another laptop's edit of the same field
can be put back (restored) or let go (the current value kept).

Both decisions are ordinary audited writes (`Database.writing`), so they become operations and
travel to every other laptop with the next sync: the restored value, and the conflict marked
resolved, arrive together.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from housing_tui.calendar.clock import uk_local
from storage.database import Database, column_value
from storage.errors import StorageError
from storage.field_words import TABLE_WORDS, field_label, stored_value_words, value_words
from storage.rows import case_ref
from storage.sync.merge import synced_models
from storage.tables import Case, Client, Officer, Record, SyncConflict

SOMEONE = "another officer"
"""Who made the losing change, when that officer is not (yet) on this laptop."""


@dataclass(frozen=True)
class ConflictRow:
    """An unresolved conflict, as a screen shows it."""

    id: str
    table: str
    record_id: str
    column: str
    case_id: str | None
    about: str
    """Whose record: "Case 1a2b3c4d, Jo Smith", or "Client Jo Smith" for a client's details."""
    field: str
    """The field in officers' words: "Surname", "Interview: Monthly rent"."""
    losing_value: str
    """The value that lost, as it would be shown."""
    current_value: str
    """The field's value now (the one kept), or a note that the record is gone."""
    losing_officer: str
    losing_at: datetime


def open_conflicts(db: Database, *, case_id: str | None = None) -> list[ConflictRow]:
    """Every unresolved conflict, newest losing change first; or one case's, with those on
    its client's details (a client's record belongs to no case of its own)."""
    with db.reading() as session:
        query = select(SyncConflict).where(
            col(SyncConflict.resolved_at).is_(None), col(SyncConflict.deleted_at).is_(None)
        )
        if case_id is not None:
            its_client = select(Case.client_id).where(Case.id == case_id).scalar_subquery()
            query = query.where(
                (SyncConflict.case_id == case_id)
                | ((SyncConflict.table_name == "client") & (SyncConflict.record_id == its_client))
            )
        conflicts = session.exec(
            query.order_by(
                col(SyncConflict.losing_at).desc(),
                SyncConflict.table_name,
                SyncConflict.column_name,
                SyncConflict.id,
            )
        ).all()
        if not conflicts:
            return []
        records = _records(session, conflicts)
        officers = _officer_names(
            session, {c.losing_officer for c in conflicts if c.losing_officer}
        )
        cases = _case_names(session, {c.case_id for c in conflicts if c.case_id})
    return [
        _row(conflict, records.get(conflict.record_id), officers, cases)
        for conflict in conflicts
        if not _holds_the_lost_value(conflict, records.get(conflict.record_id))
    ]


def _holds_the_lost_value(conflict: SyncConflict, record: Record | None) -> bool:
    """Nothing to decide: the record has the losing value now (both officers typed the same,
    or a later edit put it back). Every laptop keeps such a conflict, so that the set of
    conflicts does not depend on the order edits arrive in; officers need not see it."""
    if record is None:
        return False
    from storage.database import jsonable

    return jsonable(getattr(record, conflict.column_name, None)) == json.loads(
        conflict.losing_value
    )


def count_open_conflicts(db: Database) -> int:
    """How many conflicts wait for an officer (a sync may bring a conflict already decided)."""
    return len(open_conflicts(db))


def restore_conflict(db: Database, officer_id: str, conflict_id: str) -> None:
    """Put the losing value back into its field and mark the conflict restored, together."""
    with db.writing(officer_id) as session:
        conflict = _unresolved(session, conflict_id)
        model = synced_models()[conflict.table_name]
        record = session.get(model, conflict.record_id)
        if record is None or (
            record.deleted_at is not None and conflict.column_name != "deleted_at"
        ):
            raise StorageError(
                "The record this conflict is about is no longer on record, so its value cannot "
                "be put back. Keep the current value (k) to clear the conflict."
            )
        convert = column_value(model.__table__.c[conflict.column_name])
        setattr(record, conflict.column_name, convert(json.loads(conflict.losing_value)))
        _resolve(conflict, "restored", db.clock.now())


def keep_current(db: Database, officer_id: str, conflict_id: str) -> None:
    """Let the losing value go: the field keeps the value it has now."""
    with db.writing(officer_id) as session:
        _resolve(_unresolved(session, conflict_id), "kept", db.clock.now())


def _unresolved(session: Session, conflict_id: str) -> SyncConflict:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.deleted_at is not None:
        raise StorageError("This conflict is no longer on record.")
    if conflict.resolved_at is not None:
        what = "put back" if conflict.resolution == "restored" else "kept as it was"
        raise StorageError(
            f"This conflict was already resolved on {uk_local(conflict.resolved_at):%d/%m/%Y} "
            f"(the value was {what}), here or on another laptop."
        )
    return conflict


def _resolve(conflict: SyncConflict, resolution: str, at: datetime) -> None:
    conflict.resolved_at = at
    conflict.resolution = resolution


# --- reading what a screen needs ------------------------------------------------------------


def _records(session: Session, conflicts: Sequence[SyncConflict]) -> dict[str, Record]:
    """The records the conflicts are about, as they are now: one query per table."""
    models = synced_models()
    wanted: dict[str, set[str]] = defaultdict(set)
    for conflict in conflicts:
        if conflict.table_name in models:
            wanted[conflict.table_name].add(conflict.record_id)
    found: dict[str, Record] = {}
    for table, ids in wanted.items():
        model = models[table]
        for record in session.exec(select(model).where(col(model.id).in_(sorted(ids)))):
            found[record.id] = record
    return found


def _officer_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    query = select(Officer.id, Officer.name).where(col(Officer.id).in_(sorted(ids)))
    return dict(session.exec(query).all())


def _case_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Case.id, Client.forenames, Client.surname)
        .join(Client, col(Client.id) == col(Case.client_id))
        .where(col(Case.id).in_(sorted(ids)))
    )
    return {
        case_id: f"Case {case_ref(case_id)}, {forenames} {surname}"
        for case_id, forenames, surname in rows
    }


def _row(
    conflict: SyncConflict,
    record: Record | None,
    officers: dict[str, str],
    cases: dict[str, str],
) -> ConflictRow:
    table, column = conflict.table_name, conflict.column_name
    question = getattr(record, "key", None)  # an interview answer's
    losing = stored_value_words(table, column, json.loads(conflict.losing_value), question)
    if record is None:
        current = "(no longer on record)"
    else:
        current = value_words(table, column, getattr(record, column, None), question)
    return ConflictRow(
        id=conflict.id,
        table=table,
        record_id=conflict.record_id,
        column=column,
        case_id=conflict.case_id,
        about=_about(conflict, record, cases),
        field=field_label(table, column, question),
        losing_value=losing,
        current_value=current,
        losing_officer=officers.get(conflict.losing_officer or "", SOMEONE),
        losing_at=conflict.losing_at,
    )


def _about(conflict: SyncConflict, record: Record | None, cases: dict[str, str]) -> str:
    if conflict.case_id is not None:
        return cases.get(conflict.case_id, f"Case {case_ref(conflict.case_id)}")
    if isinstance(record, Client):
        return f"Client {record.forenames} {record.surname}"
    if isinstance(record, Officer):
        return f"Officer {record.name}"
    return TABLE_WORDS.get(conflict.table_name, conflict.table_name)
