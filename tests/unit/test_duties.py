"""The prevention and relief duties: starting and ending them, the letters each needs, and
what the Personal Housing Plan tells the client.

Worked examples from Monday 23 November 2026; expected values are worked out from the rules.
"""

from __future__ import annotations

from datetime import date

import pytest

from housing_tui.calendar.deadlines import Deadline, DeadlineKind, due_status
from housing_tui.casework.duties import (
    Duty,
    DutyKind,
    LetterKind,
    duties_owed,
    ends_when_relief_starts,
    letters_needed,
    read_duty_end,
    read_duty_start,
)
from housing_tui.reference.hclic import hclic_codes

TODAY = date(2026, 11, 23)
APPROACHED = date(2026, 11, 2)


def prevention(started: date = date(2026, 11, 2), **rest: object) -> Duty:
    return Duty(id="p1", kind=DutyKind.PREVENTION, started_on=started, **rest)  # type: ignore[arg-type]


def relief(started: date = date(2026, 11, 16), **rest: object) -> Duty:
    return Duty(id="r1", kind=DutyKind.RELIEF, started_on=started, **rest)  # type: ignore[arg-type]


def start(
    typed: str,
    kind: DutyKind = DutyKind.PREVENTION,
    duties: list[Duty] | None = None,
    approached_on: date | None = APPROACHED,
) -> tuple[dict[str, object] | None, dict[str, str]]:
    return read_duty_start(
        {"started_on": typed},
        kind=kind,
        today=TODAY,
        approached_on=approached_on,
        duties=duties or [],
    )


# --- starting a duty -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "started"),
    [
        ("23/11/2026", TODAY),
        ("today", TODAY),
        ("2/11/26", APPROACHED),
        ("16 Nov 2026", date(2026, 11, 16)),
    ],
)
def test_a_duty_starts_on_or_after_the_approach_up_to_today(typed: str, started: date) -> None:
    assert start(typed) == ({"kind": DutyKind.PREVENTION, "started_on": started}, {})


def test_the_start_date_is_needed_and_must_be_a_real_date() -> None:
    assert set(start("")[1]) == {"started_on"}
    values, errors = start("31/11/2026")
    assert values is None
    assert errors["started_on"].startswith("Not a real date")


def test_no_duty_starts_before_the_approach() -> None:
    assert start("1/11/2026") == (
        None,
        {
            "started_on": "01/11/2026 is before the client approached us on 02/11/2026: "
            "no duty can start before the approach."
        },
    )


def test_without_an_approach_date_only_the_other_rules_apply() -> None:
    assert start("1/11/2026", approached_on=None)[1] == {}


def test_a_duty_cannot_start_in_the_future() -> None:
    assert start("+1") == (
        None,
        {"started_on": "24/11/2026 is in the future: record a duty on the day it starts."},
    )


def test_a_second_open_duty_of_the_same_kind_is_refused() -> None:
    values, errors = start("today", duties=[prevention()])
    assert values is None
    assert "has not ended" in errors["started_on"]
    values, errors = start("today", DutyKind.RELIEF, duties=[relief()])
    assert values is None
    assert "has not ended" in errors["started_on"]


def test_a_new_duty_of_the_same_kind_starts_no_earlier_than_the_last_ended() -> None:
    ended = prevention(ended_on=date(2026, 11, 10), end_reason="secured_stayed")
    assert "ran until 10/11/2026" in start("9/11/2026", duties=[ended])[1]["started_on"]
    assert start("10/11/2026", duties=[ended])[1] == {}


def test_relief_cannot_start_before_the_open_prevention_duty_began() -> None:
    duties = [prevention(date(2026, 11, 16))]
    values, errors = start("13/11/2026", DutyKind.RELIEF, duties)
    assert values is None
    assert "began on 16/11/2026" in errors["started_on"]
    assert start("16/11/2026", DutyKind.RELIEF, duties)[1] == {}
    assert start("20/11/2026", DutyKind.RELIEF, duties) == (
        {"kind": DutyKind.RELIEF, "started_on": date(2026, 11, 20)},
        {},
    )


def test_relief_cannot_start_while_an_ended_prevention_duty_still_ran() -> None:
    duties = [prevention(ended_on=date(2026, 11, 16), end_reason="homeless")]
    assert "ran until 16/11/2026" in start("12/11/2026", DutyKind.RELIEF, duties)[1]["started_on"]
    assert start("16/11/2026", DutyKind.RELIEF, duties)[1] == {}


def test_prevention_cannot_start_while_the_client_is_owed_the_relief_duty() -> None:
    values, errors = start("today", duties=[relief()])
    assert values is None
    assert "already homeless" in errors["started_on"]


# --- ending a duty -------------------------------------------------------------------------------

# Started Sunday 20 September 2026: its 56 days are 20 Sep to 14 Nov 2026 (11 days of September,
# 31 of October, 14 of November), so "56 days elapsed" can end it from 15 November.
SEPTEMBER = prevention(date(2026, 9, 20))


