"""The whole policy: the shipped defaults merged with a council's own `policy.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from housing_tui.reference.council_files import read_council_text
from housing_tui.reference.policy.accommodation import (
    AccommodationPolicy,
    RechargingPolicy,
    read_accommodation,
    read_recharging,
)
from housing_tui.reference.policy.assessment import AssessmentPolicy, read_assessment
from housing_tui.reference.policy.council import CouncilPolicy, read_council
from housing_tui.reference.policy.deadlines import DeadlinesPolicy, read_deadlines
from housing_tui.reference.policy.decisions import DecisionsPolicy, read_decisions
from housing_tui.reference.policy.money import (
    BenefitsPolicy,
    DepositsPolicy,
    DhpPolicy,
    LhaPolicy,
    RepaymentsPolicy,
    read_benefits,
    read_deposits,
    read_dhp,
    read_lha,
    read_repayments,
)
from housing_tui.reference.policy.reading import PolicyError, Section
from housing_tui.reference.policy.retention import RetentionPolicy, read_retention
from housing_tui.reference.policy.security import SecurityPolicy, read_security
from housing_tui.reference.policy.target_hardening import (
    TargetHardeningPolicy,
    read_target_hardening,
)
from housing_tui.reference.policy.triage import TriagePolicy, read_triage

POLICY_FILE_NAME = "policy.toml"
"""Name of a council's override file inside the data directory."""


@dataclass(frozen=True)
class Policy:
    triage: TriagePolicy
    source: str
    """Where the values came from, for the help screen and error messages."""
    assessment: AssessmentPolicy
    deadlines: DeadlinesPolicy
    decisions: DecisionsPolicy
    council: CouncilPolicy
    benefits: BenefitsPolicy
    lha: LhaPolicy
    dhp: DhpPolicy
    deposits: DepositsPolicy
    repayments: RepaymentsPolicy
    retention: RetentionPolicy
    security: SecurityPolicy
    target_hardening: TargetHardeningPolicy
    accommodation: AccommodationPolicy
    recharging: RechargingPolicy


def load_policy(data_dir: Path | None = None) -> Policy:
    """The shipped defaults, overridden by `policy.toml` in `data_dir` if there is one."""
    text = (
        resources.files("housing_tui.reference").joinpath("policy_default.toml").read_text("utf-8")
    )
    merged = tomllib.loads(text)
    source = "shipped defaults"
    override = data_dir / POLICY_FILE_NAME if data_dir else None
    if override and override.exists():
        try:
            council = tomllib.loads(read_council_text(override))
        except (OSError, UnicodeDecodeError) as error:
            raise PolicyError(f"{override}: cannot be read as UTF-8 text ({error})") from error
        except tomllib.TOMLDecodeError as error:
            raise PolicyError(f"{override}: not valid TOML ({error})") from error
        source = f"shipped defaults with {override}"
        try:
            _merge(merged, council)
        except TypeError as error:
            raise PolicyError(f"{override}: {error}") from error
    try:
        return Policy(
            triage=read_triage(merged["triage"]),
            source=source,
            assessment=read_assessment(merged["assessment"]),
            deadlines=read_deadlines(merged["deadlines"]),
            decisions=read_decisions(Section(merged["decisions"], "decisions")),
            council=read_council(merged["council"]),
            benefits=read_benefits(Section(merged["benefits"], "benefits")),
            lha=read_lha(merged["lha"]),
            dhp=read_dhp(Section(merged["dhp"], "dhp")),
            deposits=read_deposits(merged["deposits"]),
            repayments=read_repayments(Section(merged["repayments"], "repayments")),
            retention=read_retention(Section(merged["retention"], "retention")),
            security=read_security(merged["security"]),
            target_hardening=read_target_hardening(
                Section(merged["target_hardening"], "target_hardening")
            ),
            accommodation=read_accommodation(merged["accommodation"]),
            recharging=read_recharging(merged["recharging"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PolicyError(f"{source}: {error}") from error


def _merge(base: dict[str, Any], override: dict[str, Any], within: str = "") -> None:
    for key, value in override.items():
        if isinstance(base.get(key), dict):
            if not isinstance(value, dict):
                raise TypeError(f"{within}{key} must be a [{within}{key}] section, not {value!r}")
            _merge(base[key], value, f"{within}{key}.")
        else:
            base[key] = value
