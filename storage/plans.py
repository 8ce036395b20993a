"""A case's plan: the actions (Personal Housing Plan steps), the duties owed, and the documents
produced (plan versions, written advice, duty letters).

The case's `secured_*` columns are kept in step with its actions and duties in the same
transaction as every change to them, so reports count preventions from what officers recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from housing_tui.casework.duties import Duty as DutyRecord
from housing_tui.casework.duties import DutyKind, ends_when_relief_starts
from housing_tui.documents.rendering import (
    DECISION_DOCUMENT_KINDS,
    DECISION_LETTER_TITLES,
    DOCUMENT_TITLES,
    MONEY_DOCUMENT_KINDS,
    PLAN_KINDS,
    VERSIONED_KINDS,
    RenderedDocument,
    document_file_name,
)
from housing_tui.prevention.actions import (
    ActionOwner,
    ActionStatus,
    Outcome,
    PlanAction,
    SecuredAccommodation,
    secured_accommodation,
)
from storage.database import Database
from storage.decisions import mark_letter
from storage.errors import StorageError
from storage.rows import DocumentRow, case_ref
from storage.tables import Case, CaseAction, CaseDocument, DeadlineMet, Duty, Officer

LETTER_FIELDS = {
    "prevention_start": (DutyKind.PREVENTION, "start_letter_on"),
    "prevention_end": (DutyKind.PREVENTION, "end_letter_on"),
    "relief_start": (DutyKind.RELIEF, "start_letter_on"),
    "relief_end": (DutyKind.RELIEF, "end_letter_on"),
}
"""Each duty letter: the duty it is about, and the column that records it was produced."""

_NO_CASE = "That case is no longer on record."


@dataclass(frozen=True)
class CasePlan:
    actions: tuple[PlanAction, ...]
    duties: tuple[DutyRecord, ...]
    documents: tuple[DocumentRow, ...]
    """Newest first."""

    @property
    def secured(self) -> SecuredAccommodation | None:
        """What the plan's steps secured, and under which duty (None: nothing yet)."""
        starts = {duty.kind: duty.started_on for duty in self.duties}
        return secured_accommodation(
            self.actions,
            prevention_from=starts.get(DutyKind.PREVENTION),
            relief_from=starts.get(DutyKind.RELIEF),
        )

    @property
    def plans(self) -> tuple[DocumentRow, ...]:
        """The issued versions of the plan (or written advice), newest first."""
        return tuple(doc for doc in self.documents if doc.kind in PLAN_KINDS)


def load_plan(db: Database, case_id: str) -> CasePlan:
    with db.reading() as session:
        _existing_case(session, case_id)
        return _plan(session, case_id)


def _plan(session: Session, case_id: str) -> CasePlan:
    actions = session.exec(
        select(CaseAction)
        .where(CaseAction.case_id == case_id, col(CaseAction.deleted_at).is_(None))
        .order_by(col(CaseAction.position), col(CaseAction.created_at), col(CaseAction.id))
    )
    duties = session.exec(
        select(Duty)
        .where(Duty.case_id == case_id, col(Duty.deleted_at).is_(None))
        .order_by(col(Duty.started_on), col(Duty.created_at))
    )
    documents = session.exec(
        select(CaseDocument, Officer.initials)
        # The .docx is read only when a copy is written (storage/document_copies.py).
        .options(defer(CaseDocument.docx))  # type: ignore[arg-type]
        .join(Officer, col(Officer.id) == col(CaseDocument.created_by), isouter=True)
        .where(CaseDocument.case_id == case_id, col(CaseDocument.deleted_at).is_(None))
        .order_by(col(CaseDocument.created_at).desc(), col(CaseDocument.plan_version).desc())
    )
    return CasePlan(
        actions=tuple(plan_action(row) for row in actions),
        duties=tuple(duty_record(row) for row in duties),
        documents=tuple(_document_row(doc, initials or "") for doc, initials in documents),
    )


def plan_action(row: CaseAction) -> PlanAction:
    return PlanAction(
        id=row.id,
        title=row.title,
        owner=ActionOwner(row.owner),
        due_on=row.due_on,
        status=ActionStatus(row.status),
        option_key=row.option_key,
        prevention_activity=row.prevention_activity,
        relief_activity=row.relief_activity,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_on=row.outcome_on,
        accommodation_secured=row.accommodation_secured,
        note=row.note,
        council_step=row.council_step,
        applicant_step=row.applicant_step,
    )


def duty_record(row: Duty) -> DutyRecord:
    return DutyRecord(
        id=row.id,
        kind=DutyKind(row.kind),
        started_on=row.started_on,
        ended_on=row.ended_on,
        end_reason=row.end_reason,
        start_letter_on=row.start_letter_on,
        end_letter_on=row.end_letter_on,
    )


def _document_row(doc: CaseDocument, initials: str) -> DocumentRow:
    return DocumentRow(
        id=doc.id,
        kind=doc.kind,
        plan_version=doc.plan_version,
        issued_on=doc.issued_on,
        review_on=doc.review_on,
        duty_id=doc.duty_id,
        file_name=doc.file_name,
        body=doc.body,
        issued_by_initials=initials,
    )


