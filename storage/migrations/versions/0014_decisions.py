"""Homelessness applications: inquiries, minded to, the decision and its sign-off, the letter,
notification and review (issue 17 items 1 and 2)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FINDINGS = ("eligibility", "homeless", "priority_need", "intentionality", "local_connection")


def upgrade() -> None:
    findings = []
    for name in _FINDINGS:
        findings.append(sa.Column(name, sa.String(length=10), nullable=False))
        findings.append(sa.Column(f"{name}_notes", sa.String(), nullable=False))
    op.create_table(
        "homelessness_application",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("ground", sa.String(length=30), nullable=False),
        *findings,
        sa.Column("minded_to_outcome", sa.String(length=30), nullable=True),
        sa.Column("minded_to_told_on", sa.Date(), nullable=True),
        sa.Column("minded_to_reply", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("outcome_reason", sa.String(length=60), nullable=True),
        sa.Column("reasons", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("signed_off_by", sa.String(length=36), nullable=True),
        sa.Column("signed_off_on", sa.Date(), nullable=True),
        sa.Column("letter_on", sa.Date(), nullable=True),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("review_requested_on", sa.Date(), nullable=True),
        sa.Column("review_outcome", sa.String(length=20), nullable=True),
        sa.Column("review_decided_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_homelessness_application_case_id", "homelessness_application", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_homelessness_application_case_id", table_name="homelessness_application")
    op.drop_table("homelessness_application")
