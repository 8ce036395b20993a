"""Rendering: the Personal Housing Plan or written advice, the duty letters and notices, the
"minded to" and decision letters on a homelessness application, and the money documents, each
with the council's details and letterhead, as a .docx and the text the app shows of it
(`RenderedDocument`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from housing_tui.reference.policy import CouncilPolicy
from housing_tui.documents.rendering.content import (
    DecisionLetterContent,
    LetterContent,
    PlanContent,
    long_date,
    review_request_deadline,
)
from housing_tui.documents.rendering.kinds import (
    ADVERSE_DECISION_KINDS,
    DECISION_LETTER_TITLES,
    DOCUMENT_TITLES,
    END_LETTER_KINDS,
    LETTER_KINDS,
    LETTER_TEMPLATES,
    MAIN_DUTY_DECISION,
    MAIN_DUTY_ENDED,
    MINDED_TO,
    MONEY_DOCUMENT_KINDS,
)
from housing_tui.documents.rendering.lines import (
    kept_lines,
    key_date_list,
    listed,
    numbered_steps,
    paragraphs,
)
from housing_tui.documents.rendering.preview import preview
from housing_tui.documents.rendering.templates import Templates


@dataclass(frozen=True)
class RenderedDocument:
    """A document as produced: the .docx a council sends, and the same words as the app shows
    them (escaped Markdown, `preview`)."""

    docx: bytes
    text: str


def _rendered(templates: Templates, name: str, values: Mapping[str, object]) -> RenderedDocument:
    docx = templates.render(name, values)
    return RenderedDocument(docx=docx, text=preview(docx))


def render_plan(
    content: PlanContent, *, council: CouncilPolicy, templates: Templates
) -> RenderedDocument:
    """The Personal Housing Plan (or written advice, for an advice-only or closed case): every
    step with its date, the duties, key dates, version and review date."""
    kind = "written_advice" if content.is_advice_only else "personal_housing_plan"
    what = "advice" if content.is_advice_only else "plan"
    if content.version < 1:
        raise ValueError(f"version must be 1 or more (got {content.version})")
    if content.review_on is None and not content.is_advice_only:
        raise ValueError(
            "a Personal Housing Plan needs a review date: the law says keep it under review"
        )
    if content.review_on is not None and content.review_on < content.issued_on:
        raise ValueError(
            f"the review date {content.review_on} is before the issue date {content.issued_on}"
        )
    if content.is_advice_only and any(text.strip() for text in content.duties):
        raise ValueError(
            "written advice has no duties section: pass no duties, or issue a Personal Housing "
            "Plan for a client who is owed a duty"
        )

    version_line = f"Version {content.version}, issued {long_date(content.issued_on)}."
    if content.review_on is not None:
        version_line += f" We will review this {what} by {long_date(content.review_on)}."
    version_note = ""
    if content.version > 1:
        version_note = f"This version replaces version {content.version - 1}: please use this one."
    values = _document_values(council, content)
    values.update(
        issued_on=long_date(content.issued_on),
        plan_review_on=long_date(content.review_on) if content.review_on else "",
        version=str(content.version),
        version_line=version_line,
        version_note=version_note,
        circumstances=listed(content.circumstances, "We have not written down your situation yet."),
        council_steps=numbered_steps(content.council_steps, "No steps agreed yet."),
        applicant_steps=numbered_steps(content.applicant_steps, "No steps agreed yet."),
        key_dates=key_date_list(content.key_dates),
        options_considered=listed(
            content.options_considered, "We have not written down any other options."
        ),
        contacts=_contacts(council, content.officer_name, content.case_ref, content.contacts),
        ask_for_review_by=long_date(review_request_deadline(content.issued_on)),
    )
    if not content.is_advice_only:
        values["duties"] = listed(
            content.duties,
            "We have not yet decided which duty we owe you. We will tell you in writing.",
        )
    return _rendered(templates, kind, values)


def render_letter(
    kind: str, content: LetterContent, *, council: CouncilPolicy, templates: Templates
) -> RenderedDocument:
    """The letter for a duty that started, or the notice for one that ended.

    `kind` is one of LETTER_KINDS. An end notice must give the circumstance that ended the
    duty, the reasons, and the right to ask for a review and by when (s.195(6), s.189B(6),
    s.202(3)): it is refused (ValueError) without an end date, an end reason or reasons.
    """
    if kind not in LETTER_TEMPLATES:
        raise ValueError(f"unknown letter kind {kind!r}; the kinds are {LETTER_KINDS}")
    is_end = kind in END_LETTER_KINDS
    reasons = (content.reasons or "").strip()
    review_by = content.review_deadline or review_request_deadline(content.written_on)
    if review_by < content.written_on:
        raise ValueError(
            f"the review deadline {review_by} is before the letter's date {content.written_on}"
        )
    values = _document_values(council, content)
    values.update(
        written_on=long_date(content.written_on),
        duty_started_on=long_date(content.duty_started_on),
        reasons=paragraphs(reasons),
        ask_for_review_by=long_date(review_by),
    )
    if is_end:
        # Ombudsman: notices without reasons or review rights cost applicants their review.
        missing = [
            what
            for what, value in (
                ("the date the duty ended", content.duty_ended_on),
                ("the reason it ended", (content.end_reason_label or "").strip()),
                ("the officer's reasons", reasons),
            )
            if not value
        ]
        if missing:
            raise ValueError(f"an end notice needs {', '.join(missing)}: it cannot be sent without")
        assert content.duty_ended_on is not None
        if content.duty_ended_on < content.duty_started_on:
            raise ValueError(
                f"the duty cannot end ({content.duty_ended_on}) before it started "
                f"({content.duty_started_on})"
            )
        values.update(
            duty_ended_on=long_date(content.duty_ended_on),
            end_reason=(content.end_reason_label or "").strip().rstrip("."),
        )
    return _rendered(templates, LETTER_TEMPLATES[kind], values)


def render_decision_letter(
    content: DecisionLetterContent, *, council: CouncilPolicy, templates: Templates
) -> RenderedDocument:
    """A "minded to" letter or an s.184 decision letter. A decision against the applicant gives
    the reasons and the right to a review, by when and how (s.184(3), (5), s.202(3)): it is
    refused (ValueError) without reasons."""
    kind = content.kind
    if kind != MINDED_TO and kind not in DECISION_LETTER_TITLES:
        raise ValueError(f"unknown decision letter {kind!r}")
    reasons = content.reasons.strip()
    if kind != MAIN_DUTY_DECISION and not reasons:
        raise ValueError("a decision against the applicant needs its reasons (s.184(3))")
    values = _document_values(council, content)
    values.update(
        written_on=long_date(content.written_on),
        applied_on=long_date(content.applied_on),
        findings=listed(content.findings, "We have not finished our inquiries."),
        reasons=paragraphs(reasons),
    )
    if kind == MINDED_TO:
        if content.reply_by is None or not content.proposed_outcome.strip():
            raise ValueError("a minded-to letter needs the proposed decision and a reply date")
        values.update(
            proposed_outcome=content.proposed_outcome.strip(),
            reply_by=long_date(content.reply_by),
        )
        return _rendered(templates, kind, values)
    if content.decided_on is None:
        raise ValueError("a decision letter needs the date of the decision")
    values["decided_on"] = long_date(content.decided_on)
    if kind in ADVERSE_DECISION_KINDS:
        values["ask_for_review_by"] = long_date(review_request_deadline(content.written_on))
    if kind in ("decision_relief_ended", MAIN_DUTY_ENDED):
        end_reason = content.end_reason_label.strip().rstrip(".")
        if not end_reason:
            raise ValueError(f"a {DOCUMENT_TITLES[kind].lower()} letter needs why the duty ended")
        values["end_reason"] = end_reason
    return _rendered(templates, kind, values)


def render_case_document(
    name: str,
    values: Mapping[str, object],
    *,
    council: CouncilPolicy,
    templates: Templates,
    client_name: str,
    client_address: str | None,
    case_ref: str,
    officer_name: str,
) -> RenderedDocument:
    """Document `name` (one of MONEY_DOCUMENT_KINDS) for the client: the letterhead, the
    client and the council filled in here, `values` for the rest."""
    if name not in MONEY_DOCUMENT_KINDS:
        raise ValueError(f"unknown document {name!r}; the kinds are {MONEY_DOCUMENT_KINDS}")
    client = _Client(client_name, client_address, case_ref, officer_name)
    filled = _document_values(council, client)
    filled.update(values)
    return _rendered(templates, name, filled)


def bullets(items: Sequence[str], when_empty: str = "None.") -> list[str]:
    """`items` as a list a template prints a line each (`when_empty` if there are none)."""
    return listed(items, when_empty)


class _ForClient(Protocol):
    """Who a document is for and from: every document's content has these."""

    @property
    def client_name(self) -> str: ...
    @property
    def client_address(self) -> str | None: ...
    @property
    def case_ref(self) -> str: ...
    @property
    def officer_name(self) -> str: ...


