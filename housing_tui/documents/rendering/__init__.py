"""Personal Housing Plans, written advice, duty letters and money documents as Word documents
(.docx) a council sends, ready to save against the case, print or email.

The wording lives in Word templates (`housing_tui/documents/templates/*.docx`, built from
`templates/wording/*.md` by `housing_tui.documents.build_templates`) with Jinja placeholders
(`{{ client_name }}`) that docxtpl fills, autoescaped, so what officers and clients typed is
always text. A council puts its own wording on any document by putting a .docx of the same
name in `templates/` in its data directory, and its logo there as `logo.png`
(`load_templates`; docs/letters.md). A template with a placeholder the code does not fill
raises `TemplateError` naming the file: a letter is never sent half filled. `PLACEHOLDERS`
lists what each template may use.

This module only builds documents: the caller fills the dataclasses from the database, and
storage saves the versions. Each `RenderedDocument` has the .docx and the text the app shows
of it (`preview`: escaped Markdown).
"""

from __future__ import annotations

from housing_tui.documents.rendering.content import (
    DecisionLetterContent,
    KeyDate,
    LetterContent,
    PlanContent,
    PlanStep,
    document_file_name,
    long_date,
    review_request_deadline,
)
from housing_tui.documents.rendering.kinds import (
    DECISION_DOCUMENT_KINDS,
    DECISION_LETTER_TITLES,
    DOCUMENT_PLACEHOLDERS,
    DOCUMENT_TITLES,
    END_LETTER_KINDS,
    LETTER_KINDS,
    LETTER_TEMPLATES,
    MAIN_DUTY_ENDED,
    MINDED_TO,
    MONEY_DOCUMENT_KINDS,
    PLACEHOLDERS,
    PLAN_KINDS,
    REVIEW_REQUEST_DAYS,
    TEMPLATE_NAMES,
    TEMPLATES_FOLDER,
    VERSIONED_KINDS,
)
from housing_tui.documents.rendering.preview import preview
from housing_tui.documents.rendering.render import (
    RenderedDocument,
    bullets,
    render_case_document,
    render_decision_letter,
    render_letter,
    render_plan,
)
from housing_tui.documents.rendering.templates import TemplateError, Templates, load_templates

__all__ = [
    "DECISION_DOCUMENT_KINDS",
    "DECISION_LETTER_TITLES",
    "DOCUMENT_PLACEHOLDERS",
    "DOCUMENT_TITLES",
    "DecisionLetterContent",
    "END_LETTER_KINDS",
    "KeyDate",
    "LETTER_KINDS",
    "LETTER_TEMPLATES",
    "LetterContent",
    "MAIN_DUTY_ENDED",
    "MINDED_TO",
    "MONEY_DOCUMENT_KINDS",
    "PLACEHOLDERS",
    "PLAN_KINDS",
    "PlanContent",
    "PlanStep",
    "REVIEW_REQUEST_DAYS",
    "RenderedDocument",
    "VERSIONED_KINDS",
    "TEMPLATES_FOLDER",
    "TEMPLATE_NAMES",
    "TemplateError",
    "Templates",
    "bullets",
    "document_file_name",
    "load_templates",
    "long_date",
    "preview",
    "render_case_document",
    "render_decision_letter",
    "render_letter",
    "render_plan",
    "review_request_deadline",
]
