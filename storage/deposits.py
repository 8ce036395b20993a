"""Rent deposit checks on a case: each property checked for the scheme, what the landlord asked
for, the officer's answers, and the result as the officer saw it that day (the policy and the
LHA rates may change later; the saved summary does not)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from housing_tui.money.amounts import Frequency, per_period
from housing_tui.money.deposits import (
    ANSWERED_CHECKS,
    Check,
    CheckAnswer,
    DepositCheckResult,
    PropertyOffer,
)
from storage.database import Database
from storage.errors import StorageError
from storage.tables import Case, Officer, PropertyCheck


@dataclass(frozen=True)
class PropertyCheckRow:
    """One saved property check, as the deposit check screen lists it."""

    id: str
    checked_on: date
    checked_by_initials: str
    address: str
    landlord: str
    rent: Decimal
    rent_frequency: Frequency
    bedrooms: int
    deposit_asked: Decimal | None
    rent_in_advance_asked: Decimal | None
    holding_deposit: Decimal | None
    fees_asked: Decimal | None
    epc_rating: str | None
    answers: dict[Check, CheckAnswer]
    scheme_can_help: bool
    scheme_deposit: Decimal | None
    summary: str

    @property
    def rent_shown(self) -> str:
        """ "£650.00 a month"."""
        return per_period(self.rent, self.rent_frequency)


def save_property_check(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    offer: PropertyOffer,
    result: DepositCheckResult,
) -> PropertyCheckRow:
    """Keep the property, the officer's answers and the result, in one transaction. Refused
    (StorageError) on a case that is no longer on record or is closed."""
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        row = PropertyCheck(
            case_id=case_id,
            checked_on=result.checked_on,
            address=offer.address,
            landlord=offer.landlord,
            rent=offer.rent,
            rent_frequency=offer.rent_frequency.value,
            bedrooms=offer.bedrooms,
            deposit_asked=offer.deposit_asked,
            rent_in_advance_asked=offer.rent_in_advance_asked,
            holding_deposit=offer.holding_deposit,
            fees_asked=offer.fees_asked,
            epc_rating=offer.epc_rating,
            checks=json.dumps(
                {check.value: offer.answer(check).value for check in ANSWERED_CHECKS}
            ),
            scheme_can_help=result.scheme.can_help,
            scheme_deposit=result.scheme.deposit,
            summary=result.summary,
        )
        session.add(row)
        session.flush()
        officer = session.get(Officer, officer_id)
        return _row(row, officer.initials if officer else "")


def property_checks(db: Database, case_id: str) -> tuple[PropertyCheckRow, ...]:
    """The case's property checks, newest first."""
    with db.reading() as session:
        _existing_case(session, case_id)
        found = session.exec(
            select(PropertyCheck, Officer.initials)
            .join(Officer, col(Officer.id) == col(PropertyCheck.created_by), isouter=True)
            .where(PropertyCheck.case_id == case_id, col(PropertyCheck.deleted_at).is_(None))
            .order_by(col(PropertyCheck.checked_on).desc(), col(PropertyCheck.created_at).desc())
        )
        return tuple(_row(row, initials or "") for row, initials in found)


def _row(row: PropertyCheck, initials: str) -> PropertyCheckRow:
    return PropertyCheckRow(
        id=row.id,
        checked_on=row.checked_on,
        checked_by_initials=initials,
        address=row.address,
        landlord=row.landlord,
        rent=row.rent,
        rent_frequency=Frequency(row.rent_frequency),
        bedrooms=row.bedrooms,
        deposit_asked=row.deposit_asked,
        rent_in_advance_asked=row.rent_in_advance_asked,
        holding_deposit=row.holding_deposit,
        fees_asked=row.fees_asked,
        epc_rating=row.epc_rating,
        answers={Check(key): CheckAnswer(value) for key, value in json.loads(row.checks).items()},
        scheme_can_help=row.scheme_can_help,
        scheme_deposit=row.scheme_deposit,
        summary=row.summary,
    )


def _existing_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError("That case is no longer on record.")
    return found


def _open_case(session: Session, case_id: str) -> None:
    if _existing_case(session, case_id).closed_at is not None:
        raise StorageError("That case is closed: no new property checks can be saved on it.")
