"""A subject access request: everything held about one client, as sheets (one per kind of
record) for `housing-tui subject-access` to write as CSV files with a README index.

Found the way purges find what to remove (storage/retention.py): the client's row, their cases,
and every row of every table under a case (notes, interview answers, household, plan steps,
duties, documents with their full text, DHP, deposits, repayments ...), so that a table added
later is included without being listed here; then conflicts that kept one of their values, and
the audit trail about them (`storage.audit.audit_for_client`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from storage.audit import audit_for_client
from storage.database import Database
from storage.export import AUDIT_HEADINGS, audit_csv_rows
from storage.tables import AuditEvent, Case, Client, SyncConflict

TITLES = {
    "client": "Personal details",
    "case": "Cases: each approach for help, its facts and outcome",
    "case_note": "Case notes",
    "interview_answer": "Answers to the housing options interview",
    "household_member": "Household members",
    "case_action": "Personal Housing Plan steps",
    "duty": "Prevention and relief duties",
    "case_document": "Plans, advice and letters issued (with their full text)",
    "deadline_met": "Deadlines recorded as met",
    "dhp_application": "Discretionary Housing Payment applications",
    "dhp_payment": "Discretionary Housing Payments made",
    "property_check": "Properties checked for the rent deposit scheme",
    "target_hardening": "Target hardening (sanctuary scheme): referral, works and costs",
    "repayment_plan": "Money owed to the council and the plans to repay it",
    "repayment": "Repayments made",
    "placement": "Temporary accommodation placements",
    "recharge_cost": "Temporary accommodation costs recharged",
    "sync_conflict": "Values entered on two laptops at once, the one not kept",
    "audit_trail": "Audit trail: who viewed or changed these records, and when",
}
"""What each file holds, in the README; a table without a title here is named by its own name."""

_CHUNK = 500


@dataclass(frozen=True)
class Sheet:
    name: str
    """The file's name without .csv: the table's name, or "audit_trail"."""
    headings: list[str]
    rows: list[list[Any]]

    @property
    def title(self) -> str:
        return TITLES.get(self.name, self.name.replace("_", " ").capitalize())


def subject_access(db: Database, client_id: str) -> list[Sheet] | None:
    """Every record held about the client, one sheet per kind that holds any (the client's
    own always first, the audit trail last); None if there is no such client here."""
    with db.reading() as session:
        connection = session.connection()
        client = Client.__table__
        found = connection.execute(sa.select(client).where(client.c.id == client_id)).first()
        if found is None:
            return None
        sheets = [_sheet(client, [found])]
        case_ids: list[str] = []
        for table in _tables_under_a_client():
            column = table.c.client_id if table.name == Case.__tablename__ else table.c.case_id
            wanted = [client_id] if table.name == Case.__tablename__ else case_ids
            rows = list(_rows(connection, table, column, wanted))
            if table.name == Case.__tablename__:
                case_ids = [row.id for row in rows]
            if rows:
                sheets.append(_sheet(table, rows))
        conflicts = SyncConflict.__table__
        records = [client_id] + [value for sheet in sheets[1:] for value in _ids(sheet)]
        lost = {row.id: row for row in _rows(connection, conflicts, conflicts.c.record_id, records)}
        if lost:
            sheets.append(_sheet(conflicts, list(lost.values())))
    entries = audit_for_client(db, client_id)
    sheets.append(Sheet("audit_trail", AUDIT_HEADINGS, list(audit_csv_rows(entries))))
    return sheets


def _tables_under_a_client() -> list[sa.Table]:
    """The case table, then every table whose rows belong to a case, parents first."""
    return [
        table
        for table in SQLModel.metadata.sorted_tables
        if table.name == Case.__tablename__
        or ("case_id" in table.c and table.name not in (AuditEvent.__tablename__, "sync_conflict"))
    ]


def _rows(
    connection: sa.Connection, table: sa.Table, column: sa.Column[Any], values: list[str]
) -> Iterator[sa.Row[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield from connection.execute(
            sa.select(table)
            .where(column.in_(values[start : start + _CHUNK]))
            .order_by(table.c.created_at, table.c.id)
        )


def _sheet(table: sa.Table, rows: list[sa.Row[Any]]) -> Sheet:
    return Sheet(
        table.name, list(table.c.keys()), [[_cell(value) for value in row] for row in rows]
    )


def _cell(value: Any) -> Any:
    # A document's .docx: its words are in the sheet already (`body`); say what else is held.
    if isinstance(value, bytes):
        return f"(a Word document of {len(value):,} bytes; its text is in the body column)"
    return value


def _ids(sheet: Sheet) -> Iterator[str]:
    at = sheet.headings.index("id")
    for row in sheet.rows:
        yield row[at]
