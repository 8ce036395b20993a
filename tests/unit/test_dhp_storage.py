"""DHP applications, decisions, payments and the year's budget on real SQLite files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlmodel import select

from housing_tui.casework.assessment.facts import InterviewFacts, Member, Relationship, Tenure
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.money.dhp import DhpStatus, dhp_check, read_check_form
from housing_tui.reference.policy import load_policy
from storage.cases import close_case
from storage.dhp import (
    budget_for_year,
    case_applications,
    record_decision,
    record_payment,
    save_application,
)
from storage.errors import StorageError
from storage.tables import Case, CaseDocument, Client, DhpApplication
from tests.unit.conftest import NOW, TODAY

D = Decimal
POLICY = load_policy()
FORM = {"rent": "650 pcm", "housing_benefit": "520 pcm", "weeks": "13", "deposit": "600"}
"""Shortfall 150.00 - 120.00 = 30.00 a week; 13 weeks = 390.00; with the deposit 990.00."""


def _case(db, officer_id: str) -> str:
    with db.writing(officer_id) as session:
        client = Client(forenames="Testy", surname="Tenant")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="rent_arrears",
        )
        session.add(case)
    return case.id


def _check(form: dict[str, str] = FORM, on: date = TODAY):
    inputs, errors = read_check_form(form)
    assert errors == {}
    facts = InterviewFacts(
        members=(Member(Relationship.APPLICANT, date(1990, 1, 1)),), tenure=Tenure.PRIVATE_RENTED
    )
    return dhp_check(inputs, facts=facts, policy=POLICY, on=on)


def _apply(db, officer, case_id: str, *, form=FORM, on: date = TODAY):
    return save_application(
        db,
        officer_id=officer.id,
        case_id=case_id,
        check=_check(form, on),
        form=form,
        summary=RenderedDocument(b"PK", f"Summary: total £{_check(form, on).total}"),
        file_name=f"summary-{on}.md",
    )


def test_an_application_is_saved_with_its_summary(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    application, document = _apply(db, officer, case_id)
    assert application.status is DhpStatus.REQUESTED
    assert application.financial_year == "2026-27"
    assert (application.weekly_shortfall, application.weeks) == (D("30.00"), 13)
    assert (application.deposit, application.rent_in_advance) == (D("600.00"), D("0.00"))
    assert application.amount_requested == D("990.00")
    assert application.reasons.startswith("Apply for a DHP.")
    assert application.check_inputs == FORM
    with db.reading() as session:
        row = session.get(DhpApplication, application.id)
        assert json.loads(row.check_inputs) == FORM
        stored = session.exec(select(CaseDocument).where(CaseDocument.case_id == case_id)).one()
    assert (stored.kind, stored.id) == ("dhp_summary", document.id)
    assert document.body == "Summary: total £990.00"
    assert case_applications(db, case_id) == (application,)


def test_nothing_is_written_for_a_missing_or_closed_case(db, officer) -> None:
    with pytest.raises(StorageError, match="no longer on record"):
        _apply(db, officer, "no-such-case")
    case_id = _case(db, officer.id)
    close_case(db, officer_id=officer.id, case_id=case_id, closed_at=NOW)
    with pytest.raises(StorageError, match="closed"):
        _apply(db, officer, case_id)
    with db.reading() as session:
        assert session.exec(select(DhpApplication)).all() == []
        assert session.exec(select(CaseDocument)).all() == []


def test_a_check_that_pays_nothing_is_not_saved(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    with pytest.raises(StorageError, match="nothing a DHP can pay"):
        _apply(db, officer, case_id, form={"rent": "650 pcm", "weeks": "13"})


def test_the_summary_is_withdrawn_if_the_application_cannot_be_recorded(
    db, officer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _case(db, officer.id)

    def broken(day: date) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("storage.dhp.financial_year", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        _apply(db, officer, case_id)
    with db.reading() as session:
        assert session.exec(select(DhpApplication)).all() == []
        document = session.exec(select(CaseDocument)).one()
    assert document.deleted_at is not None


def test_a_decision_is_recorded_once(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    application, _ = _apply(db, officer, case_id)
    with pytest.raises(StorageError, match="before the application"):
        record_decision(
            db,
            officer_id=officer.id,
            application_id=application.id,
            status=DhpStatus.REFUSED,
            decided_on=date(2026, 11, 22),
        )
    with pytest.raises(StorageError, match="needs the amount"):
        record_decision(
            db,
            officer_id=officer.id,
            application_id=application.id,
            status=DhpStatus.AWARDED,
            decided_on=TODAY,
        )
    awarded = record_decision(
        db,
        officer_id=officer.id,
        application_id=application.id,
        status=DhpStatus.AWARDED,
        decided_on=TODAY,
        amount_awarded=D("900.00"),
    )
    assert (awarded.status, awarded.amount_awarded, awarded.left_to_pay) == (
        DhpStatus.AWARDED,
        D("900.00"),
        D("900.00"),
    )
    with pytest.raises(StorageError, match="already decided"):
        record_decision(
            db,
            officer_id=officer.id,
            application_id=application.id,
            status=DhpStatus.REFUSED,
            decided_on=TODAY,
        )


def test_payments_never_add_up_to_more_than_the_award(db, officer, tmp_path: Path) -> None:
    case_id = _case(db, officer.id)
    application, _ = _apply(db, officer, case_id)
    with pytest.raises(StorageError, match="Only an awarded DHP"):
        record_payment(
            db, officer_id=officer.id, application_id=application.id, paid_on=TODAY, amount=D("1")
        )
    record_decision(
        db,
        officer_id=officer.id,
        application_id=application.id,
        status=DhpStatus.AWARDED,
        decided_on=TODAY,
        amount_awarded=D("390.00"),
    )
    record_payment(
        db, officer_id=officer.id, application_id=application.id, paid_on=TODAY, amount=D("130")
    )
    # 130.00 paid of 390.00: 260.00 is left, so 260.01 more is refused.
    with pytest.raises(StorageError, match=r"£260\.00 is left"):
        record_payment(
            db,
            officer_id=officer.id,
            application_id=application.id,
            paid_on=TODAY,
            amount=D("260.01"),
        )
    paid = record_payment(
        db,
        officer_id=officer.id,
        application_id=application.id,
        paid_on=TODAY,
        amount=D("260.00"),
        note="to the landlord",
    )
    assert [payment.amount for payment in paid.payments] == [D("130.00"), D("260.00")]
    assert (paid.paid, paid.left_to_pay) == (D("390.00"), D("0.00"))
    assert case_applications(db, case_id)[0].payments == paid.payments


def _award(db, officer, case_id, folder, *, on: date, awarded: str, paid: list[tuple[date, str]]):
    application, _ = _apply(db, officer, case_id, on=on)
    record_decision(
        db,
        officer_id=officer.id,
        application_id=application.id,
        status=DhpStatus.AWARDED,
        decided_on=on,
        amount_awarded=D(awarded),
    )
    for day, amount in paid:
        record_payment(
            db, officer_id=officer.id, application_id=application.id, paid_on=day, amount=D(amount)
        )
    return application


def test_the_budget_of_a_year_from_every_case(db, officer, tmp_path: Path) -> None:
    first, second = _case(db, officer.id), _case(db, officer.id)
    _award(
        db,
        officer,
        first,
        tmp_path,
        on=date(2026, 6, 1),
        awarded="400.00",
        paid=[(date(2026, 6, 5), "100.00"), (date(2026, 11, 2), "130.00")],
    )
    _award(db, officer, second, tmp_path, on=date(2026, 11, 20), awarded="200.00", paid=[])
    _apply(db, officer, second, on=date(2026, 11, 23))  # pending: 990.00
    refused, _ = _apply(db, officer, first, on=date(2026, 11, 23))
    record_decision(
        db,
        officer_id=officer.id,
        application_id=refused.id,
        status=DhpStatus.REFUSED,
        decided_on=date(2026, 11, 23),
    )
    # Asked in March 2026: counted in 2025-26, not here.
    _award(db, officer, second, tmp_path, on=date(2026, 3, 2), awarded="50.00", paid=[])

    budget = budget_for_year(db, "2026-27", D("1000.00"))
    # Awarded 400 + 200 = 600; paid 100 + 130 = 230; committed 600 - 230 = 370;
    # remaining 1,000 - 370 - 230 = 400. The request awaiting a decision: 990.00.
    assert (budget.awarded, budget.paid, budget.committed) == (
        D("600.00"),
        D("230.00"),
        D("370.00"),
    )
    assert (budget.pending, budget.remaining) == (D("990.00"), D("400.00"))
    by_month = {month.month: month.paid for month in budget.by_month}
    assert by_month[date(2026, 6, 1)] == D("100.00")
    assert by_month[date(2026, 11, 1)] == D("130.00")
    assert budget_for_year(db, "2025-26", None).awarded == D("50.00")


def test_the_budget_takes_the_same_queries_for_one_case_or_many(db, officer, tmp_path) -> None:
    def statements() -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(Engine, "before_cursor_execute", count)
        try:
            budget_for_year(db, "2026-27", D("1000.00"))
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        return len(seen)

    paid = [(date(2026, 11, 23), "10.00")]
    _award(db, officer, _case(db, officer.id), tmp_path, on=TODAY, awarded="100", paid=paid)
    one = statements()
    for _ in range(4):
        _award(db, officer, _case(db, officer.id), tmp_path, on=TODAY, awarded="100", paid=paid)
    assert statements() == one
    assert budget_for_year(db, "2026-27", D("1000.00")).paid == D("50.00")


def test_the_officer_can_apply_against_the_advice_and_the_advice_is_kept(
    db, officer, tmp_path: Path
) -> None:
    # Issue 14: the check advises; the officer decides. 200.00 a week is left after the whole
    # rent and the food and living costs the interview records, so the client could meet the
    # 219.23 - 183.46 = 35.77 shortfall and the check advises against applying. The officer
    # applies anyway: all a DHP can pay, 35.77 x 13 = 465.01, with the advice kept.
    inputs, _ = read_check_form(
        {"rent": "219.23 pw", "uc_housing_element": "183.46 pw", "weeks": "13"}
    )
    facts = InterviewFacts(
        members=(Member(Relationship.APPLICANT, date(1990, 1, 1)),),
        tenure=Tenure.PRIVATE_RENTED,
        rent_weekly=D("219.23"),
        uc_housing_element=True,
        uc_housing_element_weekly=D("183.46"),
        living_costs_weekly=D("100.00"),
        weekly_residual=D("200.00"),
    )
    check = dhp_check(inputs, facts=facts, policy=POLICY, on=TODAY)
    assert check.recommendation is not None and check.recommendation.value == "do_not_apply"
    application, _ = save_application(
        db,
        officer_id=officer.id,
        case_id=_case(db, officer.id),
        check=check,
        form={},
        summary=RenderedDocument(b"PK", "summary"),
        file_name="summary.md",
    )
    assert application.amount_requested == D("465.01")
    assert (application.weekly_shortfall, application.weeks) == (D("35.77"), 13)
    assert application.reasons.startswith(
        "Do not apply for a DHP: £0.00 advised, £465.01 applied for."
    )
    assert "can meet the whole shortfall" in application.reasons
