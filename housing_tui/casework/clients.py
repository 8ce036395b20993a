"""Who the client is: reading the client part of a form, and telling whether two records are
likely the same person (duplicates come from re-keying and are a known source of wrong counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import partial

from housing_tui.reference import fields

CLIENT_FIELDS = (
    "forenames",
    "surname",
    "date_of_birth",
    "ni_number",
    "phone",
    "email",
    "address",
    "postcode",
)


@dataclass(frozen=True)
class ClientDraft:
    """A client as typed, checked and cleaned, not yet saved."""

    forenames: str
    surname: str
    date_of_birth: date | None = None
    ni_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname}"


def read_client(raw: dict[str, str], *, today: date) -> tuple[ClientDraft | None, dict[str, str]]:
    """The client from the raw text of the form, or None and a message for each bad field."""
    reading = fields.read_form(
        raw,
        {
            "forenames": partial(fields.parse_name, what="First name(s)"),
            "surname": partial(fields.parse_name, what="Surname"),
            "date_of_birth": partial(fields.parse_date_of_birth, today=today),
            "ni_number": fields.parse_ni_number,
            "phone": fields.parse_phone,
            "email": fields.parse_email,
            "address": fields.parse_optional_text,
            "postcode": fields.parse_postcode,
        },
    )
    if reading.errors:
        return None, reading.errors
    return ClientDraft(**reading.values), {}


_OUTWARD_CODE = re.compile(r"^[a-z]{1,2}\d[a-z\d]?$", re.IGNORECASE)
_INWARD_START = re.compile(r"^\d[a-z]{0,2}$", re.IGNORECASE)


def search_words(text: str) -> list[str]:
    """The words typed into a search, with a postcode's two halves ("ZZ99 3AB") kept as one."""
    words: list[str] = []
    for word in text.split():
        if words and _INWARD_START.match(word) and _OUTWARD_CODE.match(words[-1]):
            words[-1] += word
        else:
            words.append(word)
    return words


SEARCH_ACCEPTS = (
    "Each word typed must match: the start of a first name, surname, postcode or NI number, "
    "or a whole date of birth typed as any date is. A case ref: the caseload's filter (/)."
)
"""What client search finds clients by (storage.clients.search_clients), as F1 says it."""


@dataclass(frozen=True)
class SearchWord:
    """A word typed into a search, or the words of a date of birth in it ("3 Apr 1990")."""

    text: str
    date_of_birth: date | None = None
    """The date of birth it gives, read as the triage reads one; None for any other word."""


_WORDS_IN_A_DATE = 4
"""The most words a date of birth is typed in: "3rd of April 1990"."""


def search_terms(text: str, *, today: date) -> list[SearchWord]:
    """The words typed into a search, each date of birth among them read by the triage's own
    reader (`fields.parse_date_of_birth`): whatever the triage accepts ("14/3/97",
    "03.04.90", "3 Apr 1990"), search finds the client by."""
    words = search_words(text)
    terms: list[SearchWord] = []
    start = 0
    while start < len(words):
        for length in range(min(_WORDS_IN_A_DATE, len(words) - start), 0, -1):
            typed = " ".join(words[start : start + length])
            if born := _date_of_birth(typed, today):
                terms.append(SearchWord(typed, born))
                start += length
                break
        else:
            terms.append(SearchWord(words[start]))
            start += 1
    return terms


def _date_of_birth(typed: str, today: date) -> date | None:
    """The date of birth `typed` gives, or None. A date ends in its year, so words that do not
    end in a digit are not one (and a pasted page is not read through the date parser)."""
    if not typed[-1].isdigit():
        return None
    try:
        return fields.parse_date_of_birth(typed, today=today)
    except fields.FieldError:
        return None


def search_key(text: str) -> str:
    """How names, postcodes and NI numbers are compared: lower case, no spaces or punctuation."""
    return "".join(character for character in text.casefold() if character.isalnum())


@dataclass(frozen=True)
class Likeness:
    """How strongly an existing client looks like the one being created, and why."""

    score: float
    reasons: tuple[str, ...]

    @property
    def is_likely_duplicate(self) -> bool:
        return self.score >= LIKELY_DUPLICATE


LIKELY_DUPLICATE = 0.6
"""A likeness at or above this is shown to the officer as a possible duplicate."""


def likeness(draft: ClientDraft, other: ClientDraft) -> Likeness:
    """Score 0..1 of how likely `other` is the same person as `draft`.

    The same NI number is decisive; the same date of birth with a similar name is strong
    (typos such as Smith/Smyth, or a first name shortened); a similar name at the same
    postcode is moderate. A name alone is never enough: names repeat.
    """
    reasons: list[str] = []
    score = 0.0
    if draft.ni_number and draft.ni_number == other.ni_number:
        score = 1.0
        reasons.append("same NI number")
    surname = _similarity(draft.surname, other.surname)
    forenames = _forename_similarity(draft.forenames, other.forenames)
    name = (surname + forenames) / 2
    if name >= 0.75:
        reasons.append("same name" if name == 1 else "similar name")
    if draft.date_of_birth and draft.date_of_birth == other.date_of_birth:
        reasons.append("same date of birth")
        score = max(score, 0.4 + 0.6 * name if name >= 0.6 else 0.3)
    elif name == 1 and not (draft.date_of_birth and other.date_of_birth):
        reasons.append("no date of birth to tell them apart")
        score = max(score, LIKELY_DUPLICATE)
    different_births = (
        draft.date_of_birth and other.date_of_birth and draft.date_of_birth != other.date_of_birth
    )
    if draft.postcode and draft.postcode == other.postcode:
        reasons.append("same postcode")
        # Same name, same home, different dates of birth: a parent and child, not a duplicate.
        if name >= 0.75 and not different_births:
            score = max(score, 0.7 * name)
    return Likeness(round(score, 2), tuple(reasons))


def _similarity(left: str, right: str) -> float:
    return SequenceMatcher(None, search_key(left), search_key(right)).ratio()


def _forename_similarity(left: str, right: str) -> float:
    """First names: 'Jo' and 'Joanne' count as alike, since people give short forms."""
    a, b = search_key(left), search_key(right)
    if a and b and (a.startswith(b) or b.startswith(a)):
        return 0.9
    return _similarity(left, right)


def guess_client_fields(search_text: str, *, today: date) -> dict[str, str]:
    """Carry what was typed into search over to the new-client form, each word to the field
    it looks like (a date, a postcode, an NI number, else a name)."""
    guessed: dict[str, str] = {}
    names: list[str] = []
    for term in search_terms(search_text, today=today):
        word = term.text
        if term.date_of_birth is not None:
            guessed.setdefault("date_of_birth", word)
            continue
        for field_name, parse in (
            ("postcode", fields.parse_postcode),
            ("ni_number", fields.parse_ni_number),
        ):
            if field_name in guessed or not any(character.isdigit() for character in word):
                continue
            try:
                parse(word)
            except fields.FieldError:
                continue
            guessed[field_name] = word
            break
        else:
            if word.replace("-", "").replace("'", "").isalpha():
                names.append(word)
    if names:
        guessed["surname"] = names[-1]
        if len(names) > 1:
            guessed["forenames"] = " ".join(names[:-1])
    return guessed