@dataclass(frozen=True)
class _Client:
    client_name: str
    client_address: str | None
    case_ref: str
    officer_name: str


def _document_values(council: CouncilPolicy, content: _ForClient) -> dict[str, object]:
    """The values every document has: the council (its letterhead) and the client."""
    values = _council_values(council)
    values.update(
        addressee=kept_lines([content.client_name, *(content.client_address or "").splitlines()]),
        client_name=content.client_name.strip(),
        case_ref=content.case_ref.strip(),
        officer_name=content.officer_name.strip(),
        phone_us=_phone_us(council),
        how_to_contact_us=_ways_to_contact(council),
    )
    return values


def _council_values(council: CouncilPolicy) -> dict[str, object]:
    return {
        "council_name": council.name,
        "council_address": kept_lines(council.address),
        "council_address_line": ", ".join(council.address),
        "council_phone": council.phone,
        "council_email": council.email,
        "council_website": council.website,
        "council_office_hours": council.office_hours,
        "council_out_of_hours_phone": council.out_of_hours_phone,
        "council_contact_line": " | ".join(
            part
            for part in (f"Phone {council.phone}", council.email, council.website)
            if part.strip()
        ),
    }


def _phone_us(council: CouncilPolicy) -> str:
    if council.office_hours:
        return f"{council.phone} ({council.office_hours})"
    return council.phone


def _ways_to_contact(council: CouncilPolicy) -> list[str]:
    ways = [f"Phone: {_phone_us(council)}"]
    if council.email:
        ways.append(f"Email: {council.email}")
    ways.append(f"Write to: {', '.join(council.address)}")
    if council.website:
        ways.append(f"Website: {council.website}")
    return ways


def _contacts(
    council: CouncilPolicy, officer_name: str, case_ref: str, extra: Sequence[str]
) -> list[str]:
    return listed(
        [
            f"Your housing officer: {officer_name.strip()} (please quote your reference, "
            f"{case_ref.strip()})",
            *_ways_to_contact(council),
            f"Emergency line outside office hours: {council.out_of_hours_phone}",
            *extra,
        ]
    )
