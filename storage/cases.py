"""Cases (approaches): recording one from triage, the caseload, a case and its notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from housing_tui.casework.clients import ClientDraft, search_key, search_words
from housing_tui.casework.triage import Approach, TriageResult
from housing_tui.reference.codes import STILL_OPEN, CaseStatus, SafetyFlag, Urgency
from storage.clients import WORD_FIELDS, client_row, starts_with
from storage.database import Database
from storage.errors import StorageError
from storage.rows import CaseDetail, CaseRow, NoteRow, Page
from storage.search import wanted
from storage.tables import Case, CaseNote, Client, Officer

SORTS = ("urgency", "client", "approached", "next_action")
"""The orders a caseload can be sorted by (the columns an officer can sort on)."""

_URGENCY_RANK = case({urgency.value: urgency.rank for urgency in Urgency}, value=Case.urgency)


@dataclass(frozen=True)
class CaseloadQuery:
    """Which page of which caseload, filtered and sorted how."""

    officer_id: str | None
    """None for the whole team's cases."""
    text: str = ""
    sort: str = "urgency"
    descending: bool = False
    offset: int = 0
    limit: int = 100
    include_closed: bool = False
    status: CaseStatus | None = None
    """Only the cases of this status (the main housing duty's, say); None for every one."""


def caseload_page(db: Database, query: CaseloadQuery) -> Page[CaseRow]:
    """One page of a caseload: only `limit` rows are read, whatever its size."""
    if query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}; use one of {SORTS}")
    conditions: list[ColumnElement[bool]] = [col(Case.deleted_at).is_(None)]
    if query.officer_id:
        conditions.append(col(Case.officer_id) == query.officer_id)
    if not query.include_closed:
        conditions.append(col(Case.status).in_(STILL_OPEN))
    if query.status is not None:
        conditions.append(col(Case.status) == query.status.value)
    keys = {search_key(word) for word in search_words(query.text)}
    # Any text may be given: words that cannot change the result are left out of the query.
    found = wanted(keys, fields=len(WORD_FIELDS), other=_case_ref_start)
    if found is None:
        return Page(rows=(), total=0, offset=query.offset)
    words = [_filter_word(key) for key in found.words]
    if found.other_starts is not None:
        words.append(starts_with(col(Case.id), found.other_starts))
    conditions += words
    order = _order(query.sort, query.descending)
    counting = select(func.count(col(Case.id)))
    if words:  # only a text filter needs the client's name in the count
        counting = counting.join(Client, col(Client.id) == Case.client_id)
    with db.reading() as session:
        total = session.exec(counting.where(*conditions)).one()
        statement = (
            _case_rows()
            .where(*conditions)
            .order_by(*order, Case.id)
            .offset(query.offset)
            .limit(query.limit)
        )
        rows = tuple(_case_row(*result) for result in session.exec(statement))
    return Page(rows=rows, total=total, offset=query.offset)


def _filter_word(key: str) -> ColumnElement[bool]:
    options = [starts_with(field, key) for field in WORD_FIELDS]
    if ref := _case_ref_start(key):
        options.append(starts_with(col(Case.id), ref))
    return or_(*options)


def _case_ref_start(key: str) -> str | None:
    """What the case's id must start with for a key of three characters or more: a reference
    is the id's first 8, so a longer key (a whole id typed) is looked for by those."""
    return key[:8] if len(key) >= 3 else None


def _order(sort: str, descending: bool) -> list[ColumnElement]:
    columns: dict[str, list] = {
        "urgency": [_URGENCY_RANK, Case.next_action_on],
        "client": [Client.surname_key, Client.forenames_key],
        "approached": [Case.approached_at],
        "next_action": [col(Case.next_action_on).is_(None), Case.next_action_on],
    }
    chosen = columns[sort]
    return [column.desc() for column in chosen] if descending else chosen


def _case_rows() -> Select[Case, str, str, str]:
    """Each case with its client's names and its officer's initials."""
    return (
        select(Case, Client.forenames, Client.surname, Officer.initials)
        .join(Client, col(Client.id) == Case.client_id)
        .join(Officer, col(Officer.id) == Case.officer_id)
    )


def _case_row(case_: Case, forenames: str, surname: str, initials: str) -> CaseRow:
    return CaseRow(
        id=case_.id,
        client_id=case_.client_id,
        client_name=f"{forenames} {surname}",
        officer_initials=initials,
        approached_at=case_.approached_at,
        channel=case_.channel,
        status=case_.status,
        urgency=case_.urgency,
        presenting_problem=case_.presenting_problem,
        next_action_on=case_.next_action_on,
        must_leave_on=case_.must_leave_on,
    )


