"""Clients: search-as-you-type, duplicate candidates, and turning rows into `ClientRow`."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from housing_tui.calendar.clock import uk_local
from housing_tui.casework.clients import (
    CLIENT_FIELDS,
    ClientDraft,
    Likeness,
    likeness,
    search_key,
    search_terms,
)
from housing_tui.casework.triage import aged_16_or_17
from housing_tui.reference.codes import STILL_OPEN, SafetyFlag
from storage.database import Database
from storage.errors import StorageError
from storage.rows import ClientRow
from storage.search import wanted
from storage.tables import Case, Client, InterviewAnswer

SEARCH_LIMIT = 50
"""Search shows this many people at most; typing more narrows it."""

WORD_FIELDS = (col(Client.surname_key), col(Client.forenames_key), col(Client.postcode_key))
"""What every word typed into a search or filter may be the start of."""

_NI_PREFIX = re.compile(r"^[a-z]{2}\d{1,6}[a-d]?$")


def search_clients(db: Database, text: str, *, today: date) -> tuple[list[ClientRow], bool]:
    """Clients matching every word typed (name, postcode, NI number or a full date of birth),
    and whether there were more than the limit. Any text may be given: words that cannot
    change the result are left out of the query (a pasted page becomes a handful)."""
    dates: set[date] = set()
    keys: set[str] = set()
    for term in search_terms(text, today=today):
        if term.date_of_birth is not None:
            dates.add(term.date_of_birth)
        else:
            keys.add(search_key(term.text))
    found = wanted(keys, fields=len(WORD_FIELDS), other=_ni_number_start)
    # A client has one date of birth: two dates find nobody.
    if found is None or not (dates or keys) or len(dates) > 1:
        return [], False
    conditions = [col(Client.date_of_birth) == born for born in dates]
    conditions += [_starts_a_field(key) for key in found.words]
    if found.other_starts is not None:
        conditions.append(starts_with(col(Client.ni_number), found.other_starts))
    with db.reading() as session:
        statement = (
            select(Client)
            .where(col(Client.deleted_at).is_(None), *conditions)
            .order_by(col(Client.surname_key), col(Client.forenames_key), col(Client.date_of_birth))
            .limit(SEARCH_LIMIT + 1)
        )
        clients = list(session.exec(statement))
        rows = _with_approach_counts(session, clients[:SEARCH_LIMIT])
    return rows, len(clients) > SEARCH_LIMIT


def _ni_number_start(key: str) -> str | None:
    """What the NI number must start with for a key shaped like the start of one (AB12)."""
    return key.upper() if _NI_PREFIX.match(key) else None


def _starts_a_field(key: str) -> ColumnElement[bool]:
    options = [starts_with(field, key) for field in WORD_FIELDS]
    if ni_number := _ni_number_start(key):
        options.append(starts_with(col(Client.ni_number), ni_number))
    return or_(*options)


def starts_with(column: Mapped[str | None], prefix: str) -> ColumnElement[bool]:
    # A range, not LIKE: SQLite uses the index for a range on a BINARY column. Its end is the
    # highest character there is, so a name going on with one beyond U+FFFF (some Chinese
    # names) is not left out.
    return and_(column >= prefix, column < prefix + "\U0010ffff")


def possible_duplicates(db: Database, draft: ClientDraft) -> list[tuple[ClientRow, Likeness]]:
    """Existing clients who look like the one about to be created, most alike first."""
    candidates = [col(Client.surname_key) == search_key(draft.surname)]
    if draft.date_of_birth:
        candidates.append(col(Client.date_of_birth) == draft.date_of_birth)
    if draft.ni_number:
        candidates.append(col(Client.ni_number) == draft.ni_number)
    if draft.postcode:
        candidates.append(col(Client.postcode_key) == search_key(draft.postcode))
    with db.reading() as session:
        statement = (
            select(Client).where(col(Client.deleted_at).is_(None), or_(*candidates)).limit(500)
        )
        scored = [(client, likeness(draft, _draft(client))) for client in session.exec(statement)]
        likely = [(client, score) for client, score in scored if score.is_likely_duplicate]
        likely.sort(key=lambda pair: -pair[1].score)
        rows = _with_approach_counts(session, [client for client, _ in likely[:10]])
    return list(zip(rows, [score for _, score in likely[:10]], strict=True))


def correct_client(
    db: Database, *, officer_id: str, client_id: str, corrected: ClientDraft
) -> bool:
    """Put right a client's details after triage, in one transaction that the write path
    audits (who changed what, old and new) and the sync carries. A corrected date of birth
    sets "Aged 16 or 17" on the client's open cases (the triage flag, and the interview's
    answer where it has one) to what it makes them on the day they approached, as the triage
    decides it (`aged_16_or_17`): nothing keeps the old date's answer. Returns False, having
    written nothing, when nothing changed."""
    with db.writing(officer_id) as session:
        client = session.get(Client, client_id)
        if client is None or client.deleted_at is not None:
            raise StorageError("That client is no longer on record; search again.")
        changed = {
            name: value
            for name in CLIENT_FIELDS
            if (value := getattr(corrected, name)) != getattr(client, name)
        }
        for name, value in changed.items():
            setattr(client, name, value)
        if "date_of_birth" in changed and corrected.date_of_birth is not None:
            _follow_the_date_of_birth(session, client_id, corrected.date_of_birth)
    return bool(changed)


def _follow_the_date_of_birth(session: Session, client_id: str, born: date) -> None:
    open_cases = session.exec(
        select(Case).where(
            Case.client_id == client_id,
            col(Case.status).in_(STILL_OPEN),
            col(Case.deleted_at).is_(None),
        )
    ).all()
    ages = {
        case_.id: aged_16_or_17(born, uk_local(case_.approached_at).date()) for case_ in open_cases
    }
    for case_ in open_cases:
        if case_.aged_16_17 != ages[case_.id]:
            case_.aged_16_17 = ages[case_.id]
    answers = session.exec(
        select(InterviewAnswer).where(
            col(InterviewAnswer.case_id).in_(ages),
            InterviewAnswer.key == SafetyFlag.AGED_16_17.value,
            col(InterviewAnswer.deleted_at).is_(None),
        )
    )
    for answer in answers:
        said = "yes" if ages[answer.case_id] else "no"
        if answer.value != said:
            answer.value, answer.typed = said, None


def get_client(db: Database, client_id: str) -> ClientRow | None:
    with db.reading() as session:
        client = session.get(Client, client_id)
        if client is None or client.deleted_at is not None:
            return None
        return _with_approach_counts(session, [client])[0]


def _draft(client: Client) -> ClientDraft:
    return ClientDraft(**{name: getattr(client, name) for name in CLIENT_FIELDS})


def _with_approach_counts(session: Session, clients: list[Client]) -> list[ClientRow]:
    ids = [client.id for client in clients]
    counts = {
        client_id: (count, last)
        for client_id, count, last in session.exec(
            select(Case.client_id, func.count(col(Case.id)), func.max(Case.approached_at))
            .where(col(Case.client_id).in_(ids), col(Case.deleted_at).is_(None))
            .group_by(Case.client_id)
        )
    }
    return [client_row(client, *counts.get(client.id, (0, None))) for client in clients]


def client_row(client: Client, approaches: int = 0, last: datetime | None = None) -> ClientRow:
    return ClientRow(
        id=client.id,
        forenames=client.forenames,
        surname=client.surname,
        date_of_birth=client.date_of_birth,
        ni_number=client.ni_number,
        phone=client.phone,
        email=client.email,
        address=client.address,
        postcode=client.postcode,
        approaches=approaches,
        last_approached_at=last,
    )


def count_clients(db: Database) -> int:
    with db.reading() as session:
        return session.exec(
            select(func.count(col(Client.id))).where(col(Client.deleted_at).is_(None))
        ).one()
