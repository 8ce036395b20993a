"""The end of the main housing duty (Housing Act 1996 s.193): the day, why (the H-CLIC main duty
end list), what happened in the officer's words, and the day the applicant was notified.

The duty lasts until one of the law's circumstances ends it (an offer accepted or refused, no
longer eligible, intentionally homeless from the accommodation, leaving it). Every ending needs
a letter with the reasons and the right to a review (s.202(1)(b)); as for the decision itself
(`application.read_notified`), the end counts as notified only once its letter was produced,
and the review window runs from the day notified. A recorded end is kept as it was, like a
signed-off decision: the same values written another way are no change, anything else is
refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from housing_tui.casework.decisions.application import (
    Application,
    Reading,
    past_day,
    short_day,
)
from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError
from housing_tui.reference.hclic import hclic_codes

END_KEYS = (
    "main_duty_ended_on",
    "main_duty_end_reason",
    "main_duty_end_note",
    "main_duty_end_notified_on",
)
"""The form's fields, each the application's (and its table's) field of the same name."""

RECORDED = "The end of the main duty is recorded: it can no longer change."

_IN_PLAIN_WORDS = {
    "part6_accepted": "you accepted an offer of a home from the housing register (Part 6)",
    "part6_refused": "you refused a suitable offer of a home from the housing register (Part 6)",
    "prs_offer_accepted": "you accepted a private rented sector offer",
    "prs_offer_refused": "you refused a suitable private rented sector offer",
    "refused_suitable_ta": "you refused suitable temporary accommodation we offered",
    "withdrew_or_lost_contact": "you withdrew your application, or we lost contact with you",
    "ceased_eligible": "you are no longer eligible for help",
    "intentionally_homeless_from_ta": "you became homeless intentionally from the temporary "
    "accommodation we provided",
    "voluntarily_left_ta": "you left the temporary accommodation we provided",
}


def why_main_duty_ended(reason: str) -> str:
    """Why the main duty ended, as the letter tells the client; a code with no plain wording
    ("not known", a council's own) reads as its label on the list."""
    return _IN_PLAIN_WORDS.get(reason) or hclic_codes().main_duty_end.label(reason).lower()


def _reason(text: str) -> str:
    listed, code = hclic_codes().main_duty_end, text.strip()
    if not code:
        raise FieldError(f"Choose why ({listed.title.lower()}).")
    if code not in listed:
        raise FieldError(f"Not a reason on the list ({listed.title.lower()}): choose one.")
    return code


def read_main_duty_end(raw: Mapping[str, str], *, today: date, application: Application) -> Reading:
    """Keys END_KEYS: the values to save, or a message per field. The end is refused on a case
    not owed the main duty, before the duty began, or in the future; without a reason from the
    list or the note the letter gives as the reasons; and once recorded, if it differs."""
    reading = fields.read_form(
        raw,
        {
            "main_duty_ended_on": lambda text: past_day(text, today, required=True),
            "main_duty_end_reason": _reason,
            "main_duty_end_note": lambda text: text.strip(),
            "main_duty_end_notified_on": lambda text: past_day(text, today, required=False),
        },
    )
    values, errors = dict(reading.values), dict(reading.errors)
    if "main_duty_end_note" in values and not values["main_duty_end_note"]:
        errors["main_duty_end_note"] = (
            "Write what happened: the letter gives it as our reasons (s.184(3))."
        )
    if errors:
        return None, errors
    problem = main_duty_end_refusal(application, values)
    return (None, problem) if problem else (values, {})


def main_duty_end_refusal(application: Application, values: Mapping[str, object]) -> dict[str, str]:
    """What the saved `application` refuses in the end `values` (keys END_KEYS), per field:
    checked by the form's reader and again by storage in its transaction."""
    began = application.main_duty_from
    ended = values["main_duty_ended_on"]
    notified = values["main_duty_end_notified_on"]
    assert isinstance(ended, date) and (notified is None or isinstance(notified, date))
    if application.main_duty_ended_on is not None:
        saved = {key: getattr(application, key) for key in END_KEYS if key != END_KEYS[-1]}
        if any(values[key] != value for key, value in saved.items()):
            return {"main_duty_ended_on": RECORDED}
    elif began is None or not application.main_duty_owed:
        return {"main_duty_ended_on": "The main duty is not owed on this case: nothing to end."}
    if began is not None and ended < began:
        return {
            "main_duty_ended_on": f"{short_day(ended)} is before the main duty began on "
            f"{short_day(began)}, the day they were notified it was owed."
        }
    letter_on = application.main_duty_end_letter_on
    if notified is not None and letter_on is None:
        return {
            "main_duty_end_notified_on": "Produce the letter first (Ctrl+T): the end is "
            "notified by its letter."
        }
    if notified is not None and letter_on is not None and notified < letter_on:
        return {
            "main_duty_end_notified_on": f"{short_day(notified)} is before the letter was "
            f"produced on {short_day(letter_on)}."
        }
    saved_notified = application.main_duty_end_notified_on
    if saved_notified is not None and notified != saved_notified:
        return {"main_duty_end_notified_on": RECORDED}
    return {}


def main_duty_end_letter_refusal(application: Application) -> str | None:
    """Why the letter saying the main duty ended cannot be produced, or None."""
    if application.main_duty_ended_on is None:
        return "Record the end of the main duty first (Ctrl+E)."
    return None
