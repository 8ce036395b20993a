"""Everything recorded on one case, read together for the screens that work on the whole case
(the case itself, prevention options, the plan and its letters)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from housing_tui.calendar.clock import uk_local
from housing_tui.calendar.due import CaseForDue
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.case_summary import facts_for_case
from housing_tui.casework.decisions.application import Application
from housing_tui.casework.duties import Duty
from housing_tui.casework.interview import MemberAnswer
from housing_tui.casework.triage import TriageFacts
from housing_tui.reference.codes import SafetyFlag
from housing_tui.reference.policy import Policy
from storage.cases import get_case
from storage.database import Database
from storage.decisions import load_application
from storage.deposits import PropertyCheckRow, property_checks
from storage.dhp import DhpApplicationRow, case_applications
from storage.due import cases_for_due
from storage.interviews import load_interview
from storage.plans import CasePlan, load_plan
from storage.repayments import PlanRow, list_plans
from storage.rows import CaseDetail, InterviewRecord


@dataclass(frozen=True)
class CaseFile:
    detail: CaseDetail
    interview: InterviewRecord
    plan: CasePlan
    due: CaseForDue | None
    """None once the case is closed: nothing is due on a closed case."""
    facts: InterviewFacts
    """The interview's facts, as the rules read them."""
    application: Application | None = None
    """The homelessness application, once one is opened."""


def load_case_file(db: Database, case_id: str) -> CaseFile | None:
    detail = get_case(db, case_id)
    if detail is None:
        return None
    interview = load_interview(db, case_id)
    due = cases_for_due(db, officer_id=None, case_ids=[case_id])
    plan = load_plan(db, case_id)
    return CaseFile(
        detail=detail,
        interview=interview,
        plan=plan,
        due=due[0] if due else None,
        facts=case_facts(detail, interview.answers, interview.members, plan.duties),
        application=load_application(db, case_id),
    )


def case_facts(
    detail: CaseDetail,
    answers: Mapping[str, str],
    members: Iterable[MemberAnswer],
    duties: Iterable[Duty] = (),
) -> InterviewFacts:
    """The interview's facts as the rules read them, for the case file and for the interview
    screen as answers are typed (`case_summary.facts_for_case`, which the due list and the
    caseload use too). What triage recorded counts until the interview says otherwise; the
    approach is dated by the day in the UK; the open duties are the ones recorded."""
    case = detail.case
    return facts_for_case(
        detail_triage(detail),
        answers,
        members,
        approached_on=uk_local(case.approached_at).date(),
        channel=case.channel,
        duties=duties,
    )


def detail_triage(detail: CaseDetail) -> TriageFacts:
    """What triage recorded on the case, as the rules read it."""
    return TriageFacts(
        homeless_tonight=detail.homeless_tonight,
        must_leave_on=detail.case.must_leave_on,
        adults=detail.adults,
        children=detail.children,
        pregnant=detail.pregnant,
        flags=frozenset(SafetyFlag(code) for code in detail.flags),
        date_of_birth=detail.client.date_of_birth,
    )


@dataclass(frozen=True)
class CaseMoney:
    """The money checks on a case: DHP applications, properties checked for the rent deposit
    scheme, and plans repaying what the council recharges."""

    dhp: tuple[DhpApplicationRow, ...]
    property_checks: tuple[PropertyCheckRow, ...]
    repayments: tuple[PlanRow, ...]


def load_case_money(db: Database, case_id: str, *, today: date, policy: Policy) -> CaseMoney:
    return CaseMoney(
        dhp=case_applications(db, case_id),
        property_checks=property_checks(db, case_id),
        repayments=list_plans(db, case_id, today=today, policy=policy),
    )
