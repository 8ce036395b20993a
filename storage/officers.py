"""Officers: the people whose names go on every change."""

from __future__ import annotations

from housing_tui.reference.policy import Role
from storage.database import Database
from storage.rows import OfficerRow
from storage.tables import Officer, new_id


def create_officer(db: Database, name: str, initials: str) -> OfficerRow:
    """Record a new officer; the officer is the author of their own record."""
    officer = Officer(id=new_id(), name=name, initials=initials.upper())
    with db.writing(officer.id) as session:
        session.add(officer)
    return _row(officer)


def get_officer(db: Database, officer_id: str) -> OfficerRow | None:
    with db.reading() as session:
        officer = session.get(Officer, officer_id)
        return _row(officer) if officer and officer.deleted_at is None else None


def _row(officer: Officer) -> OfficerRow:
    return OfficerRow(
        officer.id, officer.name, officer.initials, Role(officer.role), officer.active
    )
