"""Every document as the .docx a council sends (issue 17 item 3): opened with python-docx as Word
would open it, it has the case's facts and the council's letterhead, and what a client or an
officer typed is text in it, never markup, in the .docx and in the app's preview alike."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import docx
import pytest
from markdown_it import MarkdownIt

from housing_tui.documents.rendering import (
    DECISION_DOCUMENT_KINDS,
    DOCUMENT_TITLES,
    LETTER_KINDS,
    MAIN_DUTY_ENDED,
    MINDED_TO,
    DecisionLetterContent,
    LetterContent,
    PlanContent,
    PlanStep,
    RenderedDocument,
    load_templates,
    render_case_document,
    render_decision_letter,
    render_letter,
    render_plan,
)
from housing_tui.reference.policy import load_policy
from screens.widgets.document_text import _without_links

COUNCIL = load_policy().council
TEMPLATES = load_templates()
HOSTILE_NAME = "# Heading [Pay here](http://pay.example) <b>Bold</b> {{ council_name }}"
"""A client's name as the team store once delivered one (issue 16): Markdown, a link, HTML and
a template placeholder. Each must print as typed."""
HOSTILE_ADDRESS = "1 Mill Lane\n## Not a heading\n<w:hyperlink>\nZZ99 9ZZ"
HOSTILE_STEP = "[Click](javascript:alert(1)) *urgent* www.pay.example"
CASE_REF = "HOU-2026-0042"
TODAY = date(2026, 11, 23)
ALL_KINDS = tuple(DOCUMENT_TITLES)
TO_THE_CLIENT = tuple(kind for kind in ALL_KINDS if kind != "dhp_summary")
"""Documents addressed to the client; the DHP summary goes to revenues and benefits."""


def _plan(*, advice: bool = False) -> PlanContent:
    return PlanContent(
        client_name=HOSTILE_NAME,
        client_address=HOSTILE_ADDRESS,
        case_ref=CASE_REF,
        officer_name="Olu Officer",
        issued_on=TODAY,
        review_on=date(2026, 12, 21),
        version=1,
        is_advice_only=advice,
        duties=[] if advice else ["From 23 November 2026 we owe you the prevention duty."],
        council_steps=[PlanStep(HOSTILE_STEP, date(2026, 11, 27))],
        applicant_steps=[PlanStep("# Bring your bank statements", date(2026, 11, 30))],
        circumstances=["> You have a notice | that expires"],
    )


def _letter(kind: str) -> LetterContent:
    return LetterContent(
        client_name=HOSTILE_NAME,
        client_address=HOSTILE_ADDRESS,
        case_ref=CASE_REF,
        officer_name="Olu Officer",
        written_on=TODAY,
        duty_started_on=date(2026, 9, 14),
        duty_ended_on=TODAY if kind.endswith("_end") else None,
        end_reason_label="you have somewhere suitable to live for at least 6 months",
        reasons=f"{HOSTILE_STEP}\n\n1. Not a list",
    )


def _decision(kind: str) -> DecisionLetterContent:
    return DecisionLetterContent(
        kind=kind,
        client_name=HOSTILE_NAME,
        client_address=HOSTILE_ADDRESS,
        case_ref=CASE_REF,
        officer_name="Olu Officer",
        written_on=TODAY,
        applied_on=date(2026, 9, 14),
        findings=[f"Homeless? Yes: {HOSTILE_STEP}", "In priority need? No: no GP letter"],
        reasons=f"{HOSTILE_STEP}\n\n1. Not a list",
        decided_on=None if kind == MINDED_TO else date(2026, 11, 20),
        proposed_outcome="Homeless, not in priority need" if kind == MINDED_TO else "",
        reply_by=date(2026, 11, 30) if kind == MINDED_TO else None,
        end_reason_label="we lost contact with you",
    )


_MONEY_VALUES: dict[str, dict[str, object]] = {
    "dhp_summary": {
        "written_on": "Monday 23 November 2026",
        "household": [HOSTILE_NAME, "Child, 4"],
        "housing_costs": ["Rent: £200.00 a week <w:hyperlink>"],
        "shortfall": "Weekly shortfall: £35.77.",
        "requested_items": ["Rent shortfall: £465.01"],
        "total_requested": "£465.01",
        "cannot_cover": ["Nothing."],
        "affordability": [HOSTILE_STEP],
        "recommendation": "Apply: £465.01.",
        "reasons": [HOSTILE_STEP],
    },
    "repayment_agreement": {
        "written_on": "Monday 23 November 2026",
        "what_for": HOSTILE_STEP,
        "amount_owed": "£500.00",
        "instalment": "£20.00 a week (25 payments in all)",
        "first_due_on": "Monday 14 December 2026",
        "last_due_on": "Tuesday 1 June 2027",
        "schedule": [
            {"number": "1", "due_on": "Monday 14 December 2026", "amount": "£20.00"},
            {"number": "2", "due_on": "Monday 21 December 2026", "amount": "£20.00"},
        ],
        "affordability": ["We agreed £20.00 a week."],
        "grace_days": "14",
    },
}


def _document(kind: str) -> RenderedDocument:
    """Document `kind` for the hostile client, from the shipped templates."""
    if kind in ("personal_housing_plan", "written_advice"):
        plan = _plan(advice=kind == "written_advice")
        return render_plan(plan, council=COUNCIL, templates=TEMPLATES)
    if kind in LETTER_KINDS:
        return render_letter(kind, _letter(kind), council=COUNCIL, templates=TEMPLATES)
    if kind in DECISION_DOCUMENT_KINDS:
        return render_decision_letter(_decision(kind), council=COUNCIL, templates=TEMPLATES)
    return render_case_document(
        kind,
        _MONEY_VALUES[kind],
        council=COUNCIL,
        templates=TEMPLATES,
        client_name=HOSTILE_NAME,
        client_address=HOSTILE_ADDRESS,
        case_ref=CASE_REF,
        officer_name="Olu Officer",
    )


def _texts(word: docx.document.Document) -> list[str]:
    """Every paragraph's text, the tables' cells too, in order."""
    texts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_each_document_opens_in_word_with_the_case_and_the_letterhead(kind: str) -> None:
    word = docx.Document(io.BytesIO(_document(kind).docx))
    texts = _texts(word)
    joined = "\n".join(texts)
    # The letterhead: the council's name as the title, then its address, line by line.
    assert word.paragraphs[0].text == COUNCIL.name
    assert word.paragraphs[0].style.name == "Title"
    assert texts[1 : 1 + len(COUNCIL.address)] == list(COUNCIL.address)
    assert COUNCIL.phone in word.paragraphs[1 + len(COUNCIL.address)].text
    # The case's facts.
    assert CASE_REF in joined
    assert "Olu Officer" in joined
    assert "Monday 23 November 2026" in joined
    # The client's address as on an envelope: a line each, under the name.
    if kind in TO_THE_CLIENT:
        lines = [HOSTILE_NAME, *HOSTILE_ADDRESS.splitlines()]
        assert any(texts[at : at + len(lines)] == lines for at in range(len(texts)))
    # No placeholder or tag left unfilled: every "{{" left is the client's own.
    assert all("{%" not in text for text in texts)
    assert all(HOSTILE_NAME in text for text in texts if "{{" in text)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_what_a_client_typed_is_text_in_the_docx_never_markup(kind: str) -> None:
    made = _document(kind).docx
    word = docx.Document(io.BytesIO(made))
    texts = _texts(word)
    # The name as typed: the placeholder in it not filled, the HTML not markup.
    assert any(HOSTILE_NAME in text for text in texts)
    assert COUNCIL.name not in " ".join(text for text in texts if "Heading" in text)
    # No heading holds what the client typed, and no link anywhere in the document.
    for paragraph in word.paragraphs:
        if paragraph.style.name.startswith(("Heading", "Title")):
            assert "Heading" not in paragraph.text and "Not a heading" not in paragraph.text
    body = word.element.xml
    assert "<w:hyperlink" not in body
    assert "&lt;w:hyperlink&gt;" in body and "&lt;b&gt;Bold&lt;/b&gt;" in body
    assert not word.part.rels or all(
        "hyperlink" not in rel.reltype for rel in word.part.rels.values()
    )


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("parser", ["app", "gfm-like"])
def test_what_a_client_typed_shows_as_typed_in_the_preview(kind: str, parser: str) -> None:
    # Regression: the preview was the Markdown template filled with the client's words, so
    # a client named "# Heading" was a heading and "[Pay here](http://...)" a live link.
    markdown = _without_links() if parser == "app" else MarkdownIt("gfm-like")
    page = markdown.render(_document(kind).text)
    if parser == "app":
        assert "<a " not in page  # the app's parser makes no link of any text
    else:
        # Linkify on: the council's own email may become a link, nothing the client typed.
        links = re.findall(r'href="([^"]*)"', page)
        assert not [link for link in links if "pay.example" in link or "javascript" in link]
    for level in range(1, 7):
        for heading in page.split(f"<h{level}>")[1:]:
            assert "Heading" not in heading.split(f"</h{level}>")[0]
    assert html.escape(HOSTILE_NAME, quote=False) in page
    assert "<b>" not in page and "<em>" not in page and "<blockquote>" not in page
    if kind in ("personal_housing_plan", "written_advice"):
        # The steps, numbered by the code, with the officer's words as typed.
        assert "1. [Click](javascript:alert(1)) *urgent* www.pay.example, by" in page


@pytest.mark.parametrize("kind", DECISION_DOCUMENT_KINDS)
def test_each_adverse_decision_gives_the_review_rights_and_the_last_day_to_ask(kind: str) -> None:
    word = docx.Document(io.BytesIO(_document(kind).docx))
    texts = _texts(word)
    joined = "\n".join(texts)
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    adverse = kind not in (MINDED_TO, "decision_main_duty")
    # s.202(3): 21 days beginning with the day notified; written (and so at the earliest
    # notified) on Monday 23 November 2026, the last day is Sunday 13 December 2026.
    assert ("Your right to ask for a review" in headings) is adverse
    assert ("by Sunday 13 December 2026" in joined) is adverse
    if adverse:
        # How to ask: the council's phone, its address a line each, and the reference.
        rights = texts[texts.index("Your right to ask for a review") :]
        assert any(COUNCIL.phone in text for text in rights)
        at = next(i for i, text in enumerate(rights) if text == COUNCIL.address[0])
        assert rights[at : at + len(COUNCIL.address)] == list(COUNCIL.address)
        assert any(f"Quote your reference, {CASE_REF}." in text for text in rights)
    # The findings a bullet each (not in the end of the main duty: it follows the decision
    # that gave them), the reasons a paragraph a line, as the officer typed them.
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert (f"Homeless? Yes: {HOSTILE_STEP}" in bullets) is (kind != MAIN_DUTY_ENDED)
    assert ("In priority need? No: no GP letter" in bullets) is (kind != MAIN_DUTY_ENDED)
    assert HOSTILE_STEP in texts and "1. Not a list" in texts
    if kind == MAIN_DUTY_ENDED:
        assert "this duty ended on Friday 20 November 2026 because we lost contact with you." in (
            joined
        )
    if kind == "decision_relief_ended":
        assert "it has ended because we lost contact with you," in joined
    if kind == MINDED_TO:
        assert "Homeless, not in priority need" in texts
        assert "Tell us what you think by Monday 30 November 2026" in headings


def test_a_decision_against_the_applicant_without_reasons_is_refused() -> None:
    # s.184(3): the applicant must be told the reasons for a decision against them.
    for kind in ("decision_not_homeless", MINDED_TO):
        content = DecisionLetterContent(**{**vars(_decision(kind)), "reasons": "  \n"})
        with pytest.raises(ValueError, match="reasons"):
            render_decision_letter(content, council=COUNCIL, templates=TEMPLATES)


def test_text_the_code_cannot_put_in_a_word_document_is_left_out() -> None:
    # XML 1.0 holds no control characters; docxtpl reads \a as "new paragraph".
    content = _letter("relief_start")
    made = render_letter(
        "relief_start",
        LetterContent(**{**vars(content), "client_name": "Jo\x07 Bl\x00oggs\x1b"}),
        council=COUNCIL,
        templates=TEMPLATES,
    )
    assert "Dear Jo Bloggs," in _texts(docx.Document(io.BytesIO(made.docx)))
