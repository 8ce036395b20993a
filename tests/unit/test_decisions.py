"""Homelessness applications (issue 17 items 1 and 2): the decision due date, the steps' rules,
the sign-off rule and the review windows.

Expected dates are worked by hand from the rules and the 2026-27 calendar: England bank
holidays Fri 25 Dec 2026, Mon 28 Dec 2026 (Boxing Day's substitute), Fri 1 Jan 2027, Good Friday
26 Mar 2027, Easter Monday 29 Mar 2027, Early May Mon 3 May 2027. Working days count from the
day after the application (day 0 is not counted).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from housing_tui.calendar.deadlines import CaseDates, case_deadlines
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.case_summary import case_dates
from housing_tui.casework.decisions.application import (
    Application,
    read_decision,
    read_decision_form,
    read_minded_to,
    read_notified,
    read_review,
    review_decision_due,
    review_request_last_day,
    sign_off_refusal,
)
from housing_tui.casework.decisions.outcomes import (
    ApplicationGround,
    Finding,
    Inquiry,
    Outcome,
)
from housing_tui.reference.policy import Role, load_policy

POLICY = load_policy()
RULES = POLICY.decisions
TODAY = date(2027, 3, 1)


def _deadline(dates: CaseDates, key: str, *, policy=POLICY):
    found = [d for d in case_deadlines(dates, today=TODAY, policy=policy) if d.key == key]
    assert len(found) == 1, found
    return found[0]


# --- decision due: 33 working days from the application ----------------------------------------


def test_decision_due_across_christmas() -> None:
    # Thu 10 Dec 2026. Fri 11 (1), 14-18 Dec (2-6), 21-24 Dec (7-10); 25 and 28 Dec are bank
    # holidays; 29-31 Dec (11-13); 1 Jan holiday; 4-8 Jan (14-18), 11-15 (19-23), 18-22
    # (24-28), 25-29 Jan (29-33): Fri 29 Jan 2027.
    due = _deadline(CaseDates(application_on=date(2026, 12, 10)), "decision")
    assert due.due == date(2027, 1, 29)


def test_decision_due_across_christmas_with_a_council_shutdown(tmp_path: Path) -> None:
    # As above with 29, 30 and 31 Dec closed: three working days fewer by 29 Jan, so the
    # 33rd is three working days later: Mon 1, Tue 2, Wed 3 Feb 2027.
    (tmp_path / "policy.toml").write_text(
        '[deadlines]\nclosure_days = ["2026-12-29", "2026-12-30", "2026-12-31"]\n', "utf-8"
    )
    shut = load_policy(tmp_path)
    due = _deadline(CaseDates(application_on=date(2026, 12, 10)), "decision", policy=shut)
    assert due.due == date(2027, 2, 3)


def test_decision_due_across_easter_and_early_may() -> None:
    # Mon 15 Mar 2027. 16-19 Mar (1-4), 22-25 Mar (5-8); Good Friday 26 and Easter Monday 29
    # Mar; 30 Mar-2 Apr (9-12), 5-9 Apr (13-17), 12-16 (18-22), 19-23 (23-27), 26-30 Apr
    # (28-32); Mon 3 May is the Early May bank holiday: the 33rd is Tue 4 May 2027.
    due = _deadline(CaseDates(application_on=date(2027, 3, 15)), "decision")
    assert due.due == date(2027, 5, 4)


def _application(**more) -> Application:
    return replace(
        Application(id="a1", opened_on=date(2027, 1, 4), ground=ApplicationGround.RELIEF_ENDED),
        **more,
    )


def test_the_decision_runs_from_the_recorded_application_not_the_relief_duty() -> None:
    facts = InterviewFacts(approached_on=date(2026, 12, 1), relief_duty_from=date(2026, 12, 1))
    none_yet = case_dates(facts, php_issued_on=None, last_activity_on=None)
    assert none_yet.application_on is None
    opened = case_dates(
        facts, php_issued_on=None, last_activity_on=None, application=_application()
    )
    assert opened.application_on == date(2027, 1, 4)


def test_the_decision_leaves_the_due_list_once_notified() -> None:
    notified = _application(outcome=Outcome.MAIN_DUTY, notified_on=date(2027, 2, 1))
    dates = case_dates(
        InterviewFacts(), php_issued_on=None, last_activity_on=None, application=notified
    )
    keys = [d.key for d in case_deadlines(dates, today=TODAY, policy=POLICY)]
    assert "decision" not in keys
    # The main duty is not against them: no review window.
    assert not [d for d in case_deadlines(dates, today=TODAY, policy=POLICY) if "review" in d.what]


# --- reviews ------------------------------------------------------------------------------------


def test_review_window_is_21_days_beginning_with_the_day_notified() -> None:
    # Notified Mon 1 Feb 2027 is day 1; day 21 is Sun 21 Feb 2027.
    assert review_request_last_day(date(2027, 2, 1), RULES) == date(2027, 2, 21)
    adverse = _application(outcome=Outcome.NO_PRIORITY_NEED, notified_on=date(2027, 2, 1))
    dates = case_dates(
        InterviewFacts(), php_issued_on=None, last_activity_on=None, application=adverse
    )
    window = [
        d for d in case_deadlines(dates, today=TODAY, policy=POLICY) if "ask for a review" in d.what
    ]
    assert [d.due for d in window] == [date(2027, 2, 21)]


def test_review_decision_is_due_8_weeks_beginning_with_the_request() -> None:
    # Asked Mon 8 Feb 2027: 56 days beginning that day end Sun 4 Apr 2027.
    assert review_decision_due(date(2027, 2, 8), RULES) == date(2027, 4, 4)
    asked = _application(
        outcome=Outcome.NO_PRIORITY_NEED,
        notified_on=date(2027, 2, 1),
        review_requested_on=date(2027, 2, 8),
    )
    dates = case_dates(
        InterviewFacts(), php_issued_on=None, last_activity_on=None, application=asked
    )
    found = case_deadlines(dates, today=TODAY, policy=POLICY)
    assert [d.due for d in found if d.key == "review_decision"] == [date(2027, 4, 4)]
    # Once asked, the window to ask is no longer due.
    assert not [d for d in found if "ask for a review" in d.what]


def test_a_review_only_of_a_notified_decision() -> None:
    raw = {"review_requested_on": "08/02/2027", "review_outcome": "", "review_decided_on": ""}
    _, errors = read_review(raw, today=TODAY, application=_application(outcome=Outcome.MAIN_DUTY))
    assert "review_requested_on" in errors
    # s.202(1)(b): the duty owed is reviewable, the main duty too, once notified.
    main_duty = _application(outcome=Outcome.MAIN_DUTY, notified_on=date(2027, 2, 1))
    assert read_review(raw, today=TODAY, application=main_duty)[1] == {}
    notified = _application(outcome=Outcome.NOT_HOMELESS, notified_on=date(2027, 2, 1))
    values, errors = read_review(raw, today=TODAY, application=notified)
    assert errors == {} and values == {
        "review_requested_on": date(2027, 2, 8),
        "review_outcome": None,
        "review_decided_on": None,
    }


def test_a_signed_off_decision_read_again_as_typed_is_no_change() -> None:
    # Saved with "today" typed, signed off, then the day notified saved from the same form:
    # the decision's date now reads as the date itself, the same decision.
    signed = _application(
        outcome=Outcome.MAIN_DUTY,
        decided_on=TODAY,
        signed_off_on=TODAY,
        signed_off_by="principal",
    )
    raw = {"outcome": "main_duty", "outcome_reason": "", "reasons": "", "decided_on": "today"}
    values, errors = read_decision(raw, today=TODAY, application=signed, policy=RULES)
    assert errors == {} and values == {
        "outcome": Outcome.MAIN_DUTY,
        "outcome_reason": None,
        "reasons": "",
        "decided_on": TODAY,
    }
    changed = {**raw, "decided_on": "26/02/2027"}
    _, errors = read_decision(changed, today=TODAY, application=signed, policy=RULES)
    assert errors == {"outcome": "The decision is signed off: it can no longer change."}


# --- minded to and the decision -----------------------------------------------------------------


def _found(**findings: Finding) -> dict[Inquiry, Finding]:
    return {Inquiry(key): value for key, value in findings.items()}


NO_PRIORITY = _found(eligibility=Finding.YES, homeless=Finding.YES, priority_need=Finding.NO)


def test_an_adverse_decision_needs_minded_to_and_the_time_to_reply() -> None:
    raw = {
        "outcome": "no_priority_need",
        "decided_on": "10/02/2027",
        "reasons": "Not vulnerable.",
        "outcome_reason": "",
    }
    application = _application(findings=NO_PRIORITY)
    _, errors = read_decision(raw, today=TODAY, application=application, policy=RULES)
    assert "minded to" in errors["decided_on"]
    # Told Mon 8 Feb: 7 days to reply, to Mon 15 Feb; no reply yet, so not on 10 Feb.
    told = replace(
        application,
        minded_to_outcome=Outcome.NO_PRIORITY_NEED,
        minded_to_told_on=date(2027, 2, 8),
    )
    _, errors = read_decision(raw, today=TODAY, application=told, policy=RULES)
    assert "15/02/2027" in errors["decided_on"]
    after = {**raw, "decided_on": "16/02/2027"}
    values, errors = read_decision(after, today=TODAY, application=told, policy=RULES)
    assert errors == {} and values is not None and values["outcome"] is Outcome.NO_PRIORITY_NEED
    # A reply recorded: the decision may follow it at once.
    replied = replace(told, minded_to_reply="Came in with a GP letter.")
    values, errors = read_decision(raw, today=TODAY, application=replied, policy=RULES)
    assert errors == {}


def test_an_outcome_the_findings_do_not_support_is_refused() -> None:
    raw = {"outcome": "main_duty", "decided_on": "10/02/2027", "reasons": "", "outcome_reason": ""}
    _, errors = read_decision(
        raw, today=TODAY, application=_application(findings=NO_PRIORITY), policy=RULES
    )
    assert "In priority need? Yes" in errors["outcome"]


def test_relief_ended_needs_its_reason_from_the_hclic_list() -> None:
    raw = {
        "outcome": "relief_ended",
        "decided_on": "10/02/2027",
        "reasons": "r",
        "outcome_reason": "",
    }
    told = _application(minded_to_outcome=Outcome.RELIEF_ENDED, minded_to_told_on=date(2027, 2, 1))
    _, errors = read_decision(raw, today=TODAY, application=told, policy=RULES)
    assert "outcome_reason" in errors
    values, errors = read_decision(
        {**raw, "outcome_reason": "contact_lost"}, today=TODAY, application=told, policy=RULES
    )
    assert errors == {} and values is not None and values["outcome_reason"] == "contact_lost"


def test_minded_to_is_for_adverse_outcomes_with_reasons() -> None:
    raw = {
        "minded_to_outcome": "main_duty",
        "minded_to_told_on": "",
        "minded_to_reply": "",
        "reasons": "",
    }
    _, errors = read_minded_to(raw, today=TODAY, application=_application())
    assert set(errors) == {"minded_to_outcome", "reasons"}


# --- sign-off and notification -----------------------------------------------------------------


def test_only_a_principal_may_sign_off() -> None:
    decided = _application(outcome=Outcome.MAIN_DUTY, decided_on=date(2027, 2, 1))
    refused = sign_off_refusal(decided, role=Role.OFFICER, security=POLICY.security)
    assert refused == (
        "Only a principal officer may sign off a homelessness decision. You are signed in as "
        "an officer: ask one."
    )
    assert sign_off_refusal(decided, role=Role.ADMIN, security=POLICY.security) is not None
    assert sign_off_refusal(decided, role=Role.PRINCIPAL, security=POLICY.security) is None
    nothing = sign_off_refusal(_application(), role=Role.PRINCIPAL, security=POLICY.security)
    assert nothing is not None and "no decision" in nothing


def test_notified_needs_the_sign_off_and_the_letter() -> None:
    raw = {"notified_on": "05/02/2027"}
    decided = _application(outcome=Outcome.MAIN_DUTY, decided_on=date(2027, 2, 1))
    assert "sign" in read_notified(raw, today=TODAY, application=decided)[1]["notified_on"]
    signed = replace(decided, signed_off_on=date(2027, 2, 2), signed_off_by="p")
    assert "letter" in read_notified(raw, today=TODAY, application=signed)[1]["notified_on"]
    lettered = replace(signed, letter_on=date(2027, 2, 3))
    assert read_notified(raw, today=TODAY, application=lettered) == (
        {"notified_on": date(2027, 2, 5)},
        {},
    )


# --- the whole form -----------------------------------------------------------------------------


def _form(**more: str) -> dict[str, str]:
    raw = {"opened_on": "04/01/2027", "ground": "relief_ended", "reasons": ""}
    for inquiry in Inquiry:
        raw[inquiry.value], raw[inquiry.notes_key] = "", ""
    for key in [
        "minded_to_outcome",
        "minded_to_told_on",
        "minded_to_reply",
        "outcome",
        "outcome_reason",
        "decided_on",
        "notified_on",
        "review_requested_on",
        "review_outcome",
        "review_decided_on",
    ]:
        raw[key] = ""
    return {**raw, **more}


def test_the_form_saves_only_the_steps_filled_in() -> None:
    steps, errors = read_decision_form(
        _form(homeless="yes", homeless_notes="Sleeping in car"),
        as_saved={},
        today=TODAY,
        approached_on=date(2026, 12, 1),
        saved=None,
        policy=RULES,
    )
    assert errors == {} and steps is not None
    assert set(steps) == {"application"}
    assert steps["application"]["homeless"] is Finding.YES
    assert steps["application"]["ground"] is ApplicationGround.RELIEF_ENDED


def test_the_form_reads_the_decision_against_the_findings_typed_with_it() -> None:
    form = _form(
        eligibility="yes",
        homeless="yes",
        priority_need="yes",
        intentionality="no",
        outcome="main_duty",
        decided_on="01/03/2027",
    )
    steps, errors = read_decision_form(
        form, as_saved={}, today=TODAY, approached_on=date(2026, 12, 1), saved=None, policy=RULES
    )
    assert errors == {} and steps is not None and steps["decision"]["outcome"] is Outcome.MAIN_DUTY


def test_an_application_before_the_approach_is_refused() -> None:
    _, errors = read_decision_form(
        _form(opened_on="30/11/2026"),
        as_saved={},
        today=TODAY,
        approached_on=date(2026, 12, 1),
        saved=None,
        policy=RULES,
    )
    assert "before the client approached" in errors["opened_on"]


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_has_its_letter_and_adverse_ones_an_hclic_list(outcome: Outcome) -> None:
    from housing_tui.documents.rendering import DECISION_LETTER_TITLES

    assert outcome.letter in DECISION_LETTER_TITLES
    # H-CLIC records each outcome somewhere: the main duty decision list, the relief end
    # reasons, or eligibility (not eligible) and the referral (a relief end reason too).
    assert outcome.hclic is not None or outcome in (
        Outcome.NOT_ELIGIBLE,
        Outcome.LOCAL_CONNECTION,
        Outcome.RELIEF_ENDED,
    )


# --- the letters --------------------------------------------------------------------------------


def _letter(application: Application, kind: str) -> str:
    """The letter's words as Word shows them: every paragraph of the .docx, a line each."""
    import io

    import docx

    from housing_tui.casework.decisions.letters import decision_letter_content
    from housing_tui.documents.rendering import load_templates, render_decision_letter

    content = decision_letter_content(
        application,
        kind,
        client_name="Testy Tenant",
        client_address="1 Road\nAB1 2CD",
        case_ref="CASE1234",
        officer_name="Olu Officer",
        written_on=date(2026, 11, 23),
        policy=RULES,
    )
    made = render_decision_letter(content, council=POLICY.council, templates=load_templates())
    word = docx.Document(io.BytesIO(made.docx))
    return "\n".join(paragraph.text for paragraph in word.paragraphs)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_each_decision_letter_and_the_review_rights_of_the_adverse_ones(outcome: Outcome) -> None:
    decided = _application(
        findings=NO_PRIORITY,
        evidence={Inquiry.PRIORITY_NEED: "No GP letter"},
        outcome=outcome,
        outcome_reason="contact_lost" if outcome is Outcome.RELIEF_ENDED else None,
        reasons="Our reasons, in full.",
        decided_on=date(2026, 11, 20),
    )
    body = _letter(decided, outcome.letter)
    assert "Testy Tenant" in body and "CASE1234" in body and "Friday 20 November 2026" in body
    assert "In priority need? No: No GP letter" in body
    review_rights = "section 202" in body and "Sample House, 1 Example Street" in body
    # Written Mon 23 Nov 2026: 21 days counting that day end Sun 13 Dec 2026.
    assert ("Sunday 13 December 2026" in body) is outcome.adverse
    assert review_rights is outcome.adverse or outcome is Outcome.MAIN_DUTY
    if outcome is Outcome.RELIEF_ENDED:
        assert "because we lost contact with you" in body


