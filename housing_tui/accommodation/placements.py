"""A placement in temporary accommodation: what kind, with whom, where, from and to when, what
it costs the council, who is placed, the duty it is under, and why it is out of the district
if it is; the form that records one, and what the rules refuse in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.money.amounts import parse_money
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

REASON_LIMIT = 500
"""A recorded reason (out of district, the 16/17 B&B override): a few sentences."""


class PlacementType(_Coded):
    """The kinds of temporary accommodation (H-CLIC's TA types, with the two the Suitability
    Order treats as B&B named apart)."""

    BED_AND_BREAKFAST = "bnb", "Bed and breakfast"
    HOSTEL = "hostel", "Hostel"
    COUNCIL_DISPERSED = "council_dispersed", "Council dispersed"
    PRIVATE_SECTOR_LEASING = "psl", "Private sector leasing"
    REFUGE = "refuge", "Refuge"
    NIGHTLY_LET = "nightly_let", "Nightly let"
    SHARED_ANNEXE = "shared_annexe", "Annexe with shared facilities"
    OTHER = "other", "Other"

    @property
    def is_bed_and_breakfast(self) -> bool:
        """B&B as the Suitability Order 2003 defines it: not self-contained, a toilet, washing
        or cooking facilities shared; so an annexe with shared facilities counts too."""
        return self in (PlacementType.BED_AND_BREAKFAST, PlacementType.SHARED_ANNEXE)


class PlacementDuty(_Coded):
    """The duty the council accommodates the household under."""

    INTERIM = "s188", "Interim (s.188)"
    INTENTIONAL = "s190", "Intentionally homeless (s.190)"
    MAIN = "s193", "Main housing duty (s.193)"


class CostPeriod(_Coded):
    NIGHTLY = "nightly", "a night"
    WEEKLY = "weekly", "a week"


@dataclass(frozen=True)
class Placement:
    """A placement as recorded (`id` empty until it is saved)."""

    type: PlacementType
    provider: str
    address: str
    start_on: date
    end_on: date | None
    """The day they left; None while they are there."""
    cost: Decimal
    cost_period: CostPeriod
    duty: PlacementDuty
    placed: tuple[str, ...] = ()
    """The household members placed (their ids); empty: the whole household."""
    out_of_district: bool = False
    out_of_district_reason: str = ""
    override_reason: str = ""
    """Why a 16- or 17-year-old is in B&B, as the principal who allowed it recorded it."""
    notified_on: date | None = None
    """Out of district: the day the receiving council was told of it (s.208)."""
    id: str = ""
    version: int = 0
    """The row's version when it was read, so a correction made from it cannot silently
    overwrite someone else's change meanwhile; 0 until it is saved."""

    def is_current(self, today: date) -> bool:
        return self.start_on <= today and (self.end_on is None or self.end_on > today)

    def shares_a_night_with(self, other: Placement) -> bool:
        """Someone placed in both on the same night (nights run from the day they moved in to
        the night before the day they left; no one listed means the whole household)."""
        people = not self.placed or not other.placed or bool(set(self.placed) & set(other.placed))
        before_other_left = other.end_on is None or self.start_on < other.end_on
        before_self_left = self.end_on is None or other.start_on < self.end_on
        return people and before_other_left and before_self_left

    def nights(self, up_to: date) -> int:
        """Nights in the placement before `up_to` (or before the day they left)."""
        last = up_to if self.end_on is None else min(self.end_on, up_to)
        return max(0, (last - self.start_on).days)


PLACEMENT_FORM_KEYS = (
    "type",
    "provider",
    "address",
    "start_on",
    "end_on",
    "cost",
    "cost_period",
    "duty",
    "out_of_district",
    "out_of_district_reason",
    "notified_on",
    "override_reason",
)
"""The placement form's fields in the order shown (and the order errors take focus)."""


