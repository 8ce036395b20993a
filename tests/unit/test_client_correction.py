"""Correcting a client's details after triage: what follows a corrected date of birth (16/17
on the day of approach, priority need, the bedrooms the household needs), worked from
Mon 23 Nov 2026."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlmodel import select

from housing_tui.casework.assessment.facts import Answer
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.casework.clients import ClientDraft
from housing_tui.money.benefits import household_entitlement
from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy import load_policy
from storage.case_file import load_case_file
from storage.clients import correct_client
from storage.interviews import load_interview, save_answer
from storage.tables import AuditEvent, Case, Client
from tests.unit.conftest import TODAY


def _client_with_a_case(db, officer_id: str, born: date, *, aged_16_17: bool) -> tuple[str, str]:
    with db.writing(officer_id) as session:
        client = Client(forenames="Sam", surname="Carter", date_of_birth=born)
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="family_friends",
            aged_16_17=aged_16_17,
        )
        session.add(case)
    return client.id, case.id


def _draft(born: date, **more) -> ClientDraft:
    return ClientDraft(forenames="Sam", surname="Carter", date_of_birth=born, **more)


def test_a_corrected_date_of_birth_is_what_16_17_and_priority_need_follow(db, officer) -> None:
    # Typed at triage as 12/06/2009 (17 on 16 Nov 2026: priority need, s.189(1) and the 2002
    # Order); really 12/06/1990 (36): no automatic priority need from age.
    client_id, case_id = _client_with_a_case(db, officer.id, date(2009, 6, 12), aged_16_17=True)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="aged_16_17", value="yes")
    before = load_case_file(db, case_id).facts
    assert before.is_16_or_17(TODAY)
    assert priority_need(before, today=TODAY).answer is Answer.YES

    assert correct_client(
        db, officer_id=officer.id, client_id=client_id, corrected=_draft(date(1990, 6, 12))
    )

    after = load_case_file(db, case_id).facts
    assert after.applicant_age(TODAY) == 36
    assert not after.is_16_or_17(TODAY)
    assert priority_need(after, today=TODAY).answer is not Answer.YES
    with db.reading() as session:
        assert not session.get(Case, case_id).aged_16_17
    # The interview's own 16/17 answer (asked when there is no date of birth) follows too.
    assert load_interview(db, case_id).answers["aged_16_17"] == "no"


def test_a_date_of_birth_corrected_to_17_makes_the_case_16_17(db, officer) -> None:
    # Typed as 1990; really born 12/06/2009: 17 on the day of approach, 16 Nov 2026.
    client_id, case_id = _client_with_a_case(db, officer.id, date(1990, 6, 12), aged_16_17=False)
    correct_client(
        db, officer_id=officer.id, client_id=client_id, corrected=_draft(date(2009, 6, 12))
    )
    with db.reading() as session:
        assert session.get(Case, case_id).aged_16_17
    assert load_case_file(db, case_id).facts.is_16_or_17(TODAY)


def test_the_bedrooms_follow_a_corrected_date_of_birth(db, officer) -> None:
    # A single person under 35 gets the shared accommodation rate (no exemption recorded);
    # born 1 Jan 1995 they are 31 on 23 Nov 2026; corrected to 1 Jan 1985 they are 41: the
    # one-bedroom rate.
    client_id, case_id = _client_with_a_case(db, officer.id, date(1995, 1, 1), aged_16_17=False)
    policy = load_policy()
    before, _ = household_entitlement(load_case_file(db, case_id).facts, TODAY, policy)
    assert before.category is LhaCategory.SHARED
    correct_client(
        db, officer_id=officer.id, client_id=client_id, corrected=_draft(date(1985, 1, 1))
    )
    after, _ = household_entitlement(load_case_file(db, case_id).facts, TODAY, policy)
    assert after.category is LhaCategory.ONE_BEDROOM


def test_a_correction_is_audited_field_by_field_and_nothing_changed_writes_nothing(
    db, officer
) -> None:
    client_id, case_id = _client_with_a_case(db, officer.id, date(1990, 6, 12), aged_16_17=False)
    corrected = _draft(date(1990, 6, 12), ni_number="AB123456C", phone="07700 900123")
    assert correct_client(db, officer_id=officer.id, client_id=client_id, corrected=corrected)
    assert not correct_client(db, officer_id=officer.id, client_id=client_id, corrected=corrected)
    with db.reading() as session:
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.record_id == client_id, AuditEvent.action == "update"
            )
        ).all()
        case_events = session.exec(
            select(AuditEvent).where(AuditEvent.record_id == case_id, AuditEvent.action == "update")
        ).all()
    [event] = events
    assert event.officer_id == officer.id
    assert json.loads(event.changes) == {
        "ni_number": [None, "AB123456C"],
        "phone": [None, "07700 900123"],
    }
    assert case_events == []  # the date of birth did not change: the case is not touched
