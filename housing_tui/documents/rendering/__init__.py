"""Personal Housing Plans, written advice and duty letters as documents: Markdown text built from
templates, ready to save against the case, print or email.

The wording lives in Markdown templates (`housing_tui/documents/templates/*.md`) with
`string.Template` placeholders (`$client_name`). A council puts its own letterhead or wording on
any document by putting a file of the same name in `templates/` in its data directory
(`load_templates`). A template with a placeholder the code does not fill, or a stray `$`,
raises `TemplateError` naming the file: a letter is never sent half filled. `PLACEHOLDERS`
lists what each template may use.

This module only builds text: the caller fills the dataclasses from the database, and storage
saves the versions and files. Output is Markdown that reads as plain text too, so a council can
paste it under its letterhead.
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
    DOCUMENT_TITLES,
    END_LETTER_KINDS,
    LETTER_KINDS,
    LETTER_TEMPLATES,
    MINDED_TO,
    MONEY_DOCUMENT_KINDS,
    PLACEHOLDERS,
    PLAN_KINDS,
    REVIEW_REQUEST_DAYS,
    TEMPLATE_NAMES,
    TEMPLATES_FOLDER,
)
from housing_tui.documents.rendering.render import (
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
    "DOCUMENT_TITLES",
    "DecisionLetterContent",
    "END_LETTER_KINDS",
    "KeyDate",
    "LETTER_KINDS",
    "LETTER_TEMPLATES",
    "LetterContent",
    "MINDED_TO",
    "MONEY_DOCUMENT_KINDS",
    "PLACEHOLDERS",
    "PLAN_KINDS",
    "PlanContent",
    "PlanStep",
    "REVIEW_REQUEST_DAYS",
    "TEMPLATES_FOLDER",
    "TEMPLATE_NAMES",
    "TemplateError",
    "Templates",
    "bullets",
    "document_file_name",
    "load_templates",
    "long_date",
    "render_case_document",
    "render_decision_letter",
    "render_letter",
    "render_plan",
    "review_request_deadline",
]
