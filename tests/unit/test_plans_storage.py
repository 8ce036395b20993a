"""The plan's storage on real SQLite files: actions, duties, the case's record of what was
secured, documents with their files, and the due list read from all of them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from housing_tui.casework.duties import DutyKind
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.prevention.actions import ActionOwner, ActionStatus, Outcome
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.interviews import save_answer
from storage.plans import (
    add_actions,
    end_duty,
    load_plan,
    next_version,
    save_document,
    start_duty,
    update_action,
)
from storage.tables import AuditEvent, Case, CaseDocument, Client

APPROACHED = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)  # Mon 2 Nov 2026


def _case(db, officer_id: str, **more) -> str:
    with db.writing(officer_id) as session:
        client = Client(forenames="Jo", surname="Bloggs")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=APPROACHED,
            channel="phone",
            urgency="threatened",
            presenting_problem="family_friends",
            **more,
        )
        session.add(case)
    return case.id


def _mediation(**more) -> dict:
    return {
        "title": "Family mediation",
        "owner": ActionOwner.COUNCIL,
        "due_on": date(2026, 11, 30),
        "status": ActionStatus.AGREED,
        "option_key": "family_mediation",
        "prevention_activity": "mediation_family_friends",
        "relief_activity": "other",
        **more,
    }


def _case_row(db, case_id: str) -> Case:
    with db.reading() as session:
        found = session.get(Case, case_id)
        assert found is not None
        return found


def test_actions_are_saved_in_order_and_audited(db, officer) -> None:
    case_id = _case(db, officer.id)
    ids = add_actions(
        db,
        officer_id=officer.id,
        case_id=case_id,
        actions=[_mediation(), _mediation(title="Ask family to write", owner="applicant")],
    )
    plan = load_plan(db, case_id)
    assert [action.id for action in plan.actions] == ids
    assert plan.actions[1].owner is ActionOwner.APPLICANT
    assert plan.actions[0].prevention_activity == "mediation_family_friends"
    with db.reading() as session:
        audited = session.exec(select(AuditEvent.record_id).where(AuditEvent.action == "create"))
        assert set(ids) <= set(audited)


def test_a_success_with_a_secured_outcome_counts_the_case_as_prevented(db, officer) -> None:
    case_id = _case(db, officer.id)
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 2),
    )
    [mediation, deposit] = add_actions(
        db,
        officer_id=officer.id,
        case_id=case_id,
        actions=[_mediation(), _mediation(title="Rent deposit", option_key="rent_deposit")],
    )
    update_action(
        db, officer_id=officer.id, action_id=deposit, values={"status": ActionStatus.FAILED}
    )
    assert _case_row(db, case_id).secured_outcome is None
    update_action(
        db,
        officer_id=officer.id,
        action_id=mediation,
        values={
            "status": ActionStatus.SUCCEEDED,
            "outcome": Outcome.STAYED,
            "outcome_on": date(2026, 11, 20),
        },
    )
    case = _case_row(db, case_id)
    assert (case.secured_outcome, case.secured_on) == ("stayed", date(2026, 11, 20))
    assert (case.secured_duty, case.main_activity) == ("prevention", "mediation_family_friends")
    # Taking the success back takes the prevention back too.
    update_action(
        db,
        officer_id=officer.id,
        action_id=mediation,
        values={"status": ActionStatus.IN_PROGRESS, "outcome": None, "outcome_on": None},
    )
    assert _case_row(db, case_id).secured_outcome is None


def test_an_unchanged_action_writes_nothing(db, officer) -> None:
    case_id = _case(db, officer.id)
    [action] = add_actions(db, officer_id=officer.id, case_id=case_id, actions=[_mediation()])
    assert not update_action(
        db, officer_id=officer.id, action_id=action, values={"title": "Family mediation"}
    )


def test_relief_starting_ends_the_prevention_duty_in_the_same_transaction(db, officer) -> None:
    case_id = _case(db, officer.id)
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 2),
    )
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.RELIEF,
        started_on=date(2026, 11, 16),
    )
    prevention, relief = load_plan(db, case_id).duties
    assert (prevention.ended_on, prevention.end_reason) == (date(2026, 11, 16), "homeless")
    assert relief.kind is DutyKind.RELIEF and relief.is_open


def test_ending_a_duty_twice_is_refused(db, officer) -> None:
    case_id = _case(db, officer.id)
    duty = start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 2),
    )
    end_duty(
        db,
        officer_id=officer.id,
        duty_id=duty,
        ended_on=date(2026, 11, 20),
        end_reason="contact_lost",
    )
    with pytest.raises(StorageError, match="already ended"):
        end_duty(
            db,
            officer_id=officer.id,
            duty_id=duty,
            ended_on=date(2026, 11, 21),
            end_reason="contact_lost",
        )


def test_plan_versions_keep_every_issue(db, officer) -> None:
    case_id = _case(db, officer.id)
    for version, body in ((1, "First plan"), (2, "Second plan")):
        assert next_version(db, case_id, "personal_housing_plan") == version
        save_document(
            db,
            officer_id=officer.id,
            case_id=case_id,
            kind="personal_housing_plan",
            document=RenderedDocument(b"PK", body),
            issued_on=date(2026, 11, 23),
            review_on=date(2026, 12, 21),
            file_name="plan.md",
            version=version,
        )
    plans = load_plan(db, case_id).plans
    assert [(doc.plan_version, doc.body) for doc in plans] == [
        (2, "Second plan"),
        (1, "First plan"),
    ]


def test_a_plan_issued_meanwhile_is_not_numbered_twice(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    common = dict(
        officer_id=officer.id,
        case_id=case_id,
        kind="personal_housing_plan",
        issued_on=date(2026, 11, 23),
        file_name="plan.md",
    )
    save_document(db, document=RenderedDocument(b"PK", "One"), version=1, **common)
    with pytest.raises(StorageError, match="issued meanwhile"):
        save_document(db, document=RenderedDocument(b"PK", "Also one"), version=1, **common)
    assert [doc.body for doc in load_plan(db, case_id).plans] == ["One"]


def test_a_duty_letter_is_recorded_on_the_duty(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    duty = start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 2),
    )
    with pytest.raises(StorageError, match="has not ended"):
        save_document(
            db,
            officer_id=officer.id,
            case_id=case_id,
            kind="prevention_end",
            document=RenderedDocument(b"PK", "x"),
            issued_on=date(2026, 11, 23),
            file_name="end.md",
            duty_id=duty,
        )
    save_document(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind="prevention_start",
        document=RenderedDocument(b"PK", "Dear Jo"),
        issued_on=date(2026, 11, 3),
        file_name="start.md",
        duty_id=duty,
    )
    [recorded] = load_plan(db, case_id).duties
    assert recorded.start_letter_on == date(2026, 11, 3)
    with db.reading() as session:
        [doc] = session.exec(select(CaseDocument)).all()
        assert (doc.kind, doc.plan_version, doc.duty_id) == ("prevention_start", 1, duty)


def test_due_inputs_come_from_triage_interview_duties_and_plan(db, officer, tmp_path) -> None:
    case_id = _case(db, officer.id, children=2)
    other = _case(db, officer.id)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="hearing_on", value="2026-12-01")
    save_answer(
        db, officer_id=officer.id, case_id=case_id, key="leaves_institution_on", value="2026-12-14"
    )
    save_answer(db, officer_id=officer.id, case_id=case_id, key="domestic_abuse", value="yes")
    save_answer(db, officer_id=officer.id, case_id=case_id, key="wants_to_stay", value="yes")
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 2),
    )
    add_actions(db, officer_id=officer.id, case_id=case_id, actions=[_mediation()])
    save_document(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind="personal_housing_plan",
        document=RenderedDocument(b"PK", "Plan"),
        issued_on=date(2026, 11, 9),
        file_name="plan.md",
    )
    found = {case.case_id: case for case in cases_for_due(db, officer_id=officer.id)}
    assert set(found) == {case_id, other}
    dates = found[case_id].dates
    assert dates.approached_on == date(2026, 11, 2)
    assert dates.hearing_on == date(2026, 12, 1)
    assert dates.discharge_or_release_on == date(2026, 12, 14)
    # Triage's two children count until the interview records the household.
    assert dates.household_has_children_or_pregnancy
    facts = found[case_id].facts
    assert facts.domestic_abuse and facts.wants_to_stay
    assert facts.prevention_duty_from == date(2026, 11, 2)
    assert dates.prevention_duty_from == date(2026, 11, 2)
    assert dates.php_issued_on == date(2026, 11, 9)
    assert [action.title for action in found[case_id].actions] == ["Family mediation"]
    assert found[other].dates.prevention_duty_from is None
    # Only the chosen cases, when asked for some.
    assert [c.case_id for c in cases_for_due(db, officer_id=None, case_ids=[other])] == [other]


def test_last_activity_is_the_latest_thing_recorded_on_the_case(db, officer) -> None:
    case_id = _case(db, officer.id)
    # Back-date the case row, as if nothing had happened since the approach on 2 Nov (plain
    # SQL: the write path would stamp it with now).
    with db.engine.begin() as connection:
        connection.execute(
            Case.__table__.update().where(Case.id == case_id).values(updated_at=APPROACHED)
        )
    [before] = cases_for_due(db, officer_id=officer.id)
    assert before.dates.last_activity_on == date(2026, 11, 2)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="hearing_on", value="2026-12-01")
    [after] = cases_for_due(db, officer_id=officer.id)
    assert after.dates.last_activity_on > date(2026, 11, 2)


def test_a_deadline_met_is_read_back_for_the_due_list(db, officer) -> None:
    from storage.plans import record_deadline_met

    case_id = _case(db, officer.id, aged_16_17=True)
    record_deadline_met(
        db,
        officer_id=officer.id,
        case_id=case_id,
        deadline="social_care_referral@2026-11-02",
        met_on=date(2026, 11, 2),
    )
    [case] = cases_for_due(db, officer_id=officer.id)
    assert case.met == frozenset({"social_care_referral@2026-11-02"})
    with pytest.raises(ValueError):
        record_deadline_met(
            db, officer_id=officer.id, case_id=case_id, deadline="", met_on=date(2026, 11, 2)
        )


def test_each_plan_version_keeps_its_own_docx_and_a_copy_is_that_docx(
    db, officer, tmp_path: Path
) -> None:
    import hashlib
    import io
    import json

    import docx

    from housing_tui.documents.rendering import PlanContent, load_templates, render_plan
    from housing_tui.reference.policy import load_policy
    from storage.document_copies import write_document_copy

    case_id = _case(db, officer.id)
    issued = []
    for version in (1, 2):
        plan = render_plan(
            PlanContent(
                client_name="Jo Bloggs",
                client_address="1 Mill Lane",
                case_ref="HOU-1",
                officer_name="Olu Officer",
                issued_on=date(2026, 11, 23),
                review_on=date(2026, 12, 21),
                version=version,
            ),
            council=load_policy().council,
            templates=load_templates(),
        )
        issued.append(plan)
        save_document(
            db,
            officer_id=officer.id,
            case_id=case_id,
            kind="personal_housing_plan",
            document=plan,
            issued_on=date(2026, 11, 23),
            review_on=date(2026, 12, 21),
            file_name=f"plan-v{version}.docx",
            version=version,
        )
    with db.reading() as session:
        rows = session.exec(select(CaseDocument).order_by(CaseDocument.plan_version)).all()
        kept = [(row.plan_version, row.docx, row.body) for row in rows]
        created = session.exec(
            select(AuditEvent).where(
                AuditEvent.table_name == "case_document", AuditEvent.action == "create"
            )
        ).all()
    # Version 1 is as it was issued, beside version 2: nothing is overwritten.
    assert kept == [(1, issued[0].docx, issued[0].text), (2, issued[1].docx, issued[1].text)]
    for number, (_, data, _) in enumerate(kept, start=1):
        words = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        assert any(text.startswith(f"Version {number}, issued") for text in words)
    # The audit trail says which .docx was issued, not the whole file again.
    recorded = sorted(json.loads(event.changes)["docx"][1] for event in created)
    assert recorded == sorted(
        f"{len(plan.docx):,} bytes, sha256 {hashlib.sha256(plan.docx).hexdigest()}"
        for plan in issued
    )

    copy = tmp_path / "out" / "plan.docx"
    first = load_plan(db, case_id).plans[-1]
    assert write_document_copy(
        db, officer_id=officer.id, document_id=first.id, path=copy, data_dir=tmp_path / "data"
    )
    assert copy.read_bytes() == issued[0].docx