def read_placement(
    raw: dict[str, str],
    *,
    today: date,
    placed: tuple[str, ...],
    applicant_16_17: bool,
    override_refused: str | None,
    others: tuple[Placement, ...] = (),
) -> tuple[Placement | None, dict[str, str]]:
    """The placement typed on the form, or a message per field (`PLACEMENT_FORM_KEYS`);
    `others`: the case's other placements, which it may not overlap."""
    reading = fields.read_form(
        raw,
        {
            "type": lambda text: _one_of(text, PlacementType, "Choose the kind of accommodation."),
            "provider": lambda text: _required_text(text, "the provider (hotel, landlord)", 200),
            "address": lambda text: _required_text(text, "the address", 500),
            "start_on": lambda text: _required_date(text, today, "the day they moved in"),
            "end_on": lambda text: fields.parse_date(text, today=today) if text.strip() else None,
            "cost": lambda text: _required_cost(text),
            "cost_period": lambda text: _one_of(text, CostPeriod, "Choose a night or a week."),
            "duty": lambda text: _one_of(text, PlacementDuty, "Choose the duty it is under."),
            "out_of_district": _yes_no,
            "out_of_district_reason": _reason,
            "notified_on": lambda text: _day_notified(text, today),
            "override_reason": _reason,
        },
    )
    if reading.errors:
        return None, reading.errors
    placement = Placement(**reading.values, placed=placed)
    problems = placement_problems(
        placement,
        applicant_16_17=applicant_16_17,
        override_refused=override_refused,
        others=others,
    )
    return (None, problems) if problems else (placement, {})


def placement_problems(
    placement: Placement,
    *,
    applicant_16_17: bool,
    override_refused: str | None,
    others: tuple[Placement, ...] = (),
) -> dict[str, str]:
    """What the rules refuse in a placement, by field; storage checks again before it saves.

    `override_refused` is why the officer recording it may not override the 16/17 B&B block
    (`casework.roles.refusal`), None if they may; `others` are the case's other placements
    (the one being corrected left out): no one can be in two on the same night."""
    found: dict[str, str] = {}
    overlapping = next(
        (
            other
            for other in others
            if other.id != placement.id and placement.shares_a_night_with(other)
        ),
        None,
    )
    if overlapping is not None:
        until = f" to {overlapping.end_on:%d/%m/%Y}" if overlapping.end_on else ", still there"
        found["start_on"] = (
            f"Someone placed would be in two placements on the same night: this overlaps "
            f"{overlapping.type.label} at {overlapping.provider} (from "
            f"{overlapping.start_on:%d/%m/%Y}{until}). Check the dates, or record the day they "
            "left that one first."
        )
    if placement.end_on is not None and placement.end_on <= placement.start_on:
        found["end_on"] = (
            f"They left on {placement.end_on:%d/%m/%Y}, not after they moved in on "
            f"{placement.start_on:%d/%m/%Y}: check the dates (leave it empty while they are there)."
        )
    if placement.out_of_district and not placement.out_of_district_reason:
        found["out_of_district_reason"] = (
            "A placement out of the district needs the reason it could not be in the district "
            "(Housing Act 1996 s.208): write it here."
        )
    if placement.notified_on is not None and not placement.out_of_district:
        found["notified_on"] = (
            "Leave this empty: the receiving council is told only of a placement out of the "
            "district."
        )
    if applicant_16_17 and placement.type.is_bed_and_breakfast:
        if override_refused is not None:
            found["type"] = (
                f"{placement.type.label} is not suitable for a 16- or 17-year-old. "
                f"{override_refused}"
            )
        elif not placement.override_reason:
            found["override_reason"] = (
                f"{placement.type.label} is not suitable for a 16- or 17-year-old: to place "
                "them there in an emergency, write why nothing else is available."
            )
    elif placement.override_reason:
        found["override_reason"] = (
            "Leave this empty: an override is only for placing a 16- or 17-year-old in B&B."
        )
    return found


def _one_of(text: str, codes: type[_Coded], message: str) -> _Coded:
    try:
        return codes(text.strip())
    except ValueError:
        raise FieldError(message) from None


def _required_text(text: str, what: str, limit: int) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FieldError(f"Type {what}.")
    if len(cleaned) > limit:
        raise FieldError(f"Keep it to {limit} characters (it has {len(cleaned)}).")
    return cleaned


def _reason(text: str) -> str:
    return fields.parse_optional_text(text, limit=REASON_LIMIT) or ""


def _day_notified(text: str, today: date) -> date | None:
    day = fields.parse_date(text, today=today) if text.strip() else None
    if day is not None and day > today:
        raise FieldError(
            f"{day:%d/%m/%Y} is after today: record the day the council was told once it is."
        )
    return day


def _required_date(text: str, today: date, what: str) -> date:
    day = fields.parse_date(text, today=today)
    if day is None:
        raise FieldError(f"Give {what}, e.g. {today:%d/%m/%Y} or today.")
    return day


def _required_cost(text: str) -> Decimal:
    amount = parse_money(text)
    if amount is None:
        raise FieldError("Type what it costs the council, e.g. 65 or £65.00.")
    return amount


def _yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer not in ("yes", "no", ""):
        raise FieldError("Choose yes or no.")
    return answer == "yes"
