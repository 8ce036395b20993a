"""Add, change or remove one household member. Dismisses with (member id or None, values) to
save, the member id alone to remove, or None to leave things as they were."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from housing_tui.casework.assessment.facts import Relationship
from housing_tui.casework.interview import YES_NO, MemberAnswer, read_member
from housing_tui.money.benefits import Sex
from housing_tui.reference import fields
from screens import format as show
from screens.forms import FormDialog
from screens.widgets.form_field import FormField, pick_row
from storage.rows import MemberRow

MemberChange = str | tuple[str | None, MemberAnswer]
"""What the dialog closes with: the member's id to remove them, or (their id, or None for a new
member; the values to save)."""

OTHER_RELATIONSHIPS = [(r.label, r.value) for r in Relationship if r is not Relationship.APPLICANT]


class MemberDialog(FormDialog[MemberChange | None]):
    BINDINGS = [
        Binding("ctrl+s", "keep", "Save member", priority=True, id="member.save"),
        Binding("ctrl+d", "remove", "Remove member", id="member.remove"),
        Binding("escape", "cancel", "Cancel", id="member.cancel"),
    ]

    def __init__(self, *, today: date, member: MemberRow | None = None) -> None:
        super().__init__()
        self.today, self.member = today, member

    def compose(self) -> ComposeResult:
        member = self.member
        with Vertical(classes="dialog"):
            yield Label(
                f"Household member  (Ctrl+S save, Esc cancel{', Ctrl+D remove' if member else ''})",
                classes="dialog-title",
            )
            yield FormField(
                "Name",
                "name",
                value=member.name if member else "",
                parse=partial(fields.parse_name, what="Name"),
            )
            yield from pick_row(
                "Relationship",
                "relationship",
                OTHER_RELATIONSHIPS,
                value=member.relationship if member else "",
            )
            yield FormField(
                "Date of birth",
                "date_of_birth",
                tidy=show.day,
                value=show.day(member.date_of_birth) if member and member.date_of_birth else "",
                parse=partial(fields.parse_date_of_birth, today=self.today),
            )
            yield from pick_row(
                "Sex",
                "sex",
                Sex.choices(),
                value=member.sex if member and member.sex else "",
                blank="Not recorded",
            )
            yield from pick_row(
                "Dependent child",
                "dependent_child",
                YES_NO,
                value="yes" if member and member.dependent_child else "no",
            )
            yield from pick_row(
                "Pregnant", "pregnant", YES_NO, value="yes" if member and member.pregnant else "no"
            )
            yield FormField(
                "Due date",
                "due_date",
                tidy=show.day,
                value=show.day(member.due_date) if member and member.due_date else "",
                parse=partial(fields.parse_date, today=self.today),
            )

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def read_form(self, text: dict[str, str]) -> tuple[MemberChange | None, dict[str, str]]:
        values, errors = read_member(text, today=self.today)
        if values is None:
            return None, errors
        return (self.member.id if self.member else None, values), errors

    def action_cancel(self) -> None:
        self.cancel(
            "Discard this member?" if self.member is None else "Discard the changes to them?"
        )

    def action_remove(self) -> None:
        if self.member:
            self.dismiss(self.member.id)
