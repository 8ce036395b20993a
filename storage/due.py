"""Reading open cases the way the due list and the caseload need them: each case's interview
facts (its triage, every answer, the household and the duties, built by the one function the
interview's assessment uses), the dates that set deadlines (from those facts, the plan and the
temporary accommodation placements), the active repayment plans, and when anything last
happened on each.

A handful of set-based queries whatever the number of cases: no query per case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from housing_tui.calendar.clock import uk_local
from housing_tui.calendar.due import CaseForDue
from housing_tui.casework.case_summary import case_dates, facts_for_case
from housing_tui.casework.triage import TriageFacts
from housing_tui.money.repayments import PlanStatus
from housing_tui.reference.codes import STILL_OPEN, SafetyFlag
from storage.accommodation_rows import placements_by_case
from storage.database import Database
from storage.decisions import applications_by_case
from storage.interviews import member_row
from storage.plans import duty_record, plan_action
from storage.repayments import plans_by_case
from storage.rows import case_ref
from storage.tables import (
    Case,
    CaseAction,
    CaseDocument,
    CaseNote,
    Client,
    DeadlineMet,
    Duty,
    HomelessnessApplication,
    HouseholdMember,
    InterviewAnswer,
    Officer,
    Placement,
    RechargeCost,
    TargetHardening,
)

_FLAGS = tuple(SafetyFlag)
"""Listed once: the due list reads every open case's flags."""

_PlanRow = TypeVar("_PlanRow", CaseAction, Duty, HouseholdMember, TargetHardening)


def cases_for_due(
    db: Database, *, officer_id: str | None, case_ids: Iterable[str] | None = None
) -> list[CaseForDue]:
    """The officer's open cases (the team's when `officer_id` is None), or just `case_ids`."""
    with db.reading() as session:
        conditions: list[ColumnElement[bool]] = [
            col(Case.deleted_at).is_(None),
            col(Case.status).in_(STILL_OPEN),
        ]
        if officer_id:
            conditions.append(col(Case.officer_id) == officer_id)
        if case_ids is not None:
            conditions.append(col(Case.id).in_(list(case_ids)))
        cases = session.exec(
            select(Case, col(Client.forenames), col(Client.surname), col(Client.date_of_birth))
            .join(Client, col(Client.id) == Case.client_id)
            .where(*conditions)
        ).all()
        initials = dict(session.exec(select(col(Officer.id), col(Officer.initials))).all())
        chosen = select(col(Case.id)).where(*conditions)
        answers = _answers(session, chosen)
        actions = _by_case(session, CaseAction, chosen, col(CaseAction.position))
        duties = _by_case(session, Duty, chosen, col(Duty.started_on))
        plans_issued = dict(
            session.exec(
                select(CaseDocument.case_id, func.max(CaseDocument.issued_on))
                .where(
                    col(CaseDocument.case_id).in_(chosen),
                    CaseDocument.kind == "personal_housing_plan",
                    col(CaseDocument.deleted_at).is_(None),
                )
                .group_by(CaseDocument.case_id)
            ).all()
        )
        members = _by_case(session, HouseholdMember, chosen, col(HouseholdMember.position))
        hardening = _by_case(session, TargetHardening, chosen, col(TargetHardening.created_at))
        activity = _last_activity(session, chosen)
        applications = applications_by_case(session, chosen)
        repayments = plans_by_case(session, chosen, statuses=[PlanStatus.ACTIVE])
        placements = placements_by_case(session, chosen)
        met: dict[str, set[str]] = defaultdict(set)
        for case_id, deadline in session.exec(
            select(DeadlineMet.case_id, DeadlineMet.deadline).where(
                col(DeadlineMet.case_id).in_(chosen), col(DeadlineMet.deleted_at).is_(None)
            )
        ):
            met[case_id].add(deadline)

    found = []
    for case_, forenames, surname, born in cases:
        duty_rows = [duty_record(row) for row in duties.get(case_.id, [])]
        works = next(iter(hardening.get(case_.id, [])), None)
        approached_on = uk_local(case_.approached_at).date()
        last = max(
            (moment for moment in (case_.updated_at, activity.get(case_.id)) if moment),
        )
        facts = facts_for_case(
            triage_facts(case_, born),
            answers.get(case_.id, {}),
            (member_row(row) for row in members.get(case_.id, [])),
            approached_on=approached_on,
            channel=case_.channel,
            duties=duty_rows,
        )
        found.append(
            CaseForDue(
                case_id=case_.id,
                ref=case_ref(case_.id),
                client_name=f"{forenames} {surname}",
                officer_initials=initials[case_.officer_id],
                facts=facts,
                dates=case_dates(
                    facts,
                    php_issued_on=plans_issued.get(case_.id),
                    last_activity_on=uk_local(last).date(),
                    target_hardening_referred_on=works.referred_on if works else None,
                    target_hardening_completed_on=works.completed_on if works else None,
                    application=applications.get(case_.id),
                    placements=placements.get(case_.id, ()),
                ),
                actions=tuple(plan_action(row) for row in actions.get(case_.id, [])),
                duties=tuple(duty_rows),
                met=frozenset(met.get(case_.id, ())),
                repayments=repayments.get(case_.id, ()),
            )
        )
    return found


def triage_facts(case_: Case, born: date | None) -> TriageFacts:
    """What triage recorded on the case, as the rules read it."""
    return TriageFacts(
        homeless_tonight=case_.homeless_tonight,
        must_leave_on=case_.must_leave_on,
        adults=case_.adults,
        children=case_.children,
        pregnant=case_.pregnant,
        # Each safety flag has a column of its own name (as storage.cases writes them).
        flags=frozenset(flag for flag in _FLAGS if getattr(case_, flag.value)),
        date_of_birth=born,
    )


def _answers(session: Session, chosen: SelectOfScalar[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = defaultdict(dict)
    rows = session.exec(
        select(InterviewAnswer.case_id, InterviewAnswer.key, InterviewAnswer.value).where(
            col(InterviewAnswer.case_id).in_(chosen),
            col(InterviewAnswer.deleted_at).is_(None),
        )
    )
    for case_id, key, value in rows:
        found[case_id][key] = value
    return found


def _by_case(
    session: Session, table: type[_PlanRow], chosen: SelectOfScalar[str], order: Mapped[Any]
) -> dict[str, list[_PlanRow]]:
    found: dict[str, list[_PlanRow]] = defaultdict(list)
    rows = session.exec(
        select(table)
        .where(col(table.case_id).in_(chosen), col(table.deleted_at).is_(None))
        .order_by(order, col(table.created_at))
    )
    for row in rows:
        found[row.case_id].append(row)
    return found


def _last_activity(session: Session, chosen: SelectOfScalar[str]) -> dict[str, datetime]:
    """When anything was last recorded on each case: a note, an answer, a plan step, a duty, a
    document, a deadline met, target hardening, the homelessness application, a placement or a
    cost (the case row's own changes are counted by the caller)."""
    latest: dict[str, datetime] = {}
    for table in (
        CaseNote,
        InterviewAnswer,
        CaseAction,
        Duty,
        CaseDocument,
        DeadlineMet,
        TargetHardening,
        HomelessnessApplication,
        Placement,
        RechargeCost,
    ):
        rows = session.exec(
            select(col(table.case_id), func.max(table.updated_at))
            .where(col(table.case_id).in_(chosen))
            .group_by(col(table.case_id))
        )
        for case_id, moment in rows:
            if moment is not None and (case_id not in latest or moment > latest[case_id]):
                latest[case_id] = moment
    return latest
