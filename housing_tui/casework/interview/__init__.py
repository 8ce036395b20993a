"""The housing options interview as data: its sections and questions, how each answer is read
and stored, how complete each section is, and the facts the assessment rules work on.

Answers are stored as canonical text (ISO dates, "450.00 monthly", codes, "yes"/"no",
comma-separated codes), one row per question, so each can be saved the moment it is left.
"""

from __future__ import annotations

from housing_tui.casework.interview.answers import (
    SectionProgress,
    answers_from_triage,
    first_incomplete,
    parse_answer,
    problems_by_question,
    progress,
    shown,
)
from housing_tui.casework.interview.assessment_facts import (
    MemberAnswer,
    RecordedOnTheCase,
    facts_from_answers,
)
from housing_tui.casework.interview.budget import (
    INCOME_KEYS,
    OUTGOING_KEYS,
    household_budget,
    regular_amounts,
)
from housing_tui.casework.interview.members import (
    DEPENDENT_CHILD_MAX_AGE,
    read_member,
)
from housing_tui.casework.interview.questions import (
    QUESTIONS,
    SECTIONS,
    YES_NO,
    Kind,
    Question,
    Section,
    SharingPartner,
)
from housing_tui.money.amounts import parse_regular_amount  # how money answers are read

__all__ = [
    "DEPENDENT_CHILD_MAX_AGE",
    "INCOME_KEYS",
    "Kind",
    "MemberAnswer",
    "OUTGOING_KEYS",
    "QUESTIONS",
    "Question",
    "RecordedOnTheCase",
    "SECTIONS",
    "Section",
    "SectionProgress",
    "SharingPartner",
    "YES_NO",
    "answers_from_triage",
    "facts_from_answers",
    "first_incomplete",
    "household_budget",
    "parse_answer",
    "parse_regular_amount",
    "problems_by_question",
    "progress",
    "read_member",
    "regular_amounts",
    "shown",
]
