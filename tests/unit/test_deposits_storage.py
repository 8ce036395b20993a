"""Property checks on real SQLite files: saved whole with the result the officer saw, listed
newest first, audited, and refused on a closed or missing case with nothing written."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import func, select

from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship
from housing_tui.casework.duties import Duty, DutyKind
from housing_tui.money.amounts import Frequency
from housing_tui.money.deposits import (
    ANSWERED_CHECKS,
    Check,
    CheckAnswer,
    PropertyOffer,
    check_property,
)
from housing_tui.reference.policy import load_policy
from storage.cases import close_case
from storage.deposits import property_checks, save_property_check
from storage.errors import StorageError
from storage.tables import AuditEvent, Case, Client, PropertyCheck

OFFER = PropertyOffer(
    address="1 Example Street",
    landlord="Example Lettings",
    rent=Decimal("650.00"),
    rent_frequency=Frequency.MONTHLY,
    bedrooms=1,
    deposit_asked=Decimal("750.00"),
    rent_in_advance_asked=Decimal("650.00"),
    holding_deposit=Decimal("100.00"),
    fees_asked=None,
    epc_rating="C",
    answers={**dict.fromkeys(ANSWERED_CHECKS, CheckAnswer.YES), Check.HOW_TO_RENT: CheckAnswer.NO},
)
FACTS = InterviewFacts(
    members=(Member(Relationship.APPLICANT, date(1990, 1, 1)),),
    rent_weekly=Decimal("150.00"),
    housing_benefit_weekly=Decimal("120.00"),
    weekly_residual=Decimal("20.00"),
    living_costs_weekly=Decimal("95.00"),  # recorded, so already inside the £20 left
    months_resident_of_last_12=12,
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
            presenting_problem="end_private_tenancy",
        )
        session.add(case)
    return case.id


def _result(offer: PropertyOffer = OFFER, checked_on: date = date(2026, 11, 23)):
    return check_property(
        offer,
        facts=FACTS,
        duties=(Duty("d", DutyKind.PREVENTION, date(2026, 11, 2)),),
        checked_on=checked_on,
        policy=load_policy(),
    )


def _save(db, officer, case_id, offer=OFFER, checked_on=date(2026, 11, 23)):
    return save_property_check(
        db,
        officer_id=officer.id,
        case_id=case_id,
        offer=offer,
        result=_result(offer, checked_on),
    )


def _count(db, table) -> int:
    with db.reading() as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_a_check_is_saved_with_the_answers_and_the_result_and_audited(db, officer) -> None:
    case_id = _case(db, officer.id)
    saved = _save(db, officer, case_id)
    [listed] = property_checks(db, case_id)
    assert listed == saved
    assert (listed.address, listed.landlord) == ("1 Example Street", "Example Lettings")
    assert listed.rent_shown == "£650.00 a month" and listed.bedrooms == 1
    assert listed.deposit_asked == Decimal("750.00")
    assert listed.holding_deposit == Decimal("100.00") and listed.fees_asked is None
    assert listed.answers[Check.HOW_TO_RENT] is CheckAnswer.NO
    assert listed.answers[Check.GAS_SAFETY] is CheckAnswer.YES
    # The How to Rent guide is not given: the scheme cannot help, and the summary says why.
    assert not listed.scheme_can_help and listed.scheme_deposit is None
    assert "To put right first: How to Rent guide." in listed.summary
    assert listed.checked_by_initials == "OO" and listed.checked_on == date(2026, 11, 23)
    with db.reading() as session:
        row = session.get(PropertyCheck, saved.id)
        assert row is not None
        assert json.loads(row.checks)["how_to_rent"] == "no"
        assert row.created_by == officer.id
        audited = session.exec(select(AuditEvent).where(AuditEvent.record_id == saved.id)).one()
        assert (audited.table_name, audited.action) == ("property_check", "create")


def test_the_scheme_deposit_is_kept_when_the_scheme_can_help(db, officer) -> None:
    case_id = _case(db, officer.id)
    everything_seen = dataclasses.replace(
        OFFER, answers=dict.fromkeys(ANSWERED_CHECKS, CheckAnswer.YES)
    )
    saved = _save(db, officer, case_id, everything_seen)
    assert saved.scheme_can_help and saved.scheme_deposit == Decimal("750.00")


def test_checks_are_listed_newest_first(db, officer, clock) -> None:
    case_id = _case(db, officer.id)
    first = _save(db, officer, case_id, checked_on=date(2026, 11, 20))
    second = _save(db, officer, case_id, dataclasses.replace(OFFER, address="2 Example Street"))
    clock.at += timedelta(minutes=1)  # the same day, later
    third = _save(db, officer, case_id, dataclasses.replace(OFFER, address="3 Example Street"))
    other_case = _case(db, officer.id)
    _save(db, officer, other_case)
    assert [row.id for row in property_checks(db, case_id)] == [third.id, second.id, first.id]


def test_a_closed_case_takes_no_new_checks_and_nothing_is_written(db, officer) -> None:
    case_id = _case(db, officer.id)
    close_case(
        db, officer_id=officer.id, case_id=case_id, closed_at=datetime(2026, 11, 22, tzinfo=UTC)
    )
    with pytest.raises(StorageError, match="closed"):
        _save(db, officer, case_id)
    assert _count(db, PropertyCheck) == 0
    assert property_checks(db, case_id) == ()


def test_a_missing_case_is_refused(db, officer) -> None:
    with pytest.raises(StorageError, match="no longer on record"):
        _save(db, officer, "no-such-case")
    with pytest.raises(StorageError, match="no longer on record"):
        property_checks(db, "no-such-case")
    assert _count(db, PropertyCheck) == 0


def test_a_save_that_fails_part_way_leaves_nothing_behind(db, officer) -> None:
    case_id = _case(db, officer.id)
    events_before = _count(db, AuditEvent)
    # A fraction of a penny is refused by the money column when the row is written.
    odd = dataclasses.replace(OFFER, holding_deposit=Decimal("100.005"))
    with pytest.raises(StatementError, match="fraction of a penny"):
        _save(db, officer, case_id, odd)
    assert _count(db, PropertyCheck) == 0
    assert _count(db, AuditEvent) == events_before
