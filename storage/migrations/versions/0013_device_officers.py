"""Officers' signing keys, the officers known on each laptop, and revoked laptops (issue 16
item 4)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-12 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    with op.batch_alter_table("officer", schema=None) as batch_op:
        # Made at each officer's next sign-in (storage.accounts.record_sign_in).
        batch_op.add_column(sa.Column("signing_key", text(length=44), nullable=True))
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("revoked_by", text(length=36), nullable=True))
    op.create_table(
        "officer_laptop",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("officer_id", text(length=36), nullable=False),
        sa.Column("laptop_id", text(length=36), nullable=False),
        sa.Column("laptop_key", text(length=44), nullable=False),
        sa.Column("officer_key", text(length=44), nullable=False),
        sa.Column("signature", text(length=88), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("officer_laptop")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_at")
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_column("signing_key")
