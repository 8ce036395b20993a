"""The facts of the "minded to" and decision letters and the letter saying the main duty ended
(`DecisionLetterContent`), from the recorded application; their wording is in the templates
(`templates/wording/minded_to.md`, `decision_*.md`, `main_duty_ended.md`, built into .docx)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from housing_tui.casework.decisions.application import Application, minded_to_reply_by
from housing_tui.casework.decisions.main_duty_end import why_main_duty_ended
from housing_tui.casework.decisions.outcomes import Finding, Inquiry
from housing_tui.casework.duties import why_it_ended
from housing_tui.documents.rendering import MAIN_DUTY_ENDED, MINDED_TO, DecisionLetterContent
from housing_tui.reference.hclic import hclic_codes
from housing_tui.reference.policy import DecisionsPolicy


def findings_lines(application: Application) -> list[str]:
    """'Homeless? Yes: they were asked to leave on ...', one line per decided inquiry."""
    lines = []
    for inquiry in Inquiry:
        finding = application.finding(inquiry)
        if finding is Finding.NOT_YET:
            continue
        evidence = application.evidence.get(inquiry, "").strip()
        lines.append(f"{inquiry.label} {finding.label}{': ' + evidence if evidence else '.'}")
    return lines


def decision_letter_content(
    application: Application,
    kind: str,
    *,
    client_name: str,
    client_address: str | None,
    case_ref: str,
    officer_name: str,
    written_on: date,
    policy: DecisionsPolicy,
) -> DecisionLetterContent:
    """The minded-to letter (`kind` MINDED_TO), the letter saying the main duty ended
    (MAIN_DUTY_ENDED: the day, why in plain words, the officer's note as the reasons) or the
    decision letter of the recorded outcome."""
    letter = DecisionLetterContent(
        kind=kind,
        client_name=client_name,
        client_address=client_address,
        case_ref=case_ref,
        officer_name=officer_name,
        written_on=written_on,
        applied_on=application.opened_on,
        findings=findings_lines(application),
        reasons=application.reasons,
    )
    if kind == MINDED_TO:
        proposed = application.minded_to_outcome
        told = application.minded_to_told_on or written_on
        return replace(
            letter,
            proposed_outcome=proposed.label if proposed else "",
            reply_by=minded_to_reply_by(told, policy),
        )
    if kind == MAIN_DUTY_ENDED:
        reason = application.main_duty_end_reason
        return replace(
            letter,
            findings=[],
            reasons=application.main_duty_end_note,
            decided_on=application.main_duty_ended_on,
            end_reason_label=why_main_duty_ended(reason) if reason else "",
        )
    reason = application.outcome_reason
    return replace(
        letter,
        decided_on=application.decided_on,
        end_reason_label=why_it_ended(reason)
        or (hclic_codes().relief_duty_end.label(reason) if reason else ""),
    )
