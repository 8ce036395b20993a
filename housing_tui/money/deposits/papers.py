"""Whether the property's papers are in order: gas safety, electrical safety (EICR), the EPC
rating, the How to Rent guide, deposit protection and the landlord checks."""

from __future__ import annotations

from dataclasses import dataclass

from housing_tui.money.deposits.offer import (
    ANSWERED_CHECKS,
    EPC_RATINGS,
    Check,
    CheckAnswer,
    CheckResult,
    CheckStatus,
    PropertyOffer,
)
from housing_tui.reference.policy import DepositsPolicy


@dataclass(frozen=True)
class _Wording:
    yes: str
    no: str
    not_known: str
    law: bool
    """The landlord must by law: a "no" means the letting as offered breaks it."""


_WORDING = {
    Check.GAS_SAFETY: _Wording(
        yes="A current gas safety certificate has been seen (or there is no gas supply).",
        no="No current gas safety certificate: every gas appliance must be checked each year "
        "and the certificate given to the tenant before they move in (Gas Safety "
        "(Installation and Use) Regulations 1998).",
        not_known="Ask the landlord for the current gas safety certificate.",
        law=True,
    ),
    Check.ELECTRICAL_SAFETY: _Wording(
        yes="A satisfactory electrical safety report (EICR) less than 5 years old has been seen.",
        no="No satisfactory electrical safety report: one is needed every 5 years and given to "
        "the tenant before they move in (Electrical Safety Standards Regulations 2020).",
        not_known="Ask the landlord for the electrical safety report (EICR).",
        law=True,
    ),
    Check.HOW_TO_RENT: _Wording(
        yes="The landlord gives the client the government's How to Rent guide.",
        no="The landlord must give the tenant the government's How to Rent guide.",
        not_known="Check that the landlord will give the How to Rent guide.",
        law=True,
    ),
    Check.DEPOSIT_PROTECTION: _Wording(
        yes="The landlord will protect the deposit in a government scheme within {days} days "
        "and give the client the scheme's details.",
        no="The landlord will not protect the deposit: the law requires it, in a government "
        "scheme, within {days} days (Housing Act 2004 s.213).",
        not_known="Ask which government scheme will protect the deposit (within {days} days).",
        law=True,
    ),
    Check.LANDLORD_CHECKS: _Wording(
        yes="The landlord or agent has been checked: identity, ownership, not banned, licensed "
        "where the area needs it.",
        no="The landlord checks failed: do not place the client until the landlord's identity, "
        "ownership, licence and any banning order are cleared.",
        not_known="Check the landlord or agent: identity, ownership (Land Registry), the "
        "database of rogue landlords, and a licence where the area needs one.",
        law=False,
    ),
}


_ANSWER_STATUS = {
    CheckAnswer.YES: CheckStatus.PASS,
    CheckAnswer.NO: CheckStatus.FAIL,
    CheckAnswer.NOT_KNOWN: CheckStatus.NOT_KNOWN,
}


def paper_checks(offer: PropertyOffer, rules: DepositsPolicy) -> list[CheckResult]:
    results = [_epc(offer.epc_rating, rules.minimum_epc_rating)]
    for check in ANSWERED_CHECKS:
        wording, answer = _WORDING[check], offer.answer(check)
        text = {
            CheckAnswer.YES: wording.yes,
            CheckAnswer.NO: wording.no,
            CheckAnswer.NOT_KNOWN: wording.not_known,
        }[answer]
        results.append(
            CheckResult(
                check,
                _ANSWER_STATUS[answer],
                text.format(days=rules.protection_days),
                law=wording.law,
            )
        )
    return results


def _epc(rating: str | None, minimum: str) -> CheckResult:
    if rating is None:
        status = CheckStatus.NOT_KNOWN
        reason = f"Ask for the Energy Performance Certificate: {minimum} or better is needed."
    elif EPC_RATINGS.index(rating) > EPC_RATINGS.index(minimum):
        status = CheckStatus.FAIL
        reason = (
            f"Rated {rating}: below {minimum}, the lowest a home may be let with (minimum "
            "energy efficiency standard) unless the landlord has registered an exemption."
        )
    else:
        status, reason = CheckStatus.PASS, f"Rated {rating}: {minimum} or better is needed."
    return CheckResult(Check.EPC_RATING, status, reason, law=True)
