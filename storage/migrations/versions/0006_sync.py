"""Sync: this laptop's device state, its operation log, how far it has applied each other
device, the per-field registers that make merging order-independent, and conflicts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("next_seq", sa.Integer(), nullable=False),
        sa.Column("sent_through", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=20), nullable=False),
        sa.Column("adopted", sa.Boolean(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_sync_summary", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_table(
        "sync_op",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=20), nullable=False),
        sa.Column("schema_revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "sync_sent",
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("seen", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("first_seq"),
    )
    op.create_table(
        "sync_applied",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("through_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_table(
        "sync_register",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("fields", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("column_name", sa.String(length=60), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("losing_value", sa.String(), nullable=False),
        sa.Column("losing_officer", sa.String(length=36), nullable=True),
        sa.Column("losing_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_conflict_record_id", "sync_conflict", ["record_id"])
    op.create_index("ix_sync_conflict_case_id", "sync_conflict", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_conflict_case_id", table_name="sync_conflict")
    op.drop_index("ix_sync_conflict_record_id", table_name="sync_conflict")
    for table in (
        "sync_conflict",
        "sync_register",
        "sync_applied",
        "sync_sent",
        "sync_op",
        "sync_state",
    ):
        op.drop_table(table)
