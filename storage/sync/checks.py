"""What a batch must pass before it is merged, once its bytes have opened with the team key:

* signed by an enrolled laptop (the device register, `storage.sync.devices`);
* every change it claims for an officer claims an officer of the team (an active officer on
  record here, or one the batch itself adds) who has signed in on the laptop that signed the
  batch (`storage.sync.officer_laptops`; officers with no signing key yet are judged by being
  the team's only); an officer's signing key changed only by them or an admin; a laptop
  enrolment made by an admin;
* every value fits its column as typed input must: its type, its length, a real date, and no
  control characters (a newline or an escape in a name would reach letters and the screen);
* every code is on its column's code list, and every interview answer reads as its question's
  type (storage/sync/code_checks.py);
* every audit row it carries hashes to what it claims (storage/sync/audit_sharing.py).

A batch that fails is refused whole: reported, audited, never merged (`engine._receive`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from housing_tui.reference.policy import Role
from storage.sync.audit_sharing import refusal as forged_audit_rows
from storage.sync.code_checks import unknown_code
from storage.sync.merge import synced_tables
from storage.sync.officer_laptops import Statement, known_pairs
from storage.sync.ops import Batch
from storage.sync.sealing import Refused, TeamSeal
from storage.tables import Officer, OfficerLaptop
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
            "runs housing-tui sync --reseal on a laptop that was up to date when it was "
            "upgraded, then enrols this laptop again in a new data folder (housing-tui devices "
            "enrol)"
        )
    try:
        seal.verify(batch.signed)
    except Refused as error:
        return str(error)
    laptop = batch.signed.signer
    # Deactivated officers still count: their changes made offline before it may arrive now.
    table = Officer.__table__.c
    officers: dict[str, str] = {}
    keys: dict[str, str | None] = {}
    for row in connection.execute(
        sa.select(table.id, table.role, table.signing_key).where(table.deleted_at.is_(None))
    ):
        officers[row.id], keys[row.id] = row.role, row.signing_key
    said = known_pairs(connection)
    if problem := _statements(batch, laptop, seal, keys, said):
        return problem
    checks = _column_checks()
    for op in batch.ops:
        adds_itself = op.table == "officer" and op.record == op.officer
        if op.officer is not None and op.officer not in officers and not adds_itself:
            return f"change {op.seq} claims officer {op.officer[:8]}, not an officer of the team"
        # An officer with no key yet has not signed in with this version: judged as before.
        if op.officer is not None and keys.get(op.officer) and (op.officer, laptop) not in said:
            return (
                f"change {op.seq} claims officer {op.officer[:8]}, who has not signed in on "
                f"laptop {laptop[:8]}"
            )
        if op.table == "officer" and (op.officer is None or op.officer in officers or adds_itself):
            # An officer added (by an admin, or on their own laptop before accounts), or a
            # role changed: what later changes of this batch are judged by.
            role = op.fields.get("role")
            officers[op.record] = role.new if role else officers.get(op.record, Role.OFFICER.value)
            if (key := op.fields.get("signing_key")) and key.new != keys.get(op.record):
                if (
                    keys.get(op.record)
                    and op.officer != op.record
                    and (officers.get(op.officer or "") != Role.ADMIN.value)
                ):
                    return (
                        f"change {op.seq} changes officer {op.record[:8]}'s signing key, which "
                        "only they (changing their passphrase) or an admin can do"
                    )
                keys[op.record] = key.new
        if op.table == "device" and officers.get(op.officer or "") != Role.ADMIN.value:
            return f"change {op.seq} enrols a laptop, which only an admin can do"
        table_checks = checks.get(op.table, {})
        for name, change in op.fields.items():
            check = table_checks.get(name)
            problem = check(change.new) if check else None
            if problem:
                return f"change {op.seq} to {op.table}.{name}: {problem}"
    return unknown_code(batch.ops, connection) or forged_audit_rows(batch)


def _statements(
    batch: Batch,
    laptop: str,
    seal: TeamSeal,
    keys: dict[str, str | None],
    said: set[tuple[str, str]],
) -> str | None:
    """Check the officers' statements the batch carries (each made at a sign-in on the
    laptop that signed the batch) and add them to `said`; why the batch is refused if one
    does not hold. A statement is signed with the officer's key as this laptop knows it, or,
    for an officer who has none here yet, with the key the batch itself gives them."""
    given = {
        op.record: op.fields["signing_key"].new
        for op in batch.ops
        if op.table == "officer" and "signing_key" in op.fields
    }
    laptop_key = base64.b64encode(seal.public_keys.get(laptop) or b"").decode("ascii")
    for op in batch.ops:
        if op.table != OfficerLaptop.__tablename__:
            continue
        said_here = Statement.of({name: change.new for name, change in op.fields.items()})
        if said_here is None:
            return (
                f"change {op.seq} alters an officer's sign-in on a laptop, which only their own "
                "sign-in records"
            )
        officer_key = keys.get(said_here.officer_id) or given.get(said_here.officer_id)
        if (
            said_here.laptop_id != laptop
            or said_here.laptop_key != laptop_key
            or not said_here.holds([officer_key] if officer_key else [])
        ):
            return (
                f"change {op.seq} says officer {said_here.officer_id[:8]} signed in on laptop "
                f"{said_here.laptop_id[:8]}, but it is not signed with their key for this laptop "
                "(forged)"
            )
        said.add((said_here.officer_id, laptop))
    return None


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
    if isinstance(kind, sa.LargeBinary):
        return _parsed(partial(base64.b64decode, validate=True), "a file (base64)")
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
