"""The documents there are (plans, duty letters, money documents), what each is called, and the
placeholders each template may use."""

from __future__ import annotations

from collections.abc import Mapping

TEMPLATES_FOLDER = "templates"
"""The folder, in the package and in a council's data directory, holding the templates."""

REVIEW_REQUEST_DAYS = 21
"""Housing Act 1996 s.202(3): ask for a review "before the end of the period of 21 days
beginning with the day on which he is notified" of the decision (or longer if the council
allows it in writing)."""

PLAN_KINDS = ("personal_housing_plan", "written_advice")
"""Document kinds for the plan; they share version numbers (storage keeps every version)."""

LETTER_TEMPLATES = {
    "prevention_start": "prevention_duty_start",
    "prevention_end": "prevention_duty_end",
    "relief_start": "relief_duty_start",
    "relief_end": "relief_duty_end",
}
"""Each duty letter kind (the code storage records) and the template that words it."""

LETTER_KINDS = tuple(LETTER_TEMPLATES)
END_LETTER_KINDS = ("prevention_end", "relief_end")

MONEY_DOCUMENT_KINDS = ("dhp_summary", "repayment_agreement")
"""Documents of the money checks: each kind is also its template's name."""

DECISION_LETTER_TITLES = {
    "decision_main_duty": "Decision: main housing duty owed",
    "decision_not_homeless": "Decision: not homeless",
    "decision_no_priority_need": "Decision: not in priority need",
    "decision_intentionally_homeless": "Decision: intentionally homeless",
    "decision_not_eligible": "Decision: not eligible",
    "decision_local_connection": "Decision: referral to another council (local connection)",
    "decision_relief_ended": "Decision: relief duty ended",
    "main_duty_ended": "Main housing duty ended",
}
"""The letters of the application's decisions: the s.184 decision for each outcome
(`Outcome.letter`), and the one saying the main duty (s.193) ended; each kind is also its
template's name. Every one but the main duty owed gives the review rights (the wording block
`templates/wording/blocks/review_rights.md`, built into each)."""

MAIN_DUTY_ENDED = "main_duty_ended"
"""The letter saying the main duty ended, why, and the right to a review (s.202(1)(b))."""

MINDED_TO = "minded_to"
"""The letter telling the applicant the council is minded to decide against them."""

MAIN_DUTY_DECISION = "decision_main_duty"
ADVERSE_DECISION_KINDS = tuple(
    kind for kind in DECISION_LETTER_TITLES if kind != MAIN_DUTY_DECISION
)
"""The decisions against the applicant: their letters give the reasons and the review rights."""

DECISION_DOCUMENT_KINDS = (MINDED_TO, *DECISION_LETTER_TITLES)

VERSIONED_KINDS = (*PLAN_KINDS, *LETTER_KINDS, *DECISION_DOCUMENT_KINDS)
"""Documents that may be produced again, each time as the next version with the earlier ones
kept: the plan (its two kinds share one numbering) and each letter, numbered by its kind (and
its duty). A money document is one per plan or application, never a version of another."""

TEMPLATE_NAMES = (
    *PLAN_KINDS,
    *LETTER_TEMPLATES.values(),
    *MONEY_DOCUMENT_KINDS,
    *DECISION_DOCUMENT_KINDS,
)
"""Every template, by file name without `.docx`. Adding a document kind is a wording file in
templates/wording/, its .docx built from it, and its name here (docs/letters.md)."""

DOCUMENT_TITLES = {
    "personal_housing_plan": "Personal Housing Plan",
    "written_advice": "Written advice",
    "prevention_start": "Prevention duty: letter that the duty is owed",
    "prevention_end": "Prevention duty: notice that the duty has ended",
    "relief_start": "Relief duty: letter that the duty is owed",
    "relief_end": "Relief duty: notice that the duty has ended",
    "dhp_summary": "DHP application summary (for revenues and benefits)",
    "repayment_agreement": "Repayment agreement",
    MINDED_TO: "Minded to: the decision we propose, for their reply",
    **DECISION_LETTER_TITLES,
}
"""What each document kind is called on screen."""