def test_the_minded_to_letter_gives_the_proposed_decision_and_the_reply_date() -> None:
    told = _application(
        findings=NO_PRIORITY,
        minded_to_outcome=Outcome.NO_PRIORITY_NEED,
        minded_to_told_on=date(2026, 11, 23),
        reasons="Not vulnerable.",
    )
    body = _letter(told, "minded_to")
    # Told Mon 23 Nov 2026, 7 days to reply: Mon 30 Nov 2026.
    assert "Homeless, not in priority need" in body and "Monday 30 November 2026" in body
    assert "Not vulnerable." in body


# --- the checklist prefilled from the interview ------------------------------------------------


def test_the_inquiries_start_from_what_the_interview_found() -> None:
    from housing_tui.casework.assessment.facts import (
        ImmigrationStatus,
        Member,
        Relationship,
    )
    from housing_tui.casework.decisions.prefill import prefilled_inquiries

    # A British citizen, homeless tonight, pregnant, who has lived here 8 of the last 12
    # months (6 are needed): eligible, homeless, in priority need (pregnancy, s.189(1)(a)),
    # a local connection (s.199(1)(a)); intentionality has no rule, so it is for the officer.
    facts = InterviewFacts(
        members=(Member(Relationship.APPLICANT, date(1995, 5, 5), pregnant=True),),
        approached_on=TODAY,
        homeless_tonight=True,
        immigration_status=ImmigrationStatus.BRITISH_OR_IRISH,
        months_resident_of_last_12=8,
    )
    found = prefilled_inquiries(facts, today=TODAY, policy=POLICY)
    assert {inquiry: finding for inquiry, (finding, _) in found.items()} == {
        Inquiry.ELIGIBILITY: Finding.YES,
        Inquiry.HOMELESS: Finding.YES,
        Inquiry.PRIORITY_NEED: Finding.YES,
        Inquiry.INTENTIONALITY: Finding.NOT_YET,
        Inquiry.LOCAL_CONNECTION: Finding.YES,
    }
    assert "British or Irish" in found[Inquiry.ELIGIBILITY][1]
    # Asylum seekers are not eligible (s.185); unknown status stays undecided.
    asylum = replace(facts, immigration_status=ImmigrationStatus.ASYLUM_SEEKER)
    assert prefilled_inquiries(asylum, today=TODAY, policy=POLICY)[Inquiry.ELIGIBILITY][0] is (
        Finding.NO
    )
    unknown = replace(facts, immigration_status=ImmigrationStatus.NOT_KNOWN)
    assert prefilled_inquiries(unknown, today=TODAY, policy=POLICY)[Inquiry.ELIGIBILITY][0] is (
        Finding.NOT_YET
    )
