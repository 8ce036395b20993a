"""What the repository functions hand back: plain frozen records, detached from any session,
cheap to import (no SQLAlchemy), safe to keep in a screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from housing_tui.casework.interview import MemberAnswer
from housing_tui.reference.codes import CaseStatus
from housing_tui.reference.policy import Role

T = TypeVar("T")


@dataclass(frozen=True)
class OfficerRow:
    id: str
    name: str
    initials: str
    role: Role = Role.OFFICER
    active: bool = True


@dataclass(frozen=True)
class ClientRow:
    id: str
    forenames: str
    surname: str
    date_of_birth: date | None
    ni_number: str | None
    phone: str | None
    email: str | None
    address: str | None
    postcode: str | None
    approaches: int = 0
    last_approached_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname}"


def case_ref(case_id: str) -> str:
    """The short reference officers quote: the first eight characters of the case's UUID."""
    return case_id[:8].upper()


@dataclass(frozen=True)
class CaseRow:
    """One line of a caseload or of a client's previous approaches."""

    id: str
    client_id: str
    client_name: str
    officer_initials: str
    approached_at: datetime
    channel: str
    status: str
    urgency: str
    presenting_problem: str
    next_action_on: date | None
    must_leave_on: date | None

    @property
    def ref(self) -> str:
        return case_ref(self.id)

    @property
    def still_open(self) -> bool:
        """Open, or with the main housing duty owed: not closed."""
        return CaseStatus(self.status).still_open


@dataclass(frozen=True)
class NoteRow:
    id: str
    body: str
    written_at: datetime
    author_initials: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case screen shows."""

    case: CaseRow
    client: ClientRow
    officer_name: str
    urgency_reason: str
    detail: str | None
    homeless_tonight: bool
    adults: int
    children: int
    pregnant: bool
    flags: tuple[str, ...]
    """Safety flag codes that were ticked at triage."""
    closed_at: datetime | None
    notes: tuple[NoteRow, ...] = ()
    other_approaches: tuple[CaseRow, ...] = field(default=())


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: tuple[T, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class MemberRow(MemberAnswer):
    """One member of the household, as the interview shows them: the member the rules read,
    with the id of its row."""

    id: str = field(kw_only=True)


@dataclass(frozen=True)
class AnswerChange:
    """One change to an interview answer: `old` is None when the question was first answered."""

    changed_at: datetime
    officer_initials: str
    old: str | None
    new: str


@dataclass(frozen=True)
class InterviewRecord:
    """A case's interview as saved so far."""

    answers: dict[str, str]
    """Question key -> canonical text ("" when answered and then cleared, or unreadable)."""
    typed: dict[str, str]
    """Question key -> what was typed, for answers that cannot be read."""
    members: tuple[MemberRow, ...]
    """The household, in display order."""
    answered_at: dict[str, datetime]
    """Question key -> when its answer last changed."""


@dataclass(frozen=True)
class DocumentRow:
    """A document produced for a case, as issued."""

    id: str
    kind: str
    plan_version: int
    issued_on: date
    review_on: date | None
    duty_id: str | None
    file_name: str
    body: str
    issued_by_initials: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail, as the principal reads it and a subject access export
    writes it."""

    at: datetime
    officer_id: str | None
    officer: str
    """Their initials ("" for an id this laptop does not know)."""
    device_id: str
    """The laptop whose chain holds the row."""
    chain_seq: int
    action: str
    """"create", "update", "delete", "sync-create", "sync-update", "view", "export" ..."""
    table_name: str
    record_id: str
    details: str
    """JSON: {column: [old, new]} for a change; what else matters for an event."""
