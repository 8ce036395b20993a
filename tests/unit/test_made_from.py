"""Which document Ctrl+E copies for a repayment plan or a DHP application: the one that names
the record; one saved before documents named their record, only where its day tells it apart."""

from __future__ import annotations

from datetime import date

from screens.save_copy import made_from
from storage.rows import DocumentRow

MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def agreement(doc_id: str, issued_on: date, record_id: str | None) -> DocumentRow:
    return DocumentRow(
        id=doc_id,
        kind="repayment_agreement",
        plan_version=1,
        issued_on=issued_on,
        review_on=None,
        duty_id=record_id,
        file_name=f"{doc_id}.docx",
        body=doc_id,
        issued_by_initials="TO",
    )


def test_the_document_naming_the_record_whatever_else_was_issued_that_day() -> None:
    newer, older = agreement("b", MONDAY, "plan-b"), agreement("a", MONDAY, "plan-a")
    assert made_from((newer, older), "plan-a", MONDAY) is older
    assert made_from((newer, older), "plan-b", MONDAY) is newer
    assert made_from((newer, older), "plan-c", MONDAY) is None


def test_one_from_before_documents_named_their_record_is_found_by_its_day_if_alone() -> None:
    alone = agreement("a", MONDAY, None)
    assert made_from((alone,), "old-plan", MONDAY) is alone
    assert made_from((alone,), "old-plan", TUESDAY) is None


def test_two_from_before_on_the_same_day_are_not_guessed_between() -> None:
    same_day = (agreement("b", MONDAY, None), agreement("a", MONDAY, None))
    assert made_from(same_day, "old-plan", MONDAY) is None


def test_a_document_naming_another_record_is_never_taken_by_its_day() -> None:
    assert made_from((agreement("b", MONDAY, "plan-b"),), "old-plan", MONDAY) is None
