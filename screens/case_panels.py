"""What the case screen (screens/case_detail.py) shows in each panel, built from the case file
as it was read: the header (`header_text`: how urgent, who, which case, why), the duties
(`duties_text`), what is due (`due_text`), the documents issued (`documents_text`), the money
(`money_lines`), what had to happen on the day of approach (`today_text`), earlier approaches
(`history_text`), the notes (`notes_text`) and the homelessness application
(`application_text`). Text only: the screen puts it on show.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from housing_tui.calendar.deadlines import case_deadlines, due_status
from housing_tui.casework.case_summary import household_summary, must_leave_on, urgency
from housing_tui.casework.decisions.application import minded_to_reply_by
from housing_tui.casework.retention import closed_on, keep_until
from housing_tui.casework.triage import flag_label, must_happen_today
from housing_tui.money.amounts import pounds
from housing_tui.money.repayments import PlanStatus
from housing_tui.reference.codes import CaseStatus, Channel, SafetyFlag, Urgency
from housing_tui.reference.hclic import hclic_codes
from screens import format as show
from storage.case_file import detail_triage

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy
    from storage.case_file import CaseFile, CaseMoney
    from storage.plans import CasePlan
    from storage.rows import CaseDetail


def header_text(case_file: CaseFile, *, today: date, policy: Policy) -> Text:
    """How urgent and why, then who the client is, the case, the problem and the household."""
    detail = case_file.detail
    case, client = detail.case, detail.client
    # Read from the interview's facts, as its assessment reads them (triage's until then).
    facts = case_file.facts
    assessed = urgency(facts, today=today, policy=policy)
    flags = ", ".join(flag_label(SafetyFlag(code), policy) for code in detail.flags) or "none"
    status = CaseStatus(case.status).label
    if not case.still_open:
        status = f"Closed {show.moment(detail.closed_at)}"
        if detail.closed_at:
            kept = keep_until(closed_on(detail.closed_at), policy.retention)
            status += f", kept until {show.day(kept)}"
    leaving = (
        "homeless now"
        if assessed.urgency is Urgency.HOMELESS_TONIGHT
        else show.day(must_leave_on(facts, today=today, policy=policy))
    )
    summary = show.urgency(assessed.urgency.value)
    summary.append(
        f"\n{assessed.reason}\n\n"
        f"Client      {client.full_name}, born {show.day(client.date_of_birth)}\n"
        f"            {client.address or 'no address'} {client.postcode or ''}\n"
        f"            {client.phone or 'no phone'}  {client.email or ''}\n"
        f"Case        {case.ref}, {status}, officer {detail.officer_name}\n"
        f"Approached  {show.moment(case.approached_at)} by {Channel(case.channel).label}\n"
        f"Problem     {show.problem(case.presenting_problem)}"
        f"{': ' + detail.detail if detail.detail else ''}\n"
        f"Must leave  {leaving}\n"
        f"Household   {household_summary(facts, today=today)}\n"
        f"Safety      {flags}\n"
        f"Next action {show.day(case.next_action_on)}",
        style="",
    )
    for line in application_due(case_file, today=today, policy=policy):
        summary.append(f"\n{line}", style="bold")
    return summary


def duties_text(plan: CasePlan) -> str:
    """Each duty recorded, from when to when (or how long it runs at least), and what secured
    accommodation, if anything has."""
    lines = []
    for duty in plan.duties:
        line = f"{duty.kind.label}: from {show.day(duty.started_on)}"
        if duty.ended_on:
            reason = duty.kind.end_reasons.label(duty.end_reason or "")
            line += f" to {show.day(duty.ended_on)} ({reason})"
        else:
            line += f", runs at least to {show.day(duty.last_day_of_56)}"
        lines.append(line)
    secured = plan.secured
    if secured:
        counted = f"counted as a {secured.duty.value}" if secured.duty else "no duty owed"
        lines.append(
            f"Secured: {secured.outcome.label.lower()} from {show.day(secured.on)} "
            f"({counted}: {secured.action_title})"
        )
    return "\n".join(lines) or "No duty recorded yet. Press d when a duty starts."


def due_text(case_file: CaseFile, *, today: date, policy: Policy) -> Text:
    """Everything with a date on the case, soonest first, each with the rule it comes from."""
    from housing_tui.calendar.due import case_due

    text = Text()
    deadlines = case_due(case_file.due, today=today, policy=policy) if case_file.due else []
    for deadline in deadlines:
        status = due_status(deadline, today)
        text.append_text(show.due(status))
        text.append(f" {show.day(deadline.due)}  {deadline.what}\n")
        text.append(f"    {deadline.rule}\n", style="dim")
    if not deadlines:
        text.append("Nothing." if case_file.due else "Nothing: the case is closed.")
    return text


def application_text(
    case_file: CaseFile, *, today: date, policy: Policy, with_due: bool = True
) -> str:
    """The homelessness application: when and why it was opened, where it has got to, the
    outcome, and (`with_due`) the decision's and the review's due dates (`application_due`)."""
    application = case_file.application
    if application is None:
        return "No homelessness application yet."
    lines = [
        f"Opened {show.day(application.opened_on)}: {application.ground.label}",
        f"Stage: {application.stage}",
    ]
    outcome = application.outcome
    told = application.minded_to_told_on
    if told is not None and outcome is None:
        reply_by = minded_to_reply_by(told, policy.decisions)
        lines.append(f"Minded to: told {show.day(told)}, may reply until {show.day(reply_by)}")
    if outcome is not None:
        signed = application.signed_off_on
        lines.append(
            f"Outcome: {outcome.label}, decided {show.day(application.decided_on)}"
            + (f", signed off {show.day(signed)}" if signed else "")
        )
        if outcome.reasons_list is not None and application.outcome_reason:
            lines.append(f"Why: {outcome.reasons_list.label(application.outcome_reason)}")
        if outcome.hclic:  # the statutory return's category, as it will be reported
            listed = hclic_codes().main_duty_decision.label(outcome.hclic)
            lines.append(f"H-CLIC main duty decision: {listed}")
    if application.notified_on is not None:
        lines.append(f"Notified {show.day(application.notified_on)}")
    if application.review_outcome is not None:
        lines.append(f"Review: {application.review_outcome.label}")
    ended = application.main_duty_ended_on
    if ended is not None and application.main_duty_end_reason:
        why = hclic_codes().main_duty_end.label(application.main_duty_end_reason)
        end_notified = application.main_duty_end_notified_on
        lines.append(
            f"Main duty ended {show.day(ended)}: {why}"
            + (f"; notified {show.day(end_notified)}" if end_notified else "")
        )
    if with_due:
        lines += application_due(case_file, today=today, policy=policy)
    return "\n".join(lines)


def application_due(case_file: CaseFile, *, today: date, policy: Policy) -> list[str]:
    """'Decision due 12/01/2027' and 'Review decision due ...' while they are due, from the
    case's deadlines (`case_deadlines`), as the due list and the caseload have them."""
    due = {
        deadline.key: deadline
        for deadline in (
            case_deadlines(case_file.due.dates, today=today, policy=policy) if case_file.due else []
        )
    }
    return [
        f"{what} {show.day(due[key].due)}"
        for key, what in (
            ("decision", "Decision due"),
            ("review_decision", "Review decision due"),
            ("main_duty_end_letter", "Letter that the main duty ended due"),
        )
        if key in due
    ]


