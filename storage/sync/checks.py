"""What a batch must pass before it is merged, once its bytes have opened with the team key:

* signed by an enrolled laptop (the device register, `storage.sync.devices`);
* every change it claims for an officer claims an officer of the team (an active officer on
  record here, or one the batch itself adds); a laptop enrolment made by an admin;
* every value fits its column as typed input must: its type, its length, a real date, and no
  control characters (a newline or an escape in a name would reach letters and the screen);
* every code is on its column's code list, and every interview answer reads as its question's
  type (storage/sync/code_checks.py);
* every audit row it carries hashes to what it claims (storage/sync/audit_sharing.py).

A batch that fails is refused whole: reported, audited, never merged (`engine._receive`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from housing_tui.reference.policy import Role
from storage.sync.audit_sharing import refusal as forged_audit_rows
from storage.sync.code_checks import unknown_code
from storage.sync.merge import synced_tables
from storage.sync.ops import Batch
from storage.sync.sealing import Refused, TeamSeal
from storage.tables import Officer
from storage.types import Pence, UTCDateTime

ONE_LINE_UP_TO = 200
"""Text columns this long or shorter hold one line (names, codes, phone numbers): no newline."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")

Check = Callable[[Any], str | None]
"""A value (as ops carry it, JSON) -> what is wrong with it, or None."""


def refusal(batch: Batch, seal: TeamSeal, connection: Connection) -> str | None:
    """Why `batch` must not be merged here, or None."""
    if batch.signed is None:
        # Unsigned: anyone who can write to the share could have written it (docs/security.md,
        # "Upgrading a team store").
        return (
            "it was written before the team store was sealed, so it is not trusted: an admin "
            "runs housing-tui sync --compact on an up-to-date laptop, then enrols this laptop "
            "again"
        )
    try:
        seal.verify(batch.signed)
    except Refused as error:
        return str(error)
    # Deactivated officers still count: their changes made offline before it may arrive now.
    officers = {
        row.id: row.role
        for row in connection.execute(
            sa.select(Officer.__table__.c.id, Officer.__table__.c.role).where(
                Officer.__table__.c.deleted_at.is_(None)
            )
        )
    }
    checks = _column_checks()
    for op in batch.ops:
        adds_itself = op.table == "officer" and op.record == op.officer
        if op.officer is not None and op.officer not in officers and not adds_itself:
            return f"change {op.seq} claims officer {op.officer[:8]}, not an officer of the team"
        if op.table == "officer" and (op.officer is None or op.officer in officers or adds_itself):
            # An officer added (by an admin, or on their own laptop before accounts), or a
            # role changed: what later changes of this batch are judged by.
            role = op.fields.get("role")
            officers[op.record] = role.new if role else officers.get(op.record, Role.OFFICER.value)
        if op.table == "device" and officers.get(op.officer or "") != Role.ADMIN.value:
            return f"change {op.seq} enrols a laptop, which only an admin can do"
        table = checks.get(op.table, {})
        for name, change in op.fields.items():
            check = table.get(name)
            problem = check(change.new) if check else None
            if problem:
                return f"change {op.seq} to {op.table}.{name}: {problem}"
    return unknown_code(batch.ops, connection) or forged_audit_rows(batch)


_CHECKS: dict[str, dict[str, Check]] = {}


def _column_checks() -> dict[str, dict[str, Check]]:
    if not _CHECKS:
        for name, table in synced_tables().items():
            _CHECKS[name] = {column.name: _check_for(column) for column in table.columns}
    return _CHECKS


def _check_for(column: sa.Column) -> Check:
    """One check per kind of column, from the column's own type (the same limits as the
    table gives typed input)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _parsed(datetime.fromisoformat, "a date and time")
    if isinstance(kind, sa.Date):
        return _parsed(date.fromisoformat, "a date")
    if isinstance(kind, Pence):
        return _parsed(Decimal, "an amount of money")
    if isinstance(kind, sa.types.TypeDecorator):  # SQLModel's text (AutoString) is a String
        kind = kind.impl_instance
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None or isinstance(v, bool) else "it is not yes or no"
    if isinstance(kind, sa.Integer):
        return lambda v: (
            None
            if v is None or (isinstance(v, int) and not isinstance(v, bool))
            else "not a number"
        )
    if isinstance(kind, sa.String):
        return _text(kind.length)
    return lambda _v: None


def _parsed(parse: Callable[[str], Any], what: str) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None
        try:
            parse(value)
        except (TypeError, ValueError, InvalidOperation):
            return f"{value!r:.40} is not {what}"
        return None

    return check


def _text(length: int | None) -> Check:
    one_line = length is not None and length <= ONE_LINE_UP_TO

    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            return "it is not text"
        if length is not None and len(value) > length:
            return f"it is {len(value):,} characters long, more than {length:,}"
        if _CONTROL.search(value) or (one_line and _LINE_BREAK.search(value)):
            return "it holds control characters (a line break or an escape)"
        return None

    return check
