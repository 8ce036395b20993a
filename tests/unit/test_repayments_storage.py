"""Repayment plans on real SQLite files: a plan and its signed agreement saved together or not
at all, payments checked against what is still owed, the status, and the due list showing a
plan in arrears."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from housing_tui.calendar.due import due_list
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import Payment, PlanStatus, PlanTerms, RechargeKind
from housing_tui.reference.policy import load_policy
from storage.cases import close_case
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.repayments import (
    agree_plan,
    create_plan,
    list_plans,
    record_payment,
    set_plan_status,
)
from storage.tables import Case, CaseDocument, Client, Repayment, RepaymentPlan

TODAY = date(2026, 11, 23)
POLICY = load_policy(None)  # shipped: £5 to £50 a week, at most 104 weeks, 7 days' grace
D = Decimal

# £500 at £20 a week from Mon 14 Dec 2026: 25 payments, 14 Dec, 21 Dec, Tue 29 Dec (Mon 28 Dec
# is the Boxing Day substitute bank holiday), 4 Jan 2027 ...
TERMS = PlanTerms(
    kind=RechargeKind.DEPOSIT,
    description="12 High Street",
    amount_owed=D("500.00"),
    instalment=D("20.00"),
    frequency=Frequency.WEEKLY,
    first_due_on=date(2026, 12, 14),
)


def _case(db, officer_id: str) -> str:
    with db.writing(officer_id) as session:
        client = Client(forenames="Jo", surname="Bloggs")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 2, 10, 30, tzinfo=UTC),
            channel="phone",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    return case.id


def _plan(db, officer_id: str, case_id: str, terms: PlanTerms = TERMS) -> str:
    return create_plan(
        db, officer_id=officer_id, case_id=case_id, terms=terms, agreed_on=TODAY, policy=POLICY
    )


def _rows(db, table) -> list:
    with db.reading() as session:
        return list(session.exec(select(table)))


def test_a_plan_and_its_agreement_are_saved_together(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    plan_id, document = agree_plan(
        db,
        officer_id=officer.id,
        case_id=case_id,
        terms=TERMS,
        agreed_on=TODAY,
        policy=POLICY,
        agreement=RenderedDocument(b"PK", "# Repayment agreement\n"),
        file_name="CASE-repayment-agreement-v01-2026-11-23.md",
    )
    (row,) = _rows(db, RepaymentPlan)
    assert row.id == plan_id and row.status == "active"
    assert (row.amount_owed, row.instalment, row.frequency) == (D("500.00"), D("20.00"), "weekly")
    assert document.kind == "repayment_agreement"
    assert document.body == "# Repayment agreement\n"

    (shown,) = list_plans(db, case_id, today=TODAY, policy=POLICY)
    assert shown.plan.terms == TERMS
    assert len(shown.schedule) == 25 and shown.schedule[2].due_on == date(2026, 12, 29)
    assert shown.balance.outstanding == D("500.00") and shown.balance.arrears == 0


def test_no_plan_is_left_when_its_agreement_cannot_be_recorded(db, officer) -> None:
    case_id = _case(db, officer.id)
    # A document the database refuses (it has no text), standing for any refusal.
    with pytest.raises(sa.exc.IntegrityError):
        agree_plan(
            db,
            officer_id=officer.id,
            case_id=case_id,
            terms=TERMS,
            agreed_on=TODAY,
            policy=POLICY,
            agreement=RenderedDocument(b"PK", None),  # type: ignore[arg-type]
            file_name="agreement.md",
        )
    assert list_plans(db, case_id, today=TODAY, policy=POLICY) == ()
    assert _rows(db, CaseDocument) == []


def test_a_plan_the_policy_refuses_is_not_saved(db, officer) -> None:
    case_id = _case(db, officer.id)
    # £1,000 at £5 a week would take 200 weeks; the policy allows 104.
    too_long = replace(TERMS, amount_owed=D("1000.00"), instalment=D("5.00"))
    with pytest.raises(StorageError, match="the policy allows at most 104 weeks"):
        _plan(db, officer.id, case_id, too_long)
    assert _rows(db, RepaymentPlan) == []


def test_no_plan_on_a_closed_or_missing_case(db, officer) -> None:
    case_id = _case(db, officer.id)
    close_case(
        db, officer_id=officer.id, case_id=case_id, closed_at=datetime(2026, 11, 23, 11, tzinfo=UTC)
    )
    with pytest.raises(StorageError, match="closed"):
        _plan(db, officer.id, case_id)
    with pytest.raises(StorageError, match="no longer on record"):
        _plan(db, officer.id, "no-such-case")


def test_payments_are_checked_and_the_last_one_completes_the_plan(db, officer) -> None:
    case_id = _case(db, officer.id)
    plan_id = _plan(db, officer.id, case_id)
    paid_on = date(2026, 12, 14)

    def pay(amount: str) -> PlanStatus:
        return record_payment(
            db,
            officer_id=officer.id,
            plan_id=plan_id,
            payment=Payment(paid_on, D(amount)),
            today=paid_on,
        )

    assert pay("20.00") is PlanStatus.ACTIVE
    with pytest.raises(StorageError, match="more than the £480.00 still owed"):
        pay("480.01")
    with pytest.raises(StorageError, match="more than £0.00"):
        pay("0")
    assert pay("480.00") is PlanStatus.COMPLETED
    assert sorted(row.amount for row in _rows(db, Repayment)) == [D("20.00"), D("480.00")]
    (shown,) = list_plans(db, case_id, today=paid_on, policy=POLICY)
    assert shown.plan.status is PlanStatus.COMPLETED and shown.balance.paid_in_full
    with pytest.raises(StorageError, match="paid in full: no payment"):
        pay("1.00")


def test_status_changes_are_checked(db, officer) -> None:
    case_id = _case(db, officer.id)
    plan_id = _plan(db, officer.id, case_id)

    def change(status: PlanStatus) -> None:
        set_plan_status(db, officer_id=officer.id, plan_id=plan_id, status=status)

    with pytest.raises(StorageError, match="£500.00 is still owed"):
        change(PlanStatus.COMPLETED)
    change(PlanStatus.LEGAL)
    (row,) = _rows(db, RepaymentPlan)
    assert row.status == "legal"
    with pytest.raises(StorageError, match="no longer on record"):
        set_plan_status(db, officer_id=officer.id, plan_id="nope", status=PlanStatus.ACTIVE)


def test_a_missed_payment_puts_the_case_on_the_due_list_after_the_grace_days(db, officer) -> None:
    case_id = _case(db, officer.id)
    _plan(db, officer.id, case_id)
    on_time_for_one = date(2026, 12, 14)
    record_payment(
        db,
        officer_id=officer.id,
        plan_id=_rows(db, RepaymentPlan)[0].id,
        payment=Payment(on_time_for_one, D("20.00")),
        today=on_time_for_one,
    )

    def arrears_on(today: date) -> list[str]:
        items = due_list(cases_for_due(db, officer_id=officer.id), today=today, policy=POLICY)
        return [
            f"{item.status}: {item.deadline.what}"
            for item in items
            if item.deadline.key.startswith("repayment_arrears")
        ]

    # The second payment was due Mon 21 Dec; its 7 days' grace run to Mon 28 Dec.
    assert arrears_on(date(2026, 12, 27)) == []
    assert arrears_on(date(2026, 12, 28)) == [
        "due today: Repayment plan (Rent deposit) in arrears: £20.00 behind since 21/12/2026 "
        "— contact the client"
    ]
    # A day later it is overdue; passed to legal, it leaves the list (legal recovers it).
    assert arrears_on(date(2026, 12, 29))[0].startswith("overdue: ")
    set_plan_status(
        db, officer_id=officer.id, plan_id=_rows(db, RepaymentPlan)[0].id, status=PlanStatus.LEGAL
    )
    assert arrears_on(date(2026, 12, 29)) == []
