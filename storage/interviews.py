"""The housing options interview: answers saved field by field as the officer types (each
change audited, so its history can be shown), and the household the client lives with."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict

from sqlalchemy import func, literal_column
from sqlmodel import Session, col, select

from housing_tui.casework.interview import MemberAnswer
from storage.database import Database
from storage.errors import StorageError
from storage.rows import AnswerChange, InterviewRecord, MemberRow
from storage.tables import AuditEvent, Case, HouseholdMember, InterviewAnswer, Officer

_NO_CASE = "That case is no longer on record."
_NO_MEMBER = "That household member is no longer on record."


def load_interview(db: Database, case_id: str) -> InterviewRecord:
    """Every live answer and household member of the case."""
    with db.reading() as session:
        _existing_case(session, case_id)
        answers = list(
            session.exec(
                select(InterviewAnswer).where(
                    InterviewAnswer.case_id == case_id, col(InterviewAnswer.deleted_at).is_(None)
                )
            )
        )
        members = session.exec(
            select(HouseholdMember)
            .where(HouseholdMember.case_id == case_id, col(HouseholdMember.deleted_at).is_(None))
            .order_by(
                col(HouseholdMember.position),
                col(HouseholdMember.created_at),
                col(HouseholdMember.id),
            )
        )
        return InterviewRecord(
            answers={answer.key: answer.value for answer in answers},
            typed={answer.key: answer.typed for answer in answers if answer.typed is not None},
            members=tuple(member_row(member) for member in members),
            answered_at={answer.key: answer.updated_at for answer in answers},
        )


_ANSWER_IDS = uuid.UUID("6f0d1b9e-3c55-4d0e-9d4a-2f7a51c0a8e3")


def answer_id(case_id: str, key: str) -> str:
    """The same id on every laptop for a case's answer to one question: two officers who
    answer it offline edit one record (and the sync keeps both values, one as a conflict),
    instead of making two answers to one question."""
    return str(uuid.uuid5(_ANSWER_IDS, f"{case_id}/{key}"))


def save_answer(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    key: str,
    value: str,
    typed: str | None = None,
) -> bool:
    """Save one answer: its canonical `value`, or (value "") the text `typed` when it cannot
    be read. Returns False, having written nothing, when it is unchanged."""
    if typed is not None and value:
        raise ValueError("An answer that reads is saved by its value alone.")
    with db.writing(officer_id) as session:
        _existing_case(session, case_id)
        answer = session.exec(
            select(InterviewAnswer).where(
                InterviewAnswer.case_id == case_id, InterviewAnswer.key == key
            )
        ).first()
        if answer is None:
            session.add(
                InterviewAnswer(
                    id=answer_id(case_id, key), case_id=case_id, key=key, value=value, typed=typed
                )
            )
            return True
        if answer.deleted_at is None and (answer.value, answer.typed) == (value, typed):
            return False
        # A soft-deleted answer (the unique index still holds it) comes back to life.
        answer.deleted_at = None
        if answer.value != value:
            answer.value = value
        if answer.typed != typed:
            answer.typed = typed
        return True


def answer_history(db: Database, case_id: str, key: str) -> list[AnswerChange]:
    """Every value the answer has had, newest first, from its audit events."""
    with db.reading() as session:
        answer_id = session.exec(
            select(InterviewAnswer.id).where(
                InterviewAnswer.case_id == case_id, InterviewAnswer.key == key
            )
        ).first()
        if answer_id is None:
            return []
        events = session.exec(
            select(AuditEvent, Officer.initials)
            .join(Officer, col(Officer.id) == col(AuditEvent.officer_id), isouter=True)
            .where(
                AuditEvent.table_name == InterviewAnswer.__tablename__,
                AuditEvent.record_id == answer_id,
            )
            # rowid breaks ties between events stamped in the same microsecond.
            .order_by(col(AuditEvent.created_at).desc(), literal_column("audit_event.rowid").desc())
        )
        history = []
        for audit_event, initials in events:
            change = json.loads(audit_event.changes).get("value")
            if change is None:
                continue  # a delete or restore that left the value as it was
            old, new = change
            history.append(
                AnswerChange(
                    changed_at=audit_event.created_at,
                    officer_initials=initials or "",
                    old=None if audit_event.action == "create" else old,
                    new=new,
                )
            )
        return history


def save_member(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    member_id: str | None,
    member: MemberAnswer,
) -> str:
    """Add `member` to the end of the household (member_id None) or change the one stored as
    member_id to it; fields that are unchanged write nothing. Returns the member's id."""
    with db.writing(officer_id) as session:
        _existing_case(session, case_id)
        if member_id is None:
            last = session.exec(
                select(func.max(HouseholdMember.position)).where(HouseholdMember.case_id == case_id)
            ).one()
            row = HouseholdMember(
                case_id=case_id,
                position=1 if last is None else last + 1,
                name=member.name,
                relationship=member.relationship,
            )
            session.add(row)
        else:
            row = _existing_member(session, member_id)
            if row.case_id != case_id:
                raise StorageError(_NO_MEMBER)
        # A new member takes every field here; a changed one writes only what differs.
        for column, value in asdict(member).items():
            if getattr(row, column) != value:
                setattr(row, column, value)
        return row.id


def remove_member(db: Database, *, officer_id: str, member_id: str) -> None:
    """Take a member out of the household (a soft delete, so it is audited and can sync)."""
    with db.writing(officer_id) as session:
        member = _existing_member(session, member_id)
        _existing_case(session, member.case_id)
        member.deleted_at = db.clock.now()


def _existing_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError(_NO_CASE)
    return found


def _existing_member(session: Session, member_id: str) -> HouseholdMember:
    found = session.get(HouseholdMember, member_id)
    if found is None or found.deleted_at is not None:
        raise StorageError(_NO_MEMBER)
    return found


def member_row(member: HouseholdMember) -> MemberRow:
    """A stored household member as the interview and the rules read them."""
    return MemberRow(
        id=member.id,
        name=member.name,
        relationship=member.relationship,
        date_of_birth=member.date_of_birth,
        pregnant=member.pregnant,
        due_date=member.due_date,
        dependent_child=member.dependent_child,
        sex=member.sex,
    )
