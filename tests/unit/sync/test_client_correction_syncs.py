"""A client's details corrected after triage on one laptop reach the other through the team
folder, with what follows from the date of birth, and the audit trail on both says who."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlmodel import select

from housing_tui.casework.clients import ClientDraft
from storage.case_file import load_case_file
from storage.clients import correct_client
from storage.tables import AuditEvent, Case, Client
from tests.unit.conftest import TODAY
from tests.unit.sync.laptops import check_converged, sync_until_quiet


def test_a_corrected_date_of_birth_reaches_the_second_laptop(laptops) -> None:
    ann, ben, store, ledger = laptops
    # Ann triages Sam Carter as born 12/06/2009 (17 on 16 Nov 2026), so the case says 16/17.
    with ann.db.writing(ann.officer) as session:
        client = Client(forenames="Sam", surname="Carter", date_of_birth=date(2009, 6, 12))
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=ann.officer,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="family_friends",
            aged_16_17=True,
        )
        session.add(case)
    ledger.changed(client.id)  # the ledger counts clients' and officers' changes
    ledger.type("ann", client.id, "forenames", "Sam")
    ledger.type("ann", client.id, "surname", "Carter")
    sync_until_quiet([ann, ben], store)
    assert load_case_file(ben.db, case.id).facts.is_16_or_17(TODAY)

    # Ann finds he was born 12/06/1990 (36) and corrects it; Ben has typed nothing meanwhile.
    corrected = ClientDraft(forenames="Sam", surname="Carter", date_of_birth=date(1990, 6, 12))
    assert correct_client(ann.db, officer_id=ann.officer, client_id=client.id, corrected=corrected)
    ledger.changed(client.id)
    sync_until_quiet([ann, ben], store)

    with ben.db.reading() as session:
        on_ben = session.get(Client, client.id)
        case_on_ben = session.get(Case, case.id)
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.record_id == client.id, AuditEvent.action == "sync-update"
            )
        ).all()
    assert on_ben.date_of_birth == date(1990, 6, 12)
    assert on_ben.updated_by == ann.officer and on_ben.version == 2
    assert not case_on_ben.aged_16_17
    assert not load_case_file(ben.db, case.id).facts.is_16_or_17(TODAY)
    # Ben's own audit trail records what arrived by sync: Ann's change, old and new date.
    assert [(event.officer_id, json.loads(event.changes)["date_of_birth"]) for event in events] == [
        (ann.officer, ["2009-06-12", "1990-06-12"])
    ]
    check_converged([ann, ben], ledger, store)
