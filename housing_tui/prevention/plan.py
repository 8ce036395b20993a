"""What goes into a Personal Housing Plan (or written advice) for one case: the client's
situation in plain words, the steps agreed for the council and for the client, the duties,
the key dates, the options looked at and not taken, and who to contact.

`documents.render_plan` turns the result into the document; this module decides its content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from housing_tui.calendar.deadlines import Deadline, DeadlineKind
from housing_tui.casework.assessment.facts import Institution, InterviewFacts, NoticeType
from housing_tui.casework.duties import Duty, duties_owed
from housing_tui.documents.rendering import KeyDate, PlanContent, PlanStep, long_date
from housing_tui.money.amounts import pounds
from housing_tui.prevention.actions import ActionOwner, ActionStatus, PlanAction
from housing_tui.prevention.catalogue import Catalogue, Fit, Proposal

_NOT_IN_PLAN = (ActionStatus.FAILED, ActionStatus.WITHDRAWN)


def plan_content(
    *,
    client_name: str,
    client_address: str | None,
    case_ref: str,
    officer_name: str,
    issued_on: date,
    review_days: int,
    case_open: bool,
    version: int,
    facts: InterviewFacts | None,
    actions: Sequence[PlanAction],
    duties: Sequence[Duty],
    proposals: Sequence[Proposal],
    deadlines: Sequence[Deadline],
    catalogue: Catalogue,
) -> PlanContent:
    """The plan as it stands on `issued_on`, to be reviewed `review_days` later. A case that
    was never owed a duty, and a closed case (it owes none now), gets written advice: the same
    steps and dates for what comes next, without the duties or a review date."""
    if not case_open:
        duties = ()
    council_steps, applicant_steps = plan_steps(actions)
    return PlanContent(
        client_name=client_name,
        client_address=client_address,
        case_ref=case_ref,
        officer_name=officer_name,
        issued_on=issued_on,
        review_on=issued_on + timedelta(days=review_days) if duties else None,
        version=version,
        is_advice_only=not duties,
        circumstances=circumstances(facts) if facts else (),
        duties=duties_owed(duties, today=issued_on) if duties else (),
        council_steps=council_steps,
        applicant_steps=applicant_steps,
        key_dates=key_dates(deadlines, duties, issued_on),
        options_considered=options_considered(actions, proposals),
        contacts=contacts(actions, catalogue),
    )


def plan_steps(actions: Iterable[PlanAction]) -> tuple[list[PlanStep], list[PlanStep]]:
    """The council's steps and the client's. A chosen option brings both its "We will" and its
    "You will" wording; a step the officer wrote goes to whoever owns it."""
    council: list[PlanStep] = []
    client: list[PlanStep] = []
    for action in actions:
        if action.status in _NOT_IN_PLAN:
            continue
        status = action.status.label
        if action.council_step or action.applicant_step:
            if action.council_step:
                council.append(PlanStep(action.council_step, _due(action), status))
            if action.applicant_step:
                client.append(PlanStep(action.applicant_step, _due(action), status))
        else:
            mine = council if action.owner is ActionOwner.COUNCIL else client
            mine.append(PlanStep(action.title, _due(action), status))
    return council, client


def _due(action: PlanAction) -> date | None:
    return None if action.status.finished else action.due_on


def circumstances(facts: InterviewFacts) -> list[str]:
    """The client's situation as the interview recorded it, addressed to them."""
    lines = []
    if facts.homeless_tonight:
        lines.append("You told us you have nowhere you can safely stay tonight.")
    if facts.notice is not NoticeType.NONE:
        notice = _NOTICE_TO_CLIENT[facts.notice]
        if facts.notice_expires_on:
            notice += f", and it ends on {long_date(facts.notice_expires_on)}"
        lines.append(notice + ".")
    if facts.must_leave_on and facts.must_leave_on != facts.notice_expires_on:
        lines.append(f"You have to leave your home by {long_date(facts.must_leave_on)}.")
    if facts.hearing_on:
        lines.append(f"The court hearing about your home is on {long_date(facts.hearing_on)}.")
    if facts.eviction_on:
        lines.append(f"The bailiffs' eviction date is {long_date(facts.eviction_on)}.")
    if facts.leaving_institution is not Institution.NONE and facts.leaves_institution_on:
        place = facts.leaving_institution.label.lower()
        lines.append(f"You are due to leave {place} on {long_date(facts.leaves_institution_on)}.")
    lines.extend(_money_lines(facts))
    return lines


