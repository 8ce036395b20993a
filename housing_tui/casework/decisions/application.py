"""A homelessness application on a case, from the day it was opened to the decision, its
sign-off, its letter, the day the applicant was notified, and any review.

Each step has a reader that turns the Decision screen's text into values to save, or a message
per field (the same shape as `duties.read_duty_start`). The order is the law's and the seeds':
an adverse decision is preceded by a "minded to" letter and a chance to reply; every decision
is signed off by a principal (ReservedAction.SIGN_OFF_DECISION) before it is issued; it counts
as notified only once its letter has been produced (s.184(3), (5)); a notified adverse decision
opens the 21-day window to ask for a review (s.202(3)).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, cast

from housing_tui.casework.decisions.outcomes import (
    FINDINGS_NEEDED,
    ApplicationGround,
    Finding,
    Inquiry,
    Outcome,
    ReviewOutcome,
)
from housing_tui.casework.roles import refusal
from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError
from housing_tui.reference.policy import DecisionsPolicy, ReservedAction, Role, SecurityPolicy

Values = dict[str, object]
Reading = tuple[Values | None, dict[str, str]]


@dataclass(frozen=True)
class Application:
    """One homelessness application, as recorded."""

    id: str
    opened_on: date
    ground: ApplicationGround
    findings: Mapping[Inquiry, Finding] = field(default_factory=dict)
    evidence: Mapping[Inquiry, str] = field(default_factory=dict)
    minded_to_outcome: Outcome | None = None
    """The adverse outcome the council told them it is minded to decide."""
    minded_to_told_on: date | None = None
    minded_to_reply: str = ""
    outcome: Outcome | None = None
    outcome_reason: str | None = None
    """For a relief duty ended: the H-CLIC relief_duty_end code."""
    reasons: str = ""
    """The officer's reasons, in their words, for the letter."""
    decided_on: date | None = None
    signed_off_by: str | None = None
    """The principal's officer id."""
    signed_off_on: date | None = None
    letter_on: date | None = None
    """The day the decision letter was produced."""
    notified_on: date | None = None
    """The day the applicant received it (or it was made available): review clocks run from it."""
    review_requested_on: date | None = None
    review_outcome: ReviewOutcome | None = None
    review_decided_on: date | None = None
    main_duty_ended_on: date | None = None
    main_duty_end_reason: str | None = None
    """The H-CLIC main_duty_end code."""
    main_duty_end_note: str = ""
    main_duty_end_letter_on: date | None = None
    main_duty_end_notified_on: date | None = None
    """The day they received the letter saying the main duty ended: its review window runs
    from it."""

    def finding(self, inquiry: Inquiry) -> Finding:
        return self.findings.get(inquiry, Finding.NOT_YET)

    @property
    def main_duty_from(self) -> date | None:
        """The day the main housing duty (s.193(2)) began, ended or not: the day the decision
        was notified (s.184(3), (6)), not its sign-off, since until then the applicant has not
        been told; or, for an adverse decision a review overturned finding the duty owed, the
        day of the review decision. None if it was never owed, or a review overturned it."""
        if self.review_outcome is ReviewOutcome.OVERTURNED_MAIN_DUTY:
            return self.review_decided_on
        if self.outcome is Outcome.MAIN_DUTY and self.review_outcome is not (
            ReviewOutcome.OVERTURNED
        ):
            return self.notified_on
        return None

    @property
    def main_duty_owed(self) -> bool:
        """The main housing duty is owed now: it began (`main_duty_from`) and has not ended."""
        return self.main_duty_from is not None and self.main_duty_ended_on is None

    @property
    def stage(self) -> str:
        """Where the application has got to, in officers' words."""
        if self.main_duty_ended_on is not None:
            return "main duty ended"
        if self.review_outcome is ReviewOutcome.OVERTURNED_MAIN_DUTY:
            return "main duty (review overturned the decision)"
        if self.review_decided_on is not None:
            return "review decided"
        if self.review_requested_on is not None:
            return "review requested"
        if self.notified_on is not None:
            return "main duty" if self.main_duty_owed else "decision notified"
        if self.signed_off_on is not None:
            return "signed off: produce the letter, then record when they were notified"
        if self.outcome is not None:
            return "decided: waiting for a principal's sign-off"
        if self.minded_to_told_on is not None:
            return "minded to: waiting for their reply"
        return "inquiries"


def minded_to_reply_by(told_on: date, policy: DecisionsPolicy) -> date:
    """The last day to reply to a "minded to" letter: the policy's days after they were told."""
    return told_on + timedelta(days=policy.minded_to_reply_days)


def short_day(when: date) -> str:
    return f"{when:%d/%m/%Y}"


