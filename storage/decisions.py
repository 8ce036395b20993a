"""A case's homelessness application: opening it with its inquiries, "minded to", the decision,
a principal's sign-off (checked here too, against the officer's role as stored, and written to
the audit trail as a "sign-off" event besides the change itself), the day notified and the
review, and the end of the main duty (written to the audit trail as a "main-duty-end" event
besides the change). Each step saves what the domain's reader (`casework.decisions.application`,
`.main_duty_end`) made of the form; the rules that need the saved application are checked again
in the transaction."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from housing_tui.casework.decisions.application import Application, sign_off_refusal
from housing_tui.casework.decisions.main_duty_end import END_KEYS, main_duty_end_refusal
from housing_tui.casework.decisions.outcomes import (
    ApplicationGround,
    Finding,
    Inquiry,
    Outcome,
    ReviewOutcome,
)
from housing_tui.documents.rendering import MAIN_DUTY_ENDED
from housing_tui.reference.codes import CaseStatus
from housing_tui.reference.policy import Role, SecurityPolicy
from storage.audit import AuditNote, append_events
from storage.database import Database
from storage.errors import StorageError
from storage.tables import Case, HomelessnessApplication, Officer

SIGN_OFF = "sign-off"
"""The audit action of a principal signing a decision off."""

MAIN_DUTY_END = "main-duty-end"
"""The audit action of recording that the main housing duty ended."""

_STEP_COLUMNS = {
    "application": frozenset(
        {"opened_on", "ground"}
        | {inquiry.value for inquiry in Inquiry}
        | {inquiry.notes_key for inquiry in Inquiry}
    ),
    "minded_to": frozenset(
        {"minded_to_outcome", "minded_to_told_on", "minded_to_reply", "reasons"}
    ),
    "decision": frozenset({"outcome", "outcome_reason", "reasons", "decided_on"}),
    "notified": frozenset({"notified_on"}),
    "review": frozenset({"review_requested_on", "review_outcome", "review_decided_on"}),
}
"""What each step of the Decision screen may change."""


def application_record(row: HomelessnessApplication) -> Application:
    return Application(
        id=row.id,
        opened_on=row.opened_on,
        ground=ApplicationGround(row.ground),
        findings={inquiry: Finding(getattr(row, inquiry.value)) for inquiry in Inquiry},
        evidence={inquiry: getattr(row, inquiry.notes_key) for inquiry in Inquiry},
        minded_to_outcome=Outcome(row.minded_to_outcome) if row.minded_to_outcome else None,
        minded_to_told_on=row.minded_to_told_on,
        minded_to_reply=row.minded_to_reply,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_reason=row.outcome_reason,
        reasons=row.reasons,
        decided_on=row.decided_on,
        signed_off_by=row.signed_off_by,
        signed_off_on=row.signed_off_on,
        letter_on=row.letter_on,
        notified_on=row.notified_on,
        review_requested_on=row.review_requested_on,
        review_outcome=ReviewOutcome(row.review_outcome) if row.review_outcome else None,
        review_decided_on=row.review_decided_on,
        main_duty_ended_on=row.main_duty_ended_on,
        main_duty_end_reason=row.main_duty_end_reason,
        main_duty_end_note=row.main_duty_end_note,
        main_duty_end_letter_on=row.main_duty_end_letter_on,
        main_duty_end_notified_on=row.main_duty_end_notified_on,
    )


def applications_by_case(session: Session, case_ids: Any) -> dict[str, Application]:
    """Each case's application (`case_ids` a list or a subquery of ids)."""
    rows = session.exec(
        select(HomelessnessApplication).where(
            col(HomelessnessApplication.case_id).in_(case_ids),
            col(HomelessnessApplication.deleted_at).is_(None),
        )
    )
    return {row.case_id: application_record(row) for row in rows}


def load_application(db: Database, case_id: str) -> Application | None:
    with db.reading() as session:
        return applications_by_case(session, [case_id]).get(case_id)


def save_decision_form(
    db: Database, *, officer_id: str, case_id: str, steps: dict[str, dict[str, Any]]
) -> str:
    """Save what `read_decision_form` made of the Decision screen, every step in one
    transaction: the application opened (or its inquiries changed), minded to, the decision,
    the day notified, the review. Returns the application's id.

    Refused, having written nothing, for a change to the inquiries or the decision once it is
    signed off, and for "notified" before the sign-off and the letter."""
    for step, values in steps.items():
        unknown = set(values) - _STEP_COLUMNS[step]
        if unknown:
            raise ValueError(f"not {step} columns: {sorted(unknown)}")
    with db.writing(officer_id) as session:
        case_ = _open_case(session, case_id)
        row = _case_application(session, case_id)
        if row is None:
            opening = steps["application"]
            row = HomelessnessApplication(
                case_id=case_id, opened_on=opening["opened_on"], ground=str(opening["ground"])
            )
        signed = row.signed_off_on is not None
        for step in ("application", "minded_to", "decision"):
            if signed and step in steps and _changes(row, steps[step]):
                raise StorageError("The decision is signed off: it can no longer change.")
        if "notified" in steps and (row.signed_off_on is None or row.letter_on is None):
            raise StorageError(
                "A decision is notified by its letter: a principal signs it off, then produce "
                "the letter, then record the day they were notified."
            )
        for values in steps.values():
            _set(row, values)
        session.add(row)
        session.flush()
        case_.status = _status(application_record(row)).value
        return row.id