def documents_text(plan: CasePlan) -> str:
    """The documents issued on the case: when, what (a plan with its version), by whom."""
    documents = [
        f"{show.day(doc.issued_on)}  {show.document_title(doc.kind, doc.plan_version)}"
        f"  {doc.issued_by_initials}  {doc.file_name}"
        for doc in plan.documents
    ]
    return "\n".join(documents) or "None yet: press p to issue the plan or written advice."


def money_lines(money: CaseMoney) -> Text:
    """One line per DHP application, property checked and repayment plan; arrears in red."""
    text = Text()
    for application in money.dhp:
        line = (
            f"DHP {application.financial_year}: {pounds(application.amount_requested)} asked "
            f"{show.day(application.requested_on)}, {application.status.label.lower()}"
        )
        if application.amount_awarded is not None:
            line += f" {pounds(application.amount_awarded)}, paid {pounds(application.paid)}"
        text.append(line + "\n")
    for check in money.property_checks:
        scheme = (
            f"scheme can help, deposit {pounds(check.scheme_deposit)}"
            if check.scheme_can_help and check.scheme_deposit is not None
            else "scheme cannot help"
        )
        where = check.address.splitlines()[0] if check.address else "property"
        text.append(f"Deposit check {show.day(check.checked_on)}: {where}, {scheme}\n")
    for row in money.repayments:
        plan, balance = row.plan, row.balance
        text.append(
            f"Repayment ({plan.terms.short_name}): {pounds(plan.terms.amount_owed)}, "
            f"paid {pounds(balance.paid)}, {pounds(balance.outstanding)} left, "
            f"{plan.status.label.lower()}"
        )
        # Cancelled or passed to legal: no longer the officer's to chase.
        if plan.status is PlanStatus.ACTIVE and balance.arrears > 0 and balance.behind_since:
            text.append(
                f"  IN ARREARS {pounds(balance.arrears)} since {show.day(balance.behind_since)}",
                style="bold red",
            )
        text.append("\n")
    if not text:
        text.append("Nothing yet.")
    text.rstrip()
    return text


def today_text(detail: CaseDetail, policy: Policy) -> str:
    """What the triage said had to happen on the day the client approached."""
    actions = must_happen_today(
        detail_triage(detail), today=detail.case.approached_at.date(), policy=policy.triage
    )
    return "\n".join(f"• {action}" for action in actions) or "Nothing."


def history_text(detail: CaseDetail) -> str:
    """The client's earlier approaches, one a line."""
    return (
        "\n".join(
            f"{show.day(other.approached_at.date())}  {other.ref}  "
            f"{show.case_status(other.status)} {show.problem(other.presenting_problem)}"
            for other in detail.other_approaches
        )
        or "None: first approach."
    )


def notes_text(detail: CaseDetail) -> str:
    """The case notes, each under when it was written and by whom."""
    return (
        "\n\n".join(
            f"{show.moment(note.written_at)} {note.author_initials}\n{note.body}"
            for note in detail.notes
        )
        or "No notes yet. Press n to add one."
    )
