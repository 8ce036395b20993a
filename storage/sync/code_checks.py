"""Codes arriving by sync checked against the code lists typed input is checked against.

A batch's change to a column that holds a code (storage/coded_columns.py) must set a code on
that column's list; an interview answer must be what the interview stores for its question
(by the question's type: a date, an amount, a count, a choice ...). Otherwise the batch is
refused whole, like a value that does not fit its column (storage/sync/checks.py).

A laptop on an older release than the one that added a code refuses batches holding it until
it is upgraded; the batch stays in the store and is merged then.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import Connection

from housing_tui.casework.interview.answers import stored_answer_problem
from housing_tui.casework.interview.questions import QUESTIONS
from storage.coded_columns import code_labels
from storage.sync.ops import Op
from storage.tables import InterviewAnswer


def unknown_code(ops: Sequence[Op], connection: Connection) -> str | None:
    """Why a batch of `ops` must not be merged because of a code in it, or None."""
    # An edit of an answer carries its value alone: its question is in an earlier op of the
    # batch, or in the row here.
    questions: dict[str, str] = {}
    for op in ops:
        for name, change in op.fields.items():
            labels = code_labels(op.table, name)
            if labels is not None and change.new is not None and change.new not in labels:
                return (
                    f"change {op.seq} to {op.table}.{name}: {change.new!r:.40} is not one of "
                    "its codes in this version of the app"
                )
        if op.table == InterviewAnswer.__tablename__:
            problem = _answer_problem(op, questions, connection)
            if problem:
                return f"change {op.seq} to an interview answer: {problem}"
    return None


def _answer_problem(op: Op, questions: dict[str, str], connection: Connection) -> str | None:
    key, value = op.fields.get("key"), op.fields.get("value")
    if key is not None:
        if not isinstance(key.new, str) or key.new not in QUESTIONS:
            return f"{key.new!r:.40} is not a question of the interview in this version of the app"
        questions[op.record] = key.new
    if value is None or value.new is None:
        return None
    if op.record not in questions:
        table = InterviewAnswer.__table__
        stored = connection.execute(sa.select(table.c.key).where(table.c.id == op.record)).scalar()
        if stored is None:
            return None  # not here (purged, say): the merge drops it, nothing to judge it by
        questions[op.record] = stored
    if not isinstance(value.new, str):
        return "the answer is not text"
    question = QUESTIONS.get(questions[op.record])
    return stored_answer_problem(question, value.new) if question else None
