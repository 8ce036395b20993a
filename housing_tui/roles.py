"""Who may do what: the one place the commands ask whether the acting officer has a role.

Roles (officer, principal, admin) come with accounts and sign-in (issue 16 item 1), which are
not built yet. Until then `require_role` cannot check anything and does not pretend to: it lets
every officer through, and each command that calls it says in its help that it is for admins.
The accounts work fills it in; the callers stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.database import Database

ADMIN = "admin"


class NotPermitted(Exception):
    """The officer lacks the role; the message says who can do it."""


def require_role(db: Database, officer_id: str, role: str, *, to: str) -> None:
    """Raise NotPermitted unless `officer_id` has `role`; `to` says what they tried ("purge
    records past their retention date"), for the message. Roles do not exist yet: see the
    module's docstring."""
    del db, officer_id, role, to  # read once roles exist (issue 16 item 1)
