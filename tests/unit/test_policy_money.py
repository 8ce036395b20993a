"""The policy file's money sections: a council's own figures are read exactly, and a mistake
is refused with a message that names the key (never a silent wrong figure on a letter)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy import PolicyError, load_policy


def council(tmp_path: Path, text: str):
    (tmp_path / "policy.toml").write_text(text, "utf-8")
    return load_policy(tmp_path)


def test_shipped_defaults_carry_the_law_and_sample_figures() -> None:
    policy = load_policy()
    assert policy.deposits.cap_weeks_under_threshold == 5
    assert policy.deposits.cap_weeks_at_or_over_threshold == 6
    assert policy.deposits.annual_rent_threshold == Decimal("50000.00")
    assert policy.deposits.rent_in_advance_limit_from == date(2026, 5, 1)
    assert policy.benefits.shared_rate_under_age == 35
    assert policy.benefits.max_bedrooms == 4
    assert policy.dhp.allocations["2026-27"] > 0
    assert policy.repayments.min_weekly <= policy.repayments.max_weekly


def test_a_council_replaces_its_lha_rates_and_allocation_exactly(tmp_path: Path) -> None:
    policy = council(
        tmp_path,
        """
[lha]
area = "Testshire BRMA"
sample = false
[[lha.rates]]
applies_from = 2024-04-01
shared = "79.99"
one_bedroom = 140
two_bedrooms = "170.10"
three_bedrooms = "£1,200.00"
four_bedrooms = "260.00"

[dhp]
allocations = { "2026-27" = "98765.43", "2027-28" = "100000" }
""",
    )
    rates = policy.lha.rates_on(date(2026, 11, 23))
    assert rates is not None
    assert rates.weekly[LhaCategory.SHARED] == Decimal("79.99")
    assert rates.weekly[LhaCategory.ONE_BEDROOM] == Decimal("140.00")
    assert rates.weekly[LhaCategory.THREE_BEDROOMS] == Decimal("1200.00")
    assert policy.lha.sample is False
    assert policy.dhp.allocations == {
        "2026-27": Decimal("98765.43"),
        "2027-28": Decimal("100000.00"),
    }
    # Keys the council did not name keep the shipped value.
    assert policy.dhp.max_ongoing_weeks == load_policy().dhp.max_ongoing_weeks


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('[dhp]\nallocations = { "2026-28" = "1000" }', "2026-28"),
        ('[dhp]\nallocations = { "2026-27" = "-5" }', "dhp.allocations.2026-27"),
        ('[dhp]\nallocations = { "2026-27" = "12.345" }', "dhp.allocations.2026-27"),
        ('[dhp]\nallocations = { "2026-27" = "lots" }', "dhp.allocations.2026-27"),
        ("[dhp]\nmax_ongoing_weeks = 0", "dhp.max_ongoing_weeks"),
        ('[deposits]\nminimum_epc_rating = "H"', "deposits.minimum_epc_rating"),
        ('[deposits]\nrent_in_advance_limit_from = "May 2026"', "rent_in_advance_limit_from"),
        ('[deposits.scheme]\nrequires_duty = "yes"', "deposits.scheme.requires_duty"),
        ('[repayments]\nmin_weekly = "60.00"', "repayments.min_weekly"),
        ("[repayments]\naffordable_share_percent = 150", "affordable_share_percent"),
        ("[benefits]\nmax_bedrooms = 0", "benefits.max_bedrooms"),
        (
            '[[lha.rates]]\napplies_from = 2024-04-01\nshared = "1"\none_bedroom = "1"\n'
            'two_bedrooms = "1"\nthree_bedrooms = "1"\nfive_bedrooms = "1"',
            "five_bedrooms",
        ),
        (
            '[[lha.rates]]\napplies_from = 2024-04-01\nshared = "1"\none_bedroom = "1"\n'
            'two_bedrooms = "1"\nthree_bedrooms = "1"\nfour_bedrooms = "1"\n'
            '[[lha.rates]]\napplies_from = 2024-04-01\nshared = "2"\none_bedroom = "2"\n'
            'two_bedrooms = "2"\nthree_bedrooms = "2"\nfour_bedrooms = "2"',
            "same day",
        ),
    ],
)
def test_a_mistake_is_refused_naming_the_key(tmp_path: Path, text: str, names: str) -> None:
    with pytest.raises(PolicyError, match=names):
        council(tmp_path, text)