def end(duty: Duty, ended: str, reason: str) -> tuple[dict[str, object] | None, dict[str, str]]:
    return read_duty_end({"ended_on": ended, "end_reason": reason}, duty=duty, today=TODAY)


def test_a_duty_ends_with_a_date_and_a_reason_from_its_own_list() -> None:
    assert end(SEPTEMBER, "today", "secured_stayed") == (
        {"ended_on": TODAY, "end_reason": "secured_stayed"},
        {},
    )
    assert end(relief(), "20/11/2026", "secured") == (
        {"ended_on": date(2026, 11, 20), "end_reason": "secured"},
        {},
    )


def test_a_duty_can_end_on_the_day_it_started() -> None:
    assert end(relief(), "16/11/2026", "withdrew_or_deceased")[1] == {}


@pytest.mark.parametrize(
    ("duty", "reason"),
    [
        (SEPTEMBER, "secured"),  # relief list only
        (relief(), "secured_moved"),  # prevention list only
        (relief(), "homeless"),  # prevention list only
        (SEPTEMBER, "evicted"),
        (SEPTEMBER, ""),
    ],
)
def test_the_reason_must_come_from_the_list_for_the_duty(duty: Duty, reason: str) -> None:
    values, errors = end(duty, "today", reason)
    assert values is None
    assert set(errors) == {"end_reason"}


def test_the_lists_are_the_h_clic_duty_end_lists() -> None:
    assert DutyKind.PREVENTION.end_reasons == hclic_codes().prevention_duty_end
    assert DutyKind.RELIEF.end_reasons == hclic_codes().relief_duty_end


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Give the date, e.g. 23/11/2026 or 'today'."),
        ("+1", "24/11/2026 is in the future: end a duty on the day it ends."),
        ("19/9/2026", "19/09/2026 is before the duty started on 20/09/2026."),
    ],
)
def test_the_end_date_is_needed_and_falls_between_the_start_and_today(
    typed: str, message: str
) -> None:
    assert end(SEPTEMBER, typed, "contact_lost") == (None, {"ended_on": message})


def test_56_days_elapsed_only_once_the_56_days_are_over() -> None:
    values, errors = end(SEPTEMBER, "14/11/2026", "days_56_elapsed")
    assert values is None
    assert errors == {
        "end_reason": "The 56 days from 20/09/2026 run to 14/11/2026: '56 days elapsed' can only "
        "end the duty from 15/11/2026."
    }
    assert end(SEPTEMBER, "15/11/2026", "days_56_elapsed")[1] == {}
    # The relief duty from 16 Nov 2026 has had 8 of its days.
    assert set(end(relief(), "today", "days_56_elapsed")[1]) == {"end_reason"}


def test_every_bad_field_is_reported_at_once() -> None:
    assert set(end(SEPTEMBER, "soon", "")[1]) == {"ended_on", "end_reason"}


# --- relief starting ends prevention -------------------------------------------------------------


def test_relief_starting_ends_the_open_prevention_duty_that_day_as_homeless() -> None:
    open_prevention = prevention()
    duties = [open_prevention, relief(ended_on=date(2026, 11, 20), end_reason="secured")]
    assert ends_when_relief_starts(duties, TODAY) == (open_prevention, TODAY, "homeless")


def test_nothing_to_end_without_an_open_prevention_duty() -> None:
    assert ends_when_relief_starts([], TODAY) is None
    assert ends_when_relief_starts([relief()], TODAY) is None
    ended = prevention(ended_on=date(2026, 11, 10), end_reason="contact_lost")
    assert ends_when_relief_starts([ended], TODAY) is None


def test_relief_before_the_prevention_duty_is_a_mistake_in_the_caller() -> None:
    with pytest.raises(ValueError, match="before the prevention duty"):
        ends_when_relief_starts([prevention(date(2026, 11, 20))], date(2026, 11, 19))


# --- letters -------------------------------------------------------------------------------------


def test_a_started_duty_needs_its_letter_due_the_day_it_started() -> None:
    duty = prevention()
    assert letters_needed([duty], today=TODAY) == [
        (
            duty,
            LetterKind.PREVENTION_START,
            Deadline(
                "Send the prevention duty letter (assessment and plan): the duty started on "
                "02/11/2026",
                date(2026, 11, 2),
                LetterKind.PREVENTION_START.rule,
                DeadlineKind.STATUTORY,
            ),
        )
    ]


