"""Loading the catalogue: the shipped `prevention_options.toml`, merged by option key with a
council's own file in the data directory, every entry checked with a message that names the
file, the option and the problem. Where the policy file holds an option's rule (`POLICY_HELD`),
the option reads it from there."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from housing_tui.prevention.actions import ActionOwner
from housing_tui.reference.council_files import read_council_text
from housing_tui.reference.hclic import hclic_codes

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy

from housing_tui.prevention.catalogue.client_facts import CLIENT_FACTS
from housing_tui.prevention.catalogue.options import Catalogue, PreventionOption, Requirement

CATALOGUE_FILE_NAME = "prevention_options.toml"
"""The shipped catalogue beside this module, and the name of a council's file in the data
directory."""

SHIPPED_SOURCE = "shipped prevention options (housing_tui/prevention/prevention_options.toml)"


class CatalogueError(ValueError):
    """The catalogue cannot be used; the message names the file, the option and the problem."""


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
_DUE_WORKING_DAYS = "{due_working_days}"
"""Written in an option's text, replaced by its due working days, for the same reason."""

POLICY_HELD: dict[str, dict[str, tuple[str, Callable[[Policy], object]]]] = {
    "target_hardening": {
        "award_limit": (
            "[target_hardening] cost_limit",
            lambda policy: policy.target_hardening.cost_limit,
        ),
        "due_working_days": (
            "[assessment] target_hardening_working_days",
            lambda policy: policy.assessment.target_hardening_working_days,
        ),
    },
}
"""Option fields that are a rule the policy file holds, by option key: where it is written
there, and how to read it. The catalogue files leave them out, so that the option card, the
option's screen and the due list show one value, the policy's."""


def load_catalogue(data_dir: Path | None = None, *, policy: Policy) -> Catalogue:
    """The shipped options, merged with a council's `prevention_options.toml` in `data_dir` if
    there is one: an entry with an existing key changes the fields it names, a new key adds an
    option at the end, and `enabled = false` removes one. The fields `POLICY_HELD` names are
    read from `policy` (the council's, from the same data directory)."""
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
            _refuse_policy_held(raw, where)
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
    options = tuple(
        _option({**raw, **_from_policy(key, policy)}, changed_by[key])
        for key, raw in entries.items()
    )
    return Catalogue(options=options, source=source)


def _from_policy(key: str, policy: Policy) -> dict[str, object]:
    return {name: read(policy) for name, (_, read) in POLICY_HELD.get(key, {}).items()}


def _refuse_policy_held(raw: dict[str, Any], where: str) -> None:
    """A council's file may not set a field the policy file holds: the two would disagree."""
    for name, (in_policy, _) in POLICY_HELD.get(raw["key"], {}).items():
        if name in raw:
            raise CatalogueError(
                f"{where}: option {raw['key']!r}: {name} comes from the policy file "
                f"({in_policy}), so that every screen shows the same value; remove it here "
                "and change it in policy.toml"
            )


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
        held = POLICY_HELD.get(key, {})
        missing = [name for name in _REQUIRED if name not in table and name not in held]
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
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
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
        texts[name] = text.replace(_DUE_WORKING_DAYS, str(raw["due_working_days"]))
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
