"""What the caller supplies for a plan or letter, and the dates and file names documents use: the
last day to ask for a review (21 days beginning with the day of notification, s.202(3))."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from housing_tui.documents.rendering.kinds import (
    DOCUMENT_TITLES,
    LETTER_TEMPLATES,
    REVIEW_REQUEST_DAYS,
)


@dataclass(frozen=True)
class PlanStep:
    """A reasonable step, for the council or the applicant, in the words the client reads."""

    text: str
    due_on: date | None = None
    status_label: str = ""
    """Progress as the client should read it, e.g. "to do" or "done"; empty to leave out."""


@dataclass(frozen=True)
class KeyDate:
    on: date
    what: str


@dataclass(frozen=True, kw_only=True)
class PlanContent:
    """A Personal Housing Plan, or written advice when `is_advice_only`."""

    client_name: str
    client_address: str | None
    """One line or several (newlines): printed under the name, as on an envelope."""
    case_ref: str
    officer_name: str
    issued_on: date
    review_on: date | None
    """When the plan will be reviewed (s.189A(9): keep it under review). Required for a plan;
    written advice for a closed case may have none."""
    version: int
    is_advice_only: bool = False
    """Written advice (no duty owed, advice only, or a closed case) instead of a plan."""
    circumstances: Sequence[str] = ()
    """Short plain-English lines, e.g. "You have a section 8 notice that expires on ..."."""
    duties: Sequence[str] = ()
    """Sentences about the duties owed (`housing_tui.casework.duties.duties_owed`). None in
    advice."""
    council_steps: Sequence[PlanStep] = ()
    applicant_steps: Sequence[PlanStep] = ()
    key_dates: Sequence[KeyDate] = ()
    options_considered: Sequence[str] = ()
    """Options looked at and not taken, each with why."""
    contacts: Sequence[str] = ()
    """Contacts beyond the council's own, e.g. "Citizens Advice: 0800 ..."."""

    @property
    def kind(self) -> str:
        """The document kind it is saved as: one of PLAN_KINDS."""
        return "written_advice" if self.is_advice_only else "personal_housing_plan"


@dataclass(frozen=True, kw_only=True)
class LetterContent:
    """A letter that a duty has started, or a notice that it has ended."""

    client_name: str
    client_address: str | None
    case_ref: str
    officer_name: str
    written_on: date
    duty_started_on: date
    duty_ended_on: date | None = None
    """Required for an end notice."""
    end_reason_label: str | None = None
    """Which circumstance in the law ended the duty, as the client reads it (s.195(6)(a) and
    s.189B(6)(a): the notice must say). Required for an end notice."""
    reasons: str | None = None
    """The officer's reasons in their own words. Required for an end notice."""
    review_deadline: date | None = None
    """The last day to ask for a review; `review_request_deadline(written_on)` if not given."""


@dataclass(frozen=True, kw_only=True)
class DecisionLetterContent:
    """A "minded to" letter or a decision letter on a homelessness application: the facts; the
    wording is the template's (`kind`: MINDED_TO or one of DECISION_LETTER_TITLES)."""

    kind: str
    client_name: str
    client_address: str | None
    case_ref: str
    officer_name: str
    written_on: date
    applied_on: date
    findings: Sequence[str]
    """What each inquiry found, with its evidence, one line each."""
    reasons: str
    """The officer's reasons in their own words."""
    decided_on: date | None = None
    """Required for a decision letter."""
    proposed_outcome: str = ""
    """For a minded-to letter: the decision the council proposes, as the client reads it."""
    reply_by: date | None = None
    """For a minded-to letter: the last day to reply."""
    end_reason_label: str = ""
    """For a relief duty ended: why, as the client reads it."""


# --- dates and file names ------------------------------------------------------------------------

# Spelt out rather than strftime("%A"), which follows the machine's locale.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(when: date) -> str:
    """'Monday 7 December 2026', as letters write dates."""
    return f"{_DAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]} {when.year}"


def review_request_deadline(notified_on: date) -> date:
    """The last day to ask for a review of a decision the client was told of on `notified_on`:
    the 21 days begin with that day (s.202(3)), so told on Monday 23 November 2026, the last
    day is Sunday 13 December 2026."""
    return notified_on + timedelta(days=REVIEW_REQUEST_DAYS - 1)


def document_file_name(case_ref: str, kind: str, version: int, issued_on: date) -> str:
    """A file name safe on every system, that sorts by case, document and version:
    'CASE1234-personal-housing-plan-v02-2026-11-23.docx'. The version has two digits so that
    version 10 sorts after version 9."""
    if kind not in DOCUMENT_TITLES:
        raise ValueError(f"unknown document kind {kind!r}; the kinds are {tuple(DOCUMENT_TITLES)}")
    if version < 1:
        raise ValueError(f"version must be 1 or more (got {version})")
    ref = re.sub(r"[^A-Za-z0-9]+", "-", case_ref).strip("-")[:40].strip("-") or "case"
    what = LETTER_TEMPLATES.get(kind, kind).replace("_", "-")
    return f"{ref}-{what}-v{version:02d}-{issued_on.isoformat()}.docx"
