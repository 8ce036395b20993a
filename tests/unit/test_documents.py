"""Personal Housing Plans, written advice and duty letters as documents, and the [council]
policy section they print.

Worked by hand from the 2026 calendar: Monday 23 November 2026 is "today" in these tests.
A review must be asked for "before the end of the period of 21 days beginning with the day"
the client is told of the decision (Housing Act 1996 s.202(3)): the day of notification is day
1, so told on Monday 23 November 2026 (days 1-8 are 23-30 November, days 9-21 are 1-13
December) the last day is Sunday 13 December 2026.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import docx
import docx.document
import pytest

from housing_tui.documents.build_templates import BLOCKS, build, built_templates
from housing_tui.documents.rendering import (
    DECISION_DOCUMENT_KINDS,
    LETTER_KINDS,
    MINDED_TO,
    PLACEHOLDERS,
    TEMPLATE_NAMES,
    DecisionLetterContent,
    KeyDate,
    LetterContent,
    PlanContent,
    PlanStep,
    TemplateError,
    document_file_name,
    load_templates,
    long_date,
    render_decision_letter,
    review_request_deadline,
)
from housing_tui.documents.rendering import render_letter as render_letter_document
from housing_tui.documents.rendering import render_plan as render_plan_document
from housing_tui.reference.policy import PolicyError, load_policy

ROOT = Path(__file__).resolve().parents[2]
COUNCIL = load_policy().council
TEMPLATES = load_templates()


def render_plan(*args, **kwargs) -> str:
    """The plan's text as the app shows it (its .docx is checked in test_letters_docx.py)."""
    return render_plan_document(*args, **kwargs).text


def render_letter(*args, **kwargs) -> str:
    """The letter's text as the app shows it."""
    return render_letter_document(*args, **kwargs).text


def _plan(**changes) -> PlanContent:
    values = dict(
        client_name="Sam Sample",
        client_address="Flat 2\n3 Example Road\nSampletown",
        case_ref="CASE1234",
        officer_name="Olu Officer",
        issued_on=date(2026, 11, 23),
        review_on=date(2026, 12, 21),
        version=2,
        circumstances=["You have a section 8 notice on ground 8 that expires on 21 December 2026."],
        duties=["From 23 November 2026 we owe you the prevention duty."],
        council_steps=[
            PlanStep("Ask your landlord to agree a plan to pay the arrears", date(2026, 11, 27)),
            PlanStep("Check your benefits", None, "done"),
        ],
        applicant_steps=[
            PlanStep("Bring your last two bank statements", date(2026, 11, 30), "to do"),
            PlanStep("Apply to join the housing register", date(2026, 12, 7), "to do"),
        ],
        key_dates=[
            KeyDate(date(2026, 12, 21), "Your landlord's notice expires"),
            KeyDate(date(2026, 12, 2), "Appointment with the money adviser"),
        ],
        options_considered=["Staying with your sister: there is no room for the children."],
        contacts=["Money advice: Sampletown Debt Advice, 01632 960123"],
    )
    values.update(changes)
    return PlanContent(**values)


def _letter(**changes) -> LetterContent:
    values = dict(
        client_name="Sam Sample",
        client_address="3 Example Road\nSampletown",
        case_ref="CASE1234",
        officer_name="Olu Officer",
        written_on=date(2026, 11, 23),
        duty_started_on=date(2026, 9, 14),
        duty_ended_on=date(2026, 11, 23),
        end_reason_label="you have somewhere suitable to live for at least 6 months",
        reasons="Your landlord has agreed in writing to a new 12-month tenancy from 1 December.",
    )
    values.update(changes)
    return LetterContent(**values)


def _council_templates(tmp_path: Path, **files: str):
    """The council's own .docx templates, each built from `files[name]`, wording as the
    shipped ones are built (build_templates.py): what a council saves from Word."""
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, wording in files.items():
        (folder / name).write_bytes(build(wording))
    return load_templates(tmp_path)


def _word(tmp_path: Path, kind: str, templates) -> docx.document.Document:
    """Letter `kind` for `_letter()`, opened with python-docx as Word would open it."""
    made = render_letter_document(kind, _letter(), council=COUNCIL, templates=templates)
    return docx.Document(io.BytesIO(made.docx))


