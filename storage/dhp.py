"""Discretionary Housing Payment applications on a case, what revenues and benefits decided,
the payments made on awards, and the figures of the council's DHP budget for a year."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from housing_tui.documents.rendering import RenderedDocument
from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import (
    ZERO,
    ApplicationsTotal,
    DhpBudget,
    DhpCheck,
    DhpStatus,
    Paid,
    dhp_budget,
    financial_year,
)
from storage.database import Database
from storage.errors import StorageError
from storage.plans import _existing_case, save_document
from storage.rows import DocumentRow
from storage.tables import Case, CaseDocument, DhpApplication, DhpPayment, new_id

_NO_APPLICATION = "That DHP application is no longer on record."


@dataclass(frozen=True)
class DhpPaymentRow:
    id: str
    paid_on: date
    amount: Decimal
    note: str


@dataclass(frozen=True)
class DhpApplicationRow:
    """A DHP application as asked, decided and paid."""

    id: str
    case_id: str
    financial_year: str
    status: DhpStatus
    requested_on: date
    weekly_shortfall: Decimal
    weeks: int
    rent_in_advance: Decimal
    deposit: Decimal
    removal_costs: Decimal
    amount_requested: Decimal
    amount_awarded: Decimal | None
    decided_on: date | None
    reasons: str
    check_inputs: dict[str, str]
    """What the officer typed on the DHP check, by field, to open it again."""
    payments: tuple[DhpPaymentRow, ...]
    """Oldest first."""

    @property
    def paid(self) -> Decimal:
        return sum((payment.amount for payment in self.payments), ZERO)

    @property
    def left_to_pay(self) -> Decimal:
        """What is still to be paid on an award (nothing unless awarded)."""
        if self.status is not DhpStatus.AWARDED or self.amount_awarded is None:
            return ZERO
        return self.amount_awarded - self.paid


def save_application(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    check: DhpCheck,
    form: Mapping[str, str],
    summary: RenderedDocument,
    file_name: str,
) -> tuple[DhpApplicationRow, DocumentRow]:
    """Record a DHP application from `check`, as requested, with its summary document
    (a copy offered as `file_name`: `plans.save_document`). `form` is the check's text,
    kept so that the check can be opened again.

    The document is saved first; if the application then cannot be recorded, the document is
    withdrawn (its record marked deleted), so neither stands without the other.
    """
    if not check.eligible or check.recommendation is None or check.total <= 0:
        raise StorageError("The check finds nothing a DHP can pay: nothing was saved.")
    with db.reading() as session:
        _open_case(session, case_id)  # fail before the document is recorded
    # The application's id before it is recorded, for the summary to name it
    # (CaseDocument.duty_id).
    application_id = new_id()
    document = save_document(
        db,
        officer_id=officer_id,
        case_id=case_id,
        kind="dhp_summary",
        document=summary,
        issued_on=check.checked_on,
        file_name=file_name,
        duty_id=application_id,
    )
    inputs = check.inputs
    try:
        with db.writing(officer_id) as session:
            _open_case(session, case_id)
            row = DhpApplication(
                id=application_id,
                case_id=case_id,
                financial_year=financial_year(check.checked_on),
                status=DhpStatus.REQUESTED.value,
                requested_on=check.checked_on,
                weekly_shortfall=check.dhp_weekly,
                weeks=check.weeks,
                rent_in_advance=inputs.rent_in_advance,
                deposit=inputs.deposit,
                removal_costs=inputs.removal_costs,
                amount_requested=check.total,
                reasons="\n".join([f"{_advice(check)}.", *check.reasons]),
                check_inputs=json.dumps(dict(form), sort_keys=True),
            )
            session.add(row)
            session.flush()
            return _application_row(row, ()), document
    except BaseException:
        _withdraw_document(db, officer_id, document.id)
        raise


def _advice(check: DhpCheck) -> str:
    """The check's advice, kept with what the officer applied for."""
    assert check.recommendation is not None
    advice = check.recommendation.label
    if check.advised_total != check.total:
        advice += f": {pounds(check.advised_total)} advised, {pounds(check.total)} applied for"
    return advice


def _withdraw_document(db: Database, officer_id: str, document_id: str) -> None:
    with db.writing(officer_id) as session:
        document = session.get(CaseDocument, document_id)
        if document is not None:
            document.deleted_at = db.clock.now()


def record_decision(
    db: Database,
    *,
    officer_id: str,
    application_id: str,
    status: DhpStatus,
    decided_on: date,
    amount_awarded: Decimal | None = None,
) -> DhpApplicationRow:
    """What revenues and benefits decided on a requested application (awarded, with the amount;
    refused; or withdrawn by the client). A decision is recorded once."""
    status = DhpStatus(status)
    if status is DhpStatus.REQUESTED:
        raise ValueError("a decision is awarded, refused or withdrawn")
    if (status is DhpStatus.AWARDED) != (amount_awarded is not None and amount_awarded > 0):
        raise StorageError("An award needs the amount awarded; a refusal or withdrawal has none.")
    with db.writing(officer_id) as session:
        row = _application(session, application_id)
        if row.status != DhpStatus.REQUESTED.value:
            raise StorageError(
                f"That application was already decided ({DhpStatus(row.status).label.lower()} "
                f"on {row.decided_on:%d/%m/%Y})."
            )
        if decided_on < row.requested_on:
            raise StorageError("The decision cannot be dated before the application.")
        row.status, row.decided_on, row.amount_awarded = status.value, decided_on, amount_awarded
        session.flush()
        return _application_row(row, _payments(session, [row.id]).get(row.id, ()))


