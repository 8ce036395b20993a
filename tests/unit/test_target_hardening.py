"""Target hardening (issue 17 item 6): the £1,000 cost rule to the penny, the works due 5
working days after the referral across bank holidays, late works in the due list, a principal's
approval (and an officer's refusal) audited, and the works as one prevention step with its
H-CLIC activity. Real SQLite files; every expected value worked out by hand from the rule."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from housing_tui.calendar.deadlines import CaseDates, DeadlineKind, case_deadlines, due_status
from housing_tui.calendar.due import case_due
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.duties import DutyKind
from housing_tui.prevention.catalogue import load_catalogue
from housing_tui.prevention.target_hardening import (
    Agreement,
    Approval,
    TargetHardening,
    Work,
    approved_for,
    over_limit,
    plan_step,
    read_target_hardening,
    referral_met,
    refusal,
    working_days_late,
    works_due_on,
)
from housing_tui.reference.policy import PolicyError, load_policy
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.interviews import save_answer
from storage.plans import add_actions, load_plan, start_duty
from storage.tables import AuditEvent, Case, CaseAction, Client, Officer, new_id
from storage.tables import TargetHardening as TargetHardeningRow
from storage.target_hardening import (
    approve_over_limit,
    load_target_hardening,
    save_target_hardening,
)

POLICY = load_policy()
OPTION = load_catalogue(policy=POLICY)["target_hardening"]
CHRISTMAS_REFERRAL = date(2026, 12, 23)
"""Wed 23 Dec 2026. Working days after it: Thu 24 = 1; Fri 25 (Christmas Day), Mon 28 (Boxing
Day's substitute) and Fri 1 Jan (New Year's Day) are bank holidays; Tue 29, Wed 30, Thu 31 =
2-4; Mon 4 Jan 2027 = 5."""
CHRISTMAS_DUE = date(2027, 1, 4)


def _form(**changes: str) -> dict[str, str]:
    return {
        "referred_on": "23/12/2026",
        "checked_on": "24/12/2026",
        "checked_by": "Sam Surveyor",
        "agreement": "given",
        "agreement_on": "24/12/2026",
        "works": "Door chain and London bar: 85.50\nWindow locks: 120",
        "ordered_on": "",
        "completed_on": "",
        **changes,
    }


def _read(approval: Approval | None = None, **changes: str):
    return read_target_hardening(
        _form(**changes), today=date(2027, 1, 8), policy=POLICY, approval=approval
    )


# --- the cost rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cost", "needs_approval"),
    [("999.99", False), ("1000.00", False), ("1000.01", True)],
)
def test_works_up_to_the_limit_go_ahead_and_a_penny_more_needs_approval(
    cost: str, needs_approval: bool
) -> None:
    # Seed 001: "up to the cost of £1000"; more needs the principal (Jo Brooks).
    assert over_limit(Decimal(cost), POLICY) is needs_approval
    reading = _read(works=f"Steel door: {cost}", ordered_on="28/12/2026")
    assert reading.total == Decimal(cost)
    if needs_approval:
        assert reading.record is None
        assert reading.errors["ordered_on"].startswith("The works come to £1,000.01, over the")
        assert "a principal officer must approve them" in reading.errors["ordered_on"]
    else:
        assert reading.errors == {}
        assert reading.record is not None and reading.record.total == Decimal(cost)


def test_a_council_sets_its_own_limit_in_the_policy_file(tmp_path) -> None:
    (tmp_path / "policy.toml").write_text('[target_hardening]\ncost_limit = "750.00"\n', "utf-8")
    council = load_policy(tmp_path)
    assert council.target_hardening.cost_limit == Decimal("750.00")
    assert not over_limit(Decimal("750.00"), council)
    assert over_limit(Decimal("750.01"), council)
    (tmp_path / "policy.toml").write_text('[target_hardening]\ncost_limit = "-1"\n', "utf-8")
    with pytest.raises(PolicyError, match="target_hardening.cost_limit"):
        load_policy(tmp_path)


def test_over_the_limit_may_be_recorded_but_not_ordered_or_completed_until_approved() -> None:
    works = "Steel door: 900\nAlarm: 100.01"  # £1,000.01
    assert _read(works=works).errors == {}  # referred and checked: not yet going ahead
    refused = _read(works=works, ordered_on="28/12/2026", completed_on="29/12/2026")
    assert set(refused.errors) == {"ordered_on", "completed_on"}
    approval = Approval("Pat Principal", datetime(2026, 12, 24, 9, tzinfo=UTC), Decimal("1000.01"))
    assert _read(approval, works=works, ordered_on="28/12/2026").errors == {}
    # Approved for £1,000.01: works that then come to more need approving again.
    more = _read(approval, works=works + "\nSpy hole: 10", ordered_on="28/12/2026")
    assert "£1,010.01" in more.errors["ordered_on"]
    assert approved_for(Decimal("1000.01"), approval, POLICY)
    assert not approved_for(Decimal("1000.02"), approval, POLICY)


def test_the_form_says_what_is_wrong_beside_each_field() -> None:
    reading = _read(
        referred_on="",
        works="Door chain and London bar: 85.505\nnothing here",
        agreement="refused",
        agreement_on="",
        completed_on="28/12/2026",
    )
    assert (
        reading.errors["referred_on"] == "Give the day of the referral: the works are due from it."
    )
    assert reading.errors["works"].startswith("Line 1 (Door chain and London bar): Pounds and")
    assert reading.errors["agreement_on"] == "Give the day the landlord answered."
    assert reading.errors["ordered_on"].startswith("Give the day the works were ordered")
    assert _read(completed_on="22/12/2026", ordered_on="22/12/2026").errors["completed_on"] == (
        "Completing the works cannot come before the referral (23/12/2026)."
    )
    refused = _read(agreement="refused", ordered_on="28/12/2026")
    assert "works go ahead only with it given" in refused.errors["ordered_on"]


# --- the due date --------------------------------------------------------------------------------


def test_works_due_5_working_days_after_the_referral_across_christmas() -> None:
    assert works_due_on(CHRISTMAS_REFERRAL, POLICY) == CHRISTMAS_DUE
    # Easter 2027: Wed 24 Mar; Thu 25 = 1; Good Friday 26 and Easter Monday 29 off; 30, 31 Mar,
    # 1, 2 Apr = 2-5: Fri 2 Apr 2027.
    assert works_due_on(date(2027, 3, 24), POLICY) == date(2027, 4, 2)


def test_the_works_are_due_on_the_case_until_completed_and_flagged_when_late() -> None:
    dates = CaseDates(target_hardening_referred_on=CHRISTMAS_REFERRAL)
    [works] = case_deadlines(dates, today=date(2027, 1, 5), policy=POLICY)
    assert works.what == "Target-hardening works completed (referred Wed 23 Dec 2026)"
    assert works.due == CHRISTMAS_DUE
    assert works.kind is DeadlineKind.LOCAL_TARGET
    assert works.rule == (
        "Council target: target-hardening works within 5 working days of the referral"
    )
    assert due_status(works, date(2027, 1, 4)) == "due today"
    assert due_status(works, date(2027, 1, 5)) == "overdue"
    done = CaseDates(
        target_hardening_referred_on=CHRISTMAS_REFERRAL,
        target_hardening_completed_on=date(2027, 1, 4),
    )
    assert case_deadlines(done, today=date(2027, 1, 5), policy=POLICY) == []


def test_working_days_late() -> None:
    record = TargetHardening(referred_on=CHRISTMAS_REFERRAL)
    assert working_days_late(record, today=CHRISTMAS_DUE, policy=POLICY) == 0
    assert working_days_late(record, today=date(2027, 1, 5), policy=POLICY) == 1
    # Completed Wed 6 Jan 2027: Tue 5 and Wed 6 after the due Mon 4 Jan.
    completed = TargetHardening(referred_on=CHRISTMAS_REFERRAL, completed_on=date(2027, 1, 6))
    assert working_days_late(completed, today=date(2027, 2, 1), policy=POLICY) == 2


def test_only_a_domestic_abuse_case_has_target_hardening() -> None:
    assert refusal(InterviewFacts(domestic_abuse=True)) is None
    said = refusal(InterviewFacts())
    assert said is not None and said.startswith("Target hardening is for domestic abuse cases")


# --- storage: the plan step, the due list, the approval ------------------------------------------


def _case(db, officer_id: str) -> str:
    """Approached Mon 21 Dec 2026, a victim of domestic abuse who wants to stay: the interview
    asks for the referral within 5 working days (22, 23, 24, 29, 30): Wed 30 Dec 2026."""
    with db.writing(officer_id) as session:
        client = Client(forenames="Jo", surname="Bloggs")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 12, 21, 10, 30, tzinfo=UTC),
            channel="phone",
            urgency="threatened",
            presenting_problem="domestic_abuse",
            domestic_abuse=True,
        )
        session.add(case)
    for key in ("domestic_abuse", "wants_to_stay"):
        save_answer(db, officer_id=officer_id, case_id=case.id, key=key, value="yes")
    return case.id


def _principal(db) -> str:
    principal = Officer(id=new_id(), name="Pat Principal", initials="PP", role="principal")
    with db.writing(principal.id) as session:
        session.add(principal)
    return principal.id


def _save(db, officer_id: str, case_id: str, record: TargetHardening, meets: str | None = None):
    return save_target_hardening(
        db,
        officer_id=officer_id,
        case_id=case_id,
        record=record,
        step=plan_step(record, OPTION),
        policy=POLICY,
        meets=meets,
    )


REFERRED = TargetHardening(
    referred_on=CHRISTMAS_REFERRAL,
    checked_on=date(2026, 12, 24),
    checked_by="Sam Surveyor",
    agreement=Agreement.NOT_NEEDED,
    works=(
        Work("Door chain and London bar", Decimal("85.50")),
        Work("Window locks", Decimal("120")),
    ),
)


def test_the_recorded_referral_replaces_the_interviews_deadline_with_the_works_due(
    db, officer
) -> None:
    case_id = _case(db, officer.id)
    [before] = cases_for_due(db, officer_id=None, case_ids=[case_id])
    asked = case_due(before, today=date(2026, 12, 21), policy=POLICY)
    referral = next(d for d in asked if d.key == "target_hardening")
    assert referral.due == date(2026, 12, 30)
    assert referral_met(asked) == "target_hardening@2026-12-30"

    _save(db, officer.id, case_id, REFERRED, meets=referral_met(asked))
    [after] = cases_for_due(db, officer_id=None, case_ids=[case_id])
    due = case_due(after, today=date(2027, 1, 5), policy=POLICY)
    hardening = [d for d in due if "arget-hardening" in d.what or "arget hardening" in d.what]
    # One deadline for the works, from the referral: not the referral's, nor the plan step's.
    assert [(d.what, d.due) for d in hardening] == [
        ("Target-hardening works completed (referred Wed 23 Dec 2026)", CHRISTMAS_DUE)
    ]
    assert due_status(hardening[0], date(2027, 1, 5)) == "overdue"

    completed = replace(REFERRED, ordered_on=date(2026, 12, 29), completed_on=date(2027, 1, 4))
    _save(db, officer.id, case_id, completed)
    [done] = cases_for_due(db, officer_id=None, case_ids=[case_id])
    assert not [
        d for d in case_due(done, today=date(2027, 1, 5), policy=POLICY) if "arget" in d.what
    ]


def test_target_hardening_is_one_prevention_step_with_its_hclic_activity(db, officer) -> None:
    case_id = _case(db, officer.id)
    start_duty(
        db,
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 12, 21),
    )
    # The officer chose the option from the catalogue first: recording the works takes that
    # step over rather than adding a second one.
    add_actions(
        db,
        officer_id=officer.id,
        case_id=case_id,
        actions=[{**plan_step(REFERRED, OPTION), "status": "agreed", "due_on": date(2026, 12, 29)}],
    )
    _save(db, officer.id, case_id, REFERRED)
    completed = replace(REFERRED, ordered_on=date(2026, 12, 29), completed_on=date(2027, 1, 4))
    _save(db, officer.id, case_id, completed)
    with db.reading() as session:
        steps = session.exec(select(CaseAction).where(CaseAction.case_id == case_id)).all()
        case_ = session.get(Case, case_id)
    assert [(s.option_key, s.status, s.outcome, s.outcome_on, s.due_on) for s in steps] == [
        ("target_hardening", "succeeded", "stayed", date(2027, 1, 4), None)
    ]
    assert steps[0].prevention_activity == OPTION.prevention_activity == "other"
    assert steps[0].relief_activity == "other"
    # The statutory return counts the case once: prevented, staying at home, "other" activity.
    assert (case_.secured_outcome, case_.secured_on, case_.secured_duty, case_.main_activity) == (
        "stayed",
        date(2027, 1, 4),
        "prevention",
        "other",
    )
    secured = load_plan(db, case_id).secured
    assert secured is not None and secured.action_title == "Target hardening (sanctuary scheme)"


def test_an_officer_cannot_approve_and_a_principals_approval_is_recorded_and_audited(
    db, officer
) -> None:
    case_id = _case(db, officer.id)
    costly = TargetHardening(
        referred_on=CHRISTMAS_REFERRAL,
        agreement=Agreement.GIVEN,
        agreement_on=date(2026, 12, 23),
        works=(Work("Steel door", Decimal("900.00")), Work("Alarm", Decimal("100.01"))),
    )
    _save(db, officer.id, case_id, costly)
    ordered = replace(costly, ordered_on=date(2026, 12, 24))
    with pytest.raises(StorageError, match="over the £1,000.00 limit"):
        _save(db, officer.id, case_id, ordered)

    with pytest.raises(StorageError) as refused:
        approve_over_limit(db, officer_id=officer.id, case_id=case_id, policy=POLICY)
    assert str(refused.value) == (
        "Only a principal officer may approve target hardening costing more than the limit. "
        "You are signed in as an officer: ask one."
    )
    with db.reading() as session:
        row = session.exec(select(TargetHardeningRow)).one()
        assert (row.approved_by, row.approved_at, row.approved_total) == (None, None, None)

    principal = _principal(db)
    approved = approve_over_limit(db, officer_id=principal, case_id=case_id, policy=POLICY)
    assert approved.approval is not None
    assert approved.approval.by == "Pat Principal"
    assert approved.approval.total == Decimal("1000.01")
    assert approved.approval.at == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # the clock's
    with db.reading() as session:
        row = session.exec(select(TargetHardeningRow)).one()
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.table_name == "target_hardening", AuditEvent.officer_id == principal
            )
        ).all()
    assert row.approved_by == principal
    [event] = events
    changes = json.loads(event.changes)
    assert changes["approved_by"] == [None, principal]
    assert changes["approved_total"] == [None, "1000.01"]
    assert changes["approved_at"] == [None, "2026-11-23T10:30:00+00:00"]

    _save(db, officer.id, case_id, ordered)  # now the works may be ordered
    assert load_target_hardening(db, case_id).ordered_on == date(2026, 12, 24)
