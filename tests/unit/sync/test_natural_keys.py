"""Records that are one per something (a case's answer to one interview question) get the same
id on every laptop, so two officers answering offline edit one record: the sync keeps one
answer and the other as a conflict, instead of two answers that break the one-per-question
rule (which had stopped every later sync on both laptops)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from storage.database import Database
from storage.interviews import save_answer
from storage.officers import create_officer
from storage.sync.conflicts import open_conflicts
from storage.sync.folder import FolderTransport
from storage.tables import Case, Client, InterviewAnswer
from tests.unit.sync.helpers import sync


def test_two_officers_answering_one_question_offline_keep_one_answer_and_a_conflict(
    tmp_path: Path,
) -> None:
    (tmp_path / "store").mkdir()
    store = FolderTransport(tmp_path / "store")
    a, b = Database.open(tmp_path / "a.sqlite3"), Database.open(tmp_path / "b.sqlite3")
    officer_a, officer_b = create_officer(a, "A", "AA").id, create_officer(b, "B", "BB").id
    with a.writing(officer_a) as session:
        client = Client(forenames="Jo", surname="Example")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_a,
            approached_at=datetime(2026, 11, 23, 10, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="rent_arrears",
        )
        session.add(case)
    for laptop in (a, b):
        sync(laptop, store)

    save_answer(a, officer_id=officer_a, case_id=case.id, key="rent", value="650.00 monthly")
    save_answer(b, officer_id=officer_b, case_id=case.id, key="rent", value="150.00 weekly")
    for laptop in (a, b, a, b):
        summary = sync(laptop, store)
        assert not summary.problems

    answers, lost = [], []
    for laptop in (a, b):
        with laptop.reading() as session:
            rows = session.exec(
                sa.select(InterviewAnswer.value).where(InterviewAnswer.case_id == case.id)
            ).all()
            answers.append([value for (value,) in rows])
        # What an officer is shown: the answer that lost (not the same case and question
        # both laptops wrote when they created the answer).
        lost.append([(c.column, c.case_id) for c in open_conflicts(laptop, case_id=case.id)])
        laptop.close()
    assert answers[0] == answers[1] and len(answers[0]) == 1
    assert lost[0] == lost[1] == [("value", case.id)]