# --- actions -------------------------------------------------------------------------------------

_ACTION_COLUMNS = frozenset(
    (
        "title",
        "owner",
        "due_on",
        "status",
        "option_key",
        "council_step",
        "applicant_step",
        "prevention_activity",
        "relief_activity",
        "outcome",
        "outcome_on",
        "accommodation_secured",
        "note",
    )
)


def add_actions(
    db: Database, *, officer_id: str, case_id: str, actions: list[dict[str, Any]]
) -> list[str]:
    """Add steps to the plan in one transaction (e.g. the options the officer chose). Each is
    a dict of CaseAction columns, as `housing_tui.prevention.actions.read_action` and the
    catalogue give them. Returns the new actions' ids."""
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        last = session.exec(
            select(func.max(CaseAction.position)).where(CaseAction.case_id == case_id)
        ).one()
        rows = []
        for offset, values in enumerate(actions, start=1):
            row = CaseAction(case_id=case_id, position=(last or 0) + offset, **_columns(values))
            session.add(row)
            rows.append(row)
        session.flush()
        _refresh_secured(session, case_id)
    return [row.id for row in rows]


def update_action(db: Database, *, officer_id: str, action_id: str, values: dict[str, Any]) -> bool:
    """Change a step; returns False, having written nothing, when nothing changed."""
    with db.writing(officer_id) as session:
        row = session.get(CaseAction, action_id)
        if row is None or row.deleted_at is not None:
            raise StorageError("That action is no longer on record.")
        _open_case(session, row.case_id)
        changed = False
        for column, value in _columns(values).items():
            if getattr(row, column) != value:
                setattr(row, column, value)
                changed = True
        if changed:
            session.flush()
            _refresh_secured(session, row.case_id)
        return changed


def put_option_step(session: Session, case_id: str, values: dict[str, Any]) -> CaseAction:
    """In the caller's transaction: the case's step for catalogue option
    `values["option_key"]`, changed to `values`, or added if the plan has none; and the case's
    record of what was secured kept in step. One step per option, so the statutory return
    counts the work once whether the officer chose the option first or recorded the work."""
    _open_case(session, case_id)
    row = session.exec(
        select(CaseAction)
        .where(
            CaseAction.case_id == case_id,
            CaseAction.option_key == values["option_key"],
            col(CaseAction.deleted_at).is_(None),
        )
        .order_by(col(CaseAction.position), col(CaseAction.created_at))
    ).first()
    columns = _columns(values)
    if row is None:
        last = session.exec(
            select(func.max(CaseAction.position)).where(CaseAction.case_id == case_id)
        ).one()
        row = CaseAction(case_id=case_id, position=(last or 0) + 1, **columns)
        session.add(row)
    else:
        for column, value in columns.items():
            if getattr(row, column) != value:
                setattr(row, column, value)
    session.flush()
    _refresh_secured(session, case_id)
    return row


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _ACTION_COLUMNS
    if unknown:
        raise ValueError(f"not action columns: {sorted(unknown)}")
    return {
        key: (value.value if hasattr(value, "value") else value) for key, value in values.items()
    }


# --- duties --------------------------------------------------------------------------------------


def start_duty(
    db: Database, *, officer_id: str, case_id: str, kind: DutyKind, started_on: date
) -> str:
    """Record that a duty started. Starting the relief duty ends an open prevention duty on
    the same day (the applicant became homeless), in the same transaction."""
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        if kind is DutyKind.RELIEF:
            ending = ends_when_relief_starts(_plan(session, case_id).duties, started_on)
            if ending is not None:
                prevention, ended_on, reason = ending
                row = session.get(Duty, prevention.id)
                assert row is not None
                row.ended_on, row.end_reason = ended_on, reason
        duty = Duty(case_id=case_id, kind=kind.value, started_on=started_on)
        session.add(duty)
        session.flush()
        _refresh_secured(session, case_id)
    return duty.id


def end_duty(
    db: Database, *, officer_id: str, duty_id: str, ended_on: date, end_reason: str
) -> None:
    with db.writing(officer_id) as session:
        row = session.get(Duty, duty_id)
        if row is None or row.deleted_at is not None:
            raise StorageError("That duty is no longer on record.")
        if row.ended_on is not None:
            raise StorageError("That duty has already ended.")
        row.ended_on, row.end_reason = ended_on, end_reason


def _refresh_secured(session: Session, case_id: str) -> None:
    """Keep the case's record of what was secured in step with its actions and duties."""
    secured = _plan(session, case_id).secured
    case_ = session.get(Case, case_id)
    assert case_ is not None
    new = {
        "secured_outcome": secured.outcome.value if secured else None,
        "secured_on": secured.on if secured else None,
        "secured_duty": secured.duty.value if secured and secured.duty else None,
        "main_activity": secured.main_activity if secured else None,
    }
    for column, value in new.items():
        if getattr(case_, column) != value:
            setattr(case_, column, value)


