"""Prevention and relief options: which ones fit a client, and why.

Two halves:

- `CLIENT_FACTS`, named facts about the client read from the interview ("a private tenant",
  "behind with the rent"). Each answers yes, no, or not known yet; "not known" tells the officer
  what to record. The facts are code because they read the interview and the assessment rules.
- The catalogue of options, `prevention_options.toml` beside this module: what each option is,
  the facts it needs (`when`), why it fits, the Personal Housing Plan steps, and the H-CLIC
  main prevention and relief activity it counts as. It is data, so a council can reword an
  option, switch one off or add its own by writing `prevention_options.toml` in the data
  directory, without a release.

`propose_options` puts the two together: the options that fit (with the reasons), the ones that
need information first (and what to record), and why a common option does not fit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from housing_tui.calendar.deadlines import add_council_working_days
from housing_tui.casework.assessment.eligibility import Eligibility, eligibility
from housing_tui.casework.assessment.facts import (
    Answer,
    CourtStage,
    Institution,
    InterviewFacts,
    NoticeType,
    Relationship,
    Tenure,
)
from housing_tui.casework.assessment.notices import NoticeCheck, notice_validity
from housing_tui.casework.assessment.priority_need import priority_need
from housing_tui.prevention.actions import ActionOwner
from housing_tui.reference.codes import _Coded
from housing_tui.reference.council_files import read_council_text
from housing_tui.reference.hclic import hclic_codes

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy

CATALOGUE_FILE_NAME = "prevention_options.toml"
"""The shipped catalogue beside this module, and the name of a council's file in the data
directory."""

SHIPPED_SOURCE = "shipped prevention options (housing_tui/prevention/prevention_options.toml)"


class CatalogueError(ValueError):
    """The catalogue cannot be used; the message names the file, the option and the problem."""


# --- facts about the client ----------------------------------------------------------------------

FactTest = Callable[[InterviewFacts, date, "Policy"], "bool | None"]


@dataclass(frozen=True)
class ClientFact:
    """A yes/no fact about the client that an option's `when` list can name."""

    name: str
    holds: str
    """What it says when the fact holds, in officers' words: "a private tenant"."""
    fails: str
    """What it says when it does not: "not a private tenant"."""
    test: FactTest
    """True, False, or None when the interview has not recorded what it needs yet."""
    record: str
    """What to record (or assess) when the test cannot tell yet: "Record the tenure"."""

    def says(self, held: bool, policy: Policy) -> str:
        """The phrase for the outcome, with the policy's numbers filled in."""
        text = self.holds if held else self.fails
        return text.replace("{older_person_age}", str(policy.assessment.older_person_age))


TENANCIES = frozenset(
    {Tenure.PRIVATE_RENTED, Tenure.SOCIAL_RENTED, Tenure.LODGER, Tenure.SUPPORTED}
)
"""Homes with a landlord an officer can negotiate with: hostels and supported housing
included, as evictions from them are prevented the same way."""

RENTED = TENANCIES | {Tenure.TIED, Tenure.TEMPORARY}
"""Homes whose arrears are rent arrears."""

POSSESSION_NOTICES = frozenset(
    {
        NoticeType.SECTION_8,
        NoticeType.SECTION_21,
        NoticeType.NOTICE_TO_QUIT,
        NoticeType.LICENCE_ENDED,
        NoticeType.MORTGAGE_POSSESSION,
        NoticeType.OTHER,
    }
)
"""Notices from a landlord or lender. Family or friends asking them to go is not one."""

LOOKING_FOR_WORK = frozenset({"registered_unemployed", "seeking_work_not_registered"})
"""H-CLIC employment statuses of people out of work and looking for it."""

SINGLE_ADULT_HOUSEHOLDS = frozenset(
    {"single_adult_male", "single_adult_female", "single_adult_other"}
)

YOUNG_PERSON_AGES = range(16, 25)
"""The young persons' and young parents' projects take people aged 16 to 24."""

