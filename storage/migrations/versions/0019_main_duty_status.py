"""Main-duty cases have their own status (issue 17 item 1): a case whose main-duty decision
was notified before this status existed, and not overturned on review, is given it.

No version or time is changed: every laptop runs the same rule over the same synced
applications, so each reaches the same status without a change to send.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 11:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWED = """
    SELECT case_id FROM homelessness_application
    WHERE deleted_at IS NULL AND outcome = 'main_duty' AND notified_on IS NOT NULL
      AND (review_outcome IS NULL OR review_outcome <> 'overturned')
"""
"""The cases owed the main duty, as `Application.main_duty_owed` reads an application."""


def upgrade() -> None:
    op.execute(
        f"UPDATE \"case\" SET status = 'main_duty' WHERE status = 'open' AND id IN ({_OWED})"
    )


def downgrade() -> None:
    op.execute("UPDATE \"case\" SET status = 'open' WHERE status = 'main_duty'")
