"""Proposing options for a client: those that fit (and why), those that need something recorded
first, and common ones that do not fit (and why not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from housing_tui.casework.assessment.facts import InterviewFacts

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy
from housing_tui.prevention.catalogue.client_facts import CLIENT_FACTS
from housing_tui.prevention.catalogue.options import Catalogue, Fit, PreventionOption


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
