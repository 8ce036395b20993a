"""The interview's storage on real SQLite files: answers saved field by field with their
history, households, soft deletes, and nothing half-written when a save fails."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from housing_tui.casework.interview import MemberAnswer
from storage.errors import StorageError
from storage.interviews import (
    answer_history,
    load_interview,
    remove_member,
    save_answer,
    save_member,
)
from storage.officers import create_officer
from storage.rows import MemberRow
from storage.tables import AuditEvent, Case, Client, HouseholdMember, InterviewAnswer
from tests.unit.conftest import NOW

APPROACHED = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def _case(db, officer_id: str, surname: str = "Bloggs") -> str:
    with db.writing(officer_id) as session:
        client = Client(forenames="Jo", surname=surname)
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=APPROACHED,
            channel="phone",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    return case.id


def _audit_count(db) -> int:
    with db.reading() as session:
        return session.exec(select(func.count(AuditEvent.id))).one()


def _answer(db, case_id: str, key: str) -> InterviewAnswer | None:
    with db.reading() as session:
        return session.exec(
            select(InterviewAnswer).where(
                InterviewAnswer.case_id == case_id, InterviewAnswer.key == key
            )
        ).first()


def _member(db, officer_id: str, case_id: str, name: str, **more) -> str:
    fields = {
        "relationship": "child",
        "date_of_birth": None,
        "pregnant": False,
        "due_date": None,
        "dependent_child": False,
    } | more
    return save_member(
        db,
        officer_id=officer_id,
        case_id=case_id,
        member_id=None,
        member=MemberAnswer(name=name, **fields),
    )


# --- answers -------------------------------------------------------------------------------------


def test_an_answer_saved_is_loaded_back(db, officer) -> None:
    case_id = _case(db, officer.id)
    assert save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    assert save_answer(
        db, officer_id=officer.id, case_id=case_id, key="rent_amount", value="450.00"
    )
    record = load_interview(db, case_id)
    assert record.answers == {"tenure": "ast", "rent_amount": "450.00"}
    assert record.members == ()
    assert set(record.answered_at) == {"tenure", "rent_amount"}
    # Stamped by the database's clock (the tests' fixed one), never the real time.
    assert set(record.answered_at.values()) == {NOW}


def test_a_new_case_has_an_empty_interview(db, officer) -> None:
    record = load_interview(db, _case(db, officer.id))
    assert (record.answers, record.members, record.answered_at) == ({}, (), {})


def test_an_unchanged_answer_writes_nothing(db, officer) -> None:
    case_id = _case(db, officer.id)
    assert save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    events = _audit_count(db)
    stored = _answer(db, case_id, "tenure")
    assert stored.version == 1

    assert not save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    assert _audit_count(db) == events
    again = _answer(db, case_id, "tenure")
    assert again.version == 1
    assert again.updated_at == stored.updated_at


def test_changing_an_answer_keeps_its_history_newest_first(db, officer) -> None:
    other = create_officer(db, "Sam Second", "ss")
    case_id = _case(db, officer.id)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="rent_amount", value="450.00")
    save_answer(db, officer_id=other.id, case_id=case_id, key="rent_amount", value="475.50")
    save_answer(db, officer_id=officer.id, case_id=case_id, key="rent_amount", value="")

    assert load_interview(db, case_id).answers == {"rent_amount": ""}
    assert _answer(db, case_id, "rent_amount").version == 3
    history = answer_history(db, case_id, "rent_amount")
    assert [(change.old, change.new, change.officer_initials) for change in history] == [
        ("475.50", "", "OO"),
        ("450.00", "475.50", "SS"),
        (None, "450.00", "OO"),
    ]
    assert history[0].changed_at >= history[1].changed_at >= history[2].changed_at
    assert history[0].changed_at == load_interview(db, case_id).answered_at["rent_amount"]


def test_history_of_an_unanswered_question_is_empty(db, officer) -> None:
    case_id = _case(db, officer.id)
    assert answer_history(db, case_id, "tenure") == []


def test_answers_of_another_case_are_not_mixed_in(db, officer) -> None:
    first = _case(db, officer.id, "First")
    second = _case(db, officer.id, "Second")
    save_answer(db, officer_id=officer.id, case_id=first, key="tenure", value="ast")
    save_answer(db, officer_id=officer.id, case_id=second, key="tenure", value="social")
    save_answer(db, officer_id=officer.id, case_id=second, key="reason", value="arrears")
    _member(db, officer.id, second, "Kim")

    record = load_interview(db, first)
    assert record.answers == {"tenure": "ast"}
    assert record.members == ()
    assert load_interview(db, second).answers == {"tenure": "social", "reason": "arrears"}
    assert [change.new for change in answer_history(db, first, "tenure")] == ["ast"]
    assert [change.new for change in answer_history(db, second, "tenure")] == ["social"]


def test_a_soft_deleted_case_is_refused_and_nothing_is_written(db, officer) -> None:
    case_id = _case(db, officer.id)
    with db.writing(officer.id) as session:
        session.get(Case, case_id).deleted_at = NOW
    events = _audit_count(db)

    with pytest.raises(StorageError, match="no longer on record"):
        save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    with pytest.raises(StorageError, match="no longer on record"):
        _member(db, officer.id, case_id, "Kim")
    with pytest.raises(StorageError, match="That case is no longer on record."):
        load_interview(db, case_id)
    assert _answer(db, case_id, "tenure") is None
    assert _audit_count(db) == events
    with db.reading() as session:
        assert session.exec(select(func.count(HouseholdMember.id))).one() == 0


def test_a_missing_case_is_refused(db, officer) -> None:
    with pytest.raises(StorageError, match="no longer on record"):
        save_answer(db, officer_id=officer.id, case_id="no-such-case", key="tenure", value="x")
    with pytest.raises(StorageError, match="no longer on record"):
        load_interview(db, "no-such-case")


def test_a_soft_deleted_answer_comes_back_when_answered_again(db, officer) -> None:
    case_id = _case(db, officer.id)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    with db.writing(officer.id) as session:
        session.get(InterviewAnswer, _answer(db, case_id, "tenure").id).deleted_at = NOW
    assert load_interview(db, case_id).answers == {}

    assert save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    assert load_interview(db, case_id).answers == {"tenure": "ast"}
    assert [change.new for change in answer_history(db, case_id, "tenure")] == ["ast"]


def test_the_unique_case_and_key_index_is_in_the_database(db, officer) -> None:
    indexes = {
        index["name"]: index for index in sa.inspect(db.engine).get_indexes("interview_answer")
    }
    unique = indexes["ix_interview_answer_case_key"]
    assert unique["column_names"] == ["case_id", "key"]
    assert unique["unique"]

    case_id = _case(db, officer.id)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="tenure", value="ast")
    with pytest.raises(sa.exc.IntegrityError), db.writing(officer.id) as session:
        session.add(InterviewAnswer(case_id=case_id, key="tenure", value="social"))
    assert load_interview(db, case_id).answers == {"tenure": "ast"}


def test_a_crash_mid_save_leaves_no_answer_and_no_audit_event(db, officer) -> None:
    case_id = _case(db, officer.id)
    events = _audit_count(db)

    with pytest.raises(RuntimeError, match="power cut"), db.writing(officer.id) as session:
        session.add(InterviewAnswer(case_id=case_id, key="tenure", value="ast"))
        session.flush()  # the row and its audit event have reached the database
        assert session.exec(select(func.count(AuditEvent.id))).one() == events + 1
        raise RuntimeError("power cut")

    assert _answer(db, case_id, "tenure") is None
    assert _audit_count(db) == events
    assert load_interview(db, case_id).answers == {}


# --- household -----------------------------------------------------------------------------------


def test_members_are_added_in_order_and_loaded_back(db, officer) -> None:
    case_id = _case(db, officer.id)
    partner = _member(
        db,
        officer.id,
        case_id,
        "Alex",
        relationship="partner",
        pregnant=True,
        due_date=date(2027, 3, 1),
    )
    child = _member(
        db,
        officer.id,
        case_id,
        "Kim",
        date_of_birth=date(2019, 5, 4),
        dependent_child=True,
        sex="female",
    )
    record = load_interview(db, case_id)
    assert record.members == (
        MemberRow("Alex", "partner", None, True, date(2027, 3, 1), False, id=partner),
        MemberRow("Kim", "child", date(2019, 5, 4), False, None, True, "female", id=child),
    )
    with db.reading() as session:
        positions = [session.get(HouseholdMember, id_).position for id_ in (partner, child)]
    assert positions == [1, 2]


def test_members_are_ordered_by_position_then_when_added(db, officer, clock) -> None:
    case_id = _case(db, officer.id)
    first = _member(db, officer.id, case_id, "First")
    clock.at += timedelta(minutes=1)
    _member(db, officer.id, case_id, "Second")
    clock.at += timedelta(minutes=1)
    third = _member(db, officer.id, case_id, "Third")
    with db.writing(officer.id) as session:
        session.get(HouseholdMember, first).position = 5
        session.get(HouseholdMember, third).position = 2  # now ties with Second
    names = [member.name for member in load_interview(db, case_id).members]
    assert names == ["Second", "Third", "First"]
    # A new member goes after the highest position.
    _member(db, officer.id, case_id, "Fourth")
    assert [member.name for member in load_interview(db, case_id).members][-1] == "Fourth"


def test_updating_a_member_writes_only_what_changed(db, officer) -> None:
    case_id = _case(db, officer.id)
    member_id = _member(db, officer.id, case_id, "Kim", date_of_birth=date(2019, 5, 4))
    fields = {
        "name": "Kim",
        "relationship": "child",
        "date_of_birth": date(2019, 5, 4),
        "pregnant": False,
        "due_date": None,
        "dependent_child": False,
    }
    events = _audit_count(db)
    assert (
        save_member(
            db,
            officer_id=officer.id,
            case_id=case_id,
            member_id=member_id,
            member=MemberAnswer(**fields),
        )
        == member_id
    )
    assert _audit_count(db) == events
    with db.reading() as session:
        assert session.get(HouseholdMember, member_id).version == 1

    changed = fields | {"name": "Kim Bloggs", "dependent_child": True}
    save_member(
        db,
        officer_id=officer.id,
        case_id=case_id,
        member_id=member_id,
        member=MemberAnswer(**changed),
    )
    assert _audit_count(db) == events + 1
    with db.reading() as session:
        stored = session.get(HouseholdMember, member_id)
        event = session.exec(
            select(AuditEvent).where(
                AuditEvent.record_id == member_id, AuditEvent.action == "update"
            )
        ).one()
    assert stored.version == 2
    assert json.loads(event.changes) == {
        "name": ["Kim", "Kim Bloggs"],
        "dependent_child": [False, True],
    }
    (row,) = load_interview(db, case_id).members
    assert (row.name, row.dependent_child) == ("Kim Bloggs", True)


def test_a_member_of_another_case_cannot_be_changed_through_this_one(db, officer) -> None:
    first = _case(db, officer.id, "First")
    second = _case(db, officer.id, "Second")
    member_id = _member(db, officer.id, first, "Kim")
    with pytest.raises(StorageError, match="household member"):
        save_member(
            db,
            officer_id=officer.id,
            case_id=second,
            member_id=member_id,
            member=MemberAnswer("Changed", "child", None, False, None, False),
        )
    assert load_interview(db, first).members[0].name == "Kim"


def test_a_removed_member_is_hidden_but_kept(db, officer) -> None:
    case_id = _case(db, officer.id)
    kept = _member(db, officer.id, case_id, "Alex")
    removed = _member(db, officer.id, case_id, "Kim")
    remove_member(db, officer_id=officer.id, member_id=removed)

    assert [member.id for member in load_interview(db, case_id).members] == [kept]
    with db.reading() as session:
        row = session.get(HouseholdMember, removed)
        event = session.exec(
            select(AuditEvent).where(AuditEvent.record_id == removed, AuditEvent.action == "delete")
        ).one()
    assert row is not None and row.deleted_at is not None
    assert row.version == 2
    assert "deleted_at" in json.loads(event.changes)
    with pytest.raises(StorageError, match="household member"):
        remove_member(db, officer_id=officer.id, member_id=removed)
    # The next member still goes after every position used, removed ones included.
    _member(db, officer.id, case_id, "Sam")
    with db.reading() as session:
        positions = session.exec(
            select(HouseholdMember.name, HouseholdMember.position).order_by(
                HouseholdMember.position
            )
        ).all()
    assert positions == [("Alex", 1), ("Kim", 2), ("Sam", 3)]
