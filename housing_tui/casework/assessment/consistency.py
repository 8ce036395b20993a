"""Statutory-return (H-CLIC) checks: answers that contradict each other or the household's
shape, named by field so the officer can correct them."""

from __future__ import annotations

from housing_tui.casework.assessment.facts import InterviewFacts, Relationship, _day
from housing_tui.casework.triage import not_16_or_17
from housing_tui.reference.codes import Channel
from housing_tui.reference.hclic import hclic_codes

_HOUSEHOLD_SHAPES = {
    "single_parent_male": ("one", True),
    "single_parent_female": ("one", True),
    "single_parent_other": ("one", True),
    "single_adult_male": ("one", False),
    "single_adult_female": ("one", False),
    "single_adult_other": ("one", False),
    "two_adults_with_children": ("two", True),
    "two_adults_without_children": ("two", False),
    "three_plus_adults_with_children": ("three_plus", True),
    "three_plus_adults_without_children": ("three_plus", False),
}
"""The people each H-CLIC household type stands for: how many adults, and whether there are
dependent children. Codes a council adds are not checked."""


_SHAPE_WORDS = {
    ("one", True): "a single parent with dependent children",
    ("one", False): "a single adult",
    ("two", True): "a couple or two adults with dependent children",
    ("two", False): "a couple or two adults without dependent children",
    ("three_plus", True): "three or more adults with dependent children",
    ("three_plus", False): "three or more adults without dependent children",
}


def consistency_problems(facts: InterviewFacts) -> dict[str, str]:
    """Answers that contradict each other, as the statutory return would find them at quarter
    end: one message per field, keyed by the field's name."""
    problems: dict[str, str] = {}
    codes = hclic_codes()
    for name, code_list in (
        ("hclic_household_type", codes.household_type),
        ("hclic_reason_for_loss", codes.reason_for_loss),
        ("hclic_accommodation_at_application", codes.accommodation_at_application),
        ("hclic_referral_source", codes.referral_source),
    ):
        code = getattr(facts, name)
        if code is not None and code not in code_list:
            problems[name] = (
                f"{code!r} is not on the H-CLIC list ({code_list.title}): choose again."
            )
    if facts.channel is Channel.DUTY_TO_REFER and facts.hclic_referral_source == "not_referred":
        problems["hclic_referral_source"] = (
            "They came through the duty to refer, but 'Referred by' says not referred: "
            "choose who referred them."
        )
    unknown_needs = sorted(
        need for need in facts.hclic_support_needs if need not in codes.support_needs
    )
    if unknown_needs:
        problems["hclic_support_needs"] = f"Not H-CLIC support needs: {', '.join(unknown_needs)}."
    elif facts.hclic_support_needs & {"none", "not_known"} and len(facts.hclic_support_needs) > 1:
        problems["hclic_support_needs"] = (
            "'No support needs' or 'unknown support needs' cannot go with other support needs."
        )

    applicants = [m for m in facts.members if m.relationship is Relationship.APPLICANT]
    if len(applicants) > 1:
        problems["members"] = "Only one person in the household can be the applicant."
    has_partner = any(m.relationship is Relationship.PARTNER for m in facts.members)
    if facts.partner_income is not None and facts.partner_income > 0 and not has_partner:
        problems["partner_income"] = (
            "Partner's income is recorded but there is no partner in the household: add the "
            "partner or remove the income."
        )
    if facts.approached_on is not None:
        for name, label in (
            ("prevention_duty_from", "prevention duty"),
            ("relief_duty_from", "relief duty"),
        ):
            start = getattr(facts, name)
            if start is not None and start < facts.approached_on:
                problems[name] = (
                    f"The {label} cannot start ({_day(start)}) before the approach "
                    f"({_day(facts.approached_on)})."
                )
    shape = _household_problem(facts)
    if shape and "hclic_household_type" not in problems:
        problems["hclic_household_type"] = shape
    applicant = facts.applicant
    if applicant is not None and applicant.date_of_birth is not None:
        for number, member in enumerate(facts.members):
            born = member.date_of_birth
            if member.dependent_child and born is not None and born < applicant.date_of_birth:
                problems[f"members[{number}].date_of_birth"] = (
                    f"A dependent child cannot be older than the applicant: born {_day(born)}, "
                    f"the applicant {_day(applicant.date_of_birth)}."
                )
        if facts.aged_16_17 and facts.approached_on is not None:
            wrong = not_16_or_17(applicant.date_of_birth, facts.approached_on)
            if wrong:
                problems["aged_16_17"] = wrong
    served, expires = facts.notice_served_on, facts.notice_expires_on
    if served is not None and expires is not None and expires < served:
        problems["notice_expires_on"] = (
            f"The notice expires ({_day(expires)}) before it was served ({_day(served)}): "
            "check both dates."
        )
    return problems


def _household_problem(facts: InterviewFacts) -> str | None:
    recorded = _HOUSEHOLD_SHAPES.get(facts.hclic_household_type or "")
    if recorded is None or not facts.members:
        return None
    adults = sum(1 for m in facts.members if not m.dependent_child)
    children = len(facts.members) - adults
    if adults == 0:
        return None
    size = "one" if adults == 1 else "two" if adults == 2 else "three_plus"
    actual = (size, children > 0)
    if actual == recorded:
        return None
    people = (
        f"{adults} adult{'s' if adults != 1 else ''} and {children} dependent "
        f"child{'ren' if children != 1 else ''}"
    )
    return (
        f"The household type says {_SHAPE_WORDS[recorded]}, but the household has {people}: "
        f"that is {_SHAPE_WORDS[actual]}."
    )
