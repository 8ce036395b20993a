"""The end of the main housing duty in a real SQLite database: the row, its audit event, the
case's status leaving "main duty" in the same transaction, a recorded end that cannot change,
its letter before "notified", the review window on the due list, and the end travelling to a
second laptop through a real team folder (and a forged reason refused there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from housing_tui.calendar.due import case_due
from housing_tui.casework.decisions.outcomes import Finding, Inquiry, Outcome, ReviewOutcome
from housing_tui.documents.rendering import MAIN_DUTY_ENDED, RenderedDocument
from housing_tui.reference.policy import load_policy
from storage.audit import audit_for_client
from storage.decisions import (
    MAIN_DUTY_END,
    load_application,
    record_main_duty_end,
    save_decision_form,
    sign_off_decision,
)
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.plans import save_document
from storage.tables import Case, HomelessnessApplication
from tests.ui.helpers import laptop, open_db, signed_in
from tests.unit.sync.test_forged_batches import _sync
from tests.unit.sync.test_forged_codes import _publish
from tests.unit.test_decisions_storage import _case, _opened, _principal
from tests.unit.test_main_duty_status import _notified_main_duty, _status

POLICY = load_policy()

ENDED = {
    "main_duty_ended_on": date(2027, 3, 1),
    "main_duty_end_reason": "part6_accepted",
    "main_duty_end_note": "They accepted the tenancy of 4 Elm Road.",
    "main_duty_end_notified_on": None,
}


def _letter(db, officer_id: str, case_id: str, issued_on: date) -> None:
    save_document(
        db,
        officer_id=officer_id,
        case_id=case_id,
        kind=MAIN_DUTY_ENDED,
        document=RenderedDocument(b"PK", "text"),
        issued_on=issued_on,
        file_name="end.docx",
    )


def _due(db, today: date) -> dict[str, date]:
    (case,) = cases_for_due(db, officer_id=None)
    return {
        d.what: d.due
        for d in case_due(case, today=today, policy=POLICY)
        if "main duty" in d.what.lower()
    }


def test_ending_the_main_duty_saves_the_row_the_audit_event_and_the_status(db, officer) -> None:
    case_id = _notified_main_duty(db, officer.id)
    with db.reading() as session:
        client_id = session.get(Case, case_id).client_id  # type: ignore[union-attr]
    record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=ENDED)

    saved = load_application(db, case_id)
    assert saved is not None
    assert (saved.main_duty_ended_on, saved.main_duty_end_reason, saved.main_duty_end_note) == (
        date(2027, 3, 1),
        "part6_accepted",
        "They accepted the tenancy of 4 Elm Road.",
    )
    assert not saved.main_duty_owed and saved.stage == "main duty ended"
    # The duty is over: the case is open again, for the officer to close once the letter has
    # gone and the review window has run.
    assert _status(db, case_id) == "open"
    events = [e for e in audit_for_client(db, client_id) if e.action == MAIN_DUTY_END]
    assert [(e.officer_id, e.record_id) for e in events] == [(officer.id, saved.id)]


def test_a_recorded_end_cannot_change_and_a_case_not_owed_the_duty_cannot_end_it(
    db, officer
) -> None:
    case_id = _notified_main_duty(db, officer.id)
    record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=ENDED)
    for changed in (
        {**ENDED, "main_duty_end_reason": "prs_offer_refused"},
        {**ENDED, "main_duty_ended_on": date(2027, 3, 2)},
        {**ENDED, "main_duty_end_note": "Something else."},
    ):
        with pytest.raises(StorageError, match="can no longer change"):
            record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=changed)
    assert load_application(db, case_id).main_duty_end_reason == "part6_accepted"  # type: ignore[union-attr]

    _, other = _case(db, officer.id)
    save_decision_form(db, officer_id=officer.id, case_id=other, steps={"application": _opened()})
    with pytest.raises(StorageError, match="not owed"):
        record_main_duty_end(db, officer_id=officer.id, case_id=other, values=ENDED)
    assert load_application(db, other).main_duty_ended_on is None  # type: ignore[union-attr]


def test_the_end_is_notified_only_after_its_letter_then_its_review_window_is_due(
    db, officer
) -> None:
    case_id = _notified_main_duty(db, officer.id)
    with pytest.raises(StorageError, match="Record the end of the main duty"):
        _letter(db, officer.id, case_id, date(2027, 3, 1))
    record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=ENDED)
    # Until they are notified, the letter is what is due, from the day the duty ended.
    assert list(_due(db, date(2027, 3, 1)).values()) == [date(2027, 3, 1)]
    notified = {**ENDED, "main_duty_end_notified_on": date(2027, 3, 3)}
    with pytest.raises(StorageError, match="Produce the letter first"):
        record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=notified)
    _letter(db, officer.id, case_id, date(2027, 3, 2))
    assert load_application(db, case_id).main_duty_end_letter_on == date(2027, 3, 2)  # type: ignore[union-attr]
    record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=notified)
    # Notified Wed 3 Mar 2027: the 21 days beginning that day end Tue 23 Mar 2027.
    assert _due(db, date(2027, 3, 3)) == {
        "Last day to ask for a review of the end of the main duty notified Wed 3 Mar 2027": date(
            2027, 3, 23
        )
    }


def notified_adverse_decision(db, officer_id: str, notified_on: date = date(2026, 11, 24)) -> str:
    """A case whose decision, homeless but not in priority need, was notified on
    `notified_on` after minded to, a principal's sign-off and its letter; returns the case's
    id."""
    _, case_id = _case(db, officer_id)
    opened = {**_opened(), Inquiry.PRIORITY_NEED.value: Finding.NO}
    save_decision_form(
        db,
        officer_id=officer_id,
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
        officer_id=_principal(db, officer_id),
        application_id=application.id,
        signed_on=date(2026, 11, 23),
        security=POLICY.security,
    )
    save_document(
        db,
        officer_id=officer_id,
        case_id=case_id,
        kind="decision_no_priority_need",
        document=RenderedDocument(b"PK", "text"),
        issued_on=date(2026, 11, 23),
        file_name="x.docx",
    )
    save_decision_form(
        db,
        officer_id=officer_id,
        case_id=case_id,
        steps={"notified": {"notified_on": notified_on}},
    )
    return case_id


def test_a_review_overturning_an_adverse_decision_to_the_main_duty_gives_the_status(
    db, officer
) -> None:
    case_id = notified_adverse_decision(db, officer.id)
    assert _status(db, case_id) == "open"
    review = {
        "review_requested_on": date(2026, 11, 30),
        "review_outcome": ReviewOutcome.OVERTURNED_MAIN_DUTY,
        "review_decided_on": date(2027, 1, 11),
    }
    save_decision_form(db, officer_id=officer.id, case_id=case_id, steps={"review": review})
    assert _status(db, case_id) == "main_duty"
    overturned = load_application(db, case_id)
    assert overturned is not None and overturned.main_duty_from == date(2027, 1, 11)
    # The duty owed since the review can end like any other main duty.
    before = {**ENDED, "main_duty_ended_on": date(2027, 1, 10)}
    with pytest.raises(StorageError, match="before the main duty began on 11/01/2027"):
        record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=before)
    record_main_duty_end(db, officer_id=officer.id, case_id=case_id, values=ENDED)
    assert _status(db, case_id) == "open"


def test_the_end_travels_with_the_sync_and_a_forged_reason_is_refused(tmp_path: Path) -> None:
    first = laptop(tmp_path / "a")
    second = laptop(tmp_path / "b", joins=first)
    folder = tmp_path / "team-folder"
    folder.mkdir()
    location = str(folder)
    db = open_db(first)
    case_id = _notified_main_duty(db, signed_in(first).officer_id)
    record_main_duty_end(db, officer_id=signed_in(first).officer_id, case_id=case_id, values=ENDED)
    db.close()
    assert not _sync(first, location).refused
    assert not _sync(second, location).refused
    db = open_db(second)
    arrived = load_application(db, case_id)
    db.close()
    assert arrived is not None
    assert (arrived.main_duty_ended_on, arrived.main_duty_end_reason) == (
        date(2027, 3, 1),
        "part6_accepted",
    )

    _publish(
        location,
        first,
        [("homelessness_application", arrived.id, {"main_duty_end_reason": "got_bored"})],
    )
    summary = _sync(second, location)
    reasons = " | ".join(f"{d.where}: {d.reason}" for d in summary.refused)
    assert "homelessness_application.main_duty_end_reason: 'got_bored' is not one of its codes" in (
        reasons
    ), reasons
    db = open_db(second)
    with db.reading() as session:
        reasons_kept = session.execute(
            sa.select(HomelessnessApplication.main_duty_end_reason)
        ).scalars()
        assert list(reasons_kept) == ["part6_accepted"]
    db.close()
