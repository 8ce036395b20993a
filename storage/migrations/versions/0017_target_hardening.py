"""Target hardening (sanctuary scheme) for domestic abuse cases: the referral, property check,
landlord's agreement, works and cost, and a principal's approval over the limit (issue 17
item 6)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "target_hardening",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.Column("agreement", sa.String(length=20), nullable=False),
        sa.Column("agreement_on", sa.Date(), nullable=True),
        sa.Column("works", sa.String(), nullable=False),
        sa.Column("total_cost", sa.BigInteger(), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_total", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_target_hardening_case_id", "target_hardening", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_target_hardening_case_id", table_name="target_hardening")
    op.drop_table("target_hardening")