_NOTICE_TO_CLIENT = {
    NoticeType.SECTION_8: "Your landlord has given you a section 8 notice",
    NoticeType.SECTION_21: "Your landlord has given you a section 21 notice",
    NoticeType.NOTICE_TO_QUIT: "You have been given a notice to quit",
    NoticeType.LICENCE_ENDED: "You have been told your licence to live where you are has ended",
    NoticeType.FAMILY_FRIENDS: "Your family or friends have asked you to leave",
    NoticeType.MORTGAGE_POSSESSION: "Your mortgage lender is taking steps to repossess your home",
    NoticeType.OTHER: "You have been given notice to leave your home",
}
"""Each notice as the plan tells the client of it (the labels are the officer's words)."""


def _money_lines(facts: InterviewFacts) -> list[str]:
    """The rent, what pays towards it (Housing Benefit or the UC housing element) and what is
    left to find; arrears; and spending over income only when income is recorded."""
    lines = []
    shortfall, support = facts.rent_shortfall_weekly, facts.housing_support
    if shortfall and facts.rent_weekly is not None:
        rent = f"Your rent is {pounds(facts.rent_weekly)} a week"
        if support is None:
            lines.append(f"{rent} and nothing pays towards it: you have all of it to find.")
        else:
            name, weekly = support
            lines.append(
                f"{rent} and {name} pays {pounds(weekly)} of it, leaving {pounds(shortfall)} "
                "a week to find."
            )
    if facts.arrears_total:
        lines.append(f"You owe {pounds(facts.arrears_total)} in arrears.")
    if facts.weekly_residual is not None and facts.weekly_residual < 0:
        lines.append(
            f"Your spending is {pounds(-facts.weekly_residual)} a week more than your income."
        )
    return lines


def key_dates(deadlines: Iterable[Deadline], duties: Iterable[Duty], today: date) -> list[KeyDate]:
    """Dates that matter to the client: those set by others (notice, court, release) and the
    earliest day each open duty could end."""
    found = [
        KeyDate(deadline.due, deadline.to_client or deadline.what)
        for deadline in deadlines
        if (deadline.kind is DeadlineKind.KEY_DATE or deadline.to_client) and deadline.due >= today
    ]
    for duty in duties:
        if duty.ended_on is None:
            found.append(
                KeyDate(
                    duty.last_day_of_56,
                    f"The {duty.kind.name_in_letters} runs at least until this day",
                )
            )
    return sorted(found, key=lambda key_date: key_date.on)


def options_considered(actions: Iterable[PlanAction], proposals: Iterable[Proposal]) -> list[str]:
    """What was looked at and is not in the plan, and why: steps tried that did not work, and
    common options that do not fit the client's situation."""
    chosen = {action.option_key for action in actions if action.option_key}
    lines = []
    for action in actions:
        if action.status in _NOT_IN_PLAN:
            verdict = (
                "tried, and it did not work"
                if action.status is ActionStatus.FAILED
                else ("no longer being pursued")
            )
            lines.append(f"{action.title}: {verdict}{'. ' + action.note if action.note else '.'}")
    for proposal in proposals:
        if proposal.fit is Fit.DOES_NOT_FIT and proposal.option.key not in chosen:
            reasons = "; ".join(reason.rstrip(".") for reason in proposal.reasons)
            lines.append(f"{proposal.option.title}: not suitable now ({reasons}).")
    return lines


def contacts(actions: Iterable[PlanAction], catalogue: Catalogue) -> list[str]:
    """The services the plan's steps involve, from the options they came from."""
    found: list[str] = []
    for action in actions:
        option = catalogue.get(action.option_key) if action.option_key else None
        if option and option.contact and action.status not in _NOT_IN_PLAN:
            line = f"{option.title}: {option.contact}"
            if line not in found:
                found.append(line)
    return found
