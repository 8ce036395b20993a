"""Who may do what, and what a passphrase must be: the actions the seeds reserve for the
principal (and managing officers, for admins), checked the same way by every screen and
command. Which roles may do each comes
from the policy file's [security.roles]; a refusal says, in plain English, who can."""

from __future__ import annotations

from housing_tui.reference.policy import ReservedAction, Role, SecurityPolicy


def may(role: Role, action: ReservedAction, security: SecurityPolicy) -> bool:
    return role in security.roles[action]


def who_can(action: ReservedAction, security: SecurityPolicy) -> str:
    """ "Only a principal officer or an admin may see the team's caseload." """
    allowed = [_a(role) for role in Role if role in security.roles[action]]
    names = allowed[0] if len(allowed) == 1 else f"{', '.join(allowed[:-1])} or {allowed[-1]}"
    return f"Only {names} may {action.words}."


def refusal(role: Role, action: ReservedAction, security: SecurityPolicy) -> str | None:
    """Why `role` may not do `action` (who can, and what to do), or None if it may."""
    if may(role, action, security):
        return None
    return f"{who_can(action, security)} You are signed in as {_a(role)}: ask one."


def _a(role: Role) -> str:
    return f"{'an' if role.label[0] in 'aeiou' else 'a'} {role.label}"


def passphrase_problem(passphrase: str, again: str, security: SecurityPolicy) -> str | None:
    """What is wrong with a new passphrase typed twice, or None."""
    if len(passphrase) < security.passphrase_min_length:
        return (
            f"A passphrase needs at least {security.passphrase_min_length} characters: "
            "a few words are easy to remember and hard to guess."
        )
    if passphrase != again:
        return "The two passphrases are not the same: type it again in both fields."
    return None
