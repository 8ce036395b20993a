"""Prevention and relief: the plan's actions, the duties owed, the documents produced,
deadlines met, and what the actions secured, on the case

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:54:37
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
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


def _keys() -> list[sa.Constraint]:
    return [sa.ForeignKeyConstraint(["case_id"], ["case.id"]), sa.PrimaryKeyConstraint("id")]


def upgrade() -> None:
    op.create_table(
        "case_action",
        *_bookkeeping(),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("option_key", sa.String(length=60), nullable=True),
        sa.Column("council_step", sa.String(), nullable=True),
        sa.Column("applicant_step", sa.String(), nullable=True),
        sa.Column("prevention_activity", sa.String(length=60), nullable=True),
        sa.Column("relief_activity", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("accommodation_secured", sa.String(length=60), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_keys(),
    )
    op.create_table(
        "duty",
        *_bookkeeping(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=60), nullable=True),
        sa.Column("start_letter_on", sa.Date(), nullable=True),
        sa.Column("end_letter_on", sa.Date(), nullable=True),
        *_keys(),
    )
    op.create_table(
        "case_document",
        *_bookkeeping(),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("duty_id", sa.String(length=36), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        *_keys(),
    )
    op.create_table(
        "deadline_met",
        *_bookkeeping(),
        sa.Column("deadline", sa.String(length=80), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        *_keys(),
    )
    for table in ("case_action", "duty", "case_document", "deadline_met"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_document_case_kind", ["case_id", "kind", "plan_version"], unique=False
        )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secured_outcome", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("secured_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("secured_duty", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("main_activity", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for column in ("main_activity", "secured_duty", "secured_on", "secured_outcome"):
            batch_op.drop_column(column)
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_index("ix_case_document_case_kind")
    for table in ("deadline_met", "case_document", "duty", "case_action"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_case_id"))
        op.drop_table(table)
