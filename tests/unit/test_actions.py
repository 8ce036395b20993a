"""Plan steps: the action form, what counts as a prevention or a relief, and step deadlines.

Worked examples from Monday 23 November 2026; expected values are worked out from the rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from housing_tui.calendar.deadlines import Deadline, DeadlineKind, due_status
from housing_tui.casework.duties import DutyKind
from housing_tui.prevention.actions import (
    ActionOwner,
    ActionStatus,
    Outcome,
    PlanAction,
    SecuredAccommodation,
    action_deadlines,
    read_action,
    secured_accommodation,
)

TODAY = date(2026, 11, 23)


def form(**typed: str) -> dict[str, str]:
    """An action form with a sound agreed council step, changed by `typed`."""
    return {
        "title": "Negotiate with the landlord",
        "owner": "council",
        "due_on": "",
        "status": "agreed",
        "outcome": "",
        "outcome_on": "",
        "accommodation_secured": "",
        "note": "",
    } | typed


def errors_of(**typed: str) -> dict[str, str]:
    values, errors = read_action(form(**typed), today=TODAY)
    assert values is None
    return errors


# --- the form: good cases ------------------------------------------------------------------------


def test_an_agreed_step_is_read_with_its_due_date_and_tidy_title() -> None:
    values, errors = read_action(
        form(title="  Negotiate   with the landlord ", due_on="+14", note=" Rang agent "),
        today=TODAY,
    )
    assert errors == {}
    assert values == {
        "title": "Negotiate with the landlord",
        "owner": ActionOwner.COUNCIL,
        "due_on": date(2026, 12, 7),
        "status": ActionStatus.AGREED,
        "outcome": None,
        "outcome_on": None,
        "accommodation_secured": None,
        "note": "Rang agent",
    }


def test_a_client_step_proposed_with_a_typed_date() -> None:
    values, errors = read_action(
        form(
            title="Bring three months' bank statements",
            owner="applicant",
            due_on="30/11/2026",
            status="proposed",
        ),
        today=TODAY,
    )
    assert errors == {}
    assert values is not None
    assert values["owner"] is ActionOwner.APPLICANT
    assert values["status"] is ActionStatus.PROPOSED
    assert values["due_on"] == date(2026, 11, 30)


def test_succeeded_stayed_needs_only_the_date_it_was_secured() -> None:
    values, errors = read_action(
        form(status="succeeded", outcome="stayed", outcome_on="20/11/2026"), today=TODAY
    )
    assert errors == {}
    assert values is not None
    assert values["outcome"] is Outcome.STAYED
    assert values["outcome_on"] == date(2026, 11, 20)
    assert values["accommodation_secured"] is None


def test_succeeded_moved_today_with_the_accommodation_secured() -> None:
    values, errors = read_action(
        form(
            status="succeeded",
            outcome="moved",
            outcome_on="today",
            accommodation_secured="prs_self_contained",
        ),
        today=TODAY,
    )
    assert errors == {}
    assert values is not None
    assert values["outcome"] is Outcome.MOVED
    assert values["outcome_on"] == TODAY
    assert values["accommodation_secured"] == "prs_self_contained"


@pytest.mark.parametrize(
    ("status", "outcome", "outcome_on"),
    [
        ("failed", "", ""),
        ("failed", "helped_not_secured", "16/11/2026"),
        ("withdrawn", "not_needed", ""),
        ("succeeded", "other", ""),
    ],
)
def test_finished_steps_without_a_secured_outcome_need_no_date(
    status: str, outcome: str, outcome_on: str
) -> None:
    values, errors = read_action(
        form(status=status, outcome=outcome, outcome_on=outcome_on), today=TODAY
    )
    assert errors == {}
    assert values is not None


def test_a_title_of_exactly_120_characters_is_short_enough() -> None:
    values, errors = read_action(form(title="x" * 120), today=TODAY)
    assert errors == {}
    assert values is not None


def test_activity_codes_are_read_only_when_the_form_has_them() -> None:
    values, _ = read_action(form(), today=TODAY)
    assert values is not None
    assert "prevention_activity" not in values
    assert "relief_activity" not in values
    values, errors = read_action(
        form(prevention_activity="dhp_shortfall", relief_activity="helped_with_payment"),
        today=TODAY,
    )
    assert errors == {}
    assert values is not None
    assert values["prevention_activity"] == "dhp_shortfall"
    assert values["relief_activity"] == "helped_with_payment"
    values, errors = read_action(form(prevention_activity=""), today=TODAY)
    assert values is not None
    assert values["prevention_activity"] is None


# --- the form: each refusal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"owner": ""}, "owner"),
        ({"owner": "landlord"}, "owner"),
        ({"status": ""}, "status"),
        ({"status": "done"}, "status"),
        ({"due_on": "31/02/2026"}, "due_on"),
        ({"outcome": "evicted", "status": "failed"}, "outcome"),
        (
            {
                "accommodation_secured": "castle",
                "status": "succeeded",
                "outcome": "moved",
                "outcome_on": "20/11/2026",
            },
            "accommodation_secured",
        ),
        ({"note": "x" * 1001}, "note"),
        ({"prevention_activity": "bribe"}, "prevention_activity"),
        # DHP is a prevention activity; the relief list has no such code.
        ({"relief_activity": "dhp_shortfall"}, "relief_activity"),
    ],
)
def test_fields_that_cannot_be_used_are_refused(typed: dict[str, str], field: str) -> None:
    assert set(errors_of(**typed)) == {field}


@pytest.mark.parametrize("status", ["proposed", "agreed", "in_progress"])
def test_an_outcome_only_on_a_finished_step(status: str) -> None:
    errors = errors_of(status=status, outcome="helped_not_secured")
    assert set(errors) == {"outcome"}
    assert "succeeded, failed or been withdrawn" in errors["outcome"]


def test_a_succeeded_step_needs_an_outcome() -> None:
    assert set(errors_of(status="succeeded")) == {"outcome"}


@pytest.mark.parametrize("status", ["failed", "withdrawn"])
@pytest.mark.parametrize("outcome", ["stayed", "moved"])
def test_a_failed_or_withdrawn_step_cannot_have_secured_accommodation(
    status: str, outcome: str
) -> None:
    secured = "prs_hmo" if outcome == "moved" else ""
    errors = errors_of(
        status=status, outcome=outcome, outcome_on="20/11/2026", accommodation_secured=secured
    )
    assert set(errors) == {"outcome"}
    assert "mark it succeeded" in errors["outcome"]


@pytest.mark.parametrize("outcome", ["stayed", "moved"])
def test_a_secured_outcome_needs_the_date_it_was_secured(outcome: str) -> None:
    secured = "srs_council" if outcome == "moved" else ""
    errors = errors_of(status="succeeded", outcome=outcome, accommodation_secured=secured)
    assert set(errors) == {"outcome_on"}
    assert "date the accommodation was secured" in errors["outcome_on"]


def test_an_outcome_date_cannot_be_in_the_future() -> None:
    errors = errors_of(
        status="succeeded", outcome="moved", outcome_on="+1", accommodation_secured="family"
    )
    assert errors == {"outcome_on": "24/11/2026 is in the future: record what happened."}


def test_an_unreadable_outcome_date_is_reported_once() -> None:
    errors = errors_of(status="succeeded", outcome="stayed", outcome_on="31/13/2026")
    assert set(errors) == {"outcome_on"}
    assert errors["outcome_on"].startswith("Not a real date")


def test_an_outcome_date_without_an_outcome_is_refused() -> None:
    assert set(errors_of(status="failed", outcome_on="20/11/2026")) == {"outcome_on"}


def test_moved_needs_the_accommodation_secured() -> None:
    errors = errors_of(status="succeeded", outcome="moved", outcome_on="20/11/2026")
    assert set(errors) == {"accommodation_secured"}


def test_stayed_carries_no_accommodation_secured() -> None:
    errors = errors_of(
        status="succeeded",
        outcome="stayed",
        outcome_on="20/11/2026",
        accommodation_secured="prs_hmo",
    )
    assert errors == {
        "accommodation_secured": "They stayed in their home: leave the accommodation secured empty."
    }


@pytest.mark.parametrize(
    ("status", "outcome"),
    [("agreed", ""), ("failed", "helped_not_secured"), ("succeeded", "other")],
)
def test_only_a_move_records_the_accommodation_secured(status: str, outcome: str) -> None:
    errors = errors_of(status=status, outcome=outcome, accommodation_secured="prs_hmo")
    assert set(errors) == {"accommodation_secured"}


def test_every_bad_field_is_reported_at_once() -> None:
    errors = errors_of(title="", owner="nobody", due_on="soon", status="succeeded")
    assert set(errors) == {"title", "owner", "due_on", "outcome"}


# --- prevented or relieved -----------------------------------------------------------------------

PREVENTION_FROM = date(2026, 10, 1)
RELIEF_FROM = date(2026, 11, 2)


def step(**changes: object) -> PlanAction:
    """A succeeded step that kept the client in their home on 20 October 2026."""
    base = PlanAction(
        id="a1",
        title="Negotiate with the landlord",
        owner=ActionOwner.COUNCIL,
        due_on=date(2026, 10, 16),
        status=ActionStatus.SUCCEEDED,
        option_key="negotiate_landlord",
        prevention_activity="negotiation_prevent_eviction",
        relief_activity=None,
        outcome=Outcome.STAYED,
        outcome_on=date(2026, 10, 20),
        accommodation_secured=None,
    )
    return replace(base, **changes)


def moved(**changes: object) -> PlanAction:
    """A succeeded step that moved the client into a private let on 10 November 2026."""
    base = step(
        id="a2",
        title="Help with a deposit for a private let",
        option_key="private_let",
        prevention_activity="helped_with_payment",
        relief_activity="helped_with_payment",
        outcome=Outcome.MOVED,
        outcome_on=date(2026, 11, 10),
        accommodation_secured="prs_self_contained",
    )
    return replace(base, **changes)


def test_secured_before_relief_started_is_a_prevention() -> None:
    found = secured_accommodation(
        [step()], prevention_from=PREVENTION_FROM, relief_from=RELIEF_FROM
    )
    assert found == SecuredAccommodation(
        outcome=Outcome.STAYED,
        on=date(2026, 10, 20),
        duty=DutyKind.PREVENTION,
        main_activity="negotiation_prevent_eviction",
        accommodation_secured=None,
        action_title="Negotiate with the landlord",
    )


def test_secured_on_the_day_relief_started_is_a_relief() -> None:
    found = secured_accommodation(
        [moved(outcome_on=RELIEF_FROM)], prevention_from=PREVENTION_FROM, relief_from=RELIEF_FROM
    )
    assert found is not None
    assert found.duty is DutyKind.RELIEF
    assert found.main_activity == "helped_with_payment"
    assert found.accommodation_secured == "prs_self_contained"
    assert found.on == date(2026, 11, 2)


def test_secured_the_day_before_relief_started_is_a_prevention() -> None:
    found = secured_accommodation(
        [moved(outcome_on=date(2026, 11, 1), prevention_activity="accommodation_secured_by_la")],
        prevention_from=PREVENTION_FROM,
        relief_from=RELIEF_FROM,
    )
    assert found is not None
    assert found.duty is DutyKind.PREVENTION
    assert found.main_activity == "accommodation_secured_by_la"


def test_with_no_relief_duty_it_is_a_prevention() -> None:
    found = secured_accommodation([moved()], prevention_from=PREVENTION_FROM, relief_from=None)
    assert found is not None
    assert (found.duty, found.main_activity) == (DutyKind.PREVENTION, "helped_with_payment")


def test_a_step_without_the_activity_for_its_duty_counts_as_other() -> None:
    found = secured_accommodation(
        [moved(relief_activity=None)], prevention_from=PREVENTION_FROM, relief_from=RELIEF_FROM
    )
    assert found is not None
    assert (found.duty, found.main_activity) == (DutyKind.RELIEF, "other")


def test_secured_before_any_duty_is_advice_only() -> None:
    assert secured_accommodation([step()], prevention_from=None, relief_from=None) == (
        SecuredAccommodation(
            outcome=Outcome.STAYED,
            on=date(2026, 10, 20),
            duty=None,
            main_activity="negotiation_prevent_eviction",
            accommodation_secured=None,
            action_title="Negotiate with the landlord",
        )
    )
    # Homeless at approach, relief from 2 November, but the move was arranged on 30 October.
    found = secured_accommodation(
        [moved(outcome_on=date(2026, 10, 30))], prevention_from=None, relief_from=RELIEF_FROM
    )
    assert found is not None
    assert found.duty is None


@pytest.mark.parametrize(
    "not_counted",
    [
        step(status=ActionStatus.FAILED),
        step(status=ActionStatus.WITHDRAWN),
        step(status=ActionStatus.IN_PROGRESS),
        step(outcome=Outcome.HELPED_NOT_SECURED),
        step(outcome=Outcome.OTHER),
        step(outcome=None, outcome_on=None),
        step(outcome_on=None),
    ],
    ids=["failed", "withdrawn", "in progress", "helped", "other", "no outcome", "no date"],
)
def test_only_a_succeeded_step_with_a_dated_secured_outcome_counts(
    not_counted: PlanAction,
) -> None:
    assert (
        secured_accommodation(
            [not_counted], prevention_from=PREVENTION_FROM, relief_from=RELIEF_FROM
        )
        is None
    )


def test_nothing_recorded_is_nothing_secured() -> None:
    assert secured_accommodation([], prevention_from=PREVENTION_FROM, relief_from=None) is None


def test_the_earliest_secured_outcome_wins_whatever_the_order() -> None:
    later_move = moved()  # 10 Nov, under the relief duty
    earlier_stay = step()  # 20 Oct, under the prevention duty
    failed_earlier = step(id="a0", status=ActionStatus.FAILED, outcome_on=date(2026, 10, 5))
    found = secured_accommodation(
        [later_move, failed_earlier, earlier_stay],
        prevention_from=PREVENTION_FROM,
        relief_from=RELIEF_FROM,
    )
    assert found is not None
    assert (found.on, found.outcome, found.duty) == (
        date(2026, 10, 20),
        Outcome.STAYED,
        DutyKind.PREVENTION,
    )


# --- deadlines -----------------------------------------------------------------------------------


def test_unfinished_steps_with_a_due_date_are_deadlines_soonest_first() -> None:
    steps = [
        step(
            id="1",
            status=ActionStatus.AGREED,
            due_on=date(2026, 11, 30),
            outcome=None,
            outcome_on=None,
        ),
        step(
            id="2",
            title="Bring three months' bank statements",
            owner=ActionOwner.APPLICANT,
            status=ActionStatus.PROPOSED,
            due_on=date(2026, 11, 25),
            outcome=None,
            outcome_on=None,
        ),
        step(
            id="3",
            title="Apply for a DHP",
            status=ActionStatus.IN_PROGRESS,
            due_on=date(2026, 11, 20),
            outcome=None,
            outcome_on=None,
        ),
        step(id="4", status=ActionStatus.AGREED, due_on=None, outcome=None, outcome_on=None),
        step(id="5"),  # succeeded
        step(id="6", status=ActionStatus.FAILED, outcome=None, outcome_on=None),
        step(id="7", status=ActionStatus.WITHDRAWN, outcome=None, outcome_on=None),
    ]
    assert action_deadlines(steps, today=TODAY) == [
        Deadline(
            "Council: Apply for a DHP",
            date(2026, 11, 20),
            "Agreed in the Personal Housing Plan",
            DeadlineKind.PLAN_STEP,
        ),
        Deadline(
            "Client: Bring three months' bank statements",
            date(2026, 11, 25),
            "Proposed, not yet agreed",
            DeadlineKind.PLAN_STEP,
        ),
        Deadline(
            "Council: Negotiate with the landlord",
            date(2026, 11, 30),
            "Agreed in the Personal Housing Plan",
            DeadlineKind.PLAN_STEP,
        ),
    ]


def test_a_step_past_its_due_date_shows_overdue() -> None:
    (deadline,) = action_deadlines(
        [
            step(
                status=ActionStatus.AGREED, due_on=date(2026, 11, 20), outcome=None, outcome_on=None
            )
        ],
        today=TODAY,
    )
    assert due_status(deadline, TODAY) == "overdue"


def test_status_codes_and_which_are_finished() -> None:
    assert [status.value for status in ActionStatus] == [
        "proposed",
        "agreed",
        "in_progress",
        "succeeded",
        "failed",
        "withdrawn",
    ]
    assert {status for status in ActionStatus if status.finished} == {
        ActionStatus.SUCCEEDED,
        ActionStatus.FAILED,
        ActionStatus.WITHDRAWN,
    }
    assert {outcome for outcome in Outcome if outcome.secures_accommodation} == {
        Outcome.STAYED,
        Outcome.MOVED,
    }
