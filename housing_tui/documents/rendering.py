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

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.reference.council_files import read_council_text

if TYPE_CHECKING:
    from housing_tui.reference.policy import CouncilPolicy

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

TEMPLATE_NAMES = ("letterhead", *PLAN_KINDS, *LETTER_TEMPLATES.values(), *MONEY_DOCUMENT_KINDS)
"""Every template, by file name without `.md`."""

DOCUMENT_TITLES = {
    "personal_housing_plan": "Personal Housing Plan",
    "written_advice": "Written advice",
    "prevention_start": "Prevention duty: letter that the duty is owed",
    "prevention_end": "Prevention duty: notice that the duty has ended",
    "relief_start": "Relief duty: letter that the duty is owed",
    "relief_end": "Relief duty: notice that the duty has ended",
    "dhp_summary": "DHP application summary (for revenues and benefits)",
    "repayment_agreement": "Repayment agreement",
}
"""What each document kind is called on screen."""


# --- what the code fills in ----------------------------------------------------------------------

_COUNCIL_PLACEHOLDERS = frozenset(
    {
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
_DOCUMENT_PLACEHOLDERS = _COUNCIL_PLACEHOLDERS | {
    "letterhead",
    "addressee",
    "client_name",
    "case_ref",
    "officer_name",
    "phone_us",
    "how_to_contact_us",
}
_PLAN_PLACEHOLDERS = _DOCUMENT_PLACEHOLDERS | {
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
_LETTER_PLACEHOLDERS = _DOCUMENT_PLACEHOLDERS | {
    "written_on",
    "duty_started_on",
    "reasons",
    "ask_for_review_by",
}
_END_LETTER_PLACEHOLDERS = _LETTER_PLACEHOLDERS | {"duty_ended_on", "end_reason"}

PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "letterhead": _COUNCIL_PLACEHOLDERS,
    "personal_housing_plan": frozenset(_PLAN_PLACEHOLDERS | {"duties"}),
    # Written advice is for clients owed no duty: it has no duties to show.
    "written_advice": frozenset(_PLAN_PLACEHOLDERS),
    "prevention_duty_start": frozenset(_LETTER_PLACEHOLDERS),
    "relief_duty_start": frozenset(_LETTER_PLACEHOLDERS),
    "prevention_duty_end": frozenset(_END_LETTER_PLACEHOLDERS),
    "relief_duty_end": frozenset(_END_LETTER_PLACEHOLDERS),
    # Filled by housing_tui.money.dhp: each is a Markdown block or a line, in plain words.
    "dhp_summary": frozenset(
        _DOCUMENT_PLACEHOLDERS
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
        _DOCUMENT_PLACEHOLDERS
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
"""The placeholders each template may use: exactly the values the code fills in for it."""


# --- templates -----------------------------------------------------------------------------------


class TemplateError(ValueError):
    """A template cannot be used; the message names the file and the placeholder."""

    def __init__(self, message: str, *, source: str, placeholder: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        """The file, as the message names it."""
        self.placeholder = placeholder


@dataclass(frozen=True)
class Templates:
    """The template text for every document: the shipped wording or the council's own."""

    texts: Mapping[str, str]
    sources: Mapping[str, str]
    """Where each text came from, for error messages: the council's file or the shipped one."""
    ignored: tuple[str, ...] = field(default=())
    """Files in the council's templates folder that are not a template name, so not used."""

    def placeholders(self, name: str) -> frozenset[str]:
        """The placeholder names template `name` uses (valid ones only)."""
        return frozenset(string.Template(self._text(name)).get_identifiers())

    def render(self, name: str, values: Mapping[str, str]) -> str:
        """Template `name` with every placeholder filled from `values`.

        Raises TemplateError, naming the file, for a `$` that starts no placeholder or a
        placeholder not in `values`: all or nothing, never a half-filled letter.
        """
        template = string.Template(self._text(name))
        _check(template, self.sources[name], frozenset(values))
        return template.substitute(values)

    def problems(self) -> list[str]:
        """Every problem with the templates, for a set-up check: empty when all can be used."""
        found = []
        for name in TEMPLATE_NAMES:
            try:
                _check(string.Template(self._text(name)), self.sources[name], PLACEHOLDERS[name])
            except TemplateError as error:
                found.append(str(error))
        found.extend(
            f"{file}: not a template this app uses, so it is ignored "
            f"(the names are {', '.join(n + '.md' for n in TEMPLATE_NAMES)})"
            for file in self.ignored
        )
        return found

    def _text(self, name: str) -> str:
        if name not in self.texts:
            raise ValueError(f"no template called {name!r}; the names are {TEMPLATE_NAMES}")
        return self.texts[name]


def load_templates(data_dir: Path | None = None) -> Templates:
    """The shipped templates, each replaced by the council's file of the same name in
    `data_dir / "templates"` if there is one (e.g. `letterhead.md` for its own letterhead).

    Raises TemplateError for a council file that cannot be read as UTF-8 text. Placeholders
    are checked when a document is rendered, and by `Templates.problems()`.
    """
    shipped = resources.files("housing_tui.documents").joinpath(TEMPLATES_FOLDER)
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        texts[name] = shipped.joinpath(f"{name}.md").read_text("utf-8")
        sources[name] = f"the shipped template {name}.md"
    ignored: list[str] = []
    folder = data_dir / TEMPLATES_FOLDER if data_dir is not None else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix != ".md" or path.stem not in TEMPLATE_NAMES:
                ignored.append(str(path))
                continue
            try:
                texts[path.stem] = read_council_text(path)
            except (OSError, UnicodeDecodeError) as error:
                raise TemplateError(
                    f"{path}: cannot be read as UTF-8 text ({error})", source=str(path)
                ) from error
            sources[path.stem] = str(path)
    return Templates(texts=texts, sources=sources, ignored=tuple(ignored))


def _check(template: string.Template, source: str, allowed: frozenset[str]) -> None:
    for match in template.pattern.finditer(template.template):
        if match.group("invalid") is None:
            continue
        # The match starts at the "$"; show it with what follows, up to a space.
        start = match.start()
        line = template.template.count("\n", 0, start) + 1
        mistake = template.template[start : start + 20].split(maxsplit=1)[0]
        raise TemplateError(
            f"{source}, line {line}: {mistake!r} is not a placeholder. A placeholder is $ and a "
            "name, such as $client_name; write $$ for a dollar sign.",
            source=source,
            placeholder=mistake,
        )
    for name in template.get_identifiers():
        if name not in allowed:
            raise TemplateError(
                f"{source}: unknown placeholder ${name}. This document can use: "
                + ", ".join(f"${known}" for known in sorted(allowed)),
                source=source,
                placeholder=name,
            )


# --- the content the caller supplies -------------------------------------------------------------


@dataclass(frozen=True)
class PlanStep:
    """A reasonable step, for the council or the applicant, in the words the client reads."""

    text: str
    due_on: date | None = None
    status_label: str = ""
    """Progress as the client should read it, e.g. "to do" or "done"; empty to leave out."""


@dataclass(frozen=True)
class KeyDate:
    on: date
    what: str


@dataclass(frozen=True, kw_only=True)
class PlanContent:
    """A Personal Housing Plan, or written advice when `is_advice_only`."""

    client_name: str
    client_address: str | None
    """One line or several (newlines): printed under the name, as on an envelope."""
    case_ref: str
    officer_name: str
    issued_on: date
    review_on: date | None
    """When the plan will be reviewed (s.189A(9): keep it under review). Required for a plan;
    written advice for a closed case may have none."""
    version: int
    is_advice_only: bool = False
    """Written advice (no duty owed, advice only, or a closed case) instead of a plan."""
    circumstances: Sequence[str] = ()
    """Short plain-English lines, e.g. "You have a section 8 notice that expires on ..."."""
    duties: Sequence[str] = ()
    """Sentences about the duties owed (`housing_tui.casework.duties.duties_owed`). None in
    advice."""
    council_steps: Sequence[PlanStep] = ()
    applicant_steps: Sequence[PlanStep] = ()
    key_dates: Sequence[KeyDate] = ()
    options_considered: Sequence[str] = ()
    """Options looked at and not taken, each with why."""
    contacts: Sequence[str] = ()
    """Contacts beyond the council's own, e.g. "Citizens Advice: 0800 ..."."""

    @property
    def kind(self) -> str:
        """The document kind it is saved as: one of PLAN_KINDS."""
        return "written_advice" if self.is_advice_only else "personal_housing_plan"


@dataclass(frozen=True, kw_only=True)
class LetterContent:
    """A letter that a duty has started, or a notice that it has ended."""

    client_name: str
    client_address: str | None
    case_ref: str
    officer_name: str
    written_on: date
    duty_started_on: date
    duty_ended_on: date | None = None
    """Required for an end notice."""
    end_reason_label: str | None = None
    """Which circumstance in the law ended the duty, as the client reads it (s.195(6)(a) and
    s.189B(6)(a): the notice must say). Required for an end notice."""
    reasons: str | None = None
    """The officer's reasons in their own words. Required for an end notice."""
    review_deadline: date | None = None
    """The last day to ask for a review; `review_request_deadline(written_on)` if not given."""


# --- dates and file names ------------------------------------------------------------------------

# Spelt out rather than strftime("%A"), which follows the machine's locale.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(when: date) -> str:
    """'Monday 7 December 2026', as letters write dates."""
    return f"{_DAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]} {when.year}"


def review_request_deadline(notified_on: date) -> date:
    """The last day to ask for a review of a decision the client was told of on `notified_on`:
    the 21 days begin with that day (s.202(3)), so told on Monday 23 November 2026, the last
    day is Sunday 13 December 2026."""
    return notified_on + timedelta(days=REVIEW_REQUEST_DAYS - 1)


def document_file_name(case_ref: str, kind: str, version: int, issued_on: date) -> str:
    """A file name safe on every system, that sorts by case, document and version:
    'CASE1234-personal-housing-plan-v02-2026-11-23.md'. The version has two digits so that
    version 10 sorts after version 9."""
    if kind not in DOCUMENT_TITLES:
        raise ValueError(f"unknown document kind {kind!r}; the kinds are {tuple(DOCUMENT_TITLES)}")
    if version < 1:
        raise ValueError(f"version must be 1 or more (got {version})")
    ref = re.sub(r"[^A-Za-z0-9]+", "-", case_ref).strip("-")[:40].strip("-") or "case"
    what = LETTER_TEMPLATES.get(kind, kind).replace("_", "-")
    return f"{ref}-{what}-v{version:02d}-{issued_on.isoformat()}.md"


# --- rendering -----------------------------------------------------------------------------------


def render_plan(content: PlanContent, *, council: CouncilPolicy, templates: Templates) -> str:
    """The Personal Housing Plan (or written advice, for an advice-only or closed case) as
    Markdown: every step with its date, the duties, key dates, version and review date."""
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
    values = _document_values(
        council,
        templates,
        client_name=content.client_name,
        client_address=content.client_address,
        case_ref=content.case_ref,
        officer_name=content.officer_name,
    )
    values.update(
        issued_on=long_date(content.issued_on),
        plan_review_on=long_date(content.review_on) if content.review_on else "",
        version=str(content.version),
        version_line=version_line,
        version_note=version_note,
        circumstances=_bullets(
            content.circumstances, "We have not written down your situation yet."
        ),
        council_steps=_steps(content.council_steps, "No steps agreed yet."),
        applicant_steps=_steps(content.applicant_steps, "No steps agreed yet."),
        key_dates=_key_dates(content.key_dates),
        options_considered=_bullets(
            content.options_considered, "We have not written down any other options."
        ),
        contacts=_contacts(council, content.officer_name, content.case_ref, content.contacts),
        ask_for_review_by=long_date(review_request_deadline(content.issued_on)),
    )
    if not content.is_advice_only:
        values["duties"] = _bullets(
            content.duties,
            "We have not yet decided which duty we owe you. We will tell you in writing.",
        )
    return _tidy(templates.render(kind, values))


def render_letter(
    kind: str, content: LetterContent, *, council: CouncilPolicy, templates: Templates
) -> str:
    """The letter for a duty that started, or the notice for one that ended, as Markdown.

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
    values = _document_values(
        council,
        templates,
        client_name=content.client_name,
        client_address=content.client_address,
        case_ref=content.case_ref,
        officer_name=content.officer_name,
    )
    values.update(
        written_on=long_date(content.written_on),
        duty_started_on=long_date(content.duty_started_on),
        reasons=reasons,
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
    return _tidy(templates.render(LETTER_TEMPLATES[kind], values))


def render_case_document(
    name: str,
    values: Mapping[str, str],
    *,
    council: CouncilPolicy,
    templates: Templates,
    client_name: str,
    client_address: str | None,
    case_ref: str,
    officer_name: str,
) -> str:
    """Document `name` (one of MONEY_DOCUMENT_KINDS) for the client, as Markdown: the
    letterhead, the client and the council filled in here, `values` for the rest."""
    if name not in MONEY_DOCUMENT_KINDS:
        raise ValueError(f"unknown document {name!r}; the kinds are {MONEY_DOCUMENT_KINDS}")
    filled = _document_values(
        council,
        templates,
        client_name=client_name,
        client_address=client_address,
        case_ref=case_ref,
        officer_name=officer_name,
    )
    filled.update(values)
    return _tidy(templates.render(name, filled))


def bullets(items: Sequence[str], when_empty: str = "None.") -> str:
    """A Markdown list of `items`, one line each (`when_empty` if there are none)."""
    return _bullets(items, when_empty)


def _document_values(
    council: CouncilPolicy,
    templates: Templates,
    *,
    client_name: str,
    client_address: str | None,
    case_ref: str,
    officer_name: str,
) -> dict[str, str]:
    """The values every document has: the council, its letterhead and the client."""
    council_values = _council_values(council)
    values = dict(council_values)
    values.update(
        letterhead=templates.render("letterhead", council_values).strip(),
        addressee=_lines([client_name, *(client_address or "").splitlines()]),
        client_name=client_name.strip(),
        case_ref=case_ref.strip(),
        officer_name=officer_name.strip(),
        phone_us=_phone_us(council),
        how_to_contact_us=_bullets(_ways_to_contact(council), ""),
    )
    return values


def _council_values(council: CouncilPolicy) -> dict[str, str]:
    return {
        "council_name": council.name,
        "council_address": _lines(council.address),
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
) -> str:
    return _bullets(
        [
            f"Your housing officer: {officer_name.strip()} (please quote your reference, "
            f"{case_ref.strip()})",
            *_ways_to_contact(council),
            f"Emergency line outside office hours: {council.out_of_hours_phone}",
            *extra,
        ],
        "",
    )


# --- Markdown that reads as plain text -----------------------------------------------------------


def _one_line(text: str) -> str:
    """Officers' text on one line, so it stays inside its list item."""
    return " ".join(text.split())


def _lines(lines: Sequence[str]) -> str:
    """Lines kept as lines: a Markdown hard break (two spaces) is invisible in plain text."""
    return "  \n".join(line.strip() for line in lines if line.strip())


def _bullets(items: Sequence[str], when_empty: str) -> str:
    kept = [_one_line(item) for item in items if item.strip()]
    if not kept:
        return when_empty
    return "\n".join(f"- {item}" for item in kept)


def _steps(steps: Sequence[PlanStep], when_empty: str) -> str:
    lines: list[str] = []
    for step in steps:
        text = _one_line(step.text).rstrip(".")
        if not text:
            continue
        if step.due_on is not None:
            text += f", by {long_date(step.due_on)}"
        text += "."
        label = _one_line(step.status_label).rstrip(".")
        if label:
            text += f" Progress: {label}."
        lines.append(f"{len(lines) + 1}. {text}")
    return "\n".join(lines) if lines else when_empty


def _key_dates(dates: Sequence[KeyDate]) -> str:
    items = [
        f"{long_date(key.on)}: {_one_line(key.what)}"
        for key in sorted(dates, key=lambda key: key.on)
        if key.what.strip()
    ]
    return _bullets(items, "No key dates yet.")


def _tidy(text: str) -> str:
    """One blank line at most between paragraphs (an empty placeholder leaves a gap), and a
    final newline."""
    text = re.sub(r"(?m)^[ \t]+$", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
