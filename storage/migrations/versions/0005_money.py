"""Money: DHP applications and payments, rent deposit property checks, repayment plans and
repayments; and each household member's sex, for the bedroom size criteria

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
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


def _pence(name: str, *, nullable: bool = False) -> sa.Column:
    """Money is stored as whole pence (storage.types.Pence)."""
    return sa.Column(name, sa.BigInteger(), nullable=nullable)


def _keys(*foreign: tuple[str, str]) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        *(sa.ForeignKeyConstraint([column], [target]) for column, target in foreign),
        sa.PrimaryKeyConstraint("id"),
    ]


_TABLES = ("dhp_application", "dhp_payment", "property_check", "repayment_plan", "repayment")


def upgrade() -> None:
    op.create_table(
        "dhp_application",
        *_bookkeeping(),
        sa.Column("financial_year", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        _pence("weekly_shortfall"),
        sa.Column("weeks", sa.Integer(), nullable=False),
        _pence("rent_in_advance"),
        _pence("deposit"),
        _pence("removal_costs"),
        _pence("amount_requested"),
        _pence("amount_awarded", nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("reasons", sa.String(), nullable=False),
        sa.Column("check_inputs", sa.String(), nullable=False),
        *_keys(),
    )
    op.create_table(
        "dhp_payment",
        *_bookkeeping(),
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        _pence("amount"),
        sa.Column("note", sa.String(), nullable=False),
        *_keys(("application_id", "dhp_application.id")),
    )
    op.create_table(
        "property_check",
        *_bookkeeping(),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("landlord", sa.String(length=200), nullable=False),
        _pence("rent"),
        sa.Column("rent_frequency", sa.String(length=20), nullable=False),
        sa.Column("bedrooms", sa.Integer(), nullable=False),
        _pence("deposit_asked", nullable=True),
        _pence("rent_in_advance_asked", nullable=True),
        _pence("holding_deposit", nullable=True),
        _pence("fees_asked", nullable=True),
        sa.Column("epc_rating", sa.String(length=1), nullable=True),
        sa.Column("checks", sa.String(), nullable=False),
        sa.Column("scheme_can_help", sa.Boolean(), nullable=False),
        _pence("scheme_deposit", nullable=True),
        sa.Column("summary", sa.String(), nullable=False),
        *_keys(),
    )
    op.create_table(
        "repayment_plan",
        *_bookkeeping(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        _pence("amount_owed"),
        _pence("instalment"),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("first_due_on", sa.Date(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        *_keys(),
    )
    op.create_table(
        "repayment",
        *_bookkeeping(),
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        _pence("amount"),
        sa.Column("note", sa.String(), nullable=False),
        *_keys(("plan_id", "repayment_plan.id")),
    )
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("dhp_application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dhp_application_financial_year"), ["financial_year"], unique=False
        )
    with op.batch_alter_table("dhp_payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dhp_payment_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dhp_payment_paid_on"), ["paid_on"], unique=False)
    with op.batch_alter_table("repayment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repayment_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sex", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.drop_column("sex")
    for table in reversed(_TABLES):
        op.drop_table(table)  # dropping a table drops its indexes