def past_day(text: str, today: date, *, required: bool) -> date | None:
    """A day something happened, as typed: not in the future; None when left empty, unless
    `required`."""
    when = fields.parse_date(text, today=today)
    if when is None and required:
        raise FieldError("Give the date, e.g. 23/11/2026 or 'today'.")
    if when is not None and when > today:
        raise FieldError(f"{short_day(when)} is in the future: record it on the day it happens.")
    return when


def _required(text: str, today: date) -> date:
    when = past_day(text, today, required=True)
    assert when is not None
    return when


def _optional(text: str, today: date) -> date | None:
    return past_day(text, today, required=False)


def _chosen(
    codes: type[ApplicationGround] | type[Outcome] | type[ReviewOutcome] | type[Finding],
    what: str,
    *,
    when_empty: object = ...,
) -> Callable[[str], object]:
    """A pick list's code read as its member, or a message saying to choose `what`; nothing
    chosen is `when_empty` where the field may be left empty."""

    def read(text: str) -> object:
        if not text.strip() and when_empty is not ...:
            return when_empty
        try:
            return codes(text.strip())
        except ValueError:
            raise FieldError(f"Choose {what} from the list.") from None

    return read


# --- opening the application and its inquiries --------------------------------------------------


def read_application(raw: Mapping[str, str], *, today: date, approached_on: date) -> Reading:
    """Keys `opened_on`, `ground`, and for each inquiry its finding (`eligibility`, ...) and
    evidence (`eligibility_notes`, ...)."""
    parsers = {
        "opened_on": lambda text: _required(text, today),
        "ground": _chosen(ApplicationGround, "why the application was taken"),
    }
    for inquiry in Inquiry:
        parsers[inquiry.value] = _chosen(Finding, "the finding", when_empty=Finding.NOT_YET)
        parsers[inquiry.notes_key] = lambda text: text.strip()
    reading = fields.read_form(raw, parsers)
    values, errors = dict(reading.values), dict(reading.errors)
    opened = values.get("opened_on")
    if isinstance(opened, date) and opened < approached_on:
        errors["opened_on"] = (
            f"{short_day(opened)} is before the client approached us on "
            f"{short_day(approached_on)}: an application cannot be opened before the approach."
        )
    return (None, errors) if errors else (values, {})


# --- minded to ----------------------------------------------------------------------------------


def read_minded_to(raw: Mapping[str, str], *, today: date, application: Application) -> Reading:
    """Keys `minded_to_outcome` (the adverse decision proposed), `reasons` (for it, as the
    minded-to letter gives them), `minded_to_told_on` (empty until the letter goes) and
    `minded_to_reply`."""
    reading = fields.read_form(
        raw,
        {
            "minded_to_outcome": _chosen(Outcome, "the decision you are minded to make"),
            "minded_to_told_on": lambda text: _optional(text, today),
            "minded_to_reply": lambda text: text.strip(),
            "reasons": lambda text: text.strip(),
        },
    )
    values, errors = dict(reading.values), dict(reading.errors)
    if not values.get("reasons"):
        errors["reasons"] = "Write why you are minded to decide so: the letter gives the reasons."
    if values.get("minded_to_outcome") is Outcome.MAIN_DUTY:
        errors["minded_to_outcome"] = (
            "Minded to is for a decision against the applicant: the main duty needs none."
        )
    told = values.get("minded_to_told_on")
    if isinstance(told, date) and told < application.opened_on:
        errors["minded_to_told_on"] = (
            f"{short_day(told)} is before the application was opened on "
            f"{short_day(application.opened_on)}."
        )
    if values.get("minded_to_reply") and told is None:
        errors["minded_to_told_on"] = "Give the date they were told before recording a reply."
    return (None, errors) if errors else (values, {})


# --- the decision -------------------------------------------------------------------------------


def read_decision(
    raw: Mapping[str, str],
    *,
    today: date,
    application: Application,
    policy: DecisionsPolicy,
) -> Reading:
    """Keys `outcome`, `outcome_reason` (why the relief duty ended), `reasons`, `decided_on`.

    `application` holds the findings and the minded-to step as saved: an outcome the findings
    do not support is refused, and so is an adverse one before the applicant was told the
    council was minded to decide so and had the chance to reply (seed 001: "timely minded to
    interviews")."""
    reading = fields.read_form(
        raw,
        {
            "outcome": _chosen(Outcome, "the outcome"),
            "decided_on": lambda text: _required(text, today),
            "reasons": lambda text: text.strip(),
            "outcome_reason": lambda text: text.strip() or None,
        },
    )
    values, errors = dict(reading.values), dict(reading.errors)
    if application.signed_off_on is not None:
        # The same decision written another way ("today" tidied to its date) is no change.
        if not errors and all(getattr(application, key) == value for key, value in values.items()):
            return values, {}
        return None, {"outcome": "The decision is signed off: it can no longer change."}
    outcome = values.get("outcome")
    decided = values.get("decided_on")
    if isinstance(outcome, Outcome):
        if problem := _findings_problem(outcome, application):
            errors["outcome"] = problem
        listed = outcome.reasons_list
        reason = values.get("outcome_reason")
        if listed is None:
            values["outcome_reason"] = None
        elif reason is None:
            errors["outcome_reason"] = f"Choose why ({listed.title.lower()})."
        elif reason not in listed:
            errors["outcome_reason"] = f"Not a reason on the list ({listed.title.lower()})."
        if outcome.adverse and not values.get("reasons"):
            errors["reasons"] = (
                "Write the reasons: a decision against the applicant must give them (s.184(3))."
            )
        if (
            outcome.adverse
            and isinstance(decided, date)
            and (problem := _minded_to_problem(outcome, decided, application, policy))
        ):
            errors["decided_on"] = problem
    if isinstance(decided, date) and decided < application.opened_on:
        errors["decided_on"] = (
            f"{short_day(decided)} is before the application was opened on "
            f"{short_day(application.opened_on)}."
        )
    return (None, errors) if errors else (values, {})


