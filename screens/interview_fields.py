"""The interview's form, one section at a time (screens/interview.py mounts it): the fields
for one question (`question_widgets`: a choice, ticks, or text read by the question's rules,
each with the message beside it), and the household's members as a table
(`household_widgets`). The screen saves each answer as its field is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import DataTable, Label, SelectionList, Static

from housing_tui.casework.assessment.facts import Relationship
from housing_tui.casework.interview import Kind, Question, parse_answer, shown
from housing_tui.money.benefits import Sex
from housing_tui.reference.fields import FieldError
from screens import format as show
from screens.widgets.form_field import FieldMessage, FormField, pick_row
from screens.widgets.row_table import RowTable

if TYPE_CHECKING:
    from storage.rows import ClientRow, MemberRow

PLACEHOLDERS = {Kind.DATE: "dd/mm/yyyy", Kind.MONEY: "450 pcm, 100 pw", Kind.AMOUNT: "£"}
"""What a text field shows while empty, by the kind of answer it takes."""


def question_widgets(
    question: Question,
    *,
    stored: str,
    typed: str | None,
    unsaved: str | None,
    today: date,
) -> list[Widget]:
    """The question's field as last saved (`stored`), or as typed when that could not be read
    (`typed`, with why), and beside it why the answer is not saved yet (`unsaved`)."""
    saving = FieldMessage(unsaved, id=f"saving-{question.key}")
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        return [
            *pick_row(question.label, question.key, list(question.choices), value=stored),
            saving,
        ]
    if question.kind is Kind.MULTI:
        chosen = set(stored.split(","))
        return [
            Label(question.label, classes="field-label"),
            SelectionList[str](
                *[(label, code, code in chosen) for label, code in question.choices],
                id=question.key,
                classes="multi",
            ),
            saving,
        ]
    parse = partial(parse_answer, question, today=today)
    return [
        FormField(
            question.label,
            question.key,
            placeholder=PLACEHOLDERS.get(question.kind, ""),
            value=shown(question, stored) if typed is None else typed,
            parse=parse,
            tidy=partial(shown, question),
            error=None if typed is None else _why_unreadable(parse, typed),
        ),
        saving,
    ]


def household_widgets(client: ClientRow | None, members: Sequence[MemberRow]) -> list[Widget]:
    """The applicant then each member: name, relationship, born, what else counts."""
    table: DataTable[str] = RowTable(id="members")
    table.add_columns("Name", "Relationship", "Born", "Notes")
    if client:
        table.add_row(
            client.full_name, "Applicant", show.day(client.date_of_birth), "", key="applicant"
        )
    for member in members:
        notes = ", ".join(
            note
            for note, present in (
                (Sex(member.sex).label.lower() if member.sex else "", bool(member.sex)),
                ("dependent child", member.dependent_child),
                (f"pregnant, due {show.day(member.due_date)}", member.pregnant),
            )
            if present
        )
        table.add_row(
            member.name,
            Relationship(member.relationship).label,
            show.day(member.date_of_birth),
            notes,
            key=member.id,
        )
    return [
        table,
        Static("Ctrl+A add a member · Enter on a member to change or remove", classes="hint"),
    ]


def _why_unreadable(parse: partial[str], text: str) -> str | None:
    try:
        parse(text)
    except FieldError as error:
        return str(error)
    return None  # reads now (a rule changed since it was typed): leaving the field saves it