# --- deadlines met ------------------------------------------------------------------------------


def record_deadline_met(
    db: Database, *, officer_id: str, case_id: str, deadline: str, met_on: date, note: str = ""
) -> None:
    """Record that a deadline (`Deadline.instance`) was met, so it leaves the due list."""
    if "@" not in deadline or deadline.startswith("@"):
        raise ValueError(f"not a deadline that can be marked as met: {deadline!r}")
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        session.add(DeadlineMet(case_id=case_id, deadline=deadline, met_on=met_on, note=note))


# --- documents -----------------------------------------------------------------------------------


def next_version(db: Database, case_id: str, kind: str, duty_id: str | None = None) -> int:
    """The version number the next document `kind` of the case (about `duty_id`) will have."""
    with db.reading() as session:
        return _next_version(session, case_id, kind, duty_id)


def _next_version(session: Session, case_id: str, kind: str, duty_id: str | None) -> int:
    if kind not in VERSIONED_KINDS:
        return 1
    same: list[ColumnElement[bool]] = [col(CaseDocument.kind).in_(PLAN_KINDS)]
    if kind not in PLAN_KINDS:
        about = col(CaseDocument.duty_id)
        same = [
            col(CaseDocument.kind) == kind,
            about.is_(None) if duty_id is None else about == duty_id,
        ]
    latest = session.exec(
        select(func.max(CaseDocument.plan_version)).where(CaseDocument.case_id == case_id, *same)
    ).one()
    return (latest or 0) + 1


def save_letter(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    kind: str,
    document: RenderedDocument,
    issued_on: date,
    duty_id: str | None = None,
) -> DocumentRow:
    """Keep a letter as the next version of its kind (the earlier ones stay), offered under a
    file name that carries the version."""
    version = next_version(db, case_id, kind, duty_id)
    return save_document(
        db,
        officer_id=officer_id,
        case_id=case_id,
        kind=kind,
        document=document,
        issued_on=issued_on,
        file_name=document_file_name(case_ref(case_id), kind, version, issued_on),
        duty_id=duty_id,
        version=version,
    )


def save_document(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    kind: str,
    document: RenderedDocument,
    issued_on: date,
    file_name: str,
    review_on: date | None = None,
    duty_id: str | None = None,
    version: int | None = None,
) -> DocumentRow:
    """Record `document` against the case, as a new row (every version kept): its .docx,
    its text as the app shows it, and `file_name`, the name a copy is offered under
    (storage/document_copies.py writes one where the officer chooses). `duty_id` is the
    record it is about: a duty letter's duty, a money document's plan or application.

    A plan or a letter is numbered as the next version of its kind; `version`, if given, must
    be the one `next_version` gave when the text or the file name was made: if someone else
    produced one meanwhile (after a sync, say), this refuses rather than number two alike.
    """
    known = (*PLAN_KINDS, *LETTER_FIELDS, *MONEY_DOCUMENT_KINDS, *DECISION_DOCUMENT_KINDS)
    if kind not in known:
        raise ValueError(f"unknown document kind {kind!r}")
    with db.writing(officer_id) as session:
        _existing_case(session, case_id)
        numbered = _next_version(session, case_id, kind, duty_id)
        if version is not None and version != numbered:
            what = "the plan" if kind in PLAN_KINDS else f"the {DOCUMENT_TITLES[kind].lower()}"
            raise StorageError(
                f"Version {numbered - 1} of {what} was issued meanwhile; "
                "look at it and issue again."
            )
        if kind in LETTER_FIELDS:
            _mark_letter(session, kind, duty_id, issued_on)
        elif kind in DECISION_LETTER_TITLES:
            mark_letter(session, case_id, kind, issued_on)
        row = CaseDocument(
            case_id=case_id,
            kind=kind,
            plan_version=numbered,
            issued_on=issued_on,
            review_on=review_on,
            duty_id=duty_id,
            file_name=file_name,
            body=document.text,
            docx=document.docx,
        )
        session.add(row)
        session.flush()
        initials = session.get(Officer, officer_id)
        return _document_row(row, initials.initials if initials else "")


def _mark_letter(session: Session, kind: str, duty_id: str | None, issued_on: date) -> None:
    duty_kind, column = LETTER_FIELDS[kind]
    row = session.get(Duty, duty_id) if duty_id else None
    if row is None or row.deleted_at is not None or row.kind != duty_kind.value:
        raise StorageError("That duty is no longer on record.")
    if column == "end_letter_on" and row.ended_on is None:
        raise StorageError("The duty has not ended: record its end first.")
    setattr(row, column, issued_on)


def _existing_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError(_NO_CASE)
    return found


def _open_case(session: Session, case_id: str) -> Case:
    found = _existing_case(session, case_id)
    if found.closed_at is not None:
        raise StorageError("That case is closed: its plan can no longer change.")
    return found