def cases_for_client(db: Database, client_id: str) -> list[CaseRow]:
    """Every approach the client has made, newest first (repeat homelessness shows here)."""
    with db.reading() as session:
        return _client_cases(session, client_id)


def _client_cases(session: Session, client_id: str) -> list[CaseRow]:
    statement = (
        _case_rows()
        .where(Case.client_id == client_id, col(Case.deleted_at).is_(None))
        .order_by(col(Case.approached_at).desc())
    )
    return [_case_row(*result) for result in session.exec(statement)]


def record_approach(
    db: Database,
    *,
    officer_id: str,
    client: ClientDraft | str,
    approach: Approach,
    result: TriageResult,
    approached_at: datetime,
) -> str:
    """Save a new approach, creating the client too when `client` is a draft, in one
    transaction. Returns the new case's id."""
    facts = approach.facts
    with db.writing(officer_id) as session:
        if isinstance(client, ClientDraft):
            row = Client(**vars(client))
            session.add(row)
            session.flush()
            client_id = row.id
        else:
            existing = session.get(Client, client)
            if existing is None or existing.deleted_at is not None:
                raise StorageError("That client is no longer on record; search again.")
            client_id = existing.id
        new_case = Case(
            client_id=client_id,
            officer_id=officer_id,
            approached_at=approached_at,
            channel=approach.channel,
            urgency=result.urgency.urgency,
            urgency_reason=result.urgency.reason,
            presenting_problem=approach.presenting_problem,
            detail=approach.detail,
            homeless_tonight=facts.homeless_tonight,
            must_leave_on=facts.must_leave_on,
            adults=facts.adults,
            children=facts.children,
            pregnant=facts.pregnant,
            next_action_on=result.next_action_on,
        )
        # Each safety flag has a column of its own name (read back the same way by get_case).
        for flag in SafetyFlag:
            setattr(new_case, flag.value, flag in facts.flags)
        session.add(new_case)
    return new_case.id


def get_case(db: Database, case_id: str) -> CaseDetail | None:
    with db.reading() as session:
        found = session.exec(
            _case_rows().where(Case.id == case_id, col(Case.deleted_at).is_(None))
        ).first()
        if found is None:
            return None
        case_ = found[0]
        client = session.get(Client, case_.client_id)
        officer = session.get(Officer, case_.officer_id)
        assert client is not None and officer is not None  # foreign keys guarantee both
        notes = session.exec(
            select(CaseNote, Officer.initials)
            .join(Officer, col(Officer.id) == CaseNote.created_by)
            .where(CaseNote.case_id == case_id, col(CaseNote.deleted_at).is_(None))
            .order_by(col(CaseNote.created_at).desc())
        )
        others = [row for row in _client_cases(session, client.id) if row.id != case_id]
        return CaseDetail(
            case=_case_row(*found),
            client=client_row(client, len(others) + 1),
            officer_name=officer.name,
            urgency_reason=case_.urgency_reason,
            detail=case_.detail,
            homeless_tonight=case_.homeless_tonight,
            adults=case_.adults,
            children=case_.children,
            pregnant=case_.pregnant,
            flags=tuple(flag.value for flag in SafetyFlag if getattr(case_, flag.value)),
            closed_at=case_.closed_at,
            notes=tuple(
                NoteRow(note.id, note.body, note.created_at, initials) for note, initials in notes
            ),
            other_approaches=tuple(others),
        )


def add_note(db: Database, *, officer_id: str, case_id: str, body: str) -> str:
    text = body.strip()
    if not text:
        raise StorageError("A note needs some text.")
    with db.writing(officer_id) as session:
        _existing_case(session, case_id)
        note = CaseNote(case_id=case_id, body=text)
        session.add(note)
    return note.id


def close_case(db: Database, *, officer_id: str, case_id: str, closed_at: datetime) -> None:
    with db.writing(officer_id) as session:
        found = _open_case(session, case_id)
        found.status = CaseStatus.CLOSED.value
        found.closed_at = closed_at


def _existing_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError("That case is no longer on record.")
    return found


def _open_case(session: Session, case_id: str) -> Case:
    found = _existing_case(session, case_id)
    if not CaseStatus(found.status).still_open:
        raise StorageError("That case is closed.")
    return found