# --- what the code fills in ----------------------------------------------------------------------

_COUNCIL_PLACEHOLDERS = frozenset(
    {
        "logo",
        "council_name",
        "council_address",
        "council_address_line",
        "council_phone",
        "council_email",
        "council_website",
        "council_office_hours",
        "council_out_of_hours_phone",
        "council_contact_line",
    }
)
DOCUMENT_PLACEHOLDERS = _COUNCIL_PLACEHOLDERS | {
    "addressee",
    "client_name",
    "case_ref",
    "officer_name",
    "phone_us",
    "how_to_contact_us",
}
"""What every document may use: the council (its letterhead) and who the document is for."""
_PLAN_PLACEHOLDERS = DOCUMENT_PLACEHOLDERS | {
    "issued_on",
    "plan_review_on",
    "version",
    "version_line",
    "version_note",
    "circumstances",
    "council_steps",
    "applicant_steps",
    "key_dates",
    "options_considered",
    "contacts",
    "ask_for_review_by",
}
_LETTER_PLACEHOLDERS = DOCUMENT_PLACEHOLDERS | {
    "written_on",
    "duty_started_on",
    "reasons",
    "ask_for_review_by",
}
_END_LETTER_PLACEHOLDERS = _LETTER_PLACEHOLDERS | {"duty_ended_on", "end_reason"}
_DECISION_PLACEHOLDERS = DOCUMENT_PLACEHOLDERS | {
    "written_on",
    "applied_on",
    "decided_on",
    "findings",
    "reasons",
}
# An adverse decision gives the right to a review and the last day to ask (s.202(3)).
_ADVERSE_DECISION_PLACEHOLDERS = _DECISION_PLACEHOLDERS | {"ask_for_review_by"}

PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    MINDED_TO: frozenset(
        DOCUMENT_PLACEHOLDERS
        | {"written_on", "applied_on", "proposed_outcome", "findings", "reasons", "reply_by"}
    ),
    **{kind: frozenset(_ADVERSE_DECISION_PLACEHOLDERS) for kind in ADVERSE_DECISION_KINDS},
    MAIN_DUTY_DECISION: frozenset(_DECISION_PLACEHOLDERS),
    "decision_relief_ended": frozenset(_ADVERSE_DECISION_PLACEHOLDERS | {"end_reason"}),
    # `decided_on` is the day the main duty ended.
    MAIN_DUTY_ENDED: frozenset(_ADVERSE_DECISION_PLACEHOLDERS | {"end_reason"}),
    "personal_housing_plan": frozenset(_PLAN_PLACEHOLDERS | {"duties"}),
    # Written advice is for clients owed no duty: it has no duties to show.
    "written_advice": frozenset(_PLAN_PLACEHOLDERS),
    "prevention_duty_start": frozenset(_LETTER_PLACEHOLDERS),
    "relief_duty_start": frozenset(_LETTER_PLACEHOLDERS),
    "prevention_duty_end": frozenset(_END_LETTER_PLACEHOLDERS),
    "relief_duty_end": frozenset(_END_LETTER_PLACEHOLDERS),
    # Filled by housing_tui.money.dhp: each a line, or a list of lines, in plain words.
    "dhp_summary": frozenset(
        DOCUMENT_PLACEHOLDERS
        | {
            "written_on",
            "household",
            "housing_costs",
            "shortfall",
            "requested_items",
            "total_requested",
            "cannot_cover",
            "affordability",
            "recommendation",
            "reasons",
        }
    ),
    # Filled by housing_tui.money.repayments.
    "repayment_agreement": frozenset(
        DOCUMENT_PLACEHOLDERS
        | {
            "written_on",
            "what_for",
            "amount_owed",
            "instalment",
            "first_due_on",
            "last_due_on",
            "schedule",
            "affordability",
            "grace_days",
        }
    ),
}
"""The placeholders each template may use: exactly the values the code fills in for it. Lists
(the address lines, the steps, the ways to contact us, a repayment's `schedule` of payments
with `number`, `due_on` and `amount`) are written in a template with `{%p for … %}`."""