def sign_off_decision(
    db: Database,
    *,
    officer_id: str,
    application_id: str,
    signed_on: date,
    security: SecurityPolicy,
) -> None:
    """A principal signs the decision off: refused (StorageError, saying who can) for an
    officer whose stored role may not, or with no decision to sign. Audited as a change and as
    a "sign-off" event naming the outcome."""
    with db.writing(officer_id) as session:
        officer = session.get(Officer, officer_id)
        row = _application(session, application_id)
        role = Role(officer.role) if officer is not None else Role.OFFICER
        refused = sign_off_refusal(application_record(row), role=role, security=security)
        if refused:
            raise StorageError(refused)
        row.signed_off_by, row.signed_off_on = officer_id, signed_on
        event = AuditNote(
            officer_id,
            HomelessnessApplication.__tablename__,
            row.id,
            SIGN_OFF,
            json.dumps({"outcome": row.outcome, "signed_off_on": signed_on.isoformat()}),
        )
        append_events(session.connection(), [event], db.clock.now())


def record_main_duty_end(
    db: Database, *, officer_id: str, case_id: str, values: dict[str, Any]
) -> None:
    """Save what `read_main_duty_end` made of the form (keys END_KEYS): the main duty ended, or
    the day they were notified of it. Checked again against the application as stored
    (`main_duty_end_refusal`: refused, writing nothing, on a case not owed the duty, or to
    change a recorded end). The case leaves the main-duty status in the same transaction,
    audited as a change and, the first time, as a "main-duty-end" event naming the reason."""
    if set(values) != set(END_KEYS):
        raise ValueError(f"the end of the main duty is {END_KEYS}, not {sorted(values)}")
    with db.writing(officer_id) as session:
        case_ = _open_case(session, case_id)
        row = _case_application(session, case_id)
        if row is None:
            raise StorageError("There is no homelessness application on this case.")
        if refused := main_duty_end_refusal(application_record(row), values):
            raise StorageError(next(iter(refused.values())))
        first = row.main_duty_ended_on is None
        _set(row, values)
        session.add(row)
        session.flush()
        # Open, not closed: the officer closes the case once the letter is sent and the
        # review window has run; the law has no status of its own for a discharged duty.
        case_.status = _status(application_record(row)).value
        if first:
            event = AuditNote(
                officer_id,
                HomelessnessApplication.__tablename__,
                row.id,
                MAIN_DUTY_END,
                json.dumps(
                    {
                        "ended_on": values["main_duty_ended_on"].isoformat(),
                        "reason": values["main_duty_end_reason"],
                    }
                ),
            )
            append_events(session.connection(), [event], db.clock.now())


def mark_letter(session: Session, case_id: str, kind: str, issued_on: date) -> None:
    """Decision letter `kind`, or the letter saying the main duty ended, was produced
    (storage.plans.save_document, in its transaction)."""
    row = _case_application(session, case_id)
    if kind == MAIN_DUTY_ENDED:
        if row is None or row.main_duty_ended_on is None:
            raise StorageError("Record the end of the main duty before its letter.")
        row.main_duty_end_letter_on = issued_on
        return
    if row is None or row.signed_off_on is None:
        raise StorageError("A principal must sign the decision off before its letter.")
    if row.outcome is None or Outcome(row.outcome).letter != kind:
        raise StorageError("That letter is not for the decision made: produce the one for it.")
    row.letter_on = issued_on


def _case_application(session: Session, case_id: str) -> HomelessnessApplication | None:
    return session.exec(
        select(HomelessnessApplication).where(
            HomelessnessApplication.case_id == case_id,
            col(HomelessnessApplication.deleted_at).is_(None),
        )
    ).first()


def _stored(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _changes(row: HomelessnessApplication, values: dict[str, Any]) -> dict[str, Any]:
    return {
        column: _stored(value)
        for column, value in values.items()
        if getattr(row, column) != _stored(value)
    }


def _set(row: HomelessnessApplication, values: dict[str, Any]) -> None:
    for column, value in _changes(row, values).items():
        setattr(row, column, value)


def _application(session: Session, application_id: str) -> HomelessnessApplication:
    row = session.get(HomelessnessApplication, application_id)
    if row is None or row.deleted_at is not None:
        raise StorageError("That application is no longer on record.")
    _open_case(session, row.case_id)
    return row


def _status(application: Application) -> CaseStatus:
    """The case's status as its application leaves it: written with every change to it."""
    return CaseStatus.MAIN_DUTY if application.main_duty_owed else CaseStatus.OPEN


def _open_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError("That case is no longer on record.")
    if not CaseStatus(found.status).still_open:
        raise StorageError("That case is closed: its application can no longer change.")
    return found
