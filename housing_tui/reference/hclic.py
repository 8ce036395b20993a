"""The H-CLIC code lists, read from `hclic_codes.toml` beside this module.

H-CLIC is the quarterly case-level homelessness return. Its category lists are data, not code,
so a council can correct a label or add a category without a release: `load_hclic_codes(path)`
reads another copy of the file. Codes are what the database keeps (they never change meaning);
labels are the wording of the published lists.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILE_NAME = "hclic_codes.toml"

REQUIRED_LISTS = (
    "reason_for_loss",
    "accommodation_at_application",
    "support_needs",
    "household_type",
    "referral_source",
    "eligibility",
    "employment_status",
    "main_prevention_activity",
    "main_relief_activity",
    "prevention_duty_end",
    "relief_duty_end",
    "accommodation_secured",
    "main_duty_decision",
    "main_duty_end",
)
"""Lists the rest of the app relies on; a data file without one of them is refused."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


class HclicDataError(ValueError):
    """The code list file cannot be used; the message says which list and entry, and why."""


@dataclass(frozen=True)
class HclicCode:
    """One category: its stable code, its label, and the headings it sits under."""

    code: str
    label: str
    group: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """The headings and the label in one line, as a pick list shows it, e.g.
        "End of AST private tenancy: rent arrears: tenant difficulty budgeting"."""
        text = ": ".join((*self.group, self.label))
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class CodeList:
    """An ordered list of categories, looked up by code."""

    name: str
    title: str
    entries: tuple[HclicCode, ...]

    def __iter__(self) -> Iterator[HclicCode]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, code: object) -> bool:
        return any(entry.code == code for entry in self.entries)

    def codes(self) -> tuple[str, ...]:
        return tuple(entry.code for entry in self.entries)

    def get(self, code: str) -> HclicCode | None:
        return next((entry for entry in self.entries if entry.code == code), None)

    def label(self, code: str) -> str:
        """The label shown for `code`; an unknown code says so rather than failing."""
        entry = self.get(code)
        return entry.display if entry else f"Unknown {self.title.lower()} code {code!r}"

    def choices(self) -> list[tuple[str, str]]:
        """(label, code) pairs in the order officers see them, as Select widgets want."""
        return [(entry.display, entry.code) for entry in self.entries]


@dataclass(frozen=True)
class HclicCodes:
    """Every code list in the file, by name."""

    lists: dict[str, CodeList]
    source: str

    def __getitem__(self, name: str) -> CodeList:
        return self.lists[name]

    @property
    def reason_for_loss(self) -> CodeList:
        return self.lists["reason_for_loss"]

    @property
    def accommodation_at_application(self) -> CodeList:
        return self.lists["accommodation_at_application"]

    @property
    def support_needs(self) -> CodeList:
        return self.lists["support_needs"]

    @property
    def household_type(self) -> CodeList:
        return self.lists["household_type"]

    @property
    def referral_source(self) -> CodeList:
        return self.lists["referral_source"]

    @property
    def eligibility(self) -> CodeList:
        return self.lists["eligibility"]

    @property
    def employment_status(self) -> CodeList:
        return self.lists["employment_status"]

    @property
    def main_prevention_activity(self) -> CodeList:
        return self.lists["main_prevention_activity"]

    @property
    def main_relief_activity(self) -> CodeList:
        return self.lists["main_relief_activity"]

    @property
    def prevention_duty_end(self) -> CodeList:
        return self.lists["prevention_duty_end"]

    @property
    def relief_duty_end(self) -> CodeList:
        return self.lists["relief_duty_end"]

    @property
    def accommodation_secured(self) -> CodeList:
        return self.lists["accommodation_secured"]

    @property
    def main_duty_decision(self) -> CodeList:
        return self.lists["main_duty_decision"]

    @property
    def main_duty_end(self) -> CodeList:
        return self.lists["main_duty_end"]


@cache
def hclic_codes() -> HclicCodes:
    """The shipped code lists, read once."""
    text = resources.files("housing_tui.reference").joinpath(DATA_FILE_NAME).read_text("utf-8")
    return _parse(text, source="shipped H-CLIC code lists")


def load_hclic_codes(path: Path) -> HclicCodes:
    """The code lists in `path`, checked: for a council that keeps its own copy of the file."""
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise HclicDataError(f"{path}: cannot be read ({error.strerror})") from error
    return _parse(text, source=str(path))


def _parse(text: str, *, source: str) -> HclicCodes:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise HclicDataError(f"{source}: not valid TOML ({error})") from error
    missing = [name for name in REQUIRED_LISTS if name not in raw]
    if missing:
        raise HclicDataError(f"{source}: the lists {missing} are missing")
    try:
        lists = {name: _code_list(name, table) for name, table in raw.items()}
    except (KeyError, TypeError, ValueError) as error:
        raise HclicDataError(f"{source}: {error}") from error
    return HclicCodes(lists=lists, source=source)


def _code_list(name: str, table: Any) -> CodeList:
    if not isinstance(table, dict) or not isinstance(table.get("codes"), list):
        raise ValueError(f"[{name}] needs a title and a list of codes")
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"[{name}] needs a title")
    entries: list[HclicCode] = []
    seen: set[str] = set()
    for number, item in enumerate(table["codes"], start=1):
        where = f"[{name}] entry {number}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: write it as {{ code = ..., label = ... }}")
        code, label, group = item.get("code"), item.get("label"), item.get("group", [])
        if not isinstance(code, str) or not _CODE.match(code):
            raise ValueError(f"{where}: code {code!r} must be lower-case letters, digits and _")
        if code in seen:
            raise ValueError(f"{where}: code {code!r} is used twice")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where} ({code}): needs a label")
        if not isinstance(group, list) or not all(isinstance(g, str) and g for g in group):
            raise ValueError(f"{where} ({code}): group must be a list of headings")
        seen.add(code)
        entries.append(HclicCode(code=code, label=label, group=tuple(group)))
    if not entries:
        raise ValueError(f"[{name}] has no codes")
    return CodeList(name=name, title=title, entries=tuple(entries))
