"""The prevention and relief duties on a case: when each started and ended, why, and the letters
each start and end needs.

The Ombudsman keeps finding duty-end notices that were never sent, so applicants lost their
right to a review: here every duty that starts or ends lists its letter until the letter is
recorded as sent (`letters_needed`). The 56-day deadlines of the duties themselves come from
`deadlines.case_deadlines`, not from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from housing_tui.calendar.deadlines import Deadline, DeadlineKind, last_of_days_beginning
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError
from housing_tui.reference.hclic import CodeList, hclic_codes

# Check: s.189B(7)(b) as the relief duty's "56 days have ended" circumstance.
DUTY_DAYS = 56
"""Both duties run for the 56 days beginning with the day they start (Housing Act 1996
s.195(8)(b), s.189B(4) and (7)(b)); the prevention duty may go on longer, the relief duty not."""

REVIEW_DAYS = 21
"""The applicant may ask for a review within 21 days of being told of a decision (s.202(3))."""

HOMELESS = "homeless"
"""The prevention duty end reason (H-CLIC) when the client becomes homeless and relief starts."""

DAYS_56_ELAPSED = "days_56_elapsed"
"""The end reason, in both H-CLIC lists, for a duty ended because its 56 days have passed."""


class DutyKind(_Coded):
    """The duties owed before any main housing duty decision."""

    PREVENTION = "prevention", "Prevention duty (s.195)"
    RELIEF = "relief", "Relief duty (s.189B)"

    @property
    def end_reasons(self) -> CodeList:
        """The H-CLIC list the reason this duty ended must come from."""
        codes = hclic_codes()
        return codes.prevention_duty_end if self is DutyKind.PREVENTION else codes.relief_duty_end

    @property
    def name_in_letters(self) -> str:
        """'prevention duty', as a sentence says it."""
        return f"{self.value} duty"


@dataclass(frozen=True)
class Duty:
    """One prevention or relief duty on a case, as recorded."""

    id: str
    kind: DutyKind
    started_on: date
    ended_on: date | None = None
    end_reason: str | None = None
    """H-CLIC code from `kind.end_reasons`: prevention_duty_end or relief_duty_end."""
    start_letter_on: date | None = None
    """The day the letter telling the applicant the duty is owed was sent."""
    end_letter_on: date | None = None
    """The day the notice ending the duty (with review rights) was sent."""

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def last_day_of_56(self) -> date:
        """The last of the 56 days beginning with the start day (the due list's "are up" day)."""
        return last_of_days_beginning(self.started_on, DUTY_DAYS)


def _short(when: date) -> str:
    """'23/11/2026', as officers type dates."""
    return f"{when:%d/%m/%Y}"


def _long(when: date) -> str:
    """'23 November 2026', as letters and plans write dates."""
    return f"{when.day} {when:%B %Y}"


# --- starting and ending a duty ------------------------------------------------------------------


def read_duty_start(
    raw: dict[str, str],
    *,
    kind: DutyKind,
    today: date,
    approached_on: date | None,
    duties: Iterable[Duty],
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """The start of a duty from the form (key `started_on`): the values to save (`kind`,
    `started_on`) or a message per field.

    `duties` are the case's other duties (leave out the one being corrected). A relief duty
    that starts while a prevention duty is open ends it: see `ends_when_relief_starts`.
    """
    reading = fields.read_form(raw, {"started_on": lambda text: _required_date(text, today)})
    if reading.errors:
        return None, dict(reading.errors)
    started: date = reading.values["started_on"]
    problem = _start_problem(started, kind, today, approached_on, list(duties))
    if problem:
        return None, {"started_on": problem}
    return {"kind": kind, "started_on": started}, {}


def _required_date(text: str, today: date) -> date:
    when = fields.parse_date(text, today=today)
    if when is None:
        raise FieldError("Give the date, e.g. 23/11/2026 or 'today'.")
    return when


def _start_problem(
    started: date, kind: DutyKind, today: date, approached_on: date | None, duties: list[Duty]
) -> str | None:
    if started > today:
        return f"{_short(started)} is in the future: record a duty on the day it starts."
    # H-CLIC refuses a duty date before the application date, and rightly: no duty is owed
    # before the client asked for help.
    if approached_on is not None and started < approached_on:
        return (
            f"{_short(started)} is before the client approached us on {_short(approached_on)}: "
            "no duty can start before the approach."
        )
    for duty in duties:
        if duty.kind is kind and duty.is_open:
            return (
                f"The {kind.name_in_letters} owed from {_short(duty.started_on)} has not ended: "
                "end it before starting another."
            )
        if duty.kind is kind and duty.ended_on is not None and started < duty.ended_on:
            return (
                f"The last {kind.name_in_letters} ran until {_short(duty.ended_on)}: "
                "a new one cannot start before then."
            )
    if kind is DutyKind.RELIEF:
        for duty in duties:
            if duty.kind is DutyKind.PREVENTION and started < duty.started_on:
                return (
                    f"The prevention duty began on {_short(duty.started_on)}: the relief duty "
                    "follows it, so it cannot start earlier."
                )
            if duty.kind is DutyKind.PREVENTION and duty.ended_on and started < duty.ended_on:
                return (
                    f"The prevention duty ran until {_short(duty.ended_on)}: the two duties "
                    "cannot run at once, so the relief duty starts on that day or later."
                )
    if kind is DutyKind.PREVENTION:
        for duty in duties:
            if duty.kind is DutyKind.RELIEF and duty.is_open:
                return (
                    f"The relief duty is owed from {_short(duty.started_on)}: the client is "
                    "already homeless, so the prevention duty cannot start."
                )
    return None


def read_duty_end(
    raw: dict[str, str], *, duty: Duty, today: date
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """The end of `duty` from the form (keys `ended_on`, `end_reason`): the values to save or
    a message per field."""
    reasons = duty.kind.end_reasons
    reading = fields.read_form(
        raw,
        {
            "ended_on": lambda text: _required_date(text, today),
            "end_reason": lambda text: _end_reason(text, reasons),
        },
    )
    values, errors = reading.values, dict(reading.errors)
    ended: date | None = values.get("ended_on")
    if ended is not None and ended > today:
        errors["ended_on"] = f"{_short(ended)} is in the future: end a duty on the day it ends."
    elif ended is not None and ended < duty.started_on:
        errors["ended_on"] = (
            f"{_short(ended)} is before the duty started on {_short(duty.started_on)}."
        )
    # "56 days elapsed" is only true once the 56 days beginning with the start day are over;
    # an earlier date under this reason would be an unlawful notice and a wrong return.
    elif (
        ended is not None
        and values.get("end_reason") == DAYS_56_ELAPSED
        and ended <= duty.last_day_of_56
    ):
        errors["end_reason"] = (
            f"The 56 days from {_short(duty.started_on)} run to {_short(duty.last_day_of_56)}: "
            f"'56 days elapsed' can only end the duty from "
            f"{_short(duty.last_day_of_56 + timedelta(days=1))}."
        )
    if errors:
        return None, errors
    return values, {}


def _end_reason(text: str, reasons: CodeList) -> str:
    code = text.strip()
    if not code:
        raise FieldError(f"Choose the reason from the list ({reasons.title.lower()}).")
    if code not in reasons:
        raise FieldError(f"Not a reason on the list ({reasons.title.lower()}): choose one.")
    return code


def ends_when_relief_starts(
    duties: Iterable[Duty], relief_starts_on: date
) -> tuple[Duty, date, str] | None:
    """The open prevention duty, the day it ends and why, when the relief duty starts: the
    client is now homeless, so the app ends it in the same transaction. None if none is open.

    `read_duty_start` has already refused a relief duty that starts before the prevention duty.
    """
    for duty in duties:
        if duty.kind is DutyKind.PREVENTION and duty.is_open:
            if relief_starts_on < duty.started_on:
                raise ValueError(
                    f"relief cannot start on {relief_starts_on} before the prevention duty "
                    f"began on {duty.started_on}"
                )
            return duty, relief_starts_on, HOMELESS
    return None


# --- the letters ---------------------------------------------------------------------------------


class LetterKind(_Coded):
    """The letter each start and end of a duty needs."""

    PREVENTION_START = "prevention_start", "Prevention duty: letter that the duty is owed"
    PREVENTION_END = "prevention_end", "Prevention duty: end notice with review rights"
    RELIEF_START = "relief_start", "Relief duty: letter that the duty is owed"
    RELIEF_END = "relief_end", "Relief duty: end notice with review rights"

    @property
    def rule(self) -> str:
        """The law that makes the letter necessary, in plain English."""
        return _LETTER_RULES[self]

    @property
    def task(self) -> str:
        """What the officer must do, as a to-do list says it."""
        return _LETTER_TASKS[self]


# s.184(3) and (5) (decision in writing with reasons, and the right to a review), s.195(5)-(6)
# and s.189B(5)-(6) (duty ended by notice giving the circumstances and review rights), s.202(3)
# (21 days to ask) are the sections as amended by the Homelessness Reduction Act 2017.
# Check: the s.189A subsection numbers for notifying the assessment and giving the plan.
_LETTER_RULES = {
    LetterKind.PREVENTION_START: (
        "Housing Act 1996 s.184(3): tell the applicant in writing that the prevention duty "
        "(s.195) is owed, with the assessment and the Personal Housing Plan (s.189A)"
    ),
    LetterKind.PREVENTION_END: (
        "Housing Act 1996 s.195(5)-(6): the prevention duty ends only by written notice that "
        "says why and gives the right to ask for a review (s.202) within 21 days"
    ),
    LetterKind.RELIEF_START: (
        "Housing Act 1996 s.184(3) and (5): tell the applicant in writing that they are homeless "
        "and eligible, so the relief duty (s.189B) is owed, with reasons and review rights"
    ),
    LetterKind.RELIEF_END: (
        "Housing Act 1996 s.189B(5)-(6): the relief duty ends by written notice that says why "
        "and gives the right to ask for a review (s.202) within 21 days; when it ends after 56 "
        "days for a household in priority need (s.189B(4)), the letter is the main duty decision"
    ),
}

_LETTER_TASKS = {
    LetterKind.PREVENTION_START: "Send the prevention duty letter (assessment and plan)",
    LetterKind.PREVENTION_END: "Send the prevention duty end notice (with review rights)",
    LetterKind.RELIEF_START: "Send the relief duty letter (decision with review rights)",
    LetterKind.RELIEF_END: "Send the relief duty end notice (with review rights)",
}

_START_LETTER = {
    DutyKind.PREVENTION: LetterKind.PREVENTION_START,
    DutyKind.RELIEF: LetterKind.RELIEF_START,
}
_END_LETTER = {
    DutyKind.PREVENTION: LetterKind.PREVENTION_END,
    DutyKind.RELIEF: LetterKind.RELIEF_END,
}


def letters_needed(
    duties: Iterable[Duty], *, today: date
) -> list[tuple[Duty, LetterKind, Deadline]]:
    """Every start letter and end notice not yet sent, oldest first, each due on the day the
    duty started or ended, so it shows overdue from the next day.

    `today` keeps the call the same as the other deadline sources; the due day is the rule.
    """
    needed: list[tuple[Duty, LetterKind, Deadline]] = []

    def need(duty: Duty, letter: LetterKind, due: date, event: str) -> None:
        deadline = Deadline(
            what=f"{letter.task}: the duty {event} on {_short(due)}",
            due=due,
            rule=letter.rule,
            kind=DeadlineKind.STATUTORY,
        )
        needed.append((duty, letter, deadline))

    for duty in duties:
        if duty.start_letter_on is None:
            need(duty, _START_LETTER[duty.kind], duty.started_on, "started")
        if duty.ended_on is not None and duty.end_letter_on is None:
            need(duty, _END_LETTER[duty.kind], duty.ended_on, "ended")
    return sorted(needed, key=lambda found: found[2].due)


# --- the duties in the Personal Housing Plan -----------------------------------------------------

_WHAT_WE_MUST_DO = {
    DutyKind.PREVENTION: (
        "we must take reasonable steps to help you keep your home or find somewhere else to live"
    ),
    DutyKind.RELIEF: (
        "you are homeless, and we must take reasonable steps to help you find somewhere suitable "
        "to live that you can stay in for at least 6 months"
    ),
}

_HOW_LONG = {
    DutyKind.PREVENTION: (
        "It lasts at least 56 days (until at least {last}) unless it ends sooner because you "
        "have somewhere suitable to live for at least 6 months, you become homeless (then the "
        "relief duty starts) or you no longer need or want our help. It ends only when we "
        "write to you with our reasons, and you can ask us to review that decision."
    ),
    DutyKind.RELIEF: (
        "It lasts 56 days, to {last}, unless it ends sooner because you have somewhere suitable "
        "to live for at least 6 months or you no longer need or want our help. We will write to "
        "you when it ends, with our reasons; if you are still homeless then, our letter will say "
        "whether we owe you the main housing duty. You can ask us to review these decisions."
    ),
}

# Why a duty ended, as the client reads it.
_WHY_IT_ENDED = {
    "secured_stayed": "you can stay in your home for at least 6 months",
    "secured_moved": "you moved to somewhere suitable for at least 6 months",
    "secured": "you have somewhere suitable to live for at least 6 months",
    HOMELESS: "you became homeless",
    "refused_suitable_offer": "you refused an offer of suitable accommodation",
    "refused_final_accommodation": "you refused a final offer of suitable accommodation",
    "refused_to_cooperate": "you deliberately and unreasonably refused to take the agreed steps",
    "intentionally_homeless_from_ta": "you became homeless intentionally from accommodation we "
    "provided",
    "local_connection_referral": "we referred you to another council and it accepted",
    "contact_lost": "we lost contact with you",
    "withdrew_or_deceased": "the application was withdrawn",
    DAYS_56_ELAPSED: "the 56 days ended",
    "no_longer_eligible": "you are no longer eligible for help",
}


def why_it_ended(end_reason: str | None) -> str | None:
    """Why a duty ended, as a letter tells the client ("you became homeless"), for an H-CLIC
    end reason; None for one with no plain wording ("not known", a council's own code)."""
    return _WHY_IT_ENDED.get(end_reason or "")


def duties_owed(duties: Iterable[Duty], *, today: date) -> list[str]:
    """What the Personal Housing Plan tells the client about each duty owed now or ended,
    oldest first, in plain English addressed to them. A duty starting after today is left out.
    """
    sentences: list[str] = []
    for duty in sorted(duties, key=lambda d: d.started_on):
        if duty.started_on > today:
            continue
        name = duty.kind.name_in_letters
        if duty.ended_on is None or duty.ended_on > today:
            sentences.append(
                f"From {_long(duty.started_on)} we owe you the {name}: "
                f"{_WHAT_WE_MUST_DO[duty.kind]}. "
                + _HOW_LONG[duty.kind].format(last=_long(duty.last_day_of_56))
            )
            continue
        sentence = f"The {name} we owed you from {_long(duty.started_on)} ended on "
        sentence += _long(duty.ended_on)
        # "not known" or a code a council added has no plain wording: the letter says why.
        if why := why_it_ended(duty.end_reason):
            sentence += f" because {why}"
        sentence += (
            f". Our letter explains why; you can ask us to review the decision within "
            f"{REVIEW_DAYS} days of getting it."
        )
        sentences.append(sentence)
    return sentences
