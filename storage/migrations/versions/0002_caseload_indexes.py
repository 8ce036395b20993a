"""Indexes for the caseload: open cases by officer, and by age and next action date

Measured in benchmarks/queries.py: without them every caseload page reads all open cases
through the status index and sorts them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index("ix_case_officer_status", ["officer_id", "status"], unique=False)
        batch_op.create_index(
            "ix_case_status_approached", ["status", "approached_at"], unique=False
        )
        batch_op.create_index(
            "ix_case_status_next_action", ["status", "next_action_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_status_next_action")
        batch_op.drop_index("ix_case_status_approached")
        batch_op.drop_index("ix_case_officer_status")
