"""Interview answers that cannot be read are kept as typed, so reopening the interview shows
them with what is wrong

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("typed", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interview_answer", schema=None) as batch_op:
        batch_op.drop_column("typed")
