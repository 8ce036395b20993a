"""The steps in a Personal Housing Plan: who does what by when, how it turned out, and whether
the case counts as prevented or relieved in the statutory return.

A case counts only when an outcome says the client stayed in their home, or moved to other
suitable accommodation, for at least 6 months, with the date: the H-CLIC activity and
accommodation codes come from the step that achieved it, so the figures come from what officers
actually did rather than from a guess at quarter end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TypeVar

from housing_tui.calendar.deadlines import Deadline, DeadlineKind
from housing_tui.casework.duties import DutyKind
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError
from housing_tui.reference.hclic import CodeList, hclic_codes

TITLE_LIMIT = 120
"""A step's title is one line of the plan; the detail goes in the note."""

NOTE_LIMIT = 1000

_CodedT = TypeVar("_CodedT", bound=_Coded)

OTHER_ACTIVITY = "other"
"""The H-CLIC activity code (both lists) when the step that secured accommodation had none."""


class ActionStatus(_Coded):
    """Where a step in the plan stands."""

    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @property
    def finished(self) -> bool:
        """Nothing more will be done on the step: it has an outcome, or none is coming."""
        return self in (ActionStatus.SUCCEEDED, ActionStatus.FAILED, ActionStatus.WITHDRAWN)


class ActionOwner(_Coded):
    """Who takes the step: the plan records steps for both sides (s.189A). The labels start
    each step in the deadline list ("Client: Bring three months' bank statements")."""

    COUNCIL = "council", "Council"
    APPLICANT = "applicant", "Client"


class Outcome(_Coded):
    """How a finished step turned out. Only the first two are a prevention or relief."""

    STAYED = "stayed", "Stayed in their home for at least 6 months"
    MOVED = "moved", "Moved to other suitable accommodation for at least 6 months"
    HELPED_NOT_SECURED = "helped_not_secured", "Helped, but no accommodation secured yet"
    NOT_NEEDED = "not_needed", "No longer needed"
    OTHER = "other", "Other"

    @property
    def secures_accommodation(self) -> bool:
        """Accommodation for at least 6 months: the case counts as prevented or relieved."""
        return self in (Outcome.STAYED, Outcome.MOVED)


@dataclass(frozen=True)
class PlanAction:
    """One step in the Personal Housing Plan."""

    id: str
    title: str
    owner: ActionOwner
    due_on: date | None
    status: ActionStatus
    option_key: str | None
    """The housing option it was chosen from, if any."""
    prevention_activity: str | None
    """H-CLIC main prevention activity code, if it succeeds under the prevention duty."""
    relief_activity: str | None
    """H-CLIC main relief activity code, if it succeeds under the relief duty."""
    outcome: Outcome | None
    outcome_on: date | None
    """For STAYED and MOVED, the day the accommodation was secured."""
    accommodation_secured: str | None
    """H-CLIC accommodation secured code, for MOVED."""
    note: str = ""
    council_step: str | None = None
    applicant_step: str | None = None
    """The chosen option's wording for the plan ("We will ...", "You will ..."), as it was
    when chosen: the catalogue may change later, an issued plan must not."""


# --- the action form -----------------------------------------------------------------------------


