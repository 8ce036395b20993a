"""The housing options interview by keyboard: answers saved as fields are left, resumed where
it stopped, the assessment shown as it is typed, household members added."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.casework.interview import QUESTIONS
from screens.case_detail import CaseScreen
from screens.interview import InterviewScreen
from screens.member_dialog import MemberDialog
from screens.widgets.pick_field import PickField
from storage.interviews import answer_history, load_interview
from storage.tables import Case
from tests.ui.helpers import (
    burst,
    choose,
    open_db,
    open_interview,
    paste,
    paste_into,
    pick,
    prepare,
    settle,
    signed_in,
    type_quickly,
)


def assessment_text(app: HousingApp) -> str:
    return str(app.screen.query_one("#assessment-text").render())


async def type_and_leave(pilot, field_id: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = ""
    await paste(pilot, text)
    await pilot.press("tab")
    await settle(pilot)


async def test_answers_are_saved_as_each_field_is_left(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f3")  # current home
        await settle(pilot)
        await choose(pilot, "tenure", "Private")
        await type_and_leave(pilot, "rent", "£650 pcm")
        assert app.screen.query_one("#rent", Input).value == "650.00 pcm"
        await type_and_leave(pilot, "landlord", "Example Lettings")
        await pilot.press("f4")  # threat or loss
        await settle(pilot)
        await choose(pilot, "notice", "Section 21")
        await type_and_leave(pilot, "notice_served_on", "2/5/2026")
        # A section 21 served after 30 April 2026 is not valid, and the panel says why.
        assert "30 April 2026" in assessment_text(app)
        await pilot.press("f5")  # money: bad input keeps the text and says why
        await settle(pilot)
        await type_and_leave(pilot, "earnings", "1200")
        assert app.screen.query_one("#earnings", Input).value == "1200"
        assert "how often" in str(app.screen.query_one("#field-earnings FieldMessage").render())
        await type_and_leave(pilot, "earnings", "1200 pcm")
        await type_and_leave(pilot, "council_tax", "100 pcm")
        # In: 1200 x 12 / 52 = 276.92 a week. Out: rent 650 x 12 / 52 = 150.00 and council
        # tax 100 x 12 / 52 = 23.08, so 173.08. Left: 103.84.
        assert "in £276.92 out £173.08 left £103.84" in assessment_text(app)

    record = load_interview(open_db(data_dir), case_id)
    assert record.answers["tenure"] == "private_rented"
    assert record.answers["rent"] == "650.00 monthly"
    assert record.answers["landlord"] == "Example Lettings"
    assert record.answers["notice"] == "section_21"
    assert record.answers["notice_served_on"] == "2026-05-02"
    assert record.answers["earnings"] == "1200.00 monthly"
    assert record.answers["council_tax"] == "100.00 monthly"


async def test_reopening_resumes_at_the_first_incomplete_section_and_keeps_history(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        assert app.screen.section_index == 0  # nothing answered: household first
        await choose(pilot, "household_type", "Single adult: female")
        await pilot.press("f3")
        await settle(pilot)
        await choose(pilot, "tenure", "Private")
        await choose(pilot, "accommodation_at_application", "PRS: self")
        await choose(pilot, "tenure", "Living with family")  # changed mind: history kept
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await settle(pilot)
        assert app.screen.section_index == 2  # household and current home are complete
        assert "F3 Home ✓" in str(app.screen.query_one("#interview-progress").render())
    history = answer_history(open_db(data_dir), case_id, "tenure")
    assert [(change.old, change.new) for change in history] == [
        ("private_rented", "family_friends"),
        (None, "private_rented"),
    ]
    assert all(change.officer_initials == "TO" for change in history)


async def test_a_field_left_just_before_quitting_is_kept(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f8")  # local connection
        await settle(pilot)
        app.screen.query_one("#months_resident_of_last_12", Input).focus()
        await pilot.press("7", "tab")
        app.screen.query_one("#special_circumstances", Input).focus()
        await pilot.press(*"Cares for her mother", "ctrl+q")  # quit while still in the field
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["months_resident_of_last_12"] == "7"
    assert answers["special_circumstances"] == "Cares for her mother"


async def test_triage_answers_seed_the_interview_and_members_are_added(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        with open_db(data_dir).reading() as session:
            case = session.get(Case, case_id)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert isinstance(app.screen, MemberDialog)
        await pilot.press("ctrl+s")  # nothing typed: messages, dialog stays
        await settle(pilot)
        assert isinstance(app.screen, MemberDialog)
        await paste_into(pilot, "name", "Kit Example")
        await choose(pilot, "relationship", "Son")
        await paste_into(pilot, "date_of_birth", "01/06/2020")
        await choose(pilot, "dependent_child", "Yes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert "dependent child" in assessment_text(app).lower()
    record = load_interview(open_db(data_dir), case_id)
    assert record.answers["homeless_tonight"] == ("yes" if case.homeless_tonight else "no")
    [member] = record.members
    assert (member.name, member.relationship, member.date_of_birth, member.dependent_child) == (
        "Kit Example",
        "child",
        date(2020, 6, 1),
        True,
    )


async def test_multiple_choice_answers_are_ticked_with_space(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f10")
        await settle(pilot)
        await choose(pilot, "consent_to_share", "Yes")
        app.screen.query_one("#share_with").focus()
        await pilot.press("space", "down", "down", "down", "space")  # first and fourth
        await settle(pilot)
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["consent_to_share"] == "yes"
    assert answers["share_with"] == "childrens_social_care,police"


async def test_answers_that_do_not_add_up_are_flagged_beside_the_question(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await choose(pilot, "notice", "Notice to quit")
        await type_and_leave(pilot, "notice_served_on", "20/11/2026")
        await type_and_leave(pilot, "notice_expires_on", "10/11/2026")
        message = app.screen.query_one("#field-notice_expires_on FieldMessage")
        assert message.display and "before" in str(message.render())
        assert "DOES NOT ADD UP" in assessment_text(app)
        await type_and_leave(pilot, "notice_expires_on", "20/12/2026")
        assert "DOES NOT ADD UP" not in assessment_text(app)


async def test_ctrl_y_shows_earlier_answers_to_the_focused_question(
    data_dir: Path, clock: FixedClock
) -> None:
    from screens.dialogs import ConfirmDialog

    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await type_and_leave(pilot, "rent", "500 pcm")
        await type_and_leave(pilot, "rent", "525 pcm")
        app.screen.query_one("#rent", Input).focus()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = "\n".join(str(static.render()) for static in app.screen.query("Static"))
        assert "500.00 pcm → 525.00 pcm" in text
        assert "(none) → 500.00 pcm" in text


async def test_changing_section_or_going_back_keeps_the_field_being_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#landlord", Input).focus()
        await pilot.press(*"Demo Lettings", "f4")  # straight to another section
        await settle(pilot)
        app.screen.query_one("#section8_ground", Input).focus()
        await pilot.press(*"Ground 8", "escape")  # straight back to the case
        await settle(pilot)
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["landlord"] == "Demo Lettings"
    assert answers["section8_ground"] == "Ground 8"


async def test_a_ground_8_notice_below_three_months_arrears_is_not_made_out(
    data_dir: Path, clock: FixedClock
) -> None:
    # The issue's case: rent 950 pcm, 1,800 owed, a ground 8 notice with 4 weeks' notice.
    # Since 1 May 2026 ground 8 needs 3 months' rent unpaid: 3 x 950 = 2,850 > 1,800, so the
    # panel shows the ground and that it is not made out, not "valid".
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await choose(pilot, "tenure", "Private")
        await type_and_leave(pilot, "rent", "950 pcm")
        await type_and_leave(pilot, "tenancy_started_on", "1/3/2024")
        await pilot.press("f4")
        await settle(pilot)
        await choose(pilot, "notice", "Section 8")
        await type_and_leave(pilot, "section8_ground", "Ground 8")
        await type_and_leave(pilot, "notice_served_on", "2/11/2026")
        await type_and_leave(pilot, "notice_expires_on", "30/11/2026")
        await pilot.press("f5")
        await settle(pilot)
        await type_and_leave(pilot, "arrears_total", "1800")
        text = assessment_text(app)
        assert "NOTICE (ground 8): Ground not made out" in text
        assert "£2,850.00" in text
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["rent"] == "950.00 monthly"
    assert answers["tenancy_started_on"] == "2024-03-01"
    assert answers["section8_ground"] == "Ground 8"
    assert answers["arrears_total"] == "1800.00"


def strip_text(app: HousingApp) -> str:
    return str(app.screen.query_one("#interview-progress").render())


async def test_the_strip_says_what_the_section_still_needs_until_it_is_answered(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f4")  # threat or loss
        await settle(pilot)
        await choose(pilot, "reason_for_loss", "Family or friends")
        assert "F4 Threat needs: Notice" in strip_text(app)
        await choose(pilot, "notice", "Section 21")
        assert "F4 Threat ✓ nothing more needed" in strip_text(app)
        assert "needs: Notice" not in strip_text(app)
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["notice"] == "section_21" and answers["reason_for_loss"] == "family_friends"


async def test_the_strip_is_one_line_at_80_columns_and_titles_every_section_at_120(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f4")  # threat or loss
        await settle(pilot)
        await choose(pilot, "reason_for_loss", "Family or friends")
        strip = app.screen.query_one("#interview-progress")
        # The sections on one line, what the section on show needs on the next: no wrapping.
        assert strip.size.height == 2
        sections, needs = strip_text(app).splitlines()
        assert " F4 Threat · " in sections and "Household" not in sections
        assert needs == "F4 Threat needs: Notice"
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert strip.size.height == 2
        sections, needs = strip_text(app).splitlines()
        assert sections.startswith("F2 Household ") and "F10 Consent" in sections
        assert needs == "F4 Threat needs: Notice"
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["reason_for_loss"] == "family_friends"


async def test_referred_by_can_be_answered_not_referred(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f4")  # threat or loss
        await settle(pilot)
        await choose(pilot, "referral_source", "Not referred")
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["referral_source"] == "not_referred"


def _code(key: str, label: str) -> str:
    """The code of the choice labelled `label` in question `key`'s list."""
    return next(code for shown_as, code in QUESTIONS[key].choices if shown_as == label)


