"""The council policy file: thresholds and lists a council may change without touching code.

Shipped defaults live in `policy_default.toml` beside this module; a council's own
`policy.toml` in the data directory overrides any of them, key by key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from housing_tui.codes import TRIAGE_CONDITIONS, Urgency

POLICY_FILE_NAME = "policy.toml"
"""Name of a council's override file inside the data directory."""


class PolicyError(ValueError):
    """The policy file cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class TodayRule:
    """One line of the "must happen today" list and the facts that trigger it."""

    when: frozenset[str]
    action: str


@dataclass(frozen=True)
class TriagePolicy:
    threatened_within_days: int
    next_action_days: dict[Urgency, int]
    today: tuple[TodayRule, ...]


@dataclass(frozen=True)
class Policy:
    triage: TriagePolicy
    source: str
    """Where the values came from, for the help screen and error messages."""


def load_policy(data_dir: Path | None = None) -> Policy:
    """The shipped defaults, overridden by `policy.toml` in `data_dir` if there is one."""
    text = resources.files("housing_tui").joinpath("policy_default.toml").read_text("utf-8")
    merged = tomllib.loads(text)
    source = "shipped defaults"
    override = data_dir / POLICY_FILE_NAME if data_dir else None
    if override and override.exists():
        try:
            _merge(merged, tomllib.loads(override.read_text("utf-8")))
        except tomllib.TOMLDecodeError as error:
            raise PolicyError(f"{override}: not valid TOML ({error})") from error
        source = f"shipped defaults with {override}"
    try:
        return Policy(triage=_triage(merged["triage"]), source=source)
    except (KeyError, TypeError, ValueError) as error:
        raise PolicyError(f"{source}: {error}") from error


def _merge(base: dict[str, Any], override: dict[str, Any]) -> None:
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _triage(raw: dict[str, Any]) -> TriagePolicy:
    days = _whole_days(raw["threatened_within_days"], "triage.threatened_within_days")
    next_days = {
        urgency: _whole_days(raw["next_action_days"][urgency.value], f"next_action_days.{urgency}")
        for urgency in Urgency
    }
    rules = []
    for number, rule in enumerate(raw["today"], start=1):
        when = frozenset(rule["when"])
        unknown = when - TRIAGE_CONDITIONS
        if unknown or not when:
            raise ValueError(
                f"triage.today rule {number}: unknown facts {sorted(unknown)}; "
                f"use some of {sorted(TRIAGE_CONDITIONS)}"
            )
        rules.append(TodayRule(when=when, action=str(rule["action"])))
    return TriagePolicy(threatened_within_days=days, next_action_days=next_days, today=tuple(rules))


def _whole_days(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key} must be a whole number of days, 0 or more (got {value!r})")
    return value
