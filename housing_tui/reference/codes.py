"""Code lists officers choose from: stored as short codes, shown as their labels.

Codes are what the database keeps (they never change meaning); labels are what a person reads.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self, overload


class _Coded(StrEnum):
    """A code list whose members carry a human label.

    A member is defined by its code and label (`DROP_IN = "drop_in", "Drop-in"`) and looked up
    by its code alone (`Channel("drop_in")`, which Enum answers without calling `__new__`); the
    two overloads say so, so the type checker accepts both.
    """

    _value_: str
    label: str

    @overload
    def __new__(cls, code: str) -> Self: ...
    @overload
    def __new__(cls, code: str, label: str) -> Self: ...
    def __new__(cls, code: str, label: str | None = None) -> Self:
        if label is None:
            raise TypeError(f"code {code!r} of {cls.__name__} is defined without its label")
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, code) pairs in the order officers see them, as Select widgets want."""
        return [(member.label, member.value) for member in cls]


class Channel(_Coded):
    """How the client approached the council."""

    DROP_IN = "drop_in", "Drop-in"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    HOME_VISIT = "home_visit", "Home visit"
    DUTY_TO_REFER = "duty_to_refer", "Referral under the duty to refer"
    OTHER = "other", "Other"


class PresentingProblem(_Coded):
    """Why the client says they are losing their home, in the words used at the front desk."""

    FAMILY_FRIENDS = "family_friends", "Family or friends asked them to leave"
    END_OF_PRIVATE_TENANCY = "end_private_tenancy", "End of private tenancy"
    RENT_ARREARS = "rent_arrears", "Rent arrears"
    RELATIONSHIP_BREAKDOWN = "relationship_breakdown", "Relationship breakdown"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    MORTGAGE_ARREARS = "mortgage_arrears", "Mortgage arrears"
    LEAVING_HOSPITAL = "leaving_hospital", "Leaving hospital"
    LEAVING_PRISON = "leaving_prison", "Leaving prison"
    LEAVING_CARE = "leaving_care", "Leaving care"
    LEAVING_ARMED_FORCES = "leaving_armed_forces", "Leaving the armed forces"
    ROUGH_SLEEPING = "rough_sleeping", "Rough sleeping"
    OTHER = "other", "Other"


class Urgency(_Coded):
    """How soon the client may be without a home; the order is most urgent first."""

    HOMELESS_TONIGHT = "homeless_tonight", "Homeless tonight"
    THREATENED = "threatened", "Threatened within 56 days"
    LATER = "later", "Later than 56 days"
    ADVICE_ONLY = "advice_only", "Advice only"

    @property
    def rank(self) -> int:
        """0 for the most urgent; used to sort caseloads."""
        return list(Urgency).index(self)


class CaseStatus(_Coded):
    """Where a case stands."""

    OPEN = "open", "Open"
    MAIN_DUTY = "main_duty", "Main housing duty"
    """Open, with the main housing duty (s.193) owed since the decision was notified: the
    duty lasts until it ends, often years in temporary accommodation, so the case stays open."""
    CLOSED = "closed", "Closed"

    @property
    def still_open(self) -> bool:
        """On the caseloads, the due list and the placements, and open to casework."""
        return self is not CaseStatus.CLOSED


STILL_OPEN: tuple[str, ...] = tuple(status.value for status in CaseStatus if status.still_open)
"""The codes of every status `still_open`, for a query's `IN`."""


class SafetyFlag(_Coded):
    """Facts at triage that change what must happen today."""

    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    AGED_16_17 = "aged_16_17", "Aged 16 or 17"
    CARE_LEAVER = "care_leaver", "Care leaver"
    LEAVING_INSTITUTION = "leaving_institution", "Leaving hospital or prison"
    OVER_55_CARE_NEEDS = "over_55_care_needs", "Aged 55+ with care needs"
    ROUGH_SLEEPING_TONIGHT = "rough_sleeping_tonight", "Sleeping rough tonight"


TRIAGE_CONDITIONS: frozenset[str] = frozenset(
    {flag.value for flag in SafetyFlag} | {"homeless_tonight", "children", "pregnant"}
)
"""Facts a policy rule for the "must happen today" list may name in its `when` list."""


class LhaCategory(_Coded):
    """The Local Housing Allowance rate a household's size puts it on (the size criteria)."""

    SHARED = "shared", "Shared accommodation rate"
    ONE_BEDROOM = "one_bedroom", "1 bedroom"
    TWO_BEDROOMS = "two_bedrooms", "2 bedrooms"
    THREE_BEDROOMS = "three_bedrooms", "3 bedrooms"
    FOUR_BEDROOMS = "four_bedrooms", "4 bedrooms"

    @classmethod
    def for_bedrooms(cls, bedrooms: int) -> LhaCategory:
        """The self-contained rate for `bedrooms` (1 to 4; more is paid at the 4-bedroom rate)."""
        if bedrooms < 1:
            raise ValueError(f"a self-contained rate needs at least 1 bedroom (got {bedrooms})")
        return (cls.ONE_BEDROOM, cls.TWO_BEDROOMS, cls.THREE_BEDROOMS, cls.FOUR_BEDROOMS)[
            min(bedrooms, 4) - 1
        ]
