"""Storage on real SQLite files: the audited write path, search, duplicates and caseloads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel, select

from housing_tui.casework.clients import ClientDraft, search_words
from housing_tui.casework.triage import Approach, TriageFacts, triage
from housing_tui.reference import fields
from housing_tui.reference.codes import Channel, PresentingProblem, SafetyFlag, Urgency
from storage.cases import (
    CaseloadQuery,
    add_note,
    caseload_page,
    cases_for_client,
    close_case,
    get_case,
    record_approach,
)
from storage.clients import (
    SEARCH_LIMIT,
    count_clients,
    get_client,
    possible_duplicates,
    search_clients,
)
from storage.errors import StorageError
from storage.officers import create_officer, get_officer
from storage.tables import AuditEvent, Case, Client

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
BOOKKEEPING = {
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    "deleted_at",
}


def _add_client(db, officer_id: str, forenames: str = "John", surname: str = "Smith", **more):
    with db.writing(officer_id) as session:
        client = Client(forenames=forenames, surname=surname, **more)
        session.add(client)
    return client.id


def _audit_events(db, record_id: str) -> list[AuditEvent]:
    with db.reading() as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.record_id == record_id)
                .order_by(AuditEvent.created_at, AuditEvent.version)
            )
        )


def _all_audit_events(db) -> list[AuditEvent]:
    with db.reading() as session:
        return list(session.exec(select(AuditEvent)))


def _approach(
    *,
    must_leave_on: date | None = None,
    homeless_tonight: bool = False,
    children: int = 0,
    flags: frozenset[SafetyFlag] = frozenset(),
    problem: PresentingProblem = PresentingProblem.FAMILY_FRIENDS,
    policy,
):
    facts = TriageFacts(
        homeless_tonight=homeless_tonight,
        must_leave_on=must_leave_on,
        children=children,
        flags=flags,
    )
    approach = Approach(Channel.DROP_IN, problem, facts, detail="Asked to leave by parents")
    return approach, triage(facts, today=TODAY, policy=policy)


def _record(db, officer_id, client, *, at: datetime = NOW, policy, **facts) -> str:
    approach, result = _approach(policy=policy, **facts)
    return record_approach(
        db, officer_id=officer_id, client=client, approach=approach, result=result, approached_at=at
    )


# --- the database file ---------------------------------------------------------------------------


def test_new_database_uses_wal_and_foreign_keys(db) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


SYNC_BOOKKEEPING_TABLES = {
    "sync_state",
    "sync_op",
    "sync_sent",
    "sync_applied",
    "sync_register",
    "sync_purged",
    "store_password",
    "audit_shared",
}
"""This laptop's own sync bookkeeping and the team store's password: never synced, audited or
soft-deleted (docs/sync.md)."""


def test_every_table_has_the_bookkeeping_columns_in_the_models() -> None:
    import storage.tables  # noqa: F401  (registers every table)

    assert SQLModel.metadata.tables, "no tables registered"
    for table in SQLModel.metadata.tables.values():
        if table.name in SYNC_BOOKKEEPING_TABLES:
            continue
        assert set(table.columns.keys()) >= BOOKKEEPING, table.name


def test_every_table_has_the_bookkeeping_columns_in_the_database(db) -> None:
    inspector = sa_inspect(db.engine)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert {"officer", "client", "case", "case_note", "audit_event"} <= tables
    for table in tables - SYNC_BOOKKEEPING_TABLES:
        columns = {column["name"] for column in inspector.get_columns(table)}
        assert columns >= BOOKKEEPING, table


# --- the audited write path ----------------------------------------------------------------------


def test_a_new_row_is_stamped_and_audited(db, officer) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Bloggs", date_of_birth=date(1990, 4, 3))
    with db.reading() as session:
        client = session.get(Client, client_id)
        assert client.version == 1
        assert client.created_by == officer.id
        assert client.updated_by == officer.id
        assert client.deleted_at is None
    [event] = _audit_events(db, client_id)
    assert event.action == "create"
    assert event.table_name == "client"
    assert event.officer_id == officer.id
    changes = json.loads(event.changes)
    assert changes["forenames"] == [None, "Jo"]
    assert changes["surname"] == [None, "Bloggs"]
    assert changes["date_of_birth"] == [None, "1990-04-03"]


def test_an_update_bumps_the_version_and_audits_old_and_new_values(db, officer) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Smith")
    colleague = create_officer(db, "Cal Colleague", "CC")
    with db.writing(colleague.id) as session:
        client = session.get(Client, client_id)
        client.surname = "Smyth"
    with db.reading() as session:
        client = session.get(Client, client_id)
        assert client.version == 2
        assert client.surname == "Smyth"
        assert client.updated_by == colleague.id
        assert client.created_by == officer.id
        assert client.updated_at >= client.created_at
    events = _audit_events(db, client_id)
    assert [event.action for event in events] == ["create", "update"]
    update = events[1]
    assert update.officer_id == colleague.id
    assert json.loads(update.changes) == {"surname": ["Smith", "Smyth"]}


def test_setting_deleted_at_is_audited_as_a_delete(db, officer) -> None:
    client_id = _add_client(db, officer.id)
    with db.writing(officer.id) as session:
        session.get(Client, client_id).deleted_at = NOW
    events = _audit_events(db, client_id)
    assert [event.action for event in events] == ["create", "delete"]
    assert "deleted_at" in json.loads(events[1].changes)
    with db.reading() as session:
        assert session.get(Client, client_id).version == 2


def test_hard_delete_is_refused_and_nothing_is_written(db, officer) -> None:
    client_id = _add_client(db, officer.id)
    before = len(_all_audit_events(db))
    with pytest.raises(StorageError), db.writing(officer.id) as session:
        client = session.get(Client, client_id)
        client.surname = "Changed in the same transaction"
        session.delete(client)
        session.flush()
    with db.reading() as session:
        client = session.get(Client, client_id)
        assert client is not None
        assert client.surname == "Smith"
        assert client.version == 1
        assert client.deleted_at is None
    assert len(_all_audit_events(db)) == before


def test_an_error_inside_writing_rolls_everything_back(db, officer) -> None:
    before = len(_all_audit_events(db))
    with pytest.raises(RuntimeError, match="power cut"), db.writing(officer.id) as session:
        session.add(Client(forenames="Jo", surname="Bloggs"))
        session.flush()  # the row and its audit event reach the database...
        raise RuntimeError("power cut")  # ...and then something goes wrong
    assert count_clients(db) == 0
    assert len(_all_audit_events(db)) == before


def test_a_reading_session_cannot_write_through_the_orm(db, officer) -> None:
    with pytest.raises(StorageError), db.reading() as session:
        session.add(Client(forenames="Jo", surname="Bloggs"))
        session.flush()
    assert count_clients(db) == 0


def test_a_reading_session_cannot_commit_raw_sql(db, officer) -> None:
    client_id = _add_client(db, officer.id)
    with pytest.raises(OperationalError, match="readonly"), db.reading() as session:
        session.execute(text("UPDATE client SET surname = 'Hacked'"))
        session.commit()
    assert get_client(db, client_id).surname == "Smith"


def test_timestamps_come_back_timezone_aware_in_utc(db, officer, policy) -> None:
    client_id = _add_client(db, officer.id)
    case_id = _record(db, officer.id, client_id, policy=policy)
    with db.reading() as session:
        client = session.get(Client, client_id)
        case = session.get(Case, case_id)
        for moment in (client.created_at, client.updated_at, case.approached_at):
            assert moment.tzinfo is not None
            assert moment.utcoffset() == timedelta(0)
        assert case.approached_at == NOW
    assert get_case(db, case_id).case.approached_at == NOW


def test_an_officer_writes_their_own_record(db) -> None:
    officer = create_officer(db, "Ada Officer", "ao")
    assert officer.initials == "AO"
    assert get_officer(db, officer.id) == officer
    [event] = _audit_events(db, officer.id)
    assert event.action == "create"
    assert event.officer_id == officer.id
    assert get_officer(db, "no-such-officer") is None


# --- recording an approach -----------------------------------------------------------------------


def test_record_approach_with_a_draft_creates_client_and_case_together(db, officer, policy) -> None:
    draft = ClientDraft(forenames="Jo", surname="Bloggs", date_of_birth=date(1990, 4, 3))
    case_id = _record(db, officer.id, draft, policy=policy, must_leave_on=date(2027, 1, 18))
    detail = get_case(db, case_id)
    assert detail is not None
    assert detail.client.full_name == "Jo Bloggs"
    assert detail.client.date_of_birth == date(1990, 4, 3)
    assert detail.case.urgency == Urgency.THREATENED.value
    assert detail.case.must_leave_on == date(2027, 1, 18)
    assert detail.case.officer_initials == "OO"
    assert detail.officer_name == "Olu Officer"
    assert count_clients(db) == 1
    events = _all_audit_events(db)
    assert {(event.table_name, event.action) for event in events} >= {
        ("client", "create"),
        ("case", "create"),
    }


def test_record_approach_keeps_the_safety_flags(db, officer, policy) -> None:
    draft = ClientDraft(forenames="Jo", surname="Bloggs")
    case_id = _record(
        db,
        officer.id,
        draft,
        policy=policy,
        homeless_tonight=True,
        children=2,
        flags=frozenset({SafetyFlag.DOMESTIC_ABUSE}),
    )
    detail = get_case(db, case_id)
    assert detail.flags == (SafetyFlag.DOMESTIC_ABUSE.value,)
    assert detail.homeless_tonight is True
    assert detail.children == 2
    assert detail.case.next_action_on == TODAY


def test_record_approach_that_fails_leaves_no_client_behind(db, officer, policy) -> None:
    draft = ClientDraft(forenames="Jo", surname="Bloggs")
    before = len(_all_audit_events(db))
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        _record(db, "not-an-officer", draft, policy=policy)  # foreign key: no such officer
    assert count_clients(db) == 0
    assert search_clients(db, "bloggs", today=TODAY) == ([], False)
    assert len(_all_audit_events(db)) == before


def test_record_approach_for_an_existing_client(db, officer, policy) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Bloggs")
    first = _record(db, officer.id, client_id, policy=policy, at=NOW - timedelta(days=400))
    second = _record(db, officer.id, client_id, policy=policy)
    assert count_clients(db) == 1
    assert [row.id for row in cases_for_client(db, client_id)] == [second, first]  # newest first
    assert get_client(db, client_id).approaches == 2


def test_record_approach_for_a_deleted_client_is_refused(db, officer, policy) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Bloggs")
    with db.writing(officer.id) as session:
        session.get(Client, client_id).deleted_at = NOW
    with pytest.raises(StorageError):
        _record(db, officer.id, client_id, policy=policy)
    with pytest.raises(StorageError):
        _record(db, officer.id, "no-such-client", policy=policy)


# --- client search -------------------------------------------------------------------------------


@pytest.fixture
def people(db, officer) -> dict[str, str]:
    """A few clients, by a short label."""
    made = {
        "john_smith": _add_client(
            db,
            officer.id,
            "John",
            "Smith",
            date_of_birth=date(1990, 4, 3),
            postcode="ZZ99 3AB",
            ni_number="AB123456C",
        ),
        "jo_smithson": _add_client(
            db,
            officer.id,
            "Jo",
            "Smithson",
            date_of_birth=date(1990, 3, 4),
            postcode="ZZ99 3XY",
            ni_number="CE654321A",
        ),
        "jo_jones": _add_client(
            db,
            officer.id,
            "Jo",
            "Jones",
            date_of_birth=date(1985, 1, 1),
            postcode="ZZ99 4AB",
        ),
        "sam_smith": _add_client(
            db,
            officer.id,
            "Sam",
            "Smith",
            date_of_birth=date(1970, 12, 31),
            postcode="ZZ99 5DE",
        ),
        "priya_patel": _add_client(db, officer.id, "Priya", "Patel"),
    }
    return made


def _found(db, typed: str) -> set[str]:
    rows, _more = search_clients(db, typed, today=TODAY)
    return {row.id for row in rows}


def _ids(people, *labels) -> set[str]:
    return {people[label] for label in labels}


def test_search_by_surname_prefix(db, people) -> None:
    assert _found(db, "smi") == _ids(people, "john_smith", "jo_smithson", "sam_smith")
    assert _found(db, "SMITHS") == _ids(people, "jo_smithson")


def test_search_by_forename_prefix(db, people) -> None:
    assert _found(db, "pri") == _ids(people, "priya_patel")
    assert _found(db, "jo") >= _ids(people, "john_smith", "jo_smithson", "jo_jones")
    assert people["sam_smith"] not in _found(db, "jo")


@pytest.mark.parametrize("typed", ["ZZ99 3AB", "zz993ab", "zz99 3ab", "ZZ993AB"])
def test_search_by_full_postcode_with_or_without_the_space(db, people, typed: str) -> None:
    assert _found(db, typed) == _ids(people, "john_smith")


def test_search_by_part_of_a_postcode(db, people) -> None:
    assert _found(db, "ZZ99 3") == _ids(people, "john_smith", "jo_smithson")
    assert _found(db, "zz99") == _ids(people, "john_smith", "jo_smithson", "jo_jones", "sam_smith")


def test_search_by_ni_number_prefix(db, people) -> None:
    assert _found(db, "AB12") == _ids(people, "john_smith")
    assert _found(db, "ab123456c") == _ids(people, "john_smith")
    assert _found(db, "CE65") == _ids(people, "jo_smithson")


def test_search_by_full_date_of_birth_is_day_first(db, people) -> None:
    assert _found(db, "03/04/1990") == _ids(people, "john_smith")  # 3 April, not 4 March
    assert _found(db, "3/4/1990") == _ids(people, "john_smith")
    assert _found(db, "1990-04-03") == _ids(people, "john_smith")
    assert _found(db, "04/03/1990") == _ids(people, "jo_smithson")


@pytest.mark.parametrize(
    "typed",
    # Every way the triage's date of birth field takes 3 April 1990 (fields.parse_date_of_birth):
    # a two-digit year goes into the past for a date of birth (90 -> 1990, not 2090).
    ["3/4/90", "03.04.90", "3-4-1990", "03041990", "030490", "3 Apr 1990", "3rd of April 1990"],
)
def test_search_takes_a_date_of_birth_as_the_triage_does(db, people, typed: str) -> None:
    assert fields.parse_date_of_birth(typed, today=TODAY) == date(1990, 4, 3)  # the triage
    assert _found(db, typed) == _ids(people, "john_smith")
    assert _found(db, f"smith {typed}") == _ids(people, "john_smith")


def test_search_takes_a_two_digit_year_of_birth(db, people) -> None:
    # 31/12/70: Sam Smith, born 31 Dec 1970 (not 2070: a date of birth is in the past).
    assert _found(db, "31/12/70") == _ids(people, "sam_smith")
    assert _found(db, "sam 31/12/70") == _ids(people, "sam_smith")


def test_search_words_narrow_the_result(db, people) -> None:
    assert _found(db, "jo smith") == _ids(people, "john_smith", "jo_smithson")
    assert _found(db, "john smith") == _ids(people, "john_smith")
    assert _found(db, "smith 31/12/1970") == _ids(people, "sam_smith")
    assert _found(db, "smith zz99 3ab") == _ids(people, "john_smith")
    assert _found(db, "jo patel") == set()


def test_search_takes_a_pasted_page_of_text(db, people) -> None:
    # A thousand words once made SQLite refuse the query (expression tree too large).
    page = " ".join(["john", "smith", "zz99", "3ab", "ab123456c", "03/04/1990"] * 210)
    assert len(search_words(page)) > 1000  # the postcode's halves count as one word
    assert _found(db, page) == _ids(people, "john_smith")
    assert _found(db, page + " patel") == set()


def test_search_words_that_start_other_words_change_nothing(db, people) -> None:
    assert _found(db, "j jo joh john s sm smith") == _ids(people, "john_smith")
    assert _found(db, "smith smithson") == _ids(people, "jo_smithson")


def test_search_a_short_word_still_needs_a_name_when_a_longer_one_is_an_ni_number(
    db, people
) -> None:
    # "AB" is too short to be looked for as an NI number: it must start John Smith's name or
    # postcode, and does not.
    assert _found(db, "AB123456C") == _ids(people, "john_smith")
    assert _found(db, "AB AB123456C") == set()
    assert _found(db, "J AB123456C") == _ids(people, "john_smith")


def test_search_finds_a_name_that_goes_on_with_a_character_beyond_u_ffff(db, officer) -> None:
    client_id = _add_client(db, officer.id, "Hana", "田𠮷")  # 𠮷 is U+20BB7
    assert _found(db, "田") == {client_id}
    assert _found(db, "田 田𠮷") == {client_id}


def test_search_more_words_than_a_client_has_fields_finds_nobody(db, people) -> None:
    # Surname, forenames, postcode, NI number: a fifth word that starts none of the others
    # has no field left to match.
    assert _found(db, "john smith zz99 ab12") == _ids(people, "john_smith")
    assert _found(db, "john smith zz99 ab12 3ab") == set()
    assert _found(db, "03/04/1990 04/03/1990") == set()  # two dates of birth


def test_search_with_nothing_typed_finds_nobody(db, people) -> None:
    assert search_clients(db, "", today=TODAY) == ([], False)
    assert search_clients(db, "   ", today=TODAY) == ([], False)


def test_search_hides_soft_deleted_clients(db, officer, people) -> None:
    with db.writing(officer.id) as session:
        session.get(Client, people["sam_smith"]).deleted_at = NOW
    assert people["sam_smith"] not in _found(db, "smith")
    assert get_client(db, people["sam_smith"]) is None
    assert count_clients(db) == 4


def test_search_shows_approach_counts(db, officer, people, policy) -> None:
    _record(db, officer.id, people["jo_jones"], policy=policy, at=NOW - timedelta(days=10))
    _record(db, officer.id, people["jo_jones"], policy=policy)
    rows, _ = search_clients(db, "jones", today=TODAY)
    assert [(row.approaches, row.last_approached_at) for row in rows] == [(2, NOW)]


def test_search_says_when_there_are_more_than_it_shows(db, officer) -> None:
    with db.writing(officer.id) as session:
        for number in range(SEARCH_LIMIT):
            session.add(Client(forenames=f"Person{chr(65 + number % 26)}", surname="Walker"))
    rows, more = search_clients(db, "walker", today=TODAY)
    assert len(rows) == SEARCH_LIMIT
    assert more is False
    _add_client(db, officer.id, "One", "Walker")
    rows, more = search_clients(db, "walker", today=TODAY)
    assert len(rows) == SEARCH_LIMIT
    assert more is True


# --- possible duplicates -------------------------------------------------------------------------


def test_possible_duplicates_finds_a_misspelt_surname_with_the_same_birth_date(db, people) -> None:
    draft = ClientDraft(forenames="John", surname="Smyth", date_of_birth=date(1990, 4, 3))
    found = possible_duplicates(db, draft)
    assert [row.id for row, _ in found] == [people["john_smith"]]
    assert found[0][1].is_likely_duplicate


def test_possible_duplicates_ignores_a_different_person(db, people) -> None:
    draft = ClientDraft(forenames="Kasia", surname="Nowak", date_of_birth=date(2001, 7, 7))
    assert possible_duplicates(db, draft) == []
    namesake = ClientDraft(forenames="John", surname="Smith", date_of_birth=date(1955, 5, 5))
    assert possible_duplicates(db, namesake) == []


def test_possible_duplicates_finds_the_same_ni_number(db, people) -> None:
    draft = ClientDraft(forenames="Johnny", surname="Smithers", ni_number="AB123456C")
    assert [row.id for row, _ in possible_duplicates(db, draft)] == [people["john_smith"]]


def test_possible_duplicates_ignores_deleted_clients(db, officer, people) -> None:
    with db.writing(officer.id) as session:
        session.get(Client, people["john_smith"]).deleted_at = NOW
    draft = ClientDraft(forenames="John", surname="Smith", date_of_birth=date(1990, 4, 3))
    assert possible_duplicates(db, draft) == []


# --- caseloads -----------------------------------------------------------------------------------


@pytest.fixture
def caseload(db, officer, policy):
    """Six cases: five for me (one closed), one for a colleague."""
    colleague = create_officer(db, "Cal Colleague", "CC")
    clients = {
        name: _add_client(db, officer.id, forenames, surname, postcode=postcode)
        for name, (forenames, surname, postcode) in {
            "adams": ("Zoe", "Adams", "ZZ99 1AA"),
            "brown": ("Yusuf", "Brown", "ZZ99 2BB"),
            "clarke": ("Xena", "Clarke", "ZZ99 3CC"),
            "davies": ("Will", "Davies", "ZZ99 4DD"),
            "evans": ("Vic", "Evans", "ZZ99 5EE"),
            "smith": ("Una", "Smith", "ZZ99 6FF"),
        }.items()
    }
    cases = {
        # urgency by the rule: must leave in 80 days -> later; in 30 -> threatened; none -> advice
        "adams": _record(
            db,
            officer.id,
            clients["adams"],
            policy=policy,
            at=NOW - timedelta(days=5),
            must_leave_on=TODAY + timedelta(days=80),
        ),
        "brown": _record(
            db,
            officer.id,
            clients["brown"],
            policy=policy,
            at=NOW - timedelta(days=1),
            homeless_tonight=True,
        ),
        "clarke": _record(
            db,
            officer.id,
            clients["clarke"],
            policy=policy,
            at=NOW - timedelta(days=3),
            must_leave_on=TODAY + timedelta(days=30),
        ),
        "davies": _record(
            db, officer.id, clients["davies"], policy=policy, at=NOW - timedelta(days=2)
        ),
        "evans": _record(
            db,
            officer.id,
            clients["evans"],
            policy=policy,
            at=NOW - timedelta(days=4),
            must_leave_on=TODAY + timedelta(days=10),
        ),
        "smith": _record(
            db,
            colleague.id,
            clients["smith"],
            policy=policy,
            at=NOW - timedelta(days=6),
            must_leave_on=TODAY + timedelta(days=20),
        ),
    }
    close_case(db, officer_id=officer.id, case_id=cases["evans"], closed_at=NOW)
    return {"officer": officer, "colleague": colleague, "cases": cases, "clients": clients}


def _names(page) -> list[str]:
    return [row.client_name.split()[-1].lower() for row in page.rows]


def test_my_caseload_shows_only_my_open_cases(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=caseload["officer"].id, sort="client"))
    assert _names(page) == ["adams", "brown", "clarke", "davies"]
    assert page.total == 4
    assert {row.officer_initials for row in page.rows} == {"OO"}
    assert {row.status for row in page.rows} == {"open"}


def test_team_caseload_shows_everyones_open_cases(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, sort="client"))
    assert _names(page) == ["adams", "brown", "clarke", "davies", "smith"]
    assert page.total == 5


def test_closed_cases_show_only_when_asked(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", include_closed=True))
    assert _names(page) == ["adams", "brown", "clarke", "davies", "evans", "smith"]
    assert page.total == 6
    assert [row.status for row in page.rows if row.client_name.endswith("Evans")] == ["closed"]


def test_caseload_filter_text(db, caseload) -> None:
    by_surname = caseload_page(db, CaseloadQuery(officer_id=None, text="bro"))
    assert _names(by_surname) == ["brown"]
    assert by_surname.total == 1
    by_forename = caseload_page(db, CaseloadQuery(officer_id=None, text="xena"))
    assert _names(by_forename) == ["clarke"]
    by_postcode = caseload_page(db, CaseloadQuery(officer_id=None, text="zz994dd"))
    assert _names(by_postcode) == ["davies"]
    by_district = caseload_page(db, CaseloadQuery(officer_id=None, text="ZZ99", sort="client"))
    assert _names(by_district) == ["adams", "brown", "clarke", "davies", "smith"]
    nobody = caseload_page(db, CaseloadQuery(officer_id=None, text="nobody"))
    assert nobody.rows == () and nobody.total == 0


def test_caseload_filter_by_postcode_typed_with_its_space(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, text="ZZ99 4DD"))
    assert _names(page) == ["davies"]


def test_caseload_filter_by_case_reference(db, caseload) -> None:
    case_id = caseload["cases"]["clarke"]
    ref = get_case(db, case_id).case.ref
    page = caseload_page(db, CaseloadQuery(officer_id=None, text=ref))
    assert [row.id for row in page.rows] == [case_id]


def test_caseload_filter_takes_a_pasted_page_of_text(db, caseload) -> None:
    # A thousand words once made SQLite refuse the query (expression tree too large).
    page = " ".join(["Xena", "Clarke,", "ZZ99 3CC", "cla", "x"] * 250)
    assert len(search_words(page)) == 1250
    found = caseload_page(db, CaseloadQuery(officer_id=None, text=page))
    assert _names(found) == ["clarke"] and found.total == 1
    nobody = caseload_page(db, CaseloadQuery(officer_id=None, text=page + " smith"))
    assert nobody.rows == () and nobody.total == 0


def test_caseload_filter_takes_a_thousand_words_that_start_with_one_reference(db, caseload) -> None:
    # Only the first 8 characters of a long word are looked for as a reference, so these all
    # match the case by its reference, and no client has names enough to match them all.
    case_id = caseload["cases"]["clarke"]
    ref = get_case(db, case_id).case.ref
    typed = " ".join(f"{ref}-{number:04d}" for number in range(1000))
    found = caseload_page(db, CaseloadQuery(officer_id=None, text=typed))
    assert [row.id for row in found.rows] == [case_id] and found.total == 1


def test_caseload_filter_words_that_start_other_words_change_nothing(db, caseload) -> None:
    found = caseload_page(db, CaseloadQuery(officer_id=None, text="c cl cla clarke x xe xena"))
    assert _names(found) == ["clarke"]


def test_caseload_filter_a_short_word_still_needs_a_name_when_a_longer_one_is_a_reference(
    db, caseload
) -> None:
    # Two characters are too few to look for as a reference: the first word must start a name
    # or postcode, and no client of this case has one starting with (hex) reference letters.
    ref = get_case(db, caseload["cases"]["clarke"]).case.ref
    found = caseload_page(db, CaseloadQuery(officer_id=None, text=f"{ref[:2]} {ref}"))
    assert found.rows == () and found.total == 0


def test_caseload_filter_more_words_than_a_case_has_fields_finds_nothing(db, caseload) -> None:
    # Surname, forenames, postcode (and the reference, for three characters or more): words
    # that start none of the others each need a field of their own.
    assert _names(caseload_page(db, CaseloadQuery(officer_id=None, text="x clarke zz99"))) == [
        "clarke"
    ]
    for typed in ("x c z u", "xena clarke zz99 adams brown"):
        found = caseload_page(db, CaseloadQuery(officer_id=None, text=typed))
        assert found.rows == () and found.total == 0


def test_caseload_filter_only_within_my_cases(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=caseload["officer"].id, text="smith"))
    assert page.rows == () and page.total == 0


def test_caseload_sorted_by_urgency_most_urgent_first(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, sort="urgency"))
    # brown homeless tonight; clarke (30 days) and smith (20 days) threatened; adams later;
    # davies advice only. Threatened cases both have their next action in 2 days.
    assert [row.urgency for row in page.rows] == [
        "homeless_tonight",
        "threatened",
        "threatened",
        "later",
        "advice_only",
    ]
    assert _names(page)[0] == "brown"
    assert set(_names(page)[1:3]) == {"clarke", "smith"}
    assert _names(page)[3:] == ["adams", "davies"]
    backwards = caseload_page(db, CaseloadQuery(officer_id=None, sort="urgency", descending=True))
    assert [row.urgency for row in backwards.rows] == [
        "advice_only",
        "later",
        "threatened",
        "threatened",
        "homeless_tonight",
    ]


def test_caseload_sorted_by_client(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", descending=True))
    assert _names(page) == ["smith", "davies", "clarke", "brown", "adams"]


def test_caseload_sorted_by_approach_date(db, caseload) -> None:
    oldest_first = caseload_page(db, CaseloadQuery(officer_id=None, sort="approached"))
    assert _names(oldest_first) == ["smith", "adams", "clarke", "davies", "brown"]
    newest_first = caseload_page(
        db, CaseloadQuery(officer_id=None, sort="approached", descending=True)
    )
    assert _names(newest_first) == ["brown", "davies", "clarke", "adams", "smith"]


def test_caseload_sorted_by_next_action(db, caseload) -> None:
    page = caseload_page(db, CaseloadQuery(officer_id=None, sort="next_action"))
    dates = [row.next_action_on for row in page.rows]
    assert dates == sorted(dates)
    assert _names(page)[0] == "brown"  # homeless tonight: next action today
    assert _names(page)[-1] == "davies"  # advice only: next action in 28 days
    backwards = caseload_page(
        db, CaseloadQuery(officer_id=None, sort="next_action", descending=True)
    )
    assert [row.next_action_on for row in backwards.rows] == sorted(dates, reverse=True)


def test_caseload_unknown_sort_is_refused(db, caseload) -> None:
    with pytest.raises(ValueError, match="sort"):
        caseload_page(db, CaseloadQuery(officer_id=None, sort="shoe size"))


def test_caseload_pages(db, caseload) -> None:
    everyone = _names(caseload_page(db, CaseloadQuery(officer_id=None, sort="client")))
    first = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", offset=0, limit=2))
    second = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", offset=2, limit=2))
    third = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", offset=4, limit=2))
    beyond = caseload_page(db, CaseloadQuery(officer_id=None, sort="client", offset=10, limit=2))
    assert [page.total for page in (first, second, third, beyond)] == [5, 5, 5, 5]
    assert [page.offset for page in (first, second, third)] == [0, 2, 4]
    assert _names(first) + _names(second) + _names(third) == everyone
    assert len(third.rows) == 1
    assert beyond.rows == ()


# --- a case, its notes, closing ------------------------------------------------------------------


def test_get_case_includes_notes_and_other_approaches(db, officer, policy) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Bloggs")
    earlier = _record(db, officer.id, client_id, policy=policy, at=NOW - timedelta(days=365))
    case_id = _record(db, officer.id, client_id, policy=policy)
    colleague = create_officer(db, "Cal Colleague", "CC")
    add_note(db, officer_id=officer.id, case_id=case_id, body="  Phoned landlord.  ")
    add_note(db, officer_id=colleague.id, case_id=case_id, body="Landlord agreed to wait.")
    add_note(db, officer_id=officer.id, case_id=earlier, body="Old note on the old case.")

    detail = get_case(db, case_id)
    assert {(note.body, note.author_initials) for note in detail.notes} == {
        ("Phoned landlord.", "OO"),
        ("Landlord agreed to wait.", "CC"),
    }
    assert all(note.written_at.tzinfo is not None for note in detail.notes)
    assert [row.id for row in detail.other_approaches] == [earlier]
    assert detail.client.approaches == 2
    assert detail.detail == "Asked to leave by parents"
    assert get_case(db, "no-such-case") is None


def test_an_empty_note_is_refused(db, officer, policy) -> None:
    case_id = _record(db, officer.id, ClientDraft(forenames="Jo", surname="Bloggs"), policy=policy)
    for body in ("", "   ", "\n\t"):
        with pytest.raises(StorageError):
            add_note(db, officer_id=officer.id, case_id=case_id, body=body)
    assert get_case(db, case_id).notes == ()


def test_a_note_on_a_missing_case_is_refused(db, officer) -> None:
    with pytest.raises(StorageError):
        add_note(db, officer_id=officer.id, case_id="no-such-case", body="Hello")


def test_closing_a_case_twice_is_refused(db, officer, policy) -> None:
    case_id = _record(db, officer.id, ClientDraft(forenames="Jo", surname="Bloggs"), policy=policy)
    close_case(db, officer_id=officer.id, case_id=case_id, closed_at=NOW)
    detail = get_case(db, case_id)
    assert detail.case.status == "closed"
    assert detail.closed_at == NOW
    with pytest.raises(StorageError):
        close_case(db, officer_id=officer.id, case_id=case_id, closed_at=NOW + timedelta(hours=1))
    assert get_case(db, case_id).closed_at == NOW
    assert [event.action for event in _audit_events(db, case_id)] == ["create", "update"]


# --- a few more edges of the write path and search -----------------------------------------------


def test_saving_without_a_real_change_neither_bumps_the_version_nor_audits(db, officer) -> None:
    client_id = _add_client(db, officer.id, "Jo", "Smith")
    with db.writing(officer.id) as session:
        session.get(Client, client_id).surname = "Smith"
    with db.reading() as session:
        assert session.get(Client, client_id).version == 1
    assert [event.action for event in _audit_events(db, client_id)] == ["create"]


def test_search_ignores_apostrophes_and_hyphens(db, officer) -> None:
    client_id = _add_client(db, officer.id, "Mary", "O'Brien-Smith")
    assert _found(db, "obrien") == {client_id}
    assert _found(db, "O'Bri") == {client_id}
    assert _found(db, "o'brien-sm") == {client_id}


def test_a_soft_deleted_case_is_no_longer_on_record(db, officer, policy) -> None:
    case_id = _record(db, officer.id, ClientDraft(forenames="Jo", surname="Bloggs"), policy=policy)
    with db.writing(officer.id) as session:
        session.get(Case, case_id).deleted_at = NOW
    assert caseload_page(db, CaseloadQuery(officer_id=None)).total == 0
    with pytest.raises(StorageError):
        add_note(db, officer_id=officer.id, case_id=case_id, body="Hello")
    assert get_case(db, case_id) is None
