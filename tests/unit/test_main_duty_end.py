"""The rules of ending the main housing duty (s.193): when it may end (not before the duty began,
not in the future), why (a reason from the H-CLIC list, and what happened for the letter), a
recorded end kept as it was, notified only after its letter; the duty owed after a review
overturns an adverse decision; the review window on the deadlines; and the letter, opened
with python-docx, naming the reason in plain words with the review rights and a hostile
client name as text."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import docx

from housing_tui.calendar.deadlines import CaseDates, case_deadlines
from housing_tui.casework.decisions.application import Application, read_review
from housing_tui.casework.decisions.letters import decision_letter_content
from housing_tui.casework.decisions.main_duty_end import (
    RECORDED,
    read_main_duty_end,
    why_main_duty_ended,
)
from housing_tui.casework.decisions.outcomes import ApplicationGround, Outcome, ReviewOutcome
from housing_tui.documents.rendering import (
    MAIN_DUTY_ENDED,
    load_templates,
    render_decision_letter,
)
from housing_tui.reference.hclic import hclic_codes
from housing_tui.reference.policy import load_policy

POLICY = load_policy()
TODAY = date(2027, 3, 5)
OWED = Application(
    id="a1",
    opened_on=date(2026, 11, 20),
    ground=ApplicationGround.REASON_TO_BELIEVE,
    outcome=Outcome.MAIN_DUTY,
    decided_on=date(2026, 11, 23),
    signed_off_on=date(2026, 11, 23),
    letter_on=date(2026, 11, 23),
    notified_on=date(2026, 11, 24),
)
FORM = {
    "main_duty_ended_on": "01/03/2027",
    "main_duty_end_reason": "prs_offer_refused",
    "main_duty_end_note": "They refused 2 Oak Street, offered on 15/02/2027.",
    "main_duty_end_notified_on": "",
}


def _read(application: Application = OWED, **typed: str):  # noqa: ANN202
    return read_main_duty_end({**FORM, **typed}, today=TODAY, application=application)


def test_a_main_duty_ends_on_a_day_from_when_it_began_to_today() -> None:
    values, errors = _read()
    assert errors == {}
    assert values == {
        "main_duty_ended_on": date(2027, 3, 1),
        "main_duty_end_reason": "prs_offer_refused",
        "main_duty_end_note": "They refused 2 Oak Street, offered on 15/02/2027.",
        "main_duty_end_notified_on": None,
    }
    # The day they were notified the duty was owed is its first day: it may end on it.
    assert _read(main_duty_ended_on="24/11/2026")[1] == {}
    assert _read(main_duty_ended_on="23/11/2026")[1] == {
        "main_duty_ended_on": "23/11/2026 is before the main duty began on 24/11/2026, the day "
        "they were notified it was owed."
    }
    assert "in the future" in _read(main_duty_ended_on="06/03/2027")[1]["main_duty_ended_on"]
    assert "Give the date" in _read(main_duty_ended_on="")[1]["main_duty_ended_on"]


def test_the_reason_comes_from_the_list_and_what_happened_is_written() -> None:
    assert "Choose why" in _read(main_duty_end_reason="")[1]["main_duty_end_reason"]
    assert (
        "Not a reason on the list" in _read(main_duty_end_reason="bored")[1]["main_duty_end_reason"]
    )
    assert "Write what happened" in _read(main_duty_end_note="  ")[1]["main_duty_end_note"]


def test_only_a_duty_owed_can_end() -> None:
    for not_owed in (
        replace(OWED, notified_on=None),  # decided, not yet notified
        replace(OWED, outcome=Outcome.NOT_HOMELESS),
        replace(
            OWED,
            review_requested_on=date(2026, 11, 30),
            review_outcome=ReviewOutcome.OVERTURNED,
            review_decided_on=date(2027, 1, 4),
        ),
    ):
        assert "not owed" in _read(not_owed)[1]["main_duty_ended_on"]


def test_a_recorded_end_is_kept_and_notified_only_after_its_letter() -> None:
    ended = replace(
        OWED,
        main_duty_ended_on=date(2027, 3, 1),
        main_duty_end_reason="prs_offer_refused",
        main_duty_end_note="They refused 2 Oak Street, offered on 15/02/2027.",
    )
    assert not ended.main_duty_owed and ended.main_duty_from == date(2026, 11, 24)
    # The same end written another way ("1/3/27") is no change.
    assert _read(ended, main_duty_ended_on="1/3/27")[1] == {}
    assert _read(ended, main_duty_end_reason="part6_accepted")[1] == {
        "main_duty_ended_on": RECORDED
    }
    assert (
        "Produce the letter first"
        in (_read(ended, main_duty_end_notified_on="02/03/2027")[1]["main_duty_end_notified_on"])
    )
    lettered = replace(ended, main_duty_end_letter_on=date(2027, 3, 2))
    assert (
        "before the letter was produced on 02/03/2027"
        in (_read(lettered, main_duty_end_notified_on="01/03/2027")[1]["main_duty_end_notified_on"])
    )
    values, errors = _read(lettered, main_duty_end_notified_on="03/03/2027")
    assert errors == {} and values is not None
    assert values["main_duty_end_notified_on"] == date(2027, 3, 3)
    notified = replace(lettered, main_duty_end_notified_on=date(2027, 3, 3))
    assert _read(notified, main_duty_end_notified_on="04/03/2027")[1] == {
        "main_duty_end_notified_on": RECORDED
    }


def test_a_review_may_overturn_only_an_adverse_decision_to_the_main_duty() -> None:
    review = {
        "review_requested_on": "30/11/2026",
        "review_outcome": ReviewOutcome.OVERTURNED_MAIN_DUTY.value,
        "review_decided_on": "11/01/2027",
    }
    _, errors = read_review(review, today=TODAY, application=OWED)
    assert "Only a decision against the applicant" in errors["review_outcome"]
    adverse = replace(OWED, outcome=Outcome.NO_PRIORITY_NEED)
    values, errors = read_review(review, today=TODAY, application=adverse)
    assert errors == {} and values is not None
    overturned = replace(adverse, **values)
    # Owed from the day the review decided it, as from a notified main-duty decision.
    assert overturned.main_duty_owed and overturned.main_duty_from == date(2027, 1, 11)
    assert not replace(adverse, review_outcome=ReviewOutcome.OVERTURNED).main_duty_owed


def test_the_end_letter_then_its_review_window_are_on_the_deadlines() -> None:
    def due(facts: CaseDates) -> list[tuple[str, date]]:
        return [
            (d.key, d.due)
            for d in case_deadlines(facts, today=TODAY, policy=POLICY)
            if "main duty" in d.what
        ]

    ended = CaseDates(main_duty_ended_on=date(2027, 3, 1))
    assert due(ended) == [("main_duty_end_letter", date(2027, 3, 1))]
    # Notified Wed 3 Mar 2027: 21 days beginning with that day (s.202(3)) end Tue 23 Mar.
    notified = replace(ended, main_duty_end_notified_on=date(2027, 3, 3))
    assert due(notified) == [("", date(2027, 3, 23))]


def test_every_reason_on_the_list_has_plain_words_for_the_letter() -> None:
    for entry in hclic_codes().main_duty_end:
        words = why_main_duty_ended(entry.code)
        assert words and "_" not in words
    assert why_main_duty_ended("prs_offer_accepted") == "you accepted a private rented sector offer"


def test_the_letter_names_the_reason_and_the_review_rights_and_prints_a_name_as_typed() -> None:
    hostile = "# Heading [Pay here](http://pay.example) <b>Bold</b> {{ council_name }}"
    ended = replace(
        OWED,
        main_duty_ended_on=date(2027, 3, 1),
        main_duty_end_reason="prs_offer_refused",
        main_duty_end_note="*They* refused [2 Oak Street](http://x.example).",
    )
    content = decision_letter_content(
        ended,
        MAIN_DUTY_ENDED,
        client_name=hostile,
        client_address="1 Mill Lane\nZZ99 9ZZ",
        case_ref="HOU-2026-0042",
        officer_name="Olu Officer",
        written_on=date(2027, 3, 2),
        policy=POLICY.decisions,
    )
    rendered = render_decision_letter(content, council=POLICY.council, templates=load_templates())
    word = docx.Document(io.BytesIO(rendered.docx))
    texts = [p.text for p in word.paragraphs]
    joined = "\n".join(texts)
    assert (
        "We have decided that this duty ended on Monday 1 March 2027 because you refused a "
        "suitable private rented sector offer." in joined
    )
    assert "*They* refused [2 Oak Street](http://x.example)." in texts
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Your right to ask for a review" in headings
    # Written Tue 2 Mar 2027: 21 days beginning with that day end Mon 22 Mar 2027.
    assert "by Monday 22 March 2027" in joined
    # The name as typed, placeholder and all; no heading, link or bold made of it.
    assert f"Dear {hostile}," in texts
    xml = zipfile.ZipFile(io.BytesIO(rendered.docx)).read("word/document.xml").decode()
    assert "<w:hyperlink" not in xml and "&lt;b&gt;Bold&lt;/b&gt;" in xml
    assert not any(
        p.style.name.startswith("Heading") and hostile in p.text for p in word.paragraphs
    )
