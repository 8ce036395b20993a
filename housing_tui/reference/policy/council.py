"""The [council] section: the council's name and contact details on every document
(`housing_tui.documents`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CouncilPolicy:
    """The council's name and contact details, printed on every plan and letter
    (`housing_tui.documents.rendering`). The shipped values are samples a council must replace."""

    name: str
    address: tuple[str, ...]
    """The postal address, one line each, where a client can write (e.g. to ask for a review)."""
    phone: str
    email: str
    """May be empty: the documents then leave email out."""
    office_hours: str
    """When the phone is answered, e.g. "Monday to Friday, 9am to 5pm"; may be empty."""
    out_of_hours_phone: str
    """The emergency line outside office hours, for someone with nowhere to stay tonight."""
    website: str
    """May be empty."""


_COUNCIL_KEYS = frozenset(
    ("name", "address", "phone", "email", "office_hours", "out_of_hours_phone", "website")
)


def read_council(raw: dict[str, Any]) -> CouncilPolicy:
    # A misspelt key would silently leave the sample value on every letter: refuse it.
    unknown = set(raw) - _COUNCIL_KEYS
    if unknown:
        raise ValueError(
            f"council: unknown keys {sorted(unknown)}; the keys are {sorted(_COUNCIL_KEYS)}"
        )

    def text(key: str, *, required: bool = False) -> str:
        value = raw[key]
        if not isinstance(value, str):
            raise ValueError(f'council.{key} must be text in quotes, e.g. "..." (got {value!r})')
        if required and not value.strip():
            # Letters tell the client to ring these numbers in an emergency or to ask for a
            # review: a blank would leave the client without a way to reach the council.
            raise ValueError(f"council.{key} must not be empty: every plan and letter shows it")
        return value.strip()

    address = raw["address"]
    if (
        not isinstance(address, list)
        or not all(isinstance(line, str) for line in address)
        or not any(line.strip() for line in address)
    ):
        raise ValueError(
            'council.address must be a list of lines, e.g. ["Council Offices", "1 High Street"] '
            f"(got {address!r})"
        )
    return CouncilPolicy(
        name=text("name", required=True),
        address=tuple(line.strip() for line in address if line.strip()),
        phone=text("phone", required=True),
        email=text("email"),
        office_hours=text("office_hours"),
        out_of_hours_phone=text("out_of_hours_phone", required=True),
        website=text("website"),
    )
