"""Officers get accounts: a role, whether active, the passphrase's hash, the officer's key's
salt and cost, the team key wrapped by it, and whether the passphrase must be changed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    with op.batch_alter_table("officer", schema=None) as batch_op:
        # Officers from before accounts are officers, active, with no passphrase yet.
        batch_op.add_column(
            sa.Column("role", text(length=12), nullable=False, server_default="officer")
        )
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("passphrase_hash", text(length=200), nullable=True))
        batch_op.add_column(sa.Column("key_salt", text(length=44), nullable=True))
        batch_op.add_column(sa.Column("key_cost", text(length=60), nullable=True))
        batch_op.add_column(sa.Column("wrapped_team_key", text(length=120), nullable=True))
        batch_op.add_column(
            sa.Column("must_change_passphrase", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("officer", schema=None) as batch_op:
        for column in (
            "must_change_passphrase",
            "wrapped_team_key",
            "key_cost",
            "key_salt",
            "passphrase_hash",
            "active",
            "role",
        ):
            batch_op.drop_column(column)
