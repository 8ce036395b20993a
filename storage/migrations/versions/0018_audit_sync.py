"""The audit trail travels with the sync: how far each laptop's chain has been shared
(issue 16 item 5)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_shared",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("through_seq", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )


def downgrade() -> None:
    op.drop_table("audit_shared")
