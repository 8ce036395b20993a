"""Reading an answer into the canonical text stored for it, showing it again, how complete each
section is, and what triage already recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.interview.questions import SECTIONS, Kind, Question, Section
from housing_tui.money.amounts import (
    Frequency,
    parse_money,
    parse_regular_amount,
    show_regular_amount,
)
from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError

# -- reading an answer --------------------------------------------------------------------------


def parse_answer(question: Question, text: str, *, today: date) -> str:
    """The canonical text to store for what was typed or chosen ("" for nothing)."""
    cleaned = text.strip()
    if not cleaned:
        return ""
    if question.kind is Kind.DATE:
        parsed = fields.parse_date(cleaned, today=today)
        return parsed.isoformat() if parsed else ""
    if question.kind is Kind.MONEY:
        regular = parse_regular_amount(cleaned)
        return f"{regular[0]} {regular[1].value}" if regular else ""
    if question.kind is Kind.AMOUNT:
        owed = parse_money(cleaned)
        return str(owed) if owed is not None else ""
    if question.kind is Kind.COUNT:
        return str(fields.parse_count(cleaned, question.label, minimum=0, maximum=question.maximum))
    if question.kind in (Kind.CHOICE, Kind.YES_NO, Kind.MULTI):
        codes = [code.strip() for code in cleaned.split(",") if code.strip()]
        known = {code for _, code in question.choices}
        if not codes or any(code not in known for code in codes):
            raise FieldError(f"{question.label}: choose from the list.")
        if question.kind is not Kind.MULTI and len(codes) > 1:
            raise FieldError(f"{question.label}: choose one.")
        return ",".join(code for _, code in question.choices if code in codes)
    result = fields.parse_optional_text(cleaned)
    return result or ""


_ANY_DAY = date(2000, 1, 1)
"""What `stored_answer_problem` reads with: a stored answer is canonical (an ISO date, never
"today" or "+10"), so it reads back the same on any day, and a relative one does not."""


def stored_answer_problem(question: Question, stored: str) -> str | None:
    """What is wrong with `stored` as the stored answer to `question` (an answer arriving by
    sync), or None: it must be what reading it as typed gives back, the same rule as typing."""
    try:
        canonical = parse_answer(question, stored, today=_ANY_DAY)
    except ValueError as error:  # FieldError, or a value no parser expected
        return str(error)
    if canonical != stored:
        return f"{question.label}: {stored!r:.40} is not an answer as the interview stores it"
    return None


def shown(question: Question, stored: str) -> str:
    """A stored answer the way it goes back into a text field: 23/11/2026, 450.00 pcm."""
    if not stored:
        return ""
    if question.kind is Kind.DATE:
        return date.fromisoformat(stored).strftime("%d/%m/%Y")
    if question.kind is Kind.MONEY:
        amount, frequency = stored.split()
        return show_regular_amount(Decimal(amount), Frequency(frequency))
    if question.choices:
        labels = dict((code, label) for label, code in question.choices)
        return ", ".join(labels.get(code, code) for code in stored.split(","))
    return stored


# -- progress -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    missing: tuple[str, ...]
    """Labels of required questions still unanswered."""

    @property
    def complete(self) -> bool:
        return not self.missing


def progress(answers: dict[str, str]) -> list[SectionProgress]:
    return [
        SectionProgress(
            section,
            tuple(q.label for q in section.questions if q.required and not answers.get(q.key)),
        )
        for section in SECTIONS
    ]


def first_incomplete(answers: dict[str, str]) -> int:
    """Index of the first section with something required missing (the last if none is)."""
    return next((i for i, p in enumerate(progress(answers)) if not p.complete), len(SECTIONS) - 1)


def answers_from_triage(
    *, homeless_tonight: bool, must_leave_on: date | None, flags: Iterable[str]
) -> dict[str, str]:
    """What triage already recorded, as interview answers, so nothing is asked twice."""
    ticked = set(flags)
    seeded = {"homeless_tonight": "yes" if homeless_tonight else "no"}
    if must_leave_on:
        seeded["must_leave_on"] = must_leave_on.isoformat()
    for flag, question in _TRIAGE_FLAG_QUESTIONS.items():
        if flag in ticked:
            seeded[question] = "yes"
    # Sleeping rough tonight: no accommodation at all tonight (s.175(1)).
    if "rough_sleeping_tonight" in ticked:
        seeded["homeless_tonight"] = "yes"
    return seeded


_TRIAGE_FLAG_QUESTIONS = {
    "domestic_abuse": "domestic_abuse",
    "care_leaver": "care_leaver",
    "aged_16_17": "aged_16_17",
    # The interview asks the care needs; the age comes from the date of birth.
    "over_55_care_needs": "care_needs",
}
"""Triage's safety flags that the interview asks again, by the question answering each."""


_FACT_QUESTIONS = {
    "hclic_household_type": "household_type",
    "hclic_support_needs": "support_needs",
    "hclic_reason_for_loss": "reason_for_loss",
    "hclic_accommodation_at_application": "accommodation_at_application",
    "hclic_referral_source": "referral_source",
}


def problems_by_question(problems: dict[str, str]) -> dict[str, str]:
    """The assessment's consistency problems (keyed by fact) keyed by the question to fix."""
    return {_FACT_QUESTIONS.get(fact, fact): message for fact, message in problems.items()}
