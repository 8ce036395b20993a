"""Repayment plans and the payments made towards them (the recharging policy): a plan agreed
with its signed agreement, payments recorded, and the plan passed to legal or cancelled.

The rules are `housing_tui.money.repayments`; this module checks them again at the point of saving,
so a plan or a payment the policy refuses is never written, whatever called it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from housing_tui.accommodation import plan_recharges_problem
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import (
    Instalment,
    Payment,
    PlanBalance,
    PlanStatus,
    PlanTerms,
    RechargeKind,
    RepaymentPlan,
    balance_of,
    payment_problems,
    plan_problems,
    plan_schedule,
    status_problem,
)
from housing_tui.reference.policy import Policy
from storage.accommodation_rows import cost_record, costs_to_recharge
from storage.database import Database
from storage.errors import StorageError
from storage.plans import _existing_case, _open_case, save_document
from storage.rows import DocumentRow
from storage.tables import Repayment
from storage.tables import RepaymentPlan as PlanTable

_NO_PLAN = "That repayment plan is no longer on record."


@dataclass(frozen=True)
class PlanRow:
    """A plan as the repayments screen shows it: the plan and its payments, every dated
    instalment, and where it stands today."""

    plan: RepaymentPlan
    schedule: tuple[Instalment, ...]
    balance: PlanBalance


def list_plans(db: Database, case_id: str, *, today: date, policy: Policy) -> tuple[PlanRow, ...]:
    """The case's plans, oldest first, each with its schedule and balance on `today`."""
    with db.reading() as session:
        _existing_case(session, case_id)
        plans = plans_by_case(session, [case_id]).get(case_id, ())
    return tuple(
        PlanRow(
            plan=plan,
            schedule=plan_schedule(plan.terms, policy.deadlines.closure_days),
            balance=balance_of(plan, today=today, policy=policy),
        )
        for plan in plans
    )


def plans_by_case(
    session: Session, case_ids: Any, *, statuses: Iterable[PlanStatus] = ()
) -> dict[str, tuple[RepaymentPlan, ...]]:
    """Every plan of the cases (a list of ids or a SELECT of them), with its payments, in two
    queries whatever the number of cases; only plans of `statuses` if any are given."""
    conditions = [col(PlanTable.case_id).in_(case_ids), col(PlanTable.deleted_at).is_(None)]
    wanted = [status.value for status in statuses]
    if wanted:
        conditions.append(col(PlanTable.status).in_(wanted))
    rows = session.exec(
        select(PlanTable)
        .where(*conditions)
        .order_by(col(PlanTable.agreed_on), col(PlanTable.created_at))
    ).all()
    payments: dict[str, list[Payment]] = defaultdict(list)
    for payment in session.exec(
        select(Repayment)
        .where(
            col(Repayment.plan_id).in_([row.id for row in rows]),
            col(Repayment.deleted_at).is_(None),
        )
        .order_by(col(Repayment.paid_on), col(Repayment.created_at))
    ):
        payments[payment.plan_id].append(_payment(payment))
    found: dict[str, list[RepaymentPlan]] = defaultdict(list)
    for row in rows:
        found[row.case_id].append(_plan(row, payments.get(row.id, [])))
    return {case_id: tuple(plans) for case_id, plans in found.items()}


def _plan(row: PlanTable, payments: list[Payment]) -> RepaymentPlan:
    return RepaymentPlan(
        id=row.id,
        terms=PlanTerms(
            kind=RechargeKind(row.kind),
            description=row.description,
            amount_owed=row.amount_owed,
            instalment=row.instalment,
            frequency=Frequency(row.frequency),
            first_due_on=row.first_due_on,
        ),
        agreed_on=row.agreed_on,
        status=PlanStatus(row.status),
        payments=tuple(payments),
    )


def _payment(row: Repayment) -> Payment:
    return Payment(paid_on=row.paid_on, amount=row.amount, note=row.note)


# --- agreeing a plan -----------------------------------------------------------------------------


