"""A homelessness application in a real SQLite database: the form saved step by step, the
sign-off refused to an officer and audited for a principal, the letter before "notified", and
the due list reading the recorded application (issue 17 items 1 and 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from housing_tui.calendar.due import case_due
from housing_tui.casework.decisions.application import Application
from housing_tui.casework.decisions.outcomes import ApplicationGround, Finding, Inquiry, Outcome
from housing_tui.casework.duties import DutyKind
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.reference.policy import Role, load_policy
from storage.audit import audit_for_client
from storage.decisions import SIGN_OFF, load_application, save_decision_form, sign_off_decision
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.plans import save_document, start_duty
from storage.tables import Case, Client, Officer

POLICY = load_policy()
FINDINGS = {
    Inquiry.ELIGIBILITY: Finding.YES,
    Inquiry.HOMELESS: Finding.YES,
    Inquiry.PRIORITY_NEED: Finding.YES,
    Inquiry.INTENTIONALITY: Finding.NO,
    Inquiry.LOCAL_CONNECTION: Finding.YES,
}


def _case(db, officer_id: str) -> tuple[str, str]:
    with db.writing(officer_id) as session:
        client = Client(forenames="Testy", surname="Tenant")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, tzinfo=UTC),
            channel="drop_in",
            urgency="homeless_tonight",
            presenting_problem="family_friends",
        )
        session.add(case)
    return client.id, case.id


def _principal(db, officer_id: str) -> str:
    with db.writing(officer_id) as session:
        principal = Officer(name="Pat Principal", initials="PP", role=Role.PRINCIPAL.value)
        session.add(principal)
    return principal.id


def _opened(on: date = date(2026, 11, 20)) -> dict:
    values: dict = {"opened_on": on, "ground": ApplicationGround.REASON_TO_BELIEVE}
    for inquiry, finding in FINDINGS.items():
        values[inquiry.value], values[inquiry.notes_key] = finding, "evidence"
    return values


def _decided(db, officer_id: str, case_id: str) -> Application:
    save_decision_form(
        db,
        officer_id=officer_id,
        case_id=case_id,
        steps={
            "application": _opened(),
            "decision": {
                "outcome": Outcome.MAIN_DUTY,
                "outcome_reason": None,
                "reasons": "",
                "decided_on": date(2026, 11, 23),
            },
        },
    )
    found = load_application(db, case_id)
    assert found is not None
    return found


def test_an_officer_cannot_sign_off_and_a_principal_can_with_an_audit_row(db, officer) -> None:
    client_id, case_id = _case(db, officer.id)
    application = _decided(db, officer.id, case_id)
    with pytest.raises(StorageError, match="Only a principal officer may sign off"):
        sign_off_decision(
            db,
            officer_id=officer.id,
            application_id=application.id,
            signed_on=date(2026, 11, 23),
            security=POLICY.security,
        )
    assert load_application(db, case_id).signed_off_on is None  # type: ignore[union-attr]
    principal = _principal(db, officer.id)
    sign_off_decision(
        db,
        officer_id=principal,
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    signed = load_application(db, case_id)
    assert signed is not None
    assert (signed.signed_off_by, signed.signed_off_on) == (principal, date(2026, 11, 23))
    events = [e for e in audit_for_client(db, client_id) if e.action == SIGN_OFF]
    assert [(e.officer_id, e.record_id) for e in events] == [(principal, application.id)]


def test_a_signed_off_decision_cannot_change(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    application = _decided(db, officer.id, case_id)
    sign_off_decision(
        db,
        officer_id=_principal(db, officer.id),
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    changed = {**_opened(), Inquiry.PRIORITY_NEED.value: Finding.NO}
    with pytest.raises(StorageError, match="signed off"):
        save_decision_form(
            db, officer_id=officer.id, case_id=case_id, steps={"application": changed}
        )


def test_notified_needs_the_letter_for_the_outcome(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    application = _decided(db, officer.id, case_id)
    notified = {"notified": {"notified_on": date(2026, 11, 24)}}
    with pytest.raises(StorageError, match="sign"):
        save_decision_form(db, officer_id=officer.id, case_id=case_id, steps=notified)
    sign_off_decision(
        db,
        officer_id=_principal(db, officer.id),
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    with pytest.raises(StorageError, match="letter"):
        save_decision_form(db, officer_id=officer.id, case_id=case_id, steps=notified)
    letter = {
        "officer_id": officer.id,
        "case_id": case_id,
        "document": RenderedDocument(b"PK", "text"),
        "issued_on": date(2026, 11, 23),
        "file_name": "x.docx",
    }
    with pytest.raises(StorageError, match="not for the decision made"):
        save_document(db, kind="decision_not_homeless", **letter)
    save_document(db, kind="decision_main_duty", **letter)
    save_decision_form(db, officer_id=officer.id, case_id=case_id, steps=notified)
    saved = load_application(db, case_id)
    assert saved is not None and saved.letter_on == date(2026, 11, 23)
    assert saved.notified_on == date(2026, 11, 24) and saved.stage == "main duty"


def test_the_due_list_reads_the_recorded_application_not_the_relief_duty(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.RELIEF,
        started_on=date(2026, 11, 16),
    )
    (case,) = cases_for_due(db, officer_id=None)
    keys = [d.key for d in case_due(case, today=date(2026, 11, 23), policy=POLICY)]
    assert "decision" not in keys  # no application yet: nothing to decide
    save_decision_form(db, officer_id=officer.id, case_id=case_id, steps={"application": _opened()})
    (case,) = cases_for_due(db, officer_id=None)
    decision = [
        d for d in case_due(case, today=date(2026, 11, 23), policy=POLICY) if d.key == "decision"
    ]
    # Fri 20 Nov 2026: 33 working days, none a holiday before 25 Dec: 23-27 Nov (1-5),
    # 30 Nov-4 Dec (6-10), 7-11 (11-15), 14-18 (16-20), 21-24 Dec (21-24), 25 and 28 Dec
    # holidays, 29-31 Dec (25-27), 1 Jan holiday, 4-8 Jan (28-32), Mon 11 Jan 2027 (33).
    assert [d.due for d in decision] == [date(2027, 1, 11)]


def test_the_application_syncs_like_every_case_record() -> None:
    from storage.sync.merge import synced_tables

    assert "homelessness_application" in synced_tables()


def test_a_notified_adverse_decision_puts_the_review_dates_on_the_due_list(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    opened = {**_opened(), Inquiry.PRIORITY_NEED.value: Finding.NO}
    save_decision_form(
        db,
        officer_id=officer.id,
        case_id=case_id,
        steps={
            "application": opened,
            "minded_to": {
                "minded_to_outcome": Outcome.NO_PRIORITY_NEED,
                "minded_to_told_on": date(2026, 11, 20),
                "minded_to_reply": "Nothing to add",
                "reasons": "Not vulnerable.",
            },
            "decision": {
                "outcome": Outcome.NO_PRIORITY_NEED,
                "outcome_reason": None,
                "reasons": "Not vulnerable.",
                "decided_on": date(2026, 11, 23),
            },
        },
    )
    application = load_application(db, case_id)
    assert application is not None
    sign_off_decision(
        db,
        officer_id=_principal(db, officer.id),
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    save_document(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind="decision_no_priority_need",
        document=RenderedDocument(b"PK", "text"),
        issued_on=date(2026, 11, 23),
        file_name="x.docx",
    )
    save_decision_form(
        db,
        officer_id=officer.id,
        case_id=case_id,
        steps={"notified": {"notified_on": date(2026, 11, 24)}},
    )

    def due() -> dict[str, date]:
        (case,) = cases_for_due(db, officer_id=None)
        return {
            d.what.split(" of ")[0]: d.due
            for d in case_due(case, today=date(2026, 11, 24), policy=POLICY)
            if "review" in d.what.lower() or d.key == "decision"
        }

    # Notified Tue 24 Nov 2026: the 21 days beginning that day end Mon 14 Dec 2026; the
    # decision itself is no longer due.
    assert due() == {"Last day to ask for a review": date(2026, 12, 14)}
    save_decision_form(
        db,
        officer_id=officer.id,
        case_id=case_id,
        steps={
            "review": {
                "review_requested_on": date(2026, 11, 30),
                "review_outcome": None,
                "review_decided_on": None,
            }
        },
    )
    # Asked Mon 30 Nov 2026: 8 weeks beginning that day end Sun 24 Jan 2027.
    assert due() == {"Review decision (s.202) on the request": date(2027, 1, 24)}