def _findings_problem(outcome: Outcome, application: Application) -> str | None:
    wrong = [
        f"{inquiry.label} {needed.label}"
        for inquiry, needed in FINDINGS_NEEDED[outcome].items()
        if application.finding(inquiry) is not needed
    ]
    if not wrong:
        return None
    return f"The inquiries do not support this outcome: it needs {'; '.join(wrong)}."


def _minded_to_problem(
    outcome: Outcome, decided: date, application: Application, policy: DecisionsPolicy
) -> str | None:
    told = application.minded_to_told_on
    if told is None:
        return (
            "Tell the applicant first that you are minded to decide against them (minded to), "
            "and record the date."
        )
    if application.minded_to_outcome is not outcome:
        proposed = application.minded_to_outcome
        return (
            f"They were told you were minded to decide "
            f"'{proposed.label if proposed else 'nothing'}': tell them of this outcome first "
            "(minded to), so they can reply to it."
        )
    reply_by = minded_to_reply_by(told, policy)
    if not application.minded_to_reply and decided <= reply_by:
        return (
            f"They have until {short_day(reply_by)} to reply to the minded-to letter: record "
            "their reply, or decide after that day."
        )
    if decided < told:
        return f"{short_day(decided)} is before they were told on {short_day(told)}."
    return None


# --- sign-off, letter and notification ----------------------------------------------------------


def sign_off_refusal(
    application: Application, *, role: Role, security: SecurityPolicy
) -> str | None:
    """Why this officer may not sign off the decision now, or None if they may."""
    if (refused := refusal(role, ReservedAction.SIGN_OFF_DECISION, security)) is not None:
        return refused
    if application.outcome is None:
        return "There is no decision to sign off yet: record the outcome first."
    if application.signed_off_on is not None:
        return f"The decision was signed off on {short_day(application.signed_off_on)}."
    return None


def letter_refusal(application: Application) -> str | None:
    """Why the decision letter cannot be produced yet, or None."""
    if application.outcome is None:
        return "There is no decision yet: record the outcome first."
    if application.signed_off_on is None:
        return "A principal must sign the decision off before its letter is produced."
    return None


def minded_to_letter_refusal(application: Application) -> str | None:
    """Why the "minded to" letter cannot be produced yet, or None."""
    if application.minded_to_outcome is None:
        return "Save the decision you are minded to make first (Minded to)."
    return None


def read_notified(raw: Mapping[str, str], *, today: date, application: Application) -> Reading:
    """Key `notified_on`: the day they received the letter or it was made available (s.184(6)),
    not the letter's date. Refused without a signed-off decision and its letter."""
    reading = fields.read_form(raw, {"notified_on": lambda text: _required(text, today)})
    if reading.errors:
        return None, dict(reading.errors)
    notified: date = reading.values["notified_on"]
    if application.signed_off_on is None:
        return None, {"notified_on": "A principal must sign the decision off first."}
    if application.letter_on is None:
        return None, {
            "notified_on": "Produce the decision letter first: a decision is "
            "notified by its letter."
        }
    if notified < application.letter_on:
        return None, {
            "notified_on": f"{short_day(notified)} is before the letter was produced on "
            f"{short_day(application.letter_on)}."
        }
    return {"notified_on": notified}, {}


# --- review -------------------------------------------------------------------------------------


def review_request_last_day(notified_on: date, policy: DecisionsPolicy) -> date:
    """The last of the days, beginning with the day notified, to ask for a review (s.202(3)):
    notified Mon 1 Feb 2027, 21 days end Sun 21 Feb 2027."""
    return notified_on + timedelta(days=policy.review_request_days - 1)


