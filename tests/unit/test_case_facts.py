"""The interview's facts, read one way for the case file and for the interview screen
(storage.case_file.case_facts): the household as stored, triage's answers until the interview
says otherwise, and the approach dated by the day in the UK."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage.case_file import case_facts
from storage.rows import CaseDetail, CaseRow, ClientRow, MemberRow

APPLICANT_BORN = date(1990, 1, 1)


def _detail(approached_at: datetime) -> CaseDetail:
    return CaseDetail(
        case=CaseRow(
            id="ca5e0000-0000-4000-8000-000000000001",
            client_id="c11e0000-0000-4000-8000-000000000001",
            client_name="Jo Bloggs",
            officer_initials="OO",
            approached_at=approached_at,
            channel="phone",
            status="open",
            urgency="threatened",
            presenting_problem="family_friends",
            next_action_on=None,
            must_leave_on=None,
        ),
        client=ClientRow(
            id="c11e0000-0000-4000-8000-000000000001",
            forenames="Jo",
            surname="Bloggs",
            date_of_birth=APPLICANT_BORN,
            ni_number=None,
            phone=None,
            email=None,
            address=None,
            postcode=None,
        ),
        officer_name="Olu Officer",
        urgency_reason="",
        detail=None,
        homeless_tonight=True,
        adults=1,
        children=1,
        pregnant=False,
        flags=(),
        closed_at=None,
    )


def test_an_approach_after_midnight_in_summer_is_dated_by_the_uk_day() -> None:
    # 23:30 UTC on 1 July is 00:30 on 2 July in the UK (BST).
    facts = case_facts(_detail(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)), {}, ())
    assert facts.approached_on == date(2026, 7, 2)


def test_triage_answers_count_until_the_interview_answers_them() -> None:
    detail = _detail(datetime(2026, 11, 16, 10, 0, tzinfo=UTC))
    assert case_facts(detail, {}, ()).homeless_tonight is True
    assert case_facts(detail, {"homeless_tonight": "no"}, ()).homeless_tonight is False


def test_the_household_as_stored_is_the_household_the_rules_read() -> None:
    child = MemberRow("Kim", "child", date(2019, 5, 4), False, None, True, "female", id="m1")
    facts = case_facts(_detail(datetime(2026, 11, 16, 10, 0, tzinfo=UTC)), {}, [child])
    assert [(m.relationship.value, m.date_of_birth) for m in facts.members] == [
        ("applicant", APPLICANT_BORN),
        ("child", date(2019, 5, 4)),
    ]
