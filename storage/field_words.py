"""A stored field and its value in officers' words: "ni_number" is "NI number", a code is its
label on the list officers chose it from (storage/coded_columns.py), a date is 23/11/2026 and an
amount £1,234.56. One place for every screen and export that names a field of a record: the
sync conflicts and the audit trail (a client's on screen, and the CSV exports of a client's or
an officer's)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, TypeGuard

import sqlalchemy as sa

from housing_tui.calendar.clock import uk_local
from housing_tui.casework.interview import QUESTIONS, shown
from housing_tui.money.amounts import pounds
from storage.coded_columns import code_labels
from storage.database import column_value
from storage.rows import case_ref
from storage.tables import SQLModel

EMPTY = "(empty)"
"""How a field with nothing in it is shown, so that "" and None are not invisible."""

TABLE_WORDS = {
    "household_member": "Household member",
    "case_note": "Note",
    "case_action": "Plan step",
    "duty": "Duty",
    "case_document": "Document",
    "deadline_met": "Deadline met",
    "dhp_application": "DHP application",
    "dhp_payment": "DHP payment",
    "property_check": "Deposit check",
    "target_hardening": "Target hardening",
    "repayment_plan": "Repayment plan",
    "repayment": "Repayment",
    "placement": "Placement",
    "recharge_cost": "TA cost",
    "officer": "Officer",
}
"""What a record is, in officers' words, before its field's name (a client's or a case's own
fields need no prefix: the list already says whose they are)."""

COLUMN_WORDS = {
    "case_id": "Case",
    "ni_number": "NI number",
    "deleted_at": "Removed",
    "epc_rating": "EPC rating",
    "next_action_on": "Next action",
    "body": "Text",
}
"""Column names that do not read well with their underscores turned into spaces."""


RECORD_WORDS = {
    **TABLE_WORDS,
    "client": "Client",
    "homelessness_application": "Application",
    "interview_answer": "Interview answer",
}
"""What a record is, where the trail names it on its own."""


def record_words(table: str, record_id: str) -> str:
    """A record as the audit trail names it: a case by the ref officers quote everywhere else
    ("Case 10F82884"), others by what they are and the start of their id."""
    if table == "case":
        return f"Case {case_ref(record_id)}"
    what = RECORD_WORDS.get(table) or table.replace("_", " ").capitalize()
    return f"{what} {record_id[:8]}"


def field_label(table: str, column: str, question: str | None = None) -> str:
    """A field in officers' words, with what its record is: "surname" -> "Surname", a plan
    step's status -> "Plan step: Status", an interview answer's value (`question` its key) ->
    "Interview: " and the question."""
    words = column_label(table, column, question)
    prefix = TABLE_WORDS.get(table)
    return f"{prefix}: {words}" if prefix else words


def column_label(table: str, column: str, question: str | None = None) -> str:
    """A field in officers' words, where its record is already named: "end_reason" -> "End
    reason"."""
    if _is_answer(table, column):
        asked = QUESTIONS.get(question or "")
        return f"Interview: {asked.label}" if asked else "Interview answer"
    return COLUMN_WORDS.get(column) or column.replace("_", " ").capitalize()


def value_words(table: str, column: str, value: Any, question: str | None = None) -> str:
    """A field's value the way screens show it: 23/11/2026, £1,234.56, Yes, a code's label;
    an interview answer (`question` its key) the way the interview shows it."""
    if value is None or value == "":
        return EMPTY
    if _is_answer(table, column):
        asked = QUESTIONS.get(question or "")
        try:
            return shown(asked, value) if asked else str(value)
        except ValueError:  # an answer stored by a newer app in a form this one cannot read
            return str(value)
    if column == "case_id" and isinstance(value, str):
        return case_ref(value)  # as officers quote it, not the whole id
    labels = code_labels(table, column)
    if labels is not None and value in labels:  # a code this version does not know: as is
        return labels[value]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{uk_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return pounds(value)
    return str(value)


def stored_value_words(table: str, column: str, stored: Any, question: str | None = None) -> str:
    """A value as the sync and the audit trail carry it (JSON: a date as "2026-11-23", an
    amount as "12.50") in officers' words; as it is, for a table or column this version of the
    app does not have, or a document's bytes (the audit trail holds their size and digest)."""
    kind = _column(table, column)
    if kind is None or isinstance(kind.type, sa.LargeBinary):
        return EMPTY if stored is None else str(stored)
    try:
        value = column_value(kind)(stored)
    except (TypeError, ValueError):  # not in the form this version stores it
        return str(stored)
    return value_words(table, column, value, question)


def changes_in_words(table: str, changes: str) -> str:
    """What an audit row of `table` says, in one line in officers' words: a change's fields,
    old value to new ("Surname: Smith → Smyth; Status: → Open"); an event's own details
    ("File: …")."""
    try:
        found = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(found, dict):
        return changes
    # An interview answer's question is its key, in the row that added it.
    key = found.get("key")
    question = key[1] if table == "interview_answer" and _is_change(key) else None
    parts = []
    for name, value in found.items():
        if _is_change(value):
            old, new = (
                "" if each is None else stored_value_words(table, name, each, question)
                for each in value
            )
            label = f"{column_label(table, name, question)}:"
            parts.append(" ".join(word for word in (label, old, "→", new) if word))
        else:
            parts.append(f"{column_label(table, name)}: {value}")
    return "; ".join(parts)


def _is_change(value: object) -> TypeGuard[list[Any]]:
    """An audited change of a field: [old, new]."""
    return isinstance(value, list) and len(value) == 2


@cache
def _column(table: str, column: str) -> sa.Column[Any] | None:
    """A table's column (None for one this version of the app does not have)."""
    found = SQLModel.metadata.tables.get(table)
    return found.c[column] if found is not None and column in found.c else None


def _is_answer(table: str, column: str) -> bool:
    return (table, column) == ("interview_answer", "value")
