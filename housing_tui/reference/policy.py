"""The council policy file: thresholds and lists a council may change without touching code.

Shipped defaults live in `policy_default.toml` beside this module; a council's own
`policy.toml` in the data directory overrides any of them, key by key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from housing_tui.reference.codes import TRIAGE_CONDITIONS, LhaCategory, Urgency
from housing_tui.reference.council_files import read_council_text

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
class AssessmentPolicy:
    """Dates and thresholds the housing options interview rules use
    (`housing_tui.casework.assessment`)."""

    rra_commencement: date
    """Renters' Rights Act 2025 main commencement: no section 21 notice served on or after it."""
    section21_last_claim_date: date
    """Last day to issue a possession claim on a section 21 notice served before commencement."""
    section21_claim_within_months: int
    section21_min_notice_months: int
    social_landlords_keep_section21: bool
    section8_counts_as_threatened: bool
    residence_months_of_last_12: int
    residence_years_of_last_5: int
    close_family_years: int
    older_person_age: int
    joint_assessment_working_days: int
    target_hardening_working_days: int
    section8_notice_weeks: dict[str, int]
    """Minimum notice by section 8 ground, where the council has confirmed it."""


@dataclass(frozen=True)
class DeadlinesPolicy:
    """Time limits the deadline engine uses (`housing_tui.calendar.deadlines.case_deadlines`).

    The 16/17 joint assessment and target-hardening limits are not repeated here: they are
    `AssessmentPolicy.joint_assessment_working_days` and `target_hardening_working_days`.
    """

    closure_days: frozenset[date]
    """Council closure days (e.g. a Christmas shutdown): not working days. Pass as
    `closures=policy.deadlines.closure_days` to the working-day functions."""
    prevention_duty_days: int
    relief_duty_days: int
    decision_working_days: int
    social_care_referral_days: int
    bnb_family_max_weeks: int
    php_review_days: int
    protocol_contact_days_before: int
    inactivity_days: int


@dataclass(frozen=True)
class CouncilPolicy:
    """The council's name and contact details, printed on every plan and letter
    (`housing_tui.documents.rendering`). The shipped values are samples a council must replace."""

    name: str
    address: tuple[str, ...]
    """The postal address, one line each, where a client can write (e.g. to ask for a review)."""
    phone: str
    email: str
    """May be empty: the documents then leave email out."""
    office_hours: str
    """When the phone is answered, e.g. "Monday to Friday, 9am to 5pm"; may be empty."""
    out_of_hours_phone: str
    """The emergency line outside office hours, for someone with nowhere to stay tonight."""
    website: str
    """May be empty."""


@dataclass(frozen=True)
class BenefitsPolicy:
    """The size criteria's ages and cap (`housing_tui.money.benefits`)."""

    shared_rate_under_age: int
    care_leaver_exempt_under_age: int
    max_bedrooms: int


@dataclass(frozen=True)
class LhaRates:
    """One set of weekly Local Housing Allowance rates and the day it applies from."""

    applies_from: date
    weekly: dict[LhaCategory, Decimal]


@dataclass(frozen=True)
class LhaPolicy:
    area: str
    """The Broad Rental Market Area the rates are for."""
    sample: bool
    """True while the shipped sample figures are in use: screens say so."""
    rates: tuple[LhaRates, ...]
    """Oldest first."""

    def rates_on(self, when: date) -> LhaRates | None:
        """The set of rates in force on `when`: the latest that applies from it or before."""
        found = None
        for rates in self.rates:
            if rates.applies_from <= when:
                found = rates
        return found


@dataclass(frozen=True)
class DhpPolicy:
    allocations: dict[str, Decimal]
    """The council's allocation by financial year, "2026-27"."""
    max_ongoing_weeks: int


@dataclass(frozen=True)
class DepositSchemePolicy:
    """The council's rent deposit scheme: who and what it helps (`housing_tui.money.deposits`)."""

    max_deposit: Decimal
    requires_duty: bool
    requires_local_connection: bool
    max_rent_over_lha_percent: int
    requires_safety_checks: bool
    recharged: bool


@dataclass(frozen=True)
class DepositsPolicy:
    """What the law lets a landlord ask for up front, and the council's scheme."""

    cap_weeks_under_threshold: int
    cap_weeks_at_or_over_threshold: int
    annual_rent_threshold: Decimal
    holding_deposit_weeks: int
    rent_in_advance_max_months: int
    rent_in_advance_limit_from: date
    protection_days: int
    minimum_epc_rating: str
    scheme: DepositSchemePolicy


