"""A main-duty case has its own status, in the database: set in the transaction that records the
decision notified, back to open when a review overturns it, and on every list an open case is
on; it can still be closed, and the retention clock does not start (issue 17 item 1)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from housing_tui.casework.decisions.outcomes import ReviewOutcome
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.reference.codes import CaseStatus
from housing_tui.reference.policy import load_policy
from storage.cases import CaseloadQuery, caseload_page, close_case
from storage.coded_columns import code_labels
from storage.decisions import save_decision_form, sign_off_decision
from storage.due import cases_for_due
from storage.plans import save_document
from storage.retention import due_for_purge
from storage.tables import Case
from tests.unit.test_decisions_storage import _case, _decided, _principal

POLICY = load_policy()


def _status(db, case_id: str) -> str:
    with db.reading() as session:
        found = session.exec(select(Case).where(Case.id == case_id)).one()
        return found.status


def _notified_main_duty(db, officer_id: str) -> str:
    _, case_id = _case(db, officer_id)
    application = _decided(db, officer_id, case_id)
    sign_off_decision(
        db,
        officer_id=_principal(db, officer_id),
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    save_document(
        db,
        officer_id=officer_id,
        case_id=case_id,
        kind="decision_main_duty",
        document=RenderedDocument(b"PK", "text"),
        issued_on=date(2026, 11, 23),
        file_name="x.docx",
    )
    # Signed off and the letter produced, but not yet notified: the duty is not yet owed.
    assert _status(db, case_id) == "open"
    save_decision_form(
        db,
        officer_id=officer_id,
        case_id=case_id,
        steps={"notified": {"notified_on": date(2026, 11, 24)}},
    )
    return case_id


def test_notified_main_duty_is_the_cases_status_and_it_stays_on_every_list(db, officer) -> None:
    case_id = _notified_main_duty(db, officer.id)
    assert _status(db, case_id) == "main_duty"
    mine = caseload_page(db, CaseloadQuery(officer_id=officer.id))
    team = caseload_page(db, CaseloadQuery(officer_id=None))
    assert [(row.id, row.status) for row in mine.rows] == [(case_id, "main_duty")]
    assert [row.id for row in team.rows] == [case_id]
    assert [case.case_id for case in cases_for_due(db, officer_id=officer.id)] == [case_id]
    assert [case.case_id for case in cases_for_due(db, officer_id=None)] == [case_id]


def test_a_review_overturning_the_main_duty_puts_the_case_back_to_open(db, officer) -> None:
    case_id = _notified_main_duty(db, officer.id)
    requested = {
        "review_requested_on": date(2026, 11, 30),
        "review_outcome": None,
        "review_decided_on": None,
    }
    save_decision_form(db, officer_id=officer.id, case_id=case_id, steps={"review": requested})
    assert _status(db, case_id) == "main_duty"  # asked for, not yet decided: still owed
    decided = {
        **requested,
        "review_outcome": ReviewOutcome.OVERTURNED,
        "review_decided_on": date(2026, 12, 14),
    }
    save_decision_form(db, officer_id=officer.id, case_id=case_id, steps={"review": decided})
    assert _status(db, case_id) == "open"


def test_a_main_duty_case_can_be_closed_and_only_then_is_kept_for_retention(db, officer) -> None:
    case_id = _notified_main_duty(db, officer.id)

    def past_retention() -> set[str]:
        due = due_for_purge(db, today=date(2040, 1, 1), policy=POLICY.retention)
        return {found.case_id for found in due.cases}

    assert case_id not in past_retention()
    close_case(
        db, officer_id=officer.id, case_id=case_id, closed_at=datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert _status(db, case_id) == "closed"
    assert caseload_page(db, CaseloadQuery(officer_id=officer.id)).rows == ()
    assert case_id in past_retention()


def test_an_incoming_batch_may_carry_the_main_duty_status() -> None:
    listed = code_labels("case", "status")
    assert listed is not None and listed["main_duty"] == "Main housing duty"
    assert CaseStatus("main_duty").still_open and not CaseStatus("closed").still_open
