"""Temporary accommodation: placements, and the costs recharged for them by repayment plans
(issue 17 items 4 and 5)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _bookkeeping() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "placement",
        *_bookkeeping(),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        # Money is stored as whole pence (storage.types.Pence).
        sa.Column("cost", sa.BigInteger(), nullable=False),
        sa.Column("cost_period", sa.String(length=10), nullable=False),
        sa.Column("duty", sa.String(length=10), nullable=False),
        sa.Column("placed", sa.String(), nullable=False),
        sa.Column("out_of_district", sa.Boolean(), nullable=False),
        sa.Column("out_of_district_reason", sa.String(), nullable=False),
        sa.Column("override_reason", sa.String(), nullable=False),
        sa.Column("override_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "recharge_cost",
        *_bookkeeping(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("incurred_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("waived_reason", sa.String(), nullable=False),
        sa.Column("plan_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["repayment_plan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("recharge_cost", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recharge_cost_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recharge_cost_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("recharge_cost", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recharge_cost_plan_id"))
        batch_op.drop_index(batch_op.f("ix_recharge_cost_case_id"))
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_case_id"))
    op.drop_table("recharge_cost")
    op.drop_table("placement")