@dataclass(frozen=True)
class RepaymentsPolicy:
    """Limits on repayment plans for recharged costs (`housing_tui.money.repayments`)."""

    min_weekly: Decimal
    max_weekly: Decimal
    affordable_share_percent: int
    max_weeks: int
    grace_days: int


@dataclass(frozen=True)
class Policy:
    triage: TriagePolicy
    source: str
    """Where the values came from, for the help screen and error messages."""
    assessment: AssessmentPolicy
    deadlines: DeadlinesPolicy
    council: CouncilPolicy
    benefits: BenefitsPolicy
    lha: LhaPolicy
    dhp: DhpPolicy
    deposits: DepositsPolicy
    repayments: RepaymentsPolicy


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
            triage=_triage(merged["triage"]),
            source=source,
            assessment=_assessment(merged["assessment"]),
            deadlines=_deadlines(merged["deadlines"]),
            council=_council(merged["council"]),
            benefits=_benefits(_Section(merged["benefits"], "benefits")),
            lha=_lha(merged["lha"]),
            dhp=_dhp(_Section(merged["dhp"], "dhp")),
            deposits=_deposits(merged["deposits"]),
            repayments=_repayments(_Section(merged["repayments"], "repayments")),
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


_GROUND = re.compile(r"^\d{1,2}[A-Z]{0,3}$")


def _assessment(raw: dict[str, Any]) -> AssessmentPolicy:
    def whole(key: str, *, most: int | None = None) -> int:
        value = raw[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"assessment.{key} must be a whole number, 0 or more (got {value!r})")
        if most is not None and value > most:
            raise ValueError(f"assessment.{key} must be at most {most} (got {value})")
        return value

    def day(key: str) -> date:
        value = raw[key]
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError(
                f"assessment.{key} must be a date like 2026-05-01, no quotes (got {value!r})"
            )
        return value

    def switch(key: str) -> bool:
        value = raw[key]
        if not isinstance(value, bool):
            raise ValueError(f"assessment.{key} must be true or false (got {value!r})")
        return value

    commencement, last_claim = day("rra_commencement"), day("section21_last_claim_date")
    if last_claim < commencement:
        raise ValueError(
            "assessment.section21_last_claim_date must not be before assessment.rra_commencement"
        )
    notice_weeks = {}
    for ground, weeks in raw["section8_notice_weeks"].items():
        if not _GROUND.match(ground):
            raise ValueError(
                f'assessment.section8_notice_weeks: {ground!r} is not a ground, e.g. "8" or "1A"'
            )
        if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 0:
            raise ValueError(
                f"assessment.section8_notice_weeks.{ground} must be a whole number of weeks"
            )
        notice_weeks[ground] = weeks
    return AssessmentPolicy(
        rra_commencement=commencement,
        section21_last_claim_date=last_claim,
        section21_claim_within_months=whole("section21_claim_within_months", most=24),
        section21_min_notice_months=whole("section21_min_notice_months", most=12),
        social_landlords_keep_section21=switch("social_landlords_keep_section21"),
        section8_counts_as_threatened=switch("section8_counts_as_threatened"),
        residence_months_of_last_12=whole("residence_months_of_last_12", most=12),
        residence_years_of_last_5=whole("residence_years_of_last_5", most=5),
        close_family_years=whole("close_family_years"),
        older_person_age=whole("older_person_age", most=120),
        joint_assessment_working_days=whole("joint_assessment_working_days"),
        target_hardening_working_days=whole("target_hardening_working_days"),
        section8_notice_weeks=notice_weeks,
    )