def review_decision_due(requested_on: date, policy: DecisionsPolicy) -> date:
    """The last day of the weeks, beginning with the day the review was asked for, to decide
    it (reg 9): asked Mon 8 Feb 2027, 8 weeks end Sun 4 Apr 2027."""
    return requested_on + timedelta(weeks=policy.review_decision_weeks, days=-1)


def read_review(raw: Mapping[str, str], *, today: date, application: Application) -> Reading:
    """Keys `review_requested_on`, `review_outcome`, `review_decided_on` (each may be empty)."""
    reading = fields.read_form(
        raw,
        {
            "review_requested_on": lambda text: _optional(text, today),
            "review_decided_on": lambda text: _optional(text, today),
            "review_outcome": _chosen(ReviewOutcome, "the review's outcome", when_empty=None),
        },
    )
    values, errors = dict(reading.values), dict(reading.errors)
    requested, decided = values.get("review_requested_on"), values.get("review_decided_on")
    notified = application.notified_on
    # s.202(1)(b): the duty owed is reviewable, the main duty too, though only an adverse
    # decision's letter gives the review rights and so only its window is on the due list.
    if requested is not None and (notified is None or application.outcome is None):
        errors["review_requested_on"] = "Only a notified decision can be reviewed."
    elif isinstance(requested, date) and notified is not None and requested < notified:
        errors["review_requested_on"] = (
            f"{short_day(requested)} is before they were notified on {short_day(notified)}."
        )
    if (decided is None) != (values.get("review_outcome") is None):
        key = "review_outcome" if decided is not None else "review_decided_on"
        errors[key] = "Give both the review's outcome and the day it was decided."
    elif isinstance(decided, date) and requested is None:
        errors["review_requested_on"] = "Give the day the review was asked for."
    elif isinstance(decided, date) and isinstance(requested, date) and decided < requested:
        errors["review_decided_on"] = f"{short_day(decided)} is before the review was asked for."
    outcome = application.outcome
    if values.get("review_outcome") is ReviewOutcome.OVERTURNED_MAIN_DUTY and (
        outcome is None or not outcome.adverse
    ):
        errors["review_outcome"] = (
            "Only a decision against the applicant can be overturned to the main duty."
        )
    return (None, errors) if errors else (values, {})


# --- the whole Decision screen ------------------------------------------------------------------

STEPS = ("application", "minded_to", "decision", "notified", "review")
"""The steps of the Decision screen, in order: each is saved once anything in it is filled."""

_STEP_KEYS = {
    "minded_to": ("minded_to_outcome", "minded_to_told_on", "minded_to_reply"),
    "decision": ("outcome", "outcome_reason", "decided_on"),
    "notified": ("notified_on",),
    "review": ("review_requested_on", "review_outcome", "review_decided_on"),
}


def read_decision_form(
    raw: Mapping[str, str],
    *,
    as_saved: Mapping[str, str],
    today: date,
    approached_on: date,
    saved: Application | None,
    policy: DecisionsPolicy,
) -> tuple[dict[str, Values] | None, dict[str, str]]:
    """Every step filled in on the Decision screen, each by its reader, against the
    application as it would be with the steps before it: the values to save per step, or a
    message per field. A step with nothing typed, or as it was saved (`as_saved`, the form's
    text as it was loaded), is left as it is."""
    values, errors = read_application(raw, today=today, approached_on=approached_on)
    if values is None:
        return None, errors
    found: dict[str, Values] = {"application": values}
    opened = cast(date, values["opened_on"])
    ground = cast(ApplicationGround, values["ground"])
    current = replace(
        saved or Application(id="", opened_on=opened, ground=ground),
        opened_on=opened,
        ground=ground,
        findings={inquiry: cast(Finding, values[inquiry.value]) for inquiry in Inquiry},
        evidence={inquiry: cast(str, values[inquiry.notes_key]) for inquiry in Inquiry},
    )
    readers = {
        "minded_to": lambda: read_minded_to(raw, today=today, application=current),
        "decision": lambda: read_decision(raw, today=today, application=current, policy=policy),
        "notified": lambda: read_notified(raw, today=today, application=current),
        "review": lambda: read_review(raw, today=today, application=current),
    }
    for step, keys in _STEP_KEYS.items():
        # The reasons belong to both minded to and the decision: a change to them alone
        # saves again whichever of the two is filled in.
        compared = (*keys, "reasons") if step in ("minded_to", "decision") else keys
        if not any(raw.get(key, "").strip() for key in keys) or all(
            raw.get(key, "") == as_saved.get(key, "") for key in compared
        ):
            continue
        step_values, step_errors = readers[step]()
        if step_values is None:
            errors.update(step_errors)
            continue
        found[step] = step_values
        # The readers' values are the application's fields, typed as the reader read them.
        current = replace(current, **cast(dict[str, Any], step_values))
    return (None, errors) if errors else (found, {})
