"""CSV exports of clients and cases that Excel opens correctly (UTF-8 with a byte-order mark),
one row per record, readable headings, no internal bookkeeping columns."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func
from sqlmodel import col, select

from housing_tui.calendar.clock import uk_local
from housing_tui.reference.codes import CaseStatus, Channel, PresentingProblem, SafetyFlag, Urgency
from storage.audit import EXPORT, record_event
from storage.database import Database
from storage.field_words import changes_in_words
from storage.rows import AuditEntry, case_ref
from storage.tables import Case, Client, Officer

BATCH = 2_000
KINDS = ("clients", "cases")

Progress = Callable[[int, int], None]


def export_csv(
    db: Database,
    kind: str,
    path: Path,
    progress: Progress | None = None,
    *,
    officer_id: str | None,
) -> int:
    """Write every live client or case to `path`, audited as `officer_id`'s export; returns
    how many rows were written."""
    headings, rows, total = _clients(db) if kind == "clients" else _cases(db)
    # Recorded first, so that no export happens unrecorded.
    record_event(
        db, officer_id, EXPORT, table_name=kind, details={"rows": total, "file": str(path)}
    )
    return write_csv(path, headings, rows, total, progress)


def write_csv(
    path: Path,
    headings: list[str],
    rows: Iterable[list[Any]],
    total: int,
    progress: Progress | None = None,
) -> int:
    """Write `rows` under `headings` to `path` as Excel reads it; returns how many.

    Written to a temporary file first and renamed, so a failed export never leaves half a file
    where a good one was expected; readable by this user only (`private_file`).
    """
    partial = path.with_name(path.name + ".partial")
    written = 0
    try:
        with private_file(partial) as handle:
            writer = csv.writer(handle)
            writer.writerow(headings)
            for row in rows:
                writer.writerow([_cell(value) for value in row])
                written += 1
                if progress and (written % BATCH == 0 or written == total):
                    progress(written, total)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)  # interrupted or failed: no half file left behind
    return written


def private_file(path: Path) -> TextIO:
    """`path` opened for writing text as Excel reads it, readable by this user only (0600 on
    POSIX): what is exported is personal data."""
    path.unlink(missing_ok=True)  # a file left from before keeps its mode: make a new one
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return open(descriptor, "w", encoding="utf-8-sig", newline="")  # noqa: PTH123, SIM115


def _clients(db: Database) -> tuple[list[str], Iterator[list[Any]], int]:
    headings = [
        "Client ID",
        "First names",
        "Surname",
        "Date of birth",
        "NI number",
        "Phone",
        "Email",
        "Address",
        "Postcode",
        "Created",
    ]
    live = col(Client.deleted_at).is_(None)
    with db.reading() as session:
        total = session.exec(select(func.count(col(Client.id))).where(live)).one()

    def rows() -> Iterator[list[Any]]:
        with db.reading() as session:
            statement = select(Client).where(live).order_by(Client.surname_key, Client.id)
            for client in session.exec(statement.execution_options(yield_per=BATCH)):
                yield [
                    client.id,
                    client.forenames,
                    client.surname,
                    client.date_of_birth,
                    client.ni_number,
                    client.phone,
                    client.email,
                    client.address,
                    client.postcode,
                    client.created_at,
                ]

    return headings, rows(), total


def _cases(db: Database) -> tuple[list[str], Iterator[list[Any]], int]:
    headings = [
        "Case ID",
        "Case ref",
        "Client ID",
        "Client name",
        "Approached",
        "Channel",
        "Officer",
        "Status",
        "Urgency",
        "Presenting problem",
        "Homeless tonight",
        "Must leave on",
        "Adults",
        "Children",
        "Pregnancy",
        *[flag.label for flag in SafetyFlag],
        "Next action",
        "Closed",
    ]
    live = col(Case.deleted_at).is_(None)
    with db.reading() as session:
        total = session.exec(select(func.count(col(Case.id))).where(live)).one()

    def rows() -> Iterator[list[Any]]:
        with db.reading() as session:
            statement = (
                select(Case, Client.forenames, Client.surname, Officer.initials)
                .join(Client, col(Client.id) == col(Case.client_id))
                .join(Officer, col(Officer.id) == col(Case.officer_id))
                .where(live)
                .order_by(col(Case.approached_at), col(Case.id))
            )
            for case, forenames, surname, initials in session.exec(
                statement.execution_options(yield_per=BATCH)
            ):
                yield [
                    case.id,
                    case_ref(case.id),
                    case.client_id,
                    f"{forenames} {surname}",
                    case.approached_at,
                    Channel(case.channel).label,
                    initials,
                    CaseStatus(case.status).label,
                    Urgency(case.urgency).label,
                    PresentingProblem(case.presenting_problem).label,
                    case.homeless_tonight,
                    case.must_leave_on,
                    case.adults,
                    case.children,
                    case.pregnant,
                    *[getattr(case, flag.value) for flag in SafetyFlag],
                    case.next_action_on,
                    case.closed_at,
                ]

    return headings, rows(), total


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return uk_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # Excel runs a cell that starts like a formula; a quote makes it plain text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


AUDIT_HEADINGS = [
    "When",
    "Officer ID",
    "Officer",
    "Laptop",
    "Row",
    "Action",
    "Table",
    "Record ID",
    "Details",
]


def audit_csv_rows(entries: list[AuditEntry]) -> Iterator[list[Any]]:
    """The rows of an audit export, under `AUDIT_HEADINGS`: the details in the words the
    audit trail screen shows (a subject access request is read by the client)."""
    for entry in entries:
        yield [
            entry.at,
            entry.officer_id,
            entry.officer,
            entry.device_id,
            entry.chain_seq,
            entry.action,
            entry.table_name,
            entry.record_id,
            changes_in_words(entry.table_name, entry.details),
        ]