def _deadlines(raw: dict[str, Any]) -> DeadlinesPolicy:
    def whole(key: str) -> int:
        return _whole_days(raw[key], f"deadlines.{key}")

    closures = raw["closure_days"]
    if not isinstance(closures, list):
        raise ValueError(
            f'deadlines.closure_days must be a list of dates like ["2026-12-29"] (got {closures!r})'
        )
    days = set()
    for value in closures:
        if isinstance(value, date) and not isinstance(value, datetime):
            days.add(value)
            continue
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            days.add(date.fromisoformat(value))
        except ValueError:
            raise ValueError(
                f'deadlines.closure_days: {value!r} is not a date like "2026-12-29"'
            ) from None
    return DeadlinesPolicy(
        closure_days=frozenset(days),
        prevention_duty_days=whole("prevention_duty_days"),
        relief_duty_days=whole("relief_duty_days"),
        decision_working_days=whole("decision_working_days"),
        social_care_referral_days=whole("social_care_referral_days"),
        bnb_family_max_weeks=_whole_weeks(raw["bnb_family_max_weeks"]),
        php_review_days=whole("php_review_days"),
        protocol_contact_days_before=whole("protocol_contact_days_before"),
        inactivity_days=whole("inactivity_days"),
    )


def _whole_weeks(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(
            f"deadlines.bnb_family_max_weeks must be a whole number of weeks, 0 or more "
            f"(got {value!r})"
        )
    return value


_COUNCIL_KEYS = frozenset(
    ("name", "address", "phone", "email", "office_hours", "out_of_hours_phone", "website")
)


def _council(raw: dict[str, Any]) -> CouncilPolicy:
    # A misspelt key would silently leave the sample value on every letter: refuse it.
    unknown = set(raw) - _COUNCIL_KEYS
    if unknown:
        raise ValueError(
            f"council: unknown keys {sorted(unknown)}; the keys are {sorted(_COUNCIL_KEYS)}"
        )

    def text(key: str, *, required: bool = False) -> str:
        value = raw[key]
        if not isinstance(value, str):
            raise ValueError(f'council.{key} must be text in quotes, e.g. "..." (got {value!r})')
        if required and not value.strip():
            # Letters tell the client to ring these numbers in an emergency or to ask for a
            # review: a blank would leave the client without a way to reach the council.
            raise ValueError(f"council.{key} must not be empty: every plan and letter shows it")
        return value.strip()

    address = raw["address"]
    if (
        not isinstance(address, list)
        or not all(isinstance(line, str) for line in address)
        or not any(line.strip() for line in address)
    ):
        raise ValueError(
            'council.address must be a list of lines, e.g. ["Council Offices", "1 High Street"] '
            f"(got {address!r})"
        )
    return CouncilPolicy(
        name=text("name", required=True),
        address=tuple(line.strip() for line in address if line.strip()),
        phone=text("phone", required=True),
        email=text("email"),
        office_hours=text("office_hours"),
        out_of_hours_phone=text("out_of_hours_phone", required=True),
        website=text("website"),
    )


# --- money and benefits sections -----------------------------------------------------------------


class _Section:
    """Typed reads from one table of the policy file, with messages that name the key."""

    def __init__(self, raw: dict[str, Any], name: str) -> None:
        self.raw, self.name = raw, name

    def whole(self, key: str, *, least: int = 0, most: int | None = None) -> int:
        value = self.raw[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ValueError(
                f"{self.name}.{key} must be a whole number, {least} or more (got {value!r})"
            )
        if most is not None and value > most:
            raise ValueError(f"{self.name}.{key} must be at most {most} (got {value})")
        return value

    def money(self, key: str) -> Decimal:
        return _pounds(self.raw[key], f"{self.name}.{key}")

    def switch(self, key: str) -> bool:
        value = self.raw[key]
        if not isinstance(value, bool):
            raise ValueError(f"{self.name}.{key} must be true or false (got {value!r})")
        return value

    def day(self, key: str) -> date:
        value = self.raw[key]
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError(
                f"{self.name}.{key} must be a date like 2026-05-01, no quotes (got {value!r})"
            )
        return value

    def text(self, key: str) -> str:
        value = self.raw[key]
        if not isinstance(value, str) or not value.strip():
            raise ValueError(
                f'{self.name}.{key} must be text in quotes, e.g. "..." (got {value!r})'
            )
        return value.strip()


def _pounds(value: Any, key: str) -> Decimal:
    """An amount in pounds: quoted text ("150.00") keeps it exact; a plain number is read as
    it is written. Never negative, at most two decimal places."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f'{key} must be an amount in pounds in quotes, e.g. "150.00"')
    try:
        amount = Decimal(str(value).strip().removeprefix("£").replace(",", ""))
    except InvalidOperation:
        raise ValueError(
            f'{key} must be an amount in pounds, e.g. "150.00" (got {value!r})'
        ) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{key} must be pounds and pence, 0 or more (got {value!r})")
    return amount.quantize(Decimal("0.01"))


def _benefits(raw: _Section) -> BenefitsPolicy:
    return BenefitsPolicy(
        shared_rate_under_age=raw.whole("shared_rate_under_age", most=120),
        care_leaver_exempt_under_age=raw.whole("care_leaver_exempt_under_age", most=120),
        max_bedrooms=raw.whole("max_bedrooms", least=1, most=10),
    )


_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def _lha(raw: dict[str, Any]) -> LhaPolicy:
    section = _Section(raw, "lha")
    entries = raw["rates"]
    if not isinstance(entries, list) or not entries:
        raise ValueError("lha.rates must list at least one set of rates ([[lha.rates]])")
    sets = []
    for number, entry in enumerate(entries, start=1):
        rates = _Section(entry, f"lha.rates (set {number})")
        unknown = set(entry) - {"applies_from", *LhaCategory}
        if unknown:
            raise ValueError(
                f"lha.rates (set {number}): unknown keys {sorted(unknown)}; the rates are "
                f"{[str(c) for c in LhaCategory]}"
            )
        sets.append(
            LhaRates(
                applies_from=rates.day("applies_from"),
                weekly={category: rates.money(category.value) for category in LhaCategory},
            )
        )
    sets.sort(key=lambda rates: rates.applies_from)
    if len({rates.applies_from for rates in sets}) != len(sets):
        raise ValueError("lha.rates: two sets of rates apply from the same day")
    return LhaPolicy(area=section.text("area"), sample=section.switch("sample"), rates=tuple(sets))


def _dhp(raw: _Section) -> DhpPolicy:
    allocations = raw.raw["allocations"]
    if not isinstance(allocations, dict):
        raise ValueError('dhp.allocations must be a table, e.g. { "2026-27" = "150000.00" }')
    years = {}
    for year, amount in allocations.items():
        match = _FINANCIAL_YEAR.match(year)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f'dhp.allocations: {year!r} is not a financial year like "2026-27"')
        years[year] = _pounds(amount, f"dhp.allocations.{year}")
    return DhpPolicy(allocations=years, max_ongoing_weeks=raw.whole("max_ongoing_weeks", least=1))


_EPC_RATINGS = "ABCDEFG"


def _deposits(raw: dict[str, Any]) -> DepositsPolicy:
    law, scheme = _Section(raw, "deposits"), _Section(raw["scheme"], "deposits.scheme")
    epc = law.text("minimum_epc_rating").upper()
    if len(epc) != 1 or epc not in _EPC_RATINGS:
        raise ValueError(f"deposits.minimum_epc_rating must be one letter, A to G (got {epc!r})")
    return DepositsPolicy(
        cap_weeks_under_threshold=law.whole("cap_weeks_under_threshold", least=1),
        cap_weeks_at_or_over_threshold=law.whole("cap_weeks_at_or_over_threshold", least=1),
        annual_rent_threshold=law.money("annual_rent_threshold"),
        holding_deposit_weeks=law.whole("holding_deposit_weeks"),
        rent_in_advance_max_months=law.whole("rent_in_advance_max_months", least=1),
        rent_in_advance_limit_from=law.day("rent_in_advance_limit_from"),
        protection_days=law.whole("protection_days"),
        minimum_epc_rating=epc,
        scheme=DepositSchemePolicy(
            max_deposit=scheme.money("max_deposit"),
            requires_duty=scheme.switch("requires_duty"),
            requires_local_connection=scheme.switch("requires_local_connection"),
            max_rent_over_lha_percent=scheme.whole("max_rent_over_lha_percent", most=100),
            requires_safety_checks=scheme.switch("requires_safety_checks"),
            recharged=scheme.switch("recharged"),
        ),
    )


def _repayments(raw: _Section) -> RepaymentsPolicy:
    least, most = raw.money("min_weekly"), raw.money("max_weekly")
    if least <= 0 or most < least:
        raise ValueError(
            "repayments.min_weekly must be more than 0 and repayments.max_weekly at least as much"
        )
    return RepaymentsPolicy(
        min_weekly=least,
        max_weekly=most,
        affordable_share_percent=raw.whole("affordable_share_percent", least=1, most=100),
        max_weeks=raw.whole("max_weeks", least=1),
        grace_days=raw.whole("grace_days"),
    )
