"""Triage of a new approach: how urgent it is, why, and what must happen today.

Pure rules over the facts an officer records in the first minutes; the thresholds and the
"must happen today" list come from the council policy file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial

from housing_tui.reference import fields
from housing_tui.reference.codes import Channel, PresentingProblem, SafetyFlag, Urgency
from housing_tui.reference.fields import FieldError, age_on
from housing_tui.reference.policy import Policy, TriagePolicy

MAX_HOUSEHOLD = 20
"""More people than this in one household is a typing mistake."""


@dataclass(frozen=True)
class TriageFacts:
    """What the officer knows at triage, already checked."""

    homeless_tonight: bool = False
    must_leave_on: date | None = None
    adults: int = 1
    children: int = 0
    pregnant: bool = False
    flags: frozenset[SafetyFlag] = frozenset()
    date_of_birth: date | None = None


@dataclass(frozen=True)
class Approach:
    """A new approach ready to save: the facts plus how the client came and why."""

    channel: Channel
    presenting_problem: PresentingProblem
    facts: TriageFacts
    detail: str | None = None


@dataclass(frozen=True)
class UrgencyAssessment:
    urgency: Urgency
    reason: str
    """Why, in plain English, for the officer and anyone reviewing the case."""


@dataclass(frozen=True)
class TriageResult:
    """Everything the live triage panel shows."""

    urgency: UrgencyAssessment
    today: tuple[str, ...]
    next_action_on: date
    notes: tuple[str, ...] = field(default=())
    """Facts the rules inferred (e.g. aged 17 from the date of birth)."""


def assess_urgency(facts: TriageFacts, *, today: date, policy: TriagePolicy) -> UrgencyAssessment:
    window = policy.threatened_within_days
    if facts.homeless_tonight:
        return UrgencyAssessment(
            Urgency.HOMELESS_TONIGHT, "Homeless tonight: nowhere safe to stay."
        )
    if SafetyFlag.ROUGH_SLEEPING_TONIGHT in facts.flags:
        return UrgencyAssessment(Urgency.HOMELESS_TONIGHT, "Sleeping rough tonight.")
    if facts.must_leave_on is None:
        return UrgencyAssessment(
            Urgency.ADVICE_ONLY,
            "No date they must leave: advice only, unless a notice or a date comes to light.",
        )
    days = (facts.must_leave_on - today).days
    when = f"Must leave on {facts.must_leave_on:%a %d %b %Y}"
    if days <= 0:
        return UrgencyAssessment(Urgency.HOMELESS_TONIGHT, f"{when}: today.")
    if days <= window:
        return UrgencyAssessment(
            Urgency.THREATENED,
            f"{when}, in {days} day{'s' if days != 1 else ''}: threatened with homelessness "
            f"within {window} days, so the prevention duty applies.",
        )
    return UrgencyAssessment(
        Urgency.LATER,
        f"{when}, in {days} days: more than {window} days away. Advise now; "
        f"the prevention duty starts {facts.must_leave_on - timedelta(days=window):%d %b %Y}.",
    )


def aged_16_or_17(date_of_birth: date | None, today: date) -> bool:
    """The date of birth makes them 16 or 17 today (priority need, Housing Act 1996 s.189(1)
    and the 2002 Order; children's social care the same day): the triage box is ticked from it."""
    return date_of_birth is not None and age_on(date_of_birth, today) in (16, 17)


def effective_flags(facts: TriageFacts, *, today: date) -> tuple[frozenset[SafetyFlag], list[str]]:
    """The safety flags, with 16/17 added when the date of birth says so."""
    flags = set(facts.flags)
    notes = []
    if aged_16_or_17(facts.date_of_birth, today) and SafetyFlag.AGED_16_17 not in flags:
        assert facts.date_of_birth is not None
        flags.add(SafetyFlag.AGED_16_17)
        age = age_on(facts.date_of_birth, today)
        notes.append(f"Aged {age} from the date of birth: treated as 16/17.")
    return frozenset(flags), notes


FLAG_FROM_PROBLEM: dict[PresentingProblem, SafetyFlag] = {
    PresentingProblem.DOMESTIC_ABUSE: SafetyFlag.DOMESTIC_ABUSE,
    PresentingProblem.LEAVING_CARE: SafetyFlag.CARE_LEAVER,
    PresentingProblem.LEAVING_HOSPITAL: SafetyFlag.LEAVING_INSTITUTION,
    PresentingProblem.LEAVING_PRISON: SafetyFlag.LEAVING_INSTITUTION,
    PresentingProblem.ROUGH_SLEEPING: SafetyFlag.ROUGH_SLEEPING_TONIGHT,
}
"""The safety flag a presenting problem says is there: the triage ticks it, and the officer
may take the tick away (abuse in the past, a night already arranged)."""


def flags_from_answers(
    date_of_birth: date | None, problem: PresentingProblem | None, *, today: date
) -> frozenset[SafetyFlag]:
    """The safety flags earlier answers give: 16/17 from the date of birth, and the flag the
    presenting problem names."""
    flags = {SafetyFlag.AGED_16_17} if aged_16_or_17(date_of_birth, today) else set()
    if problem in FLAG_FROM_PROBLEM:
        flags.add(FLAG_FROM_PROBLEM[problem])
    return frozenset(flags)


def flags_ruled_out(date_of_birth: date | None, *, today: date, policy: Policy) -> frozenset[str]:
    """The flags (codes) the date of birth rules out, so the form need not offer them: the
    same rule that refuses them when ticked (`flag_conflicts`)."""
    every = TriageFacts(flags=frozenset(SafetyFlag), date_of_birth=date_of_birth)
    return frozenset(flag_conflicts(every, today=today, policy=policy))


def flag_label(flag: SafetyFlag, policy: Policy) -> str:
    """The flag as the triage form names it: the older person's age is the council's
    (`assessment.older_person_age`), which `flag_conflicts` checks the date of birth against."""
    if flag is SafetyFlag.OVER_55_CARE_NEEDS:
        return f"Aged {policy.assessment.older_person_age}+ with care needs"
    return flag.label


def must_happen_today(facts: TriageFacts, *, today: date, policy: TriagePolicy) -> list[str]:
    """The policy's "today" actions whose facts all hold, in the policy's order."""
    flags, _ = effective_flags(facts, today=today)
    urgency = assess_urgency(facts, today=today, policy=policy).urgency
    present = {flag.value for flag in flags}
    if urgency is Urgency.HOMELESS_TONIGHT:
        present.add("homeless_tonight")
    if facts.children:
        present.add("children")
    if facts.pregnant:
        present.add("pregnant")
    return [rule.action for rule in policy.today if rule.when <= present]


def triage(facts: TriageFacts, *, today: date, policy: TriagePolicy) -> TriageResult:
    assessment = assess_urgency(facts, today=today, policy=policy)
    actions = must_happen_today(facts, today=today, policy=policy)
    _, notes = effective_flags(facts, today=today)
    days = 0 if actions else policy.next_action_days[assessment.urgency]
    return TriageResult(assessment, tuple(actions), today + timedelta(days=days), tuple(notes))


def not_16_or_17(date_of_birth: date, on: date) -> str | None:
    """Why a '16 or 17' tick is wrong, when the date of birth says otherwise."""
    age = age_on(date_of_birth, on)
    return None if age in (16, 17) else f"The date of birth makes them {age}, not 16 or 17."


def flag_conflicts(facts: TriageFacts, *, today: date, policy: Policy) -> dict[str, str]:
    """Ticked flags that the date of birth contradicts, by flag code. The older person's age
    is the council's (`assessment.older_person_age`), as the interview's referral uses it."""
    if facts.date_of_birth is None:
        return {}
    age = age_on(facts.date_of_birth, today)
    conflicts = {}
    if SafetyFlag.AGED_16_17 in facts.flags and (wrong := not_16_or_17(facts.date_of_birth, today)):
        conflicts[SafetyFlag.AGED_16_17.value] = wrong
    older = policy.assessment.older_person_age
    if SafetyFlag.OVER_55_CARE_NEEDS in facts.flags and age < older:
        conflicts[SafetyFlag.OVER_55_CARE_NEEDS.value] = (
            f"The date of birth makes them {age}: the council's older person's age is {older}."
        )
    if SafetyFlag.CARE_LEAVER in facts.flags and age < 16:
        conflicts[SafetyFlag.CARE_LEAVER.value] = f"The date of birth makes them {age}."
    return conflicts


def read_approach(
    raw: dict[str, str],
    *,
    homeless_tonight: bool,
    pregnant: bool,
    flags: frozenset[SafetyFlag],
    date_of_birth: date | None,
    today: date,
    policy: Policy,
) -> tuple[Approach | None, dict[str, str]]:
    """The approach from the form, or None and a message for each field that cannot be used."""
    reading = fields.read_form(
        raw,
        {
            "channel": partial(_read_code, codes=Channel, what="How they came"),
            "presenting_problem": partial(_read_code, codes=PresentingProblem, what="The problem"),
            "detail": fields.parse_optional_text,
            "must_leave_on": partial(fields.parse_must_leave, today=today),
            "adults": partial(fields.parse_count, what="Adults", minimum=1, maximum=MAX_HOUSEHOLD),
            "children": partial(
                fields.parse_count, what="Children", minimum=0, maximum=MAX_HOUSEHOLD
            ),
        },
    )
    errors = dict(reading.errors)
    values = reading.values
    facts = TriageFacts(
        homeless_tonight=homeless_tonight,
        must_leave_on=values.get("must_leave_on"),
        adults=values.get("adults", 1),
        children=values.get("children", 0),
        pregnant=pregnant,
        flags=flags,
        date_of_birth=date_of_birth,
    )
    errors.update(flag_conflicts(facts, today=today, policy=policy))
    if errors:
        return None, errors
    # Saved as the rules read it: a 16/17-year-old is recorded so whether or not the box was
    # ticked, as the live panel treated them.
    facts = replace(facts, flags=effective_flags(facts, today=today)[0])
    return Approach(values["channel"], values["presenting_problem"], facts, values["detail"]), {}


def _read_code(text: str, *, codes: type[Channel] | type[PresentingProblem], what: str) -> str:
    try:
        return codes(text)
    except ValueError:
        raise FieldError(f"{what}: choose one from the list.") from None