def read_action(
    raw: dict[str, str], *, today: date
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """A plan step from the action form: the values to save or a message per field.

    Keys: title, owner, due_on, status, outcome, outcome_on, accommodation_secured, note; and,
    only when the form has them, prevention_activity and relief_activity (H-CLIC codes), which
    are then read and returned too, so a form without them never blanks what an option set.
    Codes come back as their enum members (which are str) or plain H-CLIC code strings.
    """
    codes = hclic_codes()
    parsers: dict[str, Callable[[str], object]] = {
        "title": _title,
        "owner": lambda text: _one_of(text, ActionOwner, "Who does it"),
        "due_on": lambda text: fields.parse_date(text, today=today),
        "status": lambda text: _one_of(text, ActionStatus, "Status"),
        "outcome": lambda text: _one_of(text, Outcome, "Outcome") if text.strip() else None,
        "outcome_on": lambda text: fields.parse_date(text, today=today),
        "accommodation_secured": lambda text: _code_or_none(text, codes.accommodation_secured),
        "note": lambda text: fields.parse_optional_text(text, limit=NOTE_LIMIT) or "",
    }
    for name, code_list in (
        ("prevention_activity", codes.main_prevention_activity),
        ("relief_activity", codes.main_relief_activity),
    ):
        if name in raw:
            parsers[name] = partial(_code_or_none, code_list=code_list)
    reading = fields.read_form(raw, parsers)
    values, errors = reading.values, dict(reading.errors)
    errors.update(_outcome_problems(values, errors, today))
    if errors:
        return None, errors
    return values, {}


def _title(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FieldError("Say what the step is, e.g. 'Negotiate with the landlord'.")
    if len(cleaned) > TITLE_LIMIT:
        raise FieldError(
            f"Keep the step to {TITLE_LIMIT} characters (it has {len(cleaned)}): "
            "put the detail in the note."
        )
    return cleaned


def _one_of(text: str, codes: type[_CodedT], what: str) -> _CodedT:
    try:
        return codes(text.strip())
    except ValueError:
        raise FieldError(f"{what}: choose one from the list.") from None


def _code_or_none(text: str, code_list: CodeList) -> str | None:
    code = text.strip()
    if not code:
        return None
    if code not in code_list:
        raise FieldError(f"Not on the H-CLIC list ({code_list.title.lower()}): choose one.")
    return code


def _outcome_problems(
    values: dict[str, object], errors: dict[str, str], today: date
) -> dict[str, str]:
    """What an auditor of the statutory return would refuse: outcomes that do not fit the
    status, and a secured outcome without its date or accommodation."""
    problems: dict[str, str] = {}
    status = values.get("status")
    outcome = values.get("outcome")
    outcome_on = values.get("outcome_on")
    secured = values.get("accommodation_secured")

    if isinstance(status, ActionStatus):
        if outcome is not None and not status.finished:
            problems["outcome"] = (
                f"The step is {status.label.lower()}: record an outcome once it has succeeded, "
                "failed or been withdrawn."
            )
        elif outcome is None and status is ActionStatus.SUCCEEDED and "outcome" not in errors:
            problems["outcome"] = "Say what the step achieved: choose an outcome."
        elif (
            isinstance(outcome, Outcome)
            and outcome.secures_accommodation
            and status is not ActionStatus.SUCCEEDED
        ):
            # Accommodation secured by a failed or withdrawn step would be counted as a
            # prevention that did not happen, or hide the one that did.
            problems["outcome"] = (
                f"A {status.label.lower()} step did not secure accommodation: mark it succeeded "
                "or choose another outcome."
            )

    secures = isinstance(outcome, Outcome) and outcome.secures_accommodation
    if "outcome_on" in errors:
        pass
    elif isinstance(outcome_on, date) and outcome_on > today:
        problems["outcome_on"] = f"{outcome_on:%d/%m/%Y} is in the future: record what happened."
    elif outcome_on is None and secures:
        problems["outcome_on"] = (
            "Give the date the accommodation was secured: the statutory return counts it in "
            "that quarter."
        )
    elif outcome_on is not None and outcome is None and "outcome" not in errors:
        problems["outcome_on"] = "A date with no outcome: choose the outcome, or clear the date."

    if outcome is Outcome.MOVED and secured is None and "accommodation_secured" not in errors:
        problems["accommodation_secured"] = (
            "Choose the accommodation they moved to (H-CLIC accommodation secured)."
        )
    elif outcome is Outcome.STAYED and secured is not None:
        problems["accommodation_secured"] = (
            "They stayed in their home: leave the accommodation secured empty."
        )
    elif secured is not None and outcome is not Outcome.MOVED and "outcome" not in errors:
        problems["accommodation_secured"] = (
            "Only a step whose outcome is 'moved' records the accommodation secured."
        )
    return problems


# --- prevented or relieved -----------------------------------------------------------------------


@dataclass(frozen=True)
class SecuredAccommodation:
    """The step that secured accommodation for at least 6 months, as the statutory return
    counts it."""

    outcome: Outcome
    on: date
    duty: DutyKind | None
    """The duty owed on that day; None when no duty was owed yet (advice only)."""
    main_activity: str
    """The H-CLIC main prevention or relief activity code, by `duty`."""
    accommodation_secured: str | None
    action_title: str


def secured_accommodation(
    actions: Iterable[PlanAction], *, prevention_from: date | None, relief_from: date | None
) -> SecuredAccommodation | None:
    """The earliest succeeded step with a dated STAYED or MOVED outcome, or None: only such a
    step makes the case a prevention or a relief.

    It is a relief if secured on or after the day the relief duty started; otherwise a
    prevention if the prevention duty had started by then; otherwise advice only (duty None).
    """
    secured = [
        (action.outcome_on, action.outcome, action)
        for action in actions
        if action.status is ActionStatus.SUCCEEDED
        and action.outcome is not None
        and action.outcome.secures_accommodation
        and action.outcome_on is not None
    ]
    if not secured:
        return None
    # min keeps the first of equal dates, so a tie goes to the step listed first.
    on, outcome, first = min(secured, key=lambda found: found[0])
    if relief_from is not None and on >= relief_from:
        duty: DutyKind | None = DutyKind.RELIEF
        activity = first.relief_activity
    else:
        duty = (
            DutyKind.PREVENTION if prevention_from is not None and on >= prevention_from else None
        )
        activity = first.prevention_activity
    return SecuredAccommodation(
        outcome=outcome,
        on=on,
        duty=duty,
        main_activity=activity or OTHER_ACTIVITY,
        accommodation_secured=first.accommodation_secured,
        action_title=first.title,
    )


# --- deadlines -----------------------------------------------------------------------------------


def action_deadlines(actions: Iterable[PlanAction], *, today: date) -> list[Deadline]:
    """The plan's unfinished steps that have a due date, soonest first.

    `today` keeps the call the same as the other deadline sources; an overdue step stays in,
    to show as overdue.
    """
    found = [
        Deadline(
            what=f"{action.owner.label}: {action.title}",
            due=action.due_on,
            rule=(
                "Proposed, not yet agreed"
                if action.status is ActionStatus.PROPOSED
                else "Agreed in the Personal Housing Plan"
            ),
            kind=DeadlineKind.PLAN_STEP,
        )
        for action in actions
        if action.due_on is not None and not action.status.finished
    ]
    return sorted(found, key=lambda deadline: deadline.due)
