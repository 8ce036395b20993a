"""The PostgreSQL team store's password, kept in the encrypted database, not settings.json
(issue 16 item 4)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-11 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "store_password",
        sa.Column("location", sa.String(length=500), nullable=False),
        sa.Column("password", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("location"),
    )


def downgrade() -> None:
    op.drop_table("store_password")