def create_plan(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    terms: PlanTerms,
    agreed_on: date,
    policy: Policy,
    recharges: tuple[str, ...] = (),
) -> str:
    """Record a plan the policy allows on an open case; returns its id. `recharges` are the
    ids of recorded temporary accommodation costs (storage.accommodation) the plan is set
    against: the amount owed must be what they recharge under the policy, and each is marked
    as on this plan in the same transaction."""
    problems = plan_problems(terms, today=agreed_on, policy=policy.repayments)
    if problems:
        raise StorageError(f"The plan was not saved: {next(iter(problems.values()))}")
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        costs = costs_to_recharge(session, case_id, recharges)
        problem = plan_recharges_problem(
            terms, (cost_record(cost) for cost in costs), policy.recharging
        )
        if problem:
            raise StorageError(f"The plan was not saved: {problem}")
        row = PlanTable(
            case_id=case_id,
            kind=terms.kind.value,
            description=terms.description,
            amount_owed=terms.amount_owed,
            instalment=terms.instalment,
            frequency=terms.frequency.value,
            first_due_on=terms.first_due_on,
            agreed_on=agreed_on,
            status=PlanStatus.ACTIVE.value,
        )
        session.add(row)
        session.flush()  # the plan first: the costs refer to it
        for cost in costs:
            cost.plan_id = row.id
    return row.id


def agree_plan(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    terms: PlanTerms,
    agreed_on: date,
    policy: Policy,
    agreement: RenderedDocument,
    file_name: str,
    recharges: tuple[str, ...] = (),
) -> tuple[str, DocumentRow]:
    """Record the plan and its repayment agreement (a copy offered as `file_name`).

    They are two transactions (the document is recorded by `storage.plans.save_document`), so
    if the agreement cannot be saved the plan is deleted again: never a plan without the
    agreement the client signs.
    """
    plan_id = create_plan(
        db,
        officer_id=officer_id,
        case_id=case_id,
        terms=terms,
        agreed_on=agreed_on,
        policy=policy,
        recharges=recharges,
    )
    try:
        document = save_document(
            db,
            officer_id=officer_id,
            case_id=case_id,
            kind="repayment_agreement",
            document=agreement,
            issued_on=agreed_on,
            file_name=file_name,
            duty_id=plan_id,  # the plan it was made from (CaseDocument.duty_id)
        )
    except BaseException:
        with db.writing(officer_id) as session:
            row = session.get(PlanTable, plan_id)
            assert row is not None
            row.deleted_at = db.clock.now()
            # The costs it was set against are free to be recharged by another plan.
            for cost in costs_to_recharge(session, case_id, recharges):
                cost.plan_id = None
        raise
    return plan_id, document


# --- payments and status -------------------------------------------------------------------------


def record_payment(
    db: Database, *, officer_id: str, plan_id: str, payment: Payment, today: date
) -> PlanStatus:
    """Record a payment towards the plan. The payment that clears the plan marks it paid in
    full, in the same transaction. Returns the plan's status afterwards."""
    with db.writing(officer_id) as session:
        row, plan = _recorded_plan(session, plan_id)
        if not plan.status.takes_payments:
            raise StorageError(
                f"The plan is {plan.status.label.lower()}: no payment can be recorded on it."
            )
        problems = payment_problems(plan, payment, today=today)
        if problems:
            raise StorageError(f"The payment was not saved: {next(iter(problems.values()))}")
        session.add(
            Repayment(
                plan_id=plan_id,
                case_id=row.case_id,
                paid_on=payment.paid_on,
                amount=payment.amount,
                note=payment.note,
            )
        )
        if payment.amount == plan.outstanding:
            row.status = PlanStatus.COMPLETED.value
        return PlanStatus(row.status)


def set_plan_status(db: Database, *, officer_id: str, plan_id: str, status: PlanStatus) -> None:
    """Pass the plan to legal, cancel it (the debt written off), or make it active again."""
    with db.writing(officer_id) as session:
        row, plan = _recorded_plan(session, plan_id)
        problem = status_problem(plan, status)
        if problem:
            raise StorageError(problem)
        row.status = status.value


def _recorded_plan(session: Session, plan_id: str) -> tuple[PlanTable, RepaymentPlan]:
    row = session.get(PlanTable, plan_id)
    if row is None or row.deleted_at is not None:
        raise StorageError(_NO_PLAN)
    _existing_case(session, row.case_id)
    payments = session.exec(
        select(Repayment).where(Repayment.plan_id == plan_id, col(Repayment.deleted_at).is_(None))
    )
    return row, _plan(row, [_payment(payment) for payment in payments])