def test_an_ended_duty_needs_its_end_notice_due_the_day_it_ended() -> None:
    duty = prevention(ended_on=TODAY, end_reason="homeless", start_letter_on=date(2026, 11, 3))
    ((found, letter, deadline),) = letters_needed([duty], today=TODAY)
    assert (found, letter) == (duty, LetterKind.PREVENTION_END)
    assert deadline == Deadline(
        "Send the prevention duty end notice (with review rights): the duty ended on 23/11/2026",
        TODAY,
        LetterKind.PREVENTION_END.rule,
        DeadlineKind.STATUTORY,
    )
    # Due today; overdue the day after if it still has not gone.
    assert due_status(deadline, TODAY) == "due today"
    assert due_status(deadline, date(2026, 11, 24)) == "overdue"


def test_letters_sent_are_no_longer_needed() -> None:
    sent = [
        prevention(
            ended_on=date(2026, 11, 16),
            end_reason="homeless",
            start_letter_on=date(2026, 11, 2),
            end_letter_on=date(2026, 11, 17),
        ),
        relief(start_letter_on=date(2026, 11, 16)),
    ]
    assert letters_needed(sent, today=TODAY) == []


def test_every_missing_letter_is_listed_oldest_first() -> None:
    ended = prevention(ended_on=date(2026, 11, 16), end_reason="homeless")
    now_relief = relief(ended_on=date(2026, 11, 20), end_reason="secured")
    needed = letters_needed([now_relief, ended], today=TODAY)
    assert [(duty.id, letter, deadline.due) for duty, letter, deadline in needed] == [
        ("p1", LetterKind.PREVENTION_START, date(2026, 11, 2)),
        ("r1", LetterKind.RELIEF_START, date(2026, 11, 16)),
        ("p1", LetterKind.PREVENTION_END, date(2026, 11, 16)),
        ("r1", LetterKind.RELIEF_END, date(2026, 11, 20)),
    ]
    assert {due_status(deadline, TODAY) for _, _, deadline in needed} == {"overdue"}
    assert needed[3][2].what == (
        "Send the relief duty end notice (with review rights): the duty ended on 20/11/2026"
    )


def test_each_letter_names_the_law_that_requires_it() -> None:
    assert "s.195(5)-(6)" in LetterKind.PREVENTION_END.rule
    assert "s.189B(5)-(6)" in LetterKind.RELIEF_END.rule
    assert "s.184(3)" in LetterKind.RELIEF_START.rule
    for letter in (LetterKind.PREVENTION_END, LetterKind.RELIEF_END):
        assert "review (s.202) within 21 days" in letter.rule


# --- the Personal Housing Plan -------------------------------------------------------------------


def test_an_open_prevention_duty_told_to_the_client() -> None:
    # 56 days beginning Mon 23 Nov 2026: 8 in November, 31 in December, 17 in January.
    assert duties_owed([prevention(TODAY)], today=TODAY) == [
        "From 23 November 2026 we owe you the prevention duty: we must take reasonable steps to "
        "help you keep your home or find somewhere else to live. It lasts at least 56 days "
        "(until at least 17 January 2027) unless it ends sooner because you have somewhere "
        "suitable to live for at least 6 months, you become homeless (then the relief duty "
        "starts) or you no longer need or want our help. It ends only when we write to you with "
        "our reasons, and you can ask us to review that decision."
    ]


def test_an_ended_prevention_duty_and_the_relief_duty_that_followed() -> None:
    # Relief from Mon 16 Nov 2026: 15 days in November, 31 in December, 10 in January.
    duties = [
        relief(),
        prevention(date(2026, 10, 5), ended_on=date(2026, 11, 16), end_reason="homeless"),
    ]
    ended, owed = duties_owed(duties, today=TODAY)
    assert ended == (
        "The prevention duty we owed you from 5 October 2026 ended on 16 November 2026 because "
        "you became homeless. Our letter explains why; you can ask us to review the decision "
        "within 21 days of getting it."
    )
    assert owed.startswith(
        "From 16 November 2026 we owe you the relief duty: you are homeless, and we must take "
        "reasonable steps to help you find somewhere suitable to live that you can stay in for "
        "at least 6 months. It lasts 56 days, to 10 January 2027, unless"
    )
    assert "whether we owe you the main housing duty" in owed


def test_an_end_reason_with_no_plain_wording_leaves_the_why_to_the_letter() -> None:
    (sentence,) = duties_owed(
        [relief(ended_on=date(2026, 11, 20), end_reason="not_known")], today=TODAY
    )
    assert sentence.startswith(
        "The relief duty we owed you from 16 November 2026 ended on 20 November 2026. "
    )


def test_every_end_reason_in_the_lists_reads_as_a_sentence() -> None:
    for kind in DutyKind:
        for reason in kind.end_reasons.codes():
            (sentence,) = duties_owed(
                [Duty("d", kind, date(2026, 9, 1), TODAY, reason)], today=TODAY
            )
            assert sentence.endswith("within 21 days of getting it.")
            assert "Unknown" not in sentence


def test_a_duty_not_yet_started_is_not_in_the_plan() -> None:
    assert duties_owed([prevention(date(2026, 11, 24))], today=TODAY) == []
