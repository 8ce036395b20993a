"""A letter produced again never overwrites the earlier one: each is kept, numbered 1, 2 ... by
its kind (and duty), and the file name a copy is offered under carries the version (issue 17
item 3, "never overwritten (each version kept)")."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from housing_tui.casework.duties import DutyKind
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.reference.policy import load_policy
from storage.decisions import sign_off_decision
from storage.plans import load_plan, save_letter, start_duty
from storage.rows import case_ref
from storage.tables import CaseDocument
from tests.unit.test_decisions_storage import _case, _decided, _principal

POLICY = load_policy()
DAY = date(2026, 11, 23)


def _kept(db, kind: str) -> list[tuple[int, str, str]]:
    with db.reading() as session:
        rows = session.exec(
            select(CaseDocument)
            .where(CaseDocument.kind == kind)
            .order_by(col(CaseDocument.plan_version))
        ).all()
        return [(row.plan_version, row.file_name, row.body) for row in rows]


def test_a_decision_letter_produced_twice_keeps_both_as_versions_1_and_2(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    application = _decided(db, officer.id, case_id)
    sign_off_decision(
        db,
        officer_id=_principal(db, officer.id),
        application_id=application.id,
        signed_on=DAY,
        security=POLICY.security,
    )
    for body in ("First letter", "Second letter"):
        save_letter(
            db,
            officer_id=officer.id,
            case_id=case_id,
            kind="decision_main_duty",
            document=RenderedDocument(b"PK", body),
            issued_on=DAY,
        )
    ref = case_ref(case_id)
    assert _kept(db, "decision_main_duty") == [
        (1, f"{ref}-decision-main-duty-v01-2026-11-23.docx", "First letter"),
        (2, f"{ref}-decision-main-duty-v02-2026-11-23.docx", "Second letter"),
    ]
    # The case's documents list both, newest first, each with its version.
    listed = [(doc.plan_version, doc.body) for doc in load_plan(db, case_id).documents]
    assert listed == [(2, "Second letter"), (1, "First letter")]


def test_each_letter_kind_and_duty_is_numbered_on_its_own(db, officer) -> None:
    _, case_id = _case(db, officer.id)
    duty_id = start_duty(
        db, officer_id=officer.id, case_id=case_id, kind=DutyKind.PREVENTION, started_on=DAY
    )
    _decided(db, officer.id, case_id)
    common = dict(officer_id=officer.id, case_id=case_id, issued_on=DAY)
    for body in ("Start", "Start again"):
        save_letter(
            db,
            kind="prevention_start",
            duty_id=duty_id,
            document=RenderedDocument(b"PK", body),
            **common,
        )
    # A minded-to letter is a kind of its own: its first is version 1.
    save_letter(db, kind="minded_to", document=RenderedDocument(b"PK", "Minded"), **common)
    assert [(v, body) for v, _, body in _kept(db, "prevention_start")] == [
        (1, "Start"),
        (2, "Start again"),
    ]
    assert [(v, body) for v, _, body in _kept(db, "minded_to")] == [(1, "Minded")]
