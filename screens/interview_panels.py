"""What the interview (screens/interview.py) shows around its form: the strip of sections
across the top, each with its key and whether it is complete, and what the section on show
still needs (`section_strip`, keys in `SECTION_KEYS`); and the assessment beside the form,
worked out live from the facts as the officer answers (`assessment_text`). Text only: the
screen puts it on show.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape

from housing_tui.casework.assessment.eligibility import eligibility
from housing_tui.casework.assessment.facts import InterviewFacts, NoticeType
from housing_tui.casework.assessment.homelessness import homelessness_status
from housing_tui.casework.assessment.interim_accommodation import interim_accommodation
from housing_tui.casework.assessment.local_connection import local_connection
from housing_tui.casework.assessment.missing import SECTIONS as MISSING_SECTIONS
from housing_tui.casework.assessment.missing import missing_items
from housing_tui.casework.assessment.next_steps import must_happen
from housing_tui.casework.assessment.notices import NoticeValidity, notice_validity
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.casework.interview import SECTIONS, SectionProgress, household_budget, progress
from housing_tui.money.amounts import pounds
from screens import format as show

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy

SECTION_KEYS = [f"f{number}" for number in range(2, 2 + len(SECTIONS))]
"""The keys that jump to each section, in order: F2 for the first."""


NARROWEST = 78
"""The strip's width at 80 columns (it has a column of padding each side)."""


def section_strip(answers: dict[str, str], section_index: int, width: int = NARROWEST) -> str:
    """Each section's key, short title and ✓ once complete, the one on show picked out; and
    under it what the section on show still needs for its ✓ (the same rule, `progress`).
    Both fit `width` columns: where every title does not fit on one line (at 80 columns),
    only the section on show has its title and the others their key and mark."""
    states = progress(answers)
    marks = ["✓" if state.complete else "·" for state in states]
    keys = [key.upper() for key in SECTION_KEYS]
    titled = [
        f"{key} {state.section.short} {mark}"
        for key, state, mark in zip(keys, states, marks, strict=True)
    ]
    # The one on show has a space each side, so its highlight does not touch its neighbours.
    if len(" ".join(titled)) + 2 > width:
        titled = [
            text if index == section_index else f"{key} {mark}"
            for index, (text, key, mark) in enumerate(zip(titled, keys, marks, strict=True))
        ]
    titled[section_index] = f"[b reverse] {titled[section_index]} [/]"
    needs = _needs(SECTION_KEYS[section_index], states[section_index], width)
    return " ".join(titled) + "\n" + escape(needs)


def _needs(key: str, state: SectionProgress, width: int) -> str:
    """'F4 Threat needs: Notice', as many of the missing answers as fit, then how many more
    (the assessment beside the form lists them all)."""
    lead = f"{key.upper()} {state.section.short}"
    if state.complete:
        return f"{lead} ✓ nothing more needed"
    shown: list[str] = []
    for number, label in enumerate(state.missing):
        more = len(state.missing) - number - 1
        line = f"{lead} needs: {', '.join([*shown, label])}"
        if len(line + (f" and {more} more" if more else "")) > width and shown:
            return f"{lead} needs: {', '.join(shown)} and {more + 1} more"
        shown.append(label)
    return f"{lead} needs: {', '.join(shown)}"


def assessment_text(
    facts: InterviewFacts,
    answers: dict[str, str],
    *,
    section_index: int,
    problems: Mapping[str, str],
    today: date,
    policy: Policy,
) -> str:
    """The duties owed and the tests behind them, what must happen, the household's money,
    then what does not add up (`problems`), what the section on show still needs and what is
    missing anywhere."""
    budget = household_budget(answers)
    missing = progress(answers)[section_index].missing
    lines = [
        *_findings(facts, today=today, policy=policy),
        "",
        f"MONEY (weekly): in {pounds(budget.weekly_income)} "
        f"out {pounds(budget.weekly_outgoings)} left {pounds(budget.weekly_residual)}",
        f"(monthly: in {pounds(budget.monthly_income)} "
        f"out {pounds(budget.monthly_outgoings)} left {pounds(budget.monthly_residual)})",
    ]
    if problems:
        lines += ["", "DOES NOT ADD UP", *[f"• {message}" for message in problems.values()]]
    if missing:
        lines += ["", "STILL NEEDED HERE", *[f"• {label}" for label in missing]]
    for heading, items in missing_items(facts).items():
        lines += [
            "",
            f"MISSING: {MISSING_SECTIONS[heading].upper()}",
            *[f"• {item}" for item in items],
        ]
    return "\n".join(lines)


def _findings(facts: InterviewFacts, *, today: date, policy: Policy) -> list[str]:
    """Each test's answer with its reasons, in the order the law asks them, and what must
    happen next."""
    status = homelessness_status(facts, today=today, policy=policy)
    eligible = eligibility(facts)
    need = priority_need(facts, today=today)
    connection = local_connection(facts, policy=policy)
    interim = interim_accommodation(facts, today=today, policy=policy)
    actions = must_happen(facts, today=today, policy=policy)
    return [
        f"DUTY: {status.status.label}",
        status.reason,
        "",
        *_notice_lines(notice_validity(facts, today=today, policy=policy), facts),
        f"ELIGIBILITY: {eligible.answer.label}",
        eligible.reason,
        "",
        f"PRIORITY NEED: {need.answer.label}",
        *[f"• {r}" for r in need.reasons],
        "",
        f"LOCAL CONNECTION: {connection.answer.label}",
        *[f"• {r}" for r in connection.reasons],
        "",
        f"INTERIM ACCOMMODATION: {'owed tonight' if interim.owed else 'not owed now'}",
        interim.reason,
        *interim.notes,
        "",
        "MUST HAPPEN",
        *([f"• {a.what} by {show.day(a.due)} ({a.rule})" for a in actions] or ["Nothing yet."]),
    ]


def _notice_lines(notice: NoticeValidity, facts: InterviewFacts) -> list[str]:
    """A section 8 or 21 notice's check, with the ground it is on."""
    if facts.notice not in (NoticeType.SECTION_8, NoticeType.SECTION_21):
        return []
    ground = f" (ground {notice.ground})" if notice.ground else ""
    return [f"NOTICE{ground}: {notice.check.label}", notice.reason, ""]
