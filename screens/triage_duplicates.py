"""Whether the client being typed into the triage is someone already on record: enough of them
to compare (`identity_draft`) and the possible duplicates in the words the form shows them
(`matches_text`). The comparing is storage's (`storage.clients.possible_duplicates`).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from housing_tui.casework.clients import ClientDraft, Likeness
from housing_tui.reference import fields
from screens import format as show

if TYPE_CHECKING:
    from storage.rows import ClientRow


def identity_draft(raw: dict[str, str], *, today: date) -> ClientDraft | None:
    """Enough of the client to compare with others: a surname and whatever else reads."""
    try:
        surname = fields.parse_name(raw["surname"], "Surname")
    except fields.FieldError:
        return None
    or_none = fields.read_or
    return ClientDraft(
        forenames=raw["forenames"].strip(),
        surname=surname,
        date_of_birth=or_none(
            partial(fields.parse_date_of_birth, today=today), raw["date_of_birth"]
        ),
        ni_number=or_none(fields.parse_ni_number, raw["ni_number"]),
        postcode=or_none(fields.parse_postcode, raw["postcode"]),
    )


def matches_text(matches: list[tuple[ClientRow, Likeness]]) -> str:
    """The first three possible duplicates, each with why it may be the same person."""
    lines = ["Possible duplicate — is this the same person?"]
    for client, likeness in matches[:3]:
        lines.append(
            f"  {client.full_name}, born {show.day(client.date_of_birth)}, "
            f"{client.postcode or 'no postcode'}: {', '.join(likeness.reasons)}"
        )
    lines.append("Ctrl+U: use the first one instead of creating a new client.")
    return "\n".join(lines)