async def test_pick_lists_are_found_in_the_officers_words_and_saved_once_chosen(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pick(pilot, "accommodation_at_application", "mum")
        await pilot.press("f4")
        await settle(pilot)
        # The 23rd of 25 reasons, where an officer pressed Down 23 times.
        await pick(pilot, "reason_for_loss", "prison")
        # Looking through a list saves nothing; Escape puts back what was there.
        app.screen.query_one("#referral_source", PickField).focus()
        await burst(pilot, "down", "down", "down", "escape")
        assert app.screen.query_one("#referral_source", PickField).value is None
        await pick(pilot, "referral_source", "probation")
        # Quitting with a list still open keeps what it highlights.
        app.screen.query_one("#leaving_institution", PickField).focus()
        await type_quickly(pilot, "prison")
        await pilot.press("ctrl+q")
    db = open_db(data_dir)
    answers = load_interview(db, case_id).answers
    assert answers["accommodation_at_application"] == "living_with_family"
    assert answers["reason_for_loss"] == "left_institution"
    assert answers["referral_source"] == "national_probation_service"
    assert answers["leaving_institution"] == _code("leaving_institution", "Prison or youth custody")
    history = answer_history(db, case_id, "referral_source")
    assert [(change.old, change.new) for change in history] == [
        (None, "national_probation_service")
    ]

    # Reopened, each list shows its saved choice, closed; Escape leaves for the case.
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(pilot)
        await pilot.press("f4")
        await settle(pilot)
        reason = app.screen.query_one("#reason_for_loss", PickField)
        assert reason.query_one(Input).value == "Left institution with no accommodation available"
        assert not reason.is_open
        reason.focus()
        await settle(pilot)
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.enabled}
        assert {"Back", "Add member"} <= shown  # the footer's, from a pick list too
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)


async def test_a_members_relationship_is_found_in_the_officers_words(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#reason_for_loss", PickField).focus()
        await pilot.press("ctrl+a")  # from a pick list, as from anywhere in the interview
        await settle(pilot)
        assert isinstance(app.screen, MemberDialog)
        await paste_into(pilot, "name", "Pat Example")
        await pick(pilot, "relationship", "mum")
        await pick(pilot, "sex", "fem")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    [member] = load_interview(open_db(data_dir), case_id).members
    assert (member.name, member.relationship, member.sex) == ("Pat Example", "parent", "female")
    assert (member.dependent_child, member.pregnant) == (False, False)  # as the dialog opened