def record_payment(
    db: Database,
    *,
    officer_id: str,
    application_id: str,
    paid_on: date,
    amount: Decimal,
    note: str = "",
) -> DhpApplicationRow:
    """Record money paid on an award; never more in all than was awarded."""
    if amount <= 0:
        raise StorageError("A payment must be more than £0.00.")
    with db.writing(officer_id) as session:
        row = _application(session, application_id)
        if row.status != DhpStatus.AWARDED.value or row.amount_awarded is None:
            raise StorageError("Only an awarded DHP can be paid: record the award first.")
        if row.decided_on is not None and paid_on < row.decided_on:
            raise StorageError("The payment cannot be dated before the award.")
        paid = sum(
            (payment.amount for payment in _payments(session, [row.id]).get(row.id, ())), ZERO
        )
        if paid + amount > row.amount_awarded:
            raise StorageError(
                f"That would pay {pounds(paid + amount)} in all, more than the "
                f"{pounds(row.amount_awarded)} awarded "
                f"({pounds(row.amount_awarded - paid)} is left)."
            )
        session.add(
            DhpPayment(
                application_id=row.id,
                case_id=row.case_id,
                paid_on=paid_on,
                amount=amount,
                note=note,
            )
        )
        session.flush()
        return _application_row(row, _payments(session, [row.id]).get(row.id, ()))


def case_applications(db: Database, case_id: str) -> tuple[DhpApplicationRow, ...]:
    """The case's DHP applications, newest first, each with its payments."""
    with db.reading() as session:
        _existing_case(session, case_id)
        rows = session.exec(
            select(DhpApplication)
            .where(DhpApplication.case_id == case_id, col(DhpApplication.deleted_at).is_(None))
            .order_by(
                col(DhpApplication.requested_on).desc(), col(DhpApplication.created_at).desc()
            )
        ).all()
        payments = _payments(session, [row.id for row in rows])
        return tuple(_application_row(row, payments.get(row.id, ())) for row in rows)


def budget_for_year(db: Database, year: str, allocation: Decimal | None) -> DhpBudget:
    """The DHP budget of financial year `year`: the applications counted against it (those
    asked for in the year) by status, and the money paid on them by month."""
    with db.reading() as session:
        by_status = session.exec(
            select(
                DhpApplication.status,
                func.sum(DhpApplication.amount_requested),
                func.sum(DhpApplication.amount_awarded),
            )
            .where(DhpApplication.financial_year == year, col(DhpApplication.deleted_at).is_(None))
            .group_by(DhpApplication.status)
        ).all()
        month = func.strftime("%Y-%m", DhpPayment.paid_on)
        by_month = session.exec(
            select(month, func.sum(DhpPayment.amount))
            .join(DhpApplication, col(DhpApplication.id) == col(DhpPayment.application_id))
            .where(
                DhpApplication.financial_year == year,
                col(DhpApplication.deleted_at).is_(None),
                col(DhpPayment.deleted_at).is_(None),
            )
            .group_by(month)
        ).all()
    return dhp_budget(
        year,
        allocation,
        [
            ApplicationsTotal(DhpStatus(status), requested or ZERO, awarded or ZERO)
            for status, requested, awarded in by_status
        ],
        [Paid(date.fromisoformat(f"{on}-01"), amount) for on, amount in by_month],
    )


def _open_case(session: Session, case_id: str) -> Case:
    found = _existing_case(session, case_id)
    if found.closed_at is not None:
        raise StorageError("That case is closed: a DHP is applied for on an open case.")
    return found


def _application(session: Session, application_id: str) -> DhpApplication:
    row = session.get(DhpApplication, application_id)
    if row is None or row.deleted_at is not None:
        raise StorageError(_NO_APPLICATION)
    _existing_case(session, row.case_id)
    return row


def _payments(session: Session, application_ids: list[str]) -> dict[str, tuple[DhpPaymentRow, ...]]:
    """The payments on each of `application_ids`, oldest first, in one query."""
    if not application_ids:
        return {}
    found: dict[str, list[DhpPaymentRow]] = {}
    for payment in session.exec(
        select(DhpPayment)
        .where(
            col(DhpPayment.application_id).in_(application_ids),
            col(DhpPayment.deleted_at).is_(None),
        )
        .order_by(col(DhpPayment.paid_on), col(DhpPayment.created_at))
    ):
        found.setdefault(payment.application_id, []).append(
            DhpPaymentRow(payment.id, payment.paid_on, payment.amount, payment.note)
        )
    return {key: tuple(rows) for key, rows in found.items()}


def _application_row(row: DhpApplication, payments: tuple[DhpPaymentRow, ...]) -> DhpApplicationRow:
    return DhpApplicationRow(
        id=row.id,
        case_id=row.case_id,
        financial_year=row.financial_year,
        status=DhpStatus(row.status),
        requested_on=row.requested_on,
        weekly_shortfall=row.weekly_shortfall,
        weeks=row.weeks,
        rent_in_advance=row.rent_in_advance,
        deposit=row.deposit,
        removal_costs=row.removal_costs,
        amount_requested=row.amount_requested,
        amount_awarded=row.amount_awarded,
        decided_on=row.decided_on,
        reasons=row.reasons,
        check_inputs=json.loads(row.check_inputs or "{}"),
        payments=payments,
    )
