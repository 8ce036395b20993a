"""Reading a household member from the member form."""

from __future__ import annotations

from datetime import date

from housing_tui.casework.assessment.facts import Relationship
from housing_tui.casework.interview.assessment_facts import MemberAnswer
from housing_tui.money.benefits import Sex
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

DEPENDENT_CHILD_MAX_AGE = 18
"""A dependent child is under 16, or 16 to 18 in full-time education or training."""


def read_member(raw: dict[str, str], *, today: date) -> tuple[MemberAnswer | None, dict[str, str]]:
    """A household member from the member form: the values to save, or a message per field."""
    reading = fields.read_form(
        raw,
        {
            "name": lambda text: fields.parse_name(text, "Name"),
            "relationship": lambda text: _one_of(text, Relationship, "Relationship"),
            "date_of_birth": lambda text: fields.parse_date_of_birth(text, today=today),
            "pregnant": lambda text: text == "yes",
            "due_date": lambda text: fields.parse_date(text, today=today),
            "dependent_child": lambda text: text == "yes",
            "sex": lambda text: _one_of(text, Sex, "Sex") if text else None,
        },
    )
    values, errors = reading.values, dict(reading.errors)
    if values.get("relationship") == Relationship.APPLICANT.value:
        errors["relationship"] = "The applicant is the client: add the other people here."
    born = values.get("date_of_birth")
    if values.get("dependent_child") and isinstance(born, date):
        age = fields.age_on(born, today)
        if age > DEPENDENT_CHILD_MAX_AGE:
            errors["dependent_child"] = f"Aged {age}: a dependent child is 18 or under."
    if values.get("pregnant") and not values.get("due_date") and "due_date" not in errors:
        errors["due_date"] = "Give the due date (it decides priority need and deadlines)."
    if errors:
        return None, errors
    born, due = values.get("date_of_birth"), values.get("due_date")
    sex = values.get("sex")
    return MemberAnswer(
        name=str(values["name"]),
        relationship=str(values["relationship"]),
        date_of_birth=born if isinstance(born, date) else None,
        pregnant=values.get("pregnant") is True,
        due_date=due if isinstance(due, date) else None,
        dependent_child=values.get("dependent_child") is True,
        sex=sex if isinstance(sex, str) else None,
    ), {}


def _one_of(text: str, codes: type[_Coded], what: str) -> str:
    try:
        return codes(text).value
    except ValueError:
        raise FieldError(f"{what}: choose one from the list.") from None