def _png() -> bytes:
    """A 1x1 white PNG, standing for a council's logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --- dates and file names ------------------------------------------------------------------------


def test_long_date_is_plain_english_with_the_weekday() -> None:
    assert long_date(date(2026, 12, 7)) == "Monday 7 December 2026"
    assert long_date(date(2027, 1, 1)) == "Friday 1 January 2027"


def test_the_21_days_to_ask_for_a_review_begin_with_the_day_of_notification() -> None:
    assert review_request_deadline(date(2026, 11, 23)) == date(2026, 12, 13)
    # Across the year end: 20 Dec 2026 is day 1, 31 Dec day 12, 9 Jan 2027 day 21.
    assert review_request_deadline(date(2026, 12, 20)) == date(2027, 1, 9)


def test_file_names_are_safe_and_sort_by_case_document_and_version() -> None:
    assert (
        document_file_name("CASE1234", "personal_housing_plan", 2, date(2026, 11, 23))
        == "CASE1234-personal-housing-plan-v02-2026-11-23.docx"
    )
    assert (
        document_file_name("HOU/2026 07:1", "prevention_end", 1, date(2026, 11, 23))
        == "HOU-2026-07-1-prevention-duty-end-v01-2026-11-23.docx"
    )
    nine = document_file_name("CASE1234", "written_advice", 9, date(2026, 12, 1))
    ten = document_file_name("CASE1234", "written_advice", 10, date(2026, 11, 2))
    assert sorted([ten, nine]) == [nine, ten]


def test_file_name_refuses_an_unknown_kind_or_version_0() -> None:
    with pytest.raises(ValueError, match="unknown document kind"):
        document_file_name("CASE1234", "letter", 1, date(2026, 11, 23))
    with pytest.raises(ValueError, match="version"):
        document_file_name("CASE1234", "written_advice", 0, date(2026, 11, 23))


# --- the Personal Housing Plan -------------------------------------------------------------------


def test_plan_has_every_step_with_its_date_the_duties_key_dates_and_version_line() -> None:
    text = render_plan(_plan(), council=COUNCIL, templates=TEMPLATES)

    assert (
        "Version 2, issued Monday 23 November 2026. "
        "We will review this plan by Monday 21 December 2026." in text
    )
    assert "replaces version 1" in text
    assert (
        "1\\. Ask your landlord to agree a plan to pay the arrears, by Friday 27 November 2026."
        in text
    )
    assert "2\\. Check your benefits. Progress: done." in text
    assert (
        "1\\. Bring your last two bank statements, by Monday 30 November 2026. Progress: to do."
        in text
    )
    assert "2\\. Apply to join the housing register, by Monday 7 December 2026." in text
    assert "From 23 November 2026 we owe you the prevention duty." in text
    assert "section 8 notice on ground 8" in text
    assert "Staying with your sister: there is no room for the children." in text
    assert "Money advice: Sampletown Debt Advice, 01632 960123" in text
    # Key dates in date order, whatever order they were given in.
    appointment = text.index("- Wednesday 2 December 2026: Appointment with the money adviser")
    notice = text.index("- Monday 21 December 2026: Your landlord's notice expires")
    assert appointment < notice


def test_plan_sections_come_in_order_and_the_steps_are_in_their_own_sections() -> None:
    text = render_plan(_plan(), council=COUNCIL, templates=TEMPLATES)
    headings = [
        "### Your situation",
        "### The help we owe you",
        "### What we will do",
        "### What we ask you to do",
        "### Key dates",
        "### Other options we looked at",
        "### If things change, or in an emergency",
        "### Contacts",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    council_section = text[positions[2] : positions[3]]
    assert "Ask your landlord" in council_section and "bank statements" not in council_section


def test_plan_gives_the_council_contacts_and_the_emergency_line() -> None:
    text = render_plan(_plan(), council=COUNCIL, templates=TEMPLATES)
    assert "01632 960000 (Monday to Friday, 9am to 5pm)" in text
    assert "emergency line on 01632 960999" in text
    assert "housing.options@example.org" in text
    assert "phone 999" in text
    assert "Your housing officer: Olu Officer" in text


def test_plan_gives_the_right_to_ask_for_a_review_of_the_steps_within_21_days() -> None:
    text = render_plan(_plan(), council=COUNCIL, templates=TEMPLATES)
    assert "section 202" in text
    assert "by Sunday 13 December 2026" in text


def test_the_first_version_replaces_nothing() -> None:
    text = render_plan(_plan(version=1), council=COUNCIL, templates=TEMPLATES)
    assert "Version 1, issued Monday 23 November 2026." in text
    assert "replaces" not in text


def test_empty_sections_say_so_in_plain_words() -> None:
    text = render_plan(
        _plan(
            circumstances=[],
            duties=[],
            council_steps=[],
            applicant_steps=[PlanStep("   ", None)],
            key_dates=[],
            options_considered=[],
            contacts=[],
        ),
        council=COUNCIL,
        templates=TEMPLATES,
    )
    assert text.count("No steps agreed yet.") == 2
    assert "No key dates yet." in text
    assert "We have not written down your situation yet." in text
    assert "We have not yet decided which duty we owe you." in text
    assert "We have not written down any other options." in text


def test_plan_text_typed_on_several_lines_stays_in_its_list_item() -> None:
    step = PlanStep("Ring the landlord\nabout the repairs.", date(2026, 11, 25))
    text = render_plan(_plan(council_steps=[step]), council=COUNCIL, templates=TEMPLATES)
    assert "1\\. Ring the landlord about the repairs, by Wednesday 25 November 2026." in text


def test_plan_is_markdown_with_the_letterhead_first_and_no_placeholder_left() -> None:
    text = render_plan(_plan(), council=COUNCIL, templates=TEMPLATES)
    assert text.startswith(f"# {COUNCIL.name}\n")
    assert "$" not in text
    assert "\n\n\n" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    # Address lines stay lines in Markdown (hard breaks) and in plain text.
    assert "Sam Sample  \nFlat 2  \n3 Example Road  \nSampletown" in text


def test_a_plan_needs_a_review_date() -> None:
    with pytest.raises(ValueError, match="review date"):
        render_plan(_plan(review_on=None), council=COUNCIL, templates=TEMPLATES)
    with pytest.raises(ValueError, match="before the issue date"):
        render_plan(_plan(review_on=date(2026, 11, 22)), council=COUNCIL, templates=TEMPLATES)


# --- written advice ------------------------------------------------------------------------------


def _advice(**changes) -> PlanContent:
    return _plan(is_advice_only=True, duties=[], version=1, **changes)


def test_written_advice_has_the_steps_but_no_duty_section() -> None:
    text = render_plan(_advice(), council=COUNCIL, templates=TEMPLATES)
    assert "written housing advice" in text
    assert "Personal Housing Plan" not in text
    assert "help we owe you" not in text.lower()
    assert "duty" not in text.lower()
    assert (
        "1\\. Bring your last two bank statements, by Monday 30 November 2026. Progress: to do."
        in text
    )
    assert "Ask your landlord to agree a plan to pay the arrears" in text
    assert "- Wednesday 2 December 2026: Appointment with the money adviser" in text
    assert "emergency line on 01632 960999" in text
    assert "We will review this advice by Monday 21 December 2026." in text


def test_written_advice_for_a_closed_case_may_have_no_review_date() -> None:
    text = render_plan(_advice(review_on=None), council=COUNCIL, templates=TEMPLATES)
    assert "Version 1, issued Monday 23 November 2026.\n" in text
    assert "review this advice" not in text


def test_written_advice_refuses_duties_rather_than_drop_them() -> None:
    with pytest.raises(ValueError, match="no duties section"):
        render_plan(
            _plan(is_advice_only=True, duties=["We owe you the relief duty."]),
            council=COUNCIL,
            templates=TEMPLATES,
        )


# --- duty letters --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["prevention_end", "relief_end"])
def test_end_notice_gives_reasons_review_rights_and_the_last_day_to_ask(kind: str) -> None:
    text = render_letter(kind, _letter(), council=COUNCIL, templates=TEMPLATES)
    assert "Your landlord has agreed in writing to a new 12-month tenancy" in text
    assert "you have somewhere suitable to live for at least 6 months" in text
    assert "ended on Monday 23 November 2026" in text
    assert "since Monday 14 September 2026" in text
    assert "right to ask us to review" in text
    assert "section 202" in text
    # Notified Monday 23 November 2026: day 21 is Sunday 13 December 2026.
    assert "You must ask by Sunday 13 December 2026" in text
    # How to ask: the ways to contact the council, and the reference to quote.
    assert "Phone: 01632 960000" in text and "Write to: Housing Options Service" in text
    assert "quote your reference, CASE1234" in text
    assert "$" not in text


def test_end_notice_names_its_duty() -> None:
    prevention = render_letter("prevention_end", _letter(), council=COUNCIL, templates=TEMPLATES)
    relief = render_letter("relief_end", _letter(), council=COUNCIL, templates=TEMPLATES)
    assert "prevention duty" in prevention and "section 195" in prevention
    assert "relief duty" in relief and "section 189B" in relief


def test_a_given_review_deadline_is_used() -> None:
    # Posted on Monday 23 November and received on Wednesday 25: day 21 is Tuesday 15 December.
    letter = _letter(review_deadline=date(2026, 12, 15))
    text = render_letter("relief_end", letter, council=COUNCIL, templates=TEMPLATES)
    assert "You must ask by Tuesday 15 December 2026" in text


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"duty_ended_on": None}, "the date the duty ended"),
        ({"reasons": None}, "the officer's reasons"),
        ({"reasons": "  \n "}, "the officer's reasons"),
        ({"end_reason_label": None}, "the reason it ended"),
    ],
)
def test_an_end_notice_without_its_end_date_or_reasons_is_refused(missing, message) -> None:
    for kind in ("prevention_end", "relief_end"):
        with pytest.raises(ValueError, match=message):
            render_letter(kind, _letter(**missing), council=COUNCIL, templates=TEMPLATES)


def test_a_duty_cannot_end_before_it_started() -> None:
    letter = _letter(duty_ended_on=date(2026, 9, 13))
    with pytest.raises(ValueError, match="before it started"):
        render_letter("prevention_end", letter, council=COUNCIL, templates=TEMPLATES)


@pytest.mark.parametrize(
    ("kind", "duty", "section"),
    [("prevention_start", "prevention duty", "195"), ("relief_start", "relief duty", "189B")],
)
def test_start_letters_say_which_duty_from_when_and_how_to_ask_for_a_review(
    kind: str, duty: str, section: str
) -> None:
    letter = _letter(
        duty_started_on=date(2026, 11, 23),
        duty_ended_on=None,
        end_reason_label=None,
        reasons=None,
    )
    text = render_letter(kind, letter, council=COUNCIL, templates=TEMPLATES)
    assert f"from Monday 23 November 2026 we owe you the {duty}" in text
    assert f"section {section}" in text
    assert "You must ask by Sunday 13 December 2026" in text
    assert "Personal Housing Plan" in text
    assert "\n\n\n" not in text and "$" not in text


def test_an_unknown_letter_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown letter kind"):
        render_letter("main_duty", _letter(), council=COUNCIL, templates=TEMPLATES)


# --- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_shipped_templates_use_only_placeholders_the_code_fills(name: str) -> None:
    assert TEMPLATES.placeholders(name) <= PLACEHOLDERS[name]
    assert TEMPLATES.problems() == []


def test_the_shipped_templates_are_what_their_wording_builds() -> None:
    # The .docx files are built by build_templates.py from templates/wording/: wording changed
    # there and not rebuilt (or a .docx edited by hand and not its wording) fails here.
    shipped = ROOT / "housing_tui" / "documents" / "templates"
    built = built_templates()
    assert sorted(built) == sorted(TEMPLATE_NAMES)
    for name, data in built.items():
        assert (shipped / f"{name}.docx").read_bytes() == data, (
            f"{name}.docx is not what its wording builds: "
            "run python -m housing_tui.documents.build_templates"
        )


def test_the_code_fills_every_placeholder_it_promises(tmp_path: Path) -> None:
    # Council templates using every promised placeholder render without a TemplateError.
    def every(name: str) -> str:
        return "\n".join(f"{{{{ {placeholder} }}}}" for placeholder in sorted(PLACEHOLDERS[name]))

    templates = _council_templates(
        tmp_path, **{f"{name}.docx": every(name) for name in TEMPLATE_NAMES}
    )
    assert templates.problems() == []
    render_plan(_plan(), council=COUNCIL, templates=templates)
    render_plan(_advice(), council=COUNCIL, templates=templates)
    for kind in LETTER_KINDS:
        render_letter(kind, _letter(), council=COUNCIL, templates=templates)
    for kind in DECISION_DOCUMENT_KINDS:
        decision = DecisionLetterContent(
            kind=kind,
            client_name="Testy Tenant",
            client_address=None,
            case_ref="CASE1234",
            officer_name="Olu Officer",
            written_on=date(2026, 11, 23),
            applied_on=date(2026, 9, 14),
            findings=["Homeless? Yes."],
            reasons="Our reasons.",
            decided_on=date(2026, 11, 20),
            proposed_outcome="Not homeless",
            reply_by=date(2026, 11, 30),
            end_reason_label="we lost contact with you",
        )
        render_decision_letter(decision, council=COUNCIL, templates=templates)


def test_an_included_block_is_built_as_if_written_in_place() -> None:
    # One review rights block for every adverse decision letter: built into each, so a
    # change to it changes them all (and a letter cannot keep an old copy of it).
    block = (BLOCKS / "review_rights.md").read_text("utf-8")
    assert build("# Letter\n@include review_rights\nEnd.") == build(f"# Letter\n{block}\nEnd.")
    wording = ROOT / "housing_tui" / "documents" / "templates" / "wording"
    including = {
        path.stem for path in wording.glob("*.md") if "@include review_rights" in path.read_text()
    }
    assert including == set(DECISION_DOCUMENT_KINDS) - {MINDED_TO, "decision_main_duty"}


def test_a_council_template_replaces_the_shipped_one(tmp_path: Path) -> None:
    templates = _council_templates(
        tmp_path,
        **{
            "relief_duty_end.docx": "# EXAMPLE BOROUGH COUNCIL\n"
            "Dear {{ client_name }}, your relief duty ended on {{ duty_ended_on }}.\n"
        },
    )
    text = render_letter("relief_end", _letter(), council=COUNCIL, templates=templates)
    assert text == (
        "# EXAMPLE BOROUGH COUNCIL\n\n"
        "Dear Sam Sample, your relief duty ended on Monday 23 November 2026.\n"
    )
    paragraphs = [p.text for p in _word(tmp_path, "relief_end", templates).paragraphs]
    assert paragraphs == [
        "EXAMPLE BOROUGH COUNCIL",
        "Dear Sam Sample, your relief duty ended on Monday 23 November 2026.",
    ]
    # The other templates are still the shipped ones.
    start = render_letter("relief_start", _letter(), council=COUNCIL, templates=templates)
    assert "We will help you to find somewhere to live" in start


def test_a_council_logo_heads_every_document(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "logo.png").write_bytes(_png())
    templates = load_templates(tmp_path)
    assert templates.problems() == []
    for kind in LETTER_KINDS:
        document = _word(tmp_path, kind, templates)
        assert len(document.inline_shapes) == 1, kind
        assert COUNCIL.name in [p.text for p in document.paragraphs[:3]]
    # Without a logo, the letterhead is the council's name, address and contact line.
    plain = _word(tmp_path, "relief_start", TEMPLATES)
    assert len(plain.inline_shapes) == 0
    assert plain.paragraphs[0].text == COUNCIL.name
    assert plain.paragraphs[0].style.name == "Title"


def test_a_council_template_with_an_unknown_placeholder_names_the_file(tmp_path: Path) -> None:
    templates = _council_templates(
        tmp_path, **{"personal_housing_plan.docx": "Dear {{ client_name }},\nBy {{ deadline }}.\n"}
    )
    with pytest.raises(TemplateError) as raised:
        render_plan(_plan(), council=COUNCIL, templates=templates)
    message = str(raised.value)
    assert str(tmp_path / "templates" / "personal_housing_plan.docx") in message
    assert "{{ deadline }}" in message
    assert raised.value.placeholder == "deadline"
    assert any("{{ deadline }}" in problem for problem in templates.problems())


def test_a_council_template_with_a_broken_placeholder_names_the_file(tmp_path: Path) -> None:
    # Word splits a placeholder edited in place into pieces; here one half-typed.
    templates = _council_templates(
        tmp_path, **{"prevention_duty_end.docx": "Dear {{ client_name,\nA fee applies.\n"}
    )
    with pytest.raises(TemplateError) as raised:
        render_letter("prevention_end", _letter(), council=COUNCIL, templates=templates)
    message = str(raised.value)
    assert "prevention_duty_end.docx" in message and "broken" in message


def test_a_damaged_council_file_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "relief_duty_start.docx").write_bytes(b"not a word document")
    templates = load_templates(tmp_path)
    with pytest.raises(TemplateError, match=r"relief_duty_start\.docx.*cannot be opened"):
        render_letter("relief_start", _letter(), council=COUNCIL, templates=templates)


def test_a_start_letter_cannot_use_the_end_notice_placeholders(tmp_path: Path) -> None:
    templates = _council_templates(
        tmp_path, **{"relief_duty_start.docx": "Ended {{ duty_ended_on }}\n"}
    )
    with pytest.raises(TemplateError, match=r"relief_duty_start\.docx.*duty_ended_on"):
        render_letter("relief_start", _letter(), council=COUNCIL, templates=templates)


def test_written_advice_cannot_use_the_duties_placeholder(tmp_path: Path) -> None:
    templates = _council_templates(tmp_path, **{"written_advice.docx": "{{ duties }}\n"})
    with pytest.raises(TemplateError, match=r"\{\{ duties \}\}"):
        render_plan(_advice(), council=COUNCIL, templates=templates)


def test_a_misnamed_council_file_is_reported_not_silently_used(tmp_path: Path) -> None:
    templates = _council_templates(tmp_path, **{"relief_end.docx": "Hello\n"})
    text = render_letter("relief_end", _letter(), council=COUNCIL, templates=templates)
    assert "Notice that our relief duty to you has ended" in text and "Hello" not in text
    problems = templates.problems()
    assert len(problems) == 1 and "relief_end.docx" in problems[0] and "ignored" in problems[0]


def test_an_old_markdown_template_is_reported_as_no_longer_used(tmp_path: Path) -> None:
    # Before documents were .docx a council changed wording in .md files: one left behind is
    # not used (its placeholders would not fill a Word template), and the set-up check says so.
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "letterhead.md").write_text("EXAMPLE BOROUGH COUNCIL LOGO\n", "utf-8")
    (folder / "relief_duty_end.md").write_text("$letterhead\nDear $client_name\n", "utf-8")
    templates = load_templates(tmp_path)
    text = render_letter("relief_end", _letter(), council=COUNCIL, templates=templates)
    assert "EXAMPLE BOROUGH" not in text and "Notice that our relief duty" in text
    problems = templates.problems()
    assert len(problems) == 2
    assert all("no longer used" in problem and "docs/letters.md" in problem for problem in problems)


def test_no_templates_folder_means_the_shipped_templates(tmp_path: Path) -> None:
    assert load_templates(tmp_path).files == load_templates(None).files


def test_documents_module_imports_neither_textual_nor_the_database() -> None:
    code = (
        "import json, sys, housing_tui.documents.rendering\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('textual', 'sqlalchemy', 'sqlmodel', 'storage'))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(completed.stdout) == []


# --- the [council] policy section ----------------------------------------------------------------


def _policy(tmp_path: Path, text: str):
    (tmp_path / "policy.toml").write_text(text, "utf-8")
    return load_policy(tmp_path)


def test_shipped_council_details_are_obvious_samples() -> None:
    assert "sample" in COUNCIL.name.lower()
    assert COUNCIL.phone.startswith("01632 960")  # Ofcom's drama range
    assert COUNCIL.out_of_hours_phone.startswith("01632 960")
    assert COUNCIL.email.endswith("@example.org")
    assert COUNCIL.address and all(COUNCIL.address)


def test_a_council_overrides_its_details_key_by_key(tmp_path: Path) -> None:
    council = _policy(
        tmp_path,
        '[council]\nname = "Example Borough Council"\naddress = ["Civic Centre", "Exampleton"]\n',
    ).council
    assert council.name == "Example Borough Council"
    assert council.address == ("Civic Centre", "Exampleton")
    assert council.phone == COUNCIL.phone  # not overridden: the shipped value


def test_council_overrides_reach_the_documents(tmp_path: Path) -> None:
    council = _policy(tmp_path, '[council]\nname = "Example Borough Council"\nemail = ""\n').council
    text = render_plan(_plan(), council=council, templates=TEMPLATES)
    assert text.startswith("# Example Borough Council\n")
    assert "Email:" not in text and "example.org |" not in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = ""', "council.name must not be empty"),
        ("name = 42", "council.name must be text"),
        ('address = "1 High Street"', "council.address must be a list of lines"),
        ("address = []", "council.address must be a list of lines"),
        ('out_of_hours_phone = "  "', "council.out_of_hours_phone must not be empty"),
        ('phone = ""', "council.phone must not be empty"),
        ('website = ["x"]', "council.website must be text"),
        ('telephone = "01632 960001"', "unknown keys"),
    ],
)
def test_council_section_is_validated(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        _policy(tmp_path, f"[council]\n{text}\n")