_PARENTS = frozenset({Relationship.APPLICANT, Relationship.PARTNER})
"""Whose pregnancy makes the applicant a parent-to-be."""


def _tenure_is(*tenures: Tenure) -> FactTest:
    def test(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
        return None if facts.tenure is None else facts.tenure in tenures

    return test


def _has_landlord(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return None if facts.tenure is None else facts.tenure in TENANCIES


def _has_possession_notice(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    # The notice question defaults to "no notice", so this is never unknown.
    return facts.notice in POSSESSION_NOTICES or facts.court_stage is not CourtStage.NONE


def _notice_may_be_invalid(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    if facts.notice in (NoticeType.SECTION_8, NoticeType.SECTION_21):
        check = notice_validity(facts, today=today, policy=policy).check
        return check in (NoticeCheck.NOT_VALID, NoticeCheck.NEEDS_CHECKING, NoticeCheck.SPENT)
    # The app cannot check a notice to quit (writing, 4 weeks, prescribed information): the
    # officer must, so it counts as one to check.
    return facts.notice is NoticeType.NOTICE_TO_QUIT


def _rent_arrears(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # arrears_total is rent arrears for a tenant and mortgage arrears for an owner.
    return _arrears(facts, RENTED)


def _mortgage_arrears(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return _arrears(facts, frozenset({Tenure.OWNER_OCCUPIER}))


def _arrears(facts: InterviewFacts, tenures: frozenset[Tenure]) -> bool | None:
    owed = facts.arrears_total
    if owed is not None and owed <= 0:
        return False
    if facts.tenure is not None and facts.tenure not in tenures:
        return False
    if owed is None or facts.tenure is None:
        return None
    return True


def _rent_shortfall(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    shortfall = facts.rent_shortfall_weekly
    return None if shortfall is None else shortfall > 0


def _receives_housing_support(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    return facts.receives_housing_support


def _money_problems(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # The residual already counts debt repayments; arrears are the other sign. With the budget
    # recorded, arrears left blank are taken as none (the question is optional).
    if facts.arrears_total is not None and facts.arrears_total > 0:
        return True
    if facts.weekly_residual is None:
        return None
    return facts.weekly_residual < 0


def _domestic_abuse(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.domestic_abuse


def _wants_to_stay_safely(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    # The interview only asks (and only reads) "wants to stay" for a victim of domestic abuse.
    return facts.domestic_abuse and facts.wants_to_stay


def _single_no_children(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    applicant = facts.applicant
    if applicant is None:
        return None
    if len(facts.members) > 1 or applicant.pregnant or applicant.dependent_child:
        return False
    # Only the applicant is recorded: that is a household of one only if the household type
    # says so (the members may simply not have been added yet).
    household = facts.hclic_household_type
    if household is None or household == "not_known":
        return None
    return household in SINGLE_ADULT_HOUSEHOLDS


def _likely_priority_need(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    answer = priority_need(facts, today=today).answer
    return None if answer is Answer.MAYBE else answer is Answer.YES


def _aged_16_17(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    if facts.applicant_age(today) is None and not facts.aged_16_17:
        return None
    return facts.is_16_or_17(today)


def _aged_16_to_24(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    age = facts.applicant_age(today)
    if age is None:
        return True if facts.aged_16_17 else None
    return age in YOUNG_PERSON_AGES


def _young_parent(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    # A parent or parent-to-be: a dependent child lives with them, or someone is pregnant
    # (the applicant or a partner).
    parent = any(
        m.dependent_child or (m.pregnant and m.relationship in _PARENTS) for m in facts.members
    )
    if not parent:
        return False
    return _aged_16_to_24(facts, today, policy)


def _older_with_care_needs(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    if not facts.care_needs:
        return False
    age = facts.applicant_age(today)
    return None if age is None else age >= policy.assessment.older_person_age


def _leaving_hospital(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.tenure is Tenure.HOSPITAL or facts.leaving_institution in (
        Institution.HOSPITAL,
        Institution.MENTAL_HEALTH_HOSPITAL,
    )


def _leaving_prison(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.tenure is Tenure.PRISON or facts.leaving_institution is Institution.PRISON


def _looking_for_work(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    status = facts.employment_status
    if status is None or status == "not_known":
        return None
    return status in LOOKING_FOR_WORK


def _homeless_tonight(facts: InterviewFacts, today: date, policy: Policy) -> bool:
    return facts.homeless_tonight or facts.tenure is Tenure.NO_ACCOMMODATION


def _eligible(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    answer = eligibility(facts).answer
    return None if answer is Eligibility.NEEDS_CHECKING else answer is Eligibility.ELIGIBLE


def _has_support_needs(facts: InterviewFacts, today: date, policy: Policy) -> bool | None:
    needs = facts.hclic_support_needs
    if not needs or needs == {"not_known"}:
        return None
    return bool(needs - {"none", "not_known"})


_TENURE = "Record the tenure (how they live now)"
_AGE = "Record the applicant's date of birth"
_INSTITUTION = "Record whether they are leaving hospital or prison"

CLIENT_FACTS: dict[str, ClientFact] = {
    fact.name: fact
    for fact in (
        ClientFact(
            "private_tenant",
            "a private tenant",
            "not a private tenant",
            _tenure_is(Tenure.PRIVATE_RENTED),
            _TENURE,
        ),
        ClientFact(
            "social_tenant",
            "a council or housing association tenant",
            "not a council or housing association tenant",
            _tenure_is(Tenure.SOCIAL_RENTED),
            _TENURE,
        ),
        ClientFact(
            "owner_occupier",
            "an owner-occupier or shared owner",
            "not an owner-occupier",
            _tenure_is(Tenure.OWNER_OCCUPIER),
            _TENURE,
        ),
        ClientFact(
            "living_with_family_or_friends",
            "living with family or friends",
            "not living with family or friends",
            _tenure_is(Tenure.FAMILY_FRIENDS),
            _TENURE,
        ),
        ClientFact(
            "has_landlord",
            "has a landlord (a tenant, lodger or hostel resident)",
            "no landlord to negotiate with (not a tenant, lodger or hostel resident)",
            _has_landlord,
            _TENURE,
        ),
        ClientFact(
            "has_possession_notice",
            "has a notice to leave from a landlord or lender, or a court claim",
            "no notice to leave from a landlord or lender, and no court claim",
            _has_possession_notice,
            "Record the notice and the court stage",
        ),
        ClientFact(
            "notice_may_be_invalid",
            "the notice may not be valid: it needs checking",
            "no notice that needs checking (none recorded, or it is valid on its face)",
            _notice_may_be_invalid,
            "Record the notice, its dates and the section 8 ground",
        ),
        ClientFact(
            "rent_arrears",
            "behind with the rent",
            "no rent arrears",
            _rent_arrears,
            "Record the tenure and any rent arrears owed (0 if none)",
        ),
        ClientFact(
            "mortgage_arrears",
            "behind with the mortgage",
            "no mortgage arrears",
            _mortgage_arrears,
            "Record the tenure and any mortgage arrears owed (0 if none)",
        ),
        ClientFact(
            "rent_shortfall",
            "the rent is more than their Housing Benefit",
            "no rent shortfall: Housing Benefit meets the rent",
            _rent_shortfall,
            "Record the rent and the Housing Benefit (on Universal Credit: work out the "
            "shortfall from the UC statement)",
        ),
        ClientFact(
            "receives_housing_support",
            "gets Housing Benefit or the Universal Credit housing element",
            "not getting Housing Benefit or the Universal Credit housing element",
            _receives_housing_support,
            "Record whether they get Housing Benefit or the Universal Credit housing element",
        ),
        ClientFact(
            "money_problems",
            "their income does not cover their outgoings, or they owe arrears",
            "no money problems recorded: income covers outgoings and no arrears",
            _money_problems,
            "Record their income and outgoings",
        ),
        ClientFact(
            "domestic_abuse",
            "a victim of domestic abuse",
            "no domestic abuse recorded",
            _domestic_abuse,
            "Ask, when it is safe to, whether they are experiencing domestic abuse",
        ),
        ClientFact(
            "wants_to_stay_safely",
            "wants to stay, and can safely, with the home made secure",
            "not staying on with the home made secure (does not want to, or it is not safe)",
            _wants_to_stay_safely,
            "Ask whether they want to stay with the home made secure, and whether it is safe",
        ),
        ClientFact(
            "single_no_children",
            "a single person: no partner, children, pregnancy or others in the household",
            "not a single person: others in the household, children or a pregnancy",
            _single_no_children,
            "Record the household type and who lives with them",
        ),
        ClientFact(
            "likely_priority_need",
            "likely to be in priority need",
            "no apparent priority need",
            _likely_priority_need,
            "Assess whether they are vulnerable (priority need)",
        ),
        ClientFact("aged_16_17", "aged 16 or 17", "not aged 16 or 17", _aged_16_17, _AGE),
        ClientFact("aged_16_to_24", "aged 16 to 24", "not aged 16 to 24", _aged_16_to_24, _AGE),
        ClientFact(
            "young_parent",
            "a young parent or parent-to-be (aged 16 to 24)",
            "not a young parent or parent-to-be aged 16 to 24",
            _young_parent,
            _AGE,
        ),
        ClientFact(
            "aged_55_plus_with_care_needs",
            "aged {older_person_age} or over with care needs",
            "not aged {older_person_age} or over with care needs",
            _older_with_care_needs,
            _AGE,
        ),
        ClientFact(
            "leaving_hospital",
            "in hospital or about to be discharged",
            "not in or leaving hospital",
            _leaving_hospital,
            _INSTITUTION,
        ),
        ClientFact(
            "leaving_prison",
            "in prison or about to be released",
            "not in or leaving prison",
            _leaving_prison,
            _INSTITUTION,
        ),
        ClientFact(
            "unemployed_or_seeking_work",
            "out of work and looking for work",
            "not out of work and looking for work",
            _looking_for_work,
            "Record the employment status",
        ),
        ClientFact(
            "homeless_tonight",
            "homeless tonight",
            "has somewhere to stay tonight",
            _homeless_tonight,
            "Ask whether they have somewhere safe to stay tonight",
        ),
        ClientFact(
            "eligible",
            "eligible for help (nationality or immigration status)",
            "not eligible for help because of their immigration status (s.185)",
            _eligible,
            "Check eligibility: record the nationality or immigration status",
        ),
        ClientFact(
            "has_support_needs",
            "has support needs",
            "no support needs",
            _has_support_needs,
            "Record the support needs (or 'no support needs')",
        ),
    )
}
"""Every fact an option's `when` list may name, by name."""


def client_facts(facts: InterviewFacts, *, today: date, policy: Policy) -> dict[str, bool | None]:
    """Every client fact for this interview: True, False, or None (not recorded yet)."""
    return {name: fact.test(facts, today, policy) for name, fact in CLIENT_FACTS.items()}


# --- the catalogue -------------------------------------------------------------------------------


class Fit(_Coded):
    """How an option fits the client, in the order officers see them."""

    FITS = "fits", "Fits"
    NEEDS_INFORMATION = "needs_information", "Needs information"
    DOES_NOT_FIT = "does_not_fit", "Does not fit"


@dataclass(frozen=True)
class Requirement:
    """One entry of an option's `when` list: a fact that must hold, or (`not x`) must fail."""

    fact: str
    holds: bool = True

    def __str__(self) -> str:
        return self.fact if self.holds else f"not {self.fact}"


@dataclass(frozen=True)
class PreventionOption:
    """One option in the catalogue, as the council's file (or the shipped one) describes it."""

    key: str
    title: str
    what: str
    when: tuple[Requirement, ...]
    fits_because: str
    council_step: str
    """The council's reasonable step for the Personal Housing Plan: "We will ..."."""
    applicant_step: str
    """The applicant's reasonable step: "You will ..."."""
    owner: ActionOwner
    due_working_days: int
    prevention_activity: str
    """H-CLIC main prevention activity code."""
    relief_activity: str
    """H-CLIC main relief activity code."""
    common: bool
    """Considered for nearly everyone: when it does not fit, the officer is told why."""
    award_limit: Decimal | None = None
    """The most that may be paid without the principal housing officer's approval, in pounds."""
    contact: str | None = None

    def due_on(self, today: date, policy: Policy) -> date:
        """The action's default due date: `due_working_days` council working days from today."""
        return add_council_working_days(today, self.due_working_days, policy)

    @property
    def prevention_activity_label(self) -> str:
        return hclic_codes().main_prevention_activity.label(self.prevention_activity)

    @property
    def relief_activity_label(self) -> str:
        return hclic_codes().main_relief_activity.label(self.relief_activity)


@dataclass(frozen=True)
class Catalogue:
    """The options in the order officers see them."""

    options: tuple[PreventionOption, ...]
    source: str
    """Where the options came from, for the help screen and error messages."""

    def __iter__(self) -> Iterator[PreventionOption]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    def __contains__(self, key: object) -> bool:
        return any(option.key == key for option in self.options)

    def __getitem__(self, key: str) -> PreventionOption:
        option = self.get(key)
        if option is None:
            raise KeyError(key)
        return option

    def get(self, key: str) -> PreventionOption | None:
        return next((option for option in self.options if option.key == key), None)

    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


_TEXT_FIELDS = ("title", "what", "fits_because", "council_step", "applicant_step")
_REQUIRED = (
    "key",
    *_TEXT_FIELDS,
    "when",
    "owner",
    "due_working_days",
    "prevention_activity",
    "relief_activity",
    "common",
)
_OPTIONAL = ("award_limit", "contact", "enabled")
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_AWARD_LIMIT = "{award_limit}"
"""Written in an option's text, replaced by its award limit ("£1,000"), so the two never
disagree when a council changes the limit."""


def load_catalogue(data_dir: Path | None = None) -> Catalogue:
    """The shipped options, merged with a council's `prevention_options.toml` in `data_dir` if
    there is one: an entry with an existing key changes the fields it names, a new key adds an
    option at the end, and `enabled = false` removes one."""
    text = (
        resources.files("housing_tui.prevention").joinpath(CATALOGUE_FILE_NAME).read_text("utf-8")
    )
    entries: dict[str, dict[str, Any]] = {}
    # The file that last changed each option, to name in an error found only after merging.
    changed_by: dict[str, str] = {}
    for raw in _entries(text, SHIPPED_SOURCE):
        if raw.get("enabled", True) is False:
            continue
        entries[raw["key"]] = _without_switch(raw)
        changed_by[raw["key"]] = SHIPPED_SOURCE
    source = "shipped defaults"
    override = data_dir / CATALOGUE_FILE_NAME if data_dir else None
    if override is not None and override.exists():
        where = str(override)
        try:
            council_text = read_council_text(override)
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogueError(f"{where}: cannot be read as UTF-8 text ({error})") from error
        for raw in _entries(council_text, where, complete=False):
            key = raw["key"]
            if raw.get("enabled", True) is False:
                if key not in entries:
                    raise CatalogueError(
                        f"{where}: option {key!r}: enabled = false, but there is no such option "
                        f"to switch off; options are {sorted(entries)}"
                    )
                del entries[key]
                continue
            if key not in entries:
                missing = [name for name in _REQUIRED if name not in raw]
                if missing:
                    raise CatalogueError(
                        f"{where}: option {key!r}: a new option needs {', '.join(missing)}"
                    )
            entries[key] = {**entries.get(key, {}), **_without_switch(raw)}
            changed_by[key] = where
        source = f"shipped defaults with {where}"
    options = tuple(_option(raw, changed_by[key]) for key, raw in entries.items())
    return Catalogue(options=options, source=source)


def _without_switch(raw: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in raw.items() if name != "enabled"}


def _entries(text: str, where: str, *, complete: bool = True) -> list[dict[str, Any]]:
    """The `[[option]]` tables of one file, each field checked; `complete` for files whose
    entries must all be whole options (the shipped file)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{where}: not valid TOML ({error})") from error
    extra = sorted(set(raw) - {"option"})
    if extra:
        raise CatalogueError(
            f"{where}: unexpected {extra}; write each option as an [[option]] table"
        )
    tables = raw.get("option", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CatalogueError(f"{where}: write each option as an [[option]] table")
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        key = table.get("key")
        if not isinstance(key, str) or not _is_code(key):
            raise CatalogueError(
                f"{where}: option {number}: needs a key of lower-case letters, digits and _ "
                f"(got {key!r})"
            )
        if key in seen:
            raise CatalogueError(f"{where}: option {key!r}: the key is used twice")
        seen.add(key)
        unknown = sorted(set(table) - set(_REQUIRED) - set(_OPTIONAL))
        if unknown:
            raise CatalogueError(
                f"{where}: option {key!r}: unknown field {', '.join(unknown)}; fields are "
                f"{', '.join(_REQUIRED + _OPTIONAL)}"
            )
        missing = [name for name in _REQUIRED if name not in table]
        if complete and missing and table.get("enabled", True) is not False:
            raise CatalogueError(f"{where}: option {key!r}: missing {', '.join(missing)}")
        for name, value in table.items():
            problem = _field_problem(name, value)
            if problem:
                raise CatalogueError(f"{where}: option {key!r}: {problem}")
    return tables


def _is_code(text: str) -> bool:
    return _CODE.fullmatch(text) is not None


def _field_problem(name: str, value: Any) -> str | None:
    """What is wrong with one field's value, or None."""
    if name in _TEXT_FIELDS or name == "contact":
        if not isinstance(value, str) or not value.strip():
            return f"{name} must be some text (got {value!r})"
    elif name == "when":
        return _when_problem(value)
    elif name == "owner":
        if not isinstance(value, str) or value not in {owner.value for owner in ActionOwner}:
            return f"owner must be one of {', '.join(ActionOwner)} (got {value!r})"
    elif name == "due_working_days":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"due_working_days must be a whole number, 0 or more (got {value!r})"
    elif name in ("prevention_activity", "relief_activity"):
        codes = hclic_codes()
        code_list = (
            codes.main_prevention_activity
            if name == "prevention_activity"
            else codes.main_relief_activity
        )
        if value not in code_list:
            return (
                f"{name} {value!r} is not an H-CLIC {code_list.title.lower()} code; "
                f"use one of {', '.join(code_list.codes())}"
            )
    elif name in ("common", "enabled"):
        if not isinstance(value, bool):
            return f"{name} must be true or false (got {value!r})"
    elif name == "award_limit":
        amount = _pounds(value)
        if amount is None or amount < 0:
            return f"award_limit must be an amount in pounds, 0 or more (got {value!r})"
    return None


def _when_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return (
            'when must be a list of facts, e.g. ["private_tenant", "not aged_16_17"] '
            f"(got {value!r})"
        )
    requirements = [_requirement(item) for item in value]
    for item, requirement in zip(value, requirements, strict=True):
        if requirement.fact not in CLIENT_FACTS:
            from difflib import get_close_matches  # only on this error path

            close = get_close_matches(requirement.fact, CLIENT_FACTS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            return f"unknown fact {item!r} in when; {hint}facts are {', '.join(CLIENT_FACTS)}"
    both = {r.fact for r in requirements if r.holds} & {r.fact for r in requirements if not r.holds}
    if both:
        return f"when asks for both {sorted(both)[0]!r} and its opposite, so it can never fit"
    return None


def _requirement(text: str) -> Requirement:
    words = text.split()
    if len(words) == 2 and words[0] == "not":
        return Requirement(words[1], holds=False)
    return Requirement(" ".join(words))


def _pounds(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").removeprefix("£"))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _money(amount: Decimal) -> str:
    """£1,000 or £12.50."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def _option(raw: dict[str, Any], where: str) -> PreventionOption:
    key = raw["key"]
    limit = _pounds(raw["award_limit"]) if "award_limit" in raw else None
    texts = {}
    for name in _TEXT_FIELDS:
        text = raw[name].strip()
        if _AWARD_LIMIT in text:
            if limit is None:
                raise CatalogueError(
                    f"{where}: option {key!r}: {name} mentions {_AWARD_LIMIT} but the option "
                    "has no award_limit"
                )
            text = text.replace(_AWARD_LIMIT, _money(limit))
        texts[name] = text
    contact = raw.get("contact")
    return PreventionOption(
        key=key,
        title=texts["title"],
        what=texts["what"],
        when=tuple(_requirement(item) for item in raw["when"]),
        fits_because=texts["fits_because"],
        council_step=texts["council_step"],
        applicant_step=texts["applicant_step"],
        owner=ActionOwner(raw["owner"]),
        due_working_days=raw["due_working_days"],
        prevention_activity=raw["prevention_activity"],
        relief_activity=raw["relief_activity"],
        common=raw["common"],
        award_limit=limit,
        contact=contact.strip() if contact else None,
    )


# --- proposing options ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """An option, how it fits this client, and why."""

    option: PreventionOption
    fit: Fit
    reasons: tuple[str, ...]
    """Fits: the option's reason, then the facts that held. Needs information: what to record.
    Does not fit: the facts that stopped it."""


def propose_options(
    facts: InterviewFacts,
    *,
    today: date,
    policy: Policy,
    catalogue: Catalogue,
    include_all: bool = False,
) -> list[Proposal]:
    """The catalogue's options for this client: those that fit first, then those that need
    information, then common options that do not fit (with why not), each group in catalogue
    order. Uncommon options that do not fit are left out unless `include_all`.

    One fact that fails is enough for an option not to fit, even if others are unknown: asking
    for more information would not change the answer.
    """
    known: dict[str, bool | None] = {}

    def value(name: str) -> bool | None:
        if name not in known:
            known[name] = CLIENT_FACTS[name].test(facts, today, policy)
        return known[name]

    groups: dict[Fit, list[Proposal]] = {fit: [] for fit in Fit}
    for option in catalogue:
        held: list[str] = []
        failed: list[str] = []
        to_record: list[str] = []
        for requirement in option.when:
            fact = CLIENT_FACTS[requirement.fact]
            outcome = value(requirement.fact)
            if outcome is None:
                if fact.record not in to_record:
                    to_record.append(fact.record)
            elif outcome is requirement.holds:
                held.append(_sentence(fact.says(outcome, policy)))
            else:
                failed.append(_sentence(fact.says(outcome, policy)))
        if failed:
            if option.common or include_all:
                groups[Fit.DOES_NOT_FIT].append(Proposal(option, Fit.DOES_NOT_FIT, tuple(failed)))
        elif to_record:
            groups[Fit.NEEDS_INFORMATION].append(
                Proposal(option, Fit.NEEDS_INFORMATION, tuple(to_record))
            )
        else:
            groups[Fit.FITS].append(Proposal(option, Fit.FITS, (option.fits_because, *held)))
    return [proposal for fit in Fit for proposal in groups[fit]]


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
